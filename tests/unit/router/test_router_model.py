"""The router data model (plugins/module_utils/_router_model.py) and the filter wrapping it."""

import copy

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.filter.router_model import FilterModule
from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import (
    RouterModelError,
    build_router_model,
    build_router_models,
    group_devices,
)

KEY = "Er0uteKey2025"
PRIVATE = {
    "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/er-ams/peerings/"
    "AzurePrivatePeering",
    "name": "AzurePrivatePeering",
    "circuit": "er-ams",
    "resource_group": "rg",
    "peering_type": "AzurePrivatePeering",
    "state": "Enabled",
    "provisioning_state": "Succeeded",
    "peer_asn": 65020,
    "azure_asn": 12076,
    "vlan_id": 100,
    "primary_prefix": "192.168.100.128/30",
    "secondary_prefix": "192.168.100.132/30",
    "primary_azure_port": "p",
    "secondary_azure_port": "s",
    "shared_key_set": True,
    "route_filter_id": None,
    "microsoft_peering_config": None,
    "ipv6": None,
}
MICROSOFT = dict(
    PRIVATE,
    name="MicrosoftPeering",
    peering_type="MicrosoftPeering",
    peer_asn=8075 + 1,
    vlan_id=200,
    primary_prefix="198.51.100.0/30",
    secondary_prefix="198.51.100.4/30",
    microsoft_peering_config={
        "advertised_public_prefixes": ["203.0.113.0/28"],
        "advertised_communities": [],
        "customer_asn": None,
        "routing_registry_name": "ARIN",
        "advertised_public_prefixes_state": "Configured",
    },
)
CIRCUIT = {
    "name": "er-ams",
    "id": "/subscriptions/s/.../er-ams",
    "stag": 3,
    "tier": "Standard",
    "service_key": "7c0c0000-0000-0000-0000-000000000000",
}
DEFAULTS = {
    "frr": {"primary": "eth1", "secondary": "eth2"},
    "iosxe": {"primary": "Gi0/0/0", "secondary": "Gi0/0/1"},
    "junos": {"primary": "xe-0/0/0", "secondary": "xe-0/0/1"},
    "sros": {"primary": "1/1/1", "secondary": "1/1/2"},
    "eos": {"primary": "Ethernet1", "secondary": "Ethernet2"},
}


def private(**options):
    options.setdefault("md5_key", KEY)
    options.setdefault("advertise", ["10.1.15.0/25"])
    return build_router_model(copy.deepcopy(PRIVATE), CIRCUIT, options)


def test_a_circuit_on_an_expressroute_direct_port_is_marked_direct():
    port = "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/expressRoutePorts/erd1"
    circuit = dict(CIRCUIT, express_route_port=port)
    model = build_router_model(copy.deepcopy(PRIVATE), circuit, {"md5_key": KEY, "advertise": ["10.1.15.0/25"]})
    assert model["circuit_direct"] is True and model["circuit_stag"] == CIRCUIT["stag"]


def microsoft(**options):
    options.setdefault("md5_key", KEY)
    options.setdefault("nat_pool", "203.0.113.0/28")
    return build_router_model(copy.deepcopy(MICROSOFT), CIRCUIT, options)


def error(func, *args, **kwargs):
    with pytest.raises(RouterModelError) as info:
        func(*args, **kwargs)
    return str(info.value)


# -- what the model holds ---------------------------------------------------------------------------------------
def test_private_peering_model_from_the_peering_result():
    model = private()
    assert model["peering_type"] == "private" and model["azure_asn"] == 12076
    assert model["local_asn"] == model["peer_asn"] == 65020
    assert model["vlan"] == 100 and model["circuit_stag"] == 3 and model["circuit_direct"] is False
    primary, secondary = model["links"]
    # The default hand-off is 802.1Q with the peering's VLAN: the circuit's S-tag (provider-Microsoft) is not used.
    assert primary["handoff"] == secondary["handoff"] == {"type": "dot1q", "outer": None, "inner": 100}
    # Microsoft's rule: the customer/provider router takes the first usable address, the MSEE the second.
    assert (primary["local_ip"], primary["peer_ip"], primary["netmask"]) == (
        "192.168.100.129",
        "192.168.100.130",
        "255.255.255.252",
    )
    assert (secondary["local_ip"], secondary["peer_ip"]) == ("192.168.100.133", "192.168.100.134")
    assert model["bfd"] == {"enabled": True, "interval": 300, "min_rx": 300, "multiplier": 3}
    assert model["advertise_limit"] == 4000 and model["microsoft"] is None and model["vrf"] is None
    assert model["md5_key"] == KEY
    # The default preference: AS-path prepend on the secondary, local preference 150/100 for the return path.
    assert primary["prepend"] == [] and secondary["prepend"] == [65020, 65020]
    assert (primary["local_preference"], secondary["local_preference"]) == (150, 100)
    assert primary["device"] == "er-ams-primary" and secondary["device"] == "er-ams-secondary"
    assert model["policy_stem"] == "ER-AMS-PRIV"


def test_premium_raises_the_private_limit_to_10000():
    assert (
        build_router_model(PRIVATE, dict(CIRCUIT, tier="Premium"), {"md5_key": KEY, "advertise": ["10.0.0.0/8"]})[
            "advertise_limit"
        ]
        == 10000
    )


