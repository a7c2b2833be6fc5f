"""Global Reach: ``expressRouteCircuits/{c}/peerings/AzurePrivatePeering/connections/{name}``
(ExpressRouteCircuitConnection) links the private peerings of two circuits.

Rules (expressroute-howto-set-global-reach): both circuits provisioned,
private peering configured on both, circuits at different peering locations;
a /29 (and optionally an IPv6 /125) that Azure carves the tunnels from, not
used elsewhere; a circuit in another subscription needs an authorization key
from its owner (an authorization of *that* circuit, which becomes InUse).
``globalReachEnabled`` on the circuits is not required: no document says it
is (the spec calls it a status flag), so it is not enforced.

The other circuit sees the link read-only under its own private peering
(``peeredConnections`` inline, ``GET …/peerConnections[/{name}]``); that view
is computed from the connection record, so deleting the connection removes
it.  A peering in a Global Reach link cannot be deleted, nor its circuit
deprovisioned.
"""

import ipaddress
import uuid

from ..arm import ResourceType, Response
from ..errors import ArmError, bad_request
from ..store import key
from . import _geo, _rules, authorizations, circuits, diagnostics, peerings

CONNECTION_TYPE = "Microsoft.Network/expressRouteCircuits/peerings/connections"
PEER_CONNECTION_TYPE = "Microsoft.Network/expressRouteCircuits/peerings/peerConnections"
MEMBERS = {
    "expressRouteCircuitPeering",
    "peerExpressRouteCircuitPeering",
    "addressPrefix",
    "authorizationKey",
    "ipv6CircuitConnectionConfig",
}


def links_of(emulator, peering_id):
    """Connection records on a private peering, and those naming it as peer."""
    wanted = key(peering_id)
    return [
        r
        for r in emulator.store.all_of_type(CONNECTION_TYPE)
        if r["_meta"]["parent"] == wanted or key(r["_meta"]["peer"]) == wanted
    ]


