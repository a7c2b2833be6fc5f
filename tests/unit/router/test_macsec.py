"""MACsec on ExpressRoute Direct links (the direct role's router side), checked by parse-back: MACsec cannot run in
this kernel (CONFIG_MACSEC is not set, and FRR has no MACsec), so each rendered dialect is read back and compared
with the model -- port secured, profile defined, cipher, CKN, CAK, key algorithm, SCI -- and the rules refuse bad
keys without echoing them."""

import copy

import pytest

import parse_back
import router_render
from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import (
    MACSEC_CIPHERS,
    MACSEC_DIALECTS,
    RouterModelError,
    build_router_models,
    group_devices,
)

SCENARIO = "ce_direct"


def scenario():
    return copy.deepcopy([s for s in router_render.scenarios() if s["name"] == SCENARIO][0])


def devices(dialect, options=None):
    s = scenario()
    s["options"].update(options or {})
    models = router_render.scenario_models(s)
    return group_devices(
        models, dialect, s["device_role"], router_render.role_defaults()["router_config_default_interfaces"]
    )


@pytest.mark.parametrize("dialect", MACSEC_DIALECTS)
def test_macsec_on_each_direct_link_parses_back_to_the_model(rendered, dialect):
    for device in devices(dialect):
        facts = parse_back.parse_macsec(dialect, rendered[SCENARIO][device["file"]])
        secured = [p for p in device["ports"] if p["macsec"]]
        assert secured and set(facts) == {p["name"] for p in secured}
        for port in secured:
            want, got = port["macsec"], facts[port["name"]]
            assert got["enabled"] and got["profile"] == port["macsec_name"]
            assert got["cipher"] == MACSEC_CIPHERS[want["cipher"]][dialect]
            assert (got["ckn"], got["cak"]) == (want["ckn"], want["cak"])
            if dialect != "eos" and dialect != "junos":
                assert got["key_algorithm"] == "aes-256-cmac"
            if dialect in ("junos", "eos"):
                assert got["sci"] is want["sci"] is True
            if dialect == "junos":
                assert got["mode"] == "static-cak"


def test_the_macsec_check_notices_a_wrong_cipher_or_a_missing_profile(rendered):
    text = rendered[SCENARIO]["edge1.junos.cfg"]
    port = [p for p in devices("junos")[0]["ports"] if p["macsec"]][0]
    wrong = parse_back.parse_macsec("junos", text.replace("gcm-aes-xpn-256", "gcm-aes-128"))
    assert wrong[port["name"]]["cipher"] != MACSEC_CIPHERS[port["macsec"]["cipher"]]["junos"]
    text = rendered[SCENARIO]["edge1.iosxe.cfg"]
    profile = [p for p in devices("iosxe")[0]["ports"] if p["macsec"]][0]["macsec_name"]
    assert ("\nmka policy %s\n" % profile) in text
    orphan = parse_back.parse_macsec("iosxe", text.replace("\nmka policy %s\n" % profile, "\nmka policy OTHER\n"))
    assert list(orphan.values())[0]["cipher"] is None


def test_frr_gets_no_macsec_and_no_key(rendered):
    for name, text in rendered[SCENARIO].items():
        if name.endswith(".frr.cfg"):
            assert "not FRR's to configure" in text
            assert parse_back.parse_macsec("frr", text) == {}
            macsec = scenario()["options"]["macsec"]
            assert macsec["cak"] not in text and macsec["ckn"] not in text
            assert "MACsec CAKs" not in text


def test_files_with_a_cak_say_so_in_their_header(rendered):
    for name, text in rendered[SCENARIO].items():
        if not name.endswith(".frr.cfg"):
            assert any("holds MACsec CAKs" in line for line in parse_back.header_lines(text)), name


def test_other_scenarios_render_no_macsec(rendered):
    for name, files in rendered.items():
        if name != SCENARIO:
            for file_name, text in files.items():
                assert parse_back.parse_macsec(file_name.split(".")[-2], text) == {}


@pytest.mark.parametrize(
    "macsec, field",
    [
        ({"cipher": "GcmAes512"}, "macsec.cipher"),
        ({"ckn": "ABC"}, "macsec.ckn"),  # odd length
        ({"ckn": "ZZ" * 4}, "macsec.ckn"),  # not hexadecimal
        ({"ckn": "AB" * 33}, "macsec.ckn"),  # longer than 64
        ({"cak": "AB" * 16}, "macsec.cak"),  # 32 digits for a 256-bit cipher
        ({"cipher": "GcmAes128"}, "macsec.cak"),  # 64 digits for a 128-bit cipher
        ({"sci_state": "On"}, "macsec.sci_state"),
        ({"key": "x"}, "macsec"),
    ],
)
def test_bad_macsec_input_is_refused_naming_the_field_without_the_key(macsec, field):
    s = scenario()
    s["options"]["macsec"].update(macsec)
    with pytest.raises(RouterModelError) as error:
        router_render.scenario_models(s)
    message = str(error.value)
    assert message.startswith(field + ":") or ("%s:" % field) in message
    for secret in (s["options"]["macsec"].get("cak"), s["options"]["macsec"].get("ckn")):
        if secret and len(secret) > 4:
            assert secret not in message


def test_a_128_bit_cipher_takes_a_32_digit_cak_and_the_128_bit_key_algorithm():
    port = [
        p
        for p in devices("iosxe", {"macsec": {"cipher": "GcmAes128", "ckn": "AB12", "cak": "cd" * 16}})[0]["ports"]
        if p["macsec"]
    ][0]
    assert port["macsec"]["key_algorithm"] == "aes-128-cmac" and port["macsec"]["cak"] == "CD" * 16


def test_peerings_on_one_port_must_agree_on_macsec():
    s = scenario()
    private = s["peerings"][0]
    other = dict(
        private,
        name="MicrosoftPeering",
        peering_type="MicrosoftPeering",
        vlan_id=401,
        peer_asn=65030,
        primary_prefix="198.51.100.0/30",
        secondary_prefix="198.51.100.4/30",
        microsoft_peering_config={"advertised_public_prefixes": ["203.0.113.0/28"]},
    )
    options = dict(
        s["options"],
        md5_key=s["md5_key"],
        advertise=None,
        per_peering={
            "AzurePrivatePeering": {"advertise": ["10.40.0.0/16"]},
            "MicrosoftPeering": {
                "nat_pool": "203.0.113.0/28",
                "macsec": None,
                "preference": {"mode": "more_specifics"},
            },
        },
    )
    models = build_router_models([private, other], s["circuit"], options)
    with pytest.raises(RouterModelError, match="different MACsec settings"):
        group_devices(models, "iosxe", "ce", router_render.role_defaults()["router_config_default_interfaces"])
