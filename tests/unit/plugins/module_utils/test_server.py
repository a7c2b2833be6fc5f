"""The module server (_server) as processes: private files, peers of its own
uid only, no secret in its environment, exit when idle and when a task comes
with other code. Tasks through it are in tests/integration/test_module_server.py."""

import os
import socket
import shutil
import stat
import sys
import tempfile
import time
import zipfile

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server


def wait(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def server_pids(path):
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/{0}/cmdline".format(entry), "rb") as handle:
                if path.encode() in handle.read():
                    pids.append(int(entry))
        except OSError:
            pass
    return pids


@pytest.fixture
def server(tmp_path, monkeypatch):
    """Start a server for this checkout's collection; yields (dir, socket path)."""
    directory = str(tmp_path / "srv")
    monkeypatch.setenv(_server.ENV_DIR, directory)
    started = []

    def start(idle=30, environ=None, where=None):
        if where:
            monkeypatch.setenv(_server.ENV_DIR, where)
        for key, value in (environ or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv(_server.ENV_IDLE, str(idle))
        path = _server.socket_path(_server.private_dir())
        _server._start_server(os.path.dirname(path), path, _server.payload_root())
        assert wait(lambda: os.path.exists(path)), "the server did not start"
        started.append(path)
        return os.path.dirname(path), path

    yield start
    for path in started:
        for pid in server_pids(path):
            os.kill(pid, 15)


def test_the_directory_is_private_and_a_shared_one_is_refused(tmp_path):
    directory = _server.private_dir({_server.ENV_DIR: str(tmp_path / "mine")})
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(str(shared), 0o755)
    with pytest.raises(_server.Unavailable, match="not a directory private"):
        _server.private_dir({_server.ENV_DIR: str(shared)})
    link = tmp_path / "link"
    link.symlink_to(directory)
    with pytest.raises(_server.Unavailable, match="not a directory private"):
        _server.private_dir({_server.ENV_DIR: str(link)})


def test_socket_and_files_are_0600_in_a_0700_directory(server):
    directory, path = server()
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    assert stat.S_ISSOCK(os.stat(path).st_mode)
    for name in os.listdir(directory):
        mode = stat.S_IMODE(os.lstat(os.path.join(directory, name)).st_mode)
        assert mode & 0o077 == 0, (name, oct(mode))


def test_the_server_environment_holds_no_secret(server):
    _process, path = server(
        environ={"AZURE_SECRET": "Er8Q~never-in-the-server", "AZURE_PASSWORD": "pw-never", "AZURE_CLIENT_ID": "app"}
    )
    (pid,) = server_pids(path)
    with open("/proc/{0}/environ".format(pid), "rb") as handle:
        environ = handle.read()
    assert b"never-in-the-server" not in environ and b"pw-never" not in environ and b"AZURE_" not in environ


def test_it_exits_when_idle(server):
    _process, path = server(idle=1)
    pids = server_pids(path)
    assert pids
    assert wait(lambda: not os.path.exists(path), 15), "still listening after the idle timeout"
    assert wait(lambda: not server_pids(path), 5)


def test_it_exits_when_a_task_comes_with_other_code(server):
    _process, path = server()
    sock = _server._connect(path)
    _server._send(sock, {"hash": "other-code", "args": "{}", "env": {}, "cwd": "/", "module": "x", "root": "/"})
    assert _server._recv(sock) == {"stale": True}
    sock.close()
    assert wait(lambda: not os.path.exists(path), 10)
    assert wait(lambda: not server_pids(path), 5)


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to act as another user")
def test_another_user_can_neither_reach_nor_use_it(server):
    # Under /tmp (pytest's own directories are closed to other users).
    directory, path = server(where=tempfile.mkdtemp(prefix="er-server-test-", dir="/tmp"))

    def as_nobody(action):
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                os.setgid(65534)
                os.setuid(65534)
                code = action()
            finally:
                os._exit(code)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

    def connect_and_ask():
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
        except PermissionError:
            return 10
        try:
            _server._send(sock, {"hash": "x", "args": "{}", "env": {}, "cwd": "/", "module": "x", "root": "/"})
            return 20 if _server._recv(sock) is None else 21
        except OSError:
            return 20

    # The 0700 directory keeps another user from the socket.
    assert as_nobody(connect_and_ask) == 10
    # Opened up on purpose, the server still answers only its own uid.
    os.chmod(directory, 0o711)
    os.chmod(path, 0o666)
    try:
        assert as_nobody(connect_and_ask) == 20
    finally:
        os.chmod(path, 0o600)
        os.chmod(directory, 0o700)
    assert os.path.exists(path)  # and it keeps serving its user
    for pid in server_pids(path):
        os.kill(pid, 15)
    shutil.rmtree(directory, ignore_errors=True)


def test_settings():
    assert _server.mode({}) == _server.DEFAULT_MODE == "auto"  # the documented default
    assert _server.mode({_server.ENV_MODE: "off"}) == "off"
    assert _server.mode({_server.ENV_MODE: "True"}) == "on"
    assert _server.mode({_server.ENV_MODE: "auto"}) == "auto"
    assert _server.idle_seconds({_server.ENV_IDLE: "7"}) == 7
    assert _server.idle_seconds({_server.ENV_IDLE: "soon"}) == _server.DEFAULT_IDLE


def test_a_process_without_an_ansible_ancestor_is_not_the_control_node():
    # pytest, make, a shell: none is an Ansible controller process.
    assert _server.on_control_node() is False


def test_a_socket_path_too_long_to_bind_is_refused_at_once(tmp_path, monkeypatch):
    # Under pytest-xdist a test's tmp_path is long enough for this (CI waited 60 s per task for a server whose
    # bind had failed): the task must fall back to the classic path at once, saying why and what to set.
    deep = tmp_path / ("d" * (_server.MAX_SOCKET_PATH - len(str(tmp_path))))
    with pytest.raises(_server.Unavailable) as raised:
        _server.socket_path(str(deep))
    assert "longer than a unix socket allows" in str(raised.value) and _server.ENV_DIR in str(raised.value)
    assert len(os.fsencode(_server.socket_path(str(tmp_path)))) <= _server.MAX_SOCKET_PATH


def test_a_server_that_exits_without_listening_is_not_waited_for(tmp_path):
    import subprocess
    import sys

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    started = time.monotonic()
    with pytest.raises(_server.Unavailable) as raised:
        _server._wait_for(str(tmp_path / "never.sock"), ended)
    assert "exited (code 0) without listening" in str(raised.value)
    assert time.monotonic() - started < _server.START_TIMEOUT / 2


def alive(pid):
    """Running (not gone, not a zombie nobody has reaped yet)."""
    try:
        with open("/proc/{0}/stat".format(pid), "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def forks_of(pid, path):
    """The server's forks running tasks (its other children, e.g. what its
    imports start, do not carry its command line)."""
    return [child for child in children_of(pid) if child in server_pids(path)]


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/{0}/stat".format(entry), "rb") as handle:
                    if int(handle.read().rsplit(b")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


def silent_endpoint():
    """A TCP port that accepts and never answers (TLS hangs on it)."""
    silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    return silent


def hanging_task(silent):
    """A real task (circuit_info) whose cloud metadata GET hangs on ``silent``
    (30 s to time out; fails at once when ``silent`` closes)."""
    root = _server.payload_root()
    env = dict(
        os.environ,
        AZURE_CLOUD_ENVIRONMENT="https://127.0.0.1:{0}/metadata/endpoints".format(silent.getsockname()[1]),
        AZURE_SUBSCRIPTION_ID="00000000-0000-0000-0000-000000000001",
        AZURE_TENANT="00000000-0000-0000-0000-000000000002",
        AZURE_CLIENT_ID="00000000-0000-0000-0000-000000000003",
        AZURE_SECRET="not-a-real-secret",
    )
    return {
        "hash": _server.code_hash(root),
        "root": root,
        "module": "ansible_collections.hybridnet.expressroute.plugins.modules.circuit_info",
        "cwd": os.getcwd(),
        "env": env,
        "argv0": "circuit_info",
        "args": '{"ANSIBLE_MODULE_ARGS": {"resource_group": "rg", "name": "er"}}',
        "profile": "legacy",
    }


def test_a_task_that_goes_away_ends_its_fork(server):
    # A classic module dies with its task (task timeout, async limit,
    # Ctrl-C); the fork running it in the server must end as well.
    _directory, path = server()
    (server_pid,) = server_pids(path)
    silent = silent_endpoint()
    try:
        sock = _server._connect(path)
        _server._send(sock, hanging_task(silent))
        assert wait(lambda: forks_of(server_pid, path), 10), "no fork ran the task"
        time.sleep(1)  # past any short-lived child (one forked to exec something has the server's command line)
        (fork,) = forks_of(server_pid, path)
        assert alive(fork), "the task ended by itself: nothing to show"
        sock.close()  # the task is killed
        assert wait(lambda: not alive(fork), 5), "the fork outlived its task"
    finally:
        silent.close()
    assert os.path.exists(path) and server_pids(path) == [server_pid]  # the server itself goes on


@pytest.mark.parametrize("told", ["by a task of other code", "by its socket removed"])
def test_a_server_told_to_go_lets_the_new_one_start_and_still_answers_its_running_tasks(server, told):
    # The collection upgraded (or a second checkout) while a task runs:
    # the running task still gets its answer, and the new code's server
    # starts at once instead of the new tasks waiting, then running classic.
    directory, path = server()
    (old_pid,) = server_pids(path)
    silent = silent_endpoint()
    try:
        running = _server._connect(path)
        _server._send(running, hanging_task(silent))
        assert wait(lambda: forks_of(old_pid, path), 10), "no fork ran the task"
        if told == "by its socket removed":
            os.unlink(path)
        else:
            other = _server._connect(path)
            _server._send(other, {"hash": "other-code", "args": "{}", "env": {}, "cwd": "/", "module": "x"})
            assert _server._recv(other) == {"stale": True}
            other.close()
        assert wait(lambda: not os.path.exists(path), 10), "the old server still listens"
        new_pid = _server._start_server(directory, path, _server.payload_root()).pid
        assert wait(lambda: os.path.exists(path), 15), "the new server could not start beside the old one"
        assert alive(new_pid) and alive(old_pid), "both servers run, the old for its task"
        silent.close()  # the running task fails now (its metadata endpoint is gone): it must still answer
        answer = _server._recv(running)
        running.close()
    finally:
        silent.close()
    assert answer is not None and answer["rc"] == 1, answer
    assert "127.0.0.1" in answer["stdout"], answer  # the task's own error, naming its endpoint
    assert wait(lambda: not alive(old_pid), 10), "the old server did not end"
    time.sleep(1.5)  # the old server's exit must not take the new one's socket
    assert os.path.exists(path) and alive(new_pid)
    assert _server._connect(path) is not None


def test_a_server_that_finds_another_running_leaves_no_payload_copy_behind(server, tmp_path):
    # The first tasks of a run start servers side by side; all but one find
    # the lock taken and exit. Each was started from a copy of its task's
    # payload zip (0600, in the private directory): none may stay there.
    directory, path = server()
    payload = payload_zip(tmp_path)
    for _task in range(3):
        process = _server._start_server(directory, path, payload)
        assert process.wait(30) == 0  # the lock is taken: it exits at once, cleanly
    assert [name for name in os.listdir(directory) if name.startswith("payload-")] == []


def payload_zip(tmp_path):
    """A payload zip as AnsiballZ makes it, of this checkout's module_utils."""
    payload = str(tmp_path / "AnsiballZ_payload.zip")
    source = _server.payload_root()
    with zipfile.ZipFile(payload, "w") as archive:
        parts = ["ansible_collections", "hybridnet", "expressroute", "plugins", "module_utils"]
        for depth in range(1, len(parts) + 1):
            archive.writestr("/".join(parts[:depth]) + "/__init__.py", "")
        utils = os.path.join(source, *parts)
        for name in os.listdir(utils):
            if name.endswith(".py") and name != "__init__.py":
                archive.write(os.path.join(utils, name), "/".join(parts + [name]))
    return payload


def test_a_terminated_server_leaves_no_socket_or_payload_copy_behind(tmp_path):
    # kill, or the end of the user's session: it goes as when idle. Started
    # from a payload zip, as a task starts it, in a short directory of its
    # own (pytest's tmp_path may be too long for a unix socket).
    short = tempfile.mkdtemp(prefix="er-term-")
    directory = _server.private_dir({_server.ENV_DIR: os.path.join(short, "s")})
    path = _server.socket_path(directory)
    process = _server._start_server(directory, path, payload_zip(tmp_path))
    try:
        assert wait(lambda: os.path.exists(path), 15), "the server did not start"
        assert [name for name in os.listdir(directory) if name.startswith("payload-")], "started from a copy"
        process.terminate()
        assert process.wait(15) == 0
        assert not os.path.exists(path)
        assert [name for name in os.listdir(directory) if name.startswith("payload-")] == []
    finally:
        if process.poll() is None:
            process.kill()
        shutil.rmtree(short, ignore_errors=True)


def zipped_package(path, value):
    """A payload-like zip: package ``cachedpkg`` whose module ``mod`` says ``value``."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("cachedpkg/__init__.py", "")
        archive.writestr(
            "cachedpkg/mod.py", "VALUE = {0}\n\n\ndef where():\n    return where.__code__.co_filename\n".format(value)
        )
    return path


def import_from(path, held):
    """Import cachedpkg.mod from the zip ``path`` as a fork does; (module,
    how many sources zipimport really compiled, what the fork compiled new)."""
    import importlib
    import sys
    import zipimport

    for name in ("cachedpkg", "cachedpkg.mod"):
        sys.modules.pop(name, None)
    sys.path.insert(0, path)
    importlib.invalidate_caches()
    compiled = []
    original = zipimport._compile_source

    def counting(pathname, source):
        compiled.append(pathname)
        return original(pathname, source)

    zipimport._compile_source = counting
    try:
        with _server._CompileCache(held) as cache:
            module = importlib.import_module("cachedpkg.mod")
    finally:
        zipimport._compile_source = original
        sys.path.remove(path)
        for name in ("cachedpkg", "cachedpkg.mod"):
            sys.modules.pop(name, None)
    return module, compiled, cache.new


def test_a_task_compiles_each_source_once_and_the_next_task_reuses_it_under_its_own_path(tmp_path):
    held = {}
    first, compiled, new = import_from(zipped_package(str(tmp_path / "a.zip"), 1), held)
    # zipimport compiles a module twice per import (spec, then code): once here.
    assert sorted(os.path.basename(p) for p in compiled) == ["__init__.py", "mod.py"]
    _server._CompileCache.keep(held, new)
    second, compiled, new = import_from(zipped_package(str(tmp_path / "b.zip"), 1), held)
    assert compiled == [] and new == {}, "the same sources were compiled again"
    assert (first.VALUE, second.VALUE) == (1, 1)
    # Tracebacks of the second task name its own payload, also inside functions.
    assert second.where() == os.path.join(str(tmp_path / "b.zip"), "cachedpkg", "mod.py")


def test_a_changed_source_is_compiled_from_the_task_never_taken_from_the_cache(tmp_path):
    held = {}
    _first, _compiled, new = import_from(zipped_package(str(tmp_path / "a.zip"), 1), held)
    _server._CompileCache.keep(held, new)
    changed, compiled, new = import_from(zipped_package(str(tmp_path / "b.zip"), 2), held)
    assert changed.VALUE == 2
    assert [os.path.basename(p) for p in compiled] == ["mod.py"] and len(new) == 1


def test_every_module_offers_its_task_to_the_server_before_its_other_imports():
    # What the task process imports before it hands the task over is what
    # every task through the server pays twice (the server's fork imports
    # it again): a module must delegate before importing its module_utils.
    import ast

    modules = os.path.join(os.path.dirname(_server.__file__), os.pardir, "modules")
    names = sorted(n for n in os.listdir(modules) if n.endswith(".py") and n != "__init__.py")
    assert len(names) > 20
    for name in names:
        with open(os.path.join(modules, name)) as handle:
            body = ast.parse(handle.read()).body
        statements = [s for s in body if not isinstance(s, ast.Assign) and not isinstance(s, ast.Expr)]
        first_import, guard = [
            s for s in statements if not (isinstance(s, ast.ImportFrom) and s.module == "__future__")
        ][:2]
        assert ast.unparse(first_import) == (
            "from ansible_collections.hybridnet.expressroute.plugins.module_utils import _server"
        ), name
        assert ast.unparse(guard) == "if __name__ == '__main__':\n    _server.delegate()", name


def test_one_task_fetches_the_others_wait_and_the_next_fetches_if_it_ends_without(monkeypatch):
    from ansible_collections.hybridnet.expressroute.plugins.module_utils import _cache

    monkeypatch.delitem(sys.modules, _cache._STORE, raising=False)  # a store of its own
    fetches = _server._Fetches(_cache)
    tasks = {name: socket.socketpair() for name in ("a", "b", "c")}  # name -> (server's end, task's end)

    def answer(name):
        tasks[name][1].settimeout(0.2)
        try:
            return _server._recv(tasks[name][1])
        except OSError:
            return None

    for name in "abc":
        fetches.ask(tasks[name][0], "tokens", "k")
    assert answer("a") == {"go": True}
    assert answer("b") is None and answer("c") is None, "only one task fetches"
    fetches.ended(tasks["a"][0])  # a failed (or was killed) without the token
    assert answer("b") == {"go": True} and answer("c") is None
    token = ["t0ken", time.time() + 3600]
    fetches.learnt({"tokens": {"k": token}})
    assert answer("c") == {"value": token}
    fetches.ask(tasks["a"][0], "tokens", "k")
    assert answer("a") == {"value": token}, "held now: given at once"
    expired = ["old", time.time() + 10]
    fetches.learnt({"tokens": {"e": expired}})
    fetches.ask(tasks["a"][0], "tokens", "e")
    assert answer("a") == {"go": True}, "a token about to expire is fetched again"
    for server_end, task_end in tasks.values():
        server_end.close()
        task_end.close()
