"""Faults as Azure really fails (issue 13 item 5): the write applied and the
answer lost, an operation InProgress past the client's deadline, an
operation ended Failed with what it wrote left behind, and 429 storms with a
long Retry-After; each configured per method, path pattern and count through
POST /_emulator/faults."""

import time

import pytest
import requests

from conftest import value
from test_protocol import BODY, RG, circuit_url, control_url

PEERING_BODY = {
    "properties": {
        "peeringType": "AzurePrivatePeering",
        "peerASN": 65020,
        "vlanId": 200,
        "primaryPeerAddressPrefix": "192.168.50.0/30",
        "secondaryPeerAddressPrefix": "192.168.50.4/30",
    }
}


def statuses(controls, since, suffix, method):
    return [
        (r["status"], r.get("applied_status"))
        for r in controls.requests(since)
        if r["path"].endswith(suffix) and r["method"] == method
    ]


def operation_status(arm, response):
    return arm.get(response.headers["Azure-AsyncOperation"]).json()["status"]


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_drop_after_applies_the_write_then_loses_the_answer(arm, emulator_controls, method):
    if method == "DELETE":
        assert arm.put(circuit_url(arm), json=BODY).status_code == 201
    since = emulator_controls.request_count()
    emulator_controls.fault(method=method, path="expressRouteCircuits/er1$", drop_after=True, count=1)
    with pytest.raises(requests.ConnectionError):
        arm.request(method, circuit_url(arm), json=BODY if method == "PUT" else None)
    # The client saw nothing, yet Azure did it: the circuit exists (PUT) or is
    # being deleted and then gone (DELETE).
    after = arm.get(circuit_url(arm))
    if method == "PUT":
        assert after.status_code == 200 and after.json()["properties"]["serviceKey"]
        assert statuses(emulator_controls, since, "/er1", "PUT") == [(0, 201)]
    else:
        assert after.status_code == 404
        assert statuses(emulator_controls, since, "/er1", "DELETE") == [(0, 202)]
    # count: 1, so the next one is answered.
    # (A PUT now updates what the lost one created: 200, not 201.)
    assert arm.request(method, circuit_url(arm), json=BODY if method == "PUT" else None).status_code in (200, 204)


def test_drop_after_applies_a_post_action(arm, emulator_controls):
    """A POST (the cross-connection's provisioning state is a PUT, but
    actions such as a circuit's route table are POSTs) is processed too."""
    assert arm.put(circuit_url(arm), json=BODY).status_code == 201
    peering = circuit_url(arm).replace("/er1?", "/er1/peerings/AzurePrivatePeering?")
    emulator_controls.configure(require_provisioned_circuit_for_peering=False)
    assert arm.put(peering, json=PEERING_BODY).status_code == 201
    table = peering.replace("?", "/routeTablesSummary/primary?")
    since = emulator_controls.request_count()
    emulator_controls.fault(method="POST", path="routeTablesSummary/primary$", drop_after=True)
    with pytest.raises(requests.ConnectionError):
        arm.post(table)
    assert statuses(emulator_controls, since, "/routeTablesSummary/primary", "POST") == [(0, 202)]


def test_hold_keeps_an_operation_in_progress_past_the_deadline(arm, emulator_controls):
    emulator_controls.fault(method="PUT", path="expressRouteCircuits/er1$", hold_seconds=1.5)
    started = time.time()
    created = arm.put(circuit_url(arm), json=BODY)
    assert created.status_code == 201 and operation_status(arm, created) == "InProgress"
    # Meanwhile the circuit is Updating and locked: a second write is a 409.
    assert arm.get(circuit_url(arm)).json()["properties"]["provisioningState"] == "Updating"
    busy = arm.put(circuit_url(arm), json=BODY)
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "AnotherOperationInProgress"
    while operation_status(arm, created) == "InProgress":
        assert time.time() - started < 10
        time.sleep(0.1)
    assert time.time() - started >= 1.4
    assert operation_status(arm, created) == "Succeeded"
    assert arm.get(circuit_url(arm)).json()["properties"]["provisioningState"] == "Succeeded"


