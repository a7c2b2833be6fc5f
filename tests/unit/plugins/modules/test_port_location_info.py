"""port_location_info: the list (no bandwidths, as Azure lists it), one
location with its bandwidths, every location read on its own when asked."""

from unittest import mock

from azure.mgmt.network.models import ExpressRoutePortsLocation

from ansible_collections.hybridnet.expressroute.plugins.modules import port_location_info

from ._direct_json import location_json
from .module_harness import not_found, run_module


def client_with():
    client = mock.MagicMock()
    client.express_route_ports_locations.list.return_value = [ExpressRoutePortsLocation(location_json(bandwidths=()))]
    client.express_route_ports_locations.get.return_value = ExpressRoutePortsLocation(location_json())
    return client


def test_list_then_bandwidths_when_asked():
    client = client_with()
    result, _module = run_module(port_location_info, dict(), client=client, wait=False)
    assert result["locations"][0]["available_bandwidths_gbps"] == []
    assert not client.express_route_ports_locations.get.called
    result, _module = run_module(port_location_info, dict(include_bandwidths=True), client=client, wait=False)
    assert result["locations"][0]["available_bandwidths_gbps"] == [10, 100]


def test_one_location_or_none():
    client = client_with()
    result, _module = run_module(port_location_info, dict(name="Equinix-Amsterdam-AM5"), client=client, wait=False)
    assert result["locations"][0]["address"] == "Luttenbergweg 4"
    client.express_route_ports_locations.get.side_effect = not_found
    result, _module = run_module(port_location_info, dict(name="Atlantis"), client=client, wait=False)
    assert result["locations"] == []
