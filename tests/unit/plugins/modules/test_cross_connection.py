"""cross_connection (the provider's side): provider-state moves, no-op,
refusals, check-mode prediction and diff decided without a server."""

from unittest import mock

from ansible_collections.hybridnet.expressroute.plugins.modules import cross_connection
from azure.mgmt.network.models import ExpressRouteCrossConnection

from .module_harness import RG, answering, arm_id, only_write, refusal, run_module

KEY = "11111111-2222-3333-4444-555555555555"


def xc_json(state="NotProvisioned", notes=None, peerings=()):
    return {
        "id": arm_id("expressRouteCrossConnections", KEY, group="provider-rg"),
        "name": KEY,
        "location": "westeurope",
        "properties": {
            "provisioningState": "Succeeded",
            "serviceProviderProvisioningState": state,
            "serviceProviderNotes": notes,
            "peeringLocation": "Amsterdam",
            "bandwidthInMbps": 200,
            "sTag": 7,
            "expressRouteCircuit": {"id": arm_id("expressRouteCircuits", "er1")},
            "peerings": [{"name": name, "properties": {"peeringType": name}} for name in peerings],
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


def test_provisioning_by_service_key_writes_the_fetched_cross_connection():
    client = client_with(xc_json())
    result, module = run_module(
        cross_connection, dict(service_key=KEY, provisioning_state="Provisioning", notes="ticket 7"), client=client
    )
    assert result["changed"] and module.operations == ["update cross-connection " + KEY]
    group, name, body = only_write(client, "express_route_cross_connections")
    assert (group, name) == ("provider-rg", KEY)
    assert (body.service_provider_provisioning_state, body.service_provider_notes) == ("Provisioning", "ticket 7")
    assert body.express_route_circuit.id == arm_id("expressRouteCircuits", "er1")  # sent back as fetched
    assert result["diff"] == {
        "before": {"provisioning_state": "NotProvisioned", "notes": ""},
        "after": {"provisioning_state": "Provisioning", "notes": "ticket 7"},
    }


def test_same_state_is_a_no_op_and_check_mode_predicts():
    client = client_with(xc_json(state="Provisioned"))
    result, module = run_module(
        cross_connection, dict(service_key=KEY, provisioning_state="Provisioned"), client=client
    )
    assert not result["changed"] and module.operations == []
    result, module = run_module(
        cross_connection,
        dict(service_key=KEY, provisioning_state="Deprovisioning"),
        check_mode=True,
        client=client_with(xc_json(state="Provisioned")),
    )
    assert result["changed"] and module.operations == []
    assert result["cross_connection"]["service_provider_provisioning_state"] == "Deprovisioning"


def test_a_move_azure_refuses_is_refused_before_the_write():
    message, _module = refusal(
        cross_connection,
        dict(service_key=KEY, provisioning_state="Deprovisioning"),
        client_with(xc_json(state="NotProvisioned")),
    )
    assert "provisioning_state cannot move from NotProvisioned to Deprovisioning" in message


def test_unknown_service_key_names_the_subscription():
    message, _module = refusal(
        cross_connection, dict(service_key=KEY, provisioning_state="Provisioning"), client_with()
    )
    assert message.startswith("No cross-connection for service key " + KEY)


def test_deprovisioning_with_peerings_warns():
    client = client_with(xc_json(state="Provisioned", peerings=["AzurePrivatePeering"]))
    result, module = run_module(
        cross_connection, dict(service_key=KEY, provisioning_state="Deprovisioning"), client=client
    )
    assert result["changed"] and module.operations == ["deprovision cross-connection " + KEY]
    assert any("still has AzurePrivatePeering" in warning for warning in module.warnings)


def test_by_name_and_group_is_one_get():
    client = client_with(xc_json())
    result, _module = run_module(cross_connection, dict(name=KEY, resource_group="provider-rg"), client=client)
    assert not result["changed"]
    client.express_route_cross_connections.get.assert_called_once_with("provider-rg", KEY)
    client.express_route_cross_connections.list.assert_not_called()
    assert (
        result["cross_connection"]["circuit_name"] == "er1"
        and result["cross_connection"]["circuit_resource_group"] == RG
    )
