#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: vwan_connection_info
short_description: Look up the ExpressRoute connections of a Virtual WAN hub's gateway
version_added: 0.1.0
description:
  - Returns one ExpressRoute connection of a Virtual WAN ExpressRoute gateway, or all of them, with the circuit
    peering each connects, its routing weight, FastPath and internet security settings and its hub routing. Never the
    authorization key.
  - A connection or gateway that does not exist gives an empty list, not a failure.
  - One read.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: A connection name. Without it, every connection of O(gateway).
    type: str
  gateway:
    description: Name of the Virtual WAN ExpressRoute gateway.
    type: str
    required: true
  resource_group:
    description: Resource group of the gateway.
    type: str
    required: true
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: The circuits connected to the hub
  hybridnet.expressroute.vwan_connection_info:
    gateway: ergw-vhub-weu
    resource_group: rg-network
  register: hub_links
"""

RETURN = r"""
connections:
  description: The connections found, in the shape M(hybridnet.expressroute.vwan_connection) returns.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Connection name.
      type: str
    circuit:
      description: The circuit's name.
      type: str
    circuit_peering_id:
      description: The circuit's private peering.
      type: str
    routing_weight:
      description: Routing weight.
      type: int
    enable_internet_security:
      description: Whether the hub's default route is propagated to the circuit.
      type: bool
    associated_route_table_id:
      description: The associated route table.
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
  sample:
    - name: erc-ams
      circuit: er-ams-01
      routing_weight: 10
      enable_internet_security: false
      provisioning_state: Succeeded
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _gateway, _validate, _vwan
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    gateway=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["gateway"], "gateway", "ExpressRoute gateway")
    client = module.network()
    gateway_id = _gateway.arm_id(module.subscription_id, p["resource_group"], "expressRouteGateways", p["gateway"])
    try:
        if p["name"]:
            models = [client.express_route_connections.get(p["resource_group"], p["gateway"], p["name"])]
        else:
            models = list(client.express_route_connections.list(p["resource_group"], p["gateway"]).value or [])
    except Exception as exc:
        if not is_not_found(exc):
            raise
        models = []
    return dict(changed=False, connections=[_vwan.connection_result(m, gateway_id) for m in models])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read Virtual WAN ExpressRoute connections"
    )


if __name__ == "__main__":
    main()
