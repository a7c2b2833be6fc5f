"""circuit: create, update, no-op, refusals, check-mode prediction, diff and
delete decided without a server (conftest.run_module)."""

from unittest import mock

import pytest
from ansible_collections.hybridnet.expressroute.plugins.modules import circuit
from azure.mgmt.network.models import ExpressRouteCircuit, ExpressRouteServiceProvider

from .module_harness import RG, SUB, answering, arm_id, only_write, refusal, run_module

PROVIDERS = [
    ExpressRouteServiceProvider(
        {
            "name": "Equinix",
            "properties": {
                "peeringLocations": ["Amsterdam", "London"],
                "bandwidthsOffered": [
                    {"offerName": "{0}Mbps".format(mbps), "valueInMbps": mbps} for mbps in (50, 200, 1000)
                ],
            },
        }
    )
]


def circuit_json(
    provisioning_state="Succeeded",
    provider_state="NotProvisioned",
    bandwidth=200,
    tags=None,
    tier="Standard",
    family="MeteredData",
):
    return {
        "id": arm_id("expressRouteCircuits", "er1"),
        "name": "er1",
        "location": "westeurope",
        "tags": tags or {},
        "etag": 'W/"1"',
        "sku": {"name": "{0}_{1}".format(tier, family), "tier": tier, "family": family},
        "properties": {
            "provisioningState": provisioning_state,
            "serviceKey": "key-1",
            "serviceProviderProvisioningState": provider_state,
            "circuitProvisioningState": "Enabled",
            "allowClassicOperations": False,
            "globalReachEnabled": False,
            "serviceProviderProperties": {
                "serviceProviderName": "Equinix",
                "peeringLocation": "Amsterdam",
                "bandwidthInMbps": bandwidth,
            },
            "peerings": [],
            "authorizations": [],
        },
    }


def client_with(existing=None):
    client = mock.MagicMock()
    answering(client.express_route_circuits.get, ExpressRouteCircuit(existing) if existing is not None else None)
    client.express_route_service_providers.list.return_value = PROVIDERS
    return client


def args(**overrides):
    base = dict(name="er1", resource_group=RG, provider="equinix", peering_location="amsterdam", bandwidth_mbps=200)
    base.update(overrides)
    return base


def test_create_canonicalises_the_offer_and_sends_one_put():
    client = client_with()
    result, module = run_module(circuit, args(tags={"env": "lab"}), client=client)
    assert result["changed"] and module.operations == ["create ExpressRoute circuit er1"]
    group, name, body = only_write(client, "express_route_circuits")
    assert (group, name) == (RG, "er1")
    assert body.service_provider_properties.service_provider_name == "Equinix"
    assert body.service_provider_properties.peering_location == "Amsterdam"
    assert (body.sku.name, body.location, body.tags) == ("Standard_MeteredData", "westeurope", {"env": "lab"})
    assert result["diff"]["before"] == {} and result["diff"]["after"]["bandwidth_mbps"] == 200


