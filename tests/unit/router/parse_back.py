"""Parse rendered router configuration back into plain facts, one parser per dialect family.

No vendor validator runs offline (only FRR has one: vtysh -C), so every other dialect is read back by the syntax
of its family -- indentation blocks for IOS-XE, IOS-XR and EOS, braces for Junos and SR OS MD-CLI -- and reduced to
the same facts:

    asn, interfaces{name: {address, outer, inner, vrf, qos_out, qos_in, nat_outside, nat_inside, bfd, admin_up}},
    networks{prefix}, nat_rules{pool: vrf}, vlan_devices{name: (link, tag)} (FRR: the host's iproute2 commands),
    discard_routes{(vrf or None, prefix)} (Null0 / discard / blackhole: the anchors that make BGP originate),
    neighbors{ip: {remote_as, password, bfd, policy_in, policy_out, vrf, local_as, max_prefix}},
    prefix_sets{name: [prefix]}, policies{name: {local_pref, prepend, match}},
    vrfs{name: {rd, import, export}}, nat_pools{name: (first, last)}, qos_policies{name}

which test_parse_back.py compares with the router model. A malformed file (unbalanced braces, a block opened
twice) raises ParseError.
"""

import ipaddress
import re


class ParseError(ValueError):
    pass


def new_facts():
    return {
        "asn": None,
        "router_id": None,
        "interfaces": {},
        "neighbors": {},
        "prefix_sets": {},
        "policies": {},
        "vrfs": {},
        "nat_pools": {},
        "qos_policies": set(),
        "networks": set(),
        "discard_routes": set(),
        "nat_rules": {},
        "vlan_devices": {},
    }


def _neighbor(facts, ip):
    return facts["neighbors"].setdefault(
        ip,
        {
            "remote_as": None,
            "password": None,
            "bfd": None,
            "policy_in": None,
            "policy_out": None,
            "vrf": None,
            "local_as": None,
            "max_prefix": None,
            "bfd_timers": None,
        },
    )


def _interface(facts, name):
    return facts["interfaces"].setdefault(
        name,
        {
            "address": None,
            "outer": None,
            "inner": None,
            "vrf": None,
            "qos_out": None,
            "nat_outside": False,
            "bfd": None,
            "qos_in": None,
            "nat_inside": False,
            "admin_up": None,
            "address6": None,
        },
    )


def _policy(facts, name):
    return facts["policies"].setdefault(name, {"local_pref": None, "prepend": [], "match": None, "reject_rest": False})


def _masklen(mask):
    return ipaddress.ip_network("0.0.0.0/" + mask).prefixlen


# -- indentation blocks (IOS-XE, IOS-XR, EOS) --------------------------------------------------------------------
class Node:
    def __init__(self, line, depth):
        self.line, self.depth, self.children = line, depth, []

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()


def indent_tree(text, comment="!"):
    """Lines to a tree by indentation; comment lines and bare '!' separators are dropped."""
    root = Node("", -1)
    stack = [root]
    for raw in text.splitlines():
        if not raw.strip() or raw.strip().startswith(comment) or raw.strip() in ("end", "exit"):
            continue
        if "\t" in raw:
            raise ParseError("tab in indentation: %r" % raw)
        depth = len(raw) - len(raw.lstrip(" "))
        while stack[-1].depth >= depth:
            stack.pop()
        node = Node(raw.strip(), depth)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _top(root, prefix):
    return [n for n in root.children if n.line == prefix or n.line.startswith(prefix + " ")]


