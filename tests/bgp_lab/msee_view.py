"""Judge a rendered FRR configuration from Microsoft's side.

A case is one or two routers (the files as rendered, unmodified) and two simulated MSEEs (FRR, AS 12076), primary
and secondary, in network namespaces. Each session of a file gets its own veth pair named after the file's
interface (e.g. `eth1.3.100`: this kernel has no VLAN devices, so the tags are not on the wire; the name is what
FRR sees). A VRF of a PE file is a namespace of its own, given the file's VRF name through FRR's netns VRF backend.

What the verdict checks, per session, on the MSEE: Established, BFD up, the prefixes received are exactly those the
session's outbound policy means to announce, the AS path is the presented AS plus the configured prepends and the
MED the configured metric. Private and Microsoft peering are separate sessions on separate interfaces.

Routes the customer's network supplies (prefixes overlapping no Microsoft-peering NAT pool that the file does not
anchor) are put there by the lab: a connected route on a CE; on a PE a route in the VRF plus a network statement
standing in for MP-BGP from the other sites (the netns VRF backend cannot leak between VRFs). The NAT pool is never supplied: only the file can originate it.
"""

import ipaddress
import os
import time
from concurrent.futures import ThreadPoolExecutor

import bgplab
import frrconf

# What an MSEE sends: a VNet on private peering, a Microsoft service prefix (Exchange Online's community) on
# Microsoft peering; per address family.
VNET_PREFIX = {4: bgplab.VNET_PREFIX, 6: "fd10:10::/48"}
MICROSOFT_PREFIX = {4: "13.107.6.0/24", 6: "2603:1006::/40"}
MICROSOFT_COMMUNITY = "12076:5010"
# Prefixes Microsoft accepts per session (expressroute-routing): 4000 IPv4 / 100 IPv6 private, 200 Microsoft.
LIMITS = {
    ("AzurePrivatePeering", 4): 4000,
    ("AzurePrivatePeering", 6): 100,
    ("MicrosoftPeering", 4): 200,
    ("MicrosoftPeering", 6): 200,
}
CONVERGE_S = 45


def msee_config(name, router_id, sessions):
    lines = [
        "frr defaults traditional",
        "hostname %s" % name,
        "!",
        "bfd",
        " profile azure",
        "  detect-multiplier 3",
        "  receive-interval 300",
        "  transmit-interval 300",
        " exit",
        "exit",
        "!",
    ]
    for family, word in ((4, "ip"), (6, "ipv6")):
        lines += [
            "%s prefix-list VNET%d seq 10 permit %s" % (word, family, VNET_PREFIX[family]),
            "%s prefix-list MSFT%d seq 10 permit %s" % (word, family, MICROSOFT_PREFIX[family]),
        ]
    for family, word in ((4, "ip"), (6, "ipv6")):
        lines += [
            "!",
            "route-map TO-PRIVATE%d permit 10" % family,
            " match %s address prefix-list VNET%d" % (word, family),
            " set community %s" % bgplab.VNET_COMMUNITY,
            "exit",
            "!",
            "route-map TO-MICROSOFT%d permit 10" % family,
            " match %s address prefix-list MSFT%d" % (word, family),
            " set community %s" % MICROSOFT_COMMUNITY,
            "exit",
        ]
    lines += [
        "!",
        "route-map FROM-CUSTOMER permit 10",
        "exit",
        "!",
        "router bgp 12076",
        " bgp router-id %s" % router_id,
        " no bgp default ipv4-unicast",
        " timers bgp 60 180",
    ]
    for s in sessions:
        ip = s["neighbor_of_msee"]
        lines += [
            " neighbor %s remote-as %d" % (ip, s["presented_as"]),
            " neighbor %s bfd profile azure" % ip,
            " neighbor %s timers connect 2" % ip,
        ]
        if s["password"]:
            lines.append(" neighbor %s password %s" % (ip, s["password"]))
    for family in (4, 6):
        mine = [s for s in sessions if s["family"] == family]
        lines += [
            " address-family ipv%d unicast" % family,
            "  network %s" % VNET_PREFIX[family],
            "  network %s" % MICROSOFT_PREFIX[family],
        ]
        for s in mine:
            ip = s["neighbor_of_msee"]
            out = "TO-MICROSOFT%d" % family if s["peering"] == "MicrosoftPeering" else "TO-PRIVATE%d" % family
            lines += [
                "  neighbor %s activate" % ip,
                "  neighbor %s route-map %s out" % (ip, out),
                "  neighbor %s route-map FROM-CUSTOMER in" % ip,
                "  neighbor %s maximum-prefix %d" % (ip, LIMITS[(s["peering"], family)]),
            ]
        lines += [" exit-address-family"]
    lines += ["exit", "!", "end", ""]
    return "\n".join(lines)


