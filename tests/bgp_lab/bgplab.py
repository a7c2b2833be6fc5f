"""A simulated Microsoft edge in network namespaces: two MSEEs (FRR, AS 12076) and the router under test.

Topology (one netns each, untagged veth pairs: this kernel has no VLAN devices):

    <id>-ce  eth1 192.168.100.129/30 <-> ce0 192.168.100.130/30  <id>-ms1  (primary MSEE)
             eth2 192.168.100.133/30 <-> ce0 192.168.100.134/30  <id>-ms2  (secondary MSEE)

Each MSEE runs zebra, bfdd and bgpd with a config written here (AS 12076, MD5, BFD 300/300/3, a 4000-prefix
limit on what it receives, the VNet prefix 10.10.0.0/16 tagged 12076:50002). The router under test runs the
FRR file rendered by the router_config role. Everything is created under a unique name prefix (hnlab-<hex>)
and removed by `close()`: daemons by the pids in their pid files, then the namespaces.
"""

import json
import os
import pwd
import shutil
import signal
import subprocess
import time
import uuid

FRR_DIR = "/usr/lib/frr"
RUN_ROOT = "/run/hnlab"
DAEMONS = ("zebra", "staticd", "bfdd", "bgpd")  # staticd: the anchor routes (ip route ... blackhole)
VNET_PREFIX = "10.10.0.0/16"
VNET_COMMUNITY = "12076:50002"
MSEE_PREFIX_LIMIT = 4000


def sh(*cmd, check=True):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError("%s failed (%d): %s%s" % (" ".join(cmd), result.returncode, result.stdout, result.stderr))
    return result


def msee_config(name, router_id, neighbor, customer_asn, md5_key, prefix_limit=MSEE_PREFIX_LIMIT):
    """What Microsoft's edge does, as far as the customer can see it."""
    password = " neighbor %s password %s\n" % (neighbor, md5_key) if md5_key else ""
    return """frr defaults traditional
hostname {name}
!
bfd
 profile azure
  detect-multiplier 3
  receive-interval 300
  transmit-interval 300
 exit
exit
!
ip prefix-list VNET seq 10 permit {vnet}
!
route-map TO-CUSTOMER permit 10
 match ip address prefix-list VNET
 set community {community}
exit
!
route-map FROM-CUSTOMER permit 10
exit
!
router bgp 12076
 bgp router-id {router_id}
 timers bgp 60 180
 neighbor {neighbor} remote-as {asn}
{password} neighbor {neighbor} bfd profile azure
 neighbor {neighbor} timers connect 2
 address-family ipv4 unicast
  network {vnet}
  neighbor {neighbor} route-map TO-CUSTOMER out
  neighbor {neighbor} route-map FROM-CUSTOMER in
  neighbor {neighbor} maximum-prefix {limit}
 exit-address-family
exit
!
end
""".format(
        name=name,
        router_id=router_id,
        neighbor=neighbor,
        asn=customer_asn,
        password=password,
        vnet=VNET_PREFIX,
        community=VNET_COMMUNITY,
        limit=prefix_limit,
    )


