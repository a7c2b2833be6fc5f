"""Virtual networks, subnets and public IP addresses through the real SDK:
the seed, lifecycle, address rules, what a gateway's use of them forbids."""

import pytest
from azure.core.exceptions import ResourceNotFoundError

from conftest import value
from er_builders import HUB, RG_NET, SPOKE, SPOKE_RG, create_gateway, error_of, models, resource_id, subnet_id


def vnet_body(prefixes=("10.50.0.0/16",), subnets=(("GatewaySubnet", "10.50.255.0/27"),), location="westeurope"):
    m = models()
    return m.VirtualNetwork(
        location=location,
        address_space=m.AddressSpace(address_prefixes=list(prefixes)),
        subnets=[m.Subnet(name=n, address_prefix=p) for n, p in subnets],
    )


def create_vnet(network, name="vnet-test", **kwargs):
    return network.virtual_networks.begin_create_or_update(RG_NET, name, vnet_body(**kwargs)).result()


def subnet_body(prefix):
    return models().Subnet(address_prefix=prefix)


def test_seeded_virtual_networks_and_subnets(network, emulator_endpoint):
    names = sorted(v.name for v in network.virtual_networks.list(RG_NET))
    assert names == ["vnet-hub-neu", "vnet-hub-weu"]
    hub = network.virtual_networks.get(RG_NET, HUB)
    assert hub.location == "westeurope" and hub.address_space.address_prefixes == ["10.10.0.0/16"]
    assert value(hub.provisioning_state) == "Succeeded"
    assert {s.name: s.address_prefix for s in hub.subnets} == {
        "GatewaySubnet": "10.10.255.0/27",
        "snet-workloads": "10.10.1.0/24",
    }
    gateway_subnet = network.subnets.get(RG_NET, HUB, "GatewaySubnet")
    assert gateway_subnet.id == subnet_id(emulator_endpoint["subscription_id"])
    assert [s.name for s in network.subnets.list(RG_NET, HUB)] == ["GatewaySubnet", "snet-workloads"]
    assert sorted(v.name for v in network.virtual_networks.list_all()) == names
    from conftest import make_client

    second = make_client(emulator_endpoint, subscription_id=emulator_endpoint["second_subscription_id"])
    assert [v.name for v in second.virtual_networks.list(SPOKE_RG)] == [SPOKE]


def test_virtual_network_lifecycle_with_inline_and_child_subnets(network):
    created = create_vnet(network, subnets=(("GatewaySubnet", "10.50.255.0/27"), ("apps", "10.50.1.0/24")))
    assert value(created.provisioning_state) == "Succeeded"
    assert sorted(s.name for s in created.subnets) == ["GatewaySubnet", "apps"]
    # A subnet through its own API shows up inline.
    network.subnets.begin_create_or_update(RG_NET, "vnet-test", "data", subnet_body("10.50.2.0/24")).result()
    fetched = network.virtual_networks.get(RG_NET, "vnet-test")
    assert sorted(s.name for s in fetched.subnets) == ["GatewaySubnet", "apps", "data"]
    # The update pattern: GET, change one field, PUT the fetched model back.
    fetched.address_space.address_prefixes = ["10.50.0.0/16", "10.51.0.0/16"]
    updated = network.virtual_networks.begin_create_or_update(RG_NET, "vnet-test", fetched).result()
    assert updated.address_space.address_prefixes == ["10.50.0.0/16", "10.51.0.0/16"]
    assert sorted(s.name for s in updated.subnets) == ["GatewaySubnet", "apps", "data"]
    assert updated.etag != created.etag
    # A VNet PUT carries the whole subnet list: a subnet left out goes.
    updated.subnets = [s for s in updated.subnets if s.name != "apps"]
    network.virtual_networks.begin_create_or_update(RG_NET, "vnet-test", updated).result()
    with pytest.raises(ResourceNotFoundError):
        network.subnets.get(RG_NET, "vnet-test", "apps")
    network.subnets.begin_delete(RG_NET, "vnet-test", "data").result()
    assert [s.name for s in network.subnets.list(RG_NET, "vnet-test")] == ["GatewaySubnet"]
    network.virtual_networks.begin_delete(RG_NET, "vnet-test").result()
    with pytest.raises(ResourceNotFoundError):
        network.virtual_networks.get(RG_NET, "vnet-test")


