"""make benchmark-compare only: a workaround for an azure.azcollection bug.

azcollection 3.12 resolves a cloud_environment URL with
azure.cli.core.cloud.get_cloud_from_metadata_endpoint, which the
azure-cli-core it pins does not have (its error handler then fails on
e.message). When HYBRIDNET_AZCOLL_SHIM=1, this adds that function, built on
azure-cli-core's own ARM-metadata mapper, as azure.cli.core.cloud is
imported (by azcollection's modules). Nothing else changes.
"""

import os
import sys


def _add_metadata_endpoint(cloud):
    if hasattr(cloud, "get_cloud_from_metadata_endpoint"):
        return

    def get_cloud_from_metadata_endpoint(url):
        import requests

        document = requests.get(url, timeout=30).json()
        return cloud._arm_to_cli_mapper(document[0] if isinstance(document, list) else document)

    cloud.get_cloud_from_metadata_endpoint = get_cloud_from_metadata_endpoint


class _PatchOnImport:
    """A meta path finder that patches azure.cli.core.cloud once loaded."""

    def find_spec(self, name, path=None, target=None):
        if name != "azure.cli.core.cloud":
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _add_metadata_endpoint(module)

        spec.loader.exec_module = exec_module
        return spec


if os.environ.get("HYBRIDNET_AZCOLL_SHIM") == "1":
    sys.meta_path.insert(0, _PatchOnImport())
