"""What the Microsoft edge (the MSEE pair) shows for a peering, answered
from the peering's state and a simulated customer router:

- ``POST …/peerings/{p}/arpTables|routeTables|routeTablesSummary/{primary|secondary}``
  (202 + Location, then ``{"value": [...]}``; also under a cross-connection's
  peering, where the summary has the provider's shape);
- ``GET …/peerings/{p}/stats`` and ``GET …/expressRouteCircuits/{c}/stats``.

The customer router is whatever ``POST /_emulator/peerings/routes`` said:
per device path, whether its BGP session is up and which routes it
advertises (with AS path).  Nothing said means nobody is on the other side:
ARP shows the customer address "Incomplete" and BGP is Idle, "never" up.

Other resource types add what the MSEE itself routes on a peering (VNet
prefixes of connected gateways, the other circuit's routes over Global
Reach, Microsoft prefixes a route filter lets through) by appending
``fn(circuit_record, peering_record) -> [route]`` to
``emulator.route_sources``; a route is a dict in the shape of the SDK's
ExpressRouteCircuitRoutesTable: ``network`` (required), ``nextHop``,
``locPrf``, ``weight``, ``path`` (defaults "", "", 0, "").
"""

import hashlib
import ipaddress
import time

from ..arm import Response, ResourceId, parse_resource_id
from ..errors import ArmError, bad_request
from . import _rules

DEVICE_PATHS = ("primary", "secondary")
# Emulator-defined traffic while a path's session is established (bytes/s).
RATE_IN, RATE_OUT = 125000, 250000
# expressroute-routing: prefixes a session accepts before it is dropped.
LIMITS = {
    ("AzurePrivatePeering", 4): 4000,
    ("AzurePrivatePeering", 6): 100,
    ("MicrosoftPeering", 4): 200,
    ("MicrosoftPeering", 6): 200,
}
PREMIUM_PRIVATE_IPV4_LIMIT = 10000


def device_path(argument):
    if not argument or argument.lower() not in DEVICE_PATHS:
        raise bad_request(
            "InvalidDevicePath", "The device path must be 'primary' or 'secondary'; got {0!r}.".format(argument)
        )
    return argument.lower()


def _field(path):
    return "primaryPeerAddressPrefix" if path == "primary" else "secondaryPeerAddressPrefix"


def link_addresses(prefix):
    """(customer, Microsoft) addresses of a link prefix: the customer router
    takes the first usable address, Microsoft the second (router_config §1)."""
    net = ipaddress.ip_network(prefix, strict=False)
    return str(net.network_address + 1), str(net.network_address + 2)


def _mac(seed):
    digest = hashlib.sha256(seed.lower().encode("utf-8")).hexdigest()
    return "{0}.{1}.{2}".format(digest[0:4], digest[4:8], digest[8:12])


def _family_config(props, family):
    return props if family == 4 else (props.get("ipv6PeeringConfig") or {})


def router(record, path):
    return record.get("_meta", {}).get("customer_router", {}).get(path)


def _circuit_of(emulator, record):
    sub, group, segments = parse_resource_id(record["id"])
    return emulator.store.get(
        "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRouteCircuits/{2}".format(
            sub, group, segments[0][1]
        )
    )


