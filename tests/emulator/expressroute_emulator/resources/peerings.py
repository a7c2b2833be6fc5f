"""Microsoft.Network/expressRouteCircuits/peerings (arm_expressroute.md §3).

One record per peering, stored under its circuit; the circuit shows it
inline and the connectivity provider's cross-connection shows the same
record (cross_connections.py), so both sides always agree.  The validation
rules are in ``plan_peering``; ``finish_peering`` sets what the service sets
when the operation completes (azureASN, the Azure ports, lastModifiedBy, the
Microsoft peering's advertisedPublicPrefixesState).

Hooks for other types: ``emulator.delete_checks[PEERING_TYPE]`` (a peering in
use may not go: Global Reach here, VNet connections elsewhere) and
``emulator.route_sources`` (what the MSEE routes on a peering, see
diagnostics.py).
"""

import ipaddress
import re

from ..arm import ResourceType, Response
from ..errors import ArmError, bad_request
from . import _rules, circuits, diagnostics, express_route_ports

PEERING_TYPE = "Microsoft.Network/expressRouteCircuits/peerings"
PRIVATE, MICROSOFT, PUBLIC = "AzurePrivatePeering", "MicrosoftPeering", "AzurePublicPeering"
PEERING_TYPES = (PRIVATE, MICROSOFT, PUBLIC)
STATES = ("Enabled", "Disabled")
# expressroute-routing lists ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB and
# ALTDB; the service also accepted LEVEL3 [REC]; NONE is the default.
REGISTRIES = ("ARIN", "APNIC", "AFRINIC", "LACNIC", "RIPENCC", "RADB", "ALTDB", "LEVEL3", "NONE")
SHARED_KEY = re.compile(r"^[A-Za-z0-9]{1,25}$")
COMMUNITY = re.compile(r"^\d{1,10}:\d{1,10}$")

# Members of properties the service sets: dropped from a PUT (30.x sends
# azureASN and the ports back, 33.x a fetched body's connections).
READONLY = {
    "provisioningState",
    "azureASN",
    "primaryAzurePort",
    "secondaryAzurePort",
    "lastModifiedBy",
    "gatewayManagerEtag",
    "stats",
    "connections",
    "peeredConnections",
    "expressRouteConnection",
}
MEMBERS = {
    "peeringType",
    "state",
    "peerASN",
    "primaryPeerAddressPrefix",
    "secondaryPeerAddressPrefix",
    "sharedKey",
    "vlanId",
    "microsoftPeeringConfig",
    "routeFilter",
    "ipv6PeeringConfig",
}
MICROSOFT_CONFIG_MEMBERS = {
    "advertisedPublicPrefixes",
    "advertisedCommunities",
    "advertisedPublicPrefixesState",
    "legacyMode",
    "customerASN",
    "routingRegistryName",
    "advertisedPublicPrefixInfo",
}
IPV6_MEMBERS = {
    "primaryPeerAddressPrefix",
    "secondaryPeerAddressPrefix",
    "microsoftPeeringConfig",
    "routeFilter",
    "state",
}
# What a private peering shows for microsoftPeeringConfig [REC].
PRIVATE_MICROSOFT_CONFIG = {
    "routingRegistryName": "NONE",
    "customerASN": 0,
    "legacyMode": 0,
    "advertisedPublicPrefixesState": "NotConfigured",
}


# -- rule 1 ----------------------------------------------------------------------
def require_provisioned(emulator, circuit, what, code="PeeringRequiresProvisionedCircuit"):
    """Rule 1: the provider must have provisioned the circuit (switchable:
    config ``require_provisioned_circuit_for_peering``)."""
    if not emulator.store.config.get("require_provisioned_circuit_for_peering", True):
        return
    props = circuit["properties"]
    state = props.get("serviceProviderProvisioningState", "NotProvisioned")
    if state != "Provisioned" or props.get("circuitProvisioningState") != "Enabled":
        raise bad_request(
            code,
            "{0} needs ExpressRoute circuit '{1}' to be provisioned by its connectivity provider, but its "
            "serviceProviderProvisioningState is '{2}'. Ask {3} to provision service key {4}, then retry.".format(
                what,
                circuit["name"],
                state,
                props["serviceProviderProperties"]["serviceProviderName"],
                props.get("serviceKey"),
            ),
        )


