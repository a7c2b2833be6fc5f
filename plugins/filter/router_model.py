# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

from typing import Any, Callable

DOCUMENTATION = r"""
name: router_model
short_description: Build the router model for the routers facing Microsoft's edge from an ExpressRoute peering
version_added: 0.1.0
author: hybridnet.expressroute engineers
description:
  - Turns a peering (the result of C(hybridnet.expressroute.peering) or C(peering_info), an item of a circuit's
    C(peerings), or plain variables with the same keys) into the validated model the
    P(hybridnet.expressroute.router_config#role) role renders.
  - Per link (primary, secondary) the router takes the first usable address of the /30 and Microsoft the second.
  - Every rule violation fails with a message naming the field, the rule and the fix; the MD5 key is never echoed.
  - IPv6 - when the peering has an enabled C(ipv6) part (the peering module's C(ipv6) - C(primary_prefix) and
    C(secondary_prefix), two /126s, or C(prefix), one /125) each link also gets an IPv6 session on the same interface,
    the router on the first usable address and Microsoft on the second (::1 and ::2 of the /126). IPv6 prefixes go in
    O(advertise) (Microsoft peering - C(ipv6.microsoft_peering_config.advertised_public_prefixes)); Microsoft's IPv6
    limits are 100 on private peering and 200 on Microsoft peering. IPv6 needs no NAT.
positional: _input
options:
  _input:
    description:
      - The peering, or a list of peerings (then a list of models is returned, one per peering).
      - Keys read are C(name), C(id), C(circuit), C(peering_type) (V(AzurePrivatePeering) or V(MicrosoftPeering)),
        C(state), C(peer_asn), C(azure_asn), C(vlan_id), C(primary_prefix), C(secondary_prefix),
        C(shared_key_set), C(microsoft_peering_config.advertised_public_prefixes) and C(ipv6).
    type: raw
    required: true
  circuit:
    description:
      - The circuit result (or a dict with the same keys). Read are C(name), C(id), C(stag) (the S-tag),
        C(tier) (V(Premium) raises the private-peering prefix limit to 10000), C(service_key) and
        C(express_route_port) (set on an ExpressRoute Direct circuit).
      - Without it the circuit name comes from the peering's C(circuit) and the tier is V(Standard); its S-tag is
        used only by C(encapsulation.s_tag=circuit).
    type: dict
  md5_key:
    description:
      - The BGP MD5 key, at most 25 letters and digits. The peering result never carries it, so pass it from a vault.
      - Required when the peering says C(shared_key_set=true); refused when it says V(false).
    type: str
  local_asn:
    description:
      - The ASN of the router's BGP process when it differs from the peering's C(peer_asn) (for example a provider
        PE). The sessions to Microsoft then present C(peer_asn) with C(local-as ... no-prepend replace-as).
      - Defaults to C(peer_asn).
    type: int
  advertise:
    description:
      - The IPv4 prefixes to advertise to Microsoft. For Microsoft peering defaults to
        C(microsoft_peering_config.advertised_public_prefixes).
      - Each item is a prefix, or C({prefix, aggregate}) - C(aggregate=true) makes this router originate the prefix
        with a discard route (Null0, discard, blackhole) whatever O(anchor_routes) says; C(aggregate=false) leaves it
        to your network.
      - BGP announces a prefix only while it exists as a route on the router. A prefix that is not anchored must come
        from your network (connected, static or IGP; on a PE, over the VPN into the VRF), else it is not announced.
      - Microsoft peering refuses RFC 1918 prefixes and the default route.
      - The count (with more-specifics) must stay within the limit of the peering type and SKU (private 4000,
        Premium 10000, Microsoft 200).
    type: list
    elements: raw
  advertise_limit:
    description: A lower cap than Microsoft's limit for the advertised prefixes (rendered where the dialect has an
      outbound prefix limit).
    type: int
  receive_limit:
    description: When set, a warning-only maximum-prefix for the routes received from each MSEE.
    type: int
  bfd:
    description: BFD toward the MSEEs. Intervals below 300 ms are refused (the MSEE runs 300 ms; the slower side wins).
    type: dict
    suboptions:
      enabled: {description: Render BFD., type: bool, default: true}
      interval: {description: Transmit interval in ms., type: int, default: 300}
      min_rx: {description: Minimum receive interval in ms., type: int, default: 300}
      multiplier: {description: Detection multiplier., type: int, default: 3}
  preference:
    description: How the primary link is preferred.
    type: dict
    suboptions:
      mode:
        description:
          - V(prepend) prepends the local ASN on the secondary session (refused on Microsoft peering with a private
            ASN, which Microsoft strips); V(more_specifics) also advertises each prefix split in two on the primary;
            V(none) is active-active, as Microsoft recommends.
        type: str
        choices: [none, prepend, more_specifics]
        default: prepend
      prepend_count: {description: How many times to prepend., type: int, default: 2}
      primary_local_preference:
        description:
          - Local preference set on routes received from the primary MSEE (your return path); V(null) sets none.
          - Defaults to none with O(preference.mode=none).
        type: int
        default: 150
      secondary_local_preference:
        description: Local preference set on routes received from the secondary MSEE.
        type: int
        default: 100
  encapsulation:
    description:
      - What the provider hands over on the router's port, per provider hand-off. The circuit's S-tag is the tag
        between the provider and Microsoft, not necessarily what the router receives, so it is never guessed.
      - V(untagged) puts the peering directly on the parent port (a dedicated port; the BGP lab's veths).
      - "V(dot1q) or C({type: dot1q, tag: N}) - 802.1Q; C(tag) defaults to the peering's VLAN ID."
      - "C({type: qinq, s_tag: S, c_tag: C}) - QinQ (both tags ethertype 0x8100); C(s_tag) is required (V(circuit)
        takes the circuit's own S-tag, for a router facing Microsoft's port itself such as a provider PE), C(c_tag)
        defaults to the peering's VLAN ID."
      - "C({primary: <hand-off>, secondary: <hand-off>}) when the two links differ (for example two EVCs on
        different S-tags)."
      - V(auto) and the former C(stag) option are refused with the fix.
    type: raw
    default: dot1q
  inside_interfaces:
    description:
      - Used by Microsoft peering (ignored for private peering, so it may be given once for both). The router's
        interfaces toward the inside networks, a list or a mapping dialect -> list. IOS-XE marks them
        C(ip nat inside); EOS attaches the DSCP policy there (EOS applies QoS policies on ingress only), and requires
        them while O(dscp_policy) is enabled.
    type: raw
  interfaces:
    description:
      - Parent port per link, C({primary, secondary}); each value is a name or a mapping dialect -> name
        (V(iosxe), V(iosxr), V(junos), V(eos), V(sros), V(frr), or V(*) for all).
      - When unset the role's C(router_config_default_interfaces) for the dialect is used.
    type: dict
  devices:
    description:
      - Router name per link, C({primary, secondary}). Links with the same name end up in one rendered file; the
        default puts each link on its own router, C(<circuit>-primary) and C(<circuit>-secondary).
    type: dict
  nat_pool:
    description: Microsoft peering only, required there. The public source-NAT pool; it must lie inside an advertised
      prefix.
    type: str
  nat_inside:
    description: Microsoft peering only. Inside source prefixes translated to O(nat_pool); defaults to RFC 1918.
    type: list
    elements: str
  dscp_policy:
    description:
      - Microsoft peering only. C({enabled}) (default V(true)) renders the egress policy that keeps EF, AF41, AF21,
        AF11 and CS0 and rewrites any other DSCP to 0.
    type: dict
  vrf:
    description:
      - Needed by device role V(pe_vrf) (managed Layer 3, IPVPN). C(name), C(rd) (ASN:n or IP:n), and
        C(route_target) (import and export) or C(import_target) and C(export_target).
    type: dict
  router_id:
    description: The BGP router ID; defaults to the device's first link address.
    type: str
  per_peering:
    description:
      - Options for one peering only, keyed by peering name (V(AzurePrivatePeering), V(MicrosoftPeering)); they
        override the common options, for example the Microsoft peering's O(nat_pool) when the input is a circuit's
        C(peerings) list.
    type: dict
  anchor_routes:
    description:
      - Which advertised prefixes not marked C(aggregate) get a discard route so that the router originates them.
      - V(auto) (the default) anchors the Microsoft-peering NAT pool and Microsoft peering's advertised prefixes (public
        NAT space toward Microsoft that nothing inside originates) and none of private peering's (your network
        supplies them); V(true) anchors every advertised prefix and the NAT pool; V(false) none (your network
        supplies the pool and the prefixes as routes, for example from a separate NAT device).
      - With O(preference.mode=more_specifics) the halves of an anchored prefix are anchored too.
      - A discard route loses to any more-specific route, so anchoring a summary never hides your subnets; it does
        override an equal prefix learned from an IGP (static routes are preferred), so do not anchor a prefix that is
        itself a route in your network.
    type: raw
    default: auto
"""

