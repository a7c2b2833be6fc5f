"""The connectivity-model roles on the demo inventory (one circuit per model),
through playbooks/site.yml, against the emulator:

- in check mode on an empty subscription every circuit's role runs to the end
  and prints one plan summary per circuit, with nothing written (issue 13
  item 7), acting as the provider or not;
- a no-op run reads each resource once, and the provider catalog not at all
  (issue 13 item 2, issue 15 item 2).

What reached Azure is taken from the emulator's request log."""

import collections
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import azure_environment, clean_environment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INVENTORY = os.path.join(ROOT, "playbooks", "inventories", "demo")
SITE = os.path.join(ROOT, "playbooks", "site.yml")
PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
# Inventory host -> its circuit (an ExpressRoute Direct host is the port pair, with its circuit on it).
CIRCUITS = {
    "er-demo-exchange": "er-demo-exchange",
    "er-demo-ethernet": "er-demo-ethernet",
    "er-demo-ipvpn": "er-demo-ipvpn",
    "erdirect-demo-ams": "er-demo-direct",
}
# What a circuit's later steps wait for: the circuit, or for a circuit on a Direct port, the port pair.
ONCE = {circuit: "once circuit {0} exists".format(circuit) for circuit in CIRCUITS.values()}
ONCE["er-demo-direct"] = "once port pair erdirect-demo-ams exists"
MODELS = ("cloud_exchange", "point_to_point_ethernet", "ipvpn")
PLAN = re.compile(
    r"Plan for circuit (\S+): (\d+) to create, (\d+) to change, (\d+) unchanged, "
    r"(\d+) once what they need exists\."
)


def site(endpoint, output_dir, args=(), env_extra=None):
    env = clean_environment()
    env.update(azure_environment(endpoint))
    env.update(
        HYBRIDNET_PROVIDER_SUBSCRIPTION_ID=endpoint["provider_subscription_id"],
        HYBRIDNET_SECOND_SUBSCRIPTION_ID=endpoint["second_subscription_id"],
        HYBRIDNET_DEMO_OUTPUT=str(output_dir),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
    )
    env.update(env_extra or {})
    result = subprocess.run(
        [PLAYBOOK, "-i", INVENTORY, SITE] + list(args), env=env, capture_output=True, text=True, timeout=1200
    )
    result.output = result.stdout + result.stderr
    return result


def recap(output):
    """{host: {ok, changed, failed, ...}} from the PLAY RECAP."""
    hosts = {}
    for host, counts in re.findall(r"^(\S+)\s+:\s+(ok=.*)$", output, re.M):
        hosts[host] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", counts)}
    return hosts


def arm(requests):
    """ARM requests only (not the token or metadata ones)."""
    return [r for r in requests if r["path"].startswith("/subscriptions/")]


def writes(requests):
    return [(r["method"], r["path"]) for r in arm(requests) if r["method"] != "GET"]


def gets_per_path(requests):
    return collections.Counter(r["path"] for r in arm(requests) if r["method"] == "GET")


@pytest.mark.parametrize("as_provider", [True, False], ids=["acting_as_provider", "provider_separate"])
def test_site_check_mode_plans_every_circuit_on_an_empty_subscription(
    emulator_endpoint, emulator_controls, tmp_path, as_provider
):
    output_dir = tmp_path / "output"
    args = ["--check", "--diff"]
    if not as_provider:
        # The provider provisions the circuit (and, in managed Layer 3, configures the peerings) on its own.
        args += ["-e", "{" + ", ".join('"{0}_act_as_provider": false'.format(m) for m in MODELS) + "}"]
    emulator_controls.clear_requests()
    result = site(emulator_endpoint, output_dir, args)

    assert result.returncode == 0, result.output[-8000:]
    hosts = recap(result.output)
    assert sorted(hosts) == sorted(CIRCUITS), result.output[-4000:]
    for host in CIRCUITS:
        assert hosts[host]["failed"] == 0 and hosts[host]["unreachable"] == 0, result.output[-8000:]
    # One plan summary per circuit, the circuit to create and what needs it planned ("would ... once ...").
    plans = {}
    for match in PLAN.finditer(result.output):
        assert match.group(1) not in plans, "two plans for " + match.group(1)
        plans[match.group(1)] = [int(n) for n in match.groups()[1:]]
    assert sorted(plans) == sorted(CIRCUITS.values()), result.output[-8000:]
    for circuit, (create, change, unchanged, later) in plans.items():
        # Nothing exists yet: nothing to change or leave alone; the circuit or its port pair, and the gateway, to
        # create; the peerings, the connection and the router configuration once the circuit (or port) exists.
        assert create >= 2 and change == 0 and unchanged == 0 and later >= 3, (circuit, plans[circuit])
        first = "port pair erdirect-demo-ams" if circuit == "er-demo-direct" else "circuit " + circuit
        assert '"{0}: create"'.format(first) in result.output, result.output[-8000:]
        assert "would be created {0}".format(ONCE[circuit]) in result.output, result.output[-8000:]
    # The port pair's circuit and its Letter of Authorization wait for Azure to allocate the ports.
    assert '"circuit er-demo-direct: would be created once port pair erdirect-demo-ams exists"' in result.output
    assert "loa.pdf: would be written once port pair erdirect-demo-ams exists" in result.output, result.output[-8000:]
    provisioning = {
        True: "would be provisioned through the provider API once circuit er-demo-ipvpn exists",
        False: "would wait for AT&T NetBond to provision it (with the service key in the handoff) "
        "once circuit er-demo-ipvpn exists",
    }[as_provider]
    assert provisioning in result.output, result.output[-8000:]
    if not as_provider:
        # Managed Layer 3 without acting as the provider: AT&T configures the private peering.
        assert '"private peering (VLAN 50): configured by AT&T NetBond"' in result.output, result.output[-8000:]
    # Zero writes: only reads reached Azure, and nothing was written to the output directory.
    assert writes(emulator_controls.requests()) == []
    assert not output_dir.exists() or not any(output_dir.rglob("*")), list(output_dir.rglob("*"))


