"""The FRR configurations the lab judges: every FRR golden, and what the three connectivity-model roles render.

Role configs are rendered the way the roles' router_configs step does it (roles/_connectivity/tasks/
router_configs.yml): the peering results the peering module returns for the molecule scenarios' inputs, the
router_model filter with the same per-peering options (MD5 key, advertise, nat_pool) and model options (the
<model>_router variable without dialects), then the router_config role's FRR template (router_render, which
tests/unit/router/test_role_playbook.py proves equal to the role's output).
"""

import glob
import ipaddress
import os
import sys

import yaml

from msee_view import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ROUTER_TESTS = os.path.join(ROOT, "tests", "unit", "router")
GOLDEN = os.path.join(ROUTER_TESTS, "golden")
MOLECULE = os.path.join(ROOT, "extensions", "molecule")
MODELS = ("cloud_exchange", "point_to_point_ethernet", "ipvpn")
# Who holds the sessions to Microsoft per offering (roles/_connectivity/vars/main.yml).
DEVICE_ROLE = {"layer2": "ce", "managed_layer3": "pe_vrf"}

sys.path.insert(0, ROUTER_TESTS)


def golden_cases():
    import router_render

    scenarios = dict((s["name"], s) for s in router_render.scenarios())
    cases = []
    for directory in sorted(glob.glob(os.path.join(GOLDEN, "*"))):
        name = os.path.basename(directory)
        files = {}
        for path in sorted(glob.glob(os.path.join(directory, "*.frr.cfg"))):
            with open(path) as handle:
                files[os.path.basename(path).split(".")[0]] = handle.read()
        if not files:
            continue
        scenario = scenarios[name]
        models = router_render.scenario_models(scenario)
        pools = [m["microsoft"]["nat_pool"] for m in models if m.get("microsoft")]
        asked = dict((m["peering"], m["advertise"]) for m in models)
        cases.append(Case("golden-" + name, files, pools, asked))
    return cases


def _molecule_vars(model):
    with open(os.path.join(MOLECULE, model, "molecule.yml")) as handle:
        doc = yaml.safe_load(handle)
    host = next(iter(doc["provisioner"]["inventory"]["host_vars"].values()))
    return dict((k[len(model) + 1:], v) for k, v in host.items() if k.startswith(model + "_"))


def _peering_result(kind, given, circuit):
    """The peering module's result for these inputs (the keys the router_model filter reads)."""
    from ansible_collections.hybridnet.expressroute.plugins.module_utils import _peering

    primary, secondary = _peering.link_prefixes(given.get("primary_prefix"), given.get("secondary_prefix"),
                                                given.get("prefix"), 4)
    result = {"name": kind, "peering_type": kind, "circuit": circuit, "state": "Enabled",
              "peer_asn": given["peer_asn"], "azure_asn": 12076, "vlan_id": given["vlan_id"],
              "primary_prefix": primary, "secondary_prefix": secondary,
              "shared_key_set": bool(given.get("shared_key"))}
    if kind == "MicrosoftPeering":
        result["microsoft_peering_config"] = {
            "advertised_public_prefixes": given["advertised_public_prefixes"], "advertised_communities": [],
            "customer_asn": given.get("customer_asn"), "routing_registry_name": given.get("routing_registry_name")}
    return result


def role_case(model):
    import router_render
    from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import build_router_models

    given = _molecule_vars(model)
    circuit = {"name": "er-lab-" + model.replace("_", "-")[:12], "tier": given.get("sku_tier", "Standard"),
               "stag": None}
    peerings, per_peering, pools = [], {}, []
    private, microsoft = given.get("private_peering") or {}, given.get("microsoft_peering") or {}
    if private:
        peerings.append(_peering_result("AzurePrivatePeering", private, circuit["name"]))
        per_peering["AzurePrivatePeering"] = dict(
            ({"md5_key": private["shared_key"]} if private.get("shared_key") else {}),
            **({"advertise": private["advertise"]} if "advertise" in private else {}))
    if microsoft:
        peerings.append(_peering_result("MicrosoftPeering", microsoft, circuit["name"]))
        per_peering["MicrosoftPeering"] = dict(
            ({"md5_key": microsoft["shared_key"]} if microsoft.get("shared_key") else {}),
            **({"nat_pool": microsoft["nat_pool"]} if "nat_pool" in microsoft else {}))
        pools.append(microsoft["nat_pool"])
    options = dict((k, v) for k, v in given["router"].items() if k != "dialects")
    options["per_peering"] = per_peering
    models = build_router_models(peerings, circuit, options)
    offering = given.get("offering", "managed_layer3" if model == "ipvpn" else "layer2")
    files = router_render.render_models(models, DEVICE_ROLE[offering], dialects=("frr",))
    files = dict((name.split(".")[0], text) for name, text in files.items())
    asked = {}
    if private:
        asked["AzurePrivatePeering"] = private.get("advertise", [])
    if microsoft:
        asked["MicrosoftPeering"] = microsoft["advertised_public_prefixes"]
    return Case("role-%s-%s" % (model, DEVICE_ROLE[offering]), files, pools, asked)


def role_cases():
    return [role_case(model) for model in MODELS]


def covers(announced, asked):
    """Every prefix the inputs asked to announce is in the announcement (more-specifics may be added)."""
    nets = [ipaddress.ip_network(p) for p in announced]
    return all(ipaddress.ip_network(p) in nets for p in asked)
