"""Issue acceptance: every resource around a circuit, built and torn down in
Azure's order, each step checked in check mode, for real and once more."""

from conftest import assert_ok


def test_from_order_to_traffic_and_back(run_playbook):
    assert_ok(run_playbook("expressroute_e2e"))
