"""Global Reach through the real SDK: the link and the other circuit's
read-only view, authorization across subscriptions, every check, delete and
deprovision ordering, routes over the link."""

import urllib.error

import pytest
from azure.core.exceptions import ResourceNotFoundError

from conftest import make_client
from er_helpers import (
    PRIVATE,
    RG,
    create_peering,
    error_of,
    microsoft_peering,
    private_peering,
    provisioned_circuit,
    sub_resource,
    value,
)

LZ = "rg-landingzone"


def link(peering_id, peer_peering_id, prefix="10.100.0.0/29", authorization_key=None, ipv6=None):
    from azure.mgmt.network.models import ExpressRouteCircuitConnection, Ipv6CircuitConnectionConfig

    return ExpressRouteCircuitConnection(
        express_route_circuit_peering=sub_resource(peering_id),
        peer_express_route_circuit_peering=sub_resource(peer_peering_id),
        address_prefix=prefix,
        authorization_key=authorization_key,
        ipv6_circuit_connection_config=Ipv6CircuitConnectionConfig(address_prefix=ipv6) if ipv6 else None,
    )


def connect(network, body, circuit="er1", name="gr1", group=RG, peering=PRIVATE):
    return network.express_route_circuit_connections.begin_create_or_update(
        group, circuit, peering, name, body
    ).result()


@pytest.fixture
def pair(network, emulator_controls):
    """Two provisioned circuits at different locations, each with private peering."""
    provisioned_circuit(network, emulator_controls, "er1", location="Amsterdam")
    provisioned_circuit(network, emulator_controls, "er2", location="London")
    one = create_peering(network, private_peering(), circuit="er1")
    two = create_peering(
        network, private_peering(primary="192.168.200.0/30", secondary="192.168.200.4/30"), circuit="er2"
    )
    return one, two


def names(items):
    return [i.name for i in items]


def test_link_and_the_peer_view(network, pair):
    one, two = pair
    made = connect(network, link(one.id, two.id, ipv6="fd00:1::/125"))
    assert value(made.circuit_connection_status) == "Connected" and value(made.provisioning_state) == "Succeeded"
    assert made.express_route_circuit_peering.id == one.id and made.peer_express_route_circuit_peering.id == two.id
    assert value(made.ipv6_circuit_connection_config.circuit_connection_status) == "Connected"
    assert names(network.express_route_circuit_peerings.get(RG, "er1", PRIVATE).connections) == ["gr1"]

    other = network.express_route_circuit_peerings.get(RG, "er2", PRIVATE)
    (view,) = other.peered_connections
    assert view.connection_name == "gr1" and view.address_prefix == "10.100.0.0/29"
    assert view.peer_express_route_circuit_peering.id == one.id
    assert value(view.circuit_connection_status) == "Connected"
    peers = network.peer_express_route_circuit_connections
    assert names(peers.list(RG, "er2", PRIVATE)) == ["gr1"]
    assert peers.get(RG, "er2", PRIVATE, "gr1").id == two.id + "/peerConnections/gr1"
    assert names(network.express_route_circuit_connections.list(RG, "er1", PRIVATE)) == ["gr1"]

    network.express_route_circuit_connections.begin_delete(RG, "er1", PRIVATE, "gr1").result()
    assert list(peers.list(RG, "er2", PRIVATE)) == []
    with pytest.raises(ResourceNotFoundError):
        peers.get(RG, "er2", PRIVATE, "gr1")


