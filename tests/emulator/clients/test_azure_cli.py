"""The Azure CLI, unmodified (pinned in the Makefile, its own venv), against
the served emulator: registered as a custom cloud, logged in with the
service principal, then the ExpressRoute lifecycle end to end (issue 11,
item 6).

The CLI gets only what tests/emulator/README.md documents for a custom
cloud: AZURE_CONFIG_DIR (a scratch dir), REQUESTS_CA_BUNDLE (the emulator's
CA) and AZURE_CORE_INSTANCE_DISCOVERY=false, plus the CLI's own config file
in that dir (no telemetry: this machine reaches nothing but loopback).
Every command is tallied; conftest.py prints commands run/passed."""

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.error

import pytest

from expressroute_emulator.fixture import Controls

HERE = os.path.dirname(os.path.abspath(__file__))
EMULATOR_ROOT = os.path.dirname(HERE)
REPO_ROOT = os.path.dirname(os.path.dirname(EMULATOR_ROOT))
AZ = os.environ.get("AZURE_CLI") or os.path.join(REPO_ROOT, ".venv-azcli", "bin", "az")

CLOUD = "EmuCloud"
RG = "rg-cli-lifecycle"
CIRCUIT = "er-cli"
FILTER = "rf-cli"
RULE = "allow-exchange"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# The CLI's own settings file in AZURE_CONFIG_DIR (docs: "Azure CLI
# configuration"): JSON output, no telemetry upload, no log file.
CLI_CONFIG = """[core]
output = json
collect_telemetry = no
only_show_errors = yes
no_color = yes
[logging]
enable_log_file = no
"""


