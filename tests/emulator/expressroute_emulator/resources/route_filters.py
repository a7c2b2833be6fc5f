"""Microsoft.Network/routeFilters and routeFilters/{f}/routeFilterRules.

A route filter picks which Microsoft service prefixes Microsoft peering
advertises (arm_expressroute.md §3 rule 8): one rule, access Allow (or
Deny: nothing through), type Community, communities from the bgpServiceCommunities catalog.  Rules are
their own records under the filter and appear inline in it; a filter PUT
that carries ``rules`` replaces them (one that leaves ``rules`` out keeps
them).  The filter shows the peerings that use it (``peerings``,
``ipv6Peerings``) and cannot be deleted while one does.

On a Microsoft peering with a filter, the MSEE route tables show the
prefixes of the allowed communities (a route source, see diagnostics.py).
"""

from ..arm import ResourceType, new_etag
from ..errors import bad_request
from ..store import key
from . import _rules, catalog

FILTER_TYPE = "Microsoft.Network/routeFilters"
RULE_TYPE = "Microsoft.Network/routeFilters/routeFilterRules"
PEERING_TYPE = "Microsoft.Network/expressRouteCircuits/peerings"
RULE_MEMBERS = {"access", "routeFilterRuleType", "communities"}
INLINE_RULE_MEMBERS = {"id", "name", "etag", "location", "type", "properties"}


def _catalog_communities(subscription_id):
    """{value: "value (community name)"} of every BGP service community."""
    result = {}
    for service in catalog.bgp_communities(subscription_id):
        for community in service["properties"]["bgpCommunities"]:
            result[community["communityValue"]] = "{0} ({1})".format(
                community["communityValue"], community["communityName"]
            )
    return result


def community_prefixes(subscription_id, values):
    """The Microsoft prefixes tagged with any of ``values``."""
    wanted = set(values)
    prefixes = []
    for service in catalog.bgp_communities(subscription_id):
        for community in service["properties"]["bgpCommunities"]:
            if community["communityValue"] in wanted:
                prefixes.extend(community["communityPrefixes"])
    return prefixes


def plan_rule(props, path, subscription_id):
    """A rule's properties, checked: Allow/Deny, Community, catalog communities."""
    props = _rules.as_object(props, path)
    _rules.check_members(props, RULE_MEMBERS | {"provisioningState"}, path)
    access = props.get("access")
    # The spec's Access enum is Allow | Deny, and live ARM accepted a Deny rule
    # [REC: Azure/azure-cli recordings/test_network_route_filter.yaml]; a
    # Deny rule lets none of its communities through.
    if not isinstance(access, str) or access.lower() not in ("allow", "deny"):
        raise bad_request(
            "InvalidRouteFilterRuleAccess",
            "{0}.access must be 'Allow' or 'Deny' (got {1!r}); list the communities to receive in an "
            "Allow rule.".format(path, access),
        )
    # The spec marks routeFilterRuleType required, but live ARM fills in its
    # only value when a body leaves it out: Azure/azure-cli recording
    # test_network_route_filter.yaml (commit bbe59c9d, 2022-05-12, api
    # 2021-08-01) PUTs {"access","communities"} and gets 201 with
    # routeFilterRuleType "Community"; azure-cli 2.91 sends no type at all.
    rule_type = props.get("routeFilterRuleType")
    if rule_type is None:
        rule_type = "Community"
    if not isinstance(rule_type, str) or rule_type.lower() != "community":
        raise bad_request(
            "InvalidRouteFilterRuleType",
            "{0}.routeFilterRuleType must be 'Community'; got {1!r}.".format(path, rule_type),
        )
    communities = _rules.as_list(props.get("communities"), path + ".communities")
    if not communities:
        raise bad_request(
            "RouteFilterRuleCommunitiesRequired",
            "{0}.communities is required: the BGP community values of the services to receive "
            "(bgpServiceCommunities), e.g. 12076:5010 for Exchange Online.".format(path),
        )
    known = _catalog_communities(subscription_id)
    for community in communities:
        if not isinstance(community, str) or community not in known:
            raise bad_request(
                "InvalidBgpCommunity",
                "{0}: {1!r} is not a BGP service community. Valid communities: {2}.".format(
                    path + ".communities", community, ", ".join(known[v] for v in sorted(known))
                ),
            )
    return {"access": access.capitalize(), "routeFilterRuleType": "Community", "communities": list(communities)}


def peerings_using(emulator, filter_id, ipv6=False):
    """Peering records whose (IPv6) routeFilter is this filter."""
    wanted = key(filter_id)

    def uses(record):
        config = (record["properties"].get("ipv6PeeringConfig") or {}) if ipv6 else record["properties"]
        return key((config.get("routeFilter") or {}).get("id", "")) == wanted

    return [r for r in emulator.store.all_of_type(PEERING_TYPE) if uses(r)]


