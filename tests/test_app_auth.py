"""GitHub App authentication against FakeGitHub, which verifies every JWT and token."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from aioresponses import aioresponses

from ghactions_async import (
    AppAuth,
    AppInstallationAuth,
    AsyncGitHubActions,
    AuthenticationError,
    ConditionalCache,
    GitHubActions,
    NotFound,
    PermissionDenied,
)
from ghactions_async.models import Installation
from ghactions_async.testing import FakeApp, FakeClock, FakeGitHub, FakeInstallation
from ghactions_async.testing._apps import new_key_pair

START = datetime(2030, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=START)


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[FakeGitHub]:
    async with FakeGitHub(clock=clock) as server:
        yield server


@pytest.fixture
def app(fake: FakeGitHub) -> FakeApp:
    return fake.add_app("cache-janitor")


@pytest.fixture
def octo(fake: FakeGitHub, app: FakeApp) -> FakeInstallation:
    fake.add_cache("octo/app", key="k", size_in_bytes=5)
    return fake.install_app(app, "octo")


def app_client(fake: FakeGitHub, app: FakeApp, clock: FakeClock) -> AsyncGitHubActions:
    return AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem, clock=clock), base_url=fake.url
    )


def exchanges(fake: FakeGitHub) -> int:
    return sum(1 for r in fake.stats.log if r.path.endswith("/access_tokens"))


def test_the_jwt_follows_githubs_rules(app: FakeApp, clock: FakeClock) -> None:
    token = AppAuth(app.id, app.private_key_pem, clock=clock).jwt()
    claims = jwt.decode(
        token,
        app.public_key_pem,
        algorithms=["RS256"],
        options={"verify_exp": False, "verify_iat": False},
    )
    assert claims["iss"] == str(app.id)
    assert claims["iat"] == int(START.timestamp()) - 60  # a minute back, for clock drift
    assert claims["exp"] - claims["iat"] == 540  # within GitHub's ten minutes


async def test_the_app_sees_itself_and_its_installations(
    fake: FakeGitHub, app: FakeApp, octo: FakeInstallation, clock: FakeClock
) -> None:
    other = fake.install_app(app, "acme")
    async with app_client(fake, app, clock) as gh:
        me = await gh.apps.get_authenticated()
        assert (me.id, me.slug) == (app.id, "cache-janitor")
        installations = await gh.apps.list_installations().collect()
        assert [i.id for i in installations] == [octo.id, other.id]
        assert isinstance(installations[0], Installation)
        found = await gh.apps.get_org_installation("acme")
        assert (found.id, found.account and found.account.login) == (other.id, "acme")
        assert (await gh.apps.get_repo_installation("octo", "app")).id == octo.id
        with pytest.raises(NotFound):
            await gh.apps.get_org_installation("elsewhere")
        token = await gh.apps.create_installation_token(octo.id)
        assert token.expires_at == START + timedelta(hours=1)
        assert token.token not in repr(token)


async def test_an_installation_client_acts_with_its_own_token(
    fake: FakeGitHub, app: FakeApp, octo: FakeInstallation, clock: FakeClock
) -> None:
    async with app_client(fake, app, clock) as gh, gh.for_installation(octo.id) as octo_gh:
        usage = await octo_gh.caches.get_usage("octo", "app")
        assert usage.active_caches_size_in_bytes == 5
        assert fake.stats.log[-1].credential == f"installation:{octo.id}"
        assert octo_gh.rate_limit is not None
        assert octo_gh.rate_limit.limit == 12_500  # installations have a budget of their own
        with pytest.raises(NotFound):  # another organization is out of its reach
            await octo_gh.caches.get_usage("acme", "app")
        fake.add_enterprise("ent", ["octo"])
        with pytest.raises(PermissionDenied):
            await octo_gh.caches.get_retention_limit_for_enterprise("ent")
        assert gh.throttle is None  # the app client itself sent nothing: separate governors


async def test_the_token_is_renewed_shortly_before_it_expires(
    fake: FakeGitHub, app: FakeApp, octo: FakeInstallation, clock: FakeClock
) -> None:
    async with app_client(fake, app, clock) as gh, gh.for_installation(octo.id) as octo_gh:
        await octo_gh.caches.get_usage("octo", "app")
        await octo_gh.caches.get_usage("octo", "app")
        assert exchanges(fake) == 1
        clock.advance(54 * 60)  # six minutes left: still good
        await octo_gh.caches.get_usage("octo", "app")
        assert exchanges(fake) == 1
        clock.advance(2 * 60)  # four minutes left: inside the five-minute margin
        await octo_gh.caches.get_usage("octo", "app")
        assert exchanges(fake) == 2
        auth = octo_gh._options.auth
        assert isinstance(auth, AppInstallationAuth)
        assert auth.expires_at == START + timedelta(minutes=56, hours=1)


async def test_concurrent_requests_share_one_renewal(
    fake: FakeGitHub, app: FakeApp, octo: FakeInstallation, clock: FakeClock
) -> None:
    fake.latency = 0.01
    async with app_client(fake, app, clock) as gh, gh.for_installation(octo.id) as octo_gh:
        await asyncio.gather(*(octo_gh.caches.get_usage("octo", "app") for _ in range(30)))
        assert exchanges(fake) == 1
        clock.advance(58 * 60)
        await asyncio.gather(*(octo_gh.caches.get_usage("octo", "app") for _ in range(30)))
        assert exchanges(fake) == 2


async def test_an_expired_token_is_refused_by_the_fake(
    fake: FakeGitHub, app: FakeApp, octo: FakeInstallation, clock: FakeClock
) -> None:
    async with app_client(fake, app, clock) as gh:
        token = await gh.apps.create_installation_token(octo.id)
    clock.advance(61 * 60)
    async with AsyncGitHubActions(token.token, base_url=fake.url) as stale:
        with pytest.raises(AuthenticationError, match="Bad credentials"):
            await stale.caches.get_usage("octo", "app")


async def test_a_wrong_key_is_refused(
    fake: FakeGitHub, app: FakeApp, octo: FakeInstallation, clock: FakeClock
) -> None:
    other_key, _ = new_key_pair()
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, other_key, clock=clock), base_url=fake.url
    ) as gh:
        with pytest.raises(AuthenticationError, match="could not be decoded"):
            await gh.apps.get_authenticated()
        async with gh.for_installation(octo.id) as octo_gh:
            with pytest.raises(AuthenticationError, match="could not be decoded"):
                await octo_gh.caches.get_usage("octo", "app")


@pytest.mark.parametrize(
    ("offset", "message"),
    [(timedelta(minutes=-20), "Expiration time"), (timedelta(minutes=10), "Issued at")],
)
async def test_jwts_from_a_clock_too_far_off_are_refused(
    fake: FakeGitHub, app: FakeApp, offset: timedelta, message: str
) -> None:
    skewed = FakeClock(start=START + offset)
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem, clock=skewed), base_url=fake.url
    ) as gh:
        with pytest.raises(AuthenticationError, match=message):
            await gh.apps.get_authenticated()


async def test_a_token_alone_cannot_use_app_endpoints(fake: FakeGitHub, app: FakeApp) -> None:
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(AuthenticationError, match="JSON web token"):
            await gh.apps.list_installations().collect()
        with pytest.raises(TypeError, match="AppAuth"):
            gh.for_installation(1)


def test_bad_app_credentials_are_rejected_without_echoing_them(app: FakeApp) -> None:
    with pytest.raises(ValueError, match="not a PEM"):
        AppAuth(app.id, "-----BEGIN SECRET STUFF-----")
    with pytest.raises(ValueError, match="positive"):
        AppAuth(0, app.private_key_pem)
    with pytest.raises(TypeError, match="app_id"):
        AppAuth(True, app.private_key_pem)
    with pytest.raises(ValueError, match="installation_id"):
        AppInstallationAuth(app.id, app.private_key_pem, -1)
    auth = AppAuth(app.id, app.private_key_pem)
    assert "PRIVATE KEY" not in repr(auth)
    assert "PRIVATE KEY" not in repr(auth.for_installation(5))
    with pytest.raises(ValueError, match="installation_id must be a positive integer"):
        AsyncGitHubActions(auth=auth).for_installation(0)


def test_installations_share_the_parsed_key_and_keep_the_cache_size(
    app: FakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ghactions_async._http import _app

    loads: list[object] = []
    real_load = _app._load_key

    def counting_load(pem: str | bytes) -> object:
        loads.append(pem)
        return real_load(pem)

    monkeypatch.setattr(_app, "_load_key", counting_load)
    auth = AppAuth(app.id, app.private_key_pem)
    gh = AsyncGitHubActions(auth=auth, cache=ConditionalCache(max_entries=7, max_bytes=999))
    installed = [gh.for_installation(n) for n in (1, 2, 3)]
    assert len(loads) == 1  # parsing a key takes tens of milliseconds: once per app
    for one in installed:
        assert one.cache is not None
        assert one.cache is not gh.cache
        assert (one.cache.max_entries, one.cache.max_bytes) == (7, 999)
    assert AsyncGitHubActions(auth=auth).for_installation(4).cache is None


def test_without_pyjwt_the_error_names_the_extra(
    app: FakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jwt", None)
    with pytest.raises(ImportError, match=r"ghactions-async\[app\]"):
        AppAuth(app.id, app.private_key_pem)


async def test_tokens_and_jwts_stay_out_of_errors_and_logs(
    fake: FakeGitHub,
    app: FakeApp,
    octo: FakeInstallation,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    async with app_client(fake, app, clock) as gh, gh.for_installation(octo.id) as octo_gh:
        await octo_gh.caches.get_usage("octo", "app")
        with pytest.raises(NotFound) as caught:
            await octo_gh.caches.get_usage("acme", "app")
        auth = octo_gh._options.auth
        assert isinstance(auth, AppInstallationAuth)
        secrets = auth.secrets()
        assert len(secrets) == 2  # the token and the JWT
        for text in (str(caught.value), repr(octo_gh), repr(auth), caplog.text):
            assert all(secret not in text for secret in secrets)


async def test_a_token_exchange_that_404s_is_not_explained_as_the_call_missing(
    fake: FakeGitHub, app: FakeApp, clock: FakeClock
) -> None:
    """The 404 is the exchange's (no such installation): no hint that the server lacks
    the operation called, though on this server (not api.github.com) it does."""
    async with app_client(fake, app, clock) as gh, gh.for_installation(987654) as lost:
        with pytest.raises(NotFound) as caught:
            await lost.caches.get_retention_limit("octo", "app")
    assert caught.value.hint is None
    assert "Enterprise Server" not in str(caught.value)
    assert exchanges(fake) == 1


def test_the_sync_client_makes_sync_installation_clients(clock: FakeClock) -> None:
    with FakeGitHub(clock=clock) as fake:
        app = fake.add_app()
        installation = fake.install_app(app, "octo")
        fake.add_cache("octo/app", key="k")
        with GitHubActions(
            auth=AppAuth(app.id, app.private_key_pem, clock=clock), base_url=fake.url
        ) as gh:
            assert [i.id for i in gh.apps.list_installations()] == [installation.id]
            with gh.for_installation(installation.id) as octo_gh:
                assert isinstance(octo_gh, GitHubActions)
                assert octo_gh.caches.get_usage("octo", "app").active_caches_count == 1


# -- GitHub Enterprise Server ------------------------------------------------


async def test_ghes_only_endpoints_work_on_ghes_and_the_others_say_why_they_fail() -> None:
    async with FakeGitHub(platform="ghes") as ghes:
        ghes.add_repo("octo/app")
        async with AsyncGitHubActions(ghes.token, base_url=ghes.url) as gh:
            assert gh.platform == "ghes"
            await gh.caches.set_usage_policy("octo", "app", repo_cache_size_limit_in_gb=3)
            assert (
                await gh.caches.get_usage_policy("octo", "app")
            ).repo_cache_size_limit_in_gb == 3
            with pytest.raises(NotFound) as caught:
                await gh.caches.get_retention_limit("octo", "app")
    assert "not part of the GitHub Enterprise Server API" in str(caught.value)
    assert caught.value.hint is not None


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


async def test_on_github_com_a_ghes_only_endpoint_404s_with_a_hint(mocked: aioresponses) -> None:
    mocked.get(
        "https://api.github.com/repos/o/r/actions/cache/usage-policy",
        status=404,
        payload={"message": "Not Found"},
    )
    async with AsyncGitHubActions("t") as gh:
        assert gh.platform == "github.com"
        with pytest.raises(NotFound, match="exists only on GitHub Enterprise Server"):
            await gh.caches.get_usage_policy("o", "r")


def test_enterprise_server_urls_send_the_api_version() -> None:
    gh = AsyncGitHubActions("t", base_url="https://ghe.example.com/api/v3")
    assert gh.platform == "ghes"
    assert gh.limits.points_per_minute is None  # the ghes preset: no budget until one shows
    request = gh._requester.build("GET", gh._requester.url_for("/x"), (), None)
    assert request.headers["X-GitHub-Api-Version"] == "2022-11-28"
    assert AsyncGitHubActions("t", base_url="https://api.octo.ghe.com").platform == "github.com"
    explicit_port = AsyncGitHubActions("t", base_url="https://GHE.example.com:443/api/v3")
    same_origin = explicit_port._requester.build(
        "GET", "https://ghe.example.com/api/v3/x", (), None
    )
    assert same_origin.headers["Accept"] == "application/vnd.github+json"
    assert same_origin.headers["X-GitHub-Api-Version"] == "2022-11-28"
