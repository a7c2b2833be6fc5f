"""The model roles' preflight (connectivity_problems, router stage) judges IPv6 prefixes to advertise against the
peering's IPv6 part, as the rendered router configuration does."""

from ansible_collections.hybridnet.expressroute.plugins.filter.connectivity_problems import (
    connectivity_problems as _connectivity_problems,
)

INTERFACES = {"frr": {"primary": "eth1", "secondary": "eth2"}}


def connectivity_problems(connectivity, peerings_by, device_role, stage):
    return _connectivity_problems(connectivity, peerings_by, device_role, INTERFACES, stage=stage)


def dual_stack(ipv6):
    private = {
        "peer_asn": 65040,
        "prefix": "192.168.140.0/29",
        "vlan_id": 140,
        "advertise": ["10.40.0.0/16", "fd00:40::/48"],
    }
    if ipv6 is not None:
        private["ipv6"] = ipv6
    return {
        "model": "cloud_exchange",
        "circuit_name": "er1",
        "private_peering": private,
        "microsoft_peering": {},
        "connections": [],
        "router": {
            "dialects": ["frr"],
            "devices": {"primary": "ce-1", "secondary": "ce-2"},
            "local_asn": 65040,
        },
    }


def test_ipv6_prefixes_to_advertise_pass_with_the_peerings_ipv6_part():
    assert connectivity_problems(dual_stack({"prefix": "fd00:140::/125"}), "customer", "ce", stage="router") == []


def test_ipv6_prefixes_to_advertise_are_refused_without_it():
    problems = connectivity_problems(dual_stack(None), "customer", "ce", stage="router")
    assert len(problems) == 1 and "fd00:40::/48 is IPv6 but the peering has no (enabled) IPv6" in problems[0]


def test_a_wrong_ipv6_link_prefix_is_refused_pre_flight():
    problems = connectivity_problems(dual_stack({"prefix": "fd00:140::/64"}), "customer", "ce", stage="router")
    assert len(problems) == 1 and "must be a /125" in problems[0]
