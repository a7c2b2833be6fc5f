# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The direct role's plan checks: an ExpressRoute Direct port pair and the circuits carved out of it, as the role's
inputs give them, checked before anything is written to Azure.

Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.

Pure functions (no Ansible imports). ``direct_problems(plan)`` returns a list of messages, each naming the input, the
rule and the fix; an empty list means the plan can go ahead. The MACsec key rules are router_model's (one home).
"""

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

from typing import Any

from . import _port, _router_model
from ._errors import ValidationError

# The port rules are the port and circuit modules' (module_utils/_port.py: port sizes, circuit sizes per port size,
# at most twice the port's bandwidth in circuits; Key Vault secret identifiers, the identity's id).
PORT_BANDWIDTHS_GBPS = _port.PORT_BANDWIDTHS
CIRCUIT_BANDWIDTHS_GBPS = _port.CIRCUIT_BANDWIDTHS
OVERSUBSCRIPTION = _port.OVERSUBSCRIPTION
# REST spec ExpressRoutePortPropertiesFormat: encapsulation Dot1Q|QinQ, billingType MeteredData|UnlimitedData.
ENCAPSULATIONS = ("Dot1Q", "QinQ")
BILLING_TYPES = ("MeteredData", "UnlimitedData")
SKU_TIERS = ("Standard", "Premium", "Local")
SKU_FAMILIES = ("MeteredData", "UnlimitedData")
CIRCUIT_KEYS = frozenset(
    (
        "name",
        "bandwidth_gbps",
        "sku_tier",
        "sku_family",
        "tags",
        "private_peering",
        "microsoft_peering",
        "connections",
        "authorization_key",
    )
)
MACSEC_KEYS = frozenset(
    ("cipher", "sci_state", "ckn_secret_identifier", "cak_secret_identifier", "identity", "ckn", "cak")
)


def _number(value):
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _macsec_problems(macsec, render):
    problems = []
    unknown = sorted(set(macsec) - MACSEC_KEYS)
    if unknown:
        problems.append(
            "direct_macsec: unknown key(s) %s. Fix: use only %s." % (", ".join(unknown), ", ".join(sorted(MACSEC_KEYS)))
        )
        return problems
    # The port module's own checks of the secret identifiers and the identity.
    for check in (
        lambda: _port.check_macsec("*", macsec),
        lambda: _port.check_identity(macsec.get("identity") or None),
    ):
        try:
            check()
        except ValidationError as exc:
            problems.append(
                str(exc)
                .replace("links[*].macsec", "direct_macsec")
                .replace("identity must", "direct_macsec.identity must")
            )
    for key in ("ckn_secret_identifier", "cak_secret_identifier", "identity"):
        if not macsec.get(key):
            # expressroute-howto-macsec.md: Azure reads CKN and CAK from Key Vault secrets, with a user-assigned
            # managed identity on the port that may read them.
            problems.append(
                "direct_macsec.%s is missing: Azure reads the MACsec keys from Key Vault secrets with a "
                "user-assigned identity of the port. Fix: set ckn_secret_identifier, "
                "cak_secret_identifier (secret URLs) and identity (the identity's resource ID)." % key
            )
    if render:
        # The router needs the key values themselves (Key Vault hands them to Azure, not to your routers).
        try:
            keys = {k: macsec.get(k) for k in ("cipher", "sci_state") if macsec.get(k) is not None}
            _router_model.macsec_settings({"macsec": dict(keys, ckn=macsec.get("ckn"), cak=macsec.get("cak"))})
        except _router_model.RouterModelError as exc:
            problems.append(
                "direct_%s (router configuration needs the values stored in Key Vault; or set "
                "direct_router.dialects to [] to render nothing)." % exc
            )
    else:
        cipher = macsec.get("cipher", "GcmAes256")
        if cipher not in _router_model.MACSEC_CIPHERS:
            problems.append(
                "direct_macsec.cipher must be one of %s (got %r)."
                % (", ".join(sorted(_router_model.MACSEC_CIPHERS)), cipher)
            )
        if macsec.get("sci_state", "Disabled") not in ("Enabled", "Disabled"):
            problems.append(
                "direct_macsec.sci_state must be Enabled or Disabled (got %r)." % (macsec.get("sci_state"),)
            )
    return problems


def direct_problems(plan):
    """Every problem of a direct role plan: {port_bandwidth_gbps, encapsulation, billing_type, circuits, macsec,
    render_router}. The peerings' own rules (ASNs, prefixes, router options) are the shared preflight's."""
    problems = []
    bandwidth = _number(plan.get("port_bandwidth_gbps"))
    if bandwidth not in PORT_BANDWIDTHS_GBPS:
        problems.append(
            "direct_port_bandwidth_gbps %s: ExpressRoute Direct ports are 10 or 100 Gbps. Fix: set 10 or "
            "100 (what port_location_info lists at the peering location)." % plan.get("port_bandwidth_gbps")
        )
    if plan.get("encapsulation") not in ENCAPSULATIONS:
        problems.append(
            "direct_encapsulation %s: must be Dot1Q or QinQ (fixed once the port exists). Fix: QinQ lets "
            "Azure give each circuit its own S-tag; Dot1Q needs VLAN IDs unique across the port."
            % plan.get("encapsulation")
        )
    if plan.get("billing_type") not in BILLING_TYPES:
        problems.append("direct_billing_type %s: must be MeteredData or UnlimitedData." % plan.get("billing_type"))
    circuits = plan.get("circuits") or []
    if not isinstance(circuits, list) or not circuits:
        problems.append(
            "direct_circuits is empty: a port carries traffic only through circuits. Fix: list at least "
            "one circuit (name, bandwidth_gbps, private_peering and/or microsoft_peering)."
        )
        circuits = []
    names: list[Any] = []
    vlans: dict[Any, str] = {}
    total = 0.0
    for index, circuit in enumerate(circuits):
        field = "direct_circuits[%d]" % index
        if not isinstance(circuit, dict):
            problems.append("%s must be a mapping (name, bandwidth_gbps, ...)." % field)
            continue
        unknown = sorted(set(circuit) - CIRCUIT_KEYS)
        if unknown:
            problems.append(
                "%s: unknown key(s) %s. Fix: use only %s."
                % (field, ", ".join(unknown), ", ".join(sorted(CIRCUIT_KEYS)))
            )
        name = circuit.get("name")
        if not name:
            problems.append("%s.name is missing. Fix: name the circuit." % field)
        elif name in names:
            problems.append("%s.name %s is listed twice. Fix: one entry per circuit." % (field, name))
        names.append(name)
        gbps = _number(circuit.get("bandwidth_gbps"))
        sizes = CIRCUIT_BANDWIDTHS_GBPS.get(bandwidth)
        if sizes and gbps not in sizes:
            problems.append(
                "%s.bandwidth_gbps %s: a %d-Gbps port offers circuits of %s Gbps. Fix: pick one of "
                "those." % (field, circuit.get("bandwidth_gbps"), bandwidth, ", ".join(map(str, sizes)))
            )
        elif sizes:
            total += gbps
        if circuit.get("sku_tier", "Standard") not in SKU_TIERS:
            problems.append("%s.sku_tier must be one of %s." % (field, ", ".join(SKU_TIERS)))
        if circuit.get("sku_family", "MeteredData") not in SKU_FAMILIES:
            problems.append("%s.sku_family must be one of %s." % (field, ", ".join(SKU_FAMILIES)))
        if not (circuit.get("private_peering") or circuit.get("microsoft_peering")):
            problems.append(
                "%s (%s): nothing to peer. Fix: set private_peering and/or microsoft_peering." % (field, name)
            )
        # expressroute-erdirect-about.md: in Dot1Q mode a VLAN ID (C-tag) must be unique across the whole port pair;
        # in QinQ mode Azure assigns each circuit its own S-tag, so only the circuit's own peerings must differ.
        for kind in ("private_peering", "microsoft_peering"):
            vlan = (circuit.get(kind) or {}).get("vlan_id")
            if vlan is None:
                continue
            scope = "port" if plan.get("encapsulation") == "Dot1Q" else name
            key = (scope, str(vlan))
            if key in vlans:
                problems.append(
                    "%s.%s.vlan_id %s is already used by %s%s. Fix: give each peering its own VLAN ID."
                    % (
                        field,
                        kind,
                        vlan,
                        vlans[key],
                        " on this Dot1Q port (VLAN IDs are unique across the port pair)" if scope == "port" else "",
                    )
                )
            vlans[key] = "%s %s" % (name, kind)
    if bandwidth in PORT_BANDWIDTHS_GBPS and total > OVERSUBSCRIPTION * bandwidth:
        problems.append(
            "direct_circuits add up to %g Gbps: a %d-Gbps port pair carries circuits of at most %d Gbps "
            "in all. Fix: make the circuits smaller or order another port pair."
            % (total, bandwidth, OVERSUBSCRIPTION * bandwidth)
        )
    macsec = plan.get("macsec") or {}
    if macsec:
        if not isinstance(macsec, dict):
            problems.append("direct_macsec must be a mapping (cipher, sci_state, ckn_secret_identifier, ...).")
        else:
            problems.extend(_macsec_problems(macsec, bool(plan.get("render_router"))))
    return problems
