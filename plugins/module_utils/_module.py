# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the wrapper every module of the collection runs in.

AzureModule holds an AnsibleModule (composition, as amazon.aws and
kubernetes.core do): it adds the shared auth and wait options, builds the
credential and the Network client lazily (a task that fails validation never
imports the SDK), and turns every exception into a clean ``fail_json``.

A module is::

    def run(module):
        ...                      # module.params, module.network(), module.check_mode
        return dict(changed=..., diff=..., circuit=...)

    def main():
        AzureModule(argument_spec=SPEC, supports_check_mode=True).execute(run, "manage ExpressRoute circuit")
"""

from __future__ import annotations

import json
import shutil
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.errors import NoLogError

from . import _auth, _client, _cloud, _errors, _shapes, _waiter

# provisioningState while an operation runs on a resource (Azure reports
# Updating for creates and updates alike).
TRANSITIONAL_STATES = frozenset(["Updating", "Deleting", "Creating", "Provisioning"])

WAIT_ARGUMENT_SPEC = dict(
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=1800),
)

_SDK_IMPORT_ERROR = None
_SDK_CHECKED = False


def _check_sdk():
    """(ok, traceback) for the three runtime dependencies."""
    global _SDK_IMPORT_ERROR, _SDK_CHECKED
    if not _SDK_CHECKED:
        _SDK_CHECKED = True
        try:
            import azure.core  # noqa: F401
            import azure.identity  # noqa: F401
            import azure.mgmt.network  # noqa: F401
        except ImportError:
            _SDK_IMPORT_ERROR = traceback.format_exc()
    return _SDK_IMPORT_ERROR is None, _SDK_IMPORT_ERROR


class _NamingAnsibleModule(AnsibleModule):
    """AnsibleModule whose argument errors name the option.

    ansible-core reports only the first validation error. For a string given
    to a dict option whose suboptions hold a secret (``ipv6``,
    ``microsoft_peering``) that is a NoLogError, "dictionary requested, could
    not parse JSON or key=value", which names no option; the type error that
    follows it does. Report the first error that is not a NoLogError.
    """

    _arguments_checked = False

    def fail_json(self, msg, **kwargs):
        result = getattr(self, "validation_result", None)
        if not self._arguments_checked and result is not None:
            named = [error for error in result.errors.errors if not isinstance(error, NoLogError)]
            if named and all(isinstance(error, NoLogError) for error in result.errors.errors[:1]):
                msg = named[0].args[0] if named[0].args else str(named[0])
        super().fail_json(msg=msg, **kwargs)


class AzureModule:
    def __init__(self, argument_spec, wait=True, auth=True, **kwargs):
        spec = {}
        if auth:
            spec.update(_auth.AUTH_ARGUMENT_SPEC)
        if wait:
            spec.update(WAIT_ARGUMENT_SPEC)
        spec.update(argument_spec)
        self.ansible = _NamingAnsibleModule(argument_spec=spec, **kwargs)
        self.ansible._arguments_checked = True
        self.params = self.ansible.params
        self._auth = None
        self._verify = None
        self._cloud = None
        self._credential = None
        self._clients = {}

    # -- conveniences ---------------------------------------------------------
    @property
    def check_mode(self):
        return self.ansible.check_mode

    @property
    def diff_mode(self):
        return self.ansible._diff

    def warn(self, message):
        self.ansible.warn(message)

    def deadline(self, seconds=None):
        return _waiter.Deadline(self.params["wait_timeout"] if seconds is None else seconds)

    # -- Azure session ----------------------------------------------------------
    @property
    def auth(self):
        if self._auth is None:
            self._auth = _auth.resolve(self.params, which=shutil.which, warn=self.warn)
            if self._auth.kind == "cli" and not self._auth.subscription_id:
                self._auth.subscription_id = self._cli_subscription()
        return self._auth

    def _cli_subscription(self):
        rc, out, err = self.ansible.run_command(["az", "account", "show", "--output", "json"])
        if rc != 0:
            raise _errors.ValidationError("auth_source is the Azure CLI but `az account show` failed ({0}); run "
                                          "`az login`, or set subscription_id.".format(err.strip()))
        try:
            return json.loads(out)["id"]
        except (ValueError, KeyError, TypeError):
            raise _errors.ValidationError("auth_source is the Azure CLI but `az account show` did not print an "
                                          "account with an id; run `az login`, or set subscription_id.")

    @property
    def verify(self):
        if self._verify is None:
            self._verify = _auth.connection_verify(self.params, self.warn)
        return self._verify

    @property
    def cloud(self):
        if self._cloud is None:
            verify = self.verify
            name = self.params.get("cloud_environment") or self.auth.cloud_environment or "AzureCloud"
            self._cloud = _cloud.resolve_cloud(
                name,
                lambda url: _cloud.fetch_metadata(url, ca_bundle=verify if isinstance(verify, str) else None,
                                                  validate_certs=verify is not False))
        return self._cloud

    @property
    def subscription_id(self):
        return self.auth.subscription_id

    def network(self, subscription_id=None):
        """The Network management client for a subscription (default: the
        module's), built once per subscription."""
        ok, trace = _check_sdk()
        if not ok:
            self.ansible.fail_json(msg=missing_required_lib("azure-mgmt-network, azure-identity and azure-core"),
                                   exception=trace)
        subscription_id = subscription_id or self.subscription_id
        if subscription_id not in self._clients:
            if self._credential is None:
                self._credential = _auth.build_credential(self.auth, self.cloud, self.verify)
            self._clients[subscription_id] = _client.network_client(self._credential, subscription_id, self.cloud,
                                                                    self.verify)
        return self._clients[subscription_id]

    def resource_group_location(self, resource_group, subscription_id=None):
        """Where a new resource goes when no location is given: its resource
        group's.  One GET of the group (Microsoft.Resources, through the
        Network client's pipeline: same credential, retries and CA)."""
        from azure.core.rest import HttpRequest

        subscription_id = subscription_id or self.subscription_id
        url = "/subscriptions/{0}/resourcegroups/{1}?api-version=2021-04-01".format(subscription_id, resource_group)
        response = self.network(subscription_id).send_request(HttpRequest("GET", url))
        if response.status_code == 404:
            raise _errors.ValidationError(
                "resource_group '{0}' does not exist in subscription {1}; create it first (or check "
                "subscription_id).".format(resource_group, subscription_id))
        response.raise_for_status()
        return response.json()["location"]

    # -- long-running operations ---------------------------------------------------
    def run_operation(self, begin, description, deadline=None):
        """Start a long-running operation (``begin(polling)`` calls the SDK's
        ``begin_*`` with ``polling=polling``) and, when ``wait`` is true, wait
        for it.  Returns the final resource (Azure's first answer without
        ``wait``; None for a delete)."""
        deadline = deadline or self.deadline()
        wait = self.params.get("wait", True)
        try:
            poller = _waiter.start(lambda: begin(wait), deadline, description)
            if not wait:
                # polling=False: the SDK returns Azure's first answer (the
                # resource in provisioningState Updating) without polling.
                return poller.result()
            return _waiter.finish(poller, deadline, description)
        except Exception as exc:  # pylint: disable=broad-except
            if isinstance(exc, _errors.ModuleError) or not _is_azure_error(exc):
                raise
            # Name the operation that failed, not just the task.
            message, details = _errors.describe(exc, description)
            raise _errors.ModuleError(message, **details)

    def settled(self, read, what):
        """``read()`` (the model, or None when absent) once no operation runs
        on the resource any more.  A resource still Updating or Deleting (an
        earlier run timed out, or another tool is at work) is read again every
        few seconds until it settles, within wait_timeout, so that a re-run
        resumes the wait and plans against the outcome; a settled resource
        costs one read.  Without ``wait``, and in check mode, the resource is
        taken as it is."""
        model = read()
        if (model is None or _shapes.value(model.provisioning_state) not in TRANSITIONAL_STATES
                or not self.params.get("wait", True) or self.check_mode):
            return model

        def describe(latest, attempts):
            return ("Timed out after {0} s ({1} reads) waiting for the operation still running on {2} to finish "
                    "(provisioningState {3}). Azure continues it: re-run the task to resume waiting, or raise "
                    "wait_timeout.".format(self.params["wait_timeout"], attempts, what,
                                           _shapes.value(latest.provisioning_state)))

        return _waiter.wait_until(
            read, lambda m: m is None or _shapes.value(m.provisioning_state) not in TRANSITIONAL_STATES,
            self.deadline(), describe, _client.DEFAULT_POLL_INTERVAL)[0]

    # -- ending the task ---------------------------------------------------------
    def execute(self, run, action):
        """Run ``run(self)`` and exit with its result; every failure becomes
        one readable ``msg`` (never a traceback)."""
        try:
            result = run(self)
        except Exception as exc:  # pylint: disable=broad-except
            if not isinstance(exc, _errors.ModuleError) and not _is_azure_error(exc):
                raise  # a bug of ours: let Ansible show it
            message, details = _errors.describe(exc, action)
            self.ansible.fail_json(msg=message, **details)
        if not self.diff_mode:
            result.pop("diff", None)
        self.ansible.exit_json(**result)


def _is_azure_error(exc):
    return any(cls.__module__.startswith(("azure.", "msal")) for cls in type(exc).__mro__)
