# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the rules of ExpressRoute connections (gateway <-> circuit),
checked before anything is written, and the connection's result shape.

Sources: the ExpressRoute workflows (a circuit links once its provider has
provisioned it, over its private peering), "Connect a virtual network to a
circuit in another subscription" (authorization keys), "About FastPath"
(gateway SKUs; Private Link FastPath only on ExpressRoute Direct), Terraform
azurerm (routing_weight 0-32000; gateway and circuit ForceNew).

Pure functions over plain values, unit-tested without Azure (but
read_circuit, the one read of a circuit both connection modules make).
"""

from __future__ import annotations

from ._diff import SECRET_SET
from ._errors import ValidationError, error_code, is_not_found, status_code
from ._gateway import FASTPATH_SKUS_TEXT, describe_sku, id_parts, max_connections, same_id, supports_fastpath
from ._shapes import parse_id, sub_id, value

ROUTING_WEIGHT_MAX = 32000
PRIVATE_PEERING = "AzurePrivatePeering"
# A circuit the principal may not read (another subscription or tenant, as
# authorization keys allow): the checks on the circuit are left to Azure.
UNREADABLE_CODES = (
    "AuthorizationFailed",
    "LinkedAuthorizationFailed",
    "SubscriptionNotFound",
    "InvalidAuthenticationTokenTenant",
)

# The fields the connection module manages, in the order diffs show them.
MANAGED_FIELDS = (
    "location",
    "gateway_id",
    "peer_id",
    "routing_weight",
    "express_route_gateway_bypass",
    "enable_private_link_fast_path",
    "authorization_key",
    "tags",
)


def check_routing_weight(weight):
    if weight is not None and not 0 <= weight <= ROUTING_WEIGHT_MAX:
        raise ValidationError(
            "routing_weight {0} is out of range: use 0-{1} (Azure prefers the connection with the "
            "higher weight).".format(weight, ROUTING_WEIGHT_MAX)
        )


def check_private_link(bypass, private_link):
    if private_link and not bypass:
        raise ValidationError(
            "enable_private_link_fast_path needs FastPath: set express_route_gateway_bypass: true "
            "as well (Private Link FastPath is an extension of FastPath)."
        )


def check_fastpath(gateway, connection_name):
    """FastPath (express_route_gateway_bypass) only on the gateway SKUs that
    have it; ``gateway`` is the gateway's result dict."""
    if not supports_fastpath(gateway["sku"], gateway.get("min_scale_units")):
        raise ValidationError(
            "express_route_gateway_bypass (FastPath) for connection {0}: gateway {1} is {2}, which does not support "
            "FastPath. FastPath needs {3}. Upgrade the gateway (hybridnet.expressroute.gateway, e.g. sku ErGw3AZ "
            "from ErGw1AZ/ErGw2AZ in place), or leave FastPath off.".format(
                connection_name,
                gateway["name"],
                describe_sku(gateway["sku"], gateway.get("min_scale_units"), gateway.get("max_scale_units")),
                FASTPATH_SKUS_TEXT,
            ),
            gateway_sku=gateway["sku"],
        )


def check_private_link_circuit(circuit):
    """Private Link FastPath is for ExpressRoute Direct circuits only."""
    if not circuit["express_route_direct"]:
        raise ValidationError(
            "enable_private_link_fast_path is supported only on connections to ExpressRoute Direct circuits; circuit "
            "{0} is a provider circuit ({1}). Leave it off.".format(circuit["name"], circuit["provider"])
        )