def test_across_subscriptions_with_an_authorization(network, emulator_endpoint, emulator_controls):
    from azure.mgmt.network.models import ExpressRouteCircuitAuthorization

    other_sub = make_client(emulator_endpoint, subscription_id=emulator_endpoint["second_subscription_id"])
    provisioned_circuit(network, emulator_controls, "er1")
    provisioned_circuit(other_sub, emulator_controls, "er2", location="London", group=LZ)
    one = create_peering(network, private_peering())
    two = create_peering(
        other_sub, private_peering(primary="192.168.200.0/30", secondary="192.168.200.4/30"), circuit="er2", group=LZ
    )
    # The other circuit's owner issues the authorization.
    auth = other_sub.express_route_circuit_authorizations.begin_create_or_update(
        LZ, "er2", "for-er1", ExpressRouteCircuitAuthorization()
    ).result()

    exc = error_of(lambda: connect(network, link(one.id, two.id)))
    assert exc.error.code == "AuthorizationKeyRequired" and "er2" in exc.error.message
    exc = error_of(
        lambda: connect(network, link(one.id, two.id, authorization_key="11111111-2222-3333-4444-555555555555"))
    )
    assert exc.error.code == "InvalidAuthorizationKey"
    assert list(network.express_route_circuit_connections.list(RG, "er1", PRIVATE)) == []

    made = connect(network, link(one.id, two.id, authorization_key=auth.authorization_key))
    used = other_sub.express_route_circuit_authorizations.get(LZ, "er2", "for-er1")
    assert value(used.authorization_use_status) == "InUse" and used.connection_resource_uri == made.id
    assert (
        value(other_sub.peer_express_route_circuit_connections.get(LZ, "er2", PRIVATE, "gr1").circuit_connection_status)
        == "Connected"
    )
    exc = error_of(lambda: other_sub.express_route_circuit_authorizations.begin_delete(LZ, "er2", "for-er1").result())
    assert exc.error.code == "AuthorizationInUse"
    # The key is echoed (the spec's responses show it); a fetched link PUT
    # back keeps its authorization, and cannot switch to another one.
    fetched = network.express_route_circuit_connections.get(RG, "er1", PRIVATE, "gr1")
    assert fetched.authorization_key == auth.authorization_key
    fetched.address_prefix = "10.100.8.0/29"
    assert connect(network, fetched).address_prefix == "10.100.8.0/29"
    assert (
        value(other_sub.express_route_circuit_authorizations.get(LZ, "er2", "for-er1").authorization_use_status)
        == "InUse"
    )
    spare = other_sub.express_route_circuit_authorizations.begin_create_or_update(
        LZ, "er2", "spare", ExpressRouteCircuitAuthorization()
    ).result()
    fetched.authorization_key = spare.authorization_key
    exc = error_of(lambda: connect(network, fetched))
    assert exc.error.code == "AuthorizationKeyCannotBeChanged" and spare.authorization_key not in exc.error.message
    # The same key cannot serve a second link.
    provisioned_circuit(network, emulator_controls, "er3", location="Dublin", provider="Megaport")
    three = create_peering(
        network, private_peering(primary="192.168.30.0/30", secondary="192.168.30.4/30"), circuit="er3"
    )
    exc = error_of(
        lambda: connect(
            network,
            link(three.id, two.id, prefix="10.100.1.0/29", authorization_key=auth.authorization_key),
            circuit="er3",
        )
    )
    assert exc.error.code == "AuthorizationAlreadyInUse" and auth.authorization_key not in exc.error.message

    network.express_route_circuit_connections.begin_delete(RG, "er1", PRIVATE, "gr1").result()
    assert (
        value(other_sub.express_route_circuit_authorizations.get(LZ, "er2", "for-er1").authorization_use_status)
        == "Available"
    )


def _checks(one, two):
    peer_missing = two.id.replace("/er2/", "/er9/")
    return [
        (
            "not a /29",
            lambda: link(one.id, two.id, prefix="10.100.0.0/28"),
            {},
            "InvalidGlobalReachAddressPrefix",
            ["/29"],
        ),
        (
            "overlaps a peering",
            lambda: link(one.id, two.id, prefix="192.168.200.0/29"),
            {},
            "GlobalReachAddressPrefixOverlap",
            ["192.168.200.0/30", "er2"],
        ),
        (
            "IPv6 not a /125",
            lambda: link(one.id, two.id, ipv6="fd00:1::/64"),
            {},
            "InvalidGlobalReachIpv6AddressPrefix",
            ["/125"],
        ),
        ("peer on the same circuit", lambda: link(one.id, one.id), {}, "GlobalReachSameCircuit", ["er1"]),
        ("peer peering missing", lambda: link(one.id, peer_missing), {}, "PeerCircuitPeeringNotFound", [peer_missing]),
        (
            "peer is not a private peering",
            lambda: link(one.id, two.id.replace(PRIVATE, "MicrosoftPeering")),
            {},
            "InvalidPeerCircuitPeering",
            ["AzurePrivatePeering"],
        ),
        ("own peering mismatch", lambda: link(two.id, two.id), {}, "InvalidCircuitConnectionPeering", [one.id]),
    ]


def test_each_check_is_refused_before_anything_is_written(network, pair):
    one, two = pair
    for what, factory, kwargs, code, words in _checks(one, two):
        exc = error_of(lambda factory=factory, kwargs=kwargs: connect(network, factory(), **kwargs))
        assert exc.status_code == 400 and exc.error.code == code, (what, exc.error.message)
        for word in words:
            assert word in exc.error.message, what
        assert list(network.express_route_circuit_connections.list(RG, "er1", PRIVATE)) == []
        assert network.express_route_circuit_peerings.get(RG, "er2", PRIVATE).peered_connections == []


