# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: where Azure is.  ``cloud_environment`` names a public cloud or is
an Azure-Stack-style metadata URL (a private cloud, or the emulator), from
which the Resource Manager and login endpoints are discovered."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from ._errors import ModuleError, ValidationError


class Cloud:
    def __init__(self, name, resource_manager, authority, audience):
        self.name = name
        self.resource_manager = resource_manager.rstrip("/")
        self.authority = authority.rstrip("/")
        self.audience = audience

    @property
    def scope(self):
        return self.audience.rstrip("/") + "/.default"

    @property
    def authority_is_well_known(self):
        return urlsplit(self.authority).hostname in WELL_KNOWN_AUTHORITY_HOSTS

    def __repr__(self):
        return "Cloud({0!r}, {1!r}, {2!r})".format(self.name, self.resource_manager, self.authority)


WELL_KNOWN_AUTHORITY_HOSTS = frozenset(
    [
        "login.microsoftonline.com",
        "login.microsoft.com",
        "login.windows.net",
        "sts.windows.net",
        "login.chinacloudapi.cn",
        "login.microsoftonline.us",
        "login.usgovcloudapi.net",
    ]
)

PUBLIC_CLOUDS = {
    "azurecloud": Cloud(
        "AzureCloud",
        "https://management.azure.com",
        "https://login.microsoftonline.com",
        "https://management.azure.com/",
    ),
    "azurechinacloud": Cloud(
        "AzureChinaCloud",
        "https://management.chinacloudapi.cn",
        "https://login.chinacloudapi.cn",
        "https://management.chinacloudapi.cn/",
    ),
    "azureusgovernment": Cloud(
        "AzureUSGovernment",
        "https://management.usgovcloudapi.net",
        "https://login.microsoftonline.us",
        "https://management.usgovcloudapi.net/",
    ),
}
# Names azure.azcollection, the Azure CLI and msrestazure also use.
ALIASES = {
    "azurepubliccloud": "azurecloud",
    "azureusgovernmentcloud": "azureusgovernment",
    "azuregovernment": "azureusgovernment",
}

METADATA_PATH = "/metadata/endpoints"
METADATA_QUERY = "api-version=2015-01-01"


def metadata_url_for(value):
    """The metadata URL to GET for a cloud_environment URL: given as is when
    it already points at /metadata/endpoints, else appended (the
    azure.azcollection convention: the Resource Manager endpoint)."""
    parts = urlsplit(value)
    if parts.path.rstrip("/").lower().endswith(METADATA_PATH):
        return value if parts.query else value + "?" + METADATA_QUERY
    return "{0}://{1}{2}{3}?{4}".format(
        parts.scheme, parts.netloc, parts.path.rstrip("/"), METADATA_PATH, METADATA_QUERY
    )


def cloud_from_metadata(url, document):
    """A Cloud from a /metadata/endpoints document (Azure Stack shape, or
    the list of clouds of 2019-05-01, or the one cloud of 2022-09-01)."""
    if isinstance(document, list):
        if not document:
            raise ModuleError("The cloud metadata at {0} lists no cloud.".format(url))
        document = document[0]
    if not isinstance(document, dict):
        raise ModuleError("The cloud metadata at {0} is not a JSON object.".format(url))
    authentication = document.get("authentication") or {}
    login = authentication.get("loginEndpoint")
    audiences = authentication.get("audiences") or []
    if not login or not audiences:
        raise ModuleError(
            "The cloud metadata at {0} has no authentication.loginEndpoint/audiences; is "
            "cloud_environment an Azure Resource Manager metadata URL?".format(url)
        )
    parts = urlsplit(url)
    resource_manager = document.get("resourceManager")
    if not resource_manager:
        # Azure Stack's shape does not name Resource Manager: it is where the
        # metadata was found.
        path = parts.path
        cut = path.lower().rfind(METADATA_PATH)
        resource_manager = "{0}://{1}{2}".format(parts.scheme, parts.netloc, path[:cut] if cut >= 0 else "")
    return Cloud(document.get("name") or parts.netloc, resource_manager, login, audiences[0])


def resolve_cloud(value, fetch):
    """``fetch(url) -> parsed JSON`` is only called for a URL."""
    name = (value or "AzureCloud").strip()
    key = ALIASES.get(name.lower(), name.lower())
    if key in PUBLIC_CLOUDS:
        return PUBLIC_CLOUDS[key]
    parts = urlsplit(name)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValidationError(
            "cloud_environment '{0}' is neither a known cloud (AzureCloud, AzureChinaCloud, AzureUSGovernment) nor "
            "an https URL of a Resource Manager metadata endpoint (https://host/metadata/endpoints).".format(name)
        )
    if parts.scheme != "https":
        raise ValidationError(
            "cloud_environment must be an https URL; got '{0}'. Azure Resource Manager and "
            "Entra ID only accept bearer tokens over TLS.".format(name)
        )
    url = metadata_url_for(name)
    return cloud_from_metadata(url, fetch(url))


def fetch_metadata(url, ca_bundle=None, validate_certs=True, timeout=30):
    """GET the metadata document with Ansible's own HTTP client."""
    from ansible.module_utils.urls import open_url

    try:
        response = open_url(
            url,
            method="GET",
            ca_path=ca_bundle,
            validate_certs=validate_certs,
            timeout=timeout,
            headers={"Accept": "application/json"},
        )
        return json.loads(response.read().decode("utf-8"))
    except ValueError as exc:
        raise ModuleError("The cloud metadata at {0} is not JSON: {1}".format(url, exc)) from exc
    except Exception as exc:  # URLError, SSLError, socket errors: one message
        hint = (
            " If the endpoint uses a private certificate authority, set ca_bundle (or AZURE_CA_BUNDLE)."
            if "CERTIFICATE_VERIFY_FAILED" in str(exc)
            else ""
        )
        raise ModuleError("Could not read the cloud metadata at {0}: {1}.{2}".format(url, exc, hint)) from exc
