"""Render the router_config role's templates in-process with Ansible's own Templar.

The role's task file does three things: validate and group the models (the router_devices filter), name the files
`<device>.<dialect>.cfg`, and render `templates/<dialect>.j2` with `__router_config_device`. This module does the
same without a playbook run per file (each template task costs a module execution, seconds on this machine);
test_role_playbook.py proves its output equal to the role's. `make golden` runs it as a script:

    python tests/unit/router/router_render.py tests/unit/router/golden
"""

import os
import shutil
import sys

import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar, trust_as_template

from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import (
    build_router_models,
    group_devices,
)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
ROLE = os.path.join(ROOT, "roles", "router_config")
GOLDEN = os.path.join(HERE, "golden")
DIALECTS = ("iosxe", "iosxr", "junos", "eos", "sros", "frr")


def role_defaults():
    with open(os.path.join(ROLE, "defaults", "main.yml")) as handle:
        return yaml.safe_load(handle)


def scenarios():
    with open(os.path.join(HERE, "scenarios.yml")) as handle:
        return yaml.safe_load(handle)["scenarios"]


def scenario_models(scenario):
    options = dict(scenario.get("options") or {})
    options["md5_key"] = scenario.get("md5_key")
    return build_router_models(scenario["peerings"], scenario["circuit"], options)


def render_models(models, device_role, dialects=DIALECTS, default_interfaces=None):
    """{file name: text} exactly as the role writes them."""
    if default_interfaces is None:
        default_interfaces = role_defaults()["router_config_default_interfaces"]
    loader = DataLoader()
    loader.set_basedir(os.path.join(ROLE, "templates"))
    files = {}
    for device in group_devices(models, list(dialects), device_role, default_interfaces):
        templar = Templar(loader=loader, variables={"__router_config_device": device})
        text = templar.template(trust_as_template("{{ lookup('template', '%s.j2') }}" % device["dialect"]))
        files[device["file"]] = str(text)
    return files


def render_scenario(scenario):
    return render_models(scenario_models(scenario), scenario["device_role"])


def write_golden(target):
    for scenario in scenarios():
        directory = os.path.join(target, scenario["name"])
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        for name, text in sorted(render_scenario(scenario).items()):
            path = os.path.join(directory, name)
            with open(path, "w") as handle:
                handle.write(text)
            os.chmod(path, 0o600)
            print(os.path.relpath(path, ROOT))


if __name__ == "__main__":
    write_golden(sys.argv[1] if len(sys.argv) > 1 else GOLDEN)
