"""The connection modules against the emulator, with the acceptance step
of issue 4: a gateway (ErGw1AZ) in a second subscription linked to a circuit
with the circuit owner's authorization key."""

import os

from conftest import assert_ok


def test_connection(run_playbook, tmp_path):
    secret_file = tmp_path / "authorization_key"
    # -vvv: module arguments and results are printed; the key must not be.
    result = run_playbook("connection", extra_vars={"secret_file": str(secret_file)}, args=["-vvv"])
    assert_ok(result)
    key = secret_file.read_text().strip()
    assert len(key) >= 32, "the playbook did not hand over the authorization key"
    assert oct(os.stat(secret_file).st_mode & 0o777) == "0o600"
    assert key not in result.output, "the authorization key was printed"
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in result.output  # the connection's masked authorization_key
