"""Jobs run the way AWX runs them: ansible-runner, a private data directory
holding the project, the inventory, the extra variables and env/envvars with
exactly what AWX's "Microsoft Azure Resource Manager" credential injects
(plus AZURE_CA_BUNDLE, which a credential of the "Azure private certificate
authority" type adds, for the emulator's CA), against the emulator, with the
collection installed from its built tarball as in the execution environment.

The job events (what AWX stores and shows) must hold no secret; the handoff
documents and router configurations must be written, mode 0600.
"""

import glob
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time

import ansible_runner
import pytest
import yaml
from expressroute_emulator.fixture import Controls, start_emulator

from awx_config import ROOT, by_name, launch, load_config

BIN = os.path.dirname(sys.executable)
PLAYBOOK = "playbooks/awx/expressroute.yml"
MD5_SURVEY = "AwxSurvey2026Md5"  # a survey's password answer
MD5_INVENTORY = "AwxInventory2026Md5"  # an inventory's host variable


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    server = start_emulator(tmp_path_factory.mktemp("emulator"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def endpoint(emulator):
    with open(os.path.join(emulator.state_dir, "endpoint.json")) as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def collections(tmp_path_factory):
    """The collection as the execution environment has it: built, then
    installed from the tarball."""
    work = tmp_path_factory.mktemp("collection")
    galaxy = os.path.join(BIN, "ansible-galaxy")
    result = subprocess.run(
        [galaxy, "collection", "build", "--output-path", str(work), ROOT], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (tarball,) = glob.glob(str(work / "hybridnet-expressroute-*.tar.gz"))
    result = subprocess.run(
        [galaxy, "collection", "install", "--force", "-p", str(work / "collections"), tarball],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "collections"


@pytest.fixture
def machine(monkeypatch):
    """The execution node's environment: ansible on PATH; no Azure settings,
    no collection path, nothing AWX would not give a job."""
    for name in list(os.environ):
        if name.startswith(("AZURE_", "ANSIBLE_AZURE_", "HYBRIDNET_")) or name in (
            "PYTHONPATH",
            "ANSIBLE_COLLECTIONS_PATH",
        ):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PATH", BIN + os.pathsep + os.environ["PATH"])


def azure_credential(endpoint, kind):
    """Exactly the environment AWX's azure_rm injector produces
    (awx/main/models/credential/injectors.py)."""
    env = {"AZURE_SUBSCRIPTION_ID": endpoint["subscription_id"], "AZURE_CLOUD_ENVIRONMENT": endpoint["metadata_url"]}
    if kind == "service_principal":
        env.update(
            AZURE_CLIENT_ID=endpoint["client_id"],
            AZURE_SECRET=endpoint["client_secret"],
            AZURE_TENANT=endpoint["tenant_id"],
        )
    else:
        env.update(AZURE_AD_USER=endpoint["ad_user"], AZURE_PASSWORD=endpoint["ad_password"])
    return env


def private_data_dir(path, endpoint, collections, kind, inventory, extra_vars):
    """What AWX hands ansible-runner for a job."""
    shutil.copytree(os.path.join(ROOT, "playbooks"), path / "project" / "playbooks")
    (path / "inventory").mkdir(parents=True)
    for name, content in inventory.items():
        (path / "inventory" / name).parent.mkdir(parents=True, exist_ok=True)
        (path / "inventory" / name).write_text(yaml.safe_dump(content))
    (path / "env").mkdir()
    # The private CA credential's file injector: the PEM in a file of the
    # private data directory, AZURE_CA_BUNDLE naming it.
    with open(endpoint["ca_bundle"]) as handle:
        (path / "env" / "ca_bundle").write_text(handle.read())
    envvars = dict(
        azure_credential(endpoint, kind),
        AZURE_CA_BUNDLE=str(path / "env" / "ca_bundle"),
        ANSIBLE_COLLECTIONS_PATH=str(collections),
    )
    (path / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    (path / "env" / "extravars").write_text(json.dumps(extra_vars))
    return envvars


class Job:
    def __init__(self, runner, seconds):
        self.runner, self.seconds = runner, seconds
        self.events = list(runner.events)
        self.stdout = runner.stdout.read()

    def assert_successful(self):
        assert (self.runner.status, self.runner.rc) == ("successful", 0), self.stdout[-6000:]

    def text(self):
        return self.stdout + "\n".join(json.dumps(event) for event in self.events)

    def artifact_data(self):
        (stats,) = [e for e in self.events if e["event"] == "playbook_on_stats"]
        return stats["event_data"].get("artifact_data", {})

    def assert_no_secret(self, secrets):
        text = self.text()
        for label, secret in secrets.items():
            assert secret and secret not in text, "{0} appears in the job's events".format(label)
        # The events and stdout as ansible-runner stored them for AWX.
        stored = os.path.join(self.runner.config.artifact_dir, "job_events")
        for name in os.listdir(stored) + ["../stdout"]:
            with open(os.path.join(stored, name)) as handle:
                content = handle.read()
            for label, secret in secrets.items():
                assert secret not in content, "{0} appears in {1}".format(label, name)

    def task_paths(self):
        return {e["event_data"].get("task_path", "") for e in self.events if e["event_data"].get("task_path")}


def run_job(path, playbook, ident):
    started = time.monotonic()
    runner = ansible_runner.run(private_data_dir=str(path), playbook=playbook, ident=ident, quiet=True)
    job = Job(runner, time.monotonic() - started)
    print("\n{0}: {1} in {2:.1f} s".format(ident, runner.status, job.seconds))
    return job


def routers_up(endpoint, circuit, prefixes):
    peering = (
        "/subscriptions/{0}/resourceGroups/rg-expressroute/providers/Microsoft.Network/expressRouteCircuits/"
        "{1}/peerings/AzurePrivatePeering".format(endpoint["subscription_id"], circuit)
    )
    Controls(endpoint).call(
        "POST", "peerings/routes", {"peering": peering, "session": "up", "routes": [{"network": p} for p in prefixes]}
    )


def files_written(directory):
    return {
        os.path.relpath(p, directory): stat.S_IMODE(os.stat(p).st_mode)
        for p in glob.glob(os.path.join(directory, "**"), recursive=True)
        if os.path.isfile(p)
    }


def emulator_values(emulator, key):
    """Every value of `key` the emulator holds (authorization keys, …)."""
    with open(os.path.join(emulator.state_dir, "state.json")) as handle:
        return re.findall(r'"{0}": "([^"]+)"'.format(key), handle.read())


def service_key(emulator, circuit):
    with open(os.path.join(emulator.state_dir, "state.json")) as handle:
        resources = json.load(handle)["resources"]
    (found,) = [r for i, r in resources.items() if i.endswith("/expressroutecircuits/" + circuit.lower())]
    return found["properties"]["serviceKey"]


def test_workflow_steps_with_the_service_principal_credential(emulator, endpoint, collections, machine, tmp_path):
    """The cloud exchange workflow, node by node: provision (the role's order
    entry point: ordered and handed off, the handoff in the job's artifacts),
    the provider provisions (the approval), peerings, the
    routers come up, verify (requiring routes on both paths)."""
    config = load_config()
    templates = by_name(config["controller_templates"])
    (workflow,) = [
        w for w in config["controller_workflows"] if w["extra_vars"]["expressroute_model"] == "cloud_exchange"
    ]
    output = tmp_path / "output"
    answers = {
        "cloud_exchange_circuit_name": "er-awx-01",
        "cloud_exchange_resource_group": "rg-expressroute",
        "cloud_exchange_provider": "Equinix",
        "cloud_exchange_peering_location": "Amsterdam",
        "cloud_exchange_bandwidth_mbps": 1000,
        "cloud_exchange_private_peering_peer_asn": 65020,
        "cloud_exchange_private_peering_prefix": "192.168.100.128/29",
        "cloud_exchange_private_peering_vlan_id": 100,
        "cloud_exchange_private_peering_shared_key": MD5_SURVEY,
        "cloud_exchange_private_peering_advertise": "10.1.0.0/16",
        "cloud_exchange_router_dialects": ["frr"],
        "cloud_exchange_verify_require_routes": "true",
    }
    # The workflow's survey answers and extra variables (the site mounts its
    # output volume elsewhere) reach every node, on top of the node's own.
    workflow_vars = dict(launch(workflow, answers), expressroute_output_dir=str(output))
    (host,) = config["controller_hosts"]
    inventory = {
        "hosts.yml": {
            "all": {
                "hosts": {host["name"]: {k: str(v) if isinstance(v, str) else v for k, v in host["variables"].items()}}
            }
        }
    }
    jobs = {}
    for step in ("provision", "peerings", "verify"):
        node_template = templates["ExpressRoute step {0}".format(step)]
        extra_vars = dict(node_template["extra_vars"], **workflow_vars)
        envvars = private_data_dir(tmp_path / step, endpoint, collections, "service_principal", inventory, extra_vars)
        jobs[step] = run_job(tmp_path / step, node_template["playbook"], "cloud-exchange-" + step)
        jobs[step].assert_successful()
        if step == "provision":
            # Ordered and handed off; Equinix has not provisioned it yet.
            handoff = jobs[step].artifact_data()["expressroute_handoff"]
            key = service_key(emulator, "er-awx-01")
            assert handoff["service_key"] == key
            assert handoff["circuit"]["name"] == "er-awx-01" and handoff["peerings"][0]["c_tag"] == 100
            assert "has not provisioned it yet" in jobs[step].stdout
            assert not os.path.exists(output / "er-awx-01" / "router-configs")
            # What the provider does with the service key (approval node: the person approves).
            Controls(endpoint).provision(key)
        if step == "peerings":
            # The routers, configured from the rendered files, bring both sessions up.
            routers_up(endpoint, "er-awx-01", ["10.1.0.0/16"])
    # Jobs ran the collection installed from its tarball.
    assert any(p.startswith(str(collections)) for p in jobs["peerings"].task_paths())
    written = files_written(output / "er-awx-01")
    assert {"handoff.md", "handoff.json", "diagram.mmd", "verification.md"} <= set(written)
    configs = [name for name in written if name.startswith("router-configs/") and name.endswith(".frr.cfg")]
    assert len(configs) == 2, written  # primary and secondary router
    assert set(written.values()) == {0o600}, written
    with open(output / "er-awx-01" / configs[0]) as handle:
        assert MD5_SURVEY in handle.read()  # the key went where it belongs, and only there
    for job in jobs.values():
        job.assert_no_secret({"client secret": envvars["AZURE_SECRET"], "MD5 key": MD5_SURVEY})


def test_inventory_job_with_the_user_credential(emulator, endpoint, collections, machine, tmp_path):
    """A job template on an inventory where each circuit is a host (as
    playbooks/inventories/ document), with AWX's Azure credential holding a
    user and password: point-to-point Ethernet through the provider API, its
    virtual network in another subscription (an authorization is created)."""
    output = tmp_path / "output"
    host_vars = {
        "ansible_connection": "local",
        "ansible_python_interpreter": "{{ ansible_playbook_python }}",
        "ansible_pipelining": True,
        "point_to_point_ethernet_circuit_name": "er-awx-02",
        "point_to_point_ethernet_resource_group": "rg-expressroute",
        "point_to_point_ethernet_provider": "Zayo Group",
        "point_to_point_ethernet_peering_location": "Silicon Valley",
        "point_to_point_ethernet_bandwidth_mbps": 1000,
        # West Europe is outside Silicon Valley's geopolitical region: Premium.
        "point_to_point_ethernet_sku_tier": "Premium",
        "point_to_point_ethernet_act_as_provider": True,
        "point_to_point_ethernet_provider_subscription_id": endpoint["provider_subscription_id"],
        "point_to_point_ethernet_provider_wait_retries": 5,
        "point_to_point_ethernet_provider_wait_delay": 2,
        "point_to_point_ethernet_private_peering": {
            "peer_asn": 65030,
            "prefix": "192.168.110.0/29",
            "vlan_id": 110,
            "shared_key": MD5_INVENTORY,
            "advertise": ["10.3.0.0/16"],
        },
        "point_to_point_ethernet_connections": [
            {
                "name": "conn-er-awx-02-spoke",
                "subscription_id": endpoint["second_subscription_id"],
                "gateway": "gw-spoke-weu",
                "gateway_resource_group": "rg-landingzone",
                "resource_group": "rg-landingzone",
                "create_gateway": True,
                "virtual_network": "vnet-spoke-weu",
                "gateway_sku": "ErGw1AZ",
            }
        ],
        "point_to_point_ethernet_router": {"dialects": ["iosxe"]},
        "point_to_point_ethernet_output_dir": str(output),
        "point_to_point_ethernet_verify": False,
    }
    inventory = {
        "hosts.yml": {"all": {"children": {"point_to_point_ethernet": {"hosts": {"er-awx-02": None}}}}},
        "host_vars/er-awx-02.yml": host_vars,
    }
    envvars = private_data_dir(tmp_path / "job", endpoint, collections, "user", inventory, {})
    assert "AZURE_CLIENT_ID" not in envvars and "AZURE_SECRET" not in envvars
    job = run_job(tmp_path / "job", "playbooks/point_to_point_ethernet.yml", "point-to-point-ethernet")
    job.assert_successful()
    authorization_keys = emulator_values(emulator, "authorizationKey")
    assert authorization_keys, "the cross-subscription connection should have redeemed an authorization"
    secrets = {"password": envvars["AZURE_PASSWORD"], "MD5 key": MD5_INVENTORY}
    secrets.update(("authorization key {0}".format(i), key) for i, key in enumerate(authorization_keys))
    job.assert_no_secret(secrets)
    written = files_written(output / "er-awx-02")
    assert {"handoff.md", "handoff.json", "diagram.mmd"} <= set(written)
    assert len([n for n in written if n.startswith("router-configs/") and n.endswith(".iosxe.cfg")]) == 2, written
    assert set(written.values()) == {0o600}, written
