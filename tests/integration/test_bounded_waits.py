"""Issue 13: waits bounded by their options (refused pauses and timeouts,
throttled retries within wait_timeout)."""

from conftest import assert_ok


def test_bounded_waits(run_playbook):
    assert_ok(run_playbook("bounded_waits"))