# -- addresses ---------------------------------------------------------------------
def peering_networks(props):
    """[(label, ip_network)] of every link prefix of a peering."""
    result = []
    for field in ("primaryPeerAddressPrefix", "secondaryPeerAddressPrefix"):
        if props.get(field):
            result.append((field, ipaddress.ip_network(props[field], strict=False)))
    ipv6 = props.get("ipv6PeeringConfig") or {}
    for field in ("primaryPeerAddressPrefix", "secondaryPeerAddressPrefix"):
        if ipv6.get(field):
            result.append(("ipv6PeeringConfig." + field, ipaddress.ip_network(ipv6[field], strict=False)))
    return result


def _link_pair(config, path, version, required):
    """The primary/secondary link prefixes (/30 or /126): distinct, not
    overlapping (rule 2)."""
    length = 30 if version == 4 else 126
    code = "InvalidPeeringAddressPrefix" if version == 4 else "InvalidIpv6PeeringAddressPrefix"
    primary, secondary = config.get("primaryPeerAddressPrefix"), config.get("secondaryPeerAddressPrefix")
    if not primary and not secondary and not required:
        return None
    if not primary or not secondary:
        raise bad_request(
            "PeeringAddressPrefixRequired",
            "{0}primaryPeerAddressPrefix and {0}secondaryPeerAddressPrefix are both required: one /{1} for each "
            "link (a /{2} split in two: the first half for the primary link, the second for the secondary).".format(
                path, length, length - 1
            ),
        )
    nets = [
        _rules.network(primary, path + "primaryPeerAddressPrefix", version, length, code),
        _rules.network(secondary, path + "secondaryPeerAddressPrefix", version, length, code),
    ]
    if _rules.overlaps(nets[0], nets[1]):
        raise bad_request(
            "PeeringAddressPrefixesOverlap",
            "{0}primaryPeerAddressPrefix and {0}secondaryPeerAddressPrefix must be two different, "
            "non-overlapping /{1}s; both are {2}.".format(path, length, nets[0]),
        )
    return nets


def _require_public(nets, path, peering_type):
    for label, net in nets:
        if not _rules.is_public(net):
            raise bad_request(
                "MicrosoftPeeringRequiresPublicAddresses",
                "{0} peering addresses must be public IP addresses registered to you; {1}{2} {3} is "
                "not a public prefix.".format(peering_type, path, label, net),
            )


def _microsoft_config(raw, path, version, existing_cfg):
    """microsoftPeeringConfig of a Microsoft peering (rules 2, 6, 7)."""
    config = _rules.as_object(raw, path)
    _rules.check_members(config, MICROSOFT_CONFIG_MEMBERS, path)
    prefixes = _rules.as_list(config.get("advertisedPublicPrefixes"), path + ".advertisedPublicPrefixes")
    if not prefixes:
        raise bad_request(
            "AdvertisedPublicPrefixesRequired",
            "{0}.advertisedPublicPrefixes is required on Microsoft peering: the public prefixes "
            "you will advertise to Microsoft (your NAT pool), registered to you in an RIR/IRR.".format(path),
        )
    for index, prefix in enumerate(prefixes):
        field = "{0}.advertisedPublicPrefixes[{1}]".format(path, index)
        net = _rules.network(prefix, field, version, None, "InvalidAdvertisedPublicPrefix")
        if net.prefixlen == 0:
            raise bad_request(
                "InvalidAdvertisedPublicPrefix",
                "{0} {1} is a default route, which is accepted on private peering only. Advertise "
                "your public prefixes instead.".format(field, prefix),
            )
        if not _rules.is_public(net):
            raise bad_request(
                "InvalidAdvertisedPublicPrefix",
                "{0} {1} is not a public prefix (RFC 1918, shared, documentation or reserved space "
                "must be filtered out of Microsoft peering). Advertise public prefixes you own; NAT "
                "private addresses to them.".format(field, prefix),
            )
    registry = _rules.canonical(
        config.get("routingRegistryName") or "NONE",
        REGISTRIES,
        path + ".routingRegistryName",
        "InvalidRoutingRegistryName",
    )
    customer_asn = config.get("customerASN") or 0
    if customer_asn:
        _rules.asn(customer_asn, path + ".customerASN")
    communities = _rules.as_list(config.get("advertisedCommunities"), path + ".advertisedCommunities")
    for community in communities:
        if not isinstance(community, str) or not COMMUNITY.match(community):
            raise bad_request(
                "InvalidAdvertisedCommunity",
                "{0}.advertisedCommunities entries are BGP communities 'ASN:value'; got {1!r}.".format(path, community),
            )
    legacy = _rules.integer(config.get("legacyMode") or 0, path + ".legacyMode")
    return {
        "advertisedPublicPrefixes": [p.strip() for p in prefixes],
        "advertisedCommunities": list(communities),
        # Configured/ValidationNeeded once the operation completes.
        "advertisedPublicPrefixesState": (existing_cfg or {}).get("advertisedPublicPrefixesState", "NotConfigured"),
        "legacyMode": legacy,
        "customerASN": customer_asn,
        "routingRegistryName": registry,
    }


