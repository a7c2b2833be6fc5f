"""Long-running operations, and every way of authenticating."""

import os
import subprocess

import pytest

from conftest import assert_ok


def test_long_running_operations(run_playbook):
    assert_ok(run_playbook("operations"))


def test_service_principal_from_awx_variables_never_shows_the_secret(run_playbook, emulator_endpoint):
    result = run_playbook("auth", {"expect": "ok"}, args=["-vvvv"])
    assert_ok(result)
    assert emulator_endpoint["client_secret"] not in result.output
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in result.output


def test_user_and_password_from_awx_variables(run_playbook, emulator_endpoint):
    result = run_playbook("auth", {"expect": "ok"}, auth="user", args=["-vvv"])
    assert_ok(result)
    assert emulator_endpoint["ad_password"] not in result.output


def test_credentials_file_profile(run_playbook, emulator_endpoint, tmp_path):
    """The profile names the cloud too (as azure.azcollection reads it):
    nothing else says where Azure is."""
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[emulator]\nsubscription_id={subscription_id}\nclient_id={client_id}\nsecret={client_secret}"
        "\ntenant={tenant_id}\ncloud_environment={metadata_url}\n".format(**emulator_endpoint)
    )
    os.chmod(credentials, 0o600)
    env = {
        "AZURE_CONFIG_DIR": str(tmp_path),
        "AZURE_PROFILE": "emulator",
        "AZURE_CA_BUNDLE": emulator_endpoint["ca_bundle"],
    }
    assert_ok(run_playbook("auth", {"expect": "ok"}, env=env, auth=None))


@pytest.mark.parametrize(
    "env, text",
    [
        ({"AZURE_SECRET": "wrong"}, "authentication to Azure failed"),
        ({"AZURE_SECRET": "wrong"}, "AADSTS7000215"),
        ({"AZURE_CA_BUNDLE": ""}, "set ca_bundle (or AZURE_CA_BUNDLE)"),
        ({"AZURE_CLOUD_ENVIRONMENT": "Mars"}, "neither a known cloud"),
        ({"AZURE_SUBSCRIPTION_ID": "00000000-dead-beef-0000-000000000000"}, "Azure answered 404 SubscriptionNotFound"),
    ],
)
def test_bad_credentials_and_settings_fail_cleanly(run_playbook, emulator_endpoint, env, text):
    result = run_playbook("auth", {"expect": "fail", "expect_text": text}, env=env)
    assert_ok(result)
    assert emulator_endpoint["client_secret"] not in result.output


def test_no_credentials_at_all(run_playbook, emulator_endpoint, tmp_path):
    env = {
        "AZURE_CONFIG_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "AZURE_CLOUD_ENVIRONMENT": emulator_endpoint["metadata_url"],
    }
    result = run_playbook("auth", {"expect": "fail", "expect_text": "No Azure credentials found"}, env=env, auth=None)
    assert_ok(result)


def test_missing_sdk_is_reported_with_missing_required_lib(run_playbook):
    """A module run by a Python without the SDK (Debian's own here) names the
    libraries to install instead of failing with an ImportError."""
    system_python = "/usr/bin/python3"
    probe = subprocess.run([system_python, "-c", "import azure.mgmt.network"], capture_output=True)
    assert probe.returncode != 0, "this test needs a Python without azure-mgmt-network at " + system_python
    result = run_playbook(
        "auth",
        {
            "expect": "fail",
            "ansible_python_interpreter": system_python,
            "expect_text": "Failed to import the required Python library "
            "(azure-mgmt-network, azure-identity and azure-core)",
        },
    )
    assert_ok(result)
