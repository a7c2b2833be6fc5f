"""The one mechanism every module uses for the state it finds a resource in:
a Failed resource is written again (check mode says it would), a resource
still Updating is waited for (a re-run resumes), and the task says which."""

import json
import pathlib
import re
from types import SimpleNamespace

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _lifecycle
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import OperationTimeout
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

MODULES = pathlib.Path(__file__).resolve().parents[4] / "plugins" / "modules"
# Every module that writes a resource with a provisioningState.
WRITERS = (
    "circuit",
    "gateway",
    "peering",
    "connection",
    "authorization",
    "route_filter",
    "global_reach",
    "cross_connection",
    "cross_connection_peering",
    "vwan_gateway",
    "vwan_connection",
)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def make_module(capsys, check_mode=False, **args):
    params = dict(auth_source="env", _ansible_check_mode=check_mode)
    params.update(args)
    with patch_module_args(params):
        module = AzureModule(argument_spec={}, supports_check_mode=True)
    capsys.readouterr()
    return module


def finish(module, capsys, run):
    with pytest.raises(SystemExit), patch_module_args({}):  # exit_json needs the module profile
        module.execute(run, "test")
    return json.loads(capsys.readouterr().out)


def resource(state):
    return SimpleNamespace(provisioning_state=state)


def test_a_failed_resource_is_written_again_and_the_task_says_so(capsys):
    module = make_module(capsys)
    warnings = []
    module.ansible.warn = warnings.append  # ansible-core's own warning store is process-wide

    def run(m):
        diff = {"before": {"vlan_id": 100}, "after": {"vlan_id": 100}}
        assert m.reapplies("Failed", "AzurePrivatePeering of circuit er1", diff) is True
        return dict(changed=True, diff=diff)

    result = finish(module, capsys, run)
    assert result["changed"] is True
    assert result["recovery"] == [
        {"resource": "AzurePrivatePeering of circuit er1", "found": "Failed", "action": "reapplied"}
    ]
    assert result["msg"] == (
        "AzurePrivatePeering of circuit er1 was in provisioningState Failed (its last operation "
        "failed): it was written again with its settings to recover it, and that operation "
        "succeeded."
    )
    assert any("is in provisioningState Failed" in w and "it is written again" in w for w in warnings), warnings


def test_check_mode_predicts_the_reapply_with_the_same_diff(capsys):
    diffs = []
    for check_mode in (True, False):
        module = make_module(capsys, check_mode=check_mode, _ansible_diff=True)

        def run(m):
            diff = {"before": {"tags": {}}, "after": {"tags": {}}}
            m.reapplies("Failed", "connection c1", diff)
            return dict(changed=True, diff=diff)

        result = finish(module, capsys, run)
        diffs.append(result["diff"])
        if check_mode:
            assert result["recovery"][0]["action"] == "would_reapply"
            assert "it would be written again with its settings" in result["msg"]
    assert diffs[0] == diffs[1]
    assert diffs[0]["before"]["provisioning_state"] == "Failed"
    assert diffs[0]["after"]["provisioning_state"] == "Succeeded"


def test_a_resource_not_failed_is_not_written_again(capsys):
    module = make_module(capsys)
    for state in ("Succeeded", "Updating", None):
        assert module.reapplies(state, "route filter rf1") is False
    assert not module.notes


def test_without_wait_a_reapply_says_azure_carries_it_out(capsys):
    module = make_module(capsys, wait=False)
    result = finish(module, capsys, lambda m: dict(changed=m.reapplies("Failed", "authorization a1 of circuit er1")))
    assert "Azure is carrying that out (wait: false)" in result["msg"]


def test_a_resource_still_updating_is_waited_for_and_the_wait_is_said(capsys):
    module = make_module(capsys)
    clock = Clock()
    module.sleep = clock.sleep
    states = iter(["Updating", "Updating", "Succeeded"])
    reads = []

    def read():
        reads.append(1)
        return resource(next(states))

    def run(m):
        model = m.settled(read, "Global Reach connection gr1 of circuit er1", interval=3)
        return dict(changed=False, state=model.provisioning_state)

    result = finish(module, capsys, run)
    assert result["state"] == "Succeeded" and len(reads) == 3 and clock.now == 6
    note = result["recovery"][0]
    assert (note["action"], note["found"], note["reads"], note["outcome"]) == ("waited", "Updating", 3, "Succeeded")
    assert result["msg"].startswith(
        "Global Reach connection gr1 of circuit er1 was Updating (an operation already running on it): waited"
    )


def test_the_wait_on_a_running_operation_ends_at_wait_timeout_and_a_rerun_resumes(capsys):
    module = make_module(capsys, wait_timeout=0)
    with pytest.raises(OperationTimeout) as info:
        module.settled(lambda: resource("Updating"), "connection c1")
    assert "re-run the task to resume waiting" in str(info.value)


def test_check_mode_and_wait_false_plan_against_a_running_resource_without_waiting(capsys):
    for check_mode, wait, reason in ((True, True, "check mode does not wait"), (False, False, "wait is false")):
        module = make_module(capsys, check_mode=check_mode, wait=wait)
        reads = []
        module.settled(lambda reads=reads: reads.append(1) or resource("Updating"), "peering p1")
        assert len(reads) == 1
        assert module.notes.items == [
            {"resource": "peering p1", "found": "Updating", "action": "not_waited", "reason": reason}
        ]


def test_a_settled_resource_costs_one_read_and_no_note(capsys):
    module = make_module(capsys)
    reads = []
    module.settled(lambda: reads.append(1) or resource("Succeeded"), "circuit er1")
    module.settled(lambda: reads.append(1) or None, "circuit er2")
    assert len(reads) == 2 and not module.notes


