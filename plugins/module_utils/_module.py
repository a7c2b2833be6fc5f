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

import contextlib
import json
import shutil
import time
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.errors import NoLogError

from . import _auth, _cache, _client, _cloud, _diff, _errors, _lifecycle, _server, _validate, _waiter

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
    # How the module pauses between reads (a test replaces it).
    sleep = staticmethod(time.sleep)

    def __init__(self, argument_spec, wait=True, auth=True, intervals=(), timeouts=(), **kwargs):
        """``intervals`` / ``timeouts``: the module's own options that are a
        pause between reads (at least 1 s) or a time to wait at most (0 or
        more), checked before anything is sent (wait_timeout always is)."""
        # Every module offers its task to the module server at its top; a
        # module that did not is offered here (once: see _server.delegate).
        _server.delegate()
        spec = {}
        if auth:
            spec.update(_auth.AUTH_ARGUMENT_SPEC)
        if wait:
            spec.update(WAIT_ARGUMENT_SPEC)
        spec.update(argument_spec)
        self.ansible = _NamingAnsibleModule(argument_spec=spec, **kwargs)
        self.ansible._arguments_checked = True
        if _server.fallback_reason and self.ansible._verbosity >= 1:
            self.warn(
                "hybridnet.expressroute module server not used ({0}); the task ran the classic way.".format(
                    _server.fallback_reason
                )
            )
        self.params = self.ansible.params
        self._wait_options = wait
        self._intervals = tuple(intervals)
        self._timeouts = (("wait_timeout",) if wait else ()) + tuple(timeouts)
        self._auth = None
        self._verify = None
        self._trust = None
        self._cloud = None
        self._credential = None
        self._clients = {}
        # The task's deadline (wait_timeout, from the start of the task) and
        # the deadlines in force now: azure-core's retries end before the
        # innermost one (_retry.DeadlineRetryPolicy).
        self._task_deadline = None
        self._bounds = []
        self.notes = _lifecycle.Notes()

    # -- conveniences ---------------------------------------------------------
    @property
    def check_mode(self):
        return self.ansible.check_mode

    @property
    def diff_mode(self):
        return self.ansible._diff

    def warn(self, message):
        self.ansible.warn(message)

    def deadline(self, option="wait_timeout"):
        """The deadline an option sets.  wait_timeout bounds the whole task:
        every wait, operation and retry of the task shares one deadline,
        started with the task; another option (a provider's wait) starts its
        own from now."""
        if option == "wait_timeout" and self._wait_options:
            if self._task_deadline is None:
                self._task_deadline = _waiter.Deadline(self.params["wait_timeout"], option=option)
            return self._task_deadline
        return _waiter.Deadline(self.params[option], option=option)

    def current_deadline(self):
        """The deadline azure-core's retries must end before now (None: no
        wait option, azure-core's own bounds)."""
        if self._bounds:
            return self._bounds[-1]
        return self.deadline() if self._wait_options else None

    @contextlib.contextmanager
    def bounded_by(self, deadline):
        """Within the block, retries end before ``deadline``."""
        self._bounds.append(deadline)
        try:
            yield deadline
        finally:
            self._bounds.pop()

    def check_wait_options(self):
        """Intervals of at least 1 s, timeouts of 0 or more: refused before
        anything is sent to Azure."""
        for option in self._intervals:
            _waiter.check_interval(self.params.get(option), option)
        for option in self._timeouts:
            _waiter.check_timeout(self.params.get(option), option)

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
            raise _errors.ValidationError(
                "auth_source is the Azure CLI but `az account show` failed ({0}); run "
                "`az login`, or set subscription_id.".format(err.strip())
            )
        try:
            return json.loads(out)["id"]
        except (ValueError, KeyError, TypeError):
            raise _errors.ValidationError(
                "auth_source is the Azure CLI but `az account show` did not print an "
                "account with an id; run `az login`, or set subscription_id."
            ) from None

    @property
    def verify(self):
        if self._verify is None:
            self._verify = _auth.connection_verify(self.params, self.warn)
        return self._verify

    @property
    def trust(self):
        """The TLS trust the cloud and the token are kept under (the CA
        bundle read once per task)."""
        if self._trust is None:
            self._trust = _cache.trust(self.verify)
        return self._trust

    @property
    def cloud(self):
        if self._cloud is None:
            verify = self.verify
            name = self.params.get("cloud_environment") or self.auth.cloud_environment or "AzureCloud"
            # Discovered once per (cloud, TLS trust) while the process (or
            # the module server) lives.
            self._cloud = _cache.cloud(
                [name, self.trust],
                lambda: _cloud.resolve_cloud(
                    name,
                    lambda url: _cloud.fetch_metadata(
                        url, ca_bundle=verify if isinstance(verify, str) else None, validate_certs=verify is not False
                    ),
                ),
            )
        return self._cloud

    @property
    def subscription_id(self):
        return self.auth.subscription_id

    def network(self, subscription_id=None):
        """The Network management client for a subscription (default: the
        module's), built once per subscription."""
        ok, trace = _check_sdk()
        if not ok:
            self.ansible.fail_json(
                msg=missing_required_lib("azure-mgmt-network, azure-identity and azure-core"), exception=trace
            )
        subscription_id = subscription_id or self.subscription_id
        if subscription_id not in self._clients:
            if self._credential is None:
                self._credential = self._build_credential()
            self._clients[subscription_id] = _client.network_client(
                self._credential, subscription_id, self.cloud, self.verify, deadline_of=self.current_deadline
            )
        return self._clients[subscription_id]

    def _build_credential(self):
        """The credential, answering from the token cache (_cache) where its
        kind is cached: keyed by the whole identity, never shared."""
        settings, cloud, verify = self.auth, self.cloud, self.verify
        key = _cache.identity_key(settings, cloud, self.trust)
        if key is None:
            return _auth.build_credential(settings, cloud, verify)
        return _cache.CachedCredential(key, lambda: _auth.build_credential(settings, cloud, verify))

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
                "subscription_id).".format(resource_group, subscription_id)
            )
        response.raise_for_status()
        return response.json()["location"]

    def azure_location(self, location, option="location", subscription_id=None):
        """``location`` as ARM's canonical region name ("West Europe" ->
        westeurope) once checked against the regions the subscription may
        use (one GET of its locations, Microsoft.Resources): an unknown one
        is refused here rather than by Azure's PUT.  When the principal may
        not list them, a warning says Azure checks it instead."""
        from azure.core.rest import HttpRequest

        subscription_id = subscription_id or self.subscription_id
        url = "/subscriptions/{0}/locations?api-version=2022-12-01".format(subscription_id)
        response = self.network(subscription_id).send_request(HttpRequest("GET", url))
        if response.status_code in (401, 403, 404):
            self.warn(
                "Could not list the regions of subscription {0} (HTTP {1}); {2} '{3}' is not checked before "
                "the write, Azure checks it.".format(subscription_id, response.status_code, option, location)
            )
            return _validate.canonical_location(location)
        response.raise_for_status()
        return _validate.location(location, response.json().get("value") or [], option)

    # -- long-running operations ---------------------------------------------------
    def run_operation(self, begin, description, deadline=None):
        """Start a long-running operation (``begin(polling)`` calls the SDK's
        ``begin_*`` with ``polling=polling``) and, when ``wait`` is true, wait
        for it.  Returns the final resource (Azure's first answer without
        ``wait``; None for a delete)."""
        deadline = deadline or self.deadline()
        wait = self.params.get("wait", True)
        try:
            with self.bounded_by(deadline):
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
            raise _errors.ModuleError(message, **details) from exc

    def wait_until(self, read, done, describe, interval, deadline):
        """_waiter.wait_until with azure-core's retries bounded by the same
        ``deadline``; (value, reads)."""
        with self.bounded_by(deadline):
            return _waiter.wait_until(read, done, deadline, describe, interval, sleep=self.sleep)

    def update_tags(self, operations, resource_group, name, tags, what):
        """A change of tags alone, through Azure's tags operation (PATCH
        .../tags) rather than a PUT of the whole resource, which would run an
        update of it (a gateway's takes minutes).  ``operations``: the SDK's
        operations group (``client.virtual_network_gateways``, ...)."""
        from azure.mgmt.network.models import TagsObject

        return self.run_operation(
            lambda polling: operations.begin_update_tags(resource_group, name, TagsObject(tags=tags), polling=polling),
            "update the tags of " + what,
        )

    def write(self, operations, path, model, create, update, what, before=None, after=None, fields=None, recover=False):
        """Create the resource at ``path`` (the SDK's arguments before the
        body: resource group, name, ...) with ``create()`` when ``model`` is
        None, else update it with ``update()`` (the model as fetched, the
        managed fields changed), through ``operations.begin_create_or_update``.
        A resource with tags (``fields``: its managed fields, ``before`` and
        ``after`` over them) whose tags alone change goes through
        update_tags instead, unless it is being recovered (a Failed resource
        is written whole).  Returns Azure's answer (run_operation)."""
        if model is not None and fields and not recover and _diff.only_tags_differ(before, after, fields):
            resource_group, name = path  # a resource with tags is a top-level one
            return self.update_tags(operations, resource_group, name, after["tags"], what)
        body, action = (create(), "create") if model is None else (update(), "update")
        return self.run_operation(
            lambda polling: operations.begin_create_or_update(*path, body, polling=polling),
            "{0} {1}".format(action, what),
        )

    def delete(self, key, operations, path, what, before, fields):
        """Delete the resource at ``path`` (``operations.begin_delete``; not
        in check mode).  The module's result: changed, nothing under ``key``,
        the diff from ``before`` (over ``fields``) to nothing."""
        if not self.check_mode:
            self.run_operation(lambda polling: operations.begin_delete(*path, polling=polling), "delete " + what)
        return {"changed": True, key: None, "diff": _diff.diff(before, None, fields)}

    # -- the state a resource is found in (_lifecycle) ------------------------------
    def settled(self, read, what, state_of=_lifecycle.provisioning_state, interval=None, hint=""):
        """``read()`` (a model, or None when absent) once no operation runs on
        the resource any more.  ``state_of(model)`` is the provisioningState
        that tells (a child's, when ``read`` returns its parent).  A resource
        still Updating or Deleting is read again every ``interval`` seconds
        until it settles, within wait_timeout, so that a re-run resumes the
        wait and plans against the outcome; a settled resource costs one
        read.  Without ``wait``, and in check mode, the resource is taken as
        it is.  Either is noted in the result (``recovery``, ``msg``)."""
        model = read()
        found = state_of(model)
        if not _lifecycle.is_running(found):
            return model
        if self.check_mode or not self.params.get("wait", True):
            self.notes.not_waited(what, found, "check mode does not wait" if self.check_mode else "wait is false")
            return model
        started = time.monotonic()

        def describe(latest, reads):
            return (
                "Timed out after {0} s ({1} reads) waiting for the operation still running on {2} to finish "
                "(provisioningState {3}).{4} Azure continues it: re-run the task to resume waiting, or raise "
                "wait_timeout.".format(
                    self.params["wait_timeout"], reads, what, state_of(latest), " " + hint if hint else ""
                )
            )

        deadline = self.deadline()
        with self.bounded_by(deadline):
            final, reads = _waiter.wait_until(
                read,
                lambda m: not _lifecycle.is_running(state_of(m)),
                deadline,
                describe,
                interval or _client.DEFAULT_POLL_INTERVAL,
                sleep=self.sleep,
                first=[model],
            )
        self.notes.waited(what, found, reads, time.monotonic() - started, state_of(final))
        return final

    def reapplies(self, state, what, diff=None, diff_key="provisioning_state"):
        """True when the resource's last operation failed (provisioningState
        Failed): the module then writes it again with its settings (a
        change, also when nothing else changes), the way Azure recovers a
        failed resource.  Warned, noted, and shown in ``diff`` under
        ``diff_key`` (before Failed, after Succeeded)."""
        if state != _lifecycle.FAILED:
            return False
        self.notes.reapply(what, self.check_mode)
        self.warn(_lifecycle.failed_warning(what, self.check_mode))
        if diff is not None and diff.get("before") is not None:
            diff["before"][diff_key] = _lifecycle.FAILED
            diff["after"][diff_key] = "Succeeded"
        return True

    def apply_plan(self, key, current, before, after, fields, what, predict, write, result_of, busy=None, result=None):
        """What a module does once it has planned a resource (``before``
        as found, None when absent; ``after`` as asked): the diff over
        ``fields``; a resource whose last operation failed is written again
        (reapplies); a change is predicted in check mode (``predict()``),
        else written (``write(recover)``, Azure's answer, through
        ``result_of``; the prediction when Azure gave none).  ``busy()``,
        when given, refuses a change while an operation still runs on the
        resource.  Returns the module's result, ``result`` with changed,
        diff and the resource under ``key``."""
        diff = _diff.diff(before, after, fields)
        recover = current is not None and self.reapplies(current["provisioning_state"], what, diff)
        changed = before != after or recover
        result = dict(result or {}, changed=changed, diff=diff)
        result[key] = current
        if not changed:
            return result
        if busy is not None and current is not None and _lifecycle.is_running(current["provisioning_state"]):
            busy()
        if self.check_mode:
            result[key] = predict()
            return result
        final = write(recover)
        result[key] = result_of(final) if final is not None else predict()
        return result

    # -- ending the task ---------------------------------------------------------
    def execute(self, run, action):
        """Run ``run(self)`` and exit with its result; every failure becomes
        one readable ``msg`` (never a traceback)."""
        try:
            self.check_wait_options()
            if self._wait_options:
                self.deadline()  # wait_timeout counts from here
            result = run(self)
        except Exception as exc:  # pylint: disable=broad-except
            if not isinstance(exc, _errors.ModuleError) and not _is_azure_error(exc):
                raise  # a bug of ours: let Ansible show it
            message, details = _errors.describe(exc, action)
            if self.notes:
                details["recovery"] = self.notes.items
            self.ansible.fail_json(msg=message, **details)
        if self.notes:
            result["recovery"] = self.notes.items
            said = self.notes.sentences(waited_for_write=self.params.get("wait", True))
            result["msg"] = " ".join(filter(None, [result.get("msg"), said]))
        if not self.diff_mode:
            result.pop("diff", None)
        self.ansible.exit_json(**result)


def _is_azure_error(exc):
    return any(cls.__module__.startswith(("azure.", "msal")) for cls in type(exc).__mro__)
