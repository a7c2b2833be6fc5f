"""The Virtual WAN modules (vwan_gateway, vwan_connection and their _info
twins) against the emulator: create, no-op with one GET, check-mode diff,
refusals with zero writes, the authorization key of another subscription
(never printed), teardown in Azure's order."""

from conftest import assert_ok


def test_vwan(run_playbook, tmp_path):
    # -vvv: module arguments and results are printed; the key must not be.
    result = run_playbook("vwan", args=["-vvv"])
    assert_ok(result)
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in result.output  # the masked authorization_key
