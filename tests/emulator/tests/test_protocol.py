"""ARM's protocol as the emulator speaks it (arm_expressroute.md §1, §4):
status codes, async headers, operation bodies, locks, faults, robustness."""

import json
import socket
import ssl
import threading
import time

import pytest
import requests
from azure.core.exceptions import HttpResponseError

from conftest import circuit_body, make_client, value

RG = "rg-expressroute"
API = "api-version=2025-05-01"


def circuit_url(arm, name="er1"):
    return "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/expressRouteCircuits/{3}?{4}".format(
        arm.base, arm.sub, RG, name, API
    )


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


def test_put_answers_201_then_200_with_async_operation_and_no_retry_after(arm, emulator_controls):
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 1.0})
    created = arm.put(circuit_url(arm), json=BODY)
    assert created.status_code == 201
    assert created.json()["properties"]["provisioningState"] == "Updating"
    operation_url = created.headers["Azure-AsyncOperation"]
    assert (
        operation_url.startswith(arm.base + "/subscriptions/{0}/providers/Microsoft.Network/locations/".format(arm.sub))
        and "/operations/" in operation_url
        and API in operation_url
    )
    # Live ARM sent no Retry-After on ExpressRoute PUTs, and the operation
    # status is just {"status"} [REC].
    assert "Retry-After" not in created.headers
    status = arm.get(operation_url)
    assert status.status_code == 200 and status.json() == {"status": "InProgress"}
    assert "Retry-After" not in status.headers
    time.sleep(1.1)
    assert arm.get(operation_url).json() == {"status": "Succeeded"}
    assert arm.get(circuit_url(arm)).json()["properties"]["provisioningState"] == "Succeeded"
    updated = arm.put(circuit_url(arm), json=BODY)
    assert updated.status_code == 200 and "Azure-AsyncOperation" in updated.headers


def test_delete_answers_202_with_both_headers_and_location_ends_in_204(arm, emulator_controls):
    arm.put(circuit_url(arm), json=BODY)
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 1.0})
    deleted = arm.delete(circuit_url(arm))
    assert deleted.status_code == 202 and not deleted.content
    assert "Azure-AsyncOperation" in deleted.headers and "Retry-After" not in deleted.headers
    location = deleted.headers["Location"]
    assert "/operationResults/" in location
    assert arm.get(location).status_code == 202
    time.sleep(1.1)
    assert arm.get(location).status_code == 204
    assert arm.get(circuit_url(arm)).status_code == 404
    # Deleting what is not there is not an error.
    assert arm.delete(circuit_url(arm)).status_code == 204


def test_sdk_delete_works_with_both_final_state_styles(network, emulator_controls):
    """33.x polls Azure-AsyncOperation only; 30.x also GETs the Location."""
    network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 0.3})
    network.express_route_circuits.begin_delete(RG, "er1").result()
    assert [c.name for c in network.express_route_circuits.list(RG)] == []


def test_a_second_write_while_one_runs_gets_409_another_operation_in_progress(network, emulator_controls, arm):
    network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    emulator_controls.configure(lro_seconds={"expressRouteCircuits": 2.0})
    poller = network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body(bandwidth=500))
    with pytest.raises(HttpResponseError) as info:
        network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body(bandwidth=1000))
    assert info.value.status_code == 409
    assert info.value.error.code == "AnotherOperationInProgress"
    response = arm.delete(circuit_url(arm))
    assert response.status_code == 409 and response.json()["error"]["code"] == "AnotherOperationInProgress"
    assert poller.result().service_provider_properties.bandwidth_in_mbps == 500
    # Once the first operation is done, writes go through again.
    done = network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body(bandwidth=1000)).result()
    assert done.service_provider_properties.bandwidth_in_mbps == 1000


