#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: vwan_gateway
short_description: Manage the ExpressRoute gateway of a Virtual WAN hub
version_added: 0.1.0
description:
  - Creates, updates and deletes the ExpressRoute gateway of a Virtual WAN virtual hub
    (C(Microsoft.Network/expressRouteGateways)), to which M(hybridnet.expressroute.vwan_connection) connects circuits.
    For the ExpressRoute gateway of a virtual network use M(hybridnet.expressroute.gateway).
  - "Checked before anything is written: O(min_scale_units) and O(max_scale_units) are 1-10 (one scale unit is 2 Gbps;
    virtual-wan-faq), max not below min, min given to create; the hub exists, has finished, has no other ExpressRoute
    gateway (a hub has one gateway of each type) and belongs to a Standard virtual WAN (a Basic one has site-to-site VPN
    only; virtual-wan-about); the gateway is in its hub's region; the hub and the region of an existing gateway do not
    change; a gateway is deleted only once no circuit is connected to it."
  - Creating a gateway takes about 30 minutes on Azure. With O(wait=false) the task returns once Azure has accepted it;
    M(hybridnet.expressroute.vwan_gateway_info) follows it, and a later run waits for an operation still running
    (with O(wait=true)).
  - A run that changes nothing reads the gateway once and writes nothing. Creating also reads the hub and its virtual
    WAN.
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
    description: Region of the gateway; it must be its hub's, which is the default.
    type: str
  virtual_hub:
    description: The virtual hub (name, or resource id) the gateway is deployed in; required to create.
    type: str
  virtual_hub_resource_group:
    description: Resource group of O(virtual_hub) when given by name; default O(resource_group).
    type: str
  min_scale_units:
    description: The gateway's minimum scale units (1-10; one unit is 2 Gbps); required to create.
    type: int
  max_scale_units:
    description: The gateway's maximum scale units (1-10, not below O(min_scale_units)); Azure's default is none.
    type: int
  allow_non_virtual_wan_traffic:
    description: Accept traffic from networks that are not Virtual WAN (ExpressRoute connections of virtual network
      gateways over the same circuit). Azure's default is false.
    type: bool
  tags:
    description: Tags of the gateway.
    type: dict
  purge_tags:
    description: Remove the tags not in O(tags) (with O(tags) given).
    type: bool
    default: false
  wait_interval:
    description: Seconds between reads while waiting for an operation already running on the gateway.
    type: int
    default: 30
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: An ExpressRoute gateway in the West Europe hub, 2-4 scale units (4-8 Gbps)
  hybridnet.expressroute.vwan_gateway:
    name: ergw-vhub-weu
    resource_group: rg-network
    virtual_hub: vhub-weu
    min_scale_units: 2
    max_scale_units: 4

- name: Start creating it and come back later (it takes about 30 minutes)
  hybridnet.expressroute.vwan_gateway:
    name: ergw-vhub-weu
    resource_group: rg-network
    virtual_hub: vhub-weu
    min_scale_units: 2
    wait: false

- name: Let circuits linked to virtual network gateways reach the hub too
  hybridnet.expressroute.vwan_gateway:
    name: ergw-vhub-weu
    resource_group: rg-network
    allow_non_virtual_wan_traffic: true

- name: Delete it once no circuit is connected
  hybridnet.expressroute.vwan_gateway:
    name: ergw-vhub-weu
    resource_group: rg-network
    state: absent
"""

RETURN = r"""
recovery:
  description:
    - What the task found on the gateway before planning (an operation still running that it waited for, or a
      gateway whose last operation failed, written again); C(msg) says the same in words.
  returned: when the task found an operation running on the gateway, or the gateway Failed
  type: list
  elements: dict
  sample: [{"resource": "gateway ergw-vhub-weu", "found": "Updating", "action": "waited", "reads": 3,
            "seconds": 60.2, "outcome": "Succeeded"}]
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
    virtual_hub_id:
      description: The hub's resource id.
      type: str
    virtual_hub:
      description: The hub's name.
      type: str
    virtual_hub_resource_group:
      description: The hub's resource group.
      type: str
    min_scale_units:
      description: Minimum scale units.
      type: int
    max_scale_units:
      description: Maximum scale units (null when none).
      type: int
    allow_non_virtual_wan_traffic:
      description: Whether traffic from non-Virtual WAN networks is accepted.
      type: bool
    connections:
      description: The ExpressRoute connections of the gateway (C(id), C(name), C(circuit_peering_id),
        C(routing_weight), C(provisioning_state)).
      type: list
      elements: dict
    connections_count:
      description: How many circuits are connected.
      type: int
    provisioning_state:
      description: C(Updating) while Azure creates or changes the gateway, then C(Succeeded) (or C(Failed)).
      type: str
    etag:
      description: Entity tag.
      type: str
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
    _validate,
    _vwan,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    location=dict(type="str"),
    virtual_hub=dict(type="str"),
    virtual_hub_resource_group=dict(type="str"),
    min_scale_units=dict(type="int"),
    max_scale_units=dict(type="int"),
    allow_non_virtual_wan_traffic=dict(type="bool"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=False),
    wait_interval=dict(type="int", default=30),
)


