# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: how the _info modules of top-level resources (circuits, ports)
find what they report: the one named in a resource group, those of a
resource group, or those of the subscription."""

from __future__ import annotations

from . import _validate
from ._errors import ValidationError, error_code, is_not_found


def check_lookup(params, names):
    """``name`` needs ``resource_group`` (``names``, "circuit": what is
    unique per resource group); a resource group's name is checked."""
    if params["name"] and not params["resource_group"]:
        raise ValidationError("name needs resource_group: {0} names are unique per resource group.".format(names))
    if params["resource_group"]:
        _validate.resource_group(params["resource_group"])


def find(module, get, list_in_group, list_all):
    """The SDK models the task reports: ``get(group, name)``, the one named;
    ``list_in_group(group)``, those of the resource group; ``list_all()``,
    those of the subscription.  None when the resource or its resource group
    does not exist (the group's absence warned)."""
    p = module.params
    try:
        if p["name"]:
            return [get(p["resource_group"], p["name"])]
        if p["resource_group"]:
            return list(list_in_group(p["resource_group"]))
        return list(list_all())
    except Exception as exc:
        if not is_not_found(exc):
            raise
        if error_code(exc) == "ResourceGroupNotFound":
            module.warn("Resource group {0} does not exist.".format(p["resource_group"]))
        return []
