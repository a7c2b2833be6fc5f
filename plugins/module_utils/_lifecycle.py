# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: what every module does about the state it finds a resource in.

- An operation still running on it (provisioningState Updating, Deleting, …:
  an earlier task timed out, ran with ``wait: false``, or another tool is at
  work): with ``wait`` the task waits for it to finish, within
  ``wait_timeout`` — so a re-run resumes the wait — and plans against the
  outcome; without ``wait``, and in check mode, it plans against the resource
  as it is.
- Its last operation failed (provisioningState Failed): the task writes it
  again, as fetched, with its settings applied, even when none of them
  changes. That is how Azure recovers a failed Microsoft.Network resource
  ("To restore succeeded state, run another write (PUT) operation on the
  resource", networking/troubleshoot-failed-state, after a GET of its whole
  configuration); check mode reports that it would, diff included.

Each case is noted; the task's result carries the notes as ``recovery`` and
says each in ``msg`` (AzureModule does that), a warning says the re-apply.
Pure: unit-tested without Azure.
"""

from __future__ import annotations

from typing import Any

from ._shapes import value

# provisioningState while an operation runs on a resource (Azure reports
# Updating for creates and updates alike).
TRANSITIONAL_STATES = frozenset(["Updating", "Deleting", "Creating", "Provisioning"])
FAILED = "Failed"


def provisioning_state(model: Any) -> str | None:
    """provisioningState of an SDK model (or a result dict), None when absent."""
    if model is None:
        return None
    if isinstance(model, dict):
        return model.get("provisioning_state")
    return value(getattr(model, "provisioning_state", None))


def is_running(state: str | None) -> bool:
    return state in TRANSITIONAL_STATES


class Notes:
    """What a task found and did about it, in order."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def waited(self, what: str, found: str | None, reads: int, seconds: float, outcome: str) -> None:
        self.items.append(
            {
                "resource": what,
                "found": found,
                "action": "waited",
                "reads": reads,
                "seconds": round(seconds, 1),
                "outcome": outcome,
            }
        )

    def not_waited(self, what: str, found: str | None, reason: str) -> None:
        self.items.append({"resource": what, "found": found, "action": "not_waited", "reason": reason})

    def reapply(self, what: str, check_mode: bool) -> None:
        self.items.append({"resource": what, "found": FAILED, "action": "would_reapply" if check_mode else "reapplied"})

    def reads_waited(self) -> int | None:
        """Reads made while waiting (the first included), None when no wait."""
        reads = [n["reads"] for n in self.items if n["action"] == "waited"]
        return sum(reads) if reads else None

    def sentences(self, waited_for_write: bool = True) -> str:
        """One sentence per note for ``msg``; ``waited_for_write``: the task
        waited for its own write (``wait``), so a re-apply that returned has
        succeeded."""
        return " ".join(_sentence(n, waited_for_write) for n in self.items)


def failed_warning(what: str, check_mode: bool) -> str:
    return (
        "{0} is in provisioningState Failed (its last operation failed): {1} written again with its settings to "
        "recover it, as Azure recovers a failed resource.".format(
            _capital(what), "it would be" if check_mode else "it is"
        )
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(note: dict[str, Any], waited_for_write: bool) -> str:
    what = _capital(note["resource"])
    if note["action"] == "waited":
        return (
            "{0} was {1} (an operation already running on it): waited {2:g} s ({3} reads) for it to finish; it "
            "ended {4}.".format(what, note["found"], note["seconds"], note["reads"], note["outcome"] or "deleted")
        )
    if note["action"] == "not_waited":
        return "{0} is {1} (an operation is running on it); {2}, so the task planned against it as it is.".format(
            what, note["found"], note["reason"]
        )
    if note["action"] == "would_reapply":
        return (
            "{0} is in provisioningState Failed (its last operation failed): it would be written again with its "
            "settings to recover it.".format(what)
        )
    return (
        "{0} was in provisioningState Failed (its last operation failed): it was written again with its settings "
        "to recover it{1}.".format(
            what, ", and that operation succeeded" if waited_for_write else "; Azure is carrying that out (wait: false)"
        )
    )
