"""Microsoft.Network/expressRouteCircuits/authorizations.

An authorization lets a connection in another subscription use the circuit
(a VNet connection, or a Global Reach connection from another circuit).
Its key is a GUID, in the 201 body already [REC]; ``POST …/listKeys``
(azure-mgmt-network 33.x) returns it again.

``authorizationUseStatus`` is derived, never stored: InUse while a resource
that redeemed the key still exists, Available otherwise, so a user deleted by
any path (its own DELETE, its circuit's, its resource group's) frees it.

For other resource types (a VNet connection redeeming a key):

- ``find_by_key(emulator, circuit_id, key)`` -> the authorization or None;
- ``check_redeemable(emulator, circuit, key, user_id, field)`` -> the
  authorization, or 400 InvalidAuthorizationKey / AuthorizationAlreadyInUse
  (writes nothing: call it from validate_put);
- ``mark_in_use(emulator, authorization_id, user_id)`` (from after_put) and
  ``mark_available(emulator, authorization_id, user_id=None)``;
- ``use_status(emulator, record)`` -> ("InUse", user_id) or ("Available", None).
"""

import uuid

from ..arm import Response, ResourceType
from ..errors import ArmError, bad_request
from . import _rules, circuits

AUTHORIZATION_TYPE = "Microsoft.Network/expressRouteCircuits/authorizations"


def _users(emulator, record):
    """Ids of live resources that redeemed this authorization."""
    return [u for u in record.get("_meta", {}).get("users", []) if emulator.store.get(u) is not None]


def use_status(emulator, record):
    users = _users(emulator, record)
    return ("InUse", users[0]) if users else ("Available", None)


def find_by_key(emulator, circuit_id, key):
    if not isinstance(key, str):
        return None
    for record in emulator.store.children(circuit_id, AUTHORIZATION_TYPE):
        if record["properties"].get("authorizationKey", "").lower() == key.strip().lower():
            return record
    return None


def check_redeemable(emulator, circuit, key, user_id, field="properties.authorizationKey"):
    """The authorization of ``circuit`` whose key ``user_id`` presents; the
    key itself never appears in a message."""
    record = find_by_key(emulator, circuit["id"], key)
    if record is None:
        raise bad_request(
            "InvalidAuthorizationKey",
            "{0} does not match any authorization of ExpressRoute circuit '{1}'. Ask the circuit "
            "owner for a key (expressRouteCircuits/{1}/authorizations).".format(field, circuit["name"]),
        )
    status, user = use_status(emulator, record)
    if status == "InUse" and user.lower() != user_id.lower():
        raise bad_request(
            "AuthorizationAlreadyInUse",
            "Authorization '{0}' of circuit '{1}' is already used by {2}; each authorization serves "
            "one connection. Ask the circuit owner for another.".format(record["name"], circuit["name"], user),
        )
    return record


def mark_in_use(emulator, authorization_id, user_id):
    record = emulator.store.get(authorization_id)
    if record is None:
        raise ArmError(404, "NotFound", "Authorization {0} not found.".format(authorization_id))
    users = record["_meta"].setdefault("users", [])
    if user_id.lower() not in (u.lower() for u in users):
        users.append(user_id)


def mark_available(emulator, authorization_id, user_id=None):
    record = emulator.store.get(authorization_id)
    if record is None:
        return
    users = record["_meta"].get("users", [])
    record["_meta"]["users"] = [] if user_id is None else [u for u in users if u.lower() != user_id.lower()]


class Authorizations(ResourceType):
    collections = ("expressRouteCircuits", "authorizations")
    located = False
    # The service issues the key and tracks its use; a PUT cannot set them.
    readonly_properties = {"provisioningState", "authorizationKey", "authorizationUseStatus", "connectionResourceUri"}

    def lock_scope(self, rid):
        return circuits.circuit_id_of(rid.id)

    def build_record(self, ctx, rid, body, existing):
        record = super().build_record(ctx, rid, body, existing)
        if existing:
            record["_meta"]["users"] = existing["_meta"].get("users", [])
        return record

    def validate_put(self, ctx, rid, body, existing, record):
        _rules.check_members(body["properties"], set(), "properties")
        key = existing["properties"]["authorizationKey"] if existing else str(uuid.uuid4())
        return {"authorizationKey": key}

    def validate_delete(self, ctx, record):
        status, user = use_status(self.emulator, record)
        if status == "InUse":
            raise bad_request(
                "AuthorizationInUse",
                "Authorization '{0}' is in use by {1}; delete that connection first.".format(record["name"], user),
            )
        super().validate_delete(ctx, record)

    def render(self, ctx, record):
        view = super().render(ctx, record)
        status, user = use_status(self.emulator, record)
        view["properties"]["authorizationUseStatus"] = status
        if user:
            view["properties"]["connectionResourceUri"] = user
        return view

    def actions(self):
        def list_keys(ctx, record, argument, body):
            if argument:
                raise ArmError(404, "NotFound", "No such resource: listKeys/{0}.".format(argument))
            return Response(200, {"authorizationKey": record["properties"]["authorizationKey"]})

        return {("POST", "listkeys"): list_keys}


def _deprovision_check(emulator):
    def check(circuit):
        for record in emulator.store.children(circuit["id"], AUTHORIZATION_TYPE):
            status, user = use_status(emulator, record)
            if status == "InUse":
                raise bad_request(
                    "CircuitCannotBeDeprovisioned",
                    "Circuit '{0}' cannot be deprovisioned while authorization '{1}' is in use by {2}; "
                    "the connection must be removed first.".format(circuit["name"], record["name"], user),
                )

    return check


def register(emulator):
    emulator.arm.register(Authorizations)
    emulator.deprovision_checks.append(_deprovision_check(emulator))