def parse_iosxe(text):
    facts = new_facts()
    root = indent_tree(text)
    for node in _top(root, "interface"):
        intf = _interface(facts, node.line.split()[1])
        for child in node.children:
            words = child.line.split()
            if words[:2] == ["encapsulation", "dot1Q"]:
                if "second-dot1q" in words:
                    intf["outer"], intf["inner"] = int(words[2]), int(words[4])
                else:
                    intf["inner"] = int(words[2])
            elif words[:2] == ["ip", "address"]:
                intf["address"] = "%s/%d" % (words[2], _masklen(words[3]))
            elif words[:2] == ["ipv6", "address"]:
                intf["address6"] = words[2]
            elif words[:2] == ["vrf", "forwarding"]:
                intf["vrf"] = words[2]
            elif words[:2] == ["service-policy", "output"]:
                intf["qos_out"] = words[2]
            elif words == ["ip", "nat", "outside"]:
                intf["nat_outside"] = True
            elif words == ["ip", "nat", "inside"]:
                intf["nat_inside"] = True
            elif words[0] == "bfd":
                intf["bfd"] = (int(words[2]), int(words[4]), int(words[6]))
            elif words == ["no", "shutdown"]:
                intf["admin_up"] = True
            elif words == ["shutdown"]:
                intf["admin_up"] = False
    for node in _top(root, "ip nat inside source list"):
        # ip nat inside source list ACL pool POOL [vrf VRF] overload
        words = node.line.split()
        facts["nat_rules"][words[7]] = words[words.index("vrf") + 1] if "vrf" in words else None
    for node in _top(root, "vrf definition"):
        vrf = facts["vrfs"].setdefault(node.line.split()[2], {})
        for child in node.walk():
            words = child.line.split()
            if words[0] == "rd":
                vrf["rd"] = words[1]
            elif words[:2] == ["route-target", "import"]:
                vrf["import"] = words[2]
            elif words[:2] == ["route-target", "export"]:
                vrf["export"] = words[2]
    _ios_prefix_lists(facts, root)
    _ios_route_maps(facts, root)
    for node in _top(root, "ip nat pool"):
        words = node.line.split()
        facts["nat_pools"][words[3]] = (words[4], words[5])
    facts["qos_policies"] = {n.line.split()[1] for n in _top(root, "policy-map")}
    _ios_static_routes(facts, root)
    for node in _top(root, "router bgp"):
        facts["asn"] = int(node.line.split()[2])
        _ios_bgp_lines(facts, node, vrf=None)
    return facts


def _ios_static_routes(facts, root):
    """`ip route [vrf V] A M Null0` (IOS-XE) or `ip route [vrf V] P Null0` (EOS)."""
    for node in _top(root, "ip route") + _top(root, "ipv6 route"):
        words = node.line.split()[2:]
        vrf = None
        if words[0] == "vrf":
            vrf, words = words[1], words[2:]
        if words[-1] != "Null0":
            continue
        prefix = words[0] if "/" in words[0] else "%s/%d" % (words[0], _masklen(words[1]))
        facts["discard_routes"].add((vrf, prefix))


def _ios_prefix_lists(facts, root):
    for node in _top(root, "ip prefix-list") + _top(root, "ipv6 prefix-list"):
        words = node.line.split()
        if len(words) > 3:  # IOS-XE/FRR one-line form: ip prefix-list NAME seq N permit P
            facts["prefix_sets"].setdefault(words[2], []).append(words[6])
        else:  # EOS block form
            facts["prefix_sets"].setdefault(words[2], []).extend(c.line.split()[3] for c in node.children)


def _ios_route_maps(facts, root):
    for node in _top(root, "route-map"):
        policy = _policy(facts, node.line.split()[1])
        for child in node.children:
            words = child.line.split()
            if words[:4] in (["match", "ip", "address", "prefix-list"], ["match", "ipv6", "address", "prefix-list"]):
                policy["match"] = words[4]
            elif words[:2] == ["set", "local-preference"]:
                policy["local_pref"] = int(words[2])
            elif words[:3] == ["set", "as-path", "prepend"]:
                policy["prepend"] = [int(w) for w in words[3:]]
        # A route-map denies what no entry permits.
        policy["reject_rest"] = True


def _ios_bgp_lines(facts, node, vrf):
    """`neighbor X ...` lines under router bgp, its address families and (EOS) its vrf blocks."""
    for child in node.children:
        words = child.line.split()
        if words[0] == "address-family":
            _ios_bgp_lines(facts, child, words[3] if len(words) > 3 and words[2] == "vrf" else vrf)
            continue
        if words[0] == "vrf":
            facts["vrfs"].setdefault(words[1], {})
            for sub in child.children:
                sub_words = sub.line.split()
                if sub_words[0] == "rd":
                    facts["vrfs"][words[1]]["rd"] = sub_words[1]
                elif sub_words[:2] == ["route-target", "import"]:
                    facts["vrfs"][words[1]]["import"] = sub_words[-1]
                elif sub_words[:2] == ["route-target", "export"]:
                    facts["vrfs"][words[1]]["export"] = sub_words[-1]
            _ios_bgp_lines(facts, child, words[1])
            continue
        if words[0] == "bgp" and words[1] == "router-id" or words[0] == "router-id":
            facts["router_id"] = words[-1]
        if words[0] == "network":
            facts["networks"].add(words[1] if "/" in words[1] else "%s/%d" % (words[1], _masklen(words[3])))
        if words[0] != "neighbor":
            continue
        neighbor = _neighbor(facts, words[1])
        if vrf:
            neighbor["vrf"] = vrf
        rest = words[2:]
        if rest[0] == "remote-as":
            neighbor["remote_as"] = int(rest[1])
        elif rest[0] == "password":
            neighbor["password"] = rest[-1]  # EOS writes `password 0 KEY`
        elif rest in (["fall-over", "bfd"], ["bfd"]) or rest[:2] == ["bfd", "profile"]:
            neighbor["bfd"] = True
        elif rest[0] == "route-map":
            neighbor["policy_in" if rest[2] == "in" else "policy_out"] = rest[1]
        elif rest[0] == "local-as":
            neighbor["local_as"] = int(rest[1])
        elif rest[0] in ("maximum-prefix", "maximum-routes"):
            neighbor["max_prefix"] = int(rest[1])


