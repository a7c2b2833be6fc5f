"""service_provider_info: the provider catalog filtered by name, location and
bandwidth (one list) - decided without a server."""

from unittest import mock

import pytest

from ansible_collections.hybridnet.expressroute.plugins.modules import service_provider_info

from .module_harness import refusal, run_module
from .test_circuit import PROVIDERS


def client():
    fake = mock.MagicMock()
    fake.express_route_service_providers.list.return_value = PROVIDERS
    return fake


@pytest.mark.parametrize(
    "params, names",
    [
        ({}, ["Equinix"]),
        (dict(provider="equinix"), ["Equinix"]),
        (dict(peering_location="LONDON", bandwidth_mbps=1000), ["Equinix"]),
        (dict(peering_location="Dublin"), []),
        (dict(bandwidth_mbps=300), []),
    ],
)
def test_filters(params, names):
    result, _module = run_module(service_provider_info, params, client=client(), wait=False)
    assert [p["name"] for p in result["providers"]] == names and not result["changed"]


def test_a_bandwidth_below_one_is_refused():
    message, _module = refusal(service_provider_info, dict(bandwidth_mbps=0), client(), wait=False)
    assert message.startswith("bandwidth_mbps 0 is not a bandwidth")
