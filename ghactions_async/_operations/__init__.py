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
        literals, names = _template(self.path)
        if len(values) != len(names):
            raise TypeError(
                f"{self.operation_id} takes {len(names)} path values, got {len(values)}"
            )
        path = literals[0]
        for index, value in enumerate(values):
            # An id (an int) is always a safe segment.
            segment = str(value) if type(value) is int else _segment(names[index], value)
            path += segment + literals[index + 1]
        return path


@functools.cache
def _template(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The literal text around each placeholder, and the placeholders' names (once per path)."""
    pieces = _PLACEHOLDER.split(path)
    return tuple(pieces[0::2]), tuple(pieces[1::2])


def _segment(name: str, value: object) -> str:
    text = str(value)
    if text in (".", ".."):  # the URL would be read as another path (``/repos/o/../x``)
        raise ValueError(f"{name} cannot be {text!r}")
    return _quoted(text)


@functools.lru_cache(maxsize=1024)
def _quoted(text: str) -> str:
    """``text`` as one path segment: a bulk job sends the same owners and repos again and again."""
    return text if _SAFE_SEGMENT.fullmatch(text) else quote(text, safe="")


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
