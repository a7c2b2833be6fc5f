"""Microsoft.Network/virtualNetworks (with their subnets) and
Microsoft.Network/publicIPAddresses: what an ExpressRoute gateway stands on.

Virtual networks are seeded from the config (``virtual_networks`` of each
subscription) and can be created, changed and deleted like any resource.
Subnets are child resources that the virtual network also shows inline; a
virtual network PUT carries the complete subnet list, so a subnet left out
of it is deleted (as with the Network RP; the CLI and Terraform always send
the list back).

Which subnet or public IP is in use is not stored on them: resource types
that attach ip configurations (gateways) register a function in
``emulator.ip_configurations`` listing ``(ip configuration id, subnet id,
public IP id)``; deletes and prefix changes ask it.
"""

import ipaddress
import uuid

from ..arm import ResourceType, new_etag, normalize_location, utcnow_iso
from ..errors import ArmError, bad_request
from ..store import key
from ._body import canonical, check_members, require_object

VNET_TYPE = "Microsoft.Network/virtualNetworks"
SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets"
PUBLIC_IP_TYPE = "Microsoft.Network/publicIPAddresses"
GATEWAY_SUBNET = "GatewaySubnet"
# Azure creates a gateway subnet as small as /29 and refuses smaller ones;
# /27 or larger is the documented recommendation (advice, not enforced).
GATEWAY_SUBNET_MAX_PREFIXLEN = 29

# Members the API knows (azure-mgmt-network 30.2 and 33.1 models).  Known
# members that are not emulated are kept and shown back unchanged.
VNET_MEMBERS = {
    "addressSpace",
    "bgpCommunities",
    "ddosProtectionPlan",
    "dhcpOptions",
    "enableDdosProtection",
    "enableVmProtection",
    "encryption",
    "flowTimeoutInMinutes",
    "ipAllocations",
    "privateEndpointVNetPolicies",
    "subnets",
    "virtualNetworkPeerings",
    "summarizedGatewayPrefixes",
}
SUBNET_MEMBERS = {
    "addressPrefix",
    "addressPrefixes",
    "applicationGatewayIPConfigurations",
    "defaultOutboundAccess",
    "delegations",
    "ipAllocations",
    "ipamPoolPrefixAllocations",
    "natGateway",
    "networkSecurityGroup",
    "privateEndpointNetworkPolicies",
    "privateLinkServiceNetworkPolicies",
    "routeTable",
    "serviceEndpointPolicies",
    "serviceEndpoints",
    "serviceGateway",
    "sharingScope",
}
SUBNET_READONLY = {
    "provisioningState",
    "ipConfigurations",
    "ipConfigurationProfiles",
    "privateEndpoints",
    "purpose",
    "resourceNavigationLinks",
    "serviceAssociationLinks",
}
SUBNET_ENTRY_MEMBERS = {"id", "name", "etag", "type", "properties"}
PUBLIC_IP_MEMBERS = {
    "ddosSettings",
    "deleteOption",
    "dnsSettings",
    "idleTimeoutInMinutes",
    "ipAddress",
    "ipTags",
    "linkedPublicIPAddress",
    "migrationPhase",
    "natGateway",
    "publicIPAddressVersion",
    "publicIPAllocationMethod",
    "publicIPPrefix",
    "servicePublicIPAddress",
}


# ---------------------------------------------------------------------------
# Address arithmetic
# ---------------------------------------------------------------------------
def parse_prefix(text, resource_id):
    """An address prefix in strict CIDR notation, in the Network RP's words
    when it is not one."""
    try:
        return ipaddress.ip_network(str(text), strict=True)
    except ValueError:
        pass
    try:
        loose = ipaddress.ip_network(str(text), strict=False)
    except ValueError:
        raise bad_request(
            "InvalidCIDRNotation",
            "The address prefix {0} in resource {1} has an invalid CIDR notation: it must be an "
            "IPv4 or IPv6 network such as 10.0.0.0/24.".format(text, resource_id),
        ) from None
    raise bad_request(
        "InvalidCIDRNotation",
        "The address prefix {0} in resource {1} has an invalid CIDR notation. For the given prefix "
        "length, the address prefix should be {2}.".format(text, resource_id, loose),
    )


