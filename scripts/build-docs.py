#!/usr/bin/env python3
"""make docs: the collection's documentation site, built the way docs.ansible.com
builds collection docs (antsibull-docs renders the plugin, role and extra docs as
RST, Sphinx builds the HTML with the Ansible theme) and OFFLINE:

- antsibull-docs reads the collection from ANSIBLE_COLLECTIONS_PATH (--use-current),
  not from Galaxy;
- the intersphinx inventories sphinx-init configures would be downloaded from
  docs.python.org and docs.ansible.com: instead, the few labels of Ansible's own
  docs that antsibull-docs' templates link to resolve from a small local inventory
  (the links still point to docs.ansible.com);
- the topology pictures are SVG files in docs/docsite/rst/images/, copied beside the
  rendered guides (antsibull-docs copies only .rst files).

Sphinx runs with warnings as errors. Run with the docs venv's Python:
    scripts/build-docs.py --dest build/docs
"""

import argparse
import os
import shutil
import subprocess
import sys
import zlib

COLLECTION = "hybridnet.expressroute"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
IMAGES = os.path.join(ROOT, "docs", "docsite", "rst", "images")

# The labels of Ansible's documentation that antsibull-docs' page templates
# reference (found as "undefined label" warnings when building without them),
# with their pages on docs.ansible.com.
ANSIBLE_DEVEL = "https://docs.ansible.com/projects/ansible/devel/"
ANSIBLE_LABELS = {
    "ansible_configuration_settings": (
        "reference_appendices/config.html#ansible-configuration-settings",
        "Ansible Configuration Settings",
    ),
    "action_plugins": ("plugins/action.html#action-plugins", "Action plugins"),
    "common_return_values": ("reference_appendices/common_return_values.html#common-return-values", "Return Values"),
    "module_defaults": ("playbook_guide/playbooks_module_defaults.html#module-defaults", "Module defaults"),
    "check_mode_dry": (
        "playbook_guide/playbooks_checkmode.html#check-mode-dry",
        "Validating tasks: check mode and diff mode",
    ),
}


def run(*argv, cwd=None):
    print("+ " + " ".join(argv), flush=True)
    if subprocess.run(argv, cwd=cwd).returncode:
        sys.exit("build-docs: %s failed (its messages are above)" % os.path.basename(argv[0]))


def write_inventory(path):
    """A Sphinx inventory (version 2) of ANSIBLE_LABELS."""
    body = "".join(
        "%s std:label -1 %s %s\n" % (name, uri, title) for name, (uri, title) in sorted(ANSIBLE_LABELS.items())
    )
    with open(path, "wb") as handle:
        handle.write(
            b"# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n"
            b"# The remainder of this file is compressed using zlib.\n"
        )
        handle.write(zlib.compress(body.encode("utf-8")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", required=True, help="the site's build directory (emptied first)")
    args = parser.parse_args()
    dest = os.path.abspath(args.dest)
    antsibull_docs = os.path.join(BIN, "antsibull-docs")
    env_path = BIN + os.pathsep + os.environ.get("PATH", "")
    os.environ["PATH"] = env_path  # antsibull-docs runs ansible-doc from the same venv

    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    os.chmod(dest, 0o755)  # antsibull-docs refuses a directory others can write to
    run(
        antsibull_docs,
        "sphinx-init",
        "--use-current",
        "--fail-on-error",
        "--dest-dir",
        dest,
        "--no-add-antsibull-docs-version",
        "--project",
        COLLECTION,
        "--title",
        "%s documentation" % COLLECTION,
        "--html-short-title",
        COLLECTION,
        COLLECTION,
    )

    inventory = os.path.join(dest, "ansible_devel.inv")
    write_inventory(inventory)
    with open(os.path.join(dest, "conf.py"), "a") as conf:
        conf.write(
            "\n# make docs is offline: Ansible's labels resolve from a local inventory\n"
            "# (scripts/build-docs.py), nothing is downloaded.\n"
            "intersphinx_mapping = {'ansible_devel': (%r, %r)}\n" % (ANSIBLE_DEVEL, inventory)
        )

    rst = os.path.join(dest, "rst")
    os.makedirs(rst, exist_ok=True)
    os.chmod(rst, 0o755)
    run(
        antsibull_docs,
        "--config-file",
        os.path.join(dest, "antsibull-docs.cfg"),
        "collection",
        "--cleanup",
        "everything",
        "--fail-on-error",
        "--use-current",
        "--dest-dir",
        rst,
        COLLECTION,
    )

    docsite = os.path.join(rst, "collections", *COLLECTION.split("."), "docsite")
    if os.path.isdir(IMAGES):
        shutil.copytree(IMAGES, os.path.join(docsite, "images"))

    run(
        os.path.join(BIN, "sphinx-build"),
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-q",
        "-j",
        "2",
        "-c",
        dest,
        rst,
        os.path.join(dest, "html"),
    )
    print("site: %s" % os.path.join(dest, "html", "index.html"))


if __name__ == "__main__":
    main()
