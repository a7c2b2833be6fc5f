# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: link_problems
short_description: Why a model role's connections cannot be made (empty when they can)
version_added: 0.1.0
author: hybridnet.expressroute engineers
description:
  - For roles and playbooks that check their inputs before anything is written to Azure. Each connection links the
    circuit to a virtual network's ExpressRoute gateway (C(kind=vnet), the default; M(hybridnet.expressroute.connection))
    or to a Virtual WAN hub's ExpressRoute gateway (C(kind=vwan); M(hybridnet.expressroute.vwan_connection)); a
    circuit can have both.
  - "The rules the modules apply before any write: connection names unique; C(kind) vnet or vwan; a gateway named;
    C(routing_weight) 0-32000; for vwan, C(create_gateway) needs C(virtual_hub) and C(min_scale_units) (1-10, one
    unit is 2 Gbps; C(max_scale_units) 1-10 and not below it), C(private_link_fastpath) needs C(fastpath), and the
    keys that only virtual network links have (C(virtual_network), C(gateway_sku)) are refused."
positional: _input, option
options:
  _input:
    description: The connections (a list of dicts), as the model roles take them.
    type: list
    elements: dict
    required: true
  option:
    description: The option's name, for the messages (for example C(cloud_exchange_connections)).
    type: str
    default: connections
"""

EXAMPLES = r"""
- name: Refuse bad connections before anything is written
  ansible.builtin.assert:
    that: connections | hybridnet.expressroute.link_problems('cloud_exchange_connections') == []
    fail_msg: "{{ connections | hybridnet.expressroute.link_problems('cloud_exchange_connections') | join(' ') }}"
"""

RETURN = r"""
_value:
  description: One message per problem, each naming the connection, the key and the rule; empty when none.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _vwan
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

KINDS = ("vnet", "vwan")
# Keys of a virtual network link that a Virtual WAN link has no use for.
VNET_ONLY = ("virtual_network", "virtual_network_resource_group", "gateway_sku")
VWAN_ONLY = ("virtual_hub", "virtual_hub_resource_group", "min_scale_units", "max_scale_units",
             "allow_non_virtual_wan_traffic", "internet_security", "routing")


def _integer(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _check(rule, *args):
    try:
        rule(*args)
    except ValidationError as exc:
        return str(exc.message if hasattr(exc, "message") else exc)
    return None


def _problems(index, link, option):
    where = "{0}[{1}] ({2})".format(option, index, link.get("name") or "no name")
    kind = link.get("kind", "vnet")
    if kind not in KINDS:
        return ["{0}: kind {1!r} is not one of vnet (a virtual network's gateway) or vwan (a Virtual WAN hub's "
                "gateway).".format(where, kind)]
    found = []
    if not link.get("name"):
        found.append("{0}: name is required.".format(where))
    if not link.get("gateway"):
        found.append("{0}: gateway is required (the {1} gateway's name).".format(
            where, "Virtual WAN hub's ExpressRoute" if kind == "vwan" else "virtual network's ExpressRoute"))
    weight = link.get("routing_weight")
    if weight is not None:
        number = _integer(weight)
        found.append("{0}: routing_weight must be an integer; got {1!r}.".format(where, weight) if number is None
                     else _check(_vwan.check_routing_weight, number))
    others = VNET_ONLY if kind == "vwan" else VWAN_ONLY
    stray = [k for k in others if k in link]
    if stray:
        found.append("{0}: {1} {2} only for kind {3}; this connection is kind {4}.".format(
            where, ", ".join(stray), "is" if len(stray) == 1 else "are", "vnet" if kind == "vwan" else "vwan", kind))
    if kind == "vwan":
        found.extend(_vwan_problems(where, link))
    return [(p if p.startswith(option) else "{0}: {1}".format(where, p)) for p in found if p]


def _vwan_problems(where, link):
    found = []
    if link.get("private_link_fastpath") and not link.get("fastpath"):
        found.append(_check(_vwan.check_private_link, False, True))
    if link.get("create_gateway"):
        if not link.get("virtual_hub"):
            found.append("{0}: create_gateway needs virtual_hub (the hub the gateway is deployed in).".format(where))
        low, high = link.get("min_scale_units"), link.get("max_scale_units")
        numbers = [_integer(v) if v is not None else None for v in (low, high)]
        if (low is not None and numbers[0] is None) or (high is not None and numbers[1] is None):
            found.append("{0}: min_scale_units and max_scale_units must be integers.".format(where))
        else:
            found.append(_check(_vwan.check_scale_units, numbers[0], numbers[1]))
    routing = link.get("routing")
    if routing is not None and not isinstance(routing, dict):
        found.append("{0}: routing must be a dict (associated_route_table, propagated_route_tables, "
                     "propagated_route_table_labels, inbound_route_map, outbound_route_map).".format(where))
    return found


def link_problems(connections, option="connections"):
    if not isinstance(connections, list) or not all(isinstance(c, dict) for c in connections):
        raise AnsibleFilterError("link_problems expects a list of dicts (the connections); got %r" % (connections,))
    found = []
    names = [c.get("name") for c in connections if c.get("name")]
    for name in sorted({n for n in names if names.count(n) > 1}):
        found.append("{0}: the connection name {1} is used more than once; names are unique.".format(option, name))
    for index, link in enumerate(connections):
        found.extend(_problems(index, link, option))
    return found


class FilterModule(object):
    def filters(self):
        return {"link_problems": link_problems}
