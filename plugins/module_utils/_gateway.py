# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: what the gateway modules know about ExpressRoute virtual network
gateways — SKU families and what changes in place, scale units, connection
limits, FastPath, the GatewaySubnet — and the gateway's result shape.

Sources: "About ExpressRoute virtual network gateways" (SKUs, feature
support by SKU, GatewaySubnet size), "About the scalable gateway" (ErGwScale,
scale units 1-40), "Gateway migration" (non-AZ to AZ is a migration, not an
update), Terraform azurerm (no public IP for ExpressRoute gateways, the
subnet is ForceNew).  The emulator follows the same rules (its README).

Pure functions over plain values and attribute objects: unit-tested without
Azure.
"""

from __future__ import annotations

import ipaddress

from ._errors import ValidationError
from ._shapes import parse_id, sub_id, value
from ._validate import network_name

GATEWAY_SUBNET = "GatewaySubnet"
# /29 is the smallest GatewaySubnet Azure creates; /27 is the documented
# advice, and a /26 for a gateway linking 16 circuits.
SMALLEST_GATEWAY_SUBNET = 29
RECOMMENDED_GATEWAY_SUBNET = 27

# SKU families in capacity order: an in-place change moves up its family.
NON_AZ_SKUS = ("Standard", "HighPerformance", "UltraPerformance")
AZ_SKUS = ("ErGw1AZ", "ErGw2AZ", "ErGw3AZ")
SCALABLE_SKU = "ErGwScale"
SKUS = NON_AZ_SKUS + AZ_SKUS + (SCALABLE_SKU,)
SCALE_UNITS_MIN, SCALE_UNITS_MAX = 1, 40
# ErGwScale: 8 circuit connections from 2 scale units, 16 and FastPath from 10.
SCALE_UNITS_FOR_FASTPATH = 10
MAX_CONNECTIONS = {
    "Standard": 4,
    "ErGw1AZ": 4,
    "HighPerformance": 8,
    "ErGw2AZ": 8,
    "UltraPerformance": 16,
    "ErGw3AZ": 16,
}
FASTPATH_SKUS = ("UltraPerformance", "ErGw3AZ")
FASTPATH_SKUS_TEXT = "UltraPerformance, ErGw3AZ, or ErGwScale with min_scale_units of {0} or more".format(
    SCALE_UNITS_FOR_FASTPATH
)
# The fields the gateway module manages, in the order diffs show them.
MANAGED_FIELDS = ("location", "virtual_network_id", "sku", "min_scale_units", "max_scale_units", "tags")


# ---------------------------------------------------------------------------
# Resource ids
# ---------------------------------------------------------------------------
def arm_id(subscription, resource_group, type_name, name):
    return "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/{2}/{3}".format(
        subscription, resource_group, type_name, name
    )


def resolve(value_, option, type_name, subscription, resource_group, what):
    """The resource id of ``value_``: a name (in ``resource_group`` of
    ``subscription``) or an id of type ``type_name``."""
    if value_ is None:
        return None
    if not value_.strip():
        # "" is not "leave it out": a name Azure would look up as nothing.
        raise ValidationError(
            "{0} is empty: give the name or the resource id of {1}, or leave {0} out.".format(option, what),
            option=option,
        )
    if value_.startswith("/"):
        parsed = parse_id(value_)
        if (
            not parsed
            or len(parsed["path"]) != 1
            or parsed["path"][0][0].lower() != type_name.lower()
            or parsed["namespace"].lower() != "microsoft.network"
        ):
            raise ValidationError(
                "{0} '{1}' is not the name or the resource id of {2} "
                "(/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/{3}/NAME).".format(
                    option, value_, what, type_name
                )
            )
        return value_
    network_name(value_, option, what.split(" ", 1)[1] if what.startswith(("a ", "an ")) else what)
    return arm_id(subscription, resource_group, type_name, value_)


def id_parts(resource_id):
    """(subscription, resource group, name) of a top-level resource id."""
    parsed = parse_id(resource_id)
    return parsed["subscription"], parsed["resource_group"], parsed["path"][-1][1]


def same_id(a, b):
    return (a or "").lower() == (b or "").lower()


def check_same_subscription(resource_id, option, subscription, child, parent):
    """A ``child`` (gateway, connection) is created in the subscription of
    the ``parent`` it stands in (``resource_id``, given as ``option``):
    refused when that is not ``subscription``, the module's."""
    theirs = id_parts(resource_id)[0] if resource_id else None
    if resource_id and not same_id(theirs, subscription):
        raise ValidationError(
            "{0} {1} is in subscription {2}, the {3} in {4}: a {3} is created in its {5}'s subscription. Set "
            "subscription_id to {2}.".format(option, resource_id, theirs, child, subscription, parent)
        )


