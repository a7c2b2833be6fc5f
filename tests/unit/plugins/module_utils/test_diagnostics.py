"""What the MSEEs report for a peering, and the verdict a verification step
reads (module_utils/_diagnostics.py)."""

from types import SimpleNamespace

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _diagnostics
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError


def test_gather_defaults_to_what_the_view_offers():
    assert _diagnostics.gather_list(None, provider_view=False) == ["arp", "routes", "summary", "stats"]
    assert _diagnostics.gather_list(None, provider_view=True) == ["arp", "routes", "summary"]
    assert _diagnostics.gather_list(["summary", "routes", "summary"], provider_view=True) == ["summary", "routes"]


@pytest.mark.parametrize(
    "requested, provider_view, text",
    [
        (["stats"], True, "gather 'stats' is not available for a cross-connection"),
        (["bgp"], False, "gather 'bgp' is not valid"),
    ],
)
def test_gather_refusals(requested, provider_view, text):
    with pytest.raises(ValidationError) as info:
        _diagnostics.gather_list(requested, provider_view)
    assert text in str(info.value)


def test_device_paths():
    assert _diagnostics.device_paths("both") == ["primary", "secondary"]
    assert _diagnostics.device_paths("secondary") == ["secondary"]


def test_rows_of_both_summary_shapes():
    circuit_row = SimpleNamespace(
        neighbor="192.168.100.129", v=4, as_property=65020, up_down="00:01:02", state_pfx_rcd="2"
    )
    provider_row = SimpleNamespace(
        neighbor="192.168.100.129", asn=65020, up_down="00:01:02", state_or_prefixes_received="2"
    )
    expected = {"neighbor": "192.168.100.129", "asn": 65020, "up_down": "00:01:02", "state_or_prefixes_received": "2"}
    assert _diagnostics.summary_row(circuit_row) == dict(expected, version=4)
    assert _diagnostics.summary_row(provider_row) == dict(expected, version=None)


def test_arp_route_and_stats_rows():
    assert _diagnostics.arp_row(
        SimpleNamespace(age=3, interface="On-Prem", ip_address="10.0.0.1", mac_address="aaaa.bbbb.cccc")
    ) == {"age": 3, "interface": "On-Prem", "ip_address": "10.0.0.1", "mac_address": "aaaa.bbbb.cccc"}
    assert _diagnostics.route_row(
        SimpleNamespace(network="10.1.0.0/16", next_hop="10.0.0.1", loc_prf="", weight=0, path="65020")
    ) == {"network": "10.1.0.0/16", "next_hop": "10.0.0.1", "loc_prf": "", "weight": 0, "path": "65020"}
    # Live ARM's keys (primaryBytesIn) and the spec's (primarybytesIn) both read.
    live = {"primaryBytesIn": 1, "primaryBytesOut": 2, "secondaryBytesIn": 3, "secondaryBytesOut": 4}
    assert _diagnostics.path_stats(live, "secondary") == {"bytes_in": 3, "bytes_out": 4}
    spec = {"primarybytesIn": 5, "primarybytesOut": 6, "secondarybytesIn": 7, "secondarybytesOut": 8}
    assert _diagnostics.path_stats(spec, "primary") == {"bytes_in": 5, "bytes_out": 6}
    assert _diagnostics.path_stats({}, "primary") == {"bytes_in": None, "bytes_out": None}


def summary_rows(*states):
    neighbors = ["192.168.100.129", "fd00:100::1"]
    return [
        {"neighbor": n, "asn": 65020, "version": 4, "up_down": "00:00:05", "state_or_prefixes_received": s}
        for n, s in zip(neighbors, states)
    ]


@pytest.mark.parametrize(
    "state, up, prefixes",
    [
        ("2", True, 2),
        ("0", True, 0),
        ("Idle", False, 0),
        ("Active", False, 0),
        ("Idle (Admin)", False, 0),
        ("Idle (PfxCt)", False, 0),
    ],
)
def test_a_number_in_the_state_column_means_established(state, up, prefixes):
    session = _diagnostics.session(summary_rows(state)[0])
    assert (session["up"], session["prefixes_received"]) == (up, prefixes)
    assert session["state"] == ("Established" if up else state)
    assert session["family"] == "ipv4"


def arp(mac):
    return [
        {"age": 0, "interface": "On-Prem", "ip_address": "192.168.100.129", "mac_address": mac},
        {"age": 0, "interface": "Microsoft", "ip_address": "192.168.100.130", "mac_address": "1111.2222.3333"},
    ]


def test_path_summary():
    data = {
        "route_table_summary": summary_rows("2", "1"),
        "route_table": [{"network": "10.1.0.0/16"}] * 3,
        "arp_table": arp("aaaa.bbbb.cccc"),
    }
    result = _diagnostics.path_summary(data)
    assert result["bgp_up"] is True and result["prefixes_received"] == 3 and result["routes_learned"] == 3
    assert result["arp_resolved"] is True
    assert [s["family"] for s in result["sessions"]] == ["ipv4", "ipv6"]


def test_one_family_down_means_the_path_is_not_up():
    result = _diagnostics.path_summary(
        {"route_table_summary": summary_rows("2", "Active"), "arp_table": arp("Incomplete")}
    )
    assert result["bgp_up"] is False and result["prefixes_received"] == 2
    assert result["arp_resolved"] is False and result["routes_learned"] is None


def test_not_gathered_is_none_not_false():
    assert _diagnostics.path_summary({"route_table": []}) == {
        "bgp_up": None,
        "sessions": None,
        "prefixes_received": None,
        "routes_learned": 0,
        "arp_resolved": None,
    }
    # No session at all (no peering prefixes on this path) is not "up".
    assert _diagnostics.path_summary({"route_table_summary": []})["bgp_up"] is False


def test_all_up_needs_every_path_checked_and_up():
    up = {"route_table_summary": summary_rows("2")}
    down = {"route_table_summary": summary_rows("Idle")}
    assert _diagnostics.summary({"primary": up, "secondary": up})["all_up"] is True
    assert _diagnostics.summary({"primary": up, "secondary": down})["all_up"] is False
    assert _diagnostics.summary({"primary": {"route_table": []}})["all_up"] is False
    assert _diagnostics.summary({})["all_up"] is False