def _overlaps(a, b):
    return a.version == b.version and a.overlaps(b)


def _inside(network, space):
    return any(network.version == s.version and network.subnet_of(s) for s in space)


def subnet_prefixes(props):
    """The prefixes of a subnet body/record (addressPrefix or
    addressPrefixes), as given."""
    if props.get("addressPrefixes"):
        return list(props["addressPrefixes"])
    if props.get("addressPrefix"):
        return [props["addressPrefix"]]
    return []


def vnet_address_space(record):
    return [ipaddress.ip_network(p) for p in record["properties"]["addressSpace"]["addressPrefixes"]]


# ---------------------------------------------------------------------------
# Who uses a subnet or a public IP
# ---------------------------------------------------------------------------
def ip_configurations(emulator):
    for provider in getattr(emulator, "ip_configurations", []):
        for entry in provider():
            yield entry


def subnet_users(emulator, subnet_id):
    return [cfg for cfg, subnet, _ in ip_configurations(emulator) if subnet and key(subnet) == key(subnet_id)]


def public_ip_user(emulator, public_ip_id):
    for cfg, _, public_ip in ip_configurations(emulator):
        if public_ip and key(public_ip) == key(public_ip_id):
            return cfg
    return None


def deleted_with_group(ctx, resource_id):
    """Whether this request deletes the resource group that holds
    ``resource_id``: the group's members go together, so a reference from
    one member to another does not hold the delete up."""
    if ctx is None or ctx.method != "DELETE":
        return False
    parts = ctx.path.strip("/").split("/")
    if len(parts) != 4 or parts[0].lower() != "subscriptions" or parts[2].lower() != "resourcegroups":
        return False
    return key(resource_id).startswith(key("/" + "/".join(parts)) + "/")


def _refuse_in_use_subnet(emulator, subnet_name, subnet_id, ctx=None):
    users = [u for u in subnet_users(emulator, subnet_id) if not deleted_with_group(ctx, u)]
    if users:
        # ARM's code and text (seen in the wild, e.g. on a GatewaySubnet).
        raise bad_request(
            "InUseSubnetCannotBeDeleted",
            "Subnet {0} is in use by {1} and cannot be deleted. In order to delete the subnet, delete all the "
            "resources within the subnet. See aka.ms/deletesubnet.".format(subnet_name, users[0]),
        )


# ---------------------------------------------------------------------------
# Subnet validation, shared by the VNet PUT (inline list) and subnet PUT
# ---------------------------------------------------------------------------
class _SubnetPlan:
    """A subnet as a PUT asks for it, validated."""

    def __init__(self, name, properties, networks):
        self.name = name
        self.properties = properties
        self.networks = networks


def _subnet_properties(raw, path):
    props = require_object(raw, path)
    props = {k: v for k, v in props.items() if k not in SUBNET_READONLY}
    check_members(props, SUBNET_MEMBERS, "SubnetPropertiesFormat", path)
    return props


def _plan_subnet(name, props, subnet_id, path):
    prefixes = subnet_prefixes(props)
    if not prefixes:
        raise bad_request(
            "InvalidRequestFormat",
            "Subnet '{0}' needs {1}.addressPrefix (e.g. 10.0.1.0/24) or {1}.addressPrefixes.".format(name, path),
        )
    if props.get("addressPrefixes") is not None and not isinstance(props["addressPrefixes"], list):
        raise bad_request("InvalidRequestFormat", "{0}.addressPrefixes must be a list of prefixes.".format(path))
    networks = [parse_prefix(p, subnet_id) for p in prefixes]
    kept = dict(props.items())
    kept.setdefault("privateEndpointNetworkPolicies", "Disabled")
    kept.setdefault("privateLinkServiceNetworkPolicies", "Enabled")
    return _SubnetPlan(name, kept, networks)


