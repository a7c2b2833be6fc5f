"""ExpressRoute Direct: Microsoft.Network/expressRoutePorts (a pair of
physical ports at a peering location), their two links, ``POST
…/generateLoa``, their authorizations, and the subscription-level
``expressRoutePortsLocations`` catalogue.

Shapes: ``expressRoutePort.json`` of the REST spec (Azure/azure-rest-api-specs,
``specification/network/resource-manager/Microsoft.Network/stable/2024-07-01/
expressRoutePort.json`` at 3cab51ba6ff8243bba2a305420128f9db9047f98) and its
examples (kept in ../../spec_examples, see SOURCE).  Rules: Microsoft Learn
"About ExpressRoute Direct" (expressroute-erdirect-about), "Configure
ExpressRoute Direct" (expressroute-howto-erdirect) and "Configure MACsec on
ExpressRoute Direct ports" (expressroute-howto-macsec), cited where each is
applied.  Error codes are the emulator's own: no public source gives ARM's
(UNVERIFIED).

Circuits on a port live in circuits.py; the accounting they need (what a port
allows, the circuits already on it, port authorization keys) is here:

- ``check_circuit_on_port(emulator, rid_sub, props, existing)`` -> the
  port-side properties of the circuit, or 400 (writes nothing);
- ``port_of(emulator, port_id)`` -> the port record or None.
"""

import base64
import re
import uuid
from datetime import datetime, timezone

from ..arm import Response, ResourceType, parse_resource_id
from ..errors import ArmError, bad_request
from . import _rules

PORT_TYPE = "Microsoft.Network/expressRoutePorts"
PORT_AUTHORIZATION_TYPE = "Microsoft.Network/expressRoutePorts/authorizations"
CIRCUIT_TYPE = "Microsoft.Network/expressRouteCircuits"

# spec: ExpressRoutePortPropertiesFormat enums.
ENCAPSULATIONS = ("Dot1Q", "QinQ")
BILLING_TYPES = ("MeteredData", "UnlimitedData")
ADMIN_STATES = ("Enabled", "Disabled")
# spec: ExpressRouteLinkMacSecConfig enums.
CIPHERS = ("GcmAes256", "GcmAes128", "GcmAesXpn128", "GcmAesXpn256")
SCI_STATES = ("Disabled", "Enabled")
# A port pair is two links, link1 and link2 (spec examples; erdirect-about:
# "dual 100-Gbps or 10-Gbps connectivity").
LINK_NAMES = ("link1", "link2")
# Port sizes: erdirect-about "ExpressRoute Direct provides dual 100 Gbps or
# 10-Gbps connectivity".
PORT_BANDWIDTHS = (10, 100)
# Circuit sizes on a port (erdirect-about, "Circuit SKUs"): 1, 2, 5, 10 Gbps
# on a 10-Gbps port; 5, 10, 40, 100 Gbps on a 100-Gbps port.
CIRCUIT_BANDWIDTHS = {10: (1, 2, 5, 10), 100: (5, 10, 40, 100)}
# Oversubscription: circuits may add up to twice the port's bandwidth
# (expressroute-howto-erdirect, "Create a circuit": up to 20 Gbps of circuits
# on a 10-Gbps port pair and 200 Gbps on a 100-Gbps one).  [U] wording not
# re-read this session; the collection keeps its own copy (_port.py).
OVERSUBSCRIPTION = 2

# A Key Vault secret identifier: https://{vault}.vault.azure.net/secrets/{name}[/{version}]
# (expressroute-howto-macsec: the CKN and CAK are Key Vault secrets, the
# port gets their identifiers).
SECRET_ID = re.compile(
    r"^https://[A-Za-z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)/secrets/"
    r"[A-Za-z0-9-]{1,127}(/[0-9a-fA-F]{32})?/?$"
)
IDENTITY_ID = re.compile(
    r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.ManagedIdentity/"
    r"userAssignedIdentities/[^/]+$",
    re.IGNORECASE,
)

