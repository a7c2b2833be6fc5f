"""The collection as users get it: `ansible-galaxy collection build`,
installed with `ansible-galaxy collection install`."""

import os
import re
import shutil
import subprocess
import sys
import tarfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GALAXY = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")


# What the collection ships, file by file (an allowlist: a file that matches
# none of these, say a handoff left under playbooks/, fails the build's test).
SHIPPED = [
    re.compile(pattern)
    for pattern in (
        r"(MANIFEST|FILES)\.json",
        r"README\.md",
        r"LICENSE",
        r"(requirements|bindep)\.txt",
        r"meta/(runtime|execution-environment)\.yml",
        r"changelogs/(changelog|config)\.yaml",
        r"changelogs/fragments/[\w.-]+\.ya?ml",
        r"docs/[\w-]+\.md",
        r"docs/docsite/(extra-docs|links)\.yml",
        r"docs/docsite/rst/[\w-]+\.rst",
        r"docs/docsite/rst/images/[\w-]+\.svg",
        r"plugins/(modules|module_utils|action|doc_fragments)/\w+\.py",
        r"plugins/filter/\w+\.(py|yml)",
        r"roles/\w+/README\.md",
        r"roles/\w+/(defaults|vars)/main\.yml",
        r"roles/\w+/meta/(main|argument_specs)\.yml",
        r"roles/\w+/tasks/\w+\.yml",
        r"roles/\w+/templates/[\w.]+\.j2",
        r"playbooks/\w+\.yml",
        r"playbooks/awx/(\w+/)?\w+\.yml",
        r"playbooks/vars/\w+\.yml",
        r"playbooks/inventories/\w+/(hosts|group_vars/all|host_vars/[\w-]+)\.yml",
    )
]

# Key-shaped content: a literal (not templated) BGP MD5 key in a router
# configuration, or a GUID-shaped ExpressRoute service key or authorization key.
_GUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
KEY_SHAPED = [
    re.compile(r"neighbor\s+[0-9a-fA-F.:]+\s+password\s+(?!\{\{)(?![<…])\S+"),
    re.compile(r"authentication-key\s+\"?(?!\{\{)(?![<…])[^\s\";]+"),
    # (Not the all-zero GUID: what Azure shows where there is no key.)
    re.compile(
        r"(service[_ ]?key|authorization[_ ]?key)\W{1,6}(?!00000000-0000-0000-0000-000000000000)" + _GUID, re.IGNORECASE
    ),
]


def build(source, out):
    result = subprocess.run(
        [GALAXY, "collection", "build", "--output-path", str(out), str(source)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tarballs = list(out.glob("hybridnet-expressroute-*.tar.gz"))
    assert len(tarballs) == 1
    return tarballs[0]


def shipping_problems(tarball):
    """The files of the tarball outside the allowlist, and those holding
    key-shaped content."""
    problems = []
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if member.isdir():
                continue
            if not any(pattern.fullmatch(member.name) for pattern in SHIPPED):
                problems.append("not in the allowlist: %s" % member.name)
            text = tar.extractfile(member).read().decode("utf-8", "replace")
            for pattern in KEY_SHAPED:
                found = pattern.search(text)
                if found:
                    problems.append("key-shaped content in %s: %s" % (member.name, found.group(0)[:40]))
    return problems


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(ROOT, tmp_path_factory.mktemp("dist"))


def test_the_tarball_holds_only_the_allowlist_and_no_keys(built):
    assert shipping_problems(built) == []


def test_a_handoff_left_under_playbooks_fails_the_check(tmp_path):
    # The acceptance case: a copy of the checkout (the files git knows), a
    # role's output planted where a shipped playbook run from the checkout
    # used to write it. The same check must fail, naming the file and its key.
    source = tmp_path / "ansible_collections" / "hybridnet" / "expressroute"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, files):
        if os.path.isfile(os.path.join(ROOT, name)):
            os.makedirs(os.path.dirname(source / name), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), source / name)
    clean = shipping_problems(build(source, tmp_path / "clean"))
    assert clean == []
    planted = source / "playbooks" / "expressroute-output" / "x" / "handoff.md"
    planted.parent.mkdir(parents=True)
    planted.write_text(
        "# Handoff\n\nService key: 6f8a8a2e-1c2b-4d3e-9f40-5a6b7c8d9e0f\n\n"
        "    neighbor 192.168.100.2 password S3cretMd5Key\n"
    )
    problems = shipping_problems(build(source, tmp_path / "planted"))
    assert "not in the allowlist: playbooks/expressroute-output/x/handoff.md" in problems
    assert any(p.startswith("key-shaped content in playbooks/expressroute-output/x/handoff.md") for p in problems)


def test_build_ships_the_collection_and_not_the_tests(built):
    with tarfile.open(built) as tar:
        names = tar.getnames()
    assert "MANIFEST.json" in names and "FILES.json" in names
    assert "meta/runtime.yml" in names and "requirements.txt" in names and "README.md" in names
    assert not [n for n in names if n.startswith("tests/")], "tests (and the emulator) must not ship"
    assert not [n for n in names if "expressroute_emulator" in n or n.endswith("endpoint.json")]
    assert not [n for n in names if n.startswith((".venv", "build/", ".ci", "extensions/molecule"))]
    # Nor the emulator's own distribution (make emulator-dist).
    assert not [n for n in names if n.startswith("dist/") or n.endswith(".whl") or "pyproject.toml" in n]


def test_built_collection_installs(built, tmp_path):
    # A clean environment: the test run's ANSIBLE_COLLECTIONS_PATH points at
    # the checkout, which would make the install a no-op.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_")}
    result = subprocess.run(
        [GALAXY, "collection", "install", "--force", "-p", str(tmp_path), str(built)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    installed = tmp_path / "ansible_collections" / "hybridnet" / "expressroute"
    assert (installed / "meta" / "runtime.yml").exists()
    listed = subprocess.run(
        [GALAXY, "collection", "list", "-p", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert "hybridnet.expressroute" in listed.stdout


def test_relative_links_in_shipped_documents_resolve_inside_the_collection(built):
    # A link to a file that does not ship (tests/, docs/development.md) is
    # dead for everyone reading the installed collection: those point to the
    # repository instead.
    dead = []
    with tarfile.open(built) as tar:
        names = set(tar.getnames())
        for member in tar.getmembers():
            if not member.name.endswith(".md"):
                continue
            text = tar.extractfile(member).read().decode("utf-8")
            for target in re.findall(r"\]\(([^)\s]+)\)", text):
                if re.match(r"[a-z]+:|#", target):
                    continue
                path = os.path.normpath(os.path.join(os.path.dirname(member.name), target.split("#")[0]))
                if path not in names and not any(n.startswith(path + "/") for n in names):
                    dead.append("%s -> %s" % (member.name, target))
    assert dead == []