def check_subnet_layout(vnet_name, space, plans):
    """Every subnet inside the address space, none overlapping another,
    a GatewaySubnet no smaller than /29 (Network RP rules; the first two
    with ARM's codes)."""
    for plan in plans:
        for network in plan.networks:
            if not _inside(network, space):
                raise bad_request(
                    "NetcfgSubnetRangeOutsideVnet",
                    "Subnet '{0}' is not valid because its IP address range ({1}) is outside the IP address range "
                    "of virtual network '{2}' ({3}). Choose a prefix inside the address space or add one to it.".format(
                        plan.name, network, vnet_name, ", ".join(str(s) for s in space)
                    ),
                )
            if (
                plan.name == GATEWAY_SUBNET
                and network.version == 4
                and network.prefixlen > GATEWAY_SUBNET_MAX_PREFIXLEN
            ):
                raise bad_request(
                    "GatewaySubnetTooSmall",
                    "Subnet 'GatewaySubnet' of virtual network '{0}' is {1}: a gateway subnet must be /29 or "
                    "larger, and /27 or larger is recommended for ExpressRoute gateways.".format(vnet_name, network),
                )
    for i, plan in enumerate(plans):
        for other in plans[i + 1 :]:
            for a in plan.networks:
                for b in other.networks:
                    if _overlaps(a, b):
                        raise bad_request(
                            "NetcfgSubnetRangesOverlap",
                            "Subnet '{0}' is not valid because its IP address range ({1}) overlaps with that of "
                            "subnet '{2}' ({3}) in virtual network '{4}'.".format(
                                other.name, b, plan.name, a, vnet_name
                            ),
                        )


def _refuse_prefix_change_in_use(emulator, record, plan):
    old = sorted(subnet_prefixes(record["properties"]))
    new = sorted(str(n) for n in plan.networks)
    if old != new:
        users = subnet_users(emulator, record["id"])
        if users:
            raise bad_request(
                "InUseSubnetCannotBeUpdated",
                "Subnet {0} is in use by {1}: its address prefix cannot change from {2} to {3}. Delete the "
                "resources in the subnet first.".format(record["name"], users[0], ", ".join(old), ", ".join(new)),
            )


