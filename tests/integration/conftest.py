"""Integration tests: ansible-playbook against the emulator.

Each test runs one playbook (a target under targets/) the way AWX runs a job:
credentials only as the AZURE_* environment variables AWX's Azure credential
injects (plus the emulator's CA).  The playbooks assert on module results and
on the emulator's request log; pytest asserts the run succeeded.
"""

import json
import os
import subprocess
import sys

import pytest

pytest_plugins = ["expressroute_emulator.fixture"]

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")


def azure_environment(endpoint, kind="service_principal"):
    """Exactly what AWX's "Microsoft Azure Resource Manager" credential
    injects, plus the CA of this private endpoint."""
    env = {
        "AZURE_SUBSCRIPTION_ID": endpoint["subscription_id"],
        "AZURE_CLOUD_ENVIRONMENT": endpoint["metadata_url"],
        "AZURE_CA_BUNDLE": endpoint["ca_bundle"],
    }
    if kind == "service_principal":
        env.update(
            AZURE_CLIENT_ID=endpoint["client_id"],
            AZURE_SECRET=endpoint["client_secret"],
            AZURE_TENANT=endpoint["tenant_id"],
        )
    else:
        env.update(AZURE_AD_USER=endpoint["ad_user"], AZURE_PASSWORD=endpoint["ad_password"])
    return env


def clean_environment():
    return {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "ANSIBLE_AZURE_"))}


@pytest.fixture(scope="session")
def module_server_dir(tmp_path_factory):
    """This session's own module server directory (when the module server
    is on: HYBRIDNET_ER_MODULE_SERVER), apart from any other run's."""
    return str(tmp_path_factory.mktemp("module-server"))


@pytest.fixture
def run_playbook(emulator_endpoint, tmp_path, module_server_dir):
    def run(target, extra_vars=None, env=None, auth="service_principal", args=()):
        variables = {
            "emulator_url": emulator_endpoint["base_url"],
            "emulator_ca": emulator_endpoint["ca_bundle"],
            "endpoint": {k: v for k, v in emulator_endpoint.items() if k not in ("client_secret", "ad_password")},
        }
        variables.update(extra_vars or {})
        vars_file = tmp_path / "vars.json"
        vars_file.write_text(json.dumps(variables))
        environment = clean_environment()
        environment.setdefault("HYBRIDNET_ER_MODULE_SERVER_DIR", module_server_dir)
        environment.update(azure_environment(emulator_endpoint, auth) if auth else {})
        environment.update(env or {})
        playbook = os.path.join(HERE, "targets", target, "main.yml")
        result = subprocess.run(
            [PLAYBOOK, "-i", os.path.join(HERE, "inventory.ini"), playbook, "-e", "@" + str(vars_file)] + list(args),
            env=environment,
            capture_output=True,
            text=True,
            timeout=900,
        )
        result.output = result.stdout + result.stderr
        return result

    return run


def assert_ok(result):
    assert result.returncode == 0, result.output[-6000:]
    assert "failed=0" in result.output, result.output[-6000:]
