"""``OPERATIONS``: every official operationId and the method that implements it.

Resources look their verb and path up here, so this table is the one place
that says which HTTP request a method sends; a test checks it against
GitHub's OpenAPI descriptions (api.github.com and GHES). Each area keeps its
rows in a module of its own, named like the client attribute.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from urllib.parse import quote

from attrs import frozen

from .._areas import AREAS

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]+")  # what quote(safe="") leaves as it is


@frozen
class Operation:
    """One GitHub operation: where it lives on the client and what it sends."""

    operation_id: str
    area: str
    method: str
    http_method: str
    path: str
    on_github_com: bool = True
    on_ghes: bool = True

    @property
    def path_params(self) -> tuple[str, ...]:
        """The names of the path's placeholders, in path order (the method's positional
        parameters).
        """
        return _template(self.path)[1]

    @property
    def route(self) -> str:
        """``"GET /repos/{owner}/{repo}/actions/caches"``: the endpoint, for the limits."""
        return f"{self.http_method} {self.path}"

    def format_path(self, values: Sequence[object]) -> str:
        """The path with each value URL-encoded as one segment (``a/b`` -> ``a%2Fb``)."""
        pattern, names = _template(self.path)
        if len(values) != len(names):
            raise TypeError(
                f"{self.operation_id} takes {len(names)} path values, got {len(values)}"
            )
        try:
            return pattern.format(*map(_SEGMENTS.__getitem__, values))
        except _NotASegment as exc:
            name = names[[str(value) for value in values].index(exc.text)]
            # The URL would be read as another path (``/repos/o/../x``).
            raise ValueError(f"{name} cannot be {exc.text!r}") from None


@functools.cache
def _template(path: str) -> tuple[str, tuple[str, ...]]:
    """The path as a ``str.format`` pattern, and its placeholders' names (once per path)."""
    pieces = _PLACEHOLDER.split(path)
    literals = [piece.replace("{", "{{").replace("}", "}}") for piece in pieces[0::2]]
    return "{}".join(literals), tuple(pieces[1::2])


class _NotASegment(Exception):
    def __init__(self, text: str) -> None:
        self.text = text


class _Segments(dict[object, str]):
    """Each path value as one URL segment. The strings are kept (a bulk job sends the same
    owners and repos again and again), up to ``_KEPT``; ids are not, being all different."""

    def __missing__(self, value: object) -> str:
        text = str(value)
        if type(value) is int:
            return text  # an id is always a safe segment
        if text in (".", ".."):
            raise _NotASegment(text)
        segment = text if _SAFE_SEGMENT.fullmatch(text) else quote(text, safe="")
        if type(value) is str:
            if len(self) >= _KEPT:
                self.clear()
            self[value] = segment
        return segment


_KEPT = 1024
_SEGMENTS = _Segments()


GHES_ONLY = {"on_github_com": False}
GITHUB_COM_ONLY = {"on_ghes": False}


def _collect() -> Mapping[str, Operation]:
    table: dict[str, Operation] = {}
    for area in AREAS:
        module = importlib.import_module(f"{__name__}.{area}")
        for operation in module.OPERATIONS:
            if operation.operation_id in table:
                raise RuntimeError(f"{operation.operation_id} is registered twice")
            table[operation.operation_id] = operation
    return MappingProxyType(table)


OPERATIONS: Mapping[str, Operation] = _collect()


@functools.cache
def _by_route() -> Mapping[str, Operation]:
    return {op.route: op for op in OPERATIONS.values()}


def operation_of_route(route: str) -> Operation | None:
    """The Actions operation of ``"GET /repos/{owner}/{repo}/actions/caches"``, if any."""
    return _by_route().get(route)