def test_check_mode_predicts_the_create_without_writing():
    client = client_with()
    result, module = run_module(circuit, args(), check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    client.express_route_circuits.begin_create_or_update.assert_not_called()
    predicted = result["circuit"]
    assert (predicted["id"], predicted["sku_name"], predicted["provider"]) == (None, "Standard_MeteredData", "Equinix")
    assert predicted["service_provider_provisioning_state"] == "NotProvisioned"


def test_same_settings_in_another_spelling_is_no_op_with_one_get():
    client = client_with(circuit_json())
    result, module = run_module(circuit, args(provider="EQUINIX", peering_location="AMSTERDAM"), client=client)
    assert not result["changed"] and module.operations == []
    assert client.express_route_circuits.get.call_count == 1
    # No bandwidth change: the provider catalog is not even read.
    client.express_route_service_providers.list.assert_not_called()
    assert result["diff"]["before"] == result["diff"]["after"]
    assert result["circuit"]["id"] == arm_id("expressRouteCircuits", "er1")


def test_bandwidth_upgrade_updates_the_fetched_circuit():
    client = client_with(circuit_json())
    result, module = run_module(circuit, args(bandwidth_mbps=1000, tags={"a": "1"}), client=client)
    assert result["changed"] and module.operations == ["update ExpressRoute circuit er1"]
    body = only_write(client, "express_route_circuits")[2]
    assert body.service_provider_properties.bandwidth_in_mbps == 1000
    assert body.service_key == "key-1"  # the fetched model, changed only where managed
    assert (result["diff"]["before"]["bandwidth_mbps"], result["diff"]["after"]["bandwidth_mbps"]) == (200, 1000)
    assert result["diff"]["after"]["tags"] == {"a": "1"}


def test_check_mode_update_predicts_the_new_fields():
    client = client_with(circuit_json())
    result, module = run_module(circuit, args(tier="Premium"), check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    assert (result["circuit"]["tier"], result["circuit"]["sku_name"]) == ("Premium", "Premium_MeteredData")
    assert result["circuit"]["service_key"] == "key-1"


@pytest.mark.parametrize(
    "overrides, text",
    [
        (dict(bandwidth_mbps=50), "bandwidth_mbps cannot decrease (from 200 to 50)"),
        (dict(provider="Megaport"), "provider cannot change"),
        (dict(tier="Local", family="UnlimitedData", bandwidth_mbps=1000), "tier cannot change from Standard to Local"),
    ],
)
def test_changes_azure_cannot_make_in_place_are_refused(overrides, text):
    message, _module = refusal(circuit, args(**overrides), client_with(circuit_json()))
    assert text in message


def test_create_needs_the_offer_and_a_valid_one():
    message, _module = refusal(circuit, dict(name="er1", resource_group=RG), client_with())
    assert message.startswith("Circuit er1 does not exist; to create it set provider, peering_location, bandwidth_mbps")
    message, _module = refusal(circuit, args(bandwidth_mbps=300), client_with())
    assert "Valid bandwidths (Mbps): 50, 200, 1000" in message


def test_failed_circuit_is_written_again_with_its_settings():
    client = client_with(circuit_json(provisioning_state="Failed"))
    result, module = run_module(circuit, args(), client=client)
    assert result["changed"] and module.operations == ["update ExpressRoute circuit er1"]
    assert result["diff"]["before"]["provisioning_state"] == "Failed"
    assert result["diff"]["after"]["provisioning_state"] == "Succeeded"
    assert module.warnings


def test_absent_deletes_and_is_then_a_no_op():
    client = client_with(circuit_json())
    result, module = run_module(circuit, args(state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete ExpressRoute circuit er1"]
    assert result["diff"]["after"] == {} and result["diff"]["before"]["provider"] == "Equinix"
    result, module = run_module(circuit, args(state="absent"), client=client_with())
    assert not result["changed"] and module.operations == []


def test_a_provisioned_circuit_is_not_deleted():
    message, _module = refusal(circuit, args(state="absent"), client_with(circuit_json(provider_state="Provisioned")))
    assert "the provider (Equinix) must deprovision it first (service key key-1" in message


def test_subscription_is_the_modules():
    # The id the prediction of an existing circuit carries is Azure's.
    result, _module = run_module(circuit, args(), client=client_with(circuit_json()))
    assert result["circuit"]["subscription_id"] == SUB


# -- a circuit on an ExpressRoute Direct port ------------------------------------------------------------------
def direct_circuit_json(bandwidth=5):
    body = circuit_json(provider_state="Provisioned")
    del body["properties"]["serviceProviderProperties"]
    body["properties"].update(expressRoutePort={"id": arm_id("expressRoutePorts", "erd1")}, bandwidthInGbps=bandwidth)
    return body


def direct_client(existing=None, provisioned=0.0):
    from azure.mgmt.network.models import ExpressRoutePort

    from ._direct_json import port_json

    client = client_with(existing)
    client.express_route_ports.get.return_value = ExpressRoutePort(port_json(provisioned=provisioned))
    return client


def test_a_circuit_on_a_port_reads_the_port_once_and_sends_one_put():
    client = direct_client(provisioned=10.0)
    result, module = run_module(
        circuit, dict(name="er1", resource_group=RG, express_route_port="erd1", bandwidth_gbps=10), client=client
    )
    body = only_write(client, "express_route_circuits")[2]
    assert body.express_route_port.id == arm_id("expressRoutePorts", "erd1") and body.bandwidth_in_gbps == 10
    assert body.service_provider_properties is None
    assert result["diff"]["after"]["bandwidth_gbps"] == 10 and "provider" not in result["diff"]["after"]
    assert client.express_route_ports.get.call_count == 1 and not client.express_route_service_providers.list.called


def test_a_circuit_on_a_port_no_op_is_one_get_and_deletes_while_provisioned():
    client = direct_client(direct_circuit_json())
    result, module = run_module(
        circuit, dict(name="er1", resource_group=RG, express_route_port="erd1", bandwidth_gbps=5), client=client
    )
    assert not result["changed"] and module.operations == [] and not client.express_route_ports.get.called
    result, module = run_module(circuit, dict(name="er1", resource_group=RG, state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete ExpressRoute circuit er1"]


@pytest.mark.parametrize(
    "params, existing, provisioned, text",
    [
        (dict(express_route_port="erd1", bandwidth_gbps=10), None, 15.0, "5 Gbps left"),
        (dict(express_route_port="erd1", bandwidth_gbps=40), None, 0.0, "valid: 1, 2, 5, 10"),
        (dict(express_route_port="erd1"), None, 0.0, "set bandwidth_gbps"),
        (
            dict(
                express_route_port="/subscriptions/other/resourceGroups/rg/providers/Microsoft.Network/"
                "expressRoutePorts/erd9",
                bandwidth_gbps=5,
            ),
            None,
            0.0,
            "authorization_key",
        ),
        (dict(bandwidth_gbps=2), "direct", 0.0, "cannot decrease"),
        (dict(express_route_port="erd2"), "direct", 0.0, "express_route_port of circuit er1 cannot change"),
        (dict(bandwidth_gbps=5), "provider", 0.0, "cannot move onto an ExpressRoute Direct port"),
    ],
)
def test_direct_refusals_before_any_write(params, existing, provisioned, text):
    existing = {"direct": direct_circuit_json(), "provider": circuit_json()}.get(existing)
    message, _module = refusal(
        circuit, dict(params, name="er1", resource_group=RG), direct_client(existing, provisioned=provisioned)
    )
    assert text in message