class CircuitConnections(ResourceType):
    collections = ("expressRouteCircuits", "peerings", "connections")
    located = False
    readonly_properties = {"provisioningState", "circuitConnectionStatus"}

    def lock_scope(self, rid):
        return circuits.circuit_id_of(rid.id)

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        _rules.check_members(props, MEMBERS, "properties")
        peering = self.store.get(rid.parent_id)
        circuit = self.store.get(circuits.circuit_id_of(rid.id))
        if peering["properties"]["peeringType"] != peerings.PRIVATE:
            raise bad_request(
                "GlobalReachRequiresPrivatePeering",
                "Global Reach links private peerings: create the connection under "
                "peerings/AzurePrivatePeering, not under {0}.".format(peering["name"]),
            )
        own = _rules.reference_id(props.get("expressRouteCircuitPeering"), "properties.expressRouteCircuitPeering")
        if own and key(own) != key(peering["id"]):
            raise bad_request(
                "InvalidCircuitConnectionPeering",
                "properties.expressRouteCircuitPeering must be the peering the connection is created "
                "under ({0}); got {1}.".format(peering["id"], own),
            )
        peer_peering, peer_circuit = self._peer(props, circuit, existing)
        for each in (circuit, peer_circuit):
            peerings.require_provisioned(
                self.emulator, each, "Global Reach", code="GlobalReachRequiresProvisionedCircuits"
            )
        failing = self._not_provisioned(circuit, peer_circuit, rid.subscription)
        if failing is not None:
            # Rule 1 switched off (live-like): live ARM accepted a Global Reach
            # PUT on NotProvisioned circuits (201) and failed its operation
            # with InitiatingCircuitNotProvisioned [REC: Azure/azure-cli
            # recordings/test_network_express_route_global_reach.yaml].
            record["_meta"]["operation_error"] = failing
            record["_meta"]["peer"] = peer_peering["id"]
            return {
                "expressRouteCircuitPeering": {"id": peering["id"]},
                "peerExpressRouteCircuitPeering": {"id": peer_peering["id"]},
                "addressPrefix": str(props.get("addressPrefix") or "").strip(),
                "circuitConnectionStatus": "Disconnected",
            }
        here = circuits.peering_location(circuit)
        there = circuits.peering_location(peer_circuit)
        if here.lower() == there.lower():
            raise bad_request(
                "GlobalReachSamePeeringLocation",
                "Circuits '{0}' and '{1}' are both at peering location '{2}'; Global Reach links "
                "circuits created at different peering locations.".format(circuit["name"], peer_circuit["name"], here),
            )
        self._same_geopolitical_region(circuit, peer_circuit)
        for other in links_of(self.emulator, peering["id"]):
            ends = {key(other["_meta"]["parent"]), key(other["_meta"]["peer"])}
            if key(other["id"]) != key(record["id"]) and ends == {key(peering["id"]), key(peer_peering["id"])}:
                raise bad_request(
                    "GlobalReachConnectionExists",
                    "These two private peerings are already linked by Global Reach connection {0}.".format(other["id"]),
                )
        result = {
            "expressRouteCircuitPeering": {"id": peering["id"]},
            "peerExpressRouteCircuitPeering": {"id": peer_peering["id"]},
        }
        authorization = self._authorization(props, circuit, peer_circuit, record, existing)
        if authorization is not None:
            record["_meta"]["authorization"] = authorization["id"]
            # Echoed as the spec's responses show it (example
            # ExpressRouteCircuitConnectionCreate, stable/2024-07-01).
            result["authorizationKey"] = authorization["properties"]["authorizationKey"]
        net = _rules.network(
            props.get("addressPrefix"), "properties.addressPrefix", 4, 29, "InvalidGlobalReachAddressPrefix"
        )
        self._check_overlaps(net, "properties.addressPrefix", circuit, peer_circuit, record)
        result["addressPrefix"] = props["addressPrefix"].strip()
        status = (existing or {}).get("properties", {}).get("circuitConnectionStatus", "Connecting")
        result["circuitConnectionStatus"] = status
        if props.get("ipv6CircuitConnectionConfig") is not None:
            path = "properties.ipv6CircuitConnectionConfig"
            config = _rules.as_object(props["ipv6CircuitConnectionConfig"], path)
            _rules.check_members(config, {"addressPrefix", "circuitConnectionStatus"}, path)
            net6 = _rules.network(
                config.get("addressPrefix"), path + ".addressPrefix", 6, 125, "InvalidGlobalReachIpv6AddressPrefix"
            )
            self._check_overlaps(net6, path + ".addressPrefix", circuit, peer_circuit, record)
            result["ipv6CircuitConnectionConfig"] = {
                "addressPrefix": config["addressPrefix"].strip(),
                "circuitConnectionStatus": status,
            }
        record["_meta"]["peer"] = peer_peering["id"]
        return result

    @staticmethod
    def _not_provisioned(circuit, peer_circuit, subscription):
        """The operation's error when a circuit is not provisioned (only
        reached with rule 1 switched off), else None."""
        for each, code, which in (
            (circuit, "InitiatingCircuitNotProvisioned", "Initiating"),
            (peer_circuit, "PeerCircuitNotProvisioned", "Peer"),
        ):
            state = each["properties"].get("serviceProviderProvisioningState", "NotProvisioned")
            if state != "Provisioned":
                return {
                    "code": code,
                    "message": "Put Global Reach Connection {0} Circuit Subscription = {1}, ServiceKey = {2} is "
                    "Not Provisioned. Current Status {3}".format(
                        which, subscription, each["properties"].get("serviceKey"), state
                    ),
                }
        return None

    def _same_geopolitical_region(self, circuit, peer_circuit):
        """ "To enable ExpressRoute Global Reach between different
        geopolitical regions, your circuits must be Premium SKU"
        (expressroute-global-reach.md; regions: _geo.py).  ARM's error code is
        unpublished: this one is the emulator's own (UNVERIFIED)."""
        here = circuits.peering_location(circuit)
        there = circuits.peering_location(peer_circuit)
        geo_here, geo_there = _geo.of_peering_location(here), _geo.of_peering_location(there)
        if geo_here is None or geo_there is None or geo_here == geo_there:
            return
        standard = [c["name"] for c in (circuit, peer_circuit) if not _geo.is_global(c)]
        if standard:
            raise bad_request(
                "GlobalReachAcrossGeopoliticalRegionsRequiresPremium",
                "Circuits '{0}' ({1}, geopolitical region {2}) and '{3}' ({4}, geopolitical region {5}) are in "
                "different geopolitical regions: Global Reach between them needs both circuits on the Premium SKU. "
                "Enable the Premium add-on (sku.tier Premium) on {6}.".format(
                    circuit["name"],
                    here,
                    geo_here,
                    peer_circuit["name"],
                    there,
                    geo_there,
                    " and ".join("'{0}'".format(n) for n in standard),
                ),
            )

    def _peer(self, props, circuit, existing):
        peer_id = _rules.reference_id(
            props.get("peerExpressRouteCircuitPeering"), "properties.peerExpressRouteCircuitPeering"
        )
        parsed = _rules.parse_reference(peer_id, ["expressRouteCircuits", "peerings"]) if peer_id else None
        if parsed is None or parsed[2][1].lower() != peerings.PRIVATE.lower():
            raise bad_request(
                "InvalidPeerCircuitPeering",
                "properties.peerExpressRouteCircuitPeering must reference the other circuit's private "
                "peering: {{\"id\": \"/subscriptions/…/expressRouteCircuits/<circuit>/peerings/"
                "AzurePrivatePeering\"}}; got {0!r}.".format(peer_id),
            )
        peer_peering = self.store.get(peer_id)
        if peer_peering is None:
            raise bad_request(
                "PeerCircuitPeeringNotFound",
                "The peer peering {0} does not exist: configure private peering on the other circuit first.".format(
                    peer_id
                ),
            )
        peer_circuit = self.store.get(circuits.circuit_id_of(peer_peering["id"]))
        if key(peer_circuit["id"]) == key(circuit["id"]):
            raise bad_request(
                "GlobalReachSameCircuit",
                "properties.peerExpressRouteCircuitPeering is on circuit '{0}' itself; Global Reach "
                "links two different circuits.".format(circuit["name"]),
            )
        if existing and key(existing["_meta"]["peer"]) != key(peer_peering["id"]):
            raise bad_request(
                "CircuitConnectionPeerCannotBeChanged",
                "A Global Reach connection cannot be moved to another peer ({0} -> {1}); delete it and "
                "create a new one.".format(existing["_meta"]["peer"], peer_peering["id"]),
            )
        return peer_peering, peer_circuit

    def _authorization(self, props, circuit, peer_circuit, record, existing):
        """An authorization of the peer circuit is needed across
        subscriptions; a key given anyway must be valid.  A link keeps the
        authorization it redeemed: a re-PUT may leave the key out, not
        change it."""
        auth_key = props.get("authorizationKey")
        held = (existing or {}).get("_meta", {}).get("authorization")
        if held:
            record_held = self.store.get(held)
            if auth_key and (
                record_held is None
                or authorizations.find_by_key(self.emulator, peer_circuit["id"], auth_key) is not record_held
            ):
                raise bad_request(
                    "AuthorizationKeyCannotBeChanged",
                    "Global Reach connection '{0}' already redeemed an authorization of circuit '{1}'; "
                    "properties.authorizationKey cannot change. Create a new connection for another "
                    "key.".format(record["name"], peer_circuit["name"]),
                )
            if record_held is not None:
                return record_held
        other_subscription = circuit["_meta"]["subscription"] != peer_circuit["_meta"]["subscription"]
        if not auth_key:
            if other_subscription:
                raise bad_request(
                    "AuthorizationKeyRequired",
                    "Circuit '{0}' is in another subscription: set properties.authorizationKey to an "
                    "authorization key its owner created on it.".format(peer_circuit["name"]),
                )
            return None
        return authorizations.check_redeemable(self.emulator, peer_circuit, auth_key, record["id"])

    def _check_overlaps(self, net, field, circuit, peer_circuit, record):
        for each in (circuit, peer_circuit):
            for peering in self.store.children(each["id"], peerings.PEERING_TYPE):
                for label, other in peerings.peering_networks(peering["properties"]):
                    if _rules.overlaps(net, other):
                        raise bad_request(
                            "GlobalReachAddressPrefixOverlap",
                            "{0} {1} overlaps {2} {3} of peering '{4}' on circuit '{5}'; pick an unused /{6}.".format(
                                field, net, label, other, peering["name"], each["name"], net.prefixlen
                            ),
                        )
                for link in links_of(self.emulator, peering["id"]):
                    if key(link["id"]) == key(record["id"]):
                        continue
                    used = [
                        link["properties"]["addressPrefix"],
                        (link["properties"].get("ipv6CircuitConnectionConfig") or {}).get("addressPrefix"),
                    ]
                    for prefix in filter(None, used):
                        if _rules.overlaps(net, ipaddress.ip_network(prefix, strict=False)):
                            raise bad_request(
                                "GlobalReachAddressPrefixOverlap",
                                "{0} {1} overlaps {2} of Global Reach connection {3}; pick an unused /{4}.".format(
                                    field, net, prefix, link["id"], net.prefixlen
                                ),
                            )

    def after_put(self, ctx, record, existing):
        if record["_meta"].get("authorization"):
            authorizations.mark_in_use(self.emulator, record["_meta"]["authorization"], record["id"])

    def complete_put(self, ctx, record):
        props = record["properties"]
        props["provisioningState"] = "Succeeded"
        props["circuitConnectionStatus"] = "Connected"
        if props.get("ipv6CircuitConnectionConfig"):
            props["ipv6CircuitConnectionConfig"]["circuitConnectionStatus"] = "Connected"

    def complete_delete(self, ctx, record):
        if record["_meta"].get("authorization"):
            authorizations.mark_available(self.emulator, record["_meta"]["authorization"], record["id"])
        super().complete_delete(ctx, record)

    # -- the other circuit's view ------------------------------------------------
    def peer_views(self, ctx, peering):
        views = []
        for link in links_of(self.emulator, peering["id"]):
            if key(link["_meta"]["peer"]) != key(peering["id"]):
                continue
            props = link["properties"]
            auth = link["_meta"].get("authorization")
            views.append(
                {
                    "id": "{0}/peerConnections/{1}".format(peering["id"], link["name"]),
                    "name": link["name"],
                    "type": PEER_CONNECTION_TYPE,
                    "etag": link["etag"],
                    "properties": {
                        "expressRouteCircuitPeering": {"id": peering["id"]},
                        "peerExpressRouteCircuitPeering": {"id": props["expressRouteCircuitPeering"]["id"]},
                        "addressPrefix": props["addressPrefix"],
                        "circuitConnectionStatus": props["circuitConnectionStatus"],
                        "connectionName": link["name"],
                        "authResourceGuid": str(uuid.uuid5(uuid.NAMESPACE_URL, key(auth))) if auth else "",
                        "provisioningState": props["provisioningState"],
                    },
                }
            )
        return views

    def peer_connections_action(self, ctx, peering, argument, body):
        """GET …/peerings/{p}/peerConnections[/{name}] (read-only)."""
        if ctx.method != "GET":
            raise ArmError(
                405,
                "MethodNotAllowed",
                "Peer connections are read-only: manage the link on the circuit that created it.",
            )
        views = self.peer_views(ctx, peering)
        if argument is None:
            return self.emulator.arm.page(ctx, views)
        for view in views:
            if view["name"].lower() == argument.lower():
                return Response(200, view)
        raise ArmError(404, "NotFound", "Resource {0}/peerConnections/{1} not found.".format(peering["id"], argument))


