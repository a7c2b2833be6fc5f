"""peering: create, update, no-op, refusals, check-mode prediction and diff
of a circuit's peering decided without a server."""

from unittest import mock

import pytest
from ansible_collections.hybridnet.expressroute.plugins.modules import peering
from azure.mgmt.network.models import ExpressRouteCircuit, ExpressRouteCircuitPeering

from .module_harness import (
    RG,
    SUB,
    answering,
    arm_id,
    not_found,
    only_write,
    refusal,
    run_module,
)


def private_peering(vlan=100, state="Succeeded", connections=()):
    return {
        "id": arm_id("expressRouteCircuits", "er1", "peerings", "AzurePrivatePeering"),
        "name": "AzurePrivatePeering",
        "properties": {
            "peeringType": "AzurePrivatePeering",
            "state": "Enabled",
            "provisioningState": state,
            "peerASN": 65020,
            "azureASN": 12076,
            "vlanId": vlan,
            "primaryPeerAddressPrefix": "192.168.100.128/30",
            "secondaryPeerAddressPrefix": "192.168.100.132/30",
            "connections": [{"name": name} for name in connections],
        },
    }


def circuit_json(*peerings, provider_state="Provisioned"):
    return {
        "id": arm_id("expressRouteCircuits", "er1"),
        "name": "er1",
        "location": "westeurope",
        "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
        "properties": {
            "provisioningState": "Succeeded",
            "serviceKey": "key-1",
            "serviceProviderProvisioningState": provider_state,
            "serviceProviderProperties": {
                "serviceProviderName": "Equinix",
                "peeringLocation": "Amsterdam",
                "bandwidthInMbps": 200,
            },
            "peerings": list(peerings),
            "authorizations": [],
        },
    }


def client_with(circuit=None):
    client = mock.MagicMock()
    answering(client.express_route_circuits.get, ExpressRouteCircuit(circuit) if circuit is not None else None)
    return client


def args(**overrides):
    base = dict(
        circuit="er1",
        resource_group=RG,
        peering_type="AzurePrivatePeering",
        peer_asn=65020,
        vlan_id=100,
        prefix="192.168.100.128/29",
    )
    base.update(overrides)
    return base


def test_create_splits_the_prefix_and_sends_one_put():
    client = client_with(circuit_json())
    result, module = run_module(peering, args(), client=client)
    assert result["changed"] and module.operations == ["create AzurePrivatePeering of circuit er1"]
    group, circuit_name, peering_name, body = only_write(client, "express_route_circuit_peerings")
    assert (group, circuit_name, peering_name) == (RG, "er1", "AzurePrivatePeering")
    assert (body.primary_peer_address_prefix, body.secondary_peer_address_prefix) == (
        "192.168.100.128/30",
        "192.168.100.132/30",
    )
    assert (body.peer_asn, body.vlan_id) == (65020, 100)
    assert result["diff"]["before"] == {} and result["diff"]["after"]["vlan_id"] == 100


def test_same_peering_is_a_no_op_with_one_get():
    client = client_with(circuit_json(private_peering()))
    result, module = run_module(peering, args(), client=client)
    assert not result["changed"] and module.operations == []
    assert client.express_route_circuits.get.call_count == 1
    assert result["peering"]["azure_asn"] == 12076


def test_a_no_op_reads_the_peering_not_its_circuit():
    # One GET per resource on a no-op run: the role has read the circuit already.
    client = client_with(circuit_json(private_peering()))
    client.express_route_circuit_peerings.get.return_value = ExpressRouteCircuitPeering(private_peering())
    result, module = run_module(peering, args(), client=client)
    assert not result["changed"] and module.operations == []
    assert client.express_route_circuit_peerings.get.call_count == 1
    client.express_route_circuits.get.assert_not_called()
    assert result["peering"]["vlan_id"] == 100 and result["diff"]["before"] == result["diff"]["after"]


