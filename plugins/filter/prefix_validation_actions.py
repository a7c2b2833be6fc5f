# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: prefix_validation_actions
short_description: What the owner must do before a Microsoft peering's advertised prefixes are used
version_added: 0.2.0
author: hybridnet.expressroute engineers
description:
  - For peerings as the peering modules return them (C(peering_info), C(circuit) results' C(peerings)), one sentence
    per Microsoft peering (IPv4 or IPv6) whose advertised public prefixes wait for Microsoft's validation, saying
    what to do - the same sentences C(peering_info) returns as C(actions_required) (the rule lives in module_utils).
  - The connectivity-model roles use it to pass on the circuit they read at the start of a run instead of reading
    the peerings again.
positional: _input
options:
  _input:
    description: A list of peerings.
    type: list
    elements: dict
    required: true
"""

EXAMPLES = r"""
- name: Say what to do before the Microsoft peering works
  ansible.builtin.debug:
    msg: "{{ circuit.peerings | hybridnet.expressroute.prefix_validation_actions }}"
"""

RETURN = r"""
_value:
  description: One sentence per peering and address family awaiting validation (empty when none does).
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils._peering import (
    prefix_validation_actions as _actions,
)


def prefix_validation_actions(peerings: list) -> list:
    if not isinstance(peerings, list):
        raise AnsibleFilterError("prefix_validation_actions takes a list of peerings")
    return [action for peering in peerings for action in _actions(peering)]


class FilterModule(object):
    def filters(self) -> dict:
        return {"prefix_validation_actions": prefix_validation_actions}
