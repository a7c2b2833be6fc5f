#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: port_info
short_description: Look up ExpressRoute Direct ports
version_added: 0.2.0
description:
  - Returns one ExpressRoute Direct port, the ports of a resource group, or every port of the subscription, with
    their links (what Microsoft allocated for the cross-connects, admin state, MACsec) and the circuits on them.
  - With O(include_authorizations=true), each port also lists its authorizations (never their keys).
  - A port (or resource group) that does not exist gives an empty list, not a failure.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: A port name; needs O(resource_group).
    type: str
  resource_group:
    description: Only the ports of this resource group. Without it, the whole subscription.
    type: str
  include_authorizations:
    description: Also list each port's authorizations (one more read per port).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: The patch panels the colocation provider needs
  hybridnet.expressroute.port_info:
    name: erd-ams-01
    resource_group: rg-expressroute
  register: erd

- name: Show them
  ansible.builtin.debug:
    msg: "{{ erd.ports[0].links | map(attribute='patch_panel_id') | list }}"
"""

RETURN = r"""
ports:
  description: The ports found (same shape as RV(hybridnet.expressroute.port#module:port) returns).
  returned: always
  type: list
  elements: dict
  contains:
    authorizations:
      description:
        - With O(include_authorizations=true), the port's authorizations (C(name), C(id), C(use_status),
          C(used_by), C(provisioning_state); never the key).
      type: list
      elements: dict
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _info, _port
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    resource_group=dict(type="str"),
    include_authorizations=dict(type="bool", default=False),
)


def run(module):
    p = module.params
    _info.check_lookup(p, "port")
    client = module.network()
    ports_sdk = client.express_route_ports
    models = _info.find(module, ports_sdk.get, ports_sdk.list_by_resource_group, ports_sdk.list)
    ports = [_port.port_result(m) for m in models]
    if p["include_authorizations"]:
        for port in ports:
            port["authorizations"] = [
                _port.port_authorization_result(a, port["name"], port["resource_group"], with_key=False)
                for a in client.express_route_port_authorizations.list(port["resource_group"], port["name"])
            ]
    return dict(changed=False, ports=ports)


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute ports"
    )


if __name__ == "__main__":
    main()
