#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: authorization
short_description: Create and delete the authorizations of an ExpressRoute circuit
version_added: 0.1.0
description:
  - An authorization lets someone who cannot manage your circuit use it. Its key is what a virtual network
    connection in another subscription (M(hybridnet.expressroute.connection)) or another owner's Global Reach link
    (M(hybridnet.expressroute.global_reach)) presents. Each authorization serves one connection; its
    RV(authorization.use_status) becomes C(InUse) once a connection redeemed the key.
  - Reads the circuit once (it carries its authorizations and their keys); a run that changes nothing makes that one
    read.
  - Azure refuses to delete an authorization in use. The module refuses before writing anything when the circuit
    already shows it C(InUse), and names the connection that uses it.
  - B(The key is a secret.) It is returned in RV(authorization.authorization_key) so that the next task can use it,
    and the task's displayed result is hidden as if the task had C(no_log=true) (the module's action plugin marks
    the result), at every verbosity; the key never reaches the screen, a log file or a callback, while the
    registered variable keeps it. Masking the key inside the module (C(no_log_values)) would also blank it in the
    registered variable, which would make it useless to the next task, so the collection does not do that.
  - Because the displayed result is hidden, C(--diff) output and the result at C(-v) show only whether the task
    changed something; read the rest from the registered variable, or with
    M(hybridnet.expressroute.authorization_info). Failures are not hidden (they never carry the key).
  - The modules that take a key (C(authorization_key) of M(hybridnet.expressroute.global_reach) and
    M(hybridnet.expressroute.connection)) never log it. Ansible itself shows loop items, so never put the key in a
    C(loop) list (template it into the task's options instead), and set C(no_log=true) on any task of yours that
    prints the key or writes it somewhere.
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the authorization, unique on the circuit.
    type: str
    required: true
  state:
    description: Whether the authorization should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - hybridnet.expressroute.circuit_child
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
notes:
  - The key is created by Azure; it cannot be chosen or rotated. To replace a key, delete the authorization (once
    nothing uses it) and create a new one.
"""

EXAMPLES = r"""
- name: An authorization for the Fabrikam landing zone's gateway connection
  hybridnet.expressroute.authorization:
    circuit: er-ams-01
    resource_group: rg-expressroute
    name: fabrikam-landingzone
  register: fabrikam_auth

# The owner of the other circuit links it to yours with Global Reach; the key goes
# straight into the task that redeems it, never into a debug task.
- name: Global Reach from the Fabrikam circuit to er-ams-01
  hybridnet.expressroute.global_reach:
    circuit: er-lon-fabrikam
    resource_group: rg-landingzone
    subscription_id: 22222222-3333-4444-5555-666666666666
    name: gr-to-er-ams-01
    peer_circuit: "{{ fabrikam_auth.authorization.id | regex_replace('/authorizations/.*$', '') }}"
    address_prefix: 192.168.250.0/29
    authorization_key: "{{ fabrikam_auth.authorization.authorization_key }}"

- name: Retire it (refused while the connection still uses it)
  hybridnet.expressroute.authorization:
    circuit: er-ams-01
    resource_group: rg-expressroute
    name: fabrikam-landingzone
    state: absent
"""

RETURN = r"""
recovery:
  description:
    - What the task found on the resource before planning, and what it did about it. C(action=waited) is an operation
      already running on it (C(found) C(Updating) or C(Deleting)) that the task waited for, with C(reads),
      C(seconds) and its C(outcome); C(not_waited) is the same found in check mode or with O(wait=false), planned
      against as it was. C(reapplied) is a resource whose last operation failed (C(found=Failed)), written again with
      its settings the way Azure recovers it; C(would_reapply) in check mode.
    - C(msg) says the same in words.
  returned: when the task found an operation running on the resource, or the resource Failed
  type: list
  elements: dict
  sample: [{"resource": "AzurePrivatePeering of circuit er-ams-01", "found": "Failed", "action": "reapplied"}]
authorization:
  description:
    - The authorization after the task (predicted in check mode, where the key and id are not known yet); null when
      absent.
    - The task's displayed result is hidden whenever this carries a key; the registered variable has it all.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
      sample: /subscriptions/xxx/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er1/authorizations/a1
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
      description:
        - The key (a GUID) the connection or Global Reach link in the other subscription presents. Secret; pass it
          only to options that are themselves no_log (C(authorization_key) of the modules that take one).
      type: str
    use_status:
      description: C(Available) or C(InUse) (a connection redeemed the key).
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

from typing import Any

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _authorization, _diff, _lifecycle, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    circuit=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["circuit"], "circuit", "ExpressRoute circuit")
    _validate.network_name(p["name"], "name", "authorization")
    client = module.network()
    what = "authorization {0} of circuit {1}".format(p["name"], p["circuit"])
    # A no-op costs one read of the authorization itself (with its key), not of its circuit: an existing, settled
    # authorization has nothing to change. Anything else reads the circuit below.
    if p["state"] == "present":
        model = get_or_none(
            client.express_route_circuit_authorizations.get, p["resource_group"], p["circuit"], p["name"]
        )
        if model is not None and _lifecycle.provisioning_state(model) == "Succeeded":
            current: dict[str, Any] | None = _authorization.authorization_result(
                model, p["circuit"], p["resource_group"]
            )
            return dict(
                changed=False,
                authorization=current,
                diff=_diff.diff(_authorization.managed_view(current), _authorization.managed_view(current)),
            )
    # An operation still running on the authorization is waited for (a
    # re-run resumes); the circuit's GET carries it.
    circuit = module.settled(
        lambda: get_or_none(client.express_route_circuits.get, p["resource_group"], p["circuit"]),
        what,
        lambda c: _lifecycle.provisioning_state(
            _authorization.find(c.authorizations, p["name"]) if c is not None else None
        ),
    )
    if circuit is None:
        if p["state"] == "absent":
            return dict(changed=False, authorization=None, diff=_diff.diff(None, None))
        raise ValidationError(
            "circuit {0} does not exist in resource group {1}; create it first with "
            "hybridnet.expressroute.circuit.".format(p["circuit"], p["resource_group"])
        )
    model = _authorization.find(circuit.authorizations, p["name"])
    if p["state"] == "present":
        model = _authorization.with_key(client, p["resource_group"], circuit.name, model)
    current = (
        _authorization.authorization_result(model, circuit.name, p["resource_group"]) if model is not None else None
    )
    before = _authorization.managed_view(current)

    if p["state"] == "absent":
        if current is None:
            return dict(changed=False, authorization=None, diff=_diff.diff(None, None))
        _authorization.refuse_delete_in_use(current, circuit.name)
        if not module.check_mode:
            module.run_operation(
                lambda polling: client.express_route_circuit_authorizations.begin_delete(
                    p["resource_group"], circuit.name, current["name"], polling=polling
                ),
                "delete authorization {0} of circuit {1}".format(current["name"], circuit.name),
            )
        return dict(changed=True, authorization=None, diff=_diff.diff(before, None))

    if current is not None:
        diff = _diff.diff(before, before)
        # An authorization whose last operation failed is written again
        # (_lifecycle); its key stays (an authorization has no settings).
        if not module.reapplies(current["provisioning_state"], what, diff):
            return dict(changed=False, authorization=current, diff=diff)
        after = dict(current)
        result = dict(changed=True, diff=diff, authorization=after)
    else:
        after = _authorization.predicted(p["name"], circuit.name, p["resource_group"])
        result = dict(changed=True, diff=_diff.diff(None, _authorization.managed_view(after)), authorization=after)
    if not module.check_mode:
        from azure.mgmt.network.models import ExpressRouteCircuitAuthorization

        final = module.run_operation(
            lambda polling: client.express_route_circuit_authorizations.begin_create_or_update(
                p["resource_group"], circuit.name, p["name"], ExpressRouteCircuitAuthorization(), polling=polling
            ),
            "{0} authorization {1} of circuit {2}".format("update" if current else "create", p["name"], circuit.name),
        )
        if final is not None:
            # Azure's 201 already carries the key, so even wait=false returns it.
            result["authorization"] = _authorization.authorization_result(final, circuit.name, p["resource_group"])
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    p = module.params
    module.execute(run, "manage authorization {0} of circuit {1}".format(p["name"], p["circuit"]))


if __name__ == "__main__":
    main()
