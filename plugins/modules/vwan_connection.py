#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: vwan_connection
short_description: Connect an ExpressRoute circuit to a Virtual WAN hub's gateway
version_added: 0.1.0
description:
  - Creates, updates and deletes the ExpressRoute connection (C(Microsoft.Network/expressRouteGateways/
    expressRouteConnections)) between a circuit's private peering and the ExpressRoute gateway of a Virtual WAN hub
    (M(hybridnet.expressroute.vwan_gateway)). The circuit may be in another subscription (or tenant), then with the
    circuit owner's authorization key. For the ExpressRoute gateway of a virtual network use
    M(hybridnet.expressroute.connection).
  - "Checked before anything is written: the gateway exists and has finished; a circuit in another subscription comes
    with O(authorization_key); the circuit exists, its provider has provisioned it and it has an AzurePrivatePeering
    that has finished and is not connected to a hub by another connection (a peering takes one); O(routing_weight)
    0-32000; Private Link FastPath only with FastPath; route tables and route maps given as names or ids of the
    gateway's hub; the circuit of an existing connection does not change."
  - Without O(routing), a new connection associates with and propagates to the hub's Default route table (label
    C(default)), as Azure does (about-virtual-hub-routing).
  - The circuit and its private peering are read with a client for the circuit's subscription. When the principal may
    not read them (another subscription or tenant), the checks on the circuit are left to Azure and the task warns;
    O(authorization_key) is then required.
  - A run that changes nothing reads the connection once and writes nothing. Creating also reads the gateway, the
    circuit and its private peering.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the connection.
    type: str
    required: true
  resource_group:
    description: Resource group of the gateway (and so of the connection).
    type: str
    required: true
  gateway:
    description: Name of the Virtual WAN ExpressRoute gateway the connection belongs to.
    type: str
    required: true
  state:
    description: Whether the connection should exist.
    type: str
    choices: [present, absent]
    default: present
  circuit:
    description:
      - The circuit to connect (over its AzurePrivatePeering); required to create. A name (in
        O(circuit_resource_group) of the connection's subscription) or the circuit's resource id, which may be in
        another subscription.
    type: str
  circuit_resource_group:
    description: Resource group of O(circuit) when given by name; default O(resource_group).
    type: str
  authorization_key:
    description:
      - The key of an authorization of the circuit (M(hybridnet.expressroute.authorization) creates one on the circuit
        owner's side). Required when the circuit is in another subscription.
      - Used when the connection is created; to use another key, delete the connection and create it again.
      - Never logged and never returned; diffs show only C(<set>).
    type: str
  routing_weight:
    description: Weight of the routes learned over this connection (0-32000; the higher is preferred). Azure's default
      is 0.
    type: int
  enable_internet_security:
    description: Propagate the hub's default route (0.0.0.0/0, from a secured hub's firewall) to the circuit.
      Azure's default is false.
    type: bool
  express_route_gateway_bypass:
    description: FastPath to the hub's virtual networks, bypassing the gateway.
    type: bool
  enable_private_link_fast_path:
    description: Private Link FastPath. Needs O(express_route_gateway_bypass).
    type: bool
  routing:
    description:
      - Hub routing of the connection (about-virtual-hub-routing). Each route table or route map is a name (in the
        gateway's hub) or a resource id. A suboption not given is left as it is (on create, Azure's default).
    type: dict
    suboptions:
      associated_route_table:
        description: The route table the connection associates with (default C(defaultRouteTable)).
        type: str
      propagated_route_tables:
        description: The route tables the connection propagates its routes to (default C([defaultRouteTable])).
        type: list
        elements: str
      propagated_route_table_labels:
        description: The labels of the route tables it propagates to (default C([default])).
        type: list
        elements: str
      inbound_route_map:
        description: Route map applied to routes received from the circuit.
        type: str
      outbound_route_map:
        description: Route map applied to routes sent to the circuit.
        type: str
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Connect a circuit of the same subscription to the hub
  hybridnet.expressroute.vwan_connection:
    name: erc-ams
    resource_group: rg-network
    gateway: ergw-vhub-weu
    circuit: er-ams-01
    circuit_resource_group: rg-expressroute
    routing_weight: 10

- name: Connect a circuit of the connectivity subscription with its owner's key
  hybridnet.expressroute.vwan_connection:
    name: erc-ams
    resource_group: rg-landingzone
    subscription_id: 22222222-3333-4444-5555-666666666666
    gateway: ergw-vhub-lz
    circuit: /subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-expressroute/providers/Microsoft.Network/expressRouteCircuits/er-ams-01
    authorization_key: "{{ er_authorization_key }}"

- name: Isolate it in its own route table, propagating to the default one too
  hybridnet.expressroute.vwan_connection:
    name: erc-ams
    resource_group: rg-network
    gateway: ergw-vhub-weu
    routing:
      associated_route_table: rt-onprem
      propagated_route_tables: [defaultRouteTable, rt-onprem]
      propagated_route_table_labels: [default, onprem]

- name: Disconnect
  hybridnet.expressroute.vwan_connection:
    name: erc-ams
    resource_group: rg-network
    gateway: ergw-vhub-weu
    state: absent
"""

RETURN = r"""
recovery:
  description: What the task found on the connection before planning (see M(hybridnet.expressroute.connection)).
  returned: when the task found an operation running on the connection, or the connection Failed
  type: list
  elements: dict
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
    gateway_id:
      description: The gateway's resource id.
      type: str
    circuit_peering_id:
      description: The circuit's private peering.
      type: str
    circuit_id:
      description: The circuit's resource id.
      type: str
    circuit:
      description: The circuit's name.
      type: str
    circuit_subscription_id:
      description: The circuit's subscription.
      type: str
    routing_weight:
      description: Routing weight.
      type: int
    enable_internet_security:
      description: Whether the hub's default route is propagated to the circuit.
      type: bool
    express_route_gateway_bypass:
      description: Whether FastPath is on.
      type: bool
    enable_private_link_fast_path:
      description: Whether Private Link FastPath is on.
      type: bool
    associated_route_table_id:
      description: The associated route table.
      type: str
    propagated_route_table_ids:
      description: The route tables it propagates to.
      type: list
      elements: str
    propagated_route_table_labels:
      description: Their labels.
      type: list
      elements: str
    inbound_route_map_id:
      description: Inbound route map.
      type: str
    outbound_route_map_id:
      description: Outbound route map.
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
circuit_checked:
  description: Whether the circuit could be read and checked before the write.
  returned: when the connection was created or planned
  type: bool
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _connection,
    _diff,
    _gateway,
    _validate,
    _vwan,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ValidationError,
    get_or_none,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ROUTING_SPEC = dict(
    associated_route_table=dict(type="str"),
    propagated_route_tables=dict(type="list", elements="str"),
    propagated_route_table_labels=dict(type="list", elements="str"),
    inbound_route_map=dict(type="str"),
    outbound_route_map=dict(type="str"),
)

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    gateway=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    circuit=dict(type="str"),
    circuit_resource_group=dict(type="str"),
    authorization_key=dict(type="str", no_log=True),
    routing_weight=dict(type="int"),
    enable_internet_security=dict(type="bool"),
    express_route_gateway_bypass=dict(type="bool"),
    enable_private_link_fast_path=dict(type="bool"),
    routing=dict(type="dict", options=ROUTING_SPEC),
)


