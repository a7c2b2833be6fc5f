"""api-versions as ARM takes them (issue 11 item 1): every version
Microsoft.Network publishes for a type, the versions the Azure CLI 2.91 and
azure-mgmt-network 28.x send, ARM's refusal text for the others, the shape
each version defines, Microsoft.Resources (resource groups and their
``…/resources``) and the metadata endpoint's versions."""

import pytest
import requests

from expressroute_emulator import api_versions

RG = "rg-expressroute"
NET = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network"
CIRCUIT = {
    "location": "westeurope",
    "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
    "properties": {
        "serviceProviderProperties": {
            "serviceProviderName": "Equinix",
            "peeringLocation": "Amsterdam",
            "bandwidthInMbps": 200,
        }
    },
}
PRIVATE_PEERING = {
    "properties": {
        "peeringType": "AzurePrivatePeering",
        "peerASN": 65020,
        "vlanId": 100,
        "primaryPeerAddressPrefix": "192.168.100.128/30",
        "secondaryPeerAddressPrefix": "192.168.100.132/30",
    }
}


def url(arm, path, version, rg=RG, query=""):
    return "{0}{1}?api-version={2}{3}".format(arm.base, path.format(sub=arm.sub, rg=rg), version, query)


def done(arm, response):
    """Follow a long-running operation to its end (lro_seconds is 0 in the
    tests: done at the first poll)."""
    assert response.status_code in (200, 201, 202), response.text
    operation = response.headers.get("Azure-AsyncOperation")
    if operation:
        assert arm.get(operation).json()["status"] == "Succeeded"
    return response


def provisioned_circuit(arm, emulator_controls, version, name="er-cli"):
    circuit = NET + "/expressRouteCircuits/" + name
    done(arm, arm.put(url(arm, circuit, version), json=CIRCUIT))
    key = arm.get(url(arm, circuit, version)).json()["properties"]["serviceKey"]
    emulator_controls.provision(key, "Provisioned")
    return circuit


def test_the_azure_cli_versions_are_accepted_end_to_end(arm, emulator_controls):
    """What the CLI 2.91 sends (outside_clients.md): circuits, authorizations,
    peerings 2022-01-01; providers, ARP/route tables, stats and route-filter
    rules 2023-09-01; route filters 2021-08-01; gateways 2025-01-01.  Before:
    400 NoRegisteredProviderFound for all but the gateways."""
    providers = arm.get(
        url(arm, "/subscriptions/{sub}/providers/Microsoft.Network/expressRouteServiceProviders", "2023-09-01")
    )
    assert providers.status_code == 200 and providers.json()["value"]
    circuit = provisioned_circuit(arm, emulator_controls, "2022-01-01")
    authorization = done(arm, arm.put(url(arm, circuit + "/authorizations/auth1", "2022-01-01"), json={}))
    assert authorization.json()["name"] == "auth1"
    done(arm, arm.put(url(arm, circuit + "/peerings/AzurePrivatePeering", "2022-01-01"), json=PRIVATE_PEERING))
    arp = arm.post(url(arm, circuit + "/peerings/AzurePrivatePeering/arpTables/primary", "2023-09-01"))
    assert arp.status_code == 202 and arm.get(arp.headers["Location"]).status_code == 200
    routes = arm.post(url(arm, circuit + "/peerings/AzurePrivatePeering/routeTablesSummary/primary", "2023-09-01"))
    assert routes.status_code == 202
    assert arm.get(url(arm, circuit + "/stats", "2023-09-01")).status_code == 200
    route_filter = NET + "/routeFilters/rf-cli"
    done(arm, arm.put(url(arm, route_filter, "2021-08-01"), json={"location": "westeurope"}))
    rule = arm.put(
        url(arm, route_filter + "/routeFilterRules/rule1", "2023-09-01"),
        json={"properties": {"access": "Allow", "routeFilterRuleType": "Community", "communities": ["12076:5010"]}},
    )
    done(arm, rule)
    gateways = arm.get(url(arm, NET + "/virtualNetworkGateways", "2025-01-01", rg="rg-network"))
    assert gateways.status_code == 200


def test_azure_mgmt_network_28_version_is_accepted(arm):
    """azure-mgmt-network 28.x (what azure.azcollection pins) sends
    2024-03-01; before: 400 NoRegisteredProviderFound."""
    circuit = NET + "/expressRouteCircuits/er-28"
    created = done(arm, arm.put(url(arm, circuit, "2024-03-01"), json=CIRCUIT))
    assert created.status_code == 201
    assert arm.get(url(arm, circuit, "2024-03-01")).json()["properties"]["provisioningState"] == "Succeeded"


