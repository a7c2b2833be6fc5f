#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: peering
short_description: Configure the private and Microsoft peerings of an ExpressRoute circuit
version_added: 0.1.0
description:
  - Creates, updates and deletes the BGP peerings of a circuit, AzurePrivatePeering (to your virtual networks) and
    MicrosoftPeering (to Microsoft 365 and Azure public services), over IPv4 and optionally IPv6.
  - Every rule Azure documents is checked before anything is written, and the error names the option and the rule
    (arm_expressroute.md §3) - the provider must have provisioned the circuit; two /30 (IPv6 /126) link prefixes, or one
    /29 (/125) the module splits; a VLAN ID no other peering of the circuit uses; link prefixes that overlap no other
    peering; no Azure-reserved AS number (65515-65520), no documentation (64496-64511, 65536-65551), Microsoft (12076),
    AS_TRANS (23456), 0, 65535 or 4294967295 AS number (the router model refuses the same), no private AS number on
    Microsoft peering; an MD5 key of at most 25 letters and digits; public addresses, public advertised prefixes and no default
    route on Microsoft peering. AzurePublicPeering is refused (Azure no longer creates it; an existing one can still
    be removed).
  - A private peering that Global Reach links use is not removed; remove the links first
    (M(hybridnet.expressroute.global_reach)). One that a virtual network connection uses is refused by Azure, which
    the module cannot see beforehand (the connection may live in another subscription); check mode cannot predict
    that refusal.
  - The peering's name is its type, as Azure, the Azure CLI and Terraform name them.
  - Reads the circuit once (it carries its peerings); a run that changes nothing makes that one read.
  - On a circuit on a Dot1Q ExpressRoute Direct port (M(hybridnet.expressroute.port)) a new O(vlan_id) must be free
    on the whole port; the module reads the port and its other circuits to check it before anything is written.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  require_provider_provisioned:
    description:
      - Refuse to configure the peering while the provider has not provisioned the circuit (Microsoft's documented
        order, and the message names the service key and the provider).
      - V(false) skips this check, for circuits whose provider set-up is already under way; Azure itself has been
        seen to accept peerings on a circuit that is not provisioned.
    type: bool
    default: true
  route_filter:
    description:
      - The route filter (name in O(route_filter_resource_group), or resource id) selecting the Microsoft services
        whose prefixes Microsoft advertises; Microsoft peering advertises nothing without one. MicrosoftPeering only.
      - V("") detaches the filter (before the filter is deleted, or the provider deprovisions the circuit).
    type: str
  route_filter_resource_group:
    description: Resource group of O(route_filter) when given by name; default O(resource_group).
    type: str
  # Restated whole from the peering fragment (ansible-core merges fragment
  # options one level deep) for its extra suboption route_filter.
  ipv6:
    description: The peering's IPv6 configuration.
    type: dict
    suboptions:
      state:
        description: V(absent) removes the IPv6 configuration.
        type: str
        choices: [present, absent]
        default: present
      primary_prefix:
        description: The primary link's /126.
        type: str
      secondary_prefix:
        description: The secondary link's /126.
        type: str
      prefix:
        description: One /125, split into the two /126s.
        type: str
      peering_state:
        description: Administrative state of the IPv6 sessions.
        type: str
        choices: [Enabled, Disabled]
        default: Enabled
      microsoft_peering:
        description: The IPv6 Microsoft peering configuration (MicrosoftPeering only); as O(microsoft_peering).
        type: dict
        suboptions:
          advertised_public_prefixes:
            description: Public IPv6 prefixes you advertise.
            type: list
            elements: str
            required: true
          advertised_communities:
            description: Communities you attach to them.
            type: list
            elements: str
          customer_asn:
            description: The customer's AS number.
            type: int
          routing_registry_name:
            description: The registry the prefixes are registered in.
            type: str
            choices: [ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3, NONE]
            default: NONE
      route_filter:
        description: Route filter (name or id) for the IPv6 Microsoft peering.
        type: str