def parse_eos(text):
    facts = new_facts()
    root = indent_tree(text)
    for node in _top(root, "interface"):
        intf = _interface(facts, node.line.split()[1])
        for child in node.children:
            words = child.line.split()
            if words[:3] == ["encapsulation", "dot1q", "vlan"]:
                if "inner" in words:
                    intf["outer"], intf["inner"] = int(words[3]), int(words[5])
                else:
                    intf["inner"] = int(words[3])
            elif words[:2] == ["ip", "address"]:
                intf["address"] = words[2]
            elif words[:2] == ["ipv6", "address"]:
                intf["address6"] = words[2]
            elif words[0] == "vrf":
                intf["vrf"] = words[1]
            elif words[:3] == ["ip", "nat", "source"]:
                intf["nat_outside"] = True
            elif words[:3] == ["service-policy", "type", "qos"]:
                intf["qos_in" if words[3] == "input" else "qos_out"] = words[4]
            elif words[0] == "bfd":
                intf["bfd"] = (int(words[2]), int(words[4]), int(words[6]))
    for node in _top(root, "vrf instance"):
        facts["vrfs"].setdefault(node.line.split()[2], {})
    _ios_prefix_lists(facts, root)
    _ios_route_maps(facts, root)
    for node in _top(root, "ip nat pool"):
        words = node.line.split()
        facts["nat_pools"][words[3]] = (words[4], words[5])
    facts["qos_policies"] = {n.line.split()[3] for n in _top(root, "policy-map type quality-of-service")}
    _ios_static_routes(facts, root)
    for node in _top(root, "router bgp"):
        facts["asn"] = int(node.line.split()[2])
        _ios_bgp_lines(facts, node, vrf=None)
    return facts


def parse_frr(text):
    facts = new_facts()
    # FRR does not create VLAN devices; the file lists the host's commands that do, as comments.
    for match in re.finditer(r"^!\s+ip link add link (\S+) name (\S+) type vlan id (\d+)$", text, re.M):
        facts["vlan_devices"][match.group(2)] = (match.group(1), int(match.group(3)))
    root = indent_tree(text)
    for node in _top(root, "interface"):
        words = node.line.split()
        intf = _interface(facts, words[1])
        if len(words) > 3 and words[2] == "vrf":
            intf["vrf"] = words[3]
        # A Linux VLAN device carries its tags in its name: parent.stag.ctag or parent.ctag.
        tags = words[1].split(".")[1:]
        if len(tags) == 2:
            intf["outer"], intf["inner"] = int(tags[0]), int(tags[1])
        elif len(tags) == 1:
            intf["inner"] = int(tags[0])
        for child in node.children:
            child_words = child.line.split()
            if child_words[:2] == ["ip", "address"]:
                intf["address"] = child_words[2]
            elif child_words[:2] == ["ipv6", "address"]:
                intf["address6"] = child_words[2]
    profiles = {}
    for node in _top(root, "bfd"):
        for profile in node.children:
            values = dict(c.line.split() for c in profile.children)
            profiles[profile.line.split()[1]] = (
                int(values["transmit-interval"]),
                int(values["receive-interval"]),
                int(values["detect-multiplier"]),
            )
    _ios_prefix_lists(facts, root)
    _ios_route_maps(facts, root)
    # `ip route P blackhole` at the top, or inside a `vrf V` ... `exit-vrf` block.
    routes = [(None, n) for n in _top(root, "ip route") + _top(root, "ipv6 route")]
    routes += [(v.line.split()[1], c) for v in _top(root, "vrf") for c in v.children]
    for vrf, node in routes:
        words = node.line.split()
        if words[0] in ("ip", "ipv6") and words[1] == "route" and words[3] == "blackhole":
            facts["discard_routes"].add((vrf, words[2]))
    for node in _top(root, "router bgp"):
        words = node.line.split()
        vrf = words[4] if len(words) > 4 else None
        facts["asn"] = int(words[2])
        if vrf:
            facts["vrfs"].setdefault(vrf, {})
            for child in node.walk():
                child_words = child.line.split()
                if child_words[:3] == ["rd", "vpn", "export"]:
                    facts["vrfs"][vrf]["rd"] = child_words[3]
                elif child_words[:3] == ["rt", "vpn", "import"]:
                    facts["vrfs"][vrf]["import"] = child_words[3]
                elif child_words[:3] == ["rt", "vpn", "export"]:
                    facts["vrfs"][vrf]["export"] = child_words[3]
        _ios_bgp_lines(facts, node, vrf)
        for child in node.walk():
            child_words = child.line.split()
            if child_words[0] == "neighbor" and child_words[2:4] == ["bfd", "profile"]:
                facts["neighbors"][child_words[1]]["bfd_timers"] = profiles[child_words[4]]
    return facts


