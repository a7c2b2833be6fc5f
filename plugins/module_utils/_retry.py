# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: azure-core's retries, held to the task's deadline.

azure-core's RetryPolicy retries throttling (429), 408 and 5xx answers and
dropped connections inside the SDK call, sleeping for Retry-After (ARM sends
up to minutes) or an exponential backoff first.  Those sleeps happen inside
one request, out of the module's sight: a task with ``wait_timeout: 10`` met
two 429s with ``Retry-After: 60`` and took 122 s.  This policy asks the
module for the deadline in force before each sleep; when the sleep would end
past it, it does not sleep and raises RetryPastDeadline, which says so.

Used only once the SDK is known to be there (the client factory); the
import is guarded so that importing this file without the SDK still works.
"""

from __future__ import annotations

from typing import Any, Callable

try:
    from azure.core.pipeline.policies import RetryPolicy
except ImportError:  # never used then: the module reports the missing SDK first (_module._check_sdk)
    RetryPolicy = object

from ._errors import RetryPastDeadline


class DeadlineRetryPolicy(RetryPolicy):
    """RetryPolicy whose sleeps end before ``deadline_of()`` (a
    _waiter.Deadline, or None for no bound) runs out."""

    def __init__(self, deadline_of: Callable[[], Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._deadline_of = deadline_of or (lambda: None)

    def planned_delay(self, settings: dict[str, Any], response: Any = None) -> tuple[float, str]:
        """(seconds, reason) azure-core would sleep before the next try:
        Retry-After when the answer carries it, else its backoff."""
        if response is not None:
            retry_after = self.get_retry_after(response)
            if retry_after:
                return float(retry_after), "asked to retry after {0:g} s (Retry-After)".format(retry_after)
        return float(self.get_backoff_time(settings)), "would retry after {0:.1f} s (backoff)".format(
            self.get_backoff_time(settings)
        )

    def sleep(self, settings: dict[str, Any], transport: Any, response: Any = None) -> None:
        deadline = self._deadline_of()
        if deadline is not None:
            delay, reason = self.planned_delay(settings, response)
            if delay > deadline.remaining:
                raise RetryPastDeadline(_message(deadline, delay, reason, response), **_details(delay, response))
        super().sleep(settings, transport, response=response)


def _request_line(response: Any) -> str:
    request = getattr(response, "http_request", None)
    if request is None:
        return "a request to Azure"
    url = str(getattr(request, "url", "")).split("?", 1)[0]
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else path
    return "{0} {1}".format(request.method, path)


def _answer(response: Any) -> str:
    http = getattr(response, "http_response", None)
    return "answered {0}".format(http.status_code) if http is not None else "did not answer (connection error)"


def _message(deadline: Any, delay: float, reason: str, response: Any) -> str:
    return (
        "Stopped waiting: Azure {0} to {1} and {2}, but {3} ({4:g} s) leaves {5:.0f} s, so the task ends here "
        "instead of running past {3}. Nothing more was sent; whatever Azure had already accepted carries on. "
        "Re-run the task later (it resumes), or raise {3}.".format(
            _answer(response), _request_line(response), reason, deadline.option, deadline.seconds, deadline.remaining
        )
    )


def _details(delay: float, response: Any) -> dict[str, Any]:
    http = getattr(response, "http_response", None)
    return {
        "retry_delay": delay,
        "status_code": http.status_code if http is not None else None,
        "stopped_by_deadline": True,
    }
