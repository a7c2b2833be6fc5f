"""ExpressRoute circuits through the real SDK: lifecycle, catalog checks,
update rules, reads."""

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from conftest import circuit_body, value

RG = "rg-expressroute"


def create(network, name="er1", **kwargs):
    return network.express_route_circuits.begin_create_or_update(RG, name, circuit_body(**kwargs)).result()


def error_of(callable_, *args):
    with pytest.raises(HttpResponseError) as info:
        callable_(*args)
    return info.value


def test_full_lifecycle(network, emulator_controls):
    circuit = create(network)
    assert value(circuit.provisioning_state) == "Succeeded"
    assert value(circuit.service_provider_provisioning_state) == "NotProvisioned"
    assert value(circuit.circuit_provisioning_state) == "Enabled"
    assert circuit.service_key and circuit.service_key != "00000000-0000-0000-0000-000000000000"
    assert isinstance(circuit.stag, int)
    assert circuit.etag.startswith('W/"')

    # The provider provisions it (the foundation's shortcut of the provider API).
    emulator_controls.provision(circuit.service_key, "Provisioning")
    emulator_controls.provision(circuit.service_key, "Provisioned")
    fetched = network.express_route_circuits.get(RG, "er1")
    assert value(fetched.service_provider_provisioning_state) == "Provisioned"

    # Azure refuses to delete a circuit the provider still has provisioned.
    exc = error_of(lambda: network.express_route_circuits.begin_delete(RG, "er1").result())
    assert exc.status_code == 400
    assert exc.error.code == "CircuitCannotBeDeletedWhileProvisioned"
    assert circuit.service_key in exc.error.message and "Equinix" in exc.error.message
    assert network.express_route_circuits.get(RG, "er1").name == "er1"

    emulator_controls.provision(circuit.service_key, "Deprovisioning")
    emulator_controls.provision(circuit.service_key, "NotProvisioned")
    network.express_route_circuits.begin_delete(RG, "er1").result()
    with pytest.raises(ResourceNotFoundError):
        network.express_route_circuits.get(RG, "er1")


def test_service_key_is_zero_until_the_create_completes(network, emulator_controls, arm):
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 1.5})
    poller = network.express_route_circuits.begin_create_or_update(RG, "er-slow", circuit_body())
    early = network.express_route_circuits.get(RG, "er-slow")
    assert value(early.provisioning_state) == "Updating"
    assert early.service_key == "00000000-0000-0000-0000-000000000000"
    done = poller.result()
    assert value(done.provisioning_state) == "Succeeded" and done.service_key != early.service_key


def test_missing_circuit_is_404_with_arm_text(network):
    exc = error_of(network.express_route_circuits.get, RG, "nope")
    assert exc.status_code == 404 and exc.error.code == "ResourceNotFound"
    assert exc.error.message.startswith(
        "The Resource 'Microsoft.Network/expressRouteCircuits/nope' under resource group 'rg-expressroute' was not "
        "found."
    )


def test_missing_resource_group_is_404(network):
    exc = error_of(network.express_route_circuits.get, "rg-missing", "er1")
    assert exc.status_code == 404 and exc.error.code == "ResourceGroupNotFound"
    assert exc.error.message == "Resource group 'rg-missing' could not be found."


@pytest.mark.parametrize(
    "kwargs, code, must_name",
    [
        ({"provider": "Nobody"}, "InvalidServiceProviderName", ["Equinix", "Megaport", "AT&T NetBond"]),
        ({"location": "Atlantis"}, "PeeringLocationNotAvailable", ["Amsterdam", "Silicon Valley"]),
        ({"bandwidth": 300}, "BandwidthNotAvailable", ["50", "10000"]),
        ({"tier": "Local", "family": "MeteredData", "bandwidth": 1000}, "LocalCircuitRequiresUnlimitedData", []),
        ({"tier": "Local", "family": "UnlimitedData", "bandwidth": 200}, "LocalCircuitBandwidthTooLow", []),
        (
            {"tier": "Local", "family": "UnlimitedData", "location": "Chicago", "bandwidth": 1000},
            "LocalCircuitNotAvailableAtPeeringLocation",
            ["amsterdam"],
        ),
        ({"tier": "Basic"}, "CircuitSkuTierNotAvailable", ["Standard"]),
    ],
)
def test_create_is_validated_against_the_catalog(network, emulator_controls, kwargs, code, must_name):
    before = emulator_controls.request_count()
    exc = error_of(lambda: create(network, "er-bad", **kwargs))
    assert exc.status_code == 400 and exc.error.code == code
    for name in must_name:
        assert name in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.express_route_circuits.get(RG, "er-bad")
    assert emulator_controls.request_count() > before


