"""Replay live Azure traffic against the emulator: the Azure CLI's own
ExpressRoute recordings (recordings/azure-cli/SOURCE.md says where from).

Every recorded request is sent, in order, with the recording's names mapped
onto the emulator's world (subscription, provider catalog, operation URLs),
and the emulator's answer is compared with live ARM's: the status class
(2xx/4xx) and the long-running-operation headers (Azure-AsyncOperation,
Location, Retry-After).  What the emulator still answers differently is in
EXPECTED_DIFFERENCES, each with its reason; such an entry must still differ
(a fixed one is a failure until removed), so nothing passes silently.
"""

import ast
import json
import os
import re
from urllib.parse import urlsplit

import pytest

HERE = os.path.join(os.path.dirname(__file__), "recordings", "azure-cli")
RECORDINGS = [
    "test_network_express_route",
    "test_network_route_filter",
    "test_network_express_route_ipv6_peering",
    "test_network_express_route_global_reach",
    "test_network_express_route_peer_connection",
]
RECORDED_BASE = "https://management.azure.com"
RECORDED_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
LRO_HEADERS = ("azure-asyncoperation", "location", "retry-after")
# The recordings' test providers and locations ("Ibiza Test Provider" at
# "Area51") are not in the public catalog the emulator serves: the nearest
# real ones, two peering locations apart for Global Reach.
NAMES = [
    ('"Ibiza Test Provider"', '"Equinix"'),
    ('"Microsoft ER Test"', '"Equinix"'),
    ('"Test Provider NW"', '"Megaport"'),
    ('"Area51"', '"Silicon Valley"'),
    ('"Denver Test"', '"Dallas"'),
]
# Microsoft.Network api-versions the recordings used, and the one they are
# sent as while the emulator refuses them (checked at run time, not assumed).
RECORDED_NETWORK_VERSION = "2020-05-01"
FALLBACK_NETWORK_VERSION = "2024-07-01"

# (recording, interaction index) -> why the emulator's answer differs from
# live ARM's in status class or LRO headers.  Empty is the goal.
EXPECTED_DIFFERENCES = {}


def load(name):
    with open(os.path.join(HERE, name + ".json")) as handle:
        return json.load(handle)["interactions"]


def lro_headers(headers):
    return sorted(k.lower() for k in headers if k.lower() in LRO_HEADERS)


class Replayer:
    def __init__(self, arm, rewrite_version):
        self.arm = arm
        self.rewrite_version = rewrite_version
        self.operation_urls = {}  # recorded operation URL (no query) -> the emulator's

    def url(self, recorded):
        bare = recorded.split("?")[0]
        if bare in self.operation_urls:
            return self.operation_urls[bare]
        url = recorded.replace(RECORDED_BASE, self.arm.base).replace(RECORDED_SUBSCRIPTION, self.arm.sub)
        if self.rewrite_version and "/providers/Microsoft.Network/" in url:
            url = url.replace("api-version=" + RECORDED_NETWORK_VERSION, "api-version=" + FALLBACK_NETWORK_VERSION)
        return url

    def body(self, recorded):
        if recorded is None:
            return None
        if recorded.startswith(("b'", 'b"')):
            # The CLI's recorder wrote some byte bodies as their Python repr.
            recorded = ast.literal_eval(recorded).decode("utf-8")
        text = recorded.replace(RECORDED_SUBSCRIPTION, self.arm.sub)
        for old, new in NAMES:
            text = text.replace(old, new)
        return text.encode("utf-8")

    def send(self, interaction):
        request, recorded = interaction["request"], interaction["response"]
        headers = {"Content-Type": "application/json"} if request["body"] else {}
        answer = self.arm.request(
            request["method"], self.url(request["uri"]), data=self.body(request["body"]), headers=headers
        )
        # Later requests poll the operation URLs live ARM gave: follow ours.
        for name in ("azure-asyncoperation", "location"):
            theirs = next((v[0] for k, v in recorded["headers"].items() if k.lower() == name), None)
            ours = answer.headers.get(name)
            if theirs and ours:
                self.operation_urls[theirs.split("?")[0]] = ours
        return answer


