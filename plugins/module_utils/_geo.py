# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: geopolitical regions and the Standard/Premium rule (one home for
the modules and the roles; the emulator keeps its own copy).

Sources (MicrosoftDocs/azure-docs):
- includes/expressroute-azure-regions-geopolitical-region.md (commit
  0440832a, 2024-04-05): the table "Azure regions to ExpressRoute locations
  within a geopolitical region", and "Connectivity across geopolitical
  regions isn't supported on the standard ExpressRoute SKU. You'll need to
  enable the ExpressRoute premium add-on to support global connectivity."
- articles/expressroute/expressroute-locations-providers.md: a circuit
  reaches the regions of the geopolitical region of its *peering location*
  (not of its resource location); its "Local Azure regions" column places
  the regions the table lacks, marked (*) below.
- articles/expressroute/expressroute-global-reach.md: "To enable ExpressRoute
  Global Reach between different geopolitical regions, your circuits must be
  Premium SKU."

Pure functions over plain values: unit-testable without Azure.
"""

from __future__ import annotations

from typing import Any

import re

from ._errors import ValidationError

GEOPOLITICAL_REGIONS = {
    "Australia Government": (("australiacentral", "australiacentral2"), ("Canberra", "Canberra2")),
    "Europe": (
        (
            "francecentral",
            "francesouth",
            "germanynorth",
            "germanywestcentral",
            "italynorth",
            "northeurope",
            "norwayeast",
            "norwaywest",
            "polandcentral",
            "swedencentral",
            "switzerlandnorth",
            "switzerlandwest",
            "ukwest",
            "uksouth",
            "westeurope",
            "spaincentral",
            "swedensouth",
        ),  # (*)
        (
            "Amsterdam",
            "Amsterdam2",
            "Berlin",
            "Copenhagen",
            "Dublin",
            "Dublin2",
            "Frankfurt",
            "Frankfurt2",
            "Geneva",
            "London",
            "London2",
            "Madrid",
            "Madrid2",
            "Marseille",
            "Milan",
            "Milan2",
            "Munich",
            "Newport(Wales)",
            "Oslo",
            "Paris",
            "Paris2",
            "Stavanger",
            "Stockholm",
            "Warsaw",
            "Zurich",
            "Zurich2",
        ),
    ),
    "North America": (
        (
            "eastus",
            "westus",
            "eastus2",
            "westus2",
            "westus3",
            "centralus",
            "southcentralus",
            "northcentralus",
            "westcentralus",
            "canadacentral",
            "canadaeast",
            "mexicocentral",
        ),  # (*)
        (
            "Atlanta",
            "Chicago",
            "Chicago2",
            "Dallas",
            "Denver",
            "Las Vegas",
            "Los Angeles",
            "Los Angeles2",
            "Miami",
            "Minneapolis",
            "Montreal",
            "New York",
            "Phoenix",
            "Quebec City",
            "Queretaro(Mexico)",
            "Quincy",
            "San Antonio",
            "Seattle",
            "Silicon Valley",
            "Silicon Valley2",
            "Toronto",
            "Toronto2",
            "Vancouver",
            "Washington DC",
            "Washington DC2",
        ),
    ),
    "Asia": (
        ("eastasia", "southeastasia", "indonesiacentral", "malaysiawest"),  # (*)
        ("Bangkok", "Hong Kong", "Hong Kong2", "Jakarta", "Kuala Lumpur", "Singapore", "Singapore2", "Taipei"),
    ),
    "India": (
        ("westindia", "centralindia", "southindia", "jioindiawest", "jioindiacentral"),  # (*)
        ("Chennai", "Chennai2", "Mumbai", "Mumbai2", "Pune"),
    ),
    "Israel": (("israelcentral",), ("Tel Aviv", "Tel Aviv2")),
    "Japan": (("japanwest", "japaneast"), ("Osaka", "Tokyo", "Tokyo2", "Tokyo3")),
    "Oceania": (
        ("australiaeast", "australiasoutheast", "newzealandnorth"),  # (*)
        ("Auckland", "Melbourne", "Perth", "Sydney", "Sydney2"),
    ),
    "South Korea": (("koreacentral", "koreasouth"), ("Busan", "Seoul", "Seoul2")),
    "UAE": (("uaecentral", "uaenorth"), ("Abu Dhabi", "Dubai", "Dubai2")),
    "South Africa": (("southafricawest", "southafricanorth"), ("Cape Town", "Johannesburg")),
    "South America": (
        ("brazilsouth", "brazilsoutheast", "chilecentral"),  # (*)
        ("Campinas", "Rio de Janeiro", "Sao Paulo", "Sao Paulo2", "Santiago"),
    ),
    "Qatar": (("qatarcentral",), ("Doha", "Doha2")),
}

FIX = (
    "enable the Premium add-on on the circuit (hybridnet.expressroute.circuit sku_tier: Premium), or use a "
    "gateway in a virtual network of the circuit's geopolitical region"
)


def _squash(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


_BY_REGION = {region: geo for geo, places in GEOPOLITICAL_REGIONS.items() for region in places[0]}
_BY_LOCATION = {_squash(loc): geo for geo, places in GEOPOLITICAL_REGIONS.items() for loc in places[1]}


def of_region(region: str | None) -> str | None:
    """The geopolitical region of an Azure region ("West Europe" or
    "westeurope"), or None when the table does not know it."""
    return _BY_REGION.get(_squash(region))


def of_peering_location(location: str | None) -> str | None:
    """The geopolitical region of an ExpressRoute peering location, or None."""
    return _BY_LOCATION.get(_squash(location))


def is_premium(tier: str | None) -> bool:
    return str(tier or "").lower() == "premium"


def link_outside(tier: str | None, peering_location: str | None, region: str | None) -> tuple[str, str] | None:
    """(circuit's geopolitical region, region's) when a circuit of ``tier``
    at ``peering_location`` may not link a virtual network in ``region``;
    None when it may (Premium, same geopolitical region, or a place the
    table does not know: Azure decides then)."""
    if is_premium(tier):
        return None
    here, there = of_peering_location(peering_location), of_region(region)
    if here is None or there is None or here == there:
        return None
    return here, there


def check_connection(
    circuit_name: str, tier: str | None, peering_location: str | None, gateway_name: str, gateway_region: str | None
) -> None:
    """A connection links a Standard (or Local) circuit only to a gateway in
    the geopolitical region of the circuit's peering location."""
    outside = link_outside(tier, peering_location, gateway_region)
    if outside is None:
        return
    raise ValidationError(
        "peer: circuit {0} is a {1} circuit at peering location {2} (geopolitical region {3}), and gateway {4} is in "
        "{5} (geopolitical region {6}). A Standard circuit links only to virtual networks in its own geopolitical "
        "region; connectivity across geopolitical regions needs the ExpressRoute Premium add-on. To fix: {7}.".format(
            circuit_name, tier, peering_location, outside[0], gateway_name, gateway_region, outside[1], FIX
        ),
        circuit_geopolitical_region=outside[0],
        gateway_geopolitical_region=outside[1],
    )


def check_global_reach(circuit: dict[str, Any], peer: dict[str, Any]) -> None:
    """Global Reach across geopolitical regions needs both circuits Premium.
    ``circuit``/``peer``: {name, tier, peering_location}."""
    here, there = of_peering_location(circuit["peering_location"]), of_peering_location(peer["peering_location"])
    if here is None or there is None or here == there:
        return
    standard = [c["name"] for c in (circuit, peer) if not is_premium(c["tier"])]
    if not standard:
        return
    raise ValidationError(
        "peer_circuit: circuit {0} (peering location {1}, geopolitical region {2}) and circuit {3} ({4}, {5}) are in "
        "different geopolitical regions; Global Reach between them needs both circuits on the Premium SKU, and {6} "
        "{7} not. To fix: enable the Premium add-on (hybridnet.expressroute.circuit sku_tier: Premium) on {6}, or "
        "link circuits of one geopolitical region.".format(
            circuit["name"],
            circuit["peering_location"],
            here,
            peer["name"],
            peer["peering_location"],
            there,
            " and ".join(standard),
            "is" if len(standard) == 1 else "are",
        )
    )
