#!/usr/bin/env python3
"""make benchmark-compare: the same no-op circuit task, side by side, on one
emulator: hybridnet.expressroute ``circuit`` (module server and classic) and
azure.azcollection's ``azure_rm_expressroute`` (from its own venv, built by
the Makefile from the ``ansible`` package and azcollection's requirements).

Figures, not a test. azcollection needs two things to reach a private cloud
(shared/reference/outside_clients.md): AZURE_DISABLE_INSTANCE_DISCOVERY, and
a workaround for its bug with a metadata URL (azcollection_shim/).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from benchmark import CIRCUIT, Bench, kinds, task  # noqa: E402

AZ_TASK = """    - name: azure_rm_expressroute {i}
      azure.azcollection.azure_rm_expressroute:
        resource_group: rg-expressroute
        name: er-bench
        location: westeurope
        service_provider_properties:
          service_provider_name: Equinix
          peering_location: Amsterdam
          bandwidth_in_mbps: "1000"
        sku:
          tier: standard
          family: metereddata
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--azcollection-venv", required=True)
    args = parser.parse_args()
    bench = Bench(tempfile.mkdtemp(prefix="er-compare-"))
    report = {}
    try:
        bench.play([task("circuit", CIRCUIT)], "off")
        ping, _, _, _ = bench.play(
            [task("ansible.builtin.ping", {}, "ping {0}".format(i)) for i in range(args.tasks)], "off", timer=True
        )
        report["ansible.builtin.ping"] = {"median_s": round(statistics.median(ping), 3)}
        for mode, label in (("auto", "hybridnet circuit, module server"), ("off", "hybridnet circuit, classic")):
            bench.play([task("circuit_info", dict(name="er-bench", resource_group="rg-expressroute"))], mode)
            times, wall, requests, _ = bench.play(
                [task("circuit", CIRCUIT, "circuit {0}".format(i)) for i in range(args.tasks)], mode, timer=True
            )
            report[label] = {
                "median_s": round(statistics.median(times), 3),
                "play_s": round(wall, 1),
                "requests_per_task": kinds(requests, args.tasks),
            }
        venv = os.path.abspath(args.azcollection_venv)
        env = {k: v for k, v in bench.env.items() if k not in ("ANSIBLE_COLLECTIONS_PATH", "PYTHONPATH")}
        env.update(
            # azcollection's own names for a private cloud's settings.
            AZURE_DISABLE_INSTANCE_DISCOVERY="true",
            AZURE_CLOUD_ENVIRONMENT=bench.endpoint["base_url"] + "/metadata/endpoints?api-version=2022-09-01",
            # Trust the emulator's CA (this venv talks to nothing else).
            REQUESTS_CA_BUNDLE=bench.endpoint["ca_bundle"],
            SSL_CERT_FILE=bench.endpoint["ca_bundle"],
            PYTHONPATH=os.path.join(HERE, "azcollection_shim"),
            HYBRIDNET_AZCOLL_SHIM="1",
        )
        times, wall, requests, _ = bench.play(
            [AZ_TASK.format(i=i) for i in range(args.tasks)],
            "off",
            timer=True,
            playbook=os.path.join(venv, "bin", "ansible-playbook"),
            env=env,
        )
        report["azure.azcollection azure_rm_expressroute"] = {
            "median_s": round(statistics.median(times), 3),
            "play_s": round(wall, 1),
            "requests_per_task": kinds(requests, args.tasks),
        }
    finally:
        bench.stop()
    theirs = report["azure.azcollection azure_rm_expressroute"]["median_s"]
    for label in ("hybridnet circuit, module server", "hybridnet circuit, classic"):
        report[label]["ratio_to_azure_rm_expressroute"] = round(report[label]["median_s"] / theirs, 3)
        report[label]["over_ping_s"] = round(report[label]["median_s"] - report["ansible.builtin.ping"]["median_s"], 3)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
