"""circuit_diagnostics_info: which view (customer's circuit or provider's
cross-connection), which tables on which device paths, and what a missing
peering gives - decided without a server."""

from unittest import mock

from azure.mgmt.network.models import ExpressRouteCircuit, ExpressRouteCrossConnection

from ansible_collections.hybridnet.expressroute.plugins.modules import circuit_diagnostics_info as diagnostics

from .module_harness import RG, refusal, run_module
from .test_cross_connection_peering import KEY, xc_json
from .test_cross_connection_peering import private_peering as xc_private_peering
from .test_peering import circuit_json, private_peering


def test_exactly_one_address():
    message, _module = refusal(
        diagnostics, dict(circuit="er1", service_key=KEY, resource_group=RG), mock.MagicMock(), wait=False
    )
    assert message == (
        "Give exactly one of circuit (the customer's view), service_key or cross_connection (the "
        "provider's view); got circuit, service_key."
    )


def test_customer_view_reads_the_tables_asked_for_on_each_path():
    client = mock.MagicMock()
    client.express_route_circuits.get.return_value = ExpressRouteCircuit(circuit_json(private_peering()))
    client.express_route_circuits.get_peering_stats.return_value = {}
    result, module = run_module(
        diagnostics, dict(circuit="er1", resource_group=RG, gather=["arp", "stats"]), client=client, wait=False
    )
    assert module.operations == [
        "list the arp table (primary) of AzurePrivatePeering of circuit er1",
        "list the arp table (secondary) of AzurePrivatePeering of circuit er1",
    ]
    assert [c.args[:4] for c in client.express_route_circuits.begin_list_arp_table.call_args_list] == [
        (RG, "er1", "AzurePrivatePeering", "primary"),
        (RG, "er1", "AzurePrivatePeering", "secondary"),
    ]
    client.express_route_circuits.get_peering_stats.assert_called_once()
    assert set(result["device_paths"]) == {"primary", "secondary"} and not result["changed"]


def test_provider_view_has_no_stats_and_finds_the_cross_connections_group():
    client = mock.MagicMock()
    client.express_route_cross_connections.list.return_value = [
        ExpressRouteCrossConnection(xc_json(xc_private_peering()))
    ]
    result, module = run_module(diagnostics, dict(service_key=KEY, device_path="primary"), client=client, wait=False)
    assert [c.args[:4] for c in client.express_route_cross_connections.begin_list_routes_table.call_args_list] == [
        ("provider-rg", KEY, "AzurePrivatePeering", "primary")
    ]
    assert len(module.operations) == 3  # arp, routes, summary: the provider's view has no stats call
    assert result["peering"]["cross_connection"] == KEY


def test_a_missing_peering_is_a_warning_and_nothing_read():
    client = mock.MagicMock()
    client.express_route_circuits.get.return_value = ExpressRouteCircuit(circuit_json())
    result, module = run_module(diagnostics, dict(circuit="er1", resource_group=RG), client=client, wait=False)
    assert result["peering"] is None and result["device_paths"] == {}
    assert module.warnings == ["Circuit er1 has no AzurePrivatePeering."] and module.operations == []
