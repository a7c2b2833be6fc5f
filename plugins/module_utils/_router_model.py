# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The router data model: what a router facing Microsoft's edge (MSEE) needs from one peering.

Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.

Two entry points, both pure functions (no Ansible imports, so the unit tests call them directly):

- ``build_router_model(peering, circuit, options)`` turns a ``peering`` result (the shape in
  docs/development.md, or plain variables with the same keys) into one validated model;
- ``group_devices(models, dialect, device_role, default_interfaces)`` groups models by router and
  resolves the dialect's interface names, which is what one rendered file holds.

Every rule violation raises ``RouterModelError`` whose message names the field, the rule and the fix.
Facts behind the rules: ../shared/reference/router_config.md (Microsoft's routing, BFD, NAT and QoS pages).
"""

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import ipaddress
import re
from collections.abc import Mapping
from typing import Any, NoReturn

from . import _asn as asn_rules
from ._peering import link_hosts

# Microsoft's AS and the reserved/refused ASNs live in _asn, shared with the peering modules.
AZURE_ASN = asn_rules.MICROSOFT_ASN
PEERING_TYPES = {"AzurePrivatePeering": "private", "MicrosoftPeering": "microsoft"}
SHORT_NAMES = {"private": "PRIV", "microsoft": "MSFT"}
# Prefixes Microsoft accepts per BGP session (advertised by the customer side).
# IPv6: 100 on private peering (any SKU), 200 on Microsoft peering (expressroute-routing.md, peering comparison).
ADVERTISE_LIMITS_V6 = {"private": 100, "microsoft": 200}
ADVERTISE_LIMITS = {
    ("private", "Standard"): 4000,
    ("private", "Premium"): 10000,
    ("private", "Local"): 4000,
    ("microsoft", "Standard"): 200,
    ("microsoft", "Premium"): 200,
    ("microsoft", "Local"): 200,
}
MSEE_BFD_MIN_MS = 300
# DSCP values Microsoft honours on Microsoft peering (expressroute-qos.md); anything else is reset to 0.
MICROSOFT_DSCP = {"ef": 46, "af41": 34, "af21": 18, "af11": 10, "cs0": 0}
RFC1918 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
MD5_RE = re.compile(r"^[A-Za-z0-9]{1,25}$")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
VRF_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$")
ENCAPSULATIONS = ("untagged", "dot1q", "qinq")
HANDOFF_KEYS = ("type", "tag", "s_tag", "c_tag")
PREFERENCE_MODES = ("none", "prepend", "more_specifics")
DIALECTS = ("iosxe", "iosxr", "junos", "eos", "sros", "frr")
DEVICE_ROLES = ("ce", "pe_vrf")
LINK_ROLES = ("primary", "secondary")
LINUX_IFNAMSIZ = 15

# Options the filter accepts next to the peering; anything else is a typo worth an error.
OPTION_KEYS = frozenset(
    (
        "circuit",
        "md5_key",
        "local_asn",
        "advertise",
        "advertise_limit",
        "receive_limit",
        "bfd",
        "preference",
        "encapsulation",
        "interfaces",
        "devices",
        "nat_pool",
        "nat_inside",
        "dscp_policy",
        "vrf",
        "router_id",
        "anchor_routes",
        "inside_interfaces",
        "macsec",
    )
)

# ExpressRoute Direct: MACsec on the physical links (expressroute-howto-macsec.md, "Configure MACsec on ExpressRoute
# Direct ports"; REST spec ExpressRouteLinkMacSecConfig). Azure's cipher names -> each dialect's keyword, and the
# MKA key algorithm the CAK length implies. FRR has none: MACsec on Linux is the kernel's and wpa_supplicant's
# (ip-macsec(8)), not the routing suite's, so an FRR file only notes it.
MACSEC_CIPHERS: dict[str, dict[str, Any]] = {
    "GcmAes128": {
        "bits": 128,
        "iosxe": "gcm-aes-128",
        "iosxr": "GCM-AES-128",
        "junos": "gcm-aes-128",
        "eos": "aes128-gcm",
        "sros": "gcm-aes-128",
    },
    "GcmAes256": {
        "bits": 256,
        "iosxe": "gcm-aes-256",
        "iosxr": "GCM-AES-256",
        "junos": "gcm-aes-256",
        "eos": "aes256-gcm",
        "sros": "gcm-aes-256",
    },
    "GcmAesXpn128": {
        "bits": 128,
        "iosxe": "gcm-aes-xpn-128",
        "iosxr": "GCM-AES-XPN-128",
        "junos": "gcm-aes-xpn-128",
        "eos": "aes128-gcm-xpn",
        "sros": "gcm-aes-xpn-128",
    },
    "GcmAesXpn256": {
        "bits": 256,
        "iosxe": "gcm-aes-xpn-256",
        "iosxr": "GCM-AES-XPN-256",
        "junos": "gcm-aes-xpn-256",
        "eos": "aes256-gcm-xpn",
        "sros": "gcm-aes-xpn-256",
    },
}
MACSEC_DIALECTS = ("iosxe", "iosxr", "junos", "eos", "sros")
HEX_RE = re.compile(r"^[0-9A-Fa-f]+$")


class RouterModelError(ValueError):
    """Bad input: the message names the field, the rule and the fix."""


def _fail(field: str, rule: str, fix: str) -> NoReturn:
    raise RouterModelError("%s: %s. Fix: %s" % (field, rule, fix))


# -- small validators ---------------------------------------------------------------------------------
def _int(value, field, low, high, fix):
    if isinstance(value, bool) or value is None:
        _fail(field, "must be an integer from %d to %d (got %r)" % (low, high, value), fix)
    try:
        number = int(str(value).strip())
    except ValueError:
        _fail(field, "must be an integer from %d to %d (got %r)" % (low, high, value), fix)
    if not low <= number <= high:
        _fail(field, "must be from %d to %d (got %d)" % (low, high, number), fix)
    return number


def _asn(value, field, fix):
    # The peering modules refuse the same numbers (one rule set: _asn.refusal).
    asn = _int(value, field, 0, asn_rules.MAX_ASN, fix)
    why = asn_rules.refusal(asn)
    if why:
        _fail(field, "AS %d is %s" % (asn, why), fix)
    return asn


def _network(value, field, fix, version=4):
    """A prefix of the given IP version (None: either)."""
    family = {4: "an IPv4", 6: "an IPv6", None: "a"}[version]
    try:
        net = ipaddress.ip_network(str(value).strip(), strict=True)
    except ValueError as exc:
        _fail(field, "%r is not %s network in CIDR form with its host bits zero (%s)" % (value, family, exc), fix)
    if version is not None and net.version != version:
        _fail(field, "%s is IPv%d; %s prefix is needed here" % (net, net.version, family), fix)
    return net


def _is_rfc1918(net):
    """Private space Microsoft peering refuses: RFC 1918, and for IPv6 unique-local fc00::/7 (RFC 4193)."""
    blocks = RFC1918 if net.version == 4 else (ipaddress.ip_network("fc00::/7"),)
    return any(net.subnet_of(block) or block.subnet_of(net) for block in blocks)


def _mapping(value, field):
    if value is None:
        return {}
    if not isinstance(value, dict):
        _fail(field, "must be a mapping (got %s)" % type(value).__name__, "pass a dict as documented")
    return value


def _unknown_keys(given, allowed, field):
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        _fail(field, "unknown key(s) %s" % ", ".join(unknown), "use only %s" % ", ".join(sorted(allowed)))


# -- the pieces of the model ------------------------------------------------------------------------------
def _peering_type(peering):
    raw = peering.get("peering_type") or peering.get("name")
    if raw not in PEERING_TYPES:
        _fail(
            "peering.peering_type",
            "must be AzurePrivatePeering or MicrosoftPeering (got %r)" % (raw,),
            "pass the peering module's result or set peering_type",
        )
    return PEERING_TYPES[raw]


def _link(prefix_value, field):
    net = _network(prefix_value, field, "give the /30 Azure was configured with, e.g. 192.168.100.128/30")
    if net.prefixlen != 30:
        _fail(field, "each link is a /30 (got /%d)" % net.prefixlen, "split the /29 into two /30s, primary first")
    return dict(_router_side(link_hosts(net)), netmask=str(net.netmask))


def _router_side(link):
    """A link's addresses as the router sees them: local_ip its own (the customer's or provider's address), peer_ip
    Microsoft's. The router model's public names (its RETURN, the dialect templates)."""
    return {
        "prefix": link["prefix"],
        "local_ip": link["customer_address"],
        "peer_ip": link["microsoft_address"],
        "prefix_length": link["prefix_length"],
    }


def _ipv6_links(peering, peering_type):
    """The peering's IPv6 part (the peering module's `ipv6`): a /126 per link (or one /125), the router on the first
    usable address and Microsoft on the second, as in IPv4. None when absent or disabled."""
    given = peering.get("ipv6")
    if not given:
        return None
    given = _mapping(given, "peering.ipv6")
    if given.get("state", given.get("peering_state")) not in (None, "Enabled"):
        return None  # the IPv6 sessions are disabled in Azure: render IPv4 only
    pair = given.get("prefix")
    if pair and (given.get("primary_prefix") or given.get("secondary_prefix")):
        _fail(
            "peering.ipv6",
            "prefix and primary_prefix/secondary_prefix are mutually exclusive",
            "give one /125 or two /126s",
        )
    if pair:
        net = _network(pair, "peering.ipv6.prefix", "give the /125 Azure was configured with", version=6)
        if net.prefixlen != 125:
            _fail("peering.ipv6.prefix", "must be a /125 (got /%d)" % net.prefixlen, "or give two /126s")
        prefixes = dict(zip(LINK_ROLES, (str(n) for n in net.subnets(new_prefix=126))))
    else:
        prefixes = {role: given.get("%s_prefix" % role) for role in LINK_ROLES}
    links = {}
    for role in LINK_ROLES:
        field = "peering.ipv6.%s_prefix" % role
        if not prefixes[role]:
            _fail(field, "is missing: Microsoft needs both links (two BGP sessions)", "give both /126s")
        net = _network(prefixes[role], field, "give the /126 Azure was configured with, e.g. 2001:db8::/126", version=6)
        if net.prefixlen != 126:
            _fail(field, "each IPv6 link is a /126 (got /%d)" % net.prefixlen, "split the /125 into two /126s")
        if peering_type == "microsoft" and _is_rfc1918(net):
            _fail(
                field,
                "Microsoft peering needs public addresses registered to you (got %s)" % net,
                "use public /126s from your RIR/IRR allocation",
            )
        links[role] = link_hosts(net)
    if ipaddress.ip_network(links["primary"]["prefix"]).overlaps(ipaddress.ip_network(links["secondary"]["prefix"])):
        _fail("peering.ipv6.secondary_prefix", "overlaps the primary link's /126", "use two distinct /126s")
    return links


def _md5(peering, options):
    key = options.get("md5_key")
    key = None if key in (None, "") else str(key)
    if key is not None and not MD5_RE.match(key):
        # Never echo the key itself: only its length.
        _fail(
            "md5_key",
            "Azure accepts at most 25 alphanumeric characters, no special characters (got %d characters)" % len(key),
            "use a key of 1-25 letters and digits on both sides",
        )
    key_set = peering.get("shared_key_set")
    if key_set is True and key is None:
        _fail(
            "md5_key",
            "peering.shared_key_set is true (Azure has an MD5 key) but no md5_key was given",
            "pass the key from your vault as md5_key; the peering result never carries it",
        )
    if key_set is False and key is not None:
        _fail(
            "md5_key",
            "peering.shared_key_set is false (Azure has no MD5 key) but md5_key was given",
            "set the key on the peering first, or drop md5_key",
        )
    return key


def _bfd(options):
    given = _mapping(options.get("bfd"), "bfd")
    _unknown_keys(given, ("enabled", "interval", "min_rx", "multiplier"), "bfd")
    bfd = {
        "enabled": bool(given.get("enabled", True)),
        "interval": MSEE_BFD_MIN_MS,
        "min_rx": MSEE_BFD_MIN_MS,
        "multiplier": 3,
    }
    for key in ("interval", "min_rx"):
        if key in given:
            bfd[key] = _int(
                given[key],
                "bfd.%s" % key,
                MSEE_BFD_MIN_MS,
                60000,
                "the MSEE runs 300 ms and the slower side wins: use 300 or more",
            )
    if "multiplier" in given:
        bfd["multiplier"] = _int(given["multiplier"], "bfd.multiplier", 2, 50, "use 3 as Microsoft's samples do")
    return bfd


def macsec_settings(options):
    """MACsec on the links of an ExpressRoute Direct port: the cipher and SCI state the port has in Azure and the
    CKN/CAK pair both ends share (Azure reads them from Key Vault; the router needs the values). None when absent."""
    given = options.get("macsec")
    if given is None or given == {}:
        return None
    given = _mapping(given, "macsec")
    _unknown_keys(given, ("cipher", "sci_state", "ckn", "cak"), "macsec")
    cipher = given.get("cipher", "GcmAes256")
    if cipher not in MACSEC_CIPHERS:
        _fail(
            "macsec.cipher",
            "must be one of %s (got %r)" % (", ".join(sorted(MACSEC_CIPHERS)), cipher),
            "use the cipher the port's links have in Azure",
        )
    sci = given.get("sci_state", "Disabled")
    if sci not in ("Enabled", "Disabled"):
        _fail("macsec.sci_state", "must be Enabled or Disabled (got %r)" % (sci,), "use the port's SCI state")
    # expressroute-howto-macsec.md: the CKN is an even-length string of up to 64 hexadecimal digits; the CAK is 32
    # hexadecimal digits for the 128-bit ciphers and 64 for the 256-bit ones. Keys are never echoed, only lengths.
    ckn = "" if given.get("ckn") is None else str(given["ckn"])
    if not ckn or not HEX_RE.match(ckn) or len(ckn) % 2 or len(ckn) > 64:
        _fail(
            "macsec.ckn",
            "must be an even number (2 to 64) of hexadecimal digits (got %d characters)" % len(ckn),
            "use the CKN stored in the Key Vault secret the port's links name",
        )
    cak = "" if given.get("cak") is None else str(given["cak"])
    bits = MACSEC_CIPHERS[cipher]["bits"]
    if not HEX_RE.match(cak or "-") or len(cak) != bits // 4:
        _fail(
            "macsec.cak",
            "%s needs a CAK of %d hexadecimal digits (got %d characters)" % (cipher, bits // 4, len(cak)),
            "use the CAK stored in the Key Vault secret the port's links name",
        )
    return {
        "cipher": cipher,
        "sci": sci == "Enabled",
        "ckn": ckn.upper(),
        "cak": cak.upper(),
        "key_algorithm": "aes-%d-cmac" % bits,
        "names": {d: MACSEC_CIPHERS[cipher][d] for d in MACSEC_DIALECTS},
    }


def _preference(options, peering_type, session_asn):
    given = _mapping(options.get("preference"), "preference")
    _unknown_keys(
        given, ("mode", "prepend_count", "primary_local_preference", "secondary_local_preference"), "preference"
    )
    mode = given.get("mode", "prepend")
    if mode not in PREFERENCE_MODES:
        _fail(
            "preference.mode",
            "must be one of %s (got %r)" % (", ".join(PREFERENCE_MODES), mode),
            "none = active-active, prepend = AS-path prepend on the secondary, more_specifics = the primary "
            "also advertises each prefix split in two",
        )
    count = _int(given.get("prepend_count", 2), "preference.prepend_count", 1, 10, "prepend 1 to 10 times")
    if mode == "prepend" and peering_type == "microsoft" and asn_rules.is_private(session_asn):
        _fail(
            "preference.mode",
            "Microsoft strips private ASNs on Microsoft peering, so prepending AS %d has no effect" % session_asn,
            "use mode: more_specifics (or none) on Microsoft peering with a private ASN",
        )
    prefs = {}
    # Active-active (mode none) leaves the return path to BGP's tie-breaking unless preferences are given.
    defaults = (("primary", None), ("secondary", None)) if mode == "none" else (("primary", 150), ("secondary", 100))
    for role, default in defaults:
        field = "preference.%s_local_preference" % role
        value = given.get("%s_local_preference" % role, default)
        prefs[role] = None if value is None else _int(value, field, 0, 4294967295, "use e.g. 150 and 100")
    return {"mode": mode, "prepend_count": count if mode == "prepend" else 0, "local_preference": prefs}


def _advertise(options, peering, peering_type):
    """The prefixes to advertise, and per prefix the user's `aggregate` mark (None when not marked)."""
    mpc = peering.get("microsoft_peering_config") or {}
    raw = options.get("advertise")
    if raw is None and peering_type == "microsoft":
        raw = list(mpc.get("advertised_public_prefixes") or [])
        # The IPv6 Microsoft peering keeps its own prefixes (the peering module's ipv6.microsoft_peering).
        mpc6 = (peering.get("ipv6") or {}).get("microsoft_peering_config") or {}
        raw += list(mpc6.get("advertised_public_prefixes") or [])
    if raw is None:
        raw = []
    if isinstance(raw, str) or not isinstance(raw, (list, tuple)):
        _fail("advertise", "must be a list of IPv4 prefixes", "write advertise: [10.1.15.0/25]")
    nets = []
    marks = {}
    for index, item in enumerate(raw):
        field = "advertise[%d]" % index
        mark = None
        if isinstance(item, dict):
            _unknown_keys(item, ("prefix", "aggregate"), field)
            if item.get("prefix") in (None, ""):
                _fail("%s.prefix" % field, "is missing", "write {prefix: 10.1.0.0/16, aggregate: true}")
            mark = item.get("aggregate")
            if mark is not None and not isinstance(mark, bool):
                _fail(
                    "%s.aggregate" % field,
                    "must be true or false (got %r)" % (mark,),
                    "true = this router originates the prefix with a discard route, false = your network "
                    "supplies it as a route",
                )
            item = item["prefix"]
        net = _network(item, field, "write the prefix with its host bits zero, e.g. 10.1.15.0/25", version=None)
        if peering_type == "microsoft":
            if net.prefixlen == 0:
                _fail(
                    field,
                    "a default route may only be advertised on private peering",
                    "remove 0.0.0.0/0 from the Microsoft peering",
                )
            if _is_rfc1918(net):
                _fail(
                    field,
                    "%s is RFC 1918 space, which Microsoft peering refuses" % net,
                    "advertise only the public prefixes registered to you (your NAT pool)",
                )
        if net in nets:
            _fail(field, "%s is listed twice" % net, "list each prefix once")
        nets.append(net)
        marks[net] = mark
    if not [n for n in nets if n.version == 4]:
        _fail(
            "advertise",
            "no prefixes to advertise to Microsoft",
            "set advertise (or microsoft_peering_config.advertised_public_prefixes for Microsoft peering)",
        )
    return nets, marks