# The emulator's peering locations for Direct (names in the style Azure lists
# them; addresses and contacts invented).
LOCATIONS = (
    {
        "name": "Equinix-Amsterdam-AM5",
        "region": "westeurope",
        "code": "ams",
        "address": "Luttenbergweg 4, 1101 EC Amsterdam, Netherlands",
        "contact": "support@equinix.example",
    },
    {
        "name": "Equinix-London-LD5",
        "region": "uksouth",
        "code": "lon",
        "address": "8 Buckingham Avenue, Slough SL1 4AX, United Kingdom",
        "contact": "support@equinix.example",
    },
    {
        "name": "Equinix-Ashburn-DC2",
        "region": "eastus",
        "code": "bl",
        "address": "21715 Filigree Court, Ashburn, VA 20147, USA",
        "contact": "support@equinix.example",
    },
    {
        "name": "Interxion-FRA11",
        "region": "germanywestcentral",
        "code": "fra",
        "address": "Weismuellerstrasse 40, 60314 Frankfurt, Germany",
        "contact": "support@interxion.example",
    },
)


def _canonical(value, choices, field, code="InvalidRequestFormat"):
    for choice in choices:
        if isinstance(value, str) and value.lower() == choice.lower():
            return choice
    raise bad_request(code, "{0} must be one of {1}; got {2!r}.".format(field, ", ".join(choices), value))


def find_location(name):
    for location in LOCATIONS:
        if isinstance(name, str) and location["name"].lower() == name.lower():
            return location
    return None


def location_view(sub_id, location, with_bandwidths=True):
    # spec: ExpressRoutePortsLocation; the list "does not return available
    # bandwidths" (ExpressRoutePortsLocations_List description).
    return {
        "id": "/subscriptions/{0}/providers/Microsoft.Network/expressRoutePortsLocations/{1}".format(
            sub_id, location["name"]
        ),
        "name": location["name"],
        "type": "Microsoft.Network/expressRoutePortsLocations",
        "location": location["region"],
        "properties": {
            "provisioningState": "Succeeded",
            "address": location["address"],
            "contact": location["contact"],
            "availableBandwidths": [{"offerName": "{0} Gbps".format(b), "valueInGbps": b} for b in PORT_BANDWIDTHS]
            if with_bandwidths
            else [],
        },
    }


def port_of(emulator, port_id):
    return emulator.store.get(port_id) if isinstance(port_id, str) else None


def circuits_on(emulator, port_id, excluding=None):
    """The circuit records on a port (any subscription)."""
    result = []
    for record in emulator.store.all_of_type(CIRCUIT_TYPE):
        ref = (record["properties"].get("expressRoutePort") or {}).get("id")
        if ref and ref.lower() == port_id.lower() and (excluding is None or record["id"].lower() != excluding.lower()):
            result.append(record)
    return result


def _authorization_users(emulator, record):
    key = record["properties"].get("authorizationKey", "").lower()
    port_id = record["id"].rsplit("/authorizations/", 1)[0]
    return [
        c["id"]
        for c in circuits_on(emulator, port_id)
        if str(c["properties"].get("authorizationKey") or "").lower() == key
    ]


