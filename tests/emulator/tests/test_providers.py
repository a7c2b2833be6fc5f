"""ARM's Providers API (Microsoft.Resources, issue 11): Providers - Get and
List in the shape of the REST spec's GetProvider.json
(specification/resources/resource-manager/Microsoft.Resources/stable/
2021-04-01/examples/GetProvider.json at
96125316b83dfc7039e03c13f5b491df246ff3a3), apiVersions from the table the
emulator enforces, newest first, gated by the Microsoft.Resources versions.
Before: 404 InvalidResourceType, so ``az resource show`` without
``--api-version`` failed."""

import requests

from expressroute_emulator import api_versions

# The keys GetProvider.json's response shows (locationMappings only for
# edge-zone types, which Microsoft.Network's ExpressRoute types are not).
PROVIDER_KEYS = {"id", "namespace", "registrationState", "registrationPolicy", "resourceTypes"}
TYPE_KEYS = {"resourceType", "locations", "apiVersions", "capabilities"}


def providers_url(arm, namespace="", version="2021-04-01"):
    return "{0}/subscriptions/{1}/providers{2}?api-version={3}".format(
        arm.base, arm.sub, "/" + namespace if namespace else "", version
    )


def types_of(provider):
    return {t["resourceType"]: t for t in provider["resourceTypes"]}


def test_get_network_provider_has_the_spec_example_shape(arm):
    answer = arm.get(providers_url(arm, "Microsoft.Network"))
    assert answer.status_code == 200, answer.text
    provider = answer.json()
    assert set(provider) >= PROVIDER_KEYS
    assert provider["id"] == "/subscriptions/{0}/providers/Microsoft.Network".format(arm.sub)
    assert provider["namespace"] == "Microsoft.Network"
    assert provider["registrationState"] == "Registered"
    for resource_type in provider["resourceTypes"]:
        assert set(resource_type) >= TYPE_KEYS, resource_type
        assert "West Europe" in resource_type["locations"]


def test_network_types_list_the_enforced_versions_newest_first(arm):
    types = types_of(arm.get(providers_url(arm, "Microsoft.Network")).json())
    for name in (
        "expressRouteCircuits",
        "expressRouteCircuits/peerings",
        "expressRouteCrossConnections",
        "routeFilters/routeFilterRules",
        "virtualNetworkGateways",
        "expressRouteServiceProviders",
    ):
        listed = types[name]["apiVersions"]
        assert listed == list(reversed(api_versions.network_versions(name.split("/")))), name
    # The version a client picks (first non-preview) is one the type accepts.
    cross = types["expressRouteCrossConnections"]["apiVersions"]
    assert cross[0] == api_versions.NETWORK_VERSIONS[-1]
    assert cross[-1] == "2018-02-01"
    assert types["expressRouteCircuits"]["apiVersions"][-1] == "2015-05-01-preview"


def test_the_newest_listed_version_is_served_for_the_type(arm, emulator_endpoint):
    """What `az resource show --ids` does: take the first non-preview
    version of the type from Providers - Get, then GET the resource in it."""
    types = types_of(arm.get(providers_url(arm, "microsoft.network")).json())
    version = next(v for v in types["expressRouteServiceProviders"]["apiVersions"] if "preview" not in v)
    listed = arm.get(
        "{0}/subscriptions/{1}/providers/Microsoft.Network/expressRouteServiceProviders?api-version={2}".format(
            arm.base, arm.sub, version
        )
    )
    assert listed.status_code == 200 and listed.json()["value"]


def test_list_providers_holds_network_and_resources(arm):
    answer = arm.get(providers_url(arm))
    assert answer.status_code == 200, answer.text
    providers = {p["namespace"]: p for p in answer.json()["value"]}
    assert set(providers) == {"Microsoft.Network", "Microsoft.Resources"}
    resources = types_of(providers["Microsoft.Resources"])
    assert resources["resourceGroups"]["apiVersions"][0] == "2025-04-01"
    assert set(resources["resourceGroups"]["apiVersions"]) == set(api_versions.RESOURCES_VERSIONS)
    for provider in providers.values():
        assert set(provider) >= PROVIDER_KEYS and provider["registrationState"] == "Registered"


def test_providers_are_gated_by_microsoft_resources_versions(arm):
    # A Microsoft.Network-only version is not one of ARM's own.
    for url in (providers_url(arm, "Microsoft.Network", "2024-10-01"), providers_url(arm, "", "2024-10-01")):
        refused = arm.get(url)
        assert refused.status_code == 400
        error = refused.json()["error"]
        assert error["code"] == "InvalidApiVersionParameter" and "2025-04-01" in error["message"]
    missing = arm.get("{0}/subscriptions/{1}/providers/Microsoft.Network".format(arm.base, arm.sub))
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "MissingApiVersionParameter"
    for version in ("2014-04-01", "2024-11-01", "2025-04-01"):
        assert arm.get(providers_url(arm, "Microsoft.Network", version)).status_code == 200


def test_unknown_namespace_and_writes_are_refused(arm):
    unknown = arm.get(providers_url(arm, "Microsoft.Compute"))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "InvalidResourceNamespace"
    assert arm.put(providers_url(arm, "Microsoft.Network"), json={}).status_code == 405


def test_providers_need_a_token(emulator_endpoint, arm):
    anonymous = requests.get(providers_url(arm, "Microsoft.Network"), verify=emulator_endpoint["ca_bundle"])
    assert anonymous.status_code == 401