def _anchor_default(options, peering_type):
    """Whether an advertised prefix the user did not mark is anchored, and whether the NAT pool is.

    auto (default): Microsoft peering's prefixes are the public NAT space toward Microsoft, which nothing inside
    originates (and the Internet must not see), so they and the pool are anchored; private peering's prefixes are
    expected from the customer's network (IGP, connected) unless marked `aggregate`.
    """
    value = options.get("anchor_routes")
    if value is None or value == "auto":
        return peering_type == "microsoft", True
    if isinstance(value, bool):
        return value, value
    _fail(
        "anchor_routes",
        "must be auto, true or false (got %r)" % (value,),
        "auto anchors the NAT pool and Microsoft peering's prefixes, true every advertised prefix, false none "
        "(your network supplies them as routes); mark single prefixes with advertise: [{prefix, aggregate}]",
    )


def _more_specifics(nets):
    halves = []
    for index, net in enumerate(nets):
        if net.prefixlen >= net.max_prefixlen:
            _fail(
                "advertise[%d]" % index,
                "%s cannot be split for preference.mode more_specifics" % net,
                "advertise a shorter prefix or use mode: prepend",
            )
        halves.extend(net.subnets(prefixlen_diff=1))
    return halves


def _limits(options, circuit, peering_type, primary_count):
    tier = circuit.get("tier") or "Standard"
    if (peering_type, tier) not in ADVERTISE_LIMITS:
        _fail("circuit.tier", "must be Standard, Premium or Local (got %r)" % (tier,), "pass the circuit result")
    limit = ADVERTISE_LIMITS[(peering_type, tier)]
    if options.get("advertise_limit") is not None:
        limit = _int(
            options["advertise_limit"],
            "advertise_limit",
            1,
            ADVERTISE_LIMITS[(peering_type, tier)],
            "Microsoft drops the session above %d prefixes on this peering type and SKU"
            % ADVERTISE_LIMITS[(peering_type, tier)],
        )
    if primary_count > limit:
        _fail(
            "advertise",
            "%d prefixes (with more-specifics) exceed the limit of %d for %s peering on a %s "
            "circuit; Microsoft drops the BGP session above it" % (primary_count, limit, peering_type, tier),
            "summarise the prefixes"
            + (" or upgrade the circuit to Premium" if peering_type == "private" and tier != "Premium" else ""),
        )
    receive = options.get("receive_limit")
    if receive is not None:
        receive = _int(receive, "receive_limit", 1, 1000000, "size it to the prefixes Azure sends you")
    return limit, receive