def _route_filter(emulator, raw, path, peering_type):
    """Rule 8: a route filter only on Microsoft peering, and it must exist."""
    filter_id = _rules.reference_id(raw, path)
    if filter_id is None:
        return None
    if peering_type != MICROSOFT:
        raise bad_request(
            "RouteFilterNotAllowedOnPeering",
            "{0}: route filters apply to Microsoft peering only; remove routeFilter from this {1}.".format(
                path, peering_type
            ),
        )
    if _rules.parse_reference(filter_id, ["routeFilters"]) is None or emulator.store.get(filter_id) is None:
        raise bad_request(
            "RouteFilterNotFound",
            "{0}: route filter '{1}' was not found. Create it first (routeFilters) or fix the id.".format(
                path, filter_id
            ),
        )
    return {"id": emulator.store.get(filter_id)["id"]}


# -- the whole body ------------------------------------------------------------------
def _type_from_name(name):
    """ARM derives peeringType from the peering's name when the body leaves
    it out: the REST spec's examples ExpressRouteCircuitPeeringCreate and
    ExpressRouteCrossConnectionBgpPeeringCreate (stable/2024-07-01) PUT to
    .../peerings/AzurePrivatePeering without peeringType and get 201 with
    peeringType AzurePrivatePeering."""
    for peering_type in PEERING_TYPES:
        if name.lower() == peering_type.lower():
            return peering_type
    return None


