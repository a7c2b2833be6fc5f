"""Every FRR golden and the FRR configs the four connectivity-model roles render, judged from Microsoft's side.

All cases are built at once and judged side by side (msee_view.judge_all); the figures (convergence per case,
prefixes each MSEE received per session) are printed as a table (pytest -s, or on failure).
"""

import os

import pytest

import cases
import frrconf
import msee_view

GOLDEN = cases.golden_cases()
NAMES = [c.name for c in GOLDEN] + ["role-" + m for m in cases.MODELS]
# The lab's own IPv6 check (a hand-written dual-stack file) while the role renders IPv4 only; rendered IPv6
# sessions, once there, are judged like every other session.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "dual_stack_selftest.frr.cfg")) as _handle:
    DUAL_STACK = msee_view.Case("selftest-dual-stack", {"ce1": _handle.read()})
UNANCHORED = "negative-unanchored-nat-pool"
TIMEOUT_S = 45  # convergence is ~10 s alone, ~20-30 s with every case and other suites running


@pytest.fixture(scope="module")
def all_cases(tmp_path_factory):
    """Every golden and the four roles' files (rendered by the roles' steps), by name."""
    found = {c.name: c for c in GOLDEN + cases.role_cases(tmp_path_factory.mktemp("role-render"))}
    assert sorted(found) == sorted(NAMES)
    # The negative case: the cloud_exchange role's files with every anchor route overlapping the NAT pool removed.
    exchange = found["role-cloud_exchange"]
    found[UNANCHORED] = msee_view.Case(
        UNANCHORED,
        {d: frrconf.strip_anchors(t, str(exchange.nat_pools[0])) for d, t in exchange.files.items()},
        exchange.nat_pools,
        exchange.asked,
    )
    found[DUAL_STACK.name] = DUAL_STACK
    return found


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory, all_cases):
    result = msee_view.judge_all(tmp_path_factory.mktemp("msee-view"), list(all_cases.values()), timeout=TIMEOUT_S)
    print("\n" + msee_view.table(result))
    return result


def _unanchored_pools(case):
    """NAT pools no file of the case anchors (in any VRF)."""
    out = []
    for pool in case.nat_pools:
        if not any(
            frrconf.anchored(frrconf.parse(t), str(pool), vrf)
            for t in case.files.values()
            for vrf in [None] + sorted({i["vrf"] for i in frrconf.parse(t)["interfaces"].values() if i["vrf"]})
        ):
            out.append(pool)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_the_msee_receives_what_the_config_announces(verdicts, all_cases, name):
    case, verdict = all_cases[name], verdicts[name]
    sessions = [v["session"] for v in verdict["seen"]]
    assert sessions, "no session toward AS 12076 in %s" % case.name
    # Both links: a primary and a secondary session per peering and address family (dual stack: IPv4 and IPv6).
    for peering, family in {(s["peering"], s["family"]) for s in sessions}:
        assert sorted(s["role"] for s in sessions if (s["peering"], s["family"]) == (peering, family)) == [
            "primary",
            "secondary",
        ], (peering, family)
    unanchored = _unanchored_pools(case)
    if unanchored and verdict["problems"]:
        # Only the Microsoft sessions may fail, and only for what the unanchored pool should have carried.
        for problem in verdict["problems"]:
            assert "MicrosoftPeering" in problem and "did not receive" in problem, (problem, verdict.get("logs"))
        pytest.xfail(
            "Microsoft peering NAT pool %s is not anchored in the rendered file, so the MSEE receives "
            "none of it (issue 12 item 1, origination)" % ", ".join(map(str, unanchored))
        )
    assert not verdict["problems"], "\n".join(verdict["problems"]) + "\n" + verdict.get("logs", "")
    assert verdict["converged_s"] is not None


def test_an_unanchored_nat_pool_fails_the_check(verdicts, all_cases):
    verdict = verdicts[UNANCHORED]
    pool = all_cases[UNANCHORED].nat_pools[0]
    missing = [p for p in verdict["problems"] if "MicrosoftPeering" in p and "did not receive" in p]
    assert len(missing) == 2, verdict["problems"]  # primary and secondary
    assert all(str(pool.supernet(new_prefix=24)) in p or str(pool) in p for p in missing), missing
    # The private peering of the same files is unaffected: its sessions pass every check.
    assert not [p for p in verdict["problems"] if "AzurePrivatePeering" in p], verdict["problems"]


