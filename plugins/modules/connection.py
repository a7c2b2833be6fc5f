#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: connection
short_description: Link an ExpressRoute gateway to a circuit
version_added: 0.1.0
description:
  - Creates, updates and deletes the connection (C(Microsoft.Network/connections) of type ExpressRoute) between the
    ExpressRoute gateway of a virtual network (M(hybridnet.expressroute.gateway)) and an ExpressRoute circuit, which
    may be in another subscription (or tenant), then with the circuit owner's authorization key.
  - "Checked before anything is written: the gateway exists, is an ExpressRoute gateway and has finished (a gateway
    still being created is reported as such; re-running once it has finished works); the connection is in the gateway's
    region; a circuit in another subscription comes with O(authorization_key); the circuit exists, its provider has
    provisioned it and it has an AzurePrivatePeering that has finished; a Standard (or Local) circuit links only to a
    gateway in the geopolitical region of its peering location (the Premium add-on links globally;
    expressroute-locations-providers); the circuit is not already linked to the
    gateway and the gateway's SKU has room for another circuit; FastPath (O(express_route_gateway_bypass)) only on a
    gateway SKU that supports it (UltraPerformance, ErGw3AZ, ErGwScale with 10 or more scale units); Private Link
    FastPath only with FastPath and only for ExpressRoute Direct circuits; O(routing_weight) 0-32000; the gateway and
    the circuit of an existing connection do not change."
  - The circuit is read once, with a client for its own subscription. When the principal may not read it (another
    subscription or tenant; a 403, or an unknown subscription), the checks on the circuit are left to Azure and the task
    warns; O(authorization_key) is then required.
  - A run that changes nothing reads the connection once and writes nothing. Creating also reads the gateway, the
    circuit and the gateway's connections; turning FastPath on reads the gateway; turning Private Link FastPath on reads
    the circuit.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the connection.
    type: str
    required: true
  resource_group:
    description: Resource group of the connection.
    type: str
    required: true
  state:
    description: Whether the connection should exist.
    type: str
    choices: [present, absent]
    default: present
  location:
    description: Region of the connection; it must be the gateway's, which is the default.
    type: str
  gateway:
    description:
      - The ExpressRoute gateway (name, or resource id) in the connection's subscription; required to create.
    type: str
  gateway_resource_group:
    description: Resource group of O(gateway) when given by name; default O(resource_group).
    type: str
  peer:
    description:
      - The circuit to link; required to create. A name (in O(peer_resource_group) of the connection's subscription) or
        the circuit's resource id, which may be in another subscription.
    type: str
  peer_resource_group:
    description: Resource group of O(peer) when given by name; default O(resource_group).
    type: str
  authorization_key:
    description:
      - The key of an authorization of the circuit (M(hybridnet.expressroute.authorization) creates one on the
        circuit owner's side). Required when the circuit is in another subscription; in the same subscription it is
        optional (Azure checks and redeems a given one).
      - Used when the connection is created. Azure does not return it, so a different key for an existing connection
        is not detected; to use another key, delete the connection and create it again.
      - Never logged and never returned; diffs show only C(<set>).
    type: str
  routing_weight:
    description: Weight of the routes learned over this connection (0-32000; the higher is preferred). Azure's default
      is 0.
    type: int
  express_route_gateway_bypass:
    description:
      - FastPath, sending traffic from on-premises straight to the virtual machines, bypassing the gateway.
      - Needs a gateway SKU that supports it (UltraPerformance, ErGw3AZ, ErGwScale with 10 or more scale units).
    type: bool
  enable_private_link_fast_path:
    description:
      - Private Link FastPath (FastPath to Private Link endpoints). Needs O(express_route_gateway_bypass) and an
        ExpressRoute Direct circuit.
    type: bool
  tags:
    description: Tags of the connection.
    type: dict
  purge_tags:
    description: Remove the tags not in O(tags) (with O(tags) given).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Link the hub gateway to a circuit of the same subscription
  hybridnet.expressroute.connection:
    name: cn-hub-er-ams
    resource_group: rg-network
    gateway: ergw-hub-weu
    peer: er-ams-01
    peer_resource_group: rg-expressroute
    routing_weight: 10

# The circuit owner created an authorization and passed its key on (from a
# task registered with no_log: true, or from a vault).
- name: Link a landing-zone gateway to the circuit of the connectivity subscription
  hybridnet.expressroute.connection:
    name: cn-spoke-er-ams
    resource_group: rg-landingzone
    subscription_id: 22222222-3333-4444-5555-666666666666
    gateway: ergw-spoke
    peer: /subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-expressroute/providers/Microsoft.Network/expressRouteCircuits/er-ams-01
    authorization_key: "{{ er_authorization_key }}"

- name: FastPath on an ErGw3AZ gateway
  hybridnet.expressroute.connection:
    name: cn-hub-er-ams
    resource_group: rg-network
    express_route_gateway_bypass: true

- name: Unlink
  hybridnet.expressroute.connection:
    name: cn-hub-er-ams
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
connection:
  description: The connection after the task (predicted in check mode; as Azure first answered with O(wait=false));
    null when absent. Never contains the authorization key.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Connection name.
      type: str
    resource_group:
      description: Resource group.
      type: str
    subscription_id:
      description: Subscription of the connection (and its gateway).
      type: str
    location:
      description: Region.
      type: str
    tags:
      description: Tags.
      type: dict
    connection_type:
      description: C(ExpressRoute).
      type: str
    gateway_id:
      description: The gateway's resource id.
      type: str
    gateway:
      description: The gateway's name.
      type: str
    gateway_resource_group:
      description: The gateway's resource group.
      type: str
    peer_id:
      description: The circuit's resource id.
      type: str
    circuit:
      description: The circuit's name.
      type: str
    circuit_resource_group:
      description: The circuit's resource group.
      type: str
    circuit_subscription_id:
      description: The circuit's subscription.
      type: str
    routing_weight:
      description: Routing weight.
      type: int
    express_route_gateway_bypass:
      description: Whether FastPath is on.
      type: bool
    enable_private_link_fast_path:
      description: Whether Private Link FastPath is on.
      type: bool
    connection_status:
      description: C(Connected), C(NotConnected), C(Connecting) or C(Unknown) (while the connection's own operation
        runs).
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
    etag:
      description: Entity tag.
      type: str
circuit_checked:
  description: Whether the circuit could be read and checked before the write (false when the principal may not read
    it; Azure then checks it).
  returned: when the connection was created or planned
  type: bool
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _circuit,
    _connection,
    _diff,
    _gateway,
    _geo,
    _shapes,
    _validate,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ValidationError,
    get_or_none,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    location=dict(type="str"),
    gateway=dict(type="str"),
    gateway_resource_group=dict(type="str"),
    peer=dict(type="str"),
    peer_resource_group=dict(type="str"),
    authorization_key=dict(type="str", no_log=True),
    routing_weight=dict(type="int"),
    express_route_gateway_bypass=dict(type="bool"),
    enable_private_link_fast_path=dict(type="bool"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=False),
)


def references(module):
    """(gateway id, circuit id) from the options (None when not given)."""
    p = module.params
    sub = module.subscription_id
    for option in ("gateway_resource_group", "peer_resource_group"):
        if p[option]:
            _validate.resource_group(p[option], option)
    gateway_id = _gateway.resolve(
        p["gateway"],
        "gateway",
        "virtualNetworkGateways",
        sub,
        p["gateway_resource_group"] or p["resource_group"],
        "a virtual network gateway",
    )
    _gateway.check_same_subscription(gateway_id, "gateway", sub, "connection", "gateway")
    peer_id = _gateway.resolve(
        p["peer"],
        "peer",
        "expressRouteCircuits",
        sub,
        p["peer_resource_group"] or p["resource_group"],
        "an ExpressRoute circuit",
    )
    return gateway_id, peer_id


def read_gateway(client, gateway_id):
    group, name = _gateway.id_parts(gateway_id)[1:]
    model = get_or_none(client.virtual_network_gateways.get, group, name)
    if model is None:
        raise ValidationError(
            "gateway {0} does not exist in resource group {1}; create it first with "
            "hybridnet.expressroute.gateway.".format(name, group)
        )
    return _gateway.gateway_result(model)


def read_circuit(module, peer_id):
    """The circuit's view, or None when the principal may not read it (then
    Azure checks it)."""
    return _connection.read_circuit(
        module,
        peer_id,
        "peer: circuit {0} does not exist in resource group {1} (subscription {2}); check peer and "
        "peer_resource_group.",
    )


def plan_create(module, client, gateway_id, peer_id):
    p = module.params
    missing = [k for k, v in (("gateway", gateway_id), ("peer", peer_id)) if not v]
    if missing:
        raise ValidationError(
            "Connection {0} does not exist in resource group {1}; to create it set {2}.".format(
                p["name"], p["resource_group"], " and ".join(missing)
            )
        )
    bypass = bool(p["express_route_gateway_bypass"])
    private_link = bool(p["enable_private_link_fast_path"])
    _connection.check_private_link(bypass, private_link)
    gateway = read_gateway(client, gateway_id)
    _connection.check_gateway_ready(gateway)
    location = _circuit.normalize_location(gateway["location"])
    if p["location"] and _circuit.normalize_location(p["location"]) != location:
        raise ValidationError(
            "location {0}: a connection is created in its gateway's region, and gateway {1} is in "
            "{2}. Leave location out or set it to {2}.".format(p["location"], gateway["name"], location)
        )
    circuit_sub, circuit_name = _gateway.id_parts(peer_id)[0], _gateway.id_parts(peer_id)[2]
    if not _gateway.same_id(circuit_sub, module.subscription_id) and not p["authorization_key"]:
        raise ValidationError(
            "authorization_key is required: circuit {0} is in subscription {1}, the connection in {2}, and a "
            "connection to a circuit of another subscription redeems an authorization of that circuit. Ask the "
            "circuit owner for the key of an authorization (hybridnet.expressroute.authorization).".format(
                circuit_name, circuit_sub, module.subscription_id
            )
        )
    if bypass:
        _connection.check_fastpath(gateway, p["name"])
    circuit = read_circuit(module, peer_id)
    if circuit is not None:
        _connection.check_circuit_ready(circuit)
        _geo.check_connection(
            circuit["name"], circuit["tier"], circuit["peering_location"], gateway["name"], gateway["location"]
        )
        if private_link:
            _connection.check_private_link_circuit(circuit)
        peer_id = circuit["id"]
    _connection.check_gateway_capacity(
        gateway,
        [
            _gateway.connection_entry(c)
            for c in client.virtual_network_gateways.list_connections(gateway["resource_group"], gateway["name"])
        ],
        peer_id,
        circuit_name,
    )
    after = {
        "location": location,
        "gateway_id": gateway["id"],
        "peer_id": peer_id,
        "routing_weight": p["routing_weight"] if p["routing_weight"] is not None else 0,
        "express_route_gateway_bypass": bypass,
        "enable_private_link_fast_path": private_link,
        "authorization_key": _diff.SECRET_SET if p["authorization_key"] else None,
        "tags": _diff.merge_tags({}, p["tags"], True),
    }
    return after, circuit is not None


def plan_update(module, client, current, before, gateway_id, peer_id):
    p = module.params
    if current["connection_type"] != "ExpressRoute":
        raise ValidationError(
            "Connection {0} is a {1} connection; this module manages ExpressRoute connections.".format(
                p["name"], current["connection_type"]
            )
        )
    _connection.check_unchanged(
        current,
        gateway_id,
        peer_id,
        p["location"]
        and _circuit.normalize_location(p["location"]) != _circuit.normalize_location(current["location"]),
    )
    after = dict(before, tags=_diff.merge_tags(current["tags"], p["tags"], p["purge_tags"]))
    for option in ("routing_weight", "express_route_gateway_bypass", "enable_private_link_fast_path"):
        if p[option] is not None:
            after[option] = p[option]
    _connection.check_private_link(after["express_route_gateway_bypass"], after["enable_private_link_fast_path"])
    if after["express_route_gateway_bypass"] and not before["express_route_gateway_bypass"]:
        _connection.check_fastpath(read_gateway(client, current["gateway_id"]), p["name"])
    if after["enable_private_link_fast_path"] and not before["enable_private_link_fast_path"]:
        circuit = read_circuit(module, current["peer_id"])
        if circuit is not None:
            _connection.check_private_link_circuit(circuit)
    return after


def new_connection(after, authorization_key):
    from azure.mgmt.network.models import SubResource, VirtualNetworkGateway, VirtualNetworkGatewayConnection

    return VirtualNetworkGatewayConnection(
        location=after["location"],
        tags=after["tags"],
        connection_type="ExpressRoute",
        virtual_network_gateway1=VirtualNetworkGateway(id=after["gateway_id"]),
        peer=SubResource(id=after["peer_id"]),
        authorization_key=authorization_key or None,
        routing_weight=after["routing_weight"],
        express_route_gateway_bypass=after["express_route_gateway_bypass"],
        enable_private_link_fast_path=after["enable_private_link_fast_path"],
    )


def apply_changes(model, after):
    """Change only the managed fields on the connection as fetched."""
    model.routing_weight = after["routing_weight"]
    model.express_route_gateway_bypass = after["express_route_gateway_bypass"]
    model.enable_private_link_fast_path = after["enable_private_link_fast_path"]
    model.tags = after["tags"]
    return model


def predicted(module, current, after):
    p = module.params
    if current:
        result = dict(current)
    else:
        gateway, circuit = _shapes.parse_id(after["gateway_id"]), _shapes.parse_id(after["peer_id"])
        result = {
            "id": _gateway.arm_id(module.subscription_id, p["resource_group"], "connections", p["name"]),
            "name": p["name"],
            "resource_group": p["resource_group"],
            "subscription_id": module.subscription_id,
            "connection_type": "ExpressRoute",
            "gateway": gateway["path"][-1][1],
            "gateway_resource_group": gateway["resource_group"],
            "circuit": circuit["path"][-1][1],
            "circuit_resource_group": circuit["resource_group"],
            "circuit_subscription_id": circuit["subscription"],
            "connection_status": None,
            "provisioning_state": None,
            "etag": None,
        }
    result.update({k: v for k, v in after.items() if k != "authorization_key"})
    return result


def absent(module, client, current, model):
    p = module.params
    if current is None:
        return dict(changed=False, connection=None, diff=_diff.diff(None, None))
    return module.delete(
        "connection",
        client.virtual_network_gateway_connections,
        (p["resource_group"], p["name"]),
        "connection " + p["name"],
        _connection.managed_view(current, bool(getattr(model, "authorization_key", None))),
        _connection.MANAGED_FIELDS,
    )


def write(module, client, model, before, after, recover):
    """Create, update or re-tag the connection; returns Azure's answer."""
    p = module.params
    # A Failed connection is written whole: tags alone would not recover it (module.write).
    return module.write(
        client.virtual_network_gateway_connections,
        (p["resource_group"], p["name"]),
        model,
        lambda: new_connection(after, p["authorization_key"]),
        lambda: apply_changes(model, after),
        "connection " + p["name"],
        before,
        after,
        _connection.MANAGED_FIELDS,
        recover,
    )


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "connection")
    _connection.check_routing_weight(p["routing_weight"])
    gateway_id, peer_id = references(module)
    client = module.network()
    what = "connection " + p["name"]
    model = module.settled(
        lambda: get_or_none(client.virtual_network_gateway_connections.get, p["resource_group"], p["name"]), what
    )
    current = _connection.connection_result(model) if model is not None else None
    if p["state"] == "absent":
        return absent(module, client, current, model)
    result = {}
    if current is None:
        before = None
        after, result["circuit_checked"] = plan_create(module, client, gateway_id, peer_id)
    else:
        before = _connection.managed_view(current, bool(getattr(model, "authorization_key", None)))
        after = plan_update(module, client, current, before, gateway_id, peer_id)
    # A connection whose last operation failed is written again (_lifecycle).
    return module.apply_plan(
        "connection",
        current,
        before,
        after,
        _connection.MANAGED_FIELDS,
        what,
        lambda: predicted(module, current, after),
        lambda recover: write(module, client, model, before, after, recover),
        _connection.connection_result,
        result=result,
    )


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run, "manage ExpressRoute connection {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
