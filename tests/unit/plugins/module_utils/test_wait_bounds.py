"""Bounded waits: pauses of at least 1 s and timeouts of 0 or more, refused
before anything is sent; wait_timeout bounds azure-core's own retries
(Retry-After and backoff) and says so when it ends the task."""

import json
import time

import pytest
from ansible.module_utils.testing import patch_module_args
from azure.core.pipeline import Pipeline
from azure.core.pipeline.transport import HttpRequest, HttpResponse, HttpTransport

from ansible_collections.hybridnet.expressroute.plugins.filter.wait_settings import wait_settings
from ansible_collections.hybridnet.expressroute.plugins.module_utils import _client, _waiter
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import RetryPastDeadline, ValidationError
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule
from ansible_collections.hybridnet.expressroute.plugins.module_utils._retry import DeadlineRetryPolicy


# -- the rules --------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, -1])
def test_an_interval_under_one_second_is_refused_naming_the_option(value):
    with pytest.raises(ValidationError) as info:
        _waiter.check_interval(value, "wait_for_provider_interval")
    assert str(info.value).startswith("wait_for_provider_interval {0} is too short".format(value))
    assert "Set wait_for_provider_interval to 1 or more" in str(info.value)


def test_a_negative_timeout_is_refused_and_zero_is_not():
    assert _waiter.check_timeout(0, "wait_timeout") == 0
    assert _waiter.check_interval(1, "wait_interval") == 1
    with pytest.raises(ValidationError) as info:
        _waiter.check_timeout(-5, "wait_timeout")
    assert "wait_timeout -5 is negative" in str(info.value) and "Set wait_timeout to 0 or more" in str(info.value)


def test_the_role_filter_applies_the_same_rules():
    problems = wait_settings(
        {"intervals": {"ipvpn_provider_wait_delay": 0}, "retries": {"ipvpn_provider_wait_retries": -1}}
    )
    assert len(problems) == 2
    assert problems[0].startswith("ipvpn_provider_wait_delay 0 is too short")
    assert problems[1].startswith("ipvpn_provider_wait_retries -1 is negative")
    assert wait_settings({"intervals": {"d": 1}, "retries": {"r": 0}, "timeouts": {"t": 0}}) == []
    assert wait_settings({"intervals": {"d": "x"}}) == ["d 'x' is not a whole number of seconds."]


# -- the module refuses before anything is sent ---------------------------------------
def run_module(capsys, args, **options):
    params = dict(auth_source="env")
    params.update(args)
    with patch_module_args(params):
        module = AzureModule(
            argument_spec=dict(
                wait_for_provider_interval=dict(type="int", default=30),
                wait_for_provider_timeout=dict(type="int", default=3600),
            ),
            supports_check_mode=True,
            **options,
        )
    capsys.readouterr()
    ran = []
    with pytest.raises(SystemExit), patch_module_args({}):
        module.execute(lambda m: ran.append(1) or dict(changed=True), "test")
    return json.loads(capsys.readouterr().out), ran


@pytest.mark.parametrize(
    "args, option",
    [
        ({"wait_timeout": -5}, "wait_timeout -5 is negative"),
        ({"wait_for_provider_interval": 0}, "wait_for_provider_interval 0 is too short"),
        ({"wait_for_provider_timeout": -1}, "wait_for_provider_timeout -1 is negative"),
    ],
)
def test_bad_wait_options_fail_the_task_before_it_runs(capsys, args, option):
    result, ran = run_module(
        capsys, args, intervals=["wait_for_provider_interval"], timeouts=["wait_for_provider_timeout"]
    )
    assert result["failed"] and result["msg"].startswith(option)
    assert ran == [], "the module ran (and could have written) despite the bad option"


def test_good_wait_options_run(capsys):
    result, ran = run_module(
        capsys, {"wait_timeout": 0, "wait_for_provider_interval": 1}, intervals=["wait_for_provider_interval"]
    )
    assert ran == [1] and not result.get("failed")


# -- azure-core's retries within the deadline -------------------------------------------
class Response(HttpResponse):
    def __init__(self, request, status, headers):
        super().__init__(request, None)
        self.status_code = status
        self.headers = headers
        self.reason = "Too Many Requests" if status == 429 else "OK"

    def body(self):
        return b"{}"


class Transport(HttpTransport):
    """Answers from a script; sleeps are recorded, not slept."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = 0
        self.sleeps = []

    def send(self, request, **kwargs):
        self.sent += 1
        status, headers = self.answers.pop(0)
        return Response(request, status, headers)

    def sleep(self, duration):
        self.sleeps.append(duration)

    def open(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def send(policy, transport):
    request = HttpRequest(
        "GET",
        "https://management.example/subscriptions/s/resourceGroups/rg/providers/"
        "Microsoft.Network/expressRouteCircuits/er1?api-version=2026-03-01",
    )
    return Pipeline(transport, policies=[policy]).run(request).http_response


def test_a_retry_after_longer_than_the_time_left_ends_the_task_at_once_and_says_why():
    deadline = _waiter.Deadline(10)
    policy = DeadlineRetryPolicy(deadline_of=lambda: deadline, **_client.RETRY_SETTINGS)
    transport = Transport([(429, {"Retry-After": "60"}), (200, {})])
    started = time.monotonic()
    with pytest.raises(RetryPastDeadline) as info:
        send(policy, transport)
    assert time.monotonic() - started < 5 and transport.sleeps == [] and transport.sent == 1
    message = str(info.value)
    assert (
        "Azure answered 429 to GET /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
        "expressRouteCircuits/er1 and asked to retry after 60 s (Retry-After)" in message
    )
    assert "but wait_timeout (10 s) leaves 10 s" in message and "raise wait_timeout" in message
    assert info.value.details["stopped_by_deadline"] is True


def test_a_retry_after_within_the_time_left_is_honoured():
    deadline = _waiter.Deadline(10)
    policy = DeadlineRetryPolicy(deadline_of=lambda: deadline, **_client.RETRY_SETTINGS)
    transport = Transport([(429, {"Retry-After": "1"}), (429, {"Retry-After": "2"}), (200, {})])
    assert send(policy, transport).status_code == 200
    assert transport.sleeps == [1, 2]


def test_backoff_past_the_deadline_stops_too():
    deadline = _waiter.Deadline(1, option="timeout")
    policy = DeadlineRetryPolicy(deadline_of=lambda: deadline, **_client.RETRY_SETTINGS)
    transport = Transport([(503, {}), (503, {}), (503, {}), (200, {})])
    with pytest.raises(RetryPastDeadline) as info:
        send(policy, transport)
    assert "(backoff)" in str(info.value) and "but timeout (1 s)" in str(info.value)
    assert all(s <= 1 for s in transport.sleeps)


def test_without_a_deadline_retries_are_azure_cores():
    policy = DeadlineRetryPolicy(**_client.RETRY_SETTINGS)
    transport = Transport([(429, {"Retry-After": "60"}), (200, {})])
    assert send(policy, transport).status_code == 200 and transport.sleeps == [60]


def test_the_client_uses_the_deadline_policy():
    class Credential:
        def get_token(self, *scopes, **kwargs):
            raise AssertionError("no request expected")

    from types import SimpleNamespace

    cloud = SimpleNamespace(resource_manager="https://management.example.invalid/", scope="https://example/.default")
    deadline = _waiter.Deadline(5)
    client = _client.network_client(Credential(), "sub", cloud, True, deadline_of=lambda: deadline)
    policy = client._config.retry_policy
    assert isinstance(policy, DeadlineRetryPolicy) and policy._deadline_of() is deadline