def parse_iosxr(text):
    facts = new_facts()
    root = indent_tree(text)
    for node in _top(root, "interface"):
        intf = _interface(facts, node.line.split()[1])
        for child in node.children:
            words = child.line.split()
            if words[:2] == ["encapsulation", "dot1q"]:
                if "second-dot1q" in words:
                    intf["outer"], intf["inner"] = int(words[2]), int(words[4])
                else:
                    intf["inner"] = int(words[2])
            elif words[:2] == ["ipv4", "address"]:
                intf["address"] = "%s/%d" % (words[2], _masklen(words[3]))
            elif words[:2] == ["ipv6", "address"]:
                intf["address6"] = words[2]
            elif words[0] == "vrf":
                intf["vrf"] = words[1]
            elif words[:2] == ["service-policy", "output"]:
                intf["qos_out"] = words[2]
            elif words == ["no", "shutdown"]:
                intf["admin_up"] = True
            elif words == ["shutdown"]:
                intf["admin_up"] = False
    for node in _top(root, "vrf"):
        vrf = facts["vrfs"].setdefault(node.line.split()[1], {})
        for af in node.children:
            for direction in af.children:
                key = direction.line.split()[0]
                vrf[key] = direction.children[0].line
    for node in _top(root, "prefix-set"):
        facts["prefix_sets"][node.line.split()[1]] = [c.line.rstrip(",") for c in node.children if c.line != "end-set"]
    for node in _top(root, "route-policy"):
        policy = _policy(facts, node.line.split()[1])
        for child in node.walk():
            words = child.line.split()
            if words[:2] == ["set", "local-preference"]:
                policy["local_pref"] = int(words[2])
            elif words[:2] == ["prepend", "as-path"]:
                policy["prepend"] = [int(words[2])] * int(words[3])
            elif words[:3] == ["if", "destination", "in"]:
                policy["match"] = words[3]
            elif words == ["drop"]:
                policy["reject_rest"] = True
        if policy["match"] is None:
            policy["reject_rest"] = True  # no condition: nothing else to reject
    facts["qos_policies"] = {n.line.split()[1] for n in _top(root, "policy-map")}
    for node in _top(root, "router static"):
        for child in node.children:
            vrf = child.line.split()[1] if child.line.startswith("vrf ") else None
            for af in child.children if vrf else [child]:
                for route in af.children:
                    words = route.line.split()
                    if words[-1] == "Null0":
                        facts["discard_routes"].add((vrf, words[0]))

    def neighbors(block, vrf):
        for child in block.children:
            words = child.line.split()
            if words[0] == "bgp" and words[1] == "router-id":
                facts["router_id"] = words[2]
            if words[0] == "vrf":
                vrf_facts = facts["vrfs"].setdefault(words[1], {})
                for sub in child.children:
                    if sub.line.startswith("rd "):
                        vrf_facts["rd"] = sub.line.split()[1]
                neighbors(child, words[1])
            elif words[0] == "address-family":
                for sub in child.children:
                    if sub.line.startswith("network "):
                        facts["networks"].add(sub.line.split()[1])
            elif words[0] == "neighbor":
                neighbor = _neighbor(facts, words[1])
                neighbor["vrf"] = vrf
                for sub in child.walk():
                    sub_words = sub.line.split()
                    if sub_words[0] == "remote-as":
                        neighbor["remote_as"] = int(sub_words[1])
                    elif sub_words[:2] == ["password", "clear"]:
                        neighbor["password"] = sub_words[2]
                    elif sub_words == ["bfd", "fast-detect"]:
                        neighbor["bfd"] = True
                    elif sub_words[:2] == ["bfd", "minimum-interval"]:
                        minimum = int(sub_words[2])
                    elif sub_words[:2] == ["bfd", "multiplier"]:
                        neighbor["bfd_timers"] = (minimum, minimum, int(sub_words[2]))
                    elif sub_words[0] == "local-as":
                        neighbor["local_as"] = int(sub_words[1])
                    elif sub_words[0] == "route-policy":
                        neighbor["policy_in" if sub_words[2] == "in" else "policy_out"] = sub_words[1]
                    elif sub_words[0] == "maximum-prefix":
                        neighbor["max_prefix"] = int(sub_words[1])

    for node in _top(root, "router bgp"):
        facts["asn"] = int(node.line.split()[2])
        neighbors(node, None)
    return facts