def refuse_busy(p, current, doing):
    raise _gateway.busy_refusal(
        p["name"],
        current["provisioning_state"],
        doing,
        "creating a Virtual WAN ExpressRoute gateway takes about 30 minutes on Azure",
        "vwan_gateway_info",
    )


def hub_id_of(module):
    p = module.params
    hub_id = _gateway.resolve(
        p["virtual_hub"],
        "virtual_hub",
        "virtualHubs",
        module.subscription_id,
        p["virtual_hub_resource_group"] or p["resource_group"],
        "a virtual hub",
    )
    _gateway.check_same_subscription(hub_id, "virtual_hub", module.subscription_id, "gateway", "hub")
    return hub_id


def read_hub(module, client, hub_id):
    """The hub and its virtual WAN's type (two reads)."""
    group, name = _gateway.id_parts(hub_id)[1:]
    model = get_or_none(client.virtual_hubs.get, group, name)
    if model is None:
        raise ValidationError(
            "virtual_hub {0} does not exist in resource group {1} (subscription {2}); a Virtual WAN "
            "ExpressRoute gateway is deployed in an existing virtual hub.".format(name, group, module.subscription_id)
        )
    hub = _vwan.hub_view(model)
    wan_type = None
    if hub["virtual_wan_id"]:
        wan_group, wan_name = _gateway.id_parts(hub["virtual_wan_id"])[1:]
        wan = get_or_none(client.virtual_wans.get, wan_group, wan_name)
        wan_type = _vwan.wan_type(wan) if wan is not None else None
    return hub, wan_type


def plan_create(module, client, hub_id):
    p = module.params
    if not hub_id:
        raise ValidationError(
            "Gateway {0} does not exist in resource group {1}; to create it set virtual_hub and "
            "min_scale_units.".format(p["name"], p["resource_group"])
        )
    low, high = _vwan.check_scale_units(p["min_scale_units"], p["max_scale_units"])
    hub, wan_type = read_hub(module, client, hub_id)
    location = _circuit.normalize_location(hub["location"])
    _vwan.check_hub(dict(hub, location=location), wan_type, None, _circuit.normalize_location(p["location"]))
    return {
        "location": location,
        "virtual_hub_id": hub["id"],
        "min_scale_units": low,
        "max_scale_units": high,
        "allow_non_virtual_wan_traffic": bool(p["allow_non_virtual_wan_traffic"]),
        "tags": _diff.merge_tags({}, p["tags"], True),
    }


def plan_update(module, current, hub_id):
    p = module.params
    if p["location"] and _circuit.normalize_location(p["location"]) != _circuit.normalize_location(current["location"]):
        raise ValidationError(
            "location {0}: gateway {1} is in {2}, and a gateway cannot move.".format(
                p["location"], p["name"], current["location"]
            )
        )
    if hub_id and not _gateway.same_id(hub_id, current["virtual_hub_id"]):
        raise ValidationError(
            "virtual_hub {0}: gateway {1} is deployed in hub {2}, and its hub cannot change. Create a gateway in the "
            "other hub, or delete this one first.".format(hub_id, p["name"], current["virtual_hub_id"])
        )
    low, high = _vwan.check_scale_units(
        p["min_scale_units"], p["max_scale_units"], (current["min_scale_units"], current["max_scale_units"])
    )
    after = dict(
        _vwan.gateway_managed_view(current),
        min_scale_units=low,
        max_scale_units=high,
        tags=_diff.merge_tags(current["tags"], p["tags"], p["purge_tags"]),
    )
    if p["allow_non_virtual_wan_traffic"] is not None:
        after["allow_non_virtual_wan_traffic"] = p["allow_non_virtual_wan_traffic"]
    return after


