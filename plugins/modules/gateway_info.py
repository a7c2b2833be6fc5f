#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: gateway_info
short_description: Look up ExpressRoute virtual network gateways and follow their creation
version_added: 0.1.0
description:
  - Returns one gateway, or the ExpressRoute gateways of a resource group, with their progress
    (C(provisioning_state) is C(Updating) while Azure creates or changes one, which takes 30-45 minutes), SKU, scale
    units, virtual network and subnet, and the connections that use each gateway.
  - A gateway or resource group that does not exist gives an empty list, not a failure.
  - Reads each gateway and lists its connections (one more read per gateway).
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: A gateway name. Without it, every ExpressRoute gateway of O(resource_group).
    type: str
  resource_group:
    description: Resource group of the gateways.
    type: str
    required: true
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Follow a gateway created with wait false until Azure has finished it
  hybridnet.expressroute.gateway_info:
    name: ergw-hub-weu
    resource_group: rg-network
  register: progress
  until: progress.gateways | length == 0 or progress.gateways[0].provisioning_state != 'Updating'
  retries: 60
  delay: 60

- name: Every ExpressRoute gateway of a landing zone, in another subscription
  hybridnet.expressroute.gateway_info:
    resource_group: rg-landingzone
    subscription_id: 22222222-3333-4444-5555-666666666666
  register: gateways
"""

RETURN = r"""
gateways:
  description:
    - The gateways found, in the shape M(hybridnet.expressroute.gateway) returns, each with its connections.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Gateway name.
      type: str
    provisioning_state:
      description: C(Updating) while Azure creates or changes the gateway, C(Succeeded) once done, or C(Failed).
      type: str
    sku:
      description: The SKU.
      type: str
    min_scale_units:
      description: ErGwScale's lower bound of scale units.
      type: int
    max_scale_units:
      description: ErGwScale's upper bound of scale units.
      type: int
    scale_units:
      description: Current capacity as Azure reports it.
      type: int
    virtual_network:
      description: The virtual network's name.
      type: str
    subnet_id:
      description: The GatewaySubnet.
      type: str
    connections_count:
      description: How many connections use the gateway.
      type: int
    connections:
      description: The connections using the gateway (C(id), C(name), C(peer_id), C(connection_status),
        C(provisioning_state), C(routing_weight), C(express_route_gateway_bypass)).
      type: list
      elements: dict
  sample:
    - name: ergw-hub-weu
      provisioning_state: Updating
      sku: ErGw1AZ
      virtual_network: vnet-hub-weu
      connections_count: 0
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _gateway, _shapes, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str", required=True),
)


def with_connections(client, model):
    result = _gateway.gateway_result(model)
    try:
        links = [
            _gateway.connection_entry(c)
            for c in client.virtual_network_gateways.list_connections(result["resource_group"], result["name"])
        ]
    except Exception as exc:
        if not is_not_found(exc):
            raise
        links = []  # deleted in between
    result["connections"] = links
    result["connections_count"] = len(links)
    return result


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    client = module.network()
    try:
        if p["name"]:
            models = [client.virtual_network_gateways.get(p["resource_group"], p["name"])]
        else:
            models = [
                m
                for m in client.virtual_network_gateways.list(p["resource_group"])
                if _shapes.value(m.gateway_type) == "ExpressRoute"
            ]
    except Exception as exc:
        if not is_not_found(exc):
            raise
        models = []
    return dict(changed=False, gateways=[with_connections(client, m) for m in models])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute gateways"
    )


if __name__ == "__main__":
    main()
