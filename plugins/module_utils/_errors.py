# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: turns what azure-core raises into one sentence a user can act on.

Nothing here imports the SDK: exceptions are recognised by class name and
attributes, so this module stays importable (and testable) without it.
"""

from __future__ import annotations

from typing import Any, Callable


class ModuleError(Exception):
    """A failure the module reports as is: bad input, a refused change, a
    timeout.  ``details`` end up in the task result next to ``msg``."""

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(ModuleError):
    """Bad input, found before anything was sent to Azure."""


class OperationTimeout(ModuleError):
    """Azure is still working; re-running the task resumes."""


class RetryPastDeadline(OperationTimeout):
    """azure-core would retry (a 429 with Retry-After, a 5xx, a dropped
    connection) only after the task's deadline: the task stops instead."""


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def error_code(exc: BaseException) -> str | None:
    """ARM's error code (``AnotherOperationInProgress``, ``ResourceNotFound``)
    of an HttpResponseError, or None."""
    error = getattr(exc, "error", None)
    code = getattr(error, "code", None)
    if code:
        return str(code)
    response = getattr(exc, "response", None)
    try:
        body = response.json() if response is not None else None
    except Exception:  # the body is not JSON: no code to report
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"].get("code")
    return None


def get_or_none(read: Callable[..., Any], *args: Any) -> Any:
    """``read(*args)`` (an SDK ``get``), or None when Azure answers 404: a
    resource that does not exist is a state, not an error."""
    try:
        return read(*args)
    except Exception as exc:
        if is_not_found(exc):
            return None
        raise


def status_code(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def is_not_found(exc: BaseException) -> bool:
    return "ResourceNotFoundError" in _class_names(exc) or status_code(exc) == 404


def _message(exc: BaseException) -> str:
    error = getattr(exc, "error", None)
    message = getattr(error, "message", None)
    if message:
        return str(message).strip()
    text = str(getattr(exc, "message", None) or exc)
    return text.splitlines()[0].strip() if text else type(exc).__name__


def describe(exc: BaseException, action: str) -> tuple[str, dict[str, Any]]:
    """``action`` says what was being done: "create ExpressRoute circuit
    er1".  Returns (message, details)."""
    names = _class_names(exc)
    if isinstance(exc, ModuleError):
        return exc.message, dict(exc.details)
    if "ClientAuthenticationError" in names or "CredentialUnavailableError" in names:
        text = str(getattr(exc, "message", None) or exc)
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        return (
            "Could not {0}: authentication to Azure failed: {1} Check the credentials (client_id, secret, "
            "tenant or ad_user/password, or the AZURE_* environment variables) and cloud_environment.".format(
                action, first
            ),
            {"error_type": "authentication"},
        )
    if "ServiceRequestError" in names or "ServiceResponseError" in names:
        text = str(exc)
        hint = (
            "If Azure Resource Manager is reached through a private certificate authority (an Azure Stack, a "
            "proxy, the emulator), set ca_bundle (or AZURE_CA_BUNDLE) to its CA file."
            if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text
            else "Check cloud_environment, the network path and any proxy settings."
        )
        return (
            "Could not {0}: Azure Resource Manager could not be reached: {1}. {2}".format(
                action, text.splitlines()[0] if text else type(exc).__name__, hint
            ),
            {"error_type": "connection"},
        )
    if "HttpResponseError" in names:
        code, status = error_code(exc), status_code(exc)
        details = {"status_code": status, "error_code": code}
        message = _message(exc)
        prefix = "({0}) ".format(code) if code else ""
        if message.startswith(prefix):
            message = message[len(prefix) :]
        if status == 403 or code == "AuthorizationFailed":
            hint = " The identity needs a role (e.g. Network Contributor) on that scope."
        elif code == "AnotherOperationInProgress":
            hint = " Another operation on this circuit is still running; re-run once it has finished."
        elif code == "SubscriptionNotFound":
            hint = " Check subscription_id (or AZURE_SUBSCRIPTION_ID)."
        else:
            hint = ""
        if status in (200, 201, 202):
            # A long-running operation that ended Failed: the status code is
            # the poll's, not the reason.
            return (
                "Could not {0}: the operation failed in Azure ({1}): {2}{3}".format(
                    action, code or "no error code", message, hint
                ),
                details,
            )
        return (
            "Could not {0}: Azure answered {1} {2}: {3}{4}".format(action, status, code or "error", message, hint),
            details,
        )
    return "Could not {0}: {1}: {2}".format(action, type(exc).__name__, exc), {"error_type": type(exc).__name__}
