"""The emulator as a server others use (issue 11 item 5): bad bearer
tokens are a 401, pathological JSON a 400, a resource name ARM refuses a
400 with its text; never a 500, never a record under another id."""

import json

import pytest
import requests

RG = "rg-expressroute"
API = "api-version=2025-05-01"
CIRCUITS = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/expressRouteCircuits"
BODY = {
    "location": "westeurope",
    "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
    "properties": {
        "serviceProviderProperties": {
            "serviceProviderName": "Equinix",
            "peeringLocation": "Amsterdam",
            "bandwidthInMbps": 200,
        }
    },
}
NAME_RULE = (
    "is invalid. The name can be up to 80 characters long. It must begin with a word character, and it must "
    "end with a word character or with '_'. The name may contain word characters or '.', '-', '_'."
)


def circuits_url(arm, suffix=""):
    return "{0}{1}{2}?{3}".format(arm.base, CIRCUITS.format(sub=arm.sub, rg=RG), suffix, API)


def raw(arm, method, path, data=None, headers=None):
    """A request with the path sent exactly as written (requests would
    re-quote some of it)."""
    session = requests.Session()
    session.verify = arm.verify
    session.trust_env = False
    request = requests.Request(
        method,
        arm.base + "/",
        data=data,
        headers=dict(
            {"Authorization": arm.headers["Authorization"], "Content-Type": "application/json"}, **(headers or {})
        ),
    )
    prepared = session.prepare_request(request)
    prepared.url = arm.base + path
    return session.send(prepared)


# -- bearer tokens ----------------------------------------------------------------
@pytest.mark.parametrize(
    "header",
    [
        "Bearer ",
        "Bearer",
        "Bearer    ",
        "bearer\t",
        "Bearer .",
        "Bearer ..",
        "Bearer a.b",
        "Bearer \u00e9.\u00e9.\u00e9",
        "Negotiate abc",
    ],
)
def test_an_empty_or_malformed_bearer_token_is_a_401(arm, header):
    """An empty `Authorization: Bearer ` was a 500 (IndexError)."""
    response = raw(
        arm,
        "GET",
        CIRCUITS.format(sub=arm.sub, rg=RG) + "?" + API,
        headers={"Authorization": header.encode("utf-8").decode("latin-1")},
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] in (
        "AuthenticationFailed",
        "AuthenticationFailedInvalidHeader",
        "InvalidAuthenticationToken",
    )
    assert "Bearer" in response.headers["WWW-Authenticate"]


