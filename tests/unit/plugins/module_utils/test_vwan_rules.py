"""The Virtual WAN rules (scale units, hub, gateway and peering readiness,
routing ids) and the link_problems filter the model roles check their
connections with."""

from types import SimpleNamespace as NS

import pytest

from ansible_collections.hybridnet.expressroute.plugins.filter.connectivity_problems import connectivity_problems
from ansible_collections.hybridnet.expressroute.plugins.module_utils import _vwan
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

N = "/subscriptions/s/resourceGroups/rg-network/providers/Microsoft.Network"
HUB = N + "/virtualHubs/vhub-weu"
CONN = N + "/expressRouteGateways/gw/expressRouteConnections/erc"


def refused(fn, *args):
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return str(info.value)


@pytest.mark.parametrize(
    "low, high, existing, text",
    [
        (0, None, None, "min_scale_units 0 is out of range: a Virtual WAN ExpressRoute gateway has 1-10"),
        (11, None, None, "min_scale_units 11 is out of range"),
        (2, 11, None, "max_scale_units 11 is out of range"),
        (4, 2, None, "max_scale_units 2 is less than min_scale_units 4"),
        (None, None, None, "min_scale_units is required"),
        (None, 1, (3, None), "max_scale_units 1 is less than min_scale_units 3"),
    ],
)
def test_scale_units_refused(low, high, existing, text):
    assert text in refused(_vwan.check_scale_units, low, high, existing)


def test_scale_units_kept_from_the_gateway():
    assert _vwan.check_scale_units(None, None, (2, 4)) == (2, 4)
    assert _vwan.check_scale_units(3, None) == (3, None)


def hub(state="Succeeded", gateway=None):
    return {
        "id": HUB,
        "name": "vhub-weu",
        "location": "westeurope",
        "express_route_gateway_id": gateway,
        "provisioning_state": state,
    }


def test_hub_rules():
    assert "a hub has one ExpressRoute gateway" in refused(
        _vwan.check_hub, hub(gateway=N + "/expressRouteGateways/x"), "Standard", N + "/expressRouteGateways/y", None
    )
    assert "Basic virtual WAN" in refused(_vwan.check_hub, hub(), "Basic", None, None)
    assert "provisioning_state Updating" in refused(_vwan.check_hub, hub("Updating"), "Standard", None, None)
    assert "hub vhub-weu is in westeurope" in refused(_vwan.check_hub, hub(), "Standard", None, "northeurope")
    _vwan.check_hub(hub(gateway=N + "/expressRouteGateways/y"), "Standard", N + "/expressRouteGateways/Y", None)


def circuit(provider_state="Provisioned", state="Succeeded"):
    return {
        "name": "er1",
        "provider": "Equinix",
        "service_key": "k",
        "service_provider_provisioning_state": provider_state,
        "provisioning_state": state,
    }


def test_peering_rules():
    peering = {"provisioning_state": "Succeeded", "express_route_connection_id": None}
    assert "has not provisioned it" in refused(_vwan.check_peering_ready, circuit("NotProvisioned"), peering, CONN)
    assert "has no AzurePrivatePeering" in refused(_vwan.check_peering_ready, circuit(), None, CONN)
    used = dict(peering, express_route_connection_id=N + "/expressRouteGateways/gw/expressRouteConnections/other")
    assert "a peering takes one Virtual WAN ExpressRoute connection" in refused(
        _vwan.check_peering_ready, circuit(), used, CONN
    )
    _vwan.check_peering_ready(circuit(), dict(peering, express_route_connection_id=CONN.upper()), CONN)


def test_routing_names_and_ids():
    asked = _vwan.routing_from_options(
        {
            "associated_route_table": "rt1",
            "propagated_route_tables": ["defaultRouteTable", HUB + "/hubRouteTables/rt2"],
            "inbound_route_map": "m1",
        },
        HUB,
    )
    assert asked == {
        "associated_route_table_id": HUB + "/hubRouteTables/rt1",
        "propagated_route_table_ids": [HUB + "/hubRouteTables/defaultRouteTable", HUB + "/hubRouteTables/rt2"],
        "inbound_route_map_id": HUB + "/routeMaps/m1",
    }
    assert "is not the name or the id of a virtual hub's hubRouteTables" in refused(
        _vwan.routing_from_options, {"associated_route_table": HUB + "/routeMaps/m1"}, HUB
    )
    assert _vwan.default_routing(HUB)["propagated_route_table_labels"] == ["default"]


def test_connection_result_never_has_the_key():
    model = NS(
        id=CONN,
        name="erc",
        authorization_key="secret",
        routing_weight=None,
        express_route_circuit_peering=NS(id=N + "/expressRouteCircuits/er1/peerings/AzurePrivatePeering"),
        routing_configuration=None,
        provisioning_state="Succeeded",
    )
    result = _vwan.connection_result(model, N + "/expressRouteGateways/gw")
    assert "secret" not in str(result) and result["circuit"] == "er1" and result["routing_weight"] == 0


def link_problems(links):
    """What the model roles' preflight says about their connections."""
    connectivity = {
        "model": "cloud_exchange",
        "circuit_name": "er1",
        "private_peering": {},
        "microsoft_peering": {},
        "connections": links,
        "router": {"dialects": []},
    }
    return connectivity_problems(connectivity, "customer", "ce", stage="inputs")


@pytest.mark.parametrize(
    "links, text",
    [
        ([{"name": "a", "gateway": "g", "kind": "hub"}], "kind 'hub' is not one of vnet"),
        ([{"name": "a", "gateway": "g", "kind": "vwan", "create_gateway": True, "min_scale_units": 2}], "virtual_hub"),
        (
            [
                {
                    "name": "a",
                    "gateway": "g",
                    "kind": "vwan",
                    "create_gateway": True,
                    "virtual_hub": "h",
                    "min_scale_units": 12,
                }
            ],
            "min_scale_units 12 is out of range",
        ),
        (
            [{"name": "a", "gateway": "g", "kind": "vwan", "create_gateway": True, "virtual_hub": "h"}],
            "min_scale_units is required",
        ),
        (
            [{"name": "a", "gateway": "g", "kind": "vwan", "virtual_network": "v"}],
            "virtual_network is only for kind vnet",
        ),
        ([{"name": "a", "gateway": "g", "virtual_hub": "h"}], "virtual_hub is only for kind vwan"),
        (
            [{"name": "a", "gateway": "g", "kind": "vwan", "private_link_fastpath": True}],
            "enable_private_link_fast_path needs FastPath",
        ),
        (
            [{"name": "a", "gateway": "g", "kind": "vwan", "routing_weight": 40000}],
            "routing_weight 40000 is out of range",
        ),
        ([{"name": "a", "kind": "vwan"}], "gateway"),
        ([{"name": "a", "gateway": "g", "kind": "vwan", "routing": "rt1"}], "routing must be a mapping"),
    ],
)
def test_link_problems(links, text):
    problems = link_problems(links)
    assert any(text in p for p in problems), problems
    assert all(p.startswith("cloud_exchange_connections[0]") for p in problems), problems


def test_link_problems_none_for_both_kinds():
    assert (
        link_problems(
            [
                {"name": "cn-hub", "gateway": "gw-hub", "create_gateway": True, "virtual_network": "vnet"},
                {
                    "name": "erc-hub",
                    "kind": "vwan",
                    "gateway": "ergw",
                    "create_gateway": True,
                    "virtual_hub": "vhub-weu",
                    "min_scale_units": 1,
                    "max_scale_units": "2",
                    "internet_security": True,
                    "routing": {},
                },
            ]
        )
        == []
    )
