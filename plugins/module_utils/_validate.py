# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: input checks shared by the modules; each raises a
ValidationError that names the option, the rule and the fix."""

from __future__ import annotations

import re

from ._errors import ValidationError

_RESOURCE_GROUP = re.compile(r"^[-\w\.\(\)]{1,90}$", re.UNICODE)
# Microsoft.Network names: start with a letter or digit, end with a letter,
# digit or underscore, letters, digits, '_', '.', '-' in between, 1-80.
_NETWORK_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$")


def resource_group(value, option="resource_group"):
    if not value or not _RESOURCE_GROUP.match(value) or value.endswith("."):
        raise ValidationError(
            "{0} '{1}' is not a valid resource group name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not "
            "ending with '.'.".format(option, value))
    return value


def network_name(value, option, kind):
    if not value or not _NETWORK_NAME.match(value):
        raise ValidationError(
            "{0} '{1}' is not a valid {2} name: 1-80 characters; letters, digits, '_', '.' and '-'; starting with a "
            "letter or digit and ending with a letter, digit or '_'.".format(option, value, kind))
    return value


def choice(value, choices, option):
    """The canonical spelling of ``value`` among ``choices`` (case-insensitive)."""
    for candidate in choices:
        if str(value).lower() == str(candidate).lower():
            return candidate
    raise ValidationError("{0} '{1}' is not valid; choose one of: {2}.".format(option, value, ", ".join(
        str(c) for c in choices)))