@pytest.mark.parametrize(
    "kwargs, code, text",
    [
        (
            {"subnets": (("apps", "10.60.0.0/24"),)},
            "NetcfgSubnetRangeOutsideVnet",
            (
                "Subnet 'apps' is not valid because its IP address range (10.60.0.0/24) is outside the IP address range of "
                "virtual network 'vnet-bad' (10.50.0.0/16)"
            ),
        ),
        (
            {"subnets": (("a", "10.50.0.0/24"), ("b", "10.50.0.128/25"))},
            "NetcfgSubnetRangesOverlap",
            "Subnet 'b' is not valid because its IP address range (10.50.0.128/25) overlaps with that of subnet 'a'",
        ),
        (
            {"subnets": (("apps", "10.50.1.7/24"),)},
            "InvalidCIDRNotation",
            "For the given prefix length, the address prefix should be 10.50.1.0/24.",
        ),
        (
            {"subnets": (("GatewaySubnet", "10.50.255.0/30"),)},
            "GatewaySubnetTooSmall",
            "a gateway subnet must be /29 or larger, and /27 or larger is recommended",
        ),
        ({"prefixes": ()}, "AddressSpaceRequired", "properties.addressSpace.addressPrefixes"),
        ({"prefixes": ("10.50.0.0/16", "10.50.128.0/17")}, "AddressSpacePrefixesOverlap", "10.50.128.0/17"),
        ({"subnets": (("apps", "10.50.1.0/24"), ("APPS", "10.50.2.0/24"))}, "DuplicateSubnetName", "'APPS'"),
    ],
)
def test_virtual_network_rules_refuse_before_any_write(network, kwargs, code, text):
    exc = error_of(lambda: create_vnet(network, "vnet-bad", **kwargs))
    assert exc.status_code == 400 and exc.error.code == code
    assert text in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.virtual_networks.get(RG_NET, "vnet-bad")


def test_a_gateway_subnet_of_a_29_is_accepted(network):
    # /29 is the smallest gateway subnet; /27 is advice, not a rule.
    created = create_vnet(network, "vnet-small", subnets=(("GatewaySubnet", "10.50.255.0/29"),))
    assert created.subnets[0].address_prefix == "10.50.255.0/29"