def test_microsoft_peering_takes_its_prefixes_from_the_peering_and_adds_nat_and_dscp():
    model = microsoft()
    assert model["peering_type"] == "microsoft" and model["advertise"] == ["203.0.113.0/28"]
    assert model["advertise_limit"] == 200
    assert model["microsoft"]["nat_pool"] == "203.0.113.0/28"
    pool = (model["microsoft"]["nat_pool_first"], model["microsoft"]["nat_pool_last"])
    assert pool == ("203.0.113.1", "203.0.113.14")
    inside = [p["prefix"] for p in model["microsoft"]["nat_inside"]]
    assert inside == ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
    assert model["microsoft"]["dscp"]["allowed"] == {"ef": 46, "af41": 34, "af21": 18, "af11": 10, "cs0": 0}
    assert model["microsoft"]["dscp"]["remark_to"] == 0


def test_more_specifics_are_advertised_on_the_primary_only():
    model = private(preference={"mode": "more_specifics"})
    primary, secondary = model["links"]
    assert primary["advertise"] == ["10.1.15.0/25", "10.1.15.0/26", "10.1.15.64/26"]
    assert secondary["advertise"] == ["10.1.15.0/25"]
    assert primary["prepend"] == secondary["prepend"] == []


# -- origination: what the router anchors (discard routes) and what the customer's network supplies -----------------
def test_by_default_microsoft_peering_anchors_its_prefixes_and_the_nat_pool_private_peering_nothing():
    model = microsoft(advertise=["203.0.113.0/24"], preference={"mode": "none"})
    assert model["aggregates"] == ["203.0.113.0/24"] and model["supplied"] == []
    assert model["nat_pool_anchored"] is True
    assert [link["anchors"] for link in model["links"]] == [["203.0.113.0/24", "203.0.113.0/28"]] * 2
    model = private()
    assert model["aggregates"] == [] and model["supplied"] == ["10.1.15.0/25"]
    assert [link["anchors"] for link in model["links"]] == [[], []]
    assert [link["supplied"] for link in model["links"]] == [["10.1.15.0/25"]] * 2


def test_a_prefix_marked_aggregate_is_anchored_with_its_more_specifics():
    model = private(
        advertise=[{"prefix": "10.1.0.0/16", "aggregate": True}, "10.2.0.0/16"], preference={"mode": "more_specifics"}
    )
    primary, secondary = model["links"]
    assert primary["anchors"] == ["10.1.0.0/16", "10.1.0.0/17", "10.1.128.0/17"]
    assert primary["supplied"] == ["10.2.0.0/16", "10.2.0.0/17", "10.2.128.0/17"]
    assert secondary["anchors"] == ["10.1.0.0/16"] and secondary["supplied"] == ["10.2.0.0/16"]
    assert model["advertise"] == ["10.1.0.0/16", "10.2.0.0/16"]


def test_anchor_routes_sets_the_default_and_a_mark_overrides_it():
    assert private(anchor_routes=True)["aggregates"] == ["10.1.15.0/25"]
    model = microsoft(anchor_routes=False)
    assert model["aggregates"] == [] and not model["nat_pool_anchored"]
    assert model["links"][0]["anchors"] == []
    model = microsoft(anchor_routes=False, advertise=[{"prefix": "203.0.113.0/28", "aggregate": True}])
    assert model["links"][0]["anchors"] == ["203.0.113.0/28"]
    model = microsoft(advertise=[{"prefix": "203.0.113.0/24", "aggregate": False}], preference={"mode": "none"})
    assert model["supplied"] == ["203.0.113.0/24"] and model["links"][1]["anchors"] == ["203.0.113.0/28"]
    assert microsoft(anchor_routes="auto")["aggregates"] == ["203.0.113.0/28"]


def test_a_pe_originates_only_what_it_anchors():
    vrf = {"name": "A", "rd": "1:1", "route_target": "1:1"}
    model = private(
        devices={"primary": "pe", "secondary": "pe"},
        vrf=vrf,
        advertise=[{"prefix": "10.1.0.0/16", "aggregate": True}, "10.2.0.0/16"],
    )
    [device] = group_devices([model], "frr", "pe_vrf", DEFAULTS)
    [context] = device["contexts"]
    assert [p["prefix"] for p in context["networks"]] == [p["prefix"] for p in context["anchors"]] == ["10.1.0.0/16"]
    assert context["supplied"] == ["10.2.0.0/16"]
    assert device["origination"]["ER-AMS-PRIV"] == {"anchored": ["10.1.0.0/16"], "supplied": ["10.2.0.0/16"]}


# -- IPv6: the peering module's ipv6 part, alongside IPv4 ----------------------------------------------------------
IPV6 = {
    "primary_prefix": "2001:db8:100::/126",
    "secondary_prefix": "2001:db8:100::4/126",
    "state": "Enabled",
    "route_filter_id": None,
    "microsoft_peering_config": None,
}