# -- braces (Junos, SR OS MD-CLI) --------------------------------------------------------------------------------
class Block:
    def __init__(self, name):
        self.name, self.blocks, self.leaves = name, [], []

    def get(self, prefix):
        """Child blocks named `prefix` or `prefix <something>`."""
        return [b for b in self.blocks if b.name == prefix or b.name.startswith(prefix + " ")]

    def one(self, prefix):
        found = self.get(prefix)
        return found[0] if found else Block(prefix)

    def leaf(self, key):
        for leaf in self.leaves:
            if leaf == key or leaf.startswith(key + " "):
                return leaf[len(key) :].strip()
        return None


def brace_tree(text, statement_end=""):
    """Blocks `name {` ... `}`, leaves one per line (Junos ends them with ';'). '#' lines are comments."""
    root = Block("")
    stack = [root]
    indents = [-1]  # the root block opens on no line
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if line.endswith("{"):
            block = Block(line[:-1].strip())
            stack[-1].blocks.append(block)
            stack.append(block)
            indents.append(indent)
        elif line == "}":
            if len(stack) == 1:
                raise ParseError("line %d: '}' closes nothing" % number)
            # Balanced is not enough: a closing brace sits under the line that opened its block.
            if indent != indents[-1]:
                raise ParseError(
                    "line %d: '}' closing %r is indented %d, its block opened at %d"
                    % (number, stack[-1].name, indent, indents[-1])
                )
            stack.pop()
            indents.pop()
        else:
            if statement_end and not line.endswith(statement_end):
                raise ParseError("line %d: statement without %r: %r" % (number, statement_end, line))
            stack[-1].leaves.append(line[: -len(statement_end)] if statement_end else line)
    if len(stack) != 1:
        raise ParseError("%d block(s) left open at the end" % (len(stack) - 1))
    return root


def _unquote(value):
    return value.strip().strip('"') if value is not None else None


def parse_junos(text):
    facts = new_facts()
    root = brace_tree(text, statement_end=";")
    for parent in root.one("interfaces").blocks:
        for unit in parent.get("unit"):
            intf = _interface(facts, "%s.%s" % (parent.name, unit.name.split()[1]))
            tags = unit.leaf("vlan-tags")
            if tags:
                words = tags.split()
                intf["outer"], intf["inner"] = int(words[1]), int(words[3])
            elif unit.leaf("vlan-id"):
                intf["inner"] = int(unit.leaf("vlan-id"))
            inet = unit.one("family inet")
            intf["address"] = inet.leaf("address")
            intf["address6"] = unit.one("family inet6").leaf("address")
            intf["qos_out"] = inet.one("filter").leaf("output")
    facts["qos_policies"] = {b.name.split()[1] for b in root.one("firewall").one("family inet").get("filter")}
    options = root.one("policy-options")
    for block in options.get("prefix-list"):
        facts["prefix_sets"][block.name.split()[1]] = list(block.leaves)
    for block in options.get("policy-statement"):
        policy = _policy(facts, block.name.split()[1])
        for then in [block.one("then")] + [t.one("then") for t in block.get("term")]:
            if then.leaf("local-preference"):
                policy["local_pref"] = int(then.leaf("local-preference"))
            if then.leaf("as-path-prepend"):
                policy["prepend"] = [int(a) for a in _unquote(then.leaf("as-path-prepend")).split()]
        for term in block.get("term"):
            if term.one("from").leaf("prefix-list"):
                policy["match"] = term.one("from").leaf("prefix-list")
            if term.leaf("then") == "reject":
                policy["reject_rest"] = True
        if not block.get("term"):
            policy["reject_rest"] = True
    options_block = root.one("routing-options")
    for leaf in options_block.one("static").leaves + options_block.one("rib inet6.0").one("static").leaves:
        if leaf.startswith("route ") and leaf.endswith(" discard"):
            facts["discard_routes"].add((None, leaf.split()[1]))
    facts["asn"] = int(root.one("routing-options").leaf("autonomous-system"))
    facts["router_id"] = root.one("routing-options").leaf("router-id")
    _junos_bgp(facts, root.one("protocols").one("bgp"), None)
    for instance in root.one("routing-instances").blocks:
        facts["vrfs"][instance.name] = {
            "rd": instance.leaf("route-distinguisher"),
            "import": instance.one("vrf-target").leaf("import").replace("target:", ""),
            "export": instance.one("vrf-target").leaf("export").replace("target:", ""),
            "type": instance.leaf("instance-type"),
        }
        for leaf in instance.leaves:
            if leaf.startswith("interface "):
                _interface(facts, leaf.split()[1])["vrf"] = instance.name
        rib6 = instance.one("routing-options").one("rib %s.inet6.0" % instance.name)
        for leaf in instance.one("routing-options").one("static").leaves + rib6.one("static").leaves:
            if leaf.startswith("route ") and leaf.endswith(" discard"):
                facts["discard_routes"].add((instance.name, leaf.split()[1]))
        _junos_bgp(facts, instance.one("protocols").one("bgp"), instance.name)
    return facts


