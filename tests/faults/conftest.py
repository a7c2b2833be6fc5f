"""The fault matrix's plumbing: one emulator per pytest-xdist worker (reset
before each scenario), ansible-playbook runs against it, and the matrix table
in the terminal summary."""

import copy
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from expressroute_emulator.fixture import Controls, start_emulator

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
PLAY = os.path.join(HERE, "play.yml")
INVENTORY = os.path.join(HERE, "..", "integration", "inventory.ini")
_RECAP = re.compile(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


class Run:
    """One ansible-playbook run: whether it succeeded, its output, the
    failed task's message and, for ``passes: 2``, the changed tasks of the
    second pass."""

    def __init__(self, returncode, output, seconds, timed_out=False):
        self.returncode = returncode
        self.output = output
        self.seconds = seconds
        self.timed_out = timed_out
        recap = _RECAP.search(self.output)
        self.changed = int(recap.group(2)) if recap else None
        self.failed = int(recap.group(4)) if recap else None
        self.message = failure_message(self.output)
        again = self.output.split("FAULT-MATRIX-AGAIN", 1)
        self.changed_again = len(re.findall(r"^changed: \[", again[1], re.M)) if len(again) > 1 else None

    @property
    def ok(self):
        return not self.timed_out and self.returncode == 0 and self.failed == 0


def failure_message(output):
    """The msg of the first failed task, on one line."""
    start = output.find("FAILED! =>")
    if start < 0:
        return ""
    rest = output[start + len("FAILED! =>") :].strip()
    try:
        return " ".join(str(json.JSONDecoder().raw_decode(rest)[0].get("msg", "")).split())
    except ValueError:
        match = re.search(r"^\s*msg: ?(.*(?:\n\s{4,}\S.*)*)", rest, re.M)
        return " ".join(match.group(1).split()).strip("'\"|- ") if match else rest[:300].replace("\n", " ")


class Lab:
    """An emulator of this worker and ansible-playbook against it."""

    def __init__(self, emulator, tmp_root):
        self.emulator = emulator
        with open(os.path.join(emulator.state_dir, "endpoint.json")) as handle:
            self.endpoint = json.load(handle)
        self.controls = Controls(self.endpoint)
        self.tmp_root = tmp_root

    def environment(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "ANSIBLE_AZURE_"))}
        env.update(
            AZURE_SUBSCRIPTION_ID=self.endpoint["subscription_id"],
            AZURE_CLOUD_ENVIRONMENT=self.endpoint["metadata_url"],
            AZURE_CA_BUNDLE=self.endpoint["ca_bundle"],
            AZURE_CLIENT_ID=self.endpoint["client_id"],
            AZURE_SECRET=self.endpoint["client_secret"],
            AZURE_TENANT=self.endpoint["tenant_id"],
        )
        return env

    def play(self, resource, stage, wait_timeout, time_limit=600, **extra):
        variables = {
            "emulator_url": self.endpoint["base_url"],
            "emulator_ca": self.endpoint["ca_bundle"],
            "endpoint": {k: v for k, v in self.endpoint.items() if k not in ("client_secret", "ad_password")},
            "resource": resource,
            "stage": stage,
            "wait_timeout": wait_timeout,
        }
        variables.update(extra)
        vars_file = os.path.join(self.tmp_root, "vars-{0}.json".format(os.getpid()))
        with open(vars_file, "w") as handle:
            json.dump(variables, handle)
        started = time.time()
        # Its own process group: a run past its time limit is killed whole
        # (ansible's worker and the module process too), so nothing of it
        # writes into the next scenario.
        process = subprocess.Popen(
            [PLAYBOOK, "-i", INVENTORY, PLAY, "-e", "@" + vars_file],
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=time_limit)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            timed_out = True
        return Run(process.returncode, output, time.time() - started, timed_out)

    def snapshot(self):
        with self.emulator.store.lock:
            return copy.deepcopy(self.emulator.store.data)

    def restore(self, data):
        """Back to a snapshot (the prerequisites of a resource, built once
        per worker by its play: its scenarios start from the same state
        without another ansible-playbook run)."""
        with self.emulator.store.lock:
            self.emulator.store.data = copy.deepcopy(data)
            self.emulator.store.save()

    def settle(self):
        """Let the emulator complete what is due (it does on each request)."""
        with self.emulator.store.lock:
            self.emulator.arm.tick()

    def resources(self):
        """{id: provisioningState} of every resource in the emulator
        (resource groups left out: the provider's appear with its
        cross-connections)."""
        with self.emulator.store.lock:
            return {
                r["id"].lower(): r.get("properties", {}).get("provisioningState")
                for r in self.emulator.store.data["resources"].values()
                if "/providers/" in r["id"].lower()
            }


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    state = tmp_path_factory.mktemp("fault-emulator")
    emulator = start_emulator(state)
    lab = Lab(emulator, str(tmp_path_factory.mktemp("fault-runs")))
    lab.prepared = {}  # resource -> snapshot after its prerequisites
    yield lab
    emulator.stop()


# -- the matrix table ---------------------------------------------------------
def pytest_terminal_summary(terminalreporter):
    rows = []
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            props = dict(getattr(report, "user_properties", []))
            if report.when == "call" and "fault_row" in props:
                rows.append(dict(props["fault_row"], passed=outcome == "passed"))
    if not rows:
        return
    rows.sort(key=lambda r: (r["resource"], r["fault"]))
    write = terminalreporter.write_line
    terminalreporter.section("fault matrix")
    header = "{0:<25} {1:<13} {2:<46} {3:<8} {4:<9} {5:<6} {6}".format(
        "resource", "fault", "1st run (with the fault)", "2nd", "3rd", "state", "healed"
    )
    write(header)
    write("-" * len(header))
    for r in rows:
        write(
            "{0:<25} {1:<13} {2:<46} {3:<8} {4:<9} {5:<6} {6}".format(
                r["resource"],
                r["fault"],
                r["first"][:46],
                r["second"],
                r["third"],
                r["state"],
                "yes" if r["passed"] else "NO",
            )
        )
    healed = sum(1 for r in rows if r["passed"])
    write(
        "{0} scenarios, {1} healed".format(len(rows), healed),
        bold=True,
        green=healed == len(rows),
        red=healed != len(rows),
    )
