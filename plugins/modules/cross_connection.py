#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cross_connection
short_description: Provision a customer's ExpressRoute circuit as its connectivity provider
version_added: 0.1.0
description:
  - The connectivity provider's side of a circuit (C(Microsoft.Network/expressRouteCrossConnections), in the
    provider's subscription). Azure creates one for every circuit when the customer creates it, names it by the
    circuit's service key, and deletes it with the circuit; so this module never creates or deletes one.
  - Finds the cross-connection by the service key the customer gave you (or by name and resource group), moves its
    C(serviceProviderProvisioningState) and sets C(serviceProviderNotes). The customer sees both on the circuit.
  - A move Azure does not allow is refused before anything is written, with the allowed moves listed. From
    V(NotProvisioned) to V(Provisioning) or V(Provisioned); from V(Provisioning) to V(Provisioned) or
    V(NotProvisioned); from V(Provisioned) to V(Deprovisioning) or V(NotProvisioned); from V(Deprovisioning) to
    V(NotProvisioned).
  - Deprovisioning a circuit that still has peerings is allowed, as Azure documents it (the peerings stay, their BGP
    sessions go down, and they are deleted with the circuit); the module warns and names them. Azure refuses to
    deprovision while the customer still has virtual network connections, Global Reach links, authorizations in use
    or a route filter on a peering; the provider cannot see those, so Azure's refusal is reported (nothing changes)
    and the customer has to remove them first.
  - Reads once on a run that changes nothing. Looked up by O(service_key) without O(resource_group), that read is
    the list of the subscription's cross-connections (Azure picks the resource group,
    C(CrossConnection-<peering location>)), one request per page of results; with O(name) or O(resource_group) it
    is one GET.
  - O(subscription_id) (or E(AZURE_SUBSCRIPTION_ID)) is the provider's subscription.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  service_key:
    description: The circuit's service key (a GUID the customer reads from the circuit).
    type: str
  name:
    description: The cross-connection's name (Azure names it by the service key); needs O(resource_group).
    type: str
  resource_group:
    description: The cross-connection's resource group in the provider's subscription.
    type: str
  provisioning_state:
    description:
      - Where the provider has the circuit (C(serviceProviderProvisioningState)); left out, unchanged.
      - Peerings can be configured (by the customer, or with M(hybridnet.expressroute.cross_connection_peering))
        only when V(Provisioned); the customer can delete the circuit only when V(NotProvisioned).
    type: str
    choices: [NotProvisioned, Provisioning, Provisioned, Deprovisioning]
  notes:
    description: The provider's notes (C(serviceProviderNotes)) the customer sees on the circuit; V("") clears them.
    type: str
  state:
    description: Only V(present); a provider cannot delete a cross-connection (it goes with the customer's circuit).
    type: str
    choices: [present]
    default: present
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Provision the circuit the customer ordered
  hybridnet.expressroute.cross_connection:
    subscription_id: "{{ provider_subscription_id }}"
    service_key: "{{ order.service_key }}"
    provisioning_state: Provisioned
    notes: "Port ams-ix-03, S-tag {{ order.stag }}, ticket CHG-1234"
  register: xc

- name: Deprovision it once the customer has unlinked it
  hybridnet.expressroute.cross_connection:
    subscription_id: "{{ provider_subscription_id }}"
    name: "{{ xc.cross_connection.name }}"
    resource_group: "{{ xc.cross_connection.resource_group }}"
    provisioning_state: NotProvisioned
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
cross_connection:
  description:
    - The cross-connection after the task (predicted in check mode). With O(wait=false) the provider state may still
      show the previous one; M(hybridnet.expressroute.cross_connection_info) follows it.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Its name, the circuit's service key.
      type: str
    resource_group:
      description: Its resource group in the provider's subscription.
      type: str
    subscription_id:
      description: The provider's subscription.
      type: str
    location:
      description: Its region (the circuit's).
      type: str
    tags:
      description: Tags.
      type: dict
    service_key:
      description: The circuit's service key.
      type: str
    circuit_id:
      description: The customer's circuit.
      type: str
    circuit_name:
      description: The circuit's name.
      type: str
    circuit_resource_group:
      description: The circuit's resource group.
      type: str
    circuit_subscription_id:
      description: The customer's subscription.
      type: str
    peering_location:
      description: The peering location.
      type: str
    bandwidth_mbps:
      description: The circuit's bandwidth.
      type: int
    stag:
      description: The S-tag (outer VLAN) Azure assigned.
      type: int
    primary_azure_port:
      description: Microsoft's primary port.
      type: str
    secondary_azure_port:
      description: Microsoft's secondary port.
      type: str
    service_provider_provisioning_state:
      description: The provider state (NotProvisioned, Provisioning, Provisioned, Deprovisioning).
      type: str
    service_provider_notes:
      description: The provider's notes.
      type: str
    provisioning_state:
      description: Azure's state of the cross-connection resource (Succeeded, Updating, Failed).
      type: str
    etag:
      description: Entity tag.
      type: str
    peerings:
      description:
        - The circuit's peerings in the shape M(hybridnet.expressroute.peering) returns (never the MD5 key), plus
          C(cross_connection) and C(last_modified_by) (C(Customer) or C(ServiceProvider)).
        - C(route_filter_id) is always null here; the provider's view does not carry the customer's route filter.
      type: list
      elements: dict
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _cross_connection, _diff, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ModuleError, ValidationError
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    # An identifier (the cross-connection's name, in every id), not a secret.
    service_key=dict(type="str", no_log=False),
    name=dict(type="str"),
    resource_group=dict(type="str"),
    provisioning_state=dict(type="str", choices=list(_cross_connection.PROVIDER_STATES)),
    notes=dict(type="str"),
    state=dict(type="str", choices=["present"], default="present"),
)


def locate(module):
    p = module.params
    service_key, name, group = _cross_connection.check_address(p, "name")
    if group:
        _validate.resource_group(group)
    # An operation still running on it is waited for (a re-run resumes).
    model = module.settled(
        lambda: _cross_connection.find(module.network(), service_key, name, group),
        "cross-connection " + (service_key or name),
    )
    if model is None:
        raise ValidationError(_cross_connection.not_found_message(service_key, name, group, module.subscription_id))
    return model


def write(module, model, after, current):
    """Re-PUT the cross-connection as fetched (Azure wants its location and
    circuit back) with the provider state and notes changed."""
    client = module.network()
    model.service_provider_provisioning_state = after["provisioning_state"]
    model.service_provider_notes = after["notes"]
    verb = "deprovision" if after["provisioning_state"] in _cross_connection.DEPROVISIONING else "update"
    description = "{0} cross-connection {1}".format(verb, current["name"])
    try:
        return module.run_operation(
            lambda polling: client.express_route_cross_connections.begin_create_or_update(
                current["resource_group"], current["name"], model, polling=polling
            ),
            description,
        )
    except ModuleError as exc:
        if exc.details.get("error_code") == "CircuitCannotBeDeprovisioned":
            raise ModuleError(
                exc.message
                + " The customer ({0}) must remove it first: a provider cannot see "
                "virtual network connections, Global Reach links, authorizations in "
                "use or route filters. Nothing was changed.".format(current["circuit_id"]),
                **exc.details,
            ) from exc
        raise


def run(module):
    p = module.params
    model = locate(module)
    current = _cross_connection.result(model)
    before = _cross_connection.managed_view(current)
    desired = {"provisioning_state": p["provisioning_state"], "notes": p["notes"]}
    _cross_connection.check_transition(before["provisioning_state"], desired["provisioning_state"], current["name"])
    after = _diff.apply(before, desired)
    diff = _diff.diff(before, after, _cross_connection.MANAGED_FIELDS)
    # A cross-connection whose last operation failed is written again (_lifecycle).
    # (provisioning_state is the provider's state here: Azure's shows as
    # resource_provisioning_state in the diff.)
    recover = module.reapplies(
        current["provisioning_state"],
        "cross-connection " + current["name"],
        diff,
        diff_key="resource_provisioning_state",
    )
    changed = after != before or recover
    result = dict(changed=changed, cross_connection=current, diff=diff)
    if not changed:
        return result
    warning = _cross_connection.deprovision_warning(current, after["provisioning_state"])
    if warning:
        module.warn(warning)
    if module.check_mode:
        result["cross_connection"] = _cross_connection.predicted(current, after)
        return result
    final = write(module, model, after, current)
    result["cross_connection"] = (
        _cross_connection.result(final) if final is not None else _cross_connection.predicted(current, after)
    )
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    p = module.params
    module.execute(run, "manage cross-connection {0}".format(p["service_key"] or p["name"] or ""))


if __name__ == "__main__":
    main()
