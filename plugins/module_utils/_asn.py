# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the one home of ExpressRoute's AS-number rules and constants.

The peering modules (circuit and cross-connection side), the router model and
the roles (through the router_model filter) ask the same functions here, so a
peering Azure was given is a peering the router configuration can render.

Azure's documentation (MicrosoftDocs/azure-docs articles/expressroute/
expressroute-routing.md, "Autonomous System numbers (ASN)" and "Microsoft
peering"): Microsoft is AS 12076 on every peering; ASNs 65515-65520 are
reserved for Azure's internal use; 2-byte and 4-byte ASNs are supported; a
private ASN is allowed on Microsoft peering only after Microsoft's manual
validation and is stripped from the path there; ASNs 64496-64511 (IANA
documentation) are not allowed in the path. The REST spec bounds peerASN to
1-4294967295. The other numbers refused below are not usable as a BGP
speaker's ASN by the RFC named with each (Azure's page does not list them).
"""

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

MICROSOFT_ASN = 12076
MAX_ASN = 4294967295
PRIVATE_ASNS = ((64512, 65534), (4200000000, 4294967294))  # RFC 6996

# (low, high, why): refused as a peer ASN on every peering.
REFUSED_ASNS = (
    (0, 0, "reserved (AS 0 is never a BGP speaker's number, RFC 7607)"),
    (
        MICROSOFT_ASN,
        MICROSOFT_ASN,
        ("Microsoft's AS number, Microsoft's side of every peering (expressroute-routing); give your own"),
    ),
    (23456, 23456, "AS_TRANS, the 2-byte placeholder for 4-byte AS numbers, never a speaker's number (RFC 6793)"),
    (
        64496,
        64511,
        (
            "an IANA documentation AS number (64496-64511), which Microsoft does not allow in the path "
            "(expressroute-routing, RFC 5398)"
        ),
    ),
    (
        65515,
        65520,
        (
            "reserved by Azure (65515-65520) for internal use (expressroute-routing); choose another "
            "private or your public AS number"
        ),
    ),
    (65535, 65535, "reserved, the last 2-byte AS number (RFC 7300)"),
    # RFC 5398 reserves this 4-byte block for documentation too: the same reservation Azure refuses.
    (
        65536,
        65551,
        (
            "an IANA documentation AS number (65536-65551), which Microsoft does not allow in the path "
            "(expressroute-routing, RFC 5398)"
        ),
    ),
    (MAX_ASN, MAX_ASN, "reserved, the last 4-byte AS number (RFC 7300)"),
)

MICROSOFT_PEERING = "MicrosoftPeering"


def is_private(asn: int) -> bool:
    return any(low <= asn <= high for low, high in PRIVATE_ASNS)


def refusal(asn: object) -> str | None:
    """Why ``asn`` (an int) cannot be a peer ASN on any peering, or None."""
    if isinstance(asn, bool) or not isinstance(asn, int) or not 0 <= asn <= MAX_ASN:
        return "not an AS number (1-{0})".format(MAX_ASN - 1)
    for low, high, why in REFUSED_ASNS:
        if low <= asn <= high:
            return why
    return None


def microsoft_peering_refusal(asn: int) -> str | None:
    """Why ``asn`` is refused before a Microsoft peering is written, or None.

    Azure accepts a private ASN there only after Microsoft's manual validation
    (a support case; until then the prefixes stay ValidationNeeded) and strips it
    from the path, so the peering modules refuse it up front. The router model
    still renders a Microsoft peering that exists with one (validated by hand).
    """
    if is_private(asn):
        return (
            "a private AS number: Microsoft peering needs your public AS number (a private one needs "
            "Microsoft's manual validation, and Microsoft strips private ASNs from the path)"
        )
    return None
