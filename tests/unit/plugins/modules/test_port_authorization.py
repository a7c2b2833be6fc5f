"""port_authorization: create (after checking the port exists), no-op with
one read returning the key, refusal to delete one in use, check mode."""

from unittest import mock

from azure.mgmt.network.models import ExpressRoutePort, ExpressRoutePortAuthorization

from ansible_collections.hybridnet.expressroute.plugins.modules import port_authorization

from ._direct_json import port_authorization_json, port_json
from .module_harness import RG, not_found, only_write, refusal, run_module

ARGS = dict(port="erd1", resource_group=RG, name="fab")


def client_with(authorization=None, port=True):
    client = mock.MagicMock()
    if authorization is None:
        client.express_route_port_authorizations.get.side_effect = not_found
    else:
        client.express_route_port_authorizations.get.return_value = ExpressRoutePortAuthorization(authorization)
    if port:
        client.express_route_ports.get.return_value = ExpressRoutePort(port_json())
    else:
        client.express_route_ports.get.side_effect = not_found
    return client


def test_create_and_check_mode():
    client = client_with()
    result, module = run_module(port_authorization, ARGS, client=client)
    assert result["changed"] and module.operations == ["create authorization fab of port erd1"]
    assert only_write(client, "express_route_port_authorizations")[:3] == (RG, "erd1", "fab")
    client = client_with()
    result, module = run_module(port_authorization, ARGS, check_mode=True, client=client)
    assert result["changed"] and module.operations == [] and result["authorization"]["authorization_key"] is None


def test_existing_is_one_read_with_the_key():
    client = client_with(port_authorization_json())
    result, module = run_module(port_authorization, ARGS, client=client)
    assert not result["changed"] and module.operations == []
    assert result["authorization"]["authorization_key"] == "secret-key"
    assert client.express_route_port_authorizations.get.call_count == 1 and not client.express_route_ports.get.called


def test_refusals():
    message, _module = refusal(port_authorization, ARGS, client_with(port=False))
    assert "port erd1 does not exist" in message
    message, _module = refusal(
        port_authorization,
        dict(ARGS, state="absent"),
        client_with(port_authorization_json(use="InUse", user="/c/er-fab")),
    )
    assert "in use by circuit /c/er-fab" in message and "secret-key" not in message


def test_delete():
    client = client_with(port_authorization_json())
    result, module = run_module(port_authorization, dict(ARGS, state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete authorization fab of port erd1"]
