"""Error translation: one readable sentence from whatever azure-core raises."""

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ServiceRequestError

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _errors


class FakeResponse:
    def __init__(self, status, body):
        self.status_code = status
        self.reason = "Bad"
        self._body = body
        self.headers = {"content-type": "application/json"}
        self.content_type = "application/json"
        self.request = None

    def json(self):
        return self._body

    def text(self, encoding=None):
        import json

        return json.dumps(self._body)


def arm_error(status, code, message):
    from azure.mgmt.core.exceptions import ARMErrorFormat

    return HttpResponseError(
        response=FakeResponse(status, {"error": {"code": code, "message": message}}), error_format=ARMErrorFormat
    )


def test_http_error_keeps_code_status_and_message():
    exc = arm_error(400, "PeeringLocationNotAvailable", "Peering location 'X' is not offered.")
    message, details = _errors.describe(exc, "create ExpressRoute circuit er1")
    assert message == (
        "Could not create ExpressRoute circuit er1: Azure answered 400 PeeringLocationNotAvailable: "
        "Peering location 'X' is not offered."
    )
    assert details == {"status_code": 400, "error_code": "PeeringLocationNotAvailable"}
    assert _errors.error_code(exc) == "PeeringLocationNotAvailable"


@pytest.mark.parametrize(
    "status, code, hint",
    [
        (403, "AuthorizationFailed", "needs a role"),
        (409, "AnotherOperationInProgress", "re-run once it has finished"),
        (404, "SubscriptionNotFound", "subscription_id"),
    ],
)
def test_hints(status, code, hint):
    message = _errors.describe(arm_error(status, code, "x"), "do it")[0]
    assert hint in message


def test_not_found():
    assert _errors.is_not_found(arm_error(404, "ResourceNotFound", "gone"))
    assert not _errors.is_not_found(arm_error(400, "Bad", "bad"))


def test_authentication_error():
    message, details = _errors.describe(
        ClientAuthenticationError("AADSTS7000215: Invalid client secret provided."), "read circuits"
    )
    assert "authentication to Azure failed: AADSTS7000215" in message
    assert details["error_type"] == "authentication"


def test_certificate_errors_point_at_ca_bundle():
    message = _errors.describe(
        ServiceRequestError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), "read circuits"
    )[0]
    assert "ca_bundle" in message


def test_module_errors_pass_through():
    message, details = _errors.describe(_errors.ValidationError("bad input", field="x"), "anything")
    assert (message, details) == ("bad input", {"field": "x"})


def test_failed_operation_is_not_reported_as_a_status_code():
    message = _errors.describe(arm_error(200, "InternalServerError", "the RP gave up"), "create circuit er1")[0]
    assert (
        message == "Could not create circuit er1: the operation failed in Azure (InternalServerError): the RP gave up"
    )