extends_documentation_fragment:
  - hybridnet.expressroute.circuit_child
  - hybridnet.expressroute.peering
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Private peering from one /29, with an MD5 key from the vault
  hybridnet.expressroute.peering:
    circuit: er-ams-01
    resource_group: rg-expressroute
    peering_type: AzurePrivatePeering
    peer_asn: 65020
    prefix: 192.168.100.128/29          # .128/30 primary, .132/30 secondary
    vlan_id: 100
    shared_key: "{{ vault_er_md5_key }}"
  register: private

# Microsoft peering needs public addresses and a public AS number registered to
# you (the values are Microsoft's documentation example).
- name: Microsoft peering with a route filter for Exchange Online
  hybridnet.expressroute.peering:
    circuit: er-ams-01
    resource_group: rg-expressroute
    peering_type: MicrosoftPeering
    peer_asn: 100
    primary_prefix: 123.0.0.0/30
    secondary_prefix: 123.0.0.4/30
    vlan_id: 300
    microsoft_peering:
      advertised_public_prefixes: [124.1.0.0/24]
      customer_asn: 23
      routing_registry_name: ARIN
    route_filter: rf-exchange

- name: Remove the Microsoft peering
  hybridnet.expressroute.peering:
    circuit: er-ams-01
    resource_group: rg-expressroute
    peering_type: MicrosoftPeering
    state: absent
"""

RETURN = r"""
recovery:
  description:
    - What the task found on the resource before planning, and what it did about it. C(action=waited) is an operation
      already running on it (C(found) C(Updating) or C(Deleting)) that the task waited for, with C(reads),
      C(seconds) and its C(outcome); C(not_waited) is the same found in check mode or with O(wait=false), planned
      against as it was. C(reapplied) is a resource whose last operation failed (C(found=Failed)), written again with
      its settings the way Azure recovers it; C(would_reapply) in check mode.
    - C(msg) says the same in words.
  returned: when the task found an operation running on the resource, or the resource Failed
  type: list
  elements: dict
  sample: [{"resource": "AzurePrivatePeering of circuit er-ams-01", "found": "Failed", "action": "reapplied"}]