class Cli:
    """Runs `az`, tallies each command, keeps going after a failure so that
    one run tells every command that breaks."""

    def __init__(self, env, tally, secrets):
        self.env = env
        self.tally = tally
        self.secrets = secrets
        self.failures = []

    def shown(self, args):
        text = " ".join(args)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def __call__(self, *args, check=None, error_code=None):
        """Run `az ARGS`; `check(result)` asserts on the parsed JSON output;
        `error_code` expects the command to fail with that ARM code."""
        args = [str(a) for a in args]
        started = time.monotonic()
        try:
            done = subprocess.run([AZ] + args, env=self.env, capture_output=True, text=True, timeout=180)
            output, problem = done.stdout, None
            if error_code is not None:
                if done.returncode == 0 or "({0})".format(error_code) not in done.stderr:
                    problem = "expected error {0}, got rc={1}: {2}".format(
                        error_code, done.returncode, done.stderr.strip()[-800:]
                    )
            elif done.returncode != 0:
                problem = "rc={0}: {1}".format(done.returncode, done.stderr.strip()[-800:])
            result = json.loads(output) if output.strip() and problem is None else None
            if problem is None and check is not None:
                try:
                    check(result)
                except AssertionError as exc:
                    problem = "unexpected output: {0}\n{1}".format(exc, output[-800:])
        except subprocess.TimeoutExpired:
            result, problem = None, "timed out after 180 s"
        seconds = time.monotonic() - started
        self.tally.append({"shown": self.shown(args), "ok": problem is None, "seconds": seconds})
        if problem is not None:
            self.failures.append("az {0}\n    {1}".format(self.shown(args), self.shown([problem])))
        return result


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The emulator as a user serves it (`make emulator`): HTTPS on a free
    loopback port, its own CA in the state dir."""
    state = tmp_path_factory.mktemp("emulator") / "state"
    env = dict(os.environ, PYTHONPATH=EMULATOR_ROOT)
    process = subprocess.Popen(
        [sys.executable, "-m", "expressroute_emulator", "--state", str(state), "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.time() + 30
    while not (state / "env.sh").exists():
        assert process.poll() is None, process.stdout.read()
        assert time.time() < deadline, "the emulator did not write env.sh in 30 s"
        time.sleep(0.1)
    endpoint = json.loads((state / "endpoint.json").read_text())
    controls = Controls(endpoint)
    # Polls every second (Retry-After) and operations done at the first poll:
    # the CLI honours Retry-After, so the suite stays short whatever the
    # emulator's defaults for LRO timing are.
    controls.configure(retry_after=1, lro_seconds={"default": 0})
    yield endpoint, controls
    process.send_signal(signal.SIGTERM)
    process.wait(10)


@pytest.fixture(scope="module")
def az(served, tmp_path_factory, cli_tally):
    """A logged-in CLI: the emulator registered as a custom cloud without
    endpoint discovery, the service principal logged in."""
    endpoint, _ = served
    if not os.access(AZ, os.X_OK):
        pytest.fail("no Azure CLI at {0}: `make test-clients` builds .venv-azcli (or set AZURE_CLI)".format(AZ))
    config_dir = tmp_path_factory.mktemp("azure-cli")
    os.chmod(str(config_dir), 0o700)  # the CLI keeps its tokens there
    (config_dir / "config").write_text(CLI_CONFIG)
    # Nothing from the calling shell's Azure settings leaks in.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "REQUESTS_CA_BUNDLE"))}
    env.update(
        AZURE_CONFIG_DIR=str(config_dir),
        REQUESTS_CA_BUNDLE=endpoint["ca_bundle"],
        AZURE_CORE_INSTANCE_DISCOVERY="false",
    )
    cli = Cli(env, cli_tally, [endpoint["client_secret"]])
    base = endpoint["base_url"]
    cli(
        "cloud",
        "register",
        "-n",
        CLOUD,
        "--endpoint-resource-manager",
        base + "/",
        "--endpoint-active-directory",
        base,
        "--endpoint-active-directory-resource-id",
        "https://management.azure.com/",
        "--endpoint-active-directory-graph-resource-id",
        base + "/graph/",
        "--skip-endpoint-discovery",
    )
    cli("cloud", "set", "-n", CLOUD)
    cli(
        "login",
        "--service-principal",
        "-u",
        endpoint["client_id"],
        "-p",
        endpoint["client_secret"],
        "--tenant",
        endpoint["tenant_id"],
        check=lambda subs: _has(subs, "id", endpoint["subscription_id"], endpoint["provider_subscription_id"]),
    )
    cli("account", "set", "--subscription", endpoint["subscription_id"])
    assert not cli.failures, "the CLI could not log in to the emulator:\n" + "\n".join(cli.failures)
    return cli


def _has(items, key, *wanted):
    seen = [item[key] for item in items]
    for value in wanted:
        assert value in seen, "{0} {1!r} not in {2}".format(key, value, seen)


def test_the_cli_logs_in_to_the_emulator_as_a_custom_cloud(az, served):
    endpoint, _ = served
    az(
        "cloud",
        "show",
        "-n",
        CLOUD,
        check=lambda cloud: (
            _equal(cloud["endpoints"]["resourceManager"], endpoint["base_url"] + "/"),
            _equal(cloud["isActive"], True),
        ),
    )
    az(
        "account",
        "show",
        check=lambda account: (
            _equal(account["id"], endpoint["subscription_id"]),
            _equal(account["environmentName"], CLOUD),
            _equal(account["user"], {"name": endpoint["client_id"], "type": "servicePrincipal"}),
        ),
    )
    az("account", "get-access-token", "--query", "tokenType", check=lambda kind: _equal(kind, "Bearer"))
    assert not az.failures, "\n".join(az.failures)


def _equal(got, want):
    assert got == want, "{0!r} != {1!r}".format(got, want)


def test_expressroute_lifecycle_end_to_end(az, served):
    endpoint, controls = served
    customer = endpoint["subscription_id"]
    provider = endpoint["provider_subscription_id"]
    circuit_id = "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/expressRouteCircuits/{2}".format(
        customer, RG, CIRCUIT
    )
    on_circuit = ("-g", RG, "--circuit-name", CIRCUIT)

    az(
        "group",
        "create",
        "-n",
        RG,
        "-l",
        "westeurope",
        check=lambda group: _equal(group["properties"]["provisioningState"], "Succeeded"),
    )
    az(
        "network",
        "express-route",
        "list-service-providers",
        check=lambda providers: (
            _has(providers, "name", "Equinix", "Megaport"),
            _contains([p for p in providers if p["name"] == "Equinix"][0]["peeringLocations"], "Amsterdam"),
        ),
    )

    # -- the circuit --------------------------------------------------------
    created = az(
        "network",
        "express-route",
        "create",
        "-g",
        RG,
        "-n",
        CIRCUIT,
        "-l",
        "westeurope",
        "--provider",
        "Equinix",
        "--peering-location",
        "Amsterdam",
        "--bandwidth",
        "200",
        "--sku-tier",
        "Standard",
        "--sku-family",
        "MeteredData",
        check=lambda circuit: (
            _equal(circuit["provisioningState"], "Succeeded"),
            _equal(circuit["serviceProviderProvisioningState"], "NotProvisioned"),
            _equal(circuit["sku"]["name"], "Standard_MeteredData"),
            _match(GUID, circuit["serviceKey"]),
            _differs(circuit["serviceKey"], "00000000-0000-0000-0000-000000000000"),
        ),
    )
    key = (created or {}).get("serviceKey", "no-service-key")
    az(
        "network",
        "express-route",
        "show",
        "-g",
        RG,
        "-n",
        CIRCUIT,
        check=lambda circuit: (_equal(circuit["id"], circuit_id), _equal(circuit["serviceKey"], key)),
    )
    az(
        "network",
        "express-route",
        "update",
        "-g",
        RG,
        "-n",
        CIRCUIT,
        "--bandwidth",
        "500",
        "--tags",
        "env=cli",
        check=lambda circuit: (
            _equal(circuit["serviceProviderProperties"]["bandwidthInMbps"], 500),
            _equal(circuit["tags"], {"env": "cli"}),
            _equal(circuit["provisioningState"], "Succeeded"),
        ),
    )
    az(
        "network",
        "express-route",
        "list",
        "-g",
        RG,
        check=lambda circuits: _equal([c["name"] for c in circuits], [CIRCUIT]),
    )
    az("network", "express-route", "list", check=lambda circuits: _has(circuits, "id", circuit_id))

    # -- an authorization ---------------------------------------------------
    az(
        "network",
        "express-route",
        "auth",
        "create",
        *on_circuit,
        "-n",
        "auth-cli",
        check=lambda auth: (
            _equal(auth["provisioningState"], "Succeeded"),
            _equal(auth["authorizationUseStatus"], "Available"),
            _match(GUID, auth["authorizationKey"]),
        ),
    )
    az(
        "network",
        "express-route",
        "auth",
        "show",
        *on_circuit,
        "-n",
        "auth-cli",
        check=lambda auth: _equal(auth["name"], "auth-cli"),
    )
    az(
        "network",
        "express-route",
        "auth",
        "list",
        *on_circuit,
        check=lambda auths: _equal([a["name"] for a in auths], ["auth-cli"]),
    )

    # -- the provider provisions it, through its own API: the circuit's
    # cross-connection in the provider's subscription (the CLI has no
    # cross-connection commands; `az resource` is its generic ARM client).
    cross_connection = (
        "/subscriptions/{0}/resourceGroups/CrossConnection-Amsterdam/providers/Microsoft.Network/"
        "expressRouteCrossConnections/{1}".format(provider, key)
    )
    # No --api-version: the CLI reads the provider's registration (Providers
    # - Get) and takes the type's newest non-preview version itself.
    by_id = ("--ids", cross_connection)
    az(
        "resource",
        "show",
        *by_id,
        check=lambda xc: (
            _equal(xc["properties"]["serviceProviderProvisioningState"], "NotProvisioned"),
            _equal(xc["properties"]["expressRouteCircuit"]["id"].lower(), circuit_id.lower()),
        ),
    )
    az(
        "resource",
        "update",
        *by_id,
        "--set",
        "properties.serviceProviderProvisioningState=Provisioning",
        "properties.serviceProviderNotes=VLAN 100 on port 7",
        check=lambda xc: _equal(xc["properties"]["serviceProviderProvisioningState"], "Provisioning"),
    )
    az(
        "resource",
        "update",
        *by_id,
        "--set",
        "properties.serviceProviderProvisioningState=Provisioned",
        check=lambda xc: _equal(xc["properties"]["serviceProviderProvisioningState"], "Provisioned"),
    )
    az(
        "network",
        "express-route",
        "show",
        "-g",
        RG,
        "-n",
        CIRCUIT,
        check=lambda circuit: (
            _equal(circuit["serviceProviderProvisioningState"], "Provisioned"),
            _equal(circuit["serviceProviderNotes"], "VLAN 100 on port 7"),
        ),
    )

    # -- peerings -----------------------------------------------------------
    az(
        "network",
        "express-route",
        "peering",
        "create",
        *on_circuit,
        "--peering-type",
        "AzurePrivatePeering",
        "--peer-asn",
        "65020",
        "--vlan-id",
        "100",
        "--primary-peer-subnet",
        "192.168.100.128/30",
        "--secondary-peer-subnet",
        "192.168.100.132/30",
        check=lambda peering: (
            _equal(peering["name"], "AzurePrivatePeering"),
            _equal(peering["provisioningState"], "Succeeded"),
            _equal(peering["azureASN"], 12076),
            _equal(peering["vlanId"], 100),
        ),
    )
    az(
        "network",
        "express-route",
        "peering",
        "create",
        *on_circuit,
        "--peering-type",
        "MicrosoftPeering",
        "--peer-asn",
        "20000",
        "--vlan-id",
        "200",
        "--primary-peer-subnet",
        "123.0.0.0/30",
        "--secondary-peer-subnet",
        "123.0.0.4/30",
        "--advertised-public-prefixes",
        "123.1.0.0/24",
        "--routing-registry-name",
        "ARIN",
        check=lambda peering: (
            _equal(peering["provisioningState"], "Succeeded"),
            _equal(peering["microsoftPeeringConfig"]["advertisedPublicPrefixes"], ["123.1.0.0/24"]),
            # Configured, or waiting for Microsoft to validate the prefixes.
            _contains(
                ("Configured", "ValidationNeeded", "Validated"),
                peering["microsoftPeeringConfig"]["advertisedPublicPrefixesState"],
            ),
        ),
    )
    az(
        "network",
        "express-route",
        "peering",
        "list",
        *on_circuit,
        check=lambda peerings: _equal(sorted(p["name"] for p in peerings), ["AzurePrivatePeering", "MicrosoftPeering"]),
    )
    az(
        "network",
        "express-route",
        "peering",
        "show",
        *on_circuit,
        "-n",
        "AzurePrivatePeering",
        check=lambda peering: _equal(peering["peerASN"], 65020),
    )

    # -- a route filter on the Microsoft peering ------------------------------
    az(
        "network",
        "route-filter",
        "rule",
        "list-service-communities",
        check=lambda communities: _contains(
            [c["communityValue"] for s in communities for c in s["bgpCommunities"]], "12076:5010"
        ),
    )
    az(
        "network",
        "route-filter",
        "create",
        "-g",
        RG,
        "-n",
        FILTER,
        "-l",
        "westeurope",
        check=lambda rf: _equal(rf["provisioningState"], "Succeeded"),
    )
    az(
        "network",
        "route-filter",
        "rule",
        "create",
        "-g",
        RG,
        "--filter-name",
        FILTER,
        "-n",
        RULE,
        "--access",
        "Allow",
        "--communities",
        "12076:5010",
        check=lambda rule: (
            _equal(rule["provisioningState"], "Succeeded"),
            _equal(rule["communities"], ["12076:5010"]),
        ),
    )
    az(
        "network",
        "route-filter",
        "rule",
        "show",
        "-g",
        RG,
        "--filter-name",
        FILTER,
        "-n",
        RULE,
        check=lambda rule: _equal(rule["access"], "Allow"),
    )
    az(
        "network",
        "route-filter",
        "rule",
        "list",
        "-g",
        RG,
        "--filter-name",
        FILTER,
        check=lambda rules: _equal([r["name"] for r in rules], [RULE]),
    )
    az(
        "network",
        "express-route",
        "peering",
        "update",
        *on_circuit,
        "-n",
        "MicrosoftPeering",
        "--route-filter",
        FILTER,
        check=lambda peering: _equal(peering["routeFilter"]["id"].rsplit("/", 1)[-1], FILTER),
    )
    az(
        "network",
        "route-filter",
        "show",
        "-g",
        RG,
        "-n",
        FILTER,
        check=lambda rf: _equal([p["id"].rsplit("/", 1)[-1] for p in rf["peerings"]], ["MicrosoftPeering"]),
    )

    # -- diagnostics: the customer's router (an emulator control) advertises
    # a route on the private peering, both paths.
    try:
        controls.call(
            "POST",
            "peerings/routes",
            {"peering": circuit_id + "/peerings/AzurePrivatePeering", "routes": [{"network": "10.1.0.0/16"}]},
        )
    except urllib.error.HTTPError as exc:  # no peering: the commands below say so too
        az.failures.append("the customer router control: {0} {1}".format(exc.code, exc.read()[:300]))
    diagnose = ("network", "express-route")
    private = ("-g", RG, "-n", CIRCUIT, "--peering-name", "AzurePrivatePeering")
    az(
        *diagnose,
        "list-arp-tables",
        *private,
        "--path",
        "primary",
        check=lambda arp: _equal(
            sorted((row["interface"], row["ipAddress"]) for row in arp["value"]),
            [("Microsoft", "192.168.100.130"), ("On-Prem", "192.168.100.129")],
        ),
    )
    az(
        *diagnose,
        "list-route-tables",
        *private,
        "--path",
        "primary",
        check=lambda table: _equal(
            [(row["network"], row["nextHop"]) for row in table["value"]], [("10.1.0.0/16", "192.168.100.129")]
        ),
    )
    az(
        *diagnose,
        "list-route-tables-summary",
        *private,
        "--path",
        "secondary",
        check=lambda summary: _equal(
            [(row["neighbor"], row["as"], row["statePfxRcd"]) for row in summary["value"]],
            [("192.168.100.133", 65020, "1")],
        ),
    )
    # Stats: the CLI's schema reads the spec's `primarybytesIn`…; the
    # emulator answers live ARM's `primaryBytesIn`… (the CLI's own recording
    # against live Azure), which the CLI drops: it shows what it shows there.
    # `az rest` (the CLI's raw ARM client) shows the counters themselves.
    az(*diagnose, "get-stats", "-g", RG, "-n", CIRCUIT, check=_stats_shown)
    az(*diagnose, "peering", "get-stats", *on_circuit, "-n", "AzurePrivatePeering", check=_stats_shown)
    for stats_path in (circuit_id + "/stats", circuit_id + "/peerings/AzurePrivatePeering/stats"):
        az("rest", "--method", "get", "--url", stats_path + "?api-version=2023-09-01", check=_traffic_counted)

    # -- teardown (the order the PowerShell quickstart gives) ----------------
    az(
        "network",
        "express-route",
        "peering",
        "update",
        *on_circuit,
        "-n",
        "MicrosoftPeering",
        "--remove",
        "routeFilter",
        check=lambda peering: _equal(peering.get("routeFilter"), None),
    )
    az("network", "route-filter", "rule", "delete", "-g", RG, "--filter-name", FILTER, "-n", RULE)
    az("network", "route-filter", "delete", "-g", RG, "-n", FILTER)
    az("network", "route-filter", "list", "-g", RG, check=lambda filters: _equal(filters, []))
    az("network", "express-route", "peering", "delete", *on_circuit, "-n", "MicrosoftPeering")
    az("network", "express-route", "peering", "delete", *on_circuit, "-n", "AzurePrivatePeering")
    az("network", "express-route", "peering", "list", *on_circuit, check=lambda peerings: _equal(peerings, []))
    az("network", "express-route", "auth", "delete", *on_circuit, "-n", "auth-cli")
    az("network", "express-route", "auth", "list", *on_circuit, check=lambda auths: _equal(auths, []))
    # A provisioned circuit cannot be deleted: the provider deprovisions first.
    az(
        "network",
        "express-route",
        "delete",
        "-g",
        RG,
        "-n",
        CIRCUIT,
        error_code="CircuitCannotBeDeletedWhileProvisioned",
    )
    az(
        "resource",
        "update",
        *by_id,
        "--set",
        "properties.serviceProviderProvisioningState=Deprovisioning",
        check=lambda xc: _equal(xc["properties"]["serviceProviderProvisioningState"], "Deprovisioning"),
    )
    az(
        "resource",
        "update",
        *by_id,
        "--set",
        "properties.serviceProviderProvisioningState=NotProvisioned",
        check=lambda xc: _equal(xc["properties"]["serviceProviderProvisioningState"], "NotProvisioned"),
    )
    az("network", "express-route", "delete", "-g", RG, "-n", CIRCUIT)
    az("network", "express-route", "show", "-g", RG, "-n", CIRCUIT, error_code="ResourceNotFound")
    az("network", "express-route", "list", "-g", RG, check=lambda circuits: _equal(circuits, []))
    az("group", "delete", "-n", RG, "--yes")
    az("group", "exists", "-n", RG, check=lambda exists: _equal(exists, False))

    assert not az.failures, "{0} Azure CLI command(s) failed:\n{1}".format(len(az.failures), "\n".join(az.failures))


def _contains(items, value):
    assert value in items, "{0!r} not in {1!r}".format(value, items)


def _match(pattern, text):
    assert pattern.match(text or ""), "{0!r} does not match {1}".format(text, pattern.pattern)


def _differs(got, unwanted):
    assert got != unwanted, "got {0!r}".format(got)


def _stats_shown(stats):
    assert isinstance(stats, dict), stats
    for key, value in stats.items():
        assert key.lower().endswith(("bytesin", "bytesout")) and value > 0, "{0}: {1}".format(key, stats)


def _traffic_counted(stats):
    # The spec's keys are primarybytesIn/…, live ARM's primaryBytesIn/…:
    # compared without case.
    seen = {k.lower(): v for k, v in stats.items()}
    for key in ("primarybytesin", "primarybytesout", "secondarybytesin", "secondarybytesout"):
        assert seen.get(key, 0) > 0, "{0} not counted: {1}".format(key, stats)


def _script(az, names, steps):
    """Run ``steps`` (_step) in order, each command line split as a shell would, ``{name}`` filled from
    ``names``; the last command's result."""
    quoted = {k: shlex.quote(str(v)) for k, v in names.items()}
    result = None
    for line, expect in steps:
        result = az(*shlex.split(line.format(**quoted)), **expect)
    return result