def test_ipv6_sessions_from_the_peering_result_router_first_microsoft_second_usable():
    model = build_router_model(
        dict(PRIVATE, ipv6=IPV6),
        CIRCUIT,
        {
            "md5_key": KEY,
            "advertise": ["10.1.15.0/25", "2001:db8:15::/48"],
            "devices": {"primary": "r", "secondary": "r"},
        },
    )
    primary, secondary = model["links"]
    assert (primary["ipv6"]["local_ip"], primary["ipv6"]["peer_ip"]) == ("2001:db8:100::1", "2001:db8:100::2")
    assert (secondary["ipv6"]["local_ip"], secondary["ipv6"]["peer_ip"]) == ("2001:db8:100::5", "2001:db8:100::6")
    assert primary["advertise"] == ["10.1.15.0/25"] and primary["ipv6"]["advertise"] == ["2001:db8:15::/48"]
    assert model["advertise_limit6"] == 100 and model["ipv6"] is True
    [device] = group_devices([dict(model)], "frr", "ce", DEFAULTS)
    assert [(s["family"], s["peer_ip"]) for s in device["sessions"]] == [
        (4, "192.168.100.130"),
        (6, "2001:db8:100::2"),
        (4, "192.168.100.134"),
        (6, "2001:db8:100::6"),
    ]
    assert device["sessions"][1]["subinterface"] == device["sessions"][0]["subinterface"]


def test_ipv6_from_one_125_and_microsoft_peerings_own_ipv6_prefixes():
    six = {
        "prefix": "2001:db8:300::/125",
        "state": "Enabled",
        "microsoft_peering_config": {"advertised_public_prefixes": ["2001:db8:3000::/48"]},
    }
    model = build_router_model(dict(MICROSOFT, ipv6=six), CIRCUIT, {"md5_key": KEY, "nat_pool": "203.0.113.0/28"})
    assert [link["ipv6"]["prefix"] for link in model["links"]] == ["2001:db8:300::/126", "2001:db8:300::4/126"]
    assert model["links"][1]["ipv6"]["advertise"] == ["2001:db8:3000::/48"]
    # Microsoft peering's prefixes are anchored in IPv6 as in IPv4; no NAT in IPv6.
    assert model["links"][1]["ipv6"]["anchors"] == ["2001:db8:3000::/48"] and model["advertise_limit6"] == 200


def test_disabled_ipv6_renders_ipv4_only():
    model = build_router_model(
        dict(PRIVATE, ipv6=dict(IPV6, state="Disabled")), CIRCUIT, {"md5_key": KEY, "advertise": ["10.1.15.0/25"]}
    )
    assert model["ipv6"] is False and model["links"][0]["ipv6"] is None


@pytest.mark.parametrize(
    "ipv6,advertise,field,words",
    [
        (None, ["10.1.15.0/25", "2001:db8:15::/48"], "advertise", "no (enabled) IPv6 link prefixes"),
        (dict(IPV6, primary_prefix="2001:db8:100::/125"), ["10.1.15.0/25"], "peering.ipv6.primary_prefix", "/126"),
        (dict(IPV6, secondary_prefix=None), ["10.1.15.0/25"], "peering.ipv6.secondary_prefix", "both"),
        (
            dict(IPV6, secondary_prefix="2001:db8:100::/126"),
            ["10.1.15.0/25"],
            "peering.ipv6.secondary_prefix",
            "overlaps",
        ),
        (dict(IPV6, primary_prefix="10.0.0.0/30"), ["10.1.15.0/25"], "peering.ipv6.primary_prefix", "IPv6"),
        ({"prefix": "2001:db8:100::/124"}, ["10.1.15.0/25"], "peering.ipv6.prefix", "/125"),
        (IPV6, ["10.1.15.0/25", "2001:db8:100::/126"], "advertise", "overlaps the primary link"),
        (IPV6, ["10.1.15.0/25"] + ["2001:db8:%x::/48" % i for i in range(101)], "advertise", "limit of 100"),
    ],
)
def test_ipv6_errors(ipv6, advertise, field, words):
    message = error(build_router_model, dict(PRIVATE, ipv6=ipv6), CIRCUIT, {"md5_key": KEY, "advertise": advertise})
    assert message.startswith(field + ":") and words in message, message


def test_microsoft_peering_refuses_unique_local_ipv6_links():
    message = error(
        build_router_model,
        dict(MICROSOFT, ipv6=dict(IPV6, primary_prefix="fd00::/126")),
        CIRCUIT,
        {"md5_key": KEY, "nat_pool": "203.0.113.0/28"},
    )
    assert message.startswith("peering.ipv6.primary_prefix:") and "public addresses" in message


def test_active_active_sets_no_preference_unless_asked():
    model = private(preference={"mode": "none"})
    assert [link["local_preference"] for link in model["links"]] == [None, None]
    model = private(preference={"mode": "none", "primary_local_preference": 200})
    assert model["links"][0]["local_preference"] == 200


def test_local_asn_differs_and_prepend_uses_the_asn_microsoft_sees():
    model = private(local_asn=64600, preference={"prepend_count": 3})
    assert model["local_asn"] == 64600 and model["peer_asn"] == 65020
    assert model["links"][1]["prepend"] == [65020] * 3


def handoffs(**options):
    return [link["handoff"] for link in private(**options)["links"]]


