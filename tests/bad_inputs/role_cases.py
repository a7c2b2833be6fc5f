"""Bad inputs for the four connectivity-model roles' entry points.

Each case starts from the inputs of the role's molecule scenario (a
complete, valid model: extensions/molecule/<scenario>/molecule.yml) and
breaks one of them. The role must refuse it in its preflight, naming the
variable, before any write (billing starts with the circuit's PUT).

The peering, connection, gateway and dialect inputs (a VLAN ID out of
range, a connection without its gateway or virtual network, an MD5 key of the
wrong length, an unknown dialect) are refused by the roles' preflight with
the modules' own rules (the connectivity_problems filter, issue 13 item 2),
the message naming the role variable down to its field.
"""

import collections
import copy
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "..", "..", "extensions", "molecule")
RoleCase = collections.namedtuple("RoleCase", "id role entry_point host_vars variable")
# Each case is its own inventory host, and so its own circuit (the scenarios
# name the circuit after the host): a write, if any, names the case.
_hosts = iter(range(1, 1000))


def _host():
    return "er-bad-{0:03d}".format(next(_hosts))


def scenario_vars(scenario):
    with open(os.path.join(SCENARIOS, scenario, "molecule.yml")) as handle:
        inventory = yaml.safe_load(handle)["provisioner"]["inventory"]["host_vars"]
    ((_, host_vars),) = inventory.items()
    return host_vars


# A value that removes the input instead of setting it.
MISSING = object()


def _set(host_vars, path, value):
    target = host_vars
    for key in path[:-1]:
        target = target[key] if not isinstance(target, list) else target[int(key)]
    key = path[-1] if not isinstance(target, list) else int(path[-1])
    if value is MISSING:
        del target[key]
    else:
        target[key] = value


# (what, path under <role>_, value, variable named in the refusal[, the only roles it applies to])
BREAKS = [
    ("asn 0", ("private_peering", "peer_asn"), 0, "private_peering"),
    ("asn 65515", ("private_peering", "peer_asn"), 65515, "private_peering"),
    ("asn 23456", ("private_peering", "peer_asn"), 23456, "private_peering"),
    ("private asn on Microsoft peering", ("microsoft_peering", "peer_asn"), 65020, "microsoft_peering"),
    ("zero provider wait delay", ("provider_wait_delay",), 0, "provider_wait_delay"),
    ("negative provider wait retries", ("provider_wait_retries",), -1, "provider_wait_retries"),
    ("vlan 4095", ("private_peering", "vlan_id"), 4095, "private_peering.vlan_id"),
    ("vlan 5000", ("private_peering", "vlan_id"), 5000, "private_peering.vlan_id", ("point_to_point_ethernet",)),
    ("md5 key of 30 characters", ("private_peering", "shared_key"), "A1" * 15, "private_peering.shared_key"),
    ("unknown dialect", ("router", "dialects"), ["iosxe", "ios"], "router.dialects"),
    ("connection without gateway", ("connections", "0", "gateway"), MISSING, "connections[0].gateway"),
    (
        "gateway without virtual network",
        ("connections", "0", "virtual_network"),
        MISSING,
        "connections[0].virtual_network",
    ),
    # A connection's kind (vnet or vwan) and a Virtual WAN link's own rules.
    ("connection kind hub", ("connections", "0", "kind"), "hub", "connections[0].kind"),
    ("vwan link with a virtual network", ("connections", "0", "kind"), "vwan", "connections[0]"),
    (
        "vwan gateway of 11 scale units",
        ("connections", "0"),
        {
            "name": "conn-vwan-bad",
            "kind": "vwan",
            "gateway": "ergw-vhub-weu",
            "gateway_resource_group": "rg-network",
            "create_gateway": True,
            "virtual_hub": "vhub-weu",
            "min_scale_units": 11,
        },
        "connections[0]",
    ),
    (
        "vwan link Private Link FastPath alone",
        ("connections", "0"),
        {"name": "conn-vwan-bad", "kind": "vwan", "gateway": "ergw-vhub-weu", "private_link_fastpath": True},
        "connections[0]",
    ),
]


def role_cases():
    cases = []
    for scenario in ("cloud_exchange", "point_to_point_ethernet", "ipvpn"):
        base = scenario_vars(scenario)
        role = base["molecule_role"]
        for what, path, value, variable, *only in BREAKS:
            if only and role not in only[0]:
                continue
            if role + "_" + path[0] not in base:
                continue  # e.g. no Microsoft peering in this scenario
            host_vars = copy.deepcopy(base)
            _set(host_vars, (role + "_" + path[0],) + path[1:], value)
            cases.append(
                RoleCase(
                    "{0}-{1}".format(role, what.replace(" ", "_")),
                    role,
                    "main",
                    {_host(): host_vars},
                    role + "_" + variable,
                )
            )
    return cases + direct_cases()


# The direct role: its plan (port pair, circuits on it, MACsec) and each circuit's peerings, refused before the
# port's PUT. (what, change to the scenario's variables, variable named in the refusal)
DIRECT_BREAKS = [
    ("port bandwidth 40", {"direct_port_bandwidth_gbps": 40}, "direct_port_bandwidth_gbps"),
    ("circuit bigger than the port offers", {"circuits": {"bandwidth_gbps": 20}}, "direct_circuits[0].bandwidth_gbps"),
    ("circuits over twice the port", {"extra_circuits": 4}, "direct_circuits add up to 25 Gbps"),
    (
        "duplicate VLAN on a Dot1Q port",
        {"direct_encapsulation": "Dot1Q", "extra_circuits": 1},
        "direct_circuits[1].private_peering.vlan_id",
    ),
    ("MACsec CAK too short", {"macsec": {"cak": "AB" * 16}}, "direct_macsec.cak"),
    ("MACsec without identity", {"macsec": {"identity": ""}}, "direct_macsec.identity"),
    ("asn 65515 on a circuit", {"circuits": {"private_peering": {"peer_asn": 65515}}}, "peer_asn 65515"),
]


def direct_cases():
    base = scenario_vars("direct")
    cases = []
    for what, change, variable in DIRECT_BREAKS:
        host = _host()
        host_vars = copy.deepcopy(base)
        circuit = host_vars["direct_circuits"][0]
        circuit["name"] = host  # a write to the circuit, if any, names the case
        circuit.update({k: v for k, v in change.get("circuits", {}).items() if k != "private_peering"})
        circuit["private_peering"].update(change.get("circuits", {}).get("private_peering", {}))
        for index in range(change.get("extra_circuits", 0)):
            host_vars["direct_circuits"].append(dict(copy.deepcopy(circuit), name="{0}-{1}".format(host, index)))
        host_vars["direct_macsec"].update(change.get("macsec", {}))
        host_vars.update({k: v for k, v in change.items() if k.startswith("direct_")})
        cases.append(RoleCase("direct-" + what.replace(" ", "_"), "direct", "main", {host: host_vars}, variable))
    return cases


ROLE_CASES = role_cases()
