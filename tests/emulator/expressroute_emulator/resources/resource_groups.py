"""Microsoft.Resources/resourceGroups: seeded from the config, plus
PUT/GET/DELETE/list.  Deleting a group deletes what is in it, after asking
each resource's type whether it may go (a provisioned circuit may not)."""

import re

from ..arm import Response, check_location, check_tags, normalize_location, utcnow_iso
from ..errors import ArmError, bad_request, resource_group_not_found
from ..store import key

RG_TYPE = "Microsoft.Resources/resourceGroups"
_RG_NAME = re.compile(r"^[-\w\._\(\)]{1,90}$")
_UNROUTABLE = re.compile(r"[/\\\x00-\x1f\x7f]")
_FILTER_TERM = re.compile(r"^\s*(resourceType|name)\s+eq\s+'([^']*)'\s*$", re.I)


def _parse_filter(text):
    """[(record field, lower value)] of a $filter, or 400 naming what the
    emulator does not take."""
    if not text:
        return []
    terms = []
    for part in re.split(r"\s+and\s+", text, flags=re.I):
        match = _FILTER_TERM.match(part)
        if not match:
            raise bad_request(
                "InvalidFilterInQueryString",
                "Invalid $filter '{0}' specified in the query string: the emulator takes "
                "\"resourceType eq '<type>'\" and \"name eq '<name>'\", joined by 'and'.".format(text),
            )
        terms.append(("type" if match.group(1).lower() == "resourcetype" else "name", match.group(2).lower()))
    return terms


