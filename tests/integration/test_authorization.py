"""The authorization modules against the emulator.  The playbook runs at
-vvvv and leaves the keys it was given in a 0600 file: none may appear in the
output, although later tasks used them from the registered variable."""

import json

from conftest import assert_ok


def keys_absent_from_output(result, key_file):
    keys = json.loads(key_file.read_text())
    assert keys and all(len(k) == 36 for k in keys)
    for key in keys:
        assert key.lower() not in result.output.lower(), "an authorization key was printed"
    assert "the output has been hidden" in result.output  # the action plugin marked the results


def test_authorization(run_playbook, tmp_path):
    key_file = tmp_path / "keys.json"
    result = run_playbook("authorization", extra_vars={"key_file": str(key_file)}, args=("-vvvv",))
    assert_ok(result)
    keys_absent_from_output(result, key_file)
