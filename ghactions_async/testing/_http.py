"""Answer helpers shared by FakeGitHub's route modules: JSON, errors, pages."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from aiohttp import web

from .._config import Clock
from ._state import FakeState
from ._world import Blob

T = TypeVar("T")

STATE = web.AppKey("state", FakeState)
"""Where route handlers find the fake's world: ``request.app[STATE]``."""

STORAGE: web.AppKey[Callable[[Blob], str]] = web.AppKey("storage_url_for")
"""The storage host's URL maker (``FakeGitHub.storage_url_for``), for download routes."""

CLOCK = web.AppKey("clock", Clock)
"""The fake's clock (``FakeGitHub(clock=...)``): what tokens and JWTs expire by."""

DOCS = "https://docs.github.com/rest"


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


def _int_query(request: web.Request, name: str, default: int) -> int:
    try:
        return int(request.query.get(name, default))
    except ValueError:
        return default


def paginate(
    request: web.Request,
    items: Sequence[T],
    *,
    default_per_page: int = 30,
    max_per_page: int = 100,
) -> tuple[Sequence[T], dict[str, str]]:
    """The requested page of ``items`` and its ``Link`` header, the way GitHub builds them.

    ``per_page`` above the maximum is capped silently, as GitHub does.
    """
    per_page = min(max(1, _int_query(request, "per_page", default_per_page)), max_per_page)
    page = max(1, _int_query(request, "page", 1))
    last = max(1, math.ceil(len(items) / per_page))
    chunk = items[(page - 1) * per_page : page * per_page]
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