def test_update_rules(network):
    create(network, family="UnlimitedData", bandwidth=500)
    # Raising bandwidth is an in-place update.
    raised = create(network, family="UnlimitedData", bandwidth=1000)
    assert raised.service_provider_properties.bandwidth_in_mbps == 1000
    for kwargs, code in [
        ({"family": "UnlimitedData", "bandwidth": 200}, "CircuitBandwidthDecreaseNotAllowed"),
        ({"family": "MeteredData", "bandwidth": 1000}, "CircuitSkuFamilyDowngradeNotAllowed"),
        ({"family": "UnlimitedData", "bandwidth": 1000, "location": "London"}, "CircuitPeeringLocationCannotBeChanged"),
        (
            {"family": "UnlimitedData", "bandwidth": 1000, "provider": "Megaport"},
            "CircuitServiceProviderCannotBeChanged",
        ),
        ({"family": "UnlimitedData", "bandwidth": 1000, "region": "northeurope"}, "InvalidResourceLocation"),
    ]:
        exc = error_of(lambda kwargs=kwargs: create(network, **kwargs))
        assert exc.error.code == code, kwargs
    current = network.express_route_circuits.get(RG, "er1")
    assert current.service_provider_properties.bandwidth_in_mbps == 1000
    assert value(current.sku.family) == "UnlimitedData"


def test_update_keeps_service_key_and_stag_and_ignores_read_only_input(network, arm):
    first = create(network)
    url = "{0}{1}?api-version=2025-05-01".format(arm.base, first.id)
    body = arm.get(url).json()
    body["properties"]["serviceKey"] = "11111111-1111-1111-1111-111111111111"
    body["properties"]["stag"] = 999
    body["properties"]["serviceProviderProvisioningState"] = "Provisioned"
    body["properties"]["provisioningState"] = "Failed"
    body["properties"]["allowClassicOperations"] = True
    response = arm.put(url, json=body)
    assert response.status_code == 200
    after = network.express_route_circuits.get(RG, "er1")
    assert after.service_key == first.service_key and after.stag == first.stag
    assert value(after.service_provider_provisioning_state) == "NotProvisioned"
    assert after.allow_classic_operations is True
    assert after.etag != first.etag


def test_paths_are_case_insensitive_and_ids_keep_their_casing(network, arm):
    create(network, name="ER-Amsterdam")
    url = (
        "{0}/SUBSCRIPTIONS/{1}/resourcegroups/RG-EXPRESSROUTE/providers/microsoft.network/"
        "EXPRESSROUTECIRCUITS/er-amsterdam?api-version=2026-03-01".format(arm.base, arm.sub)
    )
    body = arm.get(url).json()
    assert body["name"] == "ER-Amsterdam"
    assert (
        body["id"]
        == "/subscriptions/{0}/resourceGroups/rg-expressroute/providers/Microsoft.Network/"
        "expressRouteCircuits/ER-Amsterdam".format(arm.sub)
    )
    assert body["type"] == "Microsoft.Network/expressRouteCircuits"


def test_lists_in_a_group_and_in_the_subscription(network):
    create(network, "er1")
    create(network, "er2", provider="Megaport", location="Dublin")
    assert sorted(c.name for c in network.express_route_circuits.list(RG)) == ["er1", "er2"]
    assert sorted(c.name for c in network.express_route_circuits.list_all()) == ["er1", "er2"]
    assert list(network.express_route_circuits.list("rg-network")) == []


def test_paging_follows_an_absolute_next_link(network, emulator_controls, arm):
    emulator_controls.configure(page_size=5)
    url = (
        "{0}/subscriptions/{1}/providers/Microsoft.Network/expressRouteServiceProviders?api-version=2025-05-01".format(
            arm.base, arm.sub
        )
    )
    first = arm.get(url).json()
    assert len(first["value"]) == 5
    assert first["nextLink"].startswith(arm.base + "/subscriptions/") and "api-version=" in first["nextLink"]
    providers = list(network.express_route_service_providers.list())
    assert len(providers) == 12
    assert len({p.name for p in providers}) == 12


