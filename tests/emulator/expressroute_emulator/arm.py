"""The generic part of Azure Resource Manager: paths, resource types,
long-running operations, per-circuit locks, paging and errors.

Resource types (in ``resources/``) only say what is special about them: how a
PUT body is validated and turned into a record, what completing the
operation does, what a DELETE must refuse, what GET shows and which POST/GET
actions they have.  Everything a client sees of ARM's protocol is here, in
one place, so that every resource type behaves the same way.
"""

import copy
import datetime
import json
import re
import time
import uuid
from urllib.parse import quote, unquote

from . import api_versions
from .errors import (
    ArmError,
    bad_request,
    not_found_child,
    not_found_resource,
    resource_group_not_found,
    subscription_not_found,
)

NETWORK = "Microsoft.Network"
# The Network RP's rule for resource names, in its own words (seen in the
# wild: "(InvalidResourceName) Resource name Allow Egress is invalid. …",
# rh-mobb/documentation#204).  .NET's \w, like Python's, is Unicode-aware.
_NETWORK_NAME = re.compile(r"^\w(?:[\w.-]{0,78}\w)?$")
# Characters no name can hold whatever the method: they would change which
# resource a path names (an encoded "/") or cannot be stored (NUL, controls).
_UNROUTABLE_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")


def utcnow_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_etag():
    return 'W/"{0}"'.format(uuid.uuid4())


# ---------------------------------------------------------------------------
# Resource types
# ---------------------------------------------------------------------------
class ResourceType:
    """Base class of every emulated Microsoft.Network resource type.

    ``collections`` is the chain of collection names under
    ``providers/Microsoft.Network``, canonical casing, e.g.
    ``("expressRouteCircuits", "peerings")``.
    """

    collections = ()
    # Top-level keys a PUT body may carry; anything else is refused so that a
    # module sending a wrong shape (snake_case, say) fails loudly.
    allowed_top_level = {"id", "name", "type", "etag", "location", "tags", "properties", "sku", "zones"}
    # properties.* keys that are output only: dropped from PUT bodies.
    readonly_properties = {"provisioningState", "resourceGuid"}
    # Whether GET on the collection at subscription scope lists them all.
    subscription_list = False
    # Whether the resource carries a location (nested ones do not).
    located = True
    # PATCH of tags is a long-running operation for some types (virtual
    # network gateways, connections: arm_expressroute.md §1), synchronous
    # for the others.
    patch_tags_lro = False

    def __init__(self, emulator):
        self.emulator = emulator

    @property
    def arm_type(self):
        return "{0}/{1}".format(NETWORK, "/".join(self.collections))

    @property
    def lro_key(self):
        return self.collections[-1]

    @property
    def store(self):
        return self.emulator.store

    # -- hooks --------------------------------------------------------------
    def lock_scope(self, rid):
        """The id whose in-flight operation blocks writes to this resource
        (ExpressRoute circuits lock themselves and their children)."""
        return rid.id

    def lookup(self, rid):
        """The stored record ``rid`` names, or None.  A view type (a
        resource that shows another one from elsewhere: a cross-connection's
        peering is the circuit's peering) answers with the record it shows;
        its PUT then stores that record, under that record's own id."""
        return self.store.get(rid.id)

    def list_records(self, parent_id):
        """The records a GET on this collection under ``parent_id`` lists."""
        return self.store.children(parent_id, self.arm_type)

    def validate_put(self, ctx, rid, body, existing, record):
        """Return the new record's ``properties`` (and may set other
        top-level fields on ``record``, e.g. ``sku``); raise ArmError to
        refuse.  Nothing may be written to the store here: a refused PUT
        leaves no trace."""
        raise NotImplementedError

    def build_record(self, ctx, rid, body, existing):
        record = {
            "id": existing["id"] if existing else rid.id,
            "name": existing["name"] if existing else rid.name,
            "type": self.arm_type,
            "etag": new_etag(),
        }
        if self.located:
            location = body.get("location")
            if location is None or location == "":
                location = (existing or {}).get("location")
            if not location:
                raise bad_request("LocationRequired", "The location property is required for this definition.")
            region = check_location(location, self.arm_type)
            if existing and existing.get("location") and region != normalize_location(existing["location"]):
                raise bad_request(
                    "InvalidResourceLocation",
                    "The resource '{0}' already exists in location '{1}' in resource group '{2}'. A resource with "
                    "the same name cannot be created in location '{3}'. Please select a new resource name.".format(
                        rid.name, existing["location"], rid.resource_group, location
                    ),
                )
            record["location"] = region
            record["tags"] = check_tags(body.get("tags"))
        record["_meta"] = {
            "parent": rid.parent_key,
            "subscription": rid.subscription.lower(),
            "resource_group": rid.resource_group,
            "created": (existing or {}).get("_meta", {}).get("created", utcnow_iso()),
        }
        record["properties"] = self.validate_put(ctx, rid, body, existing, record) or {}
        return record

    # See Arm.put: whether a PUT that changes nothing answers Succeeded.
    answers_noop_put_succeeded = False

    def unchanged(self, record, existing):
        """Whether the PUT that built ``record`` changes nothing of
        ``existing`` (only asked when ``answers_noop_put_succeeded``)."""
        return False

    def after_put(self, ctx, record, existing):
        """Side effects of an accepted PUT (a VNet writing its inline
        subnets, a connection redeeming an authorization), run once the
        record is stored: everything that can refuse the PUT has run."""

    def complete_put(self, ctx, record):
        record["properties"]["provisioningState"] = "Succeeded"

    def validate_delete(self, ctx, record):
        """Refuse a DELETE by raising ArmError.  Other resource types add
        their own reasons through ``emulator.delete_checks[arm_type]`` (a
        private peering used by a connection, say), so subclasses call
        super()."""
        for check in self.emulator.delete_checks.get(self.arm_type.lower(), []):
            check(ctx, record)

    def complete_delete(self, ctx, record):
        self.store.delete_tree(record["id"])

    def render(self, ctx, record):
        view = {k: copy.deepcopy(v) for k, v in record.items() if not k.startswith("_")}
        return view

    # Actions: {(method, action_name_lower): handler(ctx, record, argument, body)}
    def actions(self):
        return {}


