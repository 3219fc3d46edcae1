"""Reading what people type: durations (``7d``), sizes (``1.5GiB``), times and repositories.

Each parser raises ``ValueError`` with a message fit for the user; the click
parameter types below turn that into a usage error (exit code 2).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    _ParamType = click.ParamType[Any, Any]
else:  # click before 8.4 has no type parameters
    _ParamType = click.ParamType

_DURATION_UNITS: dict[str, timedelta] = {}
for _names, _unit in (
    (("s", "sec", "secs", "second", "seconds"), timedelta(seconds=1)),
    (("m", "min", "mins", "minute", "minutes"), timedelta(minutes=1)),
    (("h", "hr", "hrs", "hour", "hours"), timedelta(hours=1)),
    (("d", "day", "days"), timedelta(days=1)),
    (("w", "wk", "wks", "week", "weeks"), timedelta(weeks=1)),
):
    for _name in _names:
        _DURATION_UNITS[_name] = _unit

_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*")

_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "k": 1000,
    "kb": 1000,
    "m": 1000**2,
    "mb": 1000**2,
    "g": 1000**3,
    "gb": 1000**3,
    "t": 1000**4,
    "tb": 1000**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}

_SIZE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*")

_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def parse_duration(text: str) -> timedelta:
    """``7d``, ``12h``, ``30m``, ``2w``, ``90s``, or combined: ``1d12h``, ``1w 3d``."""
    value = text.strip().lower()
    if not value:
        raise ValueError("a duration must not be empty (examples: 7d, 12h, 30m, 2w)")
    total = timedelta()
    position = 0
    while position < len(value):
        match = _DURATION_PART.match(value, position)
        if match is None:
            if value.isdigit():
                raise ValueError(
                    f"{text!r} has no unit: write {text.strip()}d for days, "
                    f"{text.strip()}h for hours (s, m, h, d, w)"
                )
            raise ValueError(f"{text!r} is not a duration (examples: 7d, 12h, 30m, 2w, 1d12h)")
        number, unit = match.groups()
        if unit not in _DURATION_UNITS:
            hint = " (months vary in length: use days, e.g. 30d)" if unit.startswith("mo") else ""
            raise ValueError(f"unknown unit {unit!r} in {text!r}: use s, m, h, d or w{hint}")
        total += float(number) * _DURATION_UNITS[unit]
        position = match.end()
    if total <= timedelta():
        raise ValueError(f"a duration must be more than zero, got {text!r}")
    return total


def parse_size(text: str) -> int:
    """Bytes from ``1024``, ``500MB``, ``500 mb``, ``1.5GiB``, ``2G`` (K/M/G/T are decimal)."""
    match = _SIZE.fullmatch(text.lower())
    if match is None:
        raise ValueError(f"{text!r} is not a size (examples: 1024, 500MB, 1.5GiB)")
    number, unit = match.groups()
    if unit not in _SIZE_UNITS:
        raise ValueError(
            f"unknown unit {unit!r} in {text!r}: use B, KB, MB, GB, TB (powers of 1000) "
            "or KiB, MiB, GiB, TiB (powers of 1024)"
        )
    return round(float(number) * _SIZE_UNITS[unit])


def parse_time(text: str) -> datetime:
    """An ISO 8601 date or time (``2024-05-01``, ``2024-05-01T10:00:00Z``); UTC unless it says."""
    value = text.strip()
    if value[-1:] in ("z", "Z"):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date or time (examples: 2024-05-01, 2024-05-01T10:00:00Z)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def parse_repo(text: str) -> str:
    """``owner/name``, as GitHub spells repositories."""
    value = text.strip()
    if not _REPO.fullmatch(value):
        raise ValueError(f"{text!r} is not a repository: write it as OWNER/NAME")
    return value


def split_repo(full_name: str) -> tuple[str, str]:
    owner, _, name = full_name.partition("/")
    return owner, name


def parse_workflow(text: str) -> int | str:
    """A workflow's numeric id, or its file name (``ci.yml``)."""
    value = text.strip()
    if not value:
        raise ValueError("a workflow must be its id or its file name, such as ci.yml")
    return int(value) if value.isdigit() else value


def parse_input(text: str) -> tuple[str, str]:
    """A ``workflow_dispatch`` input given as ``name=value``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(f"{text!r} is not an input: write it as NAME=VALUE")
    return name.strip(), value


class _ParsedType(_ParamType):
    """A click type backed by one of the parsers above (ValueError -> usage error)."""

    def __init__(self, name: str, parse: Any) -> None:
        self.name = name
        self._parse = parse

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self._parse(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


DURATION = _ParsedType("duration", parse_duration)
SIZE = _ParsedType("size", parse_size)
TIME = _ParsedType("time", parse_time)
REPO = _ParsedType("owner/repo", parse_repo)
WORKFLOW = _ParsedType("workflow", parse_workflow)
INPUT = _ParsedType("name=value", parse_input)
