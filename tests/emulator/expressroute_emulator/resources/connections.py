"""Microsoft.Network/connections of type ExpressRoute: the link between a
virtual network gateway and an ExpressRoute circuit.

``peer`` is the circuit, possibly in another subscription; then
``authorizationKey`` must be the key of an Available authorization of that
circuit, which the connection redeems (InUse) and frees again when it is
deleted.  The circuit must be provisioned by its connectivity provider and
have an AzurePrivatePeering (a VNet link runs over private peering).

Circuit peerings and authorizations are records of other resource types;
this module reads them through the store and redeems an authorization
through the authorizations module's helpers.

While connections exist their circuit, its private peering and their
gateway cannot be deleted (checks registered in ``emulator.delete_checks``).
The VNet prefixes of connected gateways show in the circuit's route tables
through ``emulator.route_sources`` (diagnostics.py).
"""

import datetime
import ipaddress
import uuid

from ..arm import ResourceType
from ..errors import bad_request
from ..store import key
from . import _geo, authorizations, circuits, diagnostics, gateways, networks
from ._body import boolean, canonical, check_members, integer, parse_reference, reference_id

CONNECTION_TYPE = gateways.CONNECTION_TYPE
CIRCUIT_TYPE = "Microsoft.Network/expressRouteCircuits"
PEERING_TYPE = "Microsoft.Network/expressRouteCircuits/peerings"
PRIVATE_PEERING = "AzurePrivatePeering"
# Terraform validates routing_weight as 0–32000 (ARM's own range is not
# published); ARM's default is 0.
ROUTING_WEIGHT_MAX = 32000
# ExpressRoute circuits from one peering location linked to one VNet.
MAX_CIRCUITS_PER_PEERING_LOCATION = 4
DEVICE_PATHS = ("primary", "secondary")

CONNECTION_MEMBERS = {
    "authenticationType",
    "authorizationKey",
    "certificateAuthentication",
    "connectionMode",
    "connectionProtocol",
    "connectionType",
    "dpdTimeoutSeconds",
    "egressNatRules",
    "enableBgp",
    "enablePrivateLinkFastPath",
    "expressRouteGatewayBypass",
    "gatewayCustomBgpIpAddresses",
    "ingressNatRules",
    "ipsecPolicies",
    "localNetworkGateway2",
    "peer",
    "routingWeight",
    "sharedKey",
    "trafficSelectorPolicies",
    "tunnelProperties",
    "useLocalAzureIpAddress",
    "usePolicyBasedTrafficSelectors",
    "virtualNetworkGateway1",
    "virtualNetworkGateway2",
    "routingConfiguration",
}


# ---------------------------------------------------------------------------
# Reading the circuit side
# ---------------------------------------------------------------------------
def private_peering(store, circuit):
    for peering in store.children(circuit["id"], PEERING_TYPE):
        props = peering["properties"]
        if props.get("peeringType", peering["name"]) == PRIVATE_PEERING:
            return peering
    return None


def connections_to(store, circuit_id):
    return [r for r in store.all_of_type(CONNECTION_TYPE) if key(r["properties"]["peer"]["id"]) == key(circuit_id)]


def _created(record):
    return record["_meta"].get("created", "")


def connection_status(store, connection):
    """Connected once the gateway, the provider's side of the circuit and
    its private peering are all in place."""
    if connection["properties"].get("provisioningState") != "Succeeded":
        return "Unknown"
    gateway = store.get(connection["properties"]["virtualNetworkGateway1"]["id"])
    circuit = store.get(connection["properties"]["peer"]["id"])
    if gateway is None or circuit is None or gateway["properties"].get("provisioningState") != "Succeeded":
        return "NotConnected"
    if gateway["properties"].get("adminState") == "Disabled":
        return "NotConnected"
    if circuit["properties"].get("serviceProviderProvisioningState") != "Provisioned":
        return "NotConnected"
    peering = private_peering(store, circuit)
    if (
        peering is None
        or peering["properties"].get("state", "Enabled") != "Enabled"
        or peering["properties"].get("provisioningState") != "Succeeded"
    ):
        return "NotConnected"
    return "Connected"


def _require_succeeded(record, rid, hint=""):
    """The Network RP's refusal to use a resource whose own operation is
    still running."""
    state = record["properties"].get("provisioningState")
    if state != "Succeeded":
        raise bad_request(
            "ReferencedResourceNotProvisioned",
            "Cannot proceed with operation because resource {0} used by resource {1} is not in Succeeded state. "
            "Resource is in {2} state. Wait for its operation to finish{3}.".format(record["id"], rid.id, state, hint),
        )


