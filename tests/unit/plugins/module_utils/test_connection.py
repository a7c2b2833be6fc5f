"""The connection rules (gateway ready, circuit ready, FastPath, limits,
what cannot change) and the connection's result shape."""

from types import SimpleNamespace as NS

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _connection
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

SUB1 = "11111111-2222-3333-4444-555555555555"
SUB2 = "22222222-3333-4444-5555-666666666666"
CIRCUIT = "/subscriptions/{0}/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er1".format(SUB1)
GATEWAY = "/subscriptions/{0}/resourceGroups/rg-lz/providers/Microsoft.Network/virtualNetworkGateways/gw".format(SUB2)


def refused(fn, *args):
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return str(info.value)


def gateway(sku="ErGw1AZ", state="Succeeded", low=None, high=None, kind="ExpressRoute"):
    return {
        "id": GATEWAY,
        "name": "gw",
        "sku": sku,
        "provisioning_state": state,
        "min_scale_units": low,
        "max_scale_units": high,
        "gateway_type": kind,
    }


def circuit(
    provider_state="Provisioned", peerings=(("AzurePrivatePeering", "Succeeded"),), direct=False, state="Succeeded"
):
    return {
        "id": CIRCUIT,
        "name": "er1",
        "provider": "Equinix",
        "service_key": "7c0c-key",
        "service_provider_provisioning_state": provider_state,
        "provisioning_state": state,
        "express_route_direct": direct,
        "peerings": [{"peering_type": t, "provisioning_state": s} for t, s in peerings],
    }


@pytest.mark.parametrize("weight, ok", [(0, True), (32000, True), (None, True), (-1, False), (32001, False)])
def test_routing_weight(weight, ok):
    if ok:
        _connection.check_routing_weight(weight)
    else:
        assert "is out of range: use 0-32000" in refused(_connection.check_routing_weight, weight)


@pytest.mark.parametrize("sku, low", [("UltraPerformance", None), ("ErGw3AZ", None), ("ErGwScale", 10)])
def test_fastpath_on_the_skus_that_have_it(sku, low):
    _connection.check_fastpath(gateway(sku, low=low, high=low), "cn")


@pytest.mark.parametrize(
    "sku, low, shown",
    [
        ("Standard", None, "Standard"),
        ("HighPerformance", None, "HighPerformance"),
        ("ErGw1AZ", None, "ErGw1AZ"),
        ("ErGw2AZ", None, "ErGw2AZ"),
        ("ErGwScale", 9, "ErGwScale with 9-9 scale units"),
    ],
)
def test_fastpath_refused_elsewhere_names_the_sku_and_those_that_have_it(sku, low, shown):
    text = refused(_connection.check_fastpath, gateway(sku, low=low, high=low), "cn")
    assert "gateway gw is {0}, which does not support FastPath".format(shown) in text
    assert "FastPath needs UltraPerformance, ErGw3AZ, or ErGwScale with min_scale_units of 10 or more" in text


def test_private_link_fastpath():
    assert "needs FastPath" in refused(_connection.check_private_link, False, True)
    _connection.check_private_link(True, True)
    _connection.check_private_link(False, False)
    assert (
        "only on connections to ExpressRoute Direct circuits; circuit er1 is a provider circuit (Equinix)"
        in refused(_connection.check_private_link_circuit, circuit())
    )
    _connection.check_private_link_circuit(circuit(direct=True))


@pytest.mark.parametrize(
    "state, text",
    [
        ("Updating", "gateway gw is still being created or updated (provisioning_state Updating"),
        ("Failed", "Re-run hybridnet.expressroute.gateway to repair it"),
        ("Deleting", "Wait for its operation to finish"),
    ],
)
def test_gateway_must_be_finished(state, text):
    assert text in refused(_connection.check_gateway_ready, gateway(state=state))


def test_gateway_being_created_says_rerunning_works():
    assert "Re-running this task once it has finished works" in refused(
        _connection.check_gateway_ready, gateway(state="Updating")
    )
    assert "is a Vpn gateway" in refused(_connection.check_gateway_ready, gateway(kind="Vpn"))
    _connection.check_gateway_ready(gateway())


