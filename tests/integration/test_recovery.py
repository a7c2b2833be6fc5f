"""Issue 13: a resource whose operation ended Failed is written again by the
next run of its module (peering, connection, authorization, route filter,
the provider's peering, Global Reach, cross-connection), check mode predicts
it, the run after changes nothing; a resource still Updating is waited for."""

from conftest import assert_ok


def test_failed_resources_are_healed_by_a_rerun(run_playbook):
    assert_ok(run_playbook("recovery"))
