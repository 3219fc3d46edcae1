"""GitHub App credentials: the app's JWT, and installation tokens obtained with it.

An app authenticates as itself with a JSON Web Token signed RS256 with its
private key; GitHub accepts one issued (``iat``) up to a minute in the past,
to allow for clock drift, and expiring (``exp``) at most ten minutes later.
To act on an organization's repositories it swaps that JWT for an
installation token (``POST /app/installations/{id}/access_tokens``), valid
for an hour. Each installation has a rate budget of its own.

Signing needs PyJWT with cryptography, an optional extra:
``pip install 'ghactions-async[app]'``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import anyio

from .._config import Clock
from ._auth import Exchange
from ._types import Request

INSTALL_HINT = "pip install 'ghactions-async[app]'"
ISSUED_BEFORE = 60
"""Seconds ``iat`` is set in the past, as GitHub recommends against clock drift."""
LIFETIME = 540
"""Seconds from ``iat`` to ``exp``: under GitHub's ten-minute ceiling, with room to spare."""


def _jwt_module() -> Any:
    try:
        import jwt
        from cryptography.hazmat.primitives import serialization  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            f"GitHub App authentication needs PyJWT with cryptography: {INSTALL_HINT}",
            name="jwt",
        ) from exc
    return jwt


def _check_app_id(app_id: object) -> str:
    if isinstance(app_id, bool) or not isinstance(app_id, (int, str)):
        raise TypeError(f"app_id must be an int or a str, got {type(app_id).__name__}")
    text = str(app_id).strip()
    if not text or (isinstance(app_id, int) and app_id < 1):
        raise ValueError(f"app_id must be a positive id or a client id, got {app_id!r}")
    return text


def _load_key(private_key: object) -> Any:
    """The private key, checked now so that a wrong one fails at once (without echoing it)."""
    if isinstance(private_key, str):
        private_key = private_key.encode()
    if not isinstance(private_key, bytes):
        raise TypeError(f"private_key must be PEM text or bytes, got {type(private_key).__name__}")
    _jwt_module()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        key = serialization.load_pem_private_key(private_key, password=None)
    except (ValueError, TypeError):
        raise ValueError("private_key is not a PEM-encoded private key") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("private_key must be an RSA key, as GitHub App keys are")
    return key


class AppAuth:
    """Authenticate as a GitHub App (for ``/app`` endpoints and to get installation tokens).

    ``private_key`` is the PEM text GitHub let you download. The JWT is
    renewed a minute before it expires.
    """

    def __init__(
        self, app_id: int | str, private_key: str | bytes, *, clock: Clock | None = None
    ) -> None:
        self.app_id = _check_app_id(app_id)
        self._key = _load_key(private_key)
        self._clock = clock or Clock()
        self._jwt: str | None = None
        self._jwt_expires = 0.0

    def __repr__(self) -> str:
        return f"AppAuth(app_id={self.app_id!r}, private_key='***')"

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("AppAuth cannot be pickled: it would write the private key out")

    def jwt(self) -> str:
        """A JWT for this app, valid for at least another minute."""
        now = self._clock.now().timestamp()
        if self._jwt is None or now > self._jwt_expires - 60:
            issued = math.floor(now) - ISSUED_BEFORE
            claims = {"iat": issued, "exp": issued + LIFETIME, "iss": self.app_id}
            self._jwt = str(_jwt_module().encode(claims, self._key, algorithm="RS256"))
            self._jwt_expires = float(issued + LIFETIME)
        return self._jwt

    async def headers_for(self, request: Request, exchange: Exchange) -> Mapping[str, str]:
        """``Authorization: Bearer <JWT>``, the JWT renewed when it has less than a minute left."""
        return {"Authorization": f"Bearer {self.jwt()}"}

    def secrets(self) -> Sequence[str]:
        """The current JWT, for the client's redactor (the private key is never printed either)."""
        return (self._jwt,) if self._jwt else ()

    def for_installation(
        self, installation_id: int, *, refresh_margin: float = 300.0
    ) -> AppInstallationAuth:
        """The credential of one installation of this app, sharing its key, JWT and clock."""
        installation = AppInstallationAuth.__new__(AppInstallationAuth)
        installation._setup(self, installation_id, refresh_margin)
        return installation


class AppInstallationAuth:
    """Act as one installation of a GitHub App, with installation tokens it renews itself.

    The token is fetched on first use, kept, and renewed ``refresh_margin``
    seconds before it expires; requests that find it stale at the same
    moment share one renewal.
    """

    def __init__(
        self,
        app_id: int | str,
        private_key: str | bytes,
        installation_id: int,
        *,
        clock: Clock | None = None,
        refresh_margin: float = 300.0,
    ) -> None:
        self._setup(AppAuth(app_id, private_key, clock=clock), installation_id, refresh_margin)

    def _setup(self, app: AppAuth, installation_id: int, refresh_margin: float) -> None:
        """Shared by ``__init__`` and ``AppAuth.for_installation`` (whose key is parsed)."""
        if isinstance(installation_id, bool) or not isinstance(installation_id, int):
            raise TypeError(f"installation_id must be an int, got {type(installation_id).__name__}")
        if installation_id < 1:
            raise ValueError(f"installation_id must be a positive integer, got {installation_id}")
        if not 0 <= refresh_margin < 3000:
            raise ValueError("refresh_margin must be between 0 and 3000 seconds")
        self.installation_id = installation_id
        self._app = app
        self._clock = app._clock
        self._refresh_margin = timedelta(seconds=refresh_margin)
        self._token: str | None = None
        self._expires_at = datetime.min.replace(tzinfo=timezone.utc)
        self._renewal = anyio.Lock()
        self.renewals = 0

    @property
    def app_id(self) -> str:
        """The id of the GitHub App this installation belongs to."""
        return self._app.app_id

    @property
    def expires_at(self) -> datetime | None:
        """When the current token expires (``None`` before the first one)."""
        return self._expires_at if self._token else None

    def __repr__(self) -> str:
        return (
            f"AppInstallationAuth(app_id={self.app_id!r}, "
            f"installation_id={self.installation_id}, private_key='***')"
        )

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("AppInstallationAuth cannot be pickled: it would write the key out")

    def _fresh(self) -> bool:
        return (
            self._token is not None and self._clock.now() < self._expires_at - self._refresh_margin
        )

    async def token(self, exchange: Exchange) -> str:
        """The installation token, renewed when it is about to expire."""
        if not self._fresh():
            async with self._renewal:
                if not self._fresh():  # another request may have renewed it meanwhile
                    answer = await exchange(
                        "POST",
                        f"/app/installations/{self.installation_id}/access_tokens",
                        {"Authorization": f"Bearer {self._app.jwt()}"},
                    )
                    from .._convert import parse_datetime

                    self._token = str(answer["token"])
                    self._expires_at = parse_datetime(answer["expires_at"])
                    self.renewals += 1
        assert self._token is not None
        return self._token

    async def headers_for(self, request: Request, exchange: Exchange) -> Mapping[str, str]:
        """The installation token's header, exchanging the app's JWT for a new token when it nears
        expiry (concurrent requests share one renewal).
        """
        return {"Authorization": f"Bearer {await self.token(exchange)}"}

    def secrets(self) -> Sequence[str]:
        """The installation token and the app's JWT, for the client's redactor."""
        return tuple(s for s in (self._token, *self._app.secrets()) if s)