def check_circuit_on_port(emulator, sub_id, props, existing):
    """The properties a circuit PUT naming ``expressRoutePort`` takes from the
    port, after Azure's rules; 400 otherwise (nothing written)."""
    old = (existing or {}).get("properties", {})
    ref = props.get("expressRoutePort")
    port_id = ref.get("id") if isinstance(ref, dict) else None
    if not isinstance(port_id, str) or parse_resource_id(port_id) is None:
        raise bad_request(
            "InvalidExpressRoutePort",
            "properties.expressRoutePort.id must be the id of an ExpressRoute Direct port "
            "(…/providers/Microsoft.Network/expressRoutePorts/{{name}}); got {0!r}.".format(ref),
        )
    # A circuit names a port, or a provider (spec: serviceProviderProperties
    # and expressRoutePort are the two ways to create one; howto-erdirect
    # creates Direct circuits without a provider).
    if props.get("serviceProviderProperties"):
        raise bad_request(
            "ExpressRoutePortAndServiceProviderBothSet",
            "A circuit is either on an ExpressRoute Direct port (expressRoutePort, bandwidthInGbps) or "
            "ordered through a connectivity provider (serviceProviderProperties), not both.",
        )
    old_port = (old.get("expressRoutePort") or {}).get("id")
    if existing is not None and (old_port or "").lower() != port_id.lower():
        raise bad_request(
            "CircuitExpressRoutePortCannotBeChanged",
            "The ExpressRoute port of an existing circuit cannot be changed (from '{0}' to '{1}'). "
            "Create a new circuit.".format(old_port or "a connectivity provider", port_id),
        )
    port = port_of(emulator, port_id)
    if port is None:
        raise bad_request("ExpressRoutePortNotFound", "ExpressRoute port '{0}' does not exist.".format(port_id))
    port_sub = port["id"].split("/")[2]
    key = props.get("authorizationKey")
    if port_sub.lower() != sub_id.lower() and not (existing and old.get("authorizationKey")):
        # A port in another subscription: its owner's authorization key
        # (expressroute-howto-erdirect, "Enable ExpressRoute Direct and
        # circuits in a different subscription").
        auth = _port_authorization_by_key(emulator, port["id"], key)
        if auth is None:
            raise bad_request(
                "InvalidAuthorizationKey",
                "ExpressRoute port '{0}' is in another subscription: properties.authorizationKey must "
                "be the key of one of its authorizations (expressRoutePorts/{0}/authorizations); the "
                "key given matches none.".format(port["name"]),
            )
        if _authorization_users(emulator, auth):
            raise bad_request(
                "AuthorizationAlreadyInUse",
                "Authorization '{0}' of ExpressRoute port '{1}' is already used by another circuit; "
                "each authorization serves one circuit.".format(auth["name"], port["name"]),
            )
    bandwidth = props.get("bandwidthInGbps", old.get("bandwidthInGbps"))
    if isinstance(bandwidth, float) and bandwidth.is_integer():
        bandwidth = int(bandwidth)
    port_bw = port["properties"]["bandwidthInGbps"]
    allowed = CIRCUIT_BANDWIDTHS[port_bw]
    if isinstance(bandwidth, bool) or bandwidth not in allowed:
        raise bad_request(
            "InvalidBandwidthInGbps",
            "properties.bandwidthInGbps {0!r} is not offered on a {1}-Gbps ExpressRoute Direct port. "
            "Valid circuit bandwidths (Gbps): {2}.".format(bandwidth, port_bw, ", ".join(str(b) for b in allowed)),
        )
    if existing is not None and old.get("bandwidthInGbps") and bandwidth < old["bandwidthInGbps"]:
        # Same rule as a provider circuit (expressroute-howto-circuit-arm,
        # "Modify an ExpressRoute circuit": bandwidth can be increased without
        # downtime; decreasing needs a new circuit).
        raise bad_request(
            "CircuitBandwidthDecreaseNotAllowed",
            "The bandwidth of a circuit cannot be decreased (from {0} to {1} Gbps). Create a new "
            "circuit with the lower bandwidth.".format(old["bandwidthInGbps"], bandwidth),
        )
    others = sum(
        c["properties"].get("bandwidthInGbps", 0)
        for c in circuits_on(emulator, port["id"], excluding=(existing or {}).get("id"))
    )
    limit = OVERSUBSCRIPTION * port_bw
    if others + bandwidth > limit:
        raise bad_request(
            "ExpressRoutePortBandwidthExceeded",
            "ExpressRoute port '{0}' ({1} Gbps) allows circuits adding up to {2} Gbps; its other "
            "circuits use {3} Gbps, so a {4}-Gbps circuit does not fit ({5} Gbps left).".format(
                port["name"], port_bw, limit, others, bandwidth, max(limit - others, 0)
            ),
        )
    result = {"expressRoutePort": {"id": port["id"]}, "bandwidthInGbps": bandwidth}
    if key or old.get("authorizationKey"):
        result["authorizationKey"] = old.get("authorizationKey") or key
    return result


def check_dot1q_vlan(emulator, circuit, peering_id, vlan):
    """On a Dot1Q port a peering's VLAN (its only tag) must be unique across
    every circuit on the port pair; on QinQ each circuit has its own S-tag
    (erdirect-about, "Dot1Q and QinQ VLAN tagging": with Dot1Q "the C-Tag is
    required to be unique across the entire ExpressRoute Direct port
    pair")."""
    port_id = (circuit["properties"].get("expressRoutePort") or {}).get("id")
    port = port_of(emulator, port_id) if port_id else None
    if port is None or port["properties"].get("encapsulation") != "Dot1Q":
        return
    for other in circuits_on(emulator, port["id"]):
        for peering in emulator.store.children(other["id"], "Microsoft.Network/expressRouteCircuits/peerings"):
            if peering["id"].lower() == peering_id.lower() or other["id"].lower() == circuit["id"].lower():
                continue
            if peering["properties"].get("vlanId") == vlan:
                raise bad_request(
                    "VlanIdInUseOnExpressRoutePort",
                    "properties.vlanId {0} is already used by peering '{1}' of circuit '{2}' on the "
                    "Dot1Q ExpressRoute port '{3}': on a Dot1Q port each VLAN ID is unique across the "
                    "port pair. Use another VLAN ID (or a QinQ port).".format(
                        vlan, peering["name"], other["name"], port["name"]
                    ),
                )


