"""The provider's side: finding a cross-connection, the provider state
machine, the result shape (module_utils/_cross_connection.py)."""

from types import SimpleNamespace

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _cross_connection
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

KEY = "7c0c1a4e-23d5-4f0e-9c4b-2a7d1e6f8b90"
XC_ID = (
    "/subscriptions/9999/resourceGroups/CrossConnection-Amsterdam/providers/Microsoft.Network/"
    "expressRouteCrossConnections/" + KEY
)
CIRCUIT_ID = "/subscriptions/1111/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er1"


def refused(fn, *args):
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return info.value


def peering_model(name="AzurePrivatePeering", **extra):
    """An ExpressRouteCrossConnectionPeering: no route_filter attribute."""
    fields = dict(
        id=XC_ID + "/peerings/" + name,
        name=name,
        peering_type=name,
        state="Enabled",
        provisioning_state="Succeeded",
        peer_asn=64900,
        azure_asn=12076,
        vlan_id=100,
        primary_peer_address_prefix="192.168.100.128/30",
        secondary_peer_address_prefix="192.168.100.132/30",
        primary_azure_port="P1",
        secondary_azure_port="P2",
        shared_key="secret1",
        microsoft_peering_config=None,
        ipv6_peering_config=None,
        last_modified_by="ServiceProvider",
    )
    fields.update(extra)
    return SimpleNamespace(**fields)


def xc_model(state="NotProvisioned", peerings=()):
    return SimpleNamespace(
        id=XC_ID,
        name=KEY,
        location="westeurope",
        tags=None,
        etag='W/"1"',
        peering_location="Amsterdam",
        bandwidth_in_mbps=1000,
        s_tag=3,
        primary_azure_port="P1",
        secondary_azure_port="P2",
        express_route_circuit=SimpleNamespace(id=CIRCUIT_ID),
        service_provider_provisioning_state=SimpleNamespace(value=state),  # an SDK enum
        service_provider_notes="",
        provisioning_state="Succeeded",
        peerings=list(peerings),
    )


# -- input ---------------------------------------------------------------------------
def test_service_key_is_normalised():
    assert _cross_connection.check_service_key(KEY.upper()) == KEY


@pytest.mark.parametrize("key", ["not-a-key", KEY[:-1], KEY + "0", "00000000-0000-0000-0000-000000000000"])
def test_bad_service_keys(key):
    message = str(refused(_cross_connection.check_service_key, key))
    assert "is not a circuit's service key" in message and key in message


@pytest.mark.parametrize(
    "params, text",
    [
        ({"service_key": KEY, "name": KEY, "resource_group": "rg"}, "mutually exclusive"),
        ({}, "Give service_key"),
        ({"name": KEY}, "name needs resource_group"),
        ({"service_key": "nope"}, "is not a circuit's service key"),
    ],
)
def test_address_rules(params, text):
    assert text in str(refused(_cross_connection.check_address, params, "name"))


def test_addresses():
    assert _cross_connection.check_address({"service_key": KEY}, "name") == (KEY, None, None)
    assert _cross_connection.check_address({"cross_connection": "x", "resource_group": "rg"}, "cross_connection") == (
        None,
        "x",
        "rg",
    )


# -- the provider state machine --------------------------------------------------------
@pytest.mark.parametrize(
    "current, target",
    [
        ("NotProvisioned", "Provisioning"),
        ("NotProvisioned", "Provisioned"),
        ("Provisioning", "Provisioned"),
        ("Provisioning", "NotProvisioned"),
        ("Provisioned", "Deprovisioning"),
        ("Provisioned", "NotProvisioned"),
        ("Deprovisioning", "NotProvisioned"),
        ("Provisioned", "Provisioned"),
        ("Provisioned", None),
    ],
)
def test_allowed_moves(current, target):
    _cross_connection.check_transition(current, target, "xc")


@pytest.mark.parametrize(
    "current, target, allowed",
    [
        ("NotProvisioned", "Deprovisioning", "Provisioning or Provisioned"),
        ("Provisioned", "Provisioning", "Deprovisioning or NotProvisioned"),
        ("Deprovisioning", "Provisioned", "NotProvisioned"),
        ("Deprovisioning", "Provisioning", "NotProvisioned"),
    ],
)
def test_refused_moves_list_the_allowed_ones(current, target, allowed):
    error = refused(_cross_connection.check_transition, current, target, "xc1")
    assert (
        "cannot move from {0} to {1} on cross-connection xc1: from {0} Azure allows only {2}".format(
            current, target, allowed
        )
        in error.message
    )
    assert error.details["allowed_states"] == allowed.split(" or ")


