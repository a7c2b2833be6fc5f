"""authorization: create, no-op, re-apply of a Failed one, refusals, check
mode and diff decided without a server."""

from unittest import mock

from ansible_collections.hybridnet.expressroute.plugins.modules import authorization
from azure.mgmt.network.models import ExpressRouteCircuit, ExpressRouteCircuitAuthorization

from .module_harness import RG, answering, arm_id, only_write, refusal, run_module


def circuit_json(*authorizations):
    return {
        "id": arm_id("expressRouteCircuits", "er1"),
        "name": "er1",
        "location": "westeurope",
        "properties": {"provisioningState": "Succeeded", "authorizations": list(authorizations), "peerings": []},
    }


def auth_json(name="auth1", use="Available", state="Succeeded", key="secret-key"):
    return {
        "id": arm_id("expressRouteCircuits", "er1", "authorizations", name),
        "name": name,
        "properties": {"authorizationKey": key, "authorizationUseStatus": use, "provisioningState": state},
    }


def client_with(circuit=None):
    client = mock.MagicMock()
    answering(client.express_route_circuits.get, ExpressRouteCircuit(circuit) if circuit is not None else None)
    return client


ARGS = dict(circuit="er1", resource_group=RG, name="auth1")


def test_create_sends_one_put_and_check_mode_predicts_it():
    client = client_with(circuit_json())
    result, module = run_module(authorization, ARGS, client=client)
    assert result["changed"] and module.operations == ["create authorization auth1 of circuit er1"]
    assert only_write(client, "express_route_circuit_authorizations")[:3] == (RG, "er1", "auth1")
    assert result["diff"]["before"] == {} and result["diff"]["after"]
    client = client_with(circuit_json())
    result, module = run_module(authorization, ARGS, check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    assert result["authorization"]["name"] == "auth1" and result["authorization"]["circuit"] == "er1"


def test_existing_authorization_is_a_no_op_and_returns_its_key():
    client = client_with(circuit_json(auth_json()))
    result, module = run_module(authorization, ARGS, client=client)
    assert not result["changed"] and module.operations == []
    assert result["authorization"]["authorization_key"] == "secret-key"
    assert client.express_route_circuits.get.call_count == 1


def test_a_no_op_reads_the_authorization_not_its_circuit():
    # One GET per resource on a no-op run: the role has read the circuit already.
    client = client_with(circuit_json(auth_json()))
    client.express_route_circuit_authorizations.get.return_value = ExpressRouteCircuitAuthorization(auth_json())
    result, module = run_module(authorization, ARGS, client=client)
    assert not result["changed"] and module.operations == []
    client.express_route_circuits.get.assert_not_called()
    assert result["authorization"]["authorization_key"] == "secret-key"


def test_a_failed_authorization_is_written_again():
    client = client_with(circuit_json(auth_json(state="Failed")))
    result, module = run_module(authorization, ARGS, client=client)
    assert result["changed"] and module.operations == ["update authorization auth1 of circuit er1"]
    assert result["diff"]["before"]["provisioning_state"] == "Failed"


def test_missing_circuit_is_refused_but_absent_is_fine():
    message, _module = refusal(authorization, ARGS, client_with())
    assert message.startswith("circuit er1 does not exist in resource group rg1")
    result, _module = run_module(authorization, dict(ARGS, state="absent"), client=client_with())
    assert not result["changed"]


def test_delete_of_a_used_authorization_is_refused_and_a_free_one_deleted():
    message, _module = refusal(
        authorization, dict(ARGS, state="absent"), client_with(circuit_json(auth_json(use="InUse")))
    )
    assert message.startswith("Authorization auth1 of circuit er1 is in use")
    client = client_with(circuit_json(auth_json()))
    result, module = run_module(authorization, dict(ARGS, state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete authorization auth1 of circuit er1"]
    assert result["diff"]["after"] == {}
