"""Virtual WAN's side of ExpressRoute: Microsoft.Network/virtualWans,
virtualHubs, expressRouteGateways (the ExpressRoute gateway of a virtual
hub) and their expressRouteConnections (a circuit's private peering linked
to the hub gateway).

Sources, cited per rule below:
- REST spec (Azure/azure-rest-api-specs, ``specification/network/
  resource-manager/Microsoft.Network/stable/2025-01-01/examples/
  ExpressRouteGateway*.json`` and ``ExpressRouteConnection*.json``, kept in
  ../../spec_examples, see SOURCE) and the SDK models generated from it
  (azure-mgmt-network 30.2.0 ``ExpressRouteGateway``,
  ``ExpressRouteConnection``, ``VirtualHub``, ``VirtualWAN``):
  the members, which are read-only, ``name`` required on a connection.
- Microsoft docs: virtual-wan/virtual-wan-about ("Basic and Standard
  virtual WANs": ExpressRoute needs Standard), virtual-wan/virtual-wan-faq
  (ExpressRoute gateway scale units: 1 unit = 2 Gbps, up to 10 units),
  virtual-wan/virtual-wan-expressroute-portal (a hub and its gateway take
  about 30 minutes; circuits connect over private peering; an
  authorization key for a circuit of another subscription),
  virtual-wan/about-virtual-hub-routing (every connection associates to and
  propagates to the hub's Default route table, label "default"),
  virtual-wan/virtual-wan-site-to-site-portal (a hub's address space is a
  /24 or larger).

Hub route tables and route maps are not emulated: ids in a connection's
routingConfiguration are checked for their shape only.
"""

import ipaddress
import uuid

from ..arm import ResourceType, new_etag, normalize_location, utcnow_iso
from ..errors import bad_request
from ..store import key
from . import authorizations, connections, networks
from ._body import boolean, canonical, check_members, integer, parse_reference, reference_id, require_object

WAN_TYPE = "Microsoft.Network/virtualWans"
HUB_TYPE = "Microsoft.Network/virtualHubs"
GATEWAY_TYPE = "Microsoft.Network/expressRouteGateways"
CONNECTION_TYPE = "Microsoft.Network/expressRouteGateways/expressRouteConnections"
PEERING_TYPE = "Microsoft.Network/expressRouteCircuits/peerings"
CIRCUIT_TYPE = "Microsoft.Network/expressRouteCircuits"
PRIVATE_PEERING = "AzurePrivatePeering"

# virtual-wan-faq "ExpressRoute gateway scale units": 1 scale unit = 2 Gbps,
# up to 10 scale units (20 Gbps).
SCALE_UNITS_MIN, SCALE_UNITS_MAX = 1, 10
# Terraform azurerm express_route_connection: routing_weight 0-32000 (ARM's
# range is not published), as for VNet gateway connections.
ROUTING_WEIGHT_MAX = connections.ROUTING_WEIGHT_MAX
# The hub's own router ASN (about-virtual-hub-routing: the virtual hub
# router uses ASN 65515).
HUB_ROUTER_ASN = 65515

WAN_MEMBERS = {
    "disableVpnEncryption",
    "allowBranchToBranchTraffic",
    "allowVnetToVnetTraffic",
    "office365LocalBreakoutCategory",
    "type",
    "virtualHubs",
    "vpnSites",
}
HUB_MEMBERS = {
    "virtualWan",
    "vpnGateway",
    "p2SVpnGateway",
    "expressRouteGateway",
    "azureFirewall",
    "securityPartnerProvider",
    "addressPrefix",
    "routeTable",
    "securityProviderName",
    "virtualHubRouteTableV2s",
    "sku",
    "routingState",
    "bgpConnections",
    "ipConfigurations",
    "routeMaps",
    "virtualRouterAsn",
    "virtualRouterIps",
    "allowBranchToBranchTraffic",
    "preferredRoutingGateway",
    "hubRoutingPreference",
    "virtualRouterAutoScaleConfiguration",
}
GATEWAY_MEMBERS = {"autoScaleConfiguration", "expressRouteConnections", "virtualHub", "allowNonVirtualWanTraffic"}
CONNECTION_MEMBERS = {
    "expressRouteCircuitPeering",
    "authorizationKey",
    "routingWeight",
    "enableInternetSecurity",
    "expressRouteGatewayBypass",
    "enablePrivateLinkFastPath",
    "routingConfiguration",
}
ROUTING_MEMBERS = {"associatedRouteTable", "propagatedRouteTables", "vnetRoutes", "inboundRouteMap", "outboundRouteMap"}


