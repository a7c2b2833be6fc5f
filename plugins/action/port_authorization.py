# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs port_authorization and hides its displayed result when it carries a
key; see action/authorization.py for why."""

from __future__ import annotations

from ansible_collections.hybridnet.expressroute.plugins.action.authorization import ActionModule as _KeyHidingAction


class ActionModule(_KeyHidingAction):
    pass
