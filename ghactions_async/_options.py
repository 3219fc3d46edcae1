"""The client's settings as one frozen value: checked once, copied with ``evolve``.

``AsyncGitHubActions(...)`` turns its arguments into a ``ClientOptions``;
converters accept the shorthands (seconds for a ``Timeout``, a number of
retries for a ``RetryPolicy``, a preset name for ``RateLimits``, a URL for
``SharedLimits``) and validators refuse bad values with ``TypeError`` or
``ValueError`` before any request. ``for_installation`` is ``evolve(options, auth=...)``, and the
request pipeline is built from the same value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import Attribute, Factory, evolve, field, frozen

from ._config import (
    DEFAULT_API_VERSION,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONCURRENCY,
    Clock,
    Timeout,
    check_base_url,
    check_header_value,
    platform_of,
)
from ._hooks import Hooks
from ._http._auth import Auth
from ._http._cache import ConditionalCache
from ._http._limits import Preset, RateLimits, RateLimitWait
from ._http._retry import RetryPolicy
from ._shared._options import SharedLimits, shared_limits_from
from ._telemetry import Telemetry, as_telemetry
from ._version import __version__

if TYPE_CHECKING:
    import aiohttp

OnWait = Callable[[RateLimitWait], object]


def _auth(instance: object, attribute: Attribute[Auth | None], value: Auth | None) -> None:
    if value is not None and not isinstance(value, Auth):
        raise TypeError(f"auth must provide headers_for() and secrets(), got {value!r}")


def _api_version(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value:
        raise ValueError("api_version must be a non-empty str or None")
    check_header_value("api_version", value)


def _timeout(value: float | Timeout | None) -> Timeout:
    """A number of seconds is shorthand for ``Timeout(total=...)``; None means no limits."""
    if isinstance(value, Timeout):
        return value
    if value is None:
        return Timeout(total=None, connect=None, read=None)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"timeout must be seconds, a Timeout or None, got {value!r}")
    return Timeout(total=float(value))


def _max_concurrency(instance: object, attribute: Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_concurrency must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"max_concurrency must be at least 1, got {value}")


def _retry(value: RetryPolicy | int | None) -> RetryPolicy:
    """A number of retries is shorthand for ``RetryPolicy(max_retries=...)``; None: none."""
    if isinstance(value, RetryPolicy):
        return value
    if value is None:
        return RetryPolicy(max_retries=0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"retry must be a RetryPolicy, an int or None, got {value!r}")
    return RetryPolicy(max_retries=value)


def _limits(value: RateLimits | Preset) -> RateLimits:
    """A preset's name is shorthand for its numbers."""
    if isinstance(value, RateLimits):
        return value
    if not isinstance(value, str):
        raise TypeError(f"limits must be a preset name or a RateLimits, got {value!r}")
    return RateLimits.preset(value)


def _following(options: ClientOptions) -> RateLimits:
    """Limits left out follow ``base_url``: GitHub's own on its cloud, else a server's (ghes)."""
    return RateLimits.preset(platform_of(options.base_url))


def _user_agent(value: str | None) -> str:
    if value is None:
        return f"ghactions-async/{__version__}"
    if not isinstance(value, str) or not value.strip():
        raise ValueError("user_agent must be a non-empty str or None")
    return check_header_value("user_agent", value)


def _max_response_size(instance: object, attribute: Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_response_size must be an int (bytes), got {value!r}")
    if value < 1:
        raise ValueError(f"max_response_size must be positive, got {value}")


def _ghes_version(instance: object, attribute: Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"ghes_version must be a str such as '3.9', got {value!r}")
    from ._ghes import check_release

    check_release(value)


def _on_wait(instance: object, attribute: Attribute[OnWait | None], value: OnWait | None) -> None:
    if value is not None and not callable(value):
        raise TypeError(f"on_wait must be callable, got {value!r}")


def _cache(value: bool | ConditionalCache | None) -> ConditionalCache | None:
    """``True`` is a cache of the default size; ``False`` (or None) none."""
    if value is True:
        return ConditionalCache()
    if value is False or value is None:
        return None
    if not isinstance(value, ConditionalCache):
        raise TypeError(f"cache must be a bool or a ConditionalCache, got {value!r}")
    return value


def _hooks(value: Hooks | None) -> Hooks:
    if value is None:
        return Hooks()
    if not isinstance(value, Hooks):
        raise TypeError(f"hooks must be a Hooks, got {value!r}")
    return value


def _close_timeout(instance: object, attribute: Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"close_timeout must be seconds, got {value!r}")
    if not value >= 0:
        raise ValueError(f"close_timeout must not be negative, got {value}")


def _clock(value: Clock | None) -> Clock:
    if value is None:
        return Clock()
    if not isinstance(value, Clock):
        raise TypeError(f"clock must be a Clock, got {value!r}")
    return value


@frozen(kw_only=True)
class ClientOptions:
    """Every setting of a client, each checked (see the module docstring and the client)."""

    auth: Auth | None = field(default=None, validator=_auth)
    base_url: str = field(default=DEFAULT_BASE_URL, converter=check_base_url)
    api_version: str | None = field(default=DEFAULT_API_VERSION, validator=_api_version)
    timeout: Timeout = field(factory=Timeout, converter=_timeout)
    max_concurrency: int = field(default=DEFAULT_MAX_CONCURRENCY, validator=_max_concurrency)
    retry: RetryPolicy = field(factory=RetryPolicy, converter=_retry)
    limits: RateLimits = field(default=Factory(_following, takes_self=True), converter=_limits)
    user_agent: str = field(default=None, converter=_user_agent)
    on_wait: OnWait | None = field(default=None, validator=_on_wait)
    cache: ConditionalCache | None = field(default=None, converter=_cache)
    session: aiohttp.ClientSession | None = None
    clock: Clock = field(default=None, converter=_clock)
    max_response_size: int = field(default=100 * 1024 * 1024, validator=_max_response_size)
    ghes_version: str | None = field(default=None, validator=_ghes_version)
    shared_limits: SharedLimits | None = field(default=None, converter=shared_limits_from)
    hooks: Hooks = field(default=None, converter=_hooks)
    telemetry: Telemetry | None = field(factory=Telemetry, converter=as_telemetry)
    close_timeout: float = field(default=10.0, validator=_close_timeout)

    def __repr__(self) -> str:
        # The auth object's own repr hides its secrets; the rest is plain settings.
        return f"ClientOptions(base_url={self.base_url!r}, auth={self.auth!r})"

    def for_installation(self, installation_id: int) -> ClientOptions:
        """The settings of a client acting as one installation of this App: its own
        token, an empty cache of the same size, its own session; the rest is ours."""
        from ._http._app import AppAuth

        if not isinstance(self.auth, AppAuth):
            raise TypeError("for_installation needs a client made with auth=AppAuth(app_id, key)")
        return evolve(
            self,
            auth=self.auth.for_installation(installation_id),
            cache=fresh_cache(self.cache),  # its own answers, in a cache of this size
            session=None,
        )


def fresh_cache(cache: ConditionalCache | None) -> Any:
    """An empty cache of the same size, for a client that must not share answers."""
    if cache is None:
        return False
    return ConditionalCache(max_entries=cache.max_entries, max_bytes=cache.max_bytes)
