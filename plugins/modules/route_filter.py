#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: route_filter
short_description: Manage route filters, which select the Microsoft services a Microsoft peering receives
version_added: 0.1.0
description:
  - A Microsoft peering advertises nothing until a route filter is attached to it (Microsoft peerings created after
    1 August 2017). The filter's one rule, of access C(Allow), lists the BGP communities of the services whose
    prefixes Microsoft should advertise (Exchange Online, Microsoft Entra ID, Azure regions, ...).
  - Communities are given by service name, community name or value and resolved through Azure's BGP service
    community catalog (C(bgpServiceCommunities)); an unknown one is refused with the list of valid ones, before
    anything is written.
  - Attach the filter to a peering with the O(hybridnet.expressroute.peering#module:route_filter) option of
    M(hybridnet.expressroute.peering).
  - Azure refuses to delete a filter a peering uses; the module refuses before writing anything and names the
    peerings.
  - A run that changes nothing reads the filter once. The catalog is read only when the communities change or are
    created, or name a service other than Microsoft's global services (regional communities, newer services).
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the route filter.
    type: str
    required: true
  resource_group:
    description: Resource group of the route filter.
    type: str
    required: true
  state:
    description: Whether the route filter should exist.
    type: str
    choices: [present, absent]
    default: present
  location:
    description:
      - Azure region of the filter. Defaults to the resource group's location when the filter is created; cannot
        change afterwards.
    type: str
  communities:
    description:
      - The services the filter's rule allows, each a service name (for example V(Exchange),
        V(AzureActiveDirectory), V(AzureWestEurope); as the catalog's C(serviceName), case, spaces and punctuation
        ignored), a community name (V(Exchange Online)) or a community value (V(12076:5010)).
      - A service name stands for all of the service's communities.
      - Order and repetition do not matter. V([]) removes the rule (the peering then receives nothing); when
        omitted, the rule is left as it is.
    type: list
    elements: str
  rule_name:
    description:
      - Name of the filter's one rule. When omitted, an existing rule keeps its name and a new one is called
        C(allow-services). A different name replaces the rule.
    type: str
  tags:
    description: Tags to set. Merged into the existing tags unless O(purge_tags=true).
    type: dict
  purge_tags:
    description: Remove tags not listed in O(tags).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Exchange Online, Entra ID and the West Europe region over Microsoft peering
  hybridnet.expressroute.route_filter:
    name: rf-m365
    resource_group: rg-expressroute
    communities:
      - Exchange
      - AzureActiveDirectory
      - AzureWestEurope
      - "12076:5020"            # SharePoint Online, by value

- name: Attach it to the Microsoft peering
  hybridnet.expressroute.peering:
    circuit: er-ams-01
    resource_group: rg-expressroute
    peering_type: MicrosoftPeering
    route_filter: rf-m365

- name: Delete the filter (refused while a peering uses it)
  hybridnet.expressroute.route_filter:
    name: rf-m365
    resource_group: rg-expressroute
    state: absent
"""

RETURN = r"""
recovery:
  description:
    - What the task found on the resource before planning, and what it did about it. C(action=waited) is an operation
      already running on it (C(found) C(Updating) or C(Deleting)) that the task waited for, with C(reads),
      C(seconds) and its C(outcome); C(not_waited) is the same found in check mode or with O(wait=false), planned
      against as it was. C(reapplied) is a resource whose last operation failed (C(found=Failed)), written again with
      its settings the way Azure recovers it; C(would_reapply) in check mode.
    - C(msg) says the same in words.
  returned: when the task found an operation running on the resource, or the resource Failed
  type: list
  elements: dict
  sample: [{"resource": "AzurePrivatePeering of circuit er-ams-01", "found": "Failed", "action": "reapplied"}]
route_filter:
  description: The route filter after the task (predicted in check mode); null when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id; the value of the peering module's C(route_filter) option, or of its C(route_filter_id).
      type: str
    name:
      description: Name of the filter.
      type: str
    resource_group:
      description: Resource group.
      type: str
    location:
      description: Region.
      type: str
    tags:
      description: Tags.
      type: dict
    rule:
      description: The filter's rule (C(name), C(access), C(communities), C(provisioning_state)), or null.
      type: dict
    communities:
      description: The community values the rule allows (empty without a rule).
      type: list
      elements: str
      sample: ["12076:5010", "12076:5060"]
    peerings:
      description: Ids of the peerings the filter is attached to.
      type: list
      elements: str
    ipv6_peerings:
      description: Ids of the peerings whose IPv6 configuration uses the filter.
      type: list
      elements: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
    etag:
      description: Entity tag.
      type: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _circuit, _diff, _route_filter, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    location=dict(type="str"),
    communities=dict(type="list", elements="str"),
    rule_name=dict(type="str"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=False),
)


