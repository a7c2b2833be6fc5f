"""Circuit rules the module applies before any write."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _circuit, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

CATALOG = [
    {"name": "Equinix", "peering_locations": ["Amsterdam", "London"], "bandwidths_mbps": [50, 200, 1000]},
    {"name": "Megaport", "peering_locations": ["Dublin"], "bandwidths_mbps": [100]},
]
CURRENT = {
    "name": "er1",
    "location": "westeurope",
    "tier": "Standard",
    "family": "UnlimitedData",
    "provider": "Equinix",
    "peering_location": "Amsterdam",
    "bandwidth_mbps": 200,
}


def test_find_offer_canonicalises():
    assert _circuit.find_offer(CATALOG, "equinix", "amsterdam", 200) == ("Equinix", "Amsterdam", 200)


@pytest.mark.parametrize(
    "args, text",
    [
        (("Acme", "Amsterdam", 200), "Valid providers: Equinix, Megaport"),
        (("Equinix", "Dublin", 200), "Valid peering locations for Equinix: Amsterdam, London"),
        (("Equinix", "London", 300), "Valid bandwidths (Mbps): 50, 200, 1000"),
    ],
)
def test_find_offer_lists_valid_choices(args, text):
    with pytest.raises(ValidationError) as info:
        _circuit.find_offer(CATALOG, *args)
    assert text in str(info.value)


@pytest.mark.parametrize(
    "desired, text",
    [
        ({"bandwidth_mbps": 50}, "bandwidth_mbps cannot decrease (from 200 to 50)"),
        ({"family": "MeteredData"}, "family cannot change from UnlimitedData to MeteredData"),
        ({"provider": "Megaport"}, "provider cannot change"),
        ({"peering_location": "London"}, "peering_location cannot change"),
        ({"location": "North Europe"}, "location cannot change"),
        ({"tier": "Local"}, "tier cannot change from Standard to Local"),
    ],
)
def test_changes_azure_cannot_make_in_place_are_refused(desired, text):
    with pytest.raises(ValidationError) as info:
        _circuit.check_update(CURRENT, desired)
    assert text in str(info.value) and "nothing was changed" in str(info.value)


def test_allowed_updates_pass():
    _circuit.check_update(
        CURRENT,
        {
            "bandwidth_mbps": 1000,
            "tier": "Premium",
            "location": "West Europe",
            "provider": "EQUINIX",
            "peering_location": "amsterdam",
        },
    )


def test_local_needs_unlimited():
    with pytest.raises(ValidationError):
        _circuit.check_sku("Local", "MeteredData")
    _circuit.check_sku("Local", "UnlimitedData")


@pytest.mark.parametrize(
    "name, ok",
    [("er-ams_01", True), ("a", True), ("-x", False), ("x-", False), ("x y", False), ("x" * 81, False), ("x_", True)],
)
def test_network_names(name, ok):
    if ok:
        assert _validate.network_name(name, "name", "circuit") == name
    else:
        with pytest.raises(ValidationError):
            _validate.network_name(name, "name", "circuit")
