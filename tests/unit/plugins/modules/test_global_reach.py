"""global_reach: a link between two circuits' private peerings - create
(with the rules on both circuits), IPv6 added, no-op with one read,
refusals, check mode and diff decided without a server."""

from unittest import mock

import pytest
from azure.mgmt.network.models import ExpressRouteCircuit

from ansible_collections.hybridnet.expressroute.plugins.modules import global_reach

from .module_harness import RG, arm_id, not_found, only_write, refusal, run_module


def peering_id(circuit):
    return arm_id("expressRouteCircuits", circuit, "peerings", "AzurePrivatePeering")


def circuit_json(name, location, provider_state="Provisioned", links=(), private=True):
    connections = [
        {
            "id": peering_id(name) + "/connections/" + link,
            "name": link,
            "properties": {
                "expressRouteCircuitPeering": {"id": peering_id(name)},
                "peerExpressRouteCircuitPeering": {"id": peering_id(peer)},
                "addressPrefix": prefix,
                "provisioningState": "Succeeded",
                "circuitConnectionStatus": "Connected",
            },
        }
        for link, peer, prefix in links
    ]
    peerings = (
        [
            {
                "id": peering_id(name),
                "name": "AzurePrivatePeering",
                "properties": {
                    "peeringType": "AzurePrivatePeering",
                    "provisioningState": "Succeeded",
                    "vlanId": 100,
                    "primaryPeerAddressPrefix": "192.168.100.128/30",
                    "secondaryPeerAddressPrefix": "192.168.100.132/30",
                    "connections": connections,
                },
            }
        ]
        if private
        else []
    )
    return {
        "id": arm_id("expressRouteCircuits", name),
        "name": name,
        "location": "westeurope",
        "sku": {"name": "Premium_MeteredData", "tier": "Premium", "family": "MeteredData"},
        "properties": {
            "provisioningState": "Succeeded",
            "serviceKey": "key-" + name,
            "serviceProviderProvisioningState": provider_state,
            "circuitProvisioningState": "Enabled",
            "serviceProviderProperties": {
                "serviceProviderName": "Equinix",
                "peeringLocation": location,
                "bandwidthInMbps": 200,
            },
            "peerings": peerings,
        },
    }


def client_with(*circuits):
    by_name = {c["name"]: ExpressRouteCircuit(c) for c in circuits}
    client = mock.MagicMock()
    client.express_route_circuits.get.side_effect = lambda group, name: (
        by_name[name] if name in by_name else not_found()
    )
    return client


ARGS = dict(circuit="er1", resource_group=RG, name="gr1", peer_circuit="er2", address_prefix="10.255.0.0/29")


def test_create_links_the_two_private_peerings():
    client = client_with(circuit_json("er1", "Amsterdam"), circuit_json("er2", "London"))
    result, module = run_module(global_reach, ARGS, client=client)
    assert result["changed"] and module.operations == ["create Global Reach connection gr1 of circuit er1"]
    group, circuit, peering, name, body = only_write(client, "express_route_circuit_connections")
    assert (group, circuit, peering, name) == (RG, "er1", "AzurePrivatePeering", "gr1")
    assert body.express_route_circuit_peering.id == peering_id("er1")
    assert body.peer_express_route_circuit_peering.id == peering_id("er2")
    assert body.address_prefix == "10.255.0.0/29"
    assert result["diff"]["after"]["peer_peering_id"] == peering_id("er2")


def test_check_mode_predicts_the_link():
    client = client_with(circuit_json("er1", "Amsterdam"), circuit_json("er2", "London"))
    result, module = run_module(global_reach, ARGS, check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    assert (result["global_reach"]["peer_circuit"], result["global_reach"]["address_prefix"]) == (
        "er2",
        "10.255.0.0/29",
    )


def test_existing_link_is_a_no_op_reading_only_the_first_circuit():
    client = client_with(
        circuit_json("er1", "Amsterdam", links=[("gr1", "er2", "10.255.0.0/29")]), circuit_json("er2", "London")
    )
    result, module = run_module(global_reach, ARGS, client=client)
    assert not result["changed"] and module.operations == []
    assert client.express_route_circuits.get.call_count == 1


def test_adding_ipv6_updates_the_link():
    client = client_with(
        circuit_json("er1", "Amsterdam", links=[("gr1", "er2", "10.255.0.0/29")]), circuit_json("er2", "London")
    )
    result, module = run_module(global_reach, dict(ARGS, ipv6_address_prefix="fd00:1::/125"), client=client)
    assert result["changed"] and module.operations == ["update Global Reach connection gr1 of circuit er1"]
    body = only_write(client, "express_route_circuit_connections")[4]
    assert body.ipv6_circuit_connection_config.address_prefix == "fd00:1::/125"
    assert (result["diff"]["before"]["ipv6_address_prefix"], result["diff"]["after"]["ipv6_address_prefix"]) == (
        None,
        "fd00:1::/125",
    )


@pytest.mark.parametrize(
    "circuits, overrides, text",
    [
        (
            (circuit_json("er1", "Amsterdam"), circuit_json("er2", "Amsterdam")),
            {},
            "both at peering location Amsterdam",
        ),
        (
            (circuit_json("er1", "Amsterdam"), circuit_json("er2", "London", private=False)),
            {},
            "peer_circuit er2 has no AzurePrivatePeering",
        ),
        (
            (circuit_json("er1", "Amsterdam"), circuit_json("er2", "London", provider_state="NotProvisioned")),
            {},
            "peer_circuit er2 is not provisioned",
        ),
        (
            (circuit_json("er1", "Amsterdam", links=[("gr1", "er2", "10.255.0.0/29")]), circuit_json("er2", "London")),
            dict(address_prefix="10.255.0.8/29"),
            "Azure cannot change it in place",
        ),
        ((circuit_json("er1", "Amsterdam"),), dict(address_prefix="10.255.0.1/29"), "has host bits set"),
        (
            (circuit_json("er1", "Amsterdam"), circuit_json("er2", "London")),
            dict(address_prefix=None),
            "to create it set address_prefix",
        ),
    ],
)
def test_refusals_before_any_write(circuits, overrides, text):
    message, _module = refusal(global_reach, dict(ARGS, **overrides), client_with(*circuits))
    assert text in message


def test_delete_and_absent_no_op():
    client = client_with(circuit_json("er1", "Amsterdam", links=[("gr1", "er2", "10.255.0.0/29")]))
    result, module = run_module(global_reach, dict(ARGS, state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete Global Reach connection gr1 of circuit er1"]
    result, module = run_module(
        global_reach, dict(ARGS, state="absent"), client=client_with(circuit_json("er1", "Amsterdam"))
    )
    assert not result["changed"] and module.operations == []