class RouteFilters(ResourceType):
    collections = ("routeFilters",)
    subscription_list = True
    readonly_properties = {"provisioningState", "peerings", "ipv6Peerings"}

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        _rules.check_members(props, {"rules"}, "properties")
        if props.get("rules") is not None:
            rules = _rules.as_list(props["rules"], "properties.rules")
            if len(rules) > 1:
                raise bad_request(
                    "RouteFilterRuleLimitReached",
                    "A route filter can have only one rule; properties.rules has {0}. Put all "
                    "communities in one Allow rule.".format(len(rules)),
                )
            planned = []
            for index, rule in enumerate(rules):
                path = "properties.rules[{0}]".format(index)
                rule = _rules.as_object(rule, path)
                _rules.check_members(rule, INLINE_RULE_MEMBERS, path)
                if not isinstance(rule.get("name"), str) or not rule["name"].strip():
                    raise bad_request("InvalidRequestFormat", "{0}.name is required.".format(path))
                planned.append(
                    (rule["name"].strip(), plan_rule(rule.get("properties"), path + ".properties", rid.subscription))
                )
            # Written by after_put, once nothing can refuse the PUT.
            record["_meta"]["inline_rules"] = planned
        return {}

    answers_noop_put_succeeded = True

    def unchanged(self, record, existing):
        planned = record["_meta"].get("inline_rules")
        current = [
            (r["name"], {k: v for k, v in r["properties"].items() if k != "provisioningState"})
            for r in self.store.children(existing["id"], RULE_TYPE)
        ]
        return record.get("tags") == existing.get("tags") and (
            planned is None or [(n.lower(), p) for n, p in planned] == [(n.lower(), p) for n, p in current]
        )

    def after_put(self, ctx, record, existing):
        planned = record["_meta"].pop("inline_rules", None)
        if planned is None:
            return
        names = {name.lower() for name, _ in planned}
        for rule in self.store.children(record["id"], RULE_TYPE):
            if rule["name"].lower() not in names:
                self.store.delete_tree(rule["id"])
        for name, props in planned:
            rule_id = "{0}/routeFilterRules/{1}".format(record["id"], name)
            old = self.store.get(rule_id)
            props = dict(props, provisioningState=record["properties"]["provisioningState"])
            self.store.put(
                {
                    "id": old["id"] if old else rule_id,
                    "name": old["name"] if old else name,
                    "type": RULE_TYPE,
                    "etag": new_etag(),
                    "properties": props,
                    "_meta": {
                        "parent": key(record["id"]),
                        "subscription": record["_meta"]["subscription"],
                        "resource_group": record["_meta"]["resource_group"],
                        "created": record["_meta"]["created"],
                    },
                }
            )

    def complete_put(self, ctx, record):
        record["properties"]["provisioningState"] = "Succeeded"
        for rule in self.store.children(record["id"], RULE_TYPE):
            rule["properties"]["provisioningState"] = "Succeeded"

    def validate_delete(self, ctx, record):
        users = peerings_using(self.emulator, record["id"]) + peerings_using(self.emulator, record["id"], ipv6=True)
        if users:
            raise bad_request(
                "RouteFilterInUse",
                "Route filter '{0}' is attached to {1}; remove routeFilter from the peering first.".format(
                    record["name"], ", ".join(sorted({p["id"] for p in users}))
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        rule_type = self.emulator.arm.type_for(["routeFilters", "routeFilterRules"])
        peering_type = self.emulator.arm.type_for(["expressRouteCircuits", "peerings"])
        view["properties"]["rules"] = [rule_type.render(ctx, r) for r in self.store.children(record["id"], RULE_TYPE)]
        view["properties"]["peerings"] = [
            peering_type.render(ctx, p) for p in peerings_using(self.emulator, record["id"])
        ]
        view["properties"]["ipv6Peerings"] = [
            peering_type.render(ctx, p) for p in peerings_using(self.emulator, record["id"], ipv6=True)
        ]
        return view


class RouteFilterRules(ResourceType):
    collections = ("routeFilters", "routeFilterRules")
    located = False

    def lock_scope(self, rid):
        return rid.parent_id

    def validate_put(self, ctx, rid, body, existing, record):
        for other in self.store.children(rid.parent_id, RULE_TYPE):
            if other["name"].lower() != rid.name.lower():
                raise bad_request(
                    "RouteFilterRuleLimitReached",
                    "A route filter can have only one rule; '{0}' already has rule '{1}'. Update that "
                    "rule instead.".format(rid.segments[0][1], other["name"]),
                )
        return plan_rule(body["properties"], "properties", rid.subscription)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        route_filter = self.store.get(record["_meta"]["parent"])
        if route_filter is not None:
            view["location"] = route_filter["location"]
        return view


def _route_source(emulator):
    """Microsoft prefixes a Microsoft peering's filter lets through, as the
    MSEE's own routes (emulator-defined shape: next hop "", weight 0, empty
    AS path)."""

    def source(circuit, peering):
        props = peering["properties"]
        filter_id = (props.get("routeFilter") or {}).get("id")
        if props.get("peeringType") != "MicrosoftPeering" or not filter_id:
            return []
        values = []
        for rule in emulator.store.children(filter_id, RULE_TYPE):
            if rule["properties"]["access"] == "Allow":
                values.extend(rule["properties"]["communities"])
        return [{"network": p} for p in community_prefixes(circuit["_meta"]["subscription"], values)]

    return source


def _deprovision_check(emulator):
    def check(circuit):
        for peering in emulator.store.children(circuit["id"], PEERING_TYPE):
            props = peering["properties"]
            if props.get("routeFilter") or (props.get("ipv6PeeringConfig") or {}).get("routeFilter"):
                raise bad_request(
                    "CircuitCannotBeDeprovisioned",
                    "Circuit '{0}' cannot be deprovisioned while its peering '{1}' has a route filter; "
                    "remove the route filter from the peering first.".format(circuit["name"], peering["name"]),
                )

    return check


def register(emulator):
    emulator.arm.register(RouteFilters)
    emulator.arm.register(RouteFilterRules)
    emulator.route_sources.append(_route_source(emulator))
    emulator.deprovision_checks.append(_deprovision_check(emulator))
