"""port: create (one read of the location), no-op, link and MACsec changes,
refusals before any write, check mode and diff, delete, re-apply of a Failed
port — decided without a server."""

from unittest import mock

from azure.mgmt.network.models import ExpressRoutePort, ExpressRoutePortsLocation

from ansible_collections.hybridnet.expressroute.plugins.modules import port

from ._direct_json import CAK, CKN, IDENTITY, location_json, port_json
from .module_harness import RG, not_found, only_write, refusal, run_module

CREATE = dict(
    name="erd1", resource_group=RG, peering_location="equinix-amsterdam-am5", bandwidth_gbps=10, encapsulation="Dot1Q"
)
MACSEC_LINK1 = dict(
    name="link1",
    admin_state="Enabled",
    macsec=dict(cipher="GcmAes128", ckn_secret_identifier=CKN, cak_secret_identifier=CAK),
)


def client_with(body=None, location=True):
    client = mock.MagicMock()
    if body is None:
        client.express_route_ports.get.side_effect = not_found
    else:
        client.express_route_ports.get.return_value = ExpressRoutePort(body)
    if location:
        client.express_route_ports_locations.get.return_value = ExpressRoutePortsLocation(location_json())
    else:
        client.express_route_ports_locations.get.side_effect = not_found
        client.express_route_ports_locations.list.return_value = [
            ExpressRoutePortsLocation(location_json()),
            ExpressRoutePortsLocation(location_json("Equinix-London-LD5")),
        ]
    return client


def test_create_reads_the_location_and_sends_one_put():
    client = client_with()
    result, module = run_module(port, CREATE, client=client)
    assert result["changed"] and module.operations == ["create ExpressRoute port erd1"]
    body = only_write(client, "express_route_ports")[2]
    assert (body.peering_location, body.bandwidth_in_gbps, body.encapsulation) == ("Equinix-Amsterdam-AM5", 10, "Dot1Q")
    assert body.location == "westeurope" and body.links is None and body.identity is None
    assert result["diff"]["before"] == {} and result["diff"]["after"]["billing_type"] == "MeteredData"
    client.express_route_ports_locations.get.assert_called_once_with("equinix-amsterdam-am5")


def test_check_mode_predicts_the_create_and_writes_nothing():
    client = client_with()
    result, module = run_module(port, CREATE, check_mode=True, client=client)
    assert result["changed"] and module.operations == []
    assert result["port"]["peering_location"] == "Equinix-Amsterdam-AM5"
    assert [l["admin_state"] for l in result["port"]["links"]] == ["Disabled", "Disabled"]


def test_an_unchanged_port_is_one_get():
    client = client_with(port_json())
    result, module = run_module(port, CREATE, client=client)
    assert not result["changed"] and module.operations == []
    assert client.express_route_ports.get.call_count == 1
    assert client.express_route_ports_locations.get.call_count == 0


def test_only_the_named_link_changes_and_keeps_its_read_only_fields():
    client = client_with(port_json())
    params = dict(name="erd1", resource_group=RG, identity=IDENTITY, links=[MACSEC_LINK1])
    result, module = run_module(port, params, client=client)
    body = only_write(client, "express_route_ports")[2]
    assert body.links[0].admin_state == "Enabled" and body.links[0].patch_panel_id == "PP:link1"
    assert body.links[0].mac_sec_config.ckn_secret_identifier == CKN
    assert body.links[0].mac_sec_config.cipher == "GcmAes128"
    assert body.links[1].admin_state == "Disabled" and body.links[1].mac_sec_config.ckn_secret_identifier is None
    assert IDENTITY in body.identity.user_assigned_identities
    assert result["diff"]["before"]["links"]["link2"] == result["diff"]["after"]["links"]["link2"]


def test_refusals_come_before_any_write():
    cases = [
        (dict(CREATE, encapsulation=None), None, "set encapsulation"),
        (dict(CREATE, links=[MACSEC_LINK1]), None, "no identity"),
        (dict(CREATE, peering_location="Atlantis"), None, "Valid locations: Equinix-Amsterdam-AM5"),
        (dict(CREATE, bandwidth_gbps=100), port_json(), "bandwidth_gbps cannot change"),
        (dict(CREATE, encapsulation="QinQ"), port_json(circuits=["/c1"]), "while circuits are on it"),
        (dict(name="erd1", resource_group=RG, state="absent"), port_json(circuits=["/c1"]), "/c1"),
        (dict(name="erd1", resource_group=RG, identity="/subscriptions/x"), port_json(), "user-assigned"),
    ]
    for params, body, text in cases:
        client = client_with(body, location=params.get("peering_location") != "Atlantis")
        message, _module = refusal(port, params, client)
        assert text in message, (params, message)
        assert not client.express_route_ports.begin_create_or_update.called
        assert not client.express_route_ports.begin_delete.called


def test_delete_and_delete_again():
    client = client_with(port_json())
    result, module = run_module(port, dict(name="erd1", resource_group=RG, state="absent"), client=client)
    assert result["changed"] and module.operations == ["delete ExpressRoute port erd1"]
    assert result["diff"]["after"] == {} and result["diff"]["before"]["bandwidth_gbps"] == 10
    client = client_with()
    result, module = run_module(port, dict(name="erd1", resource_group=RG, state="absent"), client=client)
    assert not result["changed"] and module.operations == []


def test_a_failed_port_is_written_again():
    client = client_with(port_json(state="Failed"))
    result, module = run_module(port, CREATE, client=client)
    assert result["changed"] and module.operations == ["update ExpressRoute port erd1"]
    assert result["diff"]["before"]["provisioning_state"] == "Failed"