def scale_configuration(after):
    from azure.mgmt.network.models import (
        ExpressRouteGatewayPropertiesAutoScaleConfiguration,
        ExpressRouteGatewayPropertiesAutoScaleConfigurationBounds,
    )

    return ExpressRouteGatewayPropertiesAutoScaleConfiguration(
        bounds=ExpressRouteGatewayPropertiesAutoScaleConfigurationBounds(
            min=after["min_scale_units"], max=after["max_scale_units"]
        )
    )


def new_gateway(after):
    from azure.mgmt.network.models import ExpressRouteGateway, VirtualHubId

    return ExpressRouteGateway(
        location=after["location"],
        tags=after["tags"],
        virtual_hub=VirtualHubId(id=after["virtual_hub_id"]),
        auto_scale_configuration=scale_configuration(after),
        allow_non_virtual_wan_traffic=after["allow_non_virtual_wan_traffic"],
    )


def apply_changes(model, after):
    """Change only the managed fields on the gateway as fetched."""
    model.auto_scale_configuration = scale_configuration(after)
    model.allow_non_virtual_wan_traffic = after["allow_non_virtual_wan_traffic"]
    model.tags = after["tags"]
    return model


def predicted(module, current, after):
    p = module.params
    if current:
        result = dict(current)
    else:
        hub_group, hub_name = _gateway.id_parts(after["virtual_hub_id"])[1:]
        result = {
            "id": _gateway.arm_id(module.subscription_id, p["resource_group"], "expressRouteGateways", p["name"]),
            "name": p["name"],
            "resource_group": p["resource_group"],
            "subscription_id": module.subscription_id,
            "virtual_hub": hub_name,
            "virtual_hub_resource_group": hub_group,
            "connections": [],
            "connections_count": 0,
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
    # Azure's order: the connections before their gateway (they come with the GET).
    _vwan.check_gateway_deletable(p["name"], current["connections"])
    return module.delete(
        "gateway",
        client.express_route_gateways,
        (p["resource_group"], p["name"]),
        "Virtual WAN ExpressRoute gateway " + p["name"],
        _vwan.gateway_managed_view(current),
        _vwan.GATEWAY_MANAGED_FIELDS,
    )


def write(module, client, model, before, after, recover):
    """Create, update or re-tag the gateway; returns Azure's answer."""
    p = module.params
    return module.write(
        client.express_route_gateways,
        (p["resource_group"], p["name"]),
        model,
        lambda: new_gateway(after),
        lambda: apply_changes(model, after),
        "Virtual WAN ExpressRoute gateway " + p["name"],
        before,
        after,
        _vwan.GATEWAY_MANAGED_FIELDS,
        recover,
    )


def present(module, client, model, current, hub_id):
    if current is None:
        before, after = None, plan_create(module, client, hub_id)
    else:
        before, after = _vwan.gateway_managed_view(current), plan_update(module, current, hub_id)
    return module.apply_plan(
        "gateway",
        current,
        before,
        after,
        _vwan.GATEWAY_MANAGED_FIELDS,
        "gateway " + current["name"] if current is not None else None,
        lambda: predicted(module, current, after),
        lambda recover: write(module, client, model, before, after, recover),
        _vwan.gateway_result,
        busy=lambda: refuse_busy(module.params, current, "changed"),
    )


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "ExpressRoute gateway")
    if p["virtual_hub_resource_group"]:
        _validate.resource_group(p["virtual_hub_resource_group"], "virtual_hub_resource_group")
    if p["state"] == "present":
        # The ranges before any read (min may come from the gateway later).
        _vwan.check_scale_units(p["min_scale_units"], p["max_scale_units"], (_vwan.SCALE_UNITS_MIN, None))
    hub_id = hub_id_of(module)
    client = module.network()
    model = module.settled(
        lambda: get_or_none(client.express_route_gateways.get, p["resource_group"], p["name"]),
        "gateway " + p["name"],
        interval=p["wait_interval"],
        hint="Creating a Virtual WAN ExpressRoute gateway takes about 30 minutes on Azure; "
        "hybridnet.expressroute.vwan_gateway_info follows it.",
    )
    current = _vwan.gateway_result(model) if model is not None else None
    if p["state"] == "absent":
        return absent(module, client, current)
    return present(module, client, model, current, hub_id)


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True, intervals=["wait_interval"])
    module.execute(run, "manage Virtual WAN ExpressRoute gateway {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
