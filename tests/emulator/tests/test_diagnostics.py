"""Diagnostics of a peering through the real SDK: ARP table, route table,
route-table summary (202 + Location, then the table), stats; the simulated
customer router of /_emulator/peerings/routes; the route_sources hook."""

import time
import urllib.error

import pytest

from er_helpers import (
    MICROSOFT,
    PRIVATE,
    RG,
    create_peering,
    error_of,
    microsoft_config,
    microsoft_peering,
    peering_url,
    private_peering,
    provisioned_circuit,
    value,
)


@pytest.fixture
def peering(network, emulator_controls):
    provisioned_circuit(network, emulator_controls)
    return create_peering(network, private_peering())


def advertise(controls, peering_id, routes=None, device_path=None, session=None):
    body = {"peering": peering_id}
    if routes is not None:
        body["routes"] = routes
    if device_path:
        body["device_path"] = device_path
    if session:
        body["session"] = session
    return controls.call("POST", "peerings/routes", body)


def arp(network, path, peering_name=PRIVATE):
    return network.express_route_circuits.begin_list_arp_table(RG, "er1", peering_name, path).result().value


def routes(network, path, peering_name=PRIVATE):
    return network.express_route_circuits.begin_list_routes_table(RG, "er1", peering_name, path).result().value


def summary(network, path, peering_name=PRIVATE):
    return network.express_route_circuits.begin_list_routes_table_summary(RG, "er1", peering_name, path).result().value


def test_arp_table_without_anyone_on_the_other_side(network, peering):
    primary = arp(network, "primary")
    assert [(e.interface, e.ip_address) for e in primary] == [
        ("On-Prem", "192.168.100.129"),
        ("Microsoft", "192.168.100.130"),
    ]
    assert primary[0].mac_address == "Incomplete"
    secondary = arp(network, "secondary")
    assert [e.ip_address for e in secondary] == ["192.168.100.133", "192.168.100.134"]
    assert secondary[1].mac_address != primary[1].mac_address


def test_the_actions_answer_202_with_only_a_location(peering, arm, emulator_controls):
    emulator_controls.configure(lro_seconds={"peerings": 0.5})
    started = arm.post(peering_url(arm, suffix="/arpTables/primary"))
    assert started.status_code == 202 and not started.content
    assert "Azure-AsyncOperation" not in started.headers
    location = started.headers["Location"]
    assert arm.get(location).status_code == 202
    time.sleep(0.6)
    done = arm.get(location)
    assert done.status_code == 200 and [e["interface"] for e in done.json()["value"]] == ["On-Prem", "Microsoft"]


def test_routes_the_customer_router_advertises(network, peering, emulator_controls):
    advertise(
        emulator_controls,
        peering.id,
        device_path="primary",
        routes=[{"network": "10.1.0.0/16", "as_path": "65020"}, {"network": "10.2.0.0/16", "as_path": "65020 65100"}],
    )
    table = routes(network, "primary")
    assert [(r.network, r.next_hop, r.path) for r in table] == [
        ("10.1.0.0/16", "192.168.100.129", "65020"),
        ("10.2.0.0/16", "192.168.100.129", "65020 65100"),
    ]
    (row,) = summary(network, "primary")
    assert (row.neighbor, row.v, row.as_property, row.state_pfx_rcd) == ("192.168.100.129", 4, 65020, "2")
    assert row.up_down.startswith("00:00:")
    # The secondary router was not configured: nothing learned, never up.
    (other,) = summary(network, "secondary")
    assert (other.state_pfx_rcd, other.up_down) == ("Idle", "never")
    assert routes(network, "secondary") == []
    # ARP now resolves on the primary path only.
    assert arp(network, "primary")[0].mac_address != "Incomplete"
    assert arp(network, "secondary")[0].mac_address == "Incomplete"


