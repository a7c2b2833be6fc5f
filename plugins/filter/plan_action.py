# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

from typing import Any, Callable

DOCUMENTATION = r"""
name: plan_action
short_description: What a check-mode task result says would happen to its resource
version_added: 0.2.0
author: hybridnet.expressroute engineers
description:
  - For the connectivity-model roles' plan summary. A module result with C(changed) and an empty C(diff.before)
    would create the resource (V(create)), with C(changed) otherwise change it (V(change)), without C(changed) leave it
    alone (V(unchanged)).
  - A task that was skipped because what it needs does not exist yet gives V(would be created ONCE), ONCE being the
    phrase passed (for example V(once circuit er-1 exists)); skipped for any other reason, V(skipped).
positional: _input, once
options:
  _input:
    description: The registered result of a module task.
    type: dict
    required: true
  once:
    description: What the task waits for when it was skipped for that reason; empty otherwise.
    type: str
    default: ""
"""

EXAMPLES = r"""
- name: Say what would happen to the circuit
  ansible.builtin.debug:
    msg: "circuit: {{ circuit_result | hybridnet.expressroute.plan_action }}"
"""

RETURN = r"""
_value:
  description: V(create), V(change), V(unchanged), V(skipped) or V(would be created once ...).
  type: str
"""


def plan_action(result: dict[str, Any] | None, once: str = "") -> str:
    result = result or {}
    if result.get("skipped") or not result:
        return "would be created {0}".format(once).strip() if once else "skipped"
    if result.get("changed"):
        before = (result.get("diff") or {}).get("before")
        return "create" if not before else "change"
    return "unchanged"


class FilterModule(object):
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"plan_action": plan_action}
