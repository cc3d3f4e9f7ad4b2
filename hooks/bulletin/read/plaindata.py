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
from collections.abc import Callable
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


def from_plain(data: Any, hint: Any) -> Any:
    """The value of type ``hint`` that :func:`to_plain` made ``data`` of."""
    return _decoder(hint)(data)


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """The function that reads plain data back into ``hint``, made once for each type (a ten-year
    archive reads some 25,000 reports back, each with a few dozen values)."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (kind,) = [a for a in arguments if a is not type(None)]  # only X | None
        inner = _decoder(kind)
        return lambda data: None if data is None else inner(data)
    if hint is dt.datetime:
        return lambda data: dt.datetime.fromisoformat(_exactly(str, data))
    if hint is dt.date:
        return lambda data: dt.date.fromisoformat(_exactly(str, data))
    if hint in (str, bool, int):
        return functools.partial(_exactly, hint)  # exactly: a boolean is not taken for a number
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        if arguments[0] is str:
            return lambda data: tuple(_all_text(data))
        item = _decoder(arguments[0])
        return lambda data: tuple(item(each) for each in _exactly(list, data))
    if origin is frozenset:
        item = _decoder(arguments[0])
        return lambda data: frozenset(item(each) for each in _exactly(list, data))
    if origin is dict and arguments[0] is str:
        value = _decoder(arguments[1])
        return lambda data: {_exactly(str, k): value(v) for k, v in _exactly(dict, data).items()}
    raise ValueError(f"no plain form for {hint!r}")


def _dataclass_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls) if f.init)
    names = {name for name, _ in fields}

    def decode(data: Any) -> Any:
        if type(data) is not dict or data.keys() != names:
            raise ValueError(f"the fields of {cls.__name__} differ")
        return cls(**{name: read(data[name]) for name, read in fields})

    return decode


def _exactly(kind: type[T], data: Any) -> T:
    if type(data) is not kind:
        raise TypeError(f"{kind.__name__} expected, {type(data).__name__} kept")
    return data


def _all_text(data: Any) -> list[str]:
    if type(data) is not list or not all(type(each) is str for each in data):
        raise TypeError("a list of texts expected")
    return data