def plan_peering(emulator, circuit, name, peering_id, props, existing, keep_route_filters=False):
    """Validate a peering PUT body against every rule and return the
    record's properties; nothing is written.  ``keep_route_filters``: the
    body comes through the provider's cross-connection view, which has no
    routeFilter member, so the customer's filters stay."""
    _rules.check_members(props, MEMBERS, "properties")
    old = existing["properties"] if existing else {}
    peering_type = props.get("peeringType") or old.get("peeringType") or _type_from_name(name)
    if peering_type is None:
        raise bad_request(
            "InvalidPeeringType", "properties.peeringType is required: {0}.".format(" or ".join(PEERING_TYPES[:2]))
        )
    peering_type = _rules.canonical(peering_type, PEERING_TYPES, "properties.peeringType", "InvalidPeeringType")
    if peering_type == PUBLIC and existing is None:
        raise bad_request(
            "AzurePublicPeeringNotAvailable",
            "Azure public peering is not available for new peerings; Azure PaaS services are reached "
            "through MicrosoftPeering (with a route filter) or private endpoints.",
        )
    if name.lower() != peering_type.lower():
        raise bad_request(
            "PeeringNameMustMatchPeeringType",
            "A peering's name must be its peeringType: name this peering '{0}' (the Azure CLI, "
            "PowerShell and Terraform always do), or set peeringType to match '{1}'.".format(peering_type, name),
        )
    require_provisioned(emulator, circuit, "Configuring {0}".format(peering_type))
    state = _rules.canonical(
        props.get("state") or old.get("state") or "Enabled", STATES, "properties.state", "InvalidPeeringState"
    )

    peer_asn = _rules.asn(props.get("peerASN"), "properties.peerASN")
    if (
        peering_type == MICROSOFT
        and _rules.is_private_asn(peer_asn)
        and not emulator.store.config.get("allow_private_asn_on_microsoft_peering", False)
    ):
        raise bad_request(
            "MicrosoftPeeringPrivateAsnNotAllowed",
            "properties.peerASN {0} is a private ASN. Microsoft peering needs the public ASN your "
            "prefixes are registered to (a private ASN requires Microsoft's manual validation).".format(peer_asn),
        )

    vlan = props.get("vlanId")
    if isinstance(vlan, bool) or not isinstance(vlan, int) or not 1 <= vlan <= 4094:
        raise bad_request(
            "InvalidVlanId",
            "properties.vlanId must be a VLAN ID between 1 and 4094 (the C-tag of "
            "this peering, the same on both links); got {0!r}.".format(vlan),
        )

    shared_key = props.get("sharedKey")
    if shared_key not in (None, "") and (not isinstance(shared_key, str) or not SHARED_KEY.match(shared_key)):
        # Never echo the key.
        length = len(shared_key) if isinstance(shared_key, str) else "?"
        raise bad_request(
            "InvalidSharedKey",
            "properties.sharedKey (the BGP MD5 key) must be 1-25 alphanumeric characters, no special "
            "characters; the key given has {0} characters{1}.".format(
                length,
                ""
                if isinstance(shared_key, str) and shared_key.isalnum()
                else " and characters other than letters and digits",
            ),
        )

    ipv4 = _link_pair(props, "properties.", 4, required="ipv6PeeringConfig" not in props)
    result = {
        "peeringType": peering_type,
        "state": state,
        "azureASN": old.get("azureASN", 0),
        "peerASN": peer_asn,
        "primaryAzurePort": old.get("primaryAzurePort", ""),
        "secondaryAzurePort": old.get("secondaryAzurePort", ""),
        "vlanId": vlan,
        "gatewayManagerEtag": old.get("gatewayManagerEtag", ""),
        "lastModifiedBy": old.get("lastModifiedBy", ""),
    }
    if ipv4:
        result["primaryPeerAddressPrefix"] = props["primaryPeerAddressPrefix"].strip()
        result["secondaryPeerAddressPrefix"] = props["secondaryPeerAddressPrefix"].strip()
    if shared_key:
        result["sharedKey"] = shared_key
    if peering_type == MICROSOFT:
        if ipv4:
            _require_public(
                [(f, n) for f, n in zip(("primaryPeerAddressPrefix", "secondaryPeerAddressPrefix"), ipv4)],
                "properties.",
                peering_type,
            )
        if props.get("microsoftPeeringConfig") is None:
            raise bad_request(
                "MicrosoftPeeringConfigRequired",
                "Microsoft Peering Config is not specified for Express Route Bgp Peering {0}. Set "
                "properties.microsoftPeeringConfig (advertisedPublicPrefixes, routingRegistryName, "
                "customerASN).".format(peering_id),
            )
        result["microsoftPeeringConfig"] = _microsoft_config(
            props["microsoftPeeringConfig"], "properties.microsoftPeeringConfig", 4, old.get("microsoftPeeringConfig")
        )
    else:
        result["microsoftPeeringConfig"] = dict(PRIVATE_MICROSOFT_CONFIG)

    if keep_route_filters:
        if old.get("routeFilter"):
            result["routeFilter"] = old["routeFilter"]
    else:
        route_filter = _route_filter(emulator, props.get("routeFilter"), "properties.routeFilter", peering_type)
        if route_filter:
            result["routeFilter"] = route_filter

    if props.get("ipv6PeeringConfig") is not None:
        result["ipv6PeeringConfig"] = _ipv6_config(
            emulator, props["ipv6PeeringConfig"], peering_type, old.get("ipv6PeeringConfig"), keep_route_filters
        )
    _check_siblings(emulator, circuit, peering_id, result)
    _check_global_reach(emulator, circuit, result)
    return result


