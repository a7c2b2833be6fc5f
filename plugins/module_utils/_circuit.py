# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: what the circuit modules know about circuits and the provider
catalog — pure functions over plain dicts, so they are unit-tested without
Azure."""

from __future__ import annotations

from typing import Any

from ._errors import ValidationError

# The fields the circuit module manages, in the order diffs show them.
MANAGED_FIELDS = (
    "location",
    "tier",
    "family",
    "provider",
    "peering_location",
    "bandwidth_mbps",
    "allow_classic_operations",
    "global_reach_enabled",
    "tags",
)
# A circuit on an ExpressRoute Direct port: the port and its size there
# instead of a provider, peering location and Mbps.
DIRECT_FIELDS = (
    "location",
    "tier",
    "family",
    "express_route_port",
    "bandwidth_gbps",
    "allow_classic_operations",
    "global_reach_enabled",
    "tags",
)
PROVISIONED_STATES = ("Provisioning", "Provisioned")


def normalize_location(location: str | None) -> str | None:
    """ARM's canonical form: "West Europe" -> "westeurope"."""
    return "".join(str(location).split()).lower() if location is not None else None


def catalog_from_providers(providers: Any) -> list[dict[str, Any]]:
    """[{name, peering_locations, bandwidths_mbps}] from the SDK's
    expressRouteServiceProviders list."""
    catalog = []
    for provider in providers:
        catalog.append(
            {
                "name": provider.name,
                "peering_locations": list(provider.peering_locations or []),
                "bandwidths_mbps": sorted(b.value_in_mbps for b in (provider.bandwidths_offered or [])),
                "bandwidths": [
                    {"offer_name": b.offer_name, "value_mbps": b.value_in_mbps}
                    for b in (provider.bandwidths_offered or [])
                ],
            }
        )
    return catalog


def find_offer(
    catalog: list[dict[str, Any]], provider: str, peering_location: str, bandwidth_mbps: int
) -> tuple[str, str, int]:
    """Canonical (provider, peering_location, bandwidth) from the catalog;
    ValidationError naming the valid choices otherwise."""
    names = [p["name"] for p in catalog]
    match = [p for p in catalog if p["name"].lower() == str(provider).lower()]
    if not match:
        raise ValidationError(
            "provider '{0}' is not an ExpressRoute connectivity provider in this cloud. Valid providers: {1}. "
            "(service_provider_info lists them with their locations and bandwidths.)".format(
                provider, ", ".join(names)
            ),
            valid_providers=names,
        )
    entry = match[0]
    locations = entry["peering_locations"]
    location = [p for p in locations if p.lower() == str(peering_location).lower()]
    if not location:
        raise ValidationError(
            "peering_location '{0}' is not offered by {1}. Valid peering locations for {1}: {2}.".format(
                peering_location, entry["name"], ", ".join(locations)
            ),
            valid_peering_locations=locations,
        )
    if bandwidth_mbps not in entry["bandwidths_mbps"]:
        raise ValidationError(
            "bandwidth_mbps {0} is not offered by {1} at {2}. Valid bandwidths (Mbps): {3}.".format(
                bandwidth_mbps, entry["name"], location[0], ", ".join(str(b) for b in entry["bandwidths_mbps"])
            ),
            valid_bandwidths_mbps=entry["bandwidths_mbps"],
        )
    return entry["name"], location[0], bandwidth_mbps


def check_sku(tier: str | None, family: str | None, bandwidth_mbps: int | None = None, creating: bool = False) -> None:
    """Azure's tier rules, before any write.  Where Local is offered is not
    in the catalog: Azure alone refuses a peering location without it."""
    if creating and tier == "Basic":
        raise ValidationError(
            "tier Basic is not available for new circuits (Azure keeps it only for existing "
            "ones); use Standard, Premium or Local."
        )
    if tier == "Local" and family != "UnlimitedData":
        raise ValidationError(
            "tier Local requires family UnlimitedData: ExpressRoute Local includes unlimited "
            "data. Set family: UnlimitedData."
        )
    if tier == "Local" and bandwidth_mbps is not None and bandwidth_mbps < 1000:
        raise ValidationError(
            "tier Local starts at 1 Gbps: bandwidth_mbps {0} is too low; use 1000 or more, or tier Standard.".format(
                bandwidth_mbps
            )
        )


