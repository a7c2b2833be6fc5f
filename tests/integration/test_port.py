"""ExpressRoute Direct modules against the emulator (issue 16): port,
port_info, port_location_info and circuit on a port — create, no-op with one
GET, check-mode diff equal to the real run's, refusals with zero writes,
teardown."""

from conftest import assert_ok


def test_port_and_circuit_on_port(run_playbook):
    assert_ok(run_playbook("port"))