# ---------------------------------------------------------------------------
# SKUs and scale units
# ---------------------------------------------------------------------------
def check_scale_units(sku, low, high, existing=None):
    """(min, max) scale units the gateway should have: ErGwScale needs both
    (an existing ErGwScale gateway keeps those not given); other SKUs none."""
    if sku != SCALABLE_SKU:
        if low is not None or high is not None:
            raise ValidationError(
                "min_scale_units and max_scale_units apply to the ErGwScale SKU only (the scalable gateway); sku is "
                "{0}. Remove them, or use sku: ErGwScale.".format(sku)
            )
        return None, None
    existing = existing or (None, None)
    low = existing[0] if low is None else low
    high = existing[1] if high is None else high
    if low is None or high is None:
        raise ValidationError(
            "sku ErGwScale needs min_scale_units and max_scale_units ({0}-{1}; the same value for a fixed size, "
            "min_scale_units 2 or more to autoscale).".format(SCALE_UNITS_MIN, SCALE_UNITS_MAX)
        )
    for option, units in (("min_scale_units", low), ("max_scale_units", high)):
        if not SCALE_UNITS_MIN <= units <= SCALE_UNITS_MAX:
            raise ValidationError(
                "{0} {1} is out of range: an ErGwScale gateway has {2}-{3} scale units.".format(
                    option, units, SCALE_UNITS_MIN, SCALE_UNITS_MAX
                )
            )
    if low > high:
        raise ValidationError("min_scale_units {0} is greater than max_scale_units {1}.".format(low, high))
    if low != high and low < 2:
        raise ValidationError(
            "min_scale_units {0} with max_scale_units {1}: an autoscaling ErGwScale gateway needs min_scale_units "
            "of 2 or more; for a fixed size of 1 set both to 1.".format(low, high)
        )
    return low, high


def sku_change_refusal(name, old, new):
    """Why gateway ``name`` cannot change from SKU ``old`` to ``new`` in place,
    or None when Azure does it in place (docs: upgrades within a family, and
    ErGw1AZ/ErGw2AZ/ErGw3AZ to ErGwScale)."""
    if old == new:
        return None
    for family in (NON_AZ_SKUS, AZ_SKUS):
        if old in family and new in family:
            if family.index(new) > family.index(old):
                return None
            return (
                "Gateway {0} cannot change from {1} to the smaller {2} in place: Azure resizes a gateway only "
                "upwards within its family ({3}). Delete the gateway (its connections first) and create it "
                "again with sku {2}; that means downtime.".format(name, old, new, " -> ".join(family))
            )
    if old in AZ_SKUS and new == SCALABLE_SKU:
        return None
    if old in NON_AZ_SKUS and new in AZ_SKUS + (SCALABLE_SKU,):
        return (
            "Gateway {0} cannot change from {1} to {2} in place: moving a non-zone-redundant gateway to a "
            "zone-redundant SKU is a migration, done with Azure's gateway migration tool (portal or PowerShell), "
            "not an update.".format(name, old, new)
        )
    if old == SCALABLE_SKU:
        why = "nothing leaves the scalable gateway in place; change its scale units instead"
    else:
        why = "zone-redundant gateways do not go back to non-zone-redundant SKUs"
    return (
        "Gateway {0} cannot change from {1} to {2} in place: {3}. Delete the gateway (its connections first) "
        "and create it again.".format(name, old, new, why)
    )


def max_connections(sku, min_units=None):
    if sku == SCALABLE_SKU:
        low = min_units or 1
        return 16 if low >= SCALE_UNITS_FOR_FASTPATH else 8 if low >= 2 else 4
    return MAX_CONNECTIONS.get(sku, 4)


def supports_fastpath(sku, min_units=None):
    if sku == SCALABLE_SKU:
        return (min_units or 1) >= SCALE_UNITS_FOR_FASTPATH
    return sku in FASTPATH_SKUS


def describe_sku(sku, low=None, high=None):
    if sku == SCALABLE_SKU and low is not None:
        return "ErGwScale with {0}-{1} scale units".format(low, high)
    return sku


