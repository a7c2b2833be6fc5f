"""Microsoft.Network/expressRouteCircuits.

The circuit record is the single source of truth for the provider side as
well: the connectivity provider's view (expressRouteCrossConnections) and
the ``/_emulator/provider/provision`` shortcut both read and move the same
``serviceProviderProvisioningState``.
"""

import uuid

from ..arm import ResourceType, parse_resource_id
from ..errors import ArmError, bad_request
from . import catalog, express_route_ports

ZERO_KEY = "00000000-0000-0000-0000-000000000000"
TIERS = ("Standard", "Premium", "Local", "Basic")
FAMILIES = ("MeteredData", "UnlimitedData")
PROVIDER_STATES = ("NotProvisioned", "Provisioning", "Provisioned", "Deprovisioning")
# The provider may only move a circuit along these edges.
PROVIDER_TRANSITIONS = {
    "NotProvisioned": {"Provisioning", "Provisioned"},
    "Provisioning": {"Provisioned", "NotProvisioned"},
    "Provisioned": {"Deprovisioning", "NotProvisioned"},
    "Deprovisioning": {"NotProvisioned"},
}


def peering_location(circuit):
    """Where a circuit lands: its provider's peering location, or its
    ExpressRoute Direct port's (kept in _meta when the circuit is PUT)."""
    spp = circuit["properties"].get("serviceProviderProperties")
    return spp["peeringLocation"] if spp else circuit.get("_meta", {}).get("peering_location", "")


def circuit_id_of(resource_id):
    """The circuit a circuit or circuit child belongs to."""
    sub, rg, segments = parse_resource_id(resource_id)
    return "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRouteCircuits/{2}".format(
        sub, rg, segments[0][1]
    )


def _canonical(value, choices, field):
    for choice in choices:
        if str(value).lower() == choice.lower():
            return choice
    raise bad_request(
        "InvalidCircuitSku" if field.startswith("sku") else "InvalidRequestFormat",
        "Value '{0}' of {1} is not valid. Valid values are: {2}.".format(value, field, ", ".join(choices)),
    )


