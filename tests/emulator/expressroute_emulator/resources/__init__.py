"""Every emulated resource type registers itself here.

To add a type: write a module with a ``register(emulator)`` function (and,
when the seed config should create some, a ``seed(emulator)`` function) and
list it below.  Order matters only for seeding.
"""

from importlib import import_module

MODULES = [
    "resource_groups",
    "locations",
    "providers",
    "catalog",
    "circuits",
    "peerings",
    "authorizations",
    "route_filters",
    "global_reach",
    "cross_connections",
    "networks",
    "gateways",
    "connections",
    "vwan",
    "express_route_ports",
]


def _modules():
    return [import_module("{0}.{1}".format(__name__, name)) for name in MODULES]


def register_all(emulator):
    for module in _modules():
        module.register(emulator)


def seed_all(emulator):
    emulator.resource_groups.seed()
    for module in _modules():
        seed = getattr(module, "seed", None)
        if seed is not None:
            seed(emulator)