@pytest.mark.parametrize(
    "found, asked, changed",
    [
        (private_peering(), dict(vlan_id=200), True),  # to change: the circuit's rules apply
        (private_peering(state="Failed"), {}, True),  # to re-apply
        (private_peering(state="Updating"), {}, False),  # to wait for (check mode takes it as it is)
    ],
    ids=["change", "failed", "updating"],
)
def test_anything_but_a_settled_no_op_reads_the_circuit(found, asked, changed):
    client = client_with(circuit_json(found))
    client.express_route_circuit_peerings.get.return_value = ExpressRouteCircuitPeering(found)
    result, _module = run_module(peering, args(**asked), check_mode=True, client=client)
    assert client.express_route_circuits.get.call_count == 1 and result["changed"] == changed


def test_check_mode_predicts_the_new_vlan():
    client = client_with(circuit_json(private_peering()))
    result, module = run_module(peering, args(vlan_id=200), check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    client.express_route_circuit_peerings.begin_create_or_update.assert_not_called()
    assert result["peering"]["vlan_id"] == 200
    assert (result["diff"]["before"]["vlan_id"], result["diff"]["after"]["vlan_id"]) == (100, 200)


def test_update_writes_the_fetched_peering():
    client = client_with(circuit_json(private_peering()))
    result, module = run_module(peering, args(vlan_id=200), client=client)
    assert result["changed"] and module.operations == ["update AzurePrivatePeering of circuit er1"]
    body = only_write(client, "express_route_circuit_peerings")[3]
    assert body.vlan_id == 200 and body.azure_asn == 12076


@pytest.mark.parametrize(
    "circuit, overrides, text",
    [
        (circuit_json(provider_state="NotProvisioned"), {}, "is not provisioned by its connectivity provider yet"),
        (None, {}, "circuit er1 does not exist in resource group rg1"),
        (circuit_json(), dict(vlan_id=None), "to create it set vlan_id"),
        (circuit_json(), dict(peer_asn=65515), "reserved by Azure"),
        (circuit_json(), dict(peering_type="AzurePublicPeering"), "Azure no longer creates public peerings"),
    ],
)
def test_refusals_before_any_write(circuit, overrides, text):
    message, _module = refusal(peering, args(**overrides), client_with(circuit))
    assert text in message


def test_route_filter_by_name_is_resolved_in_the_modules_subscription():
    module_args = args(route_filter="rf1")
    from .module_harness import FakeModule

    module = FakeModule(peering.ARGUMENT_SPEC, module_args)
    assert peering.route_filter_id(module, "rf1") == (
        "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/routeFilters/rf1".format(SUB, RG)
    )
    assert peering.route_filter_id(module, "") is not None  # "" detaches
    with pytest.raises(Exception) as info:
        peering.route_filter_id(module, "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualHubs/z")
    assert "neither a route filter name nor a route filter id" in str(info.value)


def test_delete_refused_while_global_reach_uses_it_then_deleted():
    message, _module = refusal(
        peering, args(state="absent"), client_with(circuit_json(private_peering(connections=["gr1"])))
    )
    assert "used by Global Reach link(s) gr1" in message
    client = client_with(circuit_json(private_peering()))
    result, module = run_module(peering, args(state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete AzurePrivatePeering of circuit er1"]
    result, module = run_module(peering, args(state="absent"), client=client_with(circuit_json()))
    assert not result["changed"] and module.operations == []


def microsoft_args(**overrides):
    base = dict(
        circuit="er1",
        resource_group=RG,
        peering_type="MicrosoftPeering",
        peer_asn=100,
        vlan_id=300,
        prefix="123.0.0.0/29",
        route_filter="rf1",
        microsoft_peering=dict(advertised_public_prefixes=["124.1.0.0/24"]),
    )
    base.update(overrides)
    return base


def test_a_route_filter_to_attach_must_exist():
    client = client_with(circuit_json())
    client.route_filters.get.side_effect = not_found
    message, _module = refusal(peering, microsoft_args(), client)
    assert message == (
        "route_filter /subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/routeFilters/rf1 "
        "does not exist; create it first with hybridnet.expressroute.route_filter.".format(SUB, RG)
    )
    client = client_with(circuit_json())
    result, module = run_module(peering, microsoft_args(), client=client)
    client.route_filters.get.assert_called_once_with(RG, "rf1")
    body = only_write(client, "express_route_circuit_peerings")[3]
    assert body.route_filter.id.endswith("/routeFilters/rf1")
    assert body.microsoft_peering_config.advertised_public_prefixes == ["124.1.0.0/24"]
