"""ExpressRoute Direct through the real SDK: ports and their links, the LOA,
port locations, port authorizations, and circuits on a port (bandwidth
accounting, encapsulation, what changes in place, cross-subscription keys)."""

import base64

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from conftest import make_client, value
from er_helpers import RG

LOCATION = "Equinix-Amsterdam-AM5"
IDENTITY = (
    "/subscriptions/{0}/resourceGroups/rg-expressroute/providers/Microsoft.ManagedIdentity/"
    "userAssignedIdentities/id-macsec"
)
CKN = "https://kv-macsec.vault.azure.net/secrets/ckn"
CAK = "https://kv-macsec.vault.azure.net/secrets/cak"


def port_body(bandwidth=10, encapsulation="Dot1Q", location=LOCATION, **kwargs):
    from azure.mgmt.network.models import ExpressRoutePort

    return ExpressRoutePort(
        location="westeurope",
        peering_location=location,
        bandwidth_in_gbps=bandwidth,
        encapsulation=encapsulation,
        billing_type="MeteredData",
        **kwargs,
    )


def create_port(network, name="erd1", **kwargs):
    return network.express_route_ports.begin_create_or_update(RG, name, port_body(**kwargs)).result()


def circuit_on_port(network, port_id, name="erdc1", bandwidth=5, group=RG, key=None, tier="Standard"):
    from azure.mgmt.network.models import ExpressRouteCircuit, ExpressRouteCircuitSku, SubResource

    body = ExpressRouteCircuit(
        location="westeurope",
        sku=ExpressRouteCircuitSku(name=tier + "_MeteredData", tier=tier, family="MeteredData"),
        express_route_port=SubResource(id=port_id),
        bandwidth_in_gbps=bandwidth,
        authorization_key=key,
    )
    return network.express_route_circuits.begin_create_or_update(group, name, body).result()


def error_code(call):
    with pytest.raises(HttpResponseError) as caught:
        call()
    return caught.value.error.code


def test_a_port_is_created_with_two_links_and_their_read_only_fields(network):
    port = create_port(network)
    assert value(port.provisioning_state) == "Succeeded" and port.bandwidth_in_gbps == 10
    assert value(port.encapsulation) == "Dot1Q" and port.peering_location == LOCATION
    assert [l.name for l in port.links] == ["link1", "link2"]
    for link in port.links:
        assert link.router_name and link.interface_name and link.patch_panel_id and link.rack_id
        assert value(link.connector_type) == "LC" and value(link.admin_state) == "Disabled"
        assert value(link.provisioning_state) == "Succeeded"
    assert port.provisioned_bandwidth_in_gbps == 0 and port.circuits == []
    link = network.express_route_links.get(RG, "erd1", "link2")
    assert link.patch_panel_id == port.links[1].patch_panel_id
    assert [l.name for l in network.express_route_links.list(RG, "erd1")] == ["link1", "link2"]
    assert [p.name for p in network.express_route_ports.list()] == ["erd1"]
    assert [p.name for p in network.express_route_ports.list_by_resource_group(RG)] == ["erd1"]


def test_link_admin_state_changes_in_place_and_read_only_fields_stay(network):
    port = create_port(network)
    port.links[0].admin_state = "Enabled"
    port.links[0].router_name = "somebody-elses-router"  # read-only: ignored
    updated = network.express_route_ports.begin_create_or_update(RG, "erd1", port).result()
    assert [value(l.admin_state) for l in updated.links] == ["Enabled", "Disabled"]
    assert updated.links[0].router_name == port.links[1].router_name.replace("-2", "-1")


def test_the_port_size_and_location_are_fixed(network):
    create_port(network)
    assert error_code(lambda: create_port(network, bandwidth=100)) == "ExpressRoutePortBandwidthCannotBeChanged"
    assert (
        error_code(lambda: create_port(network, location="Equinix-London-LD5"))
        == "ExpressRoutePortPeeringLocationCannotBeChanged"
    )
    assert error_code(lambda: create_port(network, name="erd2", bandwidth=40)) == "InvalidBandwidthInGbps"
    assert error_code(lambda: create_port(network, name="erd2", location="Nowhere")) == "InvalidPeeringLocation"


