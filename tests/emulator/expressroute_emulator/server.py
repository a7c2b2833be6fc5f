"""The HTTPS server: TLS, routing between Entra ID, ARM and the test
controls, token checks, fault injection and the request log."""

import json
import math
import os
import re
import shlex
import socket
import ssl
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import resources
from .arm import Arm, Context, Response
from .config import LRO_PRESETS, load_config, lro_table
from .errors import ArmError, bad_request
from .identity import Identity, IdentityError
from .resources import catalog, circuits
from .store import Store
from .tls import ensure_certificates

LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
MAX_BODY = 4 * 1024 * 1024
_TENANT_PATH = re.compile(
    r"^/([^/]+)/(v2\.0/\.well-known/openid-configuration|oauth2/v2\.0/token|"
    r"discovery/v2\.0/keys)$",
    re.I,
)
_USERREALM = re.compile(r"^/common/userrealm/([^/]+)$", re.I)


class BodyError(Exception):
    pass


class Emulator:
    """Everything the server knows; one per state dir."""

    def __init__(self, state_dir, config_path=None, config_overrides=None, host="127.0.0.1", port=0):
        os.makedirs(state_dir, exist_ok=True)
        os.chmod(state_dir, 0o700)
        self.state_dir = os.path.abspath(state_dir)
        self.host = host
        self.port = port
        self.base_url = None
        fresh = not os.path.exists(os.path.join(state_dir, "state.json"))
        self.store = Store(self.state_dir, load_config(config_path, config_overrides))
        self.identity = Identity(self.store, lambda: self.base_url)
        self.arm = Arm(self)
        self.resource_groups = None
        # Hooks resource types add to each other: {lower ARM type: [fn(ctx,
        # record)]} run before a DELETE of that type (see
        # ResourceType.validate_delete), and fn(circuit_record) run before a
        # provider deprovisions a circuit.
        self.delete_checks = {}
        self.deprovision_checks = []
        # {("put" | "delete", lower ARM type): [fn(ctx, record)]} run when an
        # operation on that type completes (see Arm.run_completion_hooks).
        self.completion_hooks = {}
        # fn(circuit_record, peering_record) -> [route dicts] adding what the
        # MSEE routes on a peering to its route tables (diagnostics.py).
        self.route_sources = []
        # Test controls resource modules add: {"route/under/_emulator":
        # fn(method, query, body) -> Response}; loopback only, like the rest.
        self.controls = {}
        resources.register_all(self)
        self.request_log = []
        self.log_lock = threading.Lock()
        self.faults = []
        self.fault_lock = threading.Lock()
        if fresh:
            with self.store.lock:
                resources.seed_all(self)
                self.store.save()
        self.ca_path, self.cert_path, self.key_path = ensure_certificates(self.state_dir)
        self.httpd = None
        self.thread = None

    # -- lifecycle ------------------------------------------------------------
    def start(self, background=True):
        self.httpd = _Server((self.host, self.port), _Handler, self)
        self.port = self.httpd.server_address[1]
        host = "[{0}]".format(self.host) if ":" in self.host else self.host
        self.base_url = "https://{0}:{1}".format(host, self.port)
        self.write_endpoint_files()
        if background:
            self.thread = threading.Thread(target=self.httpd.serve_forever, name="er-emulator", daemon=True)
            self.thread.start()
        else:
            self.httpd.serve_forever()
        return self

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def endpoint(self):
        config = self.store.config
        sp = next(p for p in config["principals"] if p["kind"] == "service_principal")
        user = next((p for p in config["principals"] if p["kind"] == "user"), None)
        subs = config["subscriptions"]
        customer = [s for s in subs if s.get("role") == "customer"]
        provider = next((s for s in subs if s.get("role") == "provider"), None)
        return {
            "base_url": self.base_url,
            "ca_bundle": self.ca_path,
            "metadata_url": self.base_url + "/metadata/endpoints?api-version=2015-01-01",
            "authority_host": self.base_url,
            "tenant_id": config["tenant_id"],
            "client_id": sp["client_id"],
            "client_secret": sp["client_secret"],
            "subscription_id": customer[0]["subscription_id"],
            "second_subscription_id": customer[1]["subscription_id"] if len(customer) > 1 else None,
            "provider_subscription_id": provider["subscription_id"] if provider else None,
            "ad_user": user["username"] if user else None,
            "ad_password": user["password"] if user else None,
            "state_dir": self.state_dir,
            "pid": os.getpid(),
        }

    def write_endpoint_files(self):
        endpoint = self.endpoint()
        exports = [
            ("AZURE_SUBSCRIPTION_ID", endpoint["subscription_id"]),
            ("AZURE_CLIENT_ID", endpoint["client_id"]),
            ("AZURE_SECRET", endpoint["client_secret"]),
            ("AZURE_TENANT", endpoint["tenant_id"]),
            ("AZURE_CLOUD_ENVIRONMENT", endpoint["metadata_url"]),
            ("AZURE_CA_BUNDLE", endpoint["ca_bundle"]),
            ("HYBRIDNET_EMULATOR_URL", endpoint["base_url"]),
            # The other subscriptions of the seed: the connectivity provider's
            # (cross-connections) and a second customer one (demo, tests).
            ("HYBRIDNET_PROVIDER_SUBSCRIPTION_ID", endpoint["provider_subscription_id"]),
            ("HYBRIDNET_SECOND_SUBSCRIPTION_ID", endpoint["second_subscription_id"]),
            ("HYBRIDNET_EMULATOR_STATE", self.state_dir),
        ]
        lines = ["# Points a shell at the ExpressRoute emulator: . {0}/env.sh".format(self.state_dir)]
        lines += ["export {0}={1}".format(k, shlex.quote(str(v))) for k, v in exports]
        _write_private(os.path.join(self.state_dir, "env.sh"), "\n".join(lines) + "\n")
        # endpoint.json last: a launcher waits for it (with this process's pid)
        # and then reads env.sh, which must already point at this port.
        _write_private(os.path.join(self.state_dir, "endpoint.json"), json.dumps(endpoint, indent=2) + "\n")

    # -- request helpers --------------------------------------------------------
    def json_body(self, ctx, allow_empty=False):
        raw = ctx.raw_body or b""
        if not raw.strip():
            if allow_empty:
                return {}
            raise bad_request(
                "InvalidRequestContent",
                "The request content was invalid and could not be deserialized: 'The request body is empty.'",
            )
        body = parse_json(
            raw, "InvalidRequestContent", "The request content was invalid and could not be deserialized: '{0}'."
        )
        if body is None and allow_empty:
            return {}
        if not isinstance(body, dict):
            raise bad_request(
                "InvalidRequestContent",
                "The request content was invalid and could not be deserialized: a JSON object was expected.",
            )
        return body

    def log_request(self, method, path, status, query, applied_status=None, caller=None):
        entry = {
            "method": method,
            "path": path,
            "status": status,
            "time": time.time(),
            "api_version": query.get("api-version"),
        }
        if caller is not None:
            # Whose bearer token an ARM request carried (client id or user):
            # tests prove cached tokens never cross identities.
            entry["caller"] = caller
        if applied_status is not None:
            # A drop_after fault: the emulator answered this, the client never saw it.
            entry["applied_status"] = applied_status
        with self.log_lock:
            self.request_log.append(entry)

    # -- faults -------------------------------------------------------------------
    def add_fault(self, spec):
        fault = dict(_check_fault(spec), id=str(uuid.uuid4()))
        with self.fault_lock:
            self.faults.append(fault)
        return fault

    def _match_fault(self, method, path, want_operation_fault):
        with self.fault_lock:
            for fault in self.faults:
                is_operation_fault = fault["operation_error"] is not None or fault["hold_seconds"] is not None
                if fault["count"] <= 0 or is_operation_fault != want_operation_fault:
                    continue
                if fault["method"] not in ("*", method) or not re.search(fault["path"], path, re.I):
                    continue
                fault["count"] -= 1
                return fault
        return None

    def take_request_fault(self, method, path):
        return self._match_fault(method, path, False)

    def take_operation_fault(self, method, path):
        """The next operation fault matching the request that starts a
        long-running operation: {"error": {code, message} or None,
        "hold_seconds": seconds or None}, or None."""
        fault = self._match_fault(method, path, True)
        if fault is None:
            return None
        return {
            "error": dict(fault["operation_error"]) if fault["operation_error"] else None,
            "hold_seconds": fault["hold_seconds"],
        }

    # -- control API ----------------------------------------------------------------
    def control(self, method, path, query, raw_body):
        parts = path.strip("/").split("/")[1:]
        route = "/".join(parts).lower()
        body = {}
        if raw_body and raw_body.strip():
            body = parse_json(raw_body, "InvalidRequestContent", "Invalid JSON: {0}")
        if body is None:
            body = {}
        if not isinstance(body, dict):
            raise bad_request(
                "InvalidRequestContent",
                "Invalid request body: a JSON object was expected; got {0}.".format(type(body).__name__),
            )
        if route == "health" and method == "GET":
            return Response(200, {"status": "ok", "base_url": self.base_url})
        if route == "endpoint" and method == "GET":
            return Response(200, self.endpoint())
        if route == "requests":
            if method == "GET":
                since = query.get("since") or "0"
                if not re.fullmatch(r"[0-9]+", since):
                    raise bad_request(
                        "InvalidQueryParameterValue",
                        "'since' must be a non-negative integer (a position in the log); got '{0}'.".format(since),
                    )
                since = int(since)
                with self.log_lock:
                    return Response(200, {"requests": self.request_log[since:], "count": len(self.request_log)})
            if method == "DELETE":
                with self.log_lock:
                    self.request_log.clear()
                return Response(204)
        if route == "faults":
            if method == "POST":
                return Response(201, self.add_fault(body))
            if method == "GET":
                with self.fault_lock:
                    return Response(200, {"faults": list(self.faults)})
            if method == "DELETE":
                with self.fault_lock:
                    self.faults.clear()
                return Response(204)
        if route == "reset" and method == "POST":
            with self.store.lock:
                self.store.reset()
                resources.seed_all(self)
                self.store.save()
            with self.log_lock:
                self.request_log.clear()
            with self.fault_lock:
                self.faults.clear()
            return Response(200, {"status": "reset"})
        if route == "config":
            tunable = (
                "lro_seconds",
                "retry_after",
                "page_size",
                "require_provisioned_circuit_for_peering",
                "allow_private_asn_on_microsoft_peering",
                "microsoft_peering_prefix_validation",
                "token_lifetime_seconds",
            )
            with self.store.lock:
                if method == "POST":
                    unknown = set(body) - set(tunable)
                    if unknown:
                        raise bad_request(
                            "InvalidConfig",
                            "Unknown settings {0}; tunable: {1}.".format(sorted(unknown), ", ".join(tunable)),
                        )
                    # All checked before any is applied: a refused POST changes nothing.
                    lro_keys = {"default"} | {t.lro_key for t in self.arm.types.values()}
                    for k, v in body.items():
                        _check_setting(k, v, lro_keys)
                    for k, v in body.items():
                        if k == "lro_seconds" and isinstance(v, str):
                            self.store.config[k] = lro_table(v)  # a preset replaces the table
                        elif isinstance(v, dict) and isinstance(self.store.config.get(k), dict):
                            self.store.config[k].update(v)
                        else:
                            self.store.config[k] = v
                    self.store.save()
                return Response(200, {k: self.store.config.get(k) for k in tunable})
        if route == "catalog" and method == "GET":
            return Response(
                200,
                {
                    "providers": [
                        {
                            "name": p["name"],
                            "connectivity_models": p["models"],
                            "peering_locations": p["peeringLocations"],
                            "bandwidths_mbps": p["bandwidths"],
                        }
                        for p in catalog.PROVIDERS
                    ]
                },
            )
        if route == "provider/provision" and method == "POST":
            for field in ("service_key", "state", "notes"):
                if body.get(field) is not None and not isinstance(body[field], str):
                    raise bad_request(
                        "InvalidRequestFormat", "'{0}' must be a string; got {1!r}.".format(field, body[field])
                    )
            with self.store.lock:
                self.arm.tick()
                record = circuits.find_by_service_key(self.store, body.get("service_key", ""))
                if record is None:
                    raise ArmError(404, "NotFound", "No circuit has service key '{0}'.".format(body.get("service_key")))
                circuits.move_provider_state(self, record, body.get("state", "Provisioned"), body.get("notes"))
                props = record["properties"]
                return Response(
                    200,
                    {
                        "id": record["id"],
                        "serviceKey": props["serviceKey"],
                        "serviceProviderProvisioningState": props["serviceProviderProvisioningState"],
                        "serviceProviderNotes": props.get("serviceProviderNotes", ""),
                    },
                )
        handler = self.controls.get(route)
        if handler is not None:
            with self.store.lock:
                self.arm.tick()
                return handler(method, query, body)
        raise ArmError(404, "NotFound", "No emulator control at {0} {1}.".format(method, path))