peering:
  description:
    - The peering after the task (predicted in check mode); null when absent. Never contains the MD5 key.
    - The shape the router configuration filter P(hybridnet.expressroute.router_model#filter) reads.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: The peering's name (its type).
      type: str
    circuit:
      description: The circuit's name.
      type: str
    resource_group:
      description: The circuit's resource group.
      type: str
    peering_type:
      description: C(AzurePrivatePeering) or C(MicrosoftPeering).
      type: str
    state:
      description: C(Enabled) or C(Disabled).
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
    peer_asn:
      description: Your AS number.
      type: int
    azure_asn:
      description: Microsoft's AS number (12076).
      type: int
    vlan_id:
      description: VLAN ID (C-tag).
      type: int
    primary_prefix:
      description: Primary link /30.
      type: str
    secondary_prefix:
      description: Secondary link /30.
      type: str
    primary_azure_port:
      description: Microsoft's port of the primary link.
      type: str
    secondary_azure_port:
      description: Microsoft's port of the secondary link.
      type: str
    shared_key_set:
      description: Whether an MD5 key is configured.
      type: bool
    route_filter_id:
      description: The attached route filter.
      type: str
    microsoft_peering_config:
      description: MicrosoftPeering only (C(advertised_public_prefixes), C(advertised_communities), C(customer_asn),
        C(routing_registry_name), C(advertised_public_prefixes_state)).
      type: dict
    ipv6:
      description: The IPv6 configuration (C(primary_prefix), C(secondary_prefix), C(state), C(route_filter_id),
        C(microsoft_peering_config)), or null.
      type: dict
actions_required:
  description:
    - What you must do before the peering works, one sentence each (also shown as warnings); empty when nothing waits.
    - A Microsoft peering whose advertised public prefixes are V(ValidationNeeded) waits for Microsoft to validate
      that you own them; its BGP session stays down until then. The task does not fail and a re-run changes nothing.
  returned: when O(state=present)
  type: list
  elements: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from typing import Any

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _diff,
    _global_reach,
    _lifecycle,
    _peering,
    _port,
    _shapes,
    _validate,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ValidationError,
    get_or_none,
    is_not_found,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

REGISTRIES = list(_peering.ROUTING_REGISTRIES)
MICROSOFT_SPEC = dict(
    advertised_public_prefixes=dict(type="list", elements="str", required=True),
    advertised_communities=dict(type="list", elements="str"),
    customer_asn=dict(type="int"),
    routing_registry_name=dict(type="str", choices=REGISTRIES, default="NONE"),
)
ARGUMENT_SPEC = dict(
    circuit=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    peering_type=dict(
        type="str", required=True, choices=["AzurePrivatePeering", "MicrosoftPeering", "AzurePublicPeering"]
    ),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    require_provider_provisioned=dict(type="bool", default=True),
    peering_state=dict(type="str", choices=["Enabled", "Disabled"]),
    peer_asn=dict(type="int"),
    primary_prefix=dict(type="str"),
    secondary_prefix=dict(type="str"),
    prefix=dict(type="str"),
    vlan_id=dict(type="int"),
    shared_key=dict(type="str", no_log=True),
    microsoft_peering=dict(type="dict", options=MICROSOFT_SPEC),
    route_filter=dict(type="str"),
    route_filter_resource_group=dict(type="str"),
    ipv6=dict(
        type="dict",
        options=dict(
            state=dict(type="str", choices=["present", "absent"], default="present"),
            primary_prefix=dict(type="str"),
            secondary_prefix=dict(type="str"),
            prefix=dict(type="str"),
            peering_state=dict(type="str", choices=["Enabled", "Disabled"], default="Enabled"),
            microsoft_peering=dict(type="dict", options=MICROSOFT_SPEC),
            route_filter=dict(type="str"),
        ),
    ),
)


def route_filter_id(module, value):
    if value is None:
        return None
    if value == "":
        return _peering.DETACH
    if value.startswith("/"):
        parsed = _shapes.parse_id(value)
        if not parsed or [segment[0].lower() for segment in parsed["path"]] != ["routefilters"]:
            raise ValidationError(
                "route_filter '{0}' is neither a route filter name nor a route filter id (/subscriptions/<id>/"
                "resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>).".format(value)
            )
        return value
    group = module.params["route_filter_resource_group"] or module.params["resource_group"]
    return "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/routeFilters/{2}".format(
        module.subscription_id, group, value
    )


def require_route_filter(module, client, filter_id):
    """A route filter that is about to be attached must exist.  One in another
    subscription is left to Azure: this client reads only its own."""
    parsed = _shapes.parse_id(filter_id)
    if parsed["subscription"].lower() != module.subscription_id.lower():
        return
    try:
        client.route_filters.get(parsed["resource_group"], parsed["path"][-1][1])
    except Exception as exc:
        if is_not_found(exc):
            raise ValidationError(
                "route_filter {0} does not exist; create it first with hybridnet.expressroute.route_filter.".format(
                    filter_id
                )
            ) from exc
        raise


def attached_filters(view):
    """The route filters (IPv4 and IPv6) a managed view attaches."""
    view = view or {}
    return {view.get("route_filter_id"), (view.get("ipv6") or {}).get("route_filter_id")}


def find_peering(circuit_model, peering_type):
    """The peering of that type in the circuit (SDK model), or None."""
    for model in (circuit_model.peerings or []) if circuit_model is not None else []:
        if (model.name or "").lower() == peering_type.lower():
            return model
    return None


def check_not_linked(model, circuit_name):
    """Azure refuses to delete a private peering that Global Reach links use
    (its own and those other circuits made to it); say so before trying."""
    links = [link.name for link in (model.connections or [])]
    links += [link.name for link in (getattr(model, "peered_connections", None) or [])]
    if links:
        raise ValidationError(
            "{0} of circuit {1} is used by Global Reach link(s) {2}: remove them first "
            "(hybridnet.expressroute.global_reach state absent), then the peering.".format(
                model.name, circuit_name, ", ".join(sorted(links))
            )
        )


def check_provisioned(circuit):
    """Microsoft's documented order: the provider provisions the circuit,
    then its peerings are configured."""
    if circuit["service_provider_provisioning_state"] != "Provisioned":
        raise ValidationError(
            "Circuit {0} is not provisioned by its connectivity provider yet (serviceProviderProvisioningState "
            "{1}): give {2} the service key {3} and wait until they have provisioned it (circuit module option "
            "wait_for_provider: Provisioned); peerings can be configured only then.".format(
                circuit["name"],
                circuit["service_provider_provisioning_state"],
                circuit["provider"],
                circuit["service_key"],
            ),
            service_key=circuit["service_key"],
            provider=circuit["provider"],
        )


def check_port_vlan(module, circuit, vlan_id):
    """A circuit on a Dot1Q ExpressRoute Direct port: its VLAN ID must be
    free on the whole port (_port.check_dot1q_vlan).  Reads the port and its
    other circuits, only when the VLAN ID is new."""
    parsed = _shapes.parse_id(circuit["express_route_port"])
    port_model = get_or_none(
        module.network(parsed["subscription"]).express_route_ports.get, parsed["resource_group"], parsed["path"][0][1]
    )
    if port_model is None:
        return
    port = _port.port_result(port_model)
    others = []
    for circuit_id in port["circuits"]:
        if circuit_id.lower() == str(circuit["id"]).lower():
            continue
        other = _shapes.parse_id(circuit_id)
        model = get_or_none(
            module.network(other["subscription"]).express_route_circuits.get,
            other["resource_group"],
            other["path"][0][1],
        )
        if model is not None:
            others.append(_shapes.circuit_result(model))
    _port.check_dot1q_vlan(port, circuit["name"], vlan_id, others)


def absent(module, client, model, current, circuit_name):
    p = module.params
    if current is None:
        return dict(changed=False, peering=None, diff=_diff.diff(None, None))
    check_not_linked(model, circuit_name)
    if not module.check_mode:
        module.run_operation(
            lambda polling: client.express_route_circuit_peerings.begin_delete(
                p["resource_group"], p["circuit"], current["name"], polling=polling
            ),
            "delete {0} of circuit {1}".format(current["name"], p["circuit"]),
        )
    return dict(
        changed=True, peering=None, diff=_diff.diff(_peering.managed_view(current), None, _peering.MANAGED_FIELDS)
    )


def desired_state(module):
    """The managed fields asked for (None = leave as is), validated."""
    return _peering.desired_peering(module.params, lambda value: route_filter_id(module, value))


def predicted(current, after, p):
    return _peering.predicted(
        current, after, {"name": p["peering_type"], "circuit": p["circuit"], "resource_group": p["resource_group"]}
    )


def already_as_asked(client, p, desired):
    """The result of a no-op, from one read of the peering itself, when Azure
    has it settled and as asked; else None, and the circuit is read (its
    other peerings, its provider state and its Global Reach links matter only
    to a write). A no-op so costs one GET of the peering, not of the circuit
    a role has read already: one GET per resource."""
    model = get_or_none(client.express_route_circuit_peerings.get, p["resource_group"], p["circuit"], p["peering_type"])
    if model is None or _lifecycle.provisioning_state(model) != "Succeeded":
        return None
    current = _shapes.peering_result(model, p["circuit"], p["resource_group"])
    before = _peering.managed_view(current)
    if _peering.plan(before, desired, _peering.shared_key_after(p["shared_key"], model.shared_key)) != before:
        return None
    return dict(changed=False, diff=_diff.diff(before, before, _peering.MANAGED_FIELDS), peering=current)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["circuit"], "circuit", "ExpressRoute circuit")
    _peering.check_peering_type(p["peering_type"], p["state"])
    if p["state"] == "present":
        desired = desired_state(module)
        _peering.check_shared_key(p["shared_key"] or None)
    client = module.network()
    result: dict[str, Any] | None = already_as_asked(client, p, desired) if p["state"] == "present" else None
    if result is not None:
        result["actions_required"] = _peering.prefix_validation_actions(result["peering"])
        for action in result["actions_required"]:
            module.warn(action)
        return result
    what = "{0} of circuit {1}".format(p["peering_type"], p["circuit"])
    # An operation still running on the peering is waited for (a re-run
    # resumes); the circuit's GET carries it.
    circuit_model = module.settled(
        lambda: get_or_none(client.express_route_circuits.get, p["resource_group"], p["circuit"]),
        what,
        lambda c: _lifecycle.provisioning_state(find_peering(c, p["peering_type"])),
    )
    if circuit_model is None:
        if p["state"] == "absent":
            return dict(changed=False, peering=None, diff=_diff.diff(None, None))
        raise ValidationError(
            "circuit {0} does not exist in resource group {1}; create it first with "
            "hybridnet.expressroute.circuit.".format(p["circuit"], p["resource_group"])
        )
    circuit = _shapes.circuit_result(circuit_model)
    model = find_peering(circuit_model, p["peering_type"])
    current = _shapes.peering_result(model, circuit["name"], circuit["resource_group"]) if model else None
    before = _peering.managed_view(current)

    if p["state"] == "absent":
        return absent(module, client, model, current, circuit["name"])

    if p["require_provider_provisioned"]:
        check_provisioned(circuit)
    if current is None:
        _peering.check_create(p, desired, "circuit " + p["circuit"])
    _peering.check_siblings(p["peering_type"], desired, circuit["peerings"])

    key_after = _peering.shared_key_after(p["shared_key"], model.shared_key if model else None)
    after = _peering.plan(before, desired, key_after)
    _peering.check_global_reach_overlap(
        p["peering_type"],
        after,
        before,
        _global_reach.links(find_peering(circuit_model, _global_reach.PRIVATE_PEERING)),
        circuit["name"],
    )
    if circuit.get("express_route_port") and after["vlan_id"] != (before or {}).get("vlan_id"):
        check_port_vlan(module, circuit, after["vlan_id"])
    diff = _diff.diff(before, after, _peering.MANAGED_FIELDS)
    # A peering whose last operation failed is written again (_lifecycle).
    recover = current is not None and module.reapplies(current["provisioning_state"], what, diff)
    changed = before != after or recover
    for filter_id in attached_filters(after) - attached_filters(before) - {None}:
        require_route_filter(module, client, filter_id)
    result = dict(changed=changed, diff=diff, peering=current)
    if changed:
        if module.check_mode:
            result["peering"] = predicted(current, after, p)
        else:
            body = _peering.build_model(model, after, None if key_after is _peering.KEEP else p["shared_key"])
            final = module.run_operation(
                lambda polling: client.express_route_circuit_peerings.begin_create_or_update(
                    p["resource_group"], p["circuit"], p["peering_type"], body, polling=polling
                ),
                "{0} {1} of circuit {2}".format("update" if model else "create", p["peering_type"], p["circuit"]),
            )
            result["peering"] = (
                _shapes.peering_result(final, circuit["name"], circuit["resource_group"])
                if final is not None
                else predicted(current, after, p)
            )
    # Not a failure: Azure has the peering; Microsoft waits for the owner.
    result["actions_required"] = _peering.prefix_validation_actions(result["peering"])
    for action in result["actions_required"]:
        module.warn(action)
    return result


def main():
    module = AzureModule(
        argument_spec=ARGUMENT_SPEC,
        supports_check_mode=True,
        mutually_exclusive=[("prefix", "primary_prefix"), ("prefix", "secondary_prefix")],
    )
    module.execute(run, "manage {0} of circuit {1}".format(module.params["peering_type"], module.params["circuit"]))


if __name__ == "__main__":
    main()
