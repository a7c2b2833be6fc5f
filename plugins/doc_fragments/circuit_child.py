# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The circuit a child resource (peering, authorization, Global Reach link)
    # belongs to: the options of the modules that manage or read one.
    DOCUMENTATION = r"""
options:
  circuit:
    description: Name of the circuit.
    type: str
    required: true
  resource_group:
    description: Resource group of the circuit.
    type: str
    required: true
"""