class ResourceId:
    """A parsed ARM id below ``.../providers/Microsoft.Network``."""

    def __init__(self, subscription, resource_group, segments, rtype):
        self.subscription = subscription
        self.resource_group = resource_group
        self.segments = segments  # [(canonical collection, name as given), ...]
        self.rtype = rtype

    @property
    def name(self):
        return self.segments[-1][1]

    @property
    def group_id(self):
        return "/subscriptions/{0}/resourceGroups/{1}".format(self.subscription, self.resource_group)

    @property
    def id(self):
        path = "/".join("{0}/{1}".format(c, n) for c, n in self.segments)
        return "{0}/providers/{1}/{2}".format(self.group_id, NETWORK, path)

    @property
    def parent_id(self):
        if len(self.segments) == 1:
            return self.group_id
        path = "/".join("{0}/{1}".format(c, n) for c, n in self.segments[:-1])
        return "{0}/providers/{1}/{2}".format(self.group_id, NETWORK, path)

    @property
    def parent_key(self):
        return self.parent_id.lower()


def normalize_location(location):
    """ARM answers with the canonical location name: "West Europe" -> "westeurope"."""
    return re.sub(r"\s+", "", str(location)).lower()


# The public Azure regions (canonical names), where a resource may be put.
AZURE_REGIONS = (
    "eastus",
    "eastus2",
    "westus",
    "westus2",
    "westus3",
    "centralus",
    "southcentralus",
    "northcentralus",
    "westcentralus",
    "canadacentral",
    "canadaeast",
    "brazilsouth",
    "brazilsoutheast",
    "mexicocentral",
    "chilecentral",
    "westeurope",
    "northeurope",
    "uksouth",
    "ukwest",
    "francecentral",
    "francesouth",
    "germanywestcentral",
    "germanynorth",
    "swedencentral",
    "swedensouth",
    "switzerlandnorth",
    "switzerlandwest",
    "norwayeast",
    "norwaywest",
    "polandcentral",
    "italynorth",
    "spaincentral",
    "eastasia",
    "southeastasia",
    "japaneast",
    "japanwest",
    "koreacentral",
    "koreasouth",
    "australiaeast",
    "australiasoutheast",
    "australiacentral",
    "australiacentral2",
    "newzealandnorth",
    "centralindia",
    "southindia",
    "westindia",
    "jioindiawest",
    "jioindiacentral",
    "indonesiacentral",
    "malaysiawest",
    "southafricanorth",
    "southafricawest",
    "uaenorth",
    "uaecentral",
    "qatarcentral",
    "israelcentral",
)


def check_location(location, arm_type):
    """The canonical name of a PUT body's ``location``; ARM refuses one that
    is not a string or not an Azure region (compared without regard to case
    and spaces: "West Europe" is westeurope)."""
    if not isinstance(location, str):
        raise bad_request(
            "InvalidRequestFormat", "Cannot parse the request: 'location' must be a string; got {0!r}.".format(location)
        )
    region = normalize_location(location)
    if region not in AZURE_REGIONS:
        raise bad_request(
            "LocationNotAvailableForResourceType",
            "The provided location '{0}' is not available for resource type '{1}'. List of available regions for "
            "the resource type is '{2}'.".format(location, arm_type, ",".join(AZURE_REGIONS)),
        )
    return region


# Azure's tag limits (azure-resource-manager/management/tag-resources,
# "Limitations"): 50 name-value pairs per resource, names of at most 512
# characters without < > % & \ ? /, values of at most 256 characters.
TAGS_MAX, TAG_NAME_MAX, TAG_VALUE_MAX = 50, 512, 256
TAG_NAME_FORBIDDEN = set("<>%&\\?/")


