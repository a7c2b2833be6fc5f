"""The provider-side modules (cross_connection, cross_connection_info,
cross_connection_peering) and circuit_diagnostics_info against the
emulator."""

from conftest import assert_ok


def test_cross_connection(run_playbook):
    assert_ok(run_playbook("cross_connection"))
