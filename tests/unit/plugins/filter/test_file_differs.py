"""file_differs: the roles write an output file only when find's checksum or mode says it differs."""

import hashlib

import pytest

from ansible_collections.hybridnet.expressroute.plugins.filter.file_differs import file_differs

CONTENT = "router bgp 65020\n neighbor 192.168.100.130 password Key\n"


def found(content=CONTENT, mode="0600", name="ce1.frr.cfg"):
    checksum = hashlib.sha1(content.encode("utf-8")).hexdigest()
    return {"files": [{"path": "/out/configs/" + name, "checksum": checksum, "mode": mode}], "matched": 1}


def test_the_same_content_and_mode_is_not_written_again():
    assert file_differs(found(), "ce1.frr.cfg", CONTENT, "0600") is False


@pytest.mark.parametrize(
    "result, name, content, mode",
    [
        (found(), "ce2.frr.cfg", CONTENT, "0600"),  # not there
        ({"files": [], "matched": 0}, "ce1.frr.cfg", CONTENT, "0600"),  # nothing found (or no directory yet)
        (found(), "ce1.frr.cfg", CONTENT + "!\n", "0600"),  # edited on disk
        (found(mode="0644"), "ce1.frr.cfg", CONTENT, "0600"),  # loosened on disk
        (found(), "ce1.frr.cfg", CONTENT, "u=rw"),  # a symbolic mode cannot be compared: written
    ],
)
def test_a_missing_different_or_loosened_file_is_written(result, name, content, mode):
    assert file_differs(result, name, content, mode) is True


def test_the_name_is_the_base_name_not_a_suffix():
    assert file_differs(found(name="xce1.frr.cfg"), "ce1.frr.cfg", CONTENT) is True


def test_modes_as_yaml_gives_them_compare_alike():
    # 0600 unquoted is the integer 384 in YAML 1.1; "600" and "0600" are strings.
    for mode in (0o600, "600", "0600"):
        assert file_differs(found(), "ce1.frr.cfg", CONTENT, mode) is False, mode
    assert file_differs(found(mode="0640"), "ce1.frr.cfg", CONTENT, 0o600) is True
