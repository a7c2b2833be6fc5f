"""The pe_vrf rendering in real BGP: a provider PE holds both MSEE sessions inside the customer's VRF.

This kernel has no VRF devices; FRR's netns VRF backend (zebra -n) stands in: the VRF is a network namespace.
"""

import time

from bgplab import VNET_COMMUNITY, VNET_PREFIX, wait_until
from conftest import CUSTOMER_PREFIX, PRIMARY, SECONDARY

CONVERGE_S = 30
MSEES = (PRIMARY["msee_ip"], SECONDARY["msee_ip"])


def test_the_rendered_pe_config_puts_the_sessions_in_the_vrf(pe_lab):
    assert "router bgp 65020 vrf %s" % pe_lab.vrf in pe_lab.pe_config
    assert "interface eth1 vrf %s" % pe_lab.vrf in pe_lab.pe_config
    # Nothing in the PE's global table: the sessions live only in the VRF.
    assert pe_lab.vtysh(pe_lab.ns("pe"), "show bgp vrf default ipv4 unicast summary json").get("peers", {}) == {}


def test_both_vrf_sessions_establish_with_prefixes_and_bfd(pe_lab):
    lab, pe = pe_lab, pe_lab.ns("pe")

    def up():
        peers = lab.peers(pe, vrf=lab.vrf)
        return (
            all(
                peers.get(a, {}).get("state") == "Established"
                and peers[a].get("peerState") == "OK"
                and peers[a].get("pfxRcd", 0) >= 1
                for a in MSEES
            )
            and peers
        )

    wait_until(up, CONVERGE_S, what="both VRF sessions Established with prefixes")
    print("pe_vrf convergence: %.1f s after the PE's FRR started" % (time.monotonic() - lab.ce_started))
    bfd = wait_until(
        lambda: (lambda b: all(b.get(a, {}).get("status") == "up" for a in MSEES) and b)(
            lab.bfd_peers(pe, vrf=lab.vrf)
        ),
        CONVERGE_S,
        what="BFD up in the VRF",
    )
    assert all(bfd[a]["vrf"] == lab.vrf for a in MSEES)
    route = lab.vtysh(pe, "show bgp vrf %s ipv4 unicast %s json" % (lab.vrf, VNET_PREFIX))
    assert len(route["paths"]) == 2
    assert all(VNET_COMMUNITY in p["community"]["string"] for p in route["paths"])


def test_customer_routes_in_the_vrf_reach_the_msees_with_the_secondary_prepended(pe_lab):
    lab, pe = pe_lab, pe_lab.ns("pe")
    # A customer route in the VRF (on a real PE it arrives from the other sites over MP-BGP).
    __import__("bgplab").sh("ip", "-n", lab.vrf, "addr", "add", "10.1.15.1/25", "dev", "lo")
    lab.configure(
        pe, ["router bgp 65020 vrf %s" % lab.vrf, "address-family ipv4 unicast", "network %s" % CUSTOMER_PREFIX]
    )
    for ms, expected in (("ms1", "65020"), ("ms2", "65020 65020 65020")):
        paths = wait_until(
            lambda ms=ms: lab.vtysh(lab.ns(ms), "show bgp ipv4 unicast %s json" % CUSTOMER_PREFIX).get("paths"),
            CONVERGE_S,
            what="%s receives the customer route" % ms,
        )
        assert paths[0]["aspath"]["string"] == expected