def _ipv6_config(emulator, raw, peering_type, old, keep_route_filters):
    path = "properties.ipv6PeeringConfig"
    config = _rules.as_object(raw, path)
    _rules.check_members(config, IPV6_MEMBERS, path)
    nets = _link_pair(config, path + ".", 6, required=True)
    result = {
        "primaryPeerAddressPrefix": config["primaryPeerAddressPrefix"].strip(),
        "secondaryPeerAddressPrefix": config["secondaryPeerAddressPrefix"].strip(),
        "state": _rules.canonical(config.get("state") or "Enabled", STATES, path + ".state", "InvalidPeeringState"),
    }
    if peering_type == MICROSOFT:
        _require_public(
            [("primaryPeerAddressPrefix", nets[0]), ("secondaryPeerAddressPrefix", nets[1])], path + ".", peering_type
        )
        if config.get("microsoftPeeringConfig") is None:
            raise bad_request(
                "MicrosoftPeeringConfigRequired",
                "{0}.microsoftPeeringConfig is required on Microsoft peering: the IPv6 prefixes you advertise.".format(
                    path
                ),
            )
        result["microsoftPeeringConfig"] = _microsoft_config(
            config["microsoftPeeringConfig"],
            path + ".microsoftPeeringConfig",
            6,
            (old or {}).get("microsoftPeeringConfig"),
        )
    if keep_route_filters:
        if (old or {}).get("routeFilter"):
            result["routeFilter"] = old["routeFilter"]
    else:
        route_filter = _route_filter(emulator, config.get("routeFilter"), path + ".routeFilter", peering_type)
        if route_filter:
            result["routeFilter"] = route_filter
    return result


def _check_siblings(emulator, circuit, peering_id, props):
    """Rule 3 (VLAN unique on the circuit) and no prefix shared with the
    circuit's other peerings."""
    mine = peering_networks(props)
    express_route_ports.check_dot1q_vlan(emulator, circuit, peering_id, props["vlanId"])
    for sibling in emulator.store.children(circuit["id"], PEERING_TYPE):
        if sibling["id"].lower() == peering_id.lower():
            continue
        other = sibling["properties"]
        if other.get("vlanId") == props["vlanId"]:
            raise bad_request(
                "VlanIdInUse",
                "properties.vlanId {0} is already used by peering '{1}' of circuit '{2}'; each "
                "peering of a circuit needs its own VLAN ID.".format(props["vlanId"], sibling["name"], circuit["name"]),
            )
        for label, net in mine:
            for other_label, other_net in peering_networks(other):
                if _rules.overlaps(net, other_net):
                    raise bad_request(
                        "PeeringAddressPrefixOverlapsOtherPeering",
                        "properties.{0} {1} overlaps {2} {3} of peering '{4}' on the same circuit; "
                        "use separate subnets for each peering.".format(
                            label, net, other_label, other_net, sibling["name"]
                        ),
                    )


def _check_global_reach(emulator, circuit, props):
    """No link prefix of any peering of the circuit may overlap the /29 (or
    IPv6 /125) of a Global Reach link of the circuit, made by it or to it:
    Azure carves the link's addresses from that range, which no peering of
    either circuit may use (expressroute-howto-set-global-reach).  The
    Global Reach PUT refuses the other order (GlobalReachAddressPrefixOverlap)."""
    from .global_reach import links_of  # global_reach imports this module

    private_id = "{0}/peerings/{1}".format(circuit["id"], PRIVATE)
    for link in links_of(emulator, private_id):
        used = [
            link["properties"].get("addressPrefix"),
            (link["properties"].get("ipv6CircuitConnectionConfig") or {}).get("addressPrefix"),
        ]
        for prefix in filter(None, used):
            link_net = ipaddress.ip_network(prefix, strict=False)
            for label, net in peering_networks(props):
                if _rules.overlaps(net, link_net):
                    raise bad_request(
                        "PeeringAddressPrefixOverlapsGlobalReach",
                        "properties.{0} {1} overlaps {2}, the address prefix of Global Reach connection "
                        "{3}; no peering of a circuit in a Global Reach link may use it. Use another "
                        "subnet.".format(label, net, prefix, link["id"]),
                    )