# Json.NET, which ARM and the Network RP parse bodies with, stops at a depth
# of 64 ("The reader's MaxDepth of 64 has been exceeded.", its default since
# 11.0.1); deeper input is a 400, never a recursion in the emulator.
MAX_JSON_DEPTH = 64


def parse_json(raw, code, message):
    """A request body as JSON, or 400 ``code`` with ``message`` formatted
    with the reason: bad UTF-8 or JSON, or nesting deeper than
    MAX_JSON_DEPTH (checked without recursion: 100,000 levels is input,
    not a crash)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad_request(code, message.format(exc)) from exc
    # Counting brackets is cheap; the scan only runs when they could nest too deep.
    depth = _json_depth(text) if text.count("[") + text.count("{") > MAX_JSON_DEPTH else 0
    if depth > MAX_JSON_DEPTH:
        raise bad_request(
            code,
            message.format("The reader's MaxDepth of {0} has been exceeded ({1} levels)".format(MAX_JSON_DEPTH, depth)),
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise bad_request(code, message.format(exc)) from exc


def _json_depth(text):
    """The deepest nesting of arrays and objects in ``text``, strings
    skipped (a scan, so malformed input still gets a number)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _write_private(path, text):
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(path + ".tmp", 0o600)
    os.replace(path + ".tmp", path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, emulator):
        self.emulator = emulator
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, handler)
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.minimum_version = ssl.TLSVersion.TLSv1_2
        self.tls.load_cert_chain(emulator.cert_path, emulator.key_path)

    def get_request(self):
        sock, address = self.socket.accept()
        # Headers and body go out in separate writes: without TCP_NODELAY,
        # Nagle and the client's delayed ACK add ~40 ms to every response.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # The handshake runs in the request thread (see _Handler.setup), so a
        # slow or broken client never stalls the accept loop.
        return self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def handle_error(self, request, client_address):
        # A client going away mid-request is normal for a test server.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, ssl.SSLError, socket.timeout, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-HTTPAPI/2.0"
    sys_version = ""
    timeout = 10

    def setup(self):
        self.request.settimeout(10)
        try:
            self.request.do_handshake()
        except (ssl.SSLError, OSError):
            self.close_connection = True
            raise ConnectionAbortedError("TLS handshake failed") from None
        super().setup()

    def log_message(self, fmt, *args):
        if os.environ.get("HYBRIDNET_EMULATOR_VERBOSE"):
            sys.stderr.write("emulator: " + (fmt % args) + "\n")

    def do_GET(self):
        self._dispatch()

    do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = do_GET

    @property
    def emulator(self):
        return self.server.emulator

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks, total = [], 0
            while True:
                line = self.rfile.readline(1024)
                if not line:
                    raise BodyError("truncated chunked body")
                try:
                    size = int(line.split(b";")[0].strip(), 16)
                except ValueError:
                    raise BodyError("malformed chunk size") from None
                if size == 0:
                    self.rfile.readline(1024)
                    break
                total += size
                if total > MAX_BODY:
                    raise BodyError("body too large")
                data = self.rfile.read(size + 2)
                if len(data) < size + 2:
                    raise BodyError("truncated chunked body")
                chunks.append(data[:size])
            return b"".join(chunks)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            length = int(length)
        except ValueError:
            raise BodyError("Content-Length is not a number") from None
        if length < 0 or length > MAX_BODY:
            raise BodyError("Content-Length out of range")
        try:
            data = self.rfile.read(length)
        except (socket.timeout, TimeoutError):
            raise BodyError("timed out reading the body ({0} bytes announced)".format(length)) from None
        if len(data) < length:
            raise BodyError("truncated body: {0} of {1} bytes".format(len(data), length))
        return data

    def _dispatch(self):
        method = self.command
        split = urlsplit(self.path)
        path = split.path or "/"
        query = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        emulator = self.emulator
        try:
            raw = self._read_body()
        except BodyError as exc:
            self.close_connection = True
            self._send_json(
                400,
                {
                    "error": {
                        "code": "InvalidRequestContent",
                        "message": "The request content was invalid: {0}.".format(exc),
                    }
                },
            )
            emulator.log_request(method, path, 400, query)
            return
        if path.lower().startswith("/_emulator/"):
            if self.client_address[0] not in LOOPBACK:
                self._send_json(403, {"error": {"code": "Forbidden", "message": "loopback only"}})
                return
            response = self._guard(lambda: emulator.control(method, path, query, raw))
            self._send(response)
            return
        fault = emulator.take_request_fault(method, path)
        if fault is not None:
            if fault["drop"]:
                emulator.log_request(method, path, 0, query)
                self._drop_connection()
                return
            if fault["drop_after"]:
                # Applied, then the answer lost: what leaves duplicates and
                # orphans behind in real life (a load balancer or the client's
                # network dropping the connection after ARM accepted the write).
                response = self._guard(lambda: self._route(method, path, query, raw))
                emulator.log_request(method, path, 0, query, applied_status=response.status)
                self._drop_connection()
                return
            response = self._guard(lambda: _fault_response(fault))
            self._send(response)
            emulator.log_request(method, path, response.status, query)
            return
        response = self._guard(lambda: self._route(method, path, query, raw))
        self._send(response)
        emulator.log_request(method, path, response.status, query, caller=self._caller(path))

    def _caller(self, path):
        """The principal an ARM request's token names (None elsewhere)."""
        if not path.lower().startswith("/subscriptions"):
            return None
        principal = self.emulator.identity.principal_for(self.headers.get("Authorization"))
        if principal is None:
            return None
        return principal.get("client_id") or principal.get("username")

    def _drop_connection(self):
        """Close the connection without an answer (the client sees a reset
        or an empty read)."""
        self.close_connection = True
        try:
            self.request.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _guard(self, fn):
        try:
            return fn()
        except ArmError as exc:
            return Response(exc.status, exc.body(), exc.headers)
        except IdentityError as exc:
            return Response(exc.status, exc.body())
        except Exception as exc:  # never crash the server: 500 in ARM's envelope
            traceback.print_exc()
            return Response(
                500,
                {
                    "error": {
                        "code": "InternalServerError",
                        "message": "The emulator failed on this request: {0}".format(exc),
                    }
                },
            )

    def _route(self, method, path, query, raw):
        emulator = self.emulator
        match = _TENANT_PATH.match(path)
        if match:
            tenant, what = match.group(1), match.group(2).lower()
            if what.startswith("v2.0") and method == "GET":
                return Response(200, emulator.identity.openid_configuration(tenant))
            if what.startswith("oauth2") and method == "POST":
                return Response(200, emulator.identity.token(tenant, raw))
            if what.startswith("discovery") and method == "GET":
                return Response(200, {"keys": []})
        match = _USERREALM.match(path)
        if match and method == "GET":
            return Response(200, emulator.identity.user_realm(match.group(1)))
        if path.lower().rstrip("/") == "/metadata/endpoints" and method == "GET":
            return Response(200, emulator.identity.cloud_metadata(query.get("api-version")))
        if not path.lower().startswith("/subscriptions"):
            raise ArmError(404, "NotFound", "No such endpoint: {0}".format(path))
        principal = emulator.identity.principal_for(self.headers.get("Authorization"))
        if principal is None:
            # ARM's three answers: no header; a header that is not
            # "Bearer <token>" (an empty token too: AuthenticationFailedInvalidHeader,
            # Azure/azure-sdk-for-python#4124); a token it does not accept.
            header = (self.headers.get("Authorization") or "").strip()
            scheme, _, token = header.partition(" ")
            if not header:
                code, message = "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."
            elif scheme.lower() != "bearer" or not token.strip():
                code, message = (
                    "AuthenticationFailedInvalidHeader",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.",
                )
            else:
                code, message = "InvalidAuthenticationToken", "The access token is invalid or has expired."
            raise ArmError(
                401,
                code,
                message,
                headers={
                    "WWW-Authenticate": 'Bearer authorization_uri="{0}/{1}", error="invalid_token", '
                    'error_description="{2}"'.format(
                        emulator.base_url, emulator.store.config["tenant_id"], "The authentication failed"
                    )
                },
            )
        headers = dict(self.headers.items())
        ctx = Context(emulator, method, path, query, headers, principal)
        ctx.raw_body = raw
        with emulator.store.lock:
            emulator.arm.tick()
            return emulator.arm.handle(ctx)

    def _send(self, response):
        headers = dict(response.headers)
        headers.setdefault("x-ms-request-id", str(uuid.uuid4()))
        headers.setdefault("x-ms-correlation-request-id", str(uuid.uuid4()))
        if self.command in ("PUT", "PATCH", "POST"):
            headers.setdefault("x-ms-ratelimit-remaining-subscription-writes", "1199")
        elif self.command == "DELETE":
            headers.setdefault("x-ms-ratelimit-remaining-subscription-deletes", "14999")
        else:
            headers.setdefault("x-ms-ratelimit-remaining-subscription-reads", "11999")
        self._send_json(response.status, response.body, headers)

    def _send_json(self, status, body, headers=None):
        payload = b"" if body is None or status == 204 else json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if payload or status not in (204, 304):
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if payload and self.command != "HEAD":
                self.wfile.write(payload)
        except (ConnectionError, ssl.SSLError, socket.timeout):
            self.close_connection = True


