"""In-memory state with a JSON file behind it, guarded by one lock.

Resources are kept flat, keyed by their lower-cased id, because ARM ids
compare case-insensitively while the id a client sees keeps the casing it
was created with.
"""

import copy
import json
import os
import secrets
import tempfile
import threading

STATE_FILE = "state.json"
STATE_VERSION = 1


def key(resource_id):
    return resource_id.rstrip("/").lower()


class Store:
    def __init__(self, state_dir, config):
        self.state_dir = state_dir
        self.path = os.path.join(state_dir, STATE_FILE)
        self.lock = threading.RLock()
        self.seed_config = config
        self.data = None
        if os.path.exists(self.path):
            with open(self.path) as handle:
                self.data = json.load(handle)
            if self.data.get("version") != STATE_VERSION:
                raise SystemExit(
                    "state file {0} has version {1}, this emulator needs {2}; "
                    "remove the state dir to start afresh".format(self.path, self.data.get("version"), STATE_VERSION)
                )
        else:
            self.data = self._fresh(config, signing_key=secrets.token_hex(32))
            self.save()

    @staticmethod
    def _fresh(config, signing_key):
        return {
            "version": STATE_VERSION,
            "config": copy.deepcopy(config),
            # What /_emulator/reset returns to (settings changed through
            # /_emulator/config included).
            "seed_config": copy.deepcopy(config),
            "signing_key": signing_key,
            "resources": {},
            "operations": {},
            "counters": {"stag": 2},
        }

    # -- persistence ------------------------------------------------------
    def save(self):
        with self.lock:
            fd, tmp = tempfile.mkstemp(dir=self.state_dir, prefix=".state-", suffix=".json")
            with os.fdopen(fd, "w") as handle:
                json.dump(self.data, handle, indent=1, sort_keys=True)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)

    def reset(self):
        """Back to the seed: same credentials and signing key, no resources."""
        with self.lock:
            self.data = self._fresh(self.data["seed_config"], self.data["signing_key"])
            self.save()

    @property
    def config(self):
        return self.data["config"]

    def next_counter(self, name):
        with self.lock:
            self.data["counters"][name] = self.data["counters"].get(name, 0) + 1
            return self.data["counters"][name]

    # -- resources --------------------------------------------------------
    def get(self, resource_id):
        return self.data["resources"].get(key(resource_id))

    def put(self, record):
        self.data["resources"][key(record["id"])] = record

    def delete_tree(self, resource_id):
        prefix = key(resource_id)
        for k in [k for k in self.data["resources"] if k == prefix or k.startswith(prefix + "/")]:
            del self.data["resources"][k]

    def children(self, parent_id, arm_type):
        """Records directly under parent_id (a resource or a resource group
        id) of the given ARM type, in creation order."""
        parent = key(parent_id)
        arm_type = arm_type.lower()
        return [
            r
            for r in self.data["resources"].values()
            if r["_meta"]["parent"] == parent and r["type"].lower() == arm_type
        ]

    def all_of_type(self, arm_type, subscription_id=None):
        arm_type = arm_type.lower()
        sub = subscription_id.lower() if subscription_id else None
        return [
            r
            for r in self.data["resources"].values()
            if r["type"].lower() == arm_type and (sub is None or r["_meta"]["subscription"] == sub)
        ]

    def find(self, predicate):
        return [r for r in self.data["resources"].values() if predicate(r)]

    # -- long-running operations -----------------------------------------
    def operations(self):
        return self.data["operations"]
