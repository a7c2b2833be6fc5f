"""The circuit modules against the emulator (issue acceptance: AZURE_* only,
create, no-op with one GET, diff on raised bandwidth, refusal naming the
valid bandwidths before any write)."""

from conftest import assert_ok


def test_circuit_lifecycle(run_playbook):
    assert_ok(run_playbook("circuit"))