@pytest.mark.parametrize(
    "kwargs, text",
    [
        (
            {"provider_state": "NotProvisioned"},
            (
                "its connectivity provider Equinix has not provisioned it "
                "(serviceProviderProvisioningState NotProvisioned). Give them the service "
                "key 7c0c-key"
            ),
        ),
        ({"provider_state": "Provisioning"}, "has not provisioned it"),
        ({"peerings": ()}, "has no AzurePrivatePeering"),
        ({"peerings": (("MicrosoftPeering", "Succeeded"),)}, "has no AzurePrivatePeering"),
        (
            {"peerings": (("AzurePrivatePeering", "Updating"),)},
            ("AzurePrivatePeering of circuit er1 is in provisioning_state Updating"),
        ),
        ({"state": "Updating"}, "circuit er1 is in provisioning_state Updating"),
    ],
)
def test_circuit_must_be_ready(kwargs, text):
    assert text in refused(_connection.check_circuit_ready, circuit(**kwargs))


def test_a_ready_circuit():
    _connection.check_circuit_ready(circuit())


def entry(name, peer):
    return {"id": "/x/connections/" + name, "name": name, "peer_id": peer}


def test_gateway_capacity():
    other = CIRCUIT.replace("er1", "er{0}")
    assert "circuit er1 is already linked to gateway gw by connection cn-a" in refused(
        _connection.check_gateway_capacity, gateway(), [entry("cn-a", CIRCUIT.upper())], CIRCUIT, "er1"
    )
    full = [entry("cn-{0}".format(i), other.format(i + 2)) for i in range(4)]
    assert "gateway gw (ErGw1AZ) supports 4 circuit connections and has 4" in refused(
        _connection.check_gateway_capacity, gateway(), full, CIRCUIT, "er1"
    )
    _connection.check_gateway_capacity(gateway("ErGw2AZ"), full, CIRCUIT, "er1")


def test_what_cannot_change():
    current = {"name": "cn", "gateway_id": GATEWAY, "peer_id": CIRCUIT, "location": "westeurope"}
    _connection.check_unchanged(current, GATEWAY.lower(), CIRCUIT.upper(), False)
    _connection.check_unchanged(current, None, None, False)
    assert "a connection's gateway cannot change" in refused(
        _connection.check_unchanged, current, GATEWAY + "2", None, False
    )
    assert "a connection's circuit cannot change" in refused(
        _connection.check_unchanged, current, None, CIRCUIT + "2", False
    )
    assert "a connection cannot move" in refused(_connection.check_unchanged, current, None, None, True)


def sdk_connection(key=None):
    return NS(
        id="/subscriptions/{0}/resourceGroups/rg-lz/providers/Microsoft.Network/connections/cn".format(SUB2),
        name="cn",
        location="westeurope",
        tags=None,
        connection_type=NS(value="ExpressRoute"),
        virtual_network_gateway1=NS(id=GATEWAY),
        peer=NS(id=CIRCUIT),
        routing_weight=10,
        express_route_gateway_bypass=None,
        enable_private_link_fast_path=False,
        connection_status=NS(value="Connected"),
        provisioning_state="Succeeded",
        etag='W/"2"',
        authorization_key=key,
    )


def test_connection_result_never_has_the_key():
    result = _connection.connection_result(sdk_connection(key="secret-key-value"))
    assert "secret-key-value" not in repr(result)
    assert result["gateway"] == "gw" and result["gateway_resource_group"] == "rg-lz"
    assert result["circuit"] == "er1" and result["circuit_subscription_id"] == SUB1
    assert result["subscription_id"] == SUB2 and result["connection_status"] == "Connected"
    assert result["express_route_gateway_bypass"] is False and result["tags"] == {}
    view = _connection.managed_view(result, key_set=True)
    assert view["authorization_key"] == "<set>" and "secret-key-value" not in repr(view)
    assert set(view) == set(_connection.MANAGED_FIELDS)


def test_circuit_view():
    model = NS(
        id=CIRCUIT,
        name="er1",
        service_provider_properties=NS(service_provider_name="Equinix"),
        service_key="k",
        service_provider_provisioning_state=NS(value="Provisioned"),
        provisioning_state="Succeeded",
        express_route_port=None,
        peerings=[NS(peering_type=NS(value="AzurePrivatePeering"), provisioning_state="Succeeded")],
    )
    view = _connection.circuit_view(model)
    assert view["express_route_direct"] is False and view["provider"] == "Equinix"
    assert view["peering_location"] is None and view["tier"] is None  # unknown: the geopolitical check is Azure's
    model.service_provider_properties.peering_location = "Silicon Valley"
    model.sku = NS(tier=NS(value="Premium"))
    view = _connection.circuit_view(model)
    assert (view["peering_location"], view["tier"]) == ("Silicon Valley", "Premium")
    _connection.check_circuit_ready(view)
