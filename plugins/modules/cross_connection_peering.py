#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cross_connection_peering
short_description: Configure a circuit's peerings as its connectivity provider (managed Layer 3)
version_added: 0.1.0
description:
  - For managed Layer 3 offerings (IPVPN, many point-to-point services) the connectivity provider runs BGP with
    Microsoft and configures the circuit's peerings from its own subscription, through the cross-connection
    (C(expressRouteCrossConnections/{service key}/peerings/{peering type})). The customer sees the same peering on
    the circuit (M(hybridnet.expressroute.peering_info)), marked C(last_modified_by=ServiceProvider).
  - The options and rules are those of M(hybridnet.expressroute.peering), checked before anything is written; the
    checks are the same code. The cross-connection must be V(Provisioned)
    (M(hybridnet.expressroute.cross_connection)); two /30 (IPv6 /126) link prefixes, or one /29 (/125) the module
    splits; a VLAN ID no other peering of the circuit uses; link prefixes that overlap no other peering; no
    Azure-reserved (65515-65520), documentation (64496-64511, 65536-65551), Microsoft (12076), AS_TRANS (23456), 0,
    65535 or 4294967295 AS number (the router model refuses the same), no private AS number on Microsoft peering; an
    MD5 key of at most 25 letters and digits; public links and public advertised prefixes (no default route) on
    Microsoft peering. AzurePublicPeering is refused.
  - The provider's peering model has no route filter (the customer chooses the Microsoft services); Azure keeps the
    one the customer attached, and this module never changes it.
  - The cross-connection is found by O(service_key) (or O(cross_connection) and O(resource_group)); it carries its
    peerings, so a run that changes nothing makes that one read (a list of the subscription's cross-connections when
    looked up by O(service_key) alone).
  - O(subscription_id) (or E(AZURE_SUBSCRIPTION_ID)) is the provider's subscription.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  service_key:
    description: The circuit's service key, which names its cross-connection.
    type: str
  cross_connection:
    description: The cross-connection's name; needs O(resource_group).
    type: str
  resource_group:
    description: The cross-connection's resource group in the provider's subscription.
    type: str
extends_documentation_fragment:
  - hybridnet.expressroute.peering
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: The customer's private peering, run by the provider's PE
  hybridnet.expressroute.cross_connection_peering:
    subscription_id: "{{ provider_subscription_id }}"
    service_key: "{{ order.service_key }}"
    peering_type: AzurePrivatePeering
    peer_asn: 64900
    prefix: 192.168.100.128/29          # .128/30 primary, .132/30 secondary
    vlan_id: 100
    shared_key: "{{ vault_md5_key }}"

