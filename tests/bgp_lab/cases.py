"""The FRR configurations the lab judges: every FRR golden, and what the four connectivity-model roles render.

Role configs are rendered by the roles' own steps (render_role_frr.yml: the _connectivity role's facts and
router_configs task files with the model role's variables and the molecule scenario's inputs, dialect frr), given
the peering results the peering module returns for those inputs (no Azure needed).
"""

import glob
import ipaddress
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import yaml

from msee_view import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ROUTER_TESTS = os.path.join(ROOT, "tests", "unit", "router")
GOLDEN = os.path.join(ROUTER_TESTS, "golden")
MOLECULE = os.path.join(ROOT, "extensions", "molecule")
MODELS = ("cloud_exchange", "point_to_point_ethernet", "ipvpn", "direct")
PLAYBOOK = os.path.join(HERE, "render_role_frr.yml")

sys.path.insert(0, ROUTER_TESTS)


def golden_cases():
    import router_render

    scenarios = {s["name"]: s for s in router_render.scenarios()}
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
        asked = {m["peering"]: m["advertise"] for m in models}
        cases.append(Case("golden-" + name, files, pools, asked))
    return cases


def _molecule_vars(model):
    with open(os.path.join(MOLECULE, model, "molecule.yml")) as handle:
        doc = yaml.safe_load(handle)
    host = next(iter(doc["provisioner"]["inventory"]["host_vars"].values()))
    return {k[len(model) + 1 :]: v for k, v in host.items() if k.startswith(model + "_")}


def _peering_result(kind, given, circuit):
    """The peering module's result for these inputs (the keys the router_model filter reads)."""
    from ansible_collections.hybridnet.expressroute.plugins.module_utils import _peering

    primary, secondary = _peering.link_prefixes(
        given.get("primary_prefix"), given.get("secondary_prefix"), given.get("prefix"), 4
    )
    result = {
        "name": kind,
        "peering_type": kind,
        "circuit": circuit,
        "state": "Enabled",
        "peer_asn": given["peer_asn"],
        "azure_asn": 12076,
        "vlan_id": given["vlan_id"],
        "primary_prefix": primary,
        "secondary_prefix": secondary,
        "shared_key_set": bool(given.get("shared_key")),
    }
    six = given.get("ipv6")
    result["ipv6"] = None
    if six:
        primary6, secondary6 = _peering.link_prefixes(
            six.get("primary_prefix"), six.get("secondary_prefix"), six.get("prefix"), 6, "ipv6."
        )
        mp6 = six.get("microsoft_peering")
        result["ipv6"] = {
            "primary_prefix": primary6,
            "secondary_prefix": secondary6,
            "peering_state": six.get("peering_state", "Enabled"),
            "route_filter_id": None,
            "microsoft_peering_config": None
            if not mp6
            else {
                "advertised_public_prefixes": mp6["advertised_public_prefixes"],
                "advertised_communities": [],
                "customer_asn": mp6.get("customer_asn"),
                "routing_registry_name": mp6.get("routing_registry_name"),
            },
        }
    if kind == "MicrosoftPeering":
        result["microsoft_peering_config"] = {
            "advertised_public_prefixes": given["advertised_public_prefixes"],
            "advertised_communities": [],
            "customer_asn": given.get("customer_asn"),
            "routing_registry_name": given.get("routing_registry_name"),
        }
    return result


def role_case(model, workdir):
    """Render through the role itself (render_role_frr.yml runs the workflow's facts and router_configs steps)."""
    given = _molecule_vars(model)
    extra_inputs = {}
    if model == "direct":
        # The direct role takes its circuits as a list and runs the workflow once per circuit (loop variable
        # _direct_circuit): the lab renders the first, as that loop does.
        circuit_input = given["circuits"][0]
        extra_inputs["_direct_circuit"] = circuit_input
        given.update({k: v for k, v in circuit_input.items() if k != "name"}, circuit_name=circuit_input["name"])
    name = given.get("circuit_name")
    name = name if name and "{{" not in str(name) else "er-lab-" + model.replace("_", "-")[:12]
    given["circuit_name"] = name
    # A provisioned circuit has the S-tag Azure assigned; managed Layer 3 hands off QinQ on it (s_tag: circuit).
    circuit = {"name": name, "tier": given.get("sku_tier", "Standard"), "stag": 41}
    peerings, pools, asked = [], [], {}
    private, microsoft = given.get("private_peering") or {}, given.get("microsoft_peering") or {}
    if private:
        peerings.append(_peering_result("AzurePrivatePeering", private, circuit["name"]))
        asked["AzurePrivatePeering"] = private.get("advertise", [])
    if microsoft:
        peerings.append(_peering_result("MicrosoftPeering", microsoft, circuit["name"]))
        pools.append(microsoft["nat_pool"])
        asked["MicrosoftPeering"] = microsoft["advertised_public_prefixes"] + (
            (microsoft.get("ipv6") or {}).get("microsoft_peering") or {}
        ).get("advertised_public_prefixes", [])
    out = os.path.join(str(workdir), model)
    os.makedirs(out, exist_ok=True)
    extra = {
        "lab_model": model,
        "lab_output_dir": out,
        "lab_inputs": dict([("%s_%s" % (model, k), v) for k, v in given.items()] + list(extra_inputs.items())),
        "lab_peerings": {"circuit": circuit, "peerings": peerings},
    }
    extra_file = os.path.join(out, "lab-vars.json")
    with open(extra_file, "w") as handle:
        json.dump(extra, handle)
    os.chmod(extra_file, 0o600)
    env = dict(os.environ, ANSIBLE_PIPELINING="True")
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), PLAYBOOK, "-e", "@" + extra_file],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    configs = os.path.join(out, circuit["name"], "router-configs")
    files = {}
    for path in sorted(glob.glob(os.path.join(configs, "*.frr.cfg"))):
        with open(path) as handle:
            files[os.path.basename(path).split(".")[0]] = handle.read()
    assert files, "the %s role rendered no FRR file in %s: %s" % (model, configs, result.stdout[-2000:])
    return Case("role-" + model, files, pools, asked)


def role_cases(workdir):
    """The four roles rendered side by side (each playbook run keeps one core busy for a few seconds)."""
    with ThreadPoolExecutor(max_workers=len(MODELS)) as pool:
        return list(pool.map(lambda model: role_case(model, workdir), MODELS))


def covers(announced, asked):
    """Every prefix the inputs asked to announce is in the announcement (more-specifics may be added)."""
    nets = [ipaddress.ip_network(p) for p in announced]
    return all(ipaddress.ip_network(p) in nets for p in asked)
