"""The connectivity-model roles against the emulator: what they refuse and
why (pre-flight, catalog, decommission, the provider's wait and other errors
during it), managed Layer 3 with link prefixes left to the provider, and
`<model>_router` without `dialects` rendering the default dialects."""

from conftest import assert_ok


def test_roles_refusals(run_playbook, tmp_path):
    output_dir = tmp_path / "output"
    output_dir.mkdir()
    result = run_playbook("roles_refusals", {"output_dir": str(output_dir)})
    assert_ok(result)
    # Issue 13: a wait for the provider that runs out ends with its own
    # message only, not ansible-core's "Unknown error" for the retry loop.
    assert "Unknown error" not in result.output
    assert result.output.count("has not provisioned circuit er-ipvpn after 1 attempts") >= 1
