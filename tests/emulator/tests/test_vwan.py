"""Virtual WAN ExpressRoute gateways and connections through the real SDK:
the seeded hub, a gateway's slow create, scale units, the circuit peering's
view of its connection, the authorization key of another subscription, the
default routing configuration, every refusal, and deletes in Azure's order."""

import time

import pytest

from conftest import make_client, value
from er_builders import RG_ER, RG_NET, authorization, authorization_status, error_of, models, ready_circuit

HUB = "vhub-weu"


def hub_id(sub):
    return "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/virtualHubs/{2}".format(sub, RG_NET, HUB)


def gateway_body(sub, low=1, high=None, allow_non_vwan=None, hub=None):
    m = models()
    bounds = m.ExpressRouteGatewayPropertiesAutoScaleConfigurationBounds(min=low, max=high)
    return m.ExpressRouteGateway(
        location="westeurope",
        virtual_hub=m.VirtualHubId(id=hub or hub_id(sub)),
        auto_scale_configuration=m.ExpressRouteGatewayPropertiesAutoScaleConfiguration(bounds=bounds),
        allow_non_virtual_wan_traffic=allow_non_vwan,
    )


def connection_body(peering_id, name="erc1", key=None, **kwargs):
    m = models()
    return m.ExpressRouteConnection(
        name=name,
        express_route_circuit_peering=m.ExpressRouteCircuitPeeringId(id=peering_id),
        authorization_key=key,
        **kwargs,
    )


def wan_type(wan):
    """properties.type of a virtual WAN: flattened as type_properties_type
    up to SDK 30.x, under properties from 31.0.0."""
    return getattr(wan, "type_properties_type", None) or wan.properties.type


def basic_wan_kwargs(m):
    if hasattr(m, "VirtualWanProperties"):
        return {"properties": m.VirtualWanProperties(type="Basic")}
    return {"type_properties_type": "Basic"}


@pytest.fixture
def sub(emulator_endpoint):
    return emulator_endpoint["subscription_id"]


@pytest.fixture
def gateway(network, sub):
    return network.express_route_gateways.begin_create_or_update(RG_NET, "vhub-ergw", gateway_body(sub, 2, 4)).result()


def test_seeded_standard_wan_and_hub(network, sub):
    hub = network.virtual_hubs.get(RG_NET, HUB)
    assert value(hub.provisioning_state) == "Succeeded" and hub.address_prefix == "10.100.0.0/23"
    assert hub.virtual_wan.id.endswith("/virtualWans/vwan-contoso") and hub.express_route_gateway is None
    wan = network.virtual_wans.get(RG_NET, "vwan-contoso")
    assert wan_type(wan) == "Standard" and [h.id for h in wan.virtual_hubs] == [hub.id]


def test_gateway_slow_create_then_succeeded_and_hub_shows_it(network, emulator_controls, sub):
    emulator_controls.configure(lro_seconds={"expressRouteGateways": 1.0})
    network.express_route_gateways.begin_create_or_update(RG_NET, "vhub-ergw", gateway_body(sub, 2, 4, True))
    first = network.express_route_gateways.get(RG_NET, "vhub-ergw")
    assert value(first.provisioning_state) == "Updating"
    deadline = time.time() + 10
    while value(network.express_route_gateways.get(RG_NET, "vhub-ergw").provisioning_state) != "Succeeded":
        assert time.time() < deadline
        time.sleep(0.2)
    done = network.express_route_gateways.get(RG_NET, "vhub-ergw")
    assert (done.auto_scale_configuration.bounds.min, done.auto_scale_configuration.bounds.max) == (2, 4)
    assert done.allow_non_virtual_wan_traffic is True and done.virtual_hub.id.lower() == hub_id(sub).lower()
    assert network.virtual_hubs.get(RG_NET, HUB).express_route_gateway.id == done.id
    assert [g.name for g in network.express_route_gateways.list_by_subscription().value] == ["vhub-ergw"]


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"low": 0}, "InvalidScaleUnits"),
        ({"low": 11}, "InvalidScaleUnits"),
        ({"low": 4, "high": 2}, "InvalidScaleUnits"),
        ({"low": None}, "ScaleUnitsRequired"),
        (
            {"hub": "/subscriptions/x/resourceGroups/rg-network/providers/Microsoft.Network/virtualHubs/nohub"},
            "InvalidResourceReference",
        ),
    ],
)
def test_gateway_refusals(network, sub, kwargs, code):
    exc = error_of(
        lambda: network.express_route_gateways.begin_create_or_update(
            RG_NET, "bad", gateway_body(sub, **kwargs)
        ).result()
    )
    assert exc.error.code == code
    assert network.express_route_gateways.list_by_resource_group(RG_NET).value == []