def test_session_states(network, peering, emulator_controls):
    advertise(emulator_controls, peering.id, routes=[{"network": "10.1.0.0/16"}])
    assert routes(network, "secondary")[0].path == "65020"  # the peer ASN when no AS path is given
    advertise(emulator_controls, peering.id, session="down")
    assert summary(network, "primary")[0].state_pfx_rcd == "Active" and routes(network, "primary") == []
    advertise(emulator_controls, peering.id, session="up")
    peering.state = "Disabled"
    network.express_route_circuit_peerings.begin_create_or_update(RG, "er1", PRIVATE, peering).result()
    assert summary(network, "primary")[0].state_pfx_rcd == "Idle (Admin)"
    peering.state = "Enabled"
    network.express_route_circuit_peerings.begin_create_or_update(RG, "er1", PRIVATE, peering).result()
    # More than the 4000 prefixes private peering takes: the session drops.
    many = [{"network": "10.{0}.{1}.0/24".format(i // 256, i % 256)} for i in range(4001)]
    advertise(emulator_controls, peering.id, routes=many, device_path="primary")
    assert summary(network, "primary")[0].state_pfx_rcd == "Idle (PfxCt)"
    assert summary(network, "secondary")[0].state_pfx_rcd == "1"


def test_microsoft_peering_takes_only_its_advertised_prefixes(network, emulator_controls):
    provisioned_circuit(network, emulator_controls)
    peering = create_peering(network, microsoft_peering(config=microsoft_config(prefixes=["123.1.0.0/24"])))
    advertise(
        emulator_controls,
        peering.id,
        routes=[{"network": "123.1.0.0/25", "as_path": "20000"}, {"network": "198.18.0.0/24", "as_path": "20000"}],
    )
    # Prefixes awaiting validation: Microsoft does not enable the session.
    assert summary(network, "primary", MICROSOFT)[0].state_pfx_rcd == "Idle"
    emulator_controls.validate_prefixes(peering.id)
    assert [r.network for r in routes(network, "primary", MICROSOFT)] == ["123.1.0.0/25"]
    assert summary(network, "primary", MICROSOFT)[0].state_pfx_rcd == "1"
    # A new prefix needs validating again: the session goes down meanwhile.
    peering = network.express_route_circuit_peerings.get(RG, "er1", MICROSOFT)
    peering.microsoft_peering_config.advertised_public_prefixes = ["123.1.0.0/24", "123.2.0.0/24"]
    network.express_route_circuit_peerings.begin_create_or_update(RG, "er1", MICROSOFT, peering).result()
    assert summary(network, "primary", MICROSOFT)[0].state_pfx_rcd == "Idle"


def test_route_sources_hook(network, peering, emulator):
    def vnet_routes(circuit, record):
        if record["properties"]["peeringType"] != PRIVATE:
            return []
        return [{"network": "10.10.0.0/16", "nextHop": "10.10.255.4", "path": "65515"}]

    emulator.route_sources.append(vnet_routes)
    try:
        table = routes(network, "primary")
    finally:
        emulator.route_sources.remove(vnet_routes)
    assert [(r.network, r.next_hop, r.loc_prf, r.weight, r.path) for r in table] == [
        ("10.10.0.0/16", "10.10.255.4", "", 0, "65515")
    ]


def _raw(response, deserialized, headers):
    return response.http_response.json()


def test_stats(network, peering, emulator_controls):
    """The keys live ARM sends (primaryBytesIn …) [REC]; the SDK's model maps
    "primarybytesIn", so it reads None from them and clients read the JSON."""
    empty = network.express_route_circuits.get_peering_stats(RG, "er1", PRIVATE, cls=_raw)
    assert empty == {"primaryBytesIn": 0, "primaryBytesOut": 0, "secondaryBytesIn": 0, "secondaryBytesOut": 0}
    assert network.express_route_circuits.get_peering_stats(RG, "er1", PRIVATE).primarybytes_in is None
    advertise(emulator_controls, peering.id, device_path="primary", routes=[{"network": "10.1.0.0/16"}])
    time.sleep(0.05)
    stats = network.express_route_circuits.get_peering_stats(RG, "er1", PRIVATE, cls=_raw)
    assert stats["primaryBytesIn"] > 0 and stats["primaryBytesOut"] > stats["primaryBytesIn"]
    assert (stats["secondaryBytesIn"], stats["secondaryBytesOut"]) == (0, 0)
    advertise(emulator_controls, peering.id, device_path="primary", session="down")
    frozen = network.express_route_circuits.get_peering_stats(RG, "er1", PRIVATE, cls=_raw)["primaryBytesIn"]
    time.sleep(0.05)
    circuit = network.express_route_circuits.get_stats(RG, "er1", cls=_raw)
    assert circuit["primaryBytesIn"] == frozen >= stats["primaryBytesIn"]


def test_bad_device_path(network, peering):
    exc = error_of(lambda: arp(network, "tertiary"))
    assert exc.status_code == 400 and exc.error.code == "InvalidDevicePath"


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"routes": [{"network": "10.1.0.1/16"}]}, 400, ["host bits", "10.1.0.0/16"]),
        ({"routes": [{"network": "10.1.0.0/16", "as_path": "65020 x"}]}, 400, ["as_path"]),
        ({"session": "sideways"}, 400, ["up", "down"]),
        ({"device_path": "third"}, 400, ["primary"]),
        ({"colour": "blue"}, 400, ["colour"]),
    ],
)
def test_the_routes_control_checks_its_input(peering, emulator_controls, body, status, words):
    body["peering"] = peering.id
    with pytest.raises(urllib.error.HTTPError) as info:
        emulator_controls.call("POST", "peerings/routes", body)
    assert info.value.code == status
    message = info.value.read().decode()
    for word in words:
        assert word in message
    assert emulator_controls.call("GET", "peerings/routes?peering=" + peering.id)["primary"]["session"] is None


def test_the_routes_control_needs_an_existing_peering(network, peering, emulator_controls):
    with pytest.raises(urllib.error.HTTPError) as info:
        advertise(emulator_controls, peering.id.replace(PRIVATE, MICROSOFT), routes=[])
    assert info.value.code == 404
    state = advertise(emulator_controls, peering.id, routes=[{"network": "10.1.0.0/16"}])
    assert state["primary"]["bgp_state"]["ipv4"] == "Established"
    assert value(network.express_route_circuit_peerings.get(RG, "er1", PRIVATE).provisioning_state) == "Succeeded"
