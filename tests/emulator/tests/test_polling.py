"""Long-running operations timed as live ARM times them: no Retry-After, so
clients poll at their own interval; durations fast by default, realistic on
request (config.REALISTIC_LRO_SECONDS)."""

import time
from types import SimpleNamespace

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _client
from conftest import make_client, make_credential
from er_helpers import RG

from expressroute_emulator.config import REALISTIC_LRO_SECONDS


def route_filter():
    from azure.mgmt.network.models import RouteFilter

    return RouteFilter(location="westeurope")


def operation_polls(controls, since):
    return [r for r in controls.requests(since) if r["method"] == "GET" and "/operations/" in r["path"]]


def gaps(polls):
    return [b["time"] - a["time"] for a, b in zip(polls, polls[1:])]


def test_the_sdk_polls_at_its_own_interval(emulator_endpoint, emulator_controls):
    """An operation longer than the client's poll interval: the client waits
    its own interval between polls (nothing tells it otherwise)."""
    emulator_controls.configure(lro_seconds={"routeFilters": 1.5})
    network = make_client(emulator_endpoint, polling_interval=0.5)
    since = emulator_controls.request_count()
    started = time.time()
    made = network.route_filters.begin_create_or_update(RG, "rf1", route_filter()).result()
    assert made.provisioning_state == "Succeeded" and time.time() - started >= 1.5
    polls = operation_polls(emulator_controls, since)
    assert len(polls) >= 3
    assert all(gap >= 0.45 for gap in gaps(polls[1:])), gaps(polls)


def test_realistic_durations_with_the_collections_client(emulator_endpoint, emulator_controls):
    """The "realistic" preset and the client the collection builds (5 s
    between polls when ARM sends no Retry-After): a route filter takes live
    ARM's 8 s, polled at 0, 5 and 10 s."""
    settings = emulator_controls.configure(lro_seconds="realistic")
    assert settings["lro_seconds"] == REALISTIC_LRO_SECONDS and settings["retry_after"] is None
    cloud = SimpleNamespace(
        resource_manager=emulator_endpoint["base_url"], scope="https://management.azure.com/.default"
    )
    network = _client.network_client(
        make_credential(emulator_endpoint), emulator_endpoint["subscription_id"], cloud, emulator_endpoint["ca_bundle"]
    )
    since = emulator_controls.request_count()
    started = time.time()
    network.route_filters.begin_create_or_update(RG, "rf1", route_filter()).result()
    elapsed = time.time() - started
    assert REALISTIC_LRO_SECONDS["routeFilters"] <= elapsed < REALISTIC_LRO_SECONDS["routeFilters"] + 5
    polls = operation_polls(emulator_controls, since)
    assert len(polls) == 3, polls
    assert all(_client.DEFAULT_POLL_INTERVAL - 0.1 <= gap < _client.DEFAULT_POLL_INTERVAL + 1 for gap in gaps(polls))


def test_retry_after_is_sent_only_when_asked_for(arm, emulator_controls):
    url = (
        "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/routeFilters/rf1?api-version="
        "2024-07-01".format(arm.base, arm.sub, RG)
    )
    emulator_controls.configure(lro_seconds={"routeFilters": 5})
    created = arm.put(url, json={"location": "westeurope"})
    assert "Retry-After" not in created.headers
    assert "Retry-After" not in arm.get(created.headers["Azure-AsyncOperation"]).headers
    emulator_controls.configure(retry_after=2)
    status = arm.get(created.headers["Azure-AsyncOperation"])
    assert status.json() == {"status": "InProgress"} and status.headers["Retry-After"] == "2"
