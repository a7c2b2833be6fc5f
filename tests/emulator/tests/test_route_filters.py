"""Route filters and their rule through the real SDK: inline and child
rules, every rule check, the peerings a filter serves, delete refusals,
tags, lists."""

import time
import urllib.error

import pytest
from azure.core.exceptions import ResourceNotFoundError

from er_helpers import (
    API,
    MICROSOFT,
    RG,
    create_peering,
    error_of,
    microsoft_peering,
    provisioned_circuit,
    sub_resource,
    value,
)

EXCHANGE, AAD = "12076:5010", "12076:5060"


def rule(name="allow", access="Allow", rule_type="Community", communities=(EXCHANGE,)):
    from azure.mgmt.network.models import RouteFilterRule

    return RouteFilterRule(name=name, access=access, route_filter_rule_type=rule_type, communities=list(communities))


def route_filter(rules=None, tags=None):
    from azure.mgmt.network.models import RouteFilter

    return RouteFilter(location="westeurope", rules=rules, tags=tags)


def create_filter(network, name="rf1", rules=None):
    return network.route_filters.begin_create_or_update(RG, name, route_filter(rules)).result()


def filter_url(arm, name="rf1"):
    return "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/routeFilters/{3}?{4}".format(
        arm.base, arm.sub, RG, name, API
    )


def test_filter_with_an_inline_rule(network):
    created = create_filter(network, rules=[rule(communities=[EXCHANGE, AAD])])
    assert value(created.provisioning_state) == "Succeeded" and created.location == "westeurope"
    (inline,) = created.rules
    assert inline.name == "allow" and inline.communities == [EXCHANGE, AAD]
    assert value(inline.access) == "Allow" and value(inline.route_filter_rule_type) == "Community"
    assert created.peerings == [] and created.ipv6_peerings == []
    child = network.route_filter_rules.get(RG, "rf1", "allow")
    assert child.id == created.id + "/routeFilterRules/allow" and value(child.provisioning_state) == "Succeeded"
    # A PUT that carries rules replaces them; one without keeps them.
    replaced = create_filter(network, rules=[rule(name="only", communities=[AAD])])
    assert [r.name for r in replaced.rules] == ["only"]
    kept = create_filter(network)
    assert [r.name for r in kept.rules] == ["only"]
    with pytest.raises(ResourceNotFoundError):
        network.route_filter_rules.get(RG, "rf1", "allow")


def test_rule_as_a_child_resource(network):
    create_filter(network)
    made = network.route_filter_rules.begin_create_or_update(RG, "rf1", "allow", rule()).result()
    assert made.communities == [EXCHANGE] and made.location == "westeurope"
    assert [r.name for r in network.route_filters.get(RG, "rf1").rules] == ["allow"]
    assert [r.name for r in network.route_filter_rules.list_by_route_filter(RG, "rf1")] == ["allow"]
    network.route_filter_rules.begin_delete(RG, "rf1", "allow").result()
    assert network.route_filters.get(RG, "rf1").rules == []


RULE_CHECKS = [
    ("unknown access", lambda: rule(access="Block"), "InvalidRouteFilterRuleAccess", ["'Allow' or 'Deny'"]),
    ("not Community", lambda: rule(rule_type="Prefix"), "InvalidRouteFilterRuleType", ["Community"]),
    (
        "unknown community",
        lambda: rule(communities=["12076:9999"]),
        "InvalidBgpCommunity",
        ["12076:9999", "12076:5010 (Exchange Online)", "12076:5060 (Azure Active Directory)"],
    ),
    ("no community", lambda: rule(communities=[]), "RouteFilterRuleCommunitiesRequired", ["communities"]),
]


@pytest.mark.parametrize("what, factory, code, words", RULE_CHECKS, ids=[c[0] for c in RULE_CHECKS])
def test_rule_checks(network, what, factory, code, words):
    create_filter(network)
    for attempt in (
        lambda: network.route_filter_rules.begin_create_or_update(RG, "rf1", "allow", factory()),
        lambda: create_filter(network, "rf2", rules=[factory()]),
    ):
        exc = error_of(attempt)
        assert exc.status_code == 400 and exc.error.code == code
        for word in words:
            assert word in exc.error.message
    assert network.route_filters.get(RG, "rf1").rules == []
    with pytest.raises(ResourceNotFoundError):
        network.route_filters.get(RG, "rf2")


def test_a_deny_rule_is_accepted(network):
    """The spec's Access is Allow | Deny and live ARM accepted an update to
    Deny [REC: Azure/azure-cli recordings/test_network_route_filter.yaml]."""
    create_filter(network)
    network.route_filter_rules.begin_create_or_update(RG, "rf1", "rule1", rule("rule1")).result()
    denied = network.route_filter_rules.begin_create_or_update(RG, "rf1", "rule1", rule("rule1", access="deny"))
    assert value(denied.result().access) == "Deny"
    assert value(network.route_filters.get(RG, "rf1").rules[0].access) == "Deny"


