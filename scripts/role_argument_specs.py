#!/usr/bin/env python3
"""The argument specs of the three connectivity-model roles, written once.

cloud_exchange, point_to_point_ethernet and ipvpn are thin entry points over
roles/_connectivity and take the same options, each with its own prefix; their
meta/argument_specs.yml differ only in the model's own words (MODELS below)
and ipvpn's lack of an offering choice (it is managed Layer 3 only).
ansible-core reads each role's meta/argument_specs.yml as it is (no includes,
no fragments for roles), so the shared text lives here, in
role_argument_specs.yml.j2, and this script writes the three files:

    scripts/role_argument_specs.py           # write them
    scripts/role_argument_specs.py --check   # exit 1 if one is not what it writes

tests/unit/roles/test_generated_argument_specs.py fails when a role's file was
edited instead of the template: change the template (or MODELS) and run this.
"""

import argparse
import os
import re
import sys

import jinja2
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join(ROOT, "scripts", "role_argument_specs.yml.j2")

# What each model says in its own words (whole YAML values, quoted as in the
# files); everything else is the template's.
MODELS = {
    'cloud_exchange': {
        'description_model': '"Co-located at a cloud exchange (Microsoft\'s connectivity models): you '
        'order a virtual cross-connection to the Microsoft cloud through the '
        'exchange\'s Ethernet fabric."',
        'description_offering': '"Layer 2 offering - you configure BGP to Microsoft\'s edge (router '
        'configuration for your router, device role ce); managed Layer 3 - the '
        "exchange's router does (configuration for its PEs, device role "
        'pe_vrf)."',
        'handoff_description': "Details of the exchange's virtual cross-connect (port, VLAN, order "
        'number) copied into the handoff.',
        'handoff_option': 'cross_connect',
        'offering': True,
        'peer_asn': '"Your AS number, or the provider\'s in managed Layer 3 (not 65515-65520)."',
        'peering_configured_by': '"Configured by you in a Layer 2 offering; by the provider in managed '
        'Layer 3 (through the provider API with '
        'O(cloud_exchange_act_as_provider), otherwise the provider does it and '
        'the role reads it)."',
        'provider_example': '"The cloud exchange (connectivity provider), as named in the catalog, for '
        'example Equinix or Megaport."',
        'router': '"Router configuration for your router (Layer 2) or the exchange\'s (managed Layer 3)."',
        'router_dialects': '[iosxe, junos, eos, frr]',
        'router_options': 'C(vrf) (managed Layer 3 only), C(preference), C(bfd), C(encapsulation) (what '
        "the provider hands over; default 802.1Q with the peering's VLAN ID in Layer "
        "2, QinQ with the circuit's S-tag in managed Layer 3), C(anchor_routes), "
        'C(inside_interfaces).',
        'short_description': 'An ExpressRoute circuit through a cloud exchange you are co-located at',
    },
    'point_to_point_ethernet': {
        'description_model': '"Point-to-point Ethernet (Microsoft\'s connectivity models): the '
        'provider carries two Ethernet virtual circuits, primary and '
        'secondary, from your datacenter to Microsoft\'s edge."',
        'description_offering': '"Layer 2 offering - you configure BGP over the EVCs (router '
        'configuration for your router, device role ce, QinQ with the '
        "peering's VLAN as inner tag); managed Layer 3 - the provider's "
        'router does (device role pe_vrf)."',
        'handoff_description': "The provider's Ethernet virtual circuits (e.g. C(primary) and "
        'C(secondary) circuit ids, handoff ports), copied into the '
        'handoff.',
        'handoff_option': 'evcs',
        'offering': True,
        'peer_asn': '"Your AS number, or the provider\'s in managed Layer 3 (not 65515-65520)."',
        'peering_configured_by': '"Configured by you in a Layer 2 offering; by the provider in '
        'managed Layer 3 (through the provider API with '
        'O(point_to_point_ethernet_act_as_provider), otherwise the '
        'provider does it and the role reads it)."',
        'provider_example': '"The Ethernet provider, as named in the catalog, for example Zayo Group or euNetworks."',
        'router': '"Router configuration for your datacenter router (Layer 2) or the provider\'s (managed Layer 3)."',
        'router_dialects': '[iosxe, junos, eos, frr]',
        'router_options': 'C(vrf) (managed Layer 3 only), C(preference), C(bfd), '
        'C(encapsulation) (what the provider hands over; default 802.1Q with '
        "the peering's VLAN ID in Layer 2, QinQ with the circuit's S-tag in "
        'managed Layer 3), C(anchor_routes), C(inside_interfaces).',
        'short_description': 'An ExpressRoute circuit over point-to-point Ethernet',
    },
    'ipvpn': {
        'description_model': '"Any-to-any IPVPN (Microsoft\'s connectivity models): the provider connects the '
        'Microsoft cloud to your MPLS VPN, where it looks like one more branch of your WAN."',
        'description_offering': '"Managed Layer 3 - the provider\'s PE routers run both BGP sessions to '
        "Microsoft's edge inside your VRF (router configuration for those PEs, device "
        'role pe_vrf); your sites keep their usual routing with the provider."',
        'handoff_description': "Details of your WAN in the provider's VPN (VPN name or id, sites) copied into the "
        'handoff.',
        'handoff_option': 'wan',
        'offering': False,
        'peer_asn': '"The AS number the provider\'s PEs present to Microsoft (not 65515-65520)."',
        'peering_configured_by': '"The provider configures it on its PEs (through the provider API with '
        'O(ipvpn_act_as_provider), otherwise the provider does it and the role reads '
        'it); the values here are the ones you agreed with the provider."',
        'provider_example': '"The IPVPN provider, as named in the catalog, for example AT&T NetBond, Orange or '
        'British Telecom."',
        'router': '"Router configuration for the provider\'s PE routers (the sessions to Microsoft in your VRF)."',
        'router_dialects': '[iosxr, junos, sros]',
        'router_options': 'C(vrf) (required - C(name), C(rd), C(route_target)), C(preference), C(bfd), '
        "C(encapsulation) (what the provider hands over; default 802.1Q with the peering's VLAN "
        "ID in Layer 2, QinQ with the circuit's S-tag in managed Layer 3), C(anchor_routes), "
        'C(inside_interfaces).',
        'short_description': 'An ExpressRoute circuit into your any-to-any IPVPN (MPLS) WAN',
    },
}