def _step(line, check=None, error_code=None):
    """One command of a _script: its line and what to expect of it (Cli.__call__)."""
    return line, dict(check=check, error_code=error_code)


def test_expressroute_direct_end_to_end(az, served, tmp_path):
    """ExpressRoute Direct with the CLI's own commands (`az network express-route port …`): locations, a port
    pair, its links, the LOA written by the CLI, a port authorization, a circuit on the port, teardown."""
    endpoint, _ = served
    location, loa = "Equinix-Amsterdam-AM5", tmp_path / "loa.pdf"
    names = dict(group="rg-cli-direct", port="erd-cli", circuit="er-cli-direct", location=location, loa=loa)
    names["port_id"] = (
        "/subscriptions/{0}/resourceGroups/{group}/providers/Microsoft.Network/expressRoutePorts/{port}".format(
            endpoint["subscription_id"], **names
        )
    )
    on_port = "-g {group} --port-name {port}"
    _script(
        az,
        names,
        [
            _step("group create -n {group} -l westeurope"),
            _step("network express-route port location list", check=lambda found: _has(found, "name", location)),
            _step(
                "network express-route port location show -l {location}",
                check=lambda found: _equal(sorted(b["valueInGbps"] for b in found["availableBandwidths"]), [10, 100]),
            ),
            _step(
                "network express-route port create -g {group} -n {port} -l westeurope --peering-location {location} "
                "--bandwidth 10 gbps --encapsulation Dot1Q",
                check=lambda created: (
                    _equal(created["provisioningState"], "Succeeded"),
                    _equal([l["name"] for l in created["links"]], ["link1", "link2"]),
                ),
            ),
            _step(
                "network express-route port link list " + on_port,
                check=lambda links: _equal([l["adminState"] for l in links], ["Disabled", "Disabled"]),
            ),
            _step(
                "network express-route port link update " + on_port + " -n link1 --admin-state Enabled",
                check=lambda link: _equal(link["adminState"], "Enabled"),
            ),
            _step(
                "network express-route port link show " + on_port + " -n link1",
                check=lambda link: (_equal(link["adminState"], "Enabled"), _differs(link.get("patchPanelId"), None)),
            ),
            _step("network express-route port generate-loa -g {group} -n {port} --customer-name Contoso --file {loa}"),
        ],
    )
    assert loa.exists() and loa.read_bytes().startswith(b"%PDF-"), "the CLI wrote no LOA: {0}".format(az.failures)
    _script(
        az,
        names,
        [
            _step(
                "network express-route port authorization create " + on_port + " -n fabrikam",
                check=lambda auth: _match(GUID, auth["authorizationKey"]),
            ),
            _step(
                "network express-route create -g {group} -n {circuit} -l westeurope --express-route-port {port_id} "
                "--bandwidth 5 Gbps --sku-tier Premium --sku-family MeteredData",
                check=lambda created: (
                    _equal(created["bandwidthInGbps"], 5),
                    _equal(created["serviceProviderProvisioningState"], "Provisioned"),
                ),
            ),
            _step(
                "network express-route port show -g {group} -n {port}",
                check=lambda shown: (
                    _equal(shown["provisionedBandwidthInGbps"], 5.0),
                    _equal(len(shown["circuits"]), 1),
                ),
            ),
            _step("network express-route port delete -g {group} -n {port} --yes", error_code="ExpressRoutePortInUse"),
            _step("network express-route delete -g {group} -n {circuit}"),
            _step("network express-route port authorization delete " + on_port + " -n fabrikam --yes"),
            _step("network express-route port delete -g {group} -n {port} --yes"),
            _step("network express-route port list -g {group}", check=lambda ports: _equal(ports, [])),
            _step("group delete -n {group} --yes"),
        ],
    )
    assert not az.failures, "{0} Azure CLI command(s) failed:\n{1}".format(len(az.failures), "\n".join(az.failures))