def test_hold_then_fail(arm, emulator_controls):
    emulator_controls.fault(
        method="PUT",
        path="expressRouteCircuits/er1$",
        hold_seconds=0.5,
        operation_error={"code": "InternalServerError", "message": "gave up after a while"},
    )
    created = arm.put(circuit_url(arm), json=BODY)
    assert operation_status(arm, created) == "InProgress"
    time.sleep(0.7)
    operation = arm.get(created.headers["Azure-AsyncOperation"]).json()
    assert operation["status"] == "Failed" and operation["error"]["message"] == "gave up after a while"


def test_failed_operation_leaves_partial_state(network, arm, emulator_controls):
    """A create whose operation fails leaves the resource behind, Failed,
    with what the PUT wrote; a circuit's cross-connection (made when its
    operation completes) does not appear; a re-PUT repairs it."""
    emulator_controls.fault(
        method="PUT",
        path="expressRouteCircuits/er1$",
        operation_error={"code": "InternalServerError", "message": "partial"},
    )
    created = arm.put(circuit_url(arm), json=BODY)
    assert operation_status(arm, created) == "Failed"
    left = arm.get(circuit_url(arm)).json()
    assert left["properties"]["provisioningState"] == "Failed"
    assert left["properties"]["serviceProviderProperties"]["bandwidthInMbps"] == 200
    provider = emulator_controls.endpoint["provider_subscription_id"]
    cross = [
        c
        for c in arm.get(
            "{0}/subscriptions/{1}/providers/Microsoft.Network/expressRouteCrossConnections?"
            "api-version=2025-05-01".format(arm.base, provider)
        ).json()["value"]
        if c["properties"].get("expressRouteCircuit", {}).get("id", "").lower() == left["id"].lower()
    ]
    assert cross == []
    repaired = network.express_route_circuits.begin_create_or_update(RG, "er1", _sdk_body()).result()
    assert value(repaired.provisioning_state) == "Succeeded"


def _sdk_body():
    from conftest import circuit_body

    return circuit_body()


def test_failed_delete_leaves_the_resource_failed(arm, emulator_controls):
    assert arm.put(circuit_url(arm), json=BODY).status_code == 201
    emulator_controls.fault(
        method="DELETE",
        path="expressRouteCircuits/er1$",
        operation_error={"code": "InternalServerError", "message": "delete failed"},
    )
    deleting = arm.delete(circuit_url(arm))
    assert deleting.status_code == 202 and operation_status(arm, deleting) == "Failed"
    assert arm.get(circuit_url(arm)).json()["properties"]["provisioningState"] == "Failed"
    assert arm.delete(circuit_url(arm)).status_code == 202
    assert arm.get(circuit_url(arm)).status_code == 404


def test_a_429_storm_with_long_retry_after(arm, emulator_controls):
    """`count` 429s in a row on every matching method, each with the given
    Retry-After: what a client's deadline must bound."""
    emulator_controls.fault(method="*", path="expressRouteCircuits/er1$", status=429, retry_after=120, count=3)
    answers = [arm.get(circuit_url(arm)) for _ in range(4)]
    assert [a.status_code for a in answers] == [429, 429, 429, 404]
    assert all(a.headers["Retry-After"] == "120" for a in answers[:3])
    assert answers[0].json()["error"]["code"] == "SubscriptionRequestsThrottled"
    assert "'120' seconds" in answers[0].json()["error"]["message"]


@pytest.mark.parametrize(
    "spec, field",
    [
        ({"path": "er1$", "drop_after": "yes"}, "drop_after"),
        ({"path": "er1$", "drop_after": True, "drop": True}, "exactly one"),
        ({"path": "er1$", "drop_after": True, "status": 500}, "exactly one"),
        ({"path": "er1$", "hold_seconds": 0}, "hold_seconds"),
        ({"path": "er1$", "hold_seconds": "long"}, "hold_seconds"),
        ({"path": "er1$", "hold_seconds": True}, "hold_seconds"),
        ({"path": "er1$", "hold_seconds": 5, "status": 500}, "hold_seconds"),
        ({"path": "er1$", "hold_seconds": 5, "drop_after": True}, "hold_seconds"),
    ],
)
def test_a_bad_new_fault_is_refused_up_front(arm, spec, field):
    response = arm.post(control_url(arm, "faults"), json=spec)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "InvalidFault" and field in error["message"]
    assert arm.get(control_url(arm, "faults")).json()["faults"] == []
