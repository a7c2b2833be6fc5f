# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helper: how many times each host ran one of the collection's modules,
or wrote a file (ansible.builtin.template / copy, counted by their full
names), a loop counting each item and a skipped task nothing, written as
JSON to $MODULE_CALLS_FILE at the end of the run: {host: {module: calls}}."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: module_calls
type: aggregate
short_description: Count the collection's module calls per host (tests)
description: Writes the calls per host and module as JSON to the file named by MODULE_CALLS_FILE.
"""

PREFIX = "hybridnet.expressroute."
FILE_WRITERS = ("ansible.builtin.template", "ansible.builtin.copy")


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "module_calls"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.calls = collections.defaultdict(collections.Counter)

    def _count(self, result, item=False):
        action = result._task.action or ""
        if action.startswith(PREFIX):
            name = action[len(PREFIX) :]
        elif action in FILE_WRITERS:
            name = action
        else:
            return
        if not item and result._task.loop is not None:
            return  # counted per item
        self.calls[result._host.get_name()][name] += 1

    def v2_runner_on_ok(self, result):
        self._count(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._count(result)

    def v2_runner_item_on_ok(self, result):
        self._count(result, item=True)

    def v2_runner_item_on_failed(self, result):
        self._count(result, item=True)

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get("MODULE_CALLS_FILE")
        if path:
            with open(path, "w") as handle:
                json.dump({host: dict(calls) for host, calls in self.calls.items()}, handle, indent=1, sort_keys=True)
