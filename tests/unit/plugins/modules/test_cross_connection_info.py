"""cross_connection_info: by service key (one list), by name (one GET), by
group or all - decided without a server."""

from unittest import mock

from azure.mgmt.network.models import ExpressRouteCrossConnection

from ansible_collections.hybridnet.expressroute.plugins.modules import cross_connection_info

from .module_harness import refusal, run_module
from .test_cross_connection import KEY, client_with, xc_json


def test_by_service_key_or_name():
    client = client_with(xc_json())
    result, _module = run_module(cross_connection_info, dict(service_key=KEY.upper()), client=client, wait=False)
    assert [x["service_key"] for x in result["cross_connections"]] == [KEY]
    client.express_route_cross_connections.get.assert_not_called()
    result, _module = run_module(
        cross_connection_info, dict(name=KEY, resource_group="provider-rg"), client=client, wait=False
    )
    client.express_route_cross_connections.get.assert_called_once_with("provider-rg", KEY)
    assert result["cross_connections"][0]["circuit_name"] == "er1"


def test_by_group_all_and_missing():
    client = mock.MagicMock()
    client.express_route_cross_connections.list_by_resource_group.return_value = [
        ExpressRouteCrossConnection(xc_json())
    ]
    client.express_route_cross_connections.list.return_value = []
    result, _module = run_module(cross_connection_info, dict(resource_group="provider-rg"), client=client, wait=False)
    assert len(result["cross_connections"]) == 1
    result, _module = run_module(cross_connection_info, {}, client=client, wait=False)
    assert result["cross_connections"] == []
    result, _module = run_module(cross_connection_info, dict(service_key=KEY), client=client_with(None), wait=False)
    assert result["cross_connections"] == []


def test_a_service_key_that_is_not_one_is_refused():
    message, _module = refusal(cross_connection_info, dict(service_key="not-a-key"), mock.MagicMock(), wait=False)
    assert "service_key" in message
