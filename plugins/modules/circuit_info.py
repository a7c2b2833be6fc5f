#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: circuit_info
short_description: Look up Azure ExpressRoute circuits
version_added: 0.1.0
description:
  - Returns one circuit, the circuits of a resource group, or every circuit of the subscription, with their
    peerings and authorizations.
  - A circuit (or resource group) that does not exist gives an empty list, not a failure.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: A circuit name; needs O(resource_group).
    type: str
  resource_group:
    description: Only the circuits of this resource group. Without it, the whole subscription.
    type: str
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: One circuit
  hybridnet.expressroute.circuit_info:
    name: er-ams-01
    resource_group: rg-expressroute
  register: info

- name: Wait until the provider has provisioned it (visible attempts)
  hybridnet.expressroute.circuit_info:
    name: er-ams-01
    resource_group: rg-expressroute
  register: info
  until: info.circuits and info.circuits[0].service_provider_provisioning_state == 'Provisioned'
  retries: 60
  delay: 60

- name: Every circuit of the subscription
  hybridnet.expressroute.circuit_info:
  register: all_circuits
"""

RETURN = r"""
circuits:
  description:
    - The circuits found, in the shape M(hybridnet.expressroute.circuit) returns (C(service_key), states, C(stag),
      C(peerings), C(authorizations)).
  returned: always
  type: list
  elements: dict
  sample:
    - name: er-ams-01
      provider: Equinix
      peering_location: Amsterdam
      bandwidth_mbps: 1000
      service_provider_provisioning_state: Provisioned
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _shapes, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ValidationError,
    error_code,
    is_not_found,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str"),
)


def run(module):
    p = module.params
    if p["name"] and not p["resource_group"]:
        raise ValidationError("name needs resource_group: circuit names are unique per resource group.")
    if p["resource_group"]:
        _validate.resource_group(p["resource_group"])
    client = module.network()
    try:
        if p["name"]:
            circuits = [client.express_route_circuits.get(p["resource_group"], p["name"])]
        elif p["resource_group"]:
            circuits = list(client.express_route_circuits.list(p["resource_group"]))
        else:
            circuits = list(client.express_route_circuits.list_all())
    except Exception as exc:
        if not is_not_found(exc):
            raise
        if error_code(exc) == "ResourceGroupNotFound":
            module.warn("Resource group {0} does not exist.".format(p["resource_group"]))
        circuits = []
    return dict(changed=False, circuits=[_shapes.circuit_result(c) for c in circuits])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute circuits"
    )


if __name__ == "__main__":
    main()
