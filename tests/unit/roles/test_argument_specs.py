"""Every role's meta/argument_specs.yml matches its defaults/main.yml, and the
three connectivity-model roles offer the same options (with their prefix)."""

import os
import re

import pytest
import yaml

ROLES_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), "roles"
)
MODEL_ROLES = ("cloud_exchange", "point_to_point_ethernet", "ipvpn")
PUBLIC_ROLES = [r for r in sorted(os.listdir(ROLES_DIR)) if not r.startswith("_")]


def load(role, path):
    with open(os.path.join(ROLES_DIR, role, path)) as handle:
        return yaml.safe_load(handle) or {}


def options(role):
    return load(role, "meta/argument_specs.yml")["argument_specs"]["main"]["options"]


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_defaults_are_exactly_the_optional_options(role):
    specs, defaults = options(role), load(role, "defaults/main.yml")
    optional = {name for name, spec in specs.items() if not spec.get("required")}
    assert set(defaults) == optional
    for name in optional:
        assert defaults[name] == specs[name].get("default"), name


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_every_option_is_prefixed_and_documented(role):
    for name, spec in options(role).items():
        assert name.startswith(role + "_"), name
        assert spec.get("description"), name
        assert spec.get("type"), name


def test_model_roles_offer_the_same_options():
    def unprefixed(role):
        return {name[len(role) + 1 :]: spec for name, spec in options(role).items()}

    common = set(unprefixed("cloud_exchange")) & set(unprefixed("point_to_point_ethernet")) & set(unprefixed("ipvpn"))
    for role in MODEL_ROLES:
        extra = set(unprefixed(role)) - common
        # Only the offering choice and the model's own handoff details differ.
        assert extra <= {"offering", "cross_connect", "evcs", "wan"}, (role, extra)
    for name in common:
        types = {options(r)[r + "_" + name]["type"] for r in MODEL_ROLES}
        assert len(types) == 1, name


def test_ipvpn_is_managed_layer3_only():
    assert "ipvpn_offering" not in options("ipvpn")
    with open(os.path.join(ROLES_DIR, "ipvpn", "vars", "main.yml")) as handle:
        assert yaml.safe_load(handle)["_ipvpn_connectivity"]["offering"] == "managed_layer3"


def test_model_roles_map_every_option_into_the_workflow():
    for role in MODEL_ROLES:
        with open(os.path.join(ROLES_DIR, role, "vars", "main.yml")) as handle:
            mapping = handle.read()
        for name in options(role):
            # The option itself, not a longer name that starts with it.
            assert re.search(r"\{\{ " + re.escape(name) + r"\b(?![_a-z0-9])", mapping), (role, name)


PLAYBOOKS_DIR = os.path.join(os.path.dirname(ROLES_DIR), "playbooks")


@pytest.mark.parametrize("role", MODEL_ROLES)
def test_the_example_inventory_documents_every_variable(role):
    folder = os.path.join(PLAYBOOKS_DIR, "inventories", role, "host_vars")
    text = ""
    for name in os.listdir(folder):
        with open(os.path.join(folder, name)) as handle:
            text += handle.read()
    for name, spec in options(role).items():
        # Set, or shown commented out, as a variable of its own (not the
        # prefix of a longer name).
        assert re.search(r"^#?\s*" + re.escape(name) + r":", text, re.M), name
        if spec.get("required"):
            assert yaml.safe_load(text).get(name) is not None, name


@pytest.mark.parametrize("role", MODEL_ROLES)
def test_the_peerings_ipv6_part_has_the_peering_modules_shape(role):
    """<model>_*_peering.ipv6 takes what the peering module's ipv6 option takes (the role passes it through)."""
    from ansible_collections.hybridnet.expressroute.plugins.modules.peering import DOCUMENTATION

    module = yaml.safe_load(DOCUMENTATION)["options"]["ipv6"]["suboptions"]
    for peering in ("private_peering", "microsoft_peering"):
        ipv6 = options(role)["%s_%s" % (role, peering)]["options"]["ipv6"]
        assert ipv6["type"] == "dict"
        for name, spec in ipv6["options"].items():
            assert name in module, (peering, name)
            assert spec["type"] == module[name]["type"], (peering, name)
            assert spec.get("choices") == module[name].get("choices"), (peering, name)
            assert spec.get("default") == module[name].get("default"), (peering, name)
        assert {"prefix", "primary_prefix", "secondary_prefix", "peering_state"} <= set(ipv6["options"])
    assert "microsoft_peering" in options(role)["%s_microsoft_peering" % role]["options"]["ipv6"]["options"]
    assert "microsoft_peering" not in options(role)["%s_private_peering" % role]["options"]["ipv6"]["options"]
