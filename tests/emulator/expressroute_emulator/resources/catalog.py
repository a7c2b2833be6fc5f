"""The connectivity-provider catalog (expressRouteServiceProviders) and the
BGP service communities (bgpServiceCommunities).

Provider names, peering locations and bandwidths follow Microsoft's public
"ExpressRoute partners and peering locations" list in shape; the selection
is ours.  ``models`` is emulator-only metadata (ARM has no such field): the
connectivity models of the seed document each provider offers.  It is served
at ``GET /_emulator/catalog`` and used by the demo and the docs, never in
ARM responses.
"""

_ALL = [50, 100, 200, 500, 1000, 2000, 5000, 10000]
_TO_1G = [50, 100, 200, 500, 1000]
_TO_10G_FROM_200 = [200, 500, 1000, 2000, 5000, 10000]

PROVIDERS = [
    {
        "name": "Equinix",
        "models": ["cloud_exchange"],
        "peeringLocations": [
            "Amsterdam",
            "Amsterdam2",
            "Chicago",
            "Dallas",
            "Frankfurt",
            "London",
            "London2",
            "Paris",
            "Silicon Valley",
            "Singapore",
            "Sydney",
            "Tokyo",
            "Washington DC",
        ],
        "bandwidths": _ALL,
    },
    {
        "name": "Megaport",
        "models": ["cloud_exchange"],
        "peeringLocations": [
            "Amsterdam",
            "Dallas",
            "Dublin",
            "Frankfurt",
            "London",
            "Los Angeles",
            "Singapore",
            "Sydney",
            "Washington DC",
        ],
        "bandwidths": _ALL,
    },
    {
        "name": "Digital Realty",
        "models": ["cloud_exchange"],
        "peeringLocations": ["Amsterdam", "Dublin", "Frankfurt", "London", "Paris"],
        "bandwidths": [100, 200, 500, 1000, 2000, 5000, 10000],
    },
    {
        "name": "Console Connect",
        "models": ["cloud_exchange"],
        "peeringLocations": ["Hong Kong", "London", "Singapore", "Silicon Valley"],
        "bandwidths": _TO_1G,
    },
    {
        "name": "Zayo Group",
        "models": ["point_to_point_ethernet"],
        "peeringLocations": ["Chicago", "Dallas", "New York", "Silicon Valley", "Washington DC"],
        "bandwidths": _TO_10G_FROM_200,
    },
    {
        "name": "euNetworks",
        "models": ["point_to_point_ethernet"],
        "peeringLocations": ["Amsterdam", "Dublin", "Frankfurt", "London"],
        "bandwidths": [100, 200, 500, 1000, 2000, 5000, 10000],
    },
    {
        "name": "Colt",
        "models": ["point_to_point_ethernet", "ipvpn"],
        "peeringLocations": ["Amsterdam", "Dublin", "Frankfurt", "London", "Paris", "Tokyo"],
        "bandwidths": _ALL,
    },
    {
        "name": "Lumen Technologies",
        "models": ["point_to_point_ethernet", "ipvpn"],
        "peeringLocations": ["Chicago", "Dallas", "London", "New York", "Silicon Valley", "Washington DC"],
        "bandwidths": _ALL,
    },
    {
        "name": "AT&T NetBond",
        "models": ["ipvpn"],
        "peeringLocations": ["Amsterdam", "Chicago", "Dallas", "London", "Silicon Valley", "Washington DC"],
        "bandwidths": _ALL,
    },
    {
        "name": "Orange",
        "models": ["ipvpn"],
        "peeringLocations": ["Amsterdam", "Dublin", "London", "Paris", "Singapore", "Silicon Valley"],
        "bandwidths": _ALL,
    },
    {
        "name": "British Telecom",
        "models": ["ipvpn"],
        "peeringLocations": ["Amsterdam", "London", "London2", "Singapore", "Washington DC"],
        "bandwidths": [50, 100, 200, 500, 1000, 2000, 5000],
    },
    {
        "name": "Verizon",
        "models": ["ipvpn"],
        "peeringLocations": ["Chicago", "Dallas", "London", "Silicon Valley", "Washington DC"],
        "bandwidths": _ALL,
    },
]

# Peering locations close enough to an Azure region for ExpressRoute Local
# (emulator-defined subset; Microsoft's list maps a location to its region).
LOCAL_LOCATIONS = {
    "amsterdam": "westeurope",
    "amsterdam2": "westeurope",
    "dublin": "northeurope",
    "london": "uksouth",
    "paris": "francecentral",
    "silicon valley": "westus",
    "washington dc": "eastus",
    "tokyo": "japaneast",
    "singapore": "southeastasia",
}


