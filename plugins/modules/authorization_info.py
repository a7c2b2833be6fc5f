#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: authorization_info
short_description: Look up the authorizations of an ExpressRoute circuit
version_added: 0.1.0
description:
  - Returns the authorizations of a circuit (one read of the circuit), or one of them, with whether a connection
    uses each one and which.
  - A circuit or authorization that does not exist gives an empty list.
  - The keys are left out unless O(include_keys=true). With keys, the task's displayed result is hidden as if the
    task had C(no_log=true) (see M(hybridnet.expressroute.authorization) for why), and the registered variable keeps
    them.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Only this authorization.
    type: str
  include_keys:
    description: Return each authorization's key in RV(authorizations[].authorization_key).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.circuit_child
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes.INFO
"""

EXAMPLES = r"""
- name: Which authorizations of the circuit are still free
  hybridnet.expressroute.authorization_info:
    circuit: er-ams-01
    resource_group: rg-expressroute
  register: auths

- name: Show them (no keys in this result)
  ansible.builtin.debug:
    msg: "{{ auths.authorizations | selectattr('use_status', 'equalto', 'Available') | map(attribute='name') }}"

- name: Fetch a key again for the task that redeems it
  hybridnet.expressroute.authorization_info:
    circuit: er-ams-01
    resource_group: rg-expressroute
    name: fabrikam-landingzone
    include_keys: true
  register: fabrikam_auth
"""

RETURN = r"""
authorizations:
  description: The authorizations, in the shape M(hybridnet.expressroute.authorization) returns.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Name of the authorization.
      type: str
    circuit:
      description: Name of the circuit.
      type: str
    resource_group:
      description: Resource group of the circuit.
      type: str
    authorization_key:
      description: The key (secret).
      type: str
      returned: when O(include_keys=true)
    use_status:
      description: C(Available) or C(InUse).
      type: str
    used_by:
      description: Id of the connection that redeemed the key, when Azure shows it.
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _authorization, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import is_not_found
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    circuit=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    name=dict(type="str"),
    include_keys=dict(type="bool", default=False),
)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    try:
        circuit = module.network().express_route_circuits.get(p["resource_group"], p["circuit"])
    except Exception as exc:
        if not is_not_found(exc):
            raise
        return dict(changed=False, authorizations=[])
    models = circuit.authorizations or []
    if p["name"]:
        models = [m for m in models if (m.name or "").lower() == p["name"].lower()]
    if p["include_keys"]:
        models = [_authorization.with_key(module.network(), p["resource_group"], circuit.name, m) for m in models]
    return dict(
        changed=False,
        authorizations=[
            _authorization.authorization_result(m, circuit.name, p["resource_group"], with_key=p["include_keys"])
            for m in models
        ],
    )


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True)
    module.execute(run, "read the authorizations of circuit {0}".format(module.params["circuit"]))


if __name__ == "__main__":
    main()
