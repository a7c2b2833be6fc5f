"""The emulator as a user starts it (``make emulator`` runs this command),
and a plain SDK script against it: issue acceptance, end to end."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
EMULATOR_ROOT = os.path.dirname(HERE)


@pytest.fixture
def served(tmp_path):
    state = tmp_path / "x"
    env = dict(os.environ, PYTHONPATH=EMULATOR_ROOT)
    process = subprocess.Popen(
        [sys.executable, "-m", "expressroute_emulator", "--state", str(state), "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.time() + 30
    while not (state / "endpoint.json").exists():  # written last: the emulator is ready
        assert process.poll() is None, process.stdout.read()
        assert time.time() < deadline, "the emulator did not write endpoint.json in 30 s"
        time.sleep(0.1)
    yield state, process
    process.send_signal(signal.SIGTERM)
    process.wait(10)


def test_foreground_server_writes_endpoint_and_env(served):
    state, process = served
    endpoint = json.loads((state / "endpoint.json").read_text())
    for field in (
        "base_url",
        "ca_bundle",
        "metadata_url",
        "authority_host",
        "tenant_id",
        "client_id",
        "client_secret",
        "subscription_id",
        "provider_subscription_id",
    ):
        assert endpoint[field], field
    assert endpoint["base_url"].startswith("https://127.0.0.1:")
    env = (state / "env.sh").read_text()
    for variable in (
        "AZURE_SUBSCRIPTION_ID",
        "AZURE_CLIENT_ID",
        "AZURE_SECRET",
        "AZURE_TENANT",
        "AZURE_CLOUD_ENVIRONMENT",
        "AZURE_CA_BUNDLE",
    ):
        assert "export {0}=".format(variable) in env
    # Sourcing env.sh gives a shell exactly these values.
    shown = subprocess.run(
        ["bash", "-c", ". {0}/env.sh && echo $AZURE_SUBSCRIPTION_ID $AZURE_CLOUD_ENVIRONMENT".format(state)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == [endpoint["subscription_id"], endpoint["metadata_url"]]


def test_plain_sdk_script_against_the_served_emulator(served):
    state, _ = served
    script = os.path.join(EMULATOR_ROOT, "examples", "plain_sdk_client.py")
    result = subprocess.run(
        [sys.executable, script, str(state / "endpoint.json")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "providers: Equinix, Megaport" in out
    key = [line for line in out.splitlines() if line.startswith("service key:")][0].split(": ")[1]
    assert len(key) == 36 and key != "00000000-0000-0000-0000-000000000000"
    assert "provider state: NotProvisioned" in out
    refused = [line for line in out.splitlines() if line.startswith("refused:")][0]
    assert "400 PeeringLocationNotAvailable" in refused and "Amsterdam" in refused and "Silicon Valley" in refused


def test_the_sdk_generation_under_test_is_the_one_asked_for():
    """`make test-emulator` runs this suite twice; this pins which SDK each
    run really used (their model layers differ, arm_expressroute.md §0)."""
    from azure.mgmt.network import VERSION

    expected = os.environ.get("EXPECTED_SDK_MAJOR")
    if expected is None:
        pytest.skip("EXPECTED_SDK_MAJOR not set (set by make test-emulator)")
    assert VERSION.split(".")[0] == expected


def test_env_sh_points_at_the_new_port_before_endpoint_json_says_ready(tmp_path, monkeypatch):
    """A launcher (make demo, the fixture) waits for endpoint.json naming the
    new process, then sources env.sh: on a restart over old state, env.sh must
    already be the new one, or the playbooks talk to the old, closed port."""
    from expressroute_emulator import server

    written = []
    write = server._write_private

    def recording(path, text):
        written.append(os.path.basename(path))
        write(path, text)

    monkeypatch.setattr(server, "_write_private", recording)
    emulator = server.Emulator(str(tmp_path / "state")).start()
    try:
        assert written == ["env.sh", "endpoint.json"]
        port = json.loads((tmp_path / "state" / "endpoint.json").read_text())["base_url"].rsplit(":", 1)[1]
        assert (
            "HYBRIDNET_EMULATOR_URL=https://127.0.0.1:{0}\n".format(port) in (tmp_path / "state" / "env.sh").read_text()
        )
    finally:
        emulator.stop()
