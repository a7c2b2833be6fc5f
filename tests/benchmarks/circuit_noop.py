#!/usr/bin/env python3
"""Benchmark: the wall time of a no-op `circuit` task against the emulator.

Not a test: it reports figures.  Run with `make benchmark`.  It starts an
emulator, creates one circuit, then runs a playbook with N identical no-op
circuit tasks (and, as a baseline, N `ansible.builtin.ping` tasks on the same
host), and prints per-task wall times and the ARM requests each task made.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "emulator"))

from expressroute_emulator.fixture import Controls, start_emulator  # noqa: E402

PLAY = """
- hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{{{ ansible_playbook_python }}}}"
  tasks:
{tasks}
"""
CIRCUIT_TASK = """    - name: circuit no-op {i}
      hybridnet.expressroute.circuit:
        name: er-bench
        resource_group: rg-expressroute
        provider: Equinix
        peering_location: Amsterdam
        bandwidth_mbps: 1000
"""
PING_TASK = """    - name: ping {i}
      ansible.builtin.ping:
"""


def run_play(tasks, env, workdir, label):
    playbook = os.path.join(workdir, label + ".yml")
    with open(playbook, "w") as handle:
        handle.write(PLAY.format(tasks="".join(tasks)))
    timer = os.path.join(workdir, label + ".jsonl")
    env = dict(env, TASK_TIMER_FILE=timer, ANSIBLE_CALLBACKS_ENABLED="task_timer",
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"))
    started = time.perf_counter()
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
                    playbook], env=env, check=True, capture_output=True)
    total = time.perf_counter() - started
    with open(timer) as handle:
        return [json.loads(line)["seconds"] for line in handle], total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="tasks per playbook (default 10)")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="er-bench-")
    emulator = start_emulator(os.path.join(workdir, "state"))
    try:
        endpoint = emulator.endpoint()
        controls = Controls(endpoint)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_")}
        env.update(AZURE_SUBSCRIPTION_ID=endpoint["subscription_id"], AZURE_CLIENT_ID=endpoint["client_id"],
                   AZURE_SECRET=endpoint["client_secret"], AZURE_TENANT=endpoint["tenant_id"],
                   AZURE_CLOUD_ENVIRONMENT=endpoint["metadata_url"], AZURE_CA_BUNDLE=endpoint["ca_bundle"])
        run_play([CIRCUIT_TASK.format(i=0)], env, workdir, "create")
        mark = controls.request_count()
        circuit_times, circuit_total = run_play([CIRCUIT_TASK.format(i=i) for i in range(args.n)], env, workdir,
                                                "noop")
        requests = controls.requests(mark)
        ping_times, _ = run_play([PING_TASK.format(i=i) for i in range(args.n)], env, workdir, "ping")
    finally:
        emulator.stop()

    arm = [r for r in requests if r["path"].startswith("/subscriptions/")]
    report = {
        "tasks": args.n,
        "noop_circuit_task_seconds": {"median": round(statistics.median(circuit_times), 3),
                                      "min": round(min(circuit_times), 3), "max": round(max(circuit_times), 3)},
        "ping_task_seconds_baseline": {"median": round(statistics.median(ping_times), 3)},
        "playbook_seconds": round(circuit_total, 2),
        "requests_per_task": {
            "arm_get": len([r for r in arm if r["method"] == "GET"]) / args.n,
            "arm_write": len([r for r in arm if r["method"] != "GET"]) / args.n,
            "token": len([r for r in requests if r["path"].endswith("/oauth2/v2.0/token")]) / args.n,
            "other": len([r for r in requests if not r["path"].startswith("/subscriptions/")
                          and not r["path"].endswith("/oauth2/v2.0/token")]) / args.n,
        },
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
