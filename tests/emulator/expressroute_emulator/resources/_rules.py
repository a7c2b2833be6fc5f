"""Checks shared by the ExpressRoute child types (peerings, cross-connection
peerings, Global Reach, authorizations, route filters): request members,
references, enums, address prefixes and ASNs.

Every check raises a 400 ArmError whose message names the field, the rule
and the fix, before anything is written.
"""

import ipaddress

from ..errors import bad_request

# Reading references and enums is the same for every type: one copy, in _body.
# Re-exported: the resources call them as _rules.canonical(...) and so on.
from ._body import canonical, parse_reference, reference_id  # noqa: F401
from ._body import require_object as as_object  # noqa: F401

# ASNs a customer cannot use: Microsoft's own, the range Azure reserves for
# itself (65515-65520, expressroute-routing "Autonomous System numbers") and
# the IANA documentation ranges (64496-64511 "aren't allowed in the path",
# expressroute-routing "Microsoft peering"; RFC 5398 reserves 65536-65551 for
# the same purpose). AS_TRANS (RFC 6793) and the last 2- and 4-byte ASNs
# (RFC 7300) are no speaker's number; Azure's page does not list them
# (UNVERIFIED against live Azure). The collection keeps its own copy
# (plugins/module_utils/_asn.py); a unit test checks both agree.
MICROSOFT_ASN = 12076
RESERVED_ASNS = [
    (65515, 65520, "reserved by Azure"),
    (64496, 64511, "reserved by IANA for documentation"),
    (65536, 65551, "reserved by IANA for documentation"),
    (MICROSOFT_ASN, MICROSOFT_ASN, "Microsoft's own ASN"),
    (23456, 23456, "AS_TRANS (RFC 6793)"),
    (65535, 65535, "reserved (RFC 7300)"),
    (4294967295, 4294967295, "reserved (RFC 7300)"),
]
MAX_ASN = 4294967295


def check_members(obj, allowed, path):
    """Refuse a member the API does not know (a snake_case key from a
    wrongly built body, say) instead of silently dropping it."""
    unknown = sorted(m for m in obj if m not in allowed)
    if unknown:
        raise bad_request(
            "InvalidRequestFormat",
            "Cannot parse the request: could not find member '{0}' on '{1}'. Known members: {2}.".format(
                unknown[0], path, ", ".join(sorted(allowed))
            ),
        )


def as_list(value, path):
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad_request(
            "InvalidRequestFormat", "Cannot parse the request: '{0}' must be a list; got {1!r}.".format(path, value)
        )
    return value


def integer(value, path, code="InvalidRequestFormat"):
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(code, "{0} must be an integer; got {1!r}.".format(path, value))
    return value


# -- prefixes ------------------------------------------------------------------
def network(text, path, version, length, code):
    """An IPv4/IPv6 network of exactly ``length`` bits (None: any length),
    host bits zero; the message says what to send instead."""
    family = "IPv4" if version == 4 else "IPv6"
    if not isinstance(text, str) or not text.strip():
        raise bad_request(
            code, "{0} is required: an {1} prefix{2}.".format(path, family, " (/{0})".format(length) if length else "")
        )
    try:
        loose = ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise bad_request(code, "{0} {1!r} is not an {2} prefix (address/length).".format(path, text, family)) from None
    if loose.version != version:
        raise bad_request(code, "{0} {1!r} is not an {2} prefix.".format(path, text, family))
    if length is not None and loose.prefixlen != length:
        raise bad_request(
            code,
            "{0} {1!r} must be a /{2} {3} prefix; it is a /{4}.".format(path, text, length, family, loose.prefixlen),
        )
    try:
        ipaddress.ip_network(text.strip(), strict=True)
    except ValueError:
        raise bad_request(code, "{0} {1!r} has host bits set; use {2!r}.".format(path, text, str(loose))) from None
    return loose


def overlaps(a, b):
    return a.version == b.version and a.overlaps(b)


def is_public(net):
    """Globally routable (not RFC 1918, shared, documentation, loopback,
    link-local, multicast or the default route)."""
    return net.prefixlen > 0 and net.is_global and not net.is_multicast


# -- ASNs ------------------------------------------------------------------------
def is_private_asn(asn):
    return 64512 <= asn <= 65534 or 4200000000 <= asn <= 4294967294


def asn(value, path, required=True):
    """An ASN usable for eBGP with Microsoft (howto-routing-portal: 2- and
    4-byte ASNs; 65515-65520 and 64496-64511 refused)."""
    if value is None:
        if required:
            raise bad_request(
                "InvalidPeerAsn",
                "{0} is required: your BGP ASN (1-{1}), not 12076 or 65515-65520.".format(path, MAX_ASN),
            )
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ASN:
        raise bad_request(
            "InvalidPeerAsn", "{0} must be an ASN between 1 and {1}; got {2!r}.".format(path, MAX_ASN, value)
        )
    for low, high, why in RESERVED_ASNS:
        if low <= value <= high:
            raise bad_request(
                "ReservedPeerAsn",
                "{0} {1} is {2} ({3}-{4}) and cannot be used for a peering. Use your own public or private ASN.".format(
                    path, value, why, low, high
                ),
            )
    return value