def test_virtual_wan_expressroute_end_to_end(az, served):
    """Virtual WAN with the core CLI's own commands (`az network express-route gateway …` and `… gateway
    connection …`) on the seeded hub: a gateway with scale bounds, a circuit's private peering connected with an
    authorization key, routing weight and internet security, updates, teardown. The core CLI has no `vhub`/`vwan`
    commands (they are in the virtual-wan extension): the hub and WAN are read with `az resource show`."""
    endpoint, _ = served
    sub = endpoint["subscription_id"]
    group, gateway = "rg-cli-vwan", "ergw-cli"
    network = "/subscriptions/{0}/resourceGroups/rg-network/providers/Microsoft.Network/".format(sub)
    hub_id, wan_id = network + "virtualHubs/vhub-weu", network + "virtualWans/vwan-contoso"
    ours = "/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/".format(sub, group)
    circuit_id = ours + "expressRouteCircuits/er-cli-vwan"
    peering_id = circuit_id + "/peerings/AzurePrivatePeering"
    gateway_id = ours + "expressRouteGateways/" + gateway
    names = dict(
        group=group,
        port="erd-cli-vwan",
        port_id=ours + "expressRoutePorts/erd-cli-vwan",
        circuit="er-cli-vwan",
        gateway=gateway,
        link="erc-cli",
        hub_id=hub_id,
        wan_id=wan_id,
        peering_id=peering_id,
    )
    on_gateway = "-g {group} --gateway-name {gateway}"
    auth = _script(
        az,
        names,
        [
            _step("resource show --ids {wan_id}", check=lambda wan: _equal(wan["properties"]["type"], "Standard")),
            _step(
                "resource show --ids {hub_id}",
                check=lambda hub: (
                    _equal(hub["properties"]["virtualWan"]["id"].lower(), wan_id.lower()),
                    _equal(hub["properties"]["virtualRouterAsn"], 65515),
                ),
            ),
            _step("group create -n {group} -l westeurope"),
            # A circuit on an ExpressRoute Direct port is provisioned at once: no provider step.
            _step(
                "network express-route port create -g {group} -n {port} -l westeurope "
                "--peering-location Equinix-Amsterdam-AM5 --bandwidth 10 gbps --encapsulation Dot1Q"
            ),
            _step(
                "network express-route create -g {group} -n {circuit} -l westeurope --express-route-port {port_id} "
                "--bandwidth 1 Gbps --sku-tier Standard --sku-family MeteredData"
            ),
            _step(
                "network express-route peering create -g {group} --circuit-name {circuit} "
                "--peering-type AzurePrivatePeering --peer-asn 65020 --vlan-id 300 "
                "--primary-peer-subnet 192.168.30.0/30 --secondary-peer-subnet 192.168.30.4/30"
            ),
            _step("network express-route auth create -g {group} --circuit-name {circuit} -n vwan"),
        ],
    )
    names["auth_key"] = auth_key = (auth or {}).get("authorizationKey", "no-authorization-key")
    az.secrets.append(auth_key)

    _script(
        az,
        names,
        [
            # -- the hub's ExpressRoute gateway -----------------------------------------
            _step(
                "network express-route gateway create -g {group} -n {gateway} -l westeurope --virtual-hub {hub_id} "
                "--min-val 1 --max-val 3",
                check=lambda gw: (
                    _equal(gw["provisioningState"], "Succeeded"),
                    _equal(gw["virtualHub"]["id"].lower(), hub_id.lower()),
                    _equal(gw["autoScaleConfiguration"]["bounds"], {"min": 1, "max": 3}),
                ),
            ),
            _step(
                "network express-route gateway show -g {group} -n {gateway}",
                check=lambda gw: _equal(gw["expressRouteConnections"], []),
            ),
            # The spec's list operations here are not pageable (no x-ms-pageable): the CLI prints the
            # {"value": [...]} body.
            _step(
                "network express-route gateway list -g {group}",
                check=lambda gateways: _equal([g["name"] for g in gateways["value"]], [gateway]),
            ),
            _step(
                "network express-route gateway update -g {group} -n {gateway} --min-val 2 --max-val 4 --tags env=cli",
                check=lambda gw: (
                    _equal(gw["autoScaleConfiguration"]["bounds"], {"min": 2, "max": 4}),
                    _equal(gw["tags"], {"env": "cli"}),
                ),
            ),
            _step(
                "resource show --ids {hub_id}",
                check=lambda hub: _equal(hub["properties"]["expressRouteGateway"]["id"].lower(), gateway_id.lower()),
            ),
            # -- the circuit's private peering connected to it ---------------------------
            _step(
                "network express-route gateway connection create " + on_gateway + " -n {link} --peering {peering_id} "
                "--routing-weight 10 --internet-security true --authorization-key {auth_key}",
                check=lambda conn: (
                    _equal(conn["provisioningState"], "Succeeded"),
                    _equal(conn["routingWeight"], 10),
                    _equal(conn["enableInternetSecurity"], True),
                    _equal(conn["expressRouteCircuitPeering"]["id"].lower(), peering_id.lower()),
                ),
            ),
            _step(
                "network express-route auth show -g {group} --circuit-name {circuit} -n vwan",
                check=lambda used: _equal(used["authorizationUseStatus"], "InUse"),
            ),
            _step(
                "network express-route gateway connection show " + on_gateway + " -n {link}",
                check=lambda conn: _equal(conn["routingConfiguration"]["propagatedRouteTables"]["labels"], ["default"]),
            ),
            _step(
                "network express-route gateway connection list " + on_gateway,
                check=lambda conns: _equal([c["name"] for c in conns["value"]], [names["link"]]),
            ),
            _step(
                "network express-route gateway connection update " + on_gateway + " -n {link} --routing-weight 20 "
                "--internet-security false",
                check=lambda conn: (
                    _equal(conn["routingWeight"], 20),
                    _equal(conn["enableInternetSecurity"], False),
                ),
            ),
            _step(
                "network express-route gateway delete -g {group} -n {gateway}",
                error_code="ExpressRouteGatewayInUseByConnections",
            ),
            # -- teardown: connection, gateway, then the circuit and its port -----------
            _step("network express-route gateway connection delete " + on_gateway + " -n {link}"),
            _step(
                "network express-route gateway connection list " + on_gateway,
                check=lambda conns: _equal(conns["value"], []),
            ),
            _step("network express-route gateway delete -g {group} -n {gateway}"),
            _step(
                "network express-route gateway list -g {group}", check=lambda gateways: _equal(gateways["value"], [])
            ),
            _step("network express-route delete -g {group} -n {circuit}"),
            _step("network express-route port delete -g {group} -n {port} --yes"),
            _step("group delete -n {group} --yes"),
        ],
    )
    assert not az.failures, "{0} Azure CLI command(s) failed:\n{1}".format(len(az.failures), "\n".join(az.failures))
