#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: port_location_info
short_description: List the ExpressRoute Direct peering locations and what each offers
version_added: 0.2.0
description:
  - Returns the ExpressRoute Direct peering locations (C(expressRoutePortsLocations)) with their address and
    contact.
  - Azure's list leaves out the port bandwidths each location has available; with O(name), or with
    O(include_bandwidths=true), each location is read on its own to give them.
  - An unknown O(name) gives an empty list, not a failure.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: One peering location, for example V(Equinix-Amsterdam-AM5).
    type: str
  include_bandwidths:
    description: Read every location on its own to give its available bandwidths (one read per location).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Where can we order 100 Gbps ports?
  hybridnet.expressroute.port_location_info:
    include_bandwidths: true
  register: direct_locations

- name: Show them
  ansible.builtin.debug:
    msg: "{{ direct_locations.locations | selectattr('available_bandwidths_gbps', 'contains', 100)
             | map(attribute='name') | list }}"
"""

RETURN = r"""
locations:
  description: The peering locations.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the location, as O(hybridnet.expressroute.port#module:peering_location) takes it.
      type: str
    id:
      description: Resource id.
      type: str
    region:
      description: The Azure region Azure gives for the location.
      type: str
    address:
      description: Street address of the facility.
      type: str
    contact:
      description: Contact of the facility.
      type: str
    available_bandwidths_gbps:
      description: Port bandwidths available there, in Gbps (empty unless read on its own, see O(include_bandwidths)).
      type: list
      elements: int
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _port
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    include_bandwidths=dict(type="bool", default=False),
)


def run(module):
    p = module.params
    client = module.network()
    if p["name"]:
        model = get_or_none(client.express_route_ports_locations.get, p["name"])
        return dict(changed=False, locations=[_port.location_result(model)] if model is not None else [])
    models = list(client.express_route_ports_locations.list())
    if p["include_bandwidths"]:
        models = [client.express_route_ports_locations.get(m.name) for m in models]
    return dict(changed=False, locations=[_port.location_result(m) for m in models])


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute Direct locations"
    )


if __name__ == "__main__":
    main()
