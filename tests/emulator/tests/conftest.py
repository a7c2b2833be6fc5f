import pytest

pytest_plugins = ["expressroute_emulator.fixture"]


def make_credential(endpoint):
    from azure.identity import ClientSecretCredential

    return ClientSecretCredential(
        endpoint["tenant_id"],
        endpoint["client_id"],
        endpoint["client_secret"],
        authority=endpoint["authority_host"],
        disable_instance_discovery=True,
        connection_verify=endpoint["ca_bundle"],
    )


def make_client(endpoint, credential=None, subscription_id=None, **kwargs):
    from azure.mgmt.network import NetworkManagementClient

    kwargs.setdefault("polling_interval", 0.05)
    return NetworkManagementClient(
        credential or make_credential(endpoint),
        subscription_id or endpoint["subscription_id"],
        base_url=endpoint["base_url"],
        connection_verify=endpoint["ca_bundle"],
        credential_scopes=["https://management.azure.com/.default"],
        **kwargs,
    )


@pytest.fixture
def network(emulator_endpoint):
    return make_client(emulator_endpoint)


def circuit_body(
    provider="Equinix", location="Amsterdam", bandwidth=200, tier="Standard", family="MeteredData", region="westeurope"
):
    from azure.mgmt.network.models import (
        ExpressRouteCircuit,
        ExpressRouteCircuitServiceProviderProperties,
        ExpressRouteCircuitSku,
    )

    return ExpressRouteCircuit(
        location=region,
        sku=ExpressRouteCircuitSku(name="{0}_{1}".format(tier, family), tier=tier, family=family),
        service_provider_properties=ExpressRouteCircuitServiceProviderProperties(
            service_provider_name=provider, peering_location=location, bandwidth_in_mbps=bandwidth
        ),
    )


def value(enum_or_str):
    """SDK enums are str Enums whose str() differs between versions."""
    return getattr(enum_or_str, "value", enum_or_str)


@pytest.fixture
def arm(emulator_endpoint):
    """A raw HTTPS session with a bearer token, for protocol-level checks."""
    import requests

    credential = make_credential(emulator_endpoint)
    token = credential.get_token("https://management.azure.com/.default").token
    session = requests.Session()
    session.verify = emulator_endpoint["ca_bundle"]
    # REQUESTS_CA_BUNDLE (set machine-wide) would otherwise win over .verify.
    session.trust_env = False
    session.headers["Authorization"] = "Bearer " + token
    session.base = emulator_endpoint["base_url"]
    session.sub = emulator_endpoint["subscription_id"]
    return session
