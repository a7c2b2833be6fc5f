"""connection: a gateway's link to a circuit - create (with the checks on
the gateway and the circuit), updates, tags-only, no-op, refusals, check
mode and diff decided without a server."""

from unittest import mock

import pytest
from ansible_collections.hybridnet.expressroute.plugins.modules import connection
from azure.mgmt.network.models import (
    ExpressRouteCircuit,
    VirtualNetworkGateway,
    VirtualNetworkGatewayConnection,
)

from .module_harness import RG, answering, arm_id, only_write, refusal, run_module

GATEWAY_ID = arm_id("virtualNetworkGateways", "gw1")
CIRCUIT_ID = arm_id("expressRouteCircuits", "er1")


def gateway_json(state="Succeeded", sku="Standard"):
    return {
        "id": GATEWAY_ID,
        "name": "gw1",
        "location": "westeurope",
        "properties": {"gatewayType": "ExpressRoute", "provisioningState": state, "sku": {"name": sku, "tier": sku}},
    }


def circuit_json(provider_state="Provisioned", tier="Standard", location="Amsterdam", private=True):
    peerings = (
        [
            {
                "name": "AzurePrivatePeering",
                "properties": {"peeringType": "AzurePrivatePeering", "provisioningState": "Succeeded"},
            }
        ]
        if private
        else []
    )
    return {
        "id": CIRCUIT_ID,
        "name": "er1",
        "location": "westeurope",
        "sku": {"tier": tier, "family": "MeteredData"},
        "properties": {
            "provisioningState": "Succeeded",
            "serviceKey": "key-1",
            "serviceProviderProvisioningState": provider_state,
            "serviceProviderProperties": {
                "serviceProviderName": "Equinix",
                "peeringLocation": location,
                "bandwidthInMbps": 200,
            },
            "peerings": peerings,
        },
    }


def connection_json(weight=0, state="Succeeded", tags=None):
    return {
        "id": arm_id("connections", "conn1"),
        "name": "conn1",
        "location": "westeurope",
        "tags": tags or {},
        "properties": {
            "connectionType": "ExpressRoute",
            "provisioningState": state,
            "routingWeight": weight,
            "virtualNetworkGateway1": {"id": GATEWAY_ID},
            "peer": {"id": CIRCUIT_ID},
            "expressRouteGatewayBypass": False,
            "connectionStatus": "Connected",
        },
    }


def client_with(existing=None, gateway=None, circuit=None):
    client = mock.MagicMock()
    answering(
        client.virtual_network_gateway_connections.get,
        VirtualNetworkGatewayConnection(existing) if existing is not None else None,
    )
    client.virtual_network_gateways.get.return_value = VirtualNetworkGateway(gateway or gateway_json())
    client.express_route_circuits.get.return_value = ExpressRouteCircuit(circuit or circuit_json())
    client.virtual_network_gateways.list_connections.return_value = []
    return client


ARGS = dict(name="conn1", resource_group=RG, gateway="gw1", peer="er1")


def test_create_links_the_gateway_to_the_circuit():
    client = client_with()
    result, module = run_module(connection, ARGS, client=client)
    assert result["changed"] and module.operations == ["create connection conn1"]
    body = only_write(client, "virtual_network_gateway_connections")[2]
    assert (body.virtual_network_gateway1.id, body.peer.id, body.routing_weight) == (GATEWAY_ID, CIRCUIT_ID, 0)
    assert body.location == "westeurope" and body.authorization_key is None
    assert result["circuit_checked"] is True
    assert result["diff"]["after"]["peer_id"] == CIRCUIT_ID


def test_check_mode_predicts_and_never_shows_a_key():
    other = arm_id("expressRouteCircuits", "er9", subscription="00000000-0000-0000-0000-0000000000bb")
    # The other subscription's circuit, read with the key's owner's consent.
    client = client_with(circuit=dict(circuit_json(), id=other, name="er9"))
    result, module = run_module(
        connection, dict(ARGS, peer=other, authorization_key="very-secret"), check_mode=True, client=client
    )
    assert result["changed"] and module.operations == []
    assert result["connection"]["id"] == arm_id("connections", "conn1")
    assert result["connection"]["circuit"] == "er9" and "authorization_key" not in result["connection"]
    assert result["diff"]["after"]["authorization_key"] not in (None, "very-secret")


def test_same_connection_is_a_no_op_with_one_read():
    client = client_with(connection_json())
    result, module = run_module(connection, ARGS, client=client)
    assert not result["changed"] and module.operations == []
    client.virtual_network_gateways.get.assert_not_called()
    client.express_route_circuits.get.assert_not_called()


def test_tags_use_the_tags_operation_and_weight_a_write():
    client = client_with(connection_json())
    result, module = run_module(connection, dict(ARGS, tags={"a": "b"}), client=client)
    assert module.operations == ["update the tags of connection conn1"]
    client = client_with(connection_json())
    result, module = run_module(connection, dict(ARGS, routing_weight=10), client=client)
    assert module.operations == ["update connection conn1"]
    assert only_write(client, "virtual_network_gateway_connections")[2].routing_weight == 10
    assert (result["diff"]["before"]["routing_weight"], result["diff"]["after"]["routing_weight"]) == (0, 10)


@pytest.mark.parametrize(
    "kwargs, overrides, text",
    [
        (dict(circuit=circuit_json(provider_state="NotProvisioned")), {}, "has not provisioned it"),
        (dict(circuit=circuit_json(private=False)), {}, "has no AzurePrivatePeering"),
        (dict(gateway=gateway_json(state="Updating")), {}, "gateway gw1 is still being created or updated"),
        (dict(circuit=circuit_json(location="Singapore")), {}, "needs the ExpressRoute Premium add-on"),
        (
            {},
            dict(peer=arm_id("expressRouteCircuits", "er9", subscription="00000000-0000-0000-0000-0000000000bb")),
            "authorization_key is required",
        ),
        ({}, dict(peer=None), "to create it set peer"),
    ],
)
def test_refusals_before_any_write(kwargs, overrides, text):
    message, _module = refusal(connection, dict(ARGS, **overrides), client_with(**kwargs))
    assert text in message


def test_delete_and_absent_no_op():
    result, module = run_module(connection, dict(ARGS, state="absent"), client=client_with(connection_json()))
    assert result["changed"] and module.operations == ["delete connection conn1"]
    result, module = run_module(connection, dict(ARGS, state="absent"), client=client_with())
    assert not result["changed"] and module.operations == []