# -- what the service sets -----------------------------------------------------------
def azure_ports(circuit):
    """The MSEE ports a circuit lands on (primary, secondary); shown by its
    peerings and by the provider's cross-connection.  Shaped like
    "A51-IBIZA-06GMR-CIS-1-PRI-A" [REC]; the values are the emulator's."""
    location = circuits.peering_location(circuit)
    code = (re.sub(r"[^A-Z]", "", location.upper()) + "XXX")[:3]
    stag = circuit["properties"].get("stag") or 0
    base = "{0}-EMU-{1:02d}GMR-CIS-1".format(code, stag % 100)
    return base + "-PRI-A", base + "-SEC-A"


def advertised_prefixes(props):
    """Every advertised public prefix of a Microsoft peering (IPv4 and IPv6)."""
    prefixes = list((props.get("microsoftPeeringConfig") or {}).get("advertisedPublicPrefixes") or [])
    ipv6 = (props.get("ipv6PeeringConfig") or {}).get("microsoftPeeringConfig") or {}
    return prefixes + list(ipv6.get("advertisedPublicPrefixes") or [])


def prefixes_validated(emulator, record):
    """Whether Microsoft has validated the ownership of every prefix the
    peering advertises.  Live ARM answered ValidationNeeded for a Microsoft
    peering with public prefixes, a named registry (LEVEL3) and a public ASN
    [REC: Azure/azure-cli recordings/test_network_express_route.yaml]; the
    docs (expressroute-howto-routing-portal-resource-manager, Microsoft
    peering) have the owner prove the prefixes before Microsoft configures
    them.  So by default ("manual") the prefixes wait for
    ``POST /_emulator/peerings/validate-prefixes``; "automatic" is the older
    emulator-defined stand-in (a named registry and a public peer ASN pass at
    once)."""
    props = record["properties"]
    if emulator.store.config.get("microsoft_peering_prefix_validation", "manual") == "automatic":
        config = props.get("microsoftPeeringConfig") or {}
        return config.get("routingRegistryName", "NONE") != "NONE" and not _rules.is_private_asn(props["peerASN"])
    wanted = {p.lower() for p in advertised_prefixes(props)}
    validated = {p.lower() for p in record["_meta"].get("validated_prefixes", [])}
    return bool(wanted) and wanted <= validated


def set_prefix_state(props, state):
    props["microsoftPeeringConfig"]["advertisedPublicPrefixesState"] = state
    ipv6 = props.get("ipv6PeeringConfig") or {}
    if ipv6.get("microsoftPeeringConfig"):
        ipv6["microsoftPeeringConfig"]["advertisedPublicPrefixesState"] = state


def finish_peering(emulator, record):
    props = record["properties"]
    circuit = emulator.store.get(circuits.circuit_id_of(record["id"]))
    props["provisioningState"] = "Succeeded"
    props["azureASN"] = _rules.MICROSOFT_ASN
    if circuit is not None:
        props["primaryAzurePort"], props["secondaryAzurePort"] = azure_ports(circuit)
    props["lastModifiedBy"] = record["_meta"].get("modified_by", "Customer")
    if props["peeringType"] == MICROSOFT:
        set_prefix_state(props, "Configured" if prefixes_validated(emulator, record) else "ValidationNeeded")


