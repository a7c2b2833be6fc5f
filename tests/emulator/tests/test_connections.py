"""Connections between ExpressRoute gateways and circuits through the real
SDK: a link in the same subscription and one from another subscription
with an authorization key, every refusal, FastPath by gateway SKU, the
gateway's view of BGP and routes, and the order in which Azure lets the
pieces be deleted."""

import json
import urllib.error

import pytest
from azure.core.exceptions import ResourceNotFoundError

from conftest import make_client, value
from er_builders import (
    RG_ER,
    RG_NET,
    SPOKE,
    SPOKE_RG,
    authorization,
    authorization_status,
    connect,
    connection_body,
    create_gateway,
    error_of,
    models,
    private_peering,
    ready_circuit,
    resource_id,
    subnet_id,
)


@pytest.fixture
def second(emulator_endpoint):
    """A client of the second customer subscription (Fabrikam's landing zone)."""
    return make_client(emulator_endpoint, subscription_id=emulator_endpoint["second_subscription_id"])


@pytest.fixture
def linked(network, emulator_controls):
    """An ErGw1AZ gateway on the hub and a ready circuit, not yet linked."""
    gateway = create_gateway(network)
    circuit = ready_circuit(network, emulator_controls)
    return gateway, circuit


def connection_error(network, name, body, group=RG_NET):
    return error_of(
        lambda: network.virtual_network_gateway_connections.begin_create_or_update(group, name, body).result()
    )


def assert_absent(client, name, group=RG_NET):
    with pytest.raises(ResourceNotFoundError):
        client.virtual_network_gateway_connections.get(group, name)


def test_same_subscription_link(network, linked):
    gateway, circuit = linked
    conn = connect(network, "conn", gateway.id, circuit.id)
    assert value(conn.provisioning_state) == "Succeeded"
    assert value(conn.connection_status) == "Connected"
    assert value(conn.connection_type) == "ExpressRoute"
    assert conn.peer.id == circuit.id and conn.virtual_network_gateway1.id == gateway.id
    assert conn.routing_weight == 0 and conn.express_route_gateway_bypass is False
    assert conn.authorization_key is None
    listed = list(network.virtual_network_gateways.list_connections(RG_NET, "ergw"))
    assert [c.name for c in listed] == ["conn"]
    assert [c.name for c in network.virtual_network_gateway_connections.list(RG_NET)] == ["conn"]

    # The module update pattern: GET, change a field, PUT the fetched model back.
    fetched = network.virtual_network_gateway_connections.get(RG_NET, "conn")
    fetched.routing_weight = 20
    updated = network.virtual_network_gateway_connections.begin_create_or_update(RG_NET, "conn", fetched).result()
    assert updated.routing_weight == 20 and updated.etag != conn.etag


def test_patch_tags_is_a_long_running_operation(network, linked, emulator_controls):
    gateway, circuit = linked
    connect(network, "conn", gateway.id, circuit.id)
    emulator_controls.configure(lro_seconds={"connections": 0.6})
    poller = network.virtual_network_gateway_connections.begin_update_tags(
        RG_NET, "conn", models().TagsObject(tags={"owner": "netops"})
    )
    assert value(network.virtual_network_gateway_connections.get(RG_NET, "conn").provisioning_state) == "Updating"
    done = poller.result()
    assert value(done.provisioning_state) == "Succeeded" and done.tags == {"owner": "netops"}