def check_gateway_ready(gateway):
    """A connection needs an ExpressRoute gateway that Azure has finished."""
    if gateway["gateway_type"] != "ExpressRoute":
        raise ValidationError(
            "gateway {0} is a {1} gateway; an ExpressRoute connection needs an ExpressRoute gateway.".format(
                gateway["name"], gateway["gateway_type"]
            )
        )
    state = gateway["provisioning_state"]
    if state == "Updating":
        raise ValidationError(
            "gateway {0} is still being created or updated (provisioning_state Updating; creating an ExpressRoute "
            "gateway takes 30-45 minutes on Azure), and Azure links a connection only to a finished gateway. "
            "Re-running this task once it has finished works: hybridnet.expressroute.gateway_info shows the "
            "progress, and hybridnet.expressroute.gateway with wait: true waits for it.".format(gateway["name"]),
            gateway_provisioning_state=state,
        )
    if state != "Succeeded":
        raise ValidationError(
            "gateway {0} is in provisioning_state {1}; a connection needs a gateway in Succeeded state. {2}".format(
                gateway["name"],
                state,
                "Re-run hybridnet.expressroute.gateway to repair it."
                if state == "Failed"
                else "Wait for its operation to finish.",
            ),
            gateway_provisioning_state=state,
        )


def check_circuit_ready(circuit):
    """The circuit (as circuit_view gives it) can take a virtual network
    link: provisioned by its provider, with a finished private peering."""
    name = circuit["name"]
    if circuit["service_provider_provisioning_state"] != "Provisioned":
        raise ValidationError(
            "peer: circuit {0} cannot be linked yet: its connectivity provider {1} has not provisioned it "
            "(serviceProviderProvisioningState {2}). Give them the service key {3}; once it is Provisioned and has "
            "a private peering, re-run.".format(
                name, circuit["provider"], circuit["service_provider_provisioning_state"], circuit["service_key"]
            ),
            service_key=circuit["service_key"],
            provider=circuit["provider"],
        )
    if circuit["provisioning_state"] != "Succeeded":
        raise ValidationError(
            "peer: circuit {0} is in provisioning_state {1}; {2}".format(
                name,
                circuit["provisioning_state"],
                _settle_advice(circuit["provisioning_state"], "hybridnet.expressroute.circuit"),
            )
        )
    private = [p for p in circuit["peerings"] if p["peering_type"] == PRIVATE_PEERING]
    if not private:
        raise ValidationError(
            "peer: circuit {0} has no AzurePrivatePeering, and a virtual network links to a circuit over its private "
            "peering. Configure it first (hybridnet.expressroute.peering with peering_type: AzurePrivatePeering), "
            "then re-run.".format(name)
        )
    if private[0]["provisioning_state"] != "Succeeded":
        raise ValidationError(
            "peer: the AzurePrivatePeering of circuit {0} is in provisioning_state {1}; {2}".format(
                name,
                private[0]["provisioning_state"],
                _settle_advice(
                    private[0]["provisioning_state"],
                    "hybridnet.expressroute.peering (peering_type AzurePrivatePeering)",
                ),
            )
        )


def _settle_advice(state, module):
    """What to do about a resource that is not Succeeded: a Failed one is
    repaired by running its module again (it writes it again), a running
    operation is waited for."""
    if state == "Failed":
        return (
            "its last operation failed. Run {0} for it again, which writes it again to recover it, then re-run "
            "this task.".format(module)
        )
    return "wait for its operation to finish, then re-run."


def check_gateway_capacity(gateway, connections, circuit_id, circuit_name):
    """A circuit links to a gateway once, and a gateway takes as many
    circuits as its SKU allows.  ``connections``: the gateway's, as
    _gateway.connection_entry gives them."""
    for other in connections:
        if same_id(other["peer_id"], circuit_id):
            raise ValidationError(
                "peer: circuit {0} is already linked to gateway {1} by connection {2}; a circuit links to a gateway "
                "once. Manage that connection instead.".format(circuit_name, gateway["name"], other["name"]),
                existing_connection=other["id"],
            )
    limit = max_connections(gateway["sku"], gateway.get("min_scale_units"))
    if len(connections) >= limit:
        sku = describe_sku(gateway["sku"], gateway.get("min_scale_units"), gateway.get("max_scale_units"))
        raise ValidationError(
            "gateway {0} ({1}) supports {2} circuit connections and has {3}. Use a larger SKU or "
            "remove a connection.".format(gateway["name"], sku, limit, len(connections))
        )


