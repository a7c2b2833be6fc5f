"""Inject an emulator fault once a request path has been seen N times.

    fault_after.py EMULATOR_URL CA_BUNDLE SINCE PATH_REGEX N FAULT_JSON

Runs in the background (async) while a role waits: the fault then hits the
role's later requests only, never the ones before (the emulator applies a
fault to the next matching requests). Exits 1 if the path is not seen in 60 s.
"""

import json
import re
import ssl
import sys
import time
import urllib.request


def call(url, context, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="GET" if body is None else "POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        return json.loads(response.read().decode("utf-8") or "{}")


def main():
    base, ca, since, pattern, times, fault = sys.argv[1:7]
    context = ssl.create_default_context(cafile=ca)
    deadline = time.time() + 60
    while time.time() < deadline:
        requests = call("{0}/_emulator/requests?since={1}".format(base, since), context)["requests"]
        seen = [r for r in requests if r["method"] == "GET" and re.search(pattern, r["path"], re.I)]
        if len(seen) >= int(times):
            call("{0}/_emulator/faults".format(base), context, json.loads(fault))
            return 0
        time.sleep(0.1)
    return 1


if __name__ == "__main__":
    sys.exit(main())