def test_throttling_429_with_retry_after_is_retried_by_the_sdk(network, emulator_controls):
    network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    emulator_controls.fault(method="GET", path="expressRouteCircuits/er1$", status=429, retry_after=1, count=2)
    since = emulator_controls.request_count()
    started = time.time()
    circuit = network.express_route_circuits.get(RG, "er1")
    assert circuit.name == "er1"
    assert time.time() - started >= 2.0  # two Retry-After: 1 waits
    statuses = [r["status"] for r in emulator_controls.requests(since) if r["path"].endswith("/er1")]
    assert statuses == [429, 429, 200]


def test_a_dropped_connection_is_retried_by_the_sdk(network, emulator_controls):
    network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    emulator_controls.fault(method="GET", path="expressRouteCircuits/er1$", drop=True, count=1)
    assert network.express_route_circuits.get(RG, "er1").name == "er1"
    statuses = [
        r["status"] for r in emulator_controls.requests() if r["path"].endswith("/er1") and r["method"] == "GET"
    ]
    assert statuses[-2:] == [0, 200]


def test_a_failed_operation_surfaces_its_error(network, emulator_controls):
    emulator_controls.fault(
        method="PUT",
        path="expressRouteCircuits/er1$",
        operation_error={"code": "InternalServerError", "message": "the RP gave up"},
    )
    with pytest.raises(HttpResponseError) as info:
        network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    assert "the RP gave up" in str(info.value)
    assert value(network.express_route_circuits.get(RG, "er1").provisioning_state) == "Failed"