def test_macsec_needs_both_secrets_key_vault_ids_and_a_user_identity(network, emulator_endpoint):
    from azure.mgmt.network.models import ExpressRouteLinkMacSecConfig, ManagedServiceIdentity

    port = create_port(network)
    port.links[0].mac_sec_config = ExpressRouteLinkMacSecConfig(ckn_secret_identifier=CKN, cipher="GcmAes128")
    assert (
        error_code(lambda: network.express_route_ports.begin_create_or_update(RG, "erd1", port).result())
        == "InvalidMacSecConfig"
    )
    port.links[0].mac_sec_config = ExpressRouteLinkMacSecConfig(
        ckn_secret_identifier=CKN, cak_secret_identifier=CAK, cipher="GcmAes128"
    )
    assert (
        error_code(lambda: network.express_route_ports.begin_create_or_update(RG, "erd1", port).result())
        == "MacSecRequiresIdentity"
    )
    port.links[0].mac_sec_config.cak_secret_identifier = "https://example.com/cak"
    identity_id = IDENTITY.format(emulator_endpoint["subscription_id"])
    port.identity = ManagedServiceIdentity(type="UserAssigned", user_assigned_identities={identity_id: {}})
    assert (
        error_code(lambda: network.express_route_ports.begin_create_or_update(RG, "erd1", port).result())
        == "InvalidMacSecConfig"
    )
    port.links[0].mac_sec_config.cak_secret_identifier = CAK
    port.links[0].mac_sec_config.sci_state = "Enabled"
    done = network.express_route_ports.begin_create_or_update(RG, "erd1", port).result()
    config = done.links[0].mac_sec_config
    assert (config.ckn_secret_identifier, config.cak_secret_identifier) == (CKN, CAK)
    assert value(config.cipher) == "GcmAes128" and value(config.sci_state) == "Enabled"
    assert value(done.identity.type) == "UserAssigned" and identity_id in done.identity.user_assigned_identities
    assert done.links[1].mac_sec_config.ckn_secret_identifier is None


def test_generate_loa_returns_a_base64_pdf_naming_the_customer(network):
    from azure.mgmt.network.models import GenerateExpressRoutePortsLOARequest

    port = create_port(network)
    result = network.express_route_ports.generate_loa(
        RG, "erd1", GenerateExpressRoutePortsLOARequest(customer_name="Contoso Ltd")
    )
    content = base64.b64decode(result.encoded_content)
    assert content.startswith(b"%PDF-") and b"Contoso Ltd" in content
    assert port.links[0].patch_panel_id.encode() in content


def test_port_locations_list_and_get(network):
    names = [l.name for l in network.express_route_ports_locations.list()]
    assert LOCATION in names
    location = network.express_route_ports_locations.get(LOCATION)
    assert location.address and location.contact
    assert sorted(b.value_in_gbps for b in location.available_bandwidths) == [10, 100]
    with pytest.raises(ResourceNotFoundError):
        network.express_route_ports_locations.get("Nowhere")


def test_circuits_on_a_port_add_up_to_twice_its_bandwidth(network):
    port = create_port(network)
    first = circuit_on_port(network, port.id, "c1", 10)
    assert value(first.service_provider_provisioning_state) == "Provisioned"
    assert first.express_route_port.id == port.id and first.bandwidth_in_gbps == 10
    circuit_on_port(network, port.id, "c2", 5)
    assert error_code(lambda: circuit_on_port(network, port.id, "c3", 10)) == "ExpressRoutePortBandwidthExceeded"
    circuit_on_port(network, port.id, "c3", 5)
    again = network.express_route_ports.get(RG, "erd1")
    assert again.provisioned_bandwidth_in_gbps == 20 and len(again.circuits) == 3
    assert error_code(lambda: circuit_on_port(network, port.id, "c4", 40)) == "InvalidBandwidthInGbps"


def test_a_circuit_on_a_port_cannot_move_shrink_or_name_a_provider(network):
    from azure.mgmt.network.models import ExpressRouteCircuitServiceProviderProperties

    port = create_port(network)
    other = create_port(network, name="erd2")
    circuit = circuit_on_port(network, port.id, "c1", 5)
    assert error_code(lambda: circuit_on_port(network, other.id, "c1", 5)) == "CircuitExpressRoutePortCannotBeChanged"
    assert error_code(lambda: circuit_on_port(network, port.id, "c1", 2)) == "CircuitBandwidthDecreaseNotAllowed"
    assert circuit_on_port(network, port.id, "c1", 10).bandwidth_in_gbps == 10
    circuit.service_provider_properties = ExpressRouteCircuitServiceProviderProperties(
        service_provider_name="Equinix", peering_location="Amsterdam", bandwidth_in_mbps=200
    )
    assert (
        error_code(lambda: network.express_route_circuits.begin_create_or_update(RG, "c1", circuit).result())
        == "ExpressRoutePortAndServiceProviderBothSet"
    )


def test_encapsulation_is_fixed_while_circuits_use_the_port_and_the_port_outlives_none(network):
    port = create_port(network)
    circuit_on_port(network, port.id, "c1", 5)
    assert (
        error_code(lambda: create_port(network, encapsulation="QinQ")) == "ExpressRoutePortEncapsulationCannotBeChanged"
    )
    assert error_code(lambda: network.express_route_ports.begin_delete(RG, "erd1").result()) == "ExpressRoutePortInUse"
    network.express_route_circuits.begin_delete(RG, "c1").result()  # Provisioned, yet no provider to wait for
    assert value(create_port(network, encapsulation="QinQ").encapsulation) == "QinQ"
    network.express_route_ports.begin_delete(RG, "erd1").result()
    with pytest.raises(ResourceNotFoundError):
        network.express_route_ports.get(RG, "erd1")


