#!/usr/bin/env python3
"""make benchmark: figures (not a test) for issue 15, against the emulator.

1. per-task no-op wall time of each module against ``ansible.builtin.ping``,
   on the classic path and through the module server;
2. requests per no-op task, by kind (ARM, token, discovery);
3. ``make demo``'s first and second run (fresh emulator state);
4. a scale run: N circuits (each with private peering and a connection to
   one gateway) converged with forks, then re-run; wall time, requests and
   control-node CPU (ansible-playbook, the module processes and the module
   server; not the emulator) per circuit, at N and N/2.

Timings on a shared machine are noisy: medians of several tasks are printed,
and the figures are for comparing paths in one run, not across machines.
"""

import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from expressroute_emulator.fixture import Controls, start_emulator  # noqa: E402

PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
RG = "rg-expressroute"
HEAD = """
- hosts: {hosts}
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{{{ ansible_playbook_python }}}}"
  tasks:
"""
CIRCUIT = dict(
    name="er-bench", resource_group=RG, provider="Equinix", peering_location="Amsterdam", bandwidth_mbps=1000
)
PEERING = dict(
    circuit="er-bench",
    resource_group=RG,
    peering_type="AzurePrivatePeering",
    peer_asn=65020,
    prefix="192.168.100.128/29",
    vlan_id=100,
    shared_key="BenchKey2026",
)
GATEWAY = dict(name="gw-bench", resource_group="rg-network", virtual_network="vnet-hub-weu", sku="ErGw1AZ")
# One no-op task per module (the setup play creates what they find).
NOOP_MODULES = [
    ("circuit", CIRCUIT),
    ("peering", PEERING),
    ("authorization", dict(circuit="er-bench", resource_group=RG, name="bench-auth")),
    (
        "connection",
        dict(
            name="conn-bench", resource_group="rg-network", gateway="gw-bench", peer="er-bench", peer_resource_group=RG
        ),
    ),
    ("gateway", GATEWAY),
    ("circuit_info", dict(name="er-bench", resource_group=RG)),
    ("peering_info", dict(circuit="er-bench", resource_group=RG)),
    ("authorization_info", dict(circuit="er-bench", resource_group=RG)),
    ("connection_info", dict(name="conn-bench", resource_group="rg-network")),
    ("gateway_info", dict(name="gw-bench", resource_group="rg-network")),
    ("service_provider_info", dict()),
]
SERVER_MODES = ("off", "auto")


def task(module, args, name=None):
    text = "    - name: {0}\n      {1}:\n".format(
        name or module, module if "." in module else "hybridnet.expressroute." + module
    )
    for key, value in args.items():
        text += "        {0}: {1}\n".format(key, json.dumps(value))
    return text


