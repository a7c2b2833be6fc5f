# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: connectivity_problems
short_description: What is wrong with a connectivity-model role's input, before anything is written to Azure
version_added: 0.2.0
author: hybridnet.expressroute engineers
description:
  - The connectivity-model roles' pre-flight check. It asks the rules the modules and the router model apply
    (module_utils - the peering, connection, gateway, route-filter and name rules, and the router model with every
    dialect), never a copy of them, so the role refuses a bad peering, connection, gateway, router or dialect input
    before it orders the circuit.
  - Every message names the role variable (for example C(cloud_exchange_private_peering.vlan_id)), the rule and the
    fix. MD5 keys are never part of a message.
positional: _input, peerings_by, device_role, default_interfaces, router_options, stage
options:
  _input:
    description: The role's C(connectivity) mapping (the model roles build it from their prefixed variables).
    type: dict
    required: true
  peerings_by:
    description:
      - Who configures the peerings - V(customer) (Layer 2), V(provider_api) (this role, as the provider) or
        V(provider) (the provider, on its own; its link prefixes and ASN may then be left out).
    type: str
    required: true
  device_role:
    description: The router_config device role (V(ce) or V(pe_vrf)).
    type: str
    default: ce
  default_interfaces:
    description: The router_config role's C(router_config_default_interfaces) (interface names per dialect).
    type: dict
  router_options:
    description:
      - The options the role gives the router_model filter (with the offering's hand-off encapsulation); defaults to
        C(router.model_options) of O(_input).
    type: dict
  stage:
    description:
      - Which rules to run - V(inputs) (peerings, connections, gateways, dialects), V(router) (the router model built
        from the peerings and router options, for every dialect; nothing when an input is already refused) or
        V(all). The roles run V(inputs) before the hand-off check and V(router) after it, so that a bad hand-off
        option gets its own message rather than one from the model built on it.
    type: str
    default: all
    choices: [all, inputs, router]
"""

EXAMPLES = r"""
- name: Refuse bad input before the first write
  vars:
    problems: "{{ connectivity | hybridnet.expressroute.connectivity_problems('customer', 'ce') }}"
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join(' ') }}"
"""

RETURN = r"""
_value:
  description: One message per problem (empty when the input can be applied).
  type: list
  elements: str
"""

from typing import Any

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _connection,
    _gateway,
    _peering,
    _route_filter,
    _validate,
    _vwan,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError
from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import (
    DIALECTS,
    RouterModelError,
    build_router_models,
    group_devices,
)

PEERINGS = (("private_peering", "AzurePrivatePeering"), ("microsoft_peering", "MicrosoftPeering"))
# Stand-in link prefixes (RFC 5737 TEST-NET-1) for checking the router options of a private peering whose links
# the provider chooses: only the options are judged, never these addresses.
STAND_IN_LINKS = ("192.0.2.0/30", "192.0.2.4/30")
STAND_IN_STAG = 2


class _Problems(list):
    def check(self, variable, rule, *args, **kwargs):
        """Run one module_utils rule; its message gets the role variable in front unless it already names it."""
        try:
            return rule(*args, **kwargs)
        except (ValidationError, RouterModelError) as exc:
            message = str(exc)
            self.append(message if message.startswith(variable) else "{0}.{1}".format(variable, message))
            return None


def _integer(problems, variable, value, what):
    """A whole number (Ansible may hand one over as a string), or None after a problem."""
    if value is None or isinstance(value, bool):
        problems.append("{0} {1!r} is not {2}: give a whole number.".format(variable, value, what))
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    problems.append("{0} {1!r} is not {2}: give a whole number.".format(variable, value, what))
    return None


def _given(problems, variable, value, fix):
    """False, after a problem naming the variable, when a required input is missing or empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append("{0} is missing: {1}.".format(variable, fix))
        return False
    return True


def _peering_links(problems, variable, peering, peering_type):
    """(primary, secondary) from prefix or primary_prefix/secondary_prefix, checked by the peering module's rule."""
    links = problems.check(
        variable,
        _peering.link_prefixes,
        peering.get("primary_prefix"),
        peering.get("secondary_prefix"),
        peering.get("prefix"),
        4,
        where=variable + ".",
    )
    if links and peering_type == "MicrosoftPeering":
        problems.check(variable, _peering.check_public_links, links, where=variable + ".")
    return links or (None, None)


