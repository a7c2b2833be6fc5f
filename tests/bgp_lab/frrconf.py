"""Read a rendered FRR file the way the lab needs it: interfaces, BGP sessions, and what each session announces.

Only what the router_config role's FRR template writes is understood; anything else is ignored. The lab uses it to
wire a topology around an unmodified file and to know what the simulated Microsoft edge should receive.
"""

import ipaddress


def _family(prefix):
    return ipaddress.ip_network(prefix, strict=False).version


def parse(text):
    interfaces = {}  # name -> {"vrf", "addresses": [ip/len]}
    prefix_lists = {}  # name -> [prefix] (permit entries, in order)
    route_maps = {}  # name -> [{"match": [prefix-list], "prepend": [asn], "metric": int|None}]
    anchors = []  # (vrf, prefix): blackhole/Null0/reject routes
    bgp = []  # {"asn", "vrf", "neighbors": {ip: {...}}}
    block, current = None, None
    vrf_block = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("!"):
            continue
        words = line.split()
        indented = line.startswith(" ")
        if not indented:
            block, current = None, None
            if words[0] == "interface":
                current = interfaces.setdefault(words[1], {"vrf": None, "addresses": []})
                if len(words) >= 4 and words[2] == "vrf":
                    current["vrf"] = words[3]
                block = "interface"
            elif words[:2] in (["ip", "prefix-list"], ["ipv6", "prefix-list"]) and "permit" in words:
                prefix_lists.setdefault(words[2], []).append(words[words.index("permit") + 1])
            elif words[0] == "route-map" and len(words) >= 3:
                current = {"action": words[2], "match": [], "prepend": [], "metric": None}
                route_maps.setdefault(words[1], []).append(current)
                block = "route-map"
            elif (
                words[0] in ("ip", "ipv6")
                and len(words) >= 4
                and words[1] == "route"
                and (set(words[3:]) & {"blackhole", "Null0", "null0", "reject"})
            ):
                vrf = words[words.index("vrf") + 1] if "vrf" in words else vrf_block
                anchors.append((vrf, words[2]))
            elif words[0] == "vrf" and len(words) == 2:
                vrf_block = words[1]
            elif words[0] in ("exit-vrf",):
                vrf_block = None
            elif words[:2] == ["router", "bgp"]:
                current = {
                    "asn": int(words[2]),
                    "vrf": words[4] if len(words) >= 5 and words[3] == "vrf" else None,
                    "neighbors": {},
                    "networks": [],
                    "rt_import": [],
                }
                bgp.append(current)
                block = "bgp"
            elif words[0] == "exit":
                vrf_block = None if vrf_block and not indented else vrf_block
            continue
        stripped = words
        if block == "interface" and stripped[:2] in (["ip", "address"], ["ipv6", "address"]):
            current["addresses"].append(stripped[2])
        elif block == "route-map":
            if stripped[:4] in (["match", "ip", "address", "prefix-list"], ["match", "ipv6", "address", "prefix-list"]):
                current["match"].append(stripped[4])
            elif stripped[:3] == ["set", "as-path", "prepend"]:
                current["prepend"] = [int(a) for a in stripped[3:]]
            elif stripped[:2] == ["set", "metric"]:
                current["metric"] = int(stripped[2])
        elif block == "bgp" and stripped[0] == "neighbor":
            ip = stripped[1]
            nb = current["neighbors"].setdefault(
                ip,
                {
                    "ip": ip,
                    "remote_as": None,
                    "local_as": None,
                    "password": None,
                    "description": "",
                    "out_route_map": None,
                    "out_prefix_list": None,
                    "bfd": False,
                },
            )
            rest = stripped[2:]
            if rest[0] == "remote-as":
                nb["remote_as"] = rest[1]
            elif rest[0] == "local-as":
                nb["local_as"] = int(rest[1])
            elif rest[0] == "password":
                nb["password"] = rest[1]
            elif rest[0] == "description":
                nb["description"] = " ".join(rest[1:])
            elif rest[0] == "bfd":
                nb["bfd"] = True
            elif rest[0] == "route-map" and rest[-1] == "out":
                nb["out_route_map"] = rest[1]
            elif rest[0] == "prefix-list" and rest[-1] == "out":
                nb["out_prefix_list"] = rest[1]
        elif block == "bgp" and stripped[0] == "network":
            current["networks"].append(stripped[1])
        elif block == "bgp" and stripped[:3] == ["rt", "vpn", "import"]:
            current["rt_import"] = stripped[3:]
    return {
        "interfaces": interfaces,
        "prefix_lists": prefix_lists,
        "route_maps": route_maps,
        "anchors": anchors,
        "bgp": bgp,
    }


def sessions(config):
    """One entry per BGP neighbor toward Microsoft (remote-as 12076), with what it means to announce."""
    out = []
    for instance in config["bgp"]:
        for nb in instance["neighbors"].values():
            if nb["remote_as"] != "12076":
                continue
            announce, prepend, metric = [], [], None
            if nb["out_prefix_list"]:
                announce.extend(config["prefix_lists"].get(nb["out_prefix_list"], []))
            for entry in config["route_maps"].get(nb["out_route_map"], []) if nb["out_route_map"] else []:
                if entry["action"] != "permit":
                    continue
                for name in entry["match"]:
                    announce.extend(p for p in config["prefix_lists"].get(name, []) if p not in announce)
                prepend = prepend or entry["prepend"]
                metric = metric if metric is not None else entry["metric"]
            words = nb["description"].split()
            peering = next((w for w in words if w.endswith("Peering")), None)
            role = next((w for w in words if w in ("primary", "secondary")), None)
            local = ipaddress.ip_address(nb["ip"])
            interface = None
            for name, itf in config["interfaces"].items():
                for address in itf["addresses"]:
                    iface = ipaddress.ip_interface(address)
                    if iface.version == local.version and local in iface.network:
                        interface = dict(itf, name=name, address=address)
            presented = nb["local_as"] or instance["asn"]
            out.append(
                {
                    "neighbor": nb["ip"],
                    "vrf": instance["vrf"],
                    "asn": instance["asn"],
                    "presented_as": presented,
                    "password": nb["password"],
                    "bfd": nb["bfd"],
                    "peering": peering,
                    "role": role,
                    "announce": announce,
                    "prepend": prepend,
                    "metric": metric,
                    "interface": interface,
                    "family": local.version,
                }
            )
    return out


def anchored(config, prefix, vrf=None):
    net = ipaddress.ip_network(prefix)
    return any(v == vrf and ipaddress.ip_network(p) == net for v, p in config["anchors"])


def strip_anchors(text, inside):
    """The same file without anchor routes overlapping `inside` (the pool and any announced prefix covering it)."""
    pool = ipaddress.ip_network(inside)
    kept = []
    for line in text.splitlines(keepends=True):
        words = line.split()
        if (
            len(words) >= 4
            and words[0] in ("ip", "ipv6")
            and words[1] == "route"
            and (set(words[3:]) & {"blackhole", "Null0", "null0", "reject"})
        ):
            net = ipaddress.ip_network(words[2])
            if net.version == pool.version and net.overlaps(pool):
                continue
        kept.append(line)
    return "".join(kept)
