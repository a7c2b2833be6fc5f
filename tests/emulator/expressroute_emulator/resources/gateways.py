"""Microsoft.Network/virtualNetworkGateways of type ExpressRoute.

A gateway stands in the subnet named GatewaySubnet of a virtual network,
one ExpressRoute gateway per virtual network.  Creating one takes 30–45
minutes on Azure: its operation has its own ``lro_seconds`` key
(``virtualNetworkGateways``) so that a test can watch ``Updating`` turn into
``Succeeded``.  SKU changes follow the docs (about ExpressRoute virtual
network gateways; scalable gateway): an upgrade within a family is done in
place, everything else needs the migration tool or a new gateway.

POST getBgpPeerStatus / getLearnedRoutes / getAdvertisedRoutes answer from
the connections to circuits (``connections.py``): the Microsoft edge
routers (MSEEs) of each connected circuit are the BGP peers.
"""

import ipaddress
import uuid

from ..arm import ResourceType
from ..errors import bad_request
from ..store import key
from . import networks
from ._body import boolean, canonical, check_members, integer, parse_reference, reference_id, require_object

GATEWAY_TYPE = "Microsoft.Network/virtualNetworkGateways"
CONNECTION_TYPE = "Microsoft.Network/connections"
AZURE_GATEWAY_ASN = 65515
MSEE_ASN = 12076

# Families in capacity order; an in-place SKU change moves up one family.
NON_AZ_SKUS = ("Standard", "HighPerformance", "UltraPerformance")
AZ_SKUS = ("ErGw1AZ", "ErGw2AZ", "ErGw3AZ")
SCALABLE_SKU = "ErGwScale"
ER_SKUS = NON_AZ_SKUS + AZ_SKUS + (SCALABLE_SKU,)
# Circuit connections per gateway (feature support by gateway SKU).
MAX_CONNECTIONS = {
    "Standard": 4,
    "ErGw1AZ": 4,
    "HighPerformance": 8,
    "ErGw2AZ": 8,
    "UltraPerformance": 16,
    "ErGw3AZ": 16,
}
SCALE_UNITS_MIN, SCALE_UNITS_MAX = 1, 40
# ErGwScale: FastPath and 16 connections from 10 scale units, 8 from 2.
SCALE_UNITS_FOR_FASTPATH = 10

GATEWAY_MEMBERS = {
    "activeActive",
    "adminState",
    "allowRemoteVnetTraffic",
    "allowVirtualWanTraffic",
    "autoScaleConfiguration",
    "bgpSettings",
    "customRoutes",
    "disableIPSecReplayProtection",
    "enableBgp",
    "enableBgpRouteTranslationForNat",
    "enableDnsForwarding",
    "enableHighBandwidthVpnGateway",
    "enablePrivateIpAddress",
    "gatewayDefaultSite",
    "gatewayType",
    "ipConfigurations",
    "natRules",
    "resiliencyModel",
    "sku",
    "vNetExtendedLocationResourceId",
    "virtualNetworkGatewayMigrationStatus",
    "virtualNetworkGatewayPolicyGroups",
    "vpnClientConfiguration",
    "vpnGatewayGeneration",
    "vpnType",
}
# VPN-side members a client may send for an ExpressRoute gateway, echoed as
# sent: the REST spec's ExpressRoute gateway example
# (VirtualNetworkScalableGatewayUpdate.json, 2025-01-01) PUTs vpnType,
# vpnClientConfiguration: null, bgpSettings: null, natRules: [] and
# virtualNetworkGatewayPolicyGroups: [] and its 200/201 show them back.
# Its GET example (VirtualNetworkScalableGatewayGet.json) also shows
# customRoutes: null, never sent: ARM's default (render).
ECHOED_VPN_MEMBERS = (
    "vpnType",
    "vpnClientConfiguration",
    "natRules",
    "virtualNetworkGatewayPolicyGroups",
    "customRoutes",
)
IP_CONFIGURATION_MEMBERS = {"id", "name", "etag", "properties"}
IP_CONFIGURATION_PROPERTY_MEMBERS = {
    "privateIPAllocationMethod",
    "publicIPAddress",
    "subnet",
    "privateIPAddress",
    "provisioningState",
}


