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

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _info, _shapes
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str"),
)


def run(module):
    _info.check_lookup(module.params, "circuit")
    circuits = module.network().express_route_circuits
    models = _info.find(module, circuits.get, circuits.list, circuits.list_all)
    return dict(changed=False, circuits=[_shapes.circuit_result(c) for c in models])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute circuits"
    )


if __name__ == "__main__":
    main()
