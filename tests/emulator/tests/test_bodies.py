"""Bodies and headers as ARM takes and gives them, judged by clients nobody
here wrote: the REST spec's examples (Azure/azure-rest-api-specs,
specification/network/resource-manager/Microsoft.Network/stable/2024-07-01/
examples/, read at commits named per test) and the Azure CLI's recordings of
live ARM (Azure/azure-cli, src/azure-cli/azure/cli/command_modules/network/
tests/latest/recordings/).  Raw HTTPS where the wire matters, the SDK under
test where a client must still get its result."""

import pytest

from conftest import make_client
from er_builders import create_gateway
from er_helpers import API, PRIVATE, RG, create_peering, private_peering, provisioned_circuit, value

NET = "/providers/Microsoft.Network"


def url(arm, path, subscription=None, group=RG):
    return "{0}/subscriptions/{1}/resourceGroups/{2}{3}/{4}?{5}".format(
        arm.base, subscription or arm.sub, group, NET, path, API
    )


def operation_region(header):
    """The region named by an operation URL: …/locations/{region}/operation…"""
    return header.split("/locations/", 1)[1].split("/", 1)[0]


# ExpressRouteCircuitPeeringCreate.json (commit 25db8a95): the request body,
# no peeringType; the 201 answers peeringType AzurePrivatePeering.
SPEC_PEERING_BODY = {
    "properties": {
        "peerASN": 200,
        "primaryPeerAddressPrefix": "192.168.16.252/30",
        "secondaryPeerAddressPrefix": "192.168.18.252/30",
        "vlanId": 200,
    }
}


def test_peering_put_without_peering_type_takes_it_from_the_name(network, arm, emulator_controls):
    provisioned_circuit(network, emulator_controls)
    created = arm.put(url(arm, "expressRouteCircuits/er1/peerings/AzurePrivatePeering"), json=SPEC_PEERING_BODY)
    assert created.status_code == 201, created.text
    assert created.json()["properties"]["peeringType"] == "AzurePrivatePeering"
    # Case-insensitive like every name; a name that is no peering type still needs the member.
    other = arm.put(url(arm, "expressRouteCircuits/er1/peerings/SomethingElse"), json=SPEC_PEERING_BODY)
    assert other.status_code == 400 and other.json()["error"]["code"] == "InvalidPeeringType"
    assert value(network.express_route_circuit_peerings.get(RG, "er1", PRIVATE).peering_type) == PRIVATE


def test_private_peering_carries_express_route_connection(network, arm, emulator_controls):
    provisioned_circuit(network, emulator_controls)
    created = arm.put(url(arm, "expressRouteCircuits/er1/peerings/AzurePrivatePeering"), json=SPEC_PEERING_BODY)
    # The spec's example shows the key (the vWAN connection using the
    # peering); the emulator has no vWAN gateways, so it is null.
    assert "expressRouteConnection" in created.json()["properties"]
    fetched = arm.get(url(arm, "expressRouteCircuits/er1/peerings/AzurePrivatePeering")).json()
    assert fetched["properties"]["expressRouteConnection"] is None
    inline = arm.get(url(arm, "expressRouteCircuits/er1")).json()["properties"]["peerings"][0]
    assert "expressRouteConnection" in inline["properties"]
    # Both SDK generations read it.
    assert network.express_route_circuit_peerings.get(RG, "er1", PRIVATE).express_route_connection is None


def test_cross_connection_peering_put_without_peering_type(network, arm, emulator_endpoint, emulator_controls):
    # ExpressRouteCrossConnectionBgpPeeringCreate.json (commit 3cab51ba): no peeringType either.
    circuit = provisioned_circuit(network, emulator_controls)
    body = {
        "properties": {
            "peerASN": 200,
            "primaryPeerAddressPrefix": "192.168.16.252/30",
            "secondaryPeerAddressPrefix": "192.168.18.252/30",
            "vlanId": 200,
            "ipv6PeeringConfig": {
                "primaryPeerAddressPrefix": "3FFE:FFFF:0:CD30::/126",
                "secondaryPeerAddressPrefix": "3FFE:FFFF:0:CD30::4/126",
            },
        }
    }
    provider_sub = emulator_endpoint["provider_subscription_id"]
    created = arm.put(
        url(
            arm,
            "expressRouteCrossConnections/{0}/peerings/AzurePrivatePeering".format(circuit.service_key),
            subscription=provider_sub,
            group="CrossConnection-Amsterdam",
        ),
        json=body,
    )
    assert created.status_code == 201, created.text
    assert created.json()["properties"]["peeringType"] == "AzurePrivatePeering"
    assert value(network.express_route_circuit_peerings.get(RG, "er1", PRIVATE).peering_type) == PRIVATE


