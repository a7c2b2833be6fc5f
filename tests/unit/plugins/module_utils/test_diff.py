"""The diff helper: what counts as a change, and what a diff shows."""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _diff


def test_apply_keeps_unasked_fields():
    assert _diff.apply({"a": 1, "b": 2}, {"a": None, "b": 3}) == {"a": 1, "b": 3}


def test_diff_of_create_and_delete():
    assert _diff.diff(None, {"a": 1}) == {"before": {}, "after": {"a": 1}}
    assert _diff.diff({"a": 1, "b": 2}, None, ["a"]) == {"before": {"a": 1}, "after": {}}


def test_merge_tags():
    assert _diff.merge_tags({"a": "1"}, {"b": "2"}, purge=False) == {"a": "1", "b": "2"}
    assert _diff.merge_tags({"a": "1"}, {"b": "2"}, purge=True) == {"b": "2"}
    assert _diff.merge_tags({"a": "1"}, None, purge=True) == {"a": "1"}


def test_merge_tags_compares_values_as_azure_stores_them():
    assert _diff.merge_tags({"n": "1"}, {"n": 1, "flag": True, "owner": None}, purge=False) == {
        "n": "1",
        "flag": "True",
        "owner": "",
    }