def desired_communities(client, requested, current):
    """The sorted community values the rule should have, or None (leave
    them).  The catalog is read only when they may differ from ``current``."""
    if requested is None:
        return None
    if not requested:
        return []
    known = _route_filter.known_values(requested)
    if known is not None and current is not None and _route_filter.same_communities(known, current):
        return _route_filter.ordered(current)
    catalog = _route_filter.catalog_from_sdk(client.bgp_service_communities.list())
    return _route_filter.ordered(_route_filter.resolve(requested, catalog))


def plan(module, client, current):
    """(before, after) managed views."""
    p = module.params
    before = _route_filter.managed_view(current)
    communities = desired_communities(client, p["communities"], before["communities"] if before else None)
    if before is None:
        # An unknown region is refused here, not by Azure's PUT.
        location = (
            module.azure_location(p["location"])
            if p["location"]
            else module.resource_group_location(p["resource_group"])
        )
        tags = _diff.merge_tags({}, p["tags"], True)
        communities = communities or []
        rule_name = (p["rule_name"] or _route_filter.DEFAULT_RULE_NAME) if communities else None
        return None, {
            "location": _circuit.normalize_location(location),
            "tags": tags,
            "rule_name": rule_name,
            "communities": communities,
        }
    if p["location"] and _circuit.normalize_location(p["location"]) != _circuit.normalize_location(before["location"]):
        raise ValidationError(
            "location of route filter {0} is {1} and cannot change; delete the filter and create it "
            "in {2}, or leave location out.".format(p["name"], before["location"], p["location"])
        )
    after = dict(before)
    after["tags"] = _diff.merge_tags(before["tags"], p["tags"], p["purge_tags"])
    if communities is not None:
        after["communities"] = communities
    if not after["communities"]:
        after["rule_name"] = None
    else:
        after["rule_name"] = p["rule_name"] or before["rule_name"] or _route_filter.DEFAULT_RULE_NAME
    return before, after


def build_model(model, after):
    """The filter to PUT: as fetched (or new) with the managed fields set."""
    from azure.mgmt.network.models import RouteFilter, RouteFilterRule

    if model is None:
        model = RouteFilter(location=after["location"])
    model.tags = after["tags"]
    if not after["rule_name"]:
        model.rules = []
    else:
        rules = [r for r in (model.rules or []) if (r.name or "").lower() == after["rule_name"].lower()]
        rule = rules[0] if rules else RouteFilterRule(name=after["rule_name"])
        rule.access = "Allow"
        rule.route_filter_rule_type = "Community"
        rule.communities = list(after["communities"])
        model.rules = [rule]
    return model


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "route filter")
    if p["rule_name"] is not None:
        _validate.network_name(p["rule_name"], "rule_name", "route filter rule")
    _route_filter.check_entries(p["communities"])
    client = module.network()
    what = "route filter " + p["name"]
    model = module.settled(lambda: get_or_none(client.route_filters.get, p["resource_group"], p["name"]), what)
    current = _route_filter.route_filter_result(model) if model is not None else None

    if p["state"] == "absent":
        if current is None:
            return dict(changed=False, route_filter=None, diff=_diff.diff(None, None))
        _route_filter.refuse_delete_attached(current)
        if not module.check_mode:
            module.run_operation(
                lambda polling: client.route_filters.begin_delete(
                    p["resource_group"], current["name"], polling=polling
                ),
                "delete route filter {0}".format(current["name"]),
            )
        return dict(
            changed=True,
            route_filter=None,
            diff=_diff.diff(_route_filter.managed_view(current), None, _route_filter.MANAGED_FIELDS),
        )

    before, after = plan(module, client, current)
    diff = _diff.diff(before, after, _route_filter.MANAGED_FIELDS)
    # A route filter whose last operation failed is written again (_lifecycle).
    recover = current is not None and module.reapplies(current["provisioning_state"], what, diff)
    changed = before != after or recover
    result = dict(changed=changed, diff=diff, route_filter=current)
    if changed:
        if module.check_mode:
            result["route_filter"] = _route_filter.predicted(current, after, p["name"], p["resource_group"])
        else:
            body = build_model(model, after)
            final = module.run_operation(
                lambda polling: client.route_filters.begin_create_or_update(
                    p["resource_group"], p["name"], body, polling=polling
                ),
                "{0} route filter {1}".format("update" if model else "create", p["name"]),
            )
            result["route_filter"] = (
                _route_filter.route_filter_result(final)
                if final is not None
                else _route_filter.predicted(current, after, p["name"], p["resource_group"])
            )
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run, "manage route filter {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