def _not_found(ref, rid_id, extra=""):
    return bad_request(
        "InvalidResourceReference",
        "Resource {0} referenced by resource {1} was not found. Please make sure that the referenced resource "
        "exists{2}.".format(ref, rid_id, extra),
    )


def _require_succeeded(record, rid_id, hint=""):
    state = record["properties"].get("provisioningState")
    if state != "Succeeded":
        raise bad_request(
            "ReferencedResourceNotProvisioned",
            "Cannot proceed with operation because resource {0} used by resource {1} is not in Succeeded state. "
            "Resource is in {2} state. Wait for its operation to finish{3}.".format(record["id"], rid_id, state, hint),
        )


def gateway_of_hub(store, hub_id):
    for record in store.all_of_type(GATEWAY_TYPE):
        if key(record["properties"]["virtualHub"]["id"]) == key(hub_id):
            return record
    return None


def connections_of_peering(store, peering_id):
    return [
        c
        for c in store.all_of_type(CONNECTION_TYPE)
        if key(c["properties"]["expressRouteCircuitPeering"]["id"]) == key(peering_id)
    ]


def connections_of_circuit(store, circuit_id):
    prefix = key(circuit_id) + "/peerings/"
    return [
        c
        for c in store.all_of_type(CONNECTION_TYPE)
        if key(c["properties"]["expressRouteCircuitPeering"]["id"]).startswith(prefix)
    ]


def default_route_table(hub_id):
    return "{0}/hubRouteTables/defaultRouteTable".format(hub_id)


