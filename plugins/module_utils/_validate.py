# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: input checks shared by the modules; each raises a
ValidationError that names the option, the rule and the fix."""

from __future__ import annotations

from typing import Any, Iterable

import difflib
import re

from ._errors import ValidationError

_RESOURCE_GROUP = re.compile(r"^[-\w\.\(\)]{1,90}$", re.UNICODE)
# Microsoft.Network names: start with a letter or digit, end with a letter,
# digit or underscore, letters, digits, '_', '.', '-' in between, 1-80.
_NETWORK_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$")


def resource_group(value: str, option: str = "resource_group") -> str:
    if not value or not _RESOURCE_GROUP.match(value) or value.endswith("."):
        raise ValidationError(
            "{0} '{1}' is not a valid resource group name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not "
            "ending with '.'.".format(option, value)
        )
    return value


def network_name(value: str, option: str, kind: str) -> str:
    if not value or not _NETWORK_NAME.match(value):
        raise ValidationError(
            "{0} '{1}' is not a valid {2} name: 1-80 characters; letters, digits, '_', '.' and '-'; starting with a "
            "letter or digit and ending with a letter, digit or '_'.".format(option, value, kind)
        )
    return value


def choice(value: str, choices: Iterable[str], option: str) -> str:
    """The canonical spelling of ``value`` among ``choices`` (case-insensitive)."""
    for candidate in choices:
        if str(value).lower() == str(candidate).lower():
            return candidate
    raise ValidationError(
        "{0} '{1}' is not valid; choose one of: {2}.".format(option, value, ", ".join(str(c) for c in choices))
    )


def canonical_location(location: str | None) -> str | None:
    """ARM's canonical region name: "West Europe" -> "westeurope"."""
    return "".join(str(location).split()).lower() if location is not None else None


def location(value: str, regions: list[dict[str, Any]], option: str = "location") -> str | None:
    """The canonical name of ``value`` among ``regions`` (the subscription's
    locations as ARM lists them: {name, displayName, ...}), compared without
    regard to case and spaces as ARM does; refused with the valid names and
    the closest ones otherwise."""
    wanted = canonical_location(value)
    names = sorted({str(r["name"]) for r in regions if r.get("name")})
    for region in regions:
        if wanted in (canonical_location(region.get("name")), canonical_location(region.get("displayName"))):
            return canonical_location(region.get("name"))
    close = difflib.get_close_matches(wanted or "", names, n=3)
    raise ValidationError(
        "{0} '{1}' is not an Azure region this subscription can use. {2}Give a region's name (e.g. westeurope) or "
        "display name (West Europe); valid: {3}.".format(
            option, value, "Did you mean {0}? ".format(" or ".join(close)) if close else "", ", ".join(names)
        ),
        valid_locations=names,
    )


# Azure's tag limits (azure-resource-manager/management/tag-resources,
# "Limitations"): at most 50 tag name-value pairs per resource; a name of at
# most 512 characters without < > % & \ ? /; a value of at most 256
# characters.  A value is a string: a list or a mapping would be stored as
# its Python text ("['a']").
TAGS_MAX = 50
TAG_NAME_MAX = 512
TAG_VALUE_MAX = 256
TAG_NAME_FORBIDDEN = "<>%&\\?/"


def tags(value: dict[str, Any] | None, option: str = "tags") -> dict[str, str] | None:
    """``value`` (a dict, or None: leave tags alone) as Azure stores it: string
    values, a value-less tag an empty string, a number or boolean its text.
    Refused, naming the tag, the rule and the fix, when Azure would not take
    it."""
    if value is None:
        return None
    result = {}
    for name, raw in value.items():
        name = str(name)
        shown = name if len(name) <= 40 else name[:37] + "..."
        if len(name) > TAG_NAME_MAX:
            raise ValidationError(
                "{0}: tag name '{1}' has {2} characters; Azure allows at most {3}. Shorten it.".format(
                    option, shown, len(name), TAG_NAME_MAX
                ),
                tag=shown,
            )
        bad = sorted(set(name) & set(TAG_NAME_FORBIDDEN))
        if bad:
            raise ValidationError(
                "{0}: tag name '{1}' contains {2}, which Azure does not allow in tag names (none of "
                "{3}). Rename the tag.".format(option, shown, " ".join(bad), " ".join(TAG_NAME_FORBIDDEN)),
                tag=shown,
            )
        if isinstance(raw, (list, tuple, dict, set)):
            raise ValidationError(
                "{0}: the value of tag '{1}' is a {2}; Azure tag values are strings. Give a string (for several "
                "values, one string such as 'a,b', or a JSON text made with the to_json filter).".format(
                    option, shown, "mapping" if isinstance(raw, dict) else "list"
                ),
                tag=shown,
            )
        text = "" if raw is None else raw if isinstance(raw, str) else str(raw)
        if len(text) > TAG_VALUE_MAX:
            raise ValidationError(
                "{0}: the value of tag '{1}' has {2} characters; Azure allows at most {3}. Shorten it.".format(
                    option, shown, len(text), TAG_VALUE_MAX
                ),
                tag=shown,
            )
        result[name] = text
    return result


def tag_count(merged: dict[str, str], option: str = "tags") -> dict[str, str]:
    if len(merged) > TAGS_MAX:
        raise ValidationError(
            "{0}: the resource would have {1} tags; Azure allows at most {2} per resource. Remove "
            "some (purge_tags: true drops the tags not listed).".format(option, len(merged), TAGS_MAX)
        )
    return merged
