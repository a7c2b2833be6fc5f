#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: vwan_gateway_info
short_description: Look up the ExpressRoute gateways of Virtual WAN hubs and follow their creation
version_added: 0.1.0
description:
  - Returns one Virtual WAN ExpressRoute gateway, or those of a resource group, with their progress
    (C(provisioning_state) is C(Updating) while Azure creates or changes one, which takes about 30 minutes), hub,
    scale units and the circuits connected to each.
  - A gateway or resource group that does not exist gives an empty list, not a failure.
  - One read (the gateway, or the resource group's list); the connections come with it.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: A gateway name. Without it, every Virtual WAN ExpressRoute gateway of O(resource_group).
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
  hybridnet.expressroute.vwan_gateway_info:
    name: ergw-vhub-weu
    resource_group: rg-network
  register: progress
  until: progress.gateways | length == 0 or progress.gateways[0].provisioning_state != 'Updating'
  retries: 60
  delay: 60
"""

RETURN = r"""
gateways:
  description: The gateways found, in the shape M(hybridnet.expressroute.vwan_gateway) returns.
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
    virtual_hub:
      description: The hub's name.
      type: str
    min_scale_units:
      description: Minimum scale units.
      type: int
    max_scale_units:
      description: Maximum scale units.
      type: int
    allow_non_virtual_wan_traffic:
      description: Whether traffic from non-Virtual WAN networks is accepted.
      type: bool
    connections_count:
      description: How many circuits are connected.
      type: int
    connections:
      description: The ExpressRoute connections (C(id), C(name), C(circuit_peering_id), C(routing_weight),
        C(provisioning_state)).
      type: list
      elements: dict
  sample:
    - name: ergw-vhub-weu
      provisioning_state: Updating
      virtual_hub: vhub-weu
      min_scale_units: 2
      connections_count: 0
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _validate, _vwan
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str", required=True),
)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    client = module.network()
    try:
        if p["name"]:
            models = [client.express_route_gateways.get(p["resource_group"], p["name"])]
        else:
            models = list(client.express_route_gateways.list_by_resource_group(p["resource_group"]).value or [])
    except Exception as exc:
        if not is_not_found(exc):
            raise
        models = []
    return dict(changed=False, gateways=[_vwan.gateway_result(m) for m in models])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read Virtual WAN ExpressRoute gateways"
    )


if __name__ == "__main__":
    main()