def test_a_circuit_in_another_subscription_redeems_a_port_authorization(network, emulator_endpoint):
    from azure.mgmt.network.models import ExpressRoutePortAuthorization

    port = create_port(network)
    other = make_client(emulator_endpoint, subscription_id=emulator_endpoint["second_subscription_id"])
    assert (
        error_code(lambda: circuit_on_port(other, port.id, "lz1", 5, group="rg-landingzone"))
        == "InvalidAuthorizationKey"
    )
    auth = network.express_route_port_authorizations.begin_create_or_update(
        RG, "erd1", "fabrikam", ExpressRoutePortAuthorization()
    ).result()
    assert auth.authorization_key and value(auth.authorization_use_status) == "Available"
    circuit_on_port(other, port.id, "lz1", 5, group="rg-landingzone", key=auth.authorization_key)
    used = network.express_route_port_authorizations.get(RG, "erd1", "fabrikam")
    assert value(used.authorization_use_status) == "InUse" and used.circuit_resource_uri.endswith("/lz1")
    assert (
        error_code(
            lambda: circuit_on_port(other, port.id, "lz2", 5, group="rg-landingzone", key=auth.authorization_key)
        )
        == "AuthorizationAlreadyInUse"
    )
    assert (
        error_code(lambda: network.express_route_port_authorizations.begin_delete(RG, "erd1", "fabrikam").result())
        == "AuthorizationInUse"
    )
    assert [a.name for a in network.express_route_port_authorizations.list(RG, "erd1")] == ["fabrikam"]
    other.express_route_circuits.begin_delete("rg-landingzone", "lz1").result()
    network.express_route_port_authorizations.begin_delete(RG, "erd1", "fabrikam").result()
    assert list(network.express_route_port_authorizations.list(RG, "erd1")) == []


def test_ports_answer_in_the_versions_the_spec_has(arm):
    url = "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/ExpressRoutePorts?api-version={3}"
    assert arm.get(url.format(arm.base, arm.sub, RG, "2018-08-01")).status_code == 200
    refused = arm.get(url.format(arm.base, arm.sub, RG, "2018-07-01"))
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "NoRegisteredProviderFound"
    auth = (
        "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/expressRoutePorts/x/"
        "authorizations?api-version=2021-05-01"
    )
    assert arm.get(auth.format(arm.base, arm.sub, RG)).json()["error"]["code"] == "NoRegisteredProviderFound"


def test_on_a_dot1q_port_a_vlan_is_unique_across_its_circuits(network):
    from er_helpers import private_peering

    port = create_port(network)
    for name in ("c1", "c2"):
        circuit_on_port(network, port.id, name, 2)
    network.express_route_circuit_peerings.begin_create_or_update(
        RG, "c1", "AzurePrivatePeering", private_peering(vlan=100)
    ).result()
    assert (
        error_code(
            lambda: network.express_route_circuit_peerings.begin_create_or_update(
                RG,
                "c2",
                "AzurePrivatePeering",
                private_peering(vlan=100, primary="192.168.101.0/30", secondary="192.168.101.4/30"),
            ).result()
        )
        == "VlanIdInUseOnExpressRoutePort"
    )
    network.express_route_circuit_peerings.begin_create_or_update(
        RG,
        "c2",
        "AzurePrivatePeering",
        private_peering(vlan=101, primary="192.168.101.0/30", secondary="192.168.101.4/30"),
    ).result()
    # QinQ: each circuit has its own S-tag, the same C-tag is fine.
    qinq = create_port(network, name="erd2", encapsulation="QinQ")
    for name in ("q1", "q2"):
        circuit_on_port(network, qinq.id, name, 2)
        network.express_route_circuit_peerings.begin_create_or_update(
            RG, name, "AzurePrivatePeering", private_peering(vlan=100)
        ).result()


def test_private_link_fastpath_is_for_circuits_on_a_port(network):
    """FastPath docs: Private Link FastPath is "not supported for ExpressRoute partner circuits"; a circuit on a
    Direct port may use it (the provider-circuit refusal is in test_connections)."""
    from er_builders import RG_NET, connection_body, create_gateway, private_peering

    gateway = create_gateway(network, sku="ErGw3AZ")
    port = create_port(network)
    circuit = circuit_on_port(network, port.id, "erdc", 5, group=RG)
    private_peering(network, circuit)
    connection = network.virtual_network_gateway_connections.begin_create_or_update(
        RG_NET,
        "conn",
        connection_body(gateway.id, circuit.id, express_route_gateway_bypass=True, enable_private_link_fast_path=True),
    ).result()
    assert connection.enable_private_link_fast_path is True
