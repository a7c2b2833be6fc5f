#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: gateway
short_description: Manage the ExpressRoute virtual network gateway of a virtual network
version_added: 0.1.0
description:
  - Creates, updates and deletes a virtual network gateway of type ExpressRoute in the C(GatewaySubnet) of an existing
    virtual network; M(hybridnet.expressroute.connection) then links it to circuits.
  - Creating a gateway takes 30-45 minutes on Azure. With O(wait=false) the task returns as soon as Azure has accepted
    it (C(provisioning_state=Updating)); M(hybridnet.expressroute.gateway_info) reports the progress, and running this
    module again with O(wait=true) while the gateway is still being created or updated waits for that operation (it
    reads the gateway every O(wait_interval) seconds) instead of failing with Azure's C(AnotherOperationInProgress).
  - "Checked before anything is written: the virtual network exists and has a subnet named exactly C(GatewaySubnet)
    (the error says why and how big it should be: /27 or larger, /26 for 16 circuits, /29 the smallest Azure
    accepts; a smaller one than /27 gives a warning); it has no other ExpressRoute gateway; the gateway is in the
    virtual network's region; scale units only with C(ErGwScale), 1-40, min <= max, min >= 2 to autoscale; and SKU
    changes Azure cannot do in place are refused with the reason: downgrades (C(ErGw3AZ) to C(ErGw1AZ)), non-zone-redundant
    to zone-redundant (a migration with Azure's migration tool), zone-redundant to non-zone-redundant, and anything
    leaving C(ErGwScale). In-place changes are upgrades within a family (C(Standard) -> C(HighPerformance) ->
    C(UltraPerformance), C(ErGw1AZ) -> C(ErGw2AZ) -> C(ErGw3AZ)) and C(ErGw1AZ)/C(ErGw2AZ)/C(ErGw3AZ) to C(ErGwScale).
    A SKU or scale change must also leave room for the gateway's connections (their number, and FastPath)."
  - No public IP address is given to an ExpressRoute gateway; Azure assigns and manages it (Terraform azurerm, likewise,
    says a public IP should not be specified for ExpressRoute gateways). An existing gateway that has one keeps it.
  - Deleting a gateway that connections still use is refused, naming them; delete them first with
    M(hybridnet.expressroute.connection).
  - A gateway whose last operation failed (C(provisioning_state=Failed)) is written again with its current settings
    (the way Azure's documentation repairs a failed gateway), which the task reports as a change.
  - A run that changes nothing reads the gateway once. Creating also reads the virtual network (and any gateway already
    in its GatewaySubnet); a SKU or scale change, and a delete, also list the gateway's connections.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the gateway.
    type: str
    required: true
  resource_group:
    description: Resource group of the gateway.
    type: str
    required: true
  state:
    description: Whether the gateway should exist.
    type: str
    choices: [present, absent]
    default: present
  location:
    description:
      - Region of the gateway; it must be the virtual network's region, which is the default.
    type: str
  virtual_network:
    description:
      - The virtual network (name, or resource id) whose C(GatewaySubnet) the gateway stands in; required to create.
      - It must be in the gateway's subscription. A gateway cannot move to another virtual network.
    type: str
  virtual_network_resource_group:
    description: Resource group of O(virtual_network) when given by name; default O(resource_group).
    type: str
  sku:
    description:
      - The gateway SKU; required to create.
      - V(ErGwScale) is the scalable gateway and needs O(min_scale_units) and O(max_scale_units).
    type: str
    choices: [Standard, HighPerformance, UltraPerformance, ErGw1AZ, ErGw2AZ, ErGw3AZ, ErGwScale]
  min_scale_units:
    description:
      - V(ErGwScale) only. The lower bound of scale units (1-40); 2 or more when the gateway autoscales (min < max).
        10 or more gives FastPath and 16 connections.
    type: int
  max_scale_units:
    description: V(ErGwScale) only. The upper bound of scale units (1-40); the same as O(min_scale_units) for a fixed size.
    type: int
  tags:
    description: Tags of the gateway.
    type: dict
  purge_tags:
    description: Remove the tags not in O(tags) (with O(tags) given).
    type: bool
    default: false
  wait_interval:
    description:
      - Seconds between reads while waiting for an operation that was already running when the task started (a
        gateway created with O(wait=false) by an earlier task); at least 1, less is refused before anything is sent.
    type: int
    default: 30
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Start creating a zone-redundant ExpressRoute gateway (30-45 minutes on Azure)
  hybridnet.expressroute.gateway:
    name: ergw-hub-weu
    resource_group: rg-network
    virtual_network: vnet-hub-weu
    sku: ErGw1AZ
    wait: false
  register: gateway            # gateway.gateway.provisioning_state == 'Updating'

- name: Meanwhile, other work; later follow the progress
  hybridnet.expressroute.gateway_info:
    name: ergw-hub-weu
    resource_group: rg-network
  register: progress
  until: progress.gateways[0].provisioning_state != 'Updating'
  retries: 60
  delay: 60

- name: Or let the same task wait for the creation to finish
  hybridnet.expressroute.gateway:
    name: ergw-hub-weu
    resource_group: rg-network
    virtual_network: vnet-hub-weu
    sku: ErGw1AZ
    wait_timeout: 3600

- name: A scalable gateway that autoscales between 2 and 10 scale units, in another subscription
  hybridnet.expressroute.gateway:
    name: ergw-spoke
    resource_group: rg-landingzone
    subscription_id: 22222222-3333-4444-5555-666666666666
    virtual_network: vnet-spoke-weu
    sku: ErGwScale
    min_scale_units: 2
    max_scale_units: 10

- name: Delete the gateway (after its connections)
  hybridnet.expressroute.gateway:
    name: ergw-hub-weu
    resource_group: rg-network
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
gateway:
  description: The gateway after the task (predicted in check mode; as Azure first answered with O(wait=false)); null
    when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Gateway name.
      type: str
    resource_group:
      description: Resource group.
      type: str
    subscription_id:
      description: Subscription.
      type: str
    location:
      description: Region.
      type: str
    tags:
      description: Tags.
      type: dict
    gateway_type:
      description: C(ExpressRoute).
      type: str
    sku:
      description: The SKU.
      type: str
      sample: ErGw1AZ
    min_scale_units:
      description: ErGwScale's lower bound of scale units; null for other SKUs.
      type: int
    max_scale_units:
      description: ErGwScale's upper bound of scale units; null for other SKUs.
      type: int
    scale_units:
      description: The gateway's current capacity as Azure reports it (C(sku.capacity)).
      type: int
    virtual_network:
      description: Name of the virtual network.
      type: str
    virtual_network_resource_group:
      description: Its resource group.
      type: str
    virtual_network_id:
      description: Its resource id.
      type: str
    subnet_id:
      description: The GatewaySubnet the gateway stands in.
      type: str
    public_ip_id:
      description: The public IP address given to the gateway; null when Azure manages it (the normal case).
      type: str
    admin_state:
      description: C(Enabled) or C(Disabled).
      type: str
    bgp_asn:
      description: The gateway's AS number (65515) once created.
      type: int
    bgp_peering_addresses:
      description: The gateway instances' addresses in GatewaySubnet once created.
      type: list
      elements: str
    provisioning_state:
      description: C(Updating) while Azure creates or changes it, then C(Succeeded) (or C(Failed)).
      type: str
    etag:
      description: Entity tag.
      type: str
operation_wait_reads:
  description: Reads made while waiting for an operation that was already running (only when the task waited).
  returned: when the task waited for a running operation
  type: int
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _circuit,
    _diff,
    _gateway,
    _lifecycle,
    _shapes,
    _validate,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ModuleError,
    ValidationError,
    get_or_none,
    is_not_found,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    location=dict(type="str"),
    virtual_network=dict(type="str"),
    virtual_network_resource_group=dict(type="str"),
    sku=dict(type="str", choices=list(_gateway.SKUS)),
    min_scale_units=dict(type="int"),
    max_scale_units=dict(type="int"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=False),
    wait_interval=dict(type="int", default=30),
)


def refuse_busy(p, current, doing):
    raise _gateway.busy_refusal(
        p["name"],
        current["provisioning_state"],
        doing,
        "creating an ExpressRoute gateway takes 30-45 minutes on Azure",
        "gateway_info",
    )


def virtual_network_id(module):
    p = module.params
    vnet_id = _gateway.resolve(
        p["virtual_network"],
        "virtual_network",
        "virtualNetworks",
        module.subscription_id,
        p["virtual_network_resource_group"] or p["resource_group"],
        "a virtual network",
    )
    _gateway.check_same_subscription(vnet_id, "virtual_network", module.subscription_id, "gateway", "virtual network")
    return vnet_id


def list_connections(client, resource_group, name):
    return [
        _gateway.connection_entry(c) for c in client.virtual_network_gateways.list_connections(resource_group, name)
    ]


def plan_create(module, client, vnet_id):
    p = module.params
    missing = [k for k in ("virtual_network", "sku") if not p[k]]
    if missing:
        raise ValidationError(
            "Gateway {0} does not exist in resource group {1}; to create it set {2}.".format(
                p["name"], p["resource_group"], " and ".join(missing)
            )
        )
    low, high = _gateway.check_scale_units(p["sku"], p["min_scale_units"], p["max_scale_units"])
    vnet_group, vnet_name = _gateway.id_parts(vnet_id)[1:]
    try:
        vnet = _gateway.vnet_view(client.virtual_networks.get(vnet_group, vnet_name))
    except Exception as exc:
        if not is_not_found(exc):
            raise
        raise ValidationError(
            "virtual_network {0} does not exist in resource group {1} (subscription {2}); a "
            "gateway is created in an existing virtual network's GatewaySubnet.".format(
                vnet_name, vnet_group, module.subscription_id
            )
        ) from exc
    subnet, warnings = _gateway.gateway_subnet(vnet)
    for warning in warnings:
        module.warn(warning)
    vnet_location = _circuit.normalize_location(vnet["location"])
    location = _circuit.normalize_location(p["location"]) or vnet_location
    if location != vnet_location:
        raise ValidationError(
            "location {0}: a gateway is created in its virtual network's region, and {1} is in "
            "{2}. Leave location out or set it to {2}.".format(p["location"], vnet["name"], vnet_location)
        )
    for other_id in _gateway.gateways_in_subnet(subnet):
        group, name = _gateway.id_parts(other_id)[1:]
        other = get_or_none(client.virtual_network_gateways.get, group, name)
        if other is not None and _shapes.value(other.gateway_type) == "ExpressRoute":
            raise ValidationError(
                "virtual_network {0} already has the ExpressRoute gateway {1}: a virtual network takes one gateway "
                "of each type. Manage that one (name: {2}, resource_group: {3}), or delete it first.".format(
                    vnet["name"], other.id, name, group
                )
            )
    after = {
        "location": location,
        "virtual_network_id": vnet["id"],
        "sku": p["sku"],
        "min_scale_units": low,
        "max_scale_units": high,
        "tags": _diff.merge_tags({}, p["tags"], True),
    }
    return after, subnet["id"]


def plan_update(module, client, current, vnet_id):
    p = module.params
    if current["gateway_type"] != "ExpressRoute":
        raise ValidationError(
            "Gateway {0} is a {1} gateway; this module manages ExpressRoute gateways.".format(
                p["name"], current["gateway_type"]
            )
        )
    if p["location"] and _circuit.normalize_location(p["location"]) != _circuit.normalize_location(current["location"]):
        raise ValidationError(
            "location {0}: gateway {1} is in {2}, and a gateway cannot move. Leave location out, "
            "or delete the gateway and create it again.".format(p["location"], p["name"], current["location"])
        )
    if vnet_id and not _gateway.same_id(vnet_id, current["virtual_network_id"]):
        raise ValidationError(
            "virtual_network {0}: gateway {1} stands in {2}, and its subnet cannot change. Create another gateway in "
            "that virtual network, or delete this one first.".format(vnet_id, p["name"], current["virtual_network_id"])
        )
    sku = p["sku"] or current["sku"]
    refusal = _gateway.sku_change_refusal(p["name"], current["sku"], sku)
    if refusal:
        raise ValidationError(refusal, current_sku=current["sku"])
    existing = (
        (current["min_scale_units"], current["max_scale_units"]) if current["sku"] == _gateway.SCALABLE_SKU else None
    )
    low, high = _gateway.check_scale_units(sku, p["min_scale_units"], p["max_scale_units"], existing)
    after = dict(
        _gateway.managed_view(current),
        sku=sku,
        min_scale_units=low,
        max_scale_units=high,
        tags=_diff.merge_tags(current["tags"], p["tags"], p["purge_tags"]),
    )
    if (sku, low, high) != (current["sku"], current["min_scale_units"], current["max_scale_units"]):
        # Only a capacity change needs the connections: a no-op stays at one read.
        _gateway.check_connections_fit(
            p["name"], sku, low, high, list_connections(client, p["resource_group"], p["name"])
        )
    return after


def new_gateway(after, subnet_id):
    from azure.mgmt.network.models import (
        SubResource,
        VirtualNetworkGateway,
        VirtualNetworkGatewayIPConfiguration,
        VirtualNetworkGatewaySku,
    )

    model = VirtualNetworkGateway(
        location=after["location"],
        tags=after["tags"],
        gateway_type="ExpressRoute",
        sku=VirtualNetworkGatewaySku(name=after["sku"], tier=after["sku"]),
        # No public IP: Azure assigns and manages one for ExpressRoute gateways.
        ip_configurations=[
            VirtualNetworkGatewayIPConfiguration(
                name="default", private_ip_allocation_method="Dynamic", subnet=SubResource(id=subnet_id)
            )
        ],
    )
    return set_scale(model, after)


def set_scale(model, after):
    from azure.mgmt.network.models import (
        VirtualNetworkGatewayAutoScaleBounds,
        VirtualNetworkGatewayAutoScaleConfiguration,
    )

    if after["sku"] == _gateway.SCALABLE_SKU:
        model.auto_scale_configuration = VirtualNetworkGatewayAutoScaleConfiguration(
            bounds=VirtualNetworkGatewayAutoScaleBounds(min=after["min_scale_units"], max=after["max_scale_units"])
        )
    else:
        model.auto_scale_configuration = None
    return model


def apply_changes(model, after):
    """Change only the managed fields on the gateway as fetched."""
    from azure.mgmt.network.models import VirtualNetworkGatewaySku

    model.sku = VirtualNetworkGatewaySku(name=after["sku"], tier=after["sku"])
    model.tags = after["tags"]
    return set_scale(model, after)


def predicted(module, current, after):
    p = module.params
    if current:
        result = dict(current)
    else:
        vnet_group, vnet_name = _gateway.id_parts(after["virtual_network_id"])[1:]
        result = {
            "id": _gateway.arm_id(module.subscription_id, p["resource_group"], "virtualNetworkGateways", p["name"]),
            "name": p["name"],
            "resource_group": p["resource_group"],
            "subscription_id": module.subscription_id,
            "gateway_type": "ExpressRoute",
            "scale_units": None,
            "virtual_network": vnet_name,
            "virtual_network_resource_group": vnet_group,
            "subnet_id": "{0}/subnets/{1}".format(after["virtual_network_id"], _gateway.GATEWAY_SUBNET),
            "public_ip_id": None,
            "admin_state": "Enabled",
            "bgp_asn": None,
            "bgp_peering_addresses": [],
            "provisioning_state": None,
            "etag": None,
        }
    result.update(after)
    return result


def absent(module, client, current):
    p = module.params
    if current is None:
        return dict(changed=False, gateway=None, diff=_diff.diff(None, None))
    if _lifecycle.is_running(current["provisioning_state"]):
        refuse_busy(p, current, "deleted")
    links = list_connections(client, p["resource_group"], p["name"])
    if links:
        raise ValidationError(
            "Gateway {0} cannot be deleted while connections use it: {1}. Delete them first "
            "(hybridnet.expressroute.connection with state: absent). Nothing was changed.".format(
                p["name"], ", ".join(c["name"] for c in links)
            ),
            connections=[c["id"] for c in links],
        )
    try:
        return module.delete(
            "gateway",
            client.virtual_network_gateways,
            (p["resource_group"], p["name"]),
            "ExpressRoute gateway " + p["name"],
            _gateway.managed_view(current),
            _gateway.MANAGED_FIELDS,
        )
    except ModuleError as exc:
        raise translate_in_use(exc, p["name"]) from exc


def translate_in_use(exc, name):
    refusal = _gateway.in_use_refusal(name, exc.details.get("error_code"), exc.message)
    return ModuleError(refusal, **exc.details) if refusal else exc


def write(module, client, model, before, after, subnet_id, recover):
    """Create, update or re-tag the gateway; returns Azure's answer."""
    p = module.params
    # Only tags: Azure's tags operation, not a gateway update (module.write).
    return module.write(
        client.virtual_network_gateways,
        (p["resource_group"], p["name"]),
        model,
        lambda: new_gateway(after, subnet_id),
        lambda: apply_changes(model, after),
        "ExpressRoute gateway " + p["name"],
        before,
        after,
        _gateway.MANAGED_FIELDS,
        recover,
    )


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "virtual network gateway")
    if p["virtual_network_resource_group"]:
        _validate.resource_group(p["virtual_network_resource_group"], "virtual_network_resource_group")
    if p["state"] == "present" and p["sku"] and p["sku"] != _gateway.SCALABLE_SKU:
        _gateway.check_scale_units(p["sku"], p["min_scale_units"], p["max_scale_units"])
    vnet_id = virtual_network_id(module)
    client = module.network()
    # With wait: true, an operation already running on the gateway (Updating,
    # Deleting) is waited out: Azure would refuse a write with 409.
    model = module.settled(
        lambda: get_or_none(client.virtual_network_gateways.get, p["resource_group"], p["name"]),
        "gateway " + p["name"],
        interval=p["wait_interval"],
        hint="Creating an ExpressRoute gateway takes 30-45 minutes on Azure; "
        "hybridnet.expressroute.gateway_info follows it.",
    )
    reads = module.notes.reads_waited()
    current = _gateway.gateway_result(model) if model is not None else None
    if p["state"] == "absent":
        result = absent(module, client, current)
    else:
        result = present(module, client, model, current, vnet_id)
    if reads is not None:
        result["operation_wait_reads"] = reads
    return result


def present(module, client, model, current, vnet_id):
    subnet_id = None
    if current is None:
        after, subnet_id = plan_create(module, client, vnet_id)
        before = None
    else:
        after = plan_update(module, client, current, vnet_id)
        before = _gateway.managed_view(current)
    # A gateway whose last operation failed is written again (_lifecycle).
    return module.apply_plan(
        "gateway",
        current,
        before,
        after,
        _gateway.MANAGED_FIELDS,
        "gateway " + current["name"] if current is not None else None,
        lambda: predicted(module, current, after),
        lambda recover: write(module, client, model, before, after, subnet_id, recover),
        _gateway.gateway_result,
        busy=lambda: refuse_busy(module.params, current, "changed"),
    )


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True, intervals=["wait_interval"])
    module.execute(run, "manage ExpressRoute gateway {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
