"""Microsoft.Network/expressRouteCrossConnections: the connectivity
provider's side of every circuit, in the provider's subscription (the seed's
subscription with role "provider"; one subscription acts for every provider
of the catalog).

Azure creates a cross-connection when a circuit's create completes, named by
the circuit's service key, in resource group ``CrossConnection-<peering
location without spaces>`` (e.g. CrossConnection-SiliconValley, created on
first use), and removes it with the circuit.  The record stored here holds
only what is the cross-connection's own (tags, etag, its provisioningState
and the circuit it shows): everything else is read from the circuit, so the
customer's and the provider's views cannot disagree.

The provider can GET/list it, PATCH its tags and PUT it to move
``serviceProviderProvisioningState`` and set ``serviceProviderNotes`` (the
same transitions and deprovisioning checks as ``/_emulator/provider/provision``,
applied when the operation completes).  For managed Layer 3 it configures the
peerings through ``expressRouteCrossConnections/{x}/peerings/{p}``: the
circuit's own peering records, same rules, ``lastModifiedBy:
ServiceProvider``; the ARP/route tables of those peerings are here too.
"""

import re

from ..arm import ResourceId, ResourceType, new_etag, parse_resource_id, utcnow_iso
from ..errors import ArmError, bad_request
from ..store import key
from . import _rules, circuits, diagnostics, peerings

CROSS_CONNECTION_TYPE = "Microsoft.Network/expressRouteCrossConnections"
CIRCUIT_TYPE = "Microsoft.Network/expressRouteCircuits"
GROUP_PREFIX = "CrossConnection-"
MEMBERS = {"expressRouteCircuit", "serviceProviderProvisioningState", "serviceProviderNotes"}
# ExpressRouteCrossConnectionPeeringProperties: no routeFilter (the
# customer's choice), no Global Reach connections.
PEERING_MEMBERS = peerings.MEMBERS - {"routeFilter"}
PEERING_VIEW = (
    "peeringType",
    "state",
    "azureASN",
    "peerASN",
    "primaryPeerAddressPrefix",
    "secondaryPeerAddressPrefix",
    "primaryAzurePort",
    "secondaryAzurePort",
    "sharedKey",
    "vlanId",
    "microsoftPeeringConfig",
    "provisioningState",
    "gatewayManagerEtag",
    "lastModifiedBy",
    "ipv6PeeringConfig",
)


def provider_subscription(emulator):
    for sub in emulator.store.config["subscriptions"]:
        if sub.get("role") == "provider":
            return sub["subscription_id"]
    return None


def group_name(circuit):
    location = circuits.peering_location(circuit)
    return GROUP_PREFIX + re.sub(r"[^A-Za-z0-9]", "", location)


def cross_connection_id(emulator, circuit):
    """The id of a circuit's cross-connection (None before it has a service
    key, or without a provider subscription)."""
    subscription = provider_subscription(emulator)
    service_key = circuit["properties"].get("serviceKey")
    if not subscription or not service_key or service_key == circuits.ZERO_KEY:
        return None
    if circuit["properties"].get("expressRoutePort"):
        return None  # ExpressRoute Direct: no connectivity provider, no cross-connection
    return "/subscriptions/{0}/resourceGroups/{1}/providers/{2}/{3}".format(
        subscription, group_name(circuit), CROSS_CONNECTION_TYPE, service_key
    )


def find_for_circuit(emulator, circuit):
    xc_id = cross_connection_id(emulator, circuit)
    return emulator.store.get(xc_id) if xc_id else None


