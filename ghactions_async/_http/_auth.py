"""Credentials, attached only to requests bound for the API's own origin."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol, final, runtime_checkable

from .._config import Origin
from ._types import Handler, Request, Response

Exchange = Callable[[str, str, Mapping[str, str]], Awaitable[Any]]
"""``(method, path, headers) -> decoded JSON``: a request to the API with the
credential the caller puts in ``headers`` (the client's own is not added),
through the client's retries and limits; errors raise as usual."""


@runtime_checkable
class Auth(Protocol):
    """What the client needs from a credential.

    ``headers_for`` may first obtain or refresh the credential through
    ``exchange`` (a GitHub App swaps its JWT for an installation token);
    ``secrets`` lists every string that must never appear in a message,
    log line or repr.
    """

    async def headers_for(self, request: Request, exchange: Exchange) -> Mapping[str, str]:
        """The headers that authenticate ``request``, renewing the credential first if needed."""
        ...

    def secrets(self) -> Sequence[str]:
        """Every string of this credential that must never appear in a message or log line."""
        ...


def auth_from(token: str | None, auth: Auth | None) -> Auth | None:
    """The client's credential: ``auth``, else ``token``, else one from the environment."""
    from .._config import token_from_environment

    if auth is not None and token is not None:
        raise ValueError("pass either token or auth, not both")
    if auth is not None:
        if not isinstance(auth, Auth):
            raise TypeError(f"auth must provide headers_for() and secrets(), got {auth!r}")
        return auth
    if token is None:
        token = token_from_environment()
    return None if token is None else TokenAuth(token)


def _check_token(token: object) -> str:
    if not isinstance(token, str):
        raise TypeError(f"token must be a str, got {type(token).__name__}")
    token = token.strip()
    if not token:
        raise ValueError("token must not be empty")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in token):
        # The token itself stays out of the message.
        raise ValueError("token must not contain whitespace or control characters")
    return token


@final
class TokenAuth:
    """A personal access token, OAuth token or installation token."""

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        self._token = _check_token(token)

    async def headers_for(self, request: Request, exchange: Exchange) -> Mapping[str, str]:
        """``Authorization: Bearer <token>``."""
        return {"Authorization": f"Bearer {self._token}"}

    def secrets(self) -> Sequence[str]:
        """The token, for the client's redactor."""
        return (self._token,)

    def __repr__(self) -> str:
        return "TokenAuth(token='***')"

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("TokenAuth cannot be pickled: it would write the token out")


class AuthMiddleware:
    """Adds credentials for the API origin and strips them everywhere else.

    A request with ``own_credential`` (the JWT of a token exchange) keeps its
    own ``Authorization``.
    """

    def __init__(self, auth: Auth | None, api_url: str, exchange: Exchange) -> None:
        self._auth = auth
        self._api = Origin(api_url)
        self._exchange = exchange
        # A TokenAuth (final, its token fixed) gives every request the same header: ask once.
        self._fixed = type(auth) is TokenAuth
        self._fixed_headers: Mapping[str, str] | None = None
        # Most requests share one read-only set of headers (the client's): with the fixed
        # credential added, kept for the next request that brings the same set.
        self._shared: Mapping[str, str] | None = None
        self._shared_authorized: Mapping[str, str] = {}

    def __call__(self, request: Request, call_next: Handler) -> Awaitable[Response]:
        # Not a coroutine itself where nothing is awaited: one frame less a request.
        if not self._api.holds(request.url):
            return call_next(request.without_headers("authorization"))
        if self._auth is None or request.own_credential:
            return call_next(request)
        if self._fixed_headers is not None:
            return call_next(request.with_all_headers(self._with_fixed(request.headers)))
        return self._authorized(request, call_next, self._auth)

    def _with_fixed(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        if headers is self._shared:
            return self._shared_authorized
        assert self._fixed_headers is not None
        authorized = MappingProxyType({**headers, **self._fixed_headers})
        if type(headers) is MappingProxyType:  # read-only: the same object, the same headers
            self._shared, self._shared_authorized = headers, authorized
        return authorized

    async def _authorized(self, request: Request, call_next: Handler, auth: Auth) -> Response:
        headers = await auth.headers_for(request, self._exchange)
        if self._fixed:
            self._fixed_headers = headers
            return await call_next(request.with_all_headers(self._with_fixed(request.headers)))
        return await call_next(request.with_headers(headers))


class Redactor:
    """Replaces every secret of an auth object in a text with ``***``.

    It asks the auth object each time, so a token renewed since is covered too.
    """

    def __init__(self, auth: Auth | None) -> None:
        self._auth = auth

    def text(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``."""
        if self._auth is None:
            return text
        for secret in self._auth.secrets():
            if secret:
                text = text.replace(secret, "***")
        return text

    def value(self, value: Any) -> Any:
        """Every string inside decoded JSON (an error's ``errors``), redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value
