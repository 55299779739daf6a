"""Project overrides merged into company-level data.

The rule, documented in the README: mappings merge key by key, a list
replaces the whole list, null removes the key.  Positions travel with the
values, so an error in the merged result points at whichever file the
offending value came from.
"""

from __future__ import annotations

from typing import Any

from generator.reading.strict_yaml import LDict


def deep_merge(base: LDict, override: LDict) -> LDict:
    out = LDict(base.mark)
    for key, value in base.items():
        out[key] = value
        out.key_marks[key] = base.key_marks[key]
        out.value_marks[key] = base.value_marks[key]
    for key, value in override.items():
        if value is None:
            out.removed[key] = override.key_marks[key]
            out.pop(key, None)
            out.key_marks.pop(key, None)
            out.value_marks.pop(key, None)
            continue
        current: Any = out.get(key)
        if isinstance(current, LDict) and isinstance(value, LDict):
            out[key] = deep_merge(current, value)  # keeps the base mapping's position
        else:
            out[key] = value
            out.key_marks[key] = override.key_marks[key]
            out.value_marks[key] = override.value_marks[key]
    return out
