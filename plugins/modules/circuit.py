#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: circuit
short_description: Create, update and delete Azure ExpressRoute circuits
version_added: 0.1.0
description:
  - Orders an ExpressRoute circuit through a connectivity provider, changes what Azure can change in place (bandwidth
    up, tier, metered to unlimited data, flags, tags), and deletes it.
  - Provider, peering location and bandwidth are checked against the live provider catalog before anything is
    written, and the error lists the valid choices.
  - Changes Azure cannot make in place (a lower bandwidth, UnlimitedData to MeteredData, another provider, peering
    location or region) are refused before any write, with the reason.
  - An update re-sends the circuit as Azure has it with only the changed fields altered, so peerings,
    authorizations and settings the task does not manage are kept.
  - A circuit is deleted only once its connectivity provider has deprovisioned it; until then the module refuses and
    says so.
  - A circuit on an ExpressRoute Direct port (M(hybridnet.expressroute.port)) takes O(express_route_port) and
    O(bandwidth_gbps) instead of a provider, peering location and Mbps. Its bandwidth must be one the port offers
    (1, 2, 5 or 10 Gbps on a 10-Gbps port; 5, 10, 40 or 100 Gbps on a 100-Gbps port), the circuits on a port add up
    to at most twice its bandwidth, the bandwidth only increases, and the port cannot change; each is checked
    against the port (one read when the circuit is created or its bandwidth changes) before any write. It is
    provisioned at once (there is no provider) and can be deleted at any time.
  - An unknown O(location) is refused before anything is written, with the subscription's regions (one read of its
    locations when a circuit is created with O(location) given).
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the circuit.
    type: str
    required: true
  resource_group:
    description: Resource group of the circuit.
    type: str
    required: true
  state:
    description: Whether the circuit should exist.
    type: str
    choices: [present, absent]
    default: present
  location:
    description:
      - Azure region of the circuit resource, for example V(westeurope). Defaults to the resource group's location
        when the circuit is created. Cannot change afterwards.
    type: str
  tier:
    description:
      - SKU tier. V(Local) needs O(family=UnlimitedData). Defaults to V(Standard) when the circuit is created; when
        omitted on an existing circuit the tier is left as it is.
    type: str
    choices: [Standard, Premium, Local, Basic]
  family:
    description:
      - Billing model. V(UnlimitedData) cannot be changed back to V(MeteredData). Defaults to V(MeteredData) when the
        circuit is created.
    type: str
    choices: [MeteredData, UnlimitedData]
  provider:
    description:
      - The connectivity provider, as named in the catalog (see M(hybridnet.expressroute.service_provider_info)).
        Required to create a circuit through a provider; cannot change afterwards. Mutually exclusive with
        O(express_route_port).
    type: str
    aliases: [service_provider_name]
  peering_location:
    description:
      - The provider's peering location (for example V(Amsterdam)). Required to create; cannot change afterwards.
    type: str
  bandwidth_mbps:
    description:
      - Bandwidth in Mbps, one the provider offers at the peering location. Required to create; can only increase.
    type: int
  express_route_port:
    description:
      - The ExpressRoute Direct port to create the circuit on, by name (in O(resource_group)) or by id (a port in
        another resource group or subscription). Required, with O(bandwidth_gbps), to create a circuit on a port;
        cannot change afterwards. Mutually exclusive with O(provider), O(peering_location) and O(bandwidth_mbps).
    type: str
    version_added: 0.2.0
  bandwidth_gbps:
    description:
      - Bandwidth in Gbps of a circuit on an ExpressRoute Direct port; one the port offers. Can only increase.
    type: int
    version_added: 0.2.0
  authorization_key:
    description:
      - The key of the port owner's authorization (M(hybridnet.expressroute.port_authorization)), needed when
        O(express_route_port) is in another subscription. Used when the circuit is created. Never logged.
    type: str
    version_added: 0.2.0
  allow_classic_operations:
    description: Allow classic (ASM) operations on the circuit.
    type: bool
  global_reach_enabled:
    description: The circuit's Global Reach flag.
    type: bool
  tags:
    description: Tags to set. Merged into the existing tags unless O(purge_tags=true).
    type: dict
  purge_tags:
    description: Remove tags not listed in O(tags).
    type: bool
    default: false
  wait_for_provider:
    description:
      - After the circuit is present, wait until the connectivity provider has moved its
        C(service_provider_provisioning_state) to this value (providers take hours to days; set
        O(wait_for_provider_timeout) accordingly). Not waited for in check mode.
    type: str
    choices: [Provisioned, NotProvisioned]
  wait_for_provider_timeout:
    description:
      - Seconds to wait for the provider (O(wait_for_provider)), 0 or more; a negative value is refused before anything
        is sent to Azure. It has its own clock (providers take hours to days), apart from O(wait_timeout).
    type: int
    default: 3600
  wait_for_provider_interval:
    description:
      - Seconds between two reads while waiting for the provider, at least 1; less is refused before anything is sent to
        Azure (it would poll Azure many times a second).
    type: int
    default: 30
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Order a 1 Gbps circuit from Equinix in Amsterdam
  hybridnet.expressroute.circuit:
    name: er-ams-01
    resource_group: rg-expressroute
    location: westeurope
    provider: Equinix
    peering_location: Amsterdam
    bandwidth_mbps: 1000
    tier: Standard
    family: MeteredData
    tags:
      owner: network-team
  register: circuit

