"""global_reach_info: the links of a circuit's private peering, its own and
those other circuits made to it (one read) - decided without a server."""

from unittest import mock

from azure.mgmt.network.models import ExpressRouteCircuit

from ansible_collections.hybridnet.expressroute.plugins.modules import global_reach_info

from .module_harness import RG, not_found, run_module
from .test_global_reach import circuit_json, peering_id


def test_own_links_and_links_made_to_it():
    circuit = circuit_json("er1", "Amsterdam", links=[("gr1", "er2", "10.255.0.0/29"), ("gr2", "er3", "10.255.0.8/29")])
    circuit["properties"]["peerings"][0]["properties"]["peeredConnections"] = [
        {
            "name": "from-er4",
            "properties": {
                "expressRouteCircuitPeering": {"id": peering_id("er4")},
                "peerExpressRouteCircuitPeering": {"id": peering_id("er1")},
                "addressPrefix": "10.255.0.16/29",
                "circuitConnectionStatus": "Connected",
            },
        }
    ]
    client = mock.MagicMock()
    client.express_route_circuits.get.return_value = ExpressRouteCircuit(circuit)
    result, _module = run_module(global_reach_info, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert [(c["name"], c["peer_circuit"]) for c in result["connections"]] == [("gr1", "er2"), ("gr2", "er3")]
    assert [c["name"] for c in result["peer_connections"]] == ["from-er4"]
    result, _module = run_module(
        global_reach_info, dict(circuit="er1", resource_group=RG, name="GR2"), client=client, wait=False
    )
    assert [c["address_prefix"] for c in result["connections"]] == ["10.255.0.8/29"]
    assert result["peer_connections"] == [] and not result["changed"]


def test_missing_circuit_or_private_peering_is_empty():
    client = mock.MagicMock()
    client.express_route_circuits.get.side_effect = not_found
    result, _module = run_module(global_reach_info, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert result == dict(changed=False, connections=[], peer_connections=[])
    client = mock.MagicMock()
    client.express_route_circuits.get.return_value = ExpressRouteCircuit(
        circuit_json("er1", "Amsterdam", private=False)
    )
    result, _module = run_module(global_reach_info, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert result["connections"] == [] and result["peer_connections"] == []
