#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: port
short_description: Create, update and delete ExpressRoute Direct ports
version_added: 0.2.0
description:
  - Orders an ExpressRoute Direct port pair (C(Microsoft.Network/expressRoutePorts)) at a peering location, sets
    what Azure changes in place (the two links' admin state, MACsec per link, encapsulation while no circuit uses
    the port, billing type, identity, tags), and deletes it.
  - The peering location and its bandwidths are checked against C(expressRoutePortsLocations) before anything is
    written (one read when a port is created), and the error lists the valid choices.
  - Changes Azure cannot make in place (another peering location, port bandwidth or region; another encapsulation
    while circuits are on the port) are refused before any write, with the reason.
  - MACsec uses two Key Vault secrets, the CKN and the CAK, given as secret identifiers; the port reads them with
    its user-assigned managed identity (O(identity)), which must be allowed to get those secrets.
  - A port is deleted only when no circuit is on it; the module refuses otherwise and names the circuits.
  - The Letter of Authorization for the colocation provider is written by M(hybridnet.expressroute.port_loa).
author:
  - hybridnet.expressroute engineers (@hybridnet)
options:
  name:
    description: Name of the port.
    type: str
    required: true
  resource_group:
    description: Resource group of the port.
    type: str
    required: true
  state:
    description: Whether the port should exist.
    type: str
    choices: [present, absent]
    default: present
  location:
    description:
      - Azure region of the port resource. Defaults to the resource group's location when the port is created.
        Cannot change afterwards.
    type: str
  peering_location:
    description:
      - The ExpressRoute Direct peering location, as M(hybridnet.expressroute.port_location_info) lists it (for
        example V(Equinix-Amsterdam-AM5)). Required to create; cannot change afterwards.
    type: str
  bandwidth_gbps:
    description:
      - Bandwidth of each of the two ports, in Gbps. Required to create; cannot change afterwards.
    type: int
    choices: [10, 100]
  encapsulation:
    description:
      - VLAN tagging on the ports. V(Dot1Q) (one 802.1Q tag) or V(QinQ) (Azure assigns each circuit an S-tag).
        Required to create; can change only while no circuit is on the port.
    type: str
    choices: [Dot1Q, QinQ]
  billing_type:
    description: Billing of the port. Defaults to V(MeteredData) when the port is created.
    type: str
    choices: [MeteredData, UnlimitedData]
  identity:
    description:
      - Id of the user-assigned managed identity the port reads the MACsec secrets with
        (C(/subscriptions/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME)). Required once a
        link has MACsec secrets. When omitted, the port's identity is left as it is.
    type: str
  links:
    description:
      - Settings of the port's two links, C(link1) and C(link2). A link not listed, and a setting not given, is
        left as it is.
    type: list
    elements: dict
    suboptions:
      name:
        description: Which link.
        type: str
        required: true
        choices: [link1, link2]
      admin_state:
        description:
          - V(Enabled) once the cross-connect to your router is in place (light on the fibre); V(Disabled) turns the
            physical port off. New ports start V(Disabled).
        type: str
        choices: [Enabled, Disabled]
      macsec:
        description: MACsec on this link.
        type: dict
        suboptions:
          cipher:
            description: The MACsec cipher. Azure's default is V(GcmAes256).
            type: str
            choices: [GcmAes128, GcmAes256, GcmAesXpn128, GcmAesXpn256]
          sci_state:
            description: Whether the Secure Channel Identifier is sent.
            type: str
            choices: [Enabled, Disabled]
          ckn_secret_identifier:
            description:
              - Key Vault secret identifier of the CKN (C(https://VAULT.vault.azure.net/secrets/NAME[/VERSION])).
                Given together with O(links[].macsec.cak_secret_identifier). The identifier is a URL, not the key.
            type: str
          cak_secret_identifier:
            description: Key Vault secret identifier of the CAK; given together with the CKN's.
            type: str
  tags:
    description: Tags to set. Merged into the existing tags unless O(purge_tags=true).
    type: dict
  purge_tags:
    description: Remove tags not listed in O(tags).
    type: bool
    default: false
extends_documentation_fragment:
  - hybridnet.expressroute.azure
  - hybridnet.expressroute.azure.WAIT
  - hybridnet.expressroute.attributes
"""

EXAMPLES = r"""
- name: Order a 10 Gbps port pair in Amsterdam
  hybridnet.expressroute.port:
    name: erd-ams-01
    resource_group: rg-expressroute
    peering_location: Equinix-Amsterdam-AM5
    bandwidth_gbps: 10
    encapsulation: Dot1Q
    billing_type: MeteredData
  register: port

- name: The cross-connects are in place - enable both links with MACsec
  hybridnet.expressroute.port:
    name: erd-ams-01
    resource_group: rg-expressroute
    identity: /subscriptions/xxx/resourceGroups/rg-expressroute/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-erd-macsec
    links:
      - name: link1
        admin_state: Enabled
        macsec:
          cipher: GcmAes256
          sci_state: Enabled
          ckn_secret_identifier: https://kv-erd.vault.azure.net/secrets/ckn-link1
          cak_secret_identifier: https://kv-erd.vault.azure.net/secrets/cak-link1
      - name: link2
        admin_state: Enabled

- name: Delete the port (refused while circuits are on it)
  hybridnet.expressroute.port:
    name: erd-ams-01
    resource_group: rg-expressroute
    state: absent
"""

RETURN = r"""
recovery:
  description:
    - What the task found on the resource before planning, and what it did about it (see
      M(hybridnet.expressroute.circuit)).
  returned: when the task found an operation running on the resource, or the resource Failed
  type: list
  elements: dict
port:
  description: The port as Azure has it after the task (predicted in check mode); null when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id.
      type: str
    name:
      description: Port name.
      type: str
    resource_group:
      description: Resource group.
      type: str
    subscription_id:
      description: Subscription.
      type: str
    location:
      description: Azure region.
      type: str
    tags:
      description: Tags.
      type: dict
    peering_location:
      description: ExpressRoute Direct peering location.
      type: str
    bandwidth_gbps:
      description: Bandwidth of each port, in Gbps.
      type: int
    provisioned_bandwidth_gbps:
      description: Sum of the bandwidths of the circuits on the port, in Gbps.
      type: float
    encapsulation:
      description: C(Dot1Q) or C(QinQ).
      type: str
    billing_type:
      description: C(MeteredData) or C(UnlimitedData).
      type: str
    ether_type:
      description: Ether type of the ports.
      type: str
    mtu:
      description: MTU of the ports.
      type: str
    allocation_date:
      description: When the ports were allocated (printed on the Letter of Authorization).
      type: str
    identity:
      description: Id of the port's user-assigned identity, or null.
      type: str
    provisioning_state:
      description: Azure's state of the resource.
      type: str
    etag:
      description: Entity tag.
      type: str
    links:
      description:
        - The two links, with what Microsoft allocated for the cross-connect (C(router_name), C(interface_name),
          C(patch_panel_id), C(rack_id), C(connector_type)), their C(admin_state), C(provisioning_state) and
          C(macsec) (C(cipher), C(sci_state), C(ckn_secret_identifier), C(cak_secret_identifier)).
      type: list
      elements: dict
    circuits:
      description: Ids of the circuits on the port.
      type: list
      elements: str
"""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server

if __name__ == "__main__":
    # Hand the task to the module server first: it has the imports below
    # (and the SDK) loaded already. Returns only on the classic path.
    _server.delegate()

import copy

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _diff, _port, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError, get_or_none
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import AzureModule

MACSEC_SPEC = dict(
    cipher=dict(type="str", choices=list(_port.CIPHERS)),
    sci_state=dict(type="str", choices=list(_port.SCI_STATES)),
    # URLs of Key Vault secrets, not the secrets themselves.
    ckn_secret_identifier=dict(type="str", no_log=False),
    cak_secret_identifier=dict(type="str", no_log=False),
)

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    location=dict(type="str"),
    peering_location=dict(type="str"),
    bandwidth_gbps=dict(type="int", choices=list(_port.PORT_BANDWIDTHS)),
    encapsulation=dict(type="str", choices=["Dot1Q", "QinQ"]),
    billing_type=dict(type="str", choices=["MeteredData", "UnlimitedData"]),
    identity=dict(type="str"),
    links=dict(
        type="list",
        elements="dict",
        options=dict(
            name=dict(type="str", required=True, choices=list(_port.LINK_NAMES)),
            admin_state=dict(type="str", choices=["Enabled", "Disabled"]),
            macsec=dict(type="dict", options=MACSEC_SPEC),
        ),
    ),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=False),
)


def desired_from_params(p):
    _port.check_identity(p["identity"])
    return {
        "location": p["location"],
        "peering_location": p["peering_location"],
        "bandwidth_gbps": p["bandwidth_gbps"],
        "encapsulation": p["encapsulation"],
        "billing_type": p["billing_type"],
        "identity": p["identity"],
        "links": _port.desired_links(p["links"]),
        "tags": None,
    }


def check_peering_location(client, peering_location, bandwidth_gbps):
    """One GET of the location (its bandwidths); the list only to name the
    valid ones when it does not exist."""
    model = get_or_none(client.express_route_ports_locations.get, peering_location)
    if model is None:
        locations = [_port.location_result(m) for m in client.express_route_ports_locations.list()]
        return _port.check_location_offer(locations, peering_location, bandwidth_gbps)
    return _port.check_location_offer([], peering_location, bandwidth_gbps, _port.location_result(model))


def plan(module, client, current, desired):
    p = module.params
    if current is None:
        after = _port.plan(None, desired)
        after["peering_location"] = check_peering_location(client, p["peering_location"], p["bandwidth_gbps"])
        # Read even when a location is given: a missing group is refused
        # here, not by Azure's PUT (as the circuit module does).
        group_location = module.resource_group_location(p["resource_group"])
        after["location"] = (
            module.azure_location(p["location"]) if p["location"] else "".join(group_location.split()).lower()
        )
        after["tags"] = _diff.merge_tags({}, p["tags"], True)
        return after
    after = _port.plan(current, desired)
    after["tags"] = _diff.merge_tags(current["tags"], p["tags"], p["purge_tags"])
    return after


def _macsec_model(macsec):
    from azure.mgmt.network.models import ExpressRouteLinkMacSecConfig

    return ExpressRouteLinkMacSecConfig(
        cipher=macsec["cipher"],
        sci_state=macsec["sci_state"],
        ckn_secret_identifier=macsec["ckn_secret_identifier"],
        cak_secret_identifier=macsec["cak_secret_identifier"],
    )


def _identity_model(identity_id):
    from azure.mgmt.network.models import ManagedServiceIdentity

    return ManagedServiceIdentity(type="UserAssigned", user_assigned_identities={identity_id: {}})


def build_new_port(after, links_given):
    from azure.mgmt.network.models import ExpressRouteLink, ExpressRoutePort

    links = [
        ExpressRouteLink(
            name=name,
            admin_state=after["links"][name]["admin_state"],
            mac_sec_config=_macsec_model(after["links"][name]["macsec"]),
        )
        for name in _port.LINK_NAMES
        if name in (links_given or {})
    ]
    return ExpressRoutePort(
        location=after["location"],
        tags=after["tags"],
        peering_location=after["peering_location"],
        bandwidth_in_gbps=after["bandwidth_gbps"],
        encapsulation=after["encapsulation"],
        billing_type=after["billing_type"],
        identity=_identity_model(after["identity"]) if after["identity"] else None,
        links=links or None,
    )


def apply_changes(model, current, after):
    """Change only the managed fields on the port as fetched."""
    model.encapsulation = after["encapsulation"]
    model.billing_type = after["billing_type"]
    model.tags = after["tags"]
    if after["identity"] != current["identity"]:
        model.identity = _identity_model(after["identity"])
    for link in model.links or []:
        wanted = after["links"].get(link.name)
        if wanted is None:
            continue
        link.admin_state = wanted["admin_state"]
        link.mac_sec_config = _macsec_model(wanted["macsec"])
    return model


def predicted(current, after, name, resource_group):
    result = (
        copy.deepcopy(current)
        if current
        else {
            "id": None,
            "name": name,
            "resource_group": resource_group,
            "subscription_id": None,
            "provisioned_bandwidth_gbps": 0.0,
            "ether_type": None,
            "mtu": None,
            "allocation_date": None,
            "provisioning_state": None,
            "etag": None,
            "circuits": [],
            "links": [
                {
                    "name": n,
                    "id": None,
                    "router_name": None,
                    "interface_name": None,
                    "patch_panel_id": None,
                    "rack_id": None,
                    "colo_location": None,
                    "connector_type": None,
                    "provisioning_state": None,
                }
                for n in _port.LINK_NAMES
            ],
        }
    )
    for field in _port.MANAGED_FIELDS:
        if field != "links":
            result[field] = after[field]
    for link in result["links"]:
        link.update(copy.deepcopy(after["links"].get(link["name"], {})))
    return result


def absent(module, client, current):
    if current is None:
        return dict(changed=False, port=None, diff=_diff.diff(None, None))
    if current["circuits"]:
        # howto-erdirect: the circuits on a port are deleted before it.
        raise ValidationError(
            "Port {0} cannot be deleted while circuits are on it: {1}. Delete them first "
            "(hybridnet.expressroute.circuit state=absent). Nothing was changed.".format(
                current["name"], ", ".join(current["circuits"])
            ),
            circuits=current["circuits"],
        )
    diff = _diff.diff(_port.managed_view(current), None, _port.MANAGED_FIELDS)
    if not module.check_mode:
        module.run_operation(
            lambda polling: client.express_route_ports.begin_delete(
                current["resource_group"], current["name"], polling=polling
            ),
            "delete ExpressRoute port {0}".format(current["name"]),
        )
    return dict(changed=True, port=None, diff=diff)


def run(module):
    p = module.params
    _validate.resource_group(p["resource_group"])
    _validate.network_name(p["name"], "name", "ExpressRoute port")
    desired = desired_from_params(p)  # option rules before any call
    client = module.network()
    what = "ExpressRoute port " + p["name"]
    model = module.settled(lambda: get_or_none(client.express_route_ports.get, p["resource_group"], p["name"]), what)
    current = _port.port_result(model) if model is not None else None
    if p["state"] == "absent":
        return absent(module, client, current)
    after = plan(module, client, current, desired)
    before_view = _port.managed_view(current)
    diff = _diff.diff(before_view, after, _port.MANAGED_FIELDS)
    recover = current is not None and module.reapplies(current["provisioning_state"], what, diff)
    changed = before_view != after or recover
    result = dict(changed=changed, diff=diff, port=current)
    if changed:
        if module.check_mode:
            result["port"] = predicted(current, after, p["name"], p["resource_group"])
        else:
            body = build_new_port(after, desired["links"]) if model is None else apply_changes(model, current, after)
            action = "{0} ExpressRoute port {1}".format("create" if model is None else "update", p["name"])
            final = module.run_operation(
                lambda polling: client.express_route_ports.begin_create_or_update(
                    p["resource_group"], p["name"], body, polling=polling
                ),
                action,
            )
            result["port"] = (
                _port.port_result(final)
                if final is not None
                else predicted(current, after, p["name"], p["resource_group"])
            )
    return result


def main():
    module = AzureModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run, "manage ExpressRoute port {0}".format(module.params["name"]))


if __name__ == "__main__":
    main()