def _port_authorization_by_key(emulator, port_id, key):
    if not isinstance(key, str) or not key.strip():
        return None
    for record in emulator.store.children(port_id, PORT_AUTHORIZATION_TYPE):
        if record["properties"]["authorizationKey"].lower() == key.strip().lower():
            return record
    return None


def _allocation_date():
    # spec example: "Friday, July 1, 2018".
    now = datetime.now(timezone.utc)
    return "{0}, {1} {2}, {3}".format(now.strftime("%A"), now.strftime("%B"), now.day, now.year)


class Ports(ResourceType):
    collections = ("expressRoutePorts",)
    subscription_list = True
    # spec: ExpressRoutePort has identity beside the ARM resource members.
    allowed_top_level = ResourceType.allowed_top_level | {"identity"}
    # spec readOnly members of ExpressRoutePortPropertiesFormat.
    readonly_properties = {
        "provisioningState",
        "resourceGuid",
        "provisionedBandwidthInGbps",
        "mtu",
        "etherType",
        "allocationDate",
        "circuits",
    }
    allowed_properties = {"peeringLocation", "bandwidthInGbps", "encapsulation", "billingType", "links"}

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        old = existing["properties"] if existing else {}
        _rules.check_members(props, self.allowed_properties, "properties")
        record["identity"] = self._identity(body.get("identity"), existing)
        location = find_location(props.get("peeringLocation", old.get("peeringLocation")))
        if location is None:
            raise bad_request(
                "InvalidPeeringLocation",
                "properties.peeringLocation {0!r} is not an ExpressRoute Direct location. Valid "
                "locations (expressRoutePortsLocations): {1}.".format(
                    props.get("peeringLocation"), ", ".join(l["name"] for l in LOCATIONS)
                ),
            )
        bandwidth = props.get("bandwidthInGbps", old.get("bandwidthInGbps"))
        if isinstance(bandwidth, bool) or bandwidth not in PORT_BANDWIDTHS:
            raise bad_request(
                "InvalidBandwidthInGbps",
                "properties.bandwidthInGbps must be 10 or 100 (the port sizes ExpressRoute Direct "
                "offers at {0}); got {1!r}.".format(location["name"], bandwidth),
            )
        if props.get("encapsulation") is None and existing is None:
            raise bad_request(
                "EncapsulationRequired",
                "properties.encapsulation (Dot1Q or QinQ) is required to create an ExpressRoute Direct port.",
            )
        encapsulation = _canonical(
            props.get("encapsulation", old.get("encapsulation")), ENCAPSULATIONS, "properties.encapsulation"
        )
        billing = _canonical(
            props.get("billingType", old.get("billingType", "MeteredData")), BILLING_TYPES, "properties.billingType"
        )
        if existing is not None:
            self._check_in_place(record["name"], old, location, bandwidth, encapsulation, existing)
        links = self._links(rid, props.get("links"), old.get("links"), location, record["identity"])
        return {
            "peeringLocation": location["name"],
            "bandwidthInGbps": bandwidth,
            "encapsulation": encapsulation,
            "billingType": billing,
            "mtu": "1500",
            "etherType": "0x8100",
            "allocationDate": old.get("allocationDate") or _allocation_date(),
            "links": links,
            "resourceGuid": old.get("resourceGuid", str(uuid.uuid4())),
        }

    def _check_in_place(self, name, old, location, bandwidth, encapsulation, existing):
        # The physical ports are allocated at one location and size
        # (howto-erdirect: location and bandwidth are chosen when the port is
        # created; a new port is needed for another).
        if old["peeringLocation"] != location["name"]:
            raise bad_request(
                "ExpressRoutePortPeeringLocationCannotBeChanged",
                "The peering location of ExpressRoute port '{0}' cannot be changed (from '{1}' to "
                "'{2}'); create a new port.".format(name, old["peeringLocation"], location["name"]),
            )
        if old["bandwidthInGbps"] != bandwidth:
            raise bad_request(
                "ExpressRoutePortBandwidthCannotBeChanged",
                "The bandwidth of ExpressRoute port '{0}' cannot be changed (from {1} to {2} Gbps); "
                "create a new port.".format(name, old["bandwidthInGbps"], bandwidth),
            )
        # Encapsulation is fixed once circuits use the port: their VLAN
        # tagging depends on it (erdirect-about, "Dot1Q and QinQ VLAN
        # tagging"; howto-erdirect sets it before any circuit).
        if old["encapsulation"] != encapsulation and circuits_on(self.emulator, existing["id"]):
            raise bad_request(
                "ExpressRoutePortEncapsulationCannotBeChanged",
                "The encapsulation of ExpressRoute port '{0}' cannot be changed from {1} to {2} while "
                "circuits are on it; delete its circuits first.".format(name, old["encapsulation"], encapsulation),
            )

    @staticmethod
    def _identity(identity, existing):
        if identity is None:
            return (existing or {}).get("identity")
        _rules.check_members(identity, {"type", "userAssignedIdentities", "principalId", "tenantId"}, "identity")
        kind = _canonical(identity.get("type"), ("UserAssigned", "None"), "identity.type")
        # Only a user-assigned identity reads the MACsec secrets
        # (expressroute-howto-macsec: "create a user-assigned identity", give
        # it access to the Key Vault, set it on the port).
        if kind == "None":
            return None
        users = identity.get("userAssignedIdentities")
        if not isinstance(users, dict) or not users:
            raise bad_request(
                "InvalidIdentity",
                "identity.userAssignedIdentities must name at least one "
                "user-assigned identity when identity.type is UserAssigned.",
            )
        for key in users:
            if not IDENTITY_ID.match(key):
                raise bad_request(
                    "InvalidIdentity",
                    "identity.userAssignedIdentities key {0!r} is not a user-assigned identity id "
                    "(/subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/"
                    "userAssignedIdentities/{{name}}).".format(key),
                )
        return {
            "type": "UserAssigned",
            "userAssignedIdentities": {
                k: {
                    "principalId": str(uuid.uuid5(uuid.NAMESPACE_URL, k.lower())),
                    "clientId": str(uuid.uuid5(uuid.NAMESPACE_DNS, k.lower())),
                }
                for k in users
            },
        }

    def _links(self, rid, sent, old, location, identity):
        old = {l["name"]: l for l in (old or [])}
        sent = _rules.as_list(sent, "properties.links")
        by_name = {}
        for index, link in enumerate(sent):
            path = "properties.links[{0}]".format(index)
            link = _rules.as_object(link, path)
            _rules.check_members(link, {"id", "name", "etag", "properties"}, path)
            name = link.get("name") or str(link.get("id", "")).rsplit("/", 1)[-1]
            if name not in LINK_NAMES:
                raise bad_request(
                    "InvalidExpressRouteLink",
                    "{0}.name must be link1 or link2 (a port has exactly these two links); got {1!r}.".format(
                        path, name
                    ),
                )
            by_name[name] = _rules.as_object(link.get("properties") or {}, path + ".properties")
        result = []
        for number, name in enumerate(LINK_NAMES, start=1):
            previous = old.get(name, {}).get("properties", {})
            sent_props = {
                k: v
                for k, v in by_name.get(name, {}).items()
                if k
                not in (
                    "routerName",
                    "interfaceName",
                    "patchPanelId",
                    "rackId",
                    "coloLocation",
                    "connectorType",
                    "provisioningState",
                )
            }
            path = "properties.links[{0}].properties".format(name)
            _rules.check_members(sent_props, {"adminState", "macSecConfig"}, path)
            admin = _canonical(
                sent_props.get("adminState", previous.get("adminState", "Disabled")), ADMIN_STATES, path + ".adminState"
            )
            macsec = self._macsec(sent_props.get("macSecConfig"), previous.get("macSecConfig"), path, identity)
            result.append(
                {
                    "id": "{0}/links/{1}".format(rid.id, name),
                    "name": name,
                    "etag": "W/\"{0}\"".format(uuid.uuid4()),
                    "properties": {
                        # Read-only, set by Microsoft when the port is allocated
                        # (spec: ExpressRouteLinkPropertiesFormat readOnly).
                        "routerName": previous.get("routerName")
                        or "{0}-09xgmr-cis-{1}".format(location["code"], number),
                        "interfaceName": previous.get("interfaceName") or "HundredGigE2/2/{0}".format(number),
                        "patchPanelId": previous.get("patchPanelId")
                        or "PP:{0:04d}:{1}".format(1000 + number, uuid.uuid4().hex[:7].upper()),
                        "rackId": previous.get("rackId") or "RACK-{0}-{1:02d}".format(location["code"].upper(), number),
                        "coloLocation": location["name"],
                        "connectorType": "LC",
                        "adminState": admin,
                        "macSecConfig": macsec,
                        "provisioningState": "Succeeded",
                    },
                }
            )
        return result

    @staticmethod
    def _macsec(sent, previous, path, identity):
        # Azure shows a default config on every link (cipher GcmAes256, SCI
        # Disabled): emulator choice, [U].
        merged = dict(previous or {"cipher": "GcmAes256", "sciState": "Disabled"})
        if sent is not None:
            sent = _rules.as_object(sent, path + ".macSecConfig")
            _rules.check_members(
                sent, {"cknSecretIdentifier", "cakSecretIdentifier", "cipher", "sciState"}, path + ".macSecConfig"
            )
            merged.update({k: v for k, v in sent.items() if v is not None})
        merged["cipher"] = _canonical(merged.get("cipher"), CIPHERS, path + ".macSecConfig.cipher")
        merged["sciState"] = _canonical(merged.get("sciState"), SCI_STATES, path + ".macSecConfig.sciState")
        ckn, cak = merged.get("cknSecretIdentifier"), merged.get("cakSecretIdentifier")
        if bool(ckn) != bool(cak):
            # howto-macsec: MACsec needs both the CKN and the CAK secrets.
            raise bad_request(
                "InvalidMacSecConfig",
                "{0}.macSecConfig needs both cknSecretIdentifier and cakSecretIdentifier (Key Vault "
                "secret identifiers of the CKN and the CAK), or neither.".format(path),
            )
        for field, value in (("cknSecretIdentifier", ckn), ("cakSecretIdentifier", cak)):
            if value and not (isinstance(value, str) and SECRET_ID.match(value)):
                raise bad_request(
                    "InvalidMacSecConfig",
                    "{0}.macSecConfig.{1} must be a Key Vault secret identifier "
                    "(https://{{vault}}.vault.azure.net/secrets/{{name}}[/{{version}}]).".format(path, field),
                )
        if ckn and identity is None:
            # howto-macsec: the port reads the secrets with its user-assigned
            # identity, which must be set on the port.
            raise bad_request(
                "MacSecRequiresIdentity",
                "{0}.macSecConfig names Key Vault secrets but the port has no identity: set "
                "identity.type UserAssigned with the identity that may read the secrets.".format(path),
            )
        if not ckn:
            merged.pop("cknSecretIdentifier", None)
            merged.pop("cakSecretIdentifier", None)
        return merged

    def validate_delete(self, ctx, record):
        circuits = circuits_on(self.emulator, record["id"])
        if circuits:
            # howto-erdirect: delete the circuits on the port before the port.
            raise bad_request(
                "ExpressRoutePortInUse",
                "ExpressRoute port '{0}' cannot be deleted while circuits are on it: {1}. Delete them first.".format(
                    record["name"], ", ".join(c["id"] for c in circuits)
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        if view.get("identity") is None:
            view.pop("identity", None)
        circuits = circuits_on(self.emulator, record["id"])
        view["properties"]["circuits"] = [{"id": c["id"]} for c in circuits]
        view["properties"]["provisionedBandwidthInGbps"] = float(
            sum(c["properties"].get("bandwidthInGbps", 0) for c in circuits)
        )
        return view

    def actions(self):
        def generate_loa(ctx, record, argument, body):
            if argument:
                raise ArmError(404, "NotFound", "No such resource: generateLoa/{0}.".format(argument))
            # spec: GenerateExpressRoutePortsLOARequest requires customerName.
            name = (body or {}).get("customerName") if isinstance(body, dict) else None
            if not isinstance(name, str) or not name.strip():
                raise bad_request(
                    "InvalidRequestFormat",
                    "customerName is required: the customer name printed on the letter of authorization.",
                )
            return Response(200, {"encodedContent": base64.b64encode(loa_document(record, name)).decode("ascii")})

        return {("POST", "generateloa"): generate_loa}


def loa_document(record, customer):
    """A small PDF: the letter a colocation provider needs to run the cross
    connects (howto-erdirect, "Generate the Letter of Authorization")."""
    props = record["properties"]
    lines = [
        "LETTER OF AUTHORIZATION",
        "Customer: {0}".format(customer),
        "ExpressRoute Direct port: {0}".format(record["name"]),
        "Location: {0}".format(props["peeringLocation"]),
        "Allocated: {0}".format(props.get("allocationDate", "")),
    ]
    for link in props["links"]:
        lp = link["properties"]
        lines.append(
            "{0}: router {1} interface {2} patch panel {3} rack {4} connector {5}".format(
                link["name"],
                lp["routerName"],
                lp["interfaceName"],
                lp["patchPanelId"],
                lp["rackId"],
                lp["connectorType"],
            )
        )
    text = " ".join(
        "({0}) Tj T*".format(l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")) for l in lines
    )
    stream = "BT /F1 11 Tf 14 TL 50 780 Td {0} ET".format(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join("{0:010d} 00000 n \n".format(o).encode() for o in offsets)
    out += (
        b"trailer\n<< /Size "
        + str(len(objects) + 1).encode()
        + b" /Root 1 0 R >>\nstartxref\n"
        + str(xref).encode()
        + b"\n%%EOF\n"
    )
    return out


class Links(ResourceType):
    """``…/expressRoutePorts/{p}/links[/{link}]``: read-only views of the
    port's inline links (spec: ExpressRouteLinks_Get/List only)."""

    collections = ("expressRoutePorts", "links")
    located = False

    def lookup(self, rid):
        port = self.store.get(rid.parent_id)
        for link in (port or {}).get("properties", {}).get("links", []):
            if link["name"].lower() == rid.name.lower():
                return link
        return None

    def list_records(self, parent_id):
        port = self.store.get(parent_id)
        return list((port or {}).get("properties", {}).get("links", []))

    def validate_put(self, ctx, rid, body, existing, record):
        raise ArmError(
            405,
            "MethodNotAllowed",
            "Links are changed through their port (PUT expressRoutePorts/{port} with properties.links).",
        )

    def validate_delete(self, ctx, record):
        raise ArmError(405, "MethodNotAllowed", "A port's links cannot be deleted; delete the port.")

    def render(self, ctx, record):
        view = super().render(ctx, record)
        view["type"] = "Microsoft.Network/expressRoutePorts/links"
        return view


class PortAuthorizations(ResourceType):
    collections = ("expressRoutePorts", "authorizations")
    located = False
    readonly_properties = {"provisioningState", "authorizationKey", "authorizationUseStatus", "circuitResourceUri"}

    def validate_put(self, ctx, rid, body, existing, record):
        _rules.check_members(body["properties"], set(), "properties")
        return {"authorizationKey": existing["properties"]["authorizationKey"] if existing else str(uuid.uuid4())}

    def validate_delete(self, ctx, record):
        users = _authorization_users(self.emulator, record)
        if users:
            raise bad_request(
                "AuthorizationInUse",
                "Authorization '{0}' is in use by circuit {1}; delete that circuit first.".format(
                    record["name"], users[0]
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        users = _authorization_users(self.emulator, record)
        view["properties"]["authorizationUseStatus"] = "InUse" if users else "Available"
        # spec example: circuitResourceUri "" while unused.
        view["properties"]["circuitResourceUri"] = users[0] if users else ""
        return view


def register(emulator):
    emulator.arm.register(Ports)
    emulator.arm.register(Links)
    emulator.arm.register(PortAuthorizations)
    emulator.arm.register_subscription_collection(
        "expressRoutePortsLocations", lambda ctx, sub: [location_view(sub, l, False) for l in LOCATIONS]
    )

    def location_item(ctx, sub, name):
        location = find_location(name)
        if location is None:
            raise ArmError(404, "NotFound", "ExpressRoute Direct location '{0}' not found.".format(name))
        return location_view(sub, location)

    emulator.arm.register_subscription_item("expressRoutePortsLocations", location_item)