def test_a_child_state_is_read_through_its_parent(capsys):
    module = make_module(capsys)
    module.sleep = Clock().sleep
    parents = iter([{"child": "Updating"}, {"child": "Failed"}])
    parent = module.settled(lambda: next(parents), "child of parent", state_of=lambda p: p["child"])
    assert parent == {"child": "Failed"}
    assert module.notes.items[0]["outcome"] == "Failed"


@pytest.mark.parametrize("name", WRITERS)
def test_every_writing_module_uses_the_one_mechanism(name):
    source = (MODULES / (name + ".py")).read_text()
    # module.apply_plan re-applies through module.reapplies.
    assert "module.reapplies(" in source or "module.apply_plan(" in source, (
        name + " does not re-apply a Failed resource through module.reapplies"
    )
    assert "module.settled(" in source, name + " does not wait for a running operation through module.settled"
    # No module keeps its own copy of the rule.
    assert not re.search(r'provisioning_state"\]\s*==\s*"Failed"', source), name


def test_sentences_name_each_case():
    notes = _lifecycle.Notes()
    notes.waited("gateway g1", "Updating", 4, 12.04, "Succeeded")
    notes.not_waited("circuit er1", "Deleting", "wait is false")
    assert notes.sentences() == (
        "Gateway g1 was Updating (an operation already running on it): waited 12 s (4 reads) for it to finish; it "
        "ended Succeeded. Circuit er1 is Deleting (an operation is running on it); wait is false, so the task "
        "planned against it as it is."
    )
    assert notes.reads_waited() == 4


def plan(module, state, before, after, busy=None):
    """module.apply_plan over a resource found in provisioningState ``state``
    (None: absent); (result, writes made)."""
    writes = []
    current = None if state is None else {"name": "g1", "provisioning_state": state, "sku": before["sku"]}
    result = module.apply_plan(
        "gateway",
        current,
        before,
        after,
        ("sku", "tags"),
        "gateway g1",
        lambda: dict(after, predicted=True),
        lambda recover: writes.append(recover) or {"sku": after["sku"], "answered": True},
        lambda final: dict(final, shaped=True),
        busy=busy,
    )
    return result, writes


def test_apply_plan_writes_a_change_and_shapes_the_answer(capsys):
    module = make_module(capsys)
    result, writes = plan(module, "Succeeded", {"sku": "A", "tags": {}}, {"sku": "B", "tags": {}})
    assert writes == [False]
    assert result["changed"] and result["gateway"] == {"sku": "B", "answered": True, "shaped": True}
    assert result["diff"] == {"before": {"sku": "A", "tags": {}}, "after": {"sku": "B", "tags": {}}}


def test_apply_plan_leaves_an_unchanged_resource_alone(capsys):
    module = make_module(capsys)
    same = {"sku": "A", "tags": {}}
    result, writes = plan(module, "Succeeded", same, dict(same))
    assert writes == [] and not result["changed"] and result["gateway"]["provisioning_state"] == "Succeeded"


def test_apply_plan_reapplies_a_failed_resource_and_predicts_in_check_mode(capsys):
    same = {"sku": "A", "tags": {}}
    result, writes = plan(make_module(capsys), "Failed", same, dict(same))
    assert writes == [True] and result["changed"]
    assert result["diff"]["before"]["provisioning_state"] == "Failed"
    result, writes = plan(make_module(capsys, check_mode=True), "Failed", same, dict(same))
    assert writes == [] and result["changed"] and result["gateway"]["predicted"]


def test_apply_plan_asks_busy_before_changing_a_running_resource(capsys):
    def busy():
        raise RuntimeError("busy")

    with pytest.raises(RuntimeError):
        plan(make_module(capsys), "Updating", {"sku": "A", "tags": {}}, {"sku": "B", "tags": {}}, busy=busy)
    result, writes = plan(make_module(capsys), "Updating", {"sku": "A", "tags": {}}, {"sku": "A", "tags": {}}, busy)
    assert writes == [] and not result["changed"]


class Operations:
    """An SDK operations group that records what is called."""

    def __init__(self):
        self.calls = []

    def begin_create_or_update(self, *args, polling):
        self.calls.append(("put",) + args)
        return SimpleNamespace(result=lambda: "put", done=lambda: True)

    def begin_update_tags(self, *args, polling):
        self.calls.append(("tags",) + args[:-1] + (args[-1].tags,))
        return SimpleNamespace(result=lambda: "tags", done=lambda: True)


@pytest.mark.parametrize(
    "model, before, after, recover, call",
    [
        (None, None, {"sku": "A", "tags": {"a": "1"}}, False, ("put", "rg", "g1", "new")),
        ("m", {"sku": "A", "tags": {}}, {"sku": "B", "tags": {}}, False, ("put", "rg", "g1", "changed")),
        ("m", {"sku": "A", "tags": {}}, {"sku": "A", "tags": {"a": "1"}}, False, ("tags", "rg", "g1", {"a": "1"})),
        # A Failed resource is written whole, also when only its tags change.
        ("m", {"sku": "A", "tags": {}}, {"sku": "A", "tags": {"a": "1"}}, True, ("put", "rg", "g1", "changed")),
    ],
)
def test_write_puts_or_patches_the_tags_alone(capsys, model, before, after, recover, call):
    module = make_module(capsys, wait=False)
    operations = Operations()
    module.write(
        operations,
        ("rg", "g1"),
        model,
        lambda: "new",
        lambda: "changed",
        "gateway g1",
        before,
        after,
        ("sku", "tags"),
        recover,
    )
    assert operations.calls == [call]