def _junos_bgp(facts, bgp, vrf):
    for group in bgp.get("group"):
        bfd = group.one("bfd-liveness-detection")
        timers = None
        if bfd.leaf("minimum-interval"):
            interval = int(bfd.leaf("minimum-interval"))
            timers = (interval, interval, int(bfd.leaf("multiplier")))
        local_as = group.leaf("local-as")
        for block in group.get("neighbor"):
            neighbor = _neighbor(facts, block.name.split()[1])
            neighbor.update(
                {
                    "remote_as": int(group.leaf("peer-as")),
                    "vrf": vrf,
                    "bfd": timers is not None,
                    "bfd_timers": timers,
                    "local_as": int(local_as.split()[0]) if local_as else None,
                    "password": _unquote(block.leaf("authentication-key")),
                    "policy_in": block.leaf("import"),
                    "policy_out": block.leaf("export"),
                }
            )
            limit = block.one("family inet").one("unicast").one("prefix-limit").leaf("maximum") or block.one(
                "family inet6"
            ).one("unicast").one("prefix-limit").leaf("maximum")
            neighbor["max_prefix"] = int(limit) if limit else None


def parse_sros(text):
    facts = new_facts()
    root = brace_tree(text)
    configure = root.one("configure")
    options = configure.one("policy-options")
    for block in options.get("prefix-list"):
        facts["prefix_sets"][_unquote(block.name.split(None, 1)[1])] = [b.name.split()[1] for b in block.get("prefix")]
    for block in options.get("policy-statement"):
        policy = _policy(facts, _unquote(block.name.split(None, 1)[1]))
        default = block.one("default-action")
        if default.leaf("local-preference"):
            policy["local_pref"] = int(default.leaf("local-preference"))
        policy["reject_rest"] = default.leaf("action-type") in ("reject", "accept")
        for entry in block.get("entry"):
            policy["match"] = _unquote(entry.one("from").leaf("prefix-list").strip("[]"))
            prepend = entry.one("action").one("as-path-prepend")
            if prepend.leaf("as-path"):
                policy["prepend"] = [int(prepend.leaf("as-path"))] * int(prepend.leaf("repeat"))
    base = configure.one('router "Base"')
    facts["asn"] = int(base.leaf("autonomous-system"))
    facts["router_id"] = base.leaf("router-id")
    _sros_routing(facts, base, None)
    for vprn in configure.one("service").get("vprn"):
        name = _unquote(vprn.name.split(None, 1)[1])
        mpls = vprn.one("bgp-ipvpn").one("mpls")
        facts["vrfs"][name] = {
            "rd": _unquote(mpls.leaf("route-distinguisher")),
            "import": _unquote(mpls.one("vrf-target").leaf("import-community")).replace("target:", ""),
            "export": _unquote(mpls.one("vrf-target").leaf("export-community")).replace("target:", ""),
        }
        _sros_routing(facts, vprn, name)
    return facts


