"""The peering modules against the emulator."""

from conftest import assert_ok


def test_peering(run_playbook):
    assert_ok(run_playbook("peering"))
