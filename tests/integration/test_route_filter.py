"""The route filter modules against the emulator, end to end with the
Microsoft peering."""

from conftest import assert_ok


def test_route_filter(run_playbook):
    assert_ok(run_playbook("route_filter"))
