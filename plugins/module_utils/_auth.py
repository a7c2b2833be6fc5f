# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: who the modules are, to Azure.

The options and their environment variables are azure.azcollection's, which
are also what AWX's "Microsoft Azure Resource Manager" credential injects
(AZURE_SUBSCRIPTION_ID, AZURE_CLIENT_ID, AZURE_SECRET, AZURE_TENANT, or
AZURE_AD_USER/AZURE_PASSWORD, and AZURE_CLOUD_ENVIRONMENT), so playbooks and
AWX credentials work unchanged.  Resolution is pure (``resolve``); only
``build_credential`` touches azure-identity.
"""

from __future__ import annotations

import os
import stat
from configparser import ConfigParser, Error as ConfigParserError

from ansible.module_utils.basic import env_fallback

from ._errors import ValidationError

AUTH_SOURCES = ("auto", "env", "credential_file", "cli", "msi")
# The Azure CLI's public client id: what ROPC (ad_user/password) signs in as
# when no client_id is given, as azure.azcollection does.
AZURE_CLI_CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"

AUTH_ARGUMENT_SPEC = dict(
    # Fallbacks apply before defaults, so the environment wins over them.
    auth_source=dict(
        type="str", choices=list(AUTH_SOURCES), default="auto", fallback=(env_fallback, ["ANSIBLE_AZURE_AUTH_SOURCE"])
    ),
    subscription_id=dict(type="str", fallback=(env_fallback, ["AZURE_SUBSCRIPTION_ID"])),
    client_id=dict(type="str", fallback=(env_fallback, ["AZURE_CLIENT_ID"])),
    secret=dict(type="str", no_log=True, fallback=(env_fallback, ["AZURE_SECRET", "AZURE_CLIENT_SECRET"])),
    tenant=dict(type="str", fallback=(env_fallback, ["AZURE_TENANT", "AZURE_TENANT_ID"])),
    ad_user=dict(type="str", fallback=(env_fallback, ["AZURE_AD_USER"])),
    password=dict(type="str", no_log=True, fallback=(env_fallback, ["AZURE_PASSWORD"])),
    profile=dict(type="str", fallback=(env_fallback, ["AZURE_PROFILE"])),
    # No default here: a credentials-file profile may name the cloud
    # (AuthSettings.cloud_environment); AzureCloud when nothing does.
    cloud_environment=dict(type="str", fallback=(env_fallback, ["AZURE_CLOUD_ENVIRONMENT"])),
    ca_bundle=dict(type="path", fallback=(env_fallback, ["AZURE_CA_BUNDLE"])),
    cert_validation_mode=dict(
        type="str",
        choices=["validate", "ignore"],
        default="validate",
        fallback=(env_fallback, ["AZURE_CERT_VALIDATION_MODE"]),
    ),
)

# The option each credential field comes from, for messages.
_ENV = {
    "subscription_id": "AZURE_SUBSCRIPTION_ID",
    "client_id": "AZURE_CLIENT_ID",
    "secret": "AZURE_SECRET",
    "tenant": "AZURE_TENANT",
    "ad_user": "AZURE_AD_USER",
    "password": "AZURE_PASSWORD",
}


class AuthSettings:
    """What to authenticate with; ``kind`` is service_principal, user, cli or
    msi; ``source`` says where it came from (for messages)."""

    def __init__(
        self, kind, source, subscription_id=None, client_id=None, secret=None, tenant=None, ad_user=None, password=None
    ):
        self.kind = kind
        self.source = source
        self.subscription_id = subscription_id
        self.client_id = client_id
        self.secret = secret
        self.tenant = tenant
        self.ad_user = ad_user
        self.password = password
        self.cloud_environment = None  # from a credentials-file profile

    def __repr__(self):  # never shows secrets
        return "AuthSettings(kind={0!r}, source={1!r}, subscription_id={2!r}, client_id={3!r}, tenant={4!r})".format(
            self.kind, self.source, self.subscription_id, self.client_id, self.tenant
        )


def credentials_file_path(environ):
    config_dir = environ.get("AZURE_CONFIG_DIR") or os.path.join(os.path.expanduser("~"), ".azure")
    return os.path.join(config_dir, "credentials")


def read_profile(path, name, warn=None):
    """The [name] section of an azure credentials file, or None."""
    if not os.path.exists(path):
        return None
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if warn and mode & 0o077:
        warn("{0} holds secrets but is readable by group or others (mode {1:o}); chmod 600 it.".format(path, mode))
    parser = ConfigParser()
    try:
        parser.read(path)
    except ConfigParserError as exc:
        raise ValidationError("Cannot parse the Azure credentials file {0}: {1}".format(path, exc)) from exc
    if not parser.has_section(name):
        return None
    return dict(parser.items(name))


def _explicit(params):
    return {k: params.get(k) for k in ("subscription_id", "client_id", "secret", "tenant", "ad_user", "password")}


def _from_values(values, source):
    """AuthSettings from a dict of credential fields, or a ValidationError
    naming what is missing."""
    if values.get("ad_user") or values.get("password"):
        missing = [k for k in ("ad_user", "password") if not values.get(k)]
        kind = "user"
    else:
        missing = [k for k in ("client_id", "secret", "tenant") if not values.get(k)]
        kind = "service_principal"
    if missing:
        raise ValidationError(
            "Incomplete Azure credentials from {0}: {1} missing. A service principal needs client_id, secret and "
            "tenant (AZURE_CLIENT_ID, AZURE_SECRET, AZURE_TENANT); a user needs ad_user and password "
            "(AZURE_AD_USER, AZURE_PASSWORD).".format(source, ", ".join(missing))
        )
    return AuthSettings(
        kind,
        source,
        subscription_id=values.get("subscription_id"),
        client_id=values.get("client_id"),
        secret=values.get("secret"),
        tenant=values.get("tenant"),
        ad_user=values.get("ad_user"),
        password=values.get("password"),
    )


def _has_credentials(values):
    return bool(values.get("client_id") or values.get("secret") or values.get("ad_user") or values.get("password"))


def resolve(params, environ=None, which=None, warn=None):
    """Decide how to authenticate.  ``params`` are the module's (env
    fallbacks already applied), ``which(name)`` finds a program (the az CLI).

    auth_source auto tries, in order: a named profile (profile /
    AZURE_PROFILE), credentials given as options or AZURE_* variables, the
    [default] profile of ~/.azure/credentials, the Azure CLI.  Managed identity
    is used only when asked for (auth_source: msi), as in azure.azcollection.
    """
    environ = os.environ if environ is None else environ
    source = params.get("auth_source") or "auto"
    path = credentials_file_path(environ)
    subscription = params.get("subscription_id")

    def from_profile(name, required):
        values = read_profile(path, name, warn)
        if values is None:
            if required:
                raise ValidationError(
                    "Profile [{0}] not found in {1} (auth_source={2}). Create it with "
                    "subscription_id, client_id, secret and tenant, or choose another "
                    "auth_source.".format(name, path, source)
                )
            return None
        settings = _from_values(values, "profile [{0}] of {1}".format(name, path))
        settings.subscription_id = subscription or settings.subscription_id
        settings.cloud_environment = values.get("cloud_environment")
        return settings

    if source == "env":
        values = {k: environ.get(v) for k, v in _ENV.items()}
        values["tenant"] = values["tenant"] or environ.get("AZURE_TENANT_ID")
        settings = _from_values(values, "the AZURE_* environment variables")
        settings.subscription_id = subscription or settings.subscription_id
    elif source == "credential_file":
        settings = from_profile(params.get("profile") or "default", required=True)
    elif source == "cli":
        settings = AuthSettings(
            "cli", "the Azure CLI (az login)", subscription_id=subscription, tenant=params.get("tenant")
        )
    elif source == "msi":
        settings = AuthSettings(
            "msi", "a managed identity", subscription_id=subscription, client_id=params.get("client_id")
        )
    else:
        explicit = _explicit(params)
        if params.get("profile"):
            settings = from_profile(params["profile"], required=True)
        elif _has_credentials(explicit):
            settings = _from_values(explicit, "the module options / AZURE_* environment variables")
        else:
            settings = from_profile("default", required=False)
            if settings is None:
                if which and which("az"):
                    settings = AuthSettings(
                        "cli", "the Azure CLI (az login)", subscription_id=subscription, tenant=params.get("tenant")
                    )
                else:
                    raise ValidationError(
                        "No Azure credentials found. Set client_id, secret and tenant (or AZURE_CLIENT_ID, "
                        "AZURE_SECRET, AZURE_TENANT), or ad_user and password, or a profile in {0}, or log in "
                        "with the Azure CLI, or use auth_source: msi on an Azure VM.".format(path)
                    )
    if not settings.subscription_id and settings.kind != "cli":
        raise ValidationError(
            "subscription_id is required (or AZURE_SUBSCRIPTION_ID) with credentials from {0}.".format(settings.source)
        )
    return settings


def connection_verify(params, warn):
    """What azure-core's ``connection_verify`` gets: the CA bundle, True, or
    False only when explicitly asked for (never silently)."""
    if params.get("cert_validation_mode") == "ignore":
        warn(
            "TLS certificate validation is disabled (cert_validation_mode=ignore): anyone on the network path can "
            "read the credentials. Prefer ca_bundle."
        )
        return False
    ca_bundle = params.get("ca_bundle")
    if ca_bundle:
        if not os.path.isfile(ca_bundle):
            raise ValidationError(
                "ca_bundle '{0}' is not a file. It must be a PEM file of the certificate "
                "authorities to trust (AZURE_CA_BUNDLE).".format(ca_bundle)
            )
        return ca_bundle
    return True


def _skip_user_realm_discovery(authority):
    """MSAL builds https://{host}/common/userrealm/... without the
    authority's port, so a private authority on a non-443 port (Azure Stack
    behind a port, the emulator) would be asked on 443.  Tell MSAL that host
    has no user realm discovery; it then goes straight to ROPC."""
    from urllib.parse import urlsplit

    parts = urlsplit(authority)
    if parts.port in (None, 443):
        return
    try:
        from msal.authority import Authority

        Authority._domains_without_user_realm_discovery.add(parts.hostname)
    except (ImportError, AttributeError):  # a future MSAL may fix this itself
        pass


def build_credential(settings, cloud, verify):
    """An azure-identity credential for ``settings`` (imports azure.identity)."""
    import warnings

    from azure import identity

    common = dict(authority=cloud.authority, connection_verify=verify)
    if not cloud.authority_is_well_known:
        # Instance discovery asks login.microsoftonline.com to vouch for the
        # authority; a private cloud's authority is not known there.
        common["disable_instance_discovery"] = True
    if settings.kind == "service_principal":
        return identity.ClientSecretCredential(settings.tenant, settings.client_id, settings.secret, **common)
    if settings.kind == "user":
        _skip_user_realm_discovery(cloud.authority)
        with warnings.catch_warnings():
            # Deprecated for lack of MFA support; AWX credentials still use it.
            warnings.simplefilter("ignore", DeprecationWarning)
            return identity.UsernamePasswordCredential(
                settings.client_id or AZURE_CLI_CLIENT_ID,
                settings.ad_user,
                settings.password,
                tenant_id=settings.tenant or "organizations",
                **common,
            )
    if settings.kind == "cli":
        return (
            identity.AzureCliCredential(tenant_id=settings.tenant) if settings.tenant else identity.AzureCliCredential()
        )
    if settings.kind == "msi":
        return (
            identity.ManagedIdentityCredential(client_id=settings.client_id)
            if settings.client_id
            else identity.ManagedIdentityCredential()
        )
    raise ValueError("unknown credential kind {0!r}".format(settings.kind))