def _microsoft(options, nets, peering_type, links):
    keys = ("nat_pool", "nat_inside", "dscp_policy")
    if peering_type != "microsoft":
        for key in keys:
            if options.get(key) is not None:
                _fail(
                    key,
                    "applies to Microsoft peering only (NAT and DSCP are reset on private peering)",
                    "drop %s for private peering" % key,
                )
        return None
    for link in links:
        if _is_rfc1918(ipaddress.ip_network(link["prefix"])):
            _fail(
                "peering.%s_prefix" % link["role"],
                "Microsoft peering needs public addresses registered to you (got %s)" % link["prefix"],
                "use public /30s from your RIR/IRR allocation",
            )
    if options.get("nat_pool") is None:
        _fail(
            "nat_pool",
            "Microsoft peering traffic must be source-NATed to a public pool advertised to Microsoft",
            "set nat_pool to a public prefix that is inside one of the advertised prefixes",
        )
    pool = _network(options["nat_pool"], "nat_pool", "write the pool as a CIDR prefix, e.g. 203.0.113.0/28")
    if _is_rfc1918(pool):
        _fail("nat_pool", "%s is RFC 1918 space; Microsoft needs a public pool" % pool, "use a public prefix")
    if not any(pool.subnet_of(net) for net in nets):
        _fail(
            "nat_pool",
            "%s is not covered by any advertised prefix, so return traffic has no route" % pool,
            "add the pool (or a covering prefix) to advertise",
        )
    inside = options.get("nat_inside")
    if inside is None:
        inside = [str(block) for block in RFC1918]
    if isinstance(inside, str) or not isinstance(inside, (list, tuple)) or not inside:
        _fail("nat_inside", "must be a non-empty list of prefixes", "list the inside source prefixes to translate")
    inside = [
        _prefix_forms(_network(item, "nat_inside[%d]" % i, "write e.g. 10.0.0.0/8")) for i, item in enumerate(inside)
    ]
    dscp = _mapping(options.get("dscp_policy"), "dscp_policy")
    _unknown_keys(dscp, ("enabled",), "dscp_policy")
    hosts = list(pool.hosts()) or [pool.network_address]
    return {
        "nat_pool": str(pool),
        "nat_pool_first": str(hosts[0]),
        "nat_pool_last": str(hosts[-1]),
        "nat_pool_netmask": str(pool.netmask),
        "nat_pool_length": pool.prefixlen,
        "nat_inside": inside,
        "dscp": {"enabled": bool(dscp.get("enabled", True)), "allowed": dict(MICROSOFT_DSCP), "remark_to": 0},
    }