class Case:
    """name, {device: FRR text}, the Microsoft-peering NAT pools, and the prefixes the inputs asked to announce."""

    def __init__(self, name, files, nat_pools=(), asked=None):
        self.name, self.files, self.nat_pools = name, dict(files), [ipaddress.ip_network(p) for p in nat_pools]
        self.asked = asked  # {peering type: [prefix]} from the inputs (model/inventory), or None


class CaseLab:
    def __init__(self, workdir, case):
        self.case = case
        self.lab = bgplab.Lab(str(workdir))
        self.sessions = []
        self.started = None
        self.configs = {d: frrconf.parse(t) for d, t in case.files.items()}

    # -- building -------------------------------------------------------------------------------------------
    def _supplied(self, device, session):
        config = self.configs[device]
        for prefix in session["announce"]:
            net = ipaddress.ip_network(prefix)
            if frrconf.anchored(config, prefix, session["vrf"]):
                continue
            if any(net.version == pool.version and net.overlaps(pool) for pool in self.case.nat_pools):
                continue
            yield net

    def build(self):
        lab = self.lab
        try:
            msees = {"primary": lab.add_namespace("ms1"), "secondary": lab.add_namespace("ms2")}
            per_msee = {"primary": [], "secondary": []}
            starts, links = [], {}
            for index, (device, config) in enumerate(sorted(self.configs.items())):
                ns = lab.add_namespace("r%d" % index)
                vrfs = {}
                for vrf in sorted({i["vrf"] for i in config["interfaces"].values() if i["vrf"]}):
                    vrfs[vrf] = lab.add_namespace("r%dv%d" % (index, len(vrfs)))
                supplied_global, supplied_vrf = [], {}
                for session in frrconf.sessions(config):
                    itf = session["interface"]
                    assert itf, "%s: no interface holds the neighbor %s" % (device, session["neighbor"])
                    side = session["role"]
                    assert side in msees, "%s: session %s is neither primary nor secondary" % (device, session)
                    router_ns = vrfs[itf["vrf"]] if itf["vrf"] else ns
                    length = ipaddress.ip_interface(itf["address"]).network.prefixlen
                    msee_address = "%s/%d" % (session["neighbor"], length)
                    # One veth per interface of the file: a dual-stack peering's IPv4 and IPv6 sessions share it.
                    key = (router_ns, itf["name"])
                    if key not in links:
                        links[key] = "c%d" % len(links)
                        lab.link(router_ns, itf["name"], None, msees[side], links[key], msee_address)
                    else:
                        bgplab.sh("ip", "-n", msees[side], "addr", "add", msee_address, "dev", links[key])
                    session.update(
                        device=device,
                        ns=ns,
                        vrf_ns=vrfs.get(itf["vrf"]),
                        msee=msees[side],
                        customer_ip=str(ipaddress.ip_interface(itf["address"]).ip),
                    )
                    session["neighbor_of_msee"] = session["customer_ip"]
                    per_msee[side].append(session)
                    self.sessions.append(session)
                    for net in self._supplied(device, session):
                        bucket = supplied_vrf.setdefault(session["vrf"], []) if session["vrf"] else supplied_global
                        if net not in bucket:
                            bucket.append(net)
                # The customer's network: on a CE a connected route (its LAN); on a PE routes from the other sites,
                # arriving over the provider core and imported into the VRF by route target.
                for net in supplied_global:
                    bgplab.sh("ip", "-n", ns, "addr", "add", "%s/%d" % (next(net.hosts()), net.prefixlen), "dev", "lo")
                # On a PE they arrive from the other sites over MP-BGP (import vpn). FRR's netns VRF backend cannot
                # leak between namespaces (the imported route's next hop stays unresolved), so the lab stands in
                # for the core with the route in the VRF's namespace and a network statement in the VRF's BGP
                # instance: the only line the lab adds to a rendered file, and not one toward Microsoft.
                core = []
                for vrf, nets in supplied_vrf.items():
                    instance = next(b for b in config["bgp"] if b["vrf"] == vrf)
                    core += ["router bgp %d vrf %s" % (instance["asn"], vrf)]
                    for family in (4, 6):
                        mine = [net for net in nets if net.version == family]
                        if mine:
                            core.append(" address-family ipv%d unicast" % family)
                            for net in mine:
                                bgplab.sh(
                                    "ip",
                                    "-n",
                                    vrfs[vrf],
                                    "addr",
                                    "add",
                                    "%s/%d" % (next(net.hosts()), net.prefixlen),
                                    "dev",
                                    "lo",
                                )
                                core.append("  network %s" % net)
                            core.append(" exit-address-family")
                    core.append("exit")
                starts.append((ns, self.case.files[device], vrfs, core))
            for side, ns in msees.items():
                for net in list(VNET_PREFIX.values()) + list(MICROSOFT_PREFIX.values()):
                    net = ipaddress.ip_network(net)
                    bgplab.sh("ip", "-n", ns, "addr", "add", "%s/%d" % (next(net.hosts()), net.prefixlen), "dev", "lo")
                lab.start_frr(
                    ns, msee_config("msee-" + side, "10.255.0.%d" % (1 if side == "primary" else 2), per_msee[side])
                )
            for ns, text, vrfs, _core in starts:
                lab.start_frr(ns, text, vrf_namespaces=vrfs)
            # The clock of the figures: from the moment every router of the case runs its file.
            self.started = time.monotonic()
            for ns, _text, _vrfs, core in starts:
                if core:
                    lab.configure(ns, core)
        except BaseException:
            print(lab.logs())
            lab.close()
            raise
        return self

    def close(self):
        self.lab.close()

    # -- judging ------------------------------------------------------------------------------------------------
    def received(self, session):
        return self.lab.vtysh(
            session["msee"],
            "show bgp ipv%d unicast neighbors %s routes json" % (session["family"], session["customer_ip"]),
        ).get("routes", {})

    def observe(self):
        """One look from both MSEEs: per session its state, BFD and the routes received."""
        seen = []
        msees = {s["msee"] for s in self.sessions}
        peers = {
            (ns, family): self.lab.peers(ns, family="ipv%d" % family)
            for ns in msees
            for family in (4, 6)
            if any(s["family"] == family for s in self.sessions)
        }
        bfd = {ns: self.lab.bfd_peers(ns) for ns in msees}
        for s in self.sessions:
            peer = peers[(s["msee"], s["family"])].get(s["customer_ip"], {})
            seen.append(
                {
                    "session": s,
                    "state": peer.get("state"),
                    "peer_state": peer.get("peerState"),
                    "pfx_rcd": peer.get("pfxRcd", 0),
                    "bfd": bfd[s["msee"]].get(s["customer_ip"], {}).get("status"),
                    "routes": self.received(s) if peer.get("state") == "Established" else {},
                }
            )
        return seen

    @staticmethod
    def problems(seen):
        out = []
        for v in seen:
            s = v["session"]
            where = "%s %s %s (%s -> MSEE %s)" % (s["device"], s["peering"], s["role"], s["customer_ip"], s["neighbor"])
            if v["state"] != "Established" or v["peer_state"] != "OK":
                out.append("%s: session %s/%s" % (where, v["state"], v["peer_state"]))
                continue
            if v["bfd"] != "up":
                out.append("%s: BFD %s" % (where, v["bfd"]))
            got, want = set(v["routes"]), set(s["announce"])
            if got - want:
                out.append(
                    "%s: the MSEE received %s, which the outbound policy does not announce"
                    % (where, sorted(got - want))
                )
            if want - got:
                out.append("%s: the MSEE did not receive %s" % (where, sorted(want - got)))
            expected_path = " ".join(str(a) for a in [s["presented_as"]] + list(s["prepend"]))
            for prefix in got & want:
                path = v["routes"][prefix][0]
                if path.get("path") != expected_path:
                    out.append("%s: %s AS path %r, expected %r" % (where, prefix, path.get("path"), expected_path))
                if s["metric"] is not None and path.get("metric") != s["metric"]:
                    out.append("%s: %s MED %r, expected %r" % (where, prefix, path.get("metric"), s["metric"]))
        return out

    def judge(self, timeout=CONVERGE_S):
        """Poll until every check holds (returns the convergence time and the last look) or the deadline passes
        (returns the problems of the last look)."""
        deadline = time.monotonic() + timeout
        seen, problems, established = [], ["nothing observed"], None
        while time.monotonic() < deadline:
            try:
                seen = self.observe()
                problems = self.problems(seen)
            except (RuntimeError, ValueError, KeyError) as exc:  # daemons still starting
                problems = [repr(exc)]
            if established is None and seen and all(v["state"] == "Established" for v in seen):
                established = time.monotonic() - self.started
            if not problems:
                return {
                    "converged_s": time.monotonic() - self.started,
                    "established_s": established,
                    "seen": seen,
                    "problems": [],
                }
            time.sleep(0.5)
        return {"converged_s": None, "established_s": established, "seen": seen, "problems": problems}


