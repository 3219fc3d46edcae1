"""Credentials on their own: which token, what header, where it goes, and how it is redacted."""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import pytest

from ghactions_async import TokenAuth
from ghactions_async._http._auth import AuthMiddleware, Exchange, Redactor, auth_from
from ghactions_async._http._types import Request, Response

API = "https://api.github.com"
TOKEN = "ghp_abcDEF0123456789"


async def no_exchange(method: str, path: str, headers: Mapping[str, str]) -> Any:
    raise AssertionError("no exchange expected")


class Sent:
    """A ``call_next`` that keeps the request it was given."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    async def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        return Response(status=200, headers={}, url=request.url)


class AppLike:
    """An Auth that notes what it was asked and hands out a header of its own."""

    def __init__(self, *secrets: str) -> None:
        self._secrets = secrets
        self.asked: list[tuple[Request, Exchange]] = []

    async def headers_for(self, request: Request, exchange: Exchange) -> Mapping[str, str]:
        self.asked.append((request, exchange))
        return {"Authorization": "token installation-1", "X-Extra": "yes"}

    def secrets(self) -> Sequence[str]:
        return self._secrets


async def through(middleware: AuthMiddleware, request: Request) -> Request:
    sent = Sent()
    await middleware(request, sent)
    [forwarded] = sent.requests
    return forwarded


# -- auth_from ----------------------------------------------------------------------


def test_a_token_becomes_a_token_auth() -> None:
    auth = auth_from(TOKEN, None)
    assert isinstance(auth, TokenAuth)
    assert auth.secrets() == (TOKEN,)


def test_an_auth_is_used_as_it_is() -> None:
    auth = AppLike()
    assert auth_from(None, auth) is auth


def test_token_and_auth_together_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^pass either token or auth, not both$"):
        auth_from(TOKEN, AppLike())


def test_an_auth_without_the_protocol_is_refused() -> None:
    with pytest.raises(
        TypeError, match=r"^auth must provide headers_for\(\) and secrets\(\), got 'a string'$"
    ):
        auth_from(None, "a string")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"GITHUB_TOKEN": "from-github", "GH_TOKEN": "from-gh"}, ("from-github",)),
        ({"GH_TOKEN": "from-gh"}, ("from-gh",)),
        ({"GITHUB_TOKEN": " ", "GH_TOKEN": "from-gh"}, ("from-gh",)),
    ],
)
def test_no_token_takes_one_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: tuple[str]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    auth = auth_from(None, None)
    assert auth is not None
    assert tuple(auth.secrets()) == expected


def test_no_token_anywhere_means_no_auth() -> None:
    assert auth_from(None, None) is None


def test_a_token_given_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "from-github")
    auth = auth_from(TOKEN, None)
    assert auth is not None
    assert tuple(auth.secrets()) == (TOKEN,)


# -- TokenAuth ----------------------------------------------------------------------


async def test_a_token_is_sent_as_a_bearer_header() -> None:
    auth = TokenAuth(TOKEN)
    headers = await auth.headers_for(Request("GET", f"{API}/x"), no_exchange)
    assert dict(headers) == {"Authorization": f"Bearer {TOKEN}"}


async def test_surrounding_whitespace_is_dropped() -> None:
    auth = TokenAuth(f"  {TOKEN}\n")
    assert auth.secrets() == (TOKEN,)
    headers = await auth.headers_for(Request("GET", f"{API}/x"), no_exchange)
    assert headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(("token", "kind"), [(123, "int"), (None, "NoneType"), (b"t", "bytes")])
def test_a_token_must_be_a_str(token: Any, kind: str) -> None:
    with pytest.raises(TypeError, match=rf"^token must be a str, got {kind}$"):
        TokenAuth(token)


@pytest.mark.parametrize("token", ["", "   ", "\n\t"])
def test_a_token_must_not_be_empty(token: str) -> None:
    with pytest.raises(ValueError, match=r"^token must not be empty$"):
        TokenAuth(token)


@pytest.mark.parametrize(
    "token",
    [
        "ghp has space",
        "ghp\ttab",
        "ghp\nline",
        "ghp\x00nul",
        "ghp\x1fus",
        "ghp\x7fdel",
        "ghp\x85nel",
    ],
)
def test_a_token_must_not_hold_whitespace_or_control_characters(token: str) -> None:
    with pytest.raises(
        ValueError, match=r"^token must not contain whitespace or control characters$"
    ):
        TokenAuth(token)


@pytest.mark.parametrize("token", ["ghp_~!#", "gho_\x80\xffé", "x"])
def test_printable_tokens_are_accepted(token: str) -> None:
    assert TokenAuth(token).secrets() == (token,)


def test_a_token_auth_keeps_the_token_out_of_repr_and_pickles() -> None:
    auth = TokenAuth(TOKEN)
    assert repr(auth) == "TokenAuth(token='***')"
    with pytest.raises(
        TypeError, match=r"^TokenAuth cannot be pickled: it would write the token out$"
    ):
        pickle.dumps(auth)


# -- AuthMiddleware -------------------------------------------------------------------


async def test_requests_to_the_api_get_the_credential() -> None:
    middleware = AuthMiddleware(TokenAuth(TOKEN), API, no_exchange)
    request = Request("GET", f"{API}/repos/o/r", headers={"Accept": "application/json"})
    forwarded = await through(middleware, request)
    assert dict(forwarded.headers) == {
        "Accept": "application/json",
        "Authorization": f"Bearer {TOKEN}",
    }


async def test_the_auth_is_asked_with_the_request_and_the_exchange() -> None:
    auth = AppLike()
    middleware = AuthMiddleware(auth, f"{API}/", no_exchange)
    request = Request("POST", f"{API}/repos/o/r/actions/runs")
    forwarded = await through(middleware, request)
    assert auth.asked == [(request, no_exchange)]
    assert forwarded.headers == {"Authorization": "token installation-1", "X-Extra": "yes"}


@pytest.mark.parametrize(
    "url",
    [
        "https://API.GitHub.com/repos/o/r",  # host names are case-insensitive
        "https://api.github.com:443/repos/o/r",  # the default port, spelt out
    ],
)
async def test_the_same_origin_spelt_otherwise_is_the_api(url: str) -> None:
    middleware = AuthMiddleware(TokenAuth(TOKEN), API, no_exchange)
    forwarded = await through(middleware, Request("GET", url))
    assert forwarded.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    "url",
    [
        "https://storage.example/blob?sig=1",
        "http://api.github.com/repos/o/r",  # another scheme
        "https://api.github.com:8443/repos/o/r",  # another port
        "https://api.github.com.evil.example/repos",
        "https://api.github.com@evil.example/repos",  # the API's host as a user name
        "https://api.github.com:443@evil.example/repos",
    ],
)
async def test_requests_elsewhere_carry_no_credential(url: str) -> None:
    auth = AppLike()
    middleware = AuthMiddleware(auth, API, no_exchange)
    request = Request(
        "GET", url, headers={"Authorization": "Bearer leaked", "authorization": "x", "Range": "0-"}
    )
    forwarded = await through(middleware, request)
    assert dict(forwarded.headers) == {"Range": "0-"}
    assert auth.asked == []


async def test_an_app_is_asked_on_every_request_a_token_auth_once() -> None:
    app = AppLike()
    middleware = AuthMiddleware(app, API, no_exchange)
    for n in range(3):
        await through(middleware, Request("GET", f"{API}/x?n={n}"))
    assert [request.url for request, _ in app.asked] == [f"{API}/x?n={n}" for n in range(3)]

    class Counted(AppLike):  # not a TokenAuth: however fixed its header looks, it is asked
        async def headers_for(self, request: Request, exchange: Exchange) -> Mapping[str, str]:
            self.asked.append((request, exchange))
            return {"Authorization": "Bearer fixed"}

    counted = Counted()
    middleware = AuthMiddleware(counted, API, no_exchange)
    for _ in range(2):
        await through(middleware, Request("GET", f"{API}/x"))
    assert len(counted.asked) == 2
    token = AuthMiddleware(TokenAuth(TOKEN), API, no_exchange)
    sent = [await through(token, Request("GET", f"{API}/x?n={n}")) for n in range(2)]
    assert [r.headers for r in sent] == [{"Authorization": f"Bearer {TOKEN}"}] * 2
    elsewhere = await through(token, Request("GET", "https://storage.example/b"))
    assert elsewhere.headers == {}


async def test_requests_sharing_the_clients_headers_share_one_authorized_set() -> None:
    token = AuthMiddleware(TokenAuth(TOKEN), API, no_exchange)
    shared = MappingProxyType({"Accept": "application/vnd.github+json"})
    first = await through(token, Request("GET", f"{API}/x", headers=shared))
    again = await through(token, Request("DELETE", f"{API}/y", headers=shared))
    assert again.headers is first.headers  # built once for every request that brings them
    assert dict(again.headers) == {**shared, "Authorization": f"Bearer {TOKEN}"}
    # Headers of a request's own (a plain dict, which may differ next time) are not kept,
    # nor taken for the shared ones.
    own = {"Accept": "application/vnd.github+json", "If-None-Match": '"e1"'}
    mine = await through(token, Request("GET", f"{API}/x", headers=own))
    assert dict(mine.headers) == {**own, "Authorization": f"Bearer {TOKEN}"}
    other = MappingProxyType({"Accept": "text/plain"})
    plain = await through(token, Request("GET", f"{API}/x", headers=other))
    assert dict(plain.headers) == {"Accept": "text/plain", "Authorization": f"Bearer {TOKEN}"}
    back = await through(token, Request("GET", f"{API}/x", headers=shared))
    assert dict(back.headers) == dict(again.headers)
    elsewhere = await through(token, Request("GET", "https://storage.example/b", headers=shared))
    assert dict(elsewhere.headers) == dict(shared)  # and never to another host


async def test_a_request_with_its_own_credential_keeps_it() -> None:
    auth = AppLike()
    middleware = AuthMiddleware(auth, API, no_exchange)
    request = Request(
        "POST",
        f"{API}/app/installations/1/access_tokens",
        headers={"Authorization": "Bearer app-jwt"},
        own_credential=True,
    )
    forwarded = await through(middleware, request)
    assert forwarded.headers == {"Authorization": "Bearer app-jwt"}
    assert auth.asked == []


async def test_without_auth_nothing_is_added_and_other_hosts_are_still_stripped() -> None:
    middleware = AuthMiddleware(None, API, no_exchange)
    to_api = await through(middleware, Request("GET", f"{API}/x", headers={"A": "1"}))
    assert to_api.headers == {"A": "1"}
    elsewhere = await through(
        middleware, Request("GET", "https://s.example/b", headers={"Authorization": "t"})
    )
    assert elsewhere.headers == {}


async def test_an_enterprise_api_is_its_own_origin() -> None:
    middleware = AuthMiddleware(TokenAuth(TOKEN), "https://ghe.example/api/v3", no_exchange)
    on_ghe = await through(middleware, Request("GET", "https://ghe.example/api/v3/repos/o/r"))
    assert on_ghe.headers == {"Authorization": f"Bearer {TOKEN}"}
    on_dotcom = await through(middleware, Request("GET", f"{API}/repos/o/r"))
    assert on_dotcom.headers == {}


async def test_the_answer_is_passed_back_unchanged() -> None:
    middleware = AuthMiddleware(TokenAuth(TOKEN), API, no_exchange)
    answer = Response(status=201, headers={"x": "y"}, url=f"{API}/x")

    async def call_next(request: Request) -> Response:
        return answer

    assert await middleware(Request("GET", f"{API}/x"), call_next) is answer


# -- Redactor -------------------------------------------------------------------------


def test_every_secret_is_replaced_everywhere() -> None:
    redact = Redactor(AppLike("s3cret", "other-token"))
    text = "s3cret and other-token, s3cret again"
    assert redact.text(text) == "*** and ***, *** again"


def test_without_auth_or_secrets_text_is_unchanged() -> None:
    assert Redactor(None).text("s3cret") == "s3cret"
    assert Redactor(AppLike()).text("s3cret") == "s3cret"
    assert Redactor(AppLike("")).text("abc") == "abc"  # an empty secret hides nothing
    assert Redactor(AppLike("", "b")).text("abc") == "a***c"


def test_a_token_auth_is_redacted() -> None:
    assert Redactor(TokenAuth(TOKEN)).text(f"Bearer {TOKEN}.") == "Bearer ***."


def test_values_inside_decoded_json_are_redacted() -> None:
    redact = Redactor(AppLike("tok"))
    errors = [
        {"value": "tok", "nested": {"list": ["a tok", 3, None, True]}, "tok": 1.5},
        "tok!",
        7,
    ]
    assert redact.value(errors) == [
        {"value": "***", "nested": {"list": ["a ***", 3, None, True]}, "tok": 1.5},
        "***!",
        7,
    ]
    assert redact.value("tok") == "***"
    assert redact.value(None) is None
