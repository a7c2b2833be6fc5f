"""cross_connection_peering (the provider's managed Layer 3): create,
update, no-op, the customer's route filter kept, refusals, check mode and
diff decided without a server."""

from unittest import mock

import pytest
from ansible_collections.hybridnet.expressroute.plugins.modules import (
    cross_connection_peering,
)
from azure.mgmt.network.models import ExpressRouteCrossConnection

from .module_harness import answering, arm_id, only_write, refusal, run_module

KEY = "11111111-2222-3333-4444-555555555555"
XC_ID = arm_id("expressRouteCrossConnections", KEY, group="provider-rg")


def private_peering(vlan=100, key=None):
    properties = {
        "peeringType": "AzurePrivatePeering",
        "state": "Enabled",
        "provisioningState": "Succeeded",
        "peerASN": 64900,
        "azureASN": 12076,
        "vlanId": vlan,
        "primaryPeerAddressPrefix": "192.168.100.128/30",
        "secondaryPeerAddressPrefix": "192.168.100.132/30",
        "lastModifiedBy": "ServiceProvider",
    }
    if key:
        properties["sharedKey"] = key
    return {"id": XC_ID + "/peerings/AzurePrivatePeering", "name": "AzurePrivatePeering", "properties": properties}


def xc_json(*peerings, state="Provisioned"):
    return {
        "id": XC_ID,
        "name": KEY,
        "location": "westeurope",
        "properties": {
            "provisioningState": "Succeeded",
            "serviceProviderProvisioningState": state,
            "peeringLocation": "Amsterdam",
            "bandwidthInMbps": 200,
            "expressRouteCircuit": {"id": arm_id("expressRouteCircuits", "er1")},
            "peerings": list(peerings),
        },
    }


def client_with(existing=None):
    client = mock.MagicMock()
    client.express_route_cross_connections.list.return_value = (
        [ExpressRouteCrossConnection(existing)] if existing else []
    )
    answering(
        client.express_route_cross_connections.get,
        ExpressRouteCrossConnection(existing) if existing is not None else None,
    )
    return client


ARGS = dict(
    service_key=KEY, peering_type="AzurePrivatePeering", peer_asn=64900, vlan_id=100, prefix="192.168.100.128/29"
)


def test_create_on_the_providers_cross_connection():
    client = client_with(xc_json())
    result, module = run_module(cross_connection_peering, dict(ARGS, shared_key="abc123"), client=client)
    assert result["changed"] and module.operations == ["create peering AzurePrivatePeering of cross-connection " + KEY]
    group, name, peering, body = only_write(client, "express_route_cross_connection_peerings")
    assert (group, name, peering) == ("provider-rg", KEY, "AzurePrivatePeering")
    assert (body.peer_asn, body.vlan_id, body.shared_key) == (64900, 100, "abc123")
    assert body.primary_peer_address_prefix == "192.168.100.128/30"
    assert "abc123" not in repr(result["diff"])


def test_check_mode_predicts_in_the_customers_terms():
    client = client_with(xc_json())
    result, module = run_module(cross_connection_peering, ARGS, check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    predicted = result["peering"]
    assert (predicted["circuit"], predicted["cross_connection"], predicted["last_modified_by"]) == (
        "er1",
        KEY,
        "ServiceProvider",
    )
    assert predicted["vlan_id"] == 100


def test_same_peering_and_key_is_a_no_op():
    client = client_with(xc_json(private_peering(key="abc123")))
    result, module = run_module(cross_connection_peering, dict(ARGS, shared_key="abc123"), client=client)
    assert not result["changed"] and module.operations == []
    client = client_with(xc_json(private_peering(key="abc123")))
    result, module = run_module(cross_connection_peering, dict(ARGS, shared_key="other1"), client=client)
    assert result["changed"] and result["diff"]["after"]["shared_key"] == "<changed>"


def test_vlan_change_updates_the_fetched_peering():
    client = client_with(xc_json(private_peering()))
    result, module = run_module(cross_connection_peering, dict(ARGS, vlan_id=200), client=client)
    assert module.operations == ["update peering AzurePrivatePeering of cross-connection " + KEY]
    assert only_write(client, "express_route_cross_connection_peerings")[3].vlan_id == 200


@pytest.mark.parametrize(
    "existing, overrides, text",
    [
        (xc_json(state="NotProvisioned"), {}, "provision it first"),
        (None, {}, "No cross-connection for service key " + KEY),
        (xc_json(), dict(peer_asn=12076), "12076"),
        (xc_json(), dict(vlan_id=None), "to create it set vlan_id"),
    ],
)
def test_refusals_before_any_write(existing, overrides, text):
    message, _module = refusal(cross_connection_peering, dict(ARGS, **overrides), client_with(existing))
    assert text in message


def test_delete_and_absent_no_op():
    client = client_with(xc_json(private_peering()))
    result, module = run_module(cross_connection_peering, dict(ARGS, state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete peering AzurePrivatePeering of cross-connection " + KEY]
    result, module = run_module(cross_connection_peering, dict(ARGS, state="absent"), client=client_with(xc_json()))
    assert not result["changed"] and module.operations == []
