#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: port_authorization
short_description: Create and delete the authorizations of an ExpressRoute Direct port
version_added: 0.2.0
description:
  - An authorization on an ExpressRoute Direct port lets a circuit in another subscription be created on the port;
    that circuit's owner passes the key as O(hybridnet.expressroute.circuit#module:authorization_key). Each
    authorization serves one circuit; its RV(authorization.use_status) becomes C(InUse) once a circuit redeemed it.
  - A run that changes nothing makes one read (the authorization's).
  - Azure refuses to delete an authorization in use; the module refuses before writing anything and names the
    circuit that uses it.
  - B(The key is a secret.) It is returned in RV(authorization.authorization_key) for the next task, and the task's
    displayed result is hidden as if the task had C(no_log=true) (as M(hybridnet.expressroute.authorization) does);
    the registered variable keeps it.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  port:
    description: Name of the ExpressRoute Direct port.
    type: str
    required: true
  resource_group:
    description: Resource group of the port.
    type: str
    required: true
  name:
    description: Name of the authorization, unique on the port.
    type: str
    required: true
  state:
    description: Whether the authorization should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
notes:
  - The key is created by Azure; it cannot be chosen or rotated. To replace it, delete the authorization (once no
    circuit uses it) and create a new one.
"""

EXAMPLES = r"""
- name: An authorization for the Fabrikam subscription's circuit
  hybridnet.expressroute.port_authorization:
    port: erd-ams-01
    resource_group: rg-expressroute
    name: fabrikam
  register: fabrikam_port_auth

- name: Fabrikam creates its circuit on the port (key straight into the task, never printed)
  hybridnet.expressroute.circuit:
    name: er-fabrikam
    resource_group: rg-landingzone
    subscription_id: 22222222-3333-4444-5555-666666666666
    express_route_port: "{{ fabrikam_port_auth.authorization.id | regex_replace('/authorizations/.*$', '') }}"
    bandwidth_gbps: 5
    authorization_key: "{{ fabrikam_port_auth.authorization.authorization_key }}"
"""

RETURN = r"""
recovery:
  description: What the task found on the resource before planning, and what it did about it (see M(hybridnet.expressroute.circuit)).
  returned: when the task found an operation running on the resource, or the resource Failed
  type: list
  elements: dict
authorization:
  description:
    - The authorization after the task (predicted in check mode, where the key and id are not known yet); null when
      absent. The task's displayed result is hidden whenever this carries a key.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Name of the authorization.
      type: str
    port:
      description: Name of the port.
      type: str
    resource_group:
      description: Resource group of the port.
      type: str
    authorization_key:
      description: The key (a GUID) the circuit in the other subscription presents. Secret.
      type: str
    use_status:
      description: C(Available) or C(InUse) (a circuit redeemed the key).
      type: str
    used_by:
      description: Id of the circuit that redeemed the key.
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

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _diff, _port, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    port=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def managed_view(authorization):
    return None if authorization is None else {"name": authorization["name"], "port": authorization["port"]}


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["port"], "port", "ExpressRoute port")
    _validate.network_name(p["name"], "name", "authorization")
    client = module.network()
    what = "authorization {0} of port {1}".format(p["name"], p["port"])
    model = module.settled(
        lambda: get_or_none(client.express_route_port_authorizations.get, p["resource_group"], p["port"], p["name"]),
        what,
    )
    current = _port.port_authorization_result(model, p["port"], p["resource_group"]) if model is not None else None
    before = managed_view(current)
    if p["state"] == "absent":
        if current is None:
            return dict(changed=False, authorization=None, diff=_diff.diff(None, None))
        if current["use_status"] == "InUse":
            raise ValidationError(
                "Authorization {0} of port {1} is in use by circuit {2} and Azure refuses to delete it: that circuit "
                "must be deleted first (by its owner). Nothing was changed.".format(
                    current["name"], p["port"], current["used_by"] or "(not shown)"
                ),
                used_by=current["used_by"],
            )
        if not module.check_mode:
            module.run_operation(
                lambda polling: client.express_route_port_authorizations.begin_delete(
                    p["resource_group"], p["port"], current["name"], polling=polling
                ),
                "delete " + what,
            )
        return dict(changed=True, authorization=None, diff=_diff.diff(before, None))
    if current is not None:
        diff = _diff.diff(before, before)
        if not module.reapplies(current["provisioning_state"], what, diff):
            return dict(changed=False, authorization=current, diff=diff)
        result = dict(changed=True, diff=diff, authorization=dict(current))
    else:
        # The port must exist: a clear refusal rather than Azure's 404 on the PUT.
        if get_or_none(client.express_route_ports.get, p["resource_group"], p["port"]) is None:
            raise ValidationError(
                "port {0} does not exist in resource group {1}; create it first with "
                "hybridnet.expressroute.port.".format(p["port"], p["resource_group"])
            )
        predicted = {
            "id": None,
            "name": p["name"],
            "port": p["port"],
            "resource_group": p["resource_group"],
            "use_status": "Available",
            "used_by": None,
            "provisioning_state": None,
            "authorization_key": None,
        }
        result = dict(changed=True, diff=_diff.diff(None, managed_view(predicted)), authorization=predicted)
    if not module.check_mode:
        from azure.mgmt.network.models import ExpressRoutePortAuthorization

        final = module.run_operation(
            lambda polling: client.express_route_port_authorizations.begin_create_or_update(
                p["resource_group"], p["port"], p["name"], ExpressRoutePortAuthorization(), polling=polling
            ),
            "{0} {1}".format("update" if current else "create", what),
        )
        if final is not None:
            result["authorization"] = _port.port_authorization_result(final, p["port"], p["resource_group"])
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    p = module.params
    module.execute(run, "manage authorization {0} of port {1}".format(p["name"], p["port"]))


if __name__ == "__main__":
    main()