def test_cross_subscription_link_redeems_an_authorization(network, second, emulator_controls, emulator_endpoint):
    circuit = ready_circuit(network, emulator_controls)
    key = authorization(network, circuit)
    spoke_subnet = subnet_id(emulator_endpoint["second_subscription_id"], SPOKE, group=SPOKE_RG)
    spoke_gateway = create_gateway(second, "ergw-spoke", subnet=spoke_subnet, group=SPOKE_RG)

    exc = connection_error(second, "to-er1", connection_body(spoke_gateway.id, circuit.id), SPOKE_RG)
    assert exc.status_code == 400 and exc.error.code == "AuthorizationKeyRequired"
    assert "properties.authorizationKey" in exc.error.message and circuit.name in exc.error.message
    wrong = "00000000-1111-2222-3333-444444444444"
    exc = connection_error(second, "to-er1", connection_body(spoke_gateway.id, circuit.id, key=wrong), SPOKE_RG)
    assert exc.error.code == "InvalidAuthorizationKey" and wrong not in exc.error.message
    assert_absent(second, "to-er1", SPOKE_RG)
    assert authorization_status(network, circuit) == "Available"

    conn = connect(second, "to-er1", spoke_gateway.id, circuit.id, group=SPOKE_RG, key=key)
    assert value(conn.connection_status) == "Connected"
    assert key not in str(conn.as_dict())  # the key is not echoed back
    assert authorization_status(network, circuit) == "InUse"
    # A re-PUT of the fetched connection (no key in it) keeps the link.
    fetched = second.virtual_network_gateway_connections.get(SPOKE_RG, "to-er1")
    second.virtual_network_gateway_connections.begin_create_or_update(SPOKE_RG, "to-er1", fetched).result()
    assert authorization_status(network, circuit) == "InUse"

    # Its key cannot change (another key means another connection).
    other_key = authorization(network, circuit, "auth2")
    exc = connection_error(second, "to-er1", connection_body(spoke_gateway.id, circuit.id, key=other_key), SPOKE_RG)
    assert exc.error.code == "AuthorizationKeyCannotBeChanged" and other_key not in exc.error.message
    assert authorization_status(network, circuit, "auth2") == "Available"

    # The key is spent: the hub's gateway cannot use it as well.
    hub_gateway = create_gateway(network)
    exc = connection_error(network, "hub-er1", connection_body(hub_gateway.id, circuit.id, key=key))
    assert exc.error.code == "AuthorizationAlreadyInUse" and key not in exc.error.message
    assert_absent(network, "hub-er1")

    second.virtual_network_gateway_connections.begin_delete(SPOKE_RG, "to-er1").result()
    assert authorization_status(network, circuit) == "Available"
    assert_absent(second, "to-er1", SPOKE_RG)


@pytest.mark.parametrize(
    "case, code, text",
    [
        (
            "not provisioned",
            "CircuitNotProvisioned",
            ("serviceProviderProvisioningState is 'NotProvisioned' (provider Equinix)"),
        ),
        ("no private peering", "CircuitHasNoPrivatePeering", "Configure the private peering first"),
        ("no peer", "ExpressRouteConnectionRequiresPeer", "properties.peer.id"),
        ("peer is a peering", "InvalidExpressRouteCircuitReference", "must be the id of an ExpressRoute circuit"),
        ("missing circuit", "InvalidResourceReference", "expressRouteCircuits/nope referenced by resource"),
        ("missing gateway", "InvalidResourceReference", "virtualNetworkGateways/nope referenced by resource"),
        ("gateway elsewhere", "InvalidResourceReference", "same region"),
        ("vpn type", "ConnectionTypeNotEmulated", "only ExpressRoute connections"),
        ("no type", "ConnectionTypeRequired", "properties.connectionType"),
        ("bad type", "InvalidConnectionType", "Valid values are: ExpressRoute, IPsec, Vnet2Vnet, VPNClient"),
        ("weight too high", "InvalidRoutingWeight", "use 0–32000"),
        ("negative weight", "InvalidRoutingWeight", "use 0–32000"),
        ("second gateway", "InvalidExpressRouteConnection", "properties.virtualNetworkGateway2 is for VPN"),
    ],
)
def test_connection_rules_refuse_before_any_write(network, emulator_controls, emulator_endpoint, case, code, text):
    m = models()
    gateway = create_gateway(network)
    sub = emulator_endpoint["subscription_id"]
    circuit = ready_circuit(
        network,
        emulator_controls,
        provision=case != "not provisioned",
        peering=case not in ("not provisioned", "no private peering"),
    )
    body = connection_body(gateway.id, circuit.id)
    if case == "no peer":
        body.peer = None
    elif case == "peer is a peering":
        body.peer = m.SubResource(id=circuit.id + "/peerings/AzurePrivatePeering")
    elif case == "missing circuit":
        body.peer = m.SubResource(id=resource_id(sub, RG_ER, "expressRouteCircuits", "nope"))
    elif case == "missing gateway":
        body.virtual_network_gateway1 = m.VirtualNetworkGateway(
            id=resource_id(sub, RG_NET, "virtualNetworkGateways", "nope")
        )
    elif case == "gateway elsewhere":
        body.location = "northeurope"
    elif case == "vpn type":
        body.connection_type = "IPsec"
    elif case == "no type":
        body.connection_type = None
    elif case == "bad type":
        body.connection_type = "Carrier pigeon"
    elif case == "weight too high":
        body.routing_weight = 32001
    elif case == "negative weight":
        body.routing_weight = -1
    elif case == "second gateway":
        body.virtual_network_gateway2 = m.VirtualNetworkGateway(id=gateway.id)
    exc = connection_error(network, "conn", body)
    assert exc.status_code == 400 and exc.error.code == code
    assert text in exc.error.message
    assert_absent(network, "conn")


