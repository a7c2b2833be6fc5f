# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the rules of Virtual WAN's ExpressRoute gateways
(Microsoft.Network/expressRouteGateways, in a virtual hub) and their
ExpressRoute connections (a circuit's private peering linked to the hub),
checked before anything is written, and their result shapes.

Sources: virtual-wan/virtual-wan-faq (gateway scale units: 1 unit = 2 Gbps,
up to 10 units); virtual-wan/virtual-wan-about (Basic virtual WANs have
site-to-site VPN only: ExpressRoute needs a Standard virtual WAN; a hub has
one gateway of each type); virtual-wan/virtual-wan-expressroute-portal
(circuits connect over private peering, with an authorization key from
another subscription; a hub and its gateway take about 30 minutes);
virtual-wan/about-virtual-hub-routing (connections associate to and
propagate to the hub's Default route table, label "default", by default);
the REST spec (ExpressRouteConnection: name required; Private Link FastPath
needs FastPath); Terraform azurerm express_route_connection (routing_weight
0-32000).

Pure functions over plain values: unit-tested without Azure.
"""

from __future__ import annotations

from ._diff import SECRET_SET
from . import _validate
from ._errors import ValidationError
from ._shapes import parse_id, sub_id, value

SCALE_UNITS_MIN, SCALE_UNITS_MAX = 1, 10
GBPS_PER_SCALE_UNIT = 2
ROUTING_WEIGHT_MAX = 32000
PRIVATE_PEERING = "AzurePrivatePeering"
DEFAULT_ROUTE_TABLE = "defaultRouteTable"
DEFAULT_LABEL = "default"

GATEWAY_MANAGED_FIELDS = (
    "location",
    "virtual_hub_id",
    "min_scale_units",
    "max_scale_units",
    "allow_non_virtual_wan_traffic",
    "tags",
)
CONNECTION_MANAGED_FIELDS = (
    "circuit_peering_id",
    "routing_weight",
    "enable_internet_security",
    "express_route_gateway_bypass",
    "enable_private_link_fast_path",
    "associated_route_table_id",
    "propagated_route_table_labels",
    "propagated_route_table_ids",
    "inbound_route_map_id",
    "outbound_route_map_id",
    "authorization_key",
)


# ---------------------------------------------------------------------------
# Gateway rules
# ---------------------------------------------------------------------------
def check_scale_units(low, high, existing=None):
    """(min, max) scale units: min is required (given, or the gateway's),
    max optional (None: no upper bound); both 1-10, max >= min."""
    existing = existing or (None, None)
    low = existing[0] if low is None else low
    high = existing[1] if high is None else high
    if low is None:
        raise ValidationError(
            "min_scale_units is required to create a Virtual WAN ExpressRoute gateway: its scale units ({0}-{1}; one "
            "unit is {2} Gbps).".format(SCALE_UNITS_MIN, SCALE_UNITS_MAX, GBPS_PER_SCALE_UNIT)
        )
    for option, units in (("min_scale_units", low), ("max_scale_units", high)):
        if units is not None and not SCALE_UNITS_MIN <= units <= SCALE_UNITS_MAX:
            raise ValidationError(
                "{0} {1} is out of range: a Virtual WAN ExpressRoute gateway has {2}-{3} scale units (one unit is {4} "
                "Gbps; virtual-wan-faq).".format(option, units, SCALE_UNITS_MIN, SCALE_UNITS_MAX, GBPS_PER_SCALE_UNIT),
                option=option,
            )
    if high is not None and high < low:
        raise ValidationError("max_scale_units {0} is less than min_scale_units {1}.".format(high, low))
    return low, high


def check_hub(hub, wan, gateway_id, location):
    """The hub (hub_view) can take this gateway: finished, in the gateway's
    region, without another ExpressRoute gateway, in a Standard virtual WAN
    (wan_type; None when the WAN could not be read)."""
    if location and location != hub["location"]:
        raise ValidationError(
            "location {0}: a Virtual WAN ExpressRoute gateway is created in its hub's region, and "
            "hub {1} is in {2}. Leave location out or set it to {2}.".format(location, hub["name"], hub["location"])
        )
    other = hub["express_route_gateway_id"]
    if other and (other or "").lower() != (gateway_id or "").lower():
        raise ValidationError(
            "virtual_hub {0} already has the ExpressRoute gateway {1}: a hub has one ExpressRoute gateway. Manage "
            "that one, or delete it first.".format(hub["name"], other),
            existing_gateway=other,
        )
    if wan == "Basic":
        raise ValidationError(
            "virtual_hub {0} belongs to a Basic virtual WAN, which has site-to-site VPN only (virtual-wan-about): "
            "ExpressRoute gateways need a Standard virtual WAN. Upgrade the virtual WAN to Standard first.".format(
                hub["name"]
            )
        )
    if hub["provisioning_state"] != "Succeeded":
        raise ValidationError(
            "virtual_hub {0} is in provisioning_state {1}; a gateway is created in a finished hub (creating a hub "
            "takes about 30 minutes). Re-run once it has Succeeded.".format(hub["name"], hub["provisioning_state"]),
            hub_provisioning_state=hub["provisioning_state"],
        )


def hub_view(model):
    parsed = parse_id(model.id) or {}
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "location": model.location,
        "virtual_wan_id": sub_id(getattr(model, "virtual_wan", None)),
        "express_route_gateway_id": sub_id(getattr(model, "express_route_gateway", None)),
        "provisioning_state": value(getattr(model, "provisioning_state", None)),
    }


def wan_type(model):
    """properties.type of a virtual WAN (flattened as type_properties_type up
    to SDK 30.x, under properties from 31.0.0)."""
    flat = getattr(model, "type_properties_type", None)
    if flat:
        return value(flat)
    props = getattr(model, "properties", None)
    return value(getattr(props, "type", None)) if props is not None else None


def gateway_result(model):
    """The gateway as the modules return it (stable snake_case)."""
    parsed = parse_id(model.id) or {}
    bounds = getattr(getattr(model, "auto_scale_configuration", None), "bounds", None)
    hub_id = sub_id(getattr(model, "virtual_hub", None))
    hub = parse_id(hub_id) if hub_id else None
    links = [connection_entry(c) for c in (getattr(model, "express_route_connections", None) or [])]
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "subscription_id": parsed.get("subscription"),
        "location": model.location,
        "tags": dict(model.tags or {}),
        "virtual_hub_id": hub_id,
        "virtual_hub": hub["path"][-1][1] if hub else None,
        "virtual_hub_resource_group": hub["resource_group"] if hub else None,
        "min_scale_units": getattr(bounds, "min", None) if bounds is not None else None,
        "max_scale_units": getattr(bounds, "max", None) if bounds is not None else None,
        "allow_non_virtual_wan_traffic": bool(getattr(model, "allow_non_virtual_wan_traffic", False)),
        "connections": links,
        "connections_count": len(links),
        "provisioning_state": value(model.provisioning_state),
        "etag": model.etag,
    }


def gateway_managed_view(result):
    if result is None:
        return None
    return {k: result.get(k) for k in GATEWAY_MANAGED_FIELDS}


def connection_entry(model):
    """A connection as its gateway lists it; never the authorization key."""
    return {
        "id": model.id,
        "name": model.name,
        "circuit_peering_id": sub_id(getattr(model, "express_route_circuit_peering", None)),
        "routing_weight": getattr(model, "routing_weight", None),
        "provisioning_state": value(getattr(model, "provisioning_state", None)),
    }


def check_gateway_deletable(name, connections):
    if connections:
        raise ValidationError(
            "Virtual WAN ExpressRoute gateway {0} cannot be deleted while circuits are connected to it: {1}. Delete "
            "them first (hybridnet.expressroute.vwan_connection with state: absent). Nothing was changed.".format(
                name, ", ".join(c["name"] for c in connections)
            ),
            connections=[c["id"] for c in connections],
        )


# ---------------------------------------------------------------------------
# Connection rules
# ---------------------------------------------------------------------------
def check_routing_weight(weight):
    if weight is not None and not 0 <= weight <= ROUTING_WEIGHT_MAX:
        raise ValidationError(
            "routing_weight {0} is out of range: use 0-{1} (the higher weight is preferred).".format(
                weight, ROUTING_WEIGHT_MAX
            ),
            option="routing_weight",
        )


def check_private_link(bypass, private_link):
    if private_link and not bypass:
        raise ValidationError(
            "enable_private_link_fast_path needs FastPath: set express_route_gateway_bypass: true "
            "as well (Azure: \"ExpressRoute FastPath (expressRouteGatewayBypass) must be "
            "enabled\")."
        )


def check_gateway_ready(gateway):
    state = gateway["provisioning_state"]
    if state != "Succeeded":
        raise ValidationError(
            "gateway {0} is in provisioning_state {1}; Azure connects a circuit only to a finished Virtual WAN "
            "ExpressRoute gateway (creating one takes about 30 minutes). {2}".format(
                gateway["name"],
                state,
                "Re-run hybridnet.expressroute.vwan_gateway to repair it."
                if state == "Failed"
                else "Re-run once it has Succeeded (hybridnet.expressroute.vwan_gateway_info follows it).",
            ),
            gateway_provisioning_state=state,
        )


def check_peering_ready(circuit, peering, connection_id):
    """The circuit (connection.circuit_view) and its private peering
    (peering_view, None when absent) can be connected by ``connection_id``."""
    name = circuit["name"]
    if circuit["service_provider_provisioning_state"] != "Provisioned":
        raise ValidationError(
            "circuit: {0} cannot be connected yet: its connectivity provider {1} has not provisioned it "
            "(serviceProviderProvisioningState {2}). Give them the service key {3}; once it is Provisioned and has "
            "a private peering, re-run.".format(
                name, circuit["provider"], circuit["service_provider_provisioning_state"], circuit["service_key"]
            ),
            service_key=circuit["service_key"],
            provider=circuit["provider"],
        )
    if circuit["provisioning_state"] != "Succeeded":
        raise ValidationError(
            "circuit: {0} is in provisioning_state {1}; wait for its operation to finish (or re-run "
            "hybridnet.expressroute.circuit when Failed), then re-run.".format(name, circuit["provisioning_state"])
        )
    if peering is None:
        raise ValidationError(
            "circuit: {0} has no AzurePrivatePeering, and a Virtual WAN hub connects to a circuit over its private "
            "peering. Configure it first (hybridnet.expressroute.peering with peering_type: AzurePrivatePeering), "
            "then re-run.".format(name)
        )
    if peering["provisioning_state"] != "Succeeded":
        raise ValidationError(
            "circuit: the AzurePrivatePeering of {0} is in provisioning_state {1}; wait for it (or "
            "re-run hybridnet.expressroute.peering when Failed), then re-run.".format(
                name, peering["provisioning_state"]
            )
        )
    used_by = peering["express_route_connection_id"]
    if used_by and used_by.lower() != connection_id.lower():
        raise ValidationError(
            "circuit: the AzurePrivatePeering of {0} is already connected to a Virtual WAN hub by {1}; a peering "
            "takes one Virtual WAN ExpressRoute connection. Manage that one, or delete it first.".format(name, used_by),
            existing_connection=used_by,
        )


def peering_view(model):
    if model is None:
        return None
    return {
        "id": model.id,
        "provisioning_state": value(model.provisioning_state),
        "express_route_connection_id": sub_id(getattr(model, "express_route_connection", None)),
    }


def hub_child_id(value_, option, hub_id, collection):
    """The id of a hub route table or route map given by name (under the
    gateway's hub) or by id."""
    if value_ is None:
        return None
    if not value_.strip():
        raise ValidationError("{0} is empty: give a name (in the gateway's hub) or a resource id.".format(option))
    if value_.startswith("/"):
        parsed = parse_id(value_)
        if (
            not parsed
            or len(parsed["path"]) != 2
            or parsed["path"][0][0].lower() != "virtualhubs"
            or parsed["path"][1][0].lower() != collection.lower()
        ):
            raise ValidationError(
                "{0} '{1}' is not the name or the id of a virtual hub's {2} (…/virtualHubs/HUB/{2}/NAME).".format(
                    option, value_, collection
                )
            )
        return value_
    if "/" in value_:
        raise ValidationError("{0} '{1}': give a name or a full resource id.".format(option, value_))
    return "{0}/{1}/{2}".format(hub_id, collection, value_)


def default_routing(hub_id):
    table = "{0}/hubRouteTables/{1}".format(hub_id, DEFAULT_ROUTE_TABLE)
    return {
        "associated_route_table_id": table,
        "propagated_route_table_labels": [DEFAULT_LABEL],
        "propagated_route_table_ids": [table],
        "inbound_route_map_id": None,
        "outbound_route_map_id": None,
    }


def routing_from_options(routing, hub_id):
    """The routing fields the ``routing`` option asks for (None for a field
    not given: left as it is)."""
    if not routing:
        return {}
    asked = {
        "associated_route_table_id": hub_child_id(
            routing.get("associated_route_table"), "routing.associated_route_table", hub_id, "hubRouteTables"
        ),
        "inbound_route_map_id": hub_child_id(
            routing.get("inbound_route_map"), "routing.inbound_route_map", hub_id, "routeMaps"
        ),
        "outbound_route_map_id": hub_child_id(
            routing.get("outbound_route_map"), "routing.outbound_route_map", hub_id, "routeMaps"
        ),
    }
    if routing.get("propagated_route_table_labels") is not None:
        asked["propagated_route_table_labels"] = list(routing["propagated_route_table_labels"])
    if routing.get("propagated_route_tables") is not None:
        asked["propagated_route_table_ids"] = [
            hub_child_id(t, "routing.propagated_route_tables", hub_id, "hubRouteTables")
            for t in routing["propagated_route_tables"]
        ]
    return {k: v for k, v in asked.items() if v is not None}


def hub_of(route_table_id):
    """The hub id a route table id lives under (None when not one)."""
    if route_table_id and "/hubRouteTables/" in route_table_id:
        return route_table_id.split("/hubRouteTables/")[0]
    return None


def connection_result(model, gateway_id):
    """The connection as the modules return it; never the authorization key."""
    parsed = parse_id(model.id) or {}
    peering_id = sub_id(getattr(model, "express_route_circuit_peering", None))
    circuit_id = peering_id.split("/peerings/")[0] if peering_id and "/peerings/" in peering_id else None
    circuit = parse_id(circuit_id) if circuit_id else None
    routing = getattr(model, "routing_configuration", None)
    propagated = getattr(routing, "propagated_route_tables", None) if routing is not None else None
    gateway = parse_id(gateway_id) or {}
    return {
        "id": model.id,
        "name": model.name,
        "resource_group": parsed.get("resource_group"),
        "subscription_id": parsed.get("subscription"),
        "gateway_id": gateway_id,
        "gateway": gateway["path"][0][1] if gateway.get("path") else None,
        "circuit_peering_id": peering_id,
        "circuit_id": circuit_id,
        "circuit": circuit["path"][0][1] if circuit else None,
        "circuit_resource_group": circuit["resource_group"] if circuit else None,
        "circuit_subscription_id": circuit["subscription"] if circuit else None,
        "routing_weight": getattr(model, "routing_weight", None) or 0,
        "enable_internet_security": bool(getattr(model, "enable_internet_security", False)),
        "express_route_gateway_bypass": bool(getattr(model, "express_route_gateway_bypass", False)),
        "enable_private_link_fast_path": bool(getattr(model, "enable_private_link_fast_path", False)),
        "associated_route_table_id": sub_id(getattr(routing, "associated_route_table", None)) if routing else None,
        "propagated_route_table_labels": list(getattr(propagated, "labels", None) or []) if propagated else [],
        "propagated_route_table_ids": [sub_id(i) for i in (getattr(propagated, "ids", None) or [])]
        if propagated
        else [],
        "inbound_route_map_id": sub_id(getattr(routing, "inbound_route_map", None)) if routing else None,
        "outbound_route_map_id": sub_id(getattr(routing, "outbound_route_map", None)) if routing else None,
        "provisioning_state": value(getattr(model, "provisioning_state", None)),
    }


def connection_managed_view(result, key_set=False):
    """The managed fields.  The authorization key shows only as set."""
    if result is None:
        return None
    view = {k: result.get(k) for k in CONNECTION_MANAGED_FIELDS if k != "authorization_key"}
    view["authorization_key"] = SECRET_SET if key_set else None
    return view


# ---------------------------------------------------------------------------
# A model role's connection of kind vnet or vwan (connectivity_problems)
# ---------------------------------------------------------------------------
LINK_KINDS = ("vnet", "vwan")
# Keys of one kind of link that the other has no use for.
VNET_ONLY_KEYS = ("virtual_network", "virtual_network_resource_group", "gateway_sku")
VWAN_ONLY_KEYS = (
    "virtual_hub",
    "virtual_hub_resource_group",
    "min_scale_units",
    "max_scale_units",
    "allow_non_virtual_wan_traffic",
    "internet_security",
    "private_link_fastpath",
    "routing",
)
TRUE = (True, "true", "True", "yes")


def _whole(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _rule(found, variable, rule, *args):
    try:
        rule(*args)
    except ValidationError as exc:
        message = str(exc)
        found.append(message if message.startswith(variable) else "{0}.{1}".format(variable, message))


def link_kind_problems(variable, link):
    """The kind of a model role's connection (vnet, the default: a virtual
    network's gateway; vwan: a Virtual WAN hub's gateway) and the keys only
    the other kind has.  Empty when the kind is known and no stray key."""
    kind = link.get("kind", "vnet")
    if kind not in LINK_KINDS:
        return [
            "{0}.kind {1!r} is not one of vnet (a virtual network's ExpressRoute gateway) or vwan (a Virtual "
            "WAN hub's ExpressRoute gateway).".format(variable, kind)
        ]
    stray = [k for k in (VNET_ONLY_KEYS if kind == "vwan" else VWAN_ONLY_KEYS) if k in link]
    if stray:
        return [
            "{0}: {1} {2} only for kind {3}; this connection is kind {4}.".format(
                variable,
                ", ".join(stray),
                "is" if len(stray) == 1 else "are",
                "vnet" if kind == "vwan" else "vwan",
                kind,
            )
        ]
    return []


def vwan_link_problems(variable, link):
    """A model role's connection of kind vwan, by the rules vwan_gateway and
    vwan_connection apply."""
    found: list[str] = []
    _rule(found, variable, _validate.network_name, link.get("gateway"), variable + ".gateway", "ExpressRoute gateway")
    for option in ("resource_group", "gateway_resource_group", "virtual_hub_resource_group"):
        if link.get(option):
            _rule(found, variable, _validate.resource_group, link[option], variable + "." + option)
    if link.get("routing_weight") is not None:
        weight = _whole(link["routing_weight"])
        if weight is None:
            found.append(
                "{0}.routing_weight {1!r} is not a routing weight: give a whole number.".format(
                    variable, link["routing_weight"]
                )
            )
        else:
            _rule(found, variable, check_routing_weight, weight)
    if link.get("private_link_fastpath") in TRUE and link.get("fastpath") not in TRUE:
        _rule(found, variable, check_private_link, False, True)
    if link.get("routing") is not None and not isinstance(link["routing"], dict):
        found.append(
            "{0}.routing must be a mapping (associated_route_table, propagated_route_tables, "
            "propagated_route_table_labels, inbound_route_map, outbound_route_map).".format(variable)
        )
    if link.get("create_gateway") in TRUE:
        _rule(
            found, variable, _validate.network_name, link.get("virtual_hub"), variable + ".virtual_hub", "virtual hub"
        )
        units = [link.get("min_scale_units"), link.get("max_scale_units")]
        numbers = [_whole(u) if u is not None else None for u in units]
        if any(u is not None and n is None for u, n in zip(units, numbers)):
            found.append("{0}: min_scale_units and max_scale_units are whole numbers of scale units.".format(variable))
        else:
            _rule(found, variable, check_scale_units, numbers[0], numbers[1])
    return found
