"""The peering rules of arm_expressroute.md §3, checked before any write."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _peering
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError


def refused(fn, *args):
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return str(info.value)


def test_a_29_splits_into_primary_and_secondary():
    assert _peering.link_prefixes(None, None, "192.168.100.128/29", 4) == ("192.168.100.128/30", "192.168.100.132/30")
    assert _peering.link_prefixes(None, None, "2001:db8::/125", 6) == ("2001:db8::/126", "2001:db8::4/126")


def test_two_30s_are_taken_as_given():
    assert _peering.link_prefixes("10.0.0.0/30", "10.0.0.8/30", None, 4) == ("10.0.0.0/30", "10.0.0.8/30")


@pytest.mark.parametrize(
    "args, text",
    [
        (("10.0.0.0/30", None, None, 4), "go together"),
        (("10.0.0.0/29", "10.0.0.8/30", None, 4), "primary_prefix '10.0.0.0/29' must be an IPv4 /30"),
        (("10.0.0.1/30", "10.0.0.8/30", None, 4), "is not a network prefix"),
        (("10.0.0.0/30", "10.0.0.0/30", None, 4), "two different, non-overlapping /30s"),
        ((None, None, "10.0.0.0/28", 4), "prefix '10.0.0.0/28' must be an IPv4 /29"),
        (("10.0.0.0/30", None, "10.0.0.0/29", 4), "mutually exclusive"),
        ((None, None, "10.0.0.0/29", 6), "must be an IPv6 /125"),
    ],
)
def test_link_prefix_rules(args, text):
    assert text in refused(_peering.link_prefixes, *args)


@pytest.mark.parametrize(
    "asn, peering_type, text",
    [
        (65515, "AzurePrivatePeering", "reserved by Azure (65515-65520)"),
        (65520, "AzurePrivatePeering", "reserved by Azure"),
        (12076, "AzurePrivatePeering", "Microsoft's side"),
        (64500, "AzurePrivatePeering", "documentation AS number"),
        (65020, "MicrosoftPeering", "private AS number"),
        (4200000001, "MicrosoftPeering", "private AS number"),
        (0, "AzurePrivatePeering", "0 is reserved (AS 0"),
        (23456, "AzurePrivatePeering", "AS_TRANS"),
        (65540, "AzurePrivatePeering", "documentation AS number (65536-65551)"),
        (65535, "MicrosoftPeering", "last 2-byte AS number"),
        (4294967295, "AzurePrivatePeering", "last 4-byte AS number"),
        (4294967296, "AzurePrivatePeering", "is not an AS number"),
    ],
)
def test_asn_rules(asn, peering_type, text):
    assert text in refused(_peering.check_asn, asn, peering_type)


@pytest.mark.parametrize(
    "asn, peering_type",
    [
        (65020, "AzurePrivatePeering"),
        (65514, "AzurePrivatePeering"),
        (4200000001, "AzurePrivatePeering"),
        (100, "MicrosoftPeering"),
        (8075, "MicrosoftPeering"),
    ],
)
def test_allowed_asns(asn, peering_type):
    assert _peering.check_asn(asn, peering_type) == asn


@pytest.mark.parametrize(
    "key, ok", [("Abc123", True), ("a" * 25, True), ("a" * 26, False), ("with space", False), ("s3cr3t!", False)]
)
def test_shared_key(key, ok):
    if ok:
        assert _peering.check_shared_key(key) == key
    else:
        message = refused(_peering.check_shared_key, key)
        assert "1-25 letters and digits" in message and key not in message


SIBLINGS = [
    {
        "name": "MicrosoftPeering",
        "vlan_id": 200,
        "primary_prefix": "123.0.0.0/30",
        "secondary_prefix": "123.0.0.4/30",
        "ipv6": None,
    }
]


def test_vlan_rules():
    message = refused(_peering.check_vlan, 200, "AzurePrivatePeering", SIBLINGS)
    assert "already used by the circuit's MicrosoftPeering" in message
    assert "1-4094" in refused(_peering.check_vlan, 4095, "AzurePrivatePeering", [])
    assert _peering.check_vlan(200, "MicrosoftPeering", SIBLINGS) == 200  # its own VLAN


def test_overlap_with_another_peering():
    text = refused(_peering.check_no_overlap, "AzurePrivatePeering", ["123.0.0.4/30", "10.0.0.0/30"], SIBLINGS)
    assert "overlaps 123.0.0.4/30 of the circuit's MicrosoftPeering" in text
    _peering.check_no_overlap("AzurePrivatePeering", ["10.0.0.0/30", "10.0.0.4/30"], SIBLINGS)


@pytest.mark.parametrize(
    "prefixes, text",
    [
        ([], "advertised_public_prefixes is required"),
        (["0.0.0.0/0"], "default route"),
        (["10.1.0.0/16"], "not public"),
        (["192.168.0.0/24"], "not public"),
    ],
)
def test_microsoft_advertised_prefixes(prefixes, text):
    assert text in refused(_peering.check_advertised_prefixes, prefixes)


def test_microsoft_links_must_be_public():
    assert "not a public address range" in refused(_peering.check_public_links, ("10.0.0.0/30", "123.0.0.4/30"))


def test_microsoft_config_only_on_microsoft_peering():
    assert "MicrosoftPeering only" in refused(
        _peering.microsoft_config,
        {"advertised_public_prefixes": ["1.1.1.0/24"]},
        "AzurePrivatePeering",
        "microsoft_peering.",
    )
    config = _peering.microsoft_config(
        {"advertised_public_prefixes": ["124.1.0.0/24"], "customer_asn": 23, "routing_registry_name": "arin"},
        "MicrosoftPeering",
        "microsoft_peering.",
    )
    assert config == {
        "advertised_public_prefixes": ["124.1.0.0/24"],
        "advertised_communities": [],
        "customer_asn": 23,
        "routing_registry_name": "ARIN",
    }


def test_managed_view_hides_the_key():
    peering = {
        "peering_type": "AzurePrivatePeering",
        "state": "Enabled",
        "peer_asn": 65020,
        "vlan_id": 100,
        "primary_prefix": "a",
        "secondary_prefix": "b",
        "shared_key_set": True,
        "route_filter_id": None,
        "microsoft_peering_config": None,
        "ipv6": None,
    }
    assert _peering.managed_view(peering)["shared_key"] == "<set>"


def test_link_addresses_first_usable_is_yours_second_is_microsofts():
    links = _peering.link_addresses({"prefix": "192.168.100.128/29"})
    assert links["primary"] == {
        "prefix": "192.168.100.128/30",
        "customer_address": "192.168.100.129",
        "microsoft_address": "192.168.100.130",
        "prefix_length": 30,
    }
    assert links["secondary"]["customer_address"] == "192.168.100.133"
    assert links["secondary"]["microsoft_address"] == "192.168.100.134"
    assert "no link prefixes" in refused(_peering.link_addresses, {})
