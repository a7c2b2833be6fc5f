#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: route_filter_info
short_description: Look up route filters and the BGP service communities they can select
version_added: 0.1.0
description:
  - Returns one route filter, the filters of a resource group, or all of the subscription's, with their rule and the
    peerings that use them.
  - A filter that does not exist gives an empty list.
  - With O(include_catalog=true), also returns Azure's BGP service community catalog (C(bgpServiceCommunities)),
    the names and values the O(hybridnet.expressroute.route_filter#module:communities) option accepts.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Only this filter (needs O(resource_group)).
    type: str
  resource_group:
    description: Only the filters of this resource group; all of the subscription's when omitted.
    type: str
  include_catalog:
    description: Also return the BGP service community catalog in RV(communities).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: One filter
  hybridnet.expressroute.route_filter_info:
    name: rf-m365
    resource_group: rg-expressroute
  register: rf

- name: Which services can a filter select?
  hybridnet.expressroute.route_filter_info:
    resource_group: rg-expressroute
    include_catalog: true
  register: catalog

- name: Show them
  ansible.builtin.debug:
    msg: "{{ catalog.communities | map(attribute='service_name') | list }}"
"""

RETURN = r"""
route_filters:
  description: The filters, in the shape M(hybridnet.expressroute.route_filter) returns.
  returned: always
  type: list
  elements: dict
communities:
  description:
    - The BGP service community catalog, one entry per service (C(name), C(service_name), C(communities) with each
      community's C(name), C(value), C(authorized), C(region)).
  returned: when O(include_catalog=true)
  type: list
  elements: dict
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _route_filter, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str"),
    include_catalog=dict(type="bool", default=False),
)


def run(module):
    p = module.params
    if p["name"] and not p["resource_group"]:
        raise ValidationError(
            "name needs resource_group: route filters are looked up by name within a resource "
            "group; leave name out to list all of the subscription's."
        )
    if p["resource_group"]:
        _validate.resource_group(p["resource_group"])
    client = module.network()
    try:
        if p["name"]:
            models = [client.route_filters.get(p["resource_group"], p["name"])]
        elif p["resource_group"]:
            models = list(client.route_filters.list_by_resource_group(p["resource_group"]))
        else:
            models = list(client.route_filters.list())
    except Exception as exc:
        if not is_not_found(exc):  # the filter or its resource group does not exist
            raise
        models = []
    result = dict(changed=False, route_filters=[_route_filter.route_filter_result(m) for m in models])
    if p["include_catalog"]:
        result["communities"] = _route_filter.catalog_from_sdk(client.bgp_service_communities.list())
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True)
    module.execute(run, "read route filters")


if __name__ == "__main__":
    main()
