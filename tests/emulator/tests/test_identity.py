"""Entra ID and cloud discovery, as azure-identity and a plain client see them."""

import json

import pytest
import requests

from conftest import make_client, make_credential


def test_client_secret_credential_gets_a_token_and_arm_accepts_it(emulator_endpoint, network):
    token = make_credential(emulator_endpoint).get_token("https://management.azure.com/.default")
    assert token.token.count(".") == 2 and token.expires_on > 0
    assert len(list(network.express_route_service_providers.list())) >= 8


def test_wrong_client_secret_is_a_401_with_an_aadsts_body(emulator_endpoint):
    url = "{0}/{1}/oauth2/v2.0/token".format(emulator_endpoint["base_url"], emulator_endpoint["tenant_id"])
    response = requests.post(
        url,
        verify=emulator_endpoint["ca_bundle"],
        data={
            "grant_type": "client_credentials",
            "client_id": emulator_endpoint["client_id"],
            "client_secret": "not-the-secret",
            "scope": "https://management.azure.com/.default",
        },
    )
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "invalid_client"
    assert body["error_codes"] == [7000215]
    assert body["error_description"].startswith("AADSTS7000215: Invalid client secret provided.")


def test_wrong_client_secret_through_azure_identity_raises(emulator_endpoint):
    from azure.core.exceptions import ClientAuthenticationError
    from azure.identity import ClientSecretCredential

    credential = ClientSecretCredential(
        emulator_endpoint["tenant_id"],
        emulator_endpoint["client_id"],
        "wrong",
        authority=emulator_endpoint["authority_host"],
        disable_instance_discovery=True,
        connection_verify=emulator_endpoint["ca_bundle"],
    )
    with pytest.raises(ClientAuthenticationError) as info:
        credential.get_token("https://management.azure.com/.default")
    assert "AADSTS7000215" in str(info.value)


def test_unknown_client_and_unknown_tenant_are_refused(emulator_endpoint):
    base, ca = emulator_endpoint["base_url"], emulator_endpoint["ca_bundle"]
    form = {
        "grant_type": "client_credentials",
        "client_id": "00000000-0000-0000-0000-0000000000aa",
        "client_secret": "x",
        "scope": "https://management.azure.com/.default",
    }
    response = requests.post(
        "{0}/{1}/oauth2/v2.0/token".format(base, emulator_endpoint["tenant_id"]), data=form, verify=ca
    )
    assert response.status_code == 400 and response.json()["error_codes"] == [700016]
    response = requests.get(base + "/not-a-tenant/v2.0/.well-known/openid-configuration", verify=ca)
    assert response.status_code == 400 and response.json()["error_codes"] == [90002]


def test_username_password_flow(emulator_endpoint, network):
    from azure.identity import UsernamePasswordCredential
    from msal.authority import Authority

    # MSAL's user-realm discovery drops the authority's port
    # (https://host/common/userrealm/...), so a private authority on a
    # non-443 port must be marked as having none; the collection's auth layer
    # does the same.  The emulator still serves /common/userrealm (below).
    host = emulator_endpoint["authority_host"].split("//")[1].split(":")[0]
    Authority._domains_without_user_realm_discovery.add(host)
    realm = requests.get(
        emulator_endpoint["base_url"] + "/common/userrealm/" + emulator_endpoint["ad_user"] + "?api-version=1.0",
        verify=emulator_endpoint["ca_bundle"],
    ).json()
    assert realm["account_type"] == "Managed"

    credential = UsernamePasswordCredential(
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        emulator_endpoint["ad_user"],
        emulator_endpoint["ad_password"],
        tenant_id=emulator_endpoint["tenant_id"],
        authority=emulator_endpoint["authority_host"],
        disable_instance_discovery=True,
        connection_verify=emulator_endpoint["ca_bundle"],
    )
    client = make_client(emulator_endpoint, credential=credential)
    assert len(list(client.bgp_service_communities.list())) > 5


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer a.b.c", "Basic dXNlcjpwYXNz"])
def test_arm_requires_a_valid_token(emulator_endpoint, header):
    url = (
        "{0}/subscriptions/{1}/providers/Microsoft.Network/expressRouteServiceProviders?api-version=2025-05-01".format(
            emulator_endpoint["base_url"], emulator_endpoint["subscription_id"]
        )
    )
    headers = {"Authorization": header} if header else {}
    response = requests.get(url, headers=headers, verify=emulator_endpoint["ca_bundle"])
    assert response.status_code == 401
    assert response.json()["error"]["code"] in (
        "AuthenticationFailed",
        "AuthenticationFailedInvalidHeader",
        "InvalidAuthenticationToken",
    )
    assert "Bearer" in response.headers["WWW-Authenticate"]


def test_a_token_signed_with_another_key_is_refused(emulator_endpoint, arm):
    header, payload, signature = arm.headers["Authorization"].split()[1].split(".")
    forged = "{0}.{1}.{2}".format(header, payload, signature[::-1])
    url = "{0}/subscriptions/{1}/resourcegroups?api-version=2021-04-01".format(arm.base, arm.sub)
    response = requests.get(url, headers={"Authorization": "Bearer " + forged}, verify=emulator_endpoint["ca_bundle"])
    assert response.status_code == 401
    assert arm.get(url).status_code == 200


def test_cloud_discovery_in_both_shapes(emulator_endpoint):
    ca = emulator_endpoint["ca_bundle"]
    stack = requests.get(emulator_endpoint["metadata_url"], verify=ca).json()
    assert stack["authentication"]["loginEndpoint"].rstrip("/") == emulator_endpoint["authority_host"]
    assert stack["authentication"]["audiences"]
    clouds = requests.get(
        emulator_endpoint["base_url"] + "/metadata/endpoints?api-version=2019-05-01", verify=ca
    ).json()
    assert isinstance(clouds, list)
    assert clouds[0]["resourceManager"].rstrip("/") == emulator_endpoint["base_url"]


def test_openid_configuration_has_what_msal_needs(emulator_endpoint):
    url = "{0}/{1}/v2.0/.well-known/openid-configuration".format(
        emulator_endpoint["base_url"], emulator_endpoint["tenant_id"]
    )
    config = requests.get(url, verify=emulator_endpoint["ca_bundle"]).json()
    assert config["token_endpoint"].endswith("/oauth2/v2.0/token")
    assert config["issuer"].startswith(emulator_endpoint["base_url"])
    assert json.dumps(config)