- name: Give the service key to the provider
  ansible.builtin.debug:
    msg: "Service key for Equinix: {{ circuit.circuit.service_key }}"

- name: Wait (up to two days) until Equinix has provisioned it
  hybridnet.expressroute.circuit:
    name: er-ams-01
    resource_group: rg-expressroute
    wait_for_provider: Provisioned
    wait_for_provider_timeout: 172800
    wait_for_provider_interval: 300

- name: Raise the bandwidth (shows a diff with --diff)
  hybridnet.expressroute.circuit:
    name: er-ams-01
    resource_group: rg-expressroute
    bandwidth_mbps: 2000

- name: A 5 Gbps circuit on an ExpressRoute Direct port
  hybridnet.expressroute.circuit:
    name: er-direct-01
    resource_group: rg-expressroute
    express_route_port: erd-ams-01
    bandwidth_gbps: 5
    tier: Premium
    family: UnlimitedData

- name: Delete it once the provider has deprovisioned it
  hybridnet.expressroute.circuit:
    name: er-ams-01
    resource_group: rg-expressroute
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
circuit:
  description: The circuit as Azure has it after the task (predicted in check mode); null when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
      sample: /subscriptions/xxx/resourceGroups/rg-expressroute/providers/Microsoft.Network/expressRouteCircuits/er-ams-01
    name:
      description: Circuit name.
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
    sku_name:
      description: C({tier}_{family}).
      type: str
      sample: Standard_MeteredData
    tier:
      description: SKU tier.
      type: str
    family:
      description: SKU family.
      type: str
    provider:
      description: Connectivity provider.
      type: str
    peering_location:
      description: Peering location.
      type: str
    bandwidth_mbps:
      description: Bandwidth in Mbps (null on an ExpressRoute Direct port).
      type: int
    express_route_port:
      description: Id of the ExpressRoute Direct port the circuit is on, or null.
      type: str
    bandwidth_gbps:
      description: Bandwidth in Gbps of a circuit on an ExpressRoute Direct port, or null.
      type: int
    service_key:
      description: The key the connectivity provider needs to provision the circuit (all zeros until Azure has
        created it).
      type: str
    stag:
      description: The S-tag (outer VLAN) Azure assigned to the circuit.
      type: int
    circuit_provisioning_state:
      description: C(Enabled) once Azure has created the circuit.
      type: str
    service_provider_provisioning_state:
      description: C(NotProvisioned), C(Provisioning), C(Provisioned) or C(Deprovisioning), set by the provider.
      type: str
    service_provider_notes:
      description: Notes the provider left.
      type: str
    provisioning_state:
      description: Azure's state of the resource (C(Succeeded), C(Updating), C(Failed)).
      type: str
    allow_classic_operations:
      description: Classic operations flag.
      type: bool
    global_reach_enabled:
      description: Global Reach flag.
      type: bool
    etag:
      description: Entity tag.
      type: str
    peerings:
      description: The circuit's peerings (same shape as M(hybridnet.expressroute.peering) returns).
      type: list
      elements: dict
    authorizations:
      description: The circuit's authorizations (C(name), C(id), C(use_status), C(provisioning_state); never the key).
      type: list
      elements: dict
