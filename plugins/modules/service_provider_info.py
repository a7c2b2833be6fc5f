#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: service_provider_info
short_description: The ExpressRoute connectivity provider catalog
version_added: 0.1.0
description:
  - Lists the connectivity providers Azure offers ExpressRoute circuits through, with their peering locations and
    bandwidths, optionally filtered.
  - The same catalog M(hybridnet.expressroute.circuit) validates against.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Only this provider (case-insensitive).
    type: str
    aliases: [provider]
  peering_location:
    description: Only providers offering this peering location (case-insensitive).
    type: str
  bandwidth_mbps:
    description: Only providers offering this bandwidth.
    type: int
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Who offers 1 Gbps in Amsterdam?
  hybridnet.expressroute.service_provider_info:
    peering_location: Amsterdam
    bandwidth_mbps: 1000
  register: catalog

- name: Show them
  ansible.builtin.debug:
    msg: "{{ catalog.providers | map(attribute='name') | list }}"
"""

RETURN = r"""
providers:
  description: The matching providers.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Provider name, as the circuit module's O(hybridnet.expressroute.circuit#module:provider) takes it.
      type: str
      sample: Equinix
    peering_locations:
      description: Peering locations it offers.
      type: list
      elements: str
    bandwidths_mbps:
      description: Bandwidths it offers, in Mbps, ascending.
      type: list
      elements: int
    bandwidths:
      description: The offers as Azure names them (C(offer_name), C(value_mbps)).
      type: list
      elements: dict
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _circuit, _errors
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str", aliases=["provider"]),
    peering_location=dict(type="str"),
    bandwidth_mbps=dict(type="int"),
)


def matches(provider, name, location, bandwidth):
    if name and provider["name"].lower() != name.lower():
        return False
    if location and location.lower() not in [p.lower() for p in provider["peering_locations"]]:
        return False
    return not (bandwidth is not None and bandwidth not in provider["bandwidths_mbps"])


def run(module):
    p = module.params
    if p["bandwidth_mbps"] is not None and p["bandwidth_mbps"] < 1:
        raise _errors.ValidationError(
            "bandwidth_mbps {0} is not a bandwidth: give a positive number of Mbps (such as "
            "1000), or leave it out to list every bandwidth.".format(p["bandwidth_mbps"])
        )
    catalog = _circuit.catalog_from_providers(module.network().express_route_service_providers.list())
    providers = [c for c in catalog if matches(c, p["name"], p["peering_location"], p["bandwidth_mbps"])]
    return dict(changed=False, providers=providers)


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read the ExpressRoute provider catalog"
    )


if __name__ == "__main__":
    main()
