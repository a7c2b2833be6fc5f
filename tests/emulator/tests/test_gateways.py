"""ExpressRoute virtual network gateways through the real SDK: a slow
create watched the way a module with ``wait: false`` does, every refusal,
the SKU changes Azure does in place and those it does not, PATCH tags as a
long-running operation, and the module update pattern (GET, change, PUT)."""

import time

import pytest
from azure.core.exceptions import ResourceNotFoundError

from conftest import value
from er_builders import (
    RG_NET,
    create_gateway,
    error_of,
    gateway_body,
    models,
    ready_circuit,
    resource_id,
    subnet_id,
    connection_body,
)


@pytest.fixture
def sub(emulator_endpoint):
    return emulator_endpoint["subscription_id"]


def test_a_slow_create_reports_updating_then_succeeded(network, emulator_controls, sub):
    # The circuit is made ready first: on a loaded machine that can take longer
    # than the gateway's create, which must still be running when it is used.
    circuit = ready_circuit(network, emulator_controls)
    emulator_controls.configure(lro_seconds={"virtualNetworkGateways": 3})
    # What a module with wait: false does: start the create, return, and
    # let the _info module GET the gateway until it has Succeeded.
    network.virtual_network_gateways.begin_create_or_update(RG_NET, "ergw", gateway_body(subnet_id(sub)))
    first = network.virtual_network_gateways.get(RG_NET, "ergw")
    assert value(first.provisioning_state) == "Updating"
    assert value(first.sku.name) == "ErGw1AZ" and value(first.gateway_type) == "ExpressRoute"
    assert first.bgp_settings is None

    # A connection cannot use the gateway before it has Succeeded.
    exc = error_of(
        lambda: network.virtual_network_gateway_connections.begin_create_or_update(
            RG_NET, "conn", connection_body(first.id, circuit.id)
        ).result()
    )
    assert exc.error.code == "ReferencedResourceNotProvisioned"
    assert "is not in Succeeded state. Resource is in Updating state" in exc.error.message

    states = [value(first.provisioning_state)]
    deadline = time.time() + 30
    while states[-1] != "Succeeded" and time.time() < deadline:
        time.sleep(0.25)
        states.append(value(network.virtual_network_gateways.get(RG_NET, "ergw").provisioning_state))
    assert states[0] == "Updating" and states[-1] == "Succeeded"
    done = network.virtual_network_gateways.get(RG_NET, "ergw")
    assert done.bgp_settings.asn == 65515 and done.bgp_settings.bgp_peering_address == "10.10.255.4,10.10.255.5"
    config = done.ip_configurations[0]
    assert config.id == done.id + "/ipConfigurations/default"
    assert config.subnet.id == subnet_id(sub)
    assert config.public_ip_address is None  # ExpressRoute gateways get a platform-managed public IP
    assert done.sku.capacity == 2


def test_scalable_gateway_with_scale_units(network, sub):
    gateway = create_gateway(network, sku="ErGwScale", bounds=(2, 10))
    assert value(gateway.sku.name) == "ErGwScale"
    bounds = gateway.auto_scale_configuration.bounds
    assert (bounds.min, bounds.max) == (2, 10) and gateway.sku.capacity == 2


