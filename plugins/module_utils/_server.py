# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the module server, the fast path of a task.

Note that this module util is **PRIVATE** to the collection. It can have
breaking changes at any time.

A classic task starts Python, imports azure-identity and azure-mgmt-network,
discovers the cloud and gets a token: most of its time. With the module
server, the first task of a user starts one process that keeps the SDK
imported and the cache (_cache.py) in memory; every task then hands its
arguments and environment to it over a unix socket and prints its answer.
The server runs each task in a fork of itself, from the task's own payload
(so a task never runs stale collection code), and keeps what the task learnt
(cloud, tokens, its code compiled: _CompileCache) for the next one. A module
hands its task over at its top, before its own imports: the task process
imports nothing the fork will import again.

Security (cloud.common's turbo mode taught what to avoid: a fixed socket in
a shared place, no peer check, stale code, secrets in the server's
environment):
- the socket lives in a directory only its user can enter (0700, checked
  not to be a symlink nor someone else's), is itself 0600, and the server
  answers only peers of its own uid (SO_PEERCRED); a unix socket is not
  reachable from another host;
- the server's own environment carries no AZURE_* variable; a task's
  environment reaches only the fork that runs it;
- it exits after HYBRIDNET_ER_MODULE_SERVER_IDLE seconds without a task
  (default 120), and as soon as a task comes with other code (a hash of the
  collection's shared module_utils, ansible-core's and the SDK's versions).

HYBRIDNET_ER_MODULE_SERVER: ``auto`` (default when unset: the server on the
control node, the classic path on a managed node), ``on`` (also on a
managed node), ``off`` (always classic).  Where the server cannot run (no
AF_UNIX, a directory that is not private, a server that does not start) the
task runs the classic way; the reason is a warning at -v.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import stat
import struct
import sys
import time
from typing import Any, cast

ENV_MODE = "HYBRIDNET_ER_MODULE_SERVER"
ENV_IDLE = "HYBRIDNET_ER_MODULE_SERVER_IDLE"
ENV_DIR = "HYBRIDNET_ER_MODULE_SERVER_DIR"
DEFAULT_MODE = "auto"
DEFAULT_IDLE = 120
START_TIMEOUT = 60

_PACKAGE = "ansible_collections.hybridnet.expressroute"
_UTILS = "ansible_collections/hybridnet/expressroute/plugins/module_utils/"
# What the server itself runs, and what every module carries: a change in
# any of them ends a running server.
_HASHED = (
    "_server.py",
    "_cache.py",
    "_module.py",
    "_auth.py",
    "_client.py",
    "_cloud.py",
    "_errors.py",
    "_retry.py",
    "_waiter.py",
    "_lifecycle.py",
    "_validate.py",
)
# Variables never kept in the server's own environment.
_SECRET_HINTS = ("AZURE_", "SECRET", "PASSWORD", "TOKEN", "KEY")

# Why this task runs the classic way although the server was asked for
# (AzureModule warns with it at -v).
fallback_reason = None
# A module delegates at its top, before its imports, and AzureModule again
# (for code that builds one without that): the task is offered once.
_offered = False


class Unavailable(Exception):
    """The fast path cannot run here; the task runs the classic way."""


# -- settings ------------------------------------------------------------------
def mode(environ=None):
    environ = os.environ if environ is None else environ
    value = (environ.get(ENV_MODE) or DEFAULT_MODE).strip().lower()
    if value in ("0", "false", "no", "off", "never", "classic"):
        return "off"
    if value in ("1", "true", "yes", "on", "always"):
        return "on"
    return "auto"


def idle_seconds(environ=None):
    environ = os.environ if environ is None else environ
    try:
        return max(1, int(environ.get(ENV_IDLE) or DEFAULT_IDLE))
    except ValueError:
        return DEFAULT_IDLE


def in_server():
    """True in a fork of the server running a task."""
    from . import _cache

    return getattr(_cache.store(), "in_server", False)


def on_control_node(pid=None, depth=5):
    """True when an Ansible controller process (ansible-playbook, ansible,
    ansible-runner...) is among the task's near ancestors: a task on the
    control node (connection local), not one sent to a managed node."""
    pid = os.getppid() if pid is None else pid
    for _level in range(depth):
        try:
            with open("/proc/{0}/cmdline".format(pid), "rb") as handle:
                argv = handle.read().split(b"\0")
            with open("/proc/{0}/stat".format(pid), "rb") as handle:
                ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if any(os.path.basename(a).startswith(b"ansible") for a in argv[:2]):
            return True
        if ppid <= 1:
            return False
        pid = ppid
    return False


def private_dir(environ=None):
    """The user's private directory (created 0700), or Unavailable."""
    environ = os.environ if environ is None else environ
    path = environ.get(ENV_DIR)
    if not path:
        runtime = environ.get("XDG_RUNTIME_DIR")
        if runtime and os.path.isdir(runtime):
            path = os.path.join(runtime, "hybridnet-expressroute")
        else:
            import tempfile

            path = os.path.join(tempfile.gettempdir(), "hybridnet-expressroute-{0}".format(os.getuid()))
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise Unavailable("cannot create {0}: {1}".format(path, exc)) from exc
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise Unavailable("{0} is not a directory private to uid {1} (mode 0700)".format(path, os.getuid()))
    return path


# A unix socket's path fits in sun_path: 108 bytes on Linux, 104 on macOS and
# the BSDs (unix(7)), with its terminating NUL. A longer one cannot be bound.
MAX_SOCKET_PATH = 103


def socket_path(directory):
    """The server's socket in ``directory``, or Unavailable when its path is
    too long to bind (the server could never start; say so at once)."""
    # One server per interpreter (its site-packages hold the SDK it keeps).
    tag = hashlib.sha256(sys.executable.encode("utf-8")).hexdigest()[:12]
    path = os.path.join(directory, "server-{0}.sock".format(tag))
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        raise Unavailable(
            "its socket path {0} is {1} bytes, longer than a unix socket allows ({2}); set {3} to a shorter "
            "directory".format(path, len(os.fsencode(path)), MAX_SOCKET_PATH, ENV_DIR)
        )
    return path


# -- what the task is ----------------------------------------------------------------
def payload_root():
    """Where this task's collection code is imported from (the AnsiballZ
    payload zip, or a directory)."""
    here = os.path.abspath(__file__)
    suffix = os.path.join(*_UTILS.split("/")) + "_server.py"
    if not here.endswith(suffix):
        raise Unavailable("cannot find the collection's payload from {0}".format(here))
    return here[: -len(suffix)].rstrip(os.sep)


def _read_payload_file(root, name):
    if os.path.isdir(root):
        try:
            with open(os.path.join(root, _UTILS, name), "rb") as handle:
                return handle.read()
        except OSError:
            return b""
    import zipfile

    with zipfile.ZipFile(root) as archive:
        try:
            return archive.read(_UTILS + name)
        except KeyError:
            return b""


def _sdk_stamp():
    """Version files of the SDK the server keeps imported (not imported
    here: a task must stay cheap)."""
    import importlib.util

    stamp = []
    for name in ("azure.mgmt.network", "azure.identity", "azure.core"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec else None
        if origin:
            version_file = os.path.join(os.path.dirname(origin), "_version.py")
            try:
                info = os.stat(version_file)
                stamp.append([version_file, info.st_size, info.st_mtime_ns])
            except OSError:
                stamp.append([version_file])
    return stamp


def code_hash(root):
    from ansible.module_utils.ansible_release import __version__ as ansible_version

    digest = hashlib.sha256()
    digest.update(json.dumps([ansible_version, sys.executable, sys.version, _sdk_stamp()]).encode("utf-8"))
    for name in _HASHED:
        digest.update(name.encode("utf-8") + b"\0" + _read_payload_file(root, name) + b"\0")
    return digest.hexdigest()


# -- framing -----------------------------------------------------------------------
def _send(sock, message):
    data = json.dumps(message).encode("utf-8")
    sock.sendall(struct.pack("!I", len(data)) + data)


def _recv(sock):
    header = _recv_exact(sock, 4)
    if header is None:
        return None
    data = _recv_exact(sock, struct.unpack("!I", header)[0])
    return None if data is None else json.loads(data.decode("utf-8"))


def _recv_exact(sock, size):
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def peer_uid(sock):
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


# -- the task's side -----------------------------------------------------------------
def delegate():
    """Run this task in the module server and exit with its answer, when the
    setting asks for it and the server can run; else return (classic)."""
    global fallback_reason, _offered
    if _offered or in_server():
        return
    _offered = True
    wanted = mode()
    if wanted == "off" or (wanted == "auto" and not on_control_node()):
        return
    try:
        answer = _ask_server()
    except Unavailable as exc:
        fallback_reason = str(exc)
        return
    sys.stdout.write(answer.get("stdout", ""))
    sys.stderr.write(answer.get("stderr", ""))
    sys.stdout.flush()
    sys.stderr.flush()
    _exit(answer.get("rc", 1))


def _exit(rc):
    """End the task process with the task's exit code. It only handed the
    task over (no AnsibleModule, no file of its own), so where its payload
    sits as AnsiballZ puts it, it removes the payload's directory as the
    wrapper would and exits at once: Python's orderly shutdown of what it
    imported is 20 ms of every task."""
    root = payload_root()
    directory = os.path.dirname(root)
    name = os.path.basename(directory)
    try:
        alone = os.path.isfile(root) and os.listdir(directory) == [os.path.basename(root)]
    except OSError:
        alone = False
    if alone and name.startswith("ansible_") and "_payload_" in name:
        import shutil

        shutil.rmtree(directory, ignore_errors=True)
        os._exit(rc)
    sys.exit(rc)  # pylint: disable=ansible-bad-function  # the task's own exit code, as the module would exit


def _ask_server():
    if not hasattr(socket, "AF_UNIX") or not hasattr(socket, "SO_PEERCRED"):
        raise Unavailable("this platform has no unix sockets with peer credentials")
    main = sys.modules.get("__main__")
    module_name = getattr(getattr(main, "__spec__", None), "name", None)
    if not module_name or not module_name.startswith(_PACKAGE + ".plugins.modules."):
        raise Unavailable("not run as a collection module")
    from ansible.module_utils import basic

    if basic._ANSIBLE_ARGS is None:
        raise Unavailable("no module arguments")
    root = payload_root()
    request = {
        "hash": code_hash(root),
        "root": root,
        "module": module_name,
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "argv0": sys.argv[0] if sys.argv else "",
        "args": basic._ANSIBLE_ARGS.decode("utf-8") if isinstance(basic._ANSIBLE_ARGS, bytes) else basic._ANSIBLE_ARGS,
        "profile": getattr(basic, "_ANSIBLE_PROFILE", None),
    }
    directory = private_dir()
    path = socket_path(directory)
    for _attempt in range(3):
        sock = _connect(path)
        if sock is None:
            sock = _wait_for(path, _start_server(directory, path, root))
        try:
            try:
                _send(sock, request)
            except OSError as exc:
                raise Unavailable("the module server did not take the task: {0}".format(exc)) from exc
            # Sent: from here the task may have run; never run it twice.
            try:
                answer = _recv(sock)
            except ConnectionResetError:
                # Still in the backlog of a server that stopped listening
                # (it went stale or was told to go): never taken, so never
                # run; as with a stale server, start ours.
                answer = {"stale": True}
            except OSError:
                answer = None
        finally:
            sock.close()
        if answer is None:
            return {
                "rc": 1,
                "stdout": json.dumps(
                    {
                        "failed": True,
                        "msg": "The hybridnet.expressroute module server ended without an answer; the "
                        "task may or may not have run. Re-run it (or set {0}=off).".format(ENV_MODE),
                    }
                ),
            }
        if not answer.get("stale"):
            return answer
        # A server of other code: it is exiting; start ours.
        _wait_gone(path)
    raise Unavailable("the module server kept answering with other code")


def _connect(path):
    if not os.path.exists(path):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    if peer_uid(sock) != os.getuid():
        sock.close()
        raise Unavailable("{0} is served by another user".format(path))
    return sock


def _wait_for(path, process):
    """A connection to the server ``process`` starts (or to one another task
    started first: ours then exits at once, seeing its lock held)."""
    deadline = time.monotonic() + START_TIMEOUT
    ended_at = None
    while time.monotonic() < deadline:
        sock = _connect(path)
        if sock is not None:
            return sock
        if ended_at is None and process.poll() is not None:
            ended_at = time.monotonic()
        if ended_at is not None and time.monotonic() - ended_at > 5:
            # Ours ended and no other server has bound the socket since: waiting longer cannot help.
            raise Unavailable("the module server exited (code {0}) without listening".format(process.returncode))
        time.sleep(0.02)
    raise Unavailable("the module server did not start within {0} s".format(START_TIMEOUT))


def _wait_gone(path, seconds=5):
    deadline = time.monotonic() + seconds
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)


def _start_server(directory, path, root):
    import subprocess

    payload = root
    if os.path.isfile(root):
        # The payload zip goes away with the task; the server keeps a copy
        # (0600, in the private directory) to import from.
        import shutil

        copy = os.path.join(directory, "payload-{0}.zip".format(os.getpid()))
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as target, open(root, "rb") as source:
            shutil.copyfileobj(source, target)
        root = copy
    environ = {k: v for k, v in os.environ.items() if not any(h in k.upper() for h in _SECRET_HINTS)}
    boot = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server; "
        "_server.serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))"
    )
    try:
        # A detached server process outliving the task: run_command would wait for it.
        return subprocess.Popen(  # pylint: disable=ansible-bad-function
            [sys.executable, "-c", boot, root, path, str(idle_seconds())],
            env=environ,
            cwd=directory,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )
    except OSError as exc:
        if root != payload:
            os.unlink(root)
        raise Unavailable("cannot start the module server: {0}".format(exc)) from exc


# -- the server's side -----------------------------------------------------------------
def _preload():
    """What every task would import: imported once, shared by every fork."""
    import ansible.module_utils.basic  # noqa: F401

    try:
        from ansible.module_utils._internal._ansiballz import _loader  # noqa: F401
    except ImportError:
        pass

    try:
        import azure.identity  # noqa: F401
        import azure.mgmt.network.models  # noqa: F401
        import azure.mgmt.network.operations  # noqa: F401
        from azure.mgmt.network import NetworkManagementClient  # noqa: F401
        from azure.core.rest import HttpRequest  # noqa: F401
        import requests  # noqa: F401
    except ImportError:
        pass  # each task reports the missing SDK itself


def _warm_up(chunk=50):
    """What every task would work out again in its fork, worked out once in
    the server, ``chunk`` classes at a time (a generator: the server does it
    while idle). Measured in a fork: reading a circuit 11 ms -> 1 ms, and
    the first HTTPS request 25 ms -> 11 ms."""
    import ssl

    ssl.create_default_context()  # OpenSSL's own set-up, the first time a context is made (6 ms)
    try:
        from azure.mgmt.network import models
    except ImportError:
        return
    # azure-mgmt-network works out how to deserialize a model class the
    # first time one is built.
    classes = [c for c in vars(models).values() if isinstance(c, type) and c.__module__.startswith("azure.")]
    for start in range(0, len(classes), chunk):
        for cls in classes[start : start + chunk]:
            try:
                cls()
            except Exception:  # pylint: disable=broad-except  # an enum or a model with required arguments: skip it
                pass
        yield
    # Those models are Mappings: isinstance(a list, Mapping), which requests
    # asks on every request, walks all thousand of them until the answer is
    # cached.
    from collections import OrderedDict, abc

    ordered: OrderedDict[str, str] = OrderedDict()
    plain: dict[str, str] = {}
    kinds: list[type] = [bool, int, float, str, bytes, bytearray, list, tuple, set, frozenset, dict, type(None)]
    kinds += [OrderedDict, type(ordered.keys()), type(ordered.values()), type(ordered.items())]
    kinds += [type(plain.keys()), type(plain.values()), type(plain.items())]
    for kind in kinds:
        for mapping in (abc.Mapping, abc.MutableMapping):
            issubclass(kind, mapping)
        yield


def serve(root, path, idle):
    try:
        _serve(root, path, idle)
    finally:
        # The copy of the payload it was started from (_start_server), also
        # when another server had the lock: nothing of it is left behind.
        if os.path.basename(root).startswith("payload-") and os.path.dirname(root) == os.path.dirname(path):
            try:
                os.unlink(root)
            except OSError:
                pass


def _terminated(_signum, _frame):
    raise SystemExit(0)


def _serve(root, path, idle):
    import fcntl
    import selectors

    os.umask(0o077)
    lock = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    # A server told to go (socket removed) lets go of the lock within a
    # second, while it still ends its running tasks: worth waiting for.
    deadline = time.monotonic() + 3
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            if os.path.exists(path) or time.monotonic() > deadline:
                return  # another server of this user and interpreter is starting or running
            time.sleep(0.05)
    if os.path.exists(path):
        os.unlink(path)  # a dead server's socket (we hold the lock)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    inode = os.stat(path).st_ino
    listening = True
    # Terminated (kill, a session's end): leave as when idle, through the
    # finally blocks that remove the socket and the payload copy.
    signal.signal(signal.SIGTERM, _terminated)
    try:
        # Listening before the slow imports: the first tasks wait in the
        # backlog for their answer, not for the socket to appear.
        listener.listen(64)
        _preload()
        from . import _cache

        holder = _cache.store()
        holder.compiled = {}  # what the forks compiled (see _CompileCache), shared with the next forks
        fetches = _Fetches(_cache)
        code = code_hash(root)
        selector = selectors.DefaultSelector()
        selector.register(listener, selectors.EVENT_READ)
        children: dict[socket.socket, list[Any]] = {}  # channel to a fork -> [pid, bytes not yet a message]
        last = time.monotonic()
        warming = _warm_up()

        def stop_listening(unlink):
            """Take no new task (the ones running still end and answer), and let
            go of the lock: a server of the new code may start at once."""
            nonlocal listening
            listening = False
            selector.unregister(listener)
            listener.close()
            if unlink:
                _unlink_if_ours(path, inode)
            os.close(lock)

        while True:
            if not children and (not listening or time.monotonic() - last > idle):
                return
            if listening and not _is_ours(path, inode):
                stop_listening(unlink=False)  # removed or replaced: someone wants this server gone
            # What running tasks learnt first: a task reports before it
            # answers, so the next task's fork already has its token.
            events = sorted(
                selector.select(timeout=1.0 if warming is None else 0.02),
                key=lambda event: event[0].fileobj is listener,
            )
            if not events and warming is not None and next(warming, "done") == "done":
                warming = None
            for key, _mask in events:
                if key.fileobj is listener:
                    if not listening:
                        continue  # stopped by a report earlier in this batch
                    conn, _address = listener.accept()
                    if peer_uid(conn) != os.getuid():
                        conn.close()
                        continue
                    last = time.monotonic()
                    ours, theirs = socket.socketpair()
                    pid = os.fork()
                    if pid == 0:
                        status = 1
                        try:
                            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a task's process dies of it, as classic
                            ours.close()
                            for other in children:
                                other.close()
                            selector.close()
                            listener.close()
                            os.close(lock)
                            holder.in_server = True
                            _run_task(conn, theirs, code, _cache)
                            status = 0
                        finally:
                            os._exit(status)
                    conn.close()
                    theirs.close()
                    children[ours] = [pid, b""]
                    selector.register(ours, selectors.EVENT_READ)
                    continue
                channel = cast(socket.socket, key.fileobj)  # a fork's channel: registered as its socket
                try:
                    chunk = channel.recv(1 << 16)
                except OSError:
                    chunk = b""
                if chunk:
                    children[channel][1] += chunk
                    for message in _messages(children[channel]):
                        if message.get("stale") and listening:  # several tasks of the new code may find it stale
                            stop_listening(unlink=True)
                        if message.get("ask"):
                            fetches.ask(channel, *message["ask"])
                        fetches.learnt(message.get("learnt") or {})
                        _CompileCache.keep(holder.compiled, message.get("compiled") or {})
                    continue
                pid, _rest = children.pop(channel)
                selector.unregister(channel)
                fetches.ended(channel)
                channel.close()
                os.waitpid(pid, 0)
                last = time.monotonic()
    finally:
        if listening:
            _unlink_if_ours(path, inode)


def _messages(child):
    """The whole messages (_send's frames) received from a fork so far."""
    data = child[1]
    while len(data) >= 4:
        size = struct.unpack("!I", data[:4])[0]
        if len(data) < 4 + size:
            break
        try:
            message = json.loads(data[4 : 4 + size].decode("utf-8"))
        except ValueError:
            message = {}
        data = data[4 + size :]
        child[1] = data
        yield message if isinstance(message, dict) else {}


class _Fetches:
    """Single flight, in the server: while one task fetches a cloud or a
    token, the tasks that need the same one wait for it instead of fetching
    their own (the first tasks of a run, started together, would each get a
    token). A task asks (_TaskChannel.ask) and gets the value, or "go" when
    it is the one to fetch; the others get the value when it reports it, or
    "go" in turn if it ends without."""

    def __init__(self, cache):
        self.cache = cache
        self.owner: dict[tuple, Any] = {}  # (kind, key) -> channel of the task fetching it
        self.waiting: dict[tuple, list] = {}  # (kind, key) -> channels of the tasks waiting for it

    def ask(self, channel, kind, key):
        value = self.cache.held(kind, key)
        if value is not None:
            _send_quietly(channel, {"value": value})
        elif (kind, key) in self.owner:
            self.waiting.setdefault((kind, key), []).append(channel)
        else:
            self.owner[(kind, key)] = channel
            _send_quietly(channel, {"go": True})

    def learnt(self, learnt):
        if not learnt:
            return
        self.cache.merge(learnt)
        for kind in ("clouds", "tokens"):
            for key in learnt.get(kind) or {}:
                self.owner.pop((kind, key), None)
                value = self.cache.held(kind, key)
                for channel in self.waiting.pop((kind, key), []):
                    _send_quietly(channel, {"value": value} if value is not None else {"go": True})

    def ended(self, channel):
        for waiting in self.waiting.values():
            if channel in waiting:
                waiting.remove(channel)
        for fetch in [f for f, owner in self.owner.items() if owner is channel]:
            # It ended without the value (failed, killed): the next one fetches.
            del self.owner[fetch]
            waiting = self.waiting.pop(fetch, [])
            if waiting:
                self.owner[fetch] = waiting.pop(0)
                _send_quietly(self.owner[fetch], {"go": True})
                if waiting:
                    self.waiting[fetch] = waiting


def _send_quietly(sock, message):
    try:
        _send(sock, message)
    except OSError:
        pass  # the task has gone; its end is handled when its channel closes


class _TaskChannel:
    """In a fork: the task's line to the server (what it learnt, its
    questions; see _Fetches). A task that cannot ask fetches by itself."""

    WAIT = 300  # seconds a task waits for another one's fetch at most

    def __init__(self, sock):
        self.sock = sock

    def ask(self, kind, key):
        """The value another task holds or is fetching, or None: fetch it."""
        try:
            _send(self.sock, {"ask": [kind, key]})
            self.sock.settimeout(self.WAIT)
            answer = _recv(self.sock)
        except OSError:
            return None
        finally:
            self.sock.settimeout(None)
        return (answer or {}).get("value")

    def tell(self, learnt):
        try:
            _send(self.sock, {"learnt": learnt})
        except OSError:
            pass


def _is_ours(path, inode):
    try:
        return os.stat(path).st_ino == inode
    except OSError:
        return False


def _unlink_if_ours(path, inode):
    """Remove the socket unless another server has bound its path since."""
    if _is_ours(path, inode):
        try:
            os.unlink(path)
        except OSError:
            pass


class _CompileCache:
    """While in a ``with`` block, the task's collection code (imported from
    its payload zip, which has no bytecode) is compiled once per distinct
    source: zipimport compiles each module twice per import, and every task
    would compile the same sources again. The key is the hash of the exact
    source bytes, so a task never runs code other than its own."""

    LIMIT = 2000  # distinct sources the server keeps (old versions are never asked for again)

    def __init__(self, held):
        self.held = held  # key -> base64 of marshalled code, from earlier tasks
        self.new = {}  # what this task compiled, for the server to keep
        self._mine: dict[str, Any] = {}
        self._original: Any = None  # zipimport's own

    def __enter__(self):
        import zipimport

        self._original = getattr(zipimport, "_compile_source", None)
        if self._original is not None:  # CPython 3.8+; elsewhere zipimport compiles as before
            zipimport._compile_source = self.compile  # type: ignore[attr-defined]  # private, in CPython 3.8+
        return self

    def __exit__(self, *exc_info):
        if self._original is not None:
            import zipimport

            zipimport._compile_source = self._original  # type: ignore[attr-defined]

    def compile(self, pathname, source):
        import base64
        import marshal

        data = source if isinstance(source, bytes) else source.encode("utf-8")
        key = hashlib.sha256(data).hexdigest()
        code = self._mine.get(key)
        if code is None:
            held = self.held.get(key)
            if held is not None:
                code = marshal.loads(base64.b64decode(held))
            else:
                code = self._original(pathname, source)
                self.new[key] = base64.b64encode(marshal.dumps(code)).decode("ascii")
            self._mine[key] = code
        # The same source in another task's payload: its own path in tracebacks.
        return code if code.co_filename == pathname else _with_filename(code, pathname)

    @classmethod
    def keep(cls, held, new):
        if len(held) + len(new) > cls.LIMIT:
            held.clear()
        held.update(new)


def _with_filename(code, filename):
    consts = tuple(_with_filename(c, filename) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def _run_module(request):
    """As the AnsiballZ wrapper runs a module (its own runner where
    ansible-core has one: the same handling of an unexpected exception)."""
    try:
        from ansible.module_utils._internal._ansiballz import _loader
    except ImportError:  # ansible-core before 2.19
        import runpy

        runpy.run_module(
            request["module"],
            init_globals=dict(_module_fqn=request["module"], _modlib_path=request["root"]),
            run_name="__main__",
            alter_sys=True,
        )
        return
    from ansible.module_utils import basic

    _loader.run_module(
        json_params=basic._ANSIBLE_ARGS,  # type: ignore[arg-type]  # set from the task's payload
        profile=request.get("profile"),
        module_fqn=request["module"],
        modlib_path=request["root"],
        extensions={},
    )


def _end_with_the_task(conn):
    """Exit this fork as soon as the task that sent it goes away (killed by
    a task timeout, an async limit, Ctrl-C): a classic module dies with its
    task, and one in the server must not go on writing to Azure unseen.
    Returns the event to set before answering (the task then hangs up)."""
    import threading

    answering = threading.Event()

    def watch():
        try:
            # The task sends nothing after its request: data or EOF here
            # means it hung up.
            conn.recv(1, socket.MSG_PEEK)
        except OSError:
            pass
        if not answering.is_set():
            os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    return answering


def _run_task(conn, channel, code, cache):
    """In the fork: run one task as AnsiballZ would, answer, report."""
    import importlib
    import io
    import traceback

    from ansible.module_utils import basic

    request = _recv(conn)
    if request is None:
        return
    if request.get("hash") != code:
        _send(conn, {"stale": True})
        _send_quietly(channel, {"stale": True})
        return
    answering = _end_with_the_task(conn)
    cache.store().channel = _TaskChannel(channel)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    # The task's own collection code, never the server's copy.
    for name in [n for n in sys.modules if n == "ansible_collections" or n.startswith("ansible_collections.")]:
        del sys.modules[name]
    sys.path.insert(0, request["root"])
    importlib.invalidate_caches()
    compiled = _CompileCache(getattr(cache.store(), "compiled", {}))
    basic._ANSIBLE_ARGS = request["args"].encode("utf-8")
    if request.get("profile") is not None:
        basic._ANSIBLE_PROFILE = request["profile"]
    sys.argv = [request.get("argv0") or request["module"]]
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    rc = 0
    try:
        with compiled:
            _run_module(request)
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # pylint: disable=broad-except
        # What a classic task would print: the traceback on stderr.
        traceback.print_exc(file=err)
        rc = 1
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    # Report to the server before answering: the play's next task must
    # find the token and cloud this one learnt.
    _send_quietly(channel, {"learnt": cache.learnt(), "compiled": compiled.new})
    channel.close()
    answering.set()
    _send(conn, {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()})
    conn.close()