def _route_value(value, field, fix):
    """An RD or RT: ASN:number or IPv4:number."""
    text = str(value).strip()
    match = re.match(r"^(\d+|\d+\.\d+\.\d+\.\d+):(\d+)$", text)
    if not match:
        _fail(field, "must be ASN:number or IPv4:number (got %r)" % (value,), fix)
    admin, number = match.groups()
    if "." in admin:
        _network(admin + "/32", field, fix)
        _int(number, field, 0, 65535, fix)
    else:
        _int(admin, field, 1, 4294967295, fix)
        _int(number, field, 0, 65535 if int(admin) > 65535 else 4294967295, fix)
    return text


def _vrf(options):
    given = options.get("vrf")
    if given is None:
        return None
    given = _mapping(given, "vrf")
    _unknown_keys(given, ("name", "rd", "route_target", "import_target", "export_target"), "vrf")
    name = given.get("name")
    if not name or not VRF_NAME_RE.match(str(name)):
        _fail("vrf.name", "must be 1-31 letters, digits, '-' or '_' (got %r)" % (name,), "e.g. vrf: {name: CUST-A}")
    rd = _route_value(given.get("rd"), "vrf.rd", "e.g. rd: '65000:100'")
    targets = {}
    for key in ("import_target", "export_target"):
        value = given.get(key, given.get("route_target"))
        if value is None:
            _fail(
                "vrf.%s" % key,
                "the VRF needs an import and an export route target",
                "set vrf.route_target (both) or vrf.%s" % key,
            )
        targets[key] = _route_value(value, "vrf.%s" % key, "e.g. '65000:100'")
    return {
        "name": str(name),
        "rd": rd,
        "import_target": targets["import_target"],
        "export_target": targets["export_target"],
    }


def _names(options, field, default):
    given = _mapping(options.get(field), field)
    _unknown_keys(given, LINK_ROLES, field)
    return {role: given.get(role, default) for role in LINK_ROLES}


def _interfaces(options):
    given = _names(options, "interfaces", None)
    result: dict[str, Any] = {}
    for role, value in given.items():
        field = "interfaces.%s" % role
        if value is None:
            result[role] = {}
        elif isinstance(value, str):
            result[role] = {"*": value}
        elif isinstance(value, dict):
            _unknown_keys(value, DIALECTS + ("*",), field)
            result[role] = {k: str(v) for k, v in value.items()}
        else:
            _fail(field, "must be an interface name or a mapping dialect -> name", "e.g. GigabitEthernet0/0/0")
        for name in result[role].values():
            if not re.match(r"^[A-Za-z0-9][A-Za-z0-9/:._-]*$", name):
                _fail(field, "%r is not an interface name" % name, "use the parent port's name, e.g. xe-0/0/0")
    return result


def _handoff(value, field, vlan, circuit_stag):
    """One provider hand-off: what arrives on the router's port (untagged, 802.1Q, or QinQ S-tag + C-tag)."""
    if isinstance(value, str):
        value = {"type": value}
    value = _mapping(value, field)
    _unknown_keys(value, HANDOFF_KEYS, field)
    kind = value.get("type")
    fix = "name what the provider hands over: untagged, {type: dot1q, tag: N} or {type: qinq, s_tag: S, c_tag: C}"
    if kind == "auto":
        _fail(
            "%s.type" % field,
            "auto is no longer accepted: the circuit's S-tag is the tag between the provider and "
            "Microsoft, not what the provider hands you",
            fix,
        )
    if kind not in ENCAPSULATIONS:
        _fail("%s.type" % field, "must be one of %s (got %r)" % (", ".join(ENCAPSULATIONS), kind), fix)
    given = sorted(k for k in ("tag", "s_tag", "c_tag") if value.get(k) is not None)
    if kind == "untagged":
        if given:
            _fail(field, "an untagged hand-off carries no tags (got %s)" % ", ".join(given), "drop the tags")
        return {"type": "untagged", "outer": None, "inner": None}
    if kind == "dot1q":
        if "s_tag" in given or "c_tag" in given:
            _fail(field, "an 802.1Q hand-off has one tag, `tag`", "use tag, or type: qinq with s_tag and c_tag")
        tag = value.get("tag", vlan)
        if tag is not None:  # None only for a handoff written before the provider chose the VLAN
            tag = _int(
                tag, "%s.tag" % field, 1, 4094, "the VLAN ID the provider hands over (default: the peering's VLAN ID)"
            )
        return {"type": "dot1q", "outer": None, "inner": tag}
    if "tag" in given:
        _fail("%s.tag" % field, "a QinQ hand-off has two tags", "use s_tag (outer) and c_tag (inner)")
    outer = value.get("s_tag")
    if outer is None:
        _fail(
            "%s.s_tag" % field,
            "a QinQ hand-off needs the outer tag (S-tag) the provider hands over",
            "set s_tag to it, or s_tag: circuit where this router faces Microsoft's port itself (a provider PE)",
        )
    if outer == "circuit" and circuit_stag is _UNKNOWN:
        outer = None  # a handoff written before the provider provisioned the circuit
    elif outer == "circuit":
        if not circuit_stag:
            _fail(
                "%s.s_tag" % field,
                "s_tag: circuit, but the circuit has no S-tag (not provisioned yet, or the "
                "circuit result was not passed)",
                "pass the provisioned circuit's result, or give the number",
            )
        outer = circuit_stag
    if outer is not None:
        outer = _int(outer, "%s.s_tag" % field, 1, 4094, "the outer VLAN ID the provider hands over")
    inner = value.get("c_tag", vlan)
    if inner is not None:
        inner = _int(
            inner,
            "%s.c_tag" % field,
            1,
            4094,
            "the inner VLAN ID the provider hands over (default: the peering's VLAN ID)",
        )
    return {"type": "qinq", "outer": outer, "inner": inner}


