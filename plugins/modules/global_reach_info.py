#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: global_reach_info
short_description: Look up the Global Reach links of an ExpressRoute circuit
version_added: 0.1.0
description:
  - Returns the Global Reach connections a circuit's private peering holds (those M(hybridnet.expressroute.global_reach)
    manages on it), and the links other circuits made to it (read-only here; they are managed on the other circuit).
  - One read of the circuit. A circuit without private peering, or that does not exist, gives empty lists.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Only the connection (and peer connection) of this name.
    type: str
extends_documentation_fragment:
  - hybridnet.expressroute.circuit_child
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Global Reach of the Amsterdam circuit
  hybridnet.expressroute.global_reach_info:
    circuit: er-ams-01
    resource_group: rg-expressroute
  register: gr

- name: Which links are up
  ansible.builtin.debug:
    msg: "{{ gr.connections | selectattr('circuit_connection_status', '==', 'Connected') | map(attribute='name') }}"
"""

RETURN = r"""
connections:
  description: The circuit's own Global Reach connections, in the shape M(hybridnet.expressroute.global_reach) returns.
  returned: always
  type: list
  elements: dict
peer_connections:
  description:
    - Links other circuits made to this circuit's private peering (C(id), C(name), C(circuit), C(resource_group),
      C(connection_name), C(peering_id), C(peer_peering_id), C(peer_circuit), C(peer_resource_group),
      C(peer_subscription_id), C(address_prefix), C(circuit_connection_status), C(provisioning_state)).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _global_reach, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    circuit=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    name=dict(type="str"),
)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    try:
        circuit = module.network().express_route_circuits.get(p["resource_group"], p["circuit"])
    except Exception as exc:
        if not is_not_found(exc):
            raise
        return dict(changed=False, connections=[], peer_connections=[])
    peerings = [m for m in (circuit.peerings or []) if (m.name or "").lower() == _global_reach.PRIVATE_PEERING.lower()]
    peering = peerings[0] if peerings else None

    def wanted(model):
        return not p["name"] or (model.name or "").lower() == p["name"].lower()

    connections = [
        _global_reach.connection_result(m, circuit.name, p["resource_group"])
        for m in (getattr(peering, "connections", None) or [])
        if wanted(m)
    ]
    peer_connections = [
        _global_reach.peer_connection_result(m, circuit.name, p["resource_group"])
        for m in (getattr(peering, "peered_connections", None) or [])
        if wanted(m)
    ]
    return dict(changed=False, connections=connections, peer_connections=peer_connections)


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True)
    module.execute(run, "read the Global Reach connections of circuit {0}".format(module.params["circuit"]))


if __name__ == "__main__":
    main()