@pytest.mark.parametrize("name", NAMES)
def test_the_announcement_is_what_the_inputs_asked_for(all_cases, name):
    """What the lab expects the MSEE to receive (the outbound policy) covers every prefix the inputs named."""
    case = all_cases[name]
    for text in case.files.values():
        for session in frrconf.sessions(frrconf.parse(text)):
            # Per address family: the IPv4 session carries the IPv4 prefixes asked for, the IPv6 one the IPv6 ones.
            asked = [p for p in case.asked[session["peering"]] if (":" in p) == (session["family"] == 6)]
            assert cases.covers(session["announce"], asked), (session, case.asked)


def test_private_and_microsoft_peering_run_on_their_own_sessions(verdicts, all_cases):
    both = [all_cases[n] for n in NAMES if set(all_cases[n].asked) == {"AzurePrivatePeering", "MicrosoftPeering"}]
    assert both, "no case renders both peerings"
    for case in both:
        seen = verdicts[case.name]["seen"]
        for device in case.files:
            # Per address family (a dual-stack link's IPv4 and IPv6 sessions share its interface): one interface
            # per peering; both peerings in IPv4.
            for family in (4, 6):
                mine = [
                    v["session"] for v in seen if v["session"]["device"] == device and v["session"]["family"] == family
                ]
                assert len({s["interface"]["name"] for s in mine}) == len(mine), mine
                assert family == 6 or len(mine) == 2, mine
        private = [v for v in seen if v["session"]["peering"] == "AzurePrivatePeering"]
        # What the MSEE received on each private session (IPv4 and, dual stack, IPv6).
        assert all(v["state"] == "Established" and len(v["routes"]) >= 1 for v in private), [
            (v["session"]["device"], v["session"]["family"], v["state"], v["pfx_rcd"], list(v["routes"]))
            for v in private
        ]


def test_the_cases_cover_one_and_two_links_per_router_and_vrfs(all_cases):
    files = [t for n in NAMES for t in all_cases[n].files.values()]
    per_device = [len({s["role"] for s in frrconf.sessions(frrconf.parse(t))}) for t in files]
    assert 1 in per_device and 2 in per_device, per_device
    assert any(i["vrf"] for t in files for i in frrconf.parse(t)["interfaces"].values())


def test_the_secondary_shows_the_prepend_where_configured(verdicts):
    checked = 0
    for name in NAMES:
        for v in verdicts[name]["seen"]:
            s = v["session"]
            if s["prepend"] and v["routes"]:
                for paths in v["routes"].values():
                    assert paths[0]["path"] == " ".join(map(str, [s["presented_as"]] + s["prepend"]))
                    checked += 1
    assert checked, "no configured prepend was observed at an MSEE"


def test_ipv6_sessions_are_judged_where_rendered(verdicts, all_cases):
    for case in [all_cases[n] for n in NAMES] + [DUAL_STACK]:
        rendered_v6 = any(
            ":" in a
            for t in case.files.values()
            for i in frrconf.parse(t)["interfaces"].values()
            for a in i["addresses"]
        )
        judged_v6 = [v for v in verdicts[case.name]["seen"] if v["session"]["family"] == 6]
        assert bool(judged_v6) == rendered_v6, case.name
    verdict = verdicts[DUAL_STACK.name]
    assert not verdict["problems"], verdict["problems"]
    v6 = [v for v in verdict["seen"] if v["session"]["family"] == 6]
    assert sorted(v["session"]["role"] for v in v6) == ["primary", "secondary"]
    assert all(v["bfd"] == "up" and list(v["routes"]) == ["fd00:15::/48"] for v in v6)
    secondary = next(v for v in v6 if v["session"]["role"] == "secondary")
    assert secondary["routes"]["fd00:15::/48"][0]["path"] == "65020 65020 65020"