def test_a_disabled_private_peering_leaves_the_link_not_connected(network, emulator_controls):
    gateway = create_gateway(network)
    circuit = ready_circuit(network, emulator_controls, peering=False)
    peering = private_peering(network, circuit)
    conn = connect(network, "conn", gateway.id, circuit.id)
    assert value(conn.connection_status) == "Connected"
    peering.state = "Disabled"
    network.express_route_circuit_peerings.begin_create_or_update(
        RG_ER, circuit.name, "AzurePrivatePeering", peering
    ).result()
    assert value(network.virtual_network_gateway_connections.get(RG_NET, "conn").connection_status) == "NotConnected"
    peers = network.virtual_network_gateways.begin_get_bgp_peer_status(RG_NET, "ergw").result().value
    assert {value(p.state) for p in peers} == {"Idle"}


def test_a_circuit_links_to_a_gateway_once_and_cannot_be_swapped(network, emulator_controls, linked):
    gateway, circuit = linked
    connect(network, "conn", gateway.id, circuit.id)
    exc = connection_error(network, "conn-again", connection_body(gateway.id, circuit.id))
    assert exc.error.code == "CircuitAlreadyLinkedToGateway" and "/connections/conn" in exc.error.message
    assert_absent(network, "conn-again")
    other = ready_circuit(network, emulator_controls, "er2")
    exc = connection_error(network, "conn", connection_body(gateway.id, other.id))
    assert exc.error.code == "ConnectionPeerCannotBeChanged"
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
    two = create_gateway(network, "ergw-two", subnet=subnet_id(network._config.subscription_id, "vnet-two"))
    exc = connection_error(network, "conn", connection_body(two.id, circuit.id))
    assert exc.error.code == "ConnectionGatewayCannotBeChanged"
    current = network.virtual_network_gateway_connections.get(RG_NET, "conn")
    assert current.peer.id == circuit.id and current.virtual_network_gateway1.id == gateway.id


@pytest.mark.parametrize(
    "sku, bounds, allowed",
    [
        ("UltraPerformance", None, True),
        ("ErGw3AZ", None, True),
        ("ErGwScale", (10, 12), True),
        ("ErGwScale", (2, 9), False),
        ("ErGw2AZ", None, False),
        ("Standard", None, False),
    ],
)
def test_fastpath_needs_a_gateway_sku_that_supports_it(network, emulator_controls, sku, bounds, allowed):
    gateway = create_gateway(network, sku=sku, bounds=bounds)
    circuit = ready_circuit(network, emulator_controls)
    body = connection_body(gateway.id, circuit.id, express_route_gateway_bypass=True)
    if allowed:
        conn = network.virtual_network_gateway_connections.begin_create_or_update(RG_NET, "conn", body).result()
        assert conn.express_route_gateway_bypass is True
        return
    exc = connection_error(network, "conn", body)
    assert exc.error.code == "FastPathNotSupportedByGatewaySku"
    assert "UltraPerformance, ErGw3AZ, or ErGwScale with at least 10 scale units" in exc.error.message
    assert_absent(network, "conn")


