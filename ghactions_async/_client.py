"""``AsyncGitHubActions``: settings (one ``ClientOptions``), the API areas, escape hatches,
lifecycle. Everything between a method and the socket is its ``Requester``'s."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from ._config import DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_MAX_CONCURRENCY, platform_of
from ._http._requester import Requester
from ._options import ClientOptions
from ._validation import validate_arguments

if TYPE_CHECKING:
    import aiohttp

    from ._bulk._api import AsyncBulk
    from ._config import Clock, Platform, Timeout
    from ._hooks import Hooks
    from ._http._auth import Auth
    from ._http._cache import ConditionalCache
    from ._http._limits import Preset, RateLimits, RateLimitState, RateLimitWait, ThrottleState
    from ._http._retry import RetryPolicy
    from ._pagination import AsyncPaginator
    from ._shared._options import SharedLimits
    from ._telemetry import Telemetry
    from .resources.apps import AsyncApps
    from .resources.artifacts import AsyncArtifacts
    from .resources.caches import AsyncCaches
    from .resources.concurrency_groups import AsyncConcurrencyGroups
    from .resources.hosted_runners import AsyncHostedRunners
    from .resources.jobs import AsyncJobs
    from .resources.oidc import AsyncOidc
    from .resources.permissions import AsyncPermissions
    from .resources.runner_groups import AsyncRunnerGroups
    from .resources.runners import AsyncRunners
    from .resources.runs import AsyncRuns
    from .resources.secrets import AsyncSecrets
    from .resources.variables import AsyncVariables
    from .resources.workflows import AsyncWorkflows

Self = TypeVar("Self", bound="AsyncGitHubActions")


class AsyncGitHubActions:
    """A client for the GitHub Actions REST API, every method a coroutine.

    Use it as an async context manager, or call ``aclose()``: it owns an
    aiohttp session, created in the running event loop on the first request.
    ``token`` defaults to ``GITHUB_TOKEN``, then ``GH_TOKEN`` (neither: no
    credential). ``max_concurrency`` caps requests in flight for everything the
    client does. ``retry``: a RetryPolicy or a number of retries. ``limits``:
    "github.com", "ghes", "unlimited" or a RateLimits (default: by ``base_url``);
    ``on_wait`` hears of its waits. ``cache=True``: ETags for GETs (a 304 costs
    no rate limit). ``clock``: how waits pass (tests: ``FakeClock``).
    ``max_response_size``: bytes of one JSON answer at most. ``ghes_version``
    ("3.9"): what that release lacks is refused before sending (else learned
    from answers). ``shared_limits`` ("redis://HOST:PORT/DB" or a SharedLimits):
    the credential's budget shared with its clients in any process. ``hooks``
    (a ``Hooks``): every request, answer, retry and wait. ``telemetry``:
    OpenTelemetry to the global providers (True), a ``Telemetry``'s, or none
    (False). ``close_timeout``: seconds ``aclose`` lets requests finish.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        auth: Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        api_version: str | None = DEFAULT_API_VERSION,
        timeout: float | Timeout | None = 30.0,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        retry: RetryPolicy | int = 3,
        user_agent: str | None = None,
        limits: RateLimits | Preset | None = None,
        on_wait: Callable[[RateLimitWait], object] | None = None,
        cache: bool | ConditionalCache = False,
        session: aiohttp.ClientSession | None = None,
        clock: Clock | None = None,
        max_response_size: int = 100 * 1024 * 1024,
        ghes_version: str | None = None,
        shared_limits: str | SharedLimits | None = None,
        hooks: Hooks | None = None,
        telemetry: bool | Telemetry = True,
        close_timeout: float = 10.0,
    ) -> None:
        from ._http._auth import auth_from

        given_limits = {} if limits is None else {"limits": limits}  # else they follow base_url
        self._options = ClientOptions(
            auth=auth_from(token, auth),
            base_url=base_url,
            api_version=api_version,
            timeout=timeout,
            max_concurrency=max_concurrency,
            retry=retry,
            user_agent=user_agent,
            on_wait=on_wait,
            cache=cache,
            session=session,
            clock=clock,
            max_response_size=max_response_size,
            ghes_version=ghes_version,
            shared_limits=shared_limits,
            hooks=hooks,
            telemetry=telemetry,
            close_timeout=close_timeout,
            **given_limits,
        )
        self._requester = Requester(self._options)

    @classmethod
    def _from_options(cls, options: ClientOptions) -> AsyncGitHubActions:
        client = cls.__new__(cls)
        client._options = options
        client._requester = Requester(options)
        return client

    # -- the API areas ------------------------------------------------------

    @cached_property
    def caches(self) -> AsyncCaches:
        """GitHub Actions caches: list, delete, usage and limits."""
        from .resources.caches import AsyncCaches

        return AsyncCaches(self._requester)

    @cached_property
    def apps(self) -> AsyncApps:
        """GitHub App installations and their tokens (for a client made with AppAuth)."""
        from .resources.apps import AsyncApps

        return AsyncApps(self._requester)

    @cached_property
    def bulk(self) -> AsyncBulk:
        """Operations over many items or repositories: prune caches, delete artifacts and runs."""
        from ._bulk._api import AsyncBulk

        return AsyncBulk(self._requester, self)

    @cached_property
    def artifacts(self) -> AsyncArtifacts:
        """Artifacts of workflow runs: list, get, delete, download."""
        from .resources.artifacts import AsyncArtifacts

        return AsyncArtifacts(self._requester)

    @cached_property
    def runs(self) -> AsyncRuns:
        """Workflow runs: list, inspect, cancel, re-run, approve, delete, logs."""
        from .resources.runs import AsyncRuns

        return AsyncRuns(self._requester)

    @cached_property
    def jobs(self) -> AsyncJobs:
        """Jobs of workflow runs: list, get, re-run, logs."""
        from .resources.jobs import AsyncJobs

        return AsyncJobs(self._requester)

    @cached_property
    def workflows(self) -> AsyncWorkflows:
        """Workflows: list, get, dispatch, enable, disable, usage."""
        from .resources.workflows import AsyncWorkflows

        return AsyncWorkflows(self._requester)

    @cached_property
    def secrets(self) -> AsyncSecrets:
        """Actions secrets of repositories, organizations and environments."""
        from .resources.secrets import AsyncSecrets

        return AsyncSecrets(self._requester)

    @cached_property
    def variables(self) -> AsyncVariables:
        """Actions variables of repositories, organizations and environments."""
        from .resources.variables import AsyncVariables

        return AsyncVariables(self._requester)

    @cached_property
    def runners(self) -> AsyncRunners:
        """Self-hosted runners: registration, labels, removal."""
        from .resources.runners import AsyncRunners

        return AsyncRunners(self._requester)

    @cached_property
    def runner_groups(self) -> AsyncRunnerGroups:
        """Self-hosted runner groups of an organization."""
        from .resources.runner_groups import AsyncRunnerGroups

        return AsyncRunnerGroups(self._requester)

    @cached_property
    def hosted_runners(self) -> AsyncHostedRunners:
        """GitHub-hosted larger runners of an organization, and their images."""
        from .resources.hosted_runners import AsyncHostedRunners

        return AsyncHostedRunners(self._requester)

    @cached_property
    def permissions(self) -> AsyncPermissions:
        """Who may use Actions, which actions may run, and with which defaults."""
        from .resources.permissions import AsyncPermissions

        return AsyncPermissions(self._requester)

    @cached_property
    def oidc(self) -> AsyncOidc:
        """The OpenID Connect subject claim of a repository."""
        from .resources.oidc import AsyncOidc

        return AsyncOidc(self._requester)

    @cached_property
    def concurrency_groups(self) -> AsyncConcurrencyGroups:
        """Concurrency groups of a repository and of a run."""
        from .resources.concurrency_groups import AsyncConcurrencyGroups

        return AsyncConcurrencyGroups(self._requester)

    # -- state -----------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The API root requests go to, without a trailing slash."""
        return self._options.base_url

    @property
    def max_concurrency(self) -> int:
        """The cap on requests in flight for this client."""
        return self._options.max_concurrency

    @property
    def rate_limit(self) -> RateLimitState | None:
        """The primary rate limit as GitHub last reported it, or ``None`` before any answer."""
        governor = self._requester.governor
        return governor.state if governor is not None else None

    @property
    def cache(self) -> ConditionalCache | None:
        """The conditional-request cache, when this client was made with ``cache=``."""
        return self._options.cache

    @property
    def limits(self) -> RateLimits:
        """The numbers this client's governor keeps to."""
        return self._options.limits

    @property
    def throttle(self) -> ThrottleState | None:
        """What the governor does now (concurrency, pause), or ``None`` before any request."""
        governor = self._requester.governor
        return governor.throttle_state() if governor is not None else None

    @property
    def platform(self) -> Platform:
        """Which GitHub ``base_url`` points at: github.com (GHEC too) or Enterprise Server."""
        return platform_of(self._options.base_url)

    def __repr__(self) -> str:
        options = self._options
        return f"<{type(self).__name__} base_url={options.base_url!r} auth={options.auth!r}>"

    @validate_arguments
    def for_installation(self, installation_id: int) -> AsyncGitHubActions:
        """A client acting as one installation of this client's GitHub App.

        It has its own token (renewed in time), its own rate-limit governor
        (each installation has a budget of its own; with ``shared_limits``, shared
        with the installation's clients elsewhere) and its own session; the
        other settings are this client's. Close it like any client.
        """
        return AsyncGitHubActions._from_options(self._options.for_installation(installation_id))

    # -- escape hatches ---------------------------------------------------

    @validate_arguments
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Send any request to the API and return its decoded JSON (``None`` when empty).

        ``path`` is relative to ``base_url`` (``/repos/o/r/actions/caches``) or
        a full URL. Errors raise the same typed exceptions as wrapped methods;
        a DELETE whose earlier attempt may have done it and that then finds
        nothing returns ``None``, as a delete method does.
        """
        return await self._requester.raw(method, path, params=params, json=json, headers=headers)

    @validate_arguments
    def paginate(
        self,
        path: str,
        *,
        item_key: str | None = None,
        params: Mapping[str, Any] | None = None,
        per_page: int = 100,
        max_pages: int | None = None,
    ) -> AsyncPaginator[Any]:
        """Iterate any list endpoint as raw dicts.

        ``item_key`` names the list in a ``{total_count, <item_key>: [...]}``
        answer; left out, a bare array or the answer's only list is used.
        ``max_pages`` stops after that many pages.
        """
        if not 1 <= per_page <= 100:
            raise ValueError(f"per_page must be between 1 and 100, got {per_page}")
        if max_pages is not None and max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, got {max_pages}")
        return self._requester.paginate_url(
            path, item_key=item_key, params=params, per_page=per_page, max_pages=max_pages
        )

    # -- lifecycle ----------------------------------------------------------

    async def aclose(self) -> None:
        """Close the client: new calls are refused at once, requests in flight may
        finish for ``close_timeout`` seconds and are then cancelled (they raise
        TransportError), and the session (unless it was passed in) is closed.
        Closing again does nothing."""
        await self._requester.aclose()

    async def __aenter__(self: Self) -> Self:
        """Enter: the client closes itself on exit."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Exit: close the client."""
        await self.aclose()
