# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: what the ExpressRoute Direct modules know about ports, their
links and MACsec, port locations and circuits on a port — pure functions over
plain dicts and SDK-shaped objects, unit-tested without Azure.

Sources: the REST spec's expressRoutePort.json (Azure/azure-rest-api-specs,
Microsoft.Network/stable/2024-07-01) for shapes and enums; Microsoft Learn
"About ExpressRoute Direct" (expressroute-erdirect-about), "Configure
ExpressRoute Direct" (expressroute-howto-erdirect) and "Configure MACsec on
ExpressRoute Direct ports" (expressroute-howto-macsec) for the rules, cited
where each is applied.  The emulator keeps its own copy (it plays Azure).
"""

from __future__ import annotations

import re
from typing import Any

from ._errors import ValidationError
from ._shapes import parse_id, sub_id, value

LINK_NAMES = ("link1", "link2")
# Port sizes (erdirect-about: "dual 100-Gbps or 10-Gbps connectivity").
PORT_BANDWIDTHS = (10, 100)
# Circuit sizes per port size (erdirect-about, "Circuit SKUs").
CIRCUIT_BANDWIDTHS = {10: (1, 2, 5, 10), 100: (5, 10, 40, 100)}
# Circuits on a port may add up to twice its bandwidth (howto-erdirect,
# "Create a circuit"; [U] wording not re-read this session).
OVERSUBSCRIPTION = 2
CIPHERS = ("GcmAes128", "GcmAes256", "GcmAesXpn128", "GcmAesXpn256")
SCI_STATES = ("Enabled", "Disabled")
MANAGED_FIELDS = (
    "location",
    "peering_location",
    "bandwidth_gbps",
    "encapsulation",
    "billing_type",
    "identity",
    "links",
    "tags",
)
MACSEC_FIELDS = ("cipher", "sci_state", "ckn_secret_identifier", "cak_secret_identifier")

SECRET_ID = re.compile(
    r"^https://[A-Za-z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)/secrets/"
    r"[A-Za-z0-9-]{1,127}(/[0-9a-fA-F]{32})?/?$"
)
IDENTITY_ID = re.compile(
    r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.ManagedIdentity/"
    r"userAssignedIdentities/[^/]+$",
    re.IGNORECASE,
)


# -- results -------------------------------------------------------------------
def _macsec(config):
    if config is None:
        return {"cipher": None, "sci_state": None, "ckn_secret_identifier": None, "cak_secret_identifier": None}
    return {
        "cipher": value(config.cipher),
        "sci_state": value(config.sci_state),
        "ckn_secret_identifier": config.ckn_secret_identifier or None,
        "cak_secret_identifier": config.cak_secret_identifier or None,
    }


def link_result(link):
    return {
        "name": link.name,
        "id": link.id,
        "router_name": link.router_name,
        "interface_name": link.interface_name,
        "patch_panel_id": link.patch_panel_id,
        "rack_id": link.rack_id,
        "colo_location": getattr(link, "colo_location", None),
        "connector_type": value(link.connector_type),
        "admin_state": value(link.admin_state),
        "provisioning_state": value(link.provisioning_state),
        "macsec": _macsec(link.mac_sec_config),
    }


def identity_of(model):
    """The user-assigned identity id of a port (the first one), or None."""
    identity = getattr(model, "identity", None)
    users = getattr(identity, "user_assigned_identities", None) if identity is not None else None
    return sorted(users)[0] if users else None


def port_result(model):
    parsed = parse_id(model.id) or {}
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "subscription_id": parsed.get("subscription"),
        "location": model.location,
        "tags": dict(model.tags or {}),
        "peering_location": model.peering_location,
        "bandwidth_gbps": model.bandwidth_in_gbps,
        "provisioned_bandwidth_gbps": model.provisioned_bandwidth_in_gbps,
        "encapsulation": value(model.encapsulation),
        "billing_type": value(model.billing_type),
        "ether_type": model.ether_type,
        "mtu": model.mtu,
        "allocation_date": model.allocation_date,
        "identity": identity_of(model),
        "provisioning_state": value(model.provisioning_state),
        "etag": model.etag,
        "links": [link_result(l) for l in (model.links or [])],
        "circuits": [sub_id(c) for c in (model.circuits or [])],
    }


def location_result(model):
    return {
        "name": model.name,
        "id": model.id,
        "region": model.location,
        "address": model.address,
        "contact": model.contact,
        "available_bandwidths_gbps": sorted(b.value_in_gbps for b in (model.available_bandwidths or [])),
    }


def port_authorization_result(model, port_name, resource_group, with_key=True):
    result = {
        "id": model.id,
        "name": model.name,
        "port": port_name,
        "resource_group": resource_group,
        "use_status": value(model.authorization_use_status),
        "used_by": model.circuit_resource_uri or None,
        "provisioning_state": value(model.provisioning_state),
    }
    if with_key:
        result["authorization_key"] = model.authorization_key or None
    return result


# -- what the port module manages -----------------------------------------------
def managed_view(port):
    """The managed fields of a port result, links keyed by name."""
    if port is None:
        return None
    view = {k: port.get(k) for k in MANAGED_FIELDS if k != "links"}
    view["location"] = _region(view["location"])
    view["links"] = {l["name"]: {"admin_state": l["admin_state"], "macsec": dict(l["macsec"])} for l in port["links"]}
    return view


def _region(location):
    return "".join(str(location).split()).lower() if location is not None else None


def desired_links(links):
    """{link name: {admin_state, macsec}} from the ``links`` option (None =
    leave as is), after the MACsec rules that need no Azure state."""
    if links is None:
        return None
    result = {}
    for link in links:
        name = link["name"]
        if name in result:
            raise ValidationError("links names {0} twice; give each of link1 and link2 at most once.".format(name))
        macsec = link.get("macsec")
        result[name] = {
            "admin_state": link.get("admin_state"),
            "macsec": None if macsec is None else {k: macsec.get(k) for k in MACSEC_FIELDS},
        }
        if macsec is not None:
            check_macsec(name, result[name]["macsec"])
    return result


def check_macsec(link, macsec):
    """expressroute-howto-macsec: the CKN and the CAK are two Key Vault
    secrets, given to the port as secret identifiers, both or neither."""
    ckn, cak = macsec.get("ckn_secret_identifier"), macsec.get("cak_secret_identifier")
    if bool(ckn) != bool(cak):
        raise ValidationError(
            "links[{0}].macsec needs both ckn_secret_identifier and cak_secret_identifier (the Key Vault secrets of "
            "the MACsec CKN and CAK), or neither.".format(link)
        )
    for field, identifier in (("ckn_secret_identifier", ckn), ("cak_secret_identifier", cak)):
        if identifier and not SECRET_ID.match(identifier):
            raise ValidationError(
                "links[{0}].macsec.{1} must be a Key Vault secret identifier, "
                "https://<vault>.vault.azure.net/secrets/<name>[/<version>]; got {2}.".format(link, field, identifier)
            )


def check_identity(identity):
    if identity is not None and not IDENTITY_ID.match(identity):
        raise ValidationError(
            "identity must be the id of a user-assigned managed identity, /subscriptions/<sub>/resourceGroups/<rg>/"
            "providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>; got {0}.".format(identity)
        )


def plan(current, desired):
    """The managed view after the change (``current`` None = create), or a
    ValidationError for what Azure cannot do in place."""
    if current is None:
        missing = [k for k in ("peering_location", "bandwidth_gbps", "encapsulation") if desired.get(k) is None]
        if missing:
            raise ValidationError("to create a port set {0}.".format(", ".join(missing)))
        after = {k: desired.get(k) for k in MANAGED_FIELDS}
        after["billing_type"] = after["billing_type"] or "MeteredData"
        links: dict[str, Any] = {
            name: {
                "admin_state": "Disabled",
                "macsec": {
                    "cipher": "GcmAes256",
                    "sci_state": "Disabled",
                    "ckn_secret_identifier": None,
                    "cak_secret_identifier": None,
                },
            }
            for name in LINK_NAMES
        }
    else:
        refusals = []
        for field in ("location", "peering_location", "bandwidth_gbps"):
            wanted = desired.get(field)
            have = current.get(field)
            if field == "location":
                wanted = _region(wanted)
            same = wanted is None or (str(wanted).lower() == str(have).lower())
            if not same:
                # A port pair is allocated at one location and size
                # (howto-erdirect: chosen when the port is created).
                refusals.append("{0} cannot change from {1} to {2}".format(field, have, wanted))
        if refusals:
            raise ValidationError(
                "Port {0} cannot be changed in place: {1}; order a new port pair for that. Nothing was changed.".format(
                    current.get("name"), "; ".join(refusals)
                ),
                refused_changes=refusals,
            )
        after = managed_view(current)
        for field in ("encapsulation", "billing_type", "identity"):
            if desired.get(field) is not None:
                after[field] = desired[field]
        after["peering_location"] = current["peering_location"]
        links = after["links"]
        if after["encapsulation"] != current["encapsulation"] and current.get("circuits"):
            # The circuits' VLAN tagging depends on it (erdirect-about, "Dot1Q
            # and QinQ VLAN tagging").
            raise ValidationError(
                "encapsulation of port {0} cannot change from {1} to {2} while circuits are on it ({3}); delete "
                "them first. Nothing was changed.".format(
                    current["name"], current["encapsulation"], after["encapsulation"], ", ".join(current["circuits"])
                )
            )
    links = {name: {"admin_state": cfg["admin_state"], "macsec": dict(cfg["macsec"])} for name, cfg in links.items()}
    for name, wanted in (desired.get("links") or {}).items():
        if wanted["admin_state"] is not None:
            links[name]["admin_state"] = wanted["admin_state"]
        if wanted["macsec"] is not None:
            links[name]["macsec"].update({k: v for k, v in wanted["macsec"].items() if v is not None})
    after["links"] = links
    if any(l["macsec"]["ckn_secret_identifier"] for l in links.values()) and not after.get("identity"):
        # The port reads the secrets with its user-assigned identity
        # (howto-macsec).
        raise ValidationError(
            "MACsec secrets are set on a link but the port has no identity: set identity to the "
            "user-assigned managed identity that may read those Key Vault secrets."
        )
    if current is None and after.get("identity") is None:
        after["identity"] = None
    return after


# -- port locations --------------------------------------------------------------
def check_location_offer(locations, peering_location, bandwidth_gbps, location=None):
    """Canonical peering location name; ValidationError naming the valid
    ones.  ``location`` is the location's GET (with its bandwidths) or None
    when it does not exist."""
    if location is None:
        names = [l["name"] for l in locations]
        raise ValidationError(
            "peering_location '{0}' is not an ExpressRoute Direct location. Valid locations: {1}. "
            "(port_location_info lists them with their bandwidths.)".format(peering_location, ", ".join(names)),
            valid_peering_locations=names,
        )
    offered = location["available_bandwidths_gbps"]
    if offered and bandwidth_gbps not in offered:
        raise ValidationError(
            "bandwidth_gbps {0} is not available at {1}; available: {2}.".format(
                bandwidth_gbps, location["name"], ", ".join(str(b) for b in offered)
            ),
            valid_bandwidths_gbps=offered,
        )
    return location["name"]


# -- circuits on a port ----------------------------------------------------------
def check_circuit_bandwidth(port, circuit_name, bandwidth_gbps, current_bandwidth=None, circuits_bandwidth=None):
    """A circuit of ``bandwidth_gbps`` on ``port`` (a port result):
    a size the port offers, and the port's circuits (``circuits_bandwidth``:
    what the others use, in Gbps) within twice its bandwidth."""
    allowed = CIRCUIT_BANDWIDTHS.get(port["bandwidth_gbps"], ())
    if bandwidth_gbps not in allowed:
        raise ValidationError(
            "bandwidth_gbps {0} is not offered on the {1}-Gbps port {2}; valid: {3} "
            "(erdirect-about, circuit SKUs).".format(
                bandwidth_gbps, port["bandwidth_gbps"], port["name"], ", ".join(str(b) for b in allowed)
            ),
            valid_bandwidths_gbps=list(allowed),
        )
    if current_bandwidth is not None and bandwidth_gbps < current_bandwidth:
        raise ValidationError(
            "bandwidth_gbps of circuit {0} cannot decrease (from {1} to {2}); Azure only raises "
            "bandwidth in place. Nothing was changed.".format(circuit_name, current_bandwidth, bandwidth_gbps)
        )
    if circuits_bandwidth is None:
        used = (port.get("provisioned_bandwidth_gbps") or 0) - (current_bandwidth or 0)
    else:
        used = circuits_bandwidth
    limit = OVERSUBSCRIPTION * port["bandwidth_gbps"]
    if used + bandwidth_gbps > limit:
        raise ValidationError(
            "circuit {0} of {1} Gbps does not fit on port {2}: circuits on a {3}-Gbps port add up to at most {4} "
            "Gbps, and the others use {5:g} Gbps ({6:g} Gbps left). Nothing was changed.".format(
                circuit_name, bandwidth_gbps, port["name"], port["bandwidth_gbps"], limit, used, max(limit - used, 0)
            ),
            port_bandwidth_left_gbps=max(limit - used, 0),
        )


def check_dot1q_vlan(port, circuit_name, vlan_id, others):
    """On a Dot1Q port a peering's VLAN ID (its only tag) is unique across
    every circuit on the port pair (erdirect-about, "Dot1Q and QinQ VLAN
    tagging"); QinQ gives each circuit its own S-tag.  ``others``: the port's
    other circuits as results (with their peerings)."""
    if port.get("encapsulation") != "Dot1Q":
        return
    for other in others:
        for peering in other.get("peerings") or []:
            if peering.get("vlan_id") == vlan_id:
                raise ValidationError(
                    "vlan_id {0} is already used by {1} of circuit {2} on the Dot1Q port {3}: on a Dot1Q port each "
                    "VLAN ID is unique across all its circuits. Use another vlan_id for circuit {4}. Nothing was "
                    "changed.".format(vlan_id, peering["name"], other["name"], port["name"], circuit_name)
                )


def port_id(reference, subscription_id, resource_group):
    """A port given by name (same resource group) or by id, as an id."""
    if reference.startswith("/"):
        parsed = parse_id(reference)
        if (
            not parsed
            or parsed["namespace"].lower() != "microsoft.network"
            or len(parsed["path"]) != 1
            or parsed["path"][0][0].lower() != "expressrouteports"
        ):
            raise ValidationError(
                "express_route_port must be a port name or an id like /subscriptions/<sub>/"
                "resourceGroups/<rg>/providers/Microsoft.Network/expressRoutePorts/<name>; got {0}.".format(reference)
            )
        return reference
    return "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRoutePorts/{2}".format(
        subscription_id, resource_group, reference
    )