def test_catalog_shape(network):
    equinix = next(p for p in network.express_route_service_providers.list() if p.name == "Equinix")
    assert "Amsterdam" in equinix.peering_locations
    offers = {b.offer_name: b.value_in_mbps for b in equinix.bandwidths_offered}
    assert offers["10Gbps"] == 10000 and offers["50Mbps"] == 50


def test_bgp_service_communities(network):
    services = {s.name: s for s in network.bgp_service_communities.list()}
    exchange = services["exchange"].bgp_communities[0]
    assert exchange.community_value == "12076:5010"
    assert services["azureactivedirectory"].bgp_communities[0].community_value == "12076:5060"


def raw_body(**changes):
    body = {
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
    body.update(changes)
    return body


def circuit_url(arm, name="er-raw"):
    return (
        "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/expressRouteCircuits/{3}"
        "?api-version=2025-05-01".format(arm.base, arm.sub, RG, name)
    )


@pytest.mark.parametrize(
    "changes, code, must_name",
    [
        ({"sku": {"name": 5}}, "InvalidCircuitSku", "sku.name"),
        (
            {"sku": {"name": "Standard_MeteredData", "tier": ["Standard"], "family": "MeteredData"}},
            "InvalidCircuitSku",
            "sku.tier",
        ),
        ({"tags": ["owner"]}, "InvalidRequestFormat", "tags"),
        ({"tags": {"cost-centre": 42}}, "InvalidRequestFormat", "cost-centre"),
        ({"tags": {"owner": None}}, "InvalidRequestFormat", "owner"),
        ({"location": 5}, "InvalidRequestFormat", "location"),
        ({"location": {"name": "westeurope"}}, "InvalidRequestFormat", "location"),
        ({"location": "mars"}, "LocationNotAvailableForResourceType", "westeurope"),
    ],
)
def test_a_body_arm_cannot_read_is_a_400_and_stores_nothing(arm, changes, code, must_name):
    response = arm.put(circuit_url(arm), json=raw_body(**changes))
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == code and must_name in error["message"]
    assert arm.get(circuit_url(arm)).status_code == 404


def test_a_region_is_matched_without_regard_to_case_and_spaces(arm):
    response = arm.put(circuit_url(arm), json=raw_body(location="West Europe", tags={"owner": "netops"}))
    assert response.status_code == 201
    assert response.json()["location"] == "westeurope" and response.json()["tags"] == {"owner": "netops"}
    assert arm.put(circuit_url(arm), json=raw_body(location="WESTEUROPE")).status_code == 200
    # Changing region is still refused, after the region check.
    moved = arm.put(circuit_url(arm), json=raw_body(location="North Europe"))
    assert moved.status_code == 400 and moved.json()["error"]["code"] == "InvalidResourceLocation"


def test_every_location_the_collection_uses_is_a_region():
    from expressroute_emulator.arm import AZURE_REGIONS, normalize_location
    from expressroute_emulator.config import DEFAULTS
    from expressroute_emulator.resources import catalog

    used = {"westeurope", "northeurope", "West Europe", "North Europe", "westus", "eastus", "uksouth"}
    used |= set(catalog.LOCAL_LOCATIONS.values())
    for sub in DEFAULTS["subscriptions"]:
        used |= {g["location"] for g in sub["resource_groups"]}
        used |= {v["location"] for v in sub["virtual_networks"]}
    assert {normalize_location(u) for u in used} <= set(AZURE_REGIONS)


def test_patch_tags_refuses_values_that_are_not_strings(arm):
    assert arm.put(circuit_url(arm), json=raw_body(tags={"owner": "netops"})).status_code == 201
    for tags in (["owner"], {"owner": 1}, "owner=netops"):
        response = arm.patch(circuit_url(arm), json={"tags": tags})
        assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidRequestFormat", tags
    assert arm.get(circuit_url(arm)).json()["tags"] == {"owner": "netops"}
    assert arm.patch(circuit_url(arm), json={"tags": {"owner": "ops"}}).json()["tags"] == {"owner": "ops"}