# ---------------------------------------------------------------------------
# The resource type
# ---------------------------------------------------------------------------
class Connections(ResourceType):
    collections = ("connections",)
    patch_tags_lro = True
    readonly_properties = {
        "provisioningState",
        "resourceGuid",
        "connectionStatus",
        "tunnelConnectionStatus",
        "egressBytesTransferred",
        "ingressBytesTransferred",
    }

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, CONNECTION_MEMBERS, "VirtualNetworkGatewayConnectionPropertiesFormat", "properties")
        old = existing["properties"] if existing else {}
        self._connection_type(rid, props)
        gateway = self._gateway(rid, props, record["location"], old)
        circuit = self._circuit(rid, props, old)
        held = (existing or {}).get("_meta", {}).get("authorization")
        authorization = self._authorization(rid, props, circuit, held)
        self._circuit_ready(rid, circuit)
        self._same_geopolitical_region(gateway, circuit)
        self._not_linked_twice(rid, gateway, circuit)
        self._within_limits(rid, gateway, circuit)
        bypass, private_link = self._fastpath(rid, props, gateway, old, circuit)
        weight = integer(props, "routingWeight", old.get("routingWeight", 0), "properties")
        if not 0 <= weight <= ROUTING_WEIGHT_MAX:
            raise bad_request(
                "InvalidRoutingWeight",
                "properties.routingWeight {0} is out of range: use 0–{1} (a higher weight is preferred).".format(
                    weight, ROUTING_WEIGHT_MAX
                ),
            )
        if authorization:
            record["_meta"]["authorization"] = authorization
            if authorization != held:
                record["_redeem"] = authorization
        return {
            "connectionType": "ExpressRoute",
            "virtualNetworkGateway1": {"id": gateway["id"]},
            "peer": {"id": circuit["id"]},
            "routingWeight": weight,
            "expressRouteGatewayBypass": bypass,
            "enablePrivateLinkFastPath": private_link,
            "resourceGuid": old.get("resourceGuid", str(uuid.uuid4())),
        }

    # -- validation steps -------------------------------------------------------
    def _connection_type(self, rid, props):
        given = props.get("connectionType")
        if not given:
            raise bad_request(
                "ConnectionTypeRequired",
                "Connection '{0}' needs properties.connectionType: 'ExpressRoute'.".format(rid.name),
            )
        kind = canonical(
            given,
            ("ExpressRoute", "IPsec", "Vnet2Vnet", "VPNClient"),
            "properties.connectionType",
            "InvalidConnectionType",
        )
        if kind != "ExpressRoute":
            raise bad_request(
                "ConnectionTypeNotEmulated",
                "Connection '{0}' has connectionType '{1}': only ExpressRoute connections are "
                "emulated (VPN connections are out of scope).".format(rid.name, kind),
            )
        for member in ("virtualNetworkGateway2", "localNetworkGateway2"):
            if props.get(member):
                raise bad_request(
                    "InvalidExpressRouteConnection",
                    "An ExpressRoute connection links virtualNetworkGateway1 to a circuit given in "
                    "properties.peer; properties.{0} is for VPN connections. Remove it.".format(member),
                )

    def _gateway(self, rid, props, location, old):
        ref = reference_id(props.get("virtualNetworkGateway1"), "properties.virtualNetworkGateway1")
        if not ref:
            raise bad_request(
                "InvalidRequestFormat",
                "properties.virtualNetworkGateway1.id is required: the ExpressRoute gateway of the "
                "virtual network to link.",
            )
        gateway = self.store.get(ref) if parse_reference(ref, ("virtualNetworkGateways",)) else None
        if (
            gateway is None
            or gateway["location"] != location
            or gateway["_meta"]["subscription"] != rid.subscription.lower()
        ):
            raise bad_request(
                "InvalidResourceReference",
                "Resource {0} referenced by resource {1} was not found. Please make sure that the referenced "
                "resource exists, and that both resources are in the same region (and subscription).".format(
                    ref, rid.id
                ),
            )
        if old and key(old["virtualNetworkGateway1"]["id"]) != key(gateway["id"]):
            raise bad_request(
                "ConnectionGatewayCannotBeChanged",
                "Connection '{0}' belongs to gateway {1}; the gateway cannot change. Create a new connection.".format(
                    rid.name, old["virtualNetworkGateway1"]["id"]
                ),
            )
        _require_succeeded(gateway, rid, " (creating a gateway takes 30–45 minutes)")
        return gateway

    def _circuit(self, rid, props, old):
        ref = reference_id(props.get("peer"), "properties.peer")
        if not ref:
            raise bad_request(
                "ExpressRouteConnectionRequiresPeer",
                "An ExpressRoute connection needs properties.peer.id: the id of the ExpressRoute "
                "circuit to link (it may be in another subscription, with properties.authorizationKey).",
            )
        if parse_reference(ref, ("expressRouteCircuits",)) is None:
            raise bad_request(
                "InvalidExpressRouteCircuitReference",
                "properties.peer.id must be the id of an ExpressRoute circuit "
                "(/subscriptions/…/providers/Microsoft.Network/expressRouteCircuits/NAME); got {0}.".format(ref),
            )
        circuit = self.store.get(ref)
        if circuit is None:
            raise bad_request(
                "InvalidResourceReference",
                "Resource {0} referenced by resource {1} was not found. Please make sure that the referenced "
                "resource exists.".format(ref, rid.id),
            )
        if old and key(old["peer"]["id"]) != key(circuit["id"]):
            raise bad_request(
                "ConnectionPeerCannotBeChanged",
                "Connection '{0}' links circuit {1}; the circuit cannot change. Create a new connection.".format(
                    rid.name, old["peer"]["id"]
                ),
            )
        return circuit

    def _authorization(self, rid, props, circuit, held):
        """The authorization this connection redeems (or already holds), or
        None.  The key is never repeated in a message."""
        given = props.get("authorizationKey")
        cross = circuit["_meta"]["subscription"] != rid.subscription.lower()
        if held:
            if given and not self._key_matches(held, given):
                raise bad_request(
                    "AuthorizationKeyCannotBeChanged",
                    "Connection '{0}' already redeemed an authorization of circuit '{1}'; "
                    "properties.authorizationKey cannot change. Create a new connection for another "
                    "key.".format(rid.name, circuit["name"]),
                )
            return held
        if not given:
            if cross:
                raise bad_request(
                    "AuthorizationKeyRequired",
                    "Circuit '{0}' is in subscription {1}, not in the connection's subscription {2}: a connection "
                    "to a circuit of another subscription needs properties.authorizationKey, from an authorization "
                    "the circuit owner creates.".format(circuit["name"], circuit["id"].split("/")[2], rid.subscription),
                )
            return None
        if not isinstance(given, str):
            raise bad_request("InvalidRequestFormat", "properties.authorizationKey must be a string.")
        return authorizations.check_redeemable(self.emulator, circuit, given, rid.id)["id"]

    def _key_matches(self, authorization_id, given):
        authorization = self.store.get(authorization_id)
        expected = (authorization or {}).get("properties", {}).get("authorizationKey")
        return bool(expected) and str(expected).lower() == str(given).strip().lower()

    def _circuit_ready(self, rid, circuit):
        props = circuit["properties"]
        _require_succeeded(circuit, rid)
        state = props.get("serviceProviderProvisioningState")
        if state != "Provisioned":
            raise bad_request(
                "CircuitNotProvisioned",
                "Circuit '{0}' cannot be linked yet: its serviceProviderProvisioningState is '{1}' (provider {2}). "
                "The connectivity provider must provision it first.".format(
                    circuit["name"], state, props.get("serviceProviderProperties", {}).get("serviceProviderName")
                ),
            )
        peering = private_peering(self.store, circuit)
        if peering is None:
            raise bad_request(
                "CircuitHasNoPrivatePeering",
                "Circuit '{0}' has no AzurePrivatePeering: a virtual network links to a circuit over private "
                "peering. Configure the private peering first.".format(circuit["name"]),
            )
        _require_succeeded(peering, rid)

    def _same_geopolitical_region(self, gateway, circuit):
        """A Standard (or Local) circuit links only to virtual networks in
        the geopolitical region of its peering location; Premium links
        globally (see _geo.py for the sources).  ARM's error code for this
        is not published anywhere we could find: the code below is the
        emulator's own (UNVERIFIED), the text says what Azure's docs say."""
        if _geo.is_global(circuit):
            return
        location = circuits.peering_location(circuit)
        circuit_geo, gateway_geo = _geo.of_peering_location(location), _geo.of_region(gateway["location"])
        if circuit_geo is None or gateway_geo is None or circuit_geo == gateway_geo:
            return
        raise bad_request(
            "ExpressRouteCircuitCannotLinkOutsideGeopoliticalRegion",
            "Circuit '{0}' is {1} SKU at peering location '{2}' (geopolitical region {3}); gateway '{4}' is in {5} "
            "(geopolitical region {6}). Connectivity across geopolitical regions isn't supported on the Standard "
            "ExpressRoute SKU: enable the Premium add-on on the circuit (sku.tier Premium), or link a gateway in "
            "{3}.".format(
                circuit["name"],
                circuit["sku"]["tier"],
                location,
                circuit_geo,
                gateway["name"],
                gateway["location"],
                gateway_geo,
            ),
        )

    def _not_linked_twice(self, rid, gateway, circuit):
        for other in gateways.connections_of(self.store, gateway["id"]):
            if key(other["id"]) != key(rid.id) and key(other["properties"]["peer"]["id"]) == key(circuit["id"]):
                raise bad_request(
                    "CircuitAlreadyLinkedToGateway",
                    "Circuit '{0}' is already linked to gateway '{1}' by connection {2}; a circuit links to a "
                    "gateway once.".format(circuit["name"], gateway["name"], other["id"]),
                )

    def _within_limits(self, rid, gateway, circuit):
        others = [c for c in gateways.connections_of(self.store, gateway["id"]) if key(c["id"]) != key(rid.id)]
        limit = gateways.max_connections(gateway)
        if len(others) + 1 > limit:
            raise bad_request(
                "GatewayConnectionLimitReached",
                "Gateway '{0}' ({1}) supports {2} circuit connections and has {3}. Use a larger SKU or remove a "
                "connection.".format(gateway["name"], gateways.describe_sku(gateway), limit, len(others)),
            )
        location = circuits.peering_location(circuit)
        same_place = [c for c in others if self._peering_location(c) == location]
        if len(same_place) + 1 > MAX_CIRCUITS_PER_PEERING_LOCATION:
            raise bad_request(
                "TooManyCircuitsFromPeeringLocation",
                "Virtual network of gateway '{0}' already has {1} circuits from peering location '{2}'; at most {3} "
                "circuits from one peering location can link to a virtual network.".format(
                    gateway["name"], len(same_place), location, MAX_CIRCUITS_PER_PEERING_LOCATION
                ),
            )

    def _peering_location(self, connection):
        circuit = self.store.get(connection["properties"]["peer"]["id"])
        return circuits.peering_location(circuit) if circuit else None

    def _fastpath(self, rid, props, gateway, old, circuit=None):
        bypass = boolean(props, "expressRouteGatewayBypass", old.get("expressRouteGatewayBypass", False), "properties")
        private_link = boolean(
            props, "enablePrivateLinkFastPath", old.get("enablePrivateLinkFastPath", False), "properties"
        )
        if bypass and not gateways.supports_fastpath(gateway):
            raise bad_request(
                "FastPathNotSupportedByGatewaySku",
                "properties.expressRouteGatewayBypass (FastPath) needs gateway SKU {0}; gateway '{1}' is {2}. "
                "Upgrade the gateway or turn FastPath off.".format(
                    gateways.fastpath_skus_text(), gateway["name"], gateways.describe_sku(gateway)
                ),
            )
        if private_link and not bypass:
            raise bad_request(
                "PrivateLinkFastPathRequiresFastPath",
                "properties.enablePrivateLinkFastPath needs properties.expressRouteGatewayBypass (FastPath) true.",
            )
        if private_link and not (circuit or {}).get("properties", {}).get("expressRoutePort"):
            raise bad_request(
                "PrivateLinkFastPathRequiresExpressRouteDirect",
                "properties.enablePrivateLinkFastPath is supported only for connections to ExpressRoute Direct "
                "circuits; circuit '{0}' is through a connectivity provider.".format((circuit or {}).get("name")),
            )
        return bypass, private_link

    # -- lifecycle ----------------------------------------------------------------
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
        view["properties"]["connectionStatus"] = connection_status(self.store, record)
        view["properties"]["ingressBytesTransferred"] = 0
        view["properties"]["egressBytesTransferred"] = 0
        return view