def test_route_filter_rule_without_type_is_a_community_rule(arm):
    # What azure-cli 2.91 sends, and what live ARM answered in
    # test_network_route_filter.yaml (commit bbe59c9d, 2022-05-12): 201 with
    # routeFilterRuleType "Community".
    assert arm.put(url(arm, "routeFilters/filter1"), json={"location": "westus"}).status_code == 201
    created = arm.put(
        url(arm, "routeFilters/filter1/routeFilterRules/rule1"),
        json={"location": "westus", "properties": {"access": "Allow", "communities": ["12076:5040", "12076:5030"]}},
    )
    assert created.status_code == 201, created.text
    assert created.json()["properties"]["routeFilterRuleType"] == "Community"
    inline = arm.get(url(arm, "routeFilters/filter1")).json()["properties"]["rules"][0]
    assert inline["properties"]["routeFilterRuleType"] == "Community"
    # Another type is still refused.
    refused = arm.put(
        url(arm, "routeFilters/filter1/routeFilterRules/rule1"),
        json={"properties": {"access": "Allow", "routeFilterRuleType": "Prefix", "communities": ["12076:5040"]}},
    )
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "InvalidRouteFilterRuleType"


def test_global_reach_connection_returns_its_authorization_key(network, emulator_endpoint, emulator_controls):
    # ExpressRouteCircuitConnectionCreate.json (commit 743fd7fa): the 201 and
    # 200 bodies carry the authorizationKey the request gave.
    from azure.mgmt.network.models import ExpressRouteCircuitAuthorization, ExpressRouteCircuitConnection

    other = make_client(emulator_endpoint, subscription_id=emulator_endpoint["second_subscription_id"])
    provisioned_circuit(network, emulator_controls, "er1")
    provisioned_circuit(other, emulator_controls, "er2", location="London", group="rg-landingzone")
    one = create_peering(network, private_peering())
    two = create_peering(
        other,
        private_peering(primary="192.168.200.0/30", secondary="192.168.200.4/30"),
        circuit="er2",
        group="rg-landingzone",
    )
    key = (
        other.express_route_circuit_authorizations.begin_create_or_update(
            "rg-landingzone", "er2", "for-er1", ExpressRouteCircuitAuthorization()
        )
        .result()
        .authorization_key
    )
    made = network.express_route_circuit_connections.begin_create_or_update(
        RG,
        "er1",
        PRIVATE,
        "gr1",
        ExpressRouteCircuitConnection(
            express_route_circuit_peering={"id": one.id},
            peer_express_route_circuit_peering={"id": two.id},
            address_prefix="10.100.0.0/29",
            authorization_key=key,
        ),
    ).result()
    assert made.authorization_key == key
    assert network.express_route_circuit_connections.get(RG, "er1", PRIVATE, "gr1").authorization_key == key


def test_gateway_ip_configurations_carry_an_etag(network, arm):
    # VirtualNetworkGatewayGet.json (commit 19fa39f3): ipConfigurations[].etag.
    create_gateway(network)
    body = arm.get(url(arm, "virtualNetworkGateways/ergw", group="rg-network")).json()
    (config,) = body["properties"]["ipConfigurations"]
    assert config["etag"] == body["etag"] and config["etag"].startswith('W/"')


