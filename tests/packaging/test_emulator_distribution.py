"""The emulator as a product others install (issue 11, item 7): `make
emulator-dist` builds its wheel; pip installs it into a fresh virtual
environment with nothing of this checkout on the path; its console entry point
serves it; a plain SDK script and a pytest run using its plugin work against it."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from importlib import metadata

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SDK_SCRIPT = os.path.join(ROOT, "tests", "emulator", "examples", "plain_sdk_client.py")


def clean_env(**extra):
    """No PYTHONPATH (the Makefile's points at this checkout's emulator), no
    make jobserver of the calling make, no Ansible settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL") and not k.startswith("ANSIBLE_")
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("emulator-dist")
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "-C", ROOT, "emulator-dist", "EMULATOR_DIST=" + str(out)],
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out.glob("expressroute_emulator-*-py3-none-any.whl"))
    assert len(wheels) == 1, result.stdout
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    """A fresh venv: the wheel, and for the SDK script and the plugin check
    the SDK generation this test run uses (from pip's cache), and pytest."""
    path = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    pins = [
        "azure-mgmt-network=={0}".format(metadata.version("azure-mgmt-network")),
        "azure-identity=={0}".format(metadata.version("azure-identity")),
        "pytest",
    ]
    result = subprocess.run(
        [str(path / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)] + pins,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return path


def test_wheel_holds_the_emulator_its_entry_points_and_readme(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(info).decode()
        meta = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "expressroute_emulator/server.py" in names
    assert "expressroute_emulator/resources/circuits.py" in names
    assert not [n for n in names if "/tests/" in n or n.startswith(("tests/", "examples/"))]
    assert "expressroute-emulator = expressroute_emulator.__main__:main" in entry_points
    assert (
        "[pytest11]" in entry_points and "expressroute_emulator.fixture = expressroute_emulator.fixture" in entry_points
    )
    assert "Name: expressroute-emulator" in meta and "Requires-Dist: cryptography" in meta
    assert "# The ExpressRoute emulator" in meta  # the README is the long description


def test_installed_package_is_the_wheel_not_the_checkout(venv):
    shown = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import expressroute_emulator as e; print(e.__file__)"],
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=str(venv),
        check=True,
    ).stdout
    assert shown.startswith(str(venv)), shown


@pytest.fixture
def served(venv, tmp_path):
    state = tmp_path / "state"
    process = subprocess.Popen(
        [str(venv / "bin" / "expressroute-emulator"), "--state", str(state), "--port", "0"],
        env=clean_env(),
        cwd=str(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.time() + 30
    while not (state / "env.sh").exists():
        assert process.poll() is None, process.stdout.read()
        assert time.time() < deadline, "the installed emulator did not write env.sh in 30 s"
        time.sleep(0.1)
    yield state
    process.send_signal(signal.SIGTERM)
    process.wait(10)


def test_entry_point_serves_and_plain_sdk_script_runs(venv, served):
    endpoint = json.loads((served / "endpoint.json").read_text())
    assert endpoint["base_url"].startswith("https://127.0.0.1:")
    result = subprocess.run(
        [str(venv / "bin" / "python"), SDK_SCRIPT, str(served / "endpoint.json")],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "providers: Equinix, Megaport" in result.stdout
    assert "provider state: NotProvisioned" in result.stdout
    assert "400 PeeringLocationNotAvailable" in result.stdout


PLUGIN_USER_TEST = '''
def test_a_users_test_gets_an_emulator(emulator_endpoint, emulator_controls):
    assert emulator_controls.call("GET", "health")["status"] == "ok"
    assert emulator_endpoint["base_url"].startswith("https://127.0.0.1:")
'''


def test_pytest_plugin_is_loaded_by_its_entry_point(venv, tmp_path):
    """A user's test directory with no conftest.py: the fixtures come from the
    installed distribution's pytest11 entry point."""
    project = tmp_path / "user-project"
    project.mkdir()
    (project / "test_user.py").write_text(PLUGIN_USER_TEST)
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=str(project),
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_readme_molecule_scenario_converges_against_the_installed_emulator(venv, tmp_path):
    """The scenario tests/emulator/README.md tells users to copy into their
    own role's repository, run as they would (molecule test), with the
    emulator from the installed distribution."""
    project = tmp_path / "my-role"
    shutil.copytree(os.path.join(ROOT, "tests", "emulator", "examples", "molecule"), str(project / "molecule"))
    bin_dir = os.path.dirname(sys.executable)
    env = clean_env(
        EXPRESSROUTE_EMULATOR=str(venv / "bin" / "expressroute-emulator"),
        PATH=bin_dir + os.pathsep + os.environ["PATH"],
        MOLECULE_EPHEMERAL_DIRECTORY=str(tmp_path / "ephemeral"),
    )
    # The collection under test, as a user would have it installed.
    env["ANSIBLE_COLLECTIONS_PATH"] = os.environ["ANSIBLE_COLLECTIONS_PATH"]
    result = subprocess.run(
        [os.path.join(bin_dir, "molecule"), "test", "-s", "default"],
        cwd=str(project),
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-6000:]
    # molecule fails the run on a non-idempotent second converge; these show
    # that converge and verify really ran their tasks against the emulator.
    assert "TASK [Order a circuit]" in out and "TASK [It exists, with a service key for the provider]" in out