def control_validate_prefixes(emulator, method, query, body):
    """POST /_emulator/peerings/validate-prefixes {"peering": id}: what
    Microsoft does once the owner has proved the advertised prefixes are
    theirs: the state goes ValidationNeeded -> Configured (the spec's enum
    has no "Validated": NotConfigured, Configuring, Configured,
    ValidationNeeded)."""
    if method != "POST":
        raise ArmError(405, "MethodNotAllowed", "Use POST.")
    _rules.check_members(body, {"peering"}, "peerings/validate-prefixes")
    record = diagnostics.find_peering(emulator, body.get("peering"))
    props = record["properties"]
    if props.get("peeringType") != MICROSOFT:
        raise bad_request(
            "NotMicrosoftPeering",
            "Only a Microsoft peering advertises public prefixes to validate; {0} is {1}.".format(
                record["id"], props.get("peeringType")
            ),
        )
    if props.get("provisioningState") != "Succeeded":
        raise ArmError(
            409,
            "AnotherOperationInProgress",
            "Peering {0} is {1}; validate its prefixes once its operation has completed.".format(
                record["id"], props.get("provisioningState")
            ),
        )
    record["_meta"]["validated_prefixes"] = advertised_prefixes(props)
    set_prefix_state(props, "Configured" if advertised_prefixes(props) else "NotConfigured")
    emulator.store.save()
    return Response(
        200,
        {
            "id": record["id"],
            "advertisedPublicPrefixes": advertised_prefixes(props),
            "advertisedPublicPrefixesState": props["microsoftPeeringConfig"]["advertisedPublicPrefixesState"],
        },
    )


class Peerings(ResourceType):
    collections = ("expressRouteCircuits", "peerings")
    located = False
    readonly_properties = READONLY

    def lock_scope(self, rid):
        return circuits.circuit_id_of(rid.id)

    def build_record(self, ctx, rid, body, existing, modified_by="Customer", keep_route_filters=False):
        # How the body came (the engine's own copy): through the provider's
        # cross-connection view or from the customer.
        body["_view"] = {"keep_route_filters": keep_route_filters}
        record = super().build_record(ctx, rid, body, existing)
        record["_meta"]["modified_by"] = modified_by
        if existing and "customer_router" in existing.get("_meta", {}):
            # The simulated customer router keeps advertising across updates.
            record["_meta"]["customer_router"] = existing["_meta"]["customer_router"]
        if existing and "validated_prefixes" in existing.get("_meta", {}):
            # Prefixes Microsoft validated stay validated (new ones wait).
            record["_meta"]["validated_prefixes"] = existing["_meta"]["validated_prefixes"]
        return record

    def validate_put(self, ctx, rid, body, existing, record):
        circuit = self.store.get(circuits.circuit_id_of(rid.id))
        return plan_peering(
            self.emulator,
            circuit,
            rid.name,
            record["id"],
            body["properties"],
            existing,
            keep_route_filters=body.get("_view", {}).get("keep_route_filters", False),
        )

    def complete_put(self, ctx, record):
        finish_peering(self.emulator, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        if view["properties"].get("peeringType") == PRIVATE:
            # The vWAN ExpressRoute connection using this private peering
            # (spec example ExpressRouteCircuitPeeringCreate, stable/2024-07-01,
            # shows {"id": …}); null while none uses it (vwan.py).
            from . import vwan  # at call time: vwan imports connections, which imports this module's peers

            links = vwan.connections_of_peering(self.store, record["id"])
            view["properties"]["expressRouteConnection"] = {"id": links[0]["id"]} if links else None
        global_reach = self.emulator.arm.type_for(["expressRouteCircuits", "peerings", "connections"])
        if global_reach is not None:
            view["properties"]["connections"] = [
                global_reach.render(ctx, r) for r in self.store.children(record["id"], global_reach.arm_type)
            ]
            view["properties"]["peeredConnections"] = global_reach.peer_views(ctx, record)
        return view

    def actions(self):
        actions = diagnostics.peering_actions(self, provider_view=False)
        global_reach = self.emulator.arm.type_for(["expressRouteCircuits", "peerings", "connections"])
        if global_reach is not None:
            actions[("GET", "peerconnections")] = global_reach.peer_connections_action
        return actions


def register(emulator):
    emulator.arm.register(Peerings)
    emulator.controls["peerings/validate-prefixes"] = lambda method, query, body: control_validate_prefixes(
        emulator, method, query, body
    )
    diagnostics.register(emulator)
