"""Auth resolution: which credentials are used, from where, and the errors."""

import os

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _auth
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

SP = {"client_id": "app", "secret": "s3cret", "tenant": "tid", "subscription_id": "sub"}


def params(**kwargs):
    base = dict.fromkeys(_auth.AUTH_ARGUMENT_SPEC)
    base["auth_source"] = "auto"
    base.update(kwargs)
    return base


def never(name):
    return None


def test_service_principal_from_options():
    settings = _auth.resolve(params(**SP), environ={}, which=never)
    assert (settings.kind, settings.client_id, settings.tenant, settings.subscription_id) == (
        "service_principal",
        "app",
        "tid",
        "sub",
    )


def test_user_from_options():
    settings = _auth.resolve(params(ad_user="u@x", password="pw", subscription_id="sub"), environ={}, which=never)
    assert settings.kind == "user" and settings.ad_user == "u@x"


def test_incomplete_service_principal_names_what_is_missing():
    with pytest.raises(ValidationError) as info:
        _auth.resolve(params(client_id="app", subscription_id="sub"), environ={}, which=never)
    assert "secret, tenant missing" in str(info.value)
    assert "AZURE_SECRET" in str(info.value)


def test_nothing_found_says_every_way_to_authenticate(tmp_path):
    with pytest.raises(ValidationError) as info:
        _auth.resolve(params(), environ={"AZURE_CONFIG_DIR": str(tmp_path)}, which=never)
    text = str(info.value)
    assert "No Azure credentials found" in text and "AZURE_CLIENT_ID" in text and "msi" in text


def test_subscription_is_required():
    with pytest.raises(ValidationError) as info:
        _auth.resolve(params(client_id="a", secret="b", tenant="c"), environ={}, which=never)
    assert "subscription_id is required" in str(info.value)


def write_credentials(tmp_path, text, mode=0o600):
    path = tmp_path / "credentials"
    path.write_text(text)
    os.chmod(path, mode)
    return {"AZURE_CONFIG_DIR": str(tmp_path)}


def test_default_profile_when_nothing_else(tmp_path):
    environ = write_credentials(tmp_path, "[default]\nsubscription_id=s1\nclient_id=c1\nsecret=x\ntenant=t1\n")
    settings = _auth.resolve(params(), environ=environ, which=never)
    assert settings.kind == "service_principal" and settings.subscription_id == "s1"
    assert "profile [default]" in settings.source


def test_named_profile_wins_and_subscription_option_overrides(tmp_path):
    environ = write_credentials(
        tmp_path,
        "[default]\nsubscription_id=s1\nclient_id=c1\nsecret=x\ntenant=t1\n"
        "[prod]\nsubscription_id=s2\nad_user=u\npassword=p\n",
    )
    settings = _auth.resolve(
        params(profile="prod", subscription_id="s3", client_id="ignored"), environ=environ, which=never
    )
    assert settings.kind == "user" and settings.subscription_id == "s3"


def test_missing_named_profile(tmp_path):
    environ = write_credentials(tmp_path, "[default]\nsubscription_id=s1\nclient_id=c\nsecret=x\ntenant=t\n")
    with pytest.raises(ValidationError) as info:
        _auth.resolve(params(profile="nope"), environ=environ, which=never)
    assert "Profile [nope] not found" in str(info.value)


def test_world_readable_credentials_file_warns(tmp_path):
    environ = write_credentials(tmp_path, "[default]\nsubscription_id=s1\nclient_id=c\nsecret=x\ntenant=t\n", 0o644)
    warnings = []
    _auth.resolve(params(), environ=environ, which=never, warn=warnings.append)
    assert warnings and "chmod 600" in warnings[0]


def test_env_source_reads_only_the_environment():
    environ = {"AZURE_CLIENT_ID": "c", "AZURE_SECRET": "s", "AZURE_TENANT_ID": "t", "AZURE_SUBSCRIPTION_ID": "sub"}
    settings = _auth.resolve(params(auth_source="env", client_id="from-option"), environ=environ, which=never)
    assert settings.client_id == "c" and settings.tenant == "t"


def test_cli_when_az_is_installed_and_nothing_else(tmp_path):
    settings = _auth.resolve(params(), environ={"AZURE_CONFIG_DIR": str(tmp_path)}, which=lambda name: "/usr/bin/az")
    assert settings.kind == "cli" and settings.subscription_id is None


def test_msi_only_when_asked():
    settings = _auth.resolve(params(auth_source="msi", client_id="mi", subscription_id="sub"), environ={}, which=never)
    assert settings.kind == "msi" and settings.client_id == "mi"


def test_repr_never_shows_secrets():
    settings = _auth.resolve(params(**SP), environ={}, which=never)
    assert "s3cret" not in repr(settings)


def test_every_secret_option_is_no_log():
    assert _auth.AUTH_ARGUMENT_SPEC["secret"]["no_log"] is True
    assert _auth.AUTH_ARGUMENT_SPEC["password"]["no_log"] is True


def test_environment_names_are_the_awx_credential_names():
    env_names = {name for spec in _auth.AUTH_ARGUMENT_SPEC.values() for name in spec.get("fallback", (None, []))[1]}
    assert {
        "AZURE_SUBSCRIPTION_ID",
        "AZURE_CLIENT_ID",
        "AZURE_SECRET",
        "AZURE_TENANT",
        "AZURE_AD_USER",
        "AZURE_PASSWORD",
        "AZURE_CLOUD_ENVIRONMENT",
        "AZURE_PROFILE",
    } <= env_names


def test_connection_verify(tmp_path):
    warnings = []
    assert _auth.connection_verify({"cert_validation_mode": "validate", "ca_bundle": None}, warnings.append) is True
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    assert _auth.connection_verify({"cert_validation_mode": "validate", "ca_bundle": str(ca)}, warnings.append) == str(
        ca
    )
    assert _auth.connection_verify({"cert_validation_mode": "ignore", "ca_bundle": None}, warnings.append) is False
    assert warnings and "disabled" in warnings[0]
    with pytest.raises(ValidationError) as info:
        _auth.connection_verify(
            {"cert_validation_mode": "validate", "ca_bundle": str(tmp_path / "missing.pem")}, warnings.append
        )
    assert "is not a file" in str(info.value)
