# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: what Microsoft's edge routers (the primary and secondary MSEE)
report for a peering -- ARP table, BGP route table, route-table summary,
traffic counters -- as stable snake_case dicts, and the short verdict a
verification step needs (is BGP up on each path, how many routes).

The SDK rows are read by attribute (both model generations answer the same
flattened names); everything after that works on plain dicts.
"""

from __future__ import annotations

from typing import Any

from ._errors import ValidationError

DEVICE_PATHS = ("primary", "secondary")
GATHER = ("arp", "routes", "summary", "stats")
# Azure's peering stats exist on the circuit only (no cross-connection call).
PROVIDER_GATHER = ("arp", "routes", "summary")
INCOMPLETE = "Incomplete"
CUSTOMER_INTERFACE = "On-Prem"


def device_paths(choice: str) -> list[str]:
    return list(DEVICE_PATHS) if choice == "both" else [choice]


def gather_list(requested: list[str] | None, provider_view: bool) -> list[str]:
    """What to gather: as asked, or everything the view offers."""
    available = PROVIDER_GATHER if provider_view else GATHER
    if requested is None:
        return list(available)
    wanted = []
    for item in requested:
        if item not in GATHER:
            raise ValidationError("gather '{0}' is not valid; choose from: {1}.".format(item, ", ".join(GATHER)))
        if item not in available:
            raise ValidationError(
                "gather 'stats' is not available for a cross-connection: Azure offers peering "
                "traffic counters on the circuit only (the customer's view); gather arp, routes "
                "or summary."
            )
        if item not in wanted:
            wanted.append(item)
    return wanted


# -- SDK rows to dicts -------------------------------------------------------------
def arp_row(row: Any) -> dict[str, Any]:
    return {"age": row.age, "interface": row.interface, "ip_address": row.ip_address, "mac_address": row.mac_address}


def route_row(row: Any) -> dict[str, Any]:
    return {
        "network": row.network,
        "next_hop": row.next_hop,
        "loc_prf": row.loc_prf,
        "weight": row.weight,
        "path": row.path,
    }


def summary_row(row: Any) -> dict[str, Any]:
    """Both shapes: the circuit's (``as``/``statePfxRcd``/``v``) and the
    cross-connection's (``asn``/``stateOrPrefixesReceived``)."""
    asn = getattr(row, "as_property", None)
    if asn is None:
        asn = getattr(row, "asn", None)
    state = getattr(row, "state_pfx_rcd", None)
    if state is None:
        state = getattr(row, "state_or_prefixes_received", None)
    return {
        "neighbor": row.neighbor,
        "asn": asn,
        "version": getattr(row, "v", None),
        "up_down": row.up_down,
        "state_or_prefixes_received": state,
    }


def raw_json(pipeline_response: Any, deserialized: Any, headers: Any) -> Any:
    """``cls=`` for an SDK call: the answer's JSON as Azure sent it."""
    return pipeline_response.http_response.json()


def path_stats(stats: Any, path: str) -> dict[str, Any]:
    """bytes in/out of one path from a stats answer's JSON.  Live ARM sends
    primaryBytesIn/secondaryBytesOut (Azure/azure-cli recording
    test_network_express_route.yaml) while the REST spec and the SDK's model
    say primarybytesIn, so the SDK model reads None: take either key."""

    def count(direction: str) -> Any:
        for name in (path + "Bytes" + direction, path + "bytes" + direction):
            if stats.get(name) is not None:
                return stats[name]
        return None

    return {"bytes_in": count("In"), "bytes_out": count("Out")}


# -- the verdict -------------------------------------------------------------------
def session(row: dict[str, Any]) -> dict[str, Any]:
    """A summary row read as a BGP session: a number in the state column is
    the prefix count of an Established session, anything else the state."""
    text = str(row.get("state_or_prefixes_received") or "").strip()
    up = text.isdigit()
    return {
        "neighbor": row["neighbor"],
        "family": "ipv6" if ":" in str(row["neighbor"] or "") else "ipv4",
        "asn": row["asn"],
        "up_down": row["up_down"],
        "state": "Established" if up else (text or "Unknown"),
        "up": up,
        "prefixes_received": int(text) if up else 0,
    }


def path_summary(data: dict[str, Any]) -> dict[str, Any]:
    """For one path: whether every BGP session is up, prefixes received,
    routes in Microsoft's table, whether ARP resolved the peer's address.
    None where that table was not gathered."""
    result: dict[str, Any] = {
        "bgp_up": None,
        "sessions": None,
        "prefixes_received": None,
        "routes_learned": None,
        "arp_resolved": None,
    }
    if "route_table_summary" in data:
        sessions = [session(row) for row in data["route_table_summary"]]
        result.update(
            sessions=sessions,
            bgp_up=bool(sessions) and all(s["up"] for s in sessions),
            prefixes_received=sum(s["prefixes_received"] for s in sessions),
        )
    if "route_table" in data:
        result["routes_learned"] = len(data["route_table"])
    if "arp_table" in data:
        peer = [row for row in data["arp_table"] if row["interface"] == CUSTOMER_INTERFACE]
        result["arp_resolved"] = bool(peer) and all(
            row["mac_address"] and row["mac_address"] != INCOMPLETE for row in peer
        )
    return result


def summary(paths: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """{<path>: path_summary, all_up}: all_up only when BGP was checked and is
    up on every path asked for."""
    result: dict[str, Any] = {path: path_summary(data) for path, data in paths.items()}
    result["all_up"] = bool(paths) and all(result[path]["bgp_up"] is True for path in paths)
    return result