def ensure(emulator, circuit):
    """Completion hook of a circuit PUT: its cross-connection exists."""
    xc_id = cross_connection_id(emulator, circuit)
    if xc_id is None or emulator.store.get(xc_id) is not None:
        return
    subscription, group = provider_subscription(emulator), group_name(circuit)
    if emulator.resource_groups.get(subscription, group) is None:
        emulator.resource_groups._create(subscription, group, circuit["location"], {})
    emulator.store.put(
        {
            "id": xc_id,
            "name": circuit["properties"]["serviceKey"],
            "type": CROSS_CONNECTION_TYPE,
            "location": circuit["location"],
            "tags": {},
            "etag": new_etag(),
            "properties": {"provisioningState": "Succeeded"},
            "_meta": {
                "parent": key("/subscriptions/{0}/resourceGroups/{1}".format(subscription, group)),
                "subscription": subscription.lower(),
                "resource_group": group,
                "created": utcnow_iso(),
                "circuit": circuit["id"],
            },
        }
    )


def remove(emulator, circuit):
    """Completion hook of a circuit DELETE: its cross-connection goes too."""
    xc_id = cross_connection_id(emulator, circuit)
    if xc_id is not None:
        emulator.store.delete_tree(xc_id)


class CrossConnections(ResourceType):
    collections = ("expressRouteCrossConnections",)
    subscription_list = True
    readonly_properties = {
        "provisioningState",
        "primaryAzurePort",
        "secondaryAzurePort",
        "sTag",
        "peeringLocation",
        "bandwidthInMbps",
        "peerings",
    }

    def lock_scope(self, rid):
        # One circuit behind both views: the provider's write and the
        # customer's block each other.
        record = self.store.get(rid.id)
        return record["_meta"]["circuit"] if record else rid.id

    def build_record(self, ctx, rid, body, existing):
        if existing is None:
            raise ArmError(
                404,
                "ResourceNotFound",
                "The Resource '{0}/{1}' under resource group '{2}' was not found. Cross-connections are "
                "created by Azure with each circuit, named by its service key; they cannot be created.".format(
                    CROSS_CONNECTION_TYPE, rid.name, rid.resource_group
                ),
            )
        record = super().build_record(ctx, rid, body, existing)
        record["_meta"]["circuit"] = existing["_meta"]["circuit"]
        return record

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        _rules.check_members(props, MEMBERS, "properties")
        circuit = self.store.get(existing["_meta"]["circuit"])
        circuit_ref = _rules.reference_id(props.get("expressRouteCircuit"), "properties.expressRouteCircuit")
        if circuit_ref and key(circuit_ref) != key(circuit["id"]):
            raise bad_request(
                "CrossConnectionCircuitCannotBeChanged",
                "properties.expressRouteCircuit of cross-connection '{0}' is {1}; it cannot be changed.".format(
                    rid.name, circuit["id"]
                ),
            )
        target = props.get("serviceProviderProvisioningState") or circuit["properties"].get(
            "serviceProviderProvisioningState", "NotProvisioned"
        )
        target = _rules.canonical(
            target,
            circuits.PROVIDER_STATES,
            "properties.serviceProviderProvisioningState",
            "InvalidServiceProviderProvisioningState",
        )
        notes = props.get("serviceProviderNotes")
        if notes is not None and not isinstance(notes, str):
            raise bad_request("InvalidRequestFormat", "properties.serviceProviderNotes must be a string.")
        circuits.check_provider_move(self.emulator, circuit, target)
        # Applied to the circuit when the operation completes.
        record["_meta"]["pending"] = {"state": target, "notes": notes}
        return {}

    def complete_put(self, ctx, record):
        pending = record["_meta"].pop("pending", None)
        circuit = self.store.get(record["_meta"]["circuit"])
        if pending and circuit is not None:
            try:
                circuits.move_provider_state(self.emulator, circuit, pending["state"], pending["notes"])
            except ArmError:
                # Something changed since the PUT was accepted.
                record["properties"]["provisioningState"] = "Failed"
                return
        record["properties"]["provisioningState"] = "Succeeded"

    def validate_delete(self, ctx, record):
        raise bad_request(
            "CrossConnectionCannotBeDeleted",
            "Cross-connection '{0}' goes with its circuit: set serviceProviderProvisioningState to "
            "NotProvisioned, and the customer deletes the circuit.".format(record["name"]),
        )

    def render(self, ctx, record):
        view = {k: v for k, v in record.items() if not k.startswith("_") and k != "properties"}
        circuit = self.store.get(record["_meta"]["circuit"])
        props = {"provisioningState": record["properties"]["provisioningState"]}
        if circuit is not None:
            source = circuit["properties"]
            props["primaryAzurePort"], props["secondaryAzurePort"] = peerings.azure_ports(circuit)
            props.update(
                {
                    "sTag": source.get("stag"),
                    "peeringLocation": source["serviceProviderProperties"]["peeringLocation"],
                    "bandwidthInMbps": source["serviceProviderProperties"]["bandwidthInMbps"],
                    "expressRouteCircuit": {"id": circuit["id"]},
                    "serviceProviderProvisioningState": source.get("serviceProviderProvisioningState"),
                    "serviceProviderNotes": source.get("serviceProviderNotes", ""),
                }
            )
            peering_view = self.emulator.arm.type_for(["expressRouteCrossConnections", "peerings"])
            props["peerings"] = [
                peering_view.render(ctx, p) for p in self.store.children(circuit["id"], peerings.PEERING_TYPE)
            ]
        view["properties"] = props
        return view