def test_no_op_run_reads_each_resource_once(emulator_endpoint, emulator_controls, tmp_path):
    output_dir = tmp_path / "output"
    emulator_controls.clear_requests()
    first = site(emulator_endpoint, output_dir)
    assert first.returncode == 0, first.output[-8000:]
    catalog_reads = [
        p for p, n in gets_per_path(emulator_controls.requests()).items() if "/expressRouteServiceProviders" in p
    ]
    assert catalog_reads, "the first run (new circuits) checks the order against the provider catalog"

    mark = emulator_controls.request_count()
    calls_file = tmp_path / "module_calls.json"
    second = site(
        emulator_endpoint,
        output_dir,
        env_extra={
            "MODULE_CALLS_FILE": str(calls_file),
            "ANSIBLE_CALLBACKS_ENABLED": "module_calls",
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(os.path.dirname(os.path.abspath(__file__)), "callback_plugins"),
        },
    )
    assert second.returncode == 0, second.output[-8000:]
    hosts = recap(second.output)
    assert sorted(hosts) == sorted(CIRCUITS)
    assert all(counts["changed"] == 0 and counts["failed"] == 0 for counts in hosts.values()), hosts
    requests = emulator_controls.requests(since=mark)
    assert writes(requests) == []
    gets = gets_per_path(requests)
    # The catalog only for a circuit that does not exist yet.
    assert [p for p in gets if "/expressRouteServiceProviders" in p] == []
    # One GET per resource: the circuit (with its peerings), each peering, the route filter, each gateway,
    # connection and authorization, each cross-connection; the provider finds a circuit's cross-connection by its
    # service key through one list of its subscription, so that list is read once per circuit.
    cross_connections = "/subscriptions/{0}/providers/Microsoft.Network/expressRouteCrossConnections".format(
        emulator_endpoint["provider_subscription_id"]
    )
    provider_circuits = [host for host in CIRCUITS if not host.startswith("erdirect")]
    assert gets.pop(cross_connections, 0) == len(provider_circuits), requests
    # The IPVPN and the Direct circuits link to one gateway (gw-hub-neu): each circuit's role reads it once.
    shared_gateway = [p for p in gets if p.endswith("/virtualNetworkGateways/gw-hub-neu")]
    assert len(shared_gateway) == 1 and gets.pop(shared_gateway[0]) == 2, sorted(gets.items())
    assert {path: n for path, n in gets.items() if n != 1} == {}, sorted(gets.items())
    for circuit in CIRCUITS.values():
        assert any(p.endswith("/expressRouteCircuits/" + circuit) for p in gets), sorted(gets)
    calls = json.loads(calls_file.read_text())
    # Nor does it write a file: router configurations, handoffs and reports are compared in memory with what is on
    # disk (one find per directory), not stat-ed and re-templated one by one.
    assert {host: m for host, per in calls.items() for m in per if m.startswith("ansible.builtin.")} == {}, calls
    calls = {
        host: {m: n for m, n in per.items() if not m.startswith("ansible.builtin.")} for host, per in calls.items()
    }
    print(
        "\nno-op role run (demo inventory): "
        + "; ".join("{0}: {1} module calls".format(host, sum(calls[host].values())) for host in CIRCUITS)
        + "; {0} HTTP requests, {1} ARM GETs in all".format(len(requests), len(arm(requests)))
    )
    for host in CIRCUITS:
        print("  {0}: {1}".format(host, dict(sorted(calls[host].items()))))
