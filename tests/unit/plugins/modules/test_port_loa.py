"""port_loa: the PDF written 0600, kept on a re-run (no request, not even a read), written
again with force, check mode writes nothing; refusals before any request."""

import base64
import os
import stat
from unittest import mock

from azure.mgmt.network.models import ExpressRoutePort, GenerateExpressRoutePortsLOAResult

from ansible_collections.hybridnet.expressroute.plugins.modules import port_loa

from ._direct_json import port_json
from .module_harness import RG, not_found, refusal, run_module

PDF = b"%PDF-1.4 letter"


def client_with(port=True):
    client = mock.MagicMock()
    if port:
        client.express_route_ports.get.return_value = ExpressRoutePort(port_json())
    else:
        client.express_route_ports.get.side_effect = not_found
    client.express_route_ports.generate_loa.return_value = GenerateExpressRoutePortsLOAResult(
        encoded_content=base64.b64encode(PDF).decode()
    )
    return client


def args(tmp_path, **changes):
    result = dict(port="erd1", resource_group=RG, customer_name="Contoso", dest=str(tmp_path / "loa.pdf"))
    result.update(changes)
    return result


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_written_0600_then_kept(tmp_path):
    client = client_with()
    result, _module = run_module(port_loa, args(tmp_path), client=client, wait=False)
    assert result["changed"] and result["size"] == len(PDF)
    assert (tmp_path / "loa.pdf").read_bytes() == PDF and mode(tmp_path / "loa.pdf") == 0o600
    request = client.express_route_ports.generate_loa.call_args.args[2]
    assert request.customer_name == "Contoso"
    client = client_with()
    result, _module = run_module(port_loa, args(tmp_path), client=client, wait=False)
    assert not result["changed"] and not client.express_route_ports.generate_loa.called
    # A kept LOA asks Azure nothing (the port's own task reads the port): its id is built from the name.
    assert not client.express_route_ports.get.called
    assert result["port"].endswith("/resourceGroups/{0}/providers/Microsoft.Network/expressRoutePorts/erd1".format(RG))


def test_a_looser_mode_is_tightened_and_force_writes_again(tmp_path):
    (tmp_path / "loa.pdf").write_bytes(b"old")
    os.chmod(tmp_path / "loa.pdf", 0o644)
    client = client_with()
    result, _module = run_module(port_loa, args(tmp_path), client=client, wait=False)
    assert (
        result["changed"] and mode(tmp_path / "loa.pdf") == 0o600 and not client.express_route_ports.generate_loa.called
    )
    result, _module = run_module(port_loa, args(tmp_path, force=True), client=client, wait=False)
    assert result["changed"] and (tmp_path / "loa.pdf").read_bytes() == PDF


def test_check_mode_writes_nothing(tmp_path):
    client = client_with()
    result, _module = run_module(port_loa, args(tmp_path), check_mode=True, client=client, wait=False)
    assert result["changed"] and not (tmp_path / "loa.pdf").exists()
    assert not client.express_route_ports.generate_loa.called


def test_refusals(tmp_path):
    for params, client, text in [
        (args(tmp_path, customer_name=" "), client_with(), "customer_name"),
        (args(tmp_path, dest=str(tmp_path / "no" / "loa.pdf")), client_with(), "does not exist"),
        (args(tmp_path, dest=str(tmp_path)), client_with(), "is a directory"),
        (args(tmp_path), client_with(port=False), "port erd1 does not exist"),
    ]:
        message, _module = refusal(port_loa, params, client, wait=False)
        assert text in message
        assert not client.express_route_ports.generate_loa.called