def _peering_delete_check(emulator):
    def check(ctx, peering):
        links = links_of(emulator, peering["id"])
        if links:
            raise bad_request(
                "PeeringInUseByGlobalReach",
                "Peering '{0}' of circuit '{1}' is linked by Global Reach ({2}); delete the Global "
                "Reach connection first.".format(
                    peering["name"],
                    circuits.circuit_id_of(peering["id"]).split("/")[-1],
                    ", ".join(sorted(link["id"] for link in links)),
                ),
            )

    return check


def _deprovision_check(emulator):
    def check(circuit):
        for peering in emulator.store.children(circuit["id"], peerings.PEERING_TYPE):
            links = links_of(emulator, peering["id"])
            if links:
                raise bad_request(
                    "CircuitCannotBeDeprovisioned",
                    "Circuit '{0}' cannot be deprovisioned while Global Reach links its private peering "
                    "({1}); delete the Global Reach connection first.".format(
                        circuit["name"], ", ".join(sorted(link["id"] for link in links))
                    ),
                )

    return check


def _route_source(emulator):
    """Over Global Reach the MSEE routes the other circuit's on-premises
    prefixes (emulator-defined next hop: the first address of the /29)."""

    def source(circuit, peering):
        routes = []
        for link in links_of(emulator, peering["id"]):
            other_id = (
                link["_meta"]["peer"] if key(link["_meta"]["parent"]) == key(peering["id"]) else link["_meta"]["parent"]
            )
            other = emulator.store.get(other_id)
            other_circuit = emulator.store.get(circuits.circuit_id_of(other_id))
            if other is None or other_circuit is None:
                continue
            next_hop = str(ipaddress.ip_network(link["properties"]["addressPrefix"]).network_address + 1)
            seen = set()
            for path in diagnostics.DEVICE_PATHS:
                for route in diagnostics.session(other_circuit, other, path, 4)["routes"]:
                    if route["network"] not in seen:
                        seen.add(route["network"])
                        routes.append({"network": route["network"], "nextHop": next_hop, "path": route["as_path"]})
        return routes

    return source


def register(emulator):
    emulator.arm.register(CircuitConnections)
    emulator.delete_checks.setdefault(peerings.PEERING_TYPE.lower(), []).append(_peering_delete_check(emulator))
    emulator.deprovision_checks.append(_deprovision_check(emulator))
    emulator.route_sources.append(_route_source(emulator))