def _peerings(problems, connectivity, peerings_by):
    """Check both peerings; returns {peering_type: predicted peering} for the router-model check."""
    model = connectivity["model"]
    given = {peering_type: connectivity.get(kind) or {} for kind, peering_type in PEERINGS}
    predicted = {}
    for kind, peering_type in PEERINGS:
        peering = given[peering_type]
        if not peering:
            continue
        variable = "{0}_{1}".format(model, kind)
        if not isinstance(peering, dict):
            problems.append(
                "{0} must be a mapping (peer_asn, vlan_id, prefix, ...), got {1}.".format(
                    variable, type(peering).__name__
                )
            )
            continue
        by_provider = peerings_by == "provider"
        asn = vlan = None
        if peering.get("peer_asn") is not None or not by_provider:
            asn = _integer(problems, variable + ".peer_asn", peering.get("peer_asn"), "an AS number")
            if asn is not None:
                problems.check(variable, _peering.check_asn, asn, peering_type, variable + ".peer_asn")
        if peering.get("vlan_id") is not None or not by_provider:
            vlan = _integer(problems, variable + ".vlan_id", peering.get("vlan_id"), "a VLAN ID")
            if vlan is not None:
                siblings = [
                    {"name": other, "vlan_id": _as_int(given[other].get("vlan_id"))}
                    for other in given
                    if other != peering_type and isinstance(given[other], dict)
                ]
                problems.check(variable, _peering.check_vlan, vlan, peering_type, siblings)
        key = peering.get("shared_key")
        if key not in (None, ""):
            problems.check(variable, _peering.check_shared_key, str(key))
        links = _peering_links(problems, variable, peering, peering_type)
        if peering_type == "MicrosoftPeering" and (not by_provider or peering.get("advertised_public_prefixes")):
            problems.check(
                variable,
                _peering.microsoft_config,
                {
                    "advertised_public_prefixes": peering.get("advertised_public_prefixes"),
                    "customer_asn": _as_int(peering.get("customer_asn")),
                    "routing_registry_name": peering.get("routing_registry_name"),
                },
                peering_type,
                variable + ".",
            )
            route_filter = peering.get("route_filter")
            if isinstance(route_filter, dict):
                problems.check(
                    variable,
                    _route_filter.check_entries,
                    route_filter.get("communities"),
                    variable + ".route_filter.communities",
                )
        predicted[peering_type] = {
            "name": peering_type,
            "peering_type": peering_type,
            "state": "Enabled",
            "peer_asn": asn,
            "vlan_id": vlan,
            "primary_prefix": links[0],
            "secondary_prefix": links[1],
            "shared_key_set": key not in (None, ""),
            "microsoft_peering_config": {"advertised_public_prefixes": peering.get("advertised_public_prefixes") or []},
            # The IPv6 part as the role gives it to the peering module: the router model judges IPv6 prefixes to
            # advertise against it (without it a dual-stack peering's IPv6 prefixes were refused pre-flight).
            "ipv6": peering.get("ipv6") if isinstance(peering.get("ipv6"), dict) else None,
        }
    # Link prefixes of one circuit's peerings must not overlap (the peering module's rule).
    if len(predicted) == 2:
        private, microsoft = predicted["AzurePrivatePeering"], predicted["MicrosoftPeering"]
        problems.check(
            "{0}_microsoft_peering".format(model),
            _peering.check_no_overlap,
            "MicrosoftPeering",
            [microsoft["primary_prefix"], microsoft["secondary_prefix"]],
            [private],
        )
    return predicted


def _as_int(value):
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _connections(problems, connectivity):
    model = connectivity["model"]
    connections = connectivity.get("connections") or []
    if not isinstance(connections, list):
        problems.append("{0}_connections must be a list of connections (name, gateway, ...).".format(model))
        return
    names = set()
    for index, connection in enumerate(connections):
        variable = "{0}_connections[{1}]".format(model, index)
        if not isinstance(connection, dict):
            problems.append("{0} must be a mapping (name, gateway, ...).".format(variable))
            continue
        name = connection.get("name")
        problems.check(variable, _validate.network_name, name, variable + ".name", "connection")
        if name in names:
            problems.append(
                "{0}.name {1} is used twice in {2}_connections: each connection needs its own name.".format(
                    variable, name, model
                )
            )
        names.add(name)
        # Per connection: a virtual network's gateway (kind vnet, the default) or a Virtual WAN hub's (vwan).
        kind_problems = _vwan.link_kind_problems(variable, connection)
        if kind_problems or connection.get("kind") == "vwan":
            problems.extend(kind_problems or _vwan.vwan_link_problems(variable, connection))
            continue
        if _given(
            problems,
            variable + ".gateway",
            connection.get("gateway"),
            "name the ExpressRoute gateway of the virtual network to link (create_gateway: true creates it)",
        ):
            problems.check(
                variable,
                _validate.network_name,
                connection["gateway"],
                variable + ".gateway",
                "virtual network gateway",
            )
        for option in ("resource_group", "gateway_resource_group", "virtual_network_resource_group"):
            if connection.get(option):
                problems.check(variable, _validate.resource_group, connection[option], variable + "." + option)
        if connection.get("create_gateway") in (True, "true", "True", "yes"):
            if _given(
                problems,
                variable + ".virtual_network",
                connection.get("virtual_network"),
                "name the virtual network the gateway to create goes into (its GatewaySubnet)",
            ):
                problems.check(
                    variable,
                    _validate.network_name,
                    connection["virtual_network"],
                    variable + ".virtual_network",
                    "virtual network",
                )
            problems.check(
                variable,
                _validate.choice,
                connection.get("gateway_sku") or "ErGw1AZ",
                _gateway.SKUS,
                variable + ".gateway_sku",
            )
        if connection.get("routing_weight") is not None:
            weight = _integer(problems, variable + ".routing_weight", connection["routing_weight"], "a routing weight")
            if weight is not None:
                problems.check(variable, _connection.check_routing_weight, weight)