def test_child_operations_live_in_the_parent_region(network, arm, emulator_controls):
    provisioned_circuit(network, emulator_controls, region="brazilsouth")
    put = arm.put(url(arm, "expressRouteCircuits/er1/peerings/AzurePrivatePeering"), json=SPEC_PEERING_BODY)
    assert operation_region(put.headers["Azure-AsyncOperation"]) == "brazilsouth"
    assert arm.get(put.headers["Azure-AsyncOperation"]).status_code == 200
    network.express_route_circuit_peerings.get(RG, "er1", PRIVATE)
    deleted = arm.delete(url(arm, "expressRouteCircuits/er1/peerings/AzurePrivatePeering"))
    assert deleted.status_code == 202
    assert operation_region(deleted.headers["Azure-AsyncOperation"]) == "brazilsouth"
    assert operation_region(deleted.headers["Location"]) == "brazilsouth"
    # A rule on a westus route filter.
    arm.put(url(arm, "routeFilters/filter1"), json={"location": "westus"})
    rule = arm.put(
        url(arm, "routeFilters/filter1/routeFilterRules/rule1"),
        json={"properties": {"access": "Allow", "routeFilterRuleType": "Community", "communities": ["12076:5010"]}},
    )
    assert operation_region(rule.headers["Azure-AsyncOperation"]) == "westus"
    # An authorization on the brazilsouth circuit (an SDK client still completes it).
    from azure.mgmt.network.models import ExpressRouteCircuitAuthorization

    auth = arm.put(url(arm, "expressRouteCircuits/er1/authorizations/a1"), json={"properties": {}})
    assert operation_region(auth.headers["Azure-AsyncOperation"]) == "brazilsouth"
    assert (
        network.express_route_circuit_authorizations.begin_create_or_update(
            RG, "er1", "a2", ExpressRouteCircuitAuthorization()
        )
        .result()
        .authorization_key
    )


def test_gateway_post_actions_answer_with_azure_async_operation(network, arm):
    # VirtualNetworkGatewayGetBGPPeerStatus.json (commit 3cab51ba): 202 with
    # Azure-AsyncOperation; final-state-via location, so Location is there too.
    create_gateway(network)
    for action in ("getBgpPeerStatus", "getLearnedRoutes", "getAdvertisedRoutes"):
        query = "&peer=10.10.255.4" if action == "getAdvertisedRoutes" else ""
        answer = arm.post(url(arm, "virtualNetworkGateways/ergw/" + action, group="rg-network") + query)
        assert answer.status_code == 202, (action, answer.text)
        assert "/operations/" in answer.headers["Azure-AsyncOperation"], action
        assert "/operationResults/" in answer.headers["Location"], action
        assert operation_region(answer.headers["Azure-AsyncOperation"]) == "westeurope"
        assert arm.get(answer.headers["Azure-AsyncOperation"]).json()["status"] in ("InProgress", "Succeeded")
    # Both SDK generations still get the result (the Location's body).
    result = network.virtual_network_gateways.begin_get_bgp_peer_status("rg-network", "ergw").result()
    assert result.value == []
    learned = network.virtual_network_gateways.begin_get_learned_routes("rg-network", "ergw").result().value
    assert "10.10.0.0/16" in [route.network for route in learned]


def test_cross_connection_arp_table_answers_with_azure_async_operation(
    network, arm, emulator_endpoint, emulator_controls
):
    # ExpressRouteCrossConnectionsArpTable.json (commit a7c98263): 202 with
    # Azure-AsyncOperation.  The circuit's own ARP table keeps answering with
    # Location only, as live ARM did (test_network_express_route.yaml).
    circuit = provisioned_circuit(network, emulator_controls)
    create_peering(network, private_peering())
    provider_sub = emulator_endpoint["provider_subscription_id"]
    answer = arm.post(
        url(
            arm,
            "expressRouteCrossConnections/{0}/peerings/AzurePrivatePeering/arpTables/primary".format(
                circuit.service_key
            ),
            subscription=provider_sub,
            group="CrossConnection-Amsterdam",
        )
    )
    assert answer.status_code == 202
    assert "/operations/" in answer.headers["Azure-AsyncOperation"] and "Location" in answer.headers
    own = arm.post(url(arm, "expressRouteCircuits/er1/peerings/AzurePrivatePeering/arpTables/primary"))
    assert own.status_code == 202 and "Azure-AsyncOperation" not in own.headers and "Location" in own.headers
    provider = make_client(emulator_endpoint, subscription_id=provider_sub)
    rows = (
        provider.express_route_cross_connections.begin_list_arp_table(
            "CrossConnection-Amsterdam", circuit.service_key, PRIVATE, "primary"
        )
        .result()
        .value
    )
    assert isinstance(rows, list)


@pytest.mark.parametrize("name", ["AzurePrivatePeering", "azureprivatepeering"])
def test_peering_type_from_name_is_canonical(network, arm, emulator_controls, name):
    provisioned_circuit(network, emulator_controls)
    created = arm.put(url(arm, "expressRouteCircuits/er1/peerings/" + name), json=SPEC_PEERING_BODY)
    assert created.status_code == 201 and created.json()["properties"]["peeringType"] == "AzurePrivatePeering"
