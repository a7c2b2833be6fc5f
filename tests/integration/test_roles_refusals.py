"""The connectivity-model roles against the emulator: what they refuse and
why (pre-flight, catalog, decommission, the provider's wait and other errors
during it), managed Layer 3 with link prefixes left to the provider, and
`<model>_router` without `dialects` rendering the default dialects."""

from conftest import assert_ok


def test_roles_refusals(run_playbook, tmp_path):
    output_dir = tmp_path / "output"
    output_dir.mkdir()
    assert_ok(run_playbook("roles_refusals", {"output_dir": str(output_dir)}))
