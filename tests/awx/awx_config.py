"""The AWX configuration as code (playbooks/awx/vars/controller_configuration.yml)
read the way the controller_configuration roles and AWX read it, and an AWX
job launch (survey defaults and answers into extra variables) as AWX does it
(awx/main/models/mixins.py: SurveyJobTemplateMixin)."""

import copy
import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = os.path.join(ROOT, "playbooks", "awx", "vars", "controller_configuration.yml")
MODELS = ("cloud_exchange", "point_to_point_ethernet", "ipvpn")
AZURE_CREDENTIAL_TYPE = "Microsoft Azure Resource Manager"
# The built-in credential type's input fields (awx/main/models/credential/__init__.py).
AZURE_CREDENTIAL_INPUTS = {"subscription", "client", "secret", "tenant", "username", "password", "cloud_environment"}
# Values only a vault supplies: the data file must not define them.
SECRET_SITE_VARIABLES = {"expressroute_awx_azure_secret"}
SITE_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class AwxRendered(str):
    """A value marked !unsafe: AWX (or Ansible at job time) renders it."""


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!unsafe", lambda loader, node: AwxRendered(loader.construct_scalar(node)))


def load_raw():
    with open(CONFIG) as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - SafeLoader plus the !unsafe tag


def render(value, site):
    """What applying the file does to a value: {{ expressroute_awx_* }} become
    the site's values; !unsafe strings stay as they are."""
    if isinstance(value, AwxRendered):
        return value
    if isinstance(value, dict):
        return {k: render(v, site) for k, v in value.items()}
    if isinstance(value, list):
        return [render(v, site) for v in value]
    if isinstance(value, str):
        names = SITE_VARIABLE.findall(value)
        unknown = [n for n in names if n not in site]
        if unknown:
            raise KeyError("undefined site variable(s) {0} in {1!r}".format(unknown, value))
        if re.fullmatch(r"\{\{\s*\w+\s*\}\}", value):
            return site[names[0]]
        return SITE_VARIABLE.sub(lambda m: str(site[m.group(1)]), value)
    return value


def load_config(secrets=None):
    raw = load_raw()
    site = {k: v for k, v in raw.items() if k.startswith("expressroute_awx_")}
    site.update({name: "vault-value-of-" + name for name in SECRET_SITE_VARIABLES} if secrets is None else secrets)
    return render(raw, site)


def by_name(items):
    return {item["name"]: item for item in items}


def choices(question):
    value = question.get("choices", [])
    return [c for c in value.splitlines() if c.strip()] if isinstance(value, str) else list(value)


def element_errors(question, data):
    """AWX's _survey_element_validation for one question."""
    var, kind = question["variable"], question["type"]
    if var not in data:
        return ["'{0}' value missing".format(var)] if question["required"] else []
    value, errors = data[var], []
    low, high = question.get("min"), question.get("max")
    if kind in ("text", "textarea", "password"):
        if not isinstance(value, str):
            return ["Value {0} for '{1}' expected to be a string.".format(value, var)]
        if low not in ("", None) and len(value) < int(low):
            errors.append("'{0}' is too short (at least {1})".format(var, low))
        if high not in ("", None) and len(value) > int(high):
            errors.append("'{0}' is too long (at most {1})".format(var, high))
    elif kind in ("integer", "float"):
        if (type(value) is not int) if kind == "integer" else (type(value) not in (int, float)):
            return ["Value {0} for '{1}' expected to be a number ({2}).".format(value, var, kind)]
        if low not in ("", None) and value < low:
            errors.append("'{0}' value {1} is too small (at least {2})".format(var, value, low))
        if high not in ("", None) and value > high:
            errors.append("'{0}' value {1} is too large (at most {2})".format(var, value, high))
    elif kind == "multiselect":
        if type(value) is not list:
            return ["'{0}' value is expected to be a list.".format(var)]
        errors += [
            "Value {0} for '{1}' expected to be one of {2}.".format(v, var, choices(question))
            for v in value
            if v not in choices(question)
        ]
    elif kind == "multiplechoice" and value not in choices(question):
        errors.append("Value {0} for '{1}' expected to be one of {2}.".format(value, var, choices(question)))
    return errors


def launch(template, answers):
    """The extra variables of a job launched from `template` (a job or
    workflow template of the data file) by a person who answered `answers` in
    the survey form. The form starts from each question's default (a
    multiselect's default lines pre-selected); AWX validates the submitted
    answers, then builds extra_vars: template extra_vars, then the survey
    defaults that pass validation, then the answers."""
    spec = template["survey_spec"]["spec"] if template.get("survey_enabled") else []
    unknown = set(answers) - {q["variable"] for q in spec}
    if unknown:
        raise ValueError("not survey questions of {0}: {1}".format(template["name"], sorted(unknown)))
    form = {}
    for question in spec:
        if "default" in question:
            default = question["default"]
            if question["type"] == "multiselect" and isinstance(default, str):
                default = [c for c in default.splitlines() if c.strip()]
            form[question["variable"]] = default
    form.update(answers)
    errors = [e for q in spec for e in element_errors(q, form)]
    if errors:
        raise ValueError("survey of {0} refuses the answers: {1}".format(template["name"], errors))
    extra_vars = copy.deepcopy(template.get("extra_vars") or {})
    for question in spec:
        if "default" in question and not element_errors(question, {question["variable"]: question["default"]}):
            extra_vars[question["variable"]] = question["default"]
    extra_vars.update(form)
    return extra_vars


def role_options(role):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")) as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]