def test_one_gateway_per_hub_and_basic_wan_refused(network, sub, gateway):
    exc = error_of(
        lambda: network.express_route_gateways.begin_create_or_update(RG_NET, "second", gateway_body(sub)).result()
    )
    assert exc.error.code == "VirtualHubAlreadyHasExpressRouteGateway"
    m = models()
    network.virtual_wans.begin_create_or_update(
        RG_NET, "vwan-basic", m.VirtualWAN(location="westeurope", **basic_wan_kwargs(m))
    ).result()
    network.virtual_hubs.begin_create_or_update(
        RG_NET,
        "vhub-basic",
        m.VirtualHub(
            location="westeurope",
            virtual_wan=m.SubResource(id=network.virtual_wans.get(RG_NET, "vwan-basic").id),
            address_prefix="10.101.0.0/24",
        ),
    ).result()
    exc = error_of(
        lambda: network.express_route_gateways.begin_create_or_update(
            RG_NET, "basic", gateway_body(sub, hub=network.virtual_hubs.get(RG_NET, "vhub-basic").id)
        ).result()
    )
    assert exc.error.code == "ExpressRouteGatewayRequiresStandardVirtualWan"
    exc = error_of(
        lambda: network.virtual_hubs.begin_create_or_update(
            RG_NET,
            "vhub-small",
            m.VirtualHub(
                location="westeurope",
                virtual_wan=m.SubResource(id=network.virtual_wans.get(RG_NET, "vwan-basic").id),
                address_prefix="10.102.0.0/25",
            ),
        ).result()
    )
    assert exc.error.code == "InvalidVirtualHubAddressPrefix"


def test_connection_peering_view_routing_and_ordered_deletes(network, emulator_controls, sub, gateway):
    circuit = ready_circuit(network, emulator_controls)
    peering_id = circuit.id + "/peerings/AzurePrivatePeering"
    conn = network.express_route_connections.begin_create_or_update(
        RG_NET, "vhub-ergw", "erc1", connection_body(peering_id, routing_weight=10, enable_internet_security=True)
    ).result()
    assert conn.routing_weight == 10 and conn.enable_internet_security is True
    table = hub_id(sub) + "/hubRouteTables/defaultRouteTable"
    assert conn.routing_configuration.associated_route_table.id == table
    assert conn.routing_configuration.propagated_route_tables.labels == ["default"]
    peering = network.express_route_circuit_peerings.get(RG_ER, circuit.name, "AzurePrivatePeering")
    assert peering.express_route_connection.id == conn.id
    listed = network.express_route_connections.list(RG_NET, "vhub-ergw").value
    assert [c.name for c in listed] == ["erc1"]
    assert [c.name for c in network.express_route_gateways.get(RG_NET, "vhub-ergw").express_route_connections] == [
        "erc1"
    ]
    # A second connection of the same peering, FastPath rules, another peering type.
    exc = error_of(
        lambda: network.express_route_connections.begin_create_or_update(
            RG_NET, "vhub-ergw", "erc2", connection_body(peering_id, name="erc2")
        ).result()
    )
    assert exc.error.code == "PeeringAlreadyConnectedToVirtualWan"
    exc = error_of(
        lambda: network.express_route_connections.begin_create_or_update(
            RG_NET, "vhub-ergw", "erc1", connection_body(peering_id, routing_weight=40000)
        ).result()
    )
    assert exc.error.code == "InvalidRoutingWeight"
    exc = error_of(
        lambda: network.express_route_connections.begin_create_or_update(
            RG_NET, "vhub-ergw", "erc1", connection_body(peering_id, enable_private_link_fast_path=True)
        ).result()
    )
    assert exc.error.code == "PrivateLinkFastPathRequiresFastPath"
    # Azure's order: the connection before the peering and the gateway.
    for delete, code in (
        (
            lambda: network.express_route_circuit_peerings.begin_delete(
                RG_ER, circuit.name, "AzurePrivatePeering"
            ).result(),
            "PeeringInUseByConnections",
        ),
        (
            lambda: network.express_route_gateways.begin_delete(RG_NET, "vhub-ergw").result(),
            "ExpressRouteGatewayInUseByConnections",
        ),
    ):
        assert error_of(delete).error.code == code
    network.express_route_connections.begin_delete(RG_NET, "vhub-ergw", "erc1").result()
    assert (
        network.express_route_circuit_peerings.get(RG_ER, circuit.name, "AzurePrivatePeering").express_route_connection
        is None
    )
    network.express_route_gateways.begin_delete(RG_NET, "vhub-ergw").result()
    assert network.virtual_hubs.get(RG_NET, HUB).express_route_gateway is None