def _encapsulation(options, circuit, vlan):
    """Per link, what the provider hands over. The default is 802.1Q with the peering's VLAN ID (Microsoft's samples:
    one sub-interface per peering); a QinQ S-tag is never guessed from the circuit."""
    if options.get("stag") is not None:
        _fail(
            "stag",
            "was replaced: the circuit's S-tag is the tag between the provider and Microsoft, not necessarily "
            "what your router receives",
            "write encapsulation: {type: qinq, s_tag: N} (s_tag: circuit to use the circuit's own)",
        )
    given = options.get("encapsulation")
    if given is None:
        given = "dot1q"
    circuit_stag = circuit.get("stag")
    if isinstance(given, dict) and set(given) & set(LINK_ROLES):
        _unknown_keys(given, LINK_ROLES, "encapsulation")
        for role in LINK_ROLES:
            if given.get(role) is None:
                _fail(
                    "encapsulation.%s" % role,
                    "is missing: a hand-off per link needs both links",
                    "set encapsulation.primary and encapsulation.secondary, or one hand-off for both",
                )
        return {role: _handoff(given[role], "encapsulation.%s" % role, vlan, circuit_stag) for role in LINK_ROLES}
    one = _handoff(given, "encapsulation", vlan, circuit_stag)
    return {role: dict(one) for role in LINK_ROLES}


def _handoff_text(handoff):
    def tag(value, unknown):
        return unknown if value is None else str(value)

    if handoff["type"] == "qinq":
        return "QinQ S-tag %s C-tag %s" % (
            tag(handoff["outer"], "= the circuit's (assigned when provisioned)"),
            tag(handoff["inner"], "= the peering's VLAN ID"),
        )
    if handoff["type"] == "dot1q":
        return "802.1Q tag %s" % tag(handoff["inner"], "= the peering's VLAN ID")
    return "untagged"


_UNKNOWN = object()


def handoff_summary(peering_type, peering, circuit=None, options=None):
    """What the provider handoff states for one peering, from the roles' inputs (Azure may not have the peering yet):
    the hand-off per link, Microsoft's prefix limit, and what the rendered configuration anchors versus what the
    customer's network must supply as routes. Same rules as build_router_model; bad input raises RouterModelError."""
    if peering_type not in PEERING_TYPES:
        _fail(
            "peering_type",
            "must be AzurePrivatePeering or MicrosoftPeering (got %r)" % (peering_type,),
            "pass the peering's type",
        )
    kind = PEERING_TYPES[peering_type]
    peering = _mapping(peering, "peering")
    circuit = _mapping(circuit, "circuit")
    options = dict(options or {})
    vlan = peering.get("vlan_id")
    vlan = None if vlan in (None, "") else _int(vlan, "vlan_id", 1, 4094, "the peering's VLAN ID")
    stag = circuit.get("stag") or _UNKNOWN
    handoffs = _encapsulation(options, {"stag": stag}, vlan)
    for handoff in handoffs.values():
        handoff["text"] = _handoff_text(handoff)
    tier = circuit.get("tier") or "Standard"
    limit = ADVERTISE_LIMITS.get((kind, tier), ADVERTISE_LIMITS[(kind, "Standard")])
    advertise = peering.get("advertise")
    # The IPv6 Microsoft peering's own prefixes (the roles' ipv6.microsoft_peering, as the peering module's).
    mp6 = (_mapping(peering.get("ipv6"), "peering.ipv6") if peering.get("ipv6") else {}).get("microsoft_peering")
    if advertise is None and kind == "microsoft":
        advertise = list(peering.get("advertised_public_prefixes") or []) + list(
            (mp6 or {}).get("advertised_public_prefixes") or []
        )
    anchored, supplied, pool = [], [], None
    if advertise:
        nets, marks = _advertise(dict(options, advertise=advertise), {}, kind)
        by_default, anchor_pool = _anchor_default(options, kind)
        anchored = [str(n) for n in nets if (by_default if marks[n] is None else marks[n])]
        supplied = [str(n) for n in nets if str(n) not in anchored]
        if kind == "microsoft" and peering.get("nat_pool") and anchor_pool:
            pool = str(_network(peering["nat_pool"], "nat_pool", "write the pool as a CIDR prefix"))
    # The IPv6 links (the same rules as the router model: first usable address yours, second Microsoft's).
    links6 = _ipv6_links(peering, kind)
    if links6 and kind == "microsoft" and not (mp6 or {}).get("advertised_public_prefixes"):
        # The peering module needs them too (ipv6.microsoft_peering is required on an IPv6 Microsoft peering).
        _fail(
            "peering.ipv6.microsoft_peering.advertised_public_prefixes",
            "is missing: an IPv6 Microsoft peering announces public IPv6 prefixes registered to you",
            "write ipv6: {..., microsoft_peering: {advertised_public_prefixes: [2001:db8:3000::/48]}}",
        )
    ipv6 = None if not links6 else {role: dict(link) for role, link in links6.items()}
    return {
        "encapsulation": handoffs,
        "advertise_limit": limit,
        "anchored": anchored,
        "supplied": supplied,
        "nat_pool_anchored": pool,
        "ipv6": ipv6,
        "advertise_limit_ipv6": ADVERTISE_LIMITS_V6[kind] if links6 else None,
    }


def _inside_interfaces(options, peering_type):
    """Microsoft peering: the router's interfaces toward the inside networks (NAT inside; EOS's ingress DSCP policy)."""
    given = options.get("inside_interfaces")
    # A property of the router, often given once for all peerings (<model>_router): private peering has no use for it.
    if given is None or peering_type != "microsoft":
        return {}
    if isinstance(given, (list, tuple)):
        given = {"*": given}
    given = _mapping(given, "inside_interfaces")
    _unknown_keys(given, DIALECTS + ("*",), "inside_interfaces")
    result = {}
    for dialect, names in given.items():
        field = "inside_interfaces.%s" % dialect if dialect != "*" else "inside_interfaces"
        if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names:
            _fail(field, "must be a non-empty list of interface names", "e.g. inside_interfaces: [Ethernet3]")
        for name in names:
            if not re.match(r"^[A-Za-z0-9][A-Za-z0-9/:._-]*$", str(name)):
                _fail(field, "%r is not an interface name" % (name,), "use the interface's name, e.g. Ethernet3")
        result[dialect] = [str(n) for n in names]
    return result


def _prefix_forms(prefix):
    """The ways dialects write a prefix: 10.1.15.0/25, 10.1.15.0 255.255.255.128, wildcard 0.0.0.127."""
    net = ipaddress.ip_network(prefix)
    return {
        "prefix": str(net),
        "address": str(net.network_address),
        "netmask": str(net.netmask),
        "wildcard": str(net.hostmask),
        "length": net.prefixlen,
        "version": net.version,
    }


def _sanitize(name):
    return re.sub(r"[^A-Z0-9]+", "-", str(name).upper()).strip("-")


def _circuit_name(circuit, peering):
    circuit_name = circuit.get("name") or peering.get("circuit")
    if not circuit_name or not NAME_RE.match(str(circuit_name)):
        _fail(
            "circuit.name",
            "the circuit's name is needed for file headers and policy names (got %r)" % (circuit_name,),
            "pass the circuit result or set peering.circuit",
        )
    return circuit_name


def _asns(peering, options):
    """(peer_asn: the ASN Azure's peering has, local_asn: the router's BGP process ASN)."""
    peer_asn = _asn(peering.get("peer_asn"), "peering.peer_asn", "use the ASN Azure's peering was configured with")
    local_asn = peer_asn
    if options.get("local_asn") is not None:
        local_asn = _asn(options["local_asn"], "local_asn", "give the router's BGP process ASN")
    azure_asn = peering.get("azure_asn") or AZURE_ASN
    if int(azure_asn) != AZURE_ASN:
        _fail(
            "peering.azure_asn",
            "Microsoft is AS %d on every peering (got %r)" % (AZURE_ASN, azure_asn),
            "leave azure_asn unset or 12076",
        )
    return peer_asn, local_asn


