"""Issue 13: the validation gaps closed, each refused before any write (and
by the emulator, as by Azure)."""

from conftest import assert_ok


def test_validation_gaps(run_playbook):
    assert_ok(run_playbook("validation_gaps"))
