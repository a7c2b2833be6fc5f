"""The AWX configuration as code: surveys AWX accepts, that ask for what the
connectivity-model roles need, in the types the roles take, with secrets as
password fields; templates, credential and workflow wired together.

playbooks/awx/vars/controller_configuration.yml is data for
infra.controller_configuration (awx.awx underneath), which this machine cannot
download; these tests read it the way those roles and AWX do (awx_config.py).
"""

import copy
import json
import os
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml

from awx_config import (
    AZURE_CREDENTIAL_INPUTS,
    AZURE_CREDENTIAL_TYPE,
    MODELS,
    ROOT,
    SECRET_SITE_VARIABLES,
    AwxRendered,
    by_name,
    choices,
    launch,
    load_config,
    load_raw,
    role_options,
)

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = "playbooks/awx/expressroute.yml"
with open(os.path.join(HERE, "survey_spec.schema.json")) as _handle:
    SCHEMA = json.load(_handle)


@pytest.fixture(scope="module")
def config():
    return load_config()


def model_template(config, model):
    return [t for t in config["controller_templates"] if (t.get("extra_vars") or {}).get("expressroute_model") == model]


def surveys(config):
    """Every survey of the file: (owner's name, survey)."""
    return [
        (t["name"], t["survey_spec"])
        for t in config["controller_templates"] + config["controller_workflows"]
        if t.get("survey_enabled")
    ]


def awx_spec_errors(survey):
    """The rules of AWX's JobTemplateSurveySpec._validate_spec_data that a
    JSON schema cannot state."""
    errors, seen = [], set()
    for index, question in enumerate(survey["spec"]):
        if question["variable"] in seen:
            errors.append("'variable' '{0}' duplicated in survey question {1}.".format(question["variable"], index))
        seen.add(question["variable"])
        if question["type"] in ("multiplechoice", "multiselect") and question.get("default", "") != "":
            defaults = question["default"].splitlines() if isinstance(question["default"], str) else question["default"]
            if question["type"] == "multiplechoice" and len(defaults) > 1:
                errors.append("question {0}: Multiple Choice (Single Select) can only have one default".format(index))
            if any(d not in choices(question) for d in defaults):
                errors.append("question {0}: Default choice must be answered from the choices listed.".format(index))
        if question["required"] and question["type"] in ("text", "textarea", "password") and not question.get("min"):
            # Not AWX's rule: AWX accepts an empty answer to a required text
            # question without a minimum length, which makes "required" moot.
            errors.append(
                "question {0} ({1}): required, but an empty answer would do (set min)".format(
                    index, question["variable"]
                )
            )
    return errors


# -- the survey format AWX accepts ---------------------------------------------------------------------------------


def test_every_survey_matches_the_schema_awx_accepts(config):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    found = surveys(config)
    assert len(found) == 2 * (len(MODELS) + 1)  # a job template and a workflow per model (and Direct)
    for owner, survey in found:
        problems = ["{0}: {1}".format("/".join(map(str, e.path)), e.message) for e in validator.iter_errors(survey)]
        assert not problems, (owner, problems)
        assert not awx_spec_errors(survey), (owner, awx_spec_errors(survey))


@pytest.mark.parametrize(
    "mutation, why",
    [
        (lambda s: s["spec"][0].update(type="checkbox"), "unknown question type"),
        (lambda s: s["spec"][0].pop("required"), "'required' missing"),
        (lambda s: s.pop("description"), "survey without description"),
        (lambda s: s["spec"][4].update(default="1000"), "integer question with a text default"),
        (lambda s: s["spec"][5].pop("choices"), "multiple choice without choices"),
        (lambda s: s["spec"][0].update(variable="circuit name"), "variable that is no Ansible variable name"),
        (lambda s: s["spec"][0].update(min="1"), "min given as text"),
        (lambda s: s["spec"][0].update(default="$encrypted$abc"), "$encrypted$ default outside a password question"),
        (lambda s: s["spec"].clear(), "no questions"),
    ],
)
def test_the_schema_refuses_what_awx_refuses(config, mutation, why):
    survey = copy.deepcopy(model_template(config, "cloud_exchange")[0]["survey_spec"])
    mutation(survey)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(survey)), why


