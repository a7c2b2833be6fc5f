"""cloud_environment: public clouds by name, private clouds by metadata URL."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _cloud
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ModuleError, ValidationError


def no_fetch(url):
    raise AssertionError("a public cloud must not be fetched")


@pytest.mark.parametrize(
    "name, manager",
    [
        ("AzureCloud", "https://management.azure.com"),
        (None, "https://management.azure.com"),
        ("azurepubliccloud", "https://management.azure.com"),
        ("AzureChinaCloud", "https://management.chinacloudapi.cn"),
        ("AzureUSGovernment", "https://management.usgovcloudapi.net"),
    ],
)
def test_public_clouds(name, manager):
    cloud = _cloud.resolve_cloud(name, no_fetch)
    assert cloud.resource_manager == manager and cloud.authority_is_well_known
    assert cloud.scope.endswith("/.default")


STACK = {"authentication": {"loginEndpoint": "https://login.stack.local/", "audiences": ["https://arm.stack/"]}}


@pytest.mark.parametrize(
    "value, fetched, manager",
    [
        (
            "https://arm.stack.local:8443/metadata/endpoints?api-version=2015-01-01",
            "https://arm.stack.local:8443/metadata/endpoints?api-version=2015-01-01",
            "https://arm.stack.local:8443",
        ),
        (
            "https://arm.stack.local:8443/",
            "https://arm.stack.local:8443/metadata/endpoints?api-version=2015-01-01",
            "https://arm.stack.local:8443",
        ),
        (
            "https://arm.stack.local/metadata/endpoints",
            "https://arm.stack.local/metadata/endpoints?api-version=2015-01-01",
            "https://arm.stack.local",
        ),
    ],
)
def test_metadata_url_forms(value, fetched, manager):
    seen = []
    cloud = _cloud.resolve_cloud(value, lambda url: seen.append(url) or STACK)
    assert seen == [fetched]
    assert cloud.resource_manager == manager
    assert cloud.authority == "https://login.stack.local"
    assert cloud.scope == "https://arm.stack/.default"
    assert not cloud.authority_is_well_known


def test_list_shape_names_resource_manager():
    document = [
        {
            "name": "Private",
            "resourceManager": "https://rm.example/",
            "authentication": {"loginEndpoint": "https://login.example/", "audiences": ["https://a/"]},
        }
    ]
    cloud = _cloud.resolve_cloud("https://meta.example/metadata/endpoints?api-version=2022-09-01", lambda url: document)
    assert cloud.resource_manager == "https://rm.example" and cloud.name == "Private"


@pytest.mark.parametrize(
    "value, text",
    [
        ("Mars", "neither a known cloud"),
        ("http://insecure.example/metadata/endpoints", "must be an https URL"),
    ],
)
def test_bad_values(value, text):
    with pytest.raises(ValidationError) as info:
        _cloud.resolve_cloud(value, no_fetch)
    assert text in str(info.value)


def test_metadata_without_authentication():
    with pytest.raises(ModuleError) as info:
        _cloud.resolve_cloud("https://x.example/", lambda url: {"galleryEndpoint": "g"})
    assert "loginEndpoint" in str(info.value)
