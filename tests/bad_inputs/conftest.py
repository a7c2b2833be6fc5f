"""The bad-input corpus: every module, given inputs it must refuse, run as
Ansible runs it (its own process, arguments in a file, credentials only as
AZURE_* variables), against one emulator seeded with a provisioned circuit
so that refusals come from the module's rules, not from missing resources.

All cases run once, side by side, in a session fixture; each case is then
its own test, and one more test checks the emulator saw no write at all.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from cases import CASES, RG, SERVICE_KEY
from role_cases import ROLE_CASES

pytest_plugins = ["expressroute_emulator.fixture"]

# ARM's read-only actions are POSTs: the diagnostics' ARP and route tables.
READ_ACTIONS = re.compile(r"/(arpTables|routeTables|routeTablesSummary)/[^/]+$")
WORKERS = 3
MODULE_TIMEOUT = 45
ROLE_TIMEOUT = 120
HERE = os.path.dirname(os.path.abspath(__file__))


def azure_environment(endpoint):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "ANSIBLE_AZURE_"))}
    env.update(
        AZURE_SUBSCRIPTION_ID=endpoint["subscription_id"],
        AZURE_CLOUD_ENVIRONMENT=endpoint["metadata_url"],
        AZURE_CA_BUNDLE=endpoint["ca_bundle"],
        AZURE_CLIENT_ID=endpoint["client_id"],
        AZURE_SECRET=endpoint["client_secret"],
        AZURE_TENANT=endpoint["tenant_id"],
    )
    return env


def run_module(module, args, env, check_mode):
    """One module process, as Ansible's module runner starts it."""
    payload = {"ANSIBLE_MODULE_ARGS": dict(args, _ansible_check_mode=check_mode)}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(payload, handle)
    try:
        process = subprocess.run(
            [sys.executable, "-m", "ansible_collections.hybridnet.expressroute.plugins.modules." + module, handle.name],
            env=env,
            capture_output=True,
            text=True,
            timeout=MODULE_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        # Refusals take a second; a module still running went on to Azure.
        return {"failed": False, "msg": "", "_raw": "still running after {0} s: not refused".format(MODULE_TIMEOUT)}
    finally:
        os.unlink(handle.name)
    try:
        result = json.loads(process.stdout)
    except ValueError:
        result = {"failed": True, "msg": "(no JSON result)", "unparsed": True}
    result["_raw"] = process.stdout + process.stderr
    return result


def run_role(case, endpoint, env, workdir):
    """One role entry point, as ansible-playbook runs it, with the case's
    inventory host; the result is what a person reads: rc and output."""
    os.makedirs(workdir, exist_ok=True)
    inventory = os.path.join(workdir, "inventory.yml")
    with open(inventory, "w") as handle:
        yaml.safe_dump({"all": {"hosts": case.host_vars}}, handle)
    extra = {
        "corpus_entry_point": case.entry_point,
        "molecule_output_dir": os.path.join(workdir, "output"),
        "molecule_emulator": {k: v for k, v in endpoint.items() if k not in ("client_secret", "ad_password")},
        "ansible_connection": "local",
        "ansible_python_interpreter": sys.executable,
    }
    extra_file = os.path.join(workdir, "extra.json")
    with open(extra_file, "w") as handle:
        json.dump(extra, handle)
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    try:
        process = subprocess.run(
            [playbook, "-i", inventory, os.path.join(HERE, "role_entry.yml"), "-e", "@" + extra_file],
            env=dict(env, ANSIBLE_NOCOLOR="1"),
            capture_output=True,
            text=True,
            timeout=ROLE_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return {"failed": False, "msg": "", "_raw": "still running after {0} s: not refused".format(ROLE_TIMEOUT)}
    output = process.stdout + process.stderr
    return {"failed": process.returncode != 0, "msg": failure_messages(output), "_raw": output}


def failure_messages(output):
    """The msg of every failed task in ansible-playbook's output (what the
    person reads as the reason), joined."""
    messages = []
    for line in output.splitlines():
        if line.startswith(("fatal: [", "failed: [")) and "=> {" in line:
            try:
                messages.append(str(json.loads(line.split("=> ", 1)[1]).get("msg", "")))
            except ValueError:
                messages.append(line)
    return "\n".join(messages)


def with_service_key(args, service_key):
    return {k: (service_key if v == SERVICE_KEY else v) for k, v in args.items()}


def seed(controls, env):
    """Three provisioned circuits with private peerings, the first two joined
    by Global Reach (the third is free for new links), and a virtual network
    gateway: what most cases name. Returns the first circuit's service key."""

    def apply(module, **args):
        result = run_module(module, dict(args, resource_group=RG), env, check_mode=False)
        assert not result.get("failed"), result
        return result

    service_key = None
    # Global Reach joins circuits at different peering locations.
    for index, (name, where, region) in enumerate(
        (
            ("er-corpus", "Silicon Valley", "westus"),
            ("er-corpus-2", "Washington DC", "eastus"),
            ("er-corpus-3", "Chicago", "northcentralus"),
        )
    ):
        circuit = apply(
            "circuit",
            name=name,
            provider="Equinix",
            peering_location=where,
            tier="Premium",
            bandwidth_mbps=1000,
            location=region,
        )["circuit"]
        controls.provision(circuit["service_key"])
        service_key = service_key or circuit["service_key"]
        apply(
            "peering",
            circuit=name,
            peering_type="AzurePrivatePeering",
            peer_asn=65020,
            prefix="10.{0}.0.0/29".format((90, 98, 99)[index]),
            vlan_id=100,
        )
    # Premium: the circuits link to a West Europe gateway from US peering locations.
    # Named as the model roles' inputs name it, so their cases find what they expect.
    result = run_module(
        "gateway",
        dict(
            name="gw-hub-weu",
            resource_group="rg-network",
            virtual_network="vnet-hub-weu",
            sku="ErGw1AZ",
            location="westeurope",
        ),
        env,
        check_mode=False,
    )
    assert not result.get("failed"), result
    apply(
        "global_reach", circuit="er-corpus", name="gr-seed", peer_circuit="er-corpus-2", address_prefix="10.92.0.0/29"
    )
    # ExpressRoute Direct: a port the Direct cases name.
    apply("port", name="erd-corpus", peering_location="Equinix-Amsterdam-AM5", bandwidth_gbps=10, encapsulation="Dot1Q")
    return service_key


@pytest.fixture(scope="session")
def corpus(emulator_session, tmp_path_factory):
    from expressroute_emulator.fixture import Controls

    with open(os.path.join(emulator_session.state_dir, "endpoint.json")) as handle:
        endpoint = json.load(handle)
    controls = Controls(endpoint)
    controls.reset()
    env = azure_environment(endpoint)
    service_key = seed(controls, env)
    mark = controls.request_count()
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {
            case.id: pool.submit(
                run_module, case.module, with_service_key(case.args, service_key), env, case.check_mode
            )
            for case in CASES
        }
        roles = tmp_path_factory.mktemp("roles")
        futures.update(
            {case.id: pool.submit(run_role, case, endpoint, env, str(roles / case.id)) for case in ROLE_CASES}
        )
        results = {case_id: future.result() for case_id, future in futures.items()}
    requests = controls.requests(since=mark)
    writes = [
        r
        for r in requests
        if r["path"].startswith("/subscriptions/")
        and (
            r["method"] in ("PUT", "PATCH", "DELETE") or (r["method"] == "POST" and not READ_ACTIONS.search(r["path"]))
        )
    ]
    return {"results": results, "writes": writes}


def pytest_terminal_summary(terminalreporter):
    stats = terminalreporter.stats
    passed = [r for r in stats.get("passed", []) if "test_refused" in r.nodeid]
    failed = [r for r in stats.get("failed", []) if "test_refused" in r.nodeid]
    if passed or failed:
        terminalreporter.write_line(
            "bad-input corpus: {0} inputs ({1} to {2} modules, {3} to the 4 model roles' entry points); {4} refused "
            "with a clear message naming the input, {5} not; writes to Azure: see test_no_write_reached_azure".format(
                len(CASES) + len(ROLE_CASES),
                len(CASES),
                len({c.module for c in CASES}),
                len(ROLE_CASES),
                len(passed),
                len(failed),
            )
        )
