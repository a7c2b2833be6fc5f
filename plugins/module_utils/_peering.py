# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the rules of ExpressRoute peerings (arm_expressroute.md §3),
checked before anything is sent to Azure, and the peering's managed view.

Pure functions over plain values: unit-tested without Azure.
"""

from __future__ import annotations

import ipaddress
import re

from . import _asn
from ._asn import MICROSOFT_ASN
from ._diff import SECRET_CHANGED, SECRET_SET, apply as apply_fields
from ._errors import ValidationError

PEERING_TYPES = ("AzurePrivatePeering", "MicrosoftPeering")
# Routing registries Microsoft validates Microsoft-peering prefixes against
# (expressroute-routing); NONE = not registered (manual validation).
ROUTING_REGISTRIES = ("ARIN", "APNIC", "AFRINIC", "LACNIC", "RIPENCC", "RADB", "ALTDB", "LEVEL3", "NONE")
_SHARED_KEY = re.compile(r"^[A-Za-z0-9]{1,25}$")
_COMMUNITY = re.compile(r"^\d{1,10}:\d{1,10}$")

# Per address family: the link prefix length and what a single prefix splits from.
FAMILY = {4: {"link": 30, "pair": 29, "name": "IPv4"}, 6: {"link": 126, "pair": 125, "name": "IPv6"}}


def _network(value, option):
    try:
        return ipaddress.ip_network(str(value), strict=True)
    except ValueError as exc:
        raise ValidationError(
            "{0} '{1}' is not a network prefix ({2}); give the network address with its length, "
            "e.g. 192.168.100.128/30.".format(option, value, exc)
        ) from exc


def link_prefixes(primary, secondary, prefix, version, where=""):
    """The primary and secondary link prefixes: given as two /30s (/126s), or
    one /29 (/125) split into its first (primary) and second (secondary)
    half.  Returns (primary, secondary) as strings, or (None, None)."""
    family = FAMILY[version]
    # An empty string is a value given, not an option left out: refuse it
    # rather than plan as if no prefix had been asked for.
    for option, value in (("prefix", prefix), ("primary_prefix", primary), ("secondary_prefix", secondary)):
        if value is not None and not str(value).strip():
            raise ValidationError(
                "{0}{1} is empty: give an {2} /{3} ({0}prefix) or two /{4}s ({0}primary_prefix and "
                "{0}secondary_prefix), or leave the option out.".format(
                    where, option, family["name"], family["pair"], family["link"]
                )
            )
    if prefix and (primary or secondary):
        raise ValidationError(
            "{0}prefix and {0}primary_prefix/{0}secondary_prefix are mutually exclusive: give one "
            "/{1} or two /{2}s.".format(where, family["pair"], family["link"])
        )
    if prefix:
        network = _network(prefix, where + "prefix")
        if network.version != version or network.prefixlen != family["pair"]:
            raise ValidationError(
                "{0}prefix '{1}' must be an {2} /{3}: its first /{4} is the primary link and the "
                "second the secondary link.".format(where, prefix, family["name"], family["pair"], family["link"])
            )
        first, second = network.subnets(new_prefix=family["link"])
        return str(first), str(second)
    if not primary and not secondary:
        return None, None
    if not (primary and secondary):
        raise ValidationError(
            "{0}primary_prefix and {0}secondary_prefix go together: Microsoft needs both links (two "
            "BGP sessions) for the SLA; or give one /{1} as {0}prefix.".format(where, family["pair"])
        )
    links = []
    for option, value in (("primary_prefix", primary), ("secondary_prefix", secondary)):
        network = _network(value, where + option)
        if network.version != version or network.prefixlen != family["link"]:
            raise ValidationError(
                "{0}{1} '{2}' must be an {3} /{4} (your router takes the first usable address, "
                "Microsoft the second).".format(where, option, value, family["name"], family["link"])
            )
        links.append(network)
    if links[0].overlaps(links[1]):
        raise ValidationError(
            "{0}primary_prefix and {0}secondary_prefix must be two different, non-overlapping "
            "/{1}s; both are {2}.".format(where, family["link"], links[0])
        )
    return str(links[0]), str(links[1])


def _is_public(network):
    return network.is_global and not network.is_multicast


def check_public_links(links, where=""):
    """Microsoft peering runs on public addresses you own (RIR/IRR)."""
    for option, value in zip(("primary_prefix", "secondary_prefix"), links):
        if value and not _is_public(ipaddress.ip_network(value)):
            raise ValidationError(
                "{0}{1} {2} is not a public address range: Microsoft peering needs public "
                "addresses registered to you in an RIR or IRR.".format(where, option, value)
            )


def check_advertised_prefixes(prefixes, where="microsoft_peering.", version=4):
    """The public prefixes of one address family's Microsoft peering config:
    IPv4 ones in microsoft_peering, IPv6 ones in ipv6.microsoft_peering."""
    if not prefixes:
        raise ValidationError(
            "{0}advertised_public_prefixes is required for Microsoft peering: the public prefixes "
            "(your NAT pool) you will advertise to Microsoft.".format(where)
        )
    checked = []
    for value in prefixes:
        network = _network(value, where + "advertised_public_prefixes")
        if network.version != version:
            raise ValidationError(
                "{0}advertised_public_prefixes {1} is an IPv{2} prefix; this config is the IPv{3} "
                "one: put IPv{2} prefixes in {4}microsoft_peering.".format(
                    where, value, network.version, version, "ipv6." if network.version == 6 else ""
                )
            )
        if network.prefixlen == 0:
            raise ValidationError(
                "{0}advertised_public_prefixes must not contain a default route ({1}): Microsoft "
                "peering accepts only your own public prefixes.".format(where, value)
            )
        if not _is_public(network):
            raise ValidationError(
                "{0}advertised_public_prefixes {1} is not public (RFC 1918 or otherwise reserved): "
                "Microsoft peering accepts only public prefixes registered to you; NAT private "
                "ranges to a public pool.".format(where, value)
            )
        checked.append(str(network))
    return checked


def check_asn(peer_asn, peering_type, option="peer_asn"):
    """The AS-number rules of _asn (the router model asks the same ones)."""
    if peer_asn is None:
        return None
    why = _asn.refusal(peer_asn)
    if why is None and peering_type == _asn.MICROSOFT_PEERING:
        why = _asn.microsoft_peering_refusal(peer_asn)
    if why:
        raise ValidationError("{0} {1} is {2}.".format(option, peer_asn, why))
    return peer_asn


def check_shared_key(key):
    if key is not None and not _SHARED_KEY.match(key):
        # Never echo the key itself.
        raise ValidationError(
            "shared_key must be 1-25 letters and digits (the BGP MD5 key; Azure allows no special "
            "characters); the given key has {0} characters.".format(len(key))
        )
    return key


def check_vlan(vlan_id, peering_name, siblings):
    if vlan_id is None:
        return None
    if not 1 <= vlan_id <= 4094:
        raise ValidationError(
            "vlan_id {0} is not a VLAN ID: 1-4094 (the C-tag of this peering, the same on the "
            "primary and secondary link).".format(vlan_id)
        )
    for sibling in siblings:
        if sibling["name"] != peering_name and sibling.get("vlan_id") == vlan_id:
            raise ValidationError(
                "vlan_id {0} is already used by the circuit's {1}: every peering of a circuit "
                "needs its own VLAN ID.".format(vlan_id, sibling["name"])
            )
    return vlan_id


def check_no_overlap(peering_name, links, siblings):
    """This peering's link prefixes must not overlap another peering's."""
    mine = [ipaddress.ip_network(p) for p in links if p]
    for sibling in siblings:
        if sibling["name"] == peering_name:
            continue
        theirs = [sibling.get("primary_prefix"), sibling.get("secondary_prefix")]
        theirs += [(sibling.get("ipv6") or {}).get(k) for k in ("primary_prefix", "secondary_prefix")]
        for other in [ipaddress.ip_network(p) for p in theirs if p]:
            for own in mine:
                if own.version == other.version and own.overlaps(other):
                    raise ValidationError(
                        "{0} overlaps {1} of the circuit's {2}: each peering needs its own link prefixes.".format(
                            own, other, sibling["name"]
                        )
                    )


def check_communities(communities, option):
    for community in communities or []:
        if not _COMMUNITY.match(str(community)):
            raise ValidationError(
                "{0} '{1}' is not a BGP community (ASN:value, e.g. 65020:100).".format(option, community)
            )
    return list(communities) if communities is not None else None


def check_registry(name, option):
    if name is None:
        return None
    for registry in ROUTING_REGISTRIES:
        if registry.lower() == str(name).lower():
            return registry
    raise ValidationError(
        "{0} '{1}' is not a routing registry Microsoft validates against; choose one of: {2}.".format(
            option, name, ", ".join(ROUTING_REGISTRIES)
        )
    )


def microsoft_config(options, peering_type, where):
    """The Microsoft peering config a user asked for, validated, or None."""
    if peering_type != "MicrosoftPeering":
        if options:
            raise ValidationError("{0} applies to MicrosoftPeering only.".format(where.rstrip(".")))
        return None
    options = options or {}
    customer_asn = options.get("customer_asn")
    if customer_asn is not None:
        check_asn(customer_asn, "AzurePrivatePeering", where + "customer_asn")
    return {
        "advertised_public_prefixes": check_advertised_prefixes(
            options.get("advertised_public_prefixes"), where, 6 if where.startswith("ipv6.") else 4
        ),
        "advertised_communities": check_communities(
            options.get("advertised_communities") or [], where + "advertised_communities"
        ),
        "customer_asn": customer_asn or 0,
        "routing_registry_name": check_registry(
            options.get("routing_registry_name") or "NONE", where + "routing_registry_name"
        ),
    }


def managed_microsoft(config):
    if not config:
        return None
    return {
        k: config.get(k)
        for k in ("advertised_public_prefixes", "advertised_communities", "customer_asn", "routing_registry_name")
    }


def managed_view(peering, shared_key_changes=False):
    """The fields the peering module manages, from a peering result (the
    shape of _shapes.peering_result).  The MD5 key shows as set or changed,
    never its value."""
    if peering is None:
        return None
    ipv6 = peering.get("ipv6")
    return {
        "peering_type": peering["peering_type"],
        "peering_state": peering["state"],
        "peer_asn": peering["peer_asn"],
        "vlan_id": peering["vlan_id"],
        "primary_prefix": peering["primary_prefix"],
        "secondary_prefix": peering["secondary_prefix"],
        "shared_key": (SECRET_CHANGED if shared_key_changes else SECRET_SET) if peering["shared_key_set"] else None,
        "route_filter_id": peering["route_filter_id"],
        "microsoft_peering_config": managed_microsoft(peering["microsoft_peering_config"]),
        "ipv6": None
        if not ipv6
        else {
            "primary_prefix": ipv6["primary_prefix"],
            "secondary_prefix": ipv6["secondary_prefix"],
            "peering_state": ipv6["state"],
            "route_filter_id": ipv6["route_filter_id"],
            "microsoft_peering_config": managed_microsoft(ipv6["microsoft_peering_config"]),
        },
    }


MANAGED_FIELDS = (
    "peering_type",
    "peering_state",
    "peer_asn",
    "vlan_id",
    "primary_prefix",
    "secondary_prefix",
    "shared_key",
    "route_filter_id",
    "microsoft_peering_config",
    "ipv6",
)


# -- the plan of a peering write, shared by the circuit's peering module and
# the provider's cross_connection_peering module --------------------------------


def check_peering_type(peering_type, state="present"):
    """Azure no longer creates public peerings; an old one may still be
    removed (state absent)."""
    if peering_type == "AzurePublicPeering" and state == "present":
        raise ValidationError(
            "peering_type AzurePublicPeering is not available: Azure no longer creates public "
            "peerings; use MicrosoftPeering for Azure public services."
        )
    return peering_type


def _desired_ipv6(options, peering_type, route_filter_id):
    if options is None:
        return None
    if options["state"] == "absent":
        return {}
    primary, secondary = link_prefixes(
        options["primary_prefix"], options["secondary_prefix"], options["prefix"], 6, "ipv6."
    )
    if primary is None:
        raise ValidationError(
            "ipv6 needs its link prefixes: ipv6.prefix (/125) or ipv6.primary_prefix and ipv6.secondary_prefix (/126)."
        )
    if peering_type == "MicrosoftPeering":
        check_public_links((primary, secondary), "ipv6.")
    elif options.get("route_filter"):
        raise ValidationError("ipv6.route_filter applies to MicrosoftPeering only.")
    return {
        "primary_prefix": primary,
        "secondary_prefix": secondary,
        "peering_state": options["peering_state"],
        "route_filter_id": route_filter_id(options.get("route_filter")),
        "microsoft_peering_config": microsoft_config(
            options["microsoft_peering"], peering_type, "ipv6.microsoft_peering."
        ),
    }


def desired_peering(params, route_filter_id=None):
    """The managed fields asked for (None = leave as is), validated, from the
    peering modules' options.  ``route_filter_id(value)`` turns a
    ``route_filter`` option into an id; leave it out where the peering model
    has no route filter (the provider's cross-connection peering)."""
    resolve = route_filter_id or (lambda value: None)
    peering_type = params["peering_type"]
    primary, secondary = link_prefixes(params["primary_prefix"], params["secondary_prefix"], params["prefix"], 4)
    if peering_type == "MicrosoftPeering":
        check_public_links((primary, secondary))
    elif params.get("route_filter"):
        raise ValidationError(
            "route_filter applies to MicrosoftPeering only: route filters select the Microsoft "
            "services advertised over Microsoft peering."
        )
    return {
        "peering_type": peering_type,
        "peering_state": params["peering_state"],
        "peer_asn": check_asn(params["peer_asn"], peering_type),
        "vlan_id": params["vlan_id"],
        "primary_prefix": primary,
        "secondary_prefix": secondary,
        "route_filter_id": resolve(params.get("route_filter")),
        "microsoft_peering_config": (
            microsoft_config(params["microsoft_peering"], peering_type, "microsoft_peering.")
            if params["microsoft_peering"] is not None
            else None
        ),
        "ipv6": _desired_ipv6(params["ipv6"], peering_type, resolve),
    }


def check_create(params, desired, parent):
    """A new peering needs its ASN, VLAN and links (and the Microsoft config);
    ``parent`` names where it would be created ("circuit er1")."""
    missing = [k for k in ("peer_asn", "vlan_id") if desired[k] is None]
    if desired["primary_prefix"] is None:
        missing.append("prefix (or primary_prefix and secondary_prefix)")
    if params["peering_type"] == "MicrosoftPeering" and desired["microsoft_peering_config"] is None:
        missing.append("microsoft_peering (advertised_public_prefixes)")
    if missing:
        raise ValidationError(
            "{0} does not exist on {1}; to create it set {2}.".format(
                params["peering_type"], parent, ", ".join(missing)
            )
        )


def check_siblings(peering_type, desired, siblings):
    """The VLAN and link prefixes against the circuit's other peerings."""
    check_vlan(desired["vlan_id"], peering_type, siblings)
    links = [desired["primary_prefix"], desired["secondary_prefix"]]
    links += [(desired["ipv6"] or {}).get(k) for k in ("primary_prefix", "secondary_prefix")]
    check_no_overlap(peering_type, links, siblings)


def check_global_reach_overlap(peering_type, after, before, global_reach_links, circuit_name):
    """The link prefixes this task sets must not overlap the /29 (IPv6 /125)
    of a Global Reach link of the circuit: Azure carves the link's
    addresses from it, so no peering of either circuit may use it
    (expressroute-howto-set-global-reach).  _global_reach.check_no_overlap
    refuses the other order (a link over a peering's prefixes).
    ``global_reach_links``: _global_reach.links of the private peering."""
    labelled = [("primary_prefix", after.get("primary_prefix")), ("secondary_prefix", after.get("secondary_prefix"))]
    labelled += [("ipv6." + k, (after.get("ipv6") or {}).get(k)) for k in ("primary_prefix", "secondary_prefix")]
    unchanged = {before.get("primary_prefix"), before.get("secondary_prefix")} if before else set()
    unchanged |= (
        {(before.get("ipv6") or {}).get(k) for k in ("primary_prefix", "secondary_prefix")} if before else set()
    )
    for option, prefix in labelled:
        if not prefix or prefix in unchanged:
            continue
        own = ipaddress.ip_network(prefix, strict=False)
        for link in global_reach_links:
            for used in (link["address_prefix"], link["ipv6_address_prefix"]):
                if not used:
                    continue
                other = ipaddress.ip_network(used, strict=False)
                if own.version == other.version and own.overlaps(other):
                    raise ValidationError(
                        "{0} {1} of the {2} overlaps {3}, the address prefix of Global Reach link {4} of circuit {5}: "
                        "Azure takes that link's addresses from it, so no peering may use it. Give the peering "
                        "another prefix (or delete the link first).".format(
                            option, prefix, peering_type, used, link["name"], circuit_name
                        ),
                        global_reach_link=link["id"],
                    )


KEEP = object()


def shared_key_after(requested, current_key):
    """What the diff shows for the MD5 key after the task, or KEEP.  Azure
    returns the key on read, so a new key is found by comparison, and only
    markers are ever shown."""
    requested = None if requested is None else (requested or "")
    if requested is None or requested == (current_key or ""):
        return KEEP
    if requested == "":
        return None
    return SECRET_CHANGED if current_key else SECRET_SET


# A route_filter option of "" (a desired route_filter_id of DETACH) removes
# the filter from the peering; None leaves it.
DETACH = ""


def plan(before, desired, key_after):
    """The managed view after the task."""
    after = apply_fields(
        before
        or {
            "peering_state": "Enabled",
            "shared_key": None,
            "route_filter_id": None,
            "microsoft_peering_config": None,
            "ipv6": None,
        },
        desired,
    )
    if desired["ipv6"] == {}:
        after["ipv6"] = None
    # route_filter: "" detaches the filter (None leaves it as it is).
    if after.get("route_filter_id") == DETACH:
        after["route_filter_id"] = None
    if after["ipv6"] and after["ipv6"].get("route_filter_id") == DETACH:
        after["ipv6"] = dict(after["ipv6"], route_filter_id=None)
    if key_after is not KEEP:
        after["shared_key"] = key_after
    return after


def build_model(model, after, shared_key, provider_view=False):
    """The peering to PUT: ``model`` (as fetched) with the managed fields
    changed, or a new one.  ``provider_view``: an
    ExpressRouteCrossConnectionPeering, which carries no route filter (the
    customer's choice; Azure keeps it)."""
    from azure.mgmt.network.models import (
        ExpressRouteCircuitPeering,
        ExpressRouteCircuitPeeringConfig,
        ExpressRouteCrossConnectionPeering,
        Ipv6ExpressRouteCircuitPeeringConfig,
        SubResource,
    )

    def ms_config(config):
        if config is None:
            return None
        return ExpressRouteCircuitPeeringConfig(
            advertised_public_prefixes=config["advertised_public_prefixes"],
            advertised_communities=config["advertised_communities"],
            customer_asn=config["customer_asn"],
            routing_registry_name=config["routing_registry_name"],
        )

    if model is None:
        model_class = ExpressRouteCrossConnectionPeering if provider_view else ExpressRouteCircuitPeering
        model = model_class(peering_type=after["peering_type"])
    model.state = after["peering_state"]
    model.peer_asn = after["peer_asn"]
    model.vlan_id = after["vlan_id"]
    model.primary_peer_address_prefix = after["primary_prefix"]
    model.secondary_peer_address_prefix = after["secondary_prefix"]
    if shared_key is not None:
        model.shared_key = shared_key or None
    if not provider_view:
        model.route_filter = SubResource(id=after["route_filter_id"]) if after["route_filter_id"] else None
    if after["microsoft_peering_config"] is not None:
        model.microsoft_peering_config = ms_config(after["microsoft_peering_config"])
    ipv6 = after["ipv6"]
    if ipv6:
        model.ipv6_peering_config = Ipv6ExpressRouteCircuitPeeringConfig(
            primary_peer_address_prefix=ipv6["primary_prefix"],
            secondary_peer_address_prefix=ipv6["secondary_prefix"],
            state=ipv6["peering_state"],
            microsoft_peering_config=ms_config(ipv6["microsoft_peering_config"]),
            route_filter=SubResource(id=ipv6["route_filter_id"]) if ipv6["route_filter_id"] else None,
        )
    else:
        model.ipv6_peering_config = None
    return model


def predicted(current, after, new):
    """The peering result a check-mode run reports: ``current`` (or ``new``,
    the identity of a peering still to be created: name, circuit,
    resource_group) with the planned managed fields."""
    result = (
        dict(current)
        if current
        else dict(
            {
                "id": None,
                "provisioning_state": None,
                "azure_asn": MICROSOFT_ASN,
                "primary_azure_port": None,
                "secondary_azure_port": None,
            },
            **new,
        )
    )
    ipv6 = after["ipv6"]
    result.update(
        {
            "peering_type": after["peering_type"],
            "state": after["peering_state"],
            "peer_asn": after["peer_asn"],
            "vlan_id": after["vlan_id"],
            "primary_prefix": after["primary_prefix"],
            "secondary_prefix": after["secondary_prefix"],
            "shared_key_set": after["shared_key"] is not None,
            "route_filter_id": after["route_filter_id"],
            "microsoft_peering_config": after["microsoft_peering_config"],
            "ipv6": None
            if not ipv6
            else {
                "primary_prefix": ipv6["primary_prefix"],
                "secondary_prefix": ipv6["secondary_prefix"],
                "state": ipv6["peering_state"],
                "route_filter_id": ipv6["route_filter_id"],
                "microsoft_peering_config": ipv6["microsoft_peering_config"],
            },
        }
    )
    return result


def link_hosts(network):
    """Who takes which address on one link (an ipaddress /30 or /126): your
    router (or the provider's) the first usable address, Microsoft the second
    (expressroute-routing).  The collection's one home of that rule; the
    router model names the same two addresses from the router's side
    (local_ip, peer_ip)."""
    hosts = list(network.hosts())  # IPv6: ::1, ::2, ::3 (the subnet-router anycast ::0 is left out)
    return {
        "prefix": str(network),
        "customer_address": str(hosts[0]),
        "microsoft_address": str(hosts[1]),
        "prefix_length": network.prefixlen,
    }


def link_addresses(peering):
    """Who takes which address on each link of a peering: from a peering
    result, or from plain inputs (``prefix`` as a /29, or
    ``primary_prefix``/``secondary_prefix``).  Your router (or the
    provider's) takes the first usable address of each /30, Microsoft the
    second (expressroute-routing)."""
    primary, secondary = link_prefixes(
        peering.get("primary_prefix"), peering.get("secondary_prefix"), peering.get("prefix"), 4
    )
    if primary is None:
        raise ValidationError(
            "the peering has no link prefixes: give prefix (a /29) or primary_prefix and secondary_prefix (two /30s)."
        )
    links = {}
    for name, value in (("primary", primary), ("secondary", secondary)):
        links[name] = dict(link_hosts(ipaddress.ip_network(value)), prefix=value)
    return links


# advertisedPublicPrefixesState while Microsoft has not validated that the
# customer owns the advertised prefixes: the BGP session stays down until it
# has (live ARM answered ValidationNeeded for public prefixes with a named
# registry and a public ASN: Azure/azure-cli recording
# test_network_express_route.yaml; docs: "Configure peering for an
# ExpressRoute circuit", Microsoft peering, prefix validation).
PREFIXES_AWAITING_VALIDATION = "ValidationNeeded"


def prefix_validation_actions(peering):
    """What the user must do for a peering result (``_shapes.peering_result``)
    whose advertised public prefixes await Microsoft's validation: a list of
    sentences, empty when nothing is waiting."""
    if not peering or peering.get("peering_type") != "MicrosoftPeering":
        return []
    actions = []
    configs = [("IPv4", peering.get("microsoft_peering_config"))]
    configs.append(("IPv6", ((peering.get("ipv6") or {}).get("microsoft_peering_config"))))
    for family, config in configs:
        if not config or config.get("advertised_public_prefixes_state") != PREFIXES_AWAITING_VALIDATION:
            continue
        actions.append(
            "MicrosoftPeering of circuit {0} ({1}): Microsoft has not yet validated that you own the advertised public "
            "prefixes {2} (advertisedPublicPrefixesState ValidationNeeded), and keeps the BGP session down until it "
            "has. Prove the prefixes are yours: they must be registered to you (or to customer_asn {3}) in routing "
            "registry {4}; then complete Microsoft's prefix validation for each prefix (Azure portal: the peering's "
            "prefix validation, or a support request, as Azure's 'Configure peering for an ExpressRoute circuit' "
            "describes). Nothing to change in this task: once validated the state is Configured "
            "(hybridnet.expressroute.peering_info shows it).".format(
                peering.get("circuit"),
                family,
                ", ".join(config.get("advertised_public_prefixes") or []) or "(none)",
                config.get("customer_asn") or peering.get("peer_asn"),
                config.get("routing_registry_name"),
            )
        )
    return actions
