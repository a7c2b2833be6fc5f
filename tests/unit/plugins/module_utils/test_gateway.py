"""The gateway rules (SKU changes, scale units, GatewaySubnet, connection
limits, FastPath) and the gateway's result shape."""

from types import SimpleNamespace as NS

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _gateway
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

SUB = "11111111-2222-3333-4444-555555555555"
NET = "/subscriptions/{0}/resourceGroups/rg-network/providers/Microsoft.Network".format(SUB)


def refused(fn, *args):
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return str(info.value)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Standard", "HighPerformance"),
        ("Standard", "UltraPerformance"),
        ("HighPerformance", "UltraPerformance"),
        ("ErGw1AZ", "ErGw2AZ"),
        ("ErGw1AZ", "ErGw3AZ"),
        ("ErGw2AZ", "ErGw3AZ"),
        ("ErGw1AZ", "ErGwScale"),
        ("ErGw3AZ", "ErGwScale"),
        ("ErGwScale", "ErGwScale"),
        ("Standard", "Standard"),
    ],
)
def test_in_place_sku_changes(old, new):
    assert _gateway.sku_change_refusal("gw", old, new) is None


@pytest.mark.parametrize(
    "old, new, text",
    [
        (
            "ErGw3AZ",
            "ErGw1AZ",
            (
                "to the smaller ErGw1AZ in place: Azure resizes a gateway only upwards within its family "
                "(ErGw1AZ -> ErGw2AZ -> ErGw3AZ)"
            ),
        ),
        ("UltraPerformance", "Standard", "to the smaller Standard in place"),
        ("Standard", "ErGw1AZ", "is a migration, done with Azure's gateway migration tool"),
        ("HighPerformance", "ErGwScale", "is a migration"),
        ("ErGw1AZ", "Standard", "zone-redundant gateways do not go back to non-zone-redundant SKUs"),
        ("ErGwScale", "ErGw3AZ", "nothing leaves the scalable gateway in place"),
        ("ErGwScale", "UltraPerformance", "nothing leaves the scalable gateway in place"),
    ],
)
def test_sku_changes_azure_cannot_do_in_place(old, new, text):
    message = _gateway.sku_change_refusal("gw", old, new)
    assert message.startswith("Gateway gw cannot change from {0} to ".format(old)) and text in message


def test_every_sku_pair_has_an_answer():
    for old in _gateway.SKUS:
        for new in _gateway.SKUS:
            answer = _gateway.sku_change_refusal("gw", old, new)
            assert answer is None or "in place" in answer


@pytest.mark.parametrize(
    "sku, low, high, existing, expected",
    [
        ("ErGw1AZ", None, None, None, (None, None)),
        ("ErGwScale", 2, 10, None, (2, 10)),
        ("ErGwScale", 1, 1, None, (1, 1)),  # a fixed size of 1
        ("ErGwScale", 40, 40, None, (40, 40)),
        ("ErGwScale", None, 6, (2, 4), (2, 6)),  # keeps the bound not given
    ],
)
def test_scale_units(sku, low, high, existing, expected):
    assert _gateway.check_scale_units(sku, low, high, existing) == expected


@pytest.mark.parametrize(
    "sku, low, high, text",
    [
        ("ErGw2AZ", 2, None, "apply to the ErGwScale SKU only (the scalable gateway); sku is ErGw2AZ"),
        ("ErGwScale", None, None, "needs min_scale_units and max_scale_units"),
        ("ErGwScale", 2, None, "needs min_scale_units and max_scale_units"),
        ("ErGwScale", 0, 4, "min_scale_units 0 is out of range"),
        ("ErGwScale", 2, 41, "max_scale_units 41 is out of range"),
        ("ErGwScale", 5, 4, "min_scale_units 5 is greater than max_scale_units 4"),
        ("ErGwScale", 1, 4, "an autoscaling ErGwScale gateway needs min_scale_units of 2 or more"),
    ],
)
def test_scale_unit_rules(sku, low, high, text):
    assert text in refused(_gateway.check_scale_units, sku, low, high)


