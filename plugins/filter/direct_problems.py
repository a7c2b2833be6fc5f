# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

from typing import Any, Callable

DOCUMENTATION = r"""
name: direct_problems
short_description: What is wrong with an ExpressRoute Direct plan (port pair and its circuits), before any write
version_added: 0.1.0
author: hybridnet.expressroute engineers
description:
  - The checks the P(hybridnet.expressroute.direct#role) role runs before it writes anything to Azure - the port's
    bandwidth (10 or 100 Gbps), encapsulation (Dot1Q or QinQ) and billing type, each circuit's name, size and
    peerings, VLAN IDs unique across the port pair on a Dot1Q port, and the MACsec settings (Key Vault secret
    identifiers and identity for Azure; for router configuration the CKN and CAK values, with the rules of the
    P(hybridnet.expressroute.router_model#filter) filter).
  - Returns a list of messages, each naming the input, the rule and the fix; empty when the plan can go ahead. MACsec
    keys are never part of a message.
positional: _input
options:
  _input:
    description:
      - The plan - C(port_bandwidth_gbps), C(encapsulation), C(billing_type), C(circuits) (the role's
        C(direct_circuits)), C(macsec) (C(direct_macsec)) and C(render_router) (whether router configuration is
        rendered, which needs the MACsec key values).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Refuse a bad Direct plan before anything is written
  ansible.builtin.assert:
    that: _problems == []
    fail_msg: "{{ _problems | join(' ') }}"
  vars:
    _problems: "{{ {'port_bandwidth_gbps': 10, 'encapsulation': 'QinQ', 'billing_type': 'MeteredData',
                    'circuits': direct_circuits} | hybridnet.expressroute.direct_problems }}"
"""

RETURN = r"""
_value:
  description: The problems (field, rule, fix), or an empty list.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils._direct_plan import direct_problems as _problems


def direct_problems(plan: dict[str, Any]) -> list[str]:
    if not isinstance(plan, dict):
        raise AnsibleFilterError("direct_problems expects the plan (a dict), got %s" % type(plan).__name__)
    return _problems(plan)


class FilterModule(object):
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"direct_problems": direct_problems}