class Bench:
    def __init__(self, workdir, forks=5, networks=0):
        self.workdir = workdir
        self.forks = forks
        self.emulator = start_emulator(os.path.join(workdir, "state"), config_overrides=_bench_networks(networks))
        self.endpoint = self.emulator.endpoint()
        self.controls = Controls(self.endpoint)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "HYBRIDNET_ER_"))}
        env.update(
            AZURE_SUBSCRIPTION_ID=self.endpoint["subscription_id"],
            AZURE_CLIENT_ID=self.endpoint["client_id"],
            AZURE_SECRET=self.endpoint["client_secret"],
            AZURE_TENANT=self.endpoint["tenant_id"],
            AZURE_CLOUD_ENVIRONMENT=self.endpoint["metadata_url"],
            AZURE_CA_BUNDLE=self.endpoint["ca_bundle"],
        )
        self.env = env
        self.count = 0

    def stop(self):
        self.emulator.stop()

    def play(self, tasks, mode, hosts="localhost", inventory="localhost,", timer=False, playbook=PLAYBOOK, env=None):
        """Run a play; (per-task seconds, wall, requests, control-node CPU)."""
        self.count += 1
        path = os.path.join(self.workdir, "play-{0}.yml".format(self.count))
        with open(path, "w") as handle:
            handle.write(HEAD.format(hosts=hosts) + "".join(tasks))
        env = dict(
            env or self.env,
            HYBRIDNET_ER_MODULE_SERVER=mode,
            HYBRIDNET_ER_MODULE_SERVER_DIR=os.path.join(self.workdir, "server-" + mode),
        )
        timer_file = os.path.join(self.workdir, "timer-{0}.jsonl".format(self.count))
        if timer:
            env.update(
                TASK_TIMER_FILE=timer_file,
                ANSIBLE_CALLBACKS_ENABLED="task_timer",
                ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
            )
        mark = self.controls.request_count()
        cpu = _children_cpu() + _server_cpu(env["HYBRIDNET_ER_MODULE_SERVER_DIR"])
        started = time.perf_counter()
        result = subprocess.run(
            [playbook, "-i", inventory, "-f", str(self.forks), path], env=env, capture_output=True, text=True
        )
        wall = time.perf_counter() - started
        cpu = _children_cpu() + _server_cpu(env["HYBRIDNET_ER_MODULE_SERVER_DIR"]) - cpu
        if result.returncode != 0:
            raise SystemExit("play failed:\n" + (result.stdout + result.stderr)[-4000:])
        times = []
        if timer:
            with open(timer_file) as handle:
                times = [json.loads(line)["seconds"] for line in handle]
        return times, wall, self.controls.requests(mark), cpu


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _server_cpu(directory):
    """CPU of the module server (and its finished forks): it is not a child
    of ansible-playbook, so RUSAGE_CHILDREN does not see it."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in _server_pids(directory):
        try:
            with open("/proc/{0}/stat".format(pid), "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
        except (OSError, ValueError):
            pass
    return total


def _server_pids(directory):
    """The module servers started for ``directory`` (their command line names it)."""
    pids = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/{0}/cmdline".format(entry), "rb") as handle:
                if directory.encode() in handle.read():
                    pids.append(int(entry))
        except OSError:
            pass
    return pids


# At most 4 circuits from one peering location link to one virtual network
# (ExpressRoute limits: "Number of ExpressRoute circuits from the same peering
# location that can connect to the same virtual network", 4), one gateway per
# virtual network: the scale runs get networks of their own, 4 circuits each.
PER_GATEWAY = 4


def networks_needed(scale):
    """Networks for the scale runs: N/2 and N circuits, each on both paths."""
    return sum(2 * -(-n // PER_GATEWAY) for n in (scale // 2, scale))


def _bench_networks(count):
    import copy

    from expressroute_emulator.config import DEFAULTS

    subscriptions = copy.deepcopy(DEFAULTS["subscriptions"])
    networks = subscriptions[0]["virtual_networks"]
    for i in range(count):
        networks.append(
            {
                "resource_group": "rg-network",
                "name": "vnet-bench-{0:02d}".format(i),
                "location": "westeurope",
                "address_prefixes": ["10.{0}.0.0/16".format(100 + i)],
                "subnets": [{"name": "GatewaySubnet", "address_prefix": "10.{0}.255.0/27".format(100 + i)}],
            }
        )
    return {"subscriptions": subscriptions}


def kinds(requests, per=1):
    counted = {"arm_get": 0, "arm_write": 0, "token": 0, "discovery": 0}
    for request in requests:
        path = request["path"]
        if path.startswith("/subscriptions/"):
            counted["arm_get" if request["method"] == "GET" else "arm_write"] += 1
        elif path.endswith("/oauth2/v2.0/token"):
            counted["token"] += 1
        else:
            counted["discovery"] += 1
    return {k: round(v / per, 2) for k, v in counted.items()}


def setup_noop_resources(bench):
    tasks = [task("circuit", CIRCUIT, "circuit"), task("gateway", GATEWAY, "gateway")]
    bench.play(tasks, "off")
    bench.controls.provision(_service_key(bench))
    bench.play([task(m, a) for m, a in NOOP_MODULES[1:4]], "off")


def _service_key(bench):
    bench.play(
        [
            task("circuit_info", dict(name="er-bench", resource_group=RG)).replace(
                "    - name: circuit_info\n", "    - name: circuit_info\n      register: found\n"
            ),
            "    - ansible.builtin.copy: {{content: '{{{{ found.circuits[0].service_key }}}}', dest: '{0}', "
            "mode: '0600'}}\n".format(os.path.join(bench.workdir, "service_key")),
        ],
        "off",
    )
    with open(os.path.join(bench.workdir, "service_key")) as handle:
        return handle.read().strip()


def noop_figures(bench, tasks_per_module):
    """Median per-task wall of each module's no-op task and requests per
    task, per path; ping on the same host as the floor."""
    ping, _, _, _ = bench.play(
        [task("ansible.builtin.ping", {}, "ping {0}".format(i)) for i in range(tasks_per_module)], "off", timer=True
    )
    rows = {"ansible.builtin.ping": {"median_s": round(statistics.median(ping), 3)}}
    for mode in SERVER_MODES:
        # A first task starts the server (and gets the token): not counted.
        bench.play([task("circuit_info", dict(name="er-bench", resource_group=RG))], mode)
        for module, args in NOOP_MODULES:
            times, _, requests, _ = bench.play(
                [task(module, args, "{0} {1}".format(module, i)) for i in range(tasks_per_module)], mode, timer=True
            )
            row = rows.setdefault(module, {})
            row["median_s_" + mode] = round(statistics.median(times), 3)
            row["requests_per_task_" + mode] = kinds(requests, tasks_per_module)
    floor = rows["ansible.builtin.ping"]["median_s"]
    for module, row in rows.items():
        if module != "ansible.builtin.ping":
            row["over_ping_s_auto"] = round(row["median_s_auto"] - floor, 3)
    return rows


def demo_figures(mode):
    state = tempfile.mkdtemp(prefix="er-bench-demo-")
    env = dict(
        os.environ, HYBRIDNET_ER_MODULE_SERVER=mode, HYBRIDNET_ER_MODULE_SERVER_DIR=os.path.join(state, "server")
    )
    walls = []
    for _ in range(2):
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                os.path.join(ROOT, "scripts", "demo.py"),
                "--state",
                os.path.join(state, "emulator"),
                "--output",
                os.path.join(state, "output"),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        walls.append(round(time.perf_counter() - started, 1))
        if result.returncode != 0:
            raise SystemExit("make demo failed:\n" + result.stdout[-3000:] + result.stderr[-2000:])
    second_changed = "No change" in result.stdout
    return {"first_run_s": walls[0], "second_run_s": walls[1], "second_run_changed_nothing": second_changed}


SCALE_TASKS = """
    - hybridnet.expressroute.circuit:
        name: "{{ inventory_hostname }}"
        resource_group: rg-expressroute
        provider: Equinix
        peering_location: Amsterdam
        bandwidth_mbps: 1000
      register: circuit
    - ansible.builtin.uri:
        url: "{{ emulator_url }}/_emulator/provider/provision"
        method: POST
        body_format: json
        body: {service_key: "{{ circuit.circuit.service_key }}", state: Provisioned}
        ca_path: "{{ emulator_ca }}"
      when: circuit.circuit.service_provider_provisioning_state != 'Provisioned'
    - hybridnet.expressroute.peering:
        circuit: "{{ inventory_hostname }}"
        resource_group: rg-expressroute
        peering_type: AzurePrivatePeering
        peer_asn: 65020
        prefix: "{{ '10.%d.%d.0/29' % (index | int // 200, index | int % 200) }}"
        vlan_id: "{{ 100 + index | int }}"
    - hybridnet.expressroute.connection:
        name: "conn-{{ inventory_hostname }}"
        resource_group: rg-network
        gateway: "{{ gateway }}"
        peer: "{{ inventory_hostname }}"
        peer_resource_group: rg-expressroute