# ---------------------------------------------------------------------------
# Virtual networks
# ---------------------------------------------------------------------------
class VirtualNetworks(ResourceType):
    collections = ("virtualNetworks",)
    subscription_list = True
    allowed_top_level = ResourceType.allowed_top_level | {"extendedLocation"}
    readonly_properties = {"provisioningState", "resourceGuid", "flowLogs", "defaultPublicNatGateway"}

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, VNET_MEMBERS, "VirtualNetworkPropertiesFormat", "properties")
        if body.get("extendedLocation"):
            raise bad_request("ExtendedLocationNotEmulated", "Edge zones (extendedLocation) are not emulated.")
        space = self._address_space(rid, props)
        plans = self._inline_subnets(rid, props.get("subnets"))
        check_subnet_layout(rid.name, space, plans)
        children = {r["name"].lower(): r for r in self.store.children(rid.id, SUBNET_TYPE)} if existing else {}
        wanted = {p.name.lower() for p in plans}
        for name, child in children.items():
            if name not in wanted:
                _refuse_in_use_subnet(self.emulator, child["name"], child["id"], ctx)
        for plan in plans:
            if plan.name.lower() in children:
                _refuse_prefix_change_in_use(self.emulator, children[plan.name.lower()], plan)
        if props.get("virtualNetworkPeerings"):
            raise bad_request(
                "VirtualNetworkPeeringNotEmulated",
                "Virtual network peerings are not emulated; send an empty virtualNetworkPeerings.",
            )
        old = existing["properties"] if existing else {}
        result = {k: v for k, v in props.items() if k not in ("subnets", "virtualNetworkPeerings")}
        result["addressSpace"] = {"addressPrefixes": [str(n) for n in space]}
        result.setdefault("enableDdosProtection", False)
        result["resourceGuid"] = old.get("resourceGuid", str(uuid.uuid4()))
        record["_subnet_plan"] = plans
        return result

    def _address_space(self, rid, props):
        space = require_object(props.get("addressSpace"), "properties.addressSpace")
        prefixes = space.get("addressPrefixes")
        if not isinstance(prefixes, list) or not prefixes:
            raise bad_request(
                "AddressSpaceRequired",
                "Virtual network '{0}' needs properties.addressSpace.addressPrefixes: a list with at "
                "least one prefix such as 10.0.0.0/16.".format(rid.name),
            )
        networks = [parse_prefix(p, rid.id) for p in prefixes]
        for i, a in enumerate(networks):
            for b in networks[i + 1 :]:
                if _overlaps(a, b):
                    raise bad_request(
                        "AddressSpacePrefixesOverlap",
                        "The address space of virtual network '{0}' has overlapping prefixes {1} and "
                        "{2}; give each range once.".format(rid.name, a, b),
                    )
        return networks

    def _inline_subnets(self, rid, raw):
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise bad_request("InvalidRequestFormat", "properties.subnets must be a list of subnets.")
        plans, seen = [], set()
        for i, entry in enumerate(raw):
            path = "properties.subnets[{0}]".format(i)
            entry = require_object(entry, path)
            check_members(entry, SUBNET_ENTRY_MEMBERS, "Subnet", path)
            name = entry.get("name")
            if not isinstance(name, str) or not name:
                raise bad_request("InvalidRequestFormat", "{0}.name is required.".format(path))
            if name.lower() in seen:
                raise bad_request(
                    "DuplicateSubnetName",
                    "Subnet '{0}' appears twice in {1}; subnet names are unique in a virtual network.".format(
                        name, "properties.subnets"
                    ),
                )
            seen.add(name.lower())
            props = _subnet_properties(entry.get("properties"), path + ".properties")
            plans.append(_plan_subnet(name, props, "{0}/subnets/{1}".format(rid.id, name), path + ".properties"))
        return plans

    def after_put(self, ctx, record, existing):
        plans = record.pop("_subnet_plan", [])
        children = {r["name"].lower(): r for r in self.store.children(record["id"], SUBNET_TYPE)}
        wanted = {p.name.lower() for p in plans}
        for name, child in children.items():
            if name not in wanted:
                self.store.delete_tree(child["id"])
        for plan in plans:
            self.store.put(_subnet_record(record, plan, children.get(plan.name.lower()), "Updating"))

    def complete_put(self, ctx, record):
        record["properties"]["provisioningState"] = "Succeeded"
        for child in self.store.children(record["id"], SUBNET_TYPE):
            child["properties"]["provisioningState"] = "Succeeded"

    def validate_delete(self, ctx, record):
        for child in self.store.children(record["id"], SUBNET_TYPE):
            _refuse_in_use_subnet(self.emulator, child["name"], child["id"], ctx)
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        subnets = self.emulator.arm.type_for(["virtualNetworks", "subnets"])
        view["properties"]["subnets"] = [subnets.render(ctx, r) for r in self.store.children(record["id"], SUBNET_TYPE)]
        view["properties"]["virtualNetworkPeerings"] = []
        return view


def _subnet_record(vnet, plan, existing, state):
    props = dict(plan.properties)
    props["provisioningState"] = state
    sub, group = vnet["_meta"]["subscription"], vnet["_meta"]["resource_group"]
    return {
        "id": existing["id"] if existing else "{0}/subnets/{1}".format(vnet["id"], plan.name),
        "name": existing["name"] if existing else plan.name,
        "type": SUBNET_TYPE,
        "etag": new_etag(),
        "properties": props,
        "_meta": {
            "parent": key(vnet["id"]),
            "subscription": sub,
            "resource_group": group,
            "created": (existing or {}).get("_meta", {}).get("created", utcnow_iso()),
        },
    }


