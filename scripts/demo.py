#!/usr/bin/env python3
"""``make demo``: the four connectivity models, end to end, against the
emulator (an offline Azure), with nothing but this checkout.

1. starts the emulator (its state persists in --state, so a second run finds
   everything in place and changes nothing);
2. runs playbooks/site.yml with the demo inventory: one circuit per model,
   the collection also playing the providers' part through the provider API;
3. stands in for the routers the demo has no hardware for: it tells the
   emulator's Microsoft edge that each peering's routers are up and advertise
   what the inventory says (what the rendered configurations advertise);
4. runs playbooks/verify.yml (routes on primary and secondary, every peering);
5. prints where the router configurations and handoff documents are, and
   stops the emulator.
"""

import argparse
import glob
import json
import os
import re
import shlex
import signal
import ssl
import subprocess
import sys
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INVENTORY = os.path.join(ROOT, "playbooks", "inventories", "demo")
MODELS = ("cloud_exchange", "point_to_point_ethernet", "ipvpn", "direct")


def say(text):
    sys.stdout.write("\n\033[1m== {0}\033[0m\n".format(text))
    sys.stdout.flush()


def start_emulator(state):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tests", "emulator"))
    log = os.path.join(os.path.dirname(state), "emulator.log")
    with open(log, "a") as handle:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "expressroute_emulator", "--state", state, "--port", "0"],
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    endpoint_file = os.path.join(state, "endpoint.json")
    deadline = time.time() + 30
    while True:
        if os.path.exists(endpoint_file):
            with open(endpoint_file) as handle:
                endpoint = json.load(handle)
            if endpoint.get("pid") == process.pid:
                return process, endpoint
        if process.poll() is not None or time.time() > deadline:
            raise SystemExit("the emulator did not start; see {0}".format(log))
        time.sleep(0.1)


