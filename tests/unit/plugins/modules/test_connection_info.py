"""connection_info: by name, by gateway or by group, ExpressRoute connections
only - decided without a server."""

from unittest import mock

from azure.mgmt.network.models import VirtualNetworkGatewayConnection

from ansible_collections.hybridnet.expressroute.plugins.modules import connection_info

from .module_harness import RG, arm_id, refusal, run_module
from .test_connection import connection_json


def test_by_name_and_by_group_expressroute_only():
    client = mock.MagicMock()
    client.virtual_network_gateway_connections.get.return_value = VirtualNetworkGatewayConnection(connection_json())
    result, _module = run_module(connection_info, dict(name="conn1", resource_group=RG), client=client, wait=False)
    assert [(c["name"], c["circuit"], c["gateway"]) for c in result["connections"]] == [("conn1", "er1", "gw1")]
    vpn = connection_json()
    vpn["name"], vpn["properties"] = "s2s", dict(vpn["properties"], connectionType="IPsec")
    client.virtual_network_gateway_connections.list.return_value = [
        VirtualNetworkGatewayConnection(connection_json()),
        VirtualNetworkGatewayConnection(vpn),
    ]
    result, _module = run_module(connection_info, dict(resource_group=RG), client=client, wait=False)
    assert [c["name"] for c in result["connections"]] == ["conn1"] and not result["changed"]


def test_by_gateway_lists_the_gateways_connections():
    client = mock.MagicMock()
    client.virtual_network_gateways.list_connections.return_value = []
    run_module(connection_info, dict(gateway=arm_id("virtualNetworkGateways", "gw1")), client=client, wait=False)
    client.virtual_network_gateways.list_connections.assert_called_once_with(RG, "gw1")


def test_a_read_needs_a_group_or_a_gateway():
    message, _module = refusal(connection_info, {}, mock.MagicMock(), wait=False)
    assert message.startswith("Give name and resource_group, resource_group, or gateway")
    message, _module = refusal(connection_info, dict(gateway="gw1"), mock.MagicMock(), wait=False)
    assert message == "gateway given by name needs gateway_resource_group (or resource_group)."
