"""The emulator's seed configuration: tenant, principals, subscriptions and
what exists in them before any test runs.

A state dir is seeded once from this (or from ``--config FILE``, merged over
it); afterwards the state file is the truth and a restart keeps it.
"""

import copy
import json
import secrets

TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
CLIENT_ID = "4a9f5c2e-6d1b-4e8a-9c3f-1b2d3e4f5a6b"
CUSTOMER_SUBSCRIPTION_ID = "11111111-2222-3333-4444-555555555555"
SECOND_SUBSCRIPTION_ID = "22222222-3333-4444-5555-666666666666"
PROVIDER_SUBSCRIPTION_ID = "99999999-8888-7777-6666-555555555555"
AD_USER = "netops@contoso.example"

DEFAULTS = {
    "tenant_id": TENANT_ID,
    "principals": [
        {
            "kind": "service_principal",
            "client_id": CLIENT_ID,
            "client_secret": None,  # generated per state dir
            "display_name": "hybridnet-expressroute-automation",
            "subscriptions": ["*"],
        },
        {
            "kind": "user",
            "username": AD_USER,
            "password": None,  # generated per state dir
            "subscriptions": ["*"],
        },
    ],
    "subscriptions": [
        {
            "subscription_id": CUSTOMER_SUBSCRIPTION_ID,
            "display_name": "Contoso network (customer)",
            "role": "customer",
            "resource_groups": [
                {"name": "rg-expressroute", "location": "westeurope"},
                {"name": "rg-network", "location": "westeurope"},
            ],
            "virtual_networks": [
                {
                    "resource_group": "rg-network",
                    "name": "vnet-hub-weu",
                    "location": "westeurope",
                    "address_prefixes": ["10.10.0.0/16"],
                    "subnets": [
                        {"name": "GatewaySubnet", "address_prefix": "10.10.255.0/27"},
                        {"name": "snet-workloads", "address_prefix": "10.10.1.0/24"},
                    ],
                },
                {
                    "resource_group": "rg-network",
                    "name": "vnet-hub-neu",
                    "location": "northeurope",
                    "address_prefixes": ["10.20.0.0/16"],
                    "subnets": [
                        {"name": "GatewaySubnet", "address_prefix": "10.20.255.0/27"},
                    ],
                },
            ],
            # A Standard virtual WAN with one hub (virtual_wans, virtual_hubs:
            # resources/vwan.py), for ExpressRoute gateways of Virtual WAN.
            "virtual_wans": [
                {"resource_group": "rg-network", "name": "vwan-contoso", "location": "westeurope"},
            ],
            "virtual_hubs": [
                {
                    "resource_group": "rg-network",
                    "name": "vhub-weu",
                    "location": "westeurope",
                    "virtual_wan": "vwan-contoso",
                    "address_prefix": "10.100.0.0/23",
                },
            ],
        },
        {
            "subscription_id": SECOND_SUBSCRIPTION_ID,
            "display_name": "Fabrikam landing zone (second customer subscription)",
            "role": "customer",
            "resource_groups": [
                {"name": "rg-landingzone", "location": "westeurope"},
            ],
            "virtual_networks": [
                {
                    "resource_group": "rg-landingzone",
                    "name": "vnet-spoke-weu",
                    "location": "westeurope",
                    "address_prefixes": ["10.30.0.0/16"],
                    "subnets": [
                        {"name": "GatewaySubnet", "address_prefix": "10.30.255.0/27"},
                    ],
                },
            ],
        },
        {
            "subscription_id": PROVIDER_SUBSCRIPTION_ID,
            "display_name": "Connectivity provider (cross-connections)",
            "role": "provider",
            "resource_groups": [
                {"name": "CrossConnection-SiliconValley", "location": "westus"},
            ],
            "virtual_networks": [],
        },
    ],
    # Seconds a long-running operation stays InProgress, per resource type
    # (the last segment of the ARM type, e.g. "expressRouteCircuits"), with a
    # default.  Azure takes seconds to minutes (REALISTIC_LRO_SECONDS, the
    # "realistic" preset); tests and the demo want it quick ("fast").
    "lro_seconds": {"default": 0.0},
    # Retry-After (integer seconds) on LRO answers and InProgress operation
    # status; None sends none, as live ARM did for ExpressRoute PUT/DELETE
    # [REC: Azure/azure-cli recordings test_network_express_route.yaml,
    # test_network_route_filter.yaml], so clients poll at their own interval.
    "retry_after": None,
    # "manual": a Microsoft peering's advertised public prefixes stay
    # ValidationNeeded until POST /_emulator/peerings/validate-prefixes, as
    # live ARM answered [REC]; "automatic": the older emulator-defined
    # stand-in (a named routing registry and a public peer ASN pass at once).
    "microsoft_peering_prefix_validation": "manual",
    "page_size": 50,
    # arm_expressroute.md §3 rule 1: real Azure accepted peering PUTs on a
    # NotProvisioned test circuit, the docs say it must be Provisioned.
    # The emulator follows the docs unless this is switched off.
    "require_provisioned_circuit_for_peering": True,
    # arm_expressroute.md §3 rule 4: a private peer ASN on Microsoft peering
    # "requires manual validation".  The emulator refuses it unless this is
    # on (the validation granted); the prefixes then show ValidationNeeded.
    "allow_private_asn_on_microsoft_peering": False,
    "token_lifetime_seconds": 3600,
}