def list_entity(emulator, ctx, connection):
    """A connection as GET …/virtualNetworkGateways/{g}/connections lists it."""
    return emulator.arm.type_for(["connections"]).render(ctx, connection)


# ---------------------------------------------------------------------------
# Routing as the gateway sees it (gateway actions) and as the circuit sees it
# (route_sources for diagnostics)
# ---------------------------------------------------------------------------
def _gateway_prefixes(store, gateway):
    vnet = store.get(gateways.vnet_id_of(gateway))
    return vnet["properties"]["addressSpace"]["addressPrefixes"] if vnet else []


def _msee_addresses(store, gateway, index):
    """The primary and secondary Microsoft edge routers of the index-th
    linked circuit, as the gateway's BGP neighbours in GatewaySubnet."""
    subnet = store.get(gateways.subnet_id_of(gateway))
    prefixes = networks.subnet_prefixes(subnet["properties"]) if subnet else ["10.0.0.0/27"]
    network = ipaddress.ip_network(prefixes[0])
    size = network.num_addresses
    return tuple(str(network.network_address + (12 + 2 * index + path) % size) for path in (0, 1))


def _linked(store, gateway):
    return sorted(gateways.connections_of(store, gateway["id"]), key=_created)


def _onprem_routes(emulator, circuit, path):
    """(network, AS path) of what the customer's router advertises on the
    circuit's private peering over one device path ("primary" or
    "secondary"), as the MSEE accepted it; empty when nothing is known
    (no simulated customer router, or its session is down)."""
    peering = private_peering(emulator.store, circuit)
    if peering is None:
        return []
    routes = list(diagnostics.session(circuit, peering, path, 4)["routes"]) + list(
        diagnostics.session(circuit, peering, path, 6)["routes"]
    )
    return [(r["network"], str(r.get("as_path") or "")) for r in routes]


