# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from typing import Any, Callable

DOCUMENTATION = r"""
name: geopolitical_link_warning
short_description: Warn when a Standard circuit is linked outside its geopolitical region
version_added: 0.1.0
author: hybridnet.expressroute engineers (@hybridnet)
description:
  - A Standard (or Local) ExpressRoute circuit reaches only the Azure regions of the geopolitical region of its
    peering location; the Premium add-on links globally (Microsoft's ExpressRoute locations page). From a circuit (a
    result of M(hybridnet.expressroute.circuit)) and the Azure region of a virtual network linked to it, the warning
    to show, or an empty string when the link is within the rule (or the place is unknown).
positional: _input, region
options:
  _input:
    description: The circuit, with C(tier), C(peering_location) and C(name).
    type: dict
    required: true
  region:
    description: The Azure region of the linked virtual network (its gateway, its connection).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Warn about a Silicon Valley Standard circuit linked to West Europe
  ansible.builtin.debug:
    msg: "{{ {'name': 'er1', 'tier': 'Standard', 'peering_location': 'Silicon Valley'}
             | hybridnet.expressroute.geopolitical_link_warning('westeurope') }}"
"""

RETURN = r"""
_value:
  description: The warning, or an empty string.
  type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils._geo import link_outside


def geopolitical_link_warning(circuit: dict[str, Any], region: str) -> str | None:
    if not isinstance(circuit, dict):
        raise AnsibleFilterError(
            "geopolitical_link_warning expects a circuit (a dict), got {0}".format(type(circuit).__name__)
        )
    outside = link_outside(circuit.get("tier"), circuit.get("peering_location"), region)
    if outside is None:
        return ""
    return (
        "{0} circuit {1} (peering location {2}, geopolitical region {3}) is linked to a virtual network in {4} "
        "(geopolitical region {5}): Azure supports that only with the Premium add-on. Enable Premium (sku_tier: "
        "Premium) or link a virtual network in {3}.".format(
            circuit.get("tier"), circuit.get("name"), circuit.get("peering_location"), outside[0], region, outside[1]
        )
    )


class FilterModule:
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"geopolitical_link_warning": geopolitical_link_warning}
