"""The fault matrix (issue 13 item 5): every fault kind Azure really fails
with (tests/emulator/README.md, "Faults as Azure really fails") × every
resource the roles write, each a minimal play of that resource alone (the
resource's own module, as the roles call it), run three times on a fresh
emulator:

1. with the fault: it finishes, or fails with a clear message (no
   traceback, no MODULE FAILURE), within its wait_timeout plus start-up;
2. without it: it heals (succeeds);
3. again: nothing changes (changed=0);

and then the emulator holds exactly the expected resources, each
Succeeded: no duplicate, no orphan, nothing left Failed or Updating.

The table and the totals are printed in the terminal summary (conftest.py).
"""

import re

import pytest

CIRCUIT = r"/resourcegroups/rg-expressroute/providers/microsoft\.network/expressroutecircuits/er-f"
CROSS_CONNECTION = r"/providers/microsoft\.network/expressroutecrossconnections/[0-9a-f-]{36}"
GATEWAY = r"/resourcegroups/rg-network/providers/microsoft\.network/virtualnetworkgateways/gw-f"

# resource: (what the fault matches in the request path, resources expected
# afterwards as regexes over the emulator's resource ids, what the target
# play needs from the prerequisites)
RESOURCES = {
    "circuit": (r"/expressRouteCircuits/er-f$", [CIRCUIT, CROSS_CONNECTION], ()),
    "private_peering": (
        r"/expressRouteCircuits/er-f/peerings/AzurePrivatePeering$",
        [CIRCUIT, CROSS_CONNECTION, CIRCUIT + "/peerings/azureprivatepeering"],
        (),
    ),
    "microsoft_peering": (
        r"/expressRouteCircuits/er-f/peerings/MicrosoftPeering$",
        [CIRCUIT, CROSS_CONNECTION, CIRCUIT + "/peerings/microsoftpeering"],
        (),
    ),
    "route_filter": (
        r"/routeFilters/rf-f$",
        [
            r"/resourcegroups/rg-expressroute/providers/microsoft\.network/routefilters/rf-f",
            r"/routefilters/rf-f/routefilterrules/[^/]+",
        ],
        (),
    ),
    "authorization": (
        r"/expressRouteCircuits/er-f/authorizations/auth-f$",
        [CIRCUIT, CROSS_CONNECTION, CIRCUIT + "/authorizations/auth-f"],
        (),
    ),
    "gateway": (r"/virtualNetworkGateways/gw-f$", [GATEWAY], ()),
    "connection": (
        r"/connections/cn-f$",
        [
            CIRCUIT,
            CROSS_CONNECTION,
            CIRCUIT + "/peerings/azureprivatepeering",
            GATEWAY,
            r"/resourcegroups/rg-network/providers/microsoft\.network/connections/cn-f",
        ],
        (),
    ),
    "cross_connection": (r"/expressRouteCrossConnections/[^/]+$", [CIRCUIT, CROSS_CONNECTION], ("service_key",)),
    "cross_connection_peering": (
        r"/expressRouteCrossConnections/[^/]+/peerings/AzurePrivatePeering$",
        [CIRCUIT, CROSS_CONNECTION, CIRCUIT + "/peerings/azureprivatepeering"],
        ("service_key",),
    ),
}

WAIT_TIMEOUT = 4  # the first run's wait_timeout: short, so that a stuck operation outlives it
HEAL_TIMEOUT = 60  # later runs: long enough to resume waiting on what the first left running
HOLD_SECONDS = 8  # a stuck operation: InProgress this long, past WAIT_TIMEOUT
STARTUP_SLACK = 25  # ansible-playbook start-up, the token and the reads around the write

FAULTS = {
    # Azure applied the write, the answer was lost (connection dropped after the store).
    "drop_after": lambda path: {"method": "PUT", "path": path, "drop_after": True, "count": 1},
    # The operation stays InProgress past the task's deadline.
    "stuck": lambda path: {"method": "PUT", "path": path, "hold_seconds": HOLD_SECONDS},
    # The operation ends Failed, leaving the resource as written, Failed.
    "failed": lambda path: {
        "method": "PUT",
        "path": path,
        "operation_error": {
            "code": "InternalServerError",
            "message": "An error occurred (injected by the fault matrix).",
        },
    },
    # A 429 storm: every call to the resource throttled with a long Retry-After.
    "429_storm": lambda path: {"method": "*", "path": path, "status": 429, "retry_after": 60, "count": 6},
}