provider_wait_attempts:
  description: How many reads O(wait_for_provider) took.
  returned: when O(wait_for_provider) was waited for
  type: int
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _circuit, _diff, _port, _shapes, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils import _errors
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ModuleError,
    ValidationError,
    get_or_none,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    location=dict(type="str"),
    tier=dict(type="str", choices=["Standard", "Premium", "Local", "Basic"]),
    family=dict(type="str", choices=["MeteredData", "UnlimitedData"]),
    provider=dict(type="str", aliases=["service_provider_name"]),
    peering_location=dict(type="str"),
    bandwidth_mbps=dict(type="int"),
    allow_classic_operations=dict(type="bool"),
    global_reach_enabled=dict(type="bool"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=False),
    wait_for_provider=dict(type="str", choices=["Provisioned", "NotProvisioned"]),
    wait_for_provider_timeout=dict(type="int", default=3600),
    wait_for_provider_interval=dict(type="int", default=30),
    express_route_port=dict(type="str"),
    bandwidth_gbps=dict(type="int"),
    authorization_key=dict(type="str", no_log=True),
)
# A circuit is on a Direct port or ordered through a provider.
MUTUALLY_EXCLUSIVE = [
    ("express_route_port", "provider"),
    ("express_route_port", "peering_location"),
    ("express_route_port", "bandwidth_mbps"),
    ("bandwidth_gbps", "bandwidth_mbps"),
]
REQUIRED_BY = {"authorization_key": "express_route_port"}


def provider_catalog(client):
    return _circuit.catalog_from_providers(client.express_route_service_providers.list())


def read_port(module, port_id):
    """The port a circuit is (to be) on, as a result; None when the task may
    not read it (a port in another subscription): Azure checks it then."""
    parsed = _shapes.parse_id(port_id)
    client = module.network(parsed["subscription"])
    try:
        model = get_or_none(client.express_route_ports.get, parsed["resource_group"], parsed["path"][0][1])
    except Exception as exc:  # pylint: disable=broad-except
        if _errors.status_code(exc) != 403:
            raise
        module.warn(
            "Could not read ExpressRoute port {0} (HTTP 403); its bandwidth rules are not checked before "
            "the write, Azure checks them.".format(port_id)
        )
        return None
    if model is None:
        raise ValidationError(
            "express_route_port {0} does not exist; create it first with hybridnet.expressroute.port.".format(port_id)
        )
    return _port.port_result(model)


def plan_create_on_port(module, desired):
    p = module.params
    if p["bandwidth_gbps"] is None:
        raise ValidationError(
            "Circuit {0} does not exist; to create it on port {1} set bandwidth_gbps.".format(
                p["name"], p["express_route_port"]
            )
        )
    port_id = _port.port_id(p["express_route_port"], module.subscription_id, p["resource_group"])
    if (
        _shapes.parse_id(port_id)["subscription"].lower() != module.subscription_id.lower()
        and not p["authorization_key"]
    ):
        # howto-erdirect: a circuit in another subscription than its port
        # redeems an authorization of the port.
        raise ValidationError(
            "express_route_port {0} is in another subscription: set authorization_key to the key "
            "of one of its authorizations (hybridnet.expressroute.port_authorization, run by the "
            "port's owner).".format(port_id)
        )
    desired["tier"] = desired["tier"] or "Standard"
    desired["family"] = desired["family"] or "MeteredData"
    _circuit.check_sku(desired["tier"], desired["family"], creating=True)
    port = read_port(module, port_id)
    if port is not None:
        _port.check_circuit_bandwidth(port, p["name"], p["bandwidth_gbps"])
        port_id = port["id"]
    desired.update(express_route_port=port_id, bandwidth_gbps=p["bandwidth_gbps"])
    for field in ("provider", "peering_location", "bandwidth_mbps"):
        desired.pop(field, None)
    group_location = module.resource_group_location(p["resource_group"])
    desired["location"] = (
        module.azure_location(p["location"]) if p["location"] else _circuit.normalize_location(group_location)
    )
    desired["allow_classic_operations"] = bool(desired["allow_classic_operations"])
    desired["global_reach_enabled"] = bool(desired["global_reach_enabled"])
    desired["tags"] = _diff.merge_tags({}, p.get("tags"), True)
    return desired


