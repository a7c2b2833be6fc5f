"""Geopolitical regions: the emulator's own copy (it plays Azure; the
collection keeps its copy in plugins/module_utils/_geo.py).

Source: MicrosoftDocs/azure-docs, includes/expressroute-azure-regions-
geopolitical-region.md (commit 0440832a, ms.date 2024-04-05), the table
"Azure regions to ExpressRoute locations within a geopolitical region", and
its rule: "Connectivity across geopolitical regions isn't supported on the
standard ExpressRoute SKU. You'll need to enable the ExpressRoute premium
add-on to support global connectivity."  A circuit's geopolitical region is
that of its peering location (not of its resource location): "You have
access to Azure services across all regions within a geopolitical region if
you're connecting to at least one ExpressRoute location within the
geopolitical region" (expressroute-locations-providers.md).

Regions marked (*) are missing from that table; each is placed with the
geopolitical region of the peering locations whose "Local Azure regions"
column names it in expressroute-locations-providers.md (Madrid: Spain
Central, Jakarta: Indonesia Central, Kuala Lumpur: Malaysia West, Auckland:
New Zealand North, Queretaro: Mexico Central, Santiago: Chile Central), or
with its country's other regions.
"""

import re

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


def _squash(text):
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


_BY_REGION = {region: geo for geo, (regions, _) in GEOPOLITICAL_REGIONS.items() for region in regions}
_BY_LOCATION = {_squash(loc): geo for geo, (_, locations) in GEOPOLITICAL_REGIONS.items() for loc in locations}


def of_region(region):
    """The geopolitical region of an Azure region ("West Europe" or
    "westeurope"), or None when the table does not know it."""
    return _BY_REGION.get(_squash(region))


def of_peering_location(location):
    """The geopolitical region of an ExpressRoute peering location, or None."""
    return _BY_LOCATION.get(_squash(location))


def is_global(circuit):
    """Premium circuits link across geopolitical regions."""
    return ((circuit.get("sku") or {}).get("tier") or "").lower() == "premium"
