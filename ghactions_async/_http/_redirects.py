"""Follows redirects one hop at a time, so each hop is authorised for its own origin."""

from __future__ import annotations

from .._config import resolve_url
from .._errors import TransportError
from ._types import Handler, Request, Response

MAX_REDIRECTS = 5


async def follow(request: Request, response: Response, call_next: Handler) -> Response:
    """The answer at the end of ``response``'s redirects (GitHub answers downloads with 302
    to a storage host, renamed repos with 301), or the redirect itself when it is not
    followed: for ``follow_redirects=False``, and for a 301/302/303 to anything but GET
    or HEAD, which would turn a DELETE into a GET that "succeeds" without deleting.

    Each hop goes back through the pipeline (``call_next``), where auth is decided by
    the hop's origin: the token never leaves the API host. Called by the requester on
    an answer that ``is_redirect``, not as a step of its own: a step would be one
    coroutine more on every request, for the few that are redirected.
    """
    hops = 0
    while request.follow_redirects and response.is_redirect:
        if hops == MAX_REDIRECTS:
            await response.aclose()
            raise TransportError(
                f"more than {MAX_REDIRECTS} redirects", method=request.method, url=request.url
            )
        if response.status not in (307, 308) and request.method not in ("GET", "HEAD"):
            break
        await response.aclose()
        target = location_of(response)
        request = request.redirected_to(target)
        response = await call_next(request)
        hops += 1
    return response


def location_of(response: Response) -> str:
    """Where a redirect points, absolute; UnexpectedResponse when it is no URL to follow."""
    location = response.headers["location"]
    try:
        return resolve_url(response.url, location)
    except ValueError as exc:
        raise response.unexpected(f"the redirect's Location is not a usable URL: {exc}") from None