@pytest.mark.parametrize(
    "sku, low, limit, fastpath",
    [
        ("Standard", None, 4, False),
        ("HighPerformance", None, 8, False),
        ("UltraPerformance", None, 16, True),
        ("ErGw1AZ", None, 4, False),
        ("ErGw2AZ", None, 8, False),
        ("ErGw3AZ", None, 16, True),
        ("ErGwScale", 1, 4, False),
        ("ErGwScale", 2, 8, False),
        ("ErGwScale", 9, 8, False),
        ("ErGwScale", 10, 16, True),
    ],
)
def test_limits_and_fastpath_by_sku(sku, low, limit, fastpath):
    assert _gateway.max_connections(sku, low) == limit
    assert _gateway.supports_fastpath(sku, low) is fastpath


def test_a_capacity_change_must_fit_the_connections():
    links = [{"name": "cn-{0}".format(i), "express_route_gateway_bypass": i == 0} for i in range(5)]
    assert "has 5 circuit connections; ErGw1AZ supports 4" in refused(
        _gateway.check_connections_fit, "gw", "ErGw1AZ", None, None, links
    )
    text = refused(_gateway.check_connections_fit, "gw", "ErGwScale", 2, 4, links)
    assert (
        "would become ErGwScale with 2-4 scale units, which does not support FastPath, while connection(s) cn-0" in text
    )
    _gateway.check_connections_fit("gw", "ErGw3AZ", None, None, links)
    _gateway.check_connections_fit("gw", "ErGwScale", 10, 20, links)


def vnet(subnets, prefixes=("10.10.0.0/16",)):
    return {
        "id": NET + "/virtualNetworks/vnet",
        "name": "vnet",
        "location": "westeurope",
        "address_prefixes": list(prefixes),
        "subnets": subnets,
    }


def subnet(name, prefix, configs=()):
    return {
        "id": NET + "/virtualNetworks/vnet/subnets/" + name,
        "name": name,
        "prefixes": [prefix],
        "ip_configuration_ids": list(configs),
    }


def test_gateway_subnet_found():
    found, warnings = _gateway.gateway_subnet(
        vnet([subnet("app", "10.10.1.0/24"), subnet("GatewaySubnet", "10.10.255.0/27")])
    )
    assert found["name"] == "GatewaySubnet" and warnings == []


def test_a_small_gateway_subnet_is_accepted_with_advice():
    warnings = _gateway.gateway_subnet(vnet([subnet("GatewaySubnet", "10.10.255.0/28")]))[1]
    assert len(warnings) == 1 and "is 10.10.255.0/28; Azure recommends /27 or larger" in warnings[0]


def test_no_gateway_subnet_says_why_and_how_big():
    text = refused(_gateway.gateway_subnet, vnet([subnet("app", "10.10.1.0/24")]))
    assert "virtual_network vnet has no subnet named GatewaySubnet (its subnets: app)" in text
    assert (
        "Add it inside the address space 10.10.0.0/16, /27 or larger (a /26 if the gateway is to link 16 "
        "circuits; /29 is the smallest Azure accepts)" in text
    )
    assert "its subnets: none" in refused(_gateway.gateway_subnet, vnet([]))


def test_the_name_is_case_sensitive():
    text = refused(_gateway.gateway_subnet, vnet([subnet("gatewaySubnet", "10.10.255.0/27")]))
    assert "has a subnet 'gatewaySubnet', but a gateway needs the subnet named exactly 'GatewaySubnet'" in text


def test_gateways_already_in_the_subnet():
    own = NET + "/virtualNetworkGateways/gw"
    other = NET + "/virtualNetworkGateways/other"
    found = subnet(
        "GatewaySubnet",
        "10.10.255.0/27",
        [own + "/ipConfigurations/default", other + "/ipConfigurations/a", other + "/ipConfigurations/b"],
    )
    assert _gateway.gateways_in_subnet(found, own.upper()) == [other]
    assert _gateway.gateways_in_subnet(found) == [own, other]


@pytest.mark.parametrize(
    "given, expected",
    [
        ("vnet-hub", NET + "/virtualNetworks/vnet-hub"),
        (NET + "/virtualNetworks/vnet-hub", NET + "/virtualNetworks/vnet-hub"),
        (None, None),
    ],
)
def test_resolve(given, expected):
    assert (
        _gateway.resolve(given, "virtual_network", "virtualNetworks", SUB, "rg-network", "a virtual network")
        == expected
    )


@pytest.mark.parametrize(
    "given", [NET + "/publicIPAddresses/pip", NET + "/virtualNetworks/v/subnets/s", "/subscriptions/x"]
)
def test_resolve_refuses_other_ids(given):
    assert "is not the name or the resource id of a virtual network" in refused(
        _gateway.resolve, given, "virtual_network", "virtualNetworks", SUB, "rg", "a virtual network"
    )


