#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: circuit_diagnostics_info
short_description: ARP table, BGP routes, route summary and traffic of an ExpressRoute peering
version_added: 0.1.0
description:
  - Asks Microsoft's edge routers (the primary and secondary MSEE) about one peering of a circuit, per device path,
    what C(az network express-route list-arp-tables), C(list-route-tables), C(list-route-tables-summary) and
    C(peering get-stats) show.
  - Returns the tables as snake_case lists per device path, and a short C(summary) for a verification step, for each
    path whether every BGP session is up, how many prefixes the peer sent and how many routes Microsoft's table
    holds (your prefixes, and the virtual networks linked to the circuit on private peering).
  - The tables come from Azure's POST actions, which Azure runs as long-running operations (202, then polled);
    they only read. The circuit is read once to find the peering.
  - The connectivity provider's view, for managed Layer 3, the same tables through the circuit's cross-connection,
    O(service_key) or O(cross_connection) in the provider's subscription. Azure has no traffic counters there, so
    O(gather) cannot include V(stats).
  - A circuit, cross-connection or peering that does not exist gives empty results (and a warning), not a failure.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  circuit:
    description: The circuit's name (the customer's view); needs O(resource_group).
    type: str
  service_key:
    description: The circuit's service key, to look at its cross-connection (the provider's view).
    type: str
  cross_connection:
    description: The cross-connection's name (the provider's view); needs O(resource_group).
    type: str
  resource_group:
    description: Resource group of O(circuit), or of the cross-connection in the provider's subscription.
    type: str
  peering_type:
    description: Which peering.
    type: str
    choices: [AzurePrivatePeering, MicrosoftPeering]
    default: AzurePrivatePeering
  device_path:
    description: Which of Microsoft's two routers to ask.
    type: str
    choices: [primary, secondary, both]
    default: both
  gather:
    description:
      - What to read; default everything the view offers.
      - V(arp) the ARP table, V(routes) the BGP route table, V(summary) the route-table summary (BGP neighbours,
        their state and prefix counts), V(stats) bytes in and out (circuit only).
    type: list
    elements: str
    choices: [arp, routes, summary, stats]
  timeout:
    description:
      - Seconds to wait for each table (Azure computes them asynchronously), 0 or more; a negative value is refused.
      - It also bounds azure-core's retries of a throttled or failed request while waiting (a Retry-After longer than
        the time left ends the task with a message saying so).
    type: int
    default: 300
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Is BGP up on both paths of the private peering?
  hybridnet.expressroute.circuit_diagnostics_info:
    circuit: er-ams-01
    resource_group: rg-expressroute
    peering_type: AzurePrivatePeering
  register: diag

- name: Verify
  ansible.builtin.assert:
    that:
      - diag.summary.all_up
      - diag.summary.primary.prefixes_received > 0
    fail_msg: "BGP: primary {{ diag.summary.primary.sessions }}, secondary {{ diag.summary.secondary.sessions }}"

- name: The routes Microsoft learned on the primary path
  hybridnet.expressroute.circuit_diagnostics_info:
    circuit: er-ams-01
    resource_group: rg-expressroute
    device_path: primary
    gather: [routes]
  register: routes

- name: The provider's view of the same peering
  hybridnet.expressroute.circuit_diagnostics_info:
    subscription_id: "{{ provider_subscription_id }}"
    service_key: "{{ order.service_key }}"
    gather: [summary]
"""

RETURN = r"""
peering:
  description:
    - The peering looked at, in the shape M(hybridnet.expressroute.peering) returns (for a cross-connection, as
      M(hybridnet.expressroute.cross_connection_peering) returns it); null when it does not exist.
  returned: always
  type: dict
device_paths:
  description: Per device path (C(primary), C(secondary)) the tables gathered.
  returned: always
  type: dict
  contains:
    arp_table:
      description: ARP entries C({age, interface, ip_address, mac_address}); C(interface) is C(On-Prem) for your
        router and C(Microsoft) for the MSEE, C(mac_address) C(Incomplete) when unresolved.
      type: list
      elements: dict
    route_table:
      description: BGP routes C({network, next_hop, loc_prf, weight, path}).
      type: list
      elements: dict
    route_table_summary:
      description: BGP neighbours C({neighbor, asn, version, up_down, state_or_prefixes_received}); a number in
        C(state_or_prefixes_received) means Established with that many prefixes, otherwise it is the state
        (C(Idle), C(Active), C(Idle (Admin)), ...). C(version) is the BGP version (circuit view only).
      type: list
      elements: dict
    stats:
      description: C({bytes_in, bytes_out}) of this path (circuit view only).
      type: dict
  sample:
    primary:
      route_table_summary:
        - {neighbor: 192.168.100.129, asn: 65020, version: 4, up_down: "00:12:31", state_or_prefixes_received: "2"}
      route_table:
        - {network: 10.1.0.0/16, next_hop: 192.168.100.129, loc_prf: "", weight: 0, path: "65020"}
