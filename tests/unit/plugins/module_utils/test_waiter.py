"""Waiting against a deadline: conflicts retried, timeouts explained."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _waiter
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import OperationTimeout


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class Conflict(Exception):
    class error:
        code = "AnotherOperationInProgress"


def test_start_retries_conflicts_until_it_succeeds():
    clock = Clock()
    calls = []

    def begin():
        calls.append(clock.now)
        if len(calls) < 3:
            raise Conflict()
        return "poller"

    assert _waiter.start(begin, _waiter.Deadline(60, clock), "x", sleep=clock.sleep) == "poller"
    assert calls == [0.0, 2.0, 6.0]  # backoff 2 s, then 4 s


def test_start_gives_up_at_the_deadline_with_a_clear_message():
    clock = Clock()

    def begin():
        raise Conflict()

    with pytest.raises(OperationTimeout) as info:
        _waiter.start(begin, _waiter.Deadline(10, clock), "update circuit er1", sleep=clock.sleep)
    assert "another operation on the same ExpressRoute circuit" in str(info.value)
    assert "re-run the task later" in str(info.value)


def test_start_does_not_retry_other_errors():
    def begin():
        raise ValueError("boom")

    with pytest.raises(ValueError):
        _waiter.start(begin, _waiter.Deadline(10), "x", sleep=lambda s: None)


class Poller:
    def __init__(self, done):
        self._done = done

    def wait(self, timeout=None):
        self.waited = timeout

    def done(self):
        return self._done

    def status(self):
        return "InProgress"

    def result(self):
        return "resource"


def test_finish_returns_the_result_or_explains_the_timeout():
    assert _waiter.finish(Poller(True), _waiter.Deadline(5), "x") == "resource"
    with pytest.raises(OperationTimeout) as info:
        _waiter.finish(Poller(False), _waiter.Deadline(5), "create gateway gw1")
    assert "re-run the task to resume" in str(info.value) and "InProgress" in str(info.value)


def test_wait_until_counts_attempts_and_times_out():
    clock = Clock()
    values = iter(["NotProvisioned", "Provisioning", "Provisioned"])
    value, attempts = _waiter.wait_until(
        values.__next__,
        lambda v: v == "Provisioned",
        _waiter.Deadline(100, clock),
        lambda v, a: "late",
        10,
        sleep=clock.sleep,
    )
    assert (value, attempts) == ("Provisioned", 3)
    with pytest.raises(OperationTimeout) as info:
        _waiter.wait_until(
            lambda: "NotProvisioned",
            lambda v: False,
            _waiter.Deadline(25, clock),
            "still {0} after {1}".format,
            10,
            sleep=clock.sleep,
        )
    assert str(info.value) == "still NotProvisioned after 4"
