"""Global Reach rules, checked before any write."""

from types import SimpleNamespace

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _global_reach
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

SUB1, SUB2 = "11111111-2222-3333-4444-555555555555", "22222222-3333-4444-5555-666666666666"
C1 = "/subscriptions/{0}/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er-ams".format(SUB1)
C2 = "/subscriptions/{0}/resourceGroups/rg-lz/providers/Microsoft.Network/expressRouteCircuits/er-lon".format(SUB2)


def refused(fn, *args):
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return str(info.value)


@pytest.mark.parametrize(
    "text, version, expected",
    [
        ("192.168.250.0/29", 4, "192.168.250.0/29"),
        (" 192.168.250.8/29 ", 4, "192.168.250.8/29"),
        ("fd00:250::/125", 6, "fd00:250::/125"),
        (None, 4, None),
    ],
)
def test_prefix_accepted(text, version, expected):
    assert _global_reach.check_prefix(text, version, "address_prefix") == expected


@pytest.mark.parametrize(
    "text, version, message",
    [
        ("192.168.250.0/28", 4, "address_prefix '192.168.250.0/28' must be an IPv4 /29"),
        ("192.168.250.0/30", 4, "must be an IPv4 /29"),
        ("fd00:250::/125", 4, "must be an IPv4 /29"),
        ("192.168.250.4/29", 4, "has host bits set; the /29 is 192.168.250.0/29"),
        ("not-a-prefix", 4, "is not an IPv4 prefix"),
        ("fd00:250::/124", 6, "must be an IPv6 /125"),
        ("fd00:250::4/125", 6, "has host bits set"),
    ],
)
def test_prefix_refused(text, version, message):
    assert message in refused(_global_reach.check_prefix, text, version, "address_prefix")


def test_peer_by_name_defaults_to_the_first_circuits_group_and_subscription():
    peer = _global_reach.peer_reference("er-lon", None, None, "rg-er", SUB1)
    assert peer["circuit_id"] == C1.replace("er-ams", "er-lon")
    assert peer["peering_id"] == peer["circuit_id"] + "/peerings/AzurePrivatePeering"
    other = _global_reach.peer_reference("er-lon", "rg-lz", SUB2, "rg-er", SUB1)
    assert other["circuit_id"] == C2 and other["subscription"] == SUB2


@pytest.mark.parametrize("reference", [C2, C2 + "/peerings/AzurePrivatePeering", C2 + "/peerings/azureprivatepeering"])
def test_peer_by_id(reference):
    peer = _global_reach.peer_reference(reference, None, None, "rg-er", SUB1)
    assert (peer["subscription"], peer["resource_group"], peer["name"]) == (SUB2, "rg-lz", "er-lon")


@pytest.mark.parametrize(
    "reference, group, message",
    [
        (C2 + "/peerings/MicrosoftPeering", None, "neither a circuit name nor the id"),
        (
            "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/routeFilters/z",
            None,
            "neither a circuit name",
        ),
        ("/garbage", None, "neither a circuit name"),
        (C2, "rg-lz", "go with a peer_circuit name"),
    ],
)
def test_peer_reference_refused(reference, group, message):
    assert message in refused(_global_reach.peer_reference, reference, group, None, "rg-er", SUB1)


def peering(name, primary, secondary, ipv6=None):
    return {
        "name": name,
        "peering_type": name,
        "primary_prefix": primary,
        "secondary_prefix": secondary,
        "ipv6": {"primary_prefix": ipv6[0], "secondary_prefix": ipv6[1]} if ipv6 else None,
    }


def circuit(cid, location="Amsterdam", state="Provisioned", peerings=None):
    return {
        "id": cid,
        "name": cid.rsplit("/", 1)[-1],
        "peering_location": location,
        "provider": "Equinix",
        "service_key": "key-" + cid[-3:],
        "service_provider_provisioning_state": state,
        "circuit_provisioning_state": "Enabled",
        "peerings": [peering("AzurePrivatePeering", "10.0.0.0/30", "10.0.0.4/30", ("fd00:1::/126", "fd00:1::4/126"))]
        if peerings is None
        else peerings,
    }


AMS, LON = circuit(C1), circuit(C2, "London")


def test_two_provisioned_circuits_with_private_peering_at_different_locations_pass():
    _global_reach.check_circuits(AMS, LON, True, True, "key")
    _global_reach.check_circuits(AMS, None, True, True, "key")  # other owner's circuit: Azure checks it


@pytest.mark.parametrize(
    "first, second, other_subscription, key, message",
    [
        (AMS, AMS, False, None, "is circuit er-ams itself"),
        (AMS, circuit(C2, "London", peerings=[]), False, None, "peer_circuit er-lon has no AzurePrivatePeering"),
        (
            circuit(C1, peerings=[peering("MicrosoftPeering", "1.0.0.0/30", "1.0.0.4/30")]),
            LON,
            False,
            None,
            "circuit er-ams has no AzurePrivatePeering",
        ),
        (
            AMS,
            circuit(C2, "London", state="NotProvisioned"),
            False,
            None,
            (
                "peer_circuit er-lon is not provisioned by its connectivity provider (serviceProviderProvisioningState "
                "NotProvisioned)"
            ),
        ),
        (AMS, circuit(C2, "amsterdam"), False, None, "both at peering location Amsterdam"),
        (AMS, LON, True, None, "set authorization_key"),
    ],
)
def test_circuit_rules(first, second, other_subscription, key, message):
    assert message in refused(_global_reach.check_circuits, first, second, True, other_subscription, key)


def test_unprovisioned_refusal_names_provider_and_service_key():
    text = refused(_global_reach.check_circuits, AMS, circuit(C2, "London", state="Provisioning"), True, False, None)
    assert "give Equinix the service key key-lon" in text


