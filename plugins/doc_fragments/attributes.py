# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Attributes of modules that change resources.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Runs in check mode and predicts exactly what a real run would change, without writing.
    support: full
  diff_mode:
    description: Returns the managed fields before and after the change (secrets shown only as set or changed).
    support: full
  idempotent:
    description: A second run with the same options changes nothing and makes one read per resource.
    support: full
  action_group:
    description: Use C(group/hybridnet.expressroute.azure) in C(module_defaults) to set the shared options.
    support: full
    membership:
      - hybridnet.expressroute.azure
"""

    # Attributes of read-only (_info) modules.
    INFO = r"""
options: {}
attributes:
  check_mode:
    description: Reads only, so it runs the same in check mode.
    support: full
    details: This action does not modify state.
  diff_mode:
    description: Nothing changes, so there is nothing to show.
    support: N/A
    details: This action does not modify state.
  action_group:
    description: Use C(group/hybridnet.expressroute.azure) in C(module_defaults) to set the shared options.
    support: full
    membership:
      - hybridnet.expressroute.azure
"""
