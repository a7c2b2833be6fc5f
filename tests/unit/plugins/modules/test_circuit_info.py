"""circuit_info: which read it makes for which options, and what a missing
circuit or group gives - decided without a server."""

from unittest import mock

from azure.core.exceptions import ResourceNotFoundError
from azure.mgmt.network.models import ExpressRouteCircuit

from ansible_collections.hybridnet.expressroute.plugins.modules import circuit_info

from .module_harness import RG, not_found, refusal, run_module
from .test_circuit import circuit_json


def test_by_name_one_get_by_group_one_list():
    client = mock.MagicMock()
    client.express_route_circuits.get.return_value = ExpressRouteCircuit(circuit_json())
    result, _module = run_module(circuit_info, dict(name="er1", resource_group=RG), client=client, wait=False)
    assert [c["name"] for c in result["circuits"]] == ["er1"] and not result["changed"]
    client.express_route_circuits.get.assert_called_once_with(RG, "er1")
    client.express_route_circuits.list.return_value = [ExpressRouteCircuit(circuit_json())]
    result, _module = run_module(circuit_info, dict(resource_group=RG), client=client, wait=False)
    assert result["circuits"][0]["provider"] == "Equinix"
    client.express_route_circuits.list_all.return_value = []
    result, _module = run_module(circuit_info, {}, client=client, wait=False)
    assert result["circuits"] == []


def test_missing_circuit_or_group_is_an_empty_list():
    client = mock.MagicMock()
    client.express_route_circuits.get.side_effect = not_found
    result, _module = run_module(circuit_info, dict(name="er1", resource_group=RG), client=client, wait=False)
    assert result["circuits"] == []
    gone = ResourceNotFoundError("no group")
    gone.error = mock.Mock(code="ResourceGroupNotFound")
    client.express_route_circuits.list.side_effect = gone
    result, module = run_module(circuit_info, dict(resource_group=RG), client=client, wait=False)
    assert result["circuits"] == [] and module.warnings == ["Resource group rg1 does not exist."]


def test_name_needs_its_group():
    client = mock.MagicMock()
    message, _module = refusal(circuit_info, dict(name="er1"), client, wait=False)
    assert message == "name needs resource_group: circuit names are unique per resource group."
    client.express_route_circuits.get.assert_not_called()
