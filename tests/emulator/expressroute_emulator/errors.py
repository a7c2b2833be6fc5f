"""ARM error responses.

Every error the emulator returns goes through ArmError so that the body is
always the ARM envelope ``{"error": {"code", "message", ...}}`` that the SDK's
ARMErrorFormat parses.
"""


class ArmError(Exception):
    def __init__(self, status, code, message, target=None, details=None, headers=None):
        super().__init__("({0}) {1}".format(code, message))
        self.status = status
        self.code = code
        self.message = message
        self.target = target
        self.details = details or []
        self.headers = headers or {}

    def body(self):
        error = {"code": self.code, "message": self.message}
        if self.target:
            error["target"] = self.target
        if self.details:
            error["details"] = self.details
        return {"error": error}


def bad_request(code, message, target=None):
    return ArmError(400, code, message, target=target)


def conflict(code, message, target=None):
    return ArmError(409, code, message, target=target)


def not_found_resource(arm_type, name, resource_group):
    # The exact text ARM uses for a missing top-level resource.
    return ArmError(
        404,
        "ResourceNotFound",
        "The Resource '{0}/{1}' under resource group '{2}' was not found. "
        "For more details please go to https://aka.ms/ARMResourceNotFoundFix".format(arm_type, name, resource_group),
    )


def not_found_child(resource_id):
    # The Network RP answers for nested resources itself, with its own text.
    return ArmError(404, "NotFound", "Resource {0} not found.".format(resource_id))


def resource_group_not_found(name):
    return ArmError(404, "ResourceGroupNotFound", "Resource group '{0}' could not be found.".format(name))


def subscription_not_found(subscription_id):
    return ArmError(404, "SubscriptionNotFound", "The subscription '{0}' could not be found.".format(subscription_id))
