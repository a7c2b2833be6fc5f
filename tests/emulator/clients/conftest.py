"""Clients nobody here wrote, run unmodified against a served emulator.

The Azure CLI suite tallies every ``az`` command it runs; the tally is
printed at the end of the run (issue 11 asks for commands run/passed)."""

import pytest

TALLY_KEY = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[TALLY_KEY] = []


@pytest.fixture(scope="session")
def cli_tally(pytestconfig):
    """Where the CLI suite records each command it runs."""
    return pytestconfig.stash[TALLY_KEY]


def pytest_terminal_summary(terminalreporter, config):
    commands = config.stash.get(TALLY_KEY, [])
    if not commands:
        return
    passed = [c for c in commands if c["ok"]]
    terminalreporter.section("Azure CLI commands against the emulator")
    for command in commands:
        terminalreporter.write_line(
            "{0:4} {1:5.1f}s  az {2}".format("ok" if command["ok"] else "FAIL", command["seconds"], command["shown"])
        )
    terminalreporter.write_line(
        "Azure CLI commands run: {0}, passed: {1}, failed: {2}".format(
            len(commands), len(passed), len(commands) - len(passed)
        )
    )
