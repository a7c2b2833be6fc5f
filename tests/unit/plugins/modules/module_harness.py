"""A module's ``run()`` without a server (amazon.aws / hashi_vault style).

``run_module`` validates the task's arguments against the module's real
argument spec (the shared auth and wait options included, as AzureModule
adds them), then calls the module's ``run`` with an AzureModule whose Azure
session is a MagicMock Network client.  Its ``get`` answers are ARM JSON
deserialised by the SDK's own models, so the module reads what Azure sends.
A write is recorded (``module.operations``), never sent: what a test judges
is the module's decision (create, update, no-op, refusal), its check-mode
prediction and its diff.
"""

import copy
from unittest import mock

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.hybridnet.expressroute.plugins.module_utils import (
    _auth,
    _lifecycle,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils._module import (
    WAIT_ARGUMENT_SPEC,
    AzureModule,
)
from azure.core.exceptions import ResourceNotFoundError

SUB = "00000000-0000-0000-0000-0000000000aa"
RG = "rg1"


def arm_id(*path, group=RG, subscription=SUB):
    """/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Network/<path...>."""
    return "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/{2}".format(
        subscription, group, "/".join(path)
    )


def not_found(*_args, **_kwargs):
    raise ResourceNotFoundError("(ResourceNotFound) not found")


def answering(get, model):
    """``get`` (an SDK ``get`` of the MagicMock client) answers ``model``, or
    404 when it is None."""
    if model is None:
        get.side_effect = not_found
    else:
        get.return_value = model


class FakeModule(AzureModule):
    """AzureModule with validated params, a MagicMock client and recorded
    writes; the rest (settled, reapplies, deadlines, notes) is the real one."""

    sleep = staticmethod(lambda seconds: None)

    def __init__(self, argument_spec, params, check_mode=False, client=None, wait=True):
        spec = dict(_auth.AUTH_ARGUMENT_SPEC)
        if wait:
            spec.update(WAIT_ARGUMENT_SPEC)
        spec.update(argument_spec)
        # A task that leaves an option out: None is not a value the spec checks.
        given = {k: v for k, v in copy.deepcopy(params).items() if v is not None}
        result = ArgumentSpecValidator(spec).validate(given)
        if result.error_messages:
            raise AssertionError("bad test arguments: {0}".format(result.error_messages))
        self.ansible = mock.Mock(check_mode=check_mode, _diff=True)
        self.params = result.validated_parameters
        self._wait_options = wait
        self._intervals = ()
        self._timeouts = ("wait_timeout",) if wait else ()
        self._auth = mock.Mock(subscription_id=SUB, kind="service_principal")
        self._task_deadline = None
        self._bounds = []
        self.notes = _lifecycle.Notes()
        self.client = client or mock.MagicMock()
        self.operations = []
        self.warnings = []
        # What a write returns (None: as with wait=false and no body; the
        # modules then report their own prediction).
        self.final = None

    def warn(self, message):
        self.warnings.append(message)

    def network(self, subscription_id=None):
        return self.client

    def resource_group_location(self, resource_group, subscription_id=None):
        if resource_group != RG:
            raise ValidationError("resource_group '{0}' does not exist".format(resource_group))
        return "westeurope"

    def azure_location(self, location, option="location", subscription_id=None):
        return location.replace(" ", "").lower()

    def run_operation(self, begin, description, deadline=None):
        self.operations.append(description)
        begin(True)
        return self.final


def run_module(module_py, params, check_mode=False, client=None, wait=True, final=None):
    """(result, module): ``module_py.run`` on ``params``."""
    module = FakeModule(module_py.ARGUMENT_SPEC, params, check_mode=check_mode, client=client, wait=wait)
    module.final = final
    result = module_py.run(module)
    return result, module


def refusal(module_py, params, client, check_mode=False, wait=True):
    """The ValidationError text ``run`` refuses with, and the module (no write)."""
    module = FakeModule(module_py.ARGUMENT_SPEC, params, check_mode=check_mode, client=client, wait=wait)
    with pytest.raises(ValidationError) as info:
        module_py.run(module)
    assert module.operations == [], "a refusal must come before any write"
    return str(info.value), module


def only_write(client, operations_name, method="begin_create_or_update"):
    """The positional arguments of the one write sent to an operations group."""
    calls = getattr(getattr(client, operations_name), method).call_args_list
    assert len(calls) == 1, calls
    return calls[0].args