class Subnets(ResourceType):
    collections = ("virtualNetworks", "subnets")
    located = False
    allowed_top_level = {"id", "name", "type", "etag", "properties"}
    readonly_properties = SUBNET_READONLY

    def lock_scope(self, rid):
        # Subnet writes and VNet writes serialise on the VNet, as in Azure.
        return rid.parent_id

    def validate_put(self, ctx, rid, body, existing, record):
        props = _subnet_properties(body["properties"], "properties")
        plan = _plan_subnet(rid.name, props, rid.id, "properties")
        vnet = self.store.get(rid.parent_id)
        siblings = [r for r in self.store.children(vnet["id"], SUBNET_TYPE) if key(r["id"]) != key(rid.id)]
        others = [
            _SubnetPlan(r["name"], r["properties"], [ipaddress.ip_network(p) for p in subnet_prefixes(r["properties"])])
            for r in siblings
        ]
        check_subnet_layout(vnet["name"], vnet_address_space(vnet), others + [plan])
        if existing:
            _refuse_prefix_change_in_use(self.emulator, existing, plan)
        return plan.properties

    def validate_delete(self, ctx, record):
        _refuse_in_use_subnet(self.emulator, record["name"], record["id"], ctx)
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        users = subnet_users(self.emulator, record["id"])
        if users:
            view["properties"]["ipConfigurations"] = [{"id": cfg} for cfg in users]
        return view