@pytest.mark.parametrize(
    "mutation",
    [
        lambda s: s["spec"].append(dict(s["spec"][0])),
        lambda s: s["spec"][5].update(default="Gold"),
        lambda s: s["spec"][0].update(min=0),
    ],
)
def test_the_other_survey_rules_can_fail(config, mutation):
    survey = copy.deepcopy(model_template(config, "cloud_exchange")[0]["survey_spec"])
    mutation(survey)
    assert awx_spec_errors(survey)


# -- the surveys against the roles' argument specs -------------------------------------------------------------------


def _router_model_doc():
    with open(os.path.join(ROOT, "plugins", "filter", "router_model.py")) as handle:
        source = handle.read()
    return yaml.safe_load(re.search(r'DOCUMENTATION = r?"""(.*?)"""', source, re.S).group(1))["options"]


def _dialects_spec():
    return role_options("router_config")["router_config_dialects"]


def documented_key(option_spec, key):
    """A key of a dict option the role documents in prose: C(key) in its description."""
    description = (
        " ".join(option_spec["description"])
        if isinstance(option_spec["description"], list)
        else option_spec["description"]
    )
    return "C({0})".format(key) in description


def resolve(model, variable):
    """The role input a survey variable feeds: (description, spec), where spec
    has type/elements/choices/default/no_log as in an argument spec."""
    options = role_options(model)
    if variable in options:
        return variable, options[variable]
    prefix = model + "_"
    assert variable.startswith(prefix), "{0} is not a {1} variable".format(variable, model)
    # <model>_<option>_<key>: the longest option that prefixes the variable.
    for option in sorted(options, key=len, reverse=True):
        if variable.startswith(option + "_"):
            key = variable[len(option) + 1 :]
            spec = options[option]
            if spec.get("options"):  # a dict option with its keys specified
                assert key in spec["options"], "{0}: no {1} in {2}".format(variable, key, option)
                return "{0}.{1}".format(option, key), spec["options"][key]
            short = option[len(prefix) :]
            if short == "router" and key == "dialects":
                assert documented_key(spec, "dialects")
                return "{0}.dialects".format(option), dict(_dialects_spec(), default=spec["default"]["dialects"])
            if short == "router" and key.startswith("vrf_"):
                assert documented_key(spec, "vrf")
                vrf = _router_model_doc()["vrf"]
                assert documented_key(vrf, key[4:]), key
                return "{0}.vrf.{1}".format(option, key[4:]), {"type": "str"}
            if short == "router":
                assert documented_key(spec, key), "{0}: {1} does not document C({2})".format(variable, option, key)
                return "{0}.{1}".format(option, key), _router_model_doc()[key]
            if short == "connections":
                assert documented_key(spec, key), "{0}: {1} does not document C({2})".format(variable, option, key)
                return "{0}[].{1}".format(option, key), {"type": "str"}
            raise AssertionError("{0}: {1} has no key {2} this test knows".format(variable, option, key))
    raise AssertionError("{0} is not an input of the {1} role".format(variable, model))


def types_agree(question, spec):
    kind, role_type = question["type"], spec.get("type", "str")
    if role_type == "bool":
        return kind == "multiplechoice" and set(choices(question)) == {"true", "false"}
    if role_type == "int":
        return kind == "integer"
    if role_type == "float":
        return kind in ("float", "integer")
    if role_type == "list":
        if kind == "multiselect":
            return not spec.get("choices") or set(choices(question)) <= set(spec["choices"])
        return kind == "textarea" and spec.get("elements") == "str"  # one item per line
    if role_type == "str":
        if spec.get("choices"):
            return kind == "multiplechoice" and set(choices(question)) == set(spec["choices"])
        return kind in ("text", "textarea", "password")
    return False


def as_role_value(question):
    default = question["default"]
    if question["type"] == "multiselect":
        return default.splitlines()
    if choices(question) and set(choices(question)) == {"true", "false"}:
        return default == "true"
    return default


