"""Every rendered dialect parsed back and compared with the router model: neighbours, ASNs, addresses, VLAN
tags, MD5 keys, BFD, policies (defined and referenced), VRFs, NAT and DSCP. FRR also passes `vtysh -C`."""

import shutil
import subprocess

import pytest

import parse_back
import router_render
from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import group_devices

CASES = [(s["name"], d) for s in router_render.scenarios() for d in router_render.DIALECTS]


def expected_devices(scenario_name, dialect):
    scenario = [s for s in router_render.scenarios() if s["name"] == scenario_name][0]
    defaults = router_render.role_defaults()["router_config_default_interfaces"]
    return group_devices(router_render.scenario_models(scenario), dialect, scenario["device_role"], defaults)


def interface_key(dialect, session):
    return (
        session["subinterface"]
        if session["handoff"]["type"] != "untagged" or dialect != "junos"
        else session["parent"] + ".0"
    )


def check(dialect, device, text):
    """Assert that `text` (one rendered file) says what the model says for `device`."""
    facts = parse_back.parse(dialect, text)
    pe = device["device_role"] == "pe_vrf"
    assert facts["asn"] == device["local_asn"]
    assert facts["router_id"] == device["router_id"]
    assert set(facts["neighbors"]) == {s["peer_ip"] for s in device["sessions"]}
    for session in device["sessions"]:
        model = session["model"]
        vrf = model["vrf"]["name"] if pe else None
        intf = facts["interfaces"][interface_key(dialect, session)]
        # IPv4 and IPv6 sessions of a link share its interface, each with its own address (/30, /126).
        address = "address6" if session["family"] == 6 else "address"
        assert intf[address] == "%s/%d" % (session["local_ip"], session["prefix_length"])
        # The provider's hand-off, as given (not the circuit's S-tag).
        assert (intf["outer"], intf["inner"]) == (session["handoff"]["outer"], session["handoff"]["inner"])
        if dialect in ("iosxe", "iosxr"):
            # IOS XR ports default to shutdown: the parent port is brought up too.
            assert facts["interfaces"].get(session["parent"], {}).get("admin_up") is True
        if dialect == "frr" and session["handoff"]["type"] != "untagged":
            # FRR cannot create the VLAN device: the file names the host's commands, tag by tag.
            devices = facts["vlan_devices"]
            name = session["subinterface"]
            if session["handoff"]["type"] == "qinq":
                outer = "%s.%d" % (session["parent"], session["handoff"]["outer"])
                assert devices.get(name) == (outer, session["handoff"]["inner"])
                assert devices.get(outer) == (session["parent"], session["handoff"]["outer"])
            else:
                assert devices.get(name) == (session["parent"], session["handoff"]["inner"])
        if dialect != "frr" or pe:  # FRR's interface-to-VRF binding is in the interface line
            assert intf["vrf"] == vrf
        neighbor = facts["neighbors"][session["peer_ip"]]
        assert neighbor["remote_as"] == 12076
        assert neighbor["vrf"] == vrf
        assert neighbor["password"] == model["md5_key"]
        assert neighbor["local_as"] == (model["peer_asn"] if model["peer_asn"] != device["local_asn"] else None)
        assert neighbor["max_prefix"] == model["receive_limit"]
        bfd = model["bfd"]
        timers = neighbor["bfd_timers"] or intf["bfd"]
        assert neighbor["bfd"] is True and timers == (bfd["interval"], bfd["min_rx"], bfd["multiplier"])
        # Policies: referenced by the neighbour and defined, with the model's content.
        policy_in = facts["policies"][neighbor["policy_in"]]
        policy_out = facts["policies"][neighbor["policy_out"]]
        assert policy_in["local_pref"] == session["local_preference"]
        assert policy_out["prepend"] == session["prepend"]
        assert policy_out["match"] in facts["prefix_sets"] and policy_out["reject_rest"]
        assert facts["prefix_sets"][policy_out["match"]] == session["advertise"]
        if model["microsoft"]:
            if dialect in ("iosxe", "iosxr", "junos"):
                assert intf["qos_out"] == model["policy_stem"] + "-DSCP"
            if dialect in ("iosxe", "iosxr", "junos", "eos"):
                assert model["policy_stem"] + "-DSCP" in facts["qos_policies"]
            if dialect in ("iosxe", "eos"):
                assert intf["nat_outside"]
                assert facts["nat_pools"][model["policy_stem"]] == (
                    model["microsoft"]["nat_pool_first"],
                    model["microsoft"]["nat_pool_last"],
                )
            if dialect == "iosxe":
                # The NAT rule translates in the VRF the outside interfaces are in.
                assert facts["nat_rules"].get(model["policy_stem"], "missing") == intf["vrf"] == vrf
            if dialect == "eos" and model["microsoft"]["dscp"]["enabled"]:
                # EOS applies QoS on ingress: attached to the inside interfaces, not only defined.
                inside = [i["name"] for i in device["inside"] if i["model"] == model["policy_stem"]]
                assert inside and all(
                    facts["interfaces"].get(i, {}).get("qos_in") == model["policy_stem"] + "-DSCP" for i in inside
                )
            if dialect == "iosxe":
                for name in [i["name"] for i in device["inside"] if i["model"] == model["policy_stem"]]:
                    assert facts["interfaces"][name]["nat_inside"]
        else:
            assert not intf["qos_out"] and not intf["nat_outside"]
    for context in device["contexts"]:
        if context["vrf"]:
            vrf = facts["vrfs"][context["vrf"]["name"]]
            assert vrf.get("rd") == context["vrf"]["rd"]
            assert vrf.get("import") == context["vrf"]["import_target"]
            assert vrf.get("export") == context["vrf"]["export_target"]
    # Origination: the anchors are discard routes in their VRF, and where the dialect needs a network statement to
    # originate (IOS-XE, IOS-XR, EOS, FRR) there is one for each prefix the router originates (a PE: its anchors).
    anchors = {(c["vrf"]["name"] if c["vrf"] else None, p["prefix"]) for c in device["contexts"] for p in c["anchors"]}
    assert facts["discard_routes"] == anchors
    if dialect in ("iosxe", "iosxr", "eos", "frr"):
        originated = {p["prefix"] for c in device["contexts"] for p in c["networks"]}
        assert facts["networks"] == originated
    if not pe:
        assert not facts["vrfs"]
    if dialect in ("iosxe", "eos") and any(s["family"] == 6 for s in device["sessions"]):
        assert facts["ipv6_routing"]
    return facts


