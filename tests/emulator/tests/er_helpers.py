"""Building blocks for the tests of a circuit's children: a provisioned
circuit, peering bodies, error capture.  SDK models only, so that each body
goes through the SDK generation under test (33.x hybrid, 30.x msrest)."""

import pytest
from azure.core.exceptions import HttpResponseError

from conftest import circuit_body

RG = "rg-expressroute"
PRIVATE, MICROSOFT = "AzurePrivatePeering", "MicrosoftPeering"
API = "api-version=2025-05-01"


def provisioned_circuit(
    network, controls, name="er1", location="Amsterdam", provider="Equinix", state="Provisioned", group=RG, **kwargs
):
    circuit = network.express_route_circuits.begin_create_or_update(
        group, name, circuit_body(provider=provider, location=location, **kwargs)
    ).result()
    if state != "NotProvisioned":
        controls.provision(circuit.service_key, state)
    return network.express_route_circuits.get(group, name)


def private_peering(
    vlan=100, asn=65020, primary="192.168.100.128/30", secondary="192.168.100.132/30", peering_type=PRIVATE, **kwargs
):
    from azure.mgmt.network.models import ExpressRouteCircuitPeering

    return ExpressRouteCircuitPeering(
        peering_type=peering_type,
        peer_asn=asn,
        primary_peer_address_prefix=primary,
        secondary_peer_address_prefix=secondary,
        vlan_id=vlan,
        **kwargs,
    )


def microsoft_config(prefixes=("123.1.0.0/24",), registry="ARIN", customer_asn=None):
    from azure.mgmt.network.models import ExpressRouteCircuitPeeringConfig

    return ExpressRouteCircuitPeeringConfig(
        advertised_public_prefixes=list(prefixes), routing_registry_name=registry, customer_asn=customer_asn
    )


def microsoft_peering(
    vlan=200, asn=20000, primary="123.0.0.0/30", secondary="123.0.0.4/30", config="default", **kwargs
):
    from azure.mgmt.network.models import ExpressRouteCircuitPeering

    return ExpressRouteCircuitPeering(
        peering_type=MICROSOFT,
        peer_asn=asn,
        primary_peer_address_prefix=primary,
        secondary_peer_address_prefix=secondary,
        vlan_id=vlan,
        microsoft_peering_config=microsoft_config() if config == "default" else config,
        **kwargs,
    )


def sub_resource(resource_id):
    from azure.mgmt.network.models import SubResource

    return SubResource(id=resource_id)


def create_peering(network, body, circuit="er1", name=None, group=RG):
    return network.express_route_circuit_peerings.begin_create_or_update(
        group, circuit, name or value(body.peering_type), body
    ).result()


def value(enum_or_str):
    return getattr(enum_or_str, "value", enum_or_str)


def error_of(callable_, *args):
    with pytest.raises(HttpResponseError) as info:
        callable_(*args)
    return info.value


def peering_url(arm, circuit="er1", peering=PRIVATE, suffix=""):
    return (
        "{0}/subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.Network/expressRouteCircuits/{3}/"
        "peerings/{4}{5}?{6}".format(arm.base, arm.sub, RG, circuit, peering, suffix, API)
    )