def test_a_no_op_filter_put_answers_succeeded(arm, emulator_controls):
    """A PUT that changes nothing answers Succeeded, not Updating, and still
    runs an operation [REC: recordings/test_network_route_filter.yaml]."""
    body = {"location": "westeurope", "tags": {"foo": "doo"}}
    assert arm.put(filter_url(arm), json=body).status_code == 201
    emulator_controls.configure(lro_seconds={"routeFilters": 1.0})
    same = arm.put(filter_url(arm), json=dict(body, properties={"rules": []}))
    assert same.status_code == 200 and same.json()["properties"]["provisioningState"] == "Succeeded"
    assert arm.get(same.headers["Azure-AsyncOperation"]).json() == {"status": "InProgress"}
    time.sleep(1.1)
    changed = arm.put(filter_url(arm), json=dict(body, tags={"foo": "boo"}))
    assert changed.json()["properties"]["provisioningState"] == "Updating"


def test_one_rule_only(network):
    exc = error_of(lambda: create_filter(network, rules=[rule("a"), rule("b")]))
    assert exc.error.code == "RouteFilterRuleLimitReached" and "only one rule" in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.route_filters.get(RG, "rf1")
    create_filter(network, rules=[rule("a")])
    exc = error_of(lambda: network.route_filter_rules.begin_create_or_update(RG, "rf1", "b", rule("b")))
    assert exc.error.code == "RouteFilterRuleLimitReached" and "'a'" in exc.error.message
    assert [r.name for r in network.route_filters.get(RG, "rf1").rules] == ["a"]


def test_attached_to_microsoft_peering(network, emulator_controls, arm):
    circuit = provisioned_circuit(network, emulator_controls)
    route_filter = create_filter(network, rules=[rule()])
    peering = create_peering(network, microsoft_peering(route_filter=sub_resource(route_filter.id)))
    assert peering.route_filter.id == route_filter.id
    shown = network.route_filters.get(RG, "rf1")
    assert [p.id for p in shown.peerings] == [peering.id]

    # The MSEE now has the Exchange prefixes for this peering.
    table = network.express_route_circuits.begin_list_routes_table(RG, "er1", MICROSOFT, "primary").result().value
    assert {r.network for r in table} == {"40.92.0.0/15", "52.100.0.0/14"}

    exc = error_of(lambda: network.route_filters.begin_delete(RG, "rf1").result())
    assert exc.status_code == 400 and exc.error.code == "RouteFilterInUse" and peering.id in exc.error.message
    with pytest.raises(urllib.error.HTTPError) as info:
        emulator_controls.provision(circuit.service_key, "NotProvisioned")
    assert info.value.code == 400 and b"route filter" in info.value.read()

    peering.route_filter = None
    network.express_route_circuit_peerings.begin_create_or_update(RG, "er1", MICROSOFT, peering).result()
    assert network.route_filters.get(RG, "rf1").peerings == []
    deleted = arm.delete(filter_url(arm))
    assert deleted.status_code == 202 and "Azure-AsyncOperation" in deleted.headers
    with pytest.raises(ResourceNotFoundError):
        network.route_filters.get(RG, "rf1")


def test_tags_lists_and_paging(network, emulator_controls):
    from azure.mgmt.network.models import TagsObject

    for name in ("rf1", "rf2", "rf3"):
        create_filter(network, name)
    tagged = network.route_filters.update_tags(RG, "rf2", TagsObject(tags={"team": "net"}))
    assert tagged.tags == {"team": "net"}
    emulator_controls.configure(page_size=2)
    assert sorted(f.name for f in network.route_filters.list_by_resource_group(RG)) == ["rf1", "rf2", "rf3"]
    assert sorted(f.name for f in network.route_filters.list()) == ["rf1", "rf2", "rf3"]


def test_a_filter_operation_locks_its_rules(network, emulator_controls):
    create_filter(network)
    emulator_controls.configure(lro_seconds={"routeFilters": 1.0})
    poller = network.route_filters.begin_create_or_update(RG, "rf1", route_filter(tags={"a": "b"}))
    exc = error_of(lambda: network.route_filter_rules.begin_create_or_update(RG, "rf1", "allow", rule()))
    assert exc.status_code == 409 and exc.error.code == "AnotherOperationInProgress"
    assert poller.result().tags == {"a": "b"}


@pytest.mark.parametrize("community", [["12076:5010"], {"value": "12076:5010"}, 12076])
def test_a_community_that_is_not_a_string_is_a_400(arm, community):
    body = {
        "location": "westeurope",
        "properties": {
            "rules": [
                {
                    "name": "allow",
                    "properties": {"access": "Allow", "routeFilterRuleType": "Community", "communities": [community]},
                }
            ]
        },
    }
    response = arm.put(filter_url(arm), json=body)
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidBgpCommunity"
    assert arm.get(filter_url(arm)).status_code == 404
