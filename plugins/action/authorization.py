# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs the authorization module and hides its displayed result when the
result carries an authorization key.

Why an action plugin: a module can keep a value out of the output only by
adding it to ``no_log_values``, which masks it everywhere, the registered
variable included, so the next task would receive ``********`` instead of
the key.  ``_ansible_no_log`` on the task result (what ``no_log: true``
sets, and what ansible.builtin.include_vars sets for its secrets) hides the
result from every callback at every verbosity while the registered variable
keeps the key.  A module cannot set it (ansible-core strips ``_ansible_*``
keys from module results); an action plugin can.
"""

from __future__ import annotations

from typing import Any

from ansible.plugins.action import ActionBase

KEY_FIELD = "authorization_key"


def carries_key(data: Any) -> bool:
    """Whether any ``authorization_key`` in ``data`` holds a value."""
    if isinstance(data, dict):
        return any((k == KEY_FIELD and bool(v)) or carries_key(v) for k, v in data.items())
    if isinstance(data, list):
        return any(carries_key(item) for item in data)
    return False


class ActionModule(ActionBase):
    _supports_check_mode = True
    # An async job's result would reach the output through async_status,
    # which this plugin does not see.
    _supports_async = False

    def run(self, tmp: str | None = None, task_vars: dict[str, Any] | None = None) -> dict[str, Any]:
        result = super().run(tmp, task_vars)
        del tmp
        result.update(self._execute_module(task_vars=task_vars))
        if carries_key(result):
            result["_ansible_no_log"] = True
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
