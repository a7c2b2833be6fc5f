"""Authorizations: the result shape (key only where asked), finding one on
the circuit, refusing to delete one in use, and the action plugin that hides
a result carrying a key."""

from types import SimpleNamespace

import pytest

from ansible_collections.hybridnet.expressroute.plugins.action.authorization import carries_key
from ansible_collections.hybridnet.expressroute.plugins.module_utils import _authorization
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

CIRCUIT_ID = "/subscriptions/s1/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er1"
KEY = "5d4e2c1a-9b8f-4e7d-a6c5-b4a3f2e1d0c9"


def model(name="auth1", status="Available", used_by=None, key=KEY):
    return SimpleNamespace(
        id=CIRCUIT_ID + "/authorizations/" + name,
        name=name,
        authorization_key=key,
        authorization_use_status=SimpleNamespace(value=status),
        connection_resource_uri=used_by,
        provisioning_state="Succeeded",
    )


def test_result_carries_the_key_and_normalises_enums():
    result = _authorization.authorization_result(model(), "er1", "rg-er")
    assert result == {
        "id": CIRCUIT_ID + "/authorizations/auth1",
        "name": "auth1",
        "circuit": "er1",
        "resource_group": "rg-er",
        "use_status": "Available",
        "used_by": None,
        "provisioning_state": "Succeeded",
        "authorization_key": KEY,
    }


def test_result_without_key_has_no_key_field():
    assert "authorization_key" not in _authorization.authorization_result(model(), "er1", "rg-er", with_key=False)


def test_find_is_case_insensitive():
    models = [model("a"), model("Fabrikam")]
    assert _authorization.find(models, "fabrikam").name == "Fabrikam"
    assert _authorization.find(models, "other") is None
    assert _authorization.find(None, "a") is None


def test_deleting_one_in_use_is_refused_naming_the_user():
    user = "/subscriptions/s2/resourceGroups/rg/providers/Microsoft.Network/connections/cn1"
    current = _authorization.authorization_result(model(status="InUse", used_by=user), "er1", "rg-er")
    with pytest.raises(ValidationError) as info:
        _authorization.refuse_delete_in_use(current, "er1")
    text = str(info.value)
    assert "in use by " + user in text and "delete that connection first" in text and "Nothing was changed" in text
    assert KEY not in text
    assert info.value.details["used_by"] == user


def test_in_use_without_known_user_still_refused():
    current = _authorization.authorization_result(model(status="InUse"), "er1", "rg-er")
    with pytest.raises(ValidationError) as info:
        _authorization.refuse_delete_in_use(current, "er1")
    assert "is in use and Azure refuses" in str(info.value)


def test_available_one_may_be_deleted():
    _authorization.refuse_delete_in_use(_authorization.authorization_result(model(), "er1", "rg-er"), "er1")


def test_managed_view_and_prediction():
    assert _authorization.managed_view(None) is None
    predicted = _authorization.predicted("auth1", "er1", "rg-er")
    assert _authorization.managed_view(predicted) == {"name": "auth1", "circuit": "er1"}
    assert predicted["authorization_key"] is None and predicted["use_status"] == "Available"


@pytest.mark.parametrize(
    "result, hidden",
    [
        ({"authorization": {"name": "a", "authorization_key": KEY}}, True),
        ({"authorizations": [{"name": "a"}, {"name": "b", "authorization_key": KEY}]}, True),
        ({"authorization": {"name": "a", "authorization_key": None}}, False),  # check mode: no key yet
        ({"authorizations": [{"name": "a"}]}, False),  # info without include_keys
        ({"failed": True, "msg": "circuit er1 does not exist"}, False),  # failures stay visible
        ({"authorization": None}, False),
    ],
)
def test_action_plugin_hides_only_results_carrying_a_key(result, hidden):
    assert carries_key(result) is hidden


class FakeClient:
    def __init__(self):
        self.reads = []
        self.express_route_circuit_authorizations = self

    def get(self, resource_group, circuit, name):
        self.reads.append((resource_group, circuit, name))
        return model(name)


def test_key_from_the_circuit_view_needs_no_read():
    client = FakeClient()
    assert _authorization.with_key(client, "rg-er", "er1", model()).authorization_key == KEY
    assert _authorization.with_key(client, "rg-er", "er1", None) is None
    assert client.reads == []


def test_key_missing_from_the_circuit_view_is_read():
    client = FakeClient()
    assert _authorization.with_key(client, "rg-er", "er1", model(key=None)).authorization_key == KEY
    assert client.reads == [("rg-er", "er1", "auth1")]
