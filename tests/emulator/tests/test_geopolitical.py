"""The Standard/Premium geopolitical rule (MicrosoftDocs/azure-docs,
includes/expressroute-azure-regions-geopolitical-region.md;
expressroute-global-reach.md): a Standard circuit links only to virtual
networks in the geopolitical region of its peering location, and Global
Reach across geopolitical regions needs Premium circuits.  Through the SDK
under test; a refused PUT leaves nothing behind."""

from conftest import circuit_body, value
from er_builders import RG_ER, RG_NET, connect, create_gateway, error_of, models, private_peering
from er_helpers import PRIVATE, RG, create_peering, provisioned_circuit
from er_helpers import private_peering as peering_body


def circuit_at(network, controls, name, location, provider, tier="Standard"):
    circuit = network.express_route_circuits.begin_create_or_update(
        RG_ER, name, circuit_body(location=location, provider=provider, tier=tier)
    ).result()
    controls.provision(circuit.service_key, "Provisioned")
    private_peering(network, circuit)
    return network.express_route_circuits.get(RG_ER, name)


def test_standard_circuit_cannot_link_a_gateway_in_another_geopolitical_region(network, emulator_controls):
    gateway = create_gateway(network)  # westeurope: Europe
    circuit = circuit_at(network, emulator_controls, "er-sv", "Silicon Valley", "Equinix")  # North America
    exc = error_of(connect, network, "conn-sv", gateway.id, circuit.id)
    assert exc.error.code == "ExpressRouteCircuitCannotLinkOutsideGeopoliticalRegion"
    for words in ("er-sv", "Silicon Valley", "North America", "westeurope", "Europe", "Premium"):
        assert words in exc.error.message, words
    assert list(network.virtual_network_gateway_connections.list(RG_NET)) == []


def test_premium_circuit_links_globally_and_standard_links_at_home(network, emulator_controls):
    gateway = create_gateway(network)
    premium = circuit_at(network, emulator_controls, "er-sv", "Silicon Valley", "Equinix", tier="Premium")
    made = connect(network, "conn-sv", gateway.id, premium.id)
    assert value(made.provisioning_state) == "Succeeded"
    home = circuit_at(network, emulator_controls, "er-ams", "Amsterdam", "Megaport")  # Europe, Standard
    assert value(connect(network, "conn-ams", gateway.id, home.id).provisioning_state) == "Succeeded"


def test_standard_circuit_in_europe_links_any_european_region(network, emulator_controls):
    # London (peering location) with a gateway in West Europe: one geopolitical region.
    gateway = create_gateway(network)
    circuit = circuit_at(network, emulator_controls, "er-lon", "London", "Equinix")
    assert value(connect(network, "conn-lon", gateway.id, circuit.id).provisioning_state) == "Succeeded"


def test_global_reach_across_geopolitical_regions_needs_premium_circuits(network, emulator_controls):
    m = models()
    provisioned_circuit(network, emulator_controls, "er1", location="Amsterdam")
    provisioned_circuit(network, emulator_controls, "er2", location="Silicon Valley")
    one = create_peering(network, peering_body(), circuit="er1")
    two = create_peering(network, peering_body(primary="192.168.200.0/30", secondary="192.168.200.4/30"), circuit="er2")

    def link():
        return network.express_route_circuit_connections.begin_create_or_update(
            RG,
            "er1",
            PRIVATE,
            "gr1",
            m.ExpressRouteCircuitConnection(
                express_route_circuit_peering=m.SubResource(id=one.id),
                peer_express_route_circuit_peering=m.SubResource(id=two.id),
                address_prefix="10.100.0.0/29",
            ),
        ).result()

    exc = error_of(link)
    assert exc.error.code == "GlobalReachAcrossGeopoliticalRegionsRequiresPremium"
    for words in ("'er1'", "'er2'", "Europe", "North America", "Premium"):
        assert words in exc.error.message, words
    assert list(network.express_route_circuit_connections.list(RG, "er1", PRIVATE)) == []
    # One Premium circuit is not enough ("your circuits must be Premium SKU").
    er1 = network.express_route_circuits.get(RG, "er1")
    er1.sku = m.ExpressRouteCircuitSku(name="Premium_MeteredData", tier="Premium", family="MeteredData")
    network.express_route_circuits.begin_create_or_update(RG, "er1", er1).result()
    exc = error_of(link)
    assert exc.error.code == "GlobalReachAcrossGeopoliticalRegionsRequiresPremium"
    assert "'er2'" in exc.error.message.split("Enable")[1] and "'er1'" not in exc.error.message.split("Enable")[1]
    er2 = network.express_route_circuits.get(RG, "er2")
    er2.sku = m.ExpressRouteCircuitSku(name="Premium_MeteredData", tier="Premium", family="MeteredData")
    network.express_route_circuits.begin_create_or_update(RG, "er2", er2).result()
    assert value(link().circuit_connection_status) == "Connected"