def test_connection_from_another_subscription_redeems_a_key(network, emulator_endpoint, emulator_controls, sub):
    circuit = ready_circuit(network, emulator_controls)
    key = authorization(network, circuit)
    peering_id = circuit.id + "/peerings/AzurePrivatePeering"
    # The hub and gateway live in the second subscription.
    second = make_client(emulator_endpoint, subscription_id=emulator_endpoint["second_subscription_id"])
    m = models()
    wan = second.virtual_wans.begin_create_or_update(
        "rg-landingzone", "vwan-lz", m.VirtualWAN(location="westeurope")
    ).result()
    hub = second.virtual_hubs.begin_create_or_update(
        "rg-landingzone",
        "vhub-lz",
        m.VirtualHub(location="westeurope", virtual_wan=m.SubResource(id=wan.id), address_prefix="10.110.0.0/24"),
    ).result()
    second.express_route_gateways.begin_create_or_update(
        "rg-landingzone", "ergw-lz", gateway_body(sub, hub=hub.id)
    ).result()
    exc = error_of(
        lambda: second.express_route_connections.begin_create_or_update(
            "rg-landingzone", "ergw-lz", "erc", connection_body(peering_id, name="erc")
        ).result()
    )
    assert exc.error.code == "AuthorizationKeyRequired"
    second.express_route_connections.begin_create_or_update(
        "rg-landingzone", "ergw-lz", "erc", connection_body(peering_id, name="erc", key=key)
    ).result()
    assert authorization_status(network, circuit) == "InUse"
    second.express_route_connections.begin_delete("rg-landingzone", "ergw-lz", "erc").result()
    assert authorization_status(network, circuit) == "Available"


def test_connection_needs_a_provisioned_circuit_and_a_private_peering(network, emulator_controls, sub, gateway):
    bare = ready_circuit(network, emulator_controls, name="er-bare", provision=False, peering=False)
    exc = error_of(
        lambda: network.express_route_connections.begin_create_or_update(
            RG_NET, "vhub-ergw", "erc1", connection_body(bare.id + "/peerings/AzurePrivatePeering")
        ).result()
    )
    assert exc.error.code == "InvalidResourceReference"
    exc = error_of(
        lambda: network.express_route_connections.begin_create_or_update(
            RG_NET, "vhub-ergw", "erc1", connection_body(bare.id)
        ).result()
    )
    assert exc.error.code == "InvalidExpressRouteCircuitPeeringReference"
