"""Real BGP between the FRR config rendered by the router_config role and two simulated MSEEs (AS 12076)."""

import time


from bgplab import VNET_COMMUNITY, VNET_PREFIX, wait_until
from conftest import CUSTOMER_PREFIX, MD5_KEY, PRIMARY, SECONDARY

CONVERGE_S = 30


def established(lab, ns, addresses):
    peers = lab.peers(ns)
    return (
        all(
            peers.get(a, {}).get("state") == "Established"
            and peers[a].get("peerState") == "OK"
            and peers[a].get("pfxRcd", 0) >= 1
            for a in addresses
        )
        and peers
    )


def test_both_sessions_establish_with_prefixes_and_bfd(converged_lab):
    lab = converged_lab
    ce = lab.ns("ce")
    peers = wait_until(
        lambda: established(lab, ce, (PRIMARY["msee_ip"], SECONDARY["msee_ip"])),
        CONVERGE_S,
        what="both sessions Established with peerState OK and prefixes received",
    )
    print(
        "lab convergence: both sessions Established with prefixes %.1f s after the router's FRR started"
        % (time.monotonic() - lab.ce_started)
    )
    assert set(peers) == {PRIMARY["msee_ip"], SECONDARY["msee_ip"]}
    for peer in peers.values():
        assert peer["remoteAs"] == 12076
    bfd = wait_until(
        lambda: (
            lambda b: all(b.get(a, {}).get("status") == "up" for a in (PRIMARY["msee_ip"], SECONDARY["msee_ip"])) and b
        )(lab.bfd_peers(ce)),
        CONVERGE_S,
        what="BFD up toward both MSEEs",
    )
    for address in (PRIMARY["msee_ip"], SECONDARY["msee_ip"]):
        assert bfd[address]["detect-multiplier"] == 3
        assert bfd[address]["receive-interval"] == 300 and bfd[address]["transmit-interval"] == 300


def test_vnet_prefix_arrives_with_its_community_over_both_links(converged_lab):
    lab = converged_lab
    ce = lab.ns("ce")
    wait_until(lambda: established(lab, ce, (PRIMARY["msee_ip"], SECONDARY["msee_ip"])), CONVERGE_S, what="sessions up")
    route = wait_until(
        lambda: (lambda r: len(r.get("paths", [])) == 2 and r)(
            lab.vtysh(ce, "show bgp ipv4 unicast %s json" % VNET_PREFIX)
        ),
        CONVERGE_S,
        what="two paths to the VNet",
    )
    by_peer = {p["peer"]["peerId"]: p for p in route["paths"]}
    for path in by_peer.values():
        assert VNET_COMMUNITY in path["community"]["string"]
        assert path["aspath"]["string"] == "12076"
    # The return path prefers the primary: local preference 150 against 100.
    assert by_peer[PRIMARY["msee_ip"]]["locPrf"] == 150
    assert by_peer[SECONDARY["msee_ip"]]["locPrf"] == 100
    assert by_peer[PRIMARY["msee_ip"]].get("bestpath", {}).get("overall") is True


def test_msees_see_the_customer_prefix_and_the_secondary_sees_it_prepended(converged_lab):
    lab = converged_lab
    paths = {}
    for ms, expected in (("ms1", "65020"), ("ms2", "65020 65020 65020")):
        route = wait_until(
            lambda ms=ms: lab.vtysh(lab.ns(ms), "show bgp ipv4 unicast %s json" % CUSTOMER_PREFIX).get("paths"),
            CONVERGE_S,
            what="%s receives %s" % (ms, CUSTOMER_PREFIX),
        )
        paths[ms] = route[0]["aspath"]["string"]
        assert paths[ms] == expected, paths
    # Only the advertised prefix goes out: the MSEE receives exactly one prefix from the router.
    assert lab.peers(lab.ns("ms1"))[PRIMARY["ce_ip"]]["pfxRcd"] == 1


def test_sessions_run_with_the_rendered_md5_key(converged_lab):
    lab = converged_lab
    wait_until(lambda: established(lab, lab.ns("ce"), (PRIMARY["msee_ip"],)), CONVERGE_S, what="session up")
    neighbor = lab.vtysh(lab.ns("ms1"), "show bgp neighbors %s json" % PRIMARY["ce_ip"])[PRIMARY["ce_ip"]]
    assert neighbor["bgpState"] == "Established"
    running = lab.vtysh(lab.ns("ce"), "show running-config", json_out=False)
    assert "neighbor %s password %s" % (PRIMARY["msee_ip"], MD5_KEY) in running


