"""Stands in for ansible-test's pip bootstrap script, which it downloads from
a host this machine cannot reach (shared/reference/pitfalls.md).

ansible-test runs it inside a fresh, empty virtual environment with pip's
install arguments, e.g. ``--disable-pip-version-check pip==24.2
--no-setuptools --no-wheel``.  Bootstrap pip with the standard library's
ensurepip (offline), then install what was asked for from the package index.
"""

import os
import subprocess
import sys

GET_PIP_ONLY = ("--no-setuptools", "--no-wheel")


def main():
    arguments = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
    environment = dict(os.environ)
    # ensurepip points pip at /dev/null for config; pip must see the
    # machine's configuration (index, certificate bundle) again.
    environment.pop("PIP_CONFIG_FILE", None)
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + arguments, env=environment)


if __name__ == "__main__":
    main()