def check_unchanged(current, gateway_id, peer_id, location_changed):
    """What Azure does not change on an existing connection."""
    if gateway_id and not same_id(gateway_id, current["gateway_id"]):
        raise ValidationError(
            "gateway: connection {0} belongs to gateway {1}, and a connection's gateway cannot change. Delete the "
            "connection (state: absent) and create it again.".format(current["name"], current["gateway_id"])
        )
    if peer_id and not same_id(peer_id, current["peer_id"]):
        raise ValidationError(
            "peer: connection {0} links circuit {1}, and a connection's circuit cannot change. Delete the connection "
            "(state: absent) and create it again.".format(current["name"], current["peer_id"])
        )
    if location_changed:
        raise ValidationError(
            "location: connection {0} is in {1}, and a connection cannot move.".format(
                current["name"], current["location"]
            )
        )


def circuit_view(model):
    """What the checks need from a circuit (SDK model)."""
    spp = model.service_provider_properties
    return {
        "id": model.id,
        "name": model.name,
        "provider": spp.service_provider_name if spp else None,
        "peering_location": getattr(spp, "peering_location", None),
        "tier": value(getattr(getattr(model, "sku", None), "tier", None)),
        "service_key": model.service_key,
        "service_provider_provisioning_state": value(model.service_provider_provisioning_state),
        "provisioning_state": value(model.provisioning_state),
        "express_route_direct": sub_id(getattr(model, "express_route_port", None)) is not None,
        "peerings": [
            {"peering_type": value(p.peering_type), "provisioning_state": value(p.provisioning_state)}
            for p in (model.peerings or [])
        ],
    }


def read_circuit(module, circuit_id, missing):
    """The circuit's view, read once with a client for its subscription, or
    None when the principal may not read it (warned: then Azure checks it).
    ``missing``: the refusal when it does not exist, formatted with its
    name, resource group and subscription."""
    sub, group, name = id_parts(circuit_id)
    try:
        return circuit_view(module.network(sub).express_route_circuits.get(group, name))
    except Exception as exc:
        code = error_code(exc)
        if code in UNREADABLE_CODES or status_code(exc) == 403:
            module.warn(
                "Could not read circuit {0} in subscription {1} ({2} {3}): its provisioning and private "
                "peering are not checked before the write; Azure checks them.".format(name, sub, status_code(exc), code)
            )
            return None
        if is_not_found(exc):
            raise ValidationError(missing.format(name, group, sub)) from exc
        raise


def connection_result(model):
    """The connection as the modules return it; never the authorization key."""
    parsed = parse_id(model.id) or {}
    gateway_id = sub_id(model.virtual_network_gateway1)
    peer_id = sub_id(model.peer)
    gateway = parse_id(gateway_id) or {}
    circuit = parse_id(peer_id) or {}
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "subscription_id": parsed.get("subscription"),
        "location": model.location,
        "tags": dict(model.tags or {}),
        "connection_type": value(model.connection_type),
        "gateway_id": gateway_id,
        "gateway": gateway["path"][-1][1] if gateway else None,
        "gateway_resource_group": gateway.get("resource_group"),
        "peer_id": peer_id,
        "circuit": circuit["path"][-1][1] if circuit else None,
        "circuit_resource_group": circuit.get("resource_group"),
        "circuit_subscription_id": circuit.get("subscription"),
        "routing_weight": model.routing_weight,
        "express_route_gateway_bypass": bool(model.express_route_gateway_bypass),
        "enable_private_link_fast_path": bool(getattr(model, "enable_private_link_fast_path", False)),
        "connection_status": value(model.connection_status),
        "provisioning_state": value(model.provisioning_state),
        "etag": model.etag,
    }


def managed_view(result, key_set=False):
    """The managed fields.  The authorization key shows only as set: Azure
    may not return it, so once the connection exists it is not compared."""
    if result is None:
        return None
    view = {k: result.get(k) for k in MANAGED_FIELDS if k != "authorization_key"}
    view["authorization_key"] = SECRET_SET if key_set else None
    return view
