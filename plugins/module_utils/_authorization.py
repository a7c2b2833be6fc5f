# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: ExpressRoute circuit authorizations (the key another
subscription's VNet connection or Global Reach link redeems).

Pure functions over SDK-shaped objects and plain values: unit-tested without
Azure.  The key is a secret: it is returned only where the result carries it
on purpose (see plugins/action/authorization.py for how it is kept out of the
output), never in a message.
"""

from __future__ import annotations

from typing import Any

from ._errors import ValidationError
from ._shapes import parse_id, value

# The key under which a result carries an authorization key; the action
# plugins hide a task's displayed result when any of these is set.
KEY_FIELD = "authorization_key"


def authorization_result(model: Any, circuit_name: str, resource_group: str, with_key: bool = True) -> dict[str, Any]:
    """The stable snake_case view of an authorization (inline in a circuit or
    read on its own); ``with_key=False`` leaves the key out."""
    parsed = parse_id(model.id) or {}
    result = {
        "id": model.id,
        "name": model.name,
        "circuit": circuit_name,
        "resource_group": resource_group or parsed.get("resource_group"),
        "use_status": value(model.authorization_use_status),
        "used_by": getattr(model, "connection_resource_uri", None) or None,
        "provisioning_state": value(model.provisioning_state),
    }
    if with_key:
        result[KEY_FIELD] = model.authorization_key or None
    return result


def with_key(client: Any, resource_group: str, circuit_name: str, model: Any) -> Any:
    """``model`` with its key: the circuit's inline view carries it (the
    emulator, and Azure's recorded answers); if an API version leaves it out,
    read the authorization itself."""
    if model is None or model.authorization_key:
        return model
    return client.express_route_circuit_authorizations.get(resource_group, circuit_name, model.name)


def find(models: Any, name: str) -> Any:
    """The authorization called ``name`` (ARM names compare
    case-insensitively), or None."""
    for model in models or []:
        if (model.name or "").lower() == name.lower():
            return model
    return None


def refuse_delete_in_use(authorization: dict[str, Any], circuit_name: str) -> None:
    """Azure refuses to delete an authorization whose key a connection
    redeemed; say so before trying, and name the user when the circuit shows
    it."""
    if authorization.get("use_status") != "InUse":
        return
    user = authorization.get("used_by")
    raise ValidationError(
        "Authorization {0} of circuit {1} is in use{2} and Azure refuses to delete it: delete that connection "
        "first (a VNet connection: hybridnet.expressroute.connection state=absent; a Global Reach link: "
        "hybridnet.expressroute.global_reach state=absent, run by the other circuit's owner), then delete the "
        "authorization. Nothing was changed.".format(
            authorization["name"], circuit_name, " by {0}".format(user) if user else ""
        ),
        used_by=user,
    )


def managed_view(authorization: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the authorization module manages: that it exists, on which
    circuit."""
    if authorization is None:
        return None
    return {"name": authorization["name"], "circuit": authorization["circuit"]}


def predicted(name: str, circuit_name: str, resource_group: str) -> dict[str, Any]:
    """A check-mode create: what Azure will return, minus what only Azure
    knows (id, key)."""
    return {
        "id": None,
        "name": name,
        "circuit": circuit_name,
        "resource_group": resource_group,
        "use_status": "Available",
        "used_by": None,
        "provisioning_state": None,
        KEY_FIELD: None,
    }