@pytest.mark.parametrize("scenario,dialect", CASES)
def test_rendered_config_parses_back_to_the_model(rendered, scenario, dialect):
    devices = expected_devices(scenario, dialect)
    assert devices
    for device in devices:
        text = rendered[scenario][device["file"]]
        check(dialect, device, text)
        header = "\n".join(parse_back.header_lines(text))
        for model in device["models"]:
            assert model["circuit"] in header and model["peering"] in header
        for session in device["sessions"]:
            assert session["prefix"] in header and session["peer_ip"] in header
        assert ("holds BGP MD5 keys" in header) == device["has_md5_key"]


@pytest.mark.parametrize("scenario", [s["name"] for s in router_render.scenarios()])
def test_frr_output_passes_vtysh_syntax_check(rendered, scenario, tmp_path):
    assert shutil.which("vtysh"), "FRR is missing: run `make system-deps`"
    for name, text in rendered[scenario].items():
        if name.endswith(".frr.cfg"):
            path = tmp_path / name
            path.write_text(text)
            result = subprocess.run(
                ["vtysh", "-C", "-f", str(path), "--config_dir", str(tmp_path)],
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, result.stdout + result.stderr


def test_vtysh_check_rejects_a_bad_line(rendered, tmp_path):
    text = rendered["ce_private"]["ce1.frr.cfg"].replace("bfd profile ER-AMS-PRIV", "fall-over bfd", 1)
    path = tmp_path / "bad.frr.cfg"
    path.write_text(text)
    result = subprocess.run(
        ["vtysh", "-C", "-f", str(path), "--config_dir", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "fall-over bfd" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "dialect,old,new",
    [
        ("iosxe", "remote-as 12076", "remote-as 12077"),
        ("iosxr", "second-dot1q 100", "second-dot1q 101"),
        ("eos", "set local-preference 150", "set local-preference 120"),
        ("frr", "password Er0uteKey2025", "password Er0uteKey2024"),
        ("junos", 'as-path-prepend "65020 65020"', 'as-path-prepend "65020"'),
        ("sros", "prefix 10.1.16.0/24 type exact", "prefix 10.1.17.0/24 type exact"),
    ],
)
def test_the_check_notices_a_wrong_value(rendered, dialect, old, new):
    device = expected_devices("ce_private", dialect)[0]
    text = rendered["ce_private"][device["file"]]
    assert old in text
    with pytest.raises(AssertionError):
        check(dialect, device, text.replace(old, new, 1))


@pytest.mark.parametrize("dialect", ["junos", "sros"])
def test_brace_parser_refuses_unbalanced_files(rendered, dialect):
    device = expected_devices("ce_private", dialect)[0]
    text = rendered["ce_private"][device["file"]]
    with pytest.raises(parse_back.ParseError):
        parse_back.parse(dialect, text + "\n}\n")
    with pytest.raises(parse_back.ParseError):
        parse_back.parse(dialect, text.rsplit("}", 1)[0])


def test_junos_statements_end_with_semicolons(rendered):
    text = rendered["ce_private"]["ce1.junos.cfg"].replace("multipath;", "multipath", 1)
    with pytest.raises(parse_back.ParseError):
        parse_back.parse("junos", text)


@pytest.mark.parametrize(
    "scenario,dialect", [(s, d) for s in ("ce_microsoft", "pe_vrf_microsoft") for d in router_render.DIALECTS]
)
def test_microsoft_peering_originates_its_nat_pool_and_prefixes_by_default(rendered, scenario, dialect):
    """Issue 12: the demo's routers announced nothing (no route behind the `network` statements). Read from the
    scenario's input, not the model: with no origination option set, the NAT pool and every advertised public
    prefix have a discard route, and every announced prefix is originated (network statement or export policy)."""
    source = [s for s in router_render.scenarios() if s["name"] == scenario][0]
    assert "anchor_routes" not in source["options"]
    pool = source["options"]["nat_pool"]
    public = source["peerings"][0]["microsoft_peering_config"]["advertised_public_prefixes"]
    for device in expected_devices(scenario, dialect):
        facts = parse_back.parse(dialect, rendered[scenario][device["file"]])
        vrf = source["options"]["vrf"]["name"] if "vrf" in source["options"] else None
        anchored = {prefix for where, prefix in facts["discard_routes"] if where == vrf}
        assert pool in anchored and set(public) <= anchored
        announced = {
            p
            for s in device["sessions"]
            for p in facts["prefix_sets"][facts["policies"][facts["neighbors"][s["peer_ip"]]["policy_out"]]["match"]]
        }
        assert announced <= anchored, "announced but not anchored: %s" % (announced - anchored)
        if dialect in ("iosxe", "iosxr", "eos", "frr"):
            assert announced <= facts["networks"]


@pytest.mark.parametrize(
    "dialect,line",
    [
        ("frr", "ip route 203.0.113.0/28 blackhole\n"),
        ("iosxe", "ip route 203.0.113.0 255.255.255.240 Null0\n"),
        ("eos", "ip route 203.0.113.0/28 Null0\n"),
        ("iosxr", "  203.0.113.0/28 Null0\n"),
        ("junos", "        route 203.0.113.0/28 discard;\n"),
    ],
)
def test_the_check_notices_a_missing_anchor(rendered, dialect, line):
    device = expected_devices("ce_microsoft", dialect)[0]
    text = rendered["ce_microsoft"][device["file"]]
    assert line in text
    with pytest.raises(AssertionError):
        check(dialect, device, text.replace(line, "", 1))


# Issue 12's dialect defects: each mutation puts one back into a golden file, and the parse-back check refuses it.
@pytest.mark.parametrize(
    "scenario,dialect,old,new",
    [
        # IOS-XE PE: NAT outside interfaces in the VRF, the NAT rule in the global table: traffic left untranslated.
        ("pe_vrf_microsoft", "iosxe", " pool ER-LON-MSFT vrf CUST-A-MSFT overload", " pool ER-LON-MSFT overload"),
        # EOS: the DSCP policy-map defined but not attached.
        ("pe_vrf_microsoft", "eos", "   service-policy type qos input ER-LON-MSFT-DSCP\n", ""),
        ("ce_microsoft", "eos", "   service-policy type qos input ER-FRA-MSFT-DSCP\n", ""),
        # IOS-XR: only the sub-interface configured; the parent port stays shut (XR's default).
        ("pe_vrf_private", "iosxr", "interface TenGigE0/0/0/0\n no shutdown\n!\n", ""),
        ("ce_private", "iosxe", "interface GigabitEthernet0/0/1\n no shutdown\n!\n", ""),
        # FRR: a VLAN device nothing creates.
        ("ce_private", "frr", "!   ip link add link eth1.1000 name eth1.1000.100 type vlan id 100\n", ""),
        ("ce_private", "frr", "!   ip link add link eth2 name eth2.1000 type vlan id 1000\n", ""),
        ("ce_microsoft", "frr", "!   ip link add link eth1 name eth1.300 type vlan id 300\n", ""),
        # The hand-off: the circuit's S-tag instead of the provider's.
        ("ce_private", "iosxe", "encapsulation dot1Q 1000 second-dot1q 100", "encapsulation dot1Q 3 second-dot1q 100"),
    ],
)
def test_the_check_notices_each_dialect_defect(rendered, scenario, dialect, old, new):
    device = expected_devices(scenario, dialect)[0]
    text = rendered[scenario][device["file"]]
    assert old in text
    check(dialect, device, text)
    with pytest.raises(AssertionError):
        check(dialect, device, text.replace(old, new, 1))


@pytest.mark.parametrize(
    "scenario,dialect",
    [(s, d) for s in ("ce_private", "pe_vrf_private", "pe_vrf_microsoft") for d in ("junos", "sros")],
)
def test_brace_parser_refuses_a_misindented_closing_brace(rendered, scenario, dialect):
    """Junos and SR OS closed some blocks with a brace at column 0 (balanced, so only indentation shows it)."""
    device = expected_devices(scenario, dialect)[0]
    text = rendered[scenario][device["file"]]
    parse_back.parse(dialect, text)
    lines = text.splitlines()
    last = max(i for i, line in enumerate(lines) if line.strip() == "}" and line.startswith("    }"))
    lines[last] = "}"
    with pytest.raises(parse_back.ParseError, match="indented"):
        parse_back.parse(dialect, "\n".join(lines))


@pytest.mark.parametrize("scenario,dialect", CASES)
def test_ipv6_sessions_are_rendered_alongside_ipv4(rendered, scenario, dialect):
    """Issue 12: IPv6 was refused. Every scenario is dual-stack: each IPv4 session has its IPv6 sibling on the same
    interface, to Microsoft's second usable address of the link's /126 (::2 primary, ::6 secondary here)."""
    for device in expected_devices(scenario, dialect):
        facts = parse_back.parse(dialect, rendered[scenario][device["file"]])
        four = [s for s in device["sessions"] if s["family"] == 4]
        six = [s for s in device["sessions"] if s["family"] == 6]
        assert len(six) == len(four) > 0
        for session in six:
            assert session["peer_ip"].endswith("::2" if session["role"] == "primary" else "::6")
            assert facts["neighbors"][session["peer_ip"]]["remote_as"] == 12076
            assert facts["interfaces"][interface_key(dialect, session)]["address6"].endswith(("::1/126", "::5/126"))
