# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from typing import Any, Callable

DOCUMENTATION = r"""
name: wait_settings
short_description: What is wrong with a set of wait settings (pauses, timeouts, retries)
version_added: 0.1.0
author: hybridnet.expressroute engineers (@hybridnet)
description:
  - Checks wait settings by the rules the collection's modules hold their own wait options to, so that a role refuses
    a bad one before anything is written; returns one message per bad setting (an empty list when all are fine).
  - A pause between two reads of Azure is at least 1 second (shorter polls Azure many times a second); a timeout and
    a number of retries are 0 or more.
positional: _input
options:
  _input:
    description:
      - C(intervals), C(timeouts) and C(retries), each a mapping of the setting's name (as the user wrote it) to its
        value.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Refuse bad wait settings before the first write
  ansible.builtin.assert:
    that: _problems == []
    fail_msg: "{{ _problems | join(' ') }}"
  vars:
    _problems: >-
      {{ {'intervals': {'my_provider_wait_delay': my_provider_wait_delay},
          'retries': {'my_provider_wait_retries': my_provider_wait_retries}}
         | hybridnet.expressroute.wait_settings }}
"""

RETURN = r"""
_value:
  description: One message per setting that breaks its rule, naming it, the rule and the fix.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _waiter
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

CHECKS = {"intervals": _waiter.check_interval, "timeouts": _waiter.check_timeout, "retries": _waiter.check_count}


def wait_settings(settings: dict[str, Any]) -> list[str]:
    if not isinstance(settings, dict) or set(settings) - set(CHECKS):
        raise AnsibleFilterError(
            "wait_settings expects a mapping with intervals, timeouts and/or retries, got {0!r}".format(settings)
        )
    problems = []
    for kind, check in CHECKS.items():
        for option, value in sorted((settings.get(kind) or {}).items()):
            try:
                check(int(value), option)
            except (TypeError, ValueError):
                problems.append(
                    "{0} {1!r} is not a whole number of {2}.".format(
                        option, value, "attempts" if kind == "retries" else "seconds"
                    )
                )
            except ValidationError as exc:
                problems.append(exc.message)
    return problems


class FilterModule:
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"wait_settings": wait_settings}