# ---------------------------------------------------------------------------
# Facts other resource types ask about a gateway
# ---------------------------------------------------------------------------
def sku_name(record):
    return record["properties"]["sku"]["name"]


def scale_bounds(record):
    bounds = record["properties"].get("autoScaleConfiguration", {}).get("bounds", {})
    return bounds.get("min"), bounds.get("max")


def max_connections(record):
    if sku_name(record) == SCALABLE_SKU:
        low = scale_bounds(record)[0] or 1
        return 16 if low >= SCALE_UNITS_FOR_FASTPATH else 8 if low >= 2 else 4
    return MAX_CONNECTIONS[sku_name(record)]


def supports_fastpath(record):
    if sku_name(record) == SCALABLE_SKU:
        return (scale_bounds(record)[0] or 1) >= SCALE_UNITS_FOR_FASTPATH
    return sku_name(record) in ("UltraPerformance", "ErGw3AZ")


def fastpath_skus_text():
    return "UltraPerformance, ErGw3AZ, or ErGwScale with at least {0} scale units (bounds.min)".format(
        SCALE_UNITS_FOR_FASTPATH
    )


def subnet_id_of(record):
    return record["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"]


def vnet_id_of(record):
    return subnet_id_of(record).rsplit("/subnets/", 1)[0]


def instance_addresses(store, record):
    """The two gateway instances' addresses: the first usable ones of
    GatewaySubnet (Azure keeps .0–.3 for itself)."""
    subnet = store.get(subnet_id_of(record))
    prefixes = networks.subnet_prefixes(subnet["properties"]) if subnet else []
    network = ipaddress.ip_network(prefixes[0]) if prefixes else ipaddress.ip_network("10.0.0.0/27")
    return str(network.network_address + 4), str(network.network_address + 5)


def connections_of(store, gateway_id):
    return [
        r
        for r in store.all_of_type(CONNECTION_TYPE)
        if key(r["properties"]["virtualNetworkGateway1"]["id"]) == key(gateway_id)
    ]


def ip_configuration_id(record, config):
    return "{0}/ipConfigurations/{1}".format(record["id"], config["name"])