def check_update(current: dict[str, Any], desired: dict[str, Any]) -> None:
    """Refuse, before any write, the changes Azure cannot make in place."""
    refusals = []
    if desired.get("location") and normalize_location(desired["location"]) != normalize_location(current["location"]):
        refusals.append(
            "location cannot change from {0} to {1}: a circuit cannot move between regions".format(
                current["location"], desired["location"]
            )
        )
    if desired.get("provider") and desired["provider"].lower() != str(current["provider"]).lower():
        refusals.append("provider cannot change from {0} to {1}".format(current["provider"], desired["provider"]))
    if (
        desired.get("peering_location")
        and desired["peering_location"].lower() != str(current["peering_location"]).lower()
    ):
        refusals.append(
            "peering_location cannot change from {0} to {1}".format(
                current["peering_location"], desired["peering_location"]
            )
        )
    if desired.get("bandwidth_mbps") is not None and desired["bandwidth_mbps"] < current["bandwidth_mbps"]:
        refusals.append(
            "bandwidth_mbps cannot decrease (from {0} to {1}); Azure only raises bandwidth in place".format(
                current["bandwidth_mbps"], desired["bandwidth_mbps"]
            )
        )
    if desired.get("family") == "MeteredData" and current["family"] == "UnlimitedData":
        refusals.append("family cannot change from UnlimitedData to MeteredData")
    if desired.get("tier") == "Local" and current["tier"] != "Local":
        refusals.append("tier cannot change from {0} to Local".format(current["tier"]))
    if refusals:
        raise ValidationError(
            "Circuit {0} cannot be changed in place: {1}. These changes need a new circuit (create one with another "
            "name, move the peerings and connections, then delete this one); nothing was changed.".format(
                current["name"], "; ".join(refusals)
            ),
            refused_changes=refusals,
        )


def desired_from_params(params: dict[str, Any]) -> dict[str, Any]:
    """The managed fields a user asked for (None = leave as is)."""
    return {
        "location": normalize_location(params.get("location")),
        "tier": params.get("tier"),
        "family": params.get("family"),
        "provider": params.get("provider"),
        "peering_location": params.get("peering_location"),
        "bandwidth_mbps": params.get("bandwidth_mbps"),
        "allow_classic_operations": params.get("allow_classic_operations"),
        "global_reach_enabled": params.get("global_reach_enabled"),
        "tags": params.get("tags"),
        "express_route_port": params.get("express_route_port"),
        "bandwidth_gbps": params.get("bandwidth_gbps"),
    }


def fields_of(result: dict[str, Any]) -> tuple[str, ...]:
    """The managed fields of a circuit result: a Direct circuit's or a
    provider circuit's."""
    return DIRECT_FIELDS if result and result.get("express_route_port") else MANAGED_FIELDS


def check_direct_update(current: dict[str, Any], desired: dict[str, Any]) -> None:
    """What the Direct options may do to an existing circuit (refused before
    any write)."""
    on_port = bool(current.get("express_route_port"))
    if not on_port and (desired.get("express_route_port") or desired.get("bandwidth_gbps") is not None):
        raise ValidationError(
            "Circuit {0} is ordered through a connectivity provider; it cannot move onto an ExpressRoute Direct port "
            "(express_route_port, bandwidth_gbps). Create a new circuit on the port. Nothing was changed.".format(
                current["name"]
            )
        )
    if on_port:
        provider_options = [k for k in ("provider", "peering_location", "bandwidth_mbps") if desired.get(k)]
        if provider_options:
            raise ValidationError(
                "Circuit {0} is on ExpressRoute Direct port {1}; {2} apply to circuits through a connectivity "
                "provider. Use bandwidth_gbps. Nothing was changed.".format(
                    current["name"], current["express_route_port"], ", ".join(provider_options)
                )
            )
        wanted = desired.get("express_route_port")
        if wanted and wanted.lower() != current["express_route_port"].lower():
            raise ValidationError(
                "express_route_port of circuit {0} cannot change (from {1} to {2}); create a new circuit on that "
                "port. Nothing was changed.".format(current["name"], current["express_route_port"], wanted)
            )


def managed_view(result: dict[str, Any]) -> dict[str, Any]:
    """The managed fields of a circuit result (for comparison and diffs)."""
    if result is None:
        return None
    view = {k: result.get(k) for k in fields_of(result)}
    view["location"] = normalize_location(view["location"])
    return view