class CrossConnectionPeerings(ResourceType):
    """A view: every record is the circuit's peering record."""

    collections = ("expressRouteCrossConnections", "peerings")
    located = False
    readonly_properties = peerings.READONLY

    @property
    def peerings(self):
        return self.emulator.arm.type_for(["expressRouteCircuits", "peerings"])

    def _circuit_id(self, cross_connection_id):
        record = self.store.get(cross_connection_id)
        return record["_meta"]["circuit"] if record else None

    def _circuit_peering_rid(self, rid):
        circuit_id = self._circuit_id(rid.parent_id)
        if circuit_id is None:
            return None
        sub, group, segments = parse_resource_id(circuit_id)
        return ResourceId(sub, group, segments + [("peerings", rid.name)], self.peerings)

    def lookup(self, rid):
        circuit_rid = self._circuit_peering_rid(rid)
        return self.store.get(circuit_rid.id) if circuit_rid else None

    def list_records(self, parent_id):
        circuit_id = self._circuit_id(parent_id)
        return self.store.children(circuit_id, peerings.PEERING_TYPE) if circuit_id else []

    def lock_scope(self, rid):
        # Called with the provider's path, and (by the engine, from the
        # record) with the circuit's.
        if rid.segments[0][0].lower() == "expressroutecircuits":
            return circuits.circuit_id_of(rid.id)
        return self._circuit_id(rid.parent_id) or rid.id

    def build_record(self, ctx, rid, body, existing):
        _rules.check_members(body["properties"], PEERING_MEMBERS, "properties")
        return self.peerings.build_record(
            ctx, self._circuit_peering_rid(rid), body, existing, modified_by="ServiceProvider", keep_route_filters=True
        )

    def complete_put(self, ctx, record):
        self.peerings.complete_put(ctx, record)

    def validate_delete(self, ctx, record):
        self.peerings.validate_delete(ctx, record)

    def render(self, ctx, record):
        circuit = self.store.get(circuits.circuit_id_of(record["id"]))
        xc_id = cross_connection_id(self.emulator, circuit) if circuit else None
        props = record["properties"]
        return {
            "id": "{0}/peerings/{1}".format(xc_id, record["name"]),
            "name": record["name"],
            "etag": record["etag"],
            "properties": {k: props[k] for k in PEERING_VIEW if k in props},
        }

    def actions(self):
        return diagnostics.peering_actions(self, provider_view=True)


def register(emulator):
    emulator.arm.register(CrossConnections)
    emulator.arm.register(CrossConnectionPeerings)
    hooks = emulator.completion_hooks
    hooks.setdefault(("put", CIRCUIT_TYPE.lower()), []).append(lambda ctx, record: ensure(emulator, record))
    hooks.setdefault(("delete", CIRCUIT_TYPE.lower()), []).append(lambda ctx, record: remove(emulator, record))