def gateway_id_of(module):
    p = module.params
    return _gateway.arm_id(module.subscription_id, p["resource_group"], "expressRouteGateways", p["gateway"])


def read_gateway(client, p):
    model = get_or_none(client.express_route_gateways.get, p["resource_group"], p["gateway"])
    if model is None:
        raise ValidationError(
            "gateway {0} does not exist in resource group {1}; create it first with "
            "hybridnet.expressroute.vwan_gateway.".format(p["gateway"], p["resource_group"])
        )
    return _vwan.gateway_result(model)


def read_circuit(module, circuit_id):
    """(circuit view, private peering view) read with a client for the
    circuit's subscription, or (None, None) when the principal may not."""
    circuit = _connection.read_circuit(
        module,
        circuit_id,
        "circuit: {0} does not exist in resource group {1} (subscription {2}); check circuit and "
        "circuit_resource_group.",
    )
    if circuit is None:
        return None, None
    sub, group, name = _gateway.id_parts(circuit_id)
    peering = None
    if any(p["peering_type"] == _vwan.PRIVATE_PEERING for p in circuit["peerings"]):
        peering = _vwan.peering_view(
            get_or_none(module.network(sub).express_route_circuit_peerings.get, group, name, _vwan.PRIVATE_PEERING)
        )
    return circuit, peering