@pytest.mark.parametrize("version", api_versions.network_versions(["expressRouteCircuits"]))
def test_every_published_circuit_version_is_accepted(arm, version):
    assert arm.get(url(arm, NET + "/expressRouteCircuits/none", version)).status_code == 404  # missing, version fine


def test_the_version_table_names_the_clients_versions():
    circuits = api_versions.network_versions(["expressRouteCircuits"])
    assert circuits[0] == "2015-05-01-preview" and circuits[-1] == "2026-03-01"
    for version in ("2021-08-01", "2022-01-01", "2023-09-01", "2024-03-01", "2025-01-01"):
        assert version in circuits
    assert api_versions.network_versions(["routeFilters"])[0] == "2016-12-01"
    assert api_versions.network_versions(["expressRouteCrossConnections"])[0] == "2018-02-01"
    assert api_versions.network_versions(["EXPRESSROUTECIRCUITS", "peerings", "peerConnections"])[0] == "2019-02-01"


def test_a_version_from_before_a_type_existed_is_refused_with_arms_text(arm):
    """Route filters came with 2016-12-01: 2016-09-01 is a Network version,
    but not one of theirs.  ARM's text (Azure/azure-cli#28496) names the
    type, the location and every version it does take, oldest first."""
    assert arm.get(url(arm, NET + "/expressRouteCircuits/none", "2016-09-01")).status_code == 404
    response = arm.get(url(arm, NET + "/routeFilters/none", "2016-09-01"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "NoRegisteredProviderFound"
    supported = ", ".join(api_versions.network_versions(["routeFilters"]))
    assert error["message"].startswith(
        "No registered resource provider found for location 'westeurope' and API version '2016-09-01' for type "
        "'routeFilters'. The supported api-versions are '{0}'. The supported locations are '".format(supported)
    )


def test_a_child_type_is_named_with_its_parent(arm):
    response = arm.get(
        url(arm, NET + "/expressRouteCircuits/none/peerings/AzurePrivatePeering/connections", "2017-11-01")
    )
    assert response.status_code == 400
    assert "for type 'expressRouteCircuits/peerings/connections'" in response.json()["error"]["message"]
    assert "'2018-02-01, 2018-04-01" in response.json()["error"]["message"]


def test_a_create_names_the_region_of_its_body(arm):
    body = dict(CIRCUIT, location="Brazil South")
    response = arm.put(url(arm, NET + "/expressRouteCircuits/er-old", "2014-12-01-preview"), json=body)
    assert response.status_code == 400
    assert "for location 'brazilsouth'" in response.json()["error"]["message"]
    assert arm.get(url(arm, NET + "/expressRouteCircuits/er-old", "2025-05-01")).status_code == 404


def test_subscription_scope_lists_check_their_type(arm):
    path = "/subscriptions/{sub}/providers/Microsoft.Network/bgpServiceCommunities"
    assert arm.get(url(arm, path, "2016-12-01")).status_code == 200
    refused = arm.get(url(arm, path, "2016-09-01"))
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "NoRegisteredProviderFound"


def test_each_version_shows_the_members_it_defines(arm, emulator_controls):
    """A peering shows its Global Reach connections from 2018-02-01 and the
    peered ones from 2019-02-01 (the spec folders where they appear); an
    older version's client sees neither, in the peering and inline in the
    circuit."""
    circuit = provisioned_circuit(arm, emulator_controls, "2025-05-01", name="er-shape")
    peering = circuit + "/peerings/AzurePrivatePeering"
    done(arm, arm.put(url(arm, peering, "2025-05-01"), json=PRIVATE_PEERING))
    new = arm.get(url(arm, peering, "2025-05-01")).json()["properties"]
    assert "connections" in new and "peeredConnections" in new
    middle = arm.get(url(arm, peering, "2018-12-01")).json()["properties"]
    assert "connections" in middle and "peeredConnections" not in middle
    old = arm.get(url(arm, peering, "2018-01-01")).json()["properties"]
    assert "connections" not in old and "peeredConnections" not in old
    inline = arm.get(url(arm, circuit, "2018-01-01")).json()["properties"]["peerings"][0]["properties"]
    assert "connections" not in inline
    assert arm.get(url(arm, peering + "/peerConnections", "2018-12-01")).status_code == 400
    assert arm.get(url(arm, peering + "/peerConnections", "2019-02-01")).status_code == 200


def test_shape_leaves_members_a_version_defines():
    body = {
        "type": "Microsoft.Network/expressRouteCircuits",
        "properties": {"authorizationKey": "k", "authorizationStatus": "s", "enableDirectPortRateLimit": False},
    }
    assert set(api_versions.shape(body, "2022-01-01")["properties"]) == {"authorizationKey"}
    assert set(api_versions.shape(body, "2023-11-01")["properties"]) == set(body["properties"])
    assert set(body["properties"]) == {"authorizationKey", "authorizationStatus", "enableDirectPortRateLimit"}


# -- Microsoft.Resources ------------------------------------------------------
def test_resource_groups_take_the_microsoft_resources_versions(arm):
    group = "/subscriptions/{sub}/resourceGroups/{rg}"
    for version in ("2021-04-01", "2022-09-01", "2024-11-01", "2019-06-01"):
        assert arm.get(url(arm, group, version)).status_code == 200, version
    refused = arm.get(url(arm, group, "2023-02-01"))
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "InvalidApiVersionParameter"
    assert error["message"].startswith(
        "The api-version '2023-02-01' is invalid. The supported versions are '2025-04-01,2025-03-01,2024-11-01,"
    )
    missing = arm.get(arm.base + group.format(sub=arm.sub, rg=RG))
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "MissingApiVersionParameter"
    subscriptions = arm.get(arm.base + "/subscriptions?api-version=2099-01-01")
    assert subscriptions.status_code == 400 and subscriptions.json()["error"]["code"] == "InvalidApiVersionParameter"


def test_a_groups_resources_are_listed(arm):
    """GET …/resourceGroups/{rg}/resources (azure_rm_resourcegroup, `az
    resource list -g`); before: 404 InvalidResourceType."""
    done(
        arm,
        arm.put(
            url(arm, NET + "/expressRouteCircuits/er-listed", "2025-05-01"), json=dict(CIRCUIT, tags={"env": "lab"})
        ),
    )
    done(arm, arm.put(url(arm, NET + "/routeFilters/rf-listed", "2025-05-01"), json={"location": "westeurope"}))
    listed = arm.get(url(arm, "/subscriptions/{sub}/resourceGroups/{rg}/resources", "2021-04-01"))
    assert listed.status_code == 200
    by_name = {r["name"]: r for r in listed.json()["value"]}
    assert by_name["er-listed"]["type"] == "Microsoft.Network/expressRouteCircuits"
    assert by_name["er-listed"]["tags"] == {"env": "lab"} and by_name["er-listed"]["location"] == "westeurope"
    assert by_name["er-listed"]["sku"]["tier"] == "Standard"
    assert "properties" not in by_name["er-listed"]
    assert not any("/peerings/" in r["id"] for r in listed.json()["value"])
    filtered = arm.get(
        url(
            arm,
            "/subscriptions/{sub}/resourceGroups/{rg}/resources",
            "2021-04-01",
            query="&$filter=resourceType eq 'Microsoft.Network/routeFilters'",
        )
    )
    assert [r["name"] for r in filtered.json()["value"]] == ["rf-listed"]
    expanded = arm.get(
        url(
            arm,
            "/subscriptions/{sub}/resourceGroups/{rg}/resources",
            "2021-04-01",
            query="&$expand=createdTime,provisioningState",
        )
    )
    assert all("createdTime" in r and "provisioningState" in r for r in expanded.json()["value"])
    missing = arm.get(url(arm, "/subscriptions/{sub}/resourceGroups/{rg}/resources", "2021-04-01", rg="rg-nope"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "ResourceGroupNotFound"
    bad_filter = arm.get(
        url(arm, "/subscriptions/{sub}/resourceGroups/{rg}/resources", "2021-04-01", query="&$filter=tagName eq 'env'")
    )
    assert bad_filter.status_code == 400


# -- the metadata endpoint ------------------------------------------------------
def test_metadata_answers_each_version_in_its_shape(emulator_endpoint):
    base, ca = emulator_endpoint["base_url"], emulator_endpoint["ca_bundle"]

    def get(version):
        return requests.get(base + "/metadata/endpoints?api-version=" + version, verify=ca)

    stack = get("2015-01-01").json()
    assert isinstance(stack, dict) and stack["authentication"]["audiences"]
    clouds = get("2019-05-01").json()
    assert isinstance(clouds, list) and clouds[0]["resourceManager"].rstrip("/") == base
    cloud = get("2022-09-01").json()
    # The CLI's `az cloud register --endpoint-resource-manager` indexes this
    # answer as one object (before: a list, and a TypeError in the CLI).
    assert isinstance(cloud, dict)
    assert cloud["resourceManager"].rstrip("/") == base and cloud["authentication"]["loginEndpoint"]
    refused = get("2020-01-01")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "InvalidApiVersionParameter"