def _links(peering, options, circuit_name, handoffs):
    """The primary and secondary link: its /30, the device and interface that terminate it, its handoff."""
    devices = _names(options, "devices", None)
    interfaces = _interfaces(options)
    links = []
    for role in LINK_ROLES:
        link = _link(peering.get("%s_prefix" % role), "peering.%s_prefix" % role)
        device = devices[role] or "%s-%s" % (circuit_name, role)
        if not NAME_RE.match(str(device)):
            _fail("devices.%s" % role, "%r is not a usable device name" % device, "use letters, digits, '-', '_'")
        link.update(
            {
                "role": role,
                "device": str(device),
                "interface": interfaces[role],
                "handoff": handoffs[role],
                "handoff_text": _handoff_text(handoffs[role]),
            }
        )
        links.append(link)
    primary_net = ipaddress.ip_network(links[0]["prefix"])
    if primary_net.overlaps(ipaddress.ip_network(links[1]["prefix"])):
        _fail("peering.secondary_prefix", "overlaps the primary link's /30", "use two distinct /30s")
    return links


def _check_advertise_outside_links(nets, links, links6):
    for net in nets:
        if net.version == 6 and not links6:
            _fail(
                "advertise",
                "%s is IPv6 but the peering has no (enabled) IPv6 link prefixes" % net,
                "configure the peering's ipv6 part, or advertise IPv4 prefixes only",
            )
        for role, link in [(link4["role"], link4) for link4 in links] + sorted((links6 or {}).items()):
            if net.version == ipaddress.ip_network(link["prefix"]).version and net.overlaps(
                ipaddress.ip_network(link["prefix"])
            ):
                _fail(
                    "advertise",
                    "%s overlaps the %s link %s" % (net, role, link["prefix"]),
                    "advertise your own networks, not the peering's link prefixes",
                )


def _check_ipv6_limit(nets, peering_type):
    count6 = len([n for n in nets if n.version == 6])
    if count6 > ADVERTISE_LIMITS_V6[peering_type]:
        _fail(
            "advertise",
            "%d IPv6 prefixes (with more-specifics) exceed the limit of %d for %s peering; Microsoft "
            "drops the BGP session above it" % (count6, ADVERTISE_LIMITS_V6[peering_type], peering_type),
            "summarise the IPv6 prefixes",
        )


def _link_policy(link, nets, extra, anchored, anchored_extra, nat_pool, preference, peer_asn, links6):
    """What one link advertises, anchors and prepends (the more-specifics only on the primary link); its IPv6
    session, when the peering has one: the same interface, its own /126, the IPv6 prefixes, the same policy."""
    is_primary = link["role"] == "primary"
    mine = nets + (extra if is_primary else [])
    held = anchored + (anchored_extra if is_primary else [])
    link["advertise"] = [str(n) for n in mine if n.version == 4]
    link["anchors"] = [str(n) for n in held if n.version == 4]
    if nat_pool and nat_pool not in link["anchors"]:
        link["anchors"].append(nat_pool)
    link["supplied"] = [p for p in link["advertise"] if p not in link["anchors"]]
    link["prepend"] = [peer_asn] * preference["prepend_count"] if not is_primary else []
    link["local_preference"] = preference["local_preference"][link["role"]]
    link["ipv6"] = None
    if links6:
        six = _router_side(links6[link["role"]])
        six["advertise"] = [str(n) for n in mine if n.version == 6]
        six["anchors"] = [str(n) for n in held if n.version == 6]
        six["supplied"] = [p for p in six["advertise"] if p not in six["anchors"]]
        link["ipv6"] = six


def build_router_model(peering, circuit=None, options=None):
    """One peering (module result or plain variables) -> the validated router model (a plain dict)."""
    if not isinstance(peering, dict):
        _fail(
            "peering",
            "must be the peering result (a mapping), got %s" % type(peering).__name__,
            "pass peering_result.peering or a dict with the same keys",
        )
    options = dict(options or {})
    _unknown_keys(options, OPTION_KEYS | {"stag"}, "router_model options")
    circuit = _mapping(circuit if circuit is not None else options.get("circuit"), "circuit")
    peering_type = _peering_type(peering)
    if peering.get("state") not in (None, "Enabled"):
        _fail("peering.state", "the peering is %s" % peering.get("state"), "enable the peering first")

    circuit_name = _circuit_name(circuit, peering)
    peer_asn, local_asn = _asns(peering, options)
    vlan = _int(peering.get("vlan_id"), "peering.vlan_id", 1, 4094, "use the C-tag Azure's peering has")
    links = _links(peering, options, circuit_name, _encapsulation(options, circuit, vlan))

    # Microsoft sees peer_asn (local-as replaces the process ASN when they differ), so that is what is prepended.
    preference = _preference(options, peering_type, peer_asn)
    links6 = _ipv6_links(peering, peering_type)
    nets, marks = _advertise(options, peering, peering_type)
    _check_advertise_outside_links(nets, links, links6)
    extra = _more_specifics(nets) if preference["mode"] == "more_specifics" else []
    advertise_limit, receive_limit = _limits(
        options, circuit, peering_type, len([n for n in nets + extra if n.version == 4])
    )
    _check_ipv6_limit(nets + extra, peering_type)
    microsoft = _microsoft(options, [n for n in nets if n.version == 4], peering_type, links)
    # Origination: BGP announces only prefixes that exist as routes. Anchored ones get a discard route here (their
    # more-specifics too); the others must come from the customer's network.
    by_default, anchor_pool = _anchor_default(options, peering_type)
    anchored = [n for n in nets if (by_default if marks[n] is None else marks[n])]
    anchored_extra = [h for h in extra if any(h.version == n.version and h.subnet_of(n) for n in anchored)]
    pool = microsoft["nat_pool"] if microsoft and anchor_pool else None
    for link in links:
        _link_policy(link, nets, extra, anchored, anchored_extra, pool, preference, peer_asn, links6)
    router_id = options.get("router_id")
    if router_id is not None:
        router_id = str(_network(str(router_id) + "/32", "router_id", "give an IPv4 address").network_address)

    return {
        "circuit": str(circuit_name),
        "circuit_id": circuit.get("id"),
        "service_key_known": bool(circuit.get("service_key")),
        "peering": peering.get("name")
        or {"private": "AzurePrivatePeering", "microsoft": "MicrosoftPeering"}[peering_type],
        "peering_id": peering.get("id"),
        "peering_type": peering_type,
        "policy_stem": "%s-%s" % (_sanitize(circuit_name), SHORT_NAMES[peering_type]),
        "tier": circuit.get("tier") or "Standard",
        "local_asn": local_asn,
        "peer_asn": peer_asn,
        "azure_asn": AZURE_ASN,
        "vlan": vlan,
        "circuit_stag": circuit.get("stag"),
        # ExpressRoute Direct: the circuit is on the customer's own port (no provider between them and Microsoft).
        "circuit_direct": bool(circuit.get("express_route_port")),
        "inside_interfaces": _inside_interfaces(options, peering_type),
        "md5_key": _md5(peering, options),
        "bfd": _bfd(options),
        "advertise": [str(n) for n in nets],
        "advertise_limit": advertise_limit,
        "advertise_limit6": ADVERTISE_LIMITS_V6[peering_type] if links6 else None,
        "ipv6": bool(links6),
        "receive_limit": receive_limit,
        "aggregates": [str(n) for n in anchored],
        "nat_pool_anchored": bool(microsoft and anchor_pool),
        "supplied": [str(n) for n in nets if n not in anchored],
        "preference": preference,
        "links": links,
        "microsoft": microsoft,
        "vrf": _vrf(options),
        "router_id": router_id,
        "macsec": macsec_settings(options),
    }