def plan_create(module, client, desired):
    p = module.params
    if p["express_route_port"]:
        return plan_create_on_port(module, desired)
    if p["bandwidth_gbps"] is not None:
        raise ValidationError(
            "bandwidth_gbps applies to a circuit on an ExpressRoute Direct port: set "
            "express_route_port too, or use bandwidth_mbps with a provider."
        )
    for field in ("express_route_port", "bandwidth_gbps"):
        desired.pop(field, None)
    missing = [k for k in ("provider", "peering_location", "bandwidth_mbps") if p.get(k) is None]
    if missing:
        raise ValidationError(
            "Circuit {0} does not exist; to create it set {1} (or express_route_port and "
            "bandwidth_gbps for a circuit on an ExpressRoute Direct port).".format(p["name"], ", ".join(missing))
        )
    desired["tier"] = desired["tier"] or "Standard"
    desired["family"] = desired["family"] or "MeteredData"
    _circuit.check_sku(desired["tier"], desired["family"], p["bandwidth_mbps"], creating=True)
    provider, location, bandwidth = _circuit.find_offer(
        provider_catalog(client), p["provider"], p["peering_location"], p["bandwidth_mbps"]
    )
    desired.update(provider=provider, peering_location=location, bandwidth_mbps=bandwidth)
    # Read even when a location is given: a missing group is refused here,
    # not by Azure's PUT (and check mode predicts it).
    group_location = module.resource_group_location(p["resource_group"])
    # An unknown region too: Azure would refuse the PUT.
    desired["location"] = (
        module.azure_location(p["location"]) if p["location"] else _circuit.normalize_location(group_location)
    )
    desired["allow_classic_operations"] = bool(desired["allow_classic_operations"])
    desired["global_reach_enabled"] = bool(desired["global_reach_enabled"])
    desired["tags"] = _diff.merge_tags({}, p.get("tags"), True)
    return desired


def plan_update(module, client, current, desired):
    """The managed view after the update, or refusal."""
    if desired.get("express_route_port"):
        desired["express_route_port"] = _port.port_id(
            desired["express_route_port"], module.subscription_id, module.params["resource_group"]
        )
    _circuit.check_direct_update(current, desired)
    _circuit.check_update(current, desired)
    if current.get("express_route_port"):
        desired["express_route_port"] = None  # the same port (checked above)
        if desired["bandwidth_gbps"] is not None and desired["bandwidth_gbps"] != current["bandwidth_gbps"]:
            # Only a change of bandwidth reads the port: a no-op stays at one GET.
            port = read_port(module, current["express_route_port"])
            if port is not None:
                _port.check_circuit_bandwidth(
                    port, current["name"], desired["bandwidth_gbps"], current_bandwidth=current["bandwidth_gbps"]
                )
    # Same provider/location in another spelling is not a change.
    desired["provider"] = current["provider"] if desired["provider"] else None
    desired["peering_location"] = current["peering_location"] if desired["peering_location"] else None
    desired["location"] = None
    desired["tags"] = _diff.merge_tags(current["tags"], module.params.get("tags"), module.params["purge_tags"])
    tier = desired["tier"] or current["tier"]
    family = desired["family"] or current["family"]
    _circuit.check_sku(tier, family, desired["bandwidth_mbps"] or current["bandwidth_mbps"])
    if desired["bandwidth_mbps"] is not None and desired["bandwidth_mbps"] != current["bandwidth_mbps"]:
        # Only a change of bandwidth needs the catalog: a no-op run stays at one GET.
        _circuit.find_offer(
            provider_catalog(client), current["provider"], current["peering_location"], desired["bandwidth_mbps"]
        )
    return _diff.apply(_circuit.managed_view(current), desired)