def test_the_hand_off_is_what_the_provider_hands_over():
    assert handoffs(encapsulation="untagged") == [{"type": "untagged", "outer": None, "inner": None}] * 2
    assert handoffs(encapsulation={"type": "dot1q", "tag": 512}) == [{"type": "dot1q", "outer": None, "inner": 512}] * 2
    assert (
        handoffs(encapsulation={"type": "qinq", "s_tag": 1000}) == [{"type": "qinq", "outer": 1000, "inner": 100}] * 2
    )
    assert handoffs(encapsulation={"type": "qinq", "s_tag": 1000, "c_tag": 7})[0]["inner"] == 7
    # `circuit` names the circuit's own S-tag explicitly (a provider PE facing Microsoft's port).
    assert handoffs(encapsulation={"type": "qinq", "s_tag": "circuit"})[0]["outer"] == 3
    # Per link: the secondary EVC may arrive on another S-tag, or differently.
    per_link = handoffs(
        encapsulation={"primary": {"type": "qinq", "s_tag": 1000}, "secondary": {"type": "dot1q", "tag": 200}}
    )
    assert per_link == [{"type": "qinq", "outer": 1000, "inner": 100}, {"type": "dot1q", "outer": None, "inner": 200}]
    assert (
        private(encapsulation={"type": "qinq", "s_tag": 1000})["links"][0]["handoff_text"]
        == "QinQ S-tag 1000 C-tag 100"
    )


def test_plain_variables_without_a_circuit_work():
    peering = {
        "peering_type": "AzurePrivatePeering",
        "circuit": "lab",
        "peer_asn": 65001,
        "vlan_id": 10,
        "primary_prefix": "10.255.0.0/30",
        "secondary_prefix": "10.255.0.4/30",
    }
    model = build_router_model(peering, None, {"advertise": ["10.1.0.0/16"]})
    assert model["circuit"] == "lab" and model["md5_key"] is None and model["tier"] == "Standard"
    assert model["links"][0]["handoff"]["type"] == "dot1q" and model["peering"] == "AzurePrivatePeering"


def test_vrf_with_separate_targets():
    model = private(
        vrf={"name": "CUST-A", "rd": "10.0.0.1:100", "import_target": "65000:1", "export_target": "65000:2"}
    )
    assert model["vrf"] == {
        "name": "CUST-A",
        "rd": "10.0.0.1:100",
        "import_target": "65000:1",
        "export_target": "65000:2",
    }


def test_a_list_of_peerings_with_per_peering_options():
    models = build_router_models(
        [PRIVATE, MICROSOFT],
        CIRCUIT,
        {
            "md5_key": KEY,
            "per_peering": {
                "AzurePrivatePeering": {"advertise": ["10.1.15.0/25"]},
                "MicrosoftPeering": {"nat_pool": "203.0.113.0/28", "preference": {"mode": "none"}},
            },
        },
    )
    assert [m["peering_type"] for m in models] == ["private", "microsoft"]


def test_the_filter_returns_models_and_turns_errors_into_filter_errors():
    filters = FilterModule().filters()
    model = filters["router_model"](PRIVATE, circuit=CIRCUIT, md5_key=KEY, advertise=["10.1.15.0/25"])
    assert model["vlan"] == 100
    with pytest.raises(AnsibleFilterError, match="router_model: md5_key: .*25 alphanumeric"):
        filters["router_model"](PRIVATE, circuit=CIRCUIT, md5_key="bad key!", advertise=["10.1.15.0/25"])
    with pytest.raises(AnsibleFilterError, match="router_devices: dialect"):
        filters["router_devices"]([model], "vyos")


# -- every rule, with the field it names ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "change,field,words",
    [
        ({"peering_type": "Bogus", "name": None}, "peering.peering_type", "AzurePrivatePeering or MicrosoftPeering"),
        ({"state": "Disabled"}, "peering.state", "enable the peering"),
        ({"peer_asn": 12076}, "peering.peer_asn", "Microsoft's AS number"),
        ({"peer_asn": 65517}, "peering.peer_asn", "reserved by Azure"),
        ({"peer_asn": 64500}, "peering.peer_asn", "documentation"),
        ({"peer_asn": 23456}, "peering.peer_asn", "AS_TRANS"),
        ({"peer_asn": "x"}, "peering.peer_asn", "integer"),
        ({"peer_asn": None}, "peering.peer_asn", "integer"),
        ({"peer_asn": True}, "peering.peer_asn", "integer"),
        ({"peer_asn": 0}, "peering.peer_asn", "AS 0 is reserved"),
        ({"peer_asn": 4294967296}, "peering.peer_asn", "from 0 to 4294967295"),
        ({"azure_asn": 8075}, "peering.azure_asn", "12076"),
        ({"vlan_id": 4095}, "peering.vlan_id", "from 1 to 4094"),
        ({"primary_prefix": "192.168.100.128/29"}, "peering.primary_prefix", "/30"),
        ({"primary_prefix": "192.168.100.129/30"}, "peering.primary_prefix", "host bits"),
        ({"secondary_prefix": "2001:db8::/126"}, "peering.secondary_prefix", "IPv6"),
        ({"secondary_prefix": "192.168.100.128/30"}, "peering.secondary_prefix", "overlaps the primary"),
        ({"shared_key_set": False}, "md5_key", "shared_key_set is false"),
        ({"circuit": None}, "circuit.name", "circuit's name"),
    ],
)
def test_peering_errors(change, field, words):
    peering = dict(PRIVATE, **change)
    message = error(
        build_router_model,
        peering,
        {} if change.get("circuit", 1) is None else CIRCUIT,
        {"md5_key": KEY, "advertise": ["10.1.15.0/25"]},
    )
    assert message.startswith(field + ":") and words in message and "Fix:" in message