def _sros_routing(facts, context, vrf):
    for block in context.get("interface"):
        intf = _interface(facts, _unquote(block.name.split(None, 1)[1]))
        intf["vrf"] = vrf
        sap = block.get("sap")
        where = sap[0].name.split()[1] if sap else block.leaf("port")
        encap = where.split(":")[1].split(".")
        intf["port"] = where.split(":")[0]
        if len(encap) == 2:
            intf["outer"], intf["inner"] = int(encap[0]), int(encap[1])
        elif encap[0] != "0":
            intf["inner"] = int(encap[0])
        ipv4 = block.one("ipv4")
        primary = ipv4.one("primary")
        intf["address"] = "%s/%s" % (primary.leaf("address"), primary.leaf("prefix-length"))
        six = block.one("ipv6").get("address")
        if six:
            intf["address6"] = "%s/%s" % (six[0].name.split()[1], six[0].leaf("prefix-length"))
        bfd = ipv4.one("bfd")
        if bfd.leaf("admin-state") == "enable":
            intf["bfd"] = (int(bfd.leaf("transmit-interval")), int(bfd.leaf("receive")), int(bfd.leaf("multiplier")))
    for route in context.one("static-routes").get("route"):
        if route.one("blackhole").leaf("admin-state") == "enable":
            facts["discard_routes"].add((vrf, route.name.split()[1]))
    bgp = context.one("bgp")
    groups = {_unquote(g.name.split(None, 1)[1]): g for g in bgp.get("group")}
    for block in bgp.get("neighbor"):
        neighbor = _neighbor(facts, _unquote(block.name.split(None, 1)[1]))
        group_name = _unquote(block.leaf("group"))
        if group_name not in groups:
            raise ParseError("neighbor %s refers to undefined group %s" % (block.name, group_name))
        group = groups[group_name]
        local_as = group.one("local-as").leaf("as-number")
        limit = block.one("prefix-limit ipv4").leaf("maximum") or block.one("prefix-limit ipv6").leaf("maximum")
        neighbor.update(
            {
                "remote_as": int(group.leaf("peer-as")),
                "vrf": vrf,
                "bfd": group.leaf("bfd-liveness") == "true",
                "password": _unquote(block.leaf("authentication-key")),
                "policy_in": _unquote(block.one("import").leaf("policy").strip("[]")),
                "policy_out": _unquote(block.one("export").leaf("policy").strip("[]")),
                "local_as": int(local_as) if local_as else None,
                "max_prefix": int(limit) if limit else None,
            }
        )


PARSERS = {
    "iosxe": parse_iosxe,
    "iosxr": parse_iosxr,
    "eos": parse_eos,
    "frr": parse_frr,
    "junos": parse_junos,
    "sros": parse_sros,
}


def parse(dialect, text):
    facts = PARSERS[dialect](text)
    # IOS-XE and EOS route no IPv6 until told to.
    facts["ipv6_routing"] = bool(re.search(r"^ipv6 unicast-routing", text, re.M))
    return facts


def header_lines(text):
    return [line for line in text.splitlines()[:30] if re.match(r"^[!#] ", line)]


# -- MACsec on the physical ports (ExpressRoute Direct) -----------------------------------------------------------
def _macsec_port(ports, name):
    return ports.setdefault(
        name,
        {
            "profile": None,
            "cipher": None,
            "ckn": None,
            "cak": None,
            "key_algorithm": None,
            "sci": False,
            "enabled": False,
        },
    )


