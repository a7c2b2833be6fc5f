"""authorization_info: the circuit's authorizations (one read), keys only when
asked for - decided without a server."""

from unittest import mock

from ansible_collections.hybridnet.expressroute.plugins.modules import (
    authorization_info,
)
from azure.mgmt.network.models import (
    ExpressRouteCircuit,
    ExpressRouteCircuitAuthorization,
)

from .module_harness import RG, answering, run_module
from .test_authorization import auth_json, circuit_json


def client_with(circuit):
    client = mock.MagicMock()
    answering(client.express_route_circuits.get, ExpressRouteCircuit(circuit) if circuit is not None else None)
    return client


def test_keys_left_out_unless_asked_for():
    client = client_with(circuit_json(auth_json("a1", key="k1"), auth_json("a2", use="InUse", key="k2")))
    result, _module = run_module(authorization_info, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert [a["name"] for a in result["authorizations"]] == ["a1", "a2"]
    assert not any("authorization_key" in a and a["authorization_key"] for a in result["authorizations"])
    result, _module = run_module(
        authorization_info,
        dict(circuit="er1", resource_group=RG, name="A2", include_keys=True),
        client=client,
        wait=False,
    )
    assert [(a["name"], a["authorization_key"], a["use_status"]) for a in result["authorizations"]] == [
        ("a2", "k2", "InUse")
    ]


def test_a_key_the_circuit_leaves_out_is_read_from_the_authorization():
    client = client_with(circuit_json(auth_json("a1", key=None)))
    client.express_route_circuit_authorizations.get.return_value = ExpressRouteCircuitAuthorization(
        auth_json("a1", key="k1")
    )
    result, _module = run_module(
        authorization_info, dict(circuit="er1", resource_group=RG, include_keys=True), client=client, wait=False
    )
    assert result["authorizations"][0]["authorization_key"] == "k1"
    client.express_route_circuit_authorizations.get.assert_called_once_with(RG, "er1", "a1")


def test_missing_circuit_is_empty():
    result, _module = run_module(
        authorization_info, dict(circuit="er1", resource_group=RG), client=client_with(None), wait=False
    )
    assert result == dict(changed=False, authorizations=[])
