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
  provisioning a circuit, a gateway finishing its 30–45 minutes);
- ``check_interval`` / ``check_timeout``: the bounds every wait option of
  the collection (module options and role variables) is held to.
"""

from __future__ import annotations

from typing import Any, Callable

import time

from ._errors import OperationTimeout, ValidationError, error_code

CONFLICT_CODES = frozenset(["AnotherOperationInProgress"])
# The shortest pause between two reads of Azure.  With less, a wait polls
# many times a second (an interval of 0 made ~75 GET/s) and runs into ARM's
# request limits (resource-manager-request-limits: reads are throttled per
# principal), which then slows every other task of the subscription too.
MIN_INTERVAL = 1


def check_interval(value: float | None, option: str) -> float | None:
    """``value`` seconds between two reads; refused below MIN_INTERVAL."""
    if value is not None and value < MIN_INTERVAL:
        raise ValidationError(
            "{0} {1} is too short: the pause between two reads of Azure must be at least {2} s (shorter polls "
            "Azure many times a second and runs into its request limits). Set {0} to {2} or more.".format(
                option, value, MIN_INTERVAL
            ),
            option=option,
        )
    return value


def check_timeout(value: float | None, option: str) -> float | None:
    """``value`` seconds to wait at most (0: do not wait); refused below 0."""
    if value is not None and value < 0:
        raise ValidationError(
            "{0} {1} is negative: it is the number of seconds to wait at most, 0 or more (0 waits not at all). Set "
            "{0} to 0 or more.".format(option, value),
            option=option,
        )
    return value


def check_count(value: int | None, option: str) -> int | None:
    """``value`` more attempts (a role's retries); refused below 0."""
    if value is not None and value < 0:
        raise ValidationError(
            "{0} {1} is negative: it is how many more times to look, 0 or more. Set {0} to 0 or more.".format(
                option, value
            ),
            option=option,
        )
    return value


class Deadline:
    """``seconds`` from now; ``option`` names the setting that gave them, for
    the messages that end a wait."""

    def __init__(
        self, seconds: float, clock: Callable[[], float] = time.monotonic, option: str = "wait_timeout"
    ) -> None:
        self.clock = clock
        self.seconds = seconds
        self.option = option
        self.end = clock() + seconds

    @property
    def remaining(self) -> float:
        return max(0.0, self.end - self.clock())


def start(
    begin: Callable[[], Any],
    deadline: Deadline,
    description: str,
    sleep: Callable[[float], Any] = time.sleep,
    first_delay: float = 2.0,
    max_delay: float = 20.0,
) -> Any:
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
                    "raise wait_timeout.".format(description, deadline.seconds),
                    error_code="AnotherOperationInProgress",
                ) from exc
            sleep(delay)
            delay = min(delay * 2, max_delay)


def finish(poller: Any, deadline: Deadline, description: str) -> Any:
    """Wait for ``poller``; return its result or raise OperationTimeout."""
    poller.wait(timeout=deadline.remaining)
    if not poller.done():
        raise OperationTimeout(
            "Timed out after {0:.0f} s waiting to {1}; Azure is still working on it (status: {2}). The operation "
            "continues in Azure: re-run the task to resume waiting, or raise wait_timeout.".format(
                deadline.seconds, description, poller.status()
            ),
            still_running=True,
        )
    return poller.result()


def wait_until(
    read: Callable[[], Any],
    done: Callable[[Any], bool],
    deadline: Deadline,
    describe: Callable[[Any, int], str],
    interval: float,
    sleep: Callable[[float], Any] = time.sleep,
    on_attempt: Callable[[int, Any], Any] | None = None,
    first: list[Any] | None = None,
) -> tuple[Any, int]:
    """Call ``read()`` until ``done(value)``; ``describe(value, attempts)``
    says where things stand when the deadline passes.  ``first``: a value
    already read (a list of one), which counts as the first attempt.
    Returns (value, attempts)."""
    pending = list(first or [])
    attempt = 0
    while True:
        attempt += 1
        value = pending.pop() if pending else read()
        if on_attempt is not None:
            on_attempt(attempt, value)
        if done(value):
            return value, attempt
        if deadline.remaining <= 0:
            raise OperationTimeout(describe(value, attempt), attempts=attempt)
        sleep(min(interval, max(deadline.remaining, 0.0)))
