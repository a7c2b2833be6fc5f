# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the one way modules compare what a user asked for with what Azure
has, and show it in diff mode."""

from __future__ import annotations

from typing import Any, Iterable

import copy

from . import _validate

# How a secret shows in a diff: whether it is set or changes, never its value.
SECRET_SET = "<set>"
SECRET_CHANGED = "<changed>"


def apply(current: dict[str, Any], desired: dict[str, Any]) -> dict[str, Any]:
    """``current`` with every not-None field of ``desired`` applied."""
    result = copy.deepcopy(current)
    result.update({k: copy.deepcopy(v) for k, v in desired.items() if v is not None})
    return result


def only_tags_differ(before: dict[str, Any], after: dict[str, Any], fields: Iterable[str]) -> bool:
    """True when ``before`` and ``after`` agree on every managed field but
    the tags (then the tags operation does, not an update)."""
    return all(before[k] == after[k] for k in fields if k != "tags")


def diff(
    before: dict[str, Any] | None, after: dict[str, Any] | None, fields: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Ansible's ``diff`` for managed fields: ``None`` before means create,
    ``None`` after means delete."""

    def pick(state: dict[str, Any] | None) -> dict[str, Any]:
        if state is None:
            return {}
        return {k: copy.deepcopy(state.get(k)) for k in (fields or sorted(state))}

    return {"before": pick(before), "after": pick(after)}


def merge_tags(current: dict[str, str] | None, desired: dict[str, Any] | None, purge: bool) -> dict[str, str]:
    """The tags a resource should end up with: ``desired`` merged into
    ``current``, or replacing it when ``purge``; None = leave tags alone."""
    if desired is None:
        return dict(current or {})
    # Azure keeps tag values as strings: compare what it will store, or
    # `n: 1` would be a change on every run.  A tag written without a value
    # (`owner:`) is an empty one.  Azure's tag limits are checked here.
    desired = _validate.tags(desired) or {}  # not None: desired is not
    if purge:
        return _validate.tag_count(desired)
    merged = dict(current or {})
    merged.update(desired)
    return _validate.tag_count(merged)
