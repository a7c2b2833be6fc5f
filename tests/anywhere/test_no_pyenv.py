"""make test on any machine (issue 14 item 5).

Interpreters are found by version (scripts/find-python), never by a path of
this machine's.  With pyenv hidden - no pyenv directory on PATH, no PYENV_*
variables - find-python finds what the system has, and on a bare machine
(PATH holding only python3, make and git) every part of ``make test`` that
needs a Python it cannot find says SKIPPED with the reason and succeeds.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIND_PYTHON = os.path.join(ROOT, "scripts", "find-python")
SYSTEM_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
# What the recipes of the suites below run, besides python3, make and git.
BASE_TOOLS = ("sh", "bash", "env", "mkdir", "ln", "rm", "cat", "sed", "grep", "dirname", "id", "uname", "tr", "expand")


def pyenv_markers():
    """The pyenv directories to hide: its root (``pyenv root``, PYENV_ROOT,
    ~/.pyenv) - whether or not this machine has pyenv."""
    markers = {os.path.expanduser("~/.pyenv")}
    if os.environ.get("PYENV_ROOT"):
        markers.add(os.environ["PYENV_ROOT"])
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip()
        if root:
            markers.add(root)
    return {os.path.realpath(m) for m in markers}


def under_pyenv(path):
    real = os.path.realpath(path)
    return "pyenv" in path or any(real == m or real.startswith(m + os.sep) for m in pyenv_markers())


def hidden_env(path):
    """The environment with pyenv hidden and ``path`` as PATH; make's own
    variables dropped so that the Makefile finds interpreters itself."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYENV")
        and not any(m in v for m in pyenv_markers())
        and k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON", "VIRTUAL_ENV")
        and not k.endswith("_PYTHON")
    }
    env["PATH"] = path
    return env


def system_python():
    """A python3 outside pyenv: the one a fresh Debian or Ubuntu has."""
    for directory in SYSTEM_DIRS:
        candidate = os.path.join(directory, "python3")
        if os.path.exists(candidate) and not under_pyenv(candidate):
            return candidate
    raise AssertionError(
        "no python3 outside pyenv in {0}: this machine cannot show make test without pyenv".format(
            ", ".join(SYSTEM_DIRS)
        )
    )


def version_of(python):
    out = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True, check=True
    ).stdout
    return out.strip()


@pytest.fixture(scope="module")
def bare_path(tmp_path_factory):
    """A PATH with only python3 (the system's), make, git and the base tools:
    the README's "fresh machine with only python3, make and git"."""
    bin_dir = tmp_path_factory.mktemp("bare-bin")
    tools = {name: shutil.which(name, path=os.pathsep.join(SYSTEM_DIRS)) for name in BASE_TOOLS + ("make", "git")}
    missing = [name for name in ("make", "git", "sh", "bash") if not tools[name]]
    assert not missing, "this machine lacks {0}".format(", ".join(missing))
    for name, target in tools.items():
        if target:
            os.symlink(target, str(bin_dir / name))
    os.symlink(system_python(), str(bin_dir / "python3"))
    return str(bin_dir)


def find_python(env, *versions):
    result = subprocess.run(
        [FIND_PYTHON] + list(versions), env=env, capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def make(env, *targets):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", ROOT] + list(targets),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_environment_really_hides_pyenv(bare_path):
    env = hidden_env(bare_path)
    assert not any(under_pyenv(d) for d in env["PATH"].split(os.pathsep))
    assert not [k for k in env if k.startswith("PYENV")]
    assert shutil.which("pyenv", path=env["PATH"]) is None
    assert not under_pyenv(os.path.realpath(shutil.which("python3", path=env["PATH"])))


def test_find_python_finds_the_systems_python_with_pyenv_hidden():
    path = os.pathsep.join(d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not under_pyenv(d))
    env = hidden_env(path or os.pathsep.join(SYSTEM_DIRS))
    version = version_of(system_python())
    found = find_python(env, version)
    assert found, "find-python {0} found nothing with pyenv hidden (PATH={1})".format(version, env["PATH"])
    assert not under_pyenv(found) and version_of(found) == version
    # Versions that are not there: nothing printed, success (the caller skips).
    assert find_python(env, "3.1", "2.0") == ""


def test_find_python_tries_versions_in_order_and_skips_broken_candidates(tmp_path):
    version = version_of(sys.executable)
    # A shim that is on PATH but does not run (pyenv's for an unselected
    # version) is passed over, and an absent version costs nothing.
    broken = tmp_path / "python9.9"
    broken.write_text("#!/bin/sh\nexit 127\n")
    broken.chmod(0o755)
    os.symlink(sys.executable, str(tmp_path / ("python" + version)))
    env = hidden_env(os.pathsep.join([str(tmp_path)] + list(SYSTEM_DIRS)))
    found = find_python(env, "9.9", version)
    assert found == str(tmp_path / ("python" + version))


def test_a_bare_machine_finds_no_versioned_python(bare_path):
    result = make(hidden_env(bare_path), "-s", "print-pythons")
    assert result.returncode == 0, result.stderr
    found = dict(line.split("=", 1) for line in result.stdout.split())
    assert found == {"LATEST_PYTHON": "", "OLDEST_PYTHON": "", "CORE_OLDEST_PYTHON": "", "CORE_NEWEST_PYTHON": ""}


@pytest.mark.parametrize(
    "target, reason",
    [
        ("sanity-newest", "SKIPPED: sanity on the newest ansible-core: no Python 3.12+ found on PATH or through pyenv"),
        ("sanity-oldest", "SKIPPED: compiling the modules with Python 3.9 (their declared floor): no Python 3.9 found"),
        (
            "test-core-oldest",
            ("SKIPPED: ansible-core 2.17 (roles, integration): no Python 3.10-3.12 found on PATH or through pyenv"),
        ),
        (
            "test-core-newest",
            "SKIPPED: the newest ansible-core (roles): no Python 3.12+ found on PATH or through pyenv",
        ),
    ],
)
def test_what_cannot_run_says_skipped_and_succeeds(bare_path, target, reason):
    result = make(hidden_env(bare_path), target)
    assert result.returncode == 0, "{0} failed without pyenv:\n{1}{2}".format(target, result.stdout, result.stderr)
    assert reason in result.stdout
    # It skipped: it built no venv and ran no test.
    assert not re.search(r"\bpassed\b|-m venv", result.stdout + result.stderr)


def test_the_first_readme_step_builds_a_venv_with_the_systems_python(bare_path, tmp_path):
    # `make test` starts with `python3 -m venv .venv`: the system's python3
    # must do that alone (Debian: python3-venv).
    env = hidden_env(bare_path)
    result = subprocess.run(
        ["python3", "-m", "venv", str(tmp_path / "venv")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert not under_pyenv(os.path.realpath(str(tmp_path / "venv" / "bin" / "python3")))