@pytest.mark.parametrize(
    "kwargs, code, text",
    [
        ({"gateway_type": "Vpn", "sku": "VpnGw1AZ"}, "VpnGatewayNotEmulated", "only ExpressRoute gateways"),
        ({"gateway_type": None}, "GatewayTypeRequired", "properties.gatewayType"),
        ({"gateway_type": "Satellite"}, "InvalidGatewayType", "Valid values are: ExpressRoute, Vpn, LocalGateway"),
        (
            {"sku": "VpnGw1"},
            "InvalidGatewaySku",
            ("Standard, HighPerformance, UltraPerformance, ErGw1AZ, ErGw2AZ, ErGw3AZ, ErGwScale"),
        ),
        (
            {"subnet": "snet-workloads"},
            "GatewaySubnetRequired",
            "must be placed in the subnet named exactly 'GatewaySubnet'",
        ),
        ({"subnet": "nope"}, "InvalidResourceReference", "was not found"),
        ({"location": "northeurope"}, "InvalidResourceReference", "both resources are in the same region"),
        ({"sku": "ErGwScale"}, "ScaleUnitsRequired", "bounds.min and properties.autoScaleConfiguration.bounds.max"),
        ({"sku": "ErGwScale", "bounds": (0, 4)}, "InvalidScaleUnits", "between 1 and 40"),
        ({"sku": "ErGwScale", "bounds": (2, 41)}, "InvalidScaleUnits", "between 1 and 40"),
        ({"sku": "ErGwScale", "bounds": (5, 3)}, "InvalidScaleUnits", "greater than max"),
        ({"sku": "ErGwScale", "bounds": (1, 5)}, "InvalidScaleUnits", "min of 2 or more"),
        ({"bounds": (2, 4)}, "AutoScaleConfigurationRequiresErGwScale", "ErGwScale SKU only"),
        ({"public_ip": "missing"}, "InvalidResourceReference", "publicIPAddresses/missing"),
    ],
)
def test_gateway_rules_refuse_before_any_write(network, sub, kwargs, code, text):
    kwargs = dict(kwargs)
    subnet = subnet_id(sub, subnet=kwargs.pop("subnet", "GatewaySubnet"))
    if kwargs.get("public_ip"):
        kwargs["public_ip"] = resource_id(sub, RG_NET, "publicIPAddresses", kwargs["public_ip"])
    body = gateway_body(subnet, **kwargs)
    exc = error_of(lambda: network.virtual_network_gateways.begin_create_or_update(RG_NET, "ergw", body).result())
    assert exc.status_code == 400 and exc.error.code == code
    assert text in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.virtual_network_gateways.get(RG_NET, "ergw")


def test_sku_tier_must_match_and_one_ip_configuration(network, sub):
    body = gateway_body(subnet_id(sub))
    body.sku = models().VirtualNetworkGatewaySku(name="ErGw1AZ", tier="ErGw2AZ")
    exc = error_of(lambda: network.virtual_network_gateways.begin_create_or_update(RG_NET, "ergw", body).result())
    assert exc.error.code == "InvalidGatewaySku" and "does not match" in exc.error.message
    body = gateway_body(subnet_id(sub))
    body.ip_configurations = body.ip_configurations * 2
    exc = error_of(lambda: network.virtual_network_gateways.begin_create_or_update(RG_NET, "ergw", body).result())
    assert exc.error.code == "ExpressRouteGatewayNeedsOneIpConfiguration"
    with pytest.raises(ResourceNotFoundError):
        network.virtual_network_gateways.get(RG_NET, "ergw")


def test_one_expressroute_gateway_per_virtual_network(network, sub):
    first = create_gateway(network, "ergw")
    exc = error_of(lambda: create_gateway(network, "ergw-second"))
    assert exc.error.code == "VirtualNetworkAlreadyHasExpressRouteGateway" and first.id in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.virtual_network_gateways.get(RG_NET, "ergw-second")
    assert [g.name for g in network.virtual_network_gateways.list(RG_NET)] == ["ergw"]