class ResourceGroups:
    def __init__(self, emulator):
        self.emulator = emulator

    @property
    def store(self):
        return self.emulator.store

    def seed(self):
        for sub in self.store.config["subscriptions"]:
            for group in sub.get("resource_groups", []):
                self._create(sub["subscription_id"], group["name"], group["location"], group.get("tags", {}))

    def _create(self, subscription_id, name, location, tags):
        record = {
            "id": "/subscriptions/{0}/resourceGroups/{1}".format(subscription_id, name),
            "name": name,
            "type": RG_TYPE,
            "location": normalize_location(location),
            "tags": tags or {},
            "managedBy": None,
            "properties": {"provisioningState": "Succeeded"},
            "_meta": {
                "parent": "/subscriptions/{0}".format(subscription_id).lower(),
                "subscription": subscription_id.lower(),
                "resource_group": name,
                "created": utcnow_iso(),
            },
        }
        self.store.put(record)
        return record

    def get(self, subscription_id, name):
        return self.store.get("/subscriptions/{0}/resourceGroups/{1}".format(subscription_id, name))

    @staticmethod
    def view(record):
        return {k: v for k, v in record.items() if not k.startswith("_")}

    def list(self, ctx, subscription):
        if ctx.method != "GET":
            raise ArmError(405, "MethodNotAllowed", "The requested method is not allowed.")
        records = self.store.children("/subscriptions/{0}".format(subscription["subscription_id"]), RG_TYPE)
        return self.emulator.arm.page(ctx, [self.view(r) for r in records])

    @staticmethod
    def check_name(name, creating):
        """A group name ARM would refuse (resource-name-rules: letters,
        digits, '_', '-', '.', '(' and ')', up to 90, not ending in '.'):
        400 InvalidResourceGroup on a create; on any request when it could
        only name another path (an encoded "/", "..") or holds control
        characters, so that it never reaches another record."""
        unroutable = name in (".", "..") or _UNROUTABLE.search(name)
        if unroutable or (creating and (not _RG_NAME.match(name) or name.endswith("."))):
            raise bad_request(
                "InvalidResourceGroup",
                "The provided resource group name '{0}' has these invalid characters: it may "
                "contain letters, digits, '_', '-', '.', '(' and ')', up to 90 characters, and "
                "must not end with '.'.".format(name.encode("unicode_escape").decode("ascii")),
            )

    def list_resources(self, ctx, subscription, name):
        """GET …/resourceGroups/{rg}/resources (Resources_ListByResourceGroup,
        resources.json): the group's top-level resources as ARM's
        GenericResourceExpanded — id, name, type, location, tags, and sku,
        kind, managedBy when set; createdTime, changedTime and
        provisioningState only when $expand asks.  $filter takes
        ``resourceType eq '…'`` and ``name eq '…'`` joined by ``and``
        (what the CLI's ``az resource list -g`` and azure_rm_resourcegroup
        send); others are refused rather than ignored."""
        if ctx.method != "GET":
            raise ArmError(405, "MethodNotAllowed", "The requested method {0} is not allowed.".format(ctx.method))
        group = self.get(subscription["subscription_id"], name)
        if group is None:
            raise resource_group_not_found(name)
        wanted = _parse_filter(ctx.query.get("$filter"))
        expand = {e.strip().lower() for e in (ctx.query.get("$expand") or "").split(",") if e.strip()}
        items = []
        for record in self.store.find(lambda r: r["_meta"]["parent"] == key(group["id"])):
            if any(str(record.get(field, "")).lower() != value for field, value in wanted):
                continue
            view = {k: record[k] for k in ("id", "name", "type", "location") if k in record}
            view["tags"] = record.get("tags") or {}
            for k in ("sku", "kind", "managedBy"):
                if record.get(k):
                    view[k] = record[k]
            if "createdtime" in expand:
                view["createdTime"] = record["_meta"].get("created")
            if "changedtime" in expand:
                view["changedTime"] = record["_meta"].get("changed", record["_meta"].get("created"))
            if "provisioningstate" in expand:
                view["provisioningState"] = (record.get("properties") or {}).get("provisioningState")
            items.append(view)
        return self.emulator.arm.page(ctx, items)

    def handle(self, ctx, subscription, name):
        sub_id = subscription["subscription_id"]
        existing = self.get(sub_id, name)
        if ctx.method == "GET":
            if existing is None:
                raise resource_group_not_found(name)
            return Response(200, self.view(existing))
        if ctx.method == "HEAD":
            return Response(204 if existing else 404)
        if ctx.method == "PUT":
            body = self.emulator.json_body(ctx)
            if body.get("location") is None or body.get("location") == "":
                raise bad_request("LocationRequired", "The location property is required for this definition.")
            location = check_location(body["location"], RG_TYPE)
            tags = check_tags(body.get("tags"))
            if existing:
                if location != existing["location"]:
                    raise ArmError(
                        409,
                        "InvalidResourceGroupLocation",
                        "Invalid resource group location '{0}'. The Resource group already exists in "
                        "location '{1}'.".format(location, existing["location"]),
                    )
                existing["tags"] = tags
                self.store.save()
                return Response(200, self.view(existing))
            record = self._create(sub_id, name, location, tags)
            self.store.save()
            return Response(201, self.view(record))
        if ctx.method == "DELETE":
            if existing is None:
                raise resource_group_not_found(name)
            prefix = key(existing["id"]) + "/"
            members = self.store.find(lambda r: key(r["id"]).startswith(prefix))
            # Ask the owning resource type of every top-level member first,
            # so that a refused member leaves the whole group untouched.
            arm = self.emulator.arm
            for record in members:
                rtype = arm.type_for(record["type"].split("/")[1:])
                if rtype is not None and record["_meta"]["parent"] == key(existing["id"]):
                    rtype.validate_delete(ctx, record)
            self.store.delete_tree(existing["id"])
            # What goes with a member goes with the group (a circuit's
            # cross-connection in the provider's subscription, say).
            for record in members:
                arm.run_completion_hooks("delete", record, ctx)
            self.store.save()
            return Response(200)
        raise ArmError(405, "MethodNotAllowed", "The requested method {0} is not allowed.".format(ctx.method))


def register(emulator):
    emulator.resource_groups = ResourceGroups(emulator)