@pytest.mark.parametrize("model", MODELS)
def test_survey_variables_are_role_inputs_of_the_same_type(config, model):
    (template,) = model_template(config, model)
    for question in template["survey_spec"]["spec"]:
        name, spec = resolve(model, question["variable"])
        assert types_agree(question, spec), "{0}: survey type {1} does not fit {2} {3}".format(
            question["variable"], question["type"], name, spec
        )
        if question.get("default", "") != "" and "default" in spec:
            assert as_role_value(question) == spec["default"], (question["variable"], question["default"])


@pytest.mark.parametrize("model", MODELS)
def test_secrets_are_password_fields_and_only_secrets_are(config, model):
    (template,) = model_template(config, model)
    for question in template["survey_spec"]["spec"]:
        name, spec = resolve(model, question["variable"])
        assert (question["type"] == "password") == bool(spec.get("no_log")), (question["variable"], name)
    # Every secret a survey can reach: the MD5 key of the private peering.
    secrets = [q["variable"] for q in template["survey_spec"]["spec"] if q["type"] == "password"]
    assert secrets == ["{0}_private_peering_shared_key".format(model)]


@pytest.mark.parametrize("model", MODELS)
def test_every_required_role_input_is_asked_for_or_set_by_the_template(config, model):
    (template,) = model_template(config, model)
    asked = {q["variable"] for q in template["survey_spec"]["spec"] if q["required"]}
    for option, spec in role_options(model).items():
        if spec.get("required"):
            assert option in asked or option in template["extra_vars"], option
    # The role needs a peering (its preflight): the survey asks for the private
    # peering's peer ASN, subnet and VLAN, each required.
    for key in ("peer_asn", "prefix", "vlan_id"):
        assert "{0}_private_peering_{1}".format(model, key) in asked


def test_the_three_surveys_ask_the_same_questions(config):
    def questions(model):
        (template,) = model_template(config, model)
        return {
            q["variable"][len(model) + 1 :]: (q["type"], q["question_name"]) for q in template["survey_spec"]["spec"]
        }

    cloud_exchange, ethernet, ipvpn = (questions(m) for m in MODELS)
    assert cloud_exchange == ethernet
    # IPVPN is managed Layer 3 only: no offering to choose.
    assert set(cloud_exchange) - set(ipvpn) == {"offering"} and set(ipvpn) <= set(cloud_exchange)