def judge_all(workdir, cases, timeout=CONVERGE_S):
    """Build every case at once (threads: the work is waiting on daemons), judge them side by side, tear down."""
    labs = []

    def run(case):
        lab = CaseLab(os.path.join(str(workdir), case.name), case)
        labs.append(lab)
        lab.build()
        verdict = lab.judge(timeout)
        if verdict["problems"]:
            verdict["logs"] = lab.lab.logs()
        return case.name, verdict

    try:
        with ThreadPoolExecutor(max_workers=max(1, len(cases))) as pool:
            return dict(pool.map(run, cases))
    finally:
        for lab in labs:
            lab.close()


def table(verdicts):
    """Figures for the closing note: convergence per case, prefixes received per session."""
    rows = [
        "%-34s %-26s %-17s %-10s %-6s %s" % ("case", "session", "MSEE<-router", "state", "BFD", "prefixes received")
    ]
    for name, verdict in sorted(verdicts.items()):
        conv = "%.1f s" % verdict["converged_s"] if verdict["converged_s"] is not None else "NOT CONVERGED"
        est = "%.1f s" % verdict["established_s"] if verdict["established_s"] is not None else "-"
        rows.append(
            "%s  (all sessions Established %s, every check holds %s after the routers' FRR started)" % (name, est, conv)
        )
        for v in verdict["seen"]:
            s = v["session"]
            rows.append(
                "  %-32s %-26s %-17s %-10s %-6s %d"
                % (
                    s["device"],
                    "%s %s IPv%d" % (s["peering"], s["role"], s["family"]),
                    s["customer_ip"],
                    v["state"],
                    v["bfd"],
                    len(v["routes"]),
                )
            )
    return "\n".join(rows)