def environment(state):
    """The shell environment of ``. <state>/env.sh``, as AWX would inject
    AZURE_* for a real subscription."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_")}
    with open(os.path.join(state, "env.sh")) as handle:
        for line in handle:
            match = re.match(r"^export (\w+)=(.*)$", line.strip())
            if match:
                env[match.group(1)] = shlex.split(match.group(2))[0]
    return env


def playbook(name, env, extra=()):
    command = [
        os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
        "-i",
        INVENTORY,
        os.path.join(ROOT, "playbooks", name),
    ] + list(extra)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in process.stdout:
        sys.stdout.write(line)
        lines.append(line)
    if process.wait() != 0:
        raise SystemExit("{0} failed".format(name))
    recap = {}
    for line in lines:
        match = re.match(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)", line)
        if match:
            recap[match.group(1)] = int(match.group(3))
    return recap


def circuits():
    """(model, host, variables) of every demo circuit."""
    with open(os.path.join(INVENTORY, "hosts.yml")) as handle:
        groups = yaml.safe_load(handle)["all"]["children"]
    for model in MODELS:
        for host in groups[model]["hosts"]:
            with open(os.path.join(INVENTORY, "host_vars", host + ".yml")) as handle:
                variables = yaml.safe_load(handle)
            if model != "direct":
                yield model, host, variables
                continue
            # A Direct port pair (the host) carries circuits: each is described as the other models' hosts are.
            for circuit in variables["direct_circuits"]:
                flat = {"direct_" + key: value for key, value in circuit.items()}
                flat["direct_resource_group"] = variables["direct_resource_group"]
                yield model, circuit["name"], flat


def port_hosts():
    """(model, (port host, its circuits' names)) of every Direct port pair of the demo."""
    with open(os.path.join(INVENTORY, "hosts.yml")) as handle:
        groups = yaml.safe_load(handle)["all"]["children"]
    for host in groups.get("direct", {}).get("hosts", {}):
        with open(os.path.join(INVENTORY, "host_vars", host + ".yml")) as handle:
            yield "direct", (host, [c["name"] for c in yaml.safe_load(handle)["direct_circuits"]])


def bring_routers_up(endpoint):
    """What the customer's (or provider's) routers would do once configured
    from the rendered files: bring both sessions up and advertise their
    prefixes, the secondary with the AS path prepended twice (the rendered
    configurations' default preference)."""
    tls = ssl.create_default_context(cafile=endpoint["ca_bundle"])

    def post(path, body):
        request = urllib.request.Request(
            endpoint["base_url"] + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, context=tls, timeout=30):
            pass

    for model, host, variables in circuits():
        for kind, peering_type in (
            ("private_peering", "AzurePrivatePeering"),
            ("microsoft_peering", "MicrosoftPeering"),
        ):
            peering = variables.get("{0}_{1}".format(model, kind)) or {}
            if not peering:
                continue
            prefixes = peering.get("advertise") or peering.get("advertised_public_prefixes") or []
            peering_id = (
                "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRouteCircuits/"
                "{2}/peerings/{3}".format(
                    endpoint["subscription_id"], variables[model + "_resource_group"], host, peering_type
                )
            )
            if peering_type == "MicrosoftPeering":
                # Azure keeps the prefixes ValidationNeeded until Microsoft has
                # validated their ownership; the emulator's control plays that.
                post("/_emulator/peerings/validate-prefixes", {"peering": peering_id})
            for path, prepend in (("primary", 1), ("secondary", 3)):
                body = {
                    "peering": peering_id,
                    "device_path": path,
                    "session": "up",
                    "routes": [
                        {"network": p, "as_path": " ".join([str(peering["peer_asn"])] * prepend)} for p in prefixes
                    ],
                }
                post("/_emulator/peerings/routes", body)
            print(
                "  {0} {1}: routers up on primary and secondary, advertising {2}".format(
                    host, peering_type, ", ".join(prefixes) or "nothing"
                )
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", default=os.path.join(ROOT, "build", "demo", "emulator"))
    parser.add_argument("--output", default=os.path.join(ROOT, "demo-output"))
    args = parser.parse_args()
    os.makedirs(os.path.dirname(args.state), exist_ok=True)
    started = time.time()

    say("Starting the emulator (an offline Azure; state in {0})".format(args.state))
    emulator, endpoint = start_emulator(args.state)
    try:
        env = environment(args.state)
        env["HYBRIDNET_DEMO_OUTPUT"] = args.output
        print(
            "Azure Resource Manager at {0}; credentials as AWX would inject them: . {1}/env.sh".format(
                endpoint["base_url"], args.state
            )
        )

        say("playbooks/site.yml: one circuit per connectivity model")
        built = playbook("site.yml", env)

        say("Standing in for the routers (the emulator's Microsoft edge learns their routes)")
        bring_routers_up(endpoint)

        say("playbooks/verify.yml: what Microsoft's edge sees, primary and secondary")
        checked = playbook("verify.yml", env)
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait(15)

    changed = {host: built.get(host, 0) + checked.get(host, 0) for host in sorted(set(built) | set(checked))}
    say("Done in {0:.0f} s".format(time.time() - started))
    for model, host, _variables in circuits():
        folder = os.path.join(args.output, host)
        print("{0} ({1}):".format(host, model.replace("_", " ")))
        if model == "direct":
            # The port pair's handoff (ports, links, LOA, VLANs, /30s, ASNs) is the port's, beside its LOA.
            port = [h for m, h in port_hosts() if m == model and host in h[1]][0][0]
            print(
                "  handoff, LOA:   {0}".format(
                    ", ".join(os.path.join(args.output, port, name) for name in ("handoff.md", "loa.pdf"))
                )
            )
        else:
            print("  handoff:        {0}".format(os.path.join(folder, "handoff.md")))
        print("  verification:   {0}".format(os.path.join(folder, "verification.md")))
        configs = sorted(glob.glob(os.path.join(folder, "router-configs", "*")))
        print("  router configs: {0}".format(", ".join(os.path.basename(c) for c in configs)))
    if any(changed.values()):
        print(
            "\nChanges made: {0}. Run `make demo` again: the second run changes nothing.".format(
                ", ".join("{0}={1}".format(h, c) for h, c in changed.items())
            )
        )
    else:
        print("\nNo change: everything was already in place (changed=0 on every circuit).")
    print("The emulator is stopped; `make demo-clean` starts the demo afresh.")


if __name__ == "__main__":
    main()
