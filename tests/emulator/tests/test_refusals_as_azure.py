"""What Azure refuses and the emulator must refuse too (issue 13): a peering
prefix over the circuit's Global Reach /29, tags beyond Azure's tag limits;
and the subscription's regions, which clients read to refuse an unknown
location before they write."""

import pytest

from conftest import circuit_body
from er_helpers import PRIVATE, RG, create_peering, error_of, private_peering, provisioned_circuit, sub_resource


@pytest.fixture
def linked(network, emulator_controls):
    """er1 (Amsterdam) and er2 (London), each with private peering, linked by
    Global Reach over 10.100.0.0/29."""
    from azure.mgmt.network.models import ExpressRouteCircuitConnection

    provisioned_circuit(network, emulator_controls, "er1", location="Amsterdam")
    provisioned_circuit(network, emulator_controls, "er2", location="London")
    one = create_peering(network, private_peering(), circuit="er1")
    two = create_peering(
        network, private_peering(primary="192.168.200.0/30", secondary="192.168.200.4/30"), circuit="er2"
    )
    network.express_route_circuit_connections.begin_create_or_update(
        RG,
        "er1",
        PRIVATE,
        "gr1",
        ExpressRouteCircuitConnection(
            express_route_circuit_peering=sub_resource(one.id),
            peer_express_route_circuit_peering=sub_resource(two.id),
            address_prefix="10.100.0.0/29",
        ),
    ).result()


@pytest.mark.parametrize(
    "circuit, body",
    [
        ("er1", private_peering(primary="10.100.0.0/30", secondary="10.100.0.4/30")),  # the circuit that made the link
        ("er2", private_peering(primary="10.100.0.4/30", secondary="192.168.200.4/30")),  # the circuit linked to
    ],
)
def test_a_peering_over_the_circuits_global_reach_29_is_refused(network, linked, circuit, body):
    error = error_of(create_peering, network, body, circuit)
    assert error.status_code == 400 and error.error.code == "PeeringAddressPrefixOverlapsGlobalReach"
    assert "overlaps 10.100.0.0/29, the address prefix of Global Reach connection" in error.error.message
    # Nothing was stored: the peering is as it was (or absent).
    stored = [p for p in network.express_route_circuits.get(RG, circuit).peerings if p.name == PRIVATE]
    assert all(p.primary_peer_address_prefix != body.primary_peer_address_prefix for p in stored)


def test_a_peering_clear_of_the_link_is_taken(network, linked):
    create_peering(network, private_peering(primary="192.168.100.136/30", secondary="192.168.100.140/30"), "er1")


@pytest.mark.parametrize(
    "tags, code",
    [
        ({"k" * 513: "v"}, "InvalidTagNameLength"),
        ({"k": "v" * 257}, "InvalidTagValueLength"),
        ({"a/b": "v"}, "InvalidTagNameCharacters"),
        ({"t{0}".format(i): "v" for i in range(51)}, "InvalidTagCount"),
    ],
)
def test_tags_beyond_azures_limits_are_refused(network, tags, code):
    body = circuit_body()
    body.tags = tags
    error = error_of(lambda: network.express_route_circuits.begin_create_or_update(RG, "er-tags", body).result())
    assert error.status_code == 400 and error.error.code == code
    assert [c.name for c in network.express_route_circuits.list(RG)] == []


def test_tags_at_azures_limits_are_taken(network):
    body = circuit_body()
    body.tags = dict({"k" * 512: "v" * 256}, **{"t{0}".format(i): "" for i in range(49)})
    assert len(network.express_route_circuits.begin_create_or_update(RG, "er-tags", body).result().tags) == 50


def test_the_subscription_lists_its_regions(arm):
    answer = arm.get("{0}/subscriptions/{1}/locations?api-version=2022-12-01".format(arm.base, arm.sub))
    assert answer.status_code == 200
    regions = {r["name"]: r for r in answer.json()["value"]}
    assert regions["westeurope"]["displayName"] == "West Europe"
    assert regions["westeurope"]["id"] == "/subscriptions/{0}/locations/westeurope".format(arm.sub)
    assert regions["westeurope"]["type"] == "Region"
