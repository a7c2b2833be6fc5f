"""The golden files under golden/ are what the role renders today: any change to a template or to the model
shows up here as a diff to review. Regenerate with `make golden` after a deliberate change."""

import os

import pytest

import router_render


@pytest.mark.parametrize("scenario", [s["name"] for s in router_render.scenarios()])
def test_rendering_matches_the_golden_files(rendered, scenario):
    directory = os.path.join(router_render.GOLDEN, scenario)
    assert os.path.isdir(directory), "no golden files for %s: run `make golden`" % scenario
    golden = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name)) as handle:
            golden[name] = handle.read()
    assert sorted(rendered[scenario]) == sorted(golden), "files differ: run `make golden` and review the diff"
    for name, text in rendered[scenario].items():
        assert text == golden[name], "%s/%s differs from the golden file: run `make golden` and review" % (
            scenario,
            name,
        )


def test_every_dialect_role_and_peering_type_has_a_golden_scenario():
    covered = set()
    for scenario in router_render.scenarios():
        for peering in scenario["peerings"]:
            covered.add((scenario["device_role"], peering["peering_type"]))
    assert covered == {
        (role, kind) for role in ("ce", "pe_vrf") for kind in ("AzurePrivatePeering", "MicrosoftPeering")
    }
    for scenario in router_render.scenarios():
        files = os.listdir(os.path.join(router_render.GOLDEN, scenario["name"]))
        assert {f.split(".")[-2] for f in files} == set(router_render.DIALECTS)
