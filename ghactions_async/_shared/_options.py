"""``SharedLimits``: where the shared budget lives and how to behave without it.

A plain checked value, light to import: nothing here imports redis-py, so a
client that is never given ``shared_limits`` never loads it.
"""

from __future__ import annotations

import importlib.util
from typing import Literal
from urllib.parse import urlsplit

from attrs import Attribute, field, frozen

OnUnavailable = Literal["local", "raise"]
INSTALL_HINT = "pip install 'ghactions-async[redis]'"
SCHEMES = ("redis", "rediss", "unix")


def _url(instance: object, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"shared_limits must be a redis:// URL or a SharedLimits, got {value!r}")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValueError("the shared limits URL must not contain control characters")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise ValueError("the shared limits URL is not a valid URL") from None
    if parts.scheme not in SCHEMES:
        raise ValueError(
            "the shared limits URL must start with redis://, rediss:// or unix:// "
            f"(redis://HOST:PORT/DB), not {parts.scheme or 'nothing'}://"
        )
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError("the shared limits URL names no host (redis://HOST:PORT/DB)")
    if parts.scheme == "unix" and not parts.path:
        raise ValueError("a unix:// shared limits URL needs the socket's path")


def _on_unavailable(instance: object, attribute: Attribute[str], value: str) -> None:
    if value not in ("local", "raise"):
        raise ValueError(f"on_unavailable must be 'local' or 'raise', got {value!r}")


def _positive(instance: object, attribute: Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{attribute.name} must be a number of seconds, got {value!r}")
    if not value > 0:
        raise ValueError(f"{attribute.name} must be positive, got {value!r}")


def _max_in_flight(instance: object, attribute: Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_in_flight must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"max_in_flight must be at least 1, got {value}")


def _key_prefix(instance: object, attribute: Attribute[str], value: str) -> None:
    # Braces would move Redis Cluster's hash tag; spaces and colons make keys hard to read.
    if not isinstance(value, str) or not value or any(c in value for c in "{}: \t\r\n"):
        raise ValueError(f"key_prefix must be a non-empty word without braces or colons: {value!r}")


@frozen
class SharedLimits:
    """Share one credential's rate budget with every client on it, through Redis.

    ``url`` is ``redis://[:PASSWORD@]HOST:PORT/DB``, ``rediss://`` for TLS or
    ``unix:///path.sock``. ``on_unavailable``: when Redis does not answer,
    ``"local"`` keeps going with this process's own governor (one warning;
    Redis is tried again after a back-off) and ``"raise"`` fails the request
    with a ``TransportError``. ``lease_ttl``: seconds a request holds its slot
    among ``max_in_flight`` at most, so the slots of a killed process come
    back that long after it died. ``key_prefix`` starts every key;
    ``timeout`` bounds each Redis call, in seconds.
    """

    url: str = field(validator=_url)
    on_unavailable: OnUnavailable = field(default="local", kw_only=True, validator=_on_unavailable)
    lease_ttl: float = field(default=30.0, kw_only=True, validator=_positive)
    max_in_flight: int = field(default=100, kw_only=True, validator=_max_in_flight)
    key_prefix: str = field(default="ghactions", kw_only=True, validator=_key_prefix)
    timeout: float = field(default=0.5, kw_only=True, validator=_positive)

    @property
    def location(self) -> str:
        """The URL without its user and password: what messages and logs show."""
        parts = urlsplit(self.url)
        if parts.scheme == "unix":
            return f"unix://{parts.path}"
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"

    def __repr__(self) -> str:
        # The URL may hold Redis's password.
        return (
            f"SharedLimits({self.location!r}, on_unavailable={self.on_unavailable!r}, "
            f"lease_ttl={self.lease_ttl!r}, max_in_flight={self.max_in_flight!r}, "
            f"key_prefix={self.key_prefix!r}, timeout={self.timeout!r})"
        )


def shared_limits_from(value: str | SharedLimits | None) -> SharedLimits | None:
    """A URL is shorthand for ``SharedLimits(url)``; redis-py must be installed to use one."""
    if value is None:
        return None
    limits = value if isinstance(value, SharedLimits) else SharedLimits(value)
    if importlib.util.find_spec("redis") is None:
        raise ImportError(f"shared_limits needs redis-py: {INSTALL_HINT}", name="redis")
    return limits