_FAULT_CODES = {
    429: (
        "SubscriptionRequestsThrottled",
        ("Number of requests for subscription exceeded the limit. Please try again after '{retry}' seconds."),
    ),
    500: ("InternalServerError", ("Encountered internal server error. Diagnostic information: timestamp '{now}'.")),
    502: ("BadGateway", "The gateway did not receive a response from the resource provider in time."),
    503: ("ServiceUnavailable", "The service is currently unavailable. Please try again later."),
    504: (
        "GatewayTimeout",
        ("The gateway did not receive a response from 'Microsoft.Network' within the specified time period."),
    ),
    409: ("AnotherOperationInProgress", "Another operation on this or dependent resource is in progress."),
}


def _fault_response(fault):
    status = fault["status"]
    code, message = _FAULT_CODES.get(status, ("InjectedFault", "Injected fault with status {0}."))
    message = message.format(status, retry=fault.get("retry_after") or 1, now=time.strftime("%Y-%m-%dT%H:%M:%SZ"))
    if fault.get("error"):
        # The test's own words, as given (no formatting: braces stay braces).
        code, message = fault["error"]["code"], fault["error"]["message"]
    headers = {}
    if fault.get("retry_after") is not None:
        headers["Retry-After"] = str(fault["retry_after"])
    return Response(status, {"error": {"code": code, "message": message}}, headers)