def test_a_wrongly_shaped_body_is_refused_by_member_name(arm):
    url = "{0}{1}?api-version=2025-05-01".format(arm.base, resource_id(arm.sub, RG_NET, "virtualNetworks", "v"))
    response = arm.put(
        url, json={"location": "westeurope", "properties": {"address_space": {"addressPrefixes": ["10.50.0.0/16"]}}}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "InvalidRequestFormat"
    assert (
        "Could not find member 'address_space' on object of type 'VirtualNetworkPropertiesFormat'" in error["message"]
    )
    assert arm.get(url).status_code == 404


@pytest.mark.parametrize(
    "prefix, code",
    [
        ("10.10.1.128/25", "NetcfgSubnetRangesOverlap"),
        ("10.11.0.0/24", "NetcfgSubnetRangeOutsideVnet"),
        ("10.10.254.0/30", None),  # fine for an ordinary subnet: the /29 floor is GatewaySubnet's
    ],
)
def test_subnet_rules_against_its_siblings(network, prefix, code):
    def poller():
        return network.subnets.begin_create_or_update(RG_NET, HUB, "extra", subnet_body(prefix)).result()

    if code is None:
        assert poller().address_prefix == prefix
        return
    exc = error_of(poller)
    assert exc.status_code == 400 and exc.error.code == code and "'extra'" in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.subnets.get(RG_NET, HUB, "extra")


def test_a_subnet_used_by_a_gateway_cannot_go_or_change(network, emulator_endpoint):
    gateway = create_gateway(network)
    config_id = gateway.ip_configurations[0].id
    subnet = network.subnets.get(RG_NET, HUB, "GatewaySubnet")
    assert [c.id for c in subnet.ip_configurations] == [config_id]

    exc = error_of(lambda: network.subnets.begin_delete(RG_NET, HUB, "GatewaySubnet").result())
    assert exc.error.code == "InUseSubnetCannotBeDeleted"
    assert exc.error.message.startswith(
        "Subnet GatewaySubnet is in use by {0} and cannot be deleted.".format(config_id)
    )
    exc = error_of(
        lambda: network.subnets.begin_create_or_update(
            RG_NET, HUB, "GatewaySubnet", subnet_body("10.10.254.0/26")
        ).result()
    )
    assert exc.error.code == "InUseSubnetCannotBeUpdated" and "10.10.255.0/27" in exc.error.message
    hub = network.virtual_networks.get(RG_NET, HUB)
    hub.subnets = [s for s in hub.subnets if s.name != "GatewaySubnet"]
    exc = error_of(lambda: network.virtual_networks.begin_create_or_update(RG_NET, HUB, hub).result())
    assert exc.error.code == "InUseSubnetCannotBeDeleted"
    exc = error_of(lambda: network.virtual_networks.begin_delete(RG_NET, HUB).result())
    assert exc.error.code == "InUseSubnetCannotBeDeleted"
    after = network.subnets.get(RG_NET, HUB, "GatewaySubnet")
    assert after.address_prefix == "10.10.255.0/27" and after.etag == subnet.etag
    assert [s.name for s in network.subnets.list(RG_NET, HUB)] == ["GatewaySubnet", "snet-workloads"]

    network.virtual_network_gateways.begin_delete(RG_NET, "ergw").result()
    network.subnets.begin_delete(RG_NET, HUB, "GatewaySubnet").result()
    assert [s.name for s in network.subnets.list(RG_NET, HUB)] == ["snet-workloads"]


def test_subnet_writes_wait_for_the_virtual_network(network, emulator_controls):
    emulator_controls.configure(lro_seconds={"virtualNetworks": 30})
    network.virtual_networks.begin_create_or_update(RG_NET, "vnet-slow", vnet_body())
    exc = error_of(
        lambda: network.subnets.begin_create_or_update(RG_NET, "vnet-slow", "apps", subnet_body("10.50.1.0/24"))
    )
    assert exc.status_code == 409 and exc.error.code == "AnotherOperationInProgress"


# ---------------------------------------------------------------------------
# Public IP addresses
# ---------------------------------------------------------------------------
def public_ip_body(sku="Standard", allocation="Static", location="westeurope"):
    m = models()
    return m.PublicIPAddress(
        location=location, sku=m.PublicIPAddressSku(name=sku), public_ip_allocation_method=allocation
    )


def test_public_ip_gets_its_address_when_the_create_completes(network, emulator_controls):
    emulator_controls.configure(lro_seconds={"publicIPAddresses": 0.5})
    poller = network.public_ip_addresses.begin_create_or_update(RG_NET, "pip1", public_ip_body())
    early = network.public_ip_addresses.get(RG_NET, "pip1")
    assert value(early.provisioning_state) == "Updating" and early.ip_address is None
    done = poller.result()
    assert value(done.provisioning_state) == "Succeeded"
    assert done.ip_address.count(".") == 3
    assert value(done.sku.name) == "Standard" and value(done.public_ip_allocation_method) == "Static"
    assert [p.name for p in network.public_ip_addresses.list_all()] == ["pip1"]
    # Re-PUT keeps the address.
    emulator_controls.configure(lro_seconds={"publicIPAddresses": 0})
    again = network.public_ip_addresses.begin_create_or_update(RG_NET, "pip1", done).result()
    assert again.ip_address == done.ip_address


@pytest.mark.parametrize(
    "kwargs, code, text",
    [
        ({"sku": "Basic", "allocation": "Dynamic"}, "BasicSkuPublicIPAddressRetired", "retired on 30 September 2025"),
        ({"allocation": "Dynamic"}, "StandardSkuPublicIPAddressMustBeStatic", "publicIPAllocationMethod to 'Static'"),
    ],
)
def test_public_ip_rules(network, kwargs, code, text):
    exc = error_of(
        lambda: network.public_ip_addresses.begin_create_or_update(RG_NET, "pip-bad", public_ip_body(**kwargs)).result()
    )
    assert exc.status_code == 400 and exc.error.code == code and text in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.public_ip_addresses.get(RG_NET, "pip-bad")


def test_a_public_ip_used_by_a_gateway(network, emulator_endpoint):
    pip = network.public_ip_addresses.begin_create_or_update(RG_NET, "pip-gw", public_ip_body()).result()
    gateway = create_gateway(network, public_ip=pip.id)
    config = gateway.ip_configurations[0]
    assert config.public_ip_address.id == pip.id
    assert network.public_ip_addresses.get(RG_NET, "pip-gw").ip_configuration.id == config.id

    exc = error_of(lambda: network.public_ip_addresses.begin_delete(RG_NET, "pip-gw").result())
    assert exc.error.code == "PublicIPAddressCannotBeDeleted"
    assert "can not be deleted since it is still allocated to resource {0}".format(config.id) in exc.error.message
    # Another gateway (on another VNet) cannot take the same address.
    create_vnet(network, "vnet-two")
    exc = error_of(
        lambda: create_gateway(
            network, "ergw2", subnet=subnet_id(emulator_endpoint["subscription_id"], "vnet-two"), public_ip=pip.id
        )
    )
    assert exc.error.code == "PublicIPAddressInUse" and config.id in exc.error.message
    with pytest.raises(ResourceNotFoundError):
        network.virtual_network_gateways.get(RG_NET, "ergw2")

    network.virtual_network_gateways.begin_delete(RG_NET, "ergw").result()
    assert network.public_ip_addresses.get(RG_NET, "pip-gw").ip_configuration is None
    network.public_ip_addresses.begin_delete(RG_NET, "pip-gw").result()


def test_a_bad_seed_stops_the_emulator_with_the_rule(tmp_path):
    from expressroute_emulator.config import DEFAULTS
    from expressroute_emulator.server import Emulator
    import copy

    subscriptions = copy.deepcopy(DEFAULTS["subscriptions"])
    subscriptions[0]["virtual_networks"][0]["subnets"].append({"name": "late", "address_prefix": "10.99.0.0/24"})
    with pytest.raises(SystemExit) as info:
        Emulator(str(tmp_path), config_overrides={"subscriptions": subscriptions})
    assert "vnet-hub-weu" in str(info.value) and "outside the IP address range" in str(info.value)


def test_more_virtual_network_rules(network, arm):
    # A subnet without a prefix.
    url = "{0}{1}?api-version=2025-05-01".format(arm.base, resource_id(arm.sub, RG_NET, "virtualNetworks", "v"))
    response = arm.put(
        url,
        json={
            "location": "westeurope",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]},
                "subnets": [{"name": "apps", "properties": {}}],
            },
        },
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidRequestFormat"
    assert "properties.subnets[0].properties.addressPrefix" in response.json()["error"]["message"]
    # Peerings and edge zones are not emulated.
    response = arm.put(
        url,
        json={
            "location": "westeurope",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]},
                "virtualNetworkPeerings": [{"name": "p"}],
            },
        },
    )
    assert response.json()["error"]["code"] == "VirtualNetworkPeeringNotEmulated"
    response = arm.put(
        url,
        json={
            "location": "westeurope",
            "extendedLocation": {"name": "x", "type": "EdgeZone"},
            "properties": {"addressSpace": {"addressPrefixes": ["10.50.0.0/16"]}},
        },
    )
    assert response.json()["error"]["code"] == "ExtendedLocationNotEmulated"
    assert arm.get(url).status_code == 404

    # Shrinking the address space away from a subnet.
    hub = network.virtual_networks.get(RG_NET, HUB)
    hub.address_space.address_prefixes = ["10.10.0.0/17"]
    exc = error_of(lambda: network.virtual_networks.begin_create_or_update(RG_NET, HUB, hub).result())
    assert exc.error.code == "NetcfgSubnetRangeOutsideVnet" and "'GatewaySubnet'" in exc.error.message
    assert network.virtual_networks.get(RG_NET, HUB).address_space.address_prefixes == ["10.10.0.0/16"]


def test_more_public_ip_rules(network, arm):
    url = "{0}{1}?api-version=2025-05-01".format(arm.base, resource_id(arm.sub, RG_NET, "publicIPAddresses", "p"))
    response = arm.put(
        url,
        json={
            "location": "westeurope",
            "sku": {"name": "Standard", "tier": "Galactic"},
            "properties": {"publicIPAllocationMethod": "Static"},
        },
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "InvalidPublicIPAddressSku"
    assert "Regional, Global" in response.json()["error"]["message"]
    assert arm.get(url).status_code == 404
    created = network.public_ip_addresses.begin_create_or_update(RG_NET, "p", public_ip_body()).result()
    created.public_ip_address_version = "IPv6"
    exc = error_of(lambda: network.public_ip_addresses.begin_create_or_update(RG_NET, "p", created).result())
    assert exc.error.code == "PublicIPAddressVersionCannotBeChanged"
    assert value(network.public_ip_addresses.get(RG_NET, "p").public_ip_address_version) == "IPv4"