def test_private_link_fastpath(network, emulator_controls):
    gateway = create_gateway(network, sku="ErGw3AZ")
    circuit = ready_circuit(network, emulator_controls)
    exc = connection_error(network, "conn", connection_body(gateway.id, circuit.id, enable_private_link_fast_path=True))
    assert exc.error.code == "PrivateLinkFastPathRequiresFastPath"
    exc = connection_error(
        network,
        "conn",
        connection_body(gateway.id, circuit.id, express_route_gateway_bypass=True, enable_private_link_fast_path=True),
    )
    assert exc.error.code == "PrivateLinkFastPathRequiresExpressRouteDirect"
    assert_absent(network, "conn")


def test_a_gateway_change_that_would_break_fastpath_is_refused(network, emulator_controls):
    gateway = create_gateway(network, sku="ErGw3AZ")
    circuit = ready_circuit(network, emulator_controls)
    connect(network, "conn", gateway.id, circuit.id, express_route_gateway_bypass=True)
    exc = error_of(lambda: create_gateway(network, sku="ErGwScale", bounds=(2, 8)))
    assert exc.error.code == "FastPathNotSupportedByGatewaySku" and "/connections/conn" in exc.error.message
    assert value(network.virtual_network_gateways.get(RG_NET, "ergw").sku.name) == "ErGw3AZ"
    assert value(create_gateway(network, sku="ErGwScale", bounds=(10, 20)).sku.name) == "ErGwScale"


def test_connection_limits(network, emulator_controls):
    """ErGw1AZ takes 4 circuits, ErGw2AZ 8; at most 4 circuits from one
    peering location per VNet."""
    locations = ["Amsterdam"] * 4 + ["London", "Amsterdam"]
    circuits = [
        ready_circuit(network, emulator_controls, "er{0}".format(i), location=where)
        for i, where in enumerate(locations)
    ]
    gateway = create_gateway(network, sku="ErGw1AZ")
    for i in range(4):
        connect(network, "conn{0}".format(i), gateway.id, circuits[i].id)
    exc = connection_error(network, "conn4", connection_body(gateway.id, circuits[4].id))
    assert exc.error.code == "GatewayConnectionLimitReached" and "supports 4 circuit connections" in exc.error.message
    assert_absent(network, "conn4")

    gateway = create_gateway(network, sku="ErGw2AZ")
    connect(network, "conn4", gateway.id, circuits[4].id)
    exc = connection_error(network, "conn5", connection_body(gateway.id, circuits[5].id))
    assert exc.error.code == "TooManyCircuitsFromPeeringLocation" and "'Amsterdam'" in exc.error.message
    assert_absent(network, "conn5")

    # A scalable gateway of 1 scale unit takes 4: not an option with 5 links.
    exc = error_of(lambda: create_gateway(network, sku="ErGwScale", bounds=(1, 1)))
    assert exc.error.code == "GatewayConnectionLimitExceeded" and "has 5 circuit connections" in exc.error.message
    assert value(network.virtual_network_gateways.get(RG_NET, "ergw").sku.name) == "ErGw2AZ"