# -- checks of the control bodies ------------------------------------------------
_FAULT_FIELDS = (
    "method",
    "path",
    "count",
    "status",
    "retry_after",
    "drop",
    "drop_after",
    "error",
    "operation_error",
    "hold_seconds",
)
_FAULT_METHODS = ("*", "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD")


def _invalid_fault(message):
    return bad_request("InvalidFault", message)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _check_error_object(spec, field):
    error = spec[field]
    if (
        not isinstance(error, dict)
        or set(error) != {"code", "message"}
        or not all(isinstance(error[k], str) and error[k] for k in ("code", "message"))
    ):
        raise _invalid_fault(
            "'{0}' must be an object with a string 'code' and a string 'message' (nothing else); got {1!r}.".format(
                field, error
            )
        )
    return {"code": error["code"], "message": error["message"]}


def _check_fault(spec):
    """A POST /_emulator/faults body as the fault it stores; InvalidFault
    naming the field and the rule, so that a bad fault is refused up front
    and never breaks the request it matches."""
    if not isinstance(spec, dict):
        raise _invalid_fault("A fault is a JSON object.")
    unknown = sorted(set(spec) - set(_FAULT_FIELDS))
    if unknown:
        raise _invalid_fault("Unknown fault fields {0}; a fault has: {1}.".format(unknown, ", ".join(_FAULT_FIELDS)))
    path = spec.get("path")
    if not isinstance(path, str) or not path:
        raise _invalid_fault(
            "A fault needs 'path' (a regular expression matched against the request path); got {0!r}.".format(path)
        )
    try:
        re.compile(path)
    except re.error as exc:
        raise _invalid_fault("'path' is not a valid regular expression: {0}".format(exc)) from exc
    method = spec.get("method", "*")
    if not isinstance(method, str) or method.upper() not in _FAULT_METHODS:
        raise _invalid_fault("'method' must be one of {0}; got {1!r}.".format(", ".join(_FAULT_METHODS), method))
    count = spec.get("count", 1)
    if not _is_int(count) or count < 1:
        raise _invalid_fault("'count' must be an integer of at least 1; got {0!r}.".format(count))
    status = spec.get("status")
    if status is not None and (not _is_int(status) or not 400 <= status <= 599):
        raise _invalid_fault(
            "'status' must be an HTTP error status, an integer from 400 to 599; got {0!r}.".format(status)
        )
    for field in ("drop", "drop_after"):
        if not isinstance(spec.get(field, False), bool):
            raise _invalid_fault("'{0}' must be true or false; got {1!r}.".format(field, spec[field]))
    drop, drop_after = spec.get("drop", False), spec.get("drop_after", False)
    hold_seconds = spec.get("hold_seconds")
    if hold_seconds is not None and (
        isinstance(hold_seconds, bool)
        or not isinstance(hold_seconds, (int, float))
        or not math.isfinite(hold_seconds)
        or hold_seconds <= 0
    ):
        raise _invalid_fault(
            "'hold_seconds' must be a positive number of seconds the operation stays InProgress; got {0!r}.".format(
                hold_seconds
            )
        )
    kinds = (
        [k for k in ("status", "operation_error") if spec.get(k) is not None]
        + (["drop"] if drop else [])
        + (["drop_after"] if drop_after else [])
    )
    # hold_seconds alone keeps an operation InProgress; with operation_error
    # it then ends Failed (a stuck operation that finally fails).
    if hold_seconds is not None and not kinds:
        kinds = ["hold_seconds"]
    elif hold_seconds is not None and kinds != ["operation_error"]:
        raise _invalid_fault("'hold_seconds' goes alone or with 'operation_error' (it delays that operation's end).")
    if len(kinds) != 1:
        raise _invalid_fault(
            "A fault needs exactly one of 'status', 'drop': true, 'drop_after': true, "
            "'operation_error' or 'hold_seconds'; got {0}.".format(", ".join(kinds) or "none")
        )
    for field in ("retry_after", "error"):
        if spec.get(field) is not None and status is None:
            raise _invalid_fault("'{0}' goes with 'status' (it shapes that response).".format(field))
    retry_after = spec.get("retry_after")
    if retry_after is not None and (not _is_int(retry_after) or retry_after < 0):
        raise _invalid_fault("'retry_after' must be a non-negative integer (seconds); got {0!r}.".format(retry_after))
    return {
        "method": method.upper(),
        "path": path,
        "count": count,
        "status": status,
        "retry_after": retry_after,
        "drop": drop,
        "drop_after": drop_after,
        "hold_seconds": hold_seconds,
        "error": _check_error_object(spec, "error") if spec.get("error") is not None else None,
        "operation_error": (
            _check_error_object(spec, "operation_error") if spec.get("operation_error") is not None else None
        ),
    }


