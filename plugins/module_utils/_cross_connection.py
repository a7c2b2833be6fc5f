# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the connectivity provider's side of a circuit
(Microsoft.Network/expressRouteCrossConnections, in the provider's
subscription): finding it by service key, the provisioning states the
provider moves it through, and its result shape.

Azure creates a cross-connection when a customer's circuit is created, names
it by the circuit's service key, and deletes it with the circuit; the
provider can only read it, move ``serviceProviderProvisioningState``, set
``serviceProviderNotes`` and, for managed Layer 3 offerings, configure the
circuit's peerings through it.
"""

from __future__ import annotations

import re

from . import _shapes
from ._errors import ValidationError, is_not_found

PROVIDER_STATES = ("NotProvisioned", "Provisioning", "Provisioned", "Deprovisioning")
# The moves a provider may make (expressroute-workflows: NotProvisioned ->
# Provisioning -> Provisioned; Deprovisioning -> NotProvisioned before the
# customer deletes the circuit), as Azure (and the emulator) enforce them.
TRANSITIONS = {
    "NotProvisioned": ("Provisioning", "Provisioned"),
    "Provisioning": ("Provisioned", "NotProvisioned"),
    "Provisioned": ("Deprovisioning", "NotProvisioned"),
    "Deprovisioning": ("NotProvisioned",),
}
DEPROVISIONING = ("Deprovisioning", "NotProvisioned")
# The fields the cross_connection module manages, named as its options.
MANAGED_FIELDS = ("provisioning_state", "notes")
_SERVICE_KEY = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


# -- input ------------------------------------------------------------------------
def check_service_key(service_key, option="service_key"):
    if service_key is None:
        return None
    if not _SERVICE_KEY.match(service_key) or service_key == _shapes.ZERO_SERVICE_KEY:
        raise ValidationError(
            "{0} '{1}' is not a circuit's service key: a GUID such as 7c0c1a4e-23d5-4f0e-9c4b-2a7d1e6f8b90, which "
            "the customer reads from the circuit (circuit_info: service_key) once it has been created.".format(
                option, service_key
            )
        )
    return service_key.lower()


def check_address(params, name_option):
    """The cross-connection is addressed by ``service_key`` or by name and
    resource group."""
    service_key, name, group = params.get("service_key"), params.get(name_option), params.get("resource_group")
    if service_key and name:
        raise ValidationError(
            "service_key and {0} are mutually exclusive: a cross-connection is named by its "
            "circuit's service key.".format(name_option)
        )
    if not service_key and not name:
        raise ValidationError(
            "Give service_key (the circuit's service key from the customer), or {0} with "
            "resource_group, to find the cross-connection.".format(name_option)
        )
    if name and not group:
        raise ValidationError(
            "{0} needs resource_group (the provider subscription's CrossConnection-<peering "
            "location> group); or give service_key instead.".format(name_option)
        )
    check_service_key(service_key)
    return service_key, name, group


def check_transition(current, target, name):
    """Refuse, before any write, a move of the provider state Azure would
    refuse; the message lists the allowed moves."""
    if target is None or target == current:
        return
    allowed = TRANSITIONS.get(current)
    if allowed is None:
        raise ValidationError(
            "Cross-connection {0} is in provider state {1}, which this module does not move; Azure accepts moves "
            "between {2} only.".format(name, current, ", ".join(PROVIDER_STATES))
        )
    if target not in allowed:
        raise ValidationError(
            "provisioning_state cannot move from {0} to {1} on cross-connection {2}: from {0} Azure allows only "
            "{3}. Nothing was changed.".format(current, target, name, " or ".join(allowed)),
            current_state=current,
            allowed_states=list(allowed),
        )


# -- finding it -------------------------------------------------------------------
def match_service_key(items, service_key):
    """The one of ``items`` (SDK models or results with ``name``) named by
    ``service_key``, or None."""
    wanted = service_key.lower()
    for item in items:
        name = item["name"] if isinstance(item, dict) else item.name
        if (name or "").lower() == wanted:
            return item
    return None


def not_found_message(service_key, name, group, subscription_id):
    if service_key:
        return (
            "No cross-connection for service key {0} in subscription {1}. Azure creates it in the connectivity "
            "provider's subscription when the customer's circuit is created, named by the service key: check the "
            "key the customer gave you and subscription_id (the provider's subscription).".format(
                service_key, subscription_id
            )
        )
    return (
        "Cross-connection {0} does not exist in resource group {1} of subscription {2}; cross-connections are "
        "named by their circuit's service key (cross_connection_info lists them).".format(name, group, subscription_id)
    )


def find(client, service_key=None, name=None, group=None):
    """The cross-connection model, or None.  By name: one GET.  By service
    key: one list of the subscription (the name is the service key, but the
    resource group is Azure's choice), or one GET when ``group`` is known."""
    operations = client.express_route_cross_connections
    if service_key and not group:
        return match_service_key(operations.list(), service_key)
    try:
        return operations.get(group, name or service_key)
    except Exception as exc:
        if is_not_found(exc):
            return None
        raise


# -- shapes -----------------------------------------------------------------------
def circuit_of(model):
    """(circuit id, name, resource group, subscription) the cross-connection serves."""
    circuit_id = _shapes.sub_id(getattr(model, "express_route_circuit", None))
    parsed = _shapes.parse_id(circuit_id) or {}
    path = parsed.get("path") or [(None, None)]
    return circuit_id, path[0][1], parsed.get("resource_group"), parsed.get("subscription")


def peering_result(peering, model):
    """A peering seen through the cross-connection ``model``: the shape of
    the peering module (circuit = the customer's circuit), plus where the
    provider finds it."""
    _circuit_id, circuit_name, circuit_group, _sub = circuit_of(model)
    result = _shapes.peering_result(peering, circuit_name, circuit_group)
    result["cross_connection"] = model.name
    result["last_modified_by"] = getattr(peering, "last_modified_by", None)
    return result


def result(model):
    parsed = _shapes.parse_id(model.id) or {}
    circuit_id, circuit_name, circuit_group, circuit_sub = circuit_of(model)
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "subscription_id": parsed.get("subscription"),
        "location": model.location,
        "tags": dict(model.tags or {}),
        "service_key": model.name,
        "circuit_id": circuit_id,
        "circuit_name": circuit_name,
        "circuit_resource_group": circuit_group,
        "circuit_subscription_id": circuit_sub,
        "peering_location": model.peering_location,
        "bandwidth_mbps": model.bandwidth_in_mbps,
        "stag": model.s_tag,
        "primary_azure_port": model.primary_azure_port,
        "secondary_azure_port": model.secondary_azure_port,
        "service_provider_provisioning_state": _shapes.value(model.service_provider_provisioning_state),
        "service_provider_notes": model.service_provider_notes,
        "provisioning_state": _shapes.value(model.provisioning_state),
        "etag": model.etag,
        "peerings": [peering_result(p, model) for p in (model.peerings or [])],
    }


def managed_view(current):
    if current is None:
        return None
    return {
        "provisioning_state": current["service_provider_provisioning_state"],
        "notes": current["service_provider_notes"] or "",
    }


def predicted(current, after):
    """The result a check-mode run (or a run that does not wait) reports."""
    state = dict(current)
    state["service_provider_provisioning_state"] = after["provisioning_state"]
    state["service_provider_notes"] = after["notes"]
    return state


def deprovision_warning(current, target):
    """Azure does not require the peerings to go before the provider
    deprovisions (the emulator follows the docs), but BGP on them stops; say
    so rather than refuse."""
    if target not in DEPROVISIONING or current["service_provider_provisioning_state"] == target:
        return None
    names = [p["name"] for p in current["peerings"]]
    if not names:
        return None
    return (
        "Cross-connection {0} still has {1}: deprovisioning keeps them configured but takes layer 2 away, so "
        "their BGP sessions go down; they are deleted with the circuit.".format(current["name"], ", ".join(names))
    )
