# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the one way modules compare what a user asked for with what Azure
has, and show it in diff mode."""

from __future__ import annotations

import copy

from . import _validate

# How a secret shows in a diff: whether it is set or changes, never its value.
SECRET_SET = "<set>"
SECRET_CHANGED = "<changed>"


def apply(current, desired):
    """``current`` with every not-None field of ``desired`` applied."""
    result = copy.deepcopy(current)
    result.update({k: copy.deepcopy(v) for k, v in desired.items() if v is not None})
    return result


def only_tags_differ(before, after, fields):
    """True when ``before`` and ``after`` agree on every managed field but
    the tags (then the tags operation does, not an update)."""
    return all(before[k] == after[k] for k in fields if k != "tags")


def diff(before, after, fields=None):
    """Ansible's ``diff`` for managed fields: ``None`` before means create,
    ``None`` after means delete."""
    def pick(state):
        if state is None:
            return {}
        return {k: copy.deepcopy(state.get(k)) for k in (fields or sorted(state))}
    return {"before": pick(before), "after": pick(after)}


def merge_tags(current, desired, purge):
    """The tags a resource should end up with: ``desired`` merged into
    ``current``, or replacing it when ``purge``; None = leave tags alone."""
    if desired is None:
        return dict(current or {})
    # Azure keeps tag values as strings: compare what it will store, or
    # `n: 1` would be a change on every run.  A tag written without a value
    # (`owner:`) is an empty one.  Azure's tag limits are checked here.
    desired = _validate.tags(desired)
    if purge:
        return _validate.tag_count(desired)
    merged = dict(current or {})
    merged.update(desired)
    return _validate.tag_count(merged)