def _uptime(connection):
    try:
        start = datetime.datetime.strptime(_created(connection), "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=datetime.timezone.utc
        )
    except ValueError:
        return "00:00:00"
    seconds = int((datetime.datetime.now(datetime.timezone.utc) - start).total_seconds())
    return "{0:02d}:{1:02d}:{2:02d}".format(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def _learned_per_msee(emulator, gateway):
    """For each linked circuit and device path: (connection, local address,
    MSEE address, [(network, AS path as the gateway sees it)])."""
    store = emulator.store
    local = gateways.instance_addresses(store, gateway)
    for index, connection in enumerate(_linked(store, gateway)):
        circuit = store.get(connection["properties"]["peer"]["id"])
        connected = circuit is not None and connection_status(store, connection) == "Connected"
        remote = (
            [(prefix, "12076-65515") for prefix in _remote_vnet_prefixes(store, gateway, circuit)] if connected else []
        )
        for path, local_address, msee in zip(DEVICE_PATHS, local, _msee_addresses(store, gateway, index)):
            learned = []
            if connected:
                learned = [
                    (network, "-".join(p for p in ("12076", as_path.replace(" ", "-")) if p))
                    for network, as_path in _onprem_routes(emulator, circuit, path)
                ] + remote
            yield connection, connected, local_address, msee, learned


def bgp_peers(emulator, gateway):
    """The gateway's BGP sessions: one per MSEE of each linked circuit (AS
    12076), up while the connection is Connected."""
    return [
        {
            "localAddress": local_address,
            "neighbor": msee,
            "asn": gateways.MSEE_ASN,
            "state": "Connected" if connected else "Idle",
            "connectedDuration": _uptime(connection) if connected else "00:00:00",
            "routesReceived": len(learned),
            "messagesSent": 0,
            "messagesReceived": 0,
        }
        for connection, connected, local_address, msee, learned in _learned_per_msee(emulator, gateway)
    ]


def learned_routes(emulator, gateway):
    """The gateway's own VNet (origin Network) and what each MSEE sends it:
    the customer's on-premises routes (AS path 12076-<customer path>) and,
    where both gateways allow remote VNet traffic, other VNets linked to
    the circuit.  The weight is the connection's routingWeight when set
    (emulator-defined default 32769)."""
    store = emulator.store
    routes = [
        {
            "localAddress": address,
            "network": prefix,
            "nextHop": None,
            "sourcePeer": address,
            "origin": "Network",
            "asPath": "",
            "weight": 32768,
        }
        for address in gateways.instance_addresses(store, gateway)
        for prefix in _gateway_prefixes(store, gateway)
    ]
    for connection, _connected, local_address, msee, learned in _learned_per_msee(emulator, gateway):
        weight = connection["properties"].get("routingWeight") or 32769
        routes.extend(
            {
                "localAddress": local_address,
                "network": network,
                "nextHop": msee,
                "sourcePeer": msee,
                "origin": "EBgp",
                "asPath": as_path,
                "weight": weight,
            }
            for network, as_path in learned
        )
    return routes


def _remote_vnet_prefixes(store, gateway, circuit):
    """Other VNets linked to the same circuit reach this one only when both
    gateways allow remote VNet traffic (off by default)."""
    if not gateway["properties"].get("allowRemoteVnetTraffic"):
        return []
    prefixes = []
    for other in connections_to(store, circuit["id"]):
        other_gateway = store.get(other["properties"]["virtualNetworkGateway1"]["id"])
        if other_gateway is None or key(other_gateway["id"]) == key(gateway["id"]):
            continue
        if other_gateway["properties"].get("allowRemoteVnetTraffic") and connection_status(store, other) == "Connected":
            prefixes.extend(_gateway_prefixes(store, other_gateway))
    return prefixes


def advertised_routes(emulator, gateway, peer):
    store = emulator.store
    local = gateways.instance_addresses(store, gateway)
    for index, connection in enumerate(_linked(store, gateway)):
        msees = _msee_addresses(store, gateway, index)
        if peer in msees and connection_status(store, connection) == "Connected":
            address = local[msees.index(peer)]
            return [
                {
                    "localAddress": address,
                    "network": prefix,
                    "nextHop": address,
                    "sourcePeer": address,
                    "origin": "Igp",
                    "asPath": str(gateways.AZURE_GATEWAY_ASN),
                    "weight": 0,
                }
                for prefix in _gateway_prefixes(store, gateway)
            ]
    return []


def vnet_route_source(emulator):
    """Route source for the circuit's diagnostics: the address space of
    every VNet connected over a private peering, next hop the gateway
    instances, AS path 65515 (the routeTables entry shape)."""

    def vnet_routes(circuit, peering):
        if peering["properties"].get("peeringType", peering["name"]) != PRIVATE_PEERING:
            return []
        store = emulator.store
        routes = []
        for connection in connections_to(store, circuit["id"]):
            if connection_status(store, connection) != "Connected":
                continue
            gateway = store.get(connection["properties"]["virtualNetworkGateway1"]["id"])
            for prefix in _gateway_prefixes(store, gateway):
                for address in gateways.instance_addresses(store, gateway):
                    routes.append(
                        {
                            "network": prefix,
                            "nextHop": address,
                            "locPrf": "",
                            "weight": 0,
                            "path": str(gateways.AZURE_GATEWAY_ASN),
                        }
                    )
        return routes

    return vnet_routes


# ---------------------------------------------------------------------------
# Ordering rules on the circuit side
# ---------------------------------------------------------------------------
def _refuse_peering_delete(emulator):
    def check(ctx, peering):
        if peering["properties"].get("peeringType", peering["name"]) != PRIVATE_PEERING:
            return
        circuit_id = peering["id"].rsplit("/peerings/", 1)[0]
        links = connections_to(emulator.store, circuit_id)
        if links:
            raise bad_request(
                "PeeringInUseByConnections",
                "The private peering of circuit '{0}' cannot be deleted while virtual networks are linked to it: "
                "delete connection(s) {1} first.".format(
                    circuit_id.rsplit("/", 1)[-1], ", ".join(c["id"] for c in links)
                ),
            )

    return check


def _refuse_circuit_delete(emulator):
    def check(ctx, circuit):
        links = connections_to(emulator.store, circuit["id"])
        if links:
            raise bad_request(
                "CircuitInUseByConnections",
                "Circuit '{0}' cannot be deleted while virtual networks are linked to it: delete connection(s) {1} "
                "first.".format(circuit["name"], ", ".join(c["id"] for c in links)),
            )

    return check


def _refuse_deprovision(emulator):
    def check(circuit):
        links = connections_to(emulator.store, circuit["id"])
        if links:
            raise bad_request(
                "CircuitCannotBeDeprovisioned",
                "Circuit '{0}' cannot be deprovisioned while virtual networks are linked to it: delete connection(s) "
                "{1} first.".format(circuit["name"], ", ".join(c["id"] for c in links)),
            )

    return check


def register(emulator):
    emulator.arm.register(Connections)
    emulator.deprovision_checks.append(_refuse_deprovision(emulator))
    emulator.delete_checks.setdefault(PEERING_TYPE.lower(), []).append(_refuse_peering_delete(emulator))
    emulator.delete_checks.setdefault(CIRCUIT_TYPE.lower(), []).append(_refuse_circuit_delete(emulator))
    emulator.route_sources.append(vnet_route_source(emulator))
