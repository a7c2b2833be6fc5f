#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: peering_info
short_description: Look up the peerings of an ExpressRoute circuit
version_added: 0.1.0
description:
  - Returns the peerings of a circuit (one read of the circuit), or one of them.
  - A circuit or peering that does not exist gives an empty list.
  - The results feed P(hybridnet.expressroute.router_model#filter) to render router configuration.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  peering_type:
    description: Only this peering.
    type: str
    choices: [AzurePrivatePeering, MicrosoftPeering, AzurePublicPeering]
extends_documentation_fragment:
  - hybridnet.expressroute.circuit_child
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: The private peering of a circuit
  hybridnet.expressroute.peering_info:
    circuit: er-ams-01
    resource_group: rg-expressroute
    peering_type: AzurePrivatePeering
  register: peerings
"""

RETURN = r"""
peerings:
  description: The peerings, in the shape M(hybridnet.expressroute.peering) returns (never the MD5 key).
  returned: always
  type: list
  elements: dict
circuit:
  description: The circuit they belong to (as M(hybridnet.expressroute.circuit_info) returns it), or null.
  returned: always
  type: dict
actions_required:
  description:
    - What you must do before a peering works, one sentence each (also shown as warnings); empty when nothing waits.
    - A Microsoft peering whose advertised public prefixes are V(ValidationNeeded) waits for Microsoft to validate
      that you own them; its BGP session stays down until then.
  returned: always
  type: list
  elements: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _peering, _shapes, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    circuit=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    peering_type=dict(type="str", choices=["AzurePrivatePeering", "MicrosoftPeering", "AzurePublicPeering"]),
)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    try:
        circuit = _shapes.circuit_result(module.network().express_route_circuits.get(p["resource_group"], p["circuit"]))
    except Exception as exc:
        if not is_not_found(exc):
            raise
        return dict(changed=False, peerings=[], circuit=None, actions_required=[])
    peerings = [
        x
        for x in circuit["peerings"]
        if not p["peering_type"] or x["peering_type"].lower() == p["peering_type"].lower()
    ]
    actions = [a for x in peerings for a in _peering.prefix_validation_actions(x)]
    for action in actions:
        module.warn(action)
    return dict(changed=False, peerings=peerings, circuit=circuit, actions_required=actions)


def main():
    AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True).execute(
        run, "read ExpressRoute peerings"
    )


if __name__ == "__main__":
    main()
