"""The plan of a peering write in module_utils/_peering.py, shared by the
peering module (the customer's circuit) and cross_connection_peering (the
provider's cross-connection)."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _peering
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError


def params(**overrides):
    base = dict(
        peering_type="AzurePrivatePeering",
        peering_state=None,
        peer_asn=65020,
        vlan_id=100,
        primary_prefix=None,
        secondary_prefix=None,
        prefix="192.168.100.128/29",
        microsoft_peering=None,
        ipv6=None,
    )
    base.update(overrides)
    return base


def ipv6(**overrides):
    base = dict(
        state="present",
        primary_prefix=None,
        secondary_prefix=None,
        prefix="fd00:100::/125",
        peering_state="Enabled",
        microsoft_peering=None,
    )
    base.update(overrides)
    return base


def refused(fn, *args, **kwargs):
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_desired_splits_and_checks():
    desired = _peering.desired_peering(params())
    assert (desired["primary_prefix"], desired["secondary_prefix"]) == ("192.168.100.128/30", "192.168.100.132/30")
    assert desired["route_filter_id"] is None and desired["ipv6"] is None
    assert "reserved by Azure" in refused(_peering.desired_peering, params(peer_asn=65515))


def test_route_filters_resolve_through_the_caller():
    desired = _peering.desired_peering(
        params(
            peering_type="MicrosoftPeering",
            prefix="123.0.0.0/29",
            peer_asn=100,
            route_filter="rf1",
            microsoft_peering={"advertised_public_prefixes": ["124.1.0.0/24"]},
        ),
        route_filter_id=lambda value: value and "/id/" + value,
    )
    assert desired["route_filter_id"] == "/id/rf1"
    assert "route_filter applies to MicrosoftPeering only" in refused(
        _peering.desired_peering, params(route_filter="rf1"), lambda value: value
    )


def test_ipv6_present_and_absent():
    desired = _peering.desired_peering(params(ipv6=ipv6()))
    assert desired["ipv6"]["primary_prefix"] == "fd00:100::/126" and desired["ipv6"]["route_filter_id"] is None
    assert _peering.desired_peering(params(ipv6=ipv6(state="absent")))["ipv6"] == {}
    assert "ipv6 needs its link prefixes" in refused(_peering.desired_peering, params(ipv6=ipv6(prefix=None)))


def test_check_peering_type():
    assert "Azure no longer creates public peerings" in refused(_peering.check_peering_type, "AzurePublicPeering")
    assert _peering.check_peering_type("MicrosoftPeering") == "MicrosoftPeering"


def test_check_create_names_where_and_what_is_missing():
    p = params(peer_asn=None, vlan_id=None, prefix=None, peering_type="MicrosoftPeering")
    message = refused(
        _peering.check_create,
        p,
        _peering.desired_peering(dict(p, peering_type="AzurePrivatePeering")),
        "cross-connection xc1",
    )
    assert message == (
        "MicrosoftPeering does not exist on cross-connection xc1; to create it set peer_asn, vlan_id, "
        "prefix (or primary_prefix and secondary_prefix), microsoft_peering "
        "(advertised_public_prefixes)."
    )


def test_check_siblings():
    siblings = [
        {
            "name": "MicrosoftPeering",
            "vlan_id": 300,
            "primary_prefix": "123.0.0.0/30",
            "secondary_prefix": "123.0.0.4/30",
            "ipv6": None,
        }
    ]
    _peering.check_siblings("AzurePrivatePeering", _peering.desired_peering(params()), siblings)
    assert "already used by the circuit's MicrosoftPeering" in refused(
        _peering.check_siblings, "AzurePrivatePeering", _peering.desired_peering(params(vlan_id=300)), siblings
    )
    overlapping = _peering.desired_peering(
        params(prefix=None, primary_prefix="123.0.0.4/30", secondary_prefix="10.0.0.0/30")
    )
    assert "overlaps 123.0.0.4/30" in refused(_peering.check_siblings, "AzurePrivatePeering", overlapping, siblings)


@pytest.mark.parametrize(
    "requested, current, expected",
    [
        (None, "abc", _peering.KEEP),
        ("abc", "abc", _peering.KEEP),
        ("", None, _peering.KEEP),
        ("", "abc", None),
        ("new", "abc", "<changed>"),
        ("new", None, "<set>"),
    ],
)
def test_shared_key_after_shows_only_markers(requested, current, expected):
    assert (
        _peering.shared_key_after(requested, current) is expected
        or _peering.shared_key_after(requested, current) == expected
    )


def test_plan_applies_only_what_was_asked():
    before = _peering.managed_view(
        _peering.predicted(
            None,
            _peering.plan(None, _peering.desired_peering(params(ipv6=ipv6())), "<set>"),
            {"name": "AzurePrivatePeering"},
        )
    )
    assert before["shared_key"] == "<set>" and before["ipv6"]["primary_prefix"] == "fd00:100::/126"
    desired = dict.fromkeys(before)
    desired.update(peering_type="AzurePrivatePeering", ipv6={}, vlan_id=200)
    after = _peering.plan(before, desired, _peering.KEEP)
    assert after["ipv6"] is None and after["vlan_id"] == 200 and after["shared_key"] == "<set>"
    assert after["primary_prefix"] == "192.168.100.128/30"


def test_predicted_for_a_new_peering_and_an_existing_one():
    after = _peering.plan(None, _peering.desired_peering(params()), _peering.KEEP)
    new = _peering.predicted(None, after, {"name": "AzurePrivatePeering", "circuit": "er1", "resource_group": "rg"})
    assert new["id"] is None and new["azure_asn"] == 12076 and new["circuit"] == "er1"
    assert new["state"] == "Enabled" and new["shared_key_set"] is False and new["vlan_id"] == 100
    existing = _peering.predicted(dict(new, id="/x"), dict(after, vlan_id=200), {"name": "ignored"})
    assert existing["id"] == "/x" and existing["vlan_id"] == 200 and existing["name"] == "AzurePrivatePeering"


def test_build_model_for_the_circuit_and_for_the_provider():
    from azure.mgmt.network import models

    after = _peering.plan(None, _peering.desired_peering(params(ipv6=ipv6())), "<set>")
    circuit_peering = _peering.build_model(None, dict(after, route_filter_id="/rf"), "Key1")
    assert isinstance(circuit_peering, models.ExpressRouteCircuitPeering)
    assert circuit_peering.route_filter.id == "/rf" and circuit_peering.shared_key == "Key1"
    provider_peering = _peering.build_model(None, after, None, provider_view=True)
    assert isinstance(provider_peering, models.ExpressRouteCrossConnectionPeering)
    assert getattr(provider_peering, "route_filter", None) is None and provider_peering.shared_key is None
    assert provider_peering.vlan_id == 100
    assert provider_peering.ipv6_peering_config.primary_peer_address_prefix == "fd00:100::/126"