def test_bgp_peers_and_routes_through_the_gateway(network, second, emulator_controls, emulator_endpoint):
    circuit = ready_circuit(network, emulator_controls)
    hub = create_gateway(network, allow_remote_vnet_traffic=True)
    connect(network, "conn", hub.id, circuit.id)
    gateways = network.virtual_network_gateways

    peers = gateways.begin_get_bgp_peer_status(RG_NET, "ergw").result().value
    assert [(p.local_address, p.neighbor, p.asn, value(p.state)) for p in peers] == [
        ("10.10.255.4", "10.10.255.12", 12076, "Connected"),
        ("10.10.255.5", "10.10.255.13", 12076, "Connected"),
    ]
    only = gateways.begin_get_bgp_peer_status(RG_NET, "ergw", peer="10.10.255.13").result().value
    assert [p.neighbor for p in only] == ["10.10.255.13"]
    advertised = gateways.begin_get_advertised_routes(RG_NET, "ergw", peer="10.10.255.12").result().value
    assert [(r.network, r.next_hop, r.as_path) for r in advertised] == [("10.10.0.0/16", "10.10.255.4", "65515")]

    # Another subscription's VNet on the same circuit: its prefixes reach the
    # hub only when both gateways allow remote VNet traffic.
    key = authorization(network, circuit)
    spoke_subnet = subnet_id(emulator_endpoint["second_subscription_id"], SPOKE, group=SPOKE_RG)
    spoke = create_gateway(second, "ergw-spoke", subnet=spoke_subnet, group=SPOKE_RG)
    connect(second, "to-er1", spoke.id, circuit.id, group=SPOKE_RG, key=key)
    learned = gateways.begin_get_learned_routes(RG_NET, "ergw").result().value
    assert "10.30.0.0/16" not in {r.network for r in learned}
    create_gateway(second, "ergw-spoke", subnet=spoke_subnet, group=SPOKE_RG, allow_remote_vnet_traffic=True)
    learned = gateways.begin_get_learned_routes(RG_NET, "ergw").result().value
    remote = [(r.network, r.next_hop, r.as_path, value(r.origin)) for r in learned if r.network == "10.30.0.0/16"]
    assert remote == [
        ("10.30.0.0/16", "10.10.255.12", "12076-65515", "EBgp"),
        ("10.30.0.0/16", "10.10.255.13", "12076-65515", "EBgp"),
    ]
    assert {(r.network, value(r.origin)) for r in learned if r.network == "10.10.0.0/16"} == {
        ("10.10.0.0/16", "Network")
    }


def test_delete_order(network, emulator_controls, linked):
    """Azure's one order: connection, then gateway and private peering, then
    the provider deprovisions, then the circuit."""
    gateway, circuit = linked
    connect(network, "conn", gateway.id, circuit.id)
    conn_id = network.virtual_network_gateway_connections.get(RG_NET, "conn").id

    exc = error_of(lambda: network.virtual_network_gateways.begin_delete(RG_NET, "ergw").result())
    assert exc.error.code == "VirtualNetworkGatewayInUseByConnections" and conn_id in exc.error.message
    with pytest.raises(urllib.error.HTTPError) as info:
        emulator_controls.provision(circuit.service_key, "Deprovisioning")
    error = json.loads(info.value.read())["error"]
    assert info.value.code == 400 and error["code"] == "CircuitCannotBeDeprovisioned" and conn_id in error["message"]
    exc = error_of(
        lambda: network.express_route_circuit_peerings.begin_delete(RG_ER, circuit.name, "AzurePrivatePeering").result()
    )
    assert exc.error.code == "PeeringInUseByConnections" and conn_id in exc.error.message
    assert network.virtual_network_gateways.get(RG_NET, "ergw").name == "ergw"
    assert (
        value(network.express_route_circuits.get(RG_ER, circuit.name).service_provider_provisioning_state)
        == "Provisioned"
    )

    network.virtual_network_gateway_connections.begin_delete(RG_NET, "conn").result()
    assert_absent(network, "conn")
    network.virtual_network_gateways.begin_delete(RG_NET, "ergw").result()
    network.express_route_circuit_peerings.begin_delete(RG_ER, circuit.name, "AzurePrivatePeering").result()
    emulator_controls.provision(circuit.service_key, "Deprovisioning")
    emulator_controls.provision(circuit.service_key, "NotProvisioned")
    network.express_route_circuits.begin_delete(RG_ER, circuit.name).result()
    with pytest.raises(ResourceNotFoundError):
        network.express_route_circuits.get(RG_ER, circuit.name)


