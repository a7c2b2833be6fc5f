#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: global_reach
short_description: Link the private peerings of two ExpressRoute circuits with Global Reach
version_added: 0.1.0
description:
  - Creates, updates and deletes a Global Reach connection, which lets the on-premises networks behind two circuits
    reach each other through Microsoft's backbone. The connection lives under the first circuit's
    AzurePrivatePeering and points at the other circuit's AzurePrivatePeering, in the same or another subscription.
  - Every documented rule is checked before anything is written, reading both circuits once
    (expressroute-howto-set-global-reach) - both circuits have private peering and are provisioned by their
    connectivity provider; they are two circuits at different peering locations; O(address_prefix) is a /29 (and
    O(ipv6_address_prefix) a /125) that overlaps neither circuit's peering prefixes nor their other Global Reach
    links; the two peerings are not linked already; a circuit in another subscription needs O(authorization_key);
    circuits in different geopolitical regions (by peering location) must both be Premium (expressroute-global-reach).
  - When the other circuit cannot be read (it belongs to someone else and your identity has no access to it), the
    checks that need it are left to Azure, which checks the authorization key.
  - The circuits' C(global_reach_enabled) flag is neither required nor changed; no Azure document makes it a
    condition.
  - Azure cannot change the peer or the IPv4 /29 of a link in place; the module refuses and says to recreate it. The
    IPv6 /125 can be added, changed or removed.
  - A run that changes nothing reads only the first circuit, once (the link is part of its private peering, and an
    existing link has already passed Azure's rules); the other circuit is read once before any write.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  circuit:
    description: Name of the circuit whose private peering holds the connection.
    type: str
    required: true
  resource_group:
    description: Resource group of O(circuit).
    type: str
    required: true
  name:
    description: Name of the Global Reach connection.
    type: str
    required: true
  state:
    description: Whether the connection should exist.
    type: str
    choices: [present, absent]
    default: present
  peer_circuit:
    description:
      - The other circuit, by name (in O(peer_resource_group) and O(peer_subscription_id)) or by the id of the circuit
        or of its AzurePrivatePeering. Required with O(state=present).
    type: str
  peer_resource_group:
    description: Resource group of O(peer_circuit) when given by name; default O(resource_group).
    type: str
  peer_subscription_id:
    description: Subscription of O(peer_circuit) when given by name; default the module's subscription.
    type: str
  address_prefix:
    description:
      - An IPv4 /29 for the link, used by neither circuit's peerings nor by another Global Reach link. Required to
        create; cannot change afterwards.
    type: str
  ipv6_address_prefix:
    description: An IPv6 /125 for the link; V("") removes it.
    type: str
  authorization_key:
    description:
      - The key of an authorization the other circuit's owner created on it (M(hybridnet.expressroute.authorization)),
        required when O(peer_circuit) is in another subscription. Never logged, never returned; shown in diffs only as
        C(<set>).
      - Used only when the connection is created; Azure does not return the key, so a different key on an existing
        connection is not detected (and Azure would refuse the change).
    type: str
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Link Amsterdam and London (same subscription)
  hybridnet.expressroute.global_reach:
    circuit: er-ams-01
    resource_group: rg-expressroute
    name: gr-ams-lon
    peer_circuit: er-lon-01
    address_prefix: 192.168.250.0/29

- name: Link to a circuit in another subscription, with its owner's authorization key
  hybridnet.expressroute.global_reach:
    circuit: er-ams-01
    resource_group: rg-expressroute
    name: gr-ams-fabrikam
    peer_circuit: "{{ fabrikam_circuit_id }}"   # /subscriptions/…/expressRouteCircuits/er-lon-fabrikam
    address_prefix: 192.168.250.8/29
    ipv6_address_prefix: "fd00:250::/125"
    authorization_key: "{{ fabrikam_authorization_key }}"

- name: Remove the link
  hybridnet.expressroute.global_reach:
    circuit: er-ams-01
    resource_group: rg-expressroute
    name: gr-ams-lon
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
global_reach:
  description: The connection after the task (predicted in check mode); null when absent. Never holds the key.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Name of the connection.
      type: str
    circuit:
      description: Name of the circuit that holds it.
      type: str
    resource_group:
      description: Resource group of that circuit.
      type: str
    peering_id:
      description: Id of the circuit's AzurePrivatePeering.
      type: str
    peer_peering_id:
      description: Id of the other circuit's AzurePrivatePeering.
      type: str
    peer_circuit:
      description: Name of the other circuit.
      type: str
    peer_resource_group:
      description: Resource group of the other circuit.
      type: str
    peer_subscription_id:
      description: Subscription of the other circuit.
      type: str
    address_prefix:
      description: The IPv4 /29.
      type: str
    ipv6_address_prefix:
      description: The IPv6 /125, or null.
      type: str
    circuit_connection_status:
      description: C(Connecting), C(Connected) or C(Disconnected).
      type: str
    ipv6_circuit_connection_status:
      description: The IPv6 link's status, or null.
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _diff,
    _geo,
    _global_reach,
    _lifecycle,
    _shapes,
    _validate,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ValidationError,
    error_code,
    get_or_none,
    is_not_found,
    status_code,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

PRIVATE = _global_reach.PRIVATE_PEERING
ARGUMENT_SPEC = dict(
    circuit=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    peer_circuit=dict(type="str"),
    peer_resource_group=dict(type="str"),
    peer_subscription_id=dict(type="str"),
    address_prefix=dict(type="str"),
    ipv6_address_prefix=dict(type="str"),
    authorization_key=dict(type="str", no_log=True),
)


def private_peering_model(circuit_model):
    for model in circuit_model.peerings or []:
        if (model.name or "").lower() == PRIVATE.lower():
            return model
    return None


def find_connection(peering_model, name):
    for model in (getattr(peering_model, "connections", None) or []) if peering_model is not None else []:
        if (model.name or "").lower() == name.lower():
            return model
    return None


def read_peer(module, peer):
    """The other circuit's model, or None when it belongs to someone who did
    not give this identity access (then only the authorization key lets
    Azure check it)."""
    client = module.network(peer["subscription"])
    try:
        return client.express_route_circuits.get(peer["resource_group"], peer["name"])
    except Exception as exc:
        if is_not_found(exc) and error_code(exc) != "SubscriptionNotFound":
            raise ValidationError(
                "peer_circuit {0} does not exist (resource group {1}, subscription {2}).".format(
                    peer["name"], peer["resource_group"], peer["subscription"]
                )
            ) from exc
        if (
            status_code(exc) == 403 or error_code(exc) in ("AuthorizationFailed", "SubscriptionNotFound")
        ) and module.params["authorization_key"]:
            return None
        if status_code(exc) == 403 or error_code(exc) == "AuthorizationFailed":
            raise ValidationError(
                "peer_circuit {0} cannot be read with this identity ({1}). If it belongs to someone else, ask its "
                "owner for an authorization key (hybridnet.expressroute.authorization on their circuit) and set "
                "authorization_key.".format(peer["circuit_id"], error_code(exc))
            ) from exc
        raise


def desired_prefixes(p):
    address = _global_reach.check_prefix(p["address_prefix"], 4, "address_prefix")
    ipv6 = p["ipv6_address_prefix"]
    if ipv6 is not None and ipv6.strip() != "":
        ipv6 = _global_reach.check_prefix(ipv6, 6, "ipv6_address_prefix")
    elif ipv6 is not None:
        ipv6 = ""
    return address, ipv6


def build_model(model, after, peering_id, authorization_key):
    from azure.mgmt.network.models import ExpressRouteCircuitConnection, Ipv6CircuitConnectionConfig, SubResource

    if model is None:
        model = ExpressRouteCircuitConnection(
            express_route_circuit_peering=SubResource(id=peering_id),
            peer_express_route_circuit_peering=SubResource(id=after["peer_peering_id"]),
            address_prefix=after["address_prefix"],
            authorization_key=authorization_key or None,
        )
    model.ipv6_circuit_connection_config = (
        Ipv6CircuitConnectionConfig(address_prefix=after["ipv6_address_prefix"])
        if after["ipv6_address_prefix"]
        else None
    )
    return model


def predicted(current, after, p, peering_id, peer):
    result = (
        dict(current)
        if current
        else {
            "id": None,
            "name": p["name"],
            "circuit": p["circuit"],
            "resource_group": p["resource_group"],
            "peering_id": peering_id,
            "peer_circuit": peer["name"],
            "peer_resource_group": peer["resource_group"],
            "peer_subscription_id": peer["subscription"],
            "circuit_connection_status": None,
            "provisioning_state": None,
        }
    )
    result.update(
        peer_peering_id=after["peer_peering_id"],
        address_prefix=after["address_prefix"],
        ipv6_address_prefix=after["ipv6_address_prefix"],
    )
    result["ipv6_circuit_connection_status"] = (
        (current or {}).get("ipv6_circuit_connection_status") if after["ipv6_address_prefix"] else None
    )
    return result


def absent(module, client, circuit_model, model):
    p = module.params
    if model is None:
        return dict(changed=False, global_reach=None, diff=_diff.diff(None, None))
    before = _global_reach.managed_view(_global_reach.connection_result(model, circuit_model.name, p["resource_group"]))
    if not module.check_mode:
        module.run_operation(
            lambda polling: client.express_route_circuit_connections.begin_delete(
                p["resource_group"], circuit_model.name, PRIVATE, model.name, polling=polling
            ),
            "delete Global Reach connection {0} of circuit {1}".format(model.name, circuit_model.name),
        )
    return dict(changed=True, global_reach=None, diff=_diff.diff(before, None, _global_reach.MANAGED_FIELDS))


def requested(module):
    """The peer and the prefixes a present task asks for, checked before any
    read: (peer reference, IPv4 /29, IPv6 /125 or "" or None)."""
    p = module.params
    if not p["peer_circuit"]:
        raise ValidationError(
            "peer_circuit is required with state=present: the circuit (name or id) whose "
            "private peering this one links to."
        )
    if p["peer_resource_group"]:
        _validate.resource_group(p["peer_resource_group"], "peer_resource_group")
    peer = _global_reach.peer_reference(
        p["peer_circuit"],
        p["peer_resource_group"],
        p["peer_subscription_id"],
        p["resource_group"],
        module.subscription_id,
    )
    if not p["peer_circuit"].startswith("/"):
        _validate.network_name(peer["name"], "peer_circuit", "ExpressRoute circuit")
    address_prefix, ipv6_prefix = desired_prefixes(p)
    return peer, address_prefix, ipv6_prefix


def plan(p, circuit, before, peer, address_prefix, ipv6_prefix):
    """The link's managed view after the task."""
    if before is not None:
        return _global_reach.plan_update(before, peer["peering_id"], address_prefix, ipv6_prefix, p["name"])
    if address_prefix is None:
        raise ValidationError(
            "Global Reach connection {0} does not exist on circuit {1}; to create it set "
            "address_prefix (an IPv4 /29).".format(p["name"], circuit["name"])
        )
    return {
        "peer_peering_id": peer["peering_id"],
        "address_prefix": address_prefix,
        "ipv6_address_prefix": ipv6_prefix or None,
        "authorization_key": _diff.SECRET_SET if p["authorization_key"] else None,
    }


def check_change(module, circuit, peering_model, peer, current, before, after):
    """The rules on both circuits and their other links, for a change (one
    read of the other circuit, when this identity may read it)."""
    p = module.params
    peer_model = read_peer(module, peer)
    peer_circuit = _shapes.circuit_result(peer_model) if peer_model is not None else None
    other_subscription = peer["subscription"].lower() != (circuit["subscription_id"] or "").lower()
    _global_reach.check_circuits(circuit, peer_circuit, before is None, other_subscription, p["authorization_key"])
    if peer_circuit is not None and before is None:
        _geo.check_global_reach(circuit, peer_circuit)
    own_links = _global_reach.links(peering_model)
    _global_reach.check_not_linked(p["name"], circuit["id"] + "/peerings/" + PRIVATE, peer["peering_id"], own_links)
    other_links = [x for x in own_links if not (x["kind"] == "connection" and x["name"].lower() == p["name"].lower())]
    if peer_model is not None:
        other_links += [
            x
            for x in _global_reach.links(private_peering_model(peer_model))
            if not _global_reach.same_id(x["id"], (current or {}).get("id")) and x["name"].lower() != p["name"].lower()
        ]
    circuits = [c for c in (circuit, peer_circuit) if c is not None]
    _global_reach.check_no_overlap(
        after["address_prefix"] if before is None else None, "address_prefix", circuits, other_links
    )
    if after["ipv6_address_prefix"] != (before or {}).get("ipv6_address_prefix"):
        _global_reach.check_no_overlap(after["ipv6_address_prefix"], "ipv6_address_prefix", circuits, other_links)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["circuit"], "circuit", "ExpressRoute circuit")
    _validate.network_name(p["name"], "name", "Global Reach connection")
    if p["state"] == "present":
        peer, address_prefix, ipv6_prefix = requested(module)

    client = module.network()
    what = "Global Reach connection {0} of circuit {1}".format(p["name"], p["circuit"])
    # An operation still running on the link is waited for (a re-run
    # resumes); the circuit's GET carries it.
    circuit_model = module.settled(
        lambda: get_or_none(client.express_route_circuits.get, p["resource_group"], p["circuit"]),
        what,
        lambda c: _lifecycle.provisioning_state(
            find_connection(private_peering_model(c), p["name"]) if c is not None else None
        ),
    )
    if circuit_model is None:
        if p["state"] == "absent":
            return dict(changed=False, global_reach=None, diff=_diff.diff(None, None))
        raise ValidationError(
            "circuit {0} does not exist in resource group {1}; create it first with "
            "hybridnet.expressroute.circuit.".format(p["circuit"], p["resource_group"])
        )
    peering_model = private_peering_model(circuit_model)
    model = find_connection(peering_model, p["name"])
    if p["state"] == "absent":
        return absent(module, client, circuit_model, model)

    circuit = _shapes.circuit_result(circuit_model)
    current = _global_reach.connection_result(model, circuit["name"], p["resource_group"]) if model else None
    before = _global_reach.managed_view(current)
    after = plan(p, circuit, before, peer, address_prefix, ipv6_prefix)
    diff = _diff.diff(before, after, _global_reach.MANAGED_FIELDS)
    # A link whose last operation failed is written again (_lifecycle).
    recover = current is not None and module.reapplies(current["provisioning_state"], what, diff)
    changed = before != after or recover
    result = dict(changed=changed, diff=diff, global_reach=current)
    if not changed:
        # A no-op run reads only the first circuit: the link, as Azure has
        # it, already passed every rule.
        return result

    check_change(module, circuit, peering_model, peer, current, before, after)
    peering_id = peering_model.id
    if module.check_mode:
        result["global_reach"] = predicted(current, after, p, peering_id, peer)
        return result
    body = build_model(model, after, peering_id, p["authorization_key"])
    final = module.run_operation(
        lambda polling: client.express_route_circuit_connections.begin_create_or_update(
            p["resource_group"], circuit["name"], PRIVATE, p["name"], body, polling=polling
        ),
        "{0} Global Reach connection {1} of circuit {2}".format(
            "update" if model else "create", p["name"], circuit["name"]
        ),
    )
    result["global_reach"] = (
        _global_reach.connection_result(final, circuit["name"], p["resource_group"])
        if final is not None
        else predicted(current, after, p, peering_id, peer)
    )
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(
        run, "manage Global Reach connection {0} of circuit {1}".format(module.params["name"], module.params["circuit"])
    )


if __name__ == "__main__":
    main()