def session(circuit, record, path, family):
    """One BGP session (device path, address family) as the MSEE sees it:
    {established, state, since, routes (accepted), received}."""
    props = record["properties"]
    config = _family_config(props, family)
    customer = router(record, path)
    received = [r for r in (customer or {}).get("routes", []) if ipaddress.ip_network(r["network"]).version == family]
    result = {"established": False, "state": "Idle", "since": None, "routes": [], "received": len(received)}
    if customer is None or not config.get(_field(path)):
        return result
    result["since"] = customer["since"]
    limit = (
        LIMITS[(props["peeringType"], family)]
        if props["peeringType"] in ("AzurePrivatePeering", "MicrosoftPeering")
        else 200
    )
    if (props["peeringType"], family) == ("AzurePrivatePeering", 4) and circuit["sku"]["tier"] == "Premium":
        limit = PREMIUM_PRIVATE_IPV4_LIMIT
    ms_config = config.get("microsoftPeeringConfig") if props["peeringType"] == "MicrosoftPeering" else None
    if circuit["properties"].get("serviceProviderProvisioningState") != "Provisioned":
        return result  # no layer 2 to the customer
    if props.get("state") == "Disabled" or config.get("state") == "Disabled":
        result["state"] = "Idle (Admin)"
        return result
    if customer["session"] != "up":
        result["state"] = "Active"
        return result
    if ms_config is not None and ms_config.get("advertisedPublicPrefixesState") != "Configured":
        # workflows doc: with ValidationNeeded the BGP session is not enabled.
        return result
    if len(received) > limit:
        result["state"] = "Idle (PfxCt)"
        return result
    if ms_config is not None:
        # Microsoft accepts only the prefixes the peering advertises.
        allowed = [ipaddress.ip_network(p, strict=False) for p in ms_config["advertisedPublicPrefixes"]]
        received = [r for r in received if any(ipaddress.ip_network(r["network"]).subnet_of(a) for a in allowed)]
    result.update(established=True, state="Established", routes=received)
    return result