"""


def stop_servers(directory):
    """Stop the module servers of ``directory`` (removing its socket is the
    documented way) and wait until they have gone."""
    sockets = glob.glob(os.path.join(directory, "server-*.sock"))
    for path in sockets:
        os.unlink(path)
    deadline = time.monotonic() + 15
    while sockets and time.monotonic() < deadline and _server_pids(directory):
        time.sleep(0.1)


def scale_figures(bench, n, mode, first_network):
    """(figures, networks used). The gateways are made beforehand, untimed."""
    gateways = ["gw-scale-{0}-{1}-{2}".format(n, mode, k) for k in range((n + PER_GATEWAY - 1) // PER_GATEWAY)]
    bench.play(
        [
            task(
                "gateway",
                dict(
                    name=g,
                    resource_group="rg-network",
                    sku="ErGw3AZ",
                    virtual_network="vnet-bench-{0:02d}".format(first_network + k),
                ),
            )
            for k, g in enumerate(gateways)
        ],
        "off",
    )
    inventory = os.path.join(bench.workdir, "scale-{0}-{1}.ini".format(n, mode))
    with open(inventory, "w") as handle:
        handle.write("[circuits]\n")
        for i in range(n):
            handle.write(
                "er-scale-{0}-{1}-{2:03d} index={2} gateway={3}\n".format(n, mode, i, gateways[i // PER_GATEWAY])
            )
        handle.write(
            "[circuits:vars]\nemulator_url={0}\nemulator_ca={1}\n".format(
                bench.endpoint["base_url"], bench.endpoint["ca_bundle"]
            )
        )
    # Every converge starts as a new run would, with no module server yet
    # (one left from an earlier part, warm or not, would favour one N).
    stop_servers(os.path.join(bench.workdir, "server-" + mode))
    figures = {}
    for run in ("converge", "rerun"):
        _, wall, requests, cpu = bench.play([SCALE_TASKS], mode, hosts="circuits", inventory=inventory)
        arm = [r for r in requests if not r["path"].startswith("/_emulator")]
        figures[run] = {
            "wall_s": round(wall, 1),
            "wall_s_per_circuit": round(wall / n, 3),
            "cpu_s_per_circuit": round(cpu / n, 3),
            "requests_per_circuit": kinds(arm, n),
        }
    return figures, len(gateways)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5, help="no-op tasks per module (default 5)")
    parser.add_argument("--scale", type=int, default=50, help="circuits in the scale run (default 50; 0: skip)")
    parser.add_argument("--forks", type=int, default=5)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--only", choices=["noop", "demo", "scale"])
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="er-bench-")
    bench = Bench(workdir, forks=args.forks, networks=networks_needed(args.scale))
    report = {}
    try:
        setup_noop_resources(bench)
        if args.only in (None, "noop"):
            report["noop_task"] = noop_figures(bench, args.tasks)
            _print("no-op task per module (median s; requests per task by kind)", report["noop_task"])
        if args.scale and args.only in (None, "scale"):
            report["scale"] = {}
            network = 0
            for n in (args.scale // 2, args.scale):
                for mode in SERVER_MODES:
                    key = "N={0} {1}".format(n, "module server" if mode == "auto" else "classic")
                    report["scale"][key], used = scale_figures(bench, n, mode, network)
                    network += used
                    _print("scale " + key, report["scale"][key])
    finally:
        bench.stop()
    if not args.skip_demo and args.only in (None, "demo"):
        report["demo"] = {mode: demo_figures(mode) for mode in SERVER_MODES}
        _print("make demo (first and second run)", report["demo"])
    print(json.dumps(report, indent=2))


def _print(title, figures):
    sys.stderr.write("\n== {0}\n{1}\n".format(title, json.dumps(figures, indent=1)))
    sys.stderr.flush()


if __name__ == "__main__":
    main()