# ---------------------------------------------------------------------------
# virtualWans
# ---------------------------------------------------------------------------
class VirtualWans(ResourceType):
    collections = ("virtualWans",)
    subscription_list = True
    readonly_properties = {"provisioningState", "virtualHubs", "vpnSites", "office365LocalBreakoutCategory"}

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, WAN_MEMBERS, "VirtualWanProperties", "properties")
        old = existing["properties"] if existing else {}
        wan_type = canonical(props.get("type") or old.get("type", "Standard"), ("Basic", "Standard"), "properties.type")
        if old.get("type") == "Standard" and wan_type == "Basic":
            # virtual-wan-about "Upgrade from Basic to Standard": only that way.
            raise bad_request(
                "VirtualWanDowngradeNotSupported",
                "Virtual WAN '{0}' is Standard; a Standard virtual WAN cannot be changed to Basic.".format(rid.name),
            )
        return {
            "type": wan_type,
            "disableVpnEncryption": boolean(
                props, "disableVpnEncryption", old.get("disableVpnEncryption", False), "properties"
            ),
            "allowBranchToBranchTraffic": boolean(
                props, "allowBranchToBranchTraffic", old.get("allowBranchToBranchTraffic", True), "properties"
            ),
            "allowVnetToVnetTraffic": boolean(
                props, "allowVnetToVnetTraffic", old.get("allowVnetToVnetTraffic", True), "properties"
            ),
        }

    def validate_delete(self, ctx, record):
        hubs = [
            h["id"]
            for h in self.store.all_of_type(HUB_TYPE)
            if key(h["properties"]["virtualWan"]["id"]) == key(record["id"])
            and not networks.deleted_with_group(ctx, h["id"])
        ]
        if hubs:
            # virtual-wan-expressroute-portal "Clean up resources": hubs go before the WAN.
            raise bad_request(
                "VirtualWanInUseByHubs",
                "Virtual WAN '{0}' cannot be deleted while it has virtual hubs: delete {1} first.".format(
                    record["name"], ", ".join(hubs)
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        view["properties"]["virtualHubs"] = [
            {"id": h["id"]}
            for h in self.store.all_of_type(HUB_TYPE)
            if key(h["properties"]["virtualWan"]["id"]) == key(record["id"])
        ]
        view["properties"]["vpnSites"] = []
        view["properties"]["office365LocalBreakoutCategory"] = "None"
        return view


# ---------------------------------------------------------------------------
# virtualHubs
# ---------------------------------------------------------------------------
class VirtualHubs(ResourceType):
    collections = ("virtualHubs",)
    subscription_list = True
    allowed_top_level = ResourceType.allowed_top_level | {"kind"}
    readonly_properties = {
        "provisioningState",
        "routingState",
        "bgpConnections",
        "ipConfigurations",
        "routeMaps",
        "expressRouteGateway",
        "vpnGateway",
        "p2SVpnGateway",
        "virtualRouterIps",
    }

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, HUB_MEMBERS, "VirtualHubProperties", "properties")
        old = existing["properties"] if existing else {}
        wan_ref = reference_id(props.get("virtualWan"), "properties.virtualWan")
        if not wan_ref:
            raise bad_request(
                "InvalidRequestFormat", "properties.virtualWan.id is required: the virtual WAN this hub belongs to."
            )
        wan = self.store.get(wan_ref) if parse_reference(wan_ref, ("virtualWans",)) else None
        if wan is None:
            raise _not_found(wan_ref, rid.id)
        if old and key(old["virtualWan"]["id"]) != key(wan["id"]):
            raise bad_request(
                "VirtualHubWanCannotBeChanged",
                "Virtual hub '{0}' belongs to {1}; a hub cannot move to another virtual WAN.".format(
                    rid.name, old["virtualWan"]["id"]
                ),
            )
        prefix = props.get("addressPrefix") or old.get("addressPrefix")
        network = self._address_prefix(prefix)
        if old and old.get("addressPrefix") and str(network) != old["addressPrefix"]:
            raise bad_request(
                "VirtualHubAddressPrefixCannotBeChanged",
                "Virtual hub '{0}' has address prefix {1}; it cannot change in place.".format(
                    rid.name, old["addressPrefix"]
                ),
            )
        sku = canonical(props.get("sku") or old.get("sku", "Standard"), ("Basic", "Standard"), "properties.sku")
        preference = canonical(
            props.get("hubRoutingPreference") or old.get("hubRoutingPreference", "ExpressRoute"),
            ("ExpressRoute", "VpnGateway", "ASPath"),
            "properties.hubRoutingPreference",
        )
        return {
            "virtualWan": {"id": wan["id"]},
            "addressPrefix": str(network),
            "sku": sku,
            "hubRoutingPreference": preference,
            "allowBranchToBranchTraffic": boolean(
                props, "allowBranchToBranchTraffic", old.get("allowBranchToBranchTraffic", False), "properties"
            ),
            "virtualRouterAsn": HUB_ROUTER_ASN,
            "virtualRouterIps": self._router_ips(network),
        }

    @staticmethod
    def _address_prefix(prefix):
        # virtual-wan-site-to-site-portal "Create a virtual hub": "The minimum
        # address space is /24 to create a hub."
        try:
            network = ipaddress.ip_network(str(prefix), strict=True)
        except ValueError:
            network = None
        if network is None or network.version != 4 or network.prefixlen > 24:
            raise bad_request(
                "InvalidVirtualHubAddressPrefix",
                "properties.addressPrefix {0!r} must be an IPv4 prefix of /24 or larger (host bits "
                "zero): the hub's routers and gateways take addresses from it.".format(prefix),
            )
        return network

    @staticmethod
    def _router_ips(network):
        return [str(network.network_address + 68), str(network.network_address + 69)]

    def validate_delete(self, ctx, record):
        gateway = gateway_of_hub(self.store, record["id"])
        if gateway is not None and not networks.deleted_with_group(ctx, gateway["id"]):
            raise bad_request(
                "VirtualHubInUseByGateway",
                "Virtual hub '{0}' cannot be deleted while it has the ExpressRoute gateway {1}: delete "
                "the gateway first.".format(record["name"], gateway["id"]),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        gateway = gateway_of_hub(self.store, record["id"])
        view["properties"]["expressRouteGateway"] = {"id": gateway["id"]} if gateway else None
        view["properties"]["routingState"] = (
            "Provisioned" if record["properties"].get("provisioningState") == "Succeeded" else "Provisioning"
        )
        return view


# ---------------------------------------------------------------------------
# expressRouteGateways
# ---------------------------------------------------------------------------
class ExpressRouteGateways(ResourceType):
    collections = ("expressRouteGateways",)
    subscription_list = True
    # PATCH of tags is a long-running operation (ExpressRouteGatewayUpdateTags
    # example: 202 with a location header; SDK begin_update_tags).
    patch_tags_lro = True
    readonly_properties = {"provisioningState", "expressRouteConnections"}

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, GATEWAY_MEMBERS, "ExpressRouteGatewayProperties", "properties")
        old = existing["properties"] if existing else {}
        hub = self._hub(rid, props, record["location"], old)
        low, high = self._scale(props, old)
        result = {
            "virtualHub": {"id": hub["id"]},
            "autoScaleConfiguration": {"bounds": {"min": low}},
            "allowNonVirtualWanTraffic": boolean(
                props, "allowNonVirtualWanTraffic", old.get("allowNonVirtualWanTraffic", False), "properties"
            ),
        }
        if high is not None:
            result["autoScaleConfiguration"]["bounds"]["max"] = high
        return result

    def _hub(self, rid, props, location, old):
        ref = reference_id(props.get("virtualHub"), "properties.virtualHub")
        if not ref:
            raise bad_request(
                "InvalidRequestFormat",
                "properties.virtualHub.id is required: an ExpressRoute gateway of Virtual WAN is "
                "deployed in a virtual hub (virtual-wan-expressroute-portal).",
            )
        hub = self.store.get(ref) if parse_reference(ref, ("virtualHubs",)) else None
        if hub is None or hub["location"] != location:
            raise _not_found(ref, rid.id, ", and that both resources are in the same region")
        if old and key(old["virtualHub"]["id"]) != key(hub["id"]):
            raise bad_request(
                "ExpressRouteGatewayHubCannotBeChanged",
                "ExpressRoute gateway '{0}' is in hub {1}; its hub cannot change. Create a gateway in "
                "the other hub.".format(rid.name, old["virtualHub"]["id"]),
            )
        other = gateway_of_hub(self.store, hub["id"])
        if other is not None and key(other["id"]) != key(rid.id):
            # virtual-wan-about "Hub": a hub has one gateway of each type.
            raise bad_request(
                "VirtualHubAlreadyHasExpressRouteGateway",
                "Virtual hub '{0}' already has the ExpressRoute gateway {1}; a hub has one ExpressRoute "
                "gateway.".format(hub["name"], other["id"]),
            )
        wan = self.store.get(hub["properties"]["virtualWan"]["id"])
        if wan is not None and wan["properties"].get("type") == "Basic":
            # virtual-wan-about "Basic and Standard virtual WANs": Basic has
            # site-to-site VPN only; ExpressRoute needs Standard.
            raise bad_request(
                "ExpressRouteGatewayRequiresStandardVirtualWan",
                "Virtual hub '{0}' belongs to the Basic virtual WAN '{1}'; ExpressRoute gateways need a "
                "Standard virtual WAN. Upgrade the virtual WAN to Standard first.".format(hub["name"], wan["name"]),
            )
        _require_succeeded(hub, rid.id, " (creating a virtual hub takes about 30 minutes)")
        return hub

    @staticmethod
    def _scale(props, old):
        path = "properties.autoScaleConfiguration.bounds"
        config = require_object(props.get("autoScaleConfiguration"), "properties.autoScaleConfiguration")
        bounds = require_object(config.get("bounds"), path)
        old_bounds = old.get("autoScaleConfiguration", {}).get("bounds", {})
        low = integer(bounds, "min", old_bounds.get("min"), path)
        high = integer(bounds, "max", None, path)
        if low is None:
            # The spec's examples always set bounds.min; Terraform's
            # scale_units is required.
            raise bad_request(
                "ScaleUnitsRequired",
                "{0}.min is required: the scale units of the gateway ({1}-{2}; 1 unit = 2 Gbps).".format(
                    path, SCALE_UNITS_MIN, SCALE_UNITS_MAX
                ),
            )
        for name, value in (("min", low), ("max", high)):
            if value is not None and not SCALE_UNITS_MIN <= value <= SCALE_UNITS_MAX:
                raise bad_request(
                    "InvalidScaleUnits",
                    "{0}.{1} {2}: scale units must be between {3} and {4} (1 unit = 2 Gbps).".format(
                        path, name, value, SCALE_UNITS_MIN, SCALE_UNITS_MAX
                    ),
                )
        if high is not None and high < low:
            raise bad_request("InvalidScaleUnits", "{0}.max {1} is less than min {2}.".format(path, high, low))
        return low, high

    def validate_delete(self, ctx, record):
        links = [
            c["id"]
            for c in self.store.children(record["id"], CONNECTION_TYPE)
            if not networks.deleted_with_group(ctx, c["id"])
        ]
        if links:
            # Azure's order (virtual-wan-expressroute-portal, clean up):
            # connections go before their gateway.
            raise bad_request(
                "ExpressRouteGatewayInUseByConnections",
                "ExpressRoute gateway '{0}' cannot be deleted while circuits are connected to it: "
                "delete {1} first.".format(record["name"], ", ".join(links)),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        child_type = self.emulator.arm.type_for(["expressRouteGateways", "expressRouteConnections"])
        view["properties"]["expressRouteConnections"] = [
            child_type.render(ctx, c) for c in self.store.children(record["id"], CONNECTION_TYPE)
        ]
        return view


# ---------------------------------------------------------------------------
# expressRouteGateways/{g}/expressRouteConnections
# ---------------------------------------------------------------------------
class ExpressRouteConnections(ResourceType):
    collections = ("expressRouteGateways", "expressRouteConnections")
    # A sub-resource: id, name and properties, no location or tags (SDK
    # ExpressRouteConnection(SubResource); the spec's examples show no etag
    # or type either, render).  A body echoing etag/type is taken.
    allowed_top_level = {"id", "name", "properties", "etag", "type"}
    located = False
    readonly_properties = {"provisioningState"}

    def lock_scope(self, rid):
        # Writes to a connection wait for its gateway's own operation.
        return rid.parent_id

    def validate_put(self, ctx, rid, body, existing, record):
        # ExpressRouteConnection.name is required in the body (spec; SDK
        # _validation name required) and names the connection of the URL.
        if not body.get("name"):
            raise bad_request(
                "InvalidRequestFormat",
                "The body's 'name' is required for an ExpressRoute connection: the connection's name ({0}).".format(
                    rid.name
                ),
            )
        if str(body["name"]).lower() != rid.name.lower():
            raise bad_request(
                "InvalidRequestFormat",
                "The body's name '{0}' does not match the connection name '{1}' of the URL.".format(
                    body["name"], rid.name
                ),
            )
        props = body["properties"]
        check_members(props, CONNECTION_MEMBERS, "ExpressRouteConnectionProperties", "properties")
        old = existing["properties"] if existing else {}
        gateway = self.store.get(rid.parent_id)
        _require_succeeded(gateway, rid.id, " (creating an ExpressRoute gateway takes about 30 minutes)")
        peering, circuit = self._peering(rid, props, old)
        held = (existing or {}).get("_meta", {}).get("authorization")
        authorization = self._authorization(rid, props, circuit, held)
        self._circuit_ready(rid, circuit, peering)
        self._one_connection_per_peering(rid, peering)
        weight = integer(props, "routingWeight", old.get("routingWeight", 0), "properties")
        if not 0 <= weight <= ROUTING_WEIGHT_MAX:
            raise bad_request(
                "InvalidRoutingWeight",
                "properties.routingWeight {0} is out of range: use 0-{1}.".format(weight, ROUTING_WEIGHT_MAX),
            )
        bypass = boolean(props, "expressRouteGatewayBypass", old.get("expressRouteGatewayBypass", False), "properties")
        private_link = boolean(
            props, "enablePrivateLinkFastPath", old.get("enablePrivateLinkFastPath", False), "properties"
        )
        if private_link and not bypass:
            # Spec/SDK: "ExpressRoute FastPath (expressRouteGatewayBypass)
            # must be enabled."
            raise bad_request(
                "PrivateLinkFastPathRequiresFastPath",
                "properties.enablePrivateLinkFastPath needs properties.expressRouteGatewayBypass (FastPath) true.",
            )
        if authorization:
            record["_meta"]["authorization"] = authorization
            if authorization != held:
                record["_redeem"] = authorization
        result = {
            "expressRouteCircuitPeering": {"id": peering["id"]},
            "routingWeight": weight,
            "enableInternetSecurity": boolean(
                props, "enableInternetSecurity", old.get("enableInternetSecurity", False), "properties"
            ),
            "expressRouteGatewayBypass": bypass,
            "enablePrivateLinkFastPath": private_link,
            "routingConfiguration": self._routing(props.get("routingConfiguration"), old, gateway),
        }
        if props.get("authorizationKey") or old.get("authorizationKey"):
            # The examples echo the key back (ExpressRouteConnectionGet).
            result["authorizationKey"] = props.get("authorizationKey") or old.get("authorizationKey")
        return result

    def _peering(self, rid, props, old):
        ref = reference_id(props.get("expressRouteCircuitPeering"), "properties.expressRouteCircuitPeering")
        if not ref:
            raise bad_request(
                "InvalidRequestFormat",
                "properties.expressRouteCircuitPeering.id is required: the AzurePrivatePeering of the "
                "circuit to connect.",
            )
        if parse_reference(ref, ("expressRouteCircuits", "peerings")) is None:
            raise bad_request(
                "InvalidExpressRouteCircuitPeeringReference",
                "properties.expressRouteCircuitPeering.id must be the id of a circuit's peering "
                "(…/expressRouteCircuits/NAME/peerings/AzurePrivatePeering); got {0}.".format(ref),
            )
        circuit = self.store.get(ref.rsplit("/peerings/", 1)[0]) if "/peerings/" in ref else None
        peering = self.store.get(ref)
        if circuit is None or peering is None:
            raise _not_found(ref, rid.id)
        if peering["properties"].get("peeringType", peering["name"]) != PRIVATE_PEERING:
            # virtual-wan-expressroute-portal: circuits connect to the hub over
            # private peering.
            raise bad_request(
                "ExpressRouteConnectionRequiresPrivatePeering",
                "Peering {0} is {1}; a Virtual WAN ExpressRoute connection uses the circuit's "
                "AzurePrivatePeering.".format(peering["id"], peering["properties"].get("peeringType")),
            )
        if old and key(old["expressRouteCircuitPeering"]["id"]) != key(peering["id"]):
            raise bad_request(
                "ExpressRouteConnectionPeeringCannotBeChanged",
                "Connection '{0}' uses peering {1}; it cannot change. Create a new connection.".format(
                    rid.name, old["expressRouteCircuitPeering"]["id"]
                ),
            )
        return peering, circuit

    def _authorization(self, rid, props, circuit, held):
        """Same rule as VNet connections (connections.py): a circuit of another
        subscription is used with an authorization key
        (virtual-wan-expressroute-portal "connect a circuit in another
        subscription: redeem an authorization key")."""
        given = props.get("authorizationKey")
        if held:
            return held
        if not given:
            if circuit["_meta"]["subscription"] != rid.subscription.lower():
                raise bad_request(
                    "AuthorizationKeyRequired",
                    "Circuit '{0}' is in subscription {1}, not in the connection's subscription {2}: connecting it "
                    "needs properties.authorizationKey, from an authorization the circuit owner creates.".format(
                        circuit["name"], circuit["id"].split("/")[2], rid.subscription
                    ),
                )
            return None
        if not isinstance(given, str):
            raise bad_request("InvalidRequestFormat", "properties.authorizationKey must be a string.")
        return authorizations.check_redeemable(self.emulator, circuit, given, rid.id)["id"]

    def _circuit_ready(self, rid, circuit, peering):
        _require_succeeded(circuit, rid.id)
        state = circuit["properties"].get("serviceProviderProvisioningState")
        if state != "Provisioned":
            raise bad_request(
                "CircuitNotProvisioned",
                "Circuit '{0}' cannot be connected yet: its serviceProviderProvisioningState is '{1}'. The "
                "connectivity provider must provision it first.".format(circuit["name"], state),
            )
        _require_succeeded(peering, rid.id)

    def _one_connection_per_peering(self, rid, peering):
        # The peering shows one expressRouteConnection (spec: a single id on
        # ExpressRouteCircuitPeeringPropertiesFormat).
        for other in connections_of_peering(self.store, peering["id"]):
            if key(other["id"]) != key(rid.id):
                raise bad_request(
                    "PeeringAlreadyConnectedToVirtualWan",
                    "Peering {0} is already connected to a Virtual WAN hub by {1}; a peering takes one "
                    "ExpressRoute connection.".format(peering["id"], other["id"]),
                )

    def _routing(self, config, old, gateway):
        hub_id = gateway["properties"]["virtualHub"]["id"]
        if config is None:
            if old.get("routingConfiguration"):
                return old["routingConfiguration"]
            # about-virtual-hub-routing: by default a connection associates to
            # and propagates to the Default route table (label "default").
            return {
                "associatedRouteTable": {"id": default_route_table(hub_id)},
                "propagatedRouteTables": {"labels": ["default"], "ids": [{"id": default_route_table(hub_id)}]},
                "vnetRoutes": {"staticRoutes": []},
            }
        config = require_object(config, "properties.routingConfiguration")
        check_members(config, ROUTING_MEMBERS, "RoutingConfiguration", "properties.routingConfiguration")
        path = "properties.routingConfiguration"
        result = {}
        associated = self._hub_child(
            config.get("associatedRouteTable"), path + ".associatedRouteTable", "hubRouteTables"
        )
        result["associatedRouteTable"] = {"id": associated or default_route_table(hub_id)}
        propagated = require_object(config.get("propagatedRouteTables"), path + ".propagatedRouteTables")
        labels = propagated.get("labels")
        if labels is not None and (not isinstance(labels, list) or not all(isinstance(x, str) for x in labels)):
            raise bad_request(
                "InvalidRequestFormat", "{0}.propagatedRouteTables.labels must be a list of strings.".format(path)
            )
        ids = propagated.get("ids")
        if ids is not None and not isinstance(ids, list):
            raise bad_request(
                "InvalidRequestFormat", "{0}.propagatedRouteTables.ids must be a list of {{id}}.".format(path)
            )
        result["propagatedRouteTables"] = {
            "labels": list(labels) if labels is not None else ["default"],
            "ids": [
                {"id": self._hub_child(i, "{0}.propagatedRouteTables.ids[{1}]".format(path, n), "hubRouteTables")}
                for n, i in enumerate(ids)
            ]
            if ids is not None
            else [{"id": default_route_table(hub_id)}],
        }
        for member in ("inboundRouteMap", "outboundRouteMap"):
            ref = self._hub_child(config.get(member), "{0}.{1}".format(path, member), "routeMaps")
            if ref:
                result[member] = {"id": ref}
        vnet_routes = require_object(config.get("vnetRoutes"), path + ".vnetRoutes")
        result["vnetRoutes"] = {"staticRoutes": list(vnet_routes.get("staticRoutes") or [])}
        return result

    @staticmethod
    def _hub_child(value, path, collection):
        ref = reference_id(value, path)
        if ref is None:
            return None
        if parse_reference(ref, ("virtualHubs", collection)) is None:
            raise bad_request(
                "InvalidRequestFormat",
                "{0}.id must be the id of a virtual hub's {1} (…/virtualHubs/HUB/{1}/NAME); got {2}.".format(
                    path, collection, ref
                ),
            )
        return ref

    def after_put(self, ctx, record, existing):
        redeem = record.pop("_redeem", None)
        if redeem:
            authorizations.mark_in_use(self.emulator, redeem, record["id"])

    def complete_delete(self, ctx, record):
        authorization = record["_meta"].get("authorization")
        if authorization:
            authorizations.mark_available(self.emulator, authorization, record["id"])
        super().complete_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        # ExpressRouteConnectionGet/List: name, id and properties only.
        view.pop("etag", None)
        view.pop("type", None)
        return view


# ---------------------------------------------------------------------------
# Ordering rules on the circuit side (as connections.py does for VNet links)
# ---------------------------------------------------------------------------
def _refuse_peering_delete(emulator):
    def check(ctx, peering):
        links = [
            c
            for c in connections_of_peering(emulator.store, peering["id"])
            if not networks.deleted_with_group(ctx, c["id"])
        ]
        if links:
            raise bad_request(
                "PeeringInUseByConnections",
                "The private peering of circuit '{0}' cannot be deleted while it is connected to a Virtual WAN hub: "
                "delete ExpressRoute connection(s) {1} first.".format(
                    peering["id"].rsplit("/peerings/", 1)[0].rsplit("/", 1)[-1], ", ".join(c["id"] for c in links)
                ),
            )

    return check


def _refuse_circuit_delete(emulator):
    def check(ctx, circuit):
        links = [
            c
            for c in connections_of_circuit(emulator.store, circuit["id"])
            if not networks.deleted_with_group(ctx, c["id"])
        ]
        if links:
            raise bad_request(
                "CircuitInUseByConnections",
                "Circuit '{0}' cannot be deleted while it is connected to a Virtual WAN hub: delete ExpressRoute "
                "connection(s) {1} first.".format(circuit["name"], ", ".join(c["id"] for c in links)),
            )

    return check


def _refuse_deprovision(emulator):
    def check(circuit):
        links = connections_of_circuit(emulator.store, circuit["id"])
        if links:
            raise bad_request(
                "CircuitCannotBeDeprovisioned",
                "Circuit '{0}' cannot be deprovisioned while it is connected to a Virtual WAN hub: delete "
                "ExpressRoute connection(s) {1} first.".format(circuit["name"], ", ".join(c["id"] for c in links)),
            )

    return check


def register(emulator):
    emulator.arm.register(VirtualWans)
    emulator.arm.register(VirtualHubs)
    emulator.arm.register(ExpressRouteGateways)
    emulator.arm.register(ExpressRouteConnections)
    emulator.deprovision_checks.append(_refuse_deprovision(emulator))
    emulator.delete_checks.setdefault(PEERING_TYPE.lower(), []).append(_refuse_peering_delete(emulator))
    emulator.delete_checks.setdefault(CIRCUIT_TYPE.lower(), []).append(_refuse_circuit_delete(emulator))


# ---------------------------------------------------------------------------
# Seed: virtual WANs and hubs listed per subscription in the config
# ---------------------------------------------------------------------------
def seed(emulator):
    """Create the virtual WANs (``virtual_wans``) and hubs (``virtual_hubs``)
    the config lists, already Succeeded (a hub takes about 30 minutes on
    Azure; tests start from one)."""
    store = emulator.store
    for sub in store.config["subscriptions"]:
        sub_id = sub["subscription_id"]
        for spec in sub.get("virtual_wans", []):
            group = emulator.resource_groups.get(sub_id, spec["resource_group"])
            if group is None:
                raise SystemExit(
                    "config: virtual WAN '{0}': resource group '{1}' is not in the config".format(
                        spec["name"], spec["resource_group"]
                    )
                )
            wan_id = "{0}/providers/Microsoft.Network/virtualWans/{1}".format(group["id"], spec["name"])
            store.put(
                _seed_record(
                    wan_id,
                    spec["name"],
                    WAN_TYPE,
                    spec.get("location") or group["location"],
                    group,
                    sub_id,
                    {
                        "type": spec.get("type", "Standard"),
                        "disableVpnEncryption": False,
                        "allowBranchToBranchTraffic": True,
                        "allowVnetToVnetTraffic": True,
                    },
                )
            )
        for spec in sub.get("virtual_hubs", []):
            group = emulator.resource_groups.get(sub_id, spec["resource_group"])
            wan = (
                store.get("{0}/providers/Microsoft.Network/virtualWans/{1}".format(group["id"], spec["virtual_wan"]))
                if group
                else None
            )
            if group is None or wan is None:
                raise SystemExit(
                    "config: virtual hub '{0}': its resource group or virtual WAN is not in the config".format(
                        spec["name"]
                    )
                )
            network = ipaddress.ip_network(spec["address_prefix"])
            hub_id = "{0}/providers/Microsoft.Network/virtualHubs/{1}".format(group["id"], spec["name"])
            store.put(
                _seed_record(
                    hub_id,
                    spec["name"],
                    HUB_TYPE,
                    spec.get("location") or group["location"],
                    group,
                    sub_id,
                    {
                        "virtualWan": {"id": wan["id"]},
                        "addressPrefix": str(network),
                        "sku": "Standard",
                        "hubRoutingPreference": "ExpressRoute",
                        "allowBranchToBranchTraffic": False,
                        "virtualRouterAsn": HUB_ROUTER_ASN,
                        "virtualRouterIps": VirtualHubs._router_ips(network),
                    },
                )
            )


def _seed_record(rid, name, arm_type, location, group, sub_id, props):
    props = dict(props, provisioningState="Succeeded")
    return {
        "id": rid,
        "name": name,
        "type": arm_type,
        "etag": new_etag(),
        "location": normalize_location(location),
        "tags": {},
        "properties": props,
        "_meta": {
            "parent": key(group["id"]),
            "subscription": sub_id.lower(),
            "resource_group": group["id"].rsplit("/", 1)[-1],
            "created": utcnow_iso(),
            "seeded": str(uuid.uuid4()),
        },
    }