def render(model):
    """The text of roles/<model>/meta/argument_specs.yml."""
    # << >> and <% %>: the specs themselves hold Jinja ("{{ playbook_dir }}").
    env = jinja2.Environment(
        variable_start_string="<<",
        variable_end_string=">>",
        block_start_string="<%",
        block_end_string="%>",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    with open(TEMPLATE) as handle:
        return fold_long_lines(env.from_string(handle.read()).render(model=model, **MODELS[model]))


# yamllint's line length (.yamllint): a longer double-quoted description is
# continued on the next line, where YAML folds the line break into a space.
MAX_LINE = 160
_QUOTED = re.compile(r'^(\s*(?:- |[\w<>-]+: )?)"((?:[^"\\]|\\.)*)"$')


def fold_long_lines(text):
    """``text`` with its over-long double-quoted scalars split at spaces (the
    same YAML once loaded)."""
    lines = []
    for line in text.split("\n"):
        match = _QUOTED.match(line)
        if len(line) <= MAX_LINE:
            lines.append(line)
            continue
        if match:
            head, body = match.group(1) + '"', match.group(2)
            indent = " " * (len(line) - len(line.lstrip()) + 2)
        else:  # a continuation line of a plain multi-line scalar: same indent
            indent = " " * (len(line) - len(line.lstrip()))
            head, body = indent, line.lstrip()
        while len(head) + len(body) + 1 > MAX_LINE:
            cut = body.rfind(" ", 0, MAX_LINE - len(head) - 1)
            if cut <= 0:
                break
            lines.append(head + body[:cut])
            head, body = indent, body[cut + 1 :]
        lines.append(head + body + ('"' if match else ""))
    folded = "\n".join(lines)
    if yaml.safe_load(folded) != yaml.safe_load(text):
        raise SystemExit("folding the long lines changed the YAML: fix fold_long_lines")
    return folded


def path_of(model):
    return os.path.join(ROOT, "roles", model, "meta", "argument_specs.yml")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say which files differ (exit 1)")
    args = parser.parse_args(argv)
    stale = []
    for model in MODELS:
        text = render(model)
        with open(path_of(model)) as handle:
            current = handle.read()
        if current == text:
            continue
        stale.append(path_of(model))
        if not args.check:
            with open(path_of(model), "w") as handle:
                handle.write(text)
    for path in stale:
        print(("differs from the template: " if args.check else "written: ") + os.path.relpath(path, ROOT))
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
