"""Builders shared by the virtual network, gateway and connection tests:
request bodies made with the SDK's own models (so that both SDK
generations serialise them), and the circuit side a connection needs
(provisioned circuit, private peering, authorization), all through the SDK.
"""

import pytest
from azure.core.exceptions import HttpResponseError

from conftest import circuit_body, value

RG_NET = "rg-network"
RG_ER = "rg-expressroute"
HUB = "vnet-hub-weu"  # seeded: 10.10.0.0/16, GatewaySubnet 10.10.255.0/27
SPOKE = "vnet-spoke-weu"  # seeded in the second subscription: 10.30.0.0/16
SPOKE_RG = "rg-landingzone"
NET = "/providers/Microsoft.Network"


def models():
    from azure.mgmt.network import models as m

    return m


def error_of(fn, *args, **kwargs):
    with pytest.raises(HttpResponseError) as info:
        fn(*args, **kwargs)
    return info.value


def subnet_id(subscription, vnet=HUB, subnet="GatewaySubnet", group=RG_NET):
    return "/subscriptions/{0}/resourceGroups/{1}{2}/virtualNetworks/{3}/subnets/{4}".format(
        subscription, group, NET, vnet, subnet
    )


def resource_id(subscription, group, collection, name):
    return "/subscriptions/{0}/resourceGroups/{1}{2}/{3}/{4}".format(subscription, group, NET, collection, name)


# ---------------------------------------------------------------------------
# Gateways
# ---------------------------------------------------------------------------
def gateway_body(
    subnet, sku="ErGw1AZ", location="westeurope", bounds=None, public_ip=None, gateway_type="ExpressRoute", **properties
):
    m = models()
    config = m.VirtualNetworkGatewayIPConfiguration(name="default", subnet=m.SubResource(id=subnet))
    if public_ip:
        config.public_ip_address = m.SubResource(id=public_ip)
    kwargs = dict(
        location=location,
        gateway_type=gateway_type,
        sku=m.VirtualNetworkGatewaySku(name=sku, tier=sku),
        ip_configurations=[config],
        **properties,
    )
    if bounds:
        kwargs["auto_scale_configuration"] = m.VirtualNetworkGatewayAutoScaleConfiguration(
            bounds=m.VirtualNetworkGatewayAutoScaleBounds(min=bounds[0], max=bounds[1])
        )
    return m.VirtualNetworkGateway(**kwargs)


def create_gateway(network, name="ergw", subnet=None, group=RG_NET, **kwargs):
    subnet = subnet or subnet_id(network._config.subscription_id)
    return network.virtual_network_gateways.begin_create_or_update(group, name, gateway_body(subnet, **kwargs)).result()


# ---------------------------------------------------------------------------
# The circuit side
# ---------------------------------------------------------------------------
def ready_circuit(network, controls, name="er1", location="Amsterdam", peering=True, provision=True):
    """A circuit the provider has provisioned, with a private peering."""
    circuit = network.express_route_circuits.begin_create_or_update(
        RG_ER, name, circuit_body(location=location)
    ).result()
    if provision:
        controls.provision(circuit.service_key, "Provisioned")
    if peering:
        private_peering(network, circuit)
    return network.express_route_circuits.get(RG_ER, name)


def private_peering(network, circuit, vlan=100):
    m = models()
    return network.express_route_circuit_peerings.begin_create_or_update(
        RG_ER,
        circuit.name,
        "AzurePrivatePeering",
        m.ExpressRouteCircuitPeering(
            peering_type="AzurePrivatePeering",
            peer_asn=65020,
            vlan_id=vlan,
            primary_peer_address_prefix="192.168.100.128/30",
            secondary_peer_address_prefix="192.168.100.132/30",
        ),
    ).result()


def authorization(network, circuit, name="auth1"):
    """The key of a new Available authorization of the circuit."""
    return (
        network.express_route_circuit_authorizations.begin_create_or_update(
            RG_ER, circuit.name, name, models().ExpressRouteCircuitAuthorization()
        )
        .result()
        .authorization_key
    )


def authorization_status(network, circuit, name="auth1"):
    return value(network.express_route_circuit_authorizations.get(RG_ER, circuit.name, name).authorization_use_status)


# ---------------------------------------------------------------------------
# Connections
# ---------------------------------------------------------------------------
def connection_body(gateway_id, circuit_id, key=None, location="westeurope", **properties):
    m = models()
    return m.VirtualNetworkGatewayConnection(
        location=location,
        connection_type="ExpressRoute",
        virtual_network_gateway1=m.VirtualNetworkGateway(id=gateway_id),
        peer=m.SubResource(id=circuit_id),
        authorization_key=key,
        **properties,
    )


def connect(network, name, gateway_id, circuit_id, group=RG_NET, **kwargs):
    return network.virtual_network_gateway_connections.begin_create_or_update(
        group, name, connection_body(gateway_id, circuit_id, **kwargs)
    ).result()
