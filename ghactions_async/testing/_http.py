"""Answer helpers shared by FakeGitHub's route modules: JSON, errors, pages."""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from aiohttp import web

from .._config import Clock
from ._state import FakeRepo, FakeState
from ._world import Blob

T = TypeVar("T")

STATE = web.AppKey("state", FakeState)
"""Where route handlers find the fake's world: ``request.app[STATE]``."""

STORAGE: web.AppKey[Callable[[Blob], str]] = web.AppKey("storage_url_for")
"""The storage host's URL maker (``FakeGitHub.storage_url_for``), for download routes."""

CLOCK = web.AppKey("clock", Clock)
"""The fake's clock (``FakeGitHub(clock=...)``): what tokens and JWTs expire by."""

DOCS = "https://docs.github.com/rest"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
"""What answers one operation: an aiohttp handler, listed in its module's ``HANDLERS``."""


def node_id(kind: str, number: int) -> str:
    """The ``node_id`` GitHub's answers give an object of ``kind`` (its GraphQL id)."""
    return base64.b64encode(f"0{len(kind)}:{kind}{number}".encode()).decode()


def json_response(
    data: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        body=json.dumps(data, separators=(",", ":")).encode(),
        status=status,
        headers=headers,
        content_type="application/json",
        charset="utf-8",
    )


def no_content() -> web.Response:
    return web.Response(status=204)


def error(
    status: int, message: str, *, errors: Sequence[Any] = (), docs: str = DOCS
) -> web.Response:
    """An error body shaped like GitHub's: message, documentation_url, status (and errors)."""
    body: dict[str, Any] = {"message": message, "documentation_url": docs, "status": str(status)}
    if errors:
        body["errors"] = list(errors)
    return json_response(body, status=status)


def redirect_to_storage(request: web.Request, blob: Blob) -> web.Response:
    """A download: 302 to the storage host, which serves ``blob`` for a minute, as GitHub does."""
    return web.Response(status=302, headers={"Location": request.app[STORAGE](blob)})


def not_found() -> web.Response:
    return error(404, "Not Found")


def simple_validation_error(message: str) -> web.Response:
    """GitHub's ``validation-error-simple``: the errors are plain strings."""
    return error(422, "Validation Failed", errors=[message])


def validation_failed(
    field: str, code: str = "invalid", message: str | None = None
) -> web.Response:
    detail: dict[str, Any] = {"resource": "Request", "field": field, "code": code}
    if message:
        detail["message"] = message
    return error(422, "Validation Failed", errors=[detail])


async def json_body(request: web.Request) -> dict[str, Any] | None:
    """The request's JSON object, or None when it is missing or not an object."""
    try:
        data = await request.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


async def json_body_or_empty(request: web.Request) -> dict[str, Any] | None:
    """The JSON object sent, ``{}`` for no body, None for a body that is not an object."""
    if not await request.read():
        return {}
    return await json_body(request)


def origin_of(request: web.Request) -> str:
    """Where the request came in (``http://127.0.0.1:port``): the base of the answers' URLs."""
    return str(request.url.origin())


def path_repo(request: web.Request) -> FakeRepo | None:
    """The repository the path's ``{owner}`` and ``{repo}`` name, or None if there is none."""
    return request.app[STATE].repo(request.match_info["owner"], request.match_info["repo"])


def _int_query(request: web.Request, name: str, default: int) -> int:
    try:
        return int(request.query.get(name, default))
    except ValueError:
        return default


def per_page(request: web.Request, default: int, maximum: int) -> int:
    """The ``per_page`` asked for (``default`` if none or unreadable), from 1 to ``maximum``.

    Above the maximum it is capped silently, as GitHub does.
    """
    return min(max(1, _int_query(request, "per_page", default)), maximum)


def paginate(
    request: web.Request,
    items: Sequence[T],
    *,
    default_per_page: int = 30,
    max_per_page: int = 100,
) -> tuple[Sequence[T], dict[str, str]]:
    """The requested page of ``items`` and its ``Link`` header, the way GitHub builds them."""
    size = per_page(request, default_per_page, max_per_page)
    page = max(1, _int_query(request, "page", 1))
    last = max(1, math.ceil(len(items) / size))
    chunk = items[(page - 1) * size : page * size]
    rels: list[tuple[str, int]] = []
    if page > 1:
        rels += [("prev", page - 1), ("first", 1)]
    if page < last:
        rels += [("next", page + 1), ("last", last)]
    headers = {}
    if rels:
        headers["Link"] = ", ".join(
            f'<{request.url.update_query(page=str(number))}>; rel="{rel}"' for rel, number in rels
        )
    return chunk, headers


def list_response(
    request: web.Request,
    items: Sequence[T],
    key: str,
    *,
    to_json: Callable[[T], dict[str, Any]],
    default_per_page: int = 30,
    max_per_page: int = 100,
) -> web.Response:
    """``{"total_count": N, key: [...]}`` for one page, with its Link header.

    Only the page's own items are turned into JSON.
    """
    chunk, headers = paginate(
        request, items, default_per_page=default_per_page, max_per_page=max_per_page
    )
    body = {"total_count": len(items), key: [to_json(item) for item in chunk]}
    return json_response(body, headers=headers)