def _dialects(problems, connectivity):
    router = connectivity.get("router") or {}
    unknown = [d for d in router.get("dialects") or [] if d not in DIALECTS]
    if unknown:
        problems.append(
            "{0}_router.dialects {1} {2} not a dialect the router_config role renders: choose from {3}.".format(
                connectivity["model"],
                ", ".join(map(str, unknown)),
                "is" if len(unknown) == 1 else "are",
                ", ".join(DIALECTS),
            )
        )


def _router(problems, connectivity, predicted, peerings_by, device_role, default_interfaces, router_options):
    model = connectivity["model"]
    router = connectivity.get("router") or {}
    dialects = router.get("dialects") or []
    variable = "{0}_router".format(model)
    if not dialects or not predicted or problems:
        return  # a peering already refused would only repeat itself here
    peerings = []
    for peering_type, peering in sorted(predicted.items()):
        if peering["peer_asn"] is None or peering["vlan_id"] is None:
            continue  # the provider's to choose: nothing to judge the options against
        if not peering["primary_prefix"]:
            if peering_type != "AzurePrivatePeering" or peerings_by != "provider":
                continue  # already refused above
            peering = dict(peering, primary_prefix=STAND_IN_LINKS[0], secondary_prefix=STAND_IN_LINKS[1])
        peerings.append(peering)
    if not peerings:
        return
    private = connectivity.get("private_peering") or {}
    microsoft = connectivity.get("microsoft_peering") or {}
    # What router_configs.yml gives the router_model filter for each peering.
    per_peering: dict[str, dict[str, Any]] = {"AzurePrivatePeering": {}, "MicrosoftPeering": {}}
    for name, given, extra in (
        ("AzurePrivatePeering", private, "advertise"),
        ("MicrosoftPeering", microsoft, "nat_pool"),
    ):
        if given.get("shared_key"):
            per_peering[name]["md5_key"] = str(given["shared_key"])
        if given.get(extra) is not None:
            per_peering[name][extra] = given[extra]
    options = dict(router_options if router_options is not None else router.get("model_options") or {})
    options["per_peering"] = per_peering
    # The S-tag is Azure's to choose when the provider provisions the circuit: a stand-in, so that options such as
    # encapsulation s_tag: circuit are judged; the rendered configuration takes the real one.
    circuit = {
        "name": connectivity.get("circuit_name"),
        "tier": connectivity.get("sku_tier") or "Standard",
        "stag": STAND_IN_STAG,
    }
    models = problems.check(variable, build_router_models, peerings, circuit, options)
    if models:
        problems.check(variable, group_devices, models, list(dialects), device_role, default_interfaces)


def connectivity_problems(
    connectivity, peerings_by, device_role="ce", default_interfaces=None, router_options=None, stage="all"
):
    if not isinstance(connectivity, dict) or "model" not in connectivity:
        raise AnsibleFilterError("connectivity_problems takes the role's connectivity mapping")
    if peerings_by not in ("customer", "provider_api", "provider"):
        raise AnsibleFilterError("peerings_by must be customer, provider_api or provider (got %r)" % (peerings_by,))
    if stage not in ("all", "inputs", "router"):
        raise AnsibleFilterError("stage must be all, inputs or router (got %r)" % (stage,))
    problems = _Problems()
    predicted = _peerings(problems, connectivity, peerings_by)
    _connections(problems, connectivity)
    _dialects(problems, connectivity)
    if stage == "inputs":
        return list(problems)
    if stage == "router" and problems:
        return []  # the inputs stage has refused these
    _router(problems, connectivity, predicted, peerings_by, device_role, default_interfaces, router_options)
    return list(problems)


class FilterModule(object):
    def filters(self):
        return {"connectivity_problems": connectivity_problems}
