"""Every module, filter and role entry point renders with ansible-doc, as a
user (or docs.ansible.com's antsibull-docs) reads it. The lists come from the
files in the checkout, so a new plugin or entry point is covered without
editing this test."""

import json
import os
import re
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANSIBLE_DOC = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
NS = "hybridnet.expressroute"


def _modules():
    return sorted(
        name[:-3]
        for name in os.listdir(os.path.join(ROOT, "plugins", "modules"))
        if name.endswith(".py") and not name.startswith("_")
    )


def _filters():
    # Each filter is documented by a file of its name (.py, or .yml beside
    # the Python file that defines several filters).
    return sorted(
        os.path.splitext(name)[0]
        for name in os.listdir(os.path.join(ROOT, "plugins", "filter"))
        if name.endswith((".py", ".yml")) and not name.startswith("_")
    )


def _role_entry_points():
    points = []
    for role in sorted(os.listdir(os.path.join(ROOT, "roles"))):
        spec = os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")
        if os.path.exists(spec):
            with open(spec) as handle:
                for entry_point in yaml.safe_load(handle)["argument_specs"]:
                    points.append((role, entry_point))
    return points


def _doc(*args):
    env = dict(os.environ, ANSIBLE_NOCOLOR="1")
    result = subprocess.run([ANSIBLE_DOC, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, "ansible-doc %s: rc %d\n%s%s" % (
        " ".join(args),
        result.returncode,
        result.stdout,
        result.stderr,
    )
    assert "[ERROR]" not in result.stderr and "[WARNING]" not in result.stderr, result.stderr
    return result.stdout


def test_the_lists_are_not_empty():
    # A wrong path would make every parametrised test below vanish silently.
    assert len(_modules()) >= 19 and len(_filters()) >= 6
    assert {"cloud_exchange", "ipvpn", "point_to_point_ethernet", "router_config"} <= {
        r for r, _ in _role_entry_points()
    }


@pytest.mark.parametrize("module", _modules())
def test_module_renders(module):
    out = _doc("-t", "module", "%s.%s" % (NS, module))
    assert "%s.%s" % (NS, module) in out and "EXAMPLES:" in out and "RETURN VALUES:" in out


@pytest.mark.parametrize("name", _filters())
def test_filter_renders(name):
    out = _doc("-t", "filter", "%s.%s" % (NS, name))
    assert "%s.%s" % (NS, name) in out and "EXAMPLES:" in out


def _roles():
    return sorted({role for role, _ in _role_entry_points()})


@pytest.mark.parametrize("role", _roles())
def test_role_entry_points_render_with_a_description(role):
    entry_points = [point for name, point in _role_entry_points() if name == role]
    out = _doc("-t", "role", "%s.%s" % (NS, role))
    data = json.loads(_doc("-t", "role", "--json", "%s.%s" % (NS, role)))["%s.%s" % (NS, role)]["entry_points"]
    for entry_point in entry_points:
        assert re.search(r"ENTRY POINT: \*?%s\*? - " % entry_point, out), entry_point
        point = data[entry_point]
        assert point.get("short_description") and point.get("description"), (
            "%s entry point %s needs short_description and description" % (role, entry_point)
        )
        assert all(isinstance(line, str) for line in point["description"]), point["description"]