def build_new_circuit(after, authorization_key=None):
    from azure.mgmt.network.models import (
        ExpressRouteCircuit,
        ExpressRouteCircuitServiceProviderProperties,
        ExpressRouteCircuitSku,
        SubResource,
    )

    if after.get("express_route_port"):
        return ExpressRouteCircuit(
            location=after["location"],
            tags=after["tags"],
            sku=ExpressRouteCircuitSku(
                name="{0}_{1}".format(after["tier"], after["family"]), tier=after["tier"], family=after["family"]
            ),
            express_route_port=SubResource(id=after["express_route_port"]),
            bandwidth_in_gbps=after["bandwidth_gbps"],
            authorization_key=authorization_key,
            allow_classic_operations=after["allow_classic_operations"],
            global_reach_enabled=after["global_reach_enabled"],
        )

    return ExpressRouteCircuit(
        location=after["location"],
        tags=after["tags"],
        sku=ExpressRouteCircuitSku(
            name="{0}_{1}".format(after["tier"], after["family"]), tier=after["tier"], family=after["family"]
        ),
        service_provider_properties=ExpressRouteCircuitServiceProviderProperties(
            service_provider_name=after["provider"],
            peering_location=after["peering_location"],
            bandwidth_in_mbps=after["bandwidth_mbps"],
        ),
        allow_classic_operations=after["allow_classic_operations"],
        global_reach_enabled=after["global_reach_enabled"],
    )


def apply_changes(model, after):
    """Change only the managed fields on the circuit as fetched."""
    model.sku.tier = after["tier"]
    model.sku.family = after["family"]
    model.sku.name = "{0}_{1}".format(after["tier"], after["family"])
    if after.get("express_route_port"):
        model.bandwidth_in_gbps = after["bandwidth_gbps"]
    else:
        model.service_provider_properties.bandwidth_in_mbps = after["bandwidth_mbps"]
    model.allow_classic_operations = after["allow_classic_operations"]
    model.global_reach_enabled = after["global_reach_enabled"]
    model.tags = after["tags"]
    return model


def predicted(current, after, name, resource_group):
    """The result a check-mode run reports: the current circuit (or an empty
    one) with the planned managed fields."""
    result = (
        dict(current)
        if current
        else {
            "id": None,
            "name": name,
            "resource_group": resource_group,
            "subscription_id": None,
            "sku_name": None,
            "service_key": None,
            "stag": None,
            "circuit_provisioning_state": None,
            "service_provider_provisioning_state": "NotProvisioned",
            "service_provider_notes": None,
            "provisioning_state": None,
            "etag": None,
            "peerings": [],
            "authorizations": [],
        }
    )
    result.update(after)
    result["sku_name"] = "{0}_{1}".format(after["tier"], after["family"])
    if after.get("express_route_port") and current is None:
        # No provider: Azure provisions a circuit on a port at once.
        result["service_provider_provisioning_state"] = "Provisioned"
        result.update(provider=None, peering_location=None, bandwidth_mbps=None)
    return result


