"""Bad inputs for the three connectivity-model roles' entry points.

Each case starts from the inputs of the role's molecule scenario (a
complete, valid model: extensions/molecule/<scenario>/molecule.yml) and
breaks one of them. The role must refuse it in its preflight, naming the
variable, before any write (billing starts with the circuit's PUT).
"""

import collections
import copy
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "..", "..", "extensions", "molecule")
RoleCase = collections.namedtuple("RoleCase", "id role entry_point host_vars variable")


def scenario_vars(scenario):
    with open(os.path.join(SCENARIOS, scenario, "molecule.yml")) as handle:
        inventory = yaml.safe_load(handle)["provisioner"]["inventory"]["host_vars"]
    (host, host_vars), = inventory.items()
    return host, host_vars


def _set(host_vars, path, value):
    target = host_vars
    for key in path[:-1]:
        target = target[key] if not isinstance(target, list) else target[int(key)]
    target[path[-1] if not isinstance(target, list) else int(path[-1])] = value


# (what, path under <role>_, value, variable named in the refusal)
BREAKS = [
    ("vlan 4095", ("private_peering", "vlan_id"), 4095, "private_peering"),
    ("asn 0", ("private_peering", "peer_asn"), 0, "private_peering"),
    ("asn 65515", ("private_peering", "peer_asn"), 65515, "private_peering"),
    ("MD5 key of 30", ("private_peering", "shared_key"), "K" * 30, "private_peering"),
    ("zero provider wait delay", ("provider_wait_delay",), 0, "provider_wait_delay"),
]


def role_cases():
    cases = []
    for scenario in ("cloud_exchange", "point_to_point_ethernet", "ipvpn"):
        host, base = scenario_vars(scenario)
        role = base["molecule_role"]
        for what, path, value, variable in BREAKS:
            host_vars = copy.deepcopy(base)
            _set(host_vars, (role + "_" + path[0],) + path[1:], value)
            # A point-to-point Ethernet VLAN ID also goes above 4095 there.
            cases.append(RoleCase("{0}-{1}".format(role, what.replace(" ", "_")), role, "main",
                                  {host: host_vars}, role + "_" + variable))
        if scenario == "point_to_point_ethernet":
            host_vars = copy.deepcopy(base)
            _set(host_vars, (role + "_private_peering", "vlan_id"), 5000)
            cases.append(RoleCase(role + "-vlan_5000", role, "main", {host: host_vars}, role + "_private_peering"))
        host_vars = copy.deepcopy(base)
        connection = host_vars[role + "_connections"][0]
        connection.update(create_gateway=False, gateway="gw-nowhere")
        cases.append(RoleCase(role + "-missing_gateway", role, "main", {host: host_vars}, role + "_connections"))
    return cases


ROLE_CASES = role_cases()
