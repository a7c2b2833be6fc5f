"""gateway_info: the group's ExpressRoute gateways (VPN ones left out) with
their connections - decided without a server."""

from unittest import mock

from azure.mgmt.network.models import VirtualNetworkGateway

from ansible_collections.hybridnet.expressroute.plugins.modules import gateway_info

from .module_harness import RG, not_found, run_module
from .test_gateway import client_with, gateway_json


def test_one_gateway_with_its_connections():
    client = client_with(gateway_json(), connections=["conn1", "conn2"])
    result, _module = run_module(gateway_info, dict(name="gw1", resource_group=RG), client=client, wait=False)
    gateway = result["gateways"][0]
    assert (gateway["name"], gateway["connections_count"]) == ("gw1", 2)
    assert [c["name"] for c in gateway["connections"]] == ["conn1", "conn2"] and not result["changed"]


def test_the_group_lists_expressroute_gateways_only():
    vpn = dict(gateway_json(), name="vpn1")
    vpn["properties"] = dict(vpn["properties"], gatewayType="Vpn")
    client = client_with()
    client.virtual_network_gateways.list.return_value = [
        VirtualNetworkGateway(gateway_json()),
        VirtualNetworkGateway(vpn),
    ]
    result, _module = run_module(gateway_info, dict(resource_group=RG), client=client, wait=False)
    assert [g["name"] for g in result["gateways"]] == ["gw1"]


def test_missing_gateway_is_empty():
    client = mock.MagicMock()
    client.virtual_network_gateways.get.side_effect = not_found
    result, _module = run_module(gateway_info, dict(name="gw1", resource_group=RG), client=client, wait=False)
    assert result == dict(changed=False, gateways=[])