class Circuits(ResourceType):
    collections = ("expressRouteCircuits",)
    subscription_list = True
    # Set by the service or the provider; a customer's PUT cannot change them
    # (the SDK sends some back when it re-PUTs a fetched circuit).
    readonly_properties = {
        "provisioningState",
        "resourceGuid",
        "serviceKey",
        "stag",
        "circuitProvisioningState",
        "serviceProviderProvisioningState",
        "serviceProviderNotes",
        "gatewayManagerEtag",
        "authorizationStatus",
        "resiliencyLevel",
        "allowGlobalReach",
        "peerings",
        "authorizations",
    }

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        old = existing["properties"] if existing else {}
        record["sku"] = self._sku(body.get("sku"), existing)
        on_port = props.get("expressRoutePort") is not None or old.get("expressRoutePort") is not None
        if on_port:
            # ExpressRoute Direct: the port's rules (express_route_ports.py).
            if record["sku"]["tier"] == "Basic":
                raise bad_request(
                    "CircuitSkuTierNotAvailable", "A circuit on an ExpressRoute Direct port cannot use the Basic tier."
                )
            direct = express_route_ports.check_circuit_on_port(self.emulator, rid.subscription, props, existing)
            record["_meta"]["peering_location"] = express_route_ports.port_of(
                self.emulator, direct["expressRoutePort"]["id"]
            )["properties"]["peeringLocation"]
        elif props.get("bandwidthInGbps") is not None:
            raise bad_request(
                "ExpressRoutePortRequired",
                "properties.bandwidthInGbps applies to a circuit on an ExpressRoute Direct port: set "
                "properties.expressRoutePort.id too, or use serviceProviderProperties.bandwidthInMbps.",
            )
        result = {}
        if on_port:
            result.update(direct)
        else:
            result["serviceProviderProperties"] = self._provider_properties(
                props.get("serviceProviderProperties"), record["sku"], existing
            )
        result.update(
            {
                "allowClassicOperations": bool(
                    props.get("allowClassicOperations", old.get("allowClassicOperations", False))
                ),
                "globalReachEnabled": bool(props.get("globalReachEnabled", old.get("globalReachEnabled", False))),
                "allowGlobalReach": old.get("allowGlobalReach", False),
                "serviceKey": old.get("serviceKey", ZERO_KEY),
                # Disabled while any PUT runs, Enabled when it completes [REC:
                # Azure/azure-cli recordings/test_network_express_route.yaml].
                "circuitProvisioningState": "Disabled",
                "serviceProviderProvisioningState": old.get("serviceProviderProvisioningState", "NotProvisioned"),
                "serviceProviderNotes": old.get("serviceProviderNotes", ""),
                "gatewayManagerEtag": old.get("gatewayManagerEtag", ""),
                "resourceGuid": old.get("resourceGuid", str(uuid.uuid4())),
            }
        )
        if on_port:
            # No provider to wait for: a circuit on a port is Provisioned
            # from the start (spec ExpressRouteCircuitCreate on a port shows
            # serviceProviderProvisioningState Provisioned).
            result["serviceProviderProvisioningState"] = "Provisioned"
            # spec: enableDirectPortRateLimit, "rate-limiting status of the
            # ExpressRoute direct-port circuit" (default off); authorizationStatus
            # shows "Enabled" for a circuit that redeemed a port's key
            # (ExpressRouteCircuitCreateOnExpressRoutePort example; what else it
            # takes is UNVERIFIED).
            rate_limit = props.get("enableDirectPortRateLimit", old.get("enableDirectPortRateLimit", False))
            if not isinstance(rate_limit, bool):
                raise bad_request(
                    "InvalidRequestFormat",
                    "properties.enableDirectPortRateLimit must be true or false; got {0!r}.".format(rate_limit),
                )
            result["enableDirectPortRateLimit"] = rate_limit
            if result.get("authorizationKey"):
                result["authorizationStatus"] = "Enabled"
        if "stag" in old:
            result["stag"] = old["stag"]
        return result

    def _sku(self, sku, existing):
        for field in ("name", "tier", "family"):
            if isinstance(sku, dict) and sku.get(field) is not None and not isinstance(sku[field], str):
                raise bad_request("InvalidCircuitSku", "sku.{0} must be a string; got {1!r}.".format(field, sku[field]))
        if not isinstance(sku, dict) or not (sku.get("name") or (sku.get("tier") and sku.get("family"))):
            raise bad_request(
                "InvalidCircuitSku",
                "The circuit's sku is required: sku.tier (Standard, Premium, Local) and sku.family "
                "(MeteredData, UnlimitedData), with sku.name '{tier}_{family}'.",
            )
        tier, family = sku.get("tier"), sku.get("family")
        if sku.get("name") and "_" in sku["name"]:
            name_tier, name_family = sku["name"].split("_", 1)
            tier, family = tier or name_tier, family or name_family
            if name_tier.lower() != str(tier).lower() or name_family.lower() != str(family).lower():
                raise bad_request(
                    "InvalidCircuitSku",
                    "sku.name '{0}' does not match sku.tier '{1}' and sku.family '{2}': the name must "
                    "be '{{tier}}_{{family}}'.".format(sku["name"], tier, family),
                )
        tier = _canonical(tier, TIERS, "sku.tier")
        family = _canonical(family, FAMILIES, "sku.family")
        if existing is None and tier == "Basic":
            raise bad_request(
                "CircuitSkuTierNotAvailable",
                "The Basic tier is not available for new ExpressRoute circuits. Use Standard, Premium or Local.",
            )
        if tier == "Local" and family != "UnlimitedData":
            raise bad_request(
                "LocalCircuitRequiresUnlimitedData", "An ExpressRoute Local circuit must use sku.family UnlimitedData."
            )
        if existing is not None:
            old_tier, old_family = existing["sku"]["tier"], existing["sku"]["family"]
            if old_family == "UnlimitedData" and family == "MeteredData":
                raise bad_request(
                    "CircuitSkuFamilyDowngradeNotAllowed",
                    "The circuit's sku.family cannot be changed from UnlimitedData to MeteredData. "
                    "Delete and re-create the circuit to change its billing model.",
                )
            if tier == "Local" and old_tier != "Local":
                raise bad_request(
                    "CircuitSkuTierChangeNotAllowed",
                    "A {0} circuit cannot be changed to the Local tier.".format(old_tier),
                )
        return {"name": "{0}_{1}".format(tier, family), "tier": tier, "family": family}

    def _provider_properties(self, spp, sku, existing):
        old = (existing or {}).get("properties", {}).get("serviceProviderProperties")
        if not isinstance(spp, dict):
            if old:
                return dict(old)
            raise bad_request(
                "ServiceProviderPropertiesRequired",
                "properties.serviceProviderProperties (serviceProviderName, peeringLocation, "
                "bandwidthInMbps) is required to create a circuit through a connectivity provider.",
            )
        names = ", ".join(p["name"] for p in catalog.PROVIDERS)
        provider = catalog.find_provider(spp.get("serviceProviderName"))
        if provider is None:
            raise bad_request(
                "InvalidServiceProviderName",
                "Service provider '{0}' is not an ExpressRoute connectivity provider. Valid providers: {1}.".format(
                    spp.get("serviceProviderName"), names
                ),
            )
        location = catalog.find_location(provider, spp.get("peeringLocation"))
        if location is None:
            raise bad_request(
                "PeeringLocationNotAvailable",
                "Peering location '{0}' is not offered by service provider '{1}'. Valid peering locations: {2}.".format(
                    spp.get("peeringLocation"), provider["name"], ", ".join(provider["peeringLocations"])
                ),
            )
        bandwidth = spp.get("bandwidthInMbps")
        if not isinstance(bandwidth, int) or bandwidth not in provider["bandwidths"]:
            raise bad_request(
                "BandwidthNotAvailable",
                "Bandwidth '{0}' Mbps is not offered by service provider '{1}' at '{2}'. Valid "
                "bandwidths (Mbps): {3}.".format(
                    bandwidth, provider["name"], location, ", ".join(str(b) for b in provider["bandwidths"])
                ),
            )
        if sku["tier"] == "Local":
            if location.lower() not in catalog.LOCAL_LOCATIONS:
                raise bad_request(
                    "LocalCircuitNotAvailableAtPeeringLocation",
                    "ExpressRoute Local is not available at peering location '{0}'. Locations with Local: {1}.".format(
                        location, ", ".join(sorted(catalog.LOCAL_LOCATIONS))
                    ),
                )
            if bandwidth < 1000:
                raise bad_request(
                    "LocalCircuitBandwidthTooLow",
                    "ExpressRoute Local circuits start at 1 Gbps (1000 Mbps); got {0}.".format(bandwidth),
                )
        if old:
            if old["serviceProviderName"] != provider["name"]:
                raise bad_request(
                    "CircuitServiceProviderCannotBeChanged",
                    "The service provider of an existing circuit cannot be changed (from '{0}' to "
                    "'{1}'). Create a new circuit.".format(old["serviceProviderName"], provider["name"]),
                )
            if old["peeringLocation"] != location:
                raise bad_request(
                    "CircuitPeeringLocationCannotBeChanged",
                    "The peering location of an existing circuit cannot be changed (from '{0}' to "
                    "'{1}'). Create a new circuit.".format(old["peeringLocation"], location),
                )
            if bandwidth < old["bandwidthInMbps"]:
                raise bad_request(
                    "CircuitBandwidthDecreaseNotAllowed",
                    "The bandwidth of a circuit cannot be decreased (from {0} to {1} Mbps). Create a "
                    "new circuit with the lower bandwidth.".format(old["bandwidthInMbps"], bandwidth),
                )
        return {"serviceProviderName": provider["name"], "peeringLocation": location, "bandwidthInMbps": bandwidth}

    def complete_put(self, ctx, record):
        props = record["properties"]
        props["provisioningState"] = "Succeeded"
        props["circuitProvisioningState"] = "Enabled"
        if props.get("serviceKey", ZERO_KEY) == ZERO_KEY:
            props["serviceKey"] = str(uuid.uuid4())
        if "stag" not in props:
            props["stag"] = self.store.next_counter("stag")

    def validate_delete(self, ctx, record):
        state = record["properties"].get("serviceProviderProvisioningState")
        # A circuit on a Direct port has no provider to deprovision it
        # (howto-erdirect deletes such circuits directly).
        if state in ("Provisioning", "Provisioned") and not record["properties"].get("expressRoutePort"):
            raise bad_request(
                "CircuitCannotBeDeletedWhileProvisioned",
                "ExpressRoute circuit '{0}' cannot be deleted while its serviceProviderProvisioningState is '{1}'. "
                "Ask the connectivity provider ({2}, service key {3}) to deprovision it first.".format(
                    record["name"],
                    state,
                    record["properties"]["serviceProviderProperties"]["serviceProviderName"],
                    record["properties"]["serviceKey"],
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        # Children are their own resources but ARM shows them inline too.
        for collection in ("peerings", "authorizations"):
            child_type = self.emulator.arm.type_for(["expressRouteCircuits", collection])
            if child_type is None:
                view["properties"][collection] = []
                continue
            view["properties"][collection] = [
                child_type.render(ctx, r) for r in self.store.children(record["id"], child_type.arm_type)
            ]
        return view

    def actions(self):
        # GET …/stats: the sum of the peerings' counters (diagnostics.py).
        from . import diagnostics

        return {("GET", "stats"): diagnostics.circuit_stats_action(self.emulator)}


def find_by_service_key(store, service_key):
    for record in store.all_of_type("Microsoft.Network/expressRouteCircuits"):
        if record["properties"].get("serviceKey", "").lower() == str(service_key).lower():
            return record
    return None


def check_provider_move(emulator, record, target):
    """Refuse a provider state change that move_provider_state would refuse;
    writes nothing (the cross-connection PUT checks before it is accepted)."""
    if target not in PROVIDER_STATES:
        raise bad_request(
            "InvalidServiceProviderProvisioningState",
            "serviceProviderProvisioningState must be one of {0}; got '{1}'.".format(
                ", ".join(PROVIDER_STATES), target
            ),
        )
    props = record["properties"]
    current = props.get("serviceProviderProvisioningState", "NotProvisioned")
    if props.get("provisioningState") != "Succeeded":
        raise ArmError(
            409,
            "CircuitNotReady",
            "Circuit '{0}' is still '{1}'; the provider can act once it has Succeeded.".format(
                record["name"], props.get("provisioningState")
            ),
        )
    if target != current:
        if target not in PROVIDER_TRANSITIONS[current]:
            raise bad_request(
                "InvalidServiceProviderProvisioningStateTransition",
                "A circuit cannot move from '{0}' to '{1}'. Allowed from '{0}': {2}.".format(
                    current, target, ", ".join(sorted(PROVIDER_TRANSITIONS[current]))
                ),
            )
        if target in ("NotProvisioned", "Deprovisioning"):
            for hook in emulator.deprovision_checks:
                hook(record)


def move_provider_state(emulator, record, target, notes=None):
    """The connectivity provider moves a circuit's provisioning state."""
    check_provider_move(emulator, record, target)
    props = record["properties"]
    if target != props.get("serviceProviderProvisioningState", "NotProvisioned"):
        props["serviceProviderProvisioningState"] = target
    if notes is not None:
        props["serviceProviderNotes"] = notes
    emulator.store.save()
    return record


def register(emulator):
    emulator.arm.register(Circuits)
