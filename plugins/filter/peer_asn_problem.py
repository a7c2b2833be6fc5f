# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

from typing import Any, Callable

DOCUMENTATION = r"""
name: peer_asn_problem
short_description: Why an AS number cannot be an ExpressRoute peering's peer ASN (empty when it can)
version_added: 0.1.0
author: hybridnet.expressroute engineers
description:
  - The rule set the M(hybridnet.expressroute.peering) and M(hybridnet.expressroute.cross_connection_peering) modules
    and the P(hybridnet.expressroute.router_model#filter) filter apply, for roles and playbooks that check their
    inputs before anything is written to Azure.
  - Refused on every peering - AS 0, Microsoft's 12076, 23456 (AS_TRANS), the documentation ranges 64496-64511 and
    65536-65551, Azure's reserved 65515-65520, 65535 and 4294967295. On Microsoft peering also a private AS number
    (64512-65534, 4200000000-4294967294), which Azure accepts only after Microsoft's manual validation.
  - Azure's rules come from its "ExpressRoute routing requirements" page; the others from the RFC each message names.
positional: _input, peering_type
options:
  _input:
    description: The AS number (an integer, or a string of digits).
    type: raw
    required: true
  peering_type:
    description: The peering it is for.
    type: str
    default: AzurePrivatePeering
    choices: [AzurePrivatePeering, MicrosoftPeering]
"""

EXAMPLES = r"""
- name: Refuse a reserved peer ASN before anything is written
  ansible.builtin.assert:
    that: (peering.peer_asn | hybridnet.expressroute.peer_asn_problem('AzurePrivatePeering')) == ''
    fail_msg: "peer_asn {{ peering.peer_asn }} is {{ peering.peer_asn | hybridnet.expressroute.peer_asn_problem }}"
"""

RETURN = r"""
_value:
  description: An empty string when the number is usable, else why not (a phrase naming the rule).
  type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _asn

PEERING_TYPES = ("AzurePrivatePeering", _asn.MICROSOFT_PEERING)


def _peering_type(value: str) -> str:
    if value not in PEERING_TYPES:
        raise AnsibleFilterError("peering_type must be AzurePrivatePeering or MicrosoftPeering (got %r)" % (value,))
    return value


def peer_asn_problem(asn: Any, peering_type: str = "AzurePrivatePeering") -> str | None:
    _peering_type(peering_type)
    if isinstance(asn, str) and asn.strip().isdigit():
        asn = int(asn.strip())
    why = _asn.refusal(asn)
    if why is None and peering_type == _asn.MICROSOFT_PEERING:
        why = _asn.microsoft_peering_refusal(asn)
    return why or ""


def microsoft_asn(peering_type: str = "AzurePrivatePeering") -> int:
    _peering_type(peering_type)
    return _asn.MICROSOFT_ASN


class FilterModule(object):
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"peer_asn_problem": peer_asn_problem, "microsoft_asn": microsoft_asn}
