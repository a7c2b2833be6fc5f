# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: stable snake_case results from SDK models.

Never ``as_dict()``: its shape changed in azure-mgmt-network 31.0.0.  Read
the flattened attribute names, which both model generations answer, and
normalise enums, whose ``str()`` differs between generations.
"""

from __future__ import annotations

from typing import Any

import re

ZERO_SERVICE_KEY = "00000000-0000-0000-0000-000000000000"
_ID = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)/resourceGroups/(?P<rg>[^/]+)/providers/(?P<ns>[^/]+)/"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)


def value(item: Any) -> Any:
    """The plain value of an SDK enum (or the item itself)."""
    return getattr(item, "value", item)


def parse_id(resource_id: str | None) -> Any:  # dict of the id's parts, or None
    """{subscription, resource_group, namespace, path: [(type, name), ...]}
    of an ARM id, or None."""
    match = _ID.match(resource_id or "")
    if not match:
        return None
    rest = match.group("rest").split("/")
    return {
        "subscription": match.group("sub"),
        "resource_group": match.group("rg"),
        "namespace": match.group("ns"),
        "path": [(rest[i], rest[i + 1]) for i in range(0, len(rest) - 1, 2)],
    }


def sub_id(item: Any) -> str | None:
    """The id of a SubResource-like attribute, or None."""
    return getattr(item, "id", None) if item is not None else None


def _microsoft_config(config: Any) -> dict[str, Any] | None:
    if config is None:
        return None
    return {
        "advertised_public_prefixes": list(config.advertised_public_prefixes or []),
        "advertised_communities": list(config.advertised_communities or []),
        "customer_asn": config.customer_asn,
        "routing_registry_name": config.routing_registry_name,
        "advertised_public_prefixes_state": value(config.advertised_public_prefixes_state),
    }


def peering_result(peering: Any, circuit_name: str | None, resource_group: str | None) -> dict[str, Any]:
    peering_type = value(peering.peering_type)
    ipv6 = getattr(peering, "ipv6_peering_config", None)
    return {
        "id": peering.id,
        "name": peering.name,
        "circuit": circuit_name,
        "resource_group": resource_group,
        "peering_type": peering_type,
        "state": value(peering.state),
        "provisioning_state": value(peering.provisioning_state),
        "peer_asn": peering.peer_asn,
        "azure_asn": peering.azure_asn,
        "vlan_id": peering.vlan_id,
        "primary_prefix": peering.primary_peer_address_prefix,
        "secondary_prefix": peering.secondary_peer_address_prefix,
        "primary_azure_port": peering.primary_azure_port,
        "secondary_azure_port": peering.secondary_azure_port,
        "shared_key_set": bool(peering.shared_key),
        # The provider's view (ExpressRouteCrossConnectionPeering) has no route filter.
        "route_filter_id": sub_id(getattr(peering, "route_filter", None)),
        "microsoft_peering_config": (
            _microsoft_config(peering.microsoft_peering_config) if peering_type == "MicrosoftPeering" else None
        ),
        "ipv6": None
        if ipv6 is None
        else {
            "primary_prefix": ipv6.primary_peer_address_prefix,
            "secondary_prefix": ipv6.secondary_peer_address_prefix,
            "state": value(ipv6.state),
            "route_filter_id": sub_id(ipv6.route_filter),
            # Azure fills in a default config on private peerings, as on IPv4.
            "microsoft_peering_config": (
                _microsoft_config(ipv6.microsoft_peering_config) if peering_type == "MicrosoftPeering" else None
            ),
        },
    }


def authorization_result(authorization: Any) -> dict[str, Any]:
    return {
        "id": authorization.id,
        "name": authorization.name,
        "use_status": value(authorization.authorization_use_status),
        "provisioning_state": value(authorization.provisioning_state),
    }


def _number(item: Any) -> Any:
    """A float that is a whole number as an int (Azure's Gbps are numbers)."""
    return int(item) if isinstance(item, float) and item.is_integer() else item


def circuit_result(circuit: Any) -> dict[str, Any]:
    parsed = parse_id(circuit.id) or {}
    sku = circuit.sku
    spp = circuit.service_provider_properties
    resource_group = parsed.get("resource_group")
    return {
        "id": circuit.id,
        "name": circuit.name,
        "resource_group": resource_group,
        "subscription_id": parsed.get("subscription"),
        "location": circuit.location,
        "tags": dict(circuit.tags or {}),
        "sku_name": sku.name if sku else None,
        "tier": value(sku.tier) if sku else None,
        "family": value(sku.family) if sku else None,
        "provider": spp.service_provider_name if spp else None,
        "peering_location": spp.peering_location if spp else None,
        "bandwidth_mbps": spp.bandwidth_in_mbps if spp else None,
        # ExpressRoute Direct: the port the circuit is on, and its size there.
        "express_route_port": sub_id(getattr(circuit, "express_route_port", None)),
        "bandwidth_gbps": _number(getattr(circuit, "bandwidth_in_gbps", None)),
        "service_key": circuit.service_key,
        "stag": circuit.stag,
        "circuit_provisioning_state": value(circuit.circuit_provisioning_state),
        "service_provider_provisioning_state": value(circuit.service_provider_provisioning_state),
        "service_provider_notes": circuit.service_provider_notes,
        "provisioning_state": value(circuit.provisioning_state),
        "allow_classic_operations": circuit.allow_classic_operations,
        "global_reach_enabled": circuit.global_reach_enabled,
        "etag": circuit.etag,
        "peerings": [peering_result(p, circuit.name, resource_group) for p in (circuit.peerings or [])],
        "authorizations": [authorization_result(a) for a in (circuit.authorizations or [])],
    }