# How long operations ran on live ARM [REC: Azure/azure-cli recordings
# test_network_express_route.yaml, test_network_route_filter.yaml,
# test_network_express_route_global_reach.yaml, …_ipv6_peering.yaml; the CLI
# polled every ~11 s]: a circuit was InProgress at its first poll and done at
# the second (11–22 s), a Microsoft peering done at the third (23–34 s), a
# private peering at the first or second, authorizations, route filters,
# rules, Global Reach links and deletes at the first (< 11 s).  Gateways take
# 30–45 minutes (docs: about ExpressRoute virtual network gateways).  VNets,
# subnets, public IPs and VNet connections were not recorded: emulator-chosen.
REALISTIC_LRO_SECONDS = {
    "default": 8.0,
    "expressRouteCircuits": 15.0,
    "peerings": 20.0,
    "authorizations": 8.0,
    "connections": 8.0,
    "routeFilters": 8.0,
    "routeFilterRules": 8.0,
    "expressRouteCrossConnections": 15.0,
    "virtualNetworkGateways": 1800.0,
    # virtual-wan-expressroute-portal: a hub with its ExpressRoute gateway
    # takes about 30 minutes; ExpressRoute connections emulator-chosen.
    "virtualHubs": 1800.0,
    "expressRouteGateways": 1800.0,
    "expressRouteConnections": 8.0,
    "virtualNetworks": 5.0,
    "subnets": 5.0,
    "publicIPAddresses": 5.0,
}
LRO_PRESETS = {"fast": {"default": 0.0}, "realistic": REALISTIC_LRO_SECONDS}


def lro_table(value):
    """``lro_seconds`` as a table: a preset's name ("fast", "realistic")
    stands for its table."""
    if isinstance(value, str) and value in LRO_PRESETS:
        return copy.deepcopy(LRO_PRESETS[value])
    return value


def deep_merge(base, override):
    result = copy.deepcopy(base)
    for key, value in (override or {}).items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def load_config(path=None, overrides=None):
    config = copy.deepcopy(DEFAULTS)
    if path:
        with open(path) as handle:
            config = deep_merge(config, json.load(handle))
    config = deep_merge(config, overrides or {})
    config["lro_seconds"] = lro_table(config["lro_seconds"])
    for principal in config["principals"]:
        if principal["kind"] == "service_principal" and not principal.get("client_secret"):
            # Looks like an Entra secret value: 40 characters, a "~" in it.
            principal["client_secret"] = "Er8Q~" + secrets.token_urlsafe(26)[:35]
        if principal["kind"] == "user" and not principal.get("password"):
            principal["password"] = "Pw-" + secrets.token_urlsafe(18)
    return config