summary:
  description:
    - For each device path asked for, C(bgp_up) (every BGP session of the path, IPv4 and IPv6, is Established),
      C(sessions) (C({neighbor, family, asn, up_down, state, up, prefixes_received})), C(prefixes_received)
      (summed), C(routes_learned) (rows of Microsoft's route table) and C(arp_resolved) (your router's address is
      resolved); null where the table needed was not gathered.
    - C(all_up) is true when BGP was checked and is up on every path asked for.
  returned: always
  type: dict
  sample:
    all_up: true
    primary: {bgp_up: true, prefixes_received: 2, routes_learned: 3, arp_resolved: true, sessions: []}
    secondary: {bgp_up: true, prefixes_received: 2, routes_learned: 3, arp_resolved: true, sessions: []}
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _cross_connection,
    _diagnostics,
    _shapes,
    _validate,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    circuit=dict(type="str"),
    # An identifier (the cross-connection's name, in every id), not a secret.
    service_key=dict(type="str", no_log=False),
    cross_connection=dict(type="str"),
    resource_group=dict(type="str"),
    peering_type=dict(type="str", choices=["AzurePrivatePeering", "MicrosoftPeering"], default="AzurePrivatePeering"),
    device_path=dict(type="str", choices=["primary", "secondary", "both"], default="both"),
    gather=dict(type="list", elements="str", choices=list(_diagnostics.GATHER)),
    timeout=dict(type="int", default=300),
)
# table key in the result -> (gather item, name of the begin_* call)
TABLES = (
    ("arp_table", "arp", "begin_list_arp_table"),
    ("route_table", "routes", "begin_list_routes_table"),
    ("route_table_summary", "summary", "begin_list_routes_table_summary"),
)
ROWS = {
    "arp_table": _diagnostics.arp_row,
    "route_table": _diagnostics.route_row,
    "route_table_summary": _diagnostics.summary_row,
}


class CircuitView:
    """The customer's circuit: POST …/expressRouteCircuits/{c}/peerings/{p}/…"""

    provider_view = False

    def __init__(self, module):
        p = module.params
        if not p["resource_group"]:
            raise ValidationError("circuit needs resource_group.")
        _validate.resource_group(p["resource_group"])
        _validate.network_name(p["circuit"], "circuit", "ExpressRoute circuit")
        self.client = module.network()
        self.group, self.name = p["resource_group"], p["circuit"]
        self.label = "circuit {0}".format(self.name)

    def peering(self, peering_type):
        try:
            circuit = self.client.express_route_circuits.get(self.group, self.name)
        except Exception as exc:
            if is_not_found(exc):
                return None, "Circuit {0} does not exist in resource group {1}.".format(self.name, self.group)
            raise
        for model in circuit.peerings or []:
            if model.name.lower() == peering_type.lower():
                return _shapes.peering_result(model, circuit.name, self.group), None
        return None, "Circuit {0} has no {1}.".format(self.name, peering_type)

    def begin(self, call, peering, path, polling):
        operation = getattr(self.client.express_route_circuits, call)
        return operation(self.group, self.name, peering, path, polling=polling)

    def stats(self, peering):
        # The JSON, not the SDK model: see _diagnostics.path_stats.
        return self.client.express_route_circuits.get_peering_stats(
            self.group, self.name, peering, cls=_diagnostics.raw_json
        )


class CrossConnectionView:
    """The provider's cross-connection: POST …/expressRouteCrossConnections/{x}/peerings/{p}/…"""

    provider_view = True

    def __init__(self, module):
        p = module.params
        self.service_key, self.name, self.group = _cross_connection.check_address(p, "cross_connection")
        if self.group:
            _validate.resource_group(self.group)
        self.client = module.network()
        self.subscription_id = module.subscription_id
        self.label = "cross-connection {0}".format(self.service_key or self.name)

    def peering(self, peering_type):
        model = _cross_connection.find(self.client, self.service_key, self.name, self.group)
        if model is None:
            return None, _cross_connection.not_found_message(
                self.service_key, self.name, self.group, self.subscription_id
            )
        self.name, self.group = model.name, _shapes.parse_id(model.id)["resource_group"]
        for peering in model.peerings or []:
            if peering.name.lower() == peering_type.lower():
                return _cross_connection.peering_result(peering, model), None
        return None, "Cross-connection {0} has no {1}.".format(model.name, peering_type)

    def begin(self, call, peering, path, polling):
        operation = getattr(self.client.express_route_cross_connections, call)
        return operation(self.group, self.name, peering, path, polling=polling)


def gather_path(module, view, peering, path, wanted):
    data = {}
    for key, item, call in TABLES:
        if item not in wanted:
            continue
        description = "list the {0} ({1}) of {2} of {3}".format(key.replace("_", " "), path, peering, view.label)
        answer = module.run_operation(
            lambda polling, call=call: view.begin(call, peering, path, polling),
            description,
            deadline=module.deadline("timeout"),
        )
        data[key] = [ROWS[key](row) for row in (getattr(answer, "value", None) or [])]
    return data


def run(module):
    p = module.params
    addressed = [o for o in ("circuit", "service_key", "cross_connection") if p[o]]
    if len(addressed) != 1:
        raise ValidationError(
            "Give exactly one of circuit (the customer's view), service_key or cross_connection "
            "(the provider's view); got {0}.".format(", ".join(addressed) or "none")
        )
    view = CircuitView(module) if p["circuit"] else CrossConnectionView(module)
    wanted = _diagnostics.gather_list(p["gather"], view.provider_view)
    paths = _diagnostics.device_paths(p["device_path"])
    peering, missing = view.peering(p["peering_type"])
    if peering is None:
        module.warn(missing)
        return dict(changed=False, peering=None, device_paths={}, summary=_diagnostics.summary({}))
    results = {path: gather_path(module, view, peering["name"], path, wanted) for path in paths}
    if "stats" in wanted and isinstance(view, CircuitView):  # a cross-connection has no stats (gather_list)
        stats = view.stats(peering["name"])
        for path in paths:
            results[path]["stats"] = _diagnostics.path_stats(stats, path)
    return dict(changed=False, peering=peering, device_paths=results, summary=_diagnostics.summary(results))


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True, timeouts=["timeout"])
    p = module.params
    module.execute(
        run,
        "read the diagnostics of {0} of {1}".format(
            p["peering_type"], p["circuit"] or p["service_key"] or p["cross_connection"] or "a circuit"
        ),
    )


if __name__ == "__main__":
    main()