def check_tags(tags):
    """A body's ``tags``: an object of string values (the SDK sends
    str(value); ARM refuses any other shape) within Azure's tag limits.
    None means no tags.  The error codes are the emulator's (ARM's real
    ones are UNVERIFIED)."""
    if tags is None:
        return {}
    if not isinstance(tags, dict):
        raise bad_request(
            "InvalidRequestFormat",
            "Cannot parse the request: 'tags' must be an object of string values; got {0!r}.".format(tags),
        )
    if len(tags) > TAGS_MAX:
        raise bad_request(
            "InvalidTagCount",
            "The resource has {0} tags; at most {1} tag name-value pairs are allowed.".format(len(tags), TAGS_MAX),
        )
    for name, value in tags.items():
        if not isinstance(value, str):
            raise bad_request(
                "InvalidRequestFormat",
                "Cannot parse the request: the value of tag '{0}' must be a string; got {1!r}.".format(name, value),
            )
        if len(name) > TAG_NAME_MAX:
            raise bad_request(
                "InvalidTagNameLength",
                "The tag name '{0}...' has {1} characters; tag names can have at most {2}.".format(
                    name[:40], len(name), TAG_NAME_MAX
                ),
            )
        if set(name) & TAG_NAME_FORBIDDEN:
            raise bad_request(
                "InvalidTagNameCharacters",
                "The tag name '{0}' has characters that are not allowed: tag names cannot contain "
                "< > % & \\ ? /.".format(name),
            )
        if len(value) > TAG_VALUE_MAX:
            raise bad_request(
                "InvalidTagValueLength",
                "The value of tag '{0}' has {1} characters; tag values can have at most {2}.".format(
                    name, len(value), TAG_VALUE_MAX
                ),
            )
    return dict(tags)


def parse_resource_id(resource_id):
    """(subscription, resource_group, [(collection, name), ...]) of any ARM id
    under Microsoft.Network, or None."""
    parts = [unquote(p) for p in resource_id.strip("/").split("/")]
    if (
        len(parts) < 8
        or parts[0].lower() != "subscriptions"
        or parts[2].lower() != "resourcegroups"
        or parts[4].lower() != "providers"
        or parts[5].lower() != NETWORK.lower()
        or len(parts[6:]) % 2
    ):
        return None
    rest = parts[6:]
    return parts[1], parts[3], [(rest[i], rest[i + 1]) for i in range(0, len(rest), 2)]


# ---------------------------------------------------------------------------
# Request context
# ---------------------------------------------------------------------------
class Context:
    def __init__(self, emulator, method, path, query, headers, principal):
        self.emulator = emulator
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.principal = principal
        self.api_version = query.get("api-version")

    @property
    def base_url(self):
        return self.emulator.base_url

    @property
    def config(self):
        return self.emulator.store.config

    def url(self, path, extra_query=None):
        query = "api-version={0}".format(quote(self.api_version or "", safe=""))
        if extra_query:
            query += "&" + extra_query
        return "{0}{1}?{2}".format(self.base_url, path, query)