def build_router_models(peerings, circuit=None, options=None):
    """A peering or a list of them -> one model or a list of models.

    ``options["per_peering"]`` maps a peering name (AzurePrivatePeering, MicrosoftPeering) to options that
    override the common ones for that peering only (e.g. the NAT pool of the Microsoft peering).
    """
    options = dict(options or {})
    per_peering = _mapping(options.pop("per_peering", None), "per_peering")
    _unknown_keys(per_peering, PEERING_TYPES, "per_peering")
    for name, extra in per_peering.items():
        _unknown_keys(_mapping(extra, "per_peering.%s" % name), OPTION_KEYS, "per_peering.%s" % name)
    single = not isinstance(peerings, (list, tuple))
    models = []
    for index, peering in enumerate([peerings] if single else peerings):
        merged = dict(options)
        name = peering.get("name") or peering.get("peering_type") if isinstance(peering, dict) else None
        merged.update(per_peering.get(name) or {})
        try:
            models.append(build_router_model(peering, circuit, merged))
        except RouterModelError as exc:
            if single:
                raise
            raise RouterModelError("peerings[%d] (%s): %s" % (index, name, exc)) from exc
    return models[0] if single else models


# -- grouping by device, for one dialect --------------------------------------------------------------------
def _subinterface(dialect, parent, model, link):
    """The dialect's name for the logical interface carrying one peering on one parent port."""
    handoff = link["handoff"]
    if handoff["type"] == "untagged":
        return parent
    if dialect == "frr":
        # Linux names a VLAN device after its parent and tags; IFNAMSIZ limits the name to 15 characters.
        if handoff["type"] == "qinq":
            return "%s.%d.%d" % (parent, handoff["outer"], handoff["inner"])
        return "%s.%d" % (parent, handoff["inner"])
    if dialect == "sros":
        return "%s-%s" % (model["policy_stem"].lower(), "pri" if link["role"] == "primary" else "sec")
    return "%s.%d" % (parent, handoff["inner"])  # the unit / sub-interface number is the (inner) tag


def _sros_encap(handoff, port_encap):
    """The SAP's encapsulation value on a port of encap-type `port_encap` (null, dot1q, qinq)."""
    if handoff["type"] == "qinq":
        return "%d.%d" % (handoff["outer"], handoff["inner"])
    if handoff["type"] == "dot1q":
        return "%d.0" % handoff["inner"] if port_encap == "qinq" else str(handoff["inner"])
    return {"null": None, "dot1q": "0", "qinq": "0.*"}[port_encap]


def plain_copy(value):
    """A copy of plain data (mappings, lists, scalars) as dicts and lists.

    Not copy.deepcopy: under ansible-core 2.19+ a filter's input holds lazy
    containers, whose deep copy also copies their templating context (seconds
    per device file in a role run).
    """
    if isinstance(value, Mapping):
        return {key: plain_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_copy(item) for item in value]
    return value


def group_devices(models, dialect, device_role, default_interfaces=None):
    """Models -> one entry per device: what one rendered file holds, with interface names for `dialect`.

    `dialect` may be a list: the result is then the devices of each dialect in turn.
    """
    if isinstance(dialect, (list, tuple)):
        if not dialect:
            _fail("dialects", "is empty", "list at least one of %s" % ", ".join(DIALECTS))
        result = []
        for one in dialect:
            result.extend(group_devices(models, one, device_role, default_interfaces))
        return result
    if dialect not in DIALECTS:
        _fail("dialect", "must be one of %s (got %r)" % (", ".join(DIALECTS), dialect), "pick a supported dialect")
    if device_role not in DEVICE_ROLES:
        _fail(
            "device_role",
            "must be ce or pe_vrf (got %r)" % (device_role,),
            "ce for Layer 2 offerings, pe_vrf for managed Layer 3 / IPVPN",
        )
    models = plain_copy(models)
    if isinstance(models, dict):
        models = [models]
    if not isinstance(models, (list, tuple)) or not models:
        _fail("models", "must be a non-empty list of router models", "pass the router_model filter's output")
    defaults = _mapping(default_interfaces, "default_interfaces").get(dialect) or {}
    devices: list[dict[str, Any]] = []
    for index, model in enumerate(models):
        if not isinstance(model, dict) or "links" not in model:
            _fail("models[%d]" % index, "is not a router model", "build it with hybridnet.expressroute.router_model")
        if device_role == "pe_vrf" and not model.get("vrf"):
            _fail(
                "models[%d].vrf" % index,
                "device role pe_vrf puts the sessions in the customer's VRF, but %s %s "
                "has no vrf" % (model["circuit"], model["peering"]),
                "pass vrf: {name, rd, route_target}",
            )
        for link in model["links"]:
            _add_sessions(devices, model, link, dialect, device_role, defaults)
    for device in devices:
        _finish_device(device, dialect, device_role)
    return devices


def _add_sessions(devices, model, link, dialect, device_role, defaults):
    """The link's BGP session (and its IPv6 session) on the device that terminates it, created on first use."""
    parent = link["interface"].get(dialect) or link["interface"].get("*") or defaults.get(link["role"])
    if not parent:
        _fail(
            "interfaces.%s" % link["role"],
            "no interface name for %s and no default for the dialect" % model["peering"],
            "set interfaces.%s or router_config_default_interfaces" % link["role"],
        )
    name = link["device"]
    device = next((d for d in devices if d["name"] == name), None)
    if device is None:
        device = {
            "name": name,
            "dialect": dialect,
            "device_role": device_role,
            "file": "%s.%s.cfg" % (name, dialect),
            "local_asn": model["local_asn"],
            "router_id": model["router_id"],
            "sessions": [],
        }
        devices.append(device)
    if device["local_asn"] != model["local_asn"]:
        _fail(
            "local_asn",
            "device %s would run BGP as both AS %d and AS %d" % (name, device["local_asn"], model["local_asn"]),
            "set the same local_asn for every peering on one router (sessions present peer_asn via local-as)",
        )
    subif = _subinterface(dialect, parent, model, link)
    if dialect == "frr" and len(subif) > LINUX_IFNAMSIZ:
        _fail(
            "interfaces.%s" % link["role"],
            "the Linux interface name %r is longer than %d characters" % (subif, LINUX_IFNAMSIZ),
            "use a shorter parent name (e.g. eth1)",
        )
    for other in device["sessions"]:
        shared = "untagged" in (other["handoff"]["type"], link["handoff"]["type"])
        if other["parent"] == parent and (shared or other["subinterface"] == subif):
            _fail(
                "interfaces.%s" % link["role"],
                "%s on %s is already used by %s %s"
                % (subif, name, other["model"]["circuit"], other["model"]["peering"]),
                "give each peering its own VLAN or parent port",
            )
    session = plain_copy(link)
    session.update(
        {
            "parent": parent,
            "subinterface": subif,
            "unit": link["handoff"]["inner"] or 0,
            "model": model,
            "family": 4,
            "name": "%s-%s" % (model["policy_stem"], "PRI" if link["role"] == "primary" else "SEC"),
        }
    )
    device["sessions"].append(session)
    if link["ipv6"]:
        # The link's IPv6 session: same interface and policy intent, its own addresses and prefix lists.
        six = dict(session)
        six.update(plain_copy(link["ipv6"]))
        six.update({"family": 6, "name": session["name"] + "-V6", "netmask": None, "ipv6": None})
        device["sessions"].append(six)


