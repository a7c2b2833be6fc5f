# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from typing import Any, Callable

DOCUMENTATION = r"""
name: peering_links
short_description: Who takes which address on the two links of an ExpressRoute peering
version_added: 0.1.0
author: hybridnet.expressroute engineers (@hybridnet)
description:
  - From a peering (a result of M(hybridnet.expressroute.peering), or plain inputs with C(prefix) as a /29 or
    C(primary_prefix) and C(secondary_prefix) as two /30s), the primary and secondary links with the address your
    (or your provider's) router takes, the first usable one, and Microsoft's, the second.
positional: _input
options:
  _input:
    description: The peering.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Show the addressing plan of a /29
  ansible.builtin.debug:
    msg: "{{ {'prefix': '192.168.100.128/29'} | hybridnet.expressroute.peering_links }}"
  # primary: 192.168.100.128/30, customer .129, Microsoft .130; secondary: .132/30, .133 and .134
"""

RETURN = r"""
_value:
  description: C(primary) and C(secondary), each with C(prefix), C(customer_address), C(microsoft_address) and
    C(prefix_length).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError
from ansible_collections.hybridnet.expressroute.plugins.module_utils._peering import link_addresses


def peering_links(peering: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(peering, dict):
        raise AnsibleFilterError("peering_links expects a peering (a dict), got {0}".format(type(peering).__name__))
    try:
        return link_addresses(peering)
    except ValidationError as exc:
        raise AnsibleFilterError("peering_links: {0}".format(exc)) from exc


class FilterModule:
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"peering_links": peering_links}