def plan_create(module, client, gateway_id, circuit_id):
    p = module.params
    if not circuit_id:
        raise ValidationError(
            "Connection {0} does not exist on gateway {1}; to create it set circuit.".format(p["name"], p["gateway"])
        )
    bypass, private_link = bool(p["express_route_gateway_bypass"]), bool(p["enable_private_link_fast_path"])
    _vwan.check_private_link(bypass, private_link)
    circuit_sub, circuit_name = _gateway.id_parts(circuit_id)[0], _gateway.id_parts(circuit_id)[2]
    if not _gateway.same_id(circuit_sub, module.subscription_id) and not p["authorization_key"]:
        raise ValidationError(
            "authorization_key is required: circuit {0} is in subscription {1}, the connection in {2}, and connecting "
            "a circuit of another subscription redeems an authorization of that circuit. Ask the circuit owner for "
            "the key of an authorization (hybridnet.expressroute.authorization).".format(
                circuit_name, circuit_sub, module.subscription_id
            )
        )
    gateway = read_gateway(client, p)
    _vwan.check_gateway_ready(gateway)
    hub_id = gateway["virtual_hub_id"]
    routing = dict(_vwan.default_routing(hub_id), **_vwan.routing_from_options(p["routing"], hub_id))
    connection_id = "{0}/expressRouteConnections/{1}".format(gateway["id"], p["name"])
    circuit, peering = read_circuit(module, circuit_id)
    if circuit is not None:
        _vwan.check_peering_ready(circuit, peering, connection_id)
        circuit_id = circuit["id"]
    after = dict(
        routing,
        circuit_peering_id="{0}/peerings/{1}".format(circuit_id, _vwan.PRIVATE_PEERING),
        routing_weight=p["routing_weight"] if p["routing_weight"] is not None else 0,
        enable_internet_security=bool(p["enable_internet_security"]),
        express_route_gateway_bypass=bypass,
        enable_private_link_fast_path=private_link,
        authorization_key=_diff.SECRET_SET if p["authorization_key"] else None,
    )
    return after, circuit is not None


def plan_update(module, current, before, circuit_id):
    p = module.params
    if circuit_id and not _gateway.same_id(circuit_id, current["circuit_id"]):
        raise ValidationError(
            "circuit: connection {0} connects circuit {1}, and a connection's circuit cannot change. Delete the "
            "connection (state: absent) and create it again.".format(current["name"], current["circuit_id"])
        )
    after = dict(before)
    for option in (
        "routing_weight",
        "enable_internet_security",
        "express_route_gateway_bypass",
        "enable_private_link_fast_path",
    ):
        if p[option] is not None:
            after[option] = p[option]
    hub_id = _vwan.hub_of(current["associated_route_table_id"]) or _vwan.hub_of(
        (current["propagated_route_table_ids"] or [None])[0]
    )
    if (
        hub_id is None
        and p["routing"]
        and any(
            isinstance(v, str) and v and not v.startswith("/")
            for v in (
                [p["routing"].get(k) for k in ("associated_route_table", "inbound_route_map", "outbound_route_map")]
                + list(p["routing"].get("propagated_route_tables") or [])
            )
        )
    ):
        raise ValidationError(
            "routing: connection {0} shows no route table of its hub, so route tables and route "
            "maps given by name cannot be placed; give their resource ids.".format(current["name"])
        )
    after.update(_vwan.routing_from_options(p["routing"], hub_id))
    _vwan.check_private_link(after["express_route_gateway_bypass"], after["enable_private_link_fast_path"])
    return after


def routing_configuration(after):
    from azure.mgmt.network.models import PropagatedRouteTable, RoutingConfiguration, SubResource

    def ref(resource_id):
        return SubResource(id=resource_id) if resource_id else None

    return RoutingConfiguration(
        associated_route_table=ref(after["associated_route_table_id"]),
        propagated_route_tables=PropagatedRouteTable(
            labels=list(after["propagated_route_table_labels"]),
            ids=[SubResource(id=i) for i in after["propagated_route_table_ids"]],
        ),
        inbound_route_map=ref(after["inbound_route_map_id"]),
        outbound_route_map=ref(after["outbound_route_map_id"]),
    )