@pytest.mark.parametrize("payload", [b"{", b"[1, 2]", b"\xff\xfe", b'"text"', b""])
def test_a_bad_body_is_a_400_never_a_crash(arm, payload):
    response = arm.put(circuit_url(arm), data=payload, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "InvalidRequestContent"
    assert arm.get(circuit_url(arm)).status_code == 404


def test_unknown_top_level_keys_are_refused(arm):
    body = dict(BODY, service_provider_properties={"bandwidth_in_mbps": 200})
    response = arm.put(circuit_url(arm), json=body)
    assert response.status_code == 400 and "service_provider_properties" in response.json()["error"]["message"]


def test_a_truncated_body_is_a_400(emulator_endpoint, arm):
    context = ssl.create_default_context(cafile=emulator_endpoint["ca_bundle"])
    host, port = emulator_endpoint["base_url"].split("//")[1].split(":")
    with (
        socket.create_connection((host, int(port)), timeout=15) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        path = circuit_url(arm)[len(arm.base) :]
        tls.sendall(
            "PUT {0} HTTP/1.1\r\nHost: {1}\r\nAuthorization: {2}\r\nContent-Type: application/json\r\n"
            "Content-Length: 500\r\n\r\n{{\"location\":".format(path, host, arm.headers["Authorization"]).encode()
        )
        reply = b""
        tls.settimeout(15)
        while b"\r\n\r\n" not in reply:
            chunk = tls.recv(4096)
            if not chunk:
                break
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400")
    assert arm.get(circuit_url(arm)).status_code == 404
    assert arm.get(arm.base + "/_emulator/health").status_code == 200


@pytest.mark.parametrize(
    "query, code",
    [
        ("", "MissingApiVersionParameter"),
        ("api-version=2019-02-02", "NoRegisteredProviderFound"),
        ("api-version=2014-12-01-preview", "NoRegisteredProviderFound"),
        ("api-version=2099-01-01", "NoRegisteredProviderFound"),
        ("api-version=banana", "NoRegisteredProviderFound"),
    ],
)
def test_api_version_is_required_and_must_be_published(arm, query, code):
    url = circuit_url(arm).split("?")[0] + ("?" + query if query else "")
    response = arm.get(url)
    assert response.status_code == 400 and response.json()["error"]["code"] == code


def test_concurrent_clients_are_served(emulator_endpoint):
    errors = []

    def work(index):
        try:
            client = make_client(emulator_endpoint)
            client.express_route_circuits.begin_create_or_update(RG, "er-{0}".format(index), circuit_body()).result()
            assert client.express_route_circuits.get(RG, "er-{0}".format(index)).name == "er-{0}".format(index)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    client = make_client(emulator_endpoint)
    assert len(list(client.express_route_circuits.list(RG))) == 8


def test_request_log_shape(network, emulator_controls):
    emulator_controls.clear_requests()
    network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    log = emulator_controls.requests()
    assert all(set(entry) >= {"method", "path", "status", "time"} for entry in log)
    assert [e["time"] for e in log] == sorted(e["time"] for e in log)
    puts = [e for e in log if e["method"] == "PUT"]
    assert len(puts) == 1 and puts[0]["status"] == 201
    assert puts[0]["path"].endswith("/expressRouteCircuits/er1")


def test_controls_are_loopback_only_and_tokenless(emulator_endpoint):
    response = requests.get(emulator_endpoint["base_url"] + "/_emulator/health", verify=emulator_endpoint["ca_bundle"])
    assert response.json()["status"] == "ok"


def test_provider_shortcut_refuses_bad_transitions(network, emulator_controls):
    circuit = network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    with pytest.raises(Exception) as info:
        emulator_controls.provision(circuit.service_key, "Deprovisioning")
    assert "400" in str(info.value)
    assert (
        emulator_controls.provision(circuit.service_key, "Provisioned")["serviceProviderProvisioningState"]
        == "Provisioned"
    )


def test_state_survives_a_restart(tmp_path):
    from expressroute_emulator.fixture import start_emulator

    first = start_emulator(tmp_path / "state")
    endpoint = first.endpoint()
    client = make_client(endpoint)
    key = client.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result().service_key
    first.stop()
    second = start_emulator(tmp_path / "state")
    try:
        again = second.endpoint()
        assert again["client_secret"] == endpoint["client_secret"]
        with open(tmp_path / "state" / "endpoint.json") as handle:
            assert json.load(handle)["base_url"] == again["base_url"]
        assert make_client(again).express_route_circuits.get(RG, "er1").service_key == key
    finally:
        second.stop()


def test_state_files_holding_secrets_are_private(emulator):
    import os
    import stat

    for name in ("endpoint.json", "env.sh", "state.json", "server.key"):
        mode = stat.S_IMODE(os.stat(os.path.join(emulator.state_dir, name)).st_mode)
        assert mode == 0o600, name


def test_resource_groups(arm):
    base = "{0}/subscriptions/{1}/resourcegroups".format(arm.base, arm.sub)
    names = [g["name"] for g in arm.get(base + "?api-version=2021-04-01").json()["value"]]
    assert "rg-expressroute" in names
    assert arm.put(base + "/rg-new?api-version=2021-04-01", json={"location": "westeurope"}).status_code == 201
    assert arm.get(base + "/RG-NEW?api-version=2021-04-01").json()["name"] == "rg-new"
    assert arm.delete(base + "/rg-new?api-version=2021-04-01").status_code == 200
    assert arm.get(base + "/rg-new?api-version=2021-04-01").status_code == 404


def test_reset_restores_the_seed(network, emulator_controls):
    network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    emulator_controls.configure(page_size=1)
    emulator_controls.reset()
    assert emulator_controls.requests() == []
    assert list(network.express_route_circuits.list(RG)) == []
    assert emulator_controls.configure()["page_size"] == 50


def test_token_for_another_subscription_principal_scope(network, emulator_endpoint):
    other = make_client(emulator_endpoint, subscription_id="00000000-dead-beef-0000-000000000000")
    with pytest.raises(HttpResponseError) as info:
        list(other.express_route_circuits.list_all())
    assert info.value.status_code == 404 and info.value.error.code == "SubscriptionNotFound"


# ---------------------------------------------------------------------------
# Bad input to the controls: 400 in ARM's envelope, nothing kept
# ---------------------------------------------------------------------------
def control_url(arm, route):
    return "{0}/_emulator/{1}".format(arm.base, route)


@pytest.mark.parametrize(
    "spec, field",
    [
        ({"path": "er1$", "status": "abc"}, "status"),
        ({"path": "er1$", "status": 200}, "status"),
        ({"path": "er1$", "operation_error": "oops"}, "operation_error"),
        ({"path": "er1$", "operation_error": {"code": 5, "message": "m"}}, "operation_error"),
        ({"path": "er1$", "status": 429, "count": "abc"}, "count"),
        ({"path": "er1$", "status": 429, "count": 0}, "count"),
        ({"path": "er1$", "status": 429, "retry_after": "soon"}, "retry_after"),
        ({"path": "er1$", "drop": "yes"}, "drop"),
        ({"path": "er1$", "status": 503, "error": {"code": "Busy"}}, "error"),
        ({"path": "er1$", "method": 5, "status": 503}, "method"),
        ({"path": "er1$", "status": 503, "drop": True}, "exactly one"),
        ({"path": "er1$", "drop": True, "retry_after": 1}, "retry_after"),
        ({"path": "er1$", "stauts": 503}, "stauts"),
        ({"path": "(", "status": 503}, "path"),
        ({"status": 503}, "path"),
    ],
)
def test_a_bad_fault_is_refused_up_front(arm, spec, field):
    response = arm.post(control_url(arm, "faults"), json=spec)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "InvalidFault" and field in error["message"]
    assert arm.get(control_url(arm, "faults")).json()["faults"] == []
    # The request it would have matched is answered as usual.
    assert arm.put(circuit_url(arm), json=BODY).status_code == 201
    assert arm.get(circuit_url(arm)).status_code == 200


def test_an_injected_error_is_sent_as_given(arm):
    error = {"code": "Conflict", "message": "braces {stay} as they are"}
    assert (
        arm.post(
            control_url(arm, "faults"), json={"method": "GET", "path": "er1$", "status": 409, "error": error}
        ).status_code
        == 201
    )
    response = arm.get(circuit_url(arm))
    assert response.status_code == 409 and response.json() == {"error": error}


def test_a_failing_fault_response_is_a_500_not_a_dropped_connection(arm, monkeypatch):
    from expressroute_emulator import server

    def broken(fault):
        raise RuntimeError("broken fault")

    monkeypatch.setattr(server, "_fault_response", broken)
    arm.post(control_url(arm, "faults"), json={"method": "GET", "path": "er1$", "status": 503})
    response = arm.get(circuit_url(arm))
    assert response.status_code == 500 and response.json()["error"]["code"] == "InternalServerError"
    assert arm.get(circuit_url(arm)).status_code == 404


@pytest.mark.parametrize(
    "settings, name",
    [
        ({"lro_seconds": {"expressRouteCircuits": "abc"}}, "lro_seconds"),
        ({"lro_seconds": {"expressRouteCircuits": -1}}, "lro_seconds"),
        ({"lro_seconds": 5}, "lro_seconds"),
        ({"lro_seconds": {"circuits": 1}}, "circuits"),
        ({"retry_after": "1"}, "retry_after"),
        ({"page_size": 0}, "page_size"),
        ({"token_lifetime_seconds": 1.5}, "token_lifetime_seconds"),
        ({"require_provisioned_circuit_for_peering": "no"}, "require_provisioned_circuit_for_peering"),
        ({"page_size": 5, "retry_after": -1}, "retry_after"),
        ({"lro_seconds": "slow"}, "lro_seconds"),
        ({"microsoft_peering_prefix_validation": "never"}, "microsoft_peering_prefix_validation"),
    ],
)
def test_a_bad_setting_is_refused_and_changes_nothing(arm, settings, name):
    before = arm.get(control_url(arm, "config")).json()
    response = arm.post(control_url(arm, "config"), json=settings)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "InvalidConfig" and name in error["message"]
    assert arm.get(control_url(arm, "config")).json() == before
    created = arm.put(circuit_url(arm), json=BODY)
    assert created.status_code == 201 and "Retry-After" not in created.headers


def test_an_operation_that_cannot_start_stores_nothing(arm, emulator):
    """A setting the controls cannot set any more (a state file edited by
    hand): the PUT or DELETE fails, the resource is left as it was."""
    assert arm.put(circuit_url(arm), json=BODY).status_code == 201
    emulator.store.config["lro_seconds"]["expressRouteCircuits"] = "abc"
    update = dict(
        BODY,
        properties={
            "serviceProviderProperties": dict(BODY["properties"]["serviceProviderProperties"], bandwidthInMbps=500)
        },
    )
    assert arm.put(circuit_url(arm), json=update).status_code == 500
    assert arm.delete(circuit_url(arm)).status_code == 500
    assert arm.put(circuit_url(arm, "er2"), json=BODY).status_code == 500
    circuit = arm.get(circuit_url(arm)).json()
    assert circuit["properties"]["provisioningState"] == "Succeeded"
    assert circuit["properties"]["serviceProviderProperties"]["bandwidthInMbps"] == 200
    assert arm.get(circuit_url(arm, "er2")).status_code == 404
    emulator.store.config["lro_seconds"]["expressRouteCircuits"] = 0
    assert arm.put(circuit_url(arm), json=update).status_code == 200


@pytest.mark.parametrize(
    "body", [[{"service_key": "x"}], "Provisioned", {"service_key": ["x"]}, {"service_key": "x", "notes": 5}]
)
def test_provider_shortcut_refuses_a_body_of_the_wrong_shape(network, arm, body):
    circuit = network.express_route_circuits.begin_create_or_update(RG, "er1", circuit_body()).result()
    body = [dict(body[0], service_key=circuit.service_key)] if isinstance(body, list) else body
    response = arm.post(control_url(arm, "provider/provision"), json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] in ("InvalidRequestContent", "InvalidRequestFormat")
    assert value(network.express_route_circuits.get(RG, "er1").service_provider_provisioning_state) == "NotProvisioned"


@pytest.mark.parametrize("since", ["x", "-1", "1.5"])
def test_request_log_refuses_a_bad_since(arm, since):
    response = arm.get(control_url(arm, "requests") + "?since=" + since)
    assert response.status_code == 400
    assert (
        response.json()["error"]["code"] == "InvalidQueryParameterValue"
        and "since" in response.json()["error"]["message"]
    )
    assert arm.get(control_url(arm, "requests") + "?since=0").status_code == 200


@pytest.mark.parametrize("route", ["faults", "config", "peerings/routes"])
def test_controls_refuse_a_body_that_is_not_an_object(arm, route):
    response = arm.post(control_url(arm, route), data=b"[1, 2]", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidRequestContent"


def test_resource_group_rules(arm):
    base = "{0}/subscriptions/{1}/resourcegroups".format(arm.base, arm.sub)
    api = "?api-version=2021-04-01"
    for name, body, status, code in [
        ("rg.", {"location": "westeurope"}, 400, "InvalidResourceGroup"),
        ("rg-new", {"location": "mars"}, 400, "LocationNotAvailableForResourceType"),
        ("rg-new", {"location": 5}, 400, "InvalidRequestFormat"),
        ("rg-new", {"location": "westeurope", "tags": ["a"]}, 400, "InvalidRequestFormat"),
        ("rg-new", {"location": "westeurope", "tags": {"a": 1}}, 400, "InvalidRequestFormat"),
        ("rg-expressroute", {"location": "northeurope"}, 409, "InvalidResourceGroupLocation"),
    ]:
        response = arm.put(base + "/" + name + api, json=body)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), body
    assert arm.get(base + "/rg-new" + api).status_code == 404
    created = arm.put(base + "/rg-new" + api, json={"location": "North Europe", "tags": {"a": "1"}})
    assert created.status_code == 201 and created.json()["location"] == "northeurope"


def test_a_bad_skip_token_is_a_400(arm):
    url = "{0}/subscriptions/{1}/providers/Microsoft.Network/expressRouteServiceProviders?{2}&$skiptoken=x".format(
        arm.base, arm.sub, API
    )
    response = arm.get(url)
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidSkipToken"
