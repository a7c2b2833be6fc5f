# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: waiting on Azure, always against a deadline.

- ``start``: begins a long-running operation, retrying ARM's 409
  AnotherOperationInProgress (another write on the same circuit is still
  running) until the deadline instead of failing;
- ``finish``: waits for the operation to complete, or says what is still
  running and that a re-run resumes;
- ``wait_until``: polls a read until a condition holds (a provider
  provisioning a circuit, a gateway finishing its 30–45 minutes).
"""

from __future__ import annotations

import time

from ._errors import OperationTimeout, error_code

CONFLICT_CODES = frozenset(["AnotherOperationInProgress"])


class Deadline:
    def __init__(self, seconds, clock=time.monotonic):
        self.clock = clock
        self.seconds = seconds
        self.end = clock() + seconds

    @property
    def remaining(self):
        return max(0.0, self.end - self.clock())

    @property
    def passed(self):
        return self.clock() >= self.end


def start(begin, deadline, description, sleep=time.sleep, first_delay=2.0, max_delay=20.0):
    """Call ``begin()`` (a ``begin_*`` SDK call); on 409
    AnotherOperationInProgress wait and try again until ``deadline``."""
    delay = first_delay
    while True:
        try:
            return begin()
        except Exception as exc:
            if error_code(exc) not in CONFLICT_CODES:
                raise
            if deadline.remaining < delay:
                raise OperationTimeout(
                    "Could not {0}: another operation on the same ExpressRoute circuit was still in progress after "
                    "{1:.0f} s (AnotherOperationInProgress). Azure finishes it on its own; re-run the task later, or "
                    "raise wait_timeout.".format(description, deadline.seconds), error_code="AnotherOperationInProgress")
            sleep(delay)
            delay = min(delay * 2, max_delay)


def finish(poller, deadline, description):
    """Wait for ``poller``; return its result or raise OperationTimeout."""
    poller.wait(timeout=deadline.remaining)
    if not poller.done():
        raise OperationTimeout(
            "Timed out after {0:.0f} s waiting to {1}; Azure is still working on it (status: {2}). The operation "
            "continues in Azure: re-run the task to resume waiting, or raise wait_timeout.".format(
                deadline.seconds, description, poller.status()), still_running=True)
    return poller.result()


def wait_until(read, done, deadline, describe, interval, sleep=time.sleep, on_attempt=None):
    """Call ``read()`` until ``done(value)``; ``describe(value)`` says where
    things stand when the deadline passes."""
    attempt = 0
    while True:
        attempt += 1
        value = read()
        if on_attempt is not None:
            on_attempt(attempt, value)
        if done(value):
            return value, attempt
        if deadline.remaining <= 0:
            raise OperationTimeout(describe(value, attempt), attempts=attempt)
        sleep(min(interval, max(deadline.remaining, 0.0)))