def check_connections_fit(name, sku, low, high, connections):
    """An SKU or scale change must leave room for the gateway's existing
    connections (their count, and FastPath on those that use it).
    ``connections``: [{name, express_route_gateway_bypass}]."""
    limit = max_connections(sku, low)
    if len(connections) > limit:
        raise ValidationError(
            "Gateway {0} has {1} circuit connections; {2} supports {3}. Delete connections first, or choose a "
            "larger SKU.".format(name, len(connections), describe_sku(sku, low, high), limit)
        )
    fast = [c["name"] for c in connections if c.get("express_route_gateway_bypass")]
    if fast and not supports_fastpath(sku, low):
        raise ValidationError(
            "Gateway {0} would become {1}, which does not support FastPath, while connection(s) {2} use it. FastPath "
            "needs {3}; turn FastPath off on those connections first (connection option "
            "express_route_gateway_bypass: false).".format(
                name, describe_sku(sku, low, high), ", ".join(fast), FASTPATH_SKUS_TEXT
            )
        )


def busy_refusal(name, state, doing, takes, info_module):
    """The refusal to change or delete (``doing``: "changed", "deleted")
    gateway ``name`` while an operation runs on it (provisioningState
    ``state``); ``takes``: how long a create takes on Azure, in words;
    ``info_module``: the module that follows it."""
    return ValidationError(
        "Gateway {0} is still {1} (provisioning_state {2}; {3}), so it cannot be {4} now. Re-run with wait: true "
        "to wait for it, or later (follow it with hybridnet.expressroute.{5}).".format(
            name,
            "being deleted" if state == "Deleting" else "being created or updated",
            state,
            takes,
            doing,
            info_module,
        ),
        provisioning_state=state,
    )


# Azure's refusal to delete a gateway that connections use: the emulator's
# code (Azure's own is not published; its "in use" codes start with InUse).
IN_USE_CODES = ("VirtualNetworkGatewayInUseByConnections",)


def in_use_refusal(name, code, azure_message):
    """The module's words for Azure refusing to delete gateway ``name``
    because connections use it (created after the module's own check), or
    None for another error."""
    if code in IN_USE_CODES or (code or "").startswith("InUse"):
        return (
            "Gateway {0} cannot be deleted: Azure says connections still use it ({1}). Delete them first "
            "(hybridnet.expressroute.connection with state: absent), then re-run.".format(name, azure_message)
        )
    return None


# ---------------------------------------------------------------------------
# The virtual network and its GatewaySubnet
# ---------------------------------------------------------------------------
def subnet_prefixes(subnet):
    prefixes = list(getattr(subnet, "address_prefixes", None) or [])
    if not prefixes and getattr(subnet, "address_prefix", None):
        prefixes = [subnet.address_prefix]
    return prefixes


def vnet_view(vnet):
    """A virtual network (SDK model) as plain values."""
    return {
        "id": vnet.id,
        "name": vnet.name,
        "location": vnet.location,
        "address_prefixes": list(getattr(getattr(vnet, "address_space", None), "address_prefixes", None) or []),
        "subnets": [
            {
                "id": s.id,
                "name": s.name,
                "prefixes": subnet_prefixes(s),
                "ip_configuration_ids": [c.id for c in (getattr(s, "ip_configurations", None) or [])],
            }
            for s in (vnet.subnets or [])
        ],
    }