def _check_setting(name, value, lro_keys):
    """One POST /_emulator/config setting; InvalidConfig naming it and the
    rule.  Every setting is read as-is on later requests, so a bad one would
    break them."""

    def refuse(rule):
        return bad_request("InvalidConfig", "'{0}' must be {1}; got {2!r}.".format(name, rule, value))

    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0

    if name == "lro_seconds":
        if isinstance(value, str) and value in LRO_PRESETS:
            return
        if not isinstance(value, dict) or not all(number(v) for v in value.values()):
            raise refuse(
                "a preset ({0}) or an object mapping 'default' or a resource type's collection to a "
                "non-negative number of seconds".format(", ".join(sorted(LRO_PRESETS)))
            )
        unknown = sorted(set(value) - lro_keys)
        if unknown:
            raise refuse(
                "keyed by 'default' or a collection ({0}); unknown: {1}".format(
                    ", ".join(sorted(lro_keys)), ", ".join(unknown)
                )
            )
    elif name in ("require_provisioned_circuit_for_peering", "allow_private_asn_on_microsoft_peering"):
        if not isinstance(value, bool):
            raise refuse("true or false")
    elif name == "retry_after":
        if value is not None and (not _is_int(value) or value < 0):
            raise refuse("null (send no Retry-After, as live ARM) or a non-negative integer (seconds)")
    elif name == "microsoft_peering_prefix_validation":
        if value not in ("manual", "automatic"):
            raise refuse("'manual' or 'automatic'")
    elif not _is_int(value) or value < 1:  # page_size, token_lifetime_seconds
        raise refuse("a positive integer")
