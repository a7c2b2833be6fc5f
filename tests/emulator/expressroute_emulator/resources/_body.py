"""Reading request bodies the way the Network RP does: unknown members are
refused, references are ``{"id": ...}`` objects, enums match without regard
to case and come back in their canonical casing.

Shared by the virtual network, public IP, gateway and connection types.
"""

from ..arm import parse_resource_id
from ..errors import bad_request


def check_members(obj, allowed, type_name, path):
    """Refuse a member the API does not know (a snake_case key from a
    wrongly built body, say) instead of silently dropping it.  The Network
    RP answers such a body with "Could not find member …"."""
    for member in obj:
        if member not in allowed:
            raise bad_request(
                "InvalidRequestFormat",
                "Cannot parse the request. Could not find member '{0}' on object of type '{1}'. Path '{2}.{0}'.".format(
                    member, type_name, path
                ),
            )


def require_object(value, path):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad_request(
            "InvalidRequestFormat", "Cannot parse the request: '{0}' must be an object; got {1!r}.".format(path, value)
        )
    return value


def reference_id(value, path):
    """The id of a reference (``{"id": "/subscriptions/…"}``), or None."""
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), str) or not value["id"].strip():
        raise bad_request(
            "InvalidRequestFormat",
            "Cannot parse the request: '{0}' must be an object with an 'id' (a resource id); got {1!r}.".format(
                path, value
            ),
        )
    return value["id"].strip()


def parse_reference(resource_id, collections):
    """(subscription, resource group, [names]) of an id whose collections
    under Microsoft.Network are exactly ``collections`` (compared without
    regard to case), else None."""
    parsed = parse_resource_id(resource_id)
    if parsed is None:
        return None
    sub, group, segments = parsed
    if [c.lower() for c, _ in segments] != [c.lower() for c in collections]:
        return None
    return sub, group, [n for _, n in segments]


def canonical(value, choices, path, code="InvalidRequestFormat"):
    for choice in choices:
        if isinstance(value, str) and value.lower() == choice.lower():
            return choice
    raise bad_request(
        code, "Value '{0}' of {1} is not valid. Valid values are: {2}.".format(value, path, ", ".join(choices))
    )


def boolean(obj, key, default, path):
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise bad_request(
            "InvalidRequestFormat",
            "Cannot parse the request: '{0}.{1}' must be true or false; got {2!r}.".format(path, key, value),
        )
    return value


def integer(obj, key, default, path):
    value = obj.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(
            "InvalidRequestFormat",
            "Cannot parse the request: '{0}.{1}' must be an integer; got {2!r}.".format(path, key, value),
        )
    return value
