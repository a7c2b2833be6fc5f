"""The three connectivity-model roles' argument specs are written once
(scripts/role_argument_specs.yml.j2 and the models' own words in
scripts/role_argument_specs.py): each role's meta/argument_specs.yml is
exactly what the script writes."""

import importlib.util
import os

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SPEC = importlib.util.spec_from_file_location(
    "role_argument_specs", os.path.join(ROOT, "scripts", "role_argument_specs.py")
)
generator = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(generator)


@pytest.mark.parametrize("model", sorted(generator.MODELS))
def test_the_roles_spec_is_the_generated_one(model):
    with open(generator.path_of(model)) as handle:
        assert handle.read() == generator.render(model), (
            "roles/{0}/meta/argument_specs.yml was edited by hand: change scripts/role_argument_specs.yml.j2 (or "
            "MODELS in scripts/role_argument_specs.py) and run scripts/role_argument_specs.py".format(model)
        )


def test_the_check_mode_names_an_edited_file(tmp_path, monkeypatch, capsys):
    edited = tmp_path / "argument_specs.yml"
    edited.write_text(generator.render("ipvpn") + "# edited\n")
    monkeypatch.setattr(
        generator,
        "path_of",
        lambda model: (
            str(edited) if model == "ipvpn" else os.path.join(ROOT, "roles", model, "meta", "argument_specs.yml")
        ),
    )
    assert generator.main(["--check"]) == 1
    assert "differs from the template" in capsys.readouterr().out
    assert edited.read_text().endswith("# edited\n")  # --check writes nothing


def test_the_models_differ_only_where_they_should():
    specs = {m: yaml.safe_load(generator.render(m))["argument_specs"] for m in generator.MODELS}
    for model, spec in specs.items():
        options = {o[len(model) + 1 :] for o in spec["main"]["options"]}
        assert ("offering" in options) == (model != "ipvpn")
        assert set(spec) == {"main", "order", "provider", "verify", "decommission"}
    shared = set.intersection(*({o[len(m) + 1 :] for o in s["main"]["options"]} for m, s in specs.items()))
    assert len(shared) >= 20
