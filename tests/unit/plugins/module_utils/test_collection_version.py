"""The version the modules send in their User-Agent is the collection's.

A module cannot read galaxy.yml at run time (the built collection ships
MANIFEST.json instead, and the module runs from a zip on the target), so
_client keeps the number as a constant and this test holds it to galaxy.yml.
"""

import os

import yaml

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def test_collection_version_is_galaxy_ymls():
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        galaxy = yaml.safe_load(handle)
    assert galaxy["version"] == _client.COLLECTION_VERSION, (
        "plugins/module_utils/_client.py COLLECTION_VERSION {0} != galaxy.yml version {1}: bump both".format(
            _client.COLLECTION_VERSION, galaxy["version"]
        )
    )
    assert "hybridnet.expressroute/" + galaxy["version"] == _client.USER_AGENT
