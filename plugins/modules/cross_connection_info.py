#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cross_connection_info
short_description: Look up ExpressRoute cross-connections (the connectivity provider's view of circuits)
version_added: 0.1.0
description:
  - Returns the cross-connection of one circuit, found by the service key the customer gave you (or by name and
    resource group), or every cross-connection of a resource group or of the provider's subscription.
  - Nothing found gives an empty list, not a failure.
  - By O(service_key) without O(resource_group) the module lists the subscription's cross-connections and picks the
    one named by the key (Azure names each by its circuit's service key and chooses the resource group,
    C(CrossConnection-<peering location>)).
  - O(subscription_id) (or E(AZURE_SUBSCRIPTION_ID)) is the provider's subscription.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  service_key:
    description: The circuit's service key.
    type: str
  name:
    description: A cross-connection's name; needs O(resource_group).
    type: str
  resource_group:
    description: Only this resource group of the provider's subscription.
    type: str
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Find the circuit a customer ordered
  hybridnet.expressroute.cross_connection_info:
    subscription_id: "{{ provider_subscription_id }}"
    service_key: "{{ order.service_key }}"
  register: found

- name: Show where it is
  ansible.builtin.debug:
    msg: "{{ found.cross_connections[0].peering_location }}, S-tag {{ found.cross_connections[0].stag }}"
  when: found.cross_connections | length == 1

- name: Every circuit waiting for the provider
  hybridnet.expressroute.cross_connection_info:
    subscription_id: "{{ provider_subscription_id }}"
  register: all_xc
"""

RETURN = r"""
cross_connections:
  description: The cross-connections found, in the shape M(hybridnet.expressroute.cross_connection) returns.
  returned: always
  type: list
  elements: dict
  sample:
    - name: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
      service_key: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
      resource_group: CrossConnection-Amsterdam
      circuit_id: /subscriptions/.../resourceGroups/rg-expressroute/providers/Microsoft.Network/expressRouteCircuits/er1
      peering_location: Amsterdam
      bandwidth_mbps: 1000
      stag: 3
      service_provider_provisioning_state: NotProvisioned
      peerings: []
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _cross_connection, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import error_code, is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    # An identifier (the cross-connection's name, in every id), not a secret.
    service_key=dict(type="str", no_log=False),
    name=dict(type="str"),
    resource_group=dict(type="str"),
)


def read(module):
    p = module.params
    operations = module.network().express_route_cross_connections
    if p["service_key"] or p["name"]:
        model = _cross_connection.find(module.network(), p["service_key"], p["name"], p["resource_group"])
        return [model] if model is not None else []
    if p["resource_group"]:
        return list(operations.list_by_resource_group(p["resource_group"]))
    return list(operations.list())


def run(module):
    p = module.params
    if p["service_key"] or p["name"]:
        _cross_connection.check_address(p, "name")
    if p["resource_group"]:
        _validate.resource_group(p["resource_group"])
    try:
        models = read(module)
    except Exception as exc:
        if not is_not_found(exc):
            raise
        if error_code(exc) == "ResourceGroupNotFound":
            module.warn(
                "Resource group {0} does not exist in subscription {1}.".format(
                    p["resource_group"], module.subscription_id
                )
            )
        models = []
    return dict(changed=False, cross_connections=[_cross_connection.result(m) for m in models])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute cross-connections"
    )


if __name__ == "__main__":
    main()