- name: Remove it
  hybridnet.expressroute.cross_connection_peering:
    subscription_id: "{{ provider_subscription_id }}"
    service_key: "{{ order.service_key }}"
    peering_type: AzurePrivatePeering
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
    - The peering after the task (predicted in check mode), null when absent; never the MD5 key.
    - The shape M(hybridnet.expressroute.peering) returns (C(circuit) and C(resource_group) are the customer's
      circuit), plus C(cross_connection) (its name) and C(last_modified_by).
  returned: always
  type: dict
  contains:
    id:
      description: Resource id (under the cross-connection).
      type: str
    name:
      description: The peering's name (its type).
      type: str
    circuit:
      description: The customer's circuit.
      type: str
    resource_group:
      description: The circuit's resource group.
      type: str
    cross_connection:
      description: The cross-connection's name (the service key).
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
      description: The peer's AS number.
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
      description: Always null (the provider's view has no route filter).
      type: str
    microsoft_peering_config:
      description: MicrosoftPeering only (C(advertised_public_prefixes), C(advertised_communities), C(customer_asn),
        C(routing_registry_name), C(advertised_public_prefixes_state)).
      type: dict
    ipv6:
      description: The IPv6 configuration, or null.
      type: dict
    last_modified_by:
      description: C(Customer) or C(ServiceProvider).
      type: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _cross_connection,
    _diff,
    _lifecycle,
    _peering,
    _validate,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

REGISTRIES = list(_peering.ROUTING_REGISTRIES)
MICROSOFT_SPEC = dict(
    advertised_public_prefixes=dict(type="list", elements="str", required=True),
    advertised_communities=dict(type="list", elements="str"),
    customer_asn=dict(type="int"),
    routing_registry_name=dict(type="str", choices=REGISTRIES, default="NONE"),
)
ARGUMENT_SPEC = dict(
    # An identifier (the cross-connection's name, in every id), not a secret.
    service_key=dict(type="str", no_log=False),
    cross_connection=dict(type="str"),
    resource_group=dict(type="str"),
    peering_type=dict(
        type="str", required=True, choices=["AzurePrivatePeering", "MicrosoftPeering", "AzurePublicPeering"]
    ),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    peering_state=dict(type="str", choices=["Enabled", "Disabled"]),
    peer_asn=dict(type="int"),
    primary_prefix=dict(type="str"),
    secondary_prefix=dict(type="str"),
    prefix=dict(type="str"),
    vlan_id=dict(type="int"),
    shared_key=dict(type="str", no_log=True),
    microsoft_peering=dict(type="dict", options=MICROSOFT_SPEC),
    ipv6=dict(
        type="dict",
        options=dict(
            state=dict(type="str", choices=["present", "absent"], default="present"),
            primary_prefix=dict(type="str"),
            secondary_prefix=dict(type="str"),
            prefix=dict(type="str"),
            peering_state=dict(type="str", choices=["Enabled", "Disabled"], default="Enabled"),
            microsoft_peering=dict(type="dict", options=MICROSOFT_SPEC),
        ),
    ),
)
# The diff leaves out the route filter: the provider neither sees nor sets it.
DIFF_FIELDS = tuple(f for f in _peering.MANAGED_FIELDS if f != "route_filter_id")


def keep_customer_route_filter(desired, before):
    """Whatever IPv6 route filter the customer attached stays (the provider's
    options have none)."""
    if desired["ipv6"]:
        desired["ipv6"]["route_filter_id"] = ((before or {}).get("ipv6") or {}).get("route_filter_id")
    return desired


def find_peering(xc_model, peering_type):
    """The peering of that type in the cross-connection (SDK model), or None."""
    for model in (xc_model.peerings or []) if xc_model is not None else []:
        if (model.name or "").lower() == peering_type.lower():
            return model
    return None


def check_provisioned(xc):
    state = xc["service_provider_provisioning_state"]
    if state != "Provisioned":
        raise ValidationError(
            "Cross-connection {0} (service key of circuit {1}) is {2}: provision it first (cross_connection "
            "provisioning_state: Provisioned); peerings can be configured only on a provisioned circuit.".format(
                xc["name"], xc["circuit_id"], state
            ),
            service_key=xc["service_key"],
            service_provider_provisioning_state=state,
        )


def run(module):
    p = module.params
    _peering.check_peering_type(p["peering_type"], p["state"])
    service_key, name, group = _cross_connection.check_address(p, "cross_connection")
    if group:
        _validate.resource_group(group)
    if p["state"] == "present":
        desired = _peering.desired_peering(p)
        _peering.check_shared_key(p["shared_key"] or None)
    client = module.network()
    # An operation still running on the peering is waited for (a re-run
    # resumes); the cross-connection's read carries it.
    xc_model = module.settled(
        lambda: _cross_connection.find(client, service_key, name, group),
        "peering {0} of cross-connection {1}".format(p["peering_type"], service_key or name),
        lambda xc: _lifecycle.provisioning_state(find_peering(xc, p["peering_type"])),
    )
    if xc_model is None:
        if p["state"] == "absent":
            return dict(changed=False, peering=None, diff=_diff.diff(None, None))
        raise ValidationError(_cross_connection.not_found_message(service_key, name, group, module.subscription_id))
    xc = _cross_connection.result(xc_model)
    model = find_peering(xc_model, p["peering_type"])
    current = _cross_connection.peering_result(model, xc_model) if model else None
    before = _peering.managed_view(current)
    where = "peering {0} of cross-connection {1}".format(p["peering_type"], xc["name"])

    if p["state"] == "absent":
        if current is None:
            return dict(changed=False, peering=None, diff=_diff.diff(None, None))
        if not module.check_mode:
            module.run_operation(
                lambda polling: client.express_route_cross_connection_peerings.begin_delete(
                    xc["resource_group"], xc["name"], current["name"], polling=polling
                ),
                "delete " + where,
            )
        return dict(changed=True, peering=None, diff=_diff.diff(before, None, DIFF_FIELDS))

    check_provisioned(xc)
    if current is None:
        _peering.check_create(p, desired, "cross-connection " + xc["name"])
    _peering.check_siblings(p["peering_type"], desired, xc["peerings"])
    keep_customer_route_filter(desired, before)
    key_after = _peering.shared_key_after(p["shared_key"], model.shared_key if model else None)
    after = _peering.plan(before, desired, key_after)
    diff = _diff.diff(before, after, DIFF_FIELDS)
    # A peering whose last operation failed is written again (_lifecycle).
    recover = current is not None and module.reapplies(current["provisioning_state"], where, diff)
    changed = before != after or recover
    result = dict(changed=changed, diff=diff, peering=current)
    if not changed:
        return result
    new = {
        "name": p["peering_type"],
        "circuit": xc["circuit_name"],
        "resource_group": xc["circuit_resource_group"],
        "cross_connection": xc["name"],
        "last_modified_by": "ServiceProvider",
    }
    if module.check_mode:
        result["peering"] = dict(_peering.predicted(current, after, new), last_modified_by="ServiceProvider")
        return result
    body = _peering.build_model(
        model, after, None if key_after is _peering.KEEP else p["shared_key"], provider_view=True
    )
    final = module.run_operation(
        lambda polling: client.express_route_cross_connection_peerings.begin_create_or_update(
            xc["resource_group"], xc["name"], p["peering_type"], body, polling=polling
        ),
        "{0} {1}".format("update" if model else "create", where),
    )
    result["peering"] = (
        _cross_connection.peering_result(final, xc_model)
        if final is not None
        else _peering.predicted(current, after, new)
    )
    return result


def main():
    module = AzureModule(
        argument_spec=ARGUMENT_SPEC,
        supports_check_mode=True,
        mutually_exclusive=[("prefix", "primary_prefix"), ("prefix", "secondary_prefix")],
    )
    p = module.params
    module.execute(
        run,
        "manage {0} of cross-connection {1}".format(p["peering_type"], p["service_key"] or p["cross_connection"] or ""),
    )


if __name__ == "__main__":
    main()