EXAMPLES = r"""
- name: Model the private peering from plain variables (no Azure needed)
  ansible.builtin.set_fact:
    er_models:
      - "{{ peering | hybridnet.expressroute.router_model(circuit=circuit, md5_key=er_md5_key,
            advertise=['10.1.15.0/25'], devices={'primary': 'ce1', 'secondary': 'ce1'}) }}"
  vars:
    circuit: {name: er-ams, stag: 3, tier: Standard}
    peering:
      name: AzurePrivatePeering
      peering_type: AzurePrivatePeering
      peer_asn: 65020
      vlan_id: 100
      primary_prefix: 192.168.100.128/30
      secondary_prefix: 192.168.100.132/30
      shared_key_set: true

- name: Model a Microsoft peering from the peering module's result
  ansible.builtin.set_fact:
    er_ms_model: "{{ ms_peering.peering | hybridnet.expressroute.router_model(circuit=er_circuit.circuit,
                     md5_key=er_md5_key, nat_pool='203.0.113.0/28', preference={'mode': 'none'}) }}"
"""

RETURN = r"""
_value:
  description: The router model (a list of them when the input was a list).
  type: dict
  contains:
    circuit: {description: Circuit name., type: str}
    peering: {description: Peering name., type: str}
    peering_type: {description: V(private) or V(microsoft)., type: str}
    policy_stem: {description: Prefix of the policy names rendered for this peering., type: str}
    local_asn: {description: ASN of the router's BGP process., type: int}
    peer_asn: {description: ASN the sessions present to Microsoft., type: int}
    azure_asn: {description: Always 12076., type: int}
    vlan: {description: The peering's VLAN ID at Microsoft., type: int}
    circuit_stag: {description: "The circuit's S-tag (provider to Microsoft; on an ExpressRoute Direct circuit, the
        customer's router to Microsoft on the port), for information.", type: int}
    circuit_direct: {description: Whether the circuit is on an ExpressRoute Direct port (no provider)., type: bool}
    md5_key: {description: The MD5 key (secret; files holding it are written 0600)., type: str}
    bfd: {description: "Enabled flag, interval, min_rx, multiplier.", type: dict}
    advertise: {description: Prefixes advertised on both links., type: list}
    aggregates: {description: Advertised prefixes this router anchors with a discard route., type: list}
    supplied: {description: Advertised prefixes your network must supply as routes., type: list}
    nat_pool_anchored: {description: Whether the NAT pool gets a discard route., type: bool}
    advertise_limit: {description: Microsoft's limit for the peering type and SKU (or the lower cap)., type: int}
    preference: {description: "Mode, prepend count and local preferences.", type: dict}
    links:
      description: Primary and secondary link (role, device, prefix, local_ip, peer_ip, netmask, advertise, anchors,
        supplied, prepend, local_preference, interface, handoff - type, outer and inner tag -, handoff_text).
      type: list
    microsoft: {description: "NAT pool, inside prefixes and DSCP policy (Microsoft peering), else null.", type: dict}
    vrf: {description: "VRF name, rd, import_target and export_target, or null.", type: dict}
"""

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import (
    RouterModelError,
    build_router_models,
    group_devices,
    handoff_summary,
)


def router_model(peerings: Any, circuit: dict[str, Any] | None = None, **options: Any) -> list[dict[str, Any]]:
    try:
        return build_router_models(peerings, circuit, options)
    except RouterModelError as exc:
        raise AnsibleFilterError("router_model: %s" % to_native(exc)) from exc


def router_devices(
    models: list[dict[str, Any]],
    dialect: str,
    device_role: str = "ce",
    default_interfaces: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    try:
        return group_devices(models, dialect, device_role, default_interfaces)
    except RouterModelError as exc:
        raise AnsibleFilterError("router_devices: %s" % to_native(exc)) from exc


def router_handoff(
    peering: dict[str, Any],
    peering_type: str,
    circuit: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The handoff's view of one peering from the roles' inputs: hand-off per link, prefix limit, origination."""
    try:
        return handoff_summary(peering_type, peering, circuit, options)
    except RouterModelError as exc:
        raise AnsibleFilterError("router_handoff: %s" % to_native(exc)) from exc


class FilterModule(object):
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"router_model": router_model, "router_devices": router_devices, "router_handoff": router_handoff}
