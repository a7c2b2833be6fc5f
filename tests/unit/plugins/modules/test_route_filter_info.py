"""route_filter_info: which read for which options, the catalog only when
asked for - decided without a server."""

from unittest import mock

from azure.mgmt.network.models import RouteFilter

from ansible_collections.hybridnet.expressroute.plugins.modules import route_filter_info

from .module_harness import RG, not_found, refusal, run_module
from .test_route_filter import CATALOG, filter_json


def test_by_name_by_group_or_all():
    client = mock.MagicMock()
    client.route_filters.get.return_value = RouteFilter(filter_json())
    result, _module = run_module(route_filter_info, dict(name="rf1", resource_group=RG), client=client, wait=False)
    assert [(f["name"], f["communities"]) for f in result["route_filters"]] == [("rf1", ["12076:5010"])]
    assert "communities" not in result
    client.bgp_service_communities.list.assert_not_called()
    client.route_filters.list_by_resource_group.return_value = [RouteFilter(filter_json())]
    result, _module = run_module(route_filter_info, dict(resource_group=RG), client=client, wait=False)
    assert len(result["route_filters"]) == 1
    client.route_filters.list.return_value = []
    result, _module = run_module(route_filter_info, {}, client=client, wait=False)
    assert result["route_filters"] == []


def test_catalog_when_asked_for_and_missing_filter_is_empty():
    client = mock.MagicMock()
    client.route_filters.get.side_effect = not_found
    client.bgp_service_communities.list.return_value = CATALOG
    result, _module = run_module(
        route_filter_info, dict(name="rf1", resource_group=RG, include_catalog=True), client=client, wait=False
    )
    assert result["route_filters"] == []
    assert [s["name"] for s in result["communities"]] == ["Exchange", "AzureWestEurope"]


def test_name_needs_its_group():
    message, _module = refusal(route_filter_info, dict(name="rf1"), mock.MagicMock(), wait=False)
    assert message.startswith("name needs resource_group")