@pytest.mark.parametrize(
    "options,field,words",
    [
        ({"md5_key": "has space"}, "md5_key", "25 alphanumeric"),
        ({"md5_key": "a" * 26}, "md5_key", "25 alphanumeric"),
        ({"md5_key": None}, "md5_key", "shared_key_set is true"),
        ({"advertise": "10.1.15.0/25"}, "advertise", "list"),
        ({"advertise": []}, "advertise", "no prefixes"),
        ({"advertise": ["10.1.15.1/25"]}, "advertise[0]", "host bits"),
        ({"advertise": ["10.1.15.0/25", "10.1.15.0/25"]}, "advertise[1]", "twice"),
        ({"advertise": ["192.168.100.0/24"]}, "advertise", "overlaps the primary link"),
        (
            {"advertise": ["10.%d.%d.0/24" % (i // 256, i % 256) for i in range(4001)]},
            "advertise",
            "exceed the limit of 4000",
        ),
        ({"advertise_limit": 5000}, "advertise_limit", "from 1 to 4000"),
        ({"advertise": ["10.1.0.0/16", "10.2.0.0/16"], "advertise_limit": 1}, "advertise", "exceed the limit of 1"),
        ({"advertise": ["10.1.15.1/32"], "preference": {"mode": "more_specifics"}}, "advertise[0]", "cannot be split"),
        ({"receive_limit": 0}, "receive_limit", "from 1"),
        ({"bfd": {"interval": 100}}, "bfd.interval", "300"),
        ({"bfd": {"min_rx": 299}}, "bfd.min_rx", "300"),
        ({"bfd": {"multiplier": 1}}, "bfd.multiplier", "from 2"),
        ({"bfd": {"echo": True}}, "bfd", "unknown key(s) echo"),
        ({"bfd": "fast"}, "bfd", "mapping"),
        ({"preference": {"mode": "always"}}, "preference.mode", "one of none, prepend, more_specifics"),
        ({"preference": {"prepend_count": 11}}, "preference.prepend_count", "from 1 to 10"),
        ({"preference": {"primary_local_preference": -1}}, "preference.primary_local_preference", "from 0"),
        ({"encapsulation": "vxlan"}, "encapsulation.type", "one of untagged, dot1q, qinq"),
        ({"encapsulation": "auto"}, "encapsulation.type", "the circuit's S-tag is the tag between the provider"),
        ({"encapsulation": "qinq"}, "encapsulation.s_tag", "needs the outer tag"),
        ({"encapsulation": {"type": "qinq", "s_tag": 5000}}, "encapsulation.s_tag", "from 1 to 4094"),
        ({"encapsulation": {"type": "qinq", "s_tag": 10, "tag": 5}}, "encapsulation.tag", "two tags"),
        ({"encapsulation": {"type": "dot1q", "s_tag": 10}}, "encapsulation", "one tag"),
        ({"encapsulation": {"type": "dot1q", "tag": 0}}, "encapsulation.tag", "from 1 to 4094"),
        ({"encapsulation": {"type": "untagged", "tag": 7}}, "encapsulation", "no tags"),
        ({"encapsulation": {"type": "dot1q", "vlan": 7}}, "encapsulation", "unknown key(s) vlan"),
        ({"encapsulation": {"primary": "untagged"}}, "encapsulation.secondary", "both links"),
        ({"encapsulation": {"primary": "untagged", "secondary": "qinq"}}, "encapsulation.secondary.s_tag", "outer tag"),
        ({"encapsulation": {"primary": "untagged", "type": "dot1q"}}, "encapsulation", "unknown key(s) type"),
        ({"stag": 1000}, "stag", "was replaced"),
        ({"interfaces": {"primary": "Gi0/0/0 ; shut"}}, "interfaces.primary", "not an interface name"),
        ({"interfaces": {"tertiary": "x"}}, "interfaces", "unknown key(s) tertiary"),
        ({"interfaces": {"primary": {"vyos": "eth0"}}}, "interfaces.primary", "unknown key(s) vyos"),
        ({"interfaces": {"primary": 7}}, "interfaces.primary", "interface name or a mapping"),
        ({"devices": {"primary": "bad name"}}, "devices.primary", "not a usable device name"),
        ({"nat_pool": "203.0.113.0/28"}, "nat_pool", "Microsoft peering only"),
        ({"dscp_policy": {"enabled": True}}, "dscp_policy", "Microsoft peering only"),
        ({"vrf": {"name": "a b", "rd": "1:1", "route_target": "1:1"}}, "vrf.name", "letters"),
        ({"vrf": {"name": "A", "rd": "x", "route_target": "1:1"}}, "vrf.rd", "ASN:number"),
        ({"vrf": {"name": "A", "rd": "70000:70000", "route_target": "1:1"}}, "vrf.rd", "from 0 to 65535"),
        ({"vrf": {"name": "A", "rd": "300.1.1.1:1", "route_target": "1:1"}}, "vrf.rd", "IPv4"),
        ({"vrf": {"name": "A", "rd": "1:1"}}, "vrf.import_target", "import and an export"),
        ({"vrf": {"name": "A", "rd": "1:1", "route_target": "1:1", "rt": 1}}, "vrf", "unknown key(s) rt"),
        ({"local_asn": 65518}, "local_asn", "reserved"),
        ({"router_id": "1.2.3"}, "router_id", "IPv4"),
        ({"anchor_routes": "yes"}, "anchor_routes", "auto, true or false"),
        ({"advertise": [{"prefix": "10.1.15.0/25", "aggregate": "yes"}]}, "advertise[0].aggregate", "true or false"),
        ({"advertise": [{"aggregate": True}]}, "advertise[0].prefix", "missing"),
        ({"advertise": [{"prefix": "10.1.15.0/25", "summary": True}]}, "advertise[0]", "unknown key(s) summary"),
        ({"colour": "blue"}, "router_model options", "unknown key(s) colour"),
    ],
)
def test_option_errors(options, field, words):
    base = {"md5_key": KEY, "advertise": ["10.1.15.0/25"]}
    base.update(options)
    message = error(build_router_model, PRIVATE, CIRCUIT, base)
    assert message.startswith(field + ":") and words in message and "Fix:" in message, message


@pytest.mark.parametrize(
    "options,field,words",
    [
        ({"advertise": ["0.0.0.0/0"]}, "advertise[0]", "default route"),
        ({"advertise": ["203.0.113.0/28", "10.0.0.0/8"]}, "advertise[1]", "RFC 1918"),
        ({"nat_pool": None}, "nat_pool", "must be source-NATed"),
        ({"nat_pool": "192.168.0.0/28"}, "nat_pool", "RFC 1918"),
        ({"nat_pool": "198.18.0.0/28"}, "nat_pool", "not covered by any advertised prefix"),
        ({"nat_inside": []}, "nat_inside", "non-empty list"),
        ({"nat_inside": ["10.0.0.1/8"]}, "nat_inside[0]", "host bits"),
        ({"dscp_policy": {"mark": "ef"}}, "dscp_policy", "unknown key(s) mark"),
        ({"inside_interfaces": "Gi0/0/2"}, "inside_interfaces", "must be a mapping"),
        ({"inside_interfaces": {"eos": []}}, "inside_interfaces.eos", "non-empty list"),
        ({"inside_interfaces": {"vyos": ["eth3"]}}, "inside_interfaces", "unknown key(s) vyos"),
        (
            {"advertise": ["203.0.113.%d/32" % i for i in range(201)], "nat_pool": "203.0.113.0/32"},
            "advertise",
            "exceed the limit of 200",
        ),
    ],
)
def test_microsoft_peering_errors(options, field, words):
    base = {"md5_key": KEY, "nat_pool": "203.0.113.0/28"}
    base.update(options)
    message = error(build_router_model, MICROSOFT, CIRCUIT, base)
    assert message.startswith(field + ":") and words in message, message


def test_microsoft_peering_refuses_private_link_addresses_and_prepending_a_private_asn():
    message = error(
        build_router_model,
        dict(MICROSOFT, primary_prefix="192.168.1.0/30"),
        CIRCUIT,
        {"md5_key": KEY, "nat_pool": "203.0.113.0/28"},
    )
    assert message.startswith("peering.primary_prefix:") and "public addresses" in message
    message = error(
        build_router_model, dict(MICROSOFT, peer_asn=64900), CIRCUIT, {"md5_key": KEY, "nat_pool": "203.0.113.0/28"}
    )
    assert message.startswith("preference.mode:") and "strips private ASNs" in message


def test_input_shape_errors():
    assert error(build_router_model, "AzurePrivatePeering", CIRCUIT, {}).startswith("peering:")
    assert error(build_router_model, PRIVATE, "er-ams", {}).startswith("circuit:")
    gold = dict(CIRCUIT, tier="Gold")
    assert error(build_router_model, PRIVATE, gold, {"md5_key": KEY, "advertise": ["10.0.0.0/8"]}).startswith(
        "circuit.tier:"
    )
    message = error(build_router_models, [PRIVATE, MICROSOFT], CIRCUIT, {"md5_key": KEY, "advertise": ["10.1.15.0/25"]})
    assert message.startswith("peerings[1] (MicrosoftPeering): ")
    assert error(build_router_models, [PRIVATE], CIRCUIT, {"per_peering": {"Other": {}}}).startswith("per_peering:")
    assert error(build_router_models, [PRIVATE], CIRCUIT, {"per_peering": {"MicrosoftPeering": {"x": 1}}}).startswith(
        "per_peering.MicrosoftPeering:"
    )


def test_the_md5_key_never_appears_in_an_error():
    secret = "Secret!Key"
    message = error(build_router_model, PRIVATE, CIRCUIT, {"md5_key": secret, "advertise": ["10.1.15.0/25"]})
    assert secret not in message and "10 characters" in message


# -- grouping by device -----------------------------------------------------------------------------------------------
def test_one_router_with_both_links_gets_one_file_with_both_sessions():
    model = private(devices={"primary": "ce1", "secondary": "ce1"})
    [device] = group_devices([model], "iosxe", "ce", DEFAULTS)
    assert device["file"] == "ce1.iosxe.cfg" and device["has_md5_key"]
    assert [s["subinterface"] for s in device["sessions"]] == ["Gi0/0/0.100", "Gi0/0/1.100"]
    assert device["router_id"] == "192.168.100.129"
    assert device["contexts"][0]["networks"][0] == {
        "prefix": "10.1.15.0/25",
        "address": "10.1.15.0",
        "netmask": "255.255.255.128",
        "wildcard": "0.0.0.127",
        "length": 25,
        "version": 4,
    }


def test_dialect_names_for_sub_interfaces():
    model = private(devices={"primary": "r", "secondary": "r"})
    names = {
        d: [s["subinterface"] for s in group_devices([model], d, "ce", DEFAULTS)[0]["sessions"]]
        for d in ("frr", "junos", "sros")
    }
    assert names == {
        "frr": ["eth1.100", "eth2.100"],
        "junos": ["xe-0/0/0.100", "xe-0/0/1.100"],
        "sros": ["er-ams-priv-pri", "er-ams-priv-sec"],
    }
    assert group_devices([model], "sros", "ce", DEFAULTS)[0]["sessions"][0]["sros_encap"] == "100"
    model = private(devices={"primary": "r", "secondary": "r"}, encapsulation={"type": "qinq", "s_tag": 1000})
    [device] = group_devices([model], "frr", "ce", DEFAULTS)
    assert [s["subinterface"] for s in device["sessions"]] == ["eth1.1000.100", "eth2.1000.100"]
    # What the host must create for FRR, outer device first.
    assert device["vlan_devices"][:2] == [
        {"name": "eth1.1000", "link": "eth1", "tag": 1000},
        {"name": "eth1.1000.100", "link": "eth1.1000", "tag": 100},
    ]
    [device] = group_devices([model], "sros", "ce", DEFAULTS)
    assert device["sessions"][0]["sros_encap"] == "1000.100" and device["ports"][0]["encap"] == "qinq"
    model = private(devices={"primary": "r", "secondary": "r"}, encapsulation="untagged")
    [device] = group_devices([model], "sros", "ce", DEFAULTS)
    assert device["sessions"][0]["sros_encap"] is None and device["ports"][0]["encap"] == "null"


def test_a_list_of_dialects_gives_each_dialects_devices():
    devices = group_devices([private()], ["frr", "iosxe"], "ce", DEFAULTS)
    assert [d["file"] for d in devices] == [
        "er-ams-primary.frr.cfg",
        "er-ams-secondary.frr.cfg",
        "er-ams-primary.iosxe.cfg",
        "er-ams-secondary.iosxe.cfg",
    ]


def test_private_and_microsoft_peering_share_a_router_and_its_asn():
    models = [
        private(devices={"primary": "ce1", "secondary": "ce1"}),
        microsoft(devices={"primary": "ce1", "secondary": "ce1"}, local_asn=65020),
    ]
    [device] = group_devices(models, "frr", "ce", DEFAULTS)
    assert len(device["sessions"]) == 4 and len(device["models"]) == 2


@pytest.mark.parametrize(
    "build,args,field,words",
    [
        (lambda: [private()], ("vyos", "ce"), "dialect", "one of"),
        (lambda: [private()], ("frr", "p"), "device_role", "ce or pe_vrf"),
        (list, ("frr", "ce"), "models", "non-empty"),
        (lambda: [{"x": 1}], ("frr", "ce"), "models[0]", "not a router model"),
        (lambda: [private()], ("frr", "pe_vrf"), "models[0].vrf", "no vrf"),
        (lambda: [private()], ([], "ce"), "dialects", "empty"),
        (
            lambda: [
                private(devices={"primary": "ce1", "secondary": "ce1"}),
                microsoft(devices={"primary": "ce1", "secondary": "ce1"}),
            ],
            ("frr", "ce"),
            "local_asn",
            "both AS 65020 and AS 8076",
        ),
        (
            lambda: [
                private(devices={"primary": "ce1", "secondary": "ce1"}),
                dict(private(devices={"primary": "ce1", "secondary": "ce1"}), vlan=100, peering="Copy"),
            ],
            ("iosxe", "ce"),
            "interfaces.primary",
            "already used",
        ),
        (
            lambda: [
                private(devices={"primary": "ce1", "secondary": "ce1"}, encapsulation="untagged"),
                microsoft(devices={"primary": "ce1", "secondary": "ce1"}, local_asn=65020),
            ],
            ("iosxe", "ce"),
            "interfaces.primary",
            "already used",
        ),
        (
            lambda: [private(interfaces={"primary": "enp1s0f0np0"}, encapsulation={"type": "qinq", "s_tag": 1000})],
            ("frr", "ce"),
            "interfaces.primary",
            "longer than 15",
        ),
        (
            lambda: [private(interfaces={"primary": {"junos": "xe-0/0/0"}})],
            ("iosxr", "ce"),
            "interfaces.primary",
            "no interface name",
        ),
    ],
)
def test_grouping_errors(build, args, field, words):
    message = error(group_devices, build(), args[0], args[1], DEFAULTS)
    assert message.startswith(field + ":") and words in message, message


def test_eos_needs_the_inside_interfaces_for_its_ingress_dscp_policy():
    model = microsoft(devices={"primary": "r", "secondary": "r"})
    message = error(group_devices, [model], "eos", "ce", DEFAULTS)
    assert message.startswith("inside_interfaces:") and "ingress only" in message
    [device] = group_devices([microsoft(inside_interfaces={"eos": ["Ethernet3"]})], "eos", "ce", DEFAULTS)[:1]
    assert device["inside"] == [{"name": "Ethernet3", "policy": "ER-AMS-MSFT-DSCP", "model": "ER-AMS-MSFT"}]
    assert group_devices([microsoft(dscp_policy={"enabled": False})], "eos", "ce", DEFAULTS)[0]["inside"] == []
    # Other dialects do not need them (IOS-XE keeps a comment asking for `ip nat inside`).
    assert group_devices([model], "iosxe", "ce", DEFAULTS)[0]["inside"] == []


def test_the_qinq_s_tag_is_never_taken_from_the_circuit_silently():
    message = error(
        build_router_model,
        PRIVATE,
        dict(CIRCUIT, stag=None),
        {"md5_key": KEY, "advertise": ["10.0.0.0/8"], "encapsulation": {"type": "qinq", "s_tag": "circuit"}},
    )
    assert message.startswith("encapsulation.s_tag:") and "no S-tag" in message


def test_two_definitions_of_one_vrf_on_a_device_are_refused():
    models = [
        private(devices={"primary": "pe", "secondary": "pe"}, vrf={"name": "A", "rd": "1:1", "route_target": "1:1"}),
        microsoft(
            devices={"primary": "pe", "secondary": "pe"},
            local_asn=65020,
            vrf={"name": "A", "rd": "1:2", "route_target": "1:2"},
        ),
    ]
    message = error(group_devices, models, "frr", "pe_vrf", DEFAULTS)
    assert message.startswith("vrf:") and "two definitions of VRF A" in message


def test_handoff_lists_the_ipv6_links_and_limit_from_the_roles_inputs():
    """The roles' ipv6 part (the peering module's shape): one /125 gives two /126s, router first, Microsoft second."""
    from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import handoff_summary

    summary = handoff_summary(
        "AzurePrivatePeering",
        {"vlan_id": 140, "advertise": ["10.40.0.0/16", "fd00:40::/48"], "ipv6": {"prefix": "fd00:140::/125"}},
    )
    assert summary["ipv6"]["primary"] == {
        "prefix": "fd00:140::/126",
        "customer_address": "fd00:140::1",
        "microsoft_address": "fd00:140::2",
        "prefix_length": 126,
    }
    assert summary["ipv6"]["secondary"]["microsoft_address"] == "fd00:140::6"
    assert summary["advertise_limit_ipv6"] == 100 and summary["advertise_limit"] == 4000
    microsoft = handoff_summary(
        "MicrosoftPeering",
        {
            "vlan_id": 340,
            "advertised_public_prefixes": ["203.0.113.0/28"],
            "nat_pool": "203.0.113.0/28",
            "ipv6": {
                "primary_prefix": "2001:db8:340::/126",
                "secondary_prefix": "2001:db8:340::4/126",
                "microsoft_peering": {"advertised_public_prefixes": ["2001:db8:3400::/48"]},
            },
        },
    )
    assert microsoft["advertise_limit_ipv6"] == 200
    assert microsoft["ipv6"]["secondary"]["customer_address"] == "2001:db8:340::5"
    # The IPv6 Microsoft prefixes are anchored like the IPv4 ones (Microsoft peering anchors by default).
    assert "2001:db8:3400::/48" in microsoft["anchored"]
    assert handoff_summary("AzurePrivatePeering", {"vlan_id": 140})["ipv6"] is None
    disabled = handoff_summary(
        "AzurePrivatePeering", {"ipv6": {"prefix": "fd00:140::/125", "peering_state": "Disabled"}}
    )
    assert disabled["ipv6"] is None and disabled["advertise_limit_ipv6"] is None


def test_handoff_refuses_a_unique_local_ipv6_link_on_microsoft_peering():
    from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import handoff_summary

    message = error(handoff_summary, "MicrosoftPeering", {"ipv6": {"prefix": "fd00:340::/125"}})
    assert message.startswith(("peering.ipv6.prefix", "peering.ipv6.primary_prefix")), message
    assert "public addresses" in message
    missing = error(handoff_summary, "MicrosoftPeering", {"ipv6": {"prefix": "2001:db8:340::/125"}})
    assert missing.startswith("peering.ipv6.microsoft_peering.advertised_public_prefixes: is missing"), missing


class _LazyLike(dict):
    """Stands for ansible-core 2.19+'s lazy containers (what a filter receives): a deep copy of one also copies its
    templating context, which made each device file of a role run take seconds."""

    def __deepcopy__(self, memo):
        raise AssertionError("group_devices deep-copied its input")


def _lazy_like(value):
    if isinstance(value, dict):
        return _LazyLike({key: _lazy_like(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_lazy_like(item) for item in value]
    return value


def test_devices_are_built_from_a_plain_copy_of_the_models_never_a_deep_copy_of_them():
    models = [private()]
    devices = group_devices(_lazy_like(models), ["frr", "iosxe"], "ce", DEFAULTS)
    assert devices == group_devices(models, ["frr", "iosxe"], "ce", DEFAULTS)
    for device in devices:
        for session in device["sessions"]:
            assert not isinstance(session, _LazyLike) and not isinstance(session["model"], _LazyLike)
