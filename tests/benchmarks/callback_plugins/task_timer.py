# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper: writes each task's wall time to $TASK_TIMER_FILE."""

from __future__ import annotations

DOCUMENTATION = r"""
name: task_timer
type: aggregate
short_description: Record per-task wall time (benchmarks only)
description: Writes one JSON line per finished task (name, seconds) to the file named by TASK_TIMER_FILE.
requirements: [TASK_TIMER_FILE set]
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._started = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started[task._uuid] = (task.get_name(), time.perf_counter())

    def _done(self, result):
        name, started = self._started.get(result._task._uuid, (result._task.get_name(), time.perf_counter()))
        with open(os.environ["TASK_TIMER_FILE"], "a") as handle:
            handle.write(json.dumps({"task": name, "seconds": time.perf_counter() - started}) + "\n")

    v2_runner_on_ok = v2_runner_on_failed = v2_runner_on_skipped = _done