NEEDS_PREREQ = {
    "private_peering",
    "microsoft_peering",
    "authorization",
    "connection",
    "cross_connection",
    "cross_connection_peering",
}


def describe_first(run):
    if run.timed_out:
        return "did not end in time"
    if run.ok:
        return "ok, changed" if run.changed else "ok"
    return "failed: " + (run.message or "(no message)")


def state_problems(found, expected):
    """Duplicates, orphans and unsettled resources among what the scenario
    created (``found``: {id: provisioningState}, the seed removed)."""
    problems = []
    matched = set()
    for pattern in expected:
        hits = [i for i in found if re.search(pattern + "$", i)]
        if len(hits) != 1:
            problems.append("{0} resources match {1}: {2}".format(len(hits), pattern, hits))
        matched.update(hits)
    orphans = sorted(set(found) - matched)
    if orphans:
        problems.append("unexpected (orphans or duplicates): {0}".format(orphans))
    unsettled = {i: s for i, s in found.items() if s not in ("Succeeded", None)}
    if unsettled:
        problems.append("not Succeeded: {0}".format(unsettled))
    return problems


# One xdist group per resource (make test-faults: --dist loadgroup), so that
# a worker builds a resource's prerequisites once for its four faults.
@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("resource", [pytest.param(r, marks=pytest.mark.xdist_group(r)) for r in sorted(RESOURCES)])
def test_fault_then_heal_then_no_change(lab, resource, fault, record_property):
    path, expected, needs = RESOURCES[resource]
    row = {"resource": resource, "fault": fault, "first": "-", "second": "-", "third": "-", "state": "-"}
    record_property("fault_row", row)
    lab.controls.reset()
    seed = set(lab.resources())
    extra = {}
    if resource in NEEDS_PREREQ and resource in lab.prepared:
        lab.restore(lab.prepared[resource])
    elif resource in NEEDS_PREREQ:
        prereq = lab.play(resource, "prereq", HEAL_TIMEOUT)
        assert prereq.ok, "prerequisites failed (no fault yet):\n" + prereq.output[-4000:]
        lab.prepared[resource] = lab.snapshot()
    if "service_key" in needs:
        circuit = [
            r
            for r in lab.emulator.store.data["resources"].values()
            if r["type"].lower() == "microsoft.network/expressroutecircuits"
        ]
        extra["service_key"] = circuit[0]["properties"]["serviceKey"]

    lab.controls.fault(**FAULTS[fault](path))
    first = lab.play(resource, "target", WAIT_TIMEOUT, time_limit=WAIT_TIMEOUT + STARTUP_SLACK, **extra)
    row["first"] = describe_first(first)
    for sign in ("Traceback", "MODULE FAILURE"):
        assert sign not in first.output, "first run (with the fault) crashed:\n" + first.output[-4000:]
    assert not first.timed_out, "first run did not end within wait_timeout {0} s + {1} s:\n{2}".format(
        WAIT_TIMEOUT, STARTUP_SLACK, first.output[-3000:]
    )
    assert first.ok or first.message, "first run failed without a message:\n" + first.output[-4000:]

    # The second and third runs: two passes of one ansible-playbook (fresh
    # module processes each; a third start-up would only add time).
    lab.controls.clear_faults()
    healing = lab.play(resource, "target", HEAL_TIMEOUT, passes=2, **extra)
    healed = healing.returncode == 0 and healing.failed == 0
    row["second"] = "healed" if healed else "FAILED"
    row["third"] = "changed={0}".format(healing.changed_again) if healed else "-"
    assert healed, "second run (no fault) did not heal:\n" + healing.output[-4000:]
    assert healing.changed_again == 0, "third run changed something:\n" + healing.output[-4000:]

    lab.settle()
    found = {i: s for i, s in lab.resources().items() if i not in seed}
    problems = state_problems(found, expected)
    row["state"] = "clean" if not problems else "BAD"
    assert not problems, "emulator state after healing: " + "; ".join(problems)