def offer_name(mbps):
    return "{0}Gbps".format(mbps // 1000) if mbps >= 1000 else "{0}Mbps".format(mbps)


def provider_view(provider):
    return {
        "id": "/subscriptions//resourceGroups//providers/Microsoft.Network/expressRouteServiceProviders/",
        "name": provider["name"],
        "type": "Microsoft.Network/expressRouteServiceProviders",
        "properties": {
            "provisioningState": "Succeeded",
            "peeringLocations": list(provider["peeringLocations"]),
            "bandwidthsOffered": [{"offerName": offer_name(b), "valueInMbps": b} for b in provider["bandwidths"]],
        },
    }


def find_provider(name):
    for provider in PROVIDERS:
        if provider["name"].lower() == str(name).lower():
            return provider
    return None


def find_location(provider, location):
    for candidate in provider["peeringLocations"]:
        if candidate.lower() == str(location).lower():
            return candidate
    return None


# -- BGP service communities ---------------------------------------------------
# (service name, community name, value, service group, example prefixes)
_SERVICES = [
    ("exchange", "Exchange Online", "12076:5010", "O365", ["40.92.0.0/15", "52.100.0.0/14"]),
    ("sharepoint", "SharePoint Online", "12076:5020", "O365", ["13.107.136.0/22", "40.108.128.0/17"]),
    ("skypeforbusiness", "Skype For Business Online", "12076:5030", "O365", ["13.107.64.0/18", "52.112.0.0/14"]),
    ("crmonline", "CRM Online", "12076:5040", "", ["13.64.0.0/11"]),
    ("azureglobalservices", "Azure Global Services", "12076:5050", "", ["13.107.6.0/24", "13.107.9.0/24"]),
    ("azureactivedirectory", "Azure Active Directory", "12076:5060", "", ["20.190.128.0/18", "40.126.0.0/18"]),
    ("azureresourcemanager", "Azure Resource Manager", "12076:5070", "", ["13.69.67.0/24"]),
    ("otheroffice365services", "Other Office 365 Services", "12076:5100", "O365", ["52.96.0.0/14"]),
    ("defenderforidentity", "Microsoft Defender for Identity", "12076:5220", "", ["20.40.0.0/16"]),
    ("pstn", "PSTN", "12076:5250", "O365", ["52.120.0.0/14"]),
]
# Regional communities: Azure region -> (Azure public/Microsoft peering value, region name)
_REGIONS = [
    ("westeurope", "West Europe", "12076:51002", ["13.69.0.0/17", "20.50.0.0/18"]),
    ("northeurope", "North Europe", "12076:51003", ["13.69.128.0/17", "20.38.64.0/19"]),
    ("eastus", "East US", "12076:51004", ["13.68.128.0/17", "20.42.0.0/17"]),
    ("westus", "West US", "12076:51006", ["13.64.0.0/16", "20.59.0.0/18"]),
    ("uksouth", "UK South", "12076:51024", ["20.49.128.0/17", "51.104.0.0/15"]),
]


def bgp_communities(subscription_id):
    base = "/subscriptions/{0}/providers/Microsoft.Network/bgpServiceCommunities/".format(subscription_id)
    result = []
    for service, name, value, group, prefixes in _SERVICES:
        result.append(
            {
                "id": base + service,
                "name": service,
                "type": "Microsoft.Network/bgpServiceCommunities",
                "properties": {
                    "serviceName": service,
                    "bgpCommunities": [
                        {
                            "serviceSupportedRegion": "Global",
                            "communityName": name,
                            "communityValue": value,
                            "communityPrefixes": prefixes,
                            "isAuthorizedToUse": True,
                            "serviceGroup": group,
                        }
                    ],
                },
            }
        )
    for region, display, value, prefixes in _REGIONS:
        result.append(
            {
                "id": base + "azure" + region,
                "name": "azure" + region,
                "type": "Microsoft.Network/bgpServiceCommunities",
                "properties": {
                    "serviceName": "Azure" + display.replace(" ", ""),
                    "bgpCommunities": [
                        {
                            "serviceSupportedRegion": display,
                            "communityName": "Azure " + display,
                            "communityValue": value,
                            "communityPrefixes": prefixes,
                            "isAuthorizedToUse": True,
                            "serviceGroup": "",
                        }
                    ],
                },
            }
        )
    return result


def register(emulator):
    emulator.arm.register_subscription_collection(
        "expressRouteServiceProviders", lambda ctx, sub: [provider_view(p) for p in PROVIDERS]
    )
    emulator.arm.register_subscription_collection("bgpServiceCommunities", lambda ctx, sub: bgp_communities(sub))
