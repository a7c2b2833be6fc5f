"""One AS-number rule set (plugins/module_utils/_asn.py): its verdicts, and that the peering modules, the router
model and the emulator (which plays Azure and keeps its own copy) decide every ASN of one table the same way."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _asn, _peering
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError
from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import (
    RouterModelError,
    build_router_model,
)

# asn -> refused on every peering? (private ones are usable on private peering; see the Microsoft table below)
TABLE = {
    0: True,
    1: False,
    100: False,
    8075: False,
    12075: False,
    12076: True,
    12077: False,
    23455: False,
    23456: True,
    23457: False,
    64495: False,
    64496: True,
    64500: True,
    64511: True,
    64512: False,
    65020: False,
    65514: False,
    65515: True,
    65517: True,
    65520: True,
    65521: False,
    65534: False,
    65535: True,
    65536: True,
    65540: True,
    65551: True,
    65552: False,
    4199999999: False,
    4200000000: False,
    4294967294: False,
    4294967295: True,
    4294967296: True,
}
PRIVATE = {
    64511: False,
    64512: True,
    65534: True,
    65535: False,
    4199999999: False,
    4200000000: True,
    4294967294: True,
    4294967295: False,
}

PEERING = {
    "name": "AzurePrivatePeering",
    "peering_type": "AzurePrivatePeering",
    "circuit": "er1",
    "state": "Enabled",
    "azure_asn": 12076,
    "vlan_id": 100,
    "primary_prefix": "192.168.100.128/30",
    "secondary_prefix": "192.168.100.132/30",
}


def module_refuses(asn, peering_type="AzurePrivatePeering"):
    try:
        _peering.check_asn(asn, peering_type)
    except ValidationError as exc:
        return str(exc)
    return None


def router_model_refuses(asn, peering_type="AzurePrivatePeering"):
    peering = dict(PEERING, peer_asn=asn, name=peering_type, peering_type=peering_type)
    options = {"advertise": ["10.1.15.0/25"], "preference": {"mode": "none"}}
    if peering_type == "MicrosoftPeering":
        peering.update(primary_prefix="203.0.113.0/30", secondary_prefix="203.0.113.4/30")
        options.update(advertise=["198.51.100.0/24"], nat_pool="198.51.100.0/28")
    try:
        build_router_model(peering, {"name": "er1", "tier": "Standard"}, options)
    except RouterModelError as exc:
        assert str(exc).startswith("peering.peer_asn:"), exc
        return str(exc)
    return None


def emulator_rules():
    # The emulator is a test harness beside the collection (tests/emulator on PYTHONPATH), imported when used.
    from expressroute_emulator.resources import _rules

    return _rules


def emulator_refuses(asn):
    from expressroute_emulator.errors import ArmError

    try:
        emulator_rules().asn(asn, "properties.peerASN")
    except ArmError as exc:
        return exc
    return None


@pytest.mark.parametrize("asn", sorted(TABLE))
def test_the_rule_set(asn):
    assert (_asn.refusal(asn) is not None) is TABLE[asn]


@pytest.mark.parametrize("asn", sorted(PRIVATE))
def test_private_asns(asn):
    assert _asn.is_private(asn) is PRIVATE[asn]
    assert emulator_rules().is_private_asn(asn) is PRIVATE[asn]


@pytest.mark.parametrize("asn", sorted(TABLE))
def test_module_router_model_and_emulator_agree(asn):
    """Private peering: the same verdict everywhere, so a peering the role creates renders."""
    expected = TABLE[asn]
    assert (module_refuses(asn) is not None) is expected
    assert (router_model_refuses(asn) is not None) is expected
    assert (emulator_refuses(asn) is not None) is expected


@pytest.mark.parametrize("asn", sorted(TABLE))
def test_the_peering_module_refuses_what_the_router_model_refuses_on_microsoft_peering(asn):
    if router_model_refuses(asn, "MicrosoftPeering"):
        assert module_refuses(asn, "MicrosoftPeering")


@pytest.mark.parametrize("asn", [65020, 4200000000])
def test_a_private_asn_on_microsoft_peering_is_refused_before_azure_is_written(asn):
    # Azure needs manual validation for it (expressroute-routing); the router model still renders a peering that has
    # one (validated by hand), without prepending (Microsoft strips private ASNs).
    assert "private AS number" in module_refuses(asn, "MicrosoftPeering")
    assert router_model_refuses(asn, "MicrosoftPeering") is None


def test_messages_name_the_field_the_rule_and_the_fix():
    assert module_refuses(23456) == (
        "peer_asn 23456 is AS_TRANS, the 2-byte placeholder for 4-byte AS numbers, never a speaker's number (RFC 6793)."
    )
    message = router_model_refuses(65540)
    assert "65536-65551" in message and "Fix:" in message
    assert "reserved by Azure (65515-65520)" in module_refuses(65517)


def test_microsoft_is_12076_everywhere():
    assert _asn.MICROSOFT_ASN == _peering.MICROSOFT_ASN == emulator_rules().MICROSOFT_ASN == 12076


@pytest.mark.parametrize("asn", sorted(TABLE))
@pytest.mark.parametrize("peering_type", ["AzurePrivatePeering", "MicrosoftPeering"])
def test_the_roles_filter_asks_the_same_rules(asn, peering_type):
    from ansible_collections.hybridnet.expressroute.plugins.filter.peer_asn_problem import peer_asn_problem

    refused = module_refuses(asn, peering_type)
    assert (peer_asn_problem(asn, peering_type) != "") is (refused is not None)
    if refused:
        assert refused == "peer_asn %d is %s." % (asn, peer_asn_problem(str(asn), peering_type))


def test_the_roles_filter_gives_microsofts_asn():
    from ansible.errors import AnsibleFilterError

    from ansible_collections.hybridnet.expressroute.plugins.filter.peer_asn_problem import microsoft_asn

    assert microsoft_asn("MicrosoftPeering") == microsoft_asn("AzurePrivatePeering") == _asn.MICROSOFT_ASN
    with pytest.raises(AnsibleFilterError):
        microsoft_asn("AzurePublicPeering")