class Response:
    def __init__(self, status, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = headers or {}


# ---------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------
class Arm:
    def __init__(self, emulator):
        self.emulator = emulator
        self.types = {}  # tuple(lower collections) -> ResourceType
        self.subscription_collections = {}  # lower name -> handler(ctx, subscription) -> list of views
        self.subscription_items = {}  # lower name -> handler(ctx, subscription, name) -> one view

    @property
    def store(self):
        return self.emulator.store

    def register(self, type_class):
        instance = type_class(self.emulator)
        self.types[tuple(c.lower() for c in instance.collections)] = instance
        return instance

    def register_subscription_collection(self, name, handler):
        self.subscription_collections[name.lower()] = handler

    def register_subscription_item(self, name, handler):
        self.subscription_items[name.lower()] = handler

    def type_for(self, collections):
        return self.types.get(tuple(c.lower() for c in collections))

    # -- operations ---------------------------------------------------------
    def lro_seconds(self, rtype):
        table = self.store.config.get("lro_seconds", {})
        return float(table.get(rtype.lro_key, table.get("default", 0.0)))

    def start_operation(self, ctx, kind, rtype, record, result=None, location=None):
        """Register a long-running operation; it is complete or raises with
        nothing registered, so callers start it before they change a
        record."""
        op_id = str(uuid.uuid4())
        duration = self.lro_seconds(rtype)
        injected = self.emulator.take_operation_fault(ctx.method, ctx.path) or {}
        if injected.get("hold_seconds") is not None:
            # An operation that stays InProgress past the client's deadline.
            duration = injected["hold_seconds"]
        fault = injected.get("error")
        if fault is None and record is not None:
            # A resource type's own asynchronous failure (checks ARM makes
            # after accepting the request).
            fault = record.get("_meta", {}).pop("operation_error", None)
        self.store.operations()[op_id] = {
            "id": op_id,
            "kind": kind,  # put | delete | patch | action
            "type": rtype.lro_key,
            "collections": list(rtype.collections),
            "resource_id": record["id"] if record else None,
            "lock": rtype.lock_scope(self._rid_of(record, rtype)).lower() if record else None,
            "status": "InProgress",
            "start": time.time(),
            "due": time.time() + duration,
            "startTime": utcnow_iso(),
            "result": result,
            "error": fault,
            "subscription": self._subscription_of(record, ctx),
            # A child resource's operations live in its top-level parent's
            # region (a peering on a brazilsouth circuit: locations/brazilsouth
            # [REC]: a route filter rule on a westus filter polls westus).
            "location": location
            or (record or {}).get("location")
            or (self._top_level_location(record) if record else "westeurope"),
        }
        return self.store.operations()[op_id]

    def _subscription_of(self, record, ctx):
        # The subscription the client called, where it polls: a view's record
        # (a cross-connection's peering) lives in another subscription.
        parts = ctx.path.strip("/").split("/")
        if len(parts) > 1 and parts[0].lower() == "subscriptions":
            return parts[1]
        return record["id"].split("/")[2]

    def _rid_of(self, record, rtype):
        sub, rg, segments = parse_resource_id(record["id"])
        return ResourceId(sub, rg, segments, rtype)

    def retry_after_header(self):
        """{"Retry-After": n} only when the setting asks for it.  Live ARM
        sent none on ExpressRoute PUT/DELETE nor on their operation status
        (Azure/azure-cli recordings test_network_express_route.yaml,
        test_network_route_filter.yaml): clients then poll at their own
        interval, which is what real runs depend on."""
        value = self.store.config.get("retry_after")
        return {} if value is None else {"Retry-After": str(int(value))}

    def operation_headers(self, ctx, op, with_location=False, async_header=True):
        base = "/subscriptions/{0}/providers/{1}/locations/{2}".format(op["subscription"], NETWORK, op["location"])
        headers = self.retry_after_header()
        if async_header:
            headers["Azure-AsyncOperation"] = ctx.url("{0}/operations/{1}".format(base, op["id"]))
            headers["Azure-AsyncNotification"] = "Enabled"
        if with_location:
            headers["Location"] = ctx.url("{0}/operationResults/{1}".format(base, op["id"]))
        return headers

    def busy_operation(self, lock_key):
        for op in self.store.operations().values():
            if op["status"] == "InProgress" and op["lock"] and op["lock"] == lock_key:
                return op
        return None

    def tick(self):
        """Complete every operation whose time has come."""
        now = time.time()
        changed = False
        for op in sorted(self.store.operations().values(), key=lambda o: o["due"]):
            if op["status"] != "InProgress" or op["due"] > now:
                continue
            self._complete(op)
            changed = True
        if changed:
            self.prune_operations()
            self.store.save()

    def _complete(self, op):
        rtype = self.type_for(op["collections"])
        record = self.store.get(op["resource_id"]) if op["resource_id"] else None
        ctx = Context(self.emulator, "TICK", "", {}, {}, None)
        op["endTime"] = utcnow_iso()
        if op["error"]:
            op["status"] = "Failed"
            if record is not None and op["kind"] in ("put", "patch"):
                record["properties"]["provisioningState"] = "Failed"
            if record is not None and op["kind"] == "delete":
                record["properties"]["provisioningState"] = "Failed"
            return
        op["status"] = "Succeeded"
        if record is None:
            return
        if op["kind"] == "put":
            rtype.complete_put(ctx, record)
            self.run_completion_hooks("put", record, ctx)
        elif op["kind"] == "delete":
            rtype.complete_delete(ctx, record)
            self.run_completion_hooks("delete", record, ctx)
        elif op["kind"] == "patch":
            record["properties"]["provisioningState"] = "Succeeded"

    def run_completion_hooks(self, kind, record, ctx=None):
        """What other types do once a record of a type is created/updated
        ("put") or gone ("delete"): ``emulator.completion_hooks[(kind,
        lower ARM type)]`` is a list of fn(ctx, record) (a circuit's
        cross-connection appears with it and goes with it)."""
        ctx = ctx or Context(self.emulator, "TICK", "", {}, {}, None)
        for hook in self.emulator.completion_hooks.get((kind, record["type"].lower()), []):
            hook(ctx, record)

    def prune_operations(self, keep=2000):
        ops = self.store.operations()
        if len(ops) > keep:
            done = sorted((o for o in ops.values() if o["status"] != "InProgress"), key=lambda o: o["due"])
            for op in done[: len(ops) - keep]:
                del ops[op["id"]]

    # -- dispatch -----------------------------------------------------------
    def handle(self, ctx):
        response = self._dispatch(ctx)
        # Each version shows the members it defines (api_versions.SHAPES).
        response.body = api_versions.shape(response.body, ctx.api_version)
        return response

    def _dispatch(self, ctx):
        parts = [unquote(p) for p in ctx.path.strip("/").split("/")]
        lower = [p.lower() for p in parts]
        if not parts or lower[0] != "subscriptions":
            raise ArmError(
                404, "InvalidResourceType", "The resource type could not be found for path '{0}'.".format(ctx.path)
            )
        if len(parts) <= 2:
            check_resources_api_version(ctx)
        if len(parts) == 1:
            return self.list_subscriptions(ctx)
        subscription = self._subscription(ctx, parts[1])
        if len(parts) == 2:
            if ctx.method != "GET":
                raise ArmError(405, "MethodNotAllowed", "The requested method is not allowed.")
            return Response(200, subscription_view(subscription))
        if lower[2] == "locations" and len(parts) == 3:
            check_resources_api_version(ctx)
            return self.emulator.locations.list(ctx, subscription)
        if lower[2] == "resourcegroups":
            groups = self.emulator.resource_groups
            if len(parts) >= 4:
                groups.check_name(parts[3], ctx.method == "PUT" and len(parts) == 4)
            if len(parts) <= 4 or (len(parts) == 5 and lower[4] == "resources"):
                # ARM's own endpoints (Microsoft.Resources).
                check_resources_api_version(ctx)
            if len(parts) == 3:
                return groups.list(ctx, subscription)
            if len(parts) == 4:
                return groups.handle(ctx, subscription, parts[3])
            if len(parts) == 5 and lower[4] == "resources":
                return groups.list_resources(ctx, subscription, parts[3])
            if len(parts) >= 7 and lower[4] == "providers" and lower[5] == NETWORK.lower():
                group = groups.get(subscription["subscription_id"], parts[3])
                if group is None:
                    raise resource_group_not_found(parts[3])
                return self._resource(ctx, subscription["subscription_id"], group["name"], parts[6:], group)
            if len(parts) >= 6 and lower[4] == "providers":
                raise ArmError(
                    400,
                    "NoRegisteredProviderFound",
                    "No registered resource provider found for namespace '{0}'.".format(parts[5]),
                )
        if lower[2] == "providers" and len(parts) <= 4:
            # Providers - List / Get (Microsoft.Resources, resources/providers.py).
            check_resources_api_version(ctx)
            return self.emulator.providers.handle(ctx, subscription, parts[3] if len(parts) == 4 else None)
        if lower[2] == "providers" and len(parts) >= 5 and lower[3] == NETWORK.lower():
            return self._subscription_scope(ctx, subscription, parts[4:])
        raise ArmError(
            404, "InvalidResourceType", "The resource type could not be found for path '{0}'.".format(ctx.path)
        )

    def check_network_api_version(self, ctx, collections, location):
        """ARM refuses a Microsoft.Network request in a version the RP does
        not register for the type (api_versions.py: the table and its
        source), naming the versions it does.  Text as ARM words it
        (NoRegisteredProviderFound quoted in Azure/azure-cli#28496 and
        #28368: ascending, ", "-separated, then the locations).
        ``location`` is the region's name, or a function giving it (worked
        out only for a refusal)."""
        require_api_version(ctx)
        key = api_versions.type_key(collections)
        supported = api_versions.network_versions(key) if key else None
        if supported is None or ctx.api_version in supported:
            return
        raise bad_request(
            "NoRegisteredProviderFound",
            "No registered resource provider found for location '{0}' and API version '{1}' for type '{2}'. The "
            "supported api-versions are '{3}'. The supported locations are '{4}'.".format(
                location() if callable(location) else location,
                ctx.api_version,
                "/".join(key),
                ", ".join(supported),
                ", ".join(AZURE_REGIONS),
            ),
        )

    def _subscription(self, ctx, subscription_id):
        for sub in self.store.config["subscriptions"]:
            if sub["subscription_id"].lower() == subscription_id.lower():
                if ctx.principal is not None and not self.emulator.identity.can_access(ctx.principal, subscription_id):
                    raise ArmError(
                        403,
                        "AuthorizationFailed",
                        "The client '{0}' does not have authorization to perform action over scope "
                        "'/subscriptions/{1}' or the scope is invalid.".format(
                            ctx.principal.get("client_id") or ctx.principal.get("username"), subscription_id
                        ),
                    )
                return sub
        raise subscription_not_found(subscription_id)

    def list_subscriptions(self, ctx):
        subs = [
            s
            for s in self.store.config["subscriptions"]
            if ctx.principal is None or self.emulator.identity.can_access(ctx.principal, s["subscription_id"])
        ]
        return Response(200, {"value": [subscription_view(s) for s in subs]})

    def _subscription_scope(self, ctx, subscription, rest):
        lower = [p.lower() for p in rest]
        sub_id = subscription["subscription_id"]
        # A subscription-scope call names no resource, so no region: ARM's
        # text then carries the operation URL's region, or "global"
        # (emulator choice; which word ARM uses here is unverified).
        if lower[0] == "locations" and len(rest) == 4:
            self.check_network_api_version(ctx, ["locations", rest[2]], rest[1])
        else:
            self.check_network_api_version(ctx, rest[:1], "global")
        if lower[0] == "locations" and len(rest) == 4 and lower[2] in ("operations", "operationresults"):
            return self._operation(ctx, sub_id, rest[3], lower[2] == "operationresults")
        if len(rest) == 1 and ctx.method == "GET":
            handler = self.subscription_collections.get(lower[0])
            if handler is not None:
                return self.page(ctx, handler(ctx, sub_id))
            rtype = self.type_for(rest[:1])
            if rtype is not None and rtype.subscription_list:
                records = self.store.all_of_type(rtype.arm_type, sub_id)
                return self.page(ctx, [rtype.render(ctx, r) for r in records])
        if len(rest) == 2 and ctx.method == "GET" and lower[0] in self.subscription_items:
            return Response(200, self.subscription_items[lower[0]](ctx, sub_id, rest[1]))
        raise ArmError(
            404,
            "InvalidResourceType",
            "The resource type '{0}' could not be found in the namespace '{1}' for api version '{2}'.".format(
                rest[0], NETWORK, ctx.api_version
            ),
        )

    def _operation(self, ctx, sub_id, op_id, is_result):
        op = self.store.operations().get(op_id) or self.store.operations().get(op_id.lower())
        if op is None or op["subscription"].lower() != sub_id.lower():
            raise ArmError(404, "OperationNotFound", "The operation '{0}' could not be found.".format(op_id))
        if not is_result:
            # The Network RP's operation status is just {"status": ...} [REC:
            # Azure/azure-cli recordings], with ARM's "error" when it failed
            # (azure-resource-manager-rpc async-api-reference.md).
            body = {"status": op["status"]}
            if op["status"] == "Failed":
                body["error"] = op["error"]
            headers = self.retry_after_header() if op["status"] == "InProgress" else {}
            return Response(200, body, headers)
        # operationResults: 202 while running, then what the operation returns.
        if op["status"] == "InProgress":
            return Response(202, None, self.operation_headers(ctx, op, with_location=True, async_header=False))
        if op["status"] == "Failed":
            raise ArmError(400, op["error"]["code"], op["error"]["message"])
        if op["kind"] == "delete":
            return Response(204)
        if op["kind"] == "action":
            # The result still carries its own Location, as the Network RP's
            # arpTables/routeTables result did [REC: Azure/azure-cli
            # recordings/test_network_express_route.yaml].
            return Response(200, op["result"], {"Location": ctx.url(ctx.path)})
        record = self.store.get(op["resource_id"])
        rtype = self.type_for(op["collections"])
        return Response(200, rtype.render(ctx, record) if record else None)

    # -- resources under a resource group -----------------------------------
    def _resolve(self, ctx, subscription_id, resource_group, rest):
        """Walk collection/name pairs: returns (ResourceId or None for a
        collection, rtype, action, action_argument)."""
        segments = []
        chain = []
        i = 0
        rtype = None
        while i < len(rest):
            candidate = self.type_for(chain + [rest[i]])
            if candidate is None:
                break
            chain.append(rest[i])
            rtype = candidate
            if i + 1 >= len(rest):
                # A collection: the parent is what we have walked so far.
                return None, rtype, segments, None, None
            segments.append((rtype.collections[-1], rest[i + 1]))
            i += 2
        if rtype is None:
            raise ArmError(
                404,
                "InvalidResourceType",
                "The resource type '{0}' could not be found in the namespace '{1}' for api version '{2}'.".format(
                    rest[0], NETWORK, ctx.api_version
                ),
            )
        rid = ResourceId(subscription_id, resource_group, segments, rtype)
        action = rest[i] if i < len(rest) else None
        argument = "/".join(rest[i + 1 :]) if i + 1 < len(rest) else None
        return rid, rtype, segments, action, argument

    def _resource(self, ctx, subscription_id, resource_group, rest, group=None):
        require_api_version(ctx)
        rid, rtype, segments, action, argument = self._resolve(ctx, subscription_id, resource_group, rest)
        self.check_network_api_version(
            ctx,
            [c for c, _ in segments] + ([rtype.collections[-1]] if rid is None else []) + ([action] if action else []),
            lambda: self._location_for(ctx, rid, group),
        )
        self._check_names(ctx, segments, creating=rid is not None and action is None and ctx.method == "PUT")
        if rid is None:
            if ctx.method != "GET":
                raise ArmError(405, "MethodNotAllowed", "The requested method is not allowed on a collection.")
            parent = self._require_parent(ResourceId(subscription_id, resource_group, segments + [("", "")], rtype))
            parent_id = (
                parent["id"]
                if parent
                else "/subscriptions/{0}/resourceGroups/{1}".format(subscription_id, resource_group)
            )
            records = rtype.list_records(parent_id)
            return self.page(ctx, [rtype.render(ctx, r) for r in records])
        if action is not None:
            record = self._require(rid)
            handler = rtype.actions().get((ctx.method, action.lower()))
            if handler is None:
                raise ArmError(
                    404,
                    "InvalidResourceType",
                    "The resource type '{0}' could not be found in the namespace '{1}' for api version '{2}'.".format(
                        "/".join(rtype.collections + (action,)), NETWORK, ctx.api_version
                    ),
                )
            body = self.emulator.json_body(ctx, allow_empty=True)
            return handler(ctx, record, argument, body)
        if ctx.method == "GET":
            return Response(200, rtype.render(ctx, self._require(rid)))
        if ctx.method == "PUT":
            return self.put(ctx, rid, rtype)
        if ctx.method == "DELETE":
            return self.delete(ctx, rid, rtype)
        if ctx.method == "PATCH":
            return self.patch_tags(ctx, rid, rtype)
        raise ArmError(405, "MethodNotAllowed", "The requested method {0} is not allowed.".format(ctx.method))

    def _location_for(self, ctx, rid, group):
        """The region ARM names in a version error: the body's (a create),
        the top-level resource's, or its resource group's."""
        if rid is not None and ctx.method == "PUT" and len(rid.segments) == 1:
            try:
                body = json.loads((ctx.raw_body or b"{}").decode("utf-8"))
                if isinstance(body, dict) and isinstance(body.get("location"), str) and body["location"]:
                    return normalize_location(body["location"])
            except (ValueError, UnicodeDecodeError, RecursionError):
                pass
        if rid is not None and rid.segments:
            top = self.store.get("{0}/providers/{1}/{2}/{3}".format(rid.group_id, NETWORK, *rid.segments[0]))
            if top and top.get("location"):
                return top["location"]
        return (group or {}).get("location") or "global"

    @staticmethod
    def _check_names(ctx, segments, creating):
        """Names as the Network RP takes them: 400 InvalidResourceName
        (its text) for a name it would refuse to create; a name that could
        only name another path (an encoded "/", "." or "..") or holds NUL or
        control characters is refused whatever the method, so that it never
        reaches a record under another id."""
        for index, (_, name) in enumerate(segments):
            last = index == len(segments) - 1
            unroutable = name in (".", "..") or _UNROUTABLE_NAME.search(name)
            if unroutable or (creating and last and not _NETWORK_NAME.match(name)):
                raise bad_request(
                    "InvalidResourceName",
                    "Resource name {0} is invalid. The name can be up to 80 characters long. It must begin with a "
                    "word character, and it must end with a word character or with '_'. The name may contain word "
                    "characters or '.', '-', '_'.".format(name.encode("unicode_escape").decode("ascii")),
                )

    def _require_parent(self, rid):
        """The parent record of rid (None when the parent is the resource
        group); 404 in ARM's words when it is missing."""
        if len(rid.segments) == 1:
            return None
        parent_rid = ResourceId(
            rid.subscription, rid.resource_group, rid.segments[:-1], self.type_for([c for c, _ in rid.segments[:-1]])
        )
        return self._require(parent_rid)

    def _require(self, rid):
        self._require_parent(rid)
        record = rid.rtype.lookup(rid)
        if record is None:
            if len(rid.segments) == 1:
                raise not_found_resource(rid.rtype.arm_type, rid.name, rid.resource_group)
            raise not_found_child(rid.id)
        return record

    def check_lock(self, rtype, rid):
        scope = rtype.lock_scope(rid).lower()
        op = self.busy_operation(scope)
        if op is not None:
            url = "{0}/subscriptions/{1}/providers/{2}/locations/{3}/operations/{4}?api-version={5}".format(
                self.emulator.base_url, op["subscription"], NETWORK, op["location"], op["id"], "2024-07-01"
            )
            raise ArmError(
                409,
                "AnotherOperationInProgress",
                "Another operation on this or dependent resource is in progress. To retrieve status of the "
                "operation use uri: {0}. For more details please go to https://aka.ms/AnotherOperationInProgress".format(
                    url
                ),
            )
        # No Retry-After here: azure-core retries any response carrying one,
        # and whether ARM sends it on this 409 is unverified.  Clients must
        # handle AnotherOperationInProgress themselves (the collection does).

    def _check_preconditions(self, ctx, existing):
        if_match = ctx.headers.get("If-Match")
        if if_match and if_match != "*" and (existing is None or existing.get("etag") != if_match):
            raise ArmError(
                412, "PreconditionFailed", "The condition specified using HTTP conditional header(s) is not met."
            )
        if_none = ctx.headers.get("If-None-Match")
        if if_none == "*" and existing is not None:
            raise ArmError(412, "PreconditionFailed", "The resource already exists (If-None-Match: *).")

    def put(self, ctx, rid, rtype):
        self._require_parent(rid)
        body = self.emulator.json_body(ctx)
        unknown = sorted(set(body) - rtype.allowed_top_level)
        if unknown:
            raise bad_request(
                "InvalidRequestFormat",
                "Cannot parse the request: unknown top-level properties {0} for type '{1}'. "
                "Properties of a resource go under 'properties'.".format(unknown, rtype.arm_type),
            )
        properties = body.get("properties") if body.get("properties") is not None else {}
        if not isinstance(properties, dict):
            raise bad_request("InvalidRequestFormat", "Cannot parse the request: 'properties' must be an object.")
        body = dict(body)
        body["properties"] = {k: v for k, v in properties.items() if k not in rtype.readonly_properties}
        existing = rtype.lookup(rid)
        self._check_preconditions(ctx, existing)
        self.check_lock(rtype, rid)
        record = rtype.build_record(ctx, rid, body, existing)
        # A PUT that changes nothing still runs an operation, but some types
        # answer it Succeeded rather than Updating (a no-op route filter PUT
        # [REC: Azure/azure-cli recordings/test_network_route_filter.yaml]).
        unchanged = (
            existing is not None
            and rtype.answers_noop_put_succeeded
            and existing["properties"].get("provisioningState") == "Succeeded"
            and rtype.unchanged(record, existing)
        )
        record["properties"]["provisioningState"] = "Succeeded" if unchanged else "Updating"
        # The operation before the store: what can still fail in it (a bad
        # setting) must refuse the PUT, not leave the resource Updating.
        op = self.start_operation(ctx, "put", rtype, record)
        self.store.put(record)
        rtype.after_put(ctx, record, existing)
        self.store.save()
        view = rtype.render(ctx, record)
        return Response(200 if existing else 201, view, self.operation_headers(ctx, op))

    def delete(self, ctx, rid, rtype):
        self._require_parent(rid)
        record = rtype.lookup(rid)
        if record is None:
            return Response(204)
        self._check_preconditions(ctx, record)
        self.check_lock(rtype, rid)
        rtype.validate_delete(ctx, record)
        op = self.start_operation(ctx, "delete", rtype, record)
        record["properties"]["provisioningState"] = "Deleting"
        self.store.save()
        return Response(202, None, self.operation_headers(ctx, op, with_location=True))

    def patch_tags(self, ctx, rid, rtype):
        record = self._require(rid)
        body = self.emulator.json_body(ctx)
        if set(body) - {"tags"}:
            raise bad_request("InvalidRequestFormat", "Only 'tags' can be updated with PATCH.")
        tags = check_tags(body.get("tags"))
        self.check_lock(rtype, rid)
        op = self.start_operation(ctx, "patch", rtype, record) if rtype.patch_tags_lro else None
        record["tags"] = tags
        record["etag"] = new_etag()
        if op is not None:
            record["properties"]["provisioningState"] = "Updating"
            self.store.save()
            return Response(200, rtype.render(ctx, record), self.operation_headers(ctx, op))
        self.store.save()
        return Response(200, rtype.render(ctx, record))

    def start_action(self, ctx, rtype, record, result, async_header=False):
        """A POST action answered the way the Network RP answers arpTables:
        202 with a Location that serves ``result`` when done.  Some actions
        (gateways, cross-connections: x-ms-long-running-operation-options
        final-state-via location, the spec's examples show the header) also
        carry Azure-AsyncOperation; clients poll it and then GET the
        Location for the result."""
        op = self.start_operation(
            ctx,
            "action",
            rtype,
            None,
            result=result,
            location=record.get("location") or self._top_level_location(record),
        )
        op["subscription"] = self._subscription_of(record, ctx)
        self.store.save()
        return Response(202, None, self.operation_headers(ctx, op, with_location=True, async_header=async_header))

    def _top_level_location(self, record):
        sub, rg, segments = parse_resource_id(record["id"])
        top = self.store.get(
            "/subscriptions/{0}/resourceGroups/{1}/providers/{2}/{3}/{4}".format(
                sub, rg, NETWORK, segments[0][0], segments[0][1]
            )
        )
        return (top or {}).get("location", "westeurope")

    # -- paging ---------------------------------------------------------------
    def page(self, ctx, items):
        size = int(self.store.config.get("page_size", 50))
        try:
            start = int(ctx.query.get("$skiptoken", "0"))
        except ValueError:
            raise bad_request(
                "InvalidSkipToken", "The $skiptoken '{0}' is not valid.".format(ctx.query.get("$skiptoken"))
            ) from None
        body = {"value": items[start : start + size]}
        if start + size < len(items):
            body["nextLink"] = ctx.url(ctx.path, "$skiptoken={0}".format(start + size))
        return Response(200, body)


def require_api_version(ctx):
    if not ctx.api_version:
        raise bad_request(
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        )


def check_resources_api_version(ctx):
    """ARM's own endpoints (subscriptions, resource groups, a group's
    resources) take the Microsoft.Resources versions; anything else is 400
    InvalidApiVersionParameter in ARM's words, newest first and
    comma-separated (Azure/azure-sdk-for-python#975, azure-powershell#6031)."""
    require_api_version(ctx)
    if ctx.api_version not in api_versions.RESOURCES_VERSIONS:
        raise bad_request(
            "InvalidApiVersionParameter",
            "The api-version '{0}' is invalid. The supported versions are '{1}'.".format(
                ctx.api_version, ",".join(api_versions.RESOURCES_VERSIONS)
            ),
        )


def subscription_view(sub):
    return {
        "id": "/subscriptions/{0}".format(sub["subscription_id"]),
        "subscriptionId": sub["subscription_id"],
        "displayName": sub["display_name"],
        "state": "Enabled",
        "tenantId": None,
        "subscriptionPolicies": {
            "locationPlacementId": "Public_2014-09-01",
            "quotaId": "PayAsYouGo_2014-09-01",
            "spendingLimit": "Off",
        },
        "authorizationSource": "RoleBased",
    }