# In place: an upgrade within a family (non-zone-redundant, zone-redundant)
# and from a zone-redundant SKU to the scalable one.  Everything else needs
# a migration or a new gateway.
@pytest.mark.parametrize(
    "before, after, code",
    [
        ("Standard", "HighPerformance", None),
        ("HighPerformance", "UltraPerformance", None),
        ("ErGw1AZ", "ErGw3AZ", None),
        ("ErGw2AZ", "ErGwScale", None),
        ("UltraPerformance", "Standard", "GatewaySkuDowngradeNotSupported"),
        ("ErGw2AZ", "ErGw1AZ", "GatewaySkuDowngradeNotSupported"),
        ("Standard", "ErGw1AZ", "GatewaySkuChangeNotSupported"),
        ("HighPerformance", "ErGwScale", "GatewaySkuChangeNotSupported"),
        ("ErGw1AZ", "Standard", "GatewaySkuChangeNotSupported"),
        ("ErGwScale", "ErGw3AZ", "GatewaySkuChangeNotSupported"),
    ],
)
def test_sku_changes(network, sub, before, after, code):
    scale = (2, 4)
    created = create_gateway(network, sku=before, bounds=scale if before == "ErGwScale" else None)

    def change():
        return create_gateway(network, sku=after, bounds=scale if after == "ErGwScale" else None)

    if code is None:
        assert value(change().sku.name) == after
        return
    exc = error_of(change)
    assert exc.status_code == 400 and exc.error.code == code
    assert before in exc.error.message and after in exc.error.message
    if code == "GatewaySkuDowngradeNotSupported":
        assert "Delete and re-create the gateway" in exc.error.message
    if before in ("Standard", "HighPerformance") and code == "GatewaySkuChangeNotSupported":
        assert "migration" in exc.error.message
    current = network.virtual_network_gateways.get(RG_NET, "ergw")
    assert value(current.sku.name) == before and current.etag == created.etag


def test_update_with_the_fetched_model_and_what_cannot_change(network, emulator_endpoint, sub):
    create_gateway(network)
    # The module pattern: GET, change one field, PUT the fetched model back.
    fetched = network.virtual_network_gateways.get(RG_NET, "ergw")
    fetched.allow_remote_vnet_traffic = True
    fetched.sku = models().VirtualNetworkGatewaySku(name="ErGw2AZ", tier="ErGw2AZ")
    updated = network.virtual_network_gateways.begin_create_or_update(RG_NET, "ergw", fetched).result()
    assert updated.allow_remote_vnet_traffic is True and value(updated.sku.name) == "ErGw2AZ"
    assert updated.bgp_settings.asn == 65515

    m = models()
    network.virtual_networks.begin_create_or_update(
        RG_NET,
        "vnet-two",
        m.VirtualNetwork(
            location="westeurope",
            address_space=m.AddressSpace(address_prefixes=["10.50.0.0/16"]),
            subnets=[m.Subnet(name="GatewaySubnet", address_prefix="10.50.255.0/27")],
        ),
    ).result()
    exc = error_of(lambda: create_gateway(network, sku="ErGw2AZ", subnet=subnet_id(sub, "vnet-two")))
    assert exc.error.code == "GatewaySubnetCannotBeChanged"
    pip = network.public_ip_addresses.begin_create_or_update(
        RG_NET,
        "pip",
        m.PublicIPAddress(
            location="westeurope", sku=m.PublicIPAddressSku(name="Standard"), public_ip_allocation_method="Static"
        ),
    ).result()
    exc = error_of(lambda: create_gateway(network, sku="ErGw2AZ", public_ip=pip.id))
    assert exc.error.code == "GatewayPublicIPCannotBeChanged"
    assert network.virtual_network_gateways.get(RG_NET, "ergw").etag == updated.etag


def test_patch_tags_is_a_long_running_operation(network, emulator_controls, arm):
    gateway = create_gateway(network)
    emulator_controls.configure(lro_seconds={"virtualNetworkGateways": 0.6})
    poller = network.virtual_network_gateways.begin_update_tags(
        RG_NET, "ergw", models().TagsObject(tags={"env": "test"})
    )
    during = network.virtual_network_gateways.get(RG_NET, "ergw")
    assert value(during.provisioning_state) == "Updating" and during.tags == {"env": "test"}
    exc = error_of(lambda: create_gateway(network))
    assert exc.status_code == 409 and exc.error.code == "AnotherOperationInProgress"
    done = poller.result()
    assert value(done.provisioning_state) == "Succeeded" and done.tags == {"env": "test"}

    # On the wire: 200 with the resource and Azure-AsyncOperation.
    response = arm.patch("{0}{1}?api-version=2025-05-01".format(arm.base, gateway.id), json={"tags": {"a": "b"}})
    assert response.status_code == 200 and "Azure-AsyncOperation" in response.headers
    assert response.json()["properties"]["provisioningState"] == "Updating"


