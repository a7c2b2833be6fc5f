"""Global Reach against the emulator, between two subscriptions, with an
authorization key that reaches the Global Reach task but never the output
(the playbook runs at -vvvv)."""

from conftest import assert_ok
from test_authorization import keys_absent_from_output


def test_global_reach(run_playbook, tmp_path):
    key_file = tmp_path / "keys.json"
    result = run_playbook("global_reach", extra_vars={"key_file": str(key_file)}, args=("-vvvv",))
    assert_ok(result)
    keys_absent_from_output(result, key_file)