def test_wrong_md5_key_leaves_the_session_down(ce_config, lab_factory):
    lab = lab_factory(ce_config, msee_keys=("WrongKey999", MD5_KEY))
    ce = lab.ns("ce")
    # The secondary (right key) comes up: the lab works; the primary never does.
    wait_until(lambda: established(lab, ce, (SECONDARY["msee_ip"],)), CONVERGE_S, what="secondary up")
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        assert lab.peers(ce)[PRIMARY["msee_ip"]]["state"] != "Established"
        time.sleep(0.5)
    assert lab.netstat(lab.ns("ms1"), "TCPMD5Failure") + lab.netstat(ce, "TCPMD5Failure") > 0


def test_bfd_detects_a_silent_link_failure_well_under_the_hold_time(ce_config, lab_factory):
    lab = lab_factory(ce_config)
    ce = lab.ns("ce")
    wait_until(lambda: established(lab, ce, (PRIMARY["msee_ip"], SECONDARY["msee_ip"])), CONVERGE_S, what="sessions up")
    wait_until(lambda: lab.bfd_peers(ce).get(PRIMARY["msee_ip"], {}).get("status") == "up", CONVERGE_S, what="BFD up")
    # The MSEE's address disappears: no TCP reset, no BGP notification; only BFD can notice before 180 s.
    removed = time.monotonic()
    lab_sh = __import__("bgplab").sh
    lab_sh("ip", "-n", lab.ns("ms1"), "addr", "del", PRIMARY["msee_ip"] + "/30", "dev", "ce0")
    wait_until(lambda: lab.bfd_peers(ce)[PRIMARY["msee_ip"]]["status"] == "down", 10, interval=0.05, what="BFD down")
    bfd_s = time.monotonic() - removed
    wait_until(
        lambda: lab.peers(ce)[PRIMARY["msee_ip"]]["state"] != "Established",
        10,
        interval=0.05,
        what="BGP session torn down",
    )
    bgp_s = time.monotonic() - removed
    print("BFD detection: %.2f s (BFD down), %.2f s (BGP session down); hold time 180 s" % (bfd_s, bgp_s))
    assert bgp_s < 5.0
    # The secondary carries on.
    assert lab.peers(ce)[SECONDARY["msee_ip"]]["state"] == "Established"


def test_advertising_more_than_the_limit_drops_the_session(ce_config, lab_factory):
    lab = lab_factory(ce_config)
    ce, ms1 = lab.ns("ce"), lab.ns("ms1")
    wait_until(lambda: established(lab, ce, (PRIMARY["msee_ip"], SECONDARY["msee_ip"])), CONVERGE_S, what="sessions up")
    # An operator mistake: 4001 more routes allowed out toward the primary MSEE.
    extra = ["network 100.64.%d.%d/32" % (i // 250, i % 250 + 1) for i in range(4001)]
    leak = [
        "ip prefix-list ER-LAB-PRIV-PRI-OUT seq 5 permit 100.64.0.0/10 le 32",
        "router bgp 65020",
        "no bgp network import-check",
        "address-family ipv4 unicast",
    ]
    # First with the rendered guard (maximum-prefix-out 4000) in place: the session survives.
    lab.configure(ce, leak + extra)
    wait_until(
        lambda: lab.peers(ms1).get(PRIMARY["ce_ip"], {}).get("pfxRcd", 0) >= 3999,
        CONVERGE_S,
        what="the MSEE receives the capped routes",
    )
    time.sleep(2)
    peer = lab.peers(ms1)[PRIMARY["ce_ip"]]
    assert peer["state"] == "Established" and peer["pfxRcd"] <= 4000
    # Then without it: Microsoft's limit drops the session.
    lab.configure(
        ce,
        ["router bgp 65020", "address-family ipv4 unicast", "no neighbor %s maximum-prefix-out" % PRIMARY["msee_ip"]],
    )
    lab.vtysh(ce, "clear bgp ipv4 unicast %s soft out" % PRIMARY["msee_ip"], json_out=False)
    wait_until(
        lambda: lab.peers(ms1)[PRIMARY["ce_ip"]]["state"] != "Established",
        CONVERGE_S,
        what="the MSEE drops the session over the limit",
    )
    neighbor = lab.vtysh(ms1, "show bgp neighbors %s json" % PRIMARY["ce_ip"])[PRIMARY["ce_ip"]]
    assert "prefix" in (neighbor.get("lastResetDueTo", "") + neighbor.get("lastNotificationReason", "")).lower(), (
        neighbor
    )
    # The secondary is unaffected.
    assert lab.peers(lab.ns("ms2"))[SECONDARY["ce_ip"]]["state"] == "Established"
