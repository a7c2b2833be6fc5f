"""pytest fixtures and a small client for the emulator's test controls.

Use from a conftest.py::

    pytest_plugins = ["expressroute_emulator.fixture"]

``emulator`` is one emulator per test session (reset before each test that
asks for it); ``emulator_endpoint`` is its endpoint.json as a dict.
"""

import json
import os
import ssl
import urllib.request

import pytest

from .server import Emulator


class Controls:
    """The /_emulator/ API, for tests and benchmarks."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.base_url = endpoint["base_url"]
        self._tls = ssl.create_default_context(cafile=endpoint["ca_bundle"])

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base_url + "/_emulator/" + path.lstrip("/"),
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, context=self._tls, timeout=30) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def requests(self, since=0):
        return self.call("GET", "requests?since={0}".format(since))["requests"]

    def request_count(self):
        return self.call("GET", "requests?since=0")["count"]

    def clear_requests(self):
        self.call("DELETE", "requests")

    def fault(self, **spec):
        return self.call("POST", "faults", spec)

    def clear_faults(self):
        self.call("DELETE", "faults")

    def reset(self):
        self.call("POST", "reset")

    def configure(self, **settings):
        return self.call("POST", "config", settings)

    def provision(self, service_key, state="Provisioned", notes=None):
        body = {"service_key": service_key, "state": state}
        if notes is not None:
            body["notes"] = notes
        return self.call("POST", "provider/provision", body)

    def validate_prefixes(self, peering_id):
        """What Microsoft does once the owner has proved its Microsoft
        peering's advertised prefixes: ValidationNeeded -> Configured."""
        return self.call("POST", "peerings/validate-prefixes", {"peering": peering_id})


def start_emulator(state_dir, **kwargs):
    emulator = Emulator(str(state_dir), port=0, **kwargs)
    emulator.start(background=True)
    return emulator


@pytest.fixture(scope="session")
def emulator_session(tmp_path_factory):
    state = tmp_path_factory.mktemp("emulator-state")
    emulator = start_emulator(state)
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(emulator_session):
    controls = Controls(emulator_session.endpoint())
    controls.reset()
    yield emulator_session


@pytest.fixture
def emulator_endpoint(emulator):
    with open(os.path.join(emulator.state_dir, "endpoint.json")) as handle:
        return json.load(handle)


@pytest.fixture
def emulator_controls(emulator_endpoint):
    return Controls(emulator_endpoint)
