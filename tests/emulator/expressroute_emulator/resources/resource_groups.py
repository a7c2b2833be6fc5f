"""Microsoft.Resources/resourceGroups: seeded from the config, plus
PUT/GET/DELETE/list.  Deleting a group deletes what is in it, after asking
each resource's type whether it may go (a provisioned circuit may not)."""

import re

from ..arm import Response, check_location, check_tags, normalize_location, utcnow_iso
from ..errors import ArmError, bad_request, resource_group_not_found
from ..store import key

RG_TYPE = "Microsoft.Resources/resourceGroups"
_RG_NAME = re.compile(r"^[-\w\._\(\)]{1,90}$")


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
            "_meta": {"parent": "/subscriptions/{0}".format(subscription_id).lower(),
                      "subscription": subscription_id.lower(), "resource_group": name, "created": utcnow_iso()},
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
            if not _RG_NAME.match(name) or name.endswith("."):
                raise bad_request("InvalidResourceGroup",
                                  "The provided resource group name '{0}' has these invalid characters: it may "
                                  "contain letters, digits, '_', '-', '.', '(' and ')', up to 90 characters, and "
                                  "must not end with '.'.".format(name))
            if body.get("location") is None or body.get("location") == "":
                raise bad_request("LocationRequired", "The location property is required for this definition.")
            location = check_location(body["location"], RG_TYPE)
            tags = check_tags(body.get("tags"))
            if existing:
                if location != existing["location"]:
                    raise ArmError(409, "InvalidResourceGroupLocation",
                                   "Invalid resource group location '{0}'. The Resource group already exists in "
                                   "location '{1}'.".format(location, existing["location"]))
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
