"""The token stays secret, TLS is verified, and credentials never follow a redirect elsewhere."""

from __future__ import annotations

import logging
import ssl
import traceback
from collections.abc import AsyncIterator

import aiohttp
import pytest
import trustme
from aiohttp import web

from ghactions_async import AsyncGitHubActions, GhActionsError, GitHubActions, TransportError
from ghactions_async.testing import FakeGitHub

SECRET = "ghp_TopSecretToken0123456789abcdefABCDEF00"


def everything_said_about(error: BaseException) -> str:
    return "\n".join([str(error), repr(error), "".join(traceback.format_exception(error))])


async def test_the_token_appears_in_no_repr_log_record_error_or_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    async with FakeGitHub(token=SECRET) as fake:
        fake.add_cache("octo/app", key="k")
        async with AsyncGitHubActions(SECRET, base_url=fake.url, retry=1) as gh:
            texts += [
                repr(gh),
                repr(gh.caches),
                repr(gh.caches.list("octo", "app")),
                repr(gh._options.auth),
            ]
            await gh.caches.list("octo", "app").collect()
            failures: list[BaseException] = []
            for attempt in (
                gh.caches.get_usage("octo", "missing"),  # 404
                gh.caches.delete("octo", "app", -1),  # ValueError before sending
                gh.request("GET", "/repos/octo/app/actions/caches", params={"sort": "x"}),  # 422
            ):
                try:
                    await attempt
                except (GhActionsError, ValueError) as error:
                    failures.append(error)
            texts += [everything_said_about(error) for error in failures]
        async with AsyncGitHubActions(SECRET, base_url="http://127.0.0.1:9", retry=0) as closed:
            with pytest.raises(TransportError) as unreachable:
                await closed.caches.get_usage("octo", "app")
            texts.append(everything_said_about(unreachable.value))
    texts.append(caplog.text)
    texts += [record.getMessage() + repr(record.args) for record in caplog.records]
    assert len(failures) == 3
    for text in texts:
        assert SECRET not in text


def test_the_sync_client_keeps_it_secret_too() -> None:
    with FakeGitHub(token=SECRET) as fake, GitHubActions(SECRET, base_url=fake.url) as gh:
        assert SECRET not in repr(gh)
        assert SECRET not in repr(gh.caches)
        with pytest.raises(GhActionsError) as caught:
            gh.caches.get_usage("octo", "nope")
        assert SECRET not in everything_said_about(caught.value)


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
async def https_server(authority: trustme.CA) -> AsyncIterator[str]:
    async def usage(request: web.Request) -> web.Response:
        body = {"full_name": "o/r", "active_caches_size_in_bytes": 1, "active_caches_count": 1}
        return web.json_response(body)

    app = web.Application()
    app.router.add_get("/repos/o/r/actions/cache/usage", usage)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"https://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_tls_certificates_are_verified_by_default(
    https_server: str, authority: trustme.CA
) -> None:
    async with AsyncGitHubActions("t", base_url=https_server, retry=0) as gh:
        with pytest.raises(TransportError, match=r"(?i)certificate"):
            await gh.caches.get_usage("o", "r")
    # The same server is fine once its authority is trusted: verification was the reason.
    trusted = ssl.create_default_context()
    authority.configure_trust(trusted)
    connector = aiohttp.TCPConnector(ssl=trusted)
    async with (
        aiohttp.ClientSession(connector=connector) as session,
        AsyncGitHubActions("t", base_url=https_server, session=session) as gh,
    ):
        assert (await gh.caches.get_usage("o", "r")).active_caches_count == 1


async def test_authorization_never_follows_a_redirect_to_another_host() -> None:
    seen: dict[str, str | None] = {}

    async def elsewhere(request: web.Request) -> web.Response:
        seen["elsewhere"] = request.headers.get("Authorization")
        return web.json_response({"moved": True})

    other = web.Application()
    other.router.add_get("/target", elsewhere)
    other_runner = web.AppRunner(other, access_log=None)
    await other_runner.setup()
    await web.TCPSite(other_runner, "127.0.0.1", 0).start()
    other_url = f"http://127.0.0.1:{other_runner.addresses[0][1]}"

    async def here(request: web.Request) -> web.Response:
        seen.setdefault("here", request.headers.get("Authorization"))
        if request.path == "/same":
            return web.json_response({"same": True})
        target = "/same" if request.path == "/to-same" else f"{other_url}/target"
        return web.Response(status=302, headers={"Location": target})

    api = web.Application()
    api.router.add_get("/{name}", here)
    api_runner = web.AppRunner(api, access_log=None)
    await api_runner.setup()
    await web.TCPSite(api_runner, "127.0.0.1", 0).start()
    api_url = f"http://127.0.0.1:{api_runner.addresses[0][1]}"
    try:
        async with AsyncGitHubActions(SECRET, base_url=api_url) as gh:
            assert await gh.request("GET", "/to-elsewhere") == {"moved": True}
            assert await gh.request("GET", "/to-same") == {"same": True}
    finally:
        await api_runner.cleanup()
        await other_runner.cleanup()
    assert seen["here"] == f"Bearer {SECRET}"
    assert seen["elsewhere"] is None