# ---------------------------------------------------------------------------
# The resource type
# ---------------------------------------------------------------------------
class VirtualNetworkGateways(ResourceType):
    collections = ("virtualNetworkGateways",)
    allowed_top_level = ResourceType.allowed_top_level | {"extendedLocation", "identity"}
    readonly_properties = {"provisioningState", "resourceGuid", "inboundDnsForwardingEndpoint"}
    patch_tags_lro = True

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, GATEWAY_MEMBERS, "VirtualNetworkGatewayPropertiesFormat", "properties")
        if body.get("extendedLocation"):
            raise bad_request("ExtendedLocationNotEmulated", "Edge zones (extendedLocation) are not emulated.")
        old = existing["properties"] if existing else {}
        self._gateway_type(rid, props)
        sku = self._sku(props)
        bounds = self._scale(rid, props, sku)
        config, subnet, vnet = self._ip_configuration(rid, props, record["location"], old)
        self._one_gateway_per_vnet(rid, vnet)
        result = {
            "gatewayType": "ExpressRoute",
            "sku": {"name": sku, "tier": sku},
            "ipConfigurations": [config],
            "adminState": canonical(
                props.get("adminState") or old.get("adminState", "Enabled"),
                ("Enabled", "Disabled"),
                "properties.adminState",
            ),
            "allowRemoteVnetTraffic": boolean(props, "allowRemoteVnetTraffic", False, "properties"),
            "allowVirtualWanTraffic": boolean(props, "allowVirtualWanTraffic", False, "properties"),
            "resourceGuid": old.get("resourceGuid", str(uuid.uuid4())),
        }
        if props.get("resiliencyModel") is not None:
            result["resiliencyModel"] = canonical(
                props["resiliencyModel"], ("SingleHomed", "MultiHomed"), "properties.resiliencyModel"
            )
        if bounds:
            result["autoScaleConfiguration"] = {"bounds": {"min": bounds[0], "max": bounds[1]}}
        if old.get("bgpSettings"):
            result["bgpSettings"] = old["bgpSettings"]
        elif "bgpSettings" in props:
            result["bgpSettings"] = None  # Azure assigns them (complete_put); the example shows null until then
        result.update(self._echoed_vpn_members(props))
        if existing:
            self._sku_change(existing, sku)
            self._existing_connections_fit(existing, result)
        return result

    # -- validation steps -------------------------------------------------------
    def _gateway_type(self, rid, props):
        given = props.get("gatewayType")
        if not given:
            raise bad_request(
                "GatewayTypeRequired",
                "Virtual network gateway '{0}' needs properties.gatewayType: 'ExpressRoute' (the "
                "emulator does not emulate VPN gateways).".format(rid.name),
            )
        gateway_type = canonical(
            given, ("ExpressRoute", "Vpn", "LocalGateway"), "properties.gatewayType", "InvalidGatewayType"
        )
        if gateway_type != "ExpressRoute":
            raise bad_request(
                "VpnGatewayNotEmulated",
                "Virtual network gateway '{0}' has gatewayType '{1}': only ExpressRoute gateways are "
                "emulated (VPN gateways are out of scope).".format(rid.name, gateway_type),
            )

    def _sku(self, props):
        sku = require_object(props.get("sku"), "properties.sku")
        if not sku.get("name"):
            raise bad_request(
                "InvalidGatewaySku",
                "properties.sku.name is required for an ExpressRoute gateway: one of {0}.".format(", ".join(ER_SKUS)),
            )
        name = canonical(sku["name"], ER_SKUS, "properties.sku.name (ExpressRoute gateway SKUs)", "InvalidGatewaySku")
        if sku.get("tier") and str(sku["tier"]).lower() != name.lower():
            raise bad_request(
                "InvalidGatewaySku",
                "properties.sku.tier '{0}' does not match properties.sku.name '{1}': an ExpressRoute "
                "gateway's tier is its SKU name.".format(sku["tier"], name),
            )
        return name

    def _scale(self, rid, props, sku):
        config = props.get("autoScaleConfiguration")
        if sku != SCALABLE_SKU:
            if config and require_object(config, "properties.autoScaleConfiguration").get("bounds"):
                raise bad_request(
                    "AutoScaleConfigurationRequiresErGwScale",
                    "properties.autoScaleConfiguration (scale units) applies to the ErGwScale SKU "
                    "only; gateway '{0}' has sku {1}. Remove it or use ErGwScale.".format(rid.name, sku),
                )
            return None
        bounds = require_object(
            require_object(config, "properties.autoScaleConfiguration").get("bounds"),
            "properties.autoScaleConfiguration.bounds",
        )
        path = "properties.autoScaleConfiguration.bounds"
        low, high = integer(bounds, "min", None, path), integer(bounds, "max", None, path)
        if low is None or high is None:
            raise bad_request(
                "ScaleUnitsRequired",
                "An ErGwScale gateway needs {0}.min and {0}.max, the scale units ({1}–{2}); set both "
                "to the same value for a fixed size.".format(path, SCALE_UNITS_MIN, SCALE_UNITS_MAX),
            )
        if not (SCALE_UNITS_MIN <= low <= SCALE_UNITS_MAX and SCALE_UNITS_MIN <= high <= SCALE_UNITS_MAX):
            raise bad_request(
                "InvalidScaleUnits",
                "{0} min={1}, max={2}: scale units must be between {3} and {4}.".format(
                    path, low, high, SCALE_UNITS_MIN, SCALE_UNITS_MAX
                ),
            )
        if low > high:
            raise bad_request("InvalidScaleUnits", "{0} min={1} is greater than max={2}.".format(path, low, high))
        if low != high and low < 2:
            raise bad_request(
                "InvalidScaleUnits",
                "{0} min={1}, max={2}: an autoscaling gateway needs min of 2 or more; for a fixed "
                "size set min and max to the same value.".format(path, low, high),
            )
        return low, high

    def _ip_configuration(self, rid, props, location, old):
        configs = props.get("ipConfigurations")
        if not isinstance(configs, list) or len(configs) != 1:
            raise bad_request(
                "ExpressRouteGatewayNeedsOneIpConfiguration",
                "An ExpressRoute gateway takes exactly one entry in properties.ipConfigurations "
                "(name, properties.subnet.id = the virtual network's GatewaySubnet); got {0}.".format(
                    len(configs) if isinstance(configs, list) else configs
                ),
            )
        path = "properties.ipConfigurations[0]"
        entry = require_object(configs[0], path)
        check_members(entry, IP_CONFIGURATION_MEMBERS, "VirtualNetworkGatewayIPConfiguration", path)
        inner = require_object(entry.get("properties"), path + ".properties")
        check_members(
            inner,
            IP_CONFIGURATION_PROPERTY_MEMBERS,
            "VirtualNetworkGatewayIPConfigurationPropertiesFormat",
            path + ".properties",
        )
        name = entry.get("name") or "default"
        subnet_ref = reference_id(inner.get("subnet"), path + ".properties.subnet")
        if not subnet_ref:
            raise bad_request(
                "InvalidRequestFormat",
                "{0}.properties.subnet.id is required: the id of the virtual network's subnet named "
                "GatewaySubnet.".format(path),
            )
        subnet, vnet = self._gateway_subnet(rid, subnet_ref, location)
        config = {
            "name": name,
            "properties": {
                "privateIPAllocationMethod": canonical(
                    inner.get("privateIPAllocationMethod") or "Dynamic",
                    ("Dynamic", "Static"),
                    path + ".properties.privateIPAllocationMethod",
                ),
                "subnet": {"id": subnet["id"]},
            },
        }
        public_ip = self._public_ip(
            rid, reference_id(inner.get("publicIPAddress"), path + ".properties.publicIPAddress"), location
        )
        if public_ip:
            config["properties"]["publicIPAddress"] = {"id": public_ip["id"]}
        if old:
            before = old["ipConfigurations"][0]["properties"]
            if key(before["subnet"]["id"]) != key(subnet["id"]):
                raise bad_request(
                    "GatewaySubnetCannotBeChanged",
                    "Gateway '{0}' stands in {1}; its subnet cannot change. Create a new gateway in the "
                    "other virtual network.".format(rid.name, before["subnet"]["id"]),
                )
            if key((before.get("publicIPAddress") or {}).get("id", "")) != key(
                (config["properties"].get("publicIPAddress") or {}).get("id", "")
            ):
                raise bad_request(
                    "GatewayPublicIPCannotBeChanged",
                    "The public IP address of gateway '{0}' cannot be added, removed or replaced in place.".format(
                        rid.name
                    ),
                )
        return config, subnet, vnet

    def _gateway_subnet(self, rid, subnet_ref, location):
        parsed = parse_reference(subnet_ref, ("virtualNetworks", "subnets"))
        subnet = self.store.get(subnet_ref) if parsed else None
        vnet = self.store.get(subnet_ref.rsplit("/subnets/", 1)[0]) if subnet else None
        if (
            subnet is None
            or vnet is None
            or vnet["location"] != location
            or parsed[0].lower() != rid.subscription.lower()
        ):
            raise bad_request(
                "InvalidResourceReference",
                "Resource {0} referenced by resource {1} was not found. Please make sure that the referenced "
                "resource exists, and that both resources are in the same region (and subscription).".format(
                    subnet_ref, rid.id
                ),
            )
        if subnet["name"] != networks.GATEWAY_SUBNET:
            raise bad_request(
                "GatewaySubnetRequired",
                "Gateway '{0}' references subnet '{1}' of virtual network '{2}': a virtual network gateway must be "
                "placed in the subnet named exactly 'GatewaySubnet', where Azure deploys the gateway's VMs. Create "
                "that subnet (a /27 or larger is recommended) and reference it.".format(
                    rid.name, subnet["name"], vnet["name"]
                ),
            )
        return subnet, vnet

    def _public_ip(self, rid, ref, location):
        if not ref:
            return None  # ExpressRoute gateways get a platform-managed (auto-assigned) public IP.
        record = self.store.get(ref) if parse_reference(ref, ("publicIPAddresses",)) else None
        if record is None or record["location"] != location:
            raise bad_request(
                "InvalidResourceReference",
                "Resource {0} referenced by resource {1} was not found. Please make sure that the referenced "
                "resource exists, and that both resources are in the same region.".format(ref, rid.id),
            )
        user = networks.public_ip_user(self.emulator, record["id"])
        if user and not key(user).startswith(key(rid.id) + "/"):
            raise bad_request(
                "PublicIPAddressInUse",
                "Public IP address {0} is already allocated to {1}; give gateway '{2}' another one "
                "or none (ExpressRoute gateways get a platform-managed address).".format(record["id"], user, rid.name),
            )
        return record

    def _one_gateway_per_vnet(self, rid, vnet):
        for other in self.store.all_of_type(GATEWAY_TYPE):
            if key(other["id"]) != key(rid.id) and key(vnet_id_of(other)) == key(vnet["id"]):
                raise bad_request(
                    "VirtualNetworkAlreadyHasExpressRouteGateway",
                    "Virtual network '{0}' already has the ExpressRoute gateway {1}; a virtual network takes one "
                    "gateway per gateway type.".format(vnet["name"], other["id"]),
                )

    def _sku_change(self, existing, new):
        old = sku_name(existing)
        if old == new:
            return
        for family in (NON_AZ_SKUS, AZ_SKUS):
            if old in family and new in family and family.index(new) < family.index(old):
                raise bad_request(
                    "GatewaySkuDowngradeNotSupported",
                    "Gateway '{0}' cannot change from {1} to the smaller {2} in place: only upgrades within a SKU "
                    "family are done in place. Delete and re-create the gateway (downtime).".format(
                        existing["name"], old, new
                    ),
                )
            if old in family and new in family:
                return
        if old in AZ_SKUS and new == SCALABLE_SKU:
            return  # An upgrade to the scalable gateway is done in place (up to 2 hours).
        if old in NON_AZ_SKUS and (new in AZ_SKUS or new == SCALABLE_SKU):
            why = (
                "moving from a non-zone-redundant SKU to {0} is a migration (the gateway migration tool in the "
                "portal or PowerShell), not an update".format(new)
            )
        else:
            why = "Azure cannot change a gateway from {0} to {1}; delete and re-create the gateway".format(old, new)
        raise bad_request(
            "GatewaySkuChangeNotSupported",
            "Gateway '{0}' cannot change SKU from {1} to {2} in place: {3}.".format(existing["name"], old, new, why),
        )

    @staticmethod
    def _echoed_vpn_members(props):
        """The VPN-side members an ExpressRoute gateway can carry only empty
        (no NAT rules, policy groups or point-to-site configuration: those are
        VPN gateway features) are kept as sent; anything else is a VPN
        gateway's configuration, which the emulator does not emulate."""
        kept = {}
        for member in ECHOED_VPN_MEMBERS:
            if member not in props:
                continue
            value = props[member]
            if member == "vpnType" and value is not None:
                value = canonical(value, ("PolicyBased", "RouteBased"), "properties.vpnType")
            elif value not in (None, []):
                raise bad_request(
                    "VpnGatewayNotEmulated",
                    "properties.{0} configures a VPN gateway feature; an ExpressRoute gateway has "
                    "none (send null or [], or leave it out). VPN gateways are not emulated.".format(member),
                )
            kept[member] = value
        return kept

    def _existing_connections_fit(self, existing, new_props):
        candidate = {"properties": new_props}
        links = connections_of(self.store, existing["id"])
        limit = max_connections(candidate)
        if len(links) > limit:
            raise bad_request(
                "GatewayConnectionLimitExceeded",
                "Gateway '{0}' has {1} circuit connections; {2} supports {3}. Delete connections first.".format(
                    existing["name"], len(links), describe_sku(candidate), limit
                ),
            )
        if not supports_fastpath(candidate):
            fast = [c["id"] for c in links if c["properties"].get("expressRouteGatewayBypass")]
            if fast:
                raise bad_request(
                    "FastPathNotSupportedByGatewaySku",
                    "Gateway '{0}' would become {1}, which does not support FastPath, while "
                    "connection {2} uses it. FastPath needs {3}.".format(
                        existing["name"], describe_sku(candidate), fast[0], fastpath_skus_text()
                    ),
                )

    # -- lifecycle ----------------------------------------------------------------
    def complete_put(self, ctx, record):
        props = record["properties"]
        props["provisioningState"] = "Succeeded"
        first, second = instance_addresses(self.store, record)
        props["bgpSettings"] = {
            "asn": AZURE_GATEWAY_ASN,
            "bgpPeeringAddress": "{0},{1}".format(first, second),
            "peerWeight": 0,
        }

    def validate_delete(self, ctx, record):
        links = [c for c in connections_of(self.store, record["id"]) if not networks.deleted_with_group(ctx, c["id"])]
        if links:
            raise bad_request(
                "VirtualNetworkGatewayInUseByConnections",
                "Gateway '{0}' cannot be deleted while connections use it: {1}. Delete the connections first.".format(
                    record["name"], ", ".join(c["id"] for c in links)
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        props = view["properties"]
        state = record["properties"].get("provisioningState")
        for config in props["ipConfigurations"]:
            config["id"] = ip_configuration_id(record, config)
            # A sub-resource carries its parent's etag (spec example
            # VirtualNetworkGatewayGet, stable/2024-07-01).
            config["etag"] = record["etag"]
            config["properties"]["provisioningState"] = state
        props["sku"]["capacity"] = scale_bounds(record)[0] if sku_name(record) == SCALABLE_SKU else 2
        props.update(
            {
                "enableBgp": False,
                "activeActive": False,
                "vpnGatewayGeneration": "None",
                "enablePrivateIpAddress": False,
                "disableIPSecReplayProtection": False,
                "enableBgpRouteTranslationForNat": False,
                "enableDnsForwarding": False,
            }
        )
        props.setdefault("customRoutes", None)
        return view

    # -- actions --------------------------------------------------------------------
    def actions(self):
        return {
            ("POST", "getbgppeerstatus"): self._bgp_peer_status,
            ("POST", "getlearnedroutes"): self._learned_routes,
            ("POST", "getadvertisedroutes"): self._advertised_routes,
            ("GET", "connections"): self._list_connections,
        }

    def _bgp_peer_status(self, ctx, record, argument, body):
        from . import connections  # at call time: connections imports this module

        peers = connections.bgp_peers(self.emulator, record)
        wanted = ctx.query.get("peer")
        if wanted:
            peers = [p for p in peers if p["neighbor"] == wanted]
        return self.emulator.arm.start_action(ctx, self, record, {"value": peers}, async_header=True)

    def _learned_routes(self, ctx, record, argument, body):
        from . import connections

        return self.emulator.arm.start_action(
            ctx, self, record, {"value": connections.learned_routes(self.emulator, record)}, async_header=True
        )

    def _advertised_routes(self, ctx, record, argument, body):
        from . import connections

        peer = ctx.query.get("peer")
        if not peer:
            raise bad_request(
                "MissingRequiredQueryParameter",
                "getAdvertisedRoutes needs the query parameter 'peer': the address of a BGP peer "
                "(see getBgpPeerStatus).",
            )
        return self.emulator.arm.start_action(
            ctx, self, record, {"value": connections.advertised_routes(self.emulator, record, peer)}, async_header=True
        )

    def _list_connections(self, ctx, record, argument, body):
        from . import connections

        return self.emulator.arm.page(
            ctx, [connections.list_entity(self.emulator, ctx, c) for c in connections_of(self.store, record["id"])]
        )


def describe_sku(record):
    if sku_name(record) == SCALABLE_SKU:
        low, high = scale_bounds(record)
        return "ErGwScale with {0}–{1} scale units".format(low, high)
    return sku_name(record)


def _ip_configurations(store):
    def entries():
        for record in store().all_of_type(GATEWAY_TYPE):
            for config in record["properties"]["ipConfigurations"]:
                public_ip = config["properties"].get("publicIPAddress")
                yield (
                    ip_configuration_id(record, config),
                    config["properties"]["subnet"]["id"],
                    public_ip["id"] if public_ip else None,
                )

    return entries


def register(emulator):
    emulator.arm.register(VirtualNetworkGateways)
    emulator.ip_configurations.append(_ip_configurations(lambda: emulator.store))
