# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import hashlib
import os
import re
from collections.abc import Mapping
from typing import Any, Callable

DOCUMENTATION = r"""
name: file_differs
short_description: Whether writing a file would change what is on disk, from one find of its directory
version_added: 0.2.0
author: hybridnet.expressroute engineers
description:
  - For the roles' output files (router configurations, handoffs, verification reports). The template and copy
    modules each run two modules per file even when nothing changes; the roles instead read every file of a
    directory once (C(ansible.builtin.find) with C(get_checksum=true)), render each file
    in memory and write only the ones this filter says differ.
  - True when the file named O(name) is not in the find result, when its SHA-1 differs from O(content)'s (UTF-8), or
    when its mode is not O(mode). A symbolic mode (V(u=rw)) cannot be compared, so the file is then always written.
positional: _input, name, content, mode
options:
  _input:
    description: The registered result of C(ansible.builtin.find) with C(get_checksum=true).
    type: dict
    required: true
  name:
    description: The file's name (its base name in the directory searched).
    type: str
    required: true
  content:
    description: What the file would hold (a rendered template, for example).
    type: str
    required: true
  mode:
    description: The file's mode as the write task sets it, in octal (V(0600)).
    type: str
    default: "0600"
"""

EXAMPLES = r"""
- name: The files already written
  ansible.builtin.find:
    paths: "{{ output_dir }}"
    patterns: [report.md]
    get_checksum: true
  check_mode: false
  register: written

- name: Report
  ansible.builtin.template:
    src: report.md.j2
    dest: "{{ output_dir }}/report.md"
    mode: "0600"
  when: written | hybridnet.expressroute.file_differs('report.md', lookup('ansible.builtin.template', 'report.md.j2'))
"""

RETURN = r"""
_value:
  description: True when the write would create or change the file (content or mode).
  type: bool
"""

_OCTAL = re.compile(r"^0?[0-7]{3}$")


def file_differs(found: Mapping[str, Any] | None, name: str, content: str, mode: Any = "0600") -> bool:
    files = (found or {}).get("files") or []
    on_disk = next((f for f in files if os.path.basename(f.get("path", "")) == name), None)
    if on_disk is None:
        return True
    if hashlib.sha1(str(content).encode("utf-8")).hexdigest() != on_disk.get("checksum"):  # noqa: S324  # find's checksum is SHA-1
        return True
    if isinstance(mode, int):  # 0600 unquoted in YAML 1.1 is the integer 384
        wanted = mode
    elif _OCTAL.match(str(mode)):
        wanted = int(str(mode), 8)
    else:
        return True
    return on_disk.get("mode") != "%04o" % wanted


class FilterModule(object):
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"file_differs": file_differs}
