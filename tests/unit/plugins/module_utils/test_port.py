"""ExpressRoute Direct rules the port and circuit modules apply before any
write (module_utils/_port): port plans, MACsec, identity, circuit sizes and
the port's bandwidth accounting."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _port
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

CKN = "https://kv-erd.vault.azure.net/secrets/ckn"
CAK = "https://kv-erd.vault.azure.net/secrets/cak/0123456789abcdef0123456789abcdef"
IDENTITY = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
DEFAULT_MACSEC = {
    "cipher": "GcmAes256",
    "sci_state": "Disabled",
    "ckn_secret_identifier": None,
    "cak_secret_identifier": None,
}


def port(**changes):
    result = {
        "name": "erd1",
        "location": "westeurope",
        "peering_location": "Equinix-Amsterdam-AM5",
        "bandwidth_gbps": 10,
        "encapsulation": "Dot1Q",
        "billing_type": "MeteredData",
        "identity": None,
        "tags": {},
        "circuits": [],
        "provisioned_bandwidth_gbps": 0.0,
        "links": [{"name": n, "admin_state": "Disabled", "macsec": dict(DEFAULT_MACSEC)} for n in ("link1", "link2")],
    }
    result.update(changes)
    return result


def desired(**changes):
    result = dict.fromkeys(_port.MANAGED_FIELDS)
    result.update(changes)
    return result


def refusal(call, *args, **kwargs):
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return str(info.value)


def test_a_new_port_needs_location_size_and_encapsulation():
    assert "set peering_location, bandwidth_gbps, encapsulation" in refusal(_port.plan, None, desired())
    after = _port.plan(None, desired(peering_location="X", bandwidth_gbps=10, encapsulation="QinQ"))
    assert after["billing_type"] == "MeteredData"
    assert after["links"]["link1"] == {"admin_state": "Disabled", "macsec": DEFAULT_MACSEC}


def test_nothing_asked_is_no_change():
    current = port()
    assert _port.plan(current, desired()) == _port.managed_view(current)


def test_location_and_size_are_fixed_and_named():
    text = refusal(
        _port.plan, port(), desired(bandwidth_gbps=100, peering_location="Equinix-London-LD5", location="northeurope")
    )
    for field in ("bandwidth_gbps cannot change", "peering_location cannot change", "location cannot change"):
        assert field in text
    # The same location in another spelling is not a change.
    assert _port.plan(
        port(), desired(peering_location="equinix-amsterdam-am5", location="West Europe")
    ) == _port.managed_view(port())


def test_encapsulation_changes_only_without_circuits():
    assert _port.plan(port(), desired(encapsulation="QinQ"))["encapsulation"] == "QinQ"
    assert "while circuits are on it" in refusal(_port.plan, port(circuits=["/c1"]), desired(encapsulation="QinQ"))


def test_only_the_link_and_settings_given_change():
    links = _port.desired_links([{"name": "link2", "admin_state": "Enabled", "macsec": None}])
    after = _port.plan(port(), desired(links=links))
    assert after["links"]["link2"]["admin_state"] == "Enabled"
    assert after["links"]["link1"] == {"admin_state": "Disabled", "macsec": DEFAULT_MACSEC}


@pytest.mark.parametrize(
    "macsec, text",
    [
        ({"ckn_secret_identifier": CKN}, "needs both"),
        ({"cak_secret_identifier": CAK}, "needs both"),
        (
            {"ckn_secret_identifier": "https://example.com/x", "cak_secret_identifier": CAK},
            "Key Vault secret identifier",
        ),
        ({"ckn_secret_identifier": CKN, "cak_secret_identifier": "kv-erd/cak"}, "cak_secret_identifier must be"),
    ],
)
def test_macsec_secrets_are_two_key_vault_secret_ids(macsec, text):
    assert text in refusal(_port.desired_links, [{"name": "link1", "admin_state": None, "macsec": macsec}])


def test_macsec_needs_the_port_identity():
    links = _port.desired_links(
        [{"name": "link1", "admin_state": None, "macsec": {"ckn_secret_identifier": CKN, "cak_secret_identifier": CAK}}]
    )
    assert "no identity" in refusal(_port.plan, port(), desired(links=links))
    after = _port.plan(port(), desired(links=links, identity=IDENTITY))
    assert after["links"]["link1"]["macsec"]["ckn_secret_identifier"] == CKN
    assert _port.plan(port(identity=IDENTITY), desired(links=links))["identity"] == IDENTITY


def test_identity_and_link_names():
    assert "user-assigned managed identity" in refusal(_port.check_identity, "/subscriptions/s/whatever")
    _port.check_identity(IDENTITY)
    assert "twice" in refusal(_port.desired_links, [{"name": "link1"}, {"name": "link1"}])


@pytest.mark.parametrize("size, good, bad", [(10, (1, 2, 5, 10), (40, 100, 3)), (100, (5, 10, 40, 100), (1, 2))])
def test_circuit_sizes_per_port_size(size, good, bad):
    for bandwidth in good:
        _port.check_circuit_bandwidth(port(bandwidth_gbps=size), "c", bandwidth)
    for bandwidth in bad:
        assert "is not offered on the {0}-Gbps port".format(size) in refusal(
            _port.check_circuit_bandwidth, port(bandwidth_gbps=size), "c", bandwidth
        )


def test_circuits_add_up_to_twice_the_port():
    _port.check_circuit_bandwidth(port(provisioned_bandwidth_gbps=10.0), "c", 10)  # 20 of 20
    text = refusal(_port.check_circuit_bandwidth, port(provisioned_bandwidth_gbps=15.0), "c", 10)
    assert "at most 20 Gbps" in text and "5 Gbps left" in text
    # Raising a circuit counts the others only.
    _port.check_circuit_bandwidth(port(provisioned_bandwidth_gbps=20.0), "c", 10, current_bandwidth=10)
    assert "cannot decrease" in refusal(_port.check_circuit_bandwidth, port(), "c", 5, current_bandwidth=10)


def test_location_offer():
    locations = [{"name": "Equinix-Amsterdam-AM5"}, {"name": "Equinix-London-LD5"}]
    assert "Valid locations: Equinix-Amsterdam-AM5, Equinix-London-LD5" in refusal(
        _port.check_location_offer, locations, "Atlantis", 10
    )
    location = {"name": "Equinix-Amsterdam-AM5", "available_bandwidths_gbps": [100]}
    assert "available: 100" in refusal(_port.check_location_offer, [], "x", 10, location)
    assert _port.check_location_offer([], "equinix-amsterdam-am5", 100, location) == "Equinix-Amsterdam-AM5"


def test_port_reference():
    expected = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/expressRoutePorts/erd1"
    assert _port.port_id("erd1", "s", "rg") == expected
    other = "/subscriptions/t/resourceGroups/rg2/providers/Microsoft.Network/expressRoutePorts/erd2"
    assert _port.port_id(other, "s", "rg") == other
    assert "express_route_port must be" in refusal(
        _port.port_id, other.replace("expressRoutePorts", "expressRouteCircuits"), "s", "rg"
    )


def test_the_emulator_plays_azure_with_the_same_numbers():
    """One rule, one home: the emulator keeps its own copy; they must agree."""
    from expressroute_emulator.resources import express_route_ports as emulated

    assert emulated.PORT_BANDWIDTHS == _port.PORT_BANDWIDTHS
    assert emulated.CIRCUIT_BANDWIDTHS == _port.CIRCUIT_BANDWIDTHS
    assert emulated.OVERSUBSCRIPTION == _port.OVERSUBSCRIPTION
    assert set(emulated.CIPHERS) == set(_port.CIPHERS)


def test_a_dot1q_vlan_is_unique_across_the_port():
    others = [{"name": "c2", "peerings": [{"name": "AzurePrivatePeering", "vlan_id": 100}]}]
    assert "vlan_id 100 is already used by AzurePrivatePeering of circuit c2" in refusal(
        _port.check_dot1q_vlan, port(), "c1", 100, others
    )
    _port.check_dot1q_vlan(port(), "c1", 101, others)
    _port.check_dot1q_vlan(port(encapsulation="QinQ"), "c1", 100, others)