def test_an_empty_bearer_token_gets_arms_invalid_header_text(arm):
    response = raw(arm, "GET", CIRCUITS.format(sub=arm.sub, rg=RG) + "?" + API, headers={"Authorization": "Bearer "})
    assert response.json()["error"] == {
        "code": "AuthenticationFailedInvalidHeader",
        "message": "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    }


# -- pathological JSON --------------------------------------------------------------
@pytest.mark.parametrize("depth", [100000, 65])
def test_deeply_nested_json_is_a_400(arm, depth):
    """JSON nested 100,000 levels was a 500 (RecursionError); deeper than
    Json.NET's MaxDepth of 64 is refused as ARM's parser refuses it."""
    body = '{"location": "westeurope", "properties": ' + "[" * depth + "]" * depth + "}"
    response = arm.put(circuits_url(arm, "/er-deep"), data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "InvalidRequestContent"
    assert "MaxDepth" in response.json()["error"]["message"]
    assert arm.get(circuits_url(arm, "/er-deep")).status_code == 404


def test_deeply_nested_json_to_a_control_is_a_400(arm):
    response = arm.post(arm.base + "/_emulator/faults", data="[" * 100000 + "]" * 100000)
    assert response.status_code == 400


def test_unbalanced_deep_json_is_a_400(arm):
    response = arm.put(circuits_url(arm, "/er-deep"), data="{" * 100000, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidRequestContent"


def test_nesting_within_the_limit_still_parses(arm):
    body = dict(BODY, tags={"a": "b"})
    assert arm.put(circuits_url(arm, "/er-fine"), json=body).status_code == 201


# -- resource names ---------------------------------------------------------------
def test_an_encoded_slash_never_writes_another_resources_record(arm, network):
    """`er1%2Fpeerings%2FAzurePrivatePeering` was stored as the peering of
    er1 (201), or a 500 once er1 existed."""
    assert arm.put(circuits_url(arm, "/er1"), json=BODY).status_code == 201
    before = arm.get(circuits_url(arm)).json()["value"]
    response = raw(
        arm,
        "PUT",
        CIRCUITS.format(sub=arm.sub, rg=RG) + "/er1%2Fpeerings%2FAzurePrivatePeering?" + API,
        data='{"properties": {"peeringType": "AzurePrivatePeering", "peerASN": 65020, "vlanId": 100, '
        '"primaryPeerAddressPrefix": "192.168.100.128/30", '
        '"secondaryPeerAddressPrefix": "192.168.100.132/30"}}',
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "InvalidResourceName"
    assert response.json()["error"]["message"] == "Resource name er1/peerings/AzurePrivatePeering " + NAME_RULE
    assert arm.get(circuits_url(arm, "/er1/peerings/AzurePrivatePeering")).status_code == 404
    assert arm.get(circuits_url(arm)).json()["value"] == before
    for method in ("GET", "DELETE"):
        read = raw(arm, method, CIRCUITS.format(sub=arm.sub, rg=RG) + "/er1%2Fpeerings%2FAzurePrivatePeering?" + API)
        assert read.status_code == 400 and read.json()["error"]["code"] == "InvalidResourceName"
    assert arm.get(circuits_url(arm, "/er1")).status_code == 200


@pytest.mark.parametrize("name", ["..", "%2E%2E", ".", "er%00x", "er%0Ax", "%2Fer", "er%5Cx"])
def test_a_name_that_names_no_resource_is_a_400_whatever_the_method(arm, name):
    for method in ("PUT", "GET", "DELETE"):
        response = raw(
            arm,
            method,
            CIRCUITS.format(sub=arm.sub, rg=RG) + "/" + name + "?" + API,
            data='{"location": "westeurope"}' if method == "PUT" else None,
        )
        assert response.status_code == 400, (method, response.text)
        assert response.json()["error"]["code"] == "InvalidResourceName"


@pytest.mark.parametrize("name", ["bad%20name", "bad*name", "-er", "er-", "er.", "x" * 81, "er%C3%A9%21"])
def test_a_name_arm_refuses_to_create_is_a_400_with_its_text(arm, name):
    response = raw(
        arm, "PUT", CIRCUITS.format(sub=arm.sub, rg=RG) + "/" + name + "?" + API, data='{"location": "westeurope"}'
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "InvalidResourceName" and error["message"].endswith(NAME_RULE)
    assert arm.get(circuits_url(arm)).json()["value"] == []


@pytest.mark.parametrize("name", ["er_", "a", "x" * 80, "er.1-b_c", "\u00e9t\u00e9"])
def test_names_arm_takes_are_created(arm, name):
    assert arm.put(circuits_url(arm, "/" + name), json=BODY).status_code == 201


def test_a_child_name_is_checked_too(arm):
    assert arm.put(circuits_url(arm, "/er1"), json=BODY).status_code == 201
    response = raw(arm, "PUT", CIRCUITS.format(sub=arm.sub, rg=RG) + "/er1/authorizations/a%2Fb?" + API, data="{}")
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidResourceName"
    assert arm.get(circuits_url(arm, "/er1/authorizations")).json()["value"] == []


def test_a_resource_group_name_with_an_encoded_slash_reads_nothing_else(arm):
    """`rg%2Fproviders%2F…` would otherwise look up another record by id."""
    assert arm.put(circuits_url(arm, "/er1"), json=BODY).status_code == 201
    sneaky = (
        "/subscriptions/{0}/resourceGroups/{1}%2Fproviders%2FMicrosoft.Network%2FexpressRouteCircuits%2Fer1"
        "?api-version=2021-04-01".format(arm.sub, RG)
    )
    for method in ("GET", "PUT", "DELETE"):
        response = raw(arm, method, sneaky, data='{"location": "westeurope"}' if method == "PUT" else None)
        assert response.status_code == 400, (method, response.text)
        assert response.json()["error"]["code"] == "InvalidResourceGroup"
    assert arm.get(circuits_url(arm, "/er1")).status_code == 200


# -- odd values anywhere in a body -----------------------------------------------
ODD_VALUES = [None, True, 0, -1, 2**70, 1.5, "", "x", [], {}, [None], {"a": None}, {"id": None}, {"id": 5}]
PEERING = {
    "properties": {
        "peeringType": "AzurePrivatePeering",
        "peerASN": 65020,
        "vlanId": 100,
        "primaryPeerAddressPrefix": "192.168.100.128/30",
        "secondaryPeerAddressPrefix": "192.168.100.132/30",
    }
}
ROUTE_FILTER = {
    "location": "westeurope",
    "properties": {
        "rules": [
            {
                "name": "r",
                "properties": {"access": "Allow", "routeFilterRuleType": "Community", "communities": ["12076:5010"]},
            }
        ]
    },
}


def _paths(value, prefix=()):
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, prefix + (key,))


def _with(body, path, odd):
    if not path:
        return odd
    copy = json.loads(json.dumps(body))
    holder = copy
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = odd
    return copy


def test_no_odd_value_anywhere_in_a_body_is_a_500(arm, emulator_controls):
    """Every member of a circuit, peering and route filter body replaced by
    each of ODD_VALUES (null, wrong types, a 70-bit integer, empty and
    id-less references), on create and on update: ARM's answers are 2xx or
    4xx, never a 5xx."""
    base = arm.base + CIRCUITS.format(sub=arm.sub, rg=RG).replace("/expressRouteCircuits", "")
    assert arm.put(circuits_url(arm, "/er1"), json=BODY).status_code == 201
    emulator_controls.provision(arm.get(circuits_url(arm, "/er1")).json()["properties"]["serviceKey"])
    targets = [
        ("/expressRouteCircuits/er1", BODY),
        ("/expressRouteCircuits/er1/peerings/AzurePrivatePeering", PEERING),
        ("/routeFilters/rf", ROUTE_FILTER),
    ]
    failures = []
    for path, body in targets:
        for member in _paths(body):
            for odd in ODD_VALUES:
                response = arm.put("{0}{1}?{2}".format(base, path, API), json=_with(body, member, odd))
                if response.status_code >= 500:
                    failures.append((path, member, odd, response.status_code, response.text[:200]))
        assert arm.put("{0}{1}?{2}".format(base, path, API), json=body).status_code in (200, 201)
    assert failures == []
