"""The connectivity provider's side through the real SDK: a cross-connection
for every circuit in the provider's subscription, consistent with the
circuit both ways; provisioning through a PUT; provider-configured peerings
(managed Layer 3); their diagnostics; locks; lists."""

import pytest
from azure.core.exceptions import ResourceNotFoundError

from conftest import circuit_body, make_client
from er_helpers import (
    API,
    MICROSOFT,
    PRIVATE,
    RG,
    create_peering,
    error_of,
    microsoft_config,
    microsoft_peering,
    sub_resource,
    value,
)

GROUP = "CrossConnection-Amsterdam"


@pytest.fixture
def provider(emulator_endpoint):
    return make_client(emulator_endpoint, subscription_id=emulator_endpoint["provider_subscription_id"])


def create_circuit(network, name="er1", **kwargs):
    return network.express_route_circuits.begin_create_or_update(RG, name, circuit_body(**kwargs)).result()


def set_provider_state(provider, key, state, notes=None, group=GROUP):
    cross_connection = provider.express_route_cross_connections.get(group, key)
    cross_connection.service_provider_provisioning_state = state
    if notes is not None:
        cross_connection.service_provider_notes = notes
    return provider.express_route_cross_connections.begin_create_or_update(group, key, cross_connection).result()


def provider_peering(**kwargs):
    from azure.mgmt.network.models import ExpressRouteCrossConnectionPeering

    defaults = dict(
        peering_type=PRIVATE,
        peer_asn=65020,
        primary_peer_address_prefix="192.168.100.128/30",
        secondary_peer_address_prefix="192.168.100.132/30",
        vlan_id=100,
    )
    defaults.update(kwargs)
    return ExpressRouteCrossConnectionPeering(**defaults)


def test_every_circuit_has_a_cross_connection(network, provider, emulator_controls):
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 0.5})
    poller = network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body())
    # Not before the create completes: there is no service key yet.
    assert list(provider.express_route_cross_connections.list()) == []
    circuit = poller.result()
    cross_connection = provider.express_route_cross_connections.get(GROUP, circuit.service_key)
    assert cross_connection.name == circuit.service_key
    assert (
        cross_connection.id
        == "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRouteCrossConnections/{2}".format(
            provider._config.subscription_id, GROUP, circuit.service_key
        )
    )
    assert cross_connection.express_route_circuit.id == circuit.id
    assert (cross_connection.s_tag, cross_connection.bandwidth_in_mbps, cross_connection.peering_location) == (
        circuit.stag,
        200,
        "Amsterdam",
    )
    assert value(cross_connection.service_provider_provisioning_state) == "NotProvisioned"
    assert cross_connection.location == "westeurope" and cross_connection.peerings == []
    assert cross_connection.primary_azure_port.endswith("-PRI-A")
    # The customer's own subscription has none.
    assert list(network.express_route_cross_connections.list()) == []
    # The customer's change shows on the provider's side at once.
    create_circuit(network, bandwidth=500)
    assert provider.express_route_cross_connections.get(GROUP, circuit.service_key).bandwidth_in_mbps == 500


def test_the_provider_provisions_through_a_put(network, provider):
    circuit = create_circuit(network)
    done = set_provider_state(provider, circuit.service_key, "Provisioning", notes="VLAN 3 on port 7")
    assert value(done.service_provider_provisioning_state) == "Provisioning"
    assert done.service_provider_notes == "VLAN 3 on port 7"
    seen = network.express_route_circuits.get(RG, "er1")
    assert value(seen.service_provider_provisioning_state) == "Provisioning"
    assert seen.service_provider_notes == "VLAN 3 on port 7"
    set_provider_state(provider, circuit.service_key, "Provisioned")
    exc = error_of(lambda: set_provider_state(provider, circuit.service_key, "Provisioning"))
    assert exc.status_code == 400 and exc.error.code == "InvalidServiceProviderProvisioningStateTransition"
    assert value(network.express_route_circuits.get(RG, "er1").service_provider_provisioning_state) == "Provisioned"
    # The customer cannot delete it while provisioned; the provider deprovisions.
    exc = error_of(lambda: network.express_route_circuits.begin_delete(RG, "er1").result())
    assert exc.error.code == "CircuitCannotBeDeletedWhileProvisioned"
    set_provider_state(provider, circuit.service_key, "NotProvisioned")
    network.express_route_circuits.begin_delete(RG, "er1").result()
    with pytest.raises(ResourceNotFoundError):
        provider.express_route_cross_connections.get(GROUP, circuit.service_key)


