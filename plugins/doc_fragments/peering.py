# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The options of a peering write, shared by hybridnet.expressroute.peering
    # (the customer's circuit) and cross_connection_peering (the provider's
    # cross-connection): the same rules, checked by the same code
    # (module_utils/_peering.py).  ansible-core merges a fragment's options
    # one level deep, so a module that adds a suboption (peering's
    # ipv6.route_filter) restates that option whole.
    DOCUMENTATION = r"""
options:
  peering_type:
    description: Which peering.
    type: str
    required: true
    choices: [AzurePrivatePeering, MicrosoftPeering, AzurePublicPeering]
  state:
    description: Whether the peering should exist.
    type: str
    choices: [present, absent]
    default: present
  peering_state:
    description: The peering's administrative state (Azure's C(state) property); V(Disabled) brings BGP down.
    type: str
    choices: [Enabled, Disabled]
  peer_asn:
    description:
      - The AS number of the router that peers with Microsoft (the customer's router, or the provider's PE on a
        managed Layer 3 circuit). Required to create.
    type: int
  primary_prefix:
    description: The primary link's /30; your router takes the first usable address, Microsoft the second.
    type: str
  secondary_prefix:
    description: The secondary link's /30.
    type: str
  prefix:
    description:
      - One /29 instead of O(primary_prefix) and O(secondary_prefix); its first /30 becomes the primary link, its
        second the secondary link.
    type: str
  vlan_id:
    description: The peering's VLAN ID (C-tag), the same on both links, unique among the circuit's peerings.
    type: int
  shared_key:
    description:
      - The BGP MD5 key, at most 25 letters and digits. Never logged, never returned, shown in diffs only as
        C(<set>) or C(<changed>).
      - Azure returns the key when the peering is read, so a different key is detected by comparing it with the one
        Azure has, without showing either; V("") removes the key.
    type: str
  microsoft_peering:
    description: The Microsoft peering's configuration (required for O(peering_type=MicrosoftPeering)).
    type: dict
    suboptions:
      advertised_public_prefixes:
        description: Public prefixes (your NAT pool) you advertise; no RFC 1918 ranges, no default route.
        type: list
        elements: str
        required: true
      advertised_communities:
        description: Communities you attach to them.
        type: list
        elements: str
      customer_asn:
        description: The customer's AS number when the prefixes belong to a customer of yours.
        type: int
      routing_registry_name:
        description: The registry the prefixes are registered in.
        type: str
        choices: [ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3, NONE]
        default: NONE
  ipv6:
    description: The peering's IPv6 configuration.
    type: dict
    suboptions:
      state:
        description: V(absent) removes the IPv6 configuration.
        type: str
        choices: [present, absent]
        default: present
      primary_prefix:
        description: The primary link's /126.
        type: str
      secondary_prefix:
        description: The secondary link's /126.
        type: str
      prefix:
        description: One /125, split into the two /126s.
        type: str
      peering_state:
        description: Administrative state of the IPv6 sessions.
        type: str
        choices: [Enabled, Disabled]
        default: Enabled
      microsoft_peering:
        description: The IPv6 Microsoft peering configuration (MicrosoftPeering only); as O(microsoft_peering).
        type: dict
        suboptions:
          advertised_public_prefixes:
            description: Public IPv6 prefixes you advertise.
            type: list
            elements: str
            required: true
          advertised_communities:
            description: Communities you attach to them.
            type: list
            elements: str
          customer_asn:
            description: The customer's AS number.
            type: int
          routing_registry_name:
            description: The registry the prefixes are registered in.
            type: str
            choices: [ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3, NONE]
            default: NONE
"""