def test_a_state_the_module_does_not_know():
    assert "DeProvisioned, which this module does not move" in str(
        refused(_cross_connection.check_transition, "DeProvisioned", "NotProvisioned", "xc1")
    )


# -- finding -----------------------------------------------------------------------
def test_match_service_key_by_name_case_insensitively():
    items = [SimpleNamespace(name="other"), SimpleNamespace(name=KEY.upper())]
    assert _cross_connection.match_service_key(items, KEY) is items[1]
    assert _cross_connection.match_service_key([{"name": KEY}], KEY.upper()) == {"name": KEY}
    assert _cross_connection.match_service_key(items[:1], KEY) is None


class FakeOperations:
    def __init__(self, items):
        self.items, self.calls = items, []

    def list(self):
        self.calls.append("list")
        return iter(self.items)

    def get(self, group, name):
        self.calls.append(("get", group, name))
        for item in self.items:
            if item.name == name:
                return item
        raise type("ResourceNotFoundError", (Exception,), {})("not found")


def test_find_by_service_key_is_one_list_and_by_group_one_get():
    ops = FakeOperations([xc_model()])
    client = SimpleNamespace(express_route_cross_connections=ops)
    assert _cross_connection.find(client, service_key=KEY).name == KEY
    assert _cross_connection.find(client, service_key=KEY, group="CrossConnection-Amsterdam").name == KEY
    assert _cross_connection.find(client, name="missing", group="g") is None
    assert ops.calls == ["list", ("get", "CrossConnection-Amsterdam", KEY), ("get", "g", "missing")]


def test_not_found_messages_say_where_to_look():
    by_key = _cross_connection.not_found_message(KEY, None, None, "9999")
    assert KEY in by_key and "subscription 9999" in by_key and "provider's subscription" in by_key
    assert "Cross-connection x does not exist in resource group g" in _cross_connection.not_found_message(
        None, "x", "g", "9999"
    )


# -- shapes ----------------------------------------------------------------------------
def test_result_shape():
    result = _cross_connection.result(xc_model("Provisioned", [peering_model()]))
    assert result["service_key"] == result["name"] == KEY
    assert result["resource_group"] == "CrossConnection-Amsterdam" and result["subscription_id"] == "9999"
    assert (
        result["circuit_id"],
        result["circuit_name"],
        result["circuit_resource_group"],
        result["circuit_subscription_id"],
    ) == (CIRCUIT_ID, "er1", "rg-er", "1111")
    assert (result["peering_location"], result["bandwidth_mbps"], result["stag"]) == ("Amsterdam", 1000, 3)
    assert result["service_provider_provisioning_state"] == "Provisioned"
    assert result["tags"] == {}
    peering = result["peerings"][0]
    # The peering module's shape, on the customer's circuit, plus where the provider finds it.
    assert (peering["circuit"], peering["resource_group"], peering["cross_connection"]) == ("er1", "rg-er", KEY)
    assert peering["route_filter_id"] is None and peering["shared_key_set"] is True
    assert peering["last_modified_by"] == "ServiceProvider"
    assert "secret1" not in repr(result)


def test_managed_view_and_prediction():
    current = _cross_connection.result(xc_model("Provisioned"))
    assert _cross_connection.managed_view(current) == {"provisioning_state": "Provisioned", "notes": ""}
    predicted = _cross_connection.predicted(current, {"provisioning_state": "Deprovisioning", "notes": "bye"})
    assert predicted["service_provider_provisioning_state"] == "Deprovisioning"
    assert predicted["service_provider_notes"] == "bye" and predicted["id"] == XC_ID
    assert current["service_provider_provisioning_state"] == "Provisioned"  # not modified in place


def test_deprovision_warning_names_the_peerings_left():
    with_peerings = _cross_connection.result(
        xc_model("Provisioned", [peering_model(), peering_model("MicrosoftPeering")])
    )
    warning = _cross_connection.deprovision_warning(with_peerings, "NotProvisioned")
    assert "still has AzurePrivatePeering, MicrosoftPeering" in warning and "BGP sessions go down" in warning
    assert _cross_connection.deprovision_warning(with_peerings, "Provisioned") is None
    assert (
        _cross_connection.deprovision_warning(_cross_connection.result(xc_model("Provisioned")), "Deprovisioning")
        is None
    )
    already = _cross_connection.result(xc_model("Deprovisioning", [peering_model()]))
    assert _cross_connection.deprovision_warning(already, "Deprovisioning") is None