def test_the_circuit_delete_check_names_the_connections(network, emulator, linked):
    """A circuit cannot be deleted while provisioned, nor deprovisioned while
    linked, so the circuit's own delete check for connections cannot be
    reached through the API; it stays as a safety net and is run directly."""
    from expressroute_emulator.errors import ArmError

    gateway, circuit = linked
    connect(network, "conn", gateway.id, circuit.id)
    refused = []
    for check in emulator.delete_checks["microsoft.network/expressroutecircuits"]:
        try:
            check(None, emulator.store.get(circuit.id))
        except ArmError as exc:
            refused.append(exc)
    assert [e.code for e in refused] == ["CircuitInUseByConnections"]
    assert "/connections/conn" in refused[0].message


def test_deleting_the_resource_group_takes_gateway_and_connection_together(network, emulator_controls, linked, arm):
    gateway, circuit = linked
    connect(network, "conn", gateway.id, circuit.id)
    url = "{0}/subscriptions/{1}/resourceGroups/{2}?api-version=2021-04-01".format(arm.base, arm.sub, RG_NET)
    # The group's members go together: the connection holding the gateway,
    # the gateway holding GatewaySubnet do not stop the group's delete.
    assert arm.delete(url).status_code == 200
    assert arm.get(url).status_code == 404
    # Nothing links the circuit any more: the provider may deprovision it.
    emulator_controls.provision(circuit.service_key, "Deprovisioning")


def test_a_circuit_in_the_middle_of_an_update_cannot_be_linked(network, emulator_controls, linked):
    from conftest import circuit_body

    gateway, circuit = linked
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 30})
    network.express_route_circuits.begin_create_or_update(RG_ER, circuit.name, circuit_body(bandwidth=500))
    exc = connection_error(network, "conn", connection_body(gateway.id, circuit.id))
    assert exc.error.code == "ReferencedResourceNotProvisioned"
    assert "{0} used by resource".format(circuit.id) in exc.error.message and "Updating state" in exc.error.message
    assert_absent(network, "conn")


def test_routes_between_the_customer_and_the_virtual_network(network, emulator_controls, linked):
    """The customer router's routes reach the gateway; the VNet's prefixes
    show in the circuit's route table (the MSEE's view)."""
    gateway, circuit = linked
    connect(network, "conn", gateway.id, circuit.id, routing_weight=10)
    emulator_controls.call(
        "POST",
        "peerings/routes",
        {
            "peering": circuit.id + "/peerings/AzurePrivatePeering",
            "routes": [
                {"network": "192.168.0.0/16", "as_path": "65020"},
                {"network": "172.16.0.0/12", "as_path": "65020 65001"},
            ],
        },
    )
    gateways = network.virtual_network_gateways
    learned = gateways.begin_get_learned_routes(RG_NET, "ergw").result().value
    assert sorted((r.network, r.next_hop, r.as_path, r.weight) for r in learned if value(r.origin) == "EBgp") == [
        ("172.16.0.0/12", "10.10.255.12", "12076-65020-65001", 10),
        ("172.16.0.0/12", "10.10.255.13", "12076-65020-65001", 10),
        ("192.168.0.0/16", "10.10.255.12", "12076-65020", 10),
        ("192.168.0.0/16", "10.10.255.13", "12076-65020", 10),
    ]
    peers = gateways.begin_get_bgp_peer_status(RG_NET, "ergw").result().value
    assert [p.routes_received for p in peers] == [2, 2]

    table = (
        network.express_route_circuits.begin_list_routes_table(RG_ER, circuit.name, "AzurePrivatePeering", "primary")
        .result()
        .value
    )
    rows = {(r.network, r.next_hop, r.path) for r in table}
    assert {("10.10.0.0/16", "10.10.255.4", "65515"), ("10.10.0.0/16", "10.10.255.5", "65515")} <= rows
    assert "192.168.0.0/16" in {r.network for r in table}

    network.virtual_network_gateway_connections.begin_delete(RG_NET, "conn").result()
    table = (
        network.express_route_circuits.begin_list_routes_table(RG_ER, circuit.name, "AzurePrivatePeering", "primary")
        .result()
        .value
    )
    assert "10.10.0.0/16" not in {r.network for r in table}