# ---------------------------------------------------------------------------
# Public IP addresses
# ---------------------------------------------------------------------------
class PublicIPAddresses(ResourceType):
    collections = ("publicIPAddresses",)
    subscription_list = True
    allowed_top_level = ResourceType.allowed_top_level | {"extendedLocation"}
    readonly_properties = {"provisioningState", "resourceGuid", "ipConfiguration", "upgradedToV2"}

    def validate_put(self, ctx, rid, body, existing, record):
        props = body["properties"]
        check_members(props, PUBLIC_IP_MEMBERS, "PublicIPAddressPropertiesFormat", "properties")
        old = existing["properties"] if existing else {}
        sku = require_object(body.get("sku"), "sku")
        name = canonical(sku.get("name") or "Standard", ("Standard", "Basic"), "sku.name", "InvalidPublicIPAddressSku")
        tier = canonical(sku.get("tier") or "Regional", ("Regional", "Global"), "sku.tier", "InvalidPublicIPAddressSku")
        if name == "Basic":
            raise bad_request(
                "BasicSkuPublicIPAddressRetired",
                "Public IP address '{0}': the Basic SKU was retired on 30 September 2025 and new Basic "
                "public IPs cannot be created. Use sku.name 'Standard' with Static allocation.".format(rid.name),
            )
        version = canonical(
            props.get("publicIPAddressVersion") or old.get("publicIPAddressVersion", "IPv4"),
            ("IPv4", "IPv6"),
            "properties.publicIPAddressVersion",
        )
        if existing and old["publicIPAddressVersion"] != version:
            raise bad_request(
                "PublicIPAddressVersionCannotBeChanged",
                "The IP version of public IP address '{0}' cannot change; create a new public IP.".format(rid.name),
            )
        allocation = canonical(
            props.get("publicIPAllocationMethod") or "Static",
            ("Static", "Dynamic"),
            "properties.publicIPAllocationMethod",
        )
        if name == "Standard" and allocation != "Static":
            raise bad_request(
                "StandardSkuPublicIPAddressMustBeStatic",
                "Public IP address '{0}' has sku Standard, which is always allocated statically: set "
                "properties.publicIPAllocationMethod to 'Static'.".format(rid.name),
            )
        record["sku"] = {"name": name, "tier": tier}
        if body.get("zones") is not None:
            record["zones"] = list(body["zones"])
        elif existing and existing.get("zones") is not None:
            record["zones"] = list(existing["zones"])
        result = {k: v for k, v in props.items() if k != "ipAddress"}
        result.update(
            {
                "publicIPAddressVersion": version,
                "publicIPAllocationMethod": allocation,
                "idleTimeoutInMinutes": props.get("idleTimeoutInMinutes", old.get("idleTimeoutInMinutes", 4)),
                "ipTags": props.get("ipTags", old.get("ipTags", [])),
                "resourceGuid": old.get("resourceGuid", str(uuid.uuid4())),
            }
        )
        if old.get("ipAddress"):
            result["ipAddress"] = old["ipAddress"]
        return result

    def complete_put(self, ctx, record):
        props = record["properties"]
        props["provisioningState"] = "Succeeded"
        if not props.get("ipAddress"):
            # Static allocation: the address exists once the create is done.
            n = self.store.next_counter("public_ip")
            if props["publicIPAddressVersion"] == "IPv6":
                props["ipAddress"] = "2603:1020:201:10::{0:x}".format(n)
            else:
                props["ipAddress"] = "20.31.{0}.{1}".format((n // 250) % 250, n % 250 + 1)

    def validate_delete(self, ctx, record):
        user = public_ip_user(self.emulator, record["id"])
        if user and not deleted_with_group(ctx, user):
            raise bad_request(
                "PublicIPAddressCannotBeDeleted",
                "Public IP address {0} can not be deleted since it is still allocated to resource {1}. In order to "
                "delete the public IP, disassociate/detach the Public IP address from the resource.".format(
                    record["id"], user
                ),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        user = public_ip_user(self.emulator, record["id"])
        if user:
            view["properties"]["ipConfiguration"] = {"id": user}
        return view


# ---------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------
def seed(emulator):
    """Create the virtual networks listed in the config, already
    Succeeded.  A bad entry stops the emulator with the rule it breaks."""
    store = emulator.store
    for sub in store.config["subscriptions"]:
        for spec in sub.get("virtual_networks", []):
            sub_id, group_name = sub["subscription_id"], spec["resource_group"]
            group = emulator.resource_groups.get(sub_id, group_name)
            where = "config: virtual network '{0}' of subscription {1}".format(spec.get("name"), sub_id)
            if group is None:
                raise SystemExit("{0}: resource group '{1}' is not in the config".format(where, group_name))
            vnet_id = "{0}/providers/Microsoft.Network/virtualNetworks/{1}".format(group["id"], spec["name"])
            try:
                space = [parse_prefix(p, vnet_id) for p in spec["address_prefixes"]]
                plans = [
                    _plan_subnet(
                        s["name"],
                        {"addressPrefix": s["address_prefix"]},
                        "{0}/subnets/{1}".format(vnet_id, s["name"]),
                        "subnets",
                    )
                    for s in spec.get("subnets", [])
                ]
                check_subnet_layout(spec["name"], space, plans)
            except ArmError as exc:
                raise SystemExit("{0}: {1}".format(where, exc.message)) from exc
            vnet = {
                "id": vnet_id,
                "name": spec["name"],
                "type": VNET_TYPE,
                "etag": new_etag(),
                "location": normalize_location(spec.get("location") or group["location"]),
                "tags": dict(spec.get("tags", {})),
                "properties": {
                    "addressSpace": {"addressPrefixes": [str(n) for n in space]},
                    "enableDdosProtection": False,
                    "resourceGuid": str(uuid.uuid4()),
                    "provisioningState": "Succeeded",
                },
                "_meta": {
                    "parent": key(group["id"]),
                    "subscription": sub_id.lower(),
                    "resource_group": group_name,
                    "created": utcnow_iso(),
                },
            }
            store.put(vnet)
            for plan in plans:
                store.put(_subnet_record(vnet, plan, None, "Succeeded"))


def register(emulator):
    if not hasattr(emulator, "ip_configurations"):
        emulator.ip_configurations = []
    emulator.arm.register(VirtualNetworks)
    emulator.arm.register(Subnets)
    emulator.arm.register(PublicIPAddresses)