def _up_down(sess, now):
    if sess["since"] is None:
        return "never"
    elapsed = int(max(0, now - sess["since"]))
    days, rest = divmod(elapsed, 86400)
    if days:
        return "{0}d{1:02d}h".format(days, rest // 3600)
    return "{0:02d}:{1:02d}:{2:02d}".format(rest // 3600, rest % 3600 // 60, rest % 60)


# -- the tables -------------------------------------------------------------------
def arp_table(emulator, circuit, record, path, provider_view=False):
    prefix = record["properties"].get(_field(path))
    if not prefix:
        return []
    customer_ip, microsoft_ip = link_addresses(prefix)
    customer = router(record, path)
    provisioned = circuit["properties"].get("serviceProviderProvisioningState") == "Provisioned"
    age = int((time.time() - customer["configured"]) // 60) % 240 if customer else 0
    return [
        {
            "age": age,
            "interface": "On-Prem",
            "ipAddress": customer_ip,
            "macAddress": _mac(record["id"] + path) if customer and provisioned else "Incomplete",
        },
        # The same Microsoft MAC on every peering of a path (troubleshooting doc).
        {"age": 0, "interface": "Microsoft", "ipAddress": microsoft_ip, "macAddress": _mac(circuit["id"] + path)},
    ]


def _route_row(route):
    return {
        "network": route["network"],
        "nextHop": route.get("nextHop", ""),
        "locPrf": route.get("locPrf", ""),
        "weight": route.get("weight", 0),
        "path": route.get("path", ""),
    }


def route_table(emulator, circuit, record, path, provider_view=False):
    rows = []
    for family in (4, 6):
        prefix = _family_config(record["properties"], family).get(_field(path))
        sess = session(circuit, record, path, family)
        for route in sess["routes"]:
            rows.append(
                _route_row(
                    {"network": route["network"], "nextHop": link_addresses(prefix)[0], "path": route["as_path"]}
                )
            )
    for source in emulator.route_sources:
        rows.extend(_route_row(r) for r in source(circuit, record) or [])
    return sorted(
        rows,
        key=lambda r: (
            ipaddress.ip_network(r["network"], strict=False).version,
            ipaddress.ip_network(r["network"], strict=False),
        ),
    )


def summary(emulator, circuit, record, path, provider_view=False):
    now = time.time()
    rows = []
    for family in (4, 6):
        prefix = _family_config(record["properties"], family).get(_field(path))
        if not prefix:
            continue
        sess = session(circuit, record, path, family)
        state = str(len(sess["routes"])) if sess["established"] else sess["state"]
        neighbor, peer_asn, up_down = link_addresses(prefix)[0], record["properties"]["peerASN"], _up_down(sess, now)
        if provider_view:  # ExpressRouteCrossConnectionRoutesTableSummary
            rows.append({"neighbor": neighbor, "asn": peer_asn, "upDown": up_down, "stateOrPrefixesReceived": state})
        else:  # ExpressRouteCircuitRoutesTableSummary
            rows.append({"neighbor": neighbor, "v": 4, "as": peer_asn, "upDown": up_down, "statePfxRcd": state})
    return rows


def peering_stats(circuit, record):
    """{primaryBytesIn, primaryBytesOut, secondaryBytesIn, secondaryBytesOut}:
    the keys live ARM sends [REC: Azure/azure-cli
    recordings/test_network_express_route.yaml, circuit get-stats].  The
    SDK's ExpressRouteCircuitStats maps "primarybytesIn" (lower-case b), so it
    reads None from them: clients must read the JSON."""
    now = time.time()
    stats = {}
    for path in DEVICE_PATHS:
        customer = router(record, path) or {}
        bytes_in, bytes_out = customer.get("bytes_in", 0), customer.get("bytes_out", 0)
        if any(session(circuit, record, path, f)["established"] for f in (4, 6)):
            elapsed = max(0.0, now - customer["since"])
            bytes_in += int(elapsed * RATE_IN)
            bytes_out += int(elapsed * RATE_OUT)
        stats[path + "BytesIn"], stats[path + "BytesOut"] = bytes_in, bytes_out
    return stats


def peering_actions(rtype, provider_view):
    """The POST table actions (and, for the customer's view, GET stats) of a
    peering type."""
    emulator = rtype.emulator

    def table(builder):
        def handler(ctx, record, argument, body):
            if ctx.method != "POST":
                raise ArmError(405, "MethodNotAllowed", "Use POST for this action.")
            path = device_path(argument)
            result = {"value": builder(emulator, _circuit_of(emulator, record), record, path, provider_view)}
            # The provider's view answers with Azure-AsyncOperation too (spec
            # example ExpressRouteCrossConnectionsArpTable, stable/2024-07-01);
            # the circuit's with Location only, as live ARM did [REC].
            return emulator.arm.start_action(ctx, rtype, record, result, async_header=provider_view)

        return handler

    actions = {
        ("POST", "arptables"): table(arp_table),
        ("POST", "routetables"): table(route_table),
        ("POST", "routetablessummary"): table(summary),
    }
    if not provider_view:
        actions[("GET", "stats")] = lambda ctx, record, argument, body: (
            _no_argument(argument) or Response(200, peering_stats(_circuit_of(emulator, record), record))
        )
    return actions


def _no_argument(argument):
    if argument:
        raise ArmError(404, "NotFound", "No such resource: stats/{0}.".format(argument))


def circuit_stats_action(emulator):
    """GET …/expressRouteCircuits/{c}/stats: the sum over its peerings."""

    def handler(ctx, record, argument, body):
        _no_argument(argument)
        total = {"primaryBytesIn": 0, "primaryBytesOut": 0, "secondaryBytesIn": 0, "secondaryBytesOut": 0}
        for peering in emulator.store.children(record["id"], "Microsoft.Network/expressRouteCircuits/peerings"):
            for name, count in peering_stats(record, peering).items():
                total[name] += count
        return Response(200, total)

    return handler


# -- the simulated customer router: POST /_emulator/peerings/routes ---------------
CONTROL_MEMBERS = {"peering", "device_path", "session", "routes"}


def find_peering(emulator, peering_id):
    """A peering record by its id on the circuit or on the provider's
    cross-connection (any type's ``lookup`` resolves views)."""
    parsed = parse_resource_id(peering_id) if isinstance(peering_id, str) else None
    rtype = emulator.arm.type_for([c for c, _ in parsed[2]]) if parsed else None
    if rtype is None or not rtype.collections[-1] == "peerings":
        raise bad_request(
            "InvalidPeeringId",
            "'peering' must be the id of a circuit's (or a cross-connection's) peering; got {0!r}.".format(peering_id),
        )
    record = rtype.lookup(ResourceId(parsed[0], parsed[1], parsed[2], rtype))
    if record is None:
        raise ArmError(404, "NotFound", "Peering {0} does not exist.".format(peering_id))
    return record


def _as_path(value, default_asn):
    if value is None:
        return str(default_asn)
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]  # one ASN
    items = value.split() if isinstance(value, str) else value if isinstance(value, list) else None
    try:
        asns = [int(a) for a in items] if items else None
    except (TypeError, ValueError):
        asns = None
    if not asns or any(isinstance(a, bool) or not 0 < a <= _rules.MAX_ASN for a in asns):
        raise bad_request(
            "InvalidAsPath",
            "as_path must be ASNs separated by spaces (or a list of ASNs), as "
            "Microsoft receives them, e.g. '65020 65020'; got {0!r}.".format(value),
        )
    return " ".join(str(a) for a in asns)


def _router_view(emulator, record):
    circuit = _circuit_of(emulator, record)
    view = {"peering": record["id"]}
    for path in DEVICE_PATHS:
        customer = router(record, path)
        sessions = {("ipv4" if f == 4 else "ipv6"): session(circuit, record, path, f)["state"] for f in (4, 6)}
        view[path] = {
            "session": customer["session"] if customer else None,
            "routes": list(customer["routes"]) if customer else [],
            "bgp_state": sessions,
        }
    return view


def control_routes(emulator, method, query, body):
    if method == "GET":
        return Response(200, _router_view(emulator, find_peering(emulator, query.get("peering"))))
    if method != "POST":
        raise ArmError(405, "MethodNotAllowed", "Use GET or POST.")
    if not isinstance(body, dict):
        raise bad_request("InvalidRequestContent", "A JSON object is expected.")
    _rules.check_members(body, CONTROL_MEMBERS, "peerings/routes")
    record = find_peering(emulator, body.get("peering"))
    paths = [device_path(body["device_path"])] if body.get("device_path") is not None else list(DEVICE_PATHS)
    wanted = body.get("session") or "up"
    if wanted not in ("up", "down"):
        raise bad_request("InvalidSession", "session must be 'up' or 'down'; got {0!r}.".format(wanted))
    routes = None
    if body.get("routes") is not None:
        routes = []
        for index, route in enumerate(_rules.as_list(body["routes"], "routes")):
            route = _rules.as_object(route, "routes[{0}]".format(index))
            _rules.check_members(route, {"network", "as_path"}, "routes[{0}]".format(index))
            version = 6 if ":" in str(route.get("network", "")) else 4
            net = _rules.network(
                route.get("network"), "routes[{0}].network".format(index), version, None, "InvalidRoute"
            )
            routes.append(
                {"network": str(net), "as_path": _as_path(route.get("as_path"), record["properties"]["peerASN"])}
            )
    circuit = _circuit_of(emulator, record)
    now = time.time()
    state = record["_meta"].setdefault("customer_router", {})
    for path in paths:
        current = state.get(path)
        if current is None:
            current = state[path] = {
                "configured": now,
                "since": now,
                "session": wanted,
                "routes": [],
                "bytes_in": 0,
                "bytes_out": 0,
            }
        elif current["session"] != wanted:
            if current["session"] == "up":  # keep what flowed so far
                counted = peering_stats(circuit, record)
                current["bytes_in"], current["bytes_out"] = counted[path + "BytesIn"], counted[path + "BytesOut"]
            current["session"], current["since"] = wanted, now
        if routes is not None:
            current["routes"] = routes
    emulator.store.save()
    return Response(200, _router_view(emulator, record))


def register(emulator):
    emulator.controls["peerings/routes"] = lambda method, query, body: control_routes(emulator, method, query, body)
