# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: route filters (which Microsoft services a Microsoft peering
receives) and the BGP service community catalog.

Azure's rule (arm_expressroute.md §3 rule 8): a route filter has at most one
rule, of access Allow and type Community, listing values of the
bgpServiceCommunities catalog.  Users name services ("Exchange",
"AzureActiveDirectory", "AzureWestEurope") or give values ("12076:5010");
``resolve`` turns both into catalog values, refusing unknown ones with the
list of valid ones.

Pure functions over plain values: unit-tested without Azure.
"""

from __future__ import annotations

import re

from ._errors import ValidationError
from ._shapes import parse_id, sub_id, value

DEFAULT_RULE_NAME = "allow-services"
_VALUE = re.compile(r"^\d{1,10}:\d{1,10}$")

# Microsoft's global service communities (expressroute-routing, "BGP
# community support"), which have not changed since they were published.
# Used only to see that a run asking for them by name changes nothing,
# without reading the catalog; anything else (a change, a name not listed
# here, a regional community) is resolved and checked against the catalog.
KNOWN_SERVICE_VALUES = {
    "exchange": "12076:5010",
    "exchangeonline": "12076:5010",
    "sharepoint": "12076:5020",
    "sharepointonline": "12076:5020",
    "skypeforbusiness": "12076:5030",
    "skypeforbusinessonline": "12076:5030",
    "crmonline": "12076:5040",
    "azureglobalservices": "12076:5050",
    "azureactivedirectory": "12076:5060",
    "azureresourcemanager": "12076:5070",
    "otheroffice365services": "12076:5100",
    "defenderforidentity": "12076:5220",
    "microsoftdefenderforidentity": "12076:5220",
    "pstn": "12076:5250",
}


def normalize(name):
    """How names compare: case-insensitive, ignoring spaces and punctuation
    ("Exchange Online" = "ExchangeOnline" = "exchangeonline")."""
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def is_value(entry):
    return bool(_VALUE.match(str(entry).strip()))


def catalog_from_sdk(services):
    """Plain dicts from ``bgp_service_communities.list()``:
    [{name, service_name, communities: [{name, value, authorized, region}]}]."""
    catalog = []
    for service in services:
        catalog.append(
            {
                "name": service.name,
                "service_name": service.service_name or service.name,
                "communities": [
                    {
                        "name": c.community_name,
                        "value": c.community_value,
                        "authorized": c.is_authorized_to_use is not False,
                        "region": c.service_supported_region,
                    }
                    for c in (service.bgp_communities or [])
                ],
            }
        )
    return catalog


def _choices(catalog):
    return ", ".join(
        "{0} ({1})".format(
            s["service_name"], ", ".join("{0}: {1}".format(c["name"], c["value"]) for c in s["communities"])
        )
        for s in catalog
    )


def _lookup(entry, catalog):
    """[(community)] an entry names, or [] when it names none."""
    text = str(entry).strip()
    if is_value(text):
        return [c for s in catalog for c in s["communities"] if c["value"] == text][:1]
    wanted = normalize(text)
    for service in catalog:
        if wanted in (normalize(service["name"]), normalize(service["service_name"])):
            return list(service["communities"])
    return [c for s in catalog for c in s["communities"] if normalize(c["name"]) == wanted][:1]


def resolve(entries, catalog, option="communities"):
    """The community values ``entries`` (service names, community names or
    values) stand for, in order, without duplicates; refused: an entry the
    catalog does not have (the message lists what it has), a community
    Microsoft has not authorized the subscription to use."""
    values = []
    for entry in entries:
        found = _lookup(entry, catalog)
        if not found:
            kind = "BGP community value" if is_value(entry) else "service or community name"
            raise ValidationError(
                "{0}: '{1}' is not a {2} of Azure's BGP service community catalog (bgpServiceCommunities). Give a "
                "service name or a value; the catalog has: {3}.".format(option, entry, kind, _choices(catalog))
            )
        for community in found:
            if not community["authorized"]:
                raise ValidationError(
                    "{0}: '{1}' ({2}, {3}) is not authorized for this subscription (isAuthorizedToUse is false): "
                    "Microsoft must approve the subscription for this service over ExpressRoute before a route "
                    "filter can select it.".format(option, entry, community["name"], community["value"])
                )
            if community["value"] not in values:
                values.append(community["value"])
    return values


def known_values(entries):
    """The values of ``entries`` if each is a value or a service
    KNOWN_SERVICE_VALUES has, else None (the catalog must be read)."""
    values = []
    for entry in entries:
        text = str(entry).strip()
        found = text if is_value(text) else KNOWN_SERVICE_VALUES.get(normalize(text))
        if found is None:
            return None
        if found not in values:
            values.append(found)
    return values


def check_entries(entries, option="communities"):
    for entry in entries or []:
        if not isinstance(entry, str) or not entry.strip():
            raise ValidationError(
                "{0} must list service names (e.g. Exchange, AzureActiveDirectory, "
                "AzureWestEurope) or community values (e.g. 12076:5010); got {1!r}.".format(option, entry)
            )
    return entries


def ordered(values):
    """Community values once each, in numeric order (12076:5010 before
    12076:51002); how the module sends and compares them."""

    def key(text):
        parts = str(text).split(":")
        return (0, [int(p) for p in parts], "") if all(p.isdigit() for p in parts) else (1, [], str(text))

    return sorted(set(values or []), key=key)


def same_communities(a, b):
    """Azure does not care about order or repetition."""
    return ordered(a) == ordered(b)


def rule_result(rule):
    if rule is None:
        return None
    return {
        "name": rule.name,
        "access": value(rule.access),
        "communities": list(rule.communities or []),
        "provisioning_state": value(getattr(rule, "provisioning_state", None)),
    }


def route_filter_result(model):
    parsed = parse_id(model.id) or {}
    rules = list(model.rules or [])
    rule = rule_result(rules[0]) if rules else None
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "location": model.location,
        "tags": dict(model.tags or {}),
        "rule": rule,
        "communities": list(rule["communities"]) if rule else [],
        "peerings": [sub_id(p) for p in (model.peerings or [])],
        "ipv6_peerings": [sub_id(p) for p in (getattr(model, "ipv6_peerings", None) or [])],
        "provisioning_state": value(model.provisioning_state),
        "etag": model.etag,
    }


def managed_view(route_filter):
    if route_filter is None:
        return None
    rule = route_filter["rule"]
    return {
        "location": route_filter["location"],
        "tags": dict(route_filter["tags"]),
        "rule_name": rule["name"] if rule else None,
        "communities": ordered(rule["communities"]) if rule else [],
    }


MANAGED_FIELDS = ("location", "tags", "rule_name", "communities")


def refuse_delete_attached(route_filter):
    users = route_filter["peerings"] + route_filter["ipv6_peerings"]
    if users:
        raise ValidationError(
            "Route filter {0} is attached to {1}, and Azure refuses to delete a route filter a peering uses: detach "
            "it first (delete that Microsoft peering with hybridnet.expressroute.peering state=absent, or attach "
            "another filter there), then delete the filter. Nothing was changed.".format(
                route_filter["name"], ", ".join(sorted(set(users)))
            ),
            attached_to=sorted(set(users)),
        )


def predicted(current, after, name, resource_group):
    result = (
        dict(current)
        if current
        else {
            "id": None,
            "name": name,
            "resource_group": resource_group,
            "peerings": [],
            "ipv6_peerings": [],
            "provisioning_state": None,
            "etag": None,
        }
    )
    result["location"] = after["location"]
    result["tags"] = dict(after["tags"])
    if after["rule_name"]:
        result["rule"] = {
            "name": after["rule_name"],
            "access": "Allow",
            "communities": list(after["communities"]),
            "provisioning_state": None,
        }
    else:
        result["rule"] = None
    result["communities"] = list(after["communities"])
    return result
