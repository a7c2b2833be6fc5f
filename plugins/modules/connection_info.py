#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: connection_info
short_description: Look up ExpressRoute connections between gateways and circuits
version_added: 0.1.0
description:
  - Returns one connection, the ExpressRoute connections of a resource group, or those of a gateway, with their
    C(connection_status), C(provisioning_state), routing weight and FastPath flags. Never an authorization key.
  - A connection, gateway or resource group that does not exist gives an empty list, not a failure.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: A connection name; needs O(resource_group).
    type: str
  resource_group:
    description: Resource group of the connections.
    type: str
  gateway:
    description:
      - The connections of this gateway (name, or resource id), wherever their resource group. Without O(name) and
        O(resource_group) this is required.
    type: str
  gateway_resource_group:
    description: Resource group of O(gateway) when given by name; default O(resource_group).
    type: str
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: One connection
  hybridnet.expressroute.connection_info:
    name: cn-hub-er-ams
    resource_group: rg-network
  register: info

- name: Everything linked to a gateway
  hybridnet.expressroute.connection_info:
    gateway: ergw-hub-weu
    gateway_resource_group: rg-network
  register: links
"""

RETURN = r"""
connections:
  description: The connections found, in the shape M(hybridnet.expressroute.connection) returns.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Connection name.
      type: str
    gateway_id:
      description: The gateway's resource id.
      type: str
    peer_id:
      description: The circuit's resource id.
      type: str
    connection_status:
      description: C(Connected), C(NotConnected), C(Connecting) or C(Unknown).
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
    routing_weight:
      description: Routing weight.
      type: int
    express_route_gateway_bypass:
      description: Whether FastPath is on.
      type: bool
    enable_private_link_fast_path:
      description: Whether Private Link FastPath is on.
      type: bool
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _connection, _gateway, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str"),
    gateway=dict(type="str"),
    gateway_resource_group=dict(type="str"),
)


def read(module, client):
    p = module.params
    if p["name"]:
        if not p["resource_group"]:
            raise ValidationError("name needs resource_group: a connection is looked up in its resource group.")
        return [client.virtual_network_gateway_connections.get(p["resource_group"], p["name"])]
    if p["gateway"]:
        gateway_id = _gateway.resolve(
            p["gateway"],
            "gateway",
            "virtualNetworkGateways",
            module.subscription_id,
            p["gateway_resource_group"] or p["resource_group"],
            "a virtual network gateway",
        )
        sub, group, name = _gateway.id_parts(gateway_id)
        # List entities carry the same properties as the connections.
        return list(module.network(sub).virtual_network_gateways.list_connections(group, name))
    if not p["resource_group"]:
        raise ValidationError(
            "Give name and resource_group, resource_group, or gateway: Azure lists connections by "
            "resource group or by gateway."
        )
    return list(client.virtual_network_gateway_connections.list(p["resource_group"]))


def run(module):
    p = module.params
    for option in ("resource_group", "gateway_resource_group"):
        if p[option]:
            _validate.resource_group(p[option], option)
    if p["gateway"] and not p["gateway"].startswith("/") and not (p["gateway_resource_group"] or p["resource_group"]):
        raise ValidationError("gateway given by name needs gateway_resource_group (or resource_group).")
    client = module.network()
    try:
        models = read(module, client)
    except Exception as exc:
        if not is_not_found(exc):
            raise
        models = []
    connections = [_connection.connection_result(m) for m in models]
    return dict(changed=False, connections=[c for c in connections if c["connection_type"] == "ExpressRoute"])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute connections"
    )


if __name__ == "__main__":
    main()