def wait_for_provider(module, client, circuit):
    target = module.params["wait_for_provider"]
    if target is None or module.check_mode or circuit["service_provider_provisioning_state"] == target:
        return circuit, None
    p = module.params

    def describe(state, attempts):
        return (
            "Timed out after {0} s ({1} reads) waiting for {2} to move circuit {3} to {4}; it is {5}. Give the "
            "provider the service key {6} (or, as the provider, use hybridnet.expressroute.cross_connection); "
            "re-run the task to keep waiting.".format(
                p["wait_for_provider_timeout"],
                attempts,
                circuit["provider"],
                circuit["name"],
                target,
                state["service_provider_provisioning_state"],
                circuit["service_key"],
            )
        )

    def read():
        model = get_or_none(client.express_route_circuits.get, p["resource_group"], p["name"])
        if model is None:
            raise ModuleError("Circuit {0} was deleted while waiting for its provider.".format(p["name"]))
        return _shapes.circuit_result(model)

    # Its own deadline: providers take hours to days, far past wait_timeout.
    return module.wait_until(
        read,
        lambda c: c["service_provider_provisioning_state"] == target,
        describe,
        p["wait_for_provider_interval"],
        module.deadline("wait_for_provider_timeout"),
    )


def absent(module, client, current):
    if current is None:
        return dict(changed=False, circuit=None, diff=_diff.diff(None, None))
    state = current["service_provider_provisioning_state"]
    # A circuit on a Direct port has no provider to deprovision it.
    if state in _circuit.PROVISIONED_STATES and not current.get("express_route_port"):
        raise ValidationError(
            "Circuit {0} cannot be deleted while its connectivity provider has it {1}: the provider ({2}) must "
            "deprovision it first (service key {3}; as the provider, hybridnet.expressroute.cross_connection with "
            "provisioning_state NotProvisioned). Nothing was changed.".format(
                current["name"], state, current["provider"], current["service_key"]
            ),
            service_provider_provisioning_state=state,
        )
    diff = _diff.diff(_circuit.managed_view(current), None, _circuit.fields_of(current))
    if not module.check_mode:
        module.run_operation(
            lambda polling: client.express_route_circuits.begin_delete(
                current["resource_group"], current["name"], polling=polling
            ),
            "delete ExpressRoute circuit {0}".format(current["name"]),
        )
    return dict(changed=True, circuit=None, diff=diff)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "ExpressRoute circuit")
    client = module.network()
    model = module.settled(
        lambda: get_or_none(client.express_route_circuits.get, p["resource_group"], p["name"]),
        "ExpressRoute circuit " + p["name"],
    )
    current = _shapes.circuit_result(model) if model is not None else None
    if p["state"] == "absent":
        return absent(module, client, current)

    desired = _circuit.desired_from_params(p)
    if current is None:
        after = plan_create(module, client, desired)
        before_view = None
    else:
        after = plan_update(module, client, current, desired)
        before_view = _circuit.managed_view(current)
    diff = _diff.diff(before_view, after, _circuit.fields_of(after))
    recover = current is not None and module.reapplies(
        current["provisioning_state"], "ExpressRoute circuit " + p["name"], diff
    )
    changed = before_view != after or recover
    result = dict(changed=changed, diff=diff)
    circuit = current
    if changed:
        if module.check_mode:
            circuit = predicted(current, after, p["name"], p["resource_group"])
        else:
            body = build_new_circuit(after, p["authorization_key"]) if model is None else apply_changes(model, after)
            action = "{0} ExpressRoute circuit {1}".format("create" if model is None else "update", p["name"])
            final = module.run_operation(
                lambda polling: client.express_route_circuits.begin_create_or_update(
                    p["resource_group"], p["name"], body, polling=polling
                ),
                action,
            )
            circuit = (
                _shapes.circuit_result(final)
                if final is not None
                else predicted(current, after, p["name"], p["resource_group"])
            )
    circuit, attempts = wait_for_provider(module, client, circuit)
    if attempts is not None:
        result["provider_wait_attempts"] = attempts
    result["circuit"] = circuit
    return result


def main():
    module = AzureModule(
        argument_spec=ARGUMENT_SPEC,
        supports_check_mode=True,
        intervals=["wait_for_provider_interval"],
        timeouts=["wait_for_provider_timeout"],
        mutually_exclusive=MUTUALLY_EXCLUSIVE,
        required_by=REQUIRED_BY,
    )
    module.execute(run, "manage ExpressRoute circuit {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
