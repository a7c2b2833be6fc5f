"""gateway: create in the GatewaySubnet, SKU and scale changes, tags-only
updates, no-op, refusals (busy, in use, wrong subnet), check mode and diff
decided without a server."""

from unittest import mock

import pytest
from ansible_collections.hybridnet.expressroute.plugins.modules import gateway
from azure.mgmt.network.models import (
    VirtualNetwork,
    VirtualNetworkGateway,
    VirtualNetworkGatewayConnectionListEntity,
)

from .module_harness import RG, SUB, answering, arm_id, only_write, refusal, run_module

VNET_ID = arm_id("virtualNetworks", "vnet1")


def vnet_json(subnet_name="GatewaySubnet", prefix="10.0.255.0/27"):
    return {
        "id": VNET_ID,
        "name": "vnet1",
        "location": "westeurope",
        "properties": {
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [
                {
                    "id": VNET_ID + "/subnets/" + subnet_name,
                    "name": subnet_name,
                    "properties": {"addressPrefix": prefix},
                }
            ],
        },
    }


def gateway_json(sku="Standard", state="Succeeded", tags=None, bounds=None):
    properties = {
        "gatewayType": "ExpressRoute",
        "provisioningState": state,
        "sku": {"name": sku, "tier": sku},
        "ipConfigurations": [{"name": "default", "properties": {"subnet": {"id": VNET_ID + "/subnets/GatewaySubnet"}}}],
    }
    if bounds:
        properties["autoScaleConfiguration"] = {"bounds": {"min": bounds[0], "max": bounds[1]}}
    return {
        "id": arm_id("virtualNetworkGateways", "gw1"),
        "name": "gw1",
        "location": "westeurope",
        "tags": tags or {},
        "properties": properties,
    }


def client_with(existing=None, vnet=None, connections=()):
    client = mock.MagicMock()
    answering(client.virtual_network_gateways.get, VirtualNetworkGateway(existing) if existing is not None else None)
    client.virtual_networks.get.return_value = VirtualNetwork(vnet or vnet_json())
    client.virtual_network_gateways.list_connections.return_value = [
        VirtualNetworkGatewayConnectionListEntity(
            {
                "id": arm_id("connections", name),
                "name": name,
                "properties": {"peer": {"id": arm_id("expressRouteCircuits", name)}},
            }
        )
        for name in connections
    ]
    return client


ARGS = dict(name="gw1", resource_group=RG, virtual_network="vnet1", sku="Standard")


def test_create_puts_a_gateway_into_the_gatewaysubnet():
    client = client_with()
    result, module = run_module(gateway, ARGS, client=client)
    assert result["changed"] and module.operations == ["create ExpressRoute gateway gw1"]
    body = only_write(client, "virtual_network_gateways")[2]
    assert (body.gateway_type, body.sku.name, body.location) == ("ExpressRoute", "Standard", "westeurope")
    assert body.ip_configurations[0].subnet.id == VNET_ID + "/subnets/GatewaySubnet"
    assert result["diff"]["after"]["virtual_network_id"] == VNET_ID


def test_check_mode_predicts_the_new_gateways_id():
    client = client_with()
    result, module = run_module(gateway, ARGS, check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    assert result["gateway"]["id"] == arm_id("virtualNetworkGateways", "gw1")
    assert result["gateway"]["subscription_id"] == SUB and result["gateway"]["virtual_network"] == "vnet1"


def test_same_gateway_is_a_no_op_with_one_read():
    client = client_with(gateway_json())
    result, module = run_module(gateway, ARGS, client=client)
    assert not result["changed"] and module.operations == []
    assert client.virtual_network_gateways.get.call_count == 1
    client.virtual_network_gateways.list_connections.assert_not_called()


def test_tags_alone_use_the_tags_operation():
    client = client_with(gateway_json())
    result, module = run_module(gateway, dict(ARGS, tags={"env": "lab"}), client=client)
    assert result["changed"] and module.operations == ["update the tags of ExpressRoute gateway gw1"]
    assert only_write(client, "virtual_network_gateways", "begin_update_tags")[2].tags == {"env": "lab"}
    client.virtual_network_gateways.begin_create_or_update.assert_not_called()


def test_sku_upgrade_in_its_family_updates_the_fetched_gateway():
    client = client_with(gateway_json())
    result, module = run_module(gateway, dict(ARGS, sku="HighPerformance"), client=client)
    assert result["changed"] and module.operations == ["update ExpressRoute gateway gw1"]
    assert only_write(client, "virtual_network_gateways")[2].sku.name == "HighPerformance"
    assert (result["diff"]["before"]["sku"], result["diff"]["after"]["sku"]) == ("Standard", "HighPerformance")


@pytest.mark.parametrize(
    "existing, vnet, overrides, text",
    [
        (None, vnet_json(subnet_name="gatewaysubnet"), {}, "needs the subnet named exactly 'GatewaySubnet'"),
        (None, None, dict(sku=None), "to create it set sku"),
        (gateway_json(), None, dict(location="northeurope"), "a gateway cannot move"),
        (gateway_json(sku="ErGw1AZ"), None, dict(sku="Standard"), "ErGw1AZ"),
    ],
)
def test_refusals_before_any_write(existing, vnet, overrides, text):
    message, _module = refusal(gateway, dict(ARGS, **overrides), client_with(existing, vnet))
    assert text in message


def test_a_busy_gateway_is_not_changed_without_wait():
    client = client_with(gateway_json(state="Updating"))
    message, module = refusal(gateway, dict(ARGS, sku="HighPerformance", wait=False), client)
    assert "Gateway gw1 is still being created or updated (provisioning_state Updating" in message


def test_delete_refused_while_connections_use_it():
    message, _module = refusal(gateway, dict(ARGS, state="absent"), client_with(gateway_json(), connections=["conn1"]))
    assert "cannot be deleted while connections use it: conn1" in message
    result, module = run_module(gateway, dict(ARGS, state="absent"), client=client_with(gateway_json()))
    assert result["changed"] and module.operations == ["delete ExpressRoute gateway gw1"]