def test_a_put_cannot_create_or_repoint_a_cross_connection(network, provider, arm, emulator_endpoint):
    circuit = create_circuit(network)
    cross_connection = provider.express_route_cross_connections.get(GROUP, circuit.service_key)
    exc = error_of(
        lambda: provider.express_route_cross_connections.begin_create_or_update(
            GROUP, "00000000-1111-2222-3333-444444444444", cross_connection
        ).result()
    )
    assert exc.status_code == 404 and "created by Azure" in exc.error.message
    from azure.mgmt.network.models import ExpressRouteCircuitReference

    cross_connection.express_route_circuit = ExpressRouteCircuitReference(id=circuit.id.replace("er1", "er2"))
    exc = error_of(
        lambda: provider.express_route_cross_connections.begin_create_or_update(
            GROUP, circuit.service_key, cross_connection
        ).result()
    )
    assert exc.error.code == "CrossConnectionCircuitCannotBeChanged"
    cross_connection.express_route_circuit = None
    cross_connection.service_provider_provisioning_state = "Finished"
    exc = error_of(
        lambda: provider.express_route_cross_connections.begin_create_or_update(
            GROUP, circuit.service_key, cross_connection
        ).result()
    )
    assert exc.error.code == "InvalidServiceProviderProvisioningState" and "Provisioned" in exc.error.message
    assert value(network.express_route_circuits.get(RG, "er1").service_provider_provisioning_state) == "NotProvisioned"
    url = "{0}{1}?{2}".format(
        arm.base, provider.express_route_cross_connections.get(GROUP, circuit.service_key).id, API
    )
    deleted = arm.delete(url)
    assert deleted.status_code == 400 and deleted.json()["error"]["code"] == "CrossConnectionCannotBeDeleted"


def test_tags_and_lists(network, provider, emulator_controls):
    from azure.mgmt.network.models import TagsObject

    keys = [create_circuit(network, name).service_key for name in ("er1", "er2", "er3")]
    create_circuit(network, "er4", location="Silicon Valley")
    tagged = provider.express_route_cross_connections.update_tags(GROUP, keys[0], TagsObject(tags={"order": "42"}))
    assert tagged.tags == {"order": "42"}
    emulator_controls.configure(page_size=2)
    assert sorted(x.name for x in provider.express_route_cross_connections.list_by_resource_group(GROUP)) == sorted(
        keys
    )
    everything = list(provider.express_route_cross_connections.list())
    assert len(everything) == 4
    assert {x.id.split("/")[4] for x in everything} == {GROUP, "CrossConnection-SiliconValley"}


def test_provider_configured_peerings(network, provider, emulator_controls):
    circuit = create_circuit(network)
    set_provider_state(provider, circuit.service_key, "Provisioned")
    made = provider.express_route_cross_connection_peerings.begin_create_or_update(
        GROUP, circuit.service_key, PRIVATE, provider_peering()
    ).result()
    assert made.last_modified_by == "ServiceProvider" and made.azure_asn == 12076
    assert made.id.endswith("/expressRouteCrossConnections/{0}/peerings/{1}".format(circuit.service_key, PRIVATE))
    # The customer sees the same peering on the circuit.
    seen = network.express_route_circuit_peerings.get(RG, "er1", PRIVATE)
    assert (seen.last_modified_by, seen.vlan_id, seen.peer_asn) == ("ServiceProvider", 100, 65020)
    assert (
        seen.primary_azure_port
        == made.primary_azure_port
        == provider.express_route_cross_connections.get(GROUP, circuit.service_key).primary_azure_port
    )
    # ... and changes it; the provider sees that.
    seen.peer_asn = 65021
    network.express_route_circuit_peerings.begin_create_or_update(RG, "er1", PRIVATE, seen).result()
    back = provider.express_route_cross_connection_peerings.get(GROUP, circuit.service_key, PRIVATE)
    assert (back.peer_asn, back.last_modified_by) == (65021, "Customer")
    assert [p.name for p in provider.express_route_cross_connections.get(GROUP, circuit.service_key).peerings] == [
        PRIVATE
    ]
    # Same rules on the provider's side.
    exc = error_of(
        lambda: provider.express_route_cross_connection_peerings.begin_create_or_update(
            GROUP,
            circuit.service_key,
            MICROSOFT,
            provider_peering(
                peering_type=MICROSOFT,
                vlan_id=200,
                peer_asn=20000,
                primary_peer_address_prefix="123.0.0.0/30",
                secondary_peer_address_prefix="123.0.0.4/30",
            ),
        ).result()
    )
    assert exc.error.code == "MicrosoftPeeringConfigRequired"
    exc = error_of(
        lambda: provider.express_route_cross_connection_peerings.begin_create_or_update(
            GROUP,
            circuit.service_key,
            MICROSOFT,
            provider_peering(
                peering_type=MICROSOFT,
                vlan_id=100,
                peer_asn=20000,
                primary_peer_address_prefix="123.0.0.0/30",
                secondary_peer_address_prefix="123.0.0.4/30",
                microsoft_peering_config=microsoft_config(),
            ),
        ).result()
    )
    assert exc.error.code == "VlanIdInUse"
    assert [p.name for p in network.express_route_circuit_peerings.list(RG, "er1")] == [PRIVATE]
    emulator_controls.configure(page_size=1)
    assert [p.name for p in provider.express_route_cross_connection_peerings.list(GROUP, circuit.service_key)] == [
        PRIVATE
    ]
    provider.express_route_cross_connection_peerings.begin_delete(GROUP, circuit.service_key, PRIVATE).result()
    assert list(network.express_route_circuit_peerings.list(RG, "er1")) == []


