#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: port_loa
short_description: Write the Letter of Authorization of an ExpressRoute Direct port to a file
version_added: 0.2.0
description:
  - Asks Azure for the Letter of Authorization (LOA) of an ExpressRoute Direct port (C(POST .../generateLoa)), the
    PDF the colocation provider needs to patch the cross-connects to Microsoft's ports, and writes it to O(dest) with
    mode C(0600) (it names the patch panels and racks of your ports).
  - An existing O(dest) is kept (a port's LOA names the same ports for its whole life); only its mode is set to
    C(0600). Set O(force=true) to ask Azure again and replace the file, for example for another O(customer_name).
    A run that keeps the file makes no request to Azure at all (the port is read by its own task,
    M(hybridnet.expressroute.port)); writing it reads the port, then requests C(generateLoa).
  - In check mode nothing is requested from Azure and nothing is written; the result says whether the file would be
    written.
  - A separate module rather than an option of M(hybridnet.expressroute.port) so that the port's idempotent state
    (one read on a no-op run) does not depend on a file on the controller, and the LOA can be written again without
    touching the port.
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
  customer_name:
    description: The customer name Azure prints on the letter.
    type: str
    required: true
  dest:
    description: Where to write the PDF (on the host the module runs on). Its directory must exist.
    type: path
    required: true
  force:
    description: Ask Azure again and replace O(dest) even when it exists.
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: The LOA for the colocation provider
  hybridnet.expressroute.port_loa:
    port: erd-ams-01
    resource_group: rg-expressroute
    customer_name: Contoso Ltd
    dest: /srv/handoff/erd-ams-01-loa.pdf
"""

RETURN = r"""
dest:
  description: The file written (or kept).
  returned: always
  type: str
port:
  description: Id of the port.
  returned: always
  type: str
size:
  description: Size of the file in bytes (null in check mode when it would be written).
  returned: always
  type: int
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

import os
import stat
import tempfile

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _port, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

ARGUMENT_SPEC = dict(
    port=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    customer_name=dict(type="str", required=True),
    dest=dict(type="path", required=True),
    force=dict(type="bool", default=False),
)
MODE = 0o600


def file_state(path):
    """{exists, mode} of ``path`` (mode as an octal string)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return {"exists": False, "mode": None}
    return {"exists": True, "mode": "0{0:o}".format(stat.S_IMODE(info.st_mode))}


def write_private(path, content):
    """Write ``content`` to ``path`` with mode 0600 from its first byte
    (a temporary file in the same directory, then renamed over it)."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".loa-")
    try:
        os.fchmod(handle, MODE)
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def run(module):
    import base64

    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["port"], "port", "ExpressRoute port")
    if not p["customer_name"].strip():
        raise ValidationError("customer_name is empty; Azure prints it on the letter: give your company's name.")
    directory = os.path.dirname(os.path.abspath(p["dest"]))
    if not os.path.isdir(directory):
        raise ValidationError("dest {0}: directory {1} does not exist; create it first.".format(p["dest"], directory))
    if os.path.isdir(p["dest"]):
        raise ValidationError("dest {0} is a directory; give the path of the PDF to write.".format(p["dest"]))
    before = file_state(p["dest"])
    write = p["force"] or not before["exists"]
    if write:
        client = module.network()
        port = get_or_none(client.express_route_ports.get, p["resource_group"], p["port"])
        if port is None:
            raise ValidationError(
                "port {0} does not exist in resource group {1}; create it first with hybridnet.expressroute.port."
                "".format(p["port"], p["resource_group"])
            )
        port_id = port.id
    else:
        # A kept LOA needs nothing from Azure: the port's own task already read the port (one GET per resource).
        port_id = _port.port_id(p["port"], module.subscription_id, p["resource_group"])
    after = {"exists": True, "mode": "0600"}
    result = dict(
        changed=write or before["mode"] != "0600",
        dest=p["dest"],
        port=port_id,
        diff={"before": before, "after": after},
        size=None,
    )
    if module.check_mode:
        if not write and before["exists"]:
            result["size"] = os.path.getsize(p["dest"])
        return result
    if write:
        from azure.mgmt.network.models import GenerateExpressRoutePortsLOARequest

        answer = client.express_route_ports.generate_loa(
            p["resource_group"], p["port"], GenerateExpressRoutePortsLOARequest(customer_name=p["customer_name"])
        )
        write_private(p["dest"], base64.b64decode(answer.encoded_content or ""))
    elif before["mode"] != "0600":
        os.chmod(p["dest"], MODE)
    result["size"] = os.path.getsize(p["dest"])
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, wait=False, supports_check_mode=True)
    module.execute(run, "write the LOA of port {0}".format(module.params["port"]))


if __name__ == "__main__":
    main()
