"""Circuit authorizations through the real SDK: the key in the 201 body,
listKeys, the derived use status, the helpers other resource types use,
delete and deprovision refusals, the per-circuit lock."""

import re
import urllib.error

import pytest
from azure.core.exceptions import ResourceNotFoundError

from conftest import circuit_body
from er_helpers import API, RG, create_peering, error_of, private_peering, provisioned_circuit, value
from expressroute_emulator.resources import authorizations

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def auth_url(arm, name="auth1", suffix=""):
    return (
        "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/expressRouteCircuits/er1/"
        "authorizations/{3}{4}?{5}".format(arm.base, arm.sub, RG, name, suffix, API)
    )


def authorization():
    from azure.mgmt.network.models import ExpressRouteCircuitAuthorization

    return ExpressRouteCircuitAuthorization()


def create(network, name="auth1"):
    return network.express_route_circuit_authorizations.begin_create_or_update(
        RG, "er1", name, authorization()
    ).result()


@pytest.fixture
def circuit(network, emulator_controls):
    return provisioned_circuit(network, emulator_controls)


def test_the_key_is_in_the_201_body_and_in_list_keys(network, circuit, arm):
    created = arm.put(auth_url(arm), json={"properties": {}})
    assert created.status_code == 201
    props = created.json()["properties"]
    assert GUID.match(props["authorizationKey"]) and props["authorizationUseStatus"] == "Available"
    fetched = network.express_route_circuit_authorizations.get(RG, "er1", "auth1")
    assert fetched.authorization_key == props["authorizationKey"]
    assert value(fetched.provisioning_state) == "Succeeded"
    assert fetched.type == "Microsoft.Network/expressRouteCircuits/authorizations"
    keys = arm.post(auth_url(arm, suffix="/listKeys"))
    assert keys.status_code == 200 and keys.json() == {"authorizationKey": props["authorizationKey"]}
    if hasattr(network.express_route_circuit_authorizations, "list_keys"):  # 33.x only
        assert (
            network.express_route_circuit_authorizations.list_keys(RG, "er1", "auth1").authorization_key
            == props["authorizationKey"]
        )
    inline = network.express_route_circuits.get(RG, "er1").authorizations
    assert [(a.name, value(a.authorization_use_status)) for a in inline] == [("auth1", "Available")]


def test_an_update_keeps_the_key_whatever_the_body_says(network, circuit, arm):
    first = create(network)
    response = arm.put(
        auth_url(arm),
        json={
            "properties": {
                "authorizationKey": "00000000-1111-2222-3333-444444444444",
                "authorizationUseStatus": "InUse",
            }
        },
    )
    assert response.status_code == 200
    again = network.express_route_circuit_authorizations.get(RG, "er1", "auth1")
    assert again.authorization_key == first.authorization_key
    assert value(again.authorization_use_status) == "Available"


def test_unknown_members_are_refused(circuit, arm):
    response = arm.put(auth_url(arm), json={"properties": {"authorization_key": "x"}})
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidRequestFormat"
    assert arm.get(auth_url(arm)).status_code == 404


def test_in_use_until_the_user_goes(network, circuit, emulator, emulator_controls):
    auth = create(network)
    user = create_peering(network, private_peering())  # any existing resource stands in for a connection
    with emulator.store.lock:
        assert (
            authorizations.check_redeemable(emulator, emulator.store.get(circuit.id), auth.authorization_key, user.id)[
                "id"
            ]
            == auth.id
        )
        authorizations.mark_in_use(emulator, auth.id, user.id)
    fetched = network.express_route_circuit_authorizations.get(RG, "er1", "auth1")
    assert value(fetched.authorization_use_status) == "InUse" and fetched.connection_resource_uri == user.id

    exc = error_of(lambda: network.express_route_circuit_authorizations.begin_delete(RG, "er1", "auth1").result())
    assert exc.status_code == 400 and exc.error.code == "AuthorizationInUse" and user.id in exc.error.message
    assert network.express_route_circuit_authorizations.get(RG, "er1", "auth1").name == "auth1"

    # The provider cannot deprovision while a connection uses the circuit.
    with pytest.raises(urllib.error.HTTPError) as info:
        emulator_controls.provision(circuit.service_key, "NotProvisioned")
    assert info.value.code == 400 and b"CircuitCannotBeDeprovisioned" in info.value.read()

    # A second user is refused; the key is never in the message.
    with emulator.store.lock, pytest.raises(Exception) as refused:
        authorizations.check_redeemable(
            emulator, emulator.store.get(circuit.id), auth.authorization_key, user.id + "-other"
        )
    assert refused.value.code == "AuthorizationAlreadyInUse" and auth.authorization_key not in refused.value.message
    with emulator.store.lock, pytest.raises(Exception) as wrong:
        authorizations.check_redeemable(
            emulator, emulator.store.get(circuit.id), "11111111-1111-1111-1111-111111111111", user.id
        )
    assert wrong.value.code == "InvalidAuthorizationKey"

    # The user disappears by its own delete: the authorization is free again.
    network.express_route_circuit_peerings.begin_delete(RG, "er1", user.name).result()
    assert (
        value(network.express_route_circuit_authorizations.get(RG, "er1", "auth1").authorization_use_status)
        == "Available"
    )
    network.express_route_circuit_authorizations.begin_delete(RG, "er1", "auth1").result()
    with pytest.raises(ResourceNotFoundError):
        network.express_route_circuit_authorizations.get(RG, "er1", "auth1")


def test_mark_available_frees_it(network, circuit, emulator):
    auth = create(network)
    with emulator.store.lock:
        authorizations.mark_in_use(emulator, auth.id, circuit.id)
    assert (
        value(network.express_route_circuit_authorizations.get(RG, "er1", "auth1").authorization_use_status) == "InUse"
    )
    with emulator.store.lock:
        authorizations.mark_available(emulator, auth.id, circuit.id)
    assert (
        value(network.express_route_circuit_authorizations.get(RG, "er1", "auth1").authorization_use_status)
        == "Available"
    )


def test_an_authorization_operation_locks_its_circuit(network, circuit, emulator_controls):
    emulator_controls.configure(lro_seconds={"authorizations": 1.0})
    poller = network.express_route_circuit_authorizations.begin_create_or_update(RG, "er1", "auth1", authorization())
    exc = error_of(
        lambda: network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body(bandwidth=500))
    )
    assert exc.status_code == 409 and exc.error.code == "AnotherOperationInProgress"
    exc = error_of(
        lambda: network.express_route_circuit_authorizations.begin_create_or_update(RG, "er1", "auth2", authorization())
    )
    assert exc.status_code == 409
    assert GUID.match(poller.result().authorization_key)


def test_list_pages(network, circuit, emulator_controls):
    for name in ("a1", "a2", "a3"):
        create(network, name)
    emulator_controls.configure(page_size=2)
    assert sorted(a.name for a in network.express_route_circuit_authorizations.list(RG, "er1")) == ["a1", "a2", "a3"]