def recorded_groups(interactions):
    groups = set()
    for interaction in interactions:
        match = re.search(r"/resource[gG]roups/([^/?]+)", interaction["request"]["uri"])
        if match:
            groups.add(match.group(1))
    return sorted(groups)


def emulator_refuses(arm, version):
    probe = arm.get(
        "{0}/subscriptions/{1}/providers/Microsoft.Network/expressRouteServiceProviders?api-version={2}".format(
            arm.base, arm.sub, version
        )
    )
    return probe.status_code == 400 and probe.json()["error"]["code"] == "NoRegisteredProviderFound"


def replay(arm, emulator_controls, name):
    """[(index, method, path, recorded status, our status, recorded LRO
    headers, ours)] for one recording, replayed on a fresh emulator."""
    emulator_controls.reset()
    # Live ARM accepted peerings (and a Global Reach PUT) on NotProvisioned
    # circuits; the emulator's documented default refuses them (rule 1).
    emulator_controls.configure(require_provisioned_circuit_for_peering=False)
    interactions = load(name)
    for group in recorded_groups(interactions):
        made = arm.put(
            "{0}/subscriptions/{1}/resourcegroups/{2}?api-version=2021-04-01".format(arm.base, arm.sub, group),
            json={"location": "westus"},
        )
        assert made.status_code in (200, 201), made.text
    replayer = Replayer(arm, emulator_refuses(arm, RECORDED_NETWORK_VERSION))
    results = []
    for index, interaction in enumerate(interactions):
        answer = replayer.send(interaction)
        recorded = interaction["response"]
        their_headers, our_headers = lro_headers(recorded["headers"]), lro_headers(answer.headers)
        if "/operations/" in interaction["request"]["uri"]:
            # An operation's status body: its keys count as headers do (the
            # Network RP's is just {"status"}, plus "error" when it failed).
            their_headers = their_headers + ["body:" + k for k in sorted(json.loads(recorded["body"]["string"]))]
            our_headers = our_headers + ["body:" + k for k in sorted(answer.json())]
        results.append(
            (
                index,
                interaction["request"]["method"],
                urlsplit(interaction["request"]["uri"]).path,
                recorded["status"]["code"],
                answer.status_code,
                their_headers,
                our_headers,
                answer.text[:300],
            )
        )
    return results, replayer.rewrite_version


def test_replay_live_recordings(arm, emulator_controls, capsys):
    totals = {"replayed": 0, "status": 0, "headers": 0}
    unexpected, stale = [], []
    rewritten = False
    for name in RECORDINGS:
        results, rewrite = replay(arm, emulator_controls, name)
        rewritten = rewritten or rewrite
        for index, method, path, theirs, ours, their_headers, our_headers, text in results:
            status_ok = theirs // 100 == ours // 100
            headers_ok = their_headers == our_headers
            totals["replayed"] += 1
            totals["status"] += status_ok
            totals["headers"] += headers_ok
            line = "{0}#{1} {2} {3}: live {4} {5}, emulator {6} {7} {8}".format(
                name, index, method, path, theirs, their_headers, ours, our_headers, text
            )
            if (name, index) in EXPECTED_DIFFERENCES:
                if status_ok and headers_ok:
                    stale.append(line)
            elif not (status_ok and headers_ok):
                unexpected.append(line)
    with capsys.disabled():
        print(
            "\nrecordings replayed: {replayed}; status class matched: {status}; LRO headers (and operation status "
            "keys) matched: {headers}; "
            "expected differences: {0}; api-version {1}".format(
                len(EXPECTED_DIFFERENCES),
                "rewritten {0} -> {1}".format(RECORDED_NETWORK_VERSION, FALLBACK_NETWORK_VERSION)
                if rewritten
                else "as recorded",
                **totals,
            )
        )
    assert not unexpected, "answers that differ from live ARM:\n" + "\n".join(unexpected)
    assert not stale, "listed as different but now match (remove from EXPECTED_DIFFERENCES):\n" + "\n".join(stale)
    assert totals["replayed"] == sum(len(load(n)) for n in RECORDINGS)


@pytest.mark.parametrize("name", RECORDINGS)
def test_every_recording_is_there(name):
    interactions = load(name)
    assert interactions and all(i["request"]["uri"].startswith(RECORDED_BASE) for i in interactions)