def _finish_device(device, dialect, device_role):
    """What one rendered file needs besides its sessions: models, ports, VLAN devices, origination, inside
    interfaces, VRFs and BGP contexts."""
    if device["router_id"] is None:
        device["router_id"] = device["sessions"][0]["local_ip"]
    device["models"] = _device_models(device)
    device["parents"] = sorted({s["parent"] for s in device["sessions"]})
    device["ports"] = _device_ports(device)
    device["vlan_devices"] = _vlan_devices(device)
    # Per model, what this router anchors and what must come from elsewhere (the file header says it).
    device["origination"] = {}
    for model in device["models"]:
        own = [s for s in device["sessions"] if s["model"] is model]
        device["origination"][model["policy_stem"]] = {
            "anchored": _merged(own, "anchors"),
            "supplied": _merged(own, "supplied"),
        }
    device["has_md5_key"] = any(m["md5_key"] for m in device["models"])
    device["has_macsec_key"] = any(p["macsec"] for p in device["ports"])
    device["inside"] = _device_inside(device, dialect)
    device["vrfs"] = _device_vrfs(device)
    device["contexts"] = _bgp_contexts(device, device_role)


def _merged(sessions, key):
    """The sessions' ``key`` lists merged, in order, without repeats."""
    merged: list[Any] = []
    for session in sessions:
        merged.extend(p for p in session[key] if p not in merged)
    return merged


def _device_models(device):
    models: list[dict[str, Any]] = []
    for session in device["sessions"]:
        if session["model"] not in models:
            if any(m["policy_stem"] == session["model"]["policy_stem"] for m in models):
                _fail(
                    "models",
                    "device %s holds two different models named %s" % (device["name"], session["model"]["policy_stem"]),
                    "render each circuit's peering once per device",
                )
            models.append(session["model"])
    return models


def _device_ports(device):
    """Per parent port: the encapsulation it needs (SR OS encap-type, Junos tagging), and what FRR's host creates."""
    ports = []
    for parent in device["parents"]:
        kinds = {s["handoff"]["type"] for s in device["sessions"] if s["parent"] == parent}
        encap = "qinq" if "qinq" in kinds else ("dot1q" if "dot1q" in kinds else "null")
        # MACsec belongs to the physical port (ExpressRoute Direct's link): every peering on it must agree.
        secured = [s["model"]["macsec"] for s in device["sessions"] if s["parent"] == parent]
        if any(m != secured[0] for m in secured):
            _fail(
                "macsec",
                "port %s on %s carries peerings with different MACsec settings" % (parent, device["name"]),
                "give every peering on one Direct port the same macsec (it is the port's, not the peering's)",
            )
        ports.append(
            {
                "name": parent,
                "encap": encap,
                "tagged": kinds != {"untagged"},
                "macsec": secured[0],
                "macsec_name": "%s-MACSEC" % _sanitize(parent) if secured[0] else None,
            }
        )
        for session in device["sessions"]:
            if session["parent"] == parent:
                session["sros_encap"] = _sros_encap(session["handoff"], encap)
    return ports


def _vlan_devices(device):
    """The VLAN devices a Linux host (FRR) creates for the IPv4 sessions' subinterfaces."""
    vlan_devices = []
    for session in device["sessions"]:
        if session["family"] != 4:
            continue
        handoff, parent = session["handoff"], session["parent"]
        if handoff["type"] == "qinq":
            outer = {"name": "%s.%d" % (parent, handoff["outer"]), "link": parent, "tag": handoff["outer"]}
            if outer not in vlan_devices:
                vlan_devices.append(outer)
            vlan_devices.append({"name": session["subinterface"], "link": outer["name"], "tag": handoff["inner"]})
        elif handoff["type"] == "dot1q":
            vlan_devices.append({"name": session["subinterface"], "link": parent, "tag": handoff["inner"]})
    return vlan_devices


def _device_inside(device, dialect):
    """The interfaces toward the inside networks: IOS-XE marks them `ip nat inside`; EOS applies QoS policies on
    ingress only, so the DSCP policy for traffic toward Microsoft is attached there."""
    inside: list[dict[str, Any]] = []
    for model in device["models"]:
        if not model["microsoft"]:
            continue
        names = model["inside_interfaces"].get(dialect) or model["inside_interfaces"].get("*") or []
        dscp = model["microsoft"]["dscp"]["enabled"]
        if dialect == "eos" and dscp and not names:
            _fail(
                "inside_interfaces",
                "EOS applies QoS policies on ingress only: the DSCP policy of %s %s must be "
                "attached to the interfaces facing your inside networks, and none are given"
                % (model["circuit"], model["peering"]),
                "set inside_interfaces (a list, or per dialect: {eos: [Ethernet3]}), or dscp_policy: {enabled: false}",
            )
        for intf in names:
            if dialect == "eos" and dscp and any(i["name"] == intf and i["policy"] for i in inside):
                _fail(
                    "inside_interfaces",
                    "%s on %s would carry two DSCP policies" % (intf, device["name"]),
                    "give each Microsoft peering its own inside interfaces",
                )
            inside.append(
                {
                    "name": intf,
                    "policy": model["policy_stem"] + "-DSCP" if dscp else None,
                    "model": model["policy_stem"],
                }
            )
    return inside


def _device_vrfs(device):
    vrfs: list[dict[str, Any]] = []
    for model in device["models"]:
        if model["vrf"] and model["vrf"] not in vrfs:
            if any(v["name"] == model["vrf"]["name"] for v in vrfs):
                _fail(
                    "vrf",
                    "device %s has two definitions of VRF %s" % (device["name"], model["vrf"]["name"]),
                    "use the same rd and route targets for one VRF name, or different names",
                )
            vrfs.append(model["vrf"])
    return vrfs


def _bgp_contexts(device, device_role):
    """What one BGP context holds: the global table for a CE, one VRF each for a PE; `networks` are what the
    context originates (the primary's list includes the secondary's, plus any more-specifics)."""
    if device_role == "ce":
        device["vrfs"] = []
        contexts = [{"vrf": None, "models": device["models"], "sessions": device["sessions"]}]
    else:
        contexts = [
            {
                "vrf": vrf,
                "models": [m for m in device["models"] if m["vrf"]["name"] == vrf["name"]],
                "sessions": [s for s in device["sessions"] if s["model"]["vrf"]["name"] == vrf["name"]],
            }
            for vrf in device["vrfs"]
        ]
    for context in contexts:
        networks, anchors = _merged(context["sessions"], "advertise"), _merged(context["sessions"], "anchors")
        # What the customer's network (a PE: the VPN) must supply as routes.
        context["supplied"] = [p for p in networks if p not in anchors]
        # A CE originates every advertised prefix (network statements; Junos and SR OS export policies match the
        # route itself). A PE re-advertises what arrives over the provider's VPN and originates only what it
        # anchors (the NAT pool, aggregates): nothing else would bring those into the VRF.
        if device_role != "ce":
            networks = [p for p in networks if p in anchors]
        context["networks"] = [_prefix_forms(p) for p in networks]
        context["anchors"] = [_prefix_forms(p) for p in anchors]
    return contexts
