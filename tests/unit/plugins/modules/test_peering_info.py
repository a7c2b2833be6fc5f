"""peering_info: the circuit's peerings (one read), filtered by type, with the
prefix-validation actions Microsoft waits for - decided without a server."""

from unittest import mock

from ansible_collections.hybridnet.expressroute.plugins.modules import peering_info
from azure.mgmt.network.models import ExpressRouteCircuit

from .module_harness import RG, answering, run_module
from .test_peering import circuit_json, private_peering


def microsoft_peering(state="ValidationNeeded"):
    return {
        "name": "MicrosoftPeering",
        "properties": {
            "peeringType": "MicrosoftPeering",
            "state": "Enabled",
            "provisioningState": "Succeeded",
            "peerASN": 100,
            "vlanId": 300,
            "primaryPeerAddressPrefix": "123.0.0.0/30",
            "secondaryPeerAddressPrefix": "123.0.0.4/30",
            "microsoftPeeringConfig": {
                "advertisedPublicPrefixes": ["124.1.0.0/24"],
                "advertisedPublicPrefixesState": state,
            },
        },
    }


def client_with(circuit):
    client = mock.MagicMock()
    answering(client.express_route_circuits.get, ExpressRouteCircuit(circuit) if circuit is not None else None)
    return client


def test_all_peerings_or_one_type():
    client = client_with(circuit_json(private_peering(), microsoft_peering(state="Configured")))
    result, _module = run_module(peering_info, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert [p["name"] for p in result["peerings"]] == ["AzurePrivatePeering", "MicrosoftPeering"]
    assert result["circuit"]["name"] == "er1" and result["actions_required"] == []
    result, _module = run_module(
        peering_info,
        dict(circuit="er1", resource_group=RG, peering_type="AzurePrivatePeering"),
        client=client,
        wait=False,
    )
    assert [p["vlan_id"] for p in result["peerings"]] == [100]
    assert client.express_route_circuits.get.call_count == 2


def test_prefixes_awaiting_validation_are_an_action_and_a_warning():
    client = client_with(circuit_json(microsoft_peering()))
    result, module = run_module(peering_info, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert len(result["actions_required"]) == 1 and "124.1.0.0/24" in result["actions_required"][0]
    assert module.warnings == result["actions_required"] and not result["changed"]


def test_missing_circuit_is_empty():
    result, _module = run_module(
        peering_info, dict(circuit="er1", resource_group=RG), client=client_with(None), wait=False
    )
    assert result == dict(changed=False, peerings=[], circuit=None, actions_required=[])
