# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: Global Reach, the link between the private peerings of two
circuits (ExpressRouteCircuitConnection under the first circuit's
AzurePrivatePeering), and its rules (expressroute-howto-set-global-reach):

- both circuits have private peering, and both are provisioned by their
  connectivity provider;
- the circuits are at different peering locations, and are two circuits;
- a /29 (IPv6: a /125) that overlaps neither circuit's peering prefixes nor
  another Global Reach link of theirs; one link per pair of peerings;
- a circuit in another subscription needs an authorization key of that
  circuit, from its owner.

Pure functions over plain values (the shapes of _shapes.circuit_result and
``links``): unit-tested without Azure.
"""

from __future__ import annotations

import ipaddress

from ._errors import ValidationError
from ._shapes import parse_id, sub_id, value

PRIVATE_PEERING = "AzurePrivatePeering"
FAMILY = {4: (29, "IPv4", "192.168.250.0/29"), 6: (125, "IPv6", "fd00:250::/125")}
_CIRCUIT_ID = "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRouteCircuits/{2}"


def check_prefix(text, version, option):
    """``text`` as a network of the family's size (/29, /125), host bits
    zero; refused with what to give instead."""
    if text is None:
        return None
    length, family, example = FAMILY[version]
    try:
        loose = ipaddress.ip_network(str(text).strip(), strict=False)
    except ValueError:
        raise ValidationError(
            "{0} '{1}' is not an {2} prefix; give a /{3} such as {4}.".format(option, text, family, length, example)
        ) from None
    if loose.version != version or loose.prefixlen != length:
        raise ValidationError(
            "{0} '{1}' must be an {2} /{3}: Azure takes the addresses of the Global Reach link "
            "from it (e.g. {4}).".format(option, text, family, length, example)
        )
    try:
        ipaddress.ip_network(str(text).strip(), strict=True)
    except ValueError:
        raise ValidationError(
            "{0} '{1}' has host bits set; the /{2} is {3}.".format(option, text, length, loose)
        ) from None
    return str(loose)


def circuit_id(subscription, resource_group, name):
    return _CIRCUIT_ID.format(subscription, resource_group, name)


def peer_reference(peer_circuit, peer_resource_group, peer_subscription_id, resource_group, subscription_id):
    """Where the other circuit is: {subscription, resource_group, name,
    circuit_id, peering_id}.  ``peer_circuit`` is a name (in
    ``peer_resource_group`` / ``peer_subscription_id``, defaulting to the
    first circuit's) or the id of the circuit or of its private peering."""
    text = str(peer_circuit).strip()
    if text.startswith("/"):
        parsed = parse_id(text)
        path = (parsed or {}).get("path") or []
        is_circuit = len(path) >= 1 and path[0][0].lower() == "expressroutecircuits"
        is_private = len(path) == 1 or (
            len(path) == 2 and path[1][0].lower() == "peerings" and path[1][1].lower() == PRIVATE_PEERING.lower()
        )
        if not (parsed and is_circuit and is_private and parsed["namespace"].lower() == "microsoft.network"):
            raise ValidationError(
                "peer_circuit '{0}' is neither a circuit name nor the id of an ExpressRoute circuit (or of its "
                "AzurePrivatePeering): /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/"
                "expressRouteCircuits/<name>.".format(text)
            )
        if peer_resource_group or peer_subscription_id:
            raise ValidationError(
                "peer_resource_group and peer_subscription_id go with a peer_circuit name; "
                "peer_circuit is an id, which already says where the circuit is."
            )
        subscription, group, name = parsed["subscription"], parsed["resource_group"], path[0][1]
    else:
        subscription = peer_subscription_id or subscription_id
        group = peer_resource_group or resource_group
        name = text
    cid = circuit_id(subscription, group, name)
    return {
        "subscription": subscription,
        "resource_group": group,
        "name": name,
        "circuit_id": cid,
        "peering_id": cid + "/peerings/" + PRIVATE_PEERING,
    }


def same_id(a, b):
    return (a or "").lower() == (b or "").lower()


def private_peering(circuit):
    for peering in circuit["peerings"]:
        if peering["peering_type"] == PRIVATE_PEERING:
            return peering
    return None


def check_circuits(circuit, peer, creating, other_subscription, authorization_key):
    """The rules about the two circuits.  ``peer`` is None when the other
    circuit cannot be read (another owner's subscription): Azure then checks
    it against the authorization key."""
    if peer is not None and same_id(circuit["id"], peer["id"]):
        raise ValidationError(
            "peer_circuit is circuit {0} itself; Global Reach links two different circuits.".format(circuit["name"])
        )
    for each, option in ((circuit, "circuit"), (peer, "peer_circuit")):
        if each is None:
            continue
        if private_peering(each) is None:
            raise ValidationError(
                "{0} {1} has no AzurePrivatePeering: Global Reach links the private peerings of two circuits; "
                "configure it first (hybridnet.expressroute.peering peering_type=AzurePrivatePeering).".format(
                    option, each["name"]
                )
            )
        if (
            each["service_provider_provisioning_state"] != "Provisioned"
            or each["circuit_provisioning_state"] != "Enabled"
        ):
            raise ValidationError(
                "{0} {1} is not provisioned by its connectivity provider (serviceProviderProvisioningState {2}); "
                "Global Reach needs both circuits provisioned: give {3} the service key {4} and wait until they "
                "have provisioned it.".format(
                    option,
                    each["name"],
                    each["service_provider_provisioning_state"],
                    each["provider"],
                    each["service_key"],
                )
            )
    if peer is not None and (circuit["peering_location"] or "").lower() == (peer["peering_location"] or "").lower():
        raise ValidationError(
            "circuit {0} and peer_circuit {1} are both at peering location {2}; Global Reach links circuits at "
            "different peering locations.".format(circuit["name"], peer["name"], circuit["peering_location"])
        )
    if creating and other_subscription and not authorization_key:
        raise ValidationError(
            "peer_circuit is in another subscription: set authorization_key to the key of an authorization its "
            "owner created on it (hybridnet.expressroute.authorization)."
        )


def links(peering_model):
    """Global Reach links of a private peering (SDK model), both those it
    made (``connections``) and those other circuits made to it
    (``peered_connections``): [{id, name, kind, peer_peering_id,
    address_prefix, ipv6_address_prefix}]."""
    result = []
    for model in getattr(peering_model, "connections", None) or []:
        ipv6 = getattr(model, "ipv6_circuit_connection_config", None)
        result.append(
            {
                "id": model.id,
                "name": model.name,
                "kind": "connection",
                "peer_peering_id": sub_id(model.peer_express_route_circuit_peering),
                "address_prefix": model.address_prefix,
                "ipv6_address_prefix": ipv6.address_prefix if ipv6 is not None else None,
            }
        )
    for model in getattr(peering_model, "peered_connections", None) or []:
        result.append(
            {
                "id": model.id,
                "name": model.name,
                "kind": "peer_connection",
                "peer_peering_id": sub_id(model.peer_express_route_circuit_peering),
                "address_prefix": model.address_prefix,
                "ipv6_address_prefix": None,
            }
        )
    return result


def check_not_linked(name, peering_id, peer_peering_id, own_links):
    """One link per pair of private peerings."""
    for link in own_links:
        if link["kind"] == "connection" and link["name"].lower() == name.lower():
            continue
        if same_id(link["peer_peering_id"], peer_peering_id):
            raise ValidationError(
                "The private peerings {0} and {1} are already linked by Global Reach ({2}); one link per pair of "
                "circuits. Manage that one (name {3}) instead.".format(
                    peering_id, peer_peering_id, link["id"], link["name"]
                )
            )


def check_no_overlap(prefix, option, circuits, other_links):
    """``prefix`` must not overlap the peering prefixes of either circuit
    (circuit results) nor the prefixes of their other Global Reach links."""
    if prefix is None:
        return
    net = ipaddress.ip_network(prefix)
    for circuit in circuits:
        for peering in circuit["peerings"]:
            used = [("primary_prefix", peering["primary_prefix"]), ("secondary_prefix", peering["secondary_prefix"])]
            ipv6 = peering.get("ipv6") or {}
            used += [
                ("ipv6.primary_prefix", ipv6.get("primary_prefix")),
                ("ipv6.secondary_prefix", ipv6.get("secondary_prefix")),
            ]
            for label, other in used:
                if other and _overlaps(net, other):
                    raise ValidationError(
                        "{0} {1} overlaps {2} {3} of the {4} of circuit {5}; Global Reach needs a /{6} that no "
                        "peering of either circuit uses.".format(
                            option, prefix, label, other, peering["name"], circuit["name"], net.prefixlen
                        )
                    )
    for link in other_links:
        for other in (link["address_prefix"], link["ipv6_address_prefix"]):
            if other and _overlaps(net, other):
                raise ValidationError(
                    "{0} {1} overlaps {2} of Global Reach link {3}; pick an unused /{4}.".format(
                        option, prefix, other, link["id"], net.prefixlen
                    )
                )


def _overlaps(net, other):
    other = ipaddress.ip_network(other, strict=False)
    return net.version == other.version and net.overlaps(other)


def connection_result(model, circuit_name, resource_group):
    peer_id = sub_id(model.peer_express_route_circuit_peering)
    parsed = parse_id(peer_id) or {}
    ipv6 = getattr(model, "ipv6_circuit_connection_config", None)
    return {
        "id": model.id,
        "name": model.name,
        "circuit": circuit_name,
        "resource_group": resource_group,
        "peering_id": sub_id(model.express_route_circuit_peering),
        "peer_peering_id": peer_id,
        "peer_circuit": (parsed.get("path") or [(None, None)])[0][1],
        "peer_resource_group": parsed.get("resource_group"),
        "peer_subscription_id": parsed.get("subscription"),
        "address_prefix": model.address_prefix,
        "ipv6_address_prefix": ipv6.address_prefix if ipv6 is not None else None,
        "circuit_connection_status": value(model.circuit_connection_status),
        "ipv6_circuit_connection_status": value(ipv6.circuit_connection_status) if ipv6 is not None else None,
        "provisioning_state": value(model.provisioning_state),
    }


def peer_connection_result(model, circuit_name, resource_group):
    """A link another circuit made to this one (read-only here)."""
    peer_id = sub_id(model.peer_express_route_circuit_peering)
    parsed = parse_id(peer_id) or {}
    return {
        "id": model.id,
        "name": model.name,
        "circuit": circuit_name,
        "resource_group": resource_group,
        "connection_name": getattr(model, "connection_name", None),
        "peering_id": sub_id(model.express_route_circuit_peering),
        "peer_peering_id": peer_id,
        "peer_circuit": (parsed.get("path") or [(None, None)])[0][1],
        "peer_resource_group": parsed.get("resource_group"),
        "peer_subscription_id": parsed.get("subscription"),
        "address_prefix": model.address_prefix,
        "circuit_connection_status": value(model.circuit_connection_status),
        "provisioning_state": value(model.provisioning_state),
    }


def managed_view(connection):
    if connection is None:
        return None
    return {
        "peer_peering_id": connection["peer_peering_id"],
        "address_prefix": connection["address_prefix"],
        "ipv6_address_prefix": connection["ipv6_address_prefix"],
    }


MANAGED_FIELDS = ("peer_peering_id", "address_prefix", "ipv6_address_prefix", "authorization_key")


def plan_update(before, peer_peering_id, address_prefix, ipv6_address_prefix, name):
    """The managed view after an update of an existing link, or refusal of
    what Azure cannot change in place.  ``ipv6_address_prefix`` None leaves
    it, "" removes it."""
    if not same_id(before["peer_peering_id"], peer_peering_id):
        raise ValidationError(
            "Global Reach connection {0} links {1}; it cannot be moved to {2} in place. Delete it (state=absent) and "
            "create a new one.".format(name, before["peer_peering_id"], peer_peering_id)
        )
    if address_prefix is not None and address_prefix != before["address_prefix"]:
        raise ValidationError(
            "address_prefix of Global Reach connection {0} is {1}; Azure cannot change it in place (a new /29 means "
            "a new link). Delete the connection (state=absent) and create it again with {2}.".format(
                name, before["address_prefix"], address_prefix
            )
        )
    after = dict(before)
    if ipv6_address_prefix is not None:
        after["ipv6_address_prefix"] = ipv6_address_prefix or None
    return after