def test_bgp_and_routes_without_connections(network, sub):
    gateway = create_gateway(network)
    gateways = network.virtual_network_gateways
    assert list(gateways.begin_get_bgp_peer_status(RG_NET, "ergw").result().value) == []
    learned = gateways.begin_get_learned_routes(RG_NET, "ergw").result().value
    assert {(r.network, value(r.origin), r.local_address) for r in learned} == {
        ("10.10.0.0/16", "Network", "10.10.255.4"),
        ("10.10.0.0/16", "Network", "10.10.255.5"),
    }
    assert list(gateways.begin_get_advertised_routes(RG_NET, "ergw", peer="10.10.255.12").result().value) == []
    assert list(gateways.list_connections(RG_NET, "ergw")) == []
    assert gateway.id == resource_id(sub, RG_NET, "virtualNetworkGateways", "ergw")


def test_advertised_routes_need_a_peer(arm):
    url = "{0}{1}/getAdvertisedRoutes?api-version=2025-05-01"
    gateway_url = "{0}{1}?api-version=2025-05-01".format(
        arm.base, resource_id(arm.sub, RG_NET, "virtualNetworkGateways", "ergw")
    )
    body = {
        "location": "westeurope",
        "properties": {
            "gatewayType": "ExpressRoute",
            "sku": {"name": "Standard", "tier": "Standard"},
            "ipConfigurations": [{"name": "default", "properties": {"subnet": {"id": subnet_id(arm.sub)}}}],
        },
    }
    assert arm.put(gateway_url, json=body).status_code == 201
    response = arm.post(url.format(arm.base, resource_id(arm.sub, RG_NET, "virtualNetworkGateways", "ergw")))
    assert response.status_code == 400 and response.json()["error"]["code"] == "MissingRequiredQueryParameter"


def test_vpn_side_members_sent_empty_are_echoed_and_others_refused(arm):
    """The spec's ExpressRoute gateway example PUTs vpnType, bgpSettings: null,
    vpnClientConfiguration: null, natRules: [] and policy groups: [] and its
    answer shows them back; a non-empty one is VPN gateway configuration."""
    gateway_url = "{0}{1}?api-version=2025-01-01".format(
        arm.base, resource_id(arm.sub, RG_NET, "virtualNetworkGateways", "ergw")
    )

    def body(**vpn_side):
        properties = {
            "gatewayType": "ExpressRoute",
            "sku": {"name": "Standard", "tier": "Standard"},
            "ipConfigurations": [{"name": "default", "properties": {"subnet": {"id": subnet_id(arm.sub)}}}],
        }
        properties.update(vpn_side)
        return {"location": "westeurope", "properties": properties}

    refused = arm.put(gateway_url, json=body(natRules=[{"name": "nat1"}]))
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "VpnGatewayNotEmulated"
    assert "properties.natRules" in refused.json()["error"]["message"]
    refused = arm.put(gateway_url, json=body(vpnType="Tunnel"))
    assert refused.status_code == 400 and "properties.vpnType" in refused.json()["error"]["message"]
    assert arm.get(gateway_url).status_code == 404  # refused: nothing stored

    created = arm.put(
        gateway_url,
        json=body(
            vpnType="policybased",
            bgpSettings=None,
            vpnClientConfiguration=None,
            natRules=[],
            virtualNetworkGatewayPolicyGroups=[],
        ),
    )
    assert created.status_code == 201
    props = created.json()["properties"]
    assert props["vpnType"] == "PolicyBased"
    assert props["natRules"] == [] and props["virtualNetworkGatewayPolicyGroups"] == []
    assert "vpnClientConfiguration" in props and props["vpnClientConfiguration"] is None
    assert "bgpSettings" in props and props["bgpSettings"] is None  # assigned when the operation completes
    assert "customRoutes" in props and props["customRoutes"] is None  # not sent: ARM's default, as its GET example