@pytest.mark.parametrize("model", MODELS)
def test_survey_answers_arrive_as_valid_role_variables(config, model, tmp_path):
    """The survey's answers, as an AWX launch passes them, assembled by the
    job's playbook (playbooks/awx/tasks/survey_answers.yml) and validated
    against the role's argument spec by Ansible itself."""
    (template,) = model_template(config, model)
    answers = {
        model + "_circuit_name": "er-survey-01",
        model + "_resource_group": "rg-expressroute",
        model + "_provider": "Equinix",
        model + "_peering_location": "Amsterdam",
        model + "_private_peering_peer_asn": 65020,
        model + "_private_peering_prefix": "192.168.100.128/29",
        model + "_private_peering_vlan_id": 100,
        model + "_private_peering_shared_key": "Survey2026Key",
        model + "_private_peering_advertise": "10.1.0.0/16\n10.2.0.0/16\n",
        model + "_connections_gateway": "gw-hub",
        model + "_router_vrf_name": "CONTOSO",
        model + "_router_vrf_rd": "65020:1",
        model + "_router_vrf_route_target": "65020:1",
    }
    extra_vars = launch(template, answers)
    expected_dialects = role_options(model)[model + "_router"]["default"]["dialects"]
    if model == "ipvpn":
        # A multiselect answer given through the API as text, a choice per line.
        extra_vars[model + "_router_dialects"] = "iosxr\r\nsros\n"
        expected_dialects = ["iosxr", "sros"]
    (tmp_path / "extra.json").write_text(json.dumps(extra_vars))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "tests", "ansible.cfg"))
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
            "-i",
            "localhost,",
            "-c",
            "local",
            os.path.join(HERE, "survey_to_role.yml"),
            "-e",
            "@{0}".format(tmp_path / "extra.json"),
            "-e",
            "assembled_file={0}".format(tmp_path / "assembled.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Survey2026Key" not in result.stdout + result.stderr
    with open(tmp_path / "assembled.json") as handle:
        role_vars = json.load(handle)
    assert role_vars[model + "_private_peering"] == {
        "peer_asn": 65020,
        "prefix": "192.168.100.128/29",
        "vlan_id": 100,
        "shared_key": "Survey2026Key",
        "advertise": ["10.1.0.0/16", "10.2.0.0/16"],
    }
    # The survey form's default (the role's default dialects) arrives as a list.
    assert role_vars[model + "_router"]["dialects"] == expected_dialects
    assert role_vars[model + "_router"]["vrf"] == {"name": "CONTOSO", "rd": "65020:1", "route_target": "65020:1"}
    assert role_vars[model + "_connections"] == [
        {
            "name": "conn-er-survey-01-gw-hub",
            "gateway": "gw-hub",
            "gateway_resource_group": "rg-expressroute",
            "resource_group": "rg-expressroute",
        }
    ]
    assert role_vars[model + "_act_as_provider"] == "false"


def test_a_launch_refuses_answers_awx_refuses(config):
    (template,) = model_template(config, "cloud_exchange")
    good = {
        "cloud_exchange_circuit_name": "er",
        "cloud_exchange_resource_group": "rg",
        "cloud_exchange_provider": "Equinix",
        "cloud_exchange_peering_location": "Amsterdam",
        "cloud_exchange_private_peering_peer_asn": 65020,
        "cloud_exchange_private_peering_prefix": "192.168.100.128/29",
        "cloud_exchange_private_peering_vlan_id": 100,
    }
    launch(template, good)
    for bad in (
        {"cloud_exchange_private_peering_vlan_id": 4095},
        {"cloud_exchange_bandwidth_mbps": "1000"},
        {"cloud_exchange_sku_tier": "Gold"},
        {"cloud_exchange_private_peering_shared_key": "x" * 26},
        {"cloud_exchange_circuit_name": ""},
    ):
        with pytest.raises(ValueError):
            launch(template, dict(good, **bad))
    with pytest.raises(ValueError):
        launch(template, {k: v for k, v in good.items() if k != "cloud_exchange_provider"})


# -- templates, credentials, workflows ------------------------------------------------------------------------------


def test_templates_run_the_awx_playbook_with_the_azure_credential(config):
    projects, inventories = by_name(config["controller_projects"]), by_name(config["controller_inventories"])
    environments, credentials = (
        by_name(config["controller_execution_environments"]),
        by_name(config["controller_credentials"]),
    )
    assert os.path.isfile(os.path.join(ROOT, PLAYBOOK))
    for template in config["controller_templates"]:
        assert template["project"] in projects and template["inventory"] in inventories
        assert template["execution_environment"] in environments
        assert template["playbook"] == PLAYBOOK
        assert [credentials[c]["credential_type"] for c in template["credentials"]] == [AZURE_CREDENTIAL_TYPE]
    for model in MODELS:
        (template,) = model_template(config, model)
        assert template["survey_enabled"] is True
        assert all(q["variable"].startswith(model + "_") for q in template["survey_spec"]["spec"])


def test_the_credential_is_awxs_builtin_azure_type_with_the_secret_from_a_vault(config):
    raw = load_raw()
    (credential,) = raw["controller_credentials"]
    assert credential["credential_type"] == AZURE_CREDENTIAL_TYPE
    assert set(credential["inputs"]) <= AZURE_CREDENTIAL_INPUTS
    assert {"subscription", "client", "secret", "tenant"} <= set(credential["inputs"])
    # The secret is a reference to a variable only a vault defines.
    assert re.fullmatch(r"\{\{ (\w+) \}\}", credential["inputs"]["secret"]).group(1) in SECRET_SITE_VARIABLES
    assert not SECRET_SITE_VARIABLES & set(raw)
    with pytest.raises(KeyError):
        load_config(secrets={})


def test_private_ca_credential_type_injects_azure_ca_bundle_as_a_file(config):
    (ca_type,) = config["controller_credential_types"]
    assert ca_type["kind"] == "cloud"
    (field,) = ca_type["inputs"]["fields"]
    assert field["id"] == "ca_bundle" and field["multiline"] is True and ca_type["inputs"]["required"] == ["ca_bundle"]
    # AWX renders these at job time: the file holds the PEM, the variable names the file.
    assert isinstance(ca_type["injectors"]["file"]["template"], AwxRendered)
    assert ca_type["injectors"]["file"]["template"] == "{{ ca_bundle }}"
    assert ca_type["injectors"]["env"] == {"AZURE_CA_BUNDLE": "{{ tower.filename }}"}


def test_jobs_run_on_the_execution_node_with_its_python(config):
    (host,) = config["controller_hosts"]
    assert host["name"] == "localhost" and host["inventory"] in by_name(config["controller_inventories"])
    assert host["variables"]["ansible_connection"] == "local"
    assert host["variables"]["ansible_python_interpreter"] == "{{ ansible_playbook_python }}"
    assert isinstance(host["variables"]["ansible_python_interpreter"], AwxRendered)


def playbook_steps():
    with open(os.path.join(ROOT, PLAYBOOK)) as handle:
        play = yaml.safe_load(handle)[0]
    (check,) = [t for t in play["tasks"] if "ansible.builtin.assert" in t]
    (condition,) = [c for c in check["ansible.builtin.assert"]["that"] if c.startswith("expressroute_step in")]
    return set(yaml.safe_load(condition[len("expressroute_step in") :]))


@pytest.mark.parametrize("model", MODELS)
def test_workflow_is_provision_wait_for_provider_peerings_verify(config, model):
    templates = by_name(config["controller_templates"])
    (workflow,) = [w for w in config["controller_workflows"] if w["extra_vars"]["expressroute_model"] == model]
    nodes = {n["identifier"]: n for n in workflow["simplified_workflow_nodes"]}
    assert len(nodes) == len(workflow["simplified_workflow_nodes"])
    # A chain, from its one root, every node reached once.
    children = {
        i: n.get("success_nodes", []) + n.get("failure_nodes", []) + n.get("always_nodes", []) for i, n in nodes.items()
    }
    for targets in children.values():
        assert set(targets) <= set(nodes)
    (root,) = set(nodes) - {c for targets in children.values() for c in targets}
    chain = [root]
    while children[chain[-1]]:
        (following,) = nodes[chain[-1]]["success_nodes"]
        chain.append(following)
    assert chain == ["provision", "wait_for_provider", "peerings", "verify"]
    # The waiting is an approval; every other node runs a step template of the playbook.
    assert set(nodes["wait_for_provider"]["approval_node"]) == {"name", "description", "timeout"}
    assert nodes["wait_for_provider"]["approval_node"]["timeout"] >= 24 * 3600
    for identifier in ("provision", "peerings", "verify"):
        step = templates[nodes[identifier]["unified_job_template"]]
        assert step["extra_vars"] == {"expressroute_step": identifier}
        assert identifier in playbook_steps() and not step["survey_enabled"]
    # The workflow's extra variables reach every node: they name the model,
    # never the step (they would override each node's).
    assert "expressroute_step" not in workflow["extra_vars"]
    (template,) = model_template(config, model)
    assert workflow["survey_spec"] == template["survey_spec"]
    assert workflow["survey_enabled"] is True
    # The verify step uses the role's verify entry point.
    assert os.path.isfile(os.path.join(ROOT, "roles", model, "tasks", "verify.yml"))


@pytest.mark.parametrize(
    "extra, named",
    [
        ({}, "got ''"),
        ({"expressroute_model": "adsl"}, "got 'adsl'"),
        ({"expressroute_model": "ipvpn", "expressroute_step": "order"}, "got 'order'"),
    ],
)
def test_the_job_playbook_refuses_a_template_without_model_or_with_an_unknown_step(extra, named, tmp_path):
    (tmp_path / "extra.json").write_text(json.dumps(extra))
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
            "-i",
            "localhost,",
            "-c",
            "local",
            os.path.join(ROOT, PLAYBOOK),
            "-e",
            "@{0}".format(tmp_path / "extra.json"),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "tests", "ansible.cfg")),
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "must set expressroute_model" in output and named in output and "Nothing was changed" in output
    assert "ok=0" in output  # refused before anything else ran
