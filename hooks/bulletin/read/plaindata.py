"""The model's dataclasses as plain JSON data and back, field by field from their type hints.

Only what the model uses: text, numbers, booleans, None, dates and times (ISO 8601), tuples,
frozensets (sorted lists), dicts with text keys, nested dataclasses and ``X | None``. What does
not fit the hints raises ValueError or TypeError: data kept by an earlier build is either read
back exactly or not at all (see :mod:`bulletin.readcache`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """``value`` as JSON data."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(to_plain(item) for item in value)
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    raise ValueError(f"not plain data: {type(value).__name__}")


@functools.cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)


def from_plain(data: Any, hint: Any) -> Any:
    """The value of type ``hint`` that :func:`to_plain` made ``data`` of."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if data is None and type(None) in arguments:
            return None
        (kind,) = [a for a in arguments if a is not type(None)]  # only X | None
        return from_plain(data, kind)
    if hint is dt.datetime:
        return dt.datetime.fromisoformat(_of(data, str))
    if hint is dt.date:
        return dt.date.fromisoformat(_of(data, str))
    if hint in (str, bool):
        return _of(data, hint)
    if hint is int:
        if isinstance(data, bool):
            raise TypeError("a boolean where a number was kept")
        return _of(data, int)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = _of(data, dict)
        names = _hints(hint)
        if set(fields) != {name for name, _ in names}:
            raise ValueError(f"the fields of {hint.__name__} differ")
        return hint(**{name: from_plain(fields[name], kind) for name, kind in names})
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return tuple(from_plain(item, arguments[0]) for item in _of(data, list))
    if origin is frozenset:
        return frozenset(from_plain(item, arguments[0]) for item in _of(data, list))
    if origin is dict and arguments[0] is str:
        return {_of(key, str): from_plain(item, arguments[1]) for key, item in _of(data, dict).items()}
    raise ValueError(f"no plain form for {hint!r}")


def _of(data: Any, kind: type[T]) -> T:
    if not isinstance(data, kind):
        raise TypeError(f"{kind.__name__} expected, {type(data).__name__} kept")
    return data