def test_circuit_level_checks(network, emulator_controls, pair):
    one, two = pair
    # Same peering location.
    provisioned_circuit(network, emulator_controls, "er3", location="Amsterdam", provider="Megaport")
    three = create_peering(
        network, private_peering(primary="192.168.30.0/30", secondary="192.168.30.4/30"), circuit="er3"
    )
    exc = error_of(lambda: connect(network, link(one.id, three.id)))
    assert exc.error.code == "GlobalReachSamePeeringLocation" and "Amsterdam" in exc.error.message
    # Only private peerings link.
    create_peering(network, microsoft_peering())
    exc = error_of(lambda: connect(network, link(one.id, two.id), peering="MicrosoftPeering"))
    assert exc.error.code == "GlobalReachRequiresPrivatePeering"
    # Both circuits provisioned.
    circuit2 = network.express_route_circuits.get(RG, "er2")
    emulator_controls.provision(circuit2.service_key, "Deprovisioning")
    exc = error_of(lambda: connect(network, link(one.id, two.id)))
    assert exc.error.code == "GlobalReachRequiresProvisionedCircuits" and circuit2.service_key in exc.error.message
    emulator_controls.provision(circuit2.service_key, "NotProvisioned")
    emulator_controls.provision(circuit2.service_key, "Provisioned")
    # One link per pair of peerings, whichever side made it.
    connect(network, link(one.id, two.id))
    exc = error_of(lambda: connect(network, link(two.id, one.id, prefix="10.100.1.0/29"), circuit="er2", name="back"))
    assert exc.error.code == "GlobalReachConnectionExists"
    # A link cannot move to another peer, and its /29 is taken.
    provisioned_circuit(network, emulator_controls, "er4", location="Dublin", provider="Megaport")
    four = create_peering(
        network, private_peering(primary="192.168.40.0/30", secondary="192.168.40.4/30"), circuit="er4"
    )
    exc = error_of(lambda: connect(network, link(one.id, four.id)))
    assert exc.error.code == "CircuitConnectionPeerCannotBeChanged"
    exc = error_of(lambda: connect(network, link(one.id, four.id), name="gr2"))
    assert exc.error.code == "GlobalReachAddressPrefixOverlap" and "gr1" in exc.error.message
    assert names(network.express_route_circuit_connections.list(RG, "er1", PRIVATE)) == ["gr1"]


def test_not_provisioned_circuit_fails_the_operation_when_rule_1_is_off(network, emulator_controls, pair):
    """Live ARM accepted a Global Reach PUT on a NotProvisioned circuit (201)
    and failed its operation with InitiatingCircuitNotProvisioned [REC:
    Azure/azure-cli recordings/test_network_express_route_global_reach.yaml];
    the emulator does so once rule 1 is switched off (its default refuses at
    once, see test_circuit_level_checks)."""
    from azure.core.exceptions import HttpResponseError

    one, two = pair
    circuit1 = network.express_route_circuits.get(RG, "er1")
    emulator_controls.provision(circuit1.service_key, "NotProvisioned")
    emulator_controls.configure(require_provisioned_circuit_for_peering=False)
    poller = network.express_route_circuit_connections.begin_create_or_update(
        RG, "er1", PRIVATE, "gr1", link(one.id, two.id)
    )
    with pytest.raises(HttpResponseError) as info:
        poller.result()
    assert info.value.error.code == "InitiatingCircuitNotProvisioned"
    assert circuit1.service_key in info.value.error.message
    failed = network.express_route_circuit_connections.get(RG, "er1", PRIVATE, "gr1")
    assert value(failed.provisioning_state) == "Failed"
    network.express_route_circuit_connections.begin_delete(RG, "er1", PRIVATE, "gr1").result()
    assert names(network.express_route_circuit_connections.list(RG, "er1", PRIVATE)) == []


def test_ordering_of_deletes_and_deprovisioning(network, emulator_controls, pair):
    one, two = pair
    connect(network, link(one.id, two.id))
    for circuit in ("er1", "er2"):
        exc = error_of(
            lambda circuit=circuit: network.express_route_circuit_peerings.begin_delete(RG, circuit, PRIVATE).result()
        )
        assert exc.status_code == 400 and exc.error.code == "PeeringInUseByGlobalReach" and "gr1" in exc.error.message
        with pytest.raises(urllib.error.HTTPError) as info:
            emulator_controls.provision(network.express_route_circuits.get(RG, circuit).service_key, "Deprovisioning")
        assert b"CircuitCannotBeDeprovisioned" in info.value.read()
    assert value(network.express_route_circuit_peerings.get(RG, "er2", PRIVATE).provisioning_state) == "Succeeded"
    network.express_route_circuit_connections.begin_delete(RG, "er1", PRIVATE, "gr1").result()
    network.express_route_circuit_peerings.begin_delete(RG, "er2", PRIVATE).result()


def test_routes_over_the_link(network, emulator_controls, pair):
    one, two = pair
    connect(network, link(one.id, two.id))
    emulator_controls.call(
        "POST", "peerings/routes", {"peering": two.id, "routes": [{"network": "10.2.0.0/16", "as_path": "65020"}]}
    )
    table = network.express_route_circuits.begin_list_routes_table(RG, "er1", PRIVATE, "primary").result().value
    assert [(r.network, r.next_hop, r.path) for r in table] == [("10.2.0.0/16", "10.100.0.1", "65020")]