def sdk_gateway(sku="ErGwScale", bounds=(2, 10)):
    return NS(
        id=NET + "/virtualNetworkGateways/gw",
        name="gw",
        location="westeurope",
        tags={"env": "test"},
        gateway_type=NS(value="ExpressRoute"),
        sku=NS(name=NS(value=sku), capacity=bounds[0] if bounds else 2),
        auto_scale_configuration=NS(bounds=NS(min=bounds[0], max=bounds[1])) if bounds else None,
        ip_configurations=[
            NS(subnet=NS(id=NET + "/virtualNetworks/vnet-hub/subnets/GatewaySubnet"), public_ip_address=None)
        ],
        admin_state="Enabled",
        bgp_settings=NS(asn=65515, bgp_peering_address="10.10.255.4,10.10.255.5"),
        provisioning_state=NS(value="Updating"),
        etag='W/"1"',
    )


def test_gateway_result():
    result = _gateway.gateway_result(sdk_gateway())
    assert result["sku"] == "ErGwScale" and (result["min_scale_units"], result["max_scale_units"]) == (2, 10)
    assert result["virtual_network"] == "vnet-hub" and result["virtual_network_resource_group"] == "rg-network"
    assert result["virtual_network_id"] == NET + "/virtualNetworks/vnet-hub"
    assert result["provisioning_state"] == "Updating" and result["gateway_type"] == "ExpressRoute"
    assert result["bgp_peering_addresses"] == ["10.10.255.4", "10.10.255.5"]
    assert _gateway.managed_view(result) == {
        "location": "westeurope",
        "virtual_network_id": NET + "/virtualNetworks/vnet-hub",
        "sku": "ErGwScale",
        "min_scale_units": 2,
        "max_scale_units": 10,
        "tags": {"env": "test"},
    }


def test_scale_units_show_only_on_the_scalable_sku():
    result = _gateway.gateway_result(sdk_gateway("ErGw1AZ", None))
    assert result["min_scale_units"] is None and result["max_scale_units"] is None and result["scale_units"] == 2


def test_azure_refusing_a_delete_in_use_is_translated():
    text = _gateway.in_use_refusal("gw", "VirtualNetworkGatewayInUseByConnections", "used by cn-a")
    assert text.startswith("Gateway gw cannot be deleted: Azure says connections still use it (used by cn-a)")
    assert "hybridnet.expressroute.connection with state: absent" in text
    assert _gateway.in_use_refusal("gw", "InUseVirtualNetworkGatewayCannotBeDeleted", "x") is not None
    assert _gateway.in_use_refusal("gw", "AnotherOperationInProgress", "x") is None
    assert _gateway.in_use_refusal("gw", None, "x") is None


def test_a_parent_of_another_subscription_is_refused_with_the_subscription_to_set():
    other = "99999999-2222-3333-4444-555555555555"
    vnet = "/subscriptions/{0}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1".format(other)
    assert refused(_gateway.check_same_subscription, vnet, "virtual_network", SUB, "gateway", "virtual network") == (
        "virtual_network {0} is in subscription {1}, the gateway in {2}: a gateway is created in its virtual "
        "network's subscription. Set subscription_id to {1}.".format(vnet, other, SUB)
    )
    # The same subscription (in any case), or no parent given: nothing to refuse.
    _gateway.check_same_subscription(vnet.replace(other, SUB.upper()), "virtual_network", SUB, "gateway", "hub")
    _gateway.check_same_subscription(None, "gateway", SUB, "connection", "gateway")


@pytest.mark.parametrize(
    "state, doing, says",
    [("Updating", "changed", "being created or updated"), ("Deleting", "deleted", "being deleted")],
)
def test_a_busy_gateway_is_refused_with_what_runs_and_how_to_follow_it(state, doing, says):
    error = _gateway.busy_refusal("gw1", state, doing, "creating one takes 30 minutes", "vwan_gateway_info")
    assert str(error) == (
        "Gateway gw1 is still {0} (provisioning_state {1}; creating one takes 30 minutes), so it cannot be {2} now. "
        "Re-run with wait: true to wait for it, or later (follow it with "
        "hybridnet.expressroute.vwan_gateway_info).".format(says, state, doing)
    )
    assert error.details["provisioning_state"] == state