def test_a_provider_update_keeps_the_customers_route_filter(network, provider):
    from azure.mgmt.network.models import RouteFilter

    circuit = create_circuit(network)
    set_provider_state(provider, circuit.service_key, "Provisioned")
    route_filter = network.route_filters.begin_create_or_update(RG, "rf1", RouteFilter(location="westeurope")).result()
    create_peering(network, microsoft_peering(route_filter=sub_resource(route_filter.id)))
    view = provider.express_route_cross_connection_peerings.get(GROUP, circuit.service_key, MICROSOFT)
    view.peer_asn = 20001
    provider.express_route_cross_connection_peerings.begin_create_or_update(
        GROUP, circuit.service_key, MICROSOFT, view
    ).result()
    seen = network.express_route_circuit_peerings.get(RG, "er1", MICROSOFT)
    assert seen.peer_asn == 20001 and seen.route_filter.id == route_filter.id


def test_provider_diagnostics(network, provider, emulator_controls):
    circuit = create_circuit(network)
    set_provider_state(provider, circuit.service_key, "Provisioned")
    made = provider.express_route_cross_connection_peerings.begin_create_or_update(
        GROUP, circuit.service_key, PRIVATE, provider_peering()
    ).result()
    emulator_controls.call("POST", "peerings/routes", {"peering": made.id, "routes": [{"network": "10.1.0.0/16"}]})
    operations = provider.express_route_cross_connections
    (row,) = operations.begin_list_routes_table_summary(GROUP, circuit.service_key, PRIVATE, "primary").result().value
    assert (row.neighbor, row.asn, row.state_or_prefixes_received) == ("192.168.100.129", 65020, "1")
    arp = operations.begin_list_arp_table(GROUP, circuit.service_key, PRIVATE, "secondary").result().value
    assert [e.ip_address for e in arp] == ["192.168.100.133", "192.168.100.134"]
    routes = operations.begin_list_routes_table(GROUP, circuit.service_key, PRIVATE, "primary").result().value
    assert [r.network for r in routes] == ["10.1.0.0/16"]
    # The customer's view of the same session.
    (mine,) = (
        network.express_route_circuits.begin_list_routes_table_summary(RG, "er1", PRIVATE, "primary").result().value
    )
    assert mine.state_pfx_rcd == "1"


def test_one_circuit_one_lock(network, provider, emulator_controls):
    circuit = create_circuit(network)
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 1.0})
    poller = network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body(bandwidth=500))
    exc = error_of(lambda: set_provider_state(provider, circuit.service_key, "Provisioning"))
    assert exc.status_code == 409 and exc.error.code == "AnotherOperationInProgress"
    poller.result()
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 0, "expressRouteCrossConnections": 1.0})
    cross_connection = provider.express_route_cross_connections.get(GROUP, circuit.service_key)
    cross_connection.service_provider_provisioning_state = "Provisioning"
    provider_poller = provider.express_route_cross_connections.begin_create_or_update(
        GROUP, circuit.service_key, cross_connection
    )
    exc = error_of(
        lambda: network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body(bandwidth=1000))
    )
    assert exc.status_code == 409
    assert value(provider_poller.result().service_provider_provisioning_state) == "Provisioning"


def test_deleting_the_customers_group_removes_the_cross_connection(network, provider, arm):
    circuit = create_circuit(network)
    url = "{0}/subscriptions/{1}/resourceGroups/{2}?api-version=2021-04-01".format(arm.base, arm.sub, RG)
    assert arm.delete(url).status_code == 200
    with pytest.raises(ResourceNotFoundError):
        provider.express_route_cross_connections.get(GROUP, circuit.service_key)
