"""route_filter: create, community changes, no-op, refusals, check-mode
prediction and diff decided without a server."""

from unittest import mock

from ansible_collections.hybridnet.expressroute.plugins.modules import route_filter
from azure.mgmt.network.models import BgpServiceCommunity, RouteFilter

from .module_harness import RG, answering, arm_id, only_write, refusal, run_module

CATALOG = [
    BgpServiceCommunity(
        {
            "name": "Exchange",
            "properties": {
                "serviceName": "Exchange",
                "bgpCommunities": [
                    {
                        "communityName": "Exchange",
                        "communityValue": "12076:5010",
                        "serviceSupportedRegion": "Global",
                        "isAuthorizedToUse": True,
                    }
                ],
            },
        }
    ),
    BgpServiceCommunity(
        {
            "name": "AzureWestEurope",
            "properties": {
                "serviceName": "AzureWestEurope",
                "bgpCommunities": [
                    {
                        "communityName": "Azure West Europe",
                        "communityValue": "12076:51002",
                        "serviceSupportedRegion": "Global",
                        "isAuthorizedToUse": True,
                    }
                ],
            },
        }
    ),
]


def filter_json(communities=("12076:5010",), provisioning_state="Succeeded", peerings=()):
    rules = (
        [
            {
                "name": "allow-services",
                "properties": {"access": "Allow", "routeFilterRuleType": "Community", "communities": list(communities)},
            }
        ]
        if communities
        else []
    )
    return {
        "id": arm_id("routeFilters", "rf1"),
        "name": "rf1",
        "location": "westeurope",
        "tags": {},
        "properties": {
            "provisioningState": provisioning_state,
            "rules": rules,
            "peerings": [{"id": peering} for peering in peerings],
        },
    }


def client_with(existing=None):
    client = mock.MagicMock()
    answering(client.route_filters.get, RouteFilter(existing) if existing is not None else None)
    client.bgp_service_communities.list.return_value = CATALOG
    return client


def test_create_resolves_service_names_from_the_catalog():
    client = client_with()
    result, module = run_module(
        route_filter, dict(name="rf1", resource_group=RG, communities=["Azure West Europe"]), client=client
    )
    assert result["changed"] and module.operations == ["create route filter rf1"]
    body = only_write(client, "route_filters")[2]
    assert (body.location, body.rules[0].name, body.rules[0].communities) == (
        "westeurope",
        "allow-services",
        ["12076:51002"],
    )
    assert result["diff"]["before"] == {} and result["diff"]["after"]["communities"] == ["12076:51002"]


def test_same_communities_is_a_no_op_without_reading_the_catalog():
    client = client_with(filter_json())
    result, module = run_module(
        route_filter, dict(name="rf1", resource_group=RG, communities=["12076:5010"]), client=client
    )
    assert not result["changed"] and module.operations == []
    client.bgp_service_communities.list.assert_not_called()
    assert client.route_filters.get.call_count == 1


def test_check_mode_predicts_added_communities():
    client = client_with(filter_json())
    result, module = run_module(
        route_filter,
        dict(name="rf1", resource_group=RG, communities=["12076:5010", "Azure West Europe"]),
        check_mode=True,
        client=client,
    )
    assert result["changed"] and module.operations == []
    assert result["route_filter"]["rule"]["communities"] == ["12076:5010", "12076:51002"]
    assert (result["diff"]["before"]["communities"], result["diff"]["after"]["communities"]) == (
        ["12076:5010"],
        ["12076:5010", "12076:51002"],
    )


def test_empty_communities_removes_the_rule():
    client = client_with(filter_json())
    result, _module = run_module(route_filter, dict(name="rf1", resource_group=RG, communities=[]), client=client)
    assert result["changed"] and only_write(client, "route_filters")[2].rules == []
    assert result["diff"]["after"]["rule_name"] is None


def test_location_cannot_change_and_unknown_service_is_named():
    message, _module = refusal(
        route_filter, dict(name="rf1", resource_group=RG, location="northeurope"), client_with(filter_json())
    )
    assert "location of route filter rf1 is westeurope and cannot change" in message
    message, _module = refusal(
        route_filter, dict(name="rf1", resource_group=RG, communities=["NoSuchService"]), client_with()
    )
    assert "NoSuchService" in message


def test_attached_filter_is_not_deleted_and_a_free_one_is():
    peering = arm_id("expressRouteCircuits", "er1", "peerings", "MicrosoftPeering")
    message, _module = refusal(
        route_filter, dict(name="rf1", resource_group=RG, state="absent"), client_with(filter_json(peerings=[peering]))
    )
    assert "is attached to {0}".format(peering) in message
    result, module = run_module(
        route_filter, dict(name="rf1", resource_group=RG, state="absent"), client=client_with(filter_json())
    )
    assert result["changed"] and module.operations == ["delete route filter rf1"]
    result, module = run_module(route_filter, dict(name="rf1", resource_group=RG, state="absent"), client=client_with())
    assert not result["changed"] and module.operations == []
