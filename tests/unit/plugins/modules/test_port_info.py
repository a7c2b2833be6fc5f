"""port_info: one port, a group's, the subscription's; authorizations only
when asked (never their keys); a missing port is an empty list."""

from unittest import mock

from azure.core.exceptions import ResourceNotFoundError
from azure.mgmt.network.models import ExpressRoutePort, ExpressRoutePortAuthorization

from ansible_collections.hybridnet.expressroute.plugins.modules import port_info

from ._direct_json import port_authorization_json, port_json
from .module_harness import RG, not_found, refusal, run_module


def test_one_port_with_its_links():
    client = mock.MagicMock()
    client.express_route_ports.get.return_value = ExpressRoutePort(port_json())
    result, _module = run_module(port_info, dict(name="erd1", resource_group=RG), client=client, wait=False)
    (found,) = result["ports"]
    assert found["links"][0]["patch_panel_id"] == "PP:link1" and "authorizations" not in found
    assert not client.express_route_port_authorizations.list.called


def test_group_subscription_and_authorizations_without_keys():
    client = mock.MagicMock()
    client.express_route_ports.list_by_resource_group.return_value = [ExpressRoutePort(port_json())]
    client.express_route_port_authorizations.list.return_value = [
        ExpressRoutePortAuthorization(port_authorization_json(use="InUse", user="/c1"))
    ]
    result, _module = run_module(
        port_info, dict(resource_group=RG, include_authorizations=True), client=client, wait=False
    )
    (authorization,) = result["ports"][0]["authorizations"]
    assert authorization["use_status"] == "InUse" and authorization["used_by"] == "/c1"
    assert "authorization_key" not in authorization
    client.express_route_ports.list.return_value = []
    result, _module = run_module(port_info, dict(), client=client, wait=False)
    assert result["ports"] == []


def test_a_missing_port_is_an_empty_list():
    client = mock.MagicMock()
    client.express_route_ports.get.side_effect = not_found
    result, _module = run_module(port_info, dict(name="erd1", resource_group=RG), client=client, wait=False)
    assert result == {"changed": False, "ports": []}


def test_a_missing_group_is_an_empty_list_and_a_warning():
    client = mock.MagicMock()
    gone = ResourceNotFoundError("no group")
    gone.error = mock.Mock(code="ResourceGroupNotFound")
    client.express_route_ports.list_by_resource_group.side_effect = gone
    result, module = run_module(port_info, dict(resource_group=RG), client=client, wait=False)
    assert result["ports"] == [] and module.warnings == ["Resource group rg1 does not exist."]


def test_name_needs_its_group():
    client = mock.MagicMock()
    message, _module = refusal(port_info, dict(name="erd1"), client, wait=False)
    assert message == "name needs resource_group: port names are unique per resource group."
    client.express_route_ports.get.assert_not_called()
