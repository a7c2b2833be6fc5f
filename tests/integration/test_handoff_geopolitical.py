"""The connectivity roles' handoff warns when a Standard circuit is linked
outside the geopolitical region of its peering location."""

from conftest import assert_ok


def test_handoff_geopolitical(run_playbook, tmp_path):
    output_dir = tmp_path / "output"
    output_dir.mkdir()
    assert_ok(run_playbook("handoff_geopolitical", {"output_dir": str(output_dir)}))
