#!/usr/bin/env python3
"""Talk to the emulator with nothing but azure-mgmt-network, azure-identity
and its endpoint.json: list the providers, create a circuit, see its
service key, and see Azure's refusal of an unknown peering location.

    make emulator STATE=/tmp/x &
    python tests/emulator/examples/plain_sdk_client.py /tmp/x/endpoint.json
"""

import json
import sys

from azure.core.exceptions import HttpResponseError
from azure.identity import ClientSecretCredential
from azure.mgmt.network import NetworkManagementClient
from azure.mgmt.network.models import (
    ExpressRouteCircuit,
    ExpressRouteCircuitServiceProviderProperties,
    ExpressRouteCircuitSku,
)


def main(endpoint_file):
    with open(endpoint_file) as handle:
        endpoint = json.load(handle)
    ca = endpoint["ca_bundle"]
    credential = ClientSecretCredential(
        endpoint["tenant_id"],
        endpoint["client_id"],
        endpoint["client_secret"],
        authority=endpoint["authority_host"],
        disable_instance_discovery=True,
        connection_verify=ca,
    )
    network = NetworkManagementClient(
        credential,
        endpoint["subscription_id"],
        base_url=endpoint["base_url"],
        connection_verify=ca,
        credential_scopes=["https://management.azure.com/.default"],
    )

    providers = list(network.express_route_service_providers.list())
    print("providers:", ", ".join(p.name for p in providers))

    def circuit(peering_location):
        return ExpressRouteCircuit(
            location="westeurope",
            sku=ExpressRouteCircuitSku(name="Standard_MeteredData", tier="Standard", family="MeteredData"),
            service_provider_properties=ExpressRouteCircuitServiceProviderProperties(
                service_provider_name="Equinix", peering_location=peering_location, bandwidth_in_mbps=200
            ),
        )

    created = network.express_route_circuits.begin_create_or_update(
        "rg-expressroute", "er-example", circuit("Amsterdam")
    ).result()
    state = getattr(created.service_provider_provisioning_state, "value", created.service_provider_provisioning_state)
    print("service key:", created.service_key)
    print("provider state:", state)

    try:
        network.express_route_circuits.begin_create_or_update(
            "rg-expressroute", "er-nowhere", circuit("Atlantis")
        ).result()
    except HttpResponseError as exc:
        print("refused:", exc.status_code, exc.error.code, exc.error.message)
        return 0
    print("unexpected: Atlantis was accepted")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