def gateway_subnet(vnet):
    """The subnet named exactly GatewaySubnet, and warnings about it; a
    ValidationError that says why and how big it should be otherwise."""
    subnets = vnet["subnets"]
    exact = [s for s in subnets if s["name"] == GATEWAY_SUBNET]
    advice = "/{0} or larger (a /26 if the gateway is to link 16 circuits; /{1} is the smallest Azure accepts)".format(
        RECOMMENDED_GATEWAY_SUBNET, SMALLEST_GATEWAY_SUBNET
    )
    if not exact:
        near = [s["name"] for s in subnets if s["name"].lower() == GATEWAY_SUBNET.lower()]
        if near:
            raise ValidationError(
                "virtual_network {0} has a subnet '{1}', but a gateway needs the subnet named exactly 'GatewaySubnet' "
                "(the name is case-sensitive): Azure deploys the gateway's VMs only there. Replace '{1}' by a "
                "subnet named GatewaySubnet, {2}, then re-run.".format(vnet["name"], near[0], advice)
            )
        raise ValidationError(
            "virtual_network {0} has no subnet named GatewaySubnet (its subnets: {1}). An ExpressRoute gateway is "
            "deployed into the subnet named exactly 'GatewaySubnet', which holds nothing else. Add it inside the "
            "address space {2}, {3}, then re-run.".format(
                vnet["name"],
                ", ".join(s["name"] for s in subnets) or "none",
                ", ".join(vnet["address_prefixes"]) or "(none)",
                advice,
            )
        )
    subnet = exact[0]
    warnings = []
    ipv4 = [ipaddress.ip_network(p, strict=False) for p in subnet["prefixes"]]
    ipv4 = [n for n in ipv4 if n.version == 4]
    if ipv4 and ipv4[0].prefixlen > RECOMMENDED_GATEWAY_SUBNET:
        warnings.append(
            "GatewaySubnet of {0} is {1}; Azure recommends /{2} or larger for ExpressRoute gateways "
            "(/26 for 16 circuits), and a gateway cannot move to a bigger subnet later without being "
            "re-created.".format(vnet["name"], ipv4[0], RECOMMENDED_GATEWAY_SUBNET)
        )
    return subnet, warnings


def gateways_in_subnet(subnet, own_id=None):
    """Ids of the gateways (other than ``own_id``) whose ip configurations
    stand in ``subnet``."""
    found: list[str] = []
    for config_id in subnet["ip_configuration_ids"]:
        gateway_id = config_id.split("/ipConfigurations/")[0] if "/ipConfigurations/" in config_id else None
        if (
            gateway_id
            and "/virtualnetworkgateways/" in gateway_id.lower()
            and not same_id(gateway_id, own_id)
            and not any(same_id(gateway_id, g) for g in found)
        ):
            found.append(gateway_id)
    return found


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------
def scale_bounds(model):
    bounds = getattr(getattr(model, "auto_scale_configuration", None), "bounds", None)
    if bounds is None:
        return None, None
    return bounds.min, bounds.max


def gateway_result(model):
    """The gateway as the modules return it (stable snake_case)."""
    parsed = parse_id(model.id) or {}
    sku_model = model.sku
    sku = value(sku_model.name) if sku_model else None
    configs = model.ip_configurations or []
    subnet_id = sub_id(configs[0].subnet) if configs else None
    vnet_id = subnet_id.split("/subnets/")[0] if subnet_id and "/subnets/" in subnet_id else None
    vnet = parse_id(vnet_id) if vnet_id else None
    low, high = scale_bounds(model) if sku == SCALABLE_SKU else (None, None)
    bgp = model.bgp_settings
    peering_address = getattr(bgp, "bgp_peering_address", None) if bgp else None
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "subscription_id": parsed.get("subscription"),
        "location": model.location,
        "tags": dict(model.tags or {}),
        "gateway_type": value(model.gateway_type),
        "sku": sku,
        "min_scale_units": low,
        "max_scale_units": high,
        "scale_units": getattr(sku_model, "capacity", None) if sku_model else None,
        "virtual_network": vnet["path"][0][1] if vnet else None,
        "virtual_network_resource_group": vnet["resource_group"] if vnet else None,
        "virtual_network_id": vnet_id,
        "subnet_id": subnet_id,
        "public_ip_id": sub_id(getattr(configs[0], "public_ip_address", None)) if configs else None,
        "admin_state": value(getattr(model, "admin_state", None)),
        "bgp_asn": getattr(bgp, "asn", None) if bgp else None,
        "bgp_peering_addresses": [a for a in (peering_address or "").split(",") if a],
        "provisioning_state": value(model.provisioning_state),
        "etag": model.etag,
    }


def managed_view(result):
    if result is None:
        return None
    return {k: result.get(k) for k in MANAGED_FIELDS}


def connection_entry(entity):
    """A connection as a gateway lists it (``list_connections``)."""
    return {
        "id": entity.id,
        "name": entity.name,
        "peer_id": sub_id(getattr(entity, "peer", None)),
        "connection_status": value(getattr(entity, "connection_status", None)),
        "provisioning_state": value(getattr(entity, "provisioning_state", None)),
        "routing_weight": getattr(entity, "routing_weight", None),
        "express_route_gateway_bypass": bool(getattr(entity, "express_route_gateway_bypass", False)),
    }