def new_connection(name, after, authorization_key):
    from azure.mgmt.network.models import ExpressRouteCircuitPeeringId, ExpressRouteConnection

    return ExpressRouteConnection(
        name=name,
        express_route_circuit_peering=ExpressRouteCircuitPeeringId(id=after["circuit_peering_id"]),
        authorization_key=authorization_key or None,
        routing_weight=after["routing_weight"],
        enable_internet_security=after["enable_internet_security"],
        express_route_gateway_bypass=after["express_route_gateway_bypass"],
        enable_private_link_fast_path=after["enable_private_link_fast_path"],
        routing_configuration=routing_configuration(after),
    )


def apply_changes(model, after):
    """Change only the managed fields on the connection as fetched."""
    model.routing_weight = after["routing_weight"]
    model.enable_internet_security = after["enable_internet_security"]
    model.express_route_gateway_bypass = after["express_route_gateway_bypass"]
    model.enable_private_link_fast_path = after["enable_private_link_fast_path"]
    model.routing_configuration = routing_configuration(after)
    return model


def predicted(module, gateway_id, current, after):
    p = module.params
    if current:
        result = dict(current)
    else:
        circuit_id = after["circuit_peering_id"].split("/peerings/")[0]
        circuit = _gateway.id_parts(circuit_id)
        result = {
            "id": "{0}/expressRouteConnections/{1}".format(gateway_id, p["name"]),
            "name": p["name"],
            "resource_group": p["resource_group"],
            "subscription_id": module.subscription_id,
            "gateway_id": gateway_id,
            "gateway": p["gateway"],
            "circuit_id": circuit_id,
            "circuit": circuit[2],
            "circuit_resource_group": circuit[1],
            "circuit_subscription_id": circuit[0],
            "provisioning_state": None,
        }
    result.update({k: v for k, v in after.items() if k != "authorization_key"})
    return result


def absent(module, client, current, key_set):
    p = module.params
    if current is None:
        return dict(changed=False, connection=None, diff=_diff.diff(None, None))
    return module.delete(
        "connection",
        client.express_route_connections,
        (p["resource_group"], p["gateway"], p["name"]),
        "Virtual WAN ExpressRoute connection " + p["name"],
        _vwan.connection_managed_view(current, key_set),
        _vwan.CONNECTION_MANAGED_FIELDS,
    )


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "ExpressRoute connection")
    _validate.network_name(p["gateway"], "gateway", "ExpressRoute gateway")
    if p["circuit_resource_group"]:
        _validate.resource_group(p["circuit_resource_group"], "circuit_resource_group")
    _vwan.check_routing_weight(p["routing_weight"])
    circuit_id = _gateway.resolve(
        p["circuit"],
        "circuit",
        "expressRouteCircuits",
        module.subscription_id,
        p["circuit_resource_group"] or p["resource_group"],
        "an ExpressRoute circuit",
    )
    gateway_id = gateway_id_of(module)
    client = module.network()
    what = "ExpressRoute connection " + p["name"]
    model = module.settled(
        lambda: get_or_none(client.express_route_connections.get, p["resource_group"], p["gateway"], p["name"]), what
    )
    current = _vwan.connection_result(model, gateway_id) if model is not None else None
    key_set = bool(getattr(model, "authorization_key", None))
    if p["state"] == "absent":
        return absent(module, client, current, key_set)
    result = {}
    if current is None:
        before = None
        after, result["circuit_checked"] = plan_create(module, client, gateway_id, circuit_id)
    else:
        before = _vwan.connection_managed_view(current, key_set)
        after = plan_update(module, current, before, circuit_id)
    return module.apply_plan(
        "connection",
        current,
        before,
        after,
        _vwan.CONNECTION_MANAGED_FIELDS,
        what,
        lambda: predicted(module, gateway_id, current, after),
        # An ExpressRouteConnection has no tags: every change is a PUT.
        lambda recover: module.write(
            client.express_route_connections,
            (p["resource_group"], p["gateway"], p["name"]),
            model,
            lambda: new_connection(p["name"], after, p["authorization_key"]),
            lambda: apply_changes(model, after),
            "Virtual WAN ExpressRoute connection " + p["name"],
        ),
        lambda final: _vwan.connection_result(final, gateway_id),
        result=result,
    )


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run, "manage Virtual WAN ExpressRoute connection {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