def test_existing_link_needs_no_key_again():
    _global_reach.check_circuits(AMS, LON, False, True, None)


LINKS = [
    {
        "id": C1 + "/peerings/AzurePrivatePeering/connections/gr-other",
        "name": "gr-other",
        "kind": "connection",
        "peer_peering_id": C2.replace("er-lon", "er-sin") + "/peerings/AzurePrivatePeering",
        "address_prefix": "192.168.250.16/29",
        "ipv6_address_prefix": "fd00:250::8/125",
    }
]


@pytest.mark.parametrize(
    "prefix, circuits, message",
    [
        (
            "10.0.0.0/29",
            [AMS, LON],
            (
                "address_prefix 10.0.0.0/29 overlaps primary_prefix 10.0.0.0/30 of the "
                "AzurePrivatePeering of circuit er-ams"
            ),
        ),
        ("192.168.250.16/29", [AMS, LON], "overlaps 192.168.250.16/29 of Global Reach link"),
        ("fd00:1::/125", [AMS], "overlaps ipv6.primary_prefix fd00:1::/126"),
        ("fd00:250::8/125", [AMS], "overlaps fd00:250::8/125 of Global Reach link"),
    ],
)
def test_overlaps_refused(prefix, circuits, message):
    assert message in refused(_global_reach.check_no_overlap, prefix, "address_prefix", circuits, LINKS)


def test_free_prefix_passes():
    _global_reach.check_no_overlap("192.168.250.0/29", "address_prefix", [AMS, LON], LINKS)
    _global_reach.check_no_overlap(None, "address_prefix", [AMS, LON], LINKS)


def test_one_link_per_pair():
    peer = LINKS[0]["peer_peering_id"]
    assert "already linked by Global Reach" in refused(_global_reach.check_not_linked, "gr-new", C1, peer, LINKS)
    _global_reach.check_not_linked("gr-other", C1, peer, LINKS)  # the link itself
    _global_reach.check_not_linked("gr-new", C1, C2 + "/peerings/AzurePrivatePeering", LINKS)


BEFORE = {
    "peer_peering_id": C2 + "/peerings/AzurePrivatePeering",
    "address_prefix": "192.168.250.0/29",
    "ipv6_address_prefix": None,
}


def test_update_of_ipv6_in_place():
    after = _global_reach.plan_update(BEFORE, BEFORE["peer_peering_id"].upper(), None, "fd00:250::/125", "gr")
    assert after["ipv6_address_prefix"] == "fd00:250::/125" and after["address_prefix"] == "192.168.250.0/29"
    assert (
        _global_reach.plan_update(dict(after), BEFORE["peer_peering_id"], "192.168.250.0/29", "", "gr")[
            "ipv6_address_prefix"
        ]
        is None
    )
    assert _global_reach.plan_update(BEFORE, BEFORE["peer_peering_id"], None, None, "gr") == BEFORE


@pytest.mark.parametrize(
    "peer, prefix, message",
    [
        (C1 + "/peerings/AzurePrivatePeering", None, "cannot be moved to"),
        (BEFORE["peer_peering_id"], "192.168.250.8/29", "cannot change it in place"),
    ],
)
def test_changes_azure_cannot_make_in_place(peer, prefix, message):
    assert message in refused(_global_reach.plan_update, BEFORE, peer, prefix, None, "gr")


def test_links_and_results_from_sdk_models():
    connection = SimpleNamespace(
        id=C1 + "/peerings/AzurePrivatePeering/connections/gr1",
        name="gr1",
        express_route_circuit_peering=SimpleNamespace(id=C1 + "/peerings/AzurePrivatePeering"),
        peer_express_route_circuit_peering=SimpleNamespace(id=C2 + "/peerings/AzurePrivatePeering"),
        address_prefix="192.168.250.0/29",
        circuit_connection_status=SimpleNamespace(value="Connected"),
        ipv6_circuit_connection_config=SimpleNamespace(
            address_prefix="fd00:250::/125", circuit_connection_status="Connected"
        ),
        provisioning_state="Succeeded",
    )
    peered = SimpleNamespace(
        id=C1 + "/peerings/AzurePrivatePeering/peerConnections/gr9",
        name="gr9",
        connection_name="gr9",
        express_route_circuit_peering=SimpleNamespace(id=C1 + "/peerings/AzurePrivatePeering"),
        peer_express_route_circuit_peering=SimpleNamespace(id=C2 + "/peerings/AzurePrivatePeering"),
        address_prefix="192.168.250.24/29",
        circuit_connection_status="Connected",
        provisioning_state="Succeeded",
    )
    links = _global_reach.links(SimpleNamespace(connections=[connection], peered_connections=[peered]))
    assert [(x["name"], x["kind"], x["ipv6_address_prefix"]) for x in links] == [
        ("gr1", "connection", "fd00:250::/125"),
        ("gr9", "peer_connection", None),
    ]
    result = _global_reach.connection_result(connection, "er-ams", "rg-er")
    assert (result["peer_circuit"], result["peer_resource_group"], result["peer_subscription_id"]) == (
        "er-lon",
        "rg-lz",
        SUB2,
    )
    assert result["circuit_connection_status"] == result["ipv6_circuit_connection_status"] == "Connected"
    assert _global_reach.managed_view(result) == {
        "peer_peering_id": C2 + "/peerings/AzurePrivatePeering",
        "address_prefix": "192.168.250.0/29",
        "ipv6_address_prefix": "fd00:250::/125",
    }
    assert _global_reach.peer_connection_result(peered, "er-ams", "rg-er")["connection_name"] == "gr9"