def parse_macsec(dialect, text):
    """{port: {profile, cipher, ckn, cak, key_algorithm, sci, enabled}} for each port the file secures with MACsec:
    the port names a profile (key chain + policy, connectivity association) and that profile is defined with the
    cipher and keys. A port naming a profile nobody defines keeps cipher/ckn/cak None, so the comparison fails."""
    ports, profiles = {}, {}
    if dialect in ("iosxe", "iosxr", "eos"):
        root = indent_tree(text)
        if dialect == "iosxe":
            for node in _top(root, "key chain"):
                words = node.line.split()
                if words[-1] == "macsec":
                    prof = profiles.setdefault(words[2], {})
                    for key in node.children:
                        prof["ckn"] = key.line.split()[1]
                        for leaf in key.children:
                            w = leaf.line.split()
                            if w[0] == "cryptographic-algorithm":
                                prof["key_algorithm"] = w[1]
                            elif w[0] == "key-string":
                                prof["cak"] = w[-1]
            for node in _top(root, "mka policy"):
                prof = profiles.setdefault(node.line.split()[2], {})
                for leaf in node.children:
                    if leaf.line.startswith("macsec-cipher-suite "):
                        prof["cipher"] = leaf.line.split()[1]
            for node in _top(root, "interface"):
                lines = [c.line for c in node.children]
                if "macsec network-link" in lines:
                    port = _macsec_port(ports, node.line.split()[1])
                    port["enabled"] = True
                    for line in lines:
                        if line.startswith("mka policy "):
                            port["profile"] = line.split()[2]
                        elif line.startswith("mka pre-shared-key key-chain "):
                            port["keychain"] = line.split()[3]
        elif dialect == "iosxr":
            for node in _top(root, "keychain"):
                words = node.line.split()
                if words[-1] == "macsec":
                    prof = profiles.setdefault(words[1], {})
                    for key in node.children:
                        prof["ckn"] = key.line.split()[1]
                        for leaf in key.children:
                            w = leaf.line.split()
                            if w[0] == "key-string":
                                prof["cak"], prof["key_algorithm"] = w[1], w[w.index("cryptographic-algorithm") + 1]
            for node in _top(root, "macsec-policy"):
                prof = profiles.setdefault(node.line.split()[1], {})
                for leaf in node.children:
                    if leaf.line.startswith("cipher-suite "):
                        prof["cipher"] = leaf.line.split()[1]
            for node in _top(root, "interface"):
                for child in node.children:
                    w = child.line.split()
                    if w[:2] == ["macsec", "psk-keychain"]:
                        port = _macsec_port(ports, node.line.split()[1])
                        port["enabled"], port["keychain"], port["profile"] = True, w[2], w[4]
        else:
            for node in _top(root, "mac security"):
                for prof_node in node.children:
                    if prof_node.line.startswith("profile "):
                        prof = profiles.setdefault(prof_node.line.split()[1], {})
                        for leaf in prof_node.children:
                            w = leaf.line.split()
                            if w[0] == "cipher":
                                prof["cipher"] = w[1]
                            elif w[0] == "key":
                                prof["ckn"], prof["cak"] = w[1], w[3]
                            elif w == ["sci"]:
                                prof["sci"] = True
            for node in _top(root, "interface"):
                for child in node.children:
                    w = child.line.split()
                    if w[:3] == ["mac", "security", "profile"]:
                        port = _macsec_port(ports, node.line.split()[1])
                        port["enabled"], port["profile"] = True, w[3]
    elif dialect == "junos":
        root = brace_tree(text, statement_end=";")
        macsec = [b for s in root.get("security") for b in s.get("macsec")]
        for block in macsec:
            for ca in block.get("connectivity-association"):
                prof = profiles.setdefault(ca.name.split()[1], {})
                prof["cipher"] = ca.leaf("cipher-suite")
                prof["sci"] = "include-sci" in ca.leaves
                prof["mode"] = ca.leaf("security-mode")
                psk = ca.one("pre-shared-key")
                prof["ckn"], prof["cak"] = psk.leaf("ckn"), _unquote(psk.leaf("cak"))
            for intfs in block.get("interfaces"):
                for intf in intfs.blocks:
                    port = _macsec_port(ports, intf.name)
                    port["enabled"], port["profile"] = True, intf.leaf("connectivity-association")
    elif dialect == "sros":
        root = brace_tree(text)
        configure = root.one("configure")
        for block in configure.get("macsec"):
            for ca in block.get("connectivity-association"):
                prof = profiles.setdefault(_unquote(ca.name.split(None, 1)[1]), {})
                prof["cipher"] = ca.leaf("cipher-suite")
                psk = ca.one("static-cak").one("pre-shared-key")
                prof["ckn"], prof["cak"] = _unquote(psk.leaf("ckn")), _unquote(psk.leaf("cak"))
                prof["key_algorithm"] = psk.leaf("encryption-type")
        for port_block in configure.get("port"):
            for eth in port_block.get("ethernet"):
                for dot1x in eth.get("dot1x"):
                    for sub in dot1x.one("macsec").get("sub-port"):
                        port = _macsec_port(ports, port_block.name.split()[1])
                        port["enabled"], port["profile"] = True, _unquote(sub.leaf("ca-name"))
    else:
        return ports  # FRR: no MACsec statements exist in the dialect
    for port in ports.values():
        prof = profiles.get(port["profile"], {})
        if port.get("keychain") not in (None, port["profile"]):
            prof = dict(prof, **{k: v for k, v in profiles.get(port["keychain"], {}).items() if k in ("ckn", "cak")})
        for key in ("cipher", "ckn", "cak", "key_algorithm", "sci", "mode"):
            if key in prof:
                port[key] = prof[key]
    return ports
