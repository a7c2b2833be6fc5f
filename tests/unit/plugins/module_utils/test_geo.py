"""The geopolitical rule (module_utils/_geo.py), its filter and the
handoff's warning line, without Azure."""

import os

import jinja2
import pytest

from ansible_collections.hybridnet.expressroute.plugins.filter.geopolitical_link_warning import (
    geopolitical_link_warning,
)
from ansible_collections.hybridnet.expressroute.plugins.module_utils import _geo
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

TEMPLATES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "roles", "_connectivity", "templates")


@pytest.mark.parametrize(
    "place, geo",
    [
        ("westeurope", "Europe"),
        ("West Europe", "Europe"),
        ("brazilsouth", "South America"),
        ("spaincentral", "Europe"),
        ("mexicocentral", "North America"),
        ("nowhere", None),
    ],
)
def test_regions(place, geo):
    assert _geo.of_region(place) == geo


@pytest.mark.parametrize(
    "place, geo",
    [
        ("Silicon Valley", "North America"),
        ("silicon valley", "North America"),
        ("Amsterdam", "Europe"),
        ("Newport(Wales)", "Europe"),
        ("Newport (Wales)", "Europe"),
        ("Sao Paulo", "South America"),
        ("Tokyo", "Japan"),
        ("Atlantis", None),
    ],
)
def test_peering_locations(place, geo):
    assert _geo.of_peering_location(place) == geo


def test_every_region_and_location_has_one_geopolitical_region():
    regions = [r for places in _geo.GEOPOLITICAL_REGIONS.values() for r in places[0]]
    locations = [loc.lower() for places in _geo.GEOPOLITICAL_REGIONS.values() for loc in places[1]]
    assert len(regions) == len(set(regions)) and len(locations) == len(set(locations))


def test_connection_rule_names_field_rule_and_fix():
    _geo.check_connection("er1", "Standard", "Amsterdam", "gw", "northeurope")  # same geopolitical region
    _geo.check_connection("er1", "Premium", "Silicon Valley", "gw", "westeurope")  # Premium: global
    _geo.check_connection("er1", "Standard", "Atlantis", "gw", "westeurope")  # unknown: Azure decides
    with pytest.raises(ValidationError) as info:
        _geo.check_connection("er1", "Standard", "Silicon Valley", "gw", "westeurope")
    message = str(info.value)
    assert message.startswith("peer: circuit er1 is a Standard circuit at peering location Silicon Valley")
    assert "geopolitical region North America" in message and "(geopolitical region Europe)" in message
    assert "sku_tier: Premium" in message and "gateway in a virtual network of the circuit's" in message
    with pytest.raises(ValidationError):
        _geo.check_connection("er1", "Local", "Silicon Valley", "gw", "westeurope")


def test_global_reach_rule_needs_both_circuits_premium():
    ams = {"name": "ams", "tier": "Standard", "peering_location": "Amsterdam"}
    lon = {"name": "lon", "tier": "Standard", "peering_location": "London"}
    sv = {"name": "sv", "tier": "Premium", "peering_location": "Silicon Valley"}
    _geo.check_global_reach(ams, lon)
    with pytest.raises(ValidationError) as info:
        _geo.check_global_reach(ams, sv)
    assert "needs both circuits on the Premium SKU, and ams is not" in str(info.value)
    assert str(info.value).startswith("peer_circuit: ")
    _geo.check_global_reach(dict(ams, tier="Premium"), sv)


def test_filter_and_handoff_warning_line():
    circuit = {"name": "er1", "tier": "Standard", "peering_location": "Silicon Valley"}
    warning = geopolitical_link_warning(circuit, "westeurope")
    assert "Standard circuit er1" in warning and "Premium" in warning and "North America" in warning
    assert geopolitical_link_warning(dict(circuit, tier="Premium"), "westeurope") == ""
    assert geopolitical_link_warning(circuit, "westus") == ""

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True)
    handoff = {
        "model": {"title": "T", "offering_title": "O", "path": "P", "bgp_to_microsoft_by": "you (the customer)"},
        "circuit": dict(
            circuit,
            resource_group="rg",
            location="westus",
            provider="Zayo Group",
            bandwidth_mbps=1000,
            sku="Standard_MeteredData",
            s_tag=3,
        ),
        "service_key": {"value": "k", "note": "n"},
        "peerings": [],
        "details": {},
        "connections": [{"name": "cn1", "gateway": "gw"}],
    }

    def render(**extra):
        return env.get_template("handoff.md.j2").render(
            _connectivity_handoff=dict(handoff, **extra),
            ansible_managed="managed",
            _connectivity_model={"on_premises": "dc", "middle": "provider"},
        )

    assert "**Warning:**" not in render()
    assert "> **Warning:** " + warning in render(geopolitical_warnings=[warning])
