"""port_authorization and port_loa against the emulator (issue 16): create,
no-op with one GET, check-mode diff, a circuit in another subscription
redeeming the key, refusals with zero writes, teardown; the key never in the
output at -vvvv; the LOA a PDF written 0600."""

import json

from conftest import assert_ok


def test_port_authorization_and_loa(run_playbook, tmp_path):
    key_file = tmp_path / "keys.json"
    result = run_playbook(
        "port_authorization", extra_vars={"key_file": str(key_file), "out_dir": str(tmp_path)}, args=("-vvvv",)
    )
    assert_ok(result)
    keys = json.loads(key_file.read_text())
    assert keys and all(len(k) == 36 for k in keys)
    for key in keys:
        assert key.lower() not in result.output.lower(), "a port authorization key was printed"