class Lab:
    def __init__(self, workdir):
        self.id = "hnlab-" + uuid.uuid4().hex[:6]
        self.workdir = workdir
        self.run_dir = os.path.join(RUN_ROOT, self.id)
        self.namespaces = []
        self.frr = pwd.getpwnam("frr")

    # -- building ---------------------------------------------------------------------------------------------
    def ns(self, role):
        return "%s-%s" % (self.id, role)

    def add_namespace(self, role):
        name = self.ns(role)
        sh("ip", "netns", "add", name)
        self.namespaces.append(name)
        sh("ip", "-n", name, "link", "set", "lo", "up")
        # IPv6 addresses usable at once (no duplicate address detection on links nothing else shares).
        for scope in ("all", "default"):
            sh("ip", "netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.%s.accept_dad=0" % scope)
        return name

    def link(self, ns_a, if_a, addr_a, ns_b, if_b, addr_b):
        sh("ip", "link", "add", if_a, "netns", ns_a, "type", "veth", "peer", "name", if_b, "netns", ns_b)
        for ns, ifname, addr in ((ns_a, if_a, addr_a), (ns_b, if_b, addr_b)):
            if addr:
                sh("ip", "-n", ns, "addr", "add", addr, "dev", ifname)
            sh("ip", "-n", ns, "link", "set", ifname, "up")

    def start_frr(self, ns, config_text, vrf_namespaces=()):
        """zebra, then bfdd, then bgpd in `ns`, as the frr user, with their sockets and pid files in our run dir.

        With `vrf_namespaces`, zebra runs FRR's netns VRF backend (-n): each of those namespaces is a VRF named
        after it (a mapping {VRF name: namespace} names them as the rendered file does instead). zebra -n takes
        every namespace in /run/netns for a VRF (other labs' too, and bfdd/bgpd would
        bind sockets in them), so the daemons get a private /run/netns that holds only these.
        """
        rundir = os.path.join(self.run_dir, ns)
        os.makedirs(rundir, exist_ok=True)
        for path in (RUN_ROOT, self.run_dir, rundir):
            os.chown(path, self.frr.pw_uid, self.frr.pw_gid)
        # The daemons start empty; vtysh then hands each line of the integrated file to the daemon that owns it
        # (a daemon fed the whole file itself would trip over the other daemons' blocks).
        empty = os.path.join(rundir, "empty.conf")
        conf = os.path.join(rundir, "frr.conf")
        for path, text in ((empty, ""), (conf, config_text)):
            with open(path, "w") as handle:
                handle.write(text)
            os.chown(path, self.frr.pw_uid, self.frr.pw_gid)
            os.chmod(path, 0o600)
        script = ["set -e"]
        if vrf_namespaces:
            # `ip netns exec` gave this shell its own mount namespace (slave to the host's): mounts made here
            # stay here and vanish with the daemons.
            view = os.path.join(rundir, "netns-view")
            script += ["mkdir -p %s" % view, "mount -t tmpfs hnlab %s" % view]
            mapping = vrf_namespaces if isinstance(vrf_namespaces, dict) else {n: n for n in vrf_namespaces}
            for name, netns in mapping.items():
                script += ["touch %s/%s" % (view, name), "mount --bind /run/netns/%s %s/%s" % (netns, view, name)]
            script += ["mount --rbind %s /run/netns" % view]
        for daemon in DAEMONS:
            cmd = [
                os.path.join(FRR_DIR, daemon),
                "-d",
                "-N",
                ns,
                "-f",
                empty,
                "--vty_socket",
                rundir,
                "-i",
                os.path.join(rundir, daemon + ".pid"),
                "-P",
                "0",
                "--log",
                "file:" + os.path.join(rundir, daemon + ".log"),
                "-z",
                os.path.join(rundir, "zserv.api"),
            ]
            if daemon == "zebra" and vrf_namespaces:
                cmd.append("-n")
            if daemon == "bfdd":
                cmd.extend(["--bfdctl", os.path.join(rundir, "bfdd.sock")])
            script.append(" ".join(cmd))
            # Each daemon must be up before the next one connects to it.
            wait_for = "zserv.api" if daemon == "zebra" else daemon + ".vty"
            script.append(
                "for i in $(seq 200); do [ -e %s ] && break; sleep 0.05; done" % os.path.join(rundir, wait_for)
            )
        sh("ip", "netns", "exec", ns, "sh", "-c", "\n".join(script))
        for daemon in DAEMONS:
            self._wait_for(os.path.join(rundir, daemon + ".vty"))
        result = sh("ip", "netns", "exec", ns, "vtysh", "--vty_socket", rundir, "-f", conf, check=False)
        if result.returncode != 0:
            raise RuntimeError(
                "vtysh refused %s's configuration (%d): %s%s" % (ns, result.returncode, result.stdout, result.stderr)
            )

    @staticmethod
    def _wait_for(path, timeout=10.0):
        deadline = time.monotonic() + timeout
        while not os.path.exists(path):
            if time.monotonic() > deadline:
                raise RuntimeError("%s did not appear within %.0f s" % (path, timeout))
            time.sleep(0.05)

    # -- looking --------------------------------------------------------------------------------------------
    def vtysh(self, ns, *commands, json_out=True):
        args = ["ip", "netns", "exec", ns, "vtysh", "--vty_socket", os.path.join(self.run_dir, ns)]
        for command in commands:
            args.extend(["-c", command])
        result = sh(*args)
        return json.loads(result.stdout) if json_out else result.stdout

    def configure(self, ns, lines):
        """Apply configuration lines through vtysh (as an operator would)."""
        path = os.path.join(self.run_dir, ns, "change.conf")
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        args = ["ip", "netns", "exec", ns, "vtysh", "--vty_socket", os.path.join(self.run_dir, ns), "-f", path]
        return sh(*args)

    def peers(self, ns, vrf=None, family="ipv4"):
        cmd = (
            "show bgp vrf %s %s unicast summary json" % (vrf, family)
            if vrf
            else "show bgp %s unicast summary json" % family
        )
        return self.vtysh(ns, cmd).get("peers", {})

    def bfd_peers(self, ns, vrf=None):
        cmd = "show bfd vrf %s peers json" % vrf if vrf else "show bfd peers json"
        return {p["peer"]: p for p in self.vtysh(ns, cmd)}

    def netstat(self, ns, counter):
        """A TcpExt counter of the namespace (e.g. TCPMD5Failure)."""
        lines = sh("ip", "netns", "exec", ns, "cat", "/proc/net/netstat").stdout.splitlines()
        for header, values in zip(lines[::2], lines[1::2]):
            if header.startswith("TcpExt:"):
                return dict(zip(header.split()[1:], map(int, values.split()[1:]))).get(counter, 0)
        return 0

    def logs(self):
        out = []
        for ns in self.namespaces:
            for daemon in DAEMONS:
                path = os.path.join(self.run_dir, ns, daemon + ".log")
                if os.path.exists(path):
                    with open(path, errors="replace") as handle:
                        out.append("== %s %s ==\n%s" % (ns, daemon, "".join(handle.readlines()[-30:])))
        return "\n".join(out)

    # -- tearing down ------------------------------------------------------------------------------------------
    def _pids(self):
        pids = []
        for ns in self.namespaces:
            for daemon in DAEMONS:
                path = os.path.join(self.run_dir, ns, daemon + ".pid")
                try:
                    with open(path) as handle:
                        pids.append(int(handle.read().strip()))
                except (OSError, ValueError):
                    pass
        return pids

    def close(self):
        pids = self._pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        for pid in pids:
            while time.monotonic() < deadline and os.path.exists("/proc/%d" % pid):
                time.sleep(0.05)
            if os.path.exists("/proc/%d" % pid):
                os.kill(pid, signal.SIGKILL)
        for ns in reversed(self.namespaces):
            sh("ip", "netns", "del", ns, check=False)
        self.namespaces = []
        shutil.rmtree(self.run_dir, ignore_errors=True)


def wait_until(predicate, timeout, interval=0.2, what="condition"):
    """Poll `predicate` until it returns a truthy value; raise with the last value at the deadline."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
        except (RuntimeError, ValueError, KeyError) as exc:  # a daemon still starting answers oddly
            last = exc
        else:
            if last:
                return last
        time.sleep(interval)
    raise AssertionError("%s not reached within %.0f s (last: %r)" % (what, timeout, last))
