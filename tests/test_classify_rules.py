"""What an answer means, one rule at a time: its error document, whether it is a rate limit and
of which kind, how long it asks to wait, and the typed, redacted error it stands for.

``_classify``'s functions on their own, with answers built by hand; test_request_core.py
has how the pipeline shares them.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from ghactions_async import (
    AuthenticationError,
    BadRequest,
    Conflict,
    GitHubError,
    Gone,
    NotFound,
    PermissionDenied,
    RateLimitExceeded,
    SecondaryRateLimitExceeded,
    ServerError,
    ValidationFailed,
)
from ghactions_async._http._classify import (
    NO_SECRETS,
    PRIMARY_MARGIN,
    TEXT_EXCERPT,
    ErrorDocument,
    RateLimitVerdict,
    build_error,
    classify,
    parse_retry_after,
    read_error_document,
)
from ghactions_async._http._types import Request, Response

URL = "https://api.github.com/repos/o/r/actions/caches"
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)
RESET = str(int((NOW + timedelta(seconds=30)).timestamp()))


class Redacting:
    """Hides "s3cret" wherever a text or a value holds it; notes what it was asked."""

    def __init__(self) -> None:
        self.asked: list[Any] = []

    def text(self, text: str) -> str:
        self.asked.append(text)
        return text.replace("s3cret", "***")

    def value(self, value: Any) -> Any:
        self.asked.append(value)
        return json.loads(json.dumps(value).replace("s3cret", "***"))


# -- the error document ------------------------------------------------------------------


def test_githubs_json_error_is_read_field_by_field() -> None:
    body = {
        "message": "Validation Failed",
        "documentation_url": "https://docs.github.com/rest",
        "errors": [{"field": "name", "code": "invalid"}],
    }
    assert read_error_document(422, json.dumps(body).encode()) == ErrorDocument(
        "Validation Failed",
        "https://docs.github.com/rest",
        ({"field": "name", "code": "invalid"},),
        is_json=True,
    )


@pytest.mark.parametrize(
    ("errors", "read"),
    [(None, ()), ([], ()), (["a", "b"], ("a", "b")), ("one", ("one",)), ({"k": 1}, ({"k": 1},))],
)
def test_errors_are_a_tuple_whatever_shape_they_came_in(errors: Any, read: tuple[Any]) -> None:
    body = json.dumps({"message": "m", "errors": errors}).encode()
    assert read_error_document(422, body).errors == read


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (404, {}, "Not Found"),
        (404, {"message": ""}, "Not Found"),
        (404, {"message": None}, "Not Found"),
        (409, {"message": 7}, "7"),
        (418, {}, "HTTP error"),
    ],
)
def test_a_json_error_without_a_message_is_named_by_its_status(
    status: int, body: dict[str, Any], message: str
) -> None:
    document = read_error_document(status, json.dumps(body).encode())
    assert (document.message, document.documentation_url, document.is_json) == (
        message,
        None,
        True,
    )


@pytest.mark.parametrize(
    ("status", "content", "message"),
    [
        (502, b"  <html>Bad gateway</html>\n", "<html>Bad gateway</html>"),
        (502, b"", "Bad Gateway"),
        (503, b"   ", "Service Unavailable"),
        (599, b"", "HTTP error"),
        (500, b'["a list"]', "['a list']"),
        (500, b"\xff oops", "\ufffd oops"),
    ],
)
def test_anything_else_is_kept_as_text(status: int, content: bytes, message: str) -> None:
    assert read_error_document(status, content) == ErrorDocument(message)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "Not Found"),
        (409, "Conflict"),
        (410, "Gone"),
        (422, "Unprocessable Entity"),
        (429, "Too Many Requests"),
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (503, "Service Unavailable"),
        (504, "Gateway Timeout"),
    ],
)
def test_each_status_has_its_reason(status: int, reason: str) -> None:
    assert read_error_document(status, b"").message == reason


# -- is it a rate limit, and which ------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "headers", "message", "verdict"),
    [
        (403, {}, "You have exceeded a SECONDARY RATE LIMIT.", RateLimitVerdict("secondary")),
        (429, {}, "Abuse Detection triggered", RateLimitVerdict("secondary")),
        # The message wins over a spent budget, and keeps its retry-after.
        (
            403,
            {"x-ratelimit-remaining": "0", "retry-after": "4"},
            "secondary rate limit",
            RateLimitVerdict("secondary", retry_after=4.0),
        ),
        (
            403,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": RESET, "retry-after": "4"},
            "API rate limit exceeded",
            RateLimitVerdict("primary", reset_at=NOW + timedelta(seconds=30), retry_after=4.0),
        ),
        (
            429,
            {"x-ratelimit-remaining": "0"},
            "API rate limit exceeded",
            RateLimitVerdict("primary"),
        ),
        (403, {"x-ratelimit-remaining": "00"}, "Forbidden", None),
        (403, {"retry-after": "0"}, "Forbidden", RateLimitVerdict("secondary", retry_after=0.0)),
        (403, {"retry-after": "soon"}, "Forbidden", None),
        (429, {"retry-after": "soon"}, "Too Many Requests", RateLimitVerdict("secondary")),
        (401, {"retry-after": "5"}, "secondary rate limit", None),
        (200, {"x-ratelimit-remaining": "0"}, "", None),
    ],
)
def test_a_rate_limit_is_told_apart(
    status: int, headers: dict[str, str], message: str, verdict: RateLimitVerdict | None
) -> None:
    assert classify(status, headers, message) == verdict


def test_a_retry_after_date_is_counted_from_the_answers_date() -> None:
    headers = {
        "retry-after": "Wed, 01 Jan 2030 00:01:30 GMT",
        "date": "Wed, 01 Jan 2030 00:00:00 GMT",
    }
    assert classify(429, headers, "Too Many Requests") == RateLimitVerdict(
        "secondary", retry_after=90.0
    )


@pytest.mark.parametrize(
    ("verdict", "wait"),
    [
        (RateLimitVerdict("secondary", retry_after=2.5), 2.5),
        (RateLimitVerdict("secondary", retry_after=0.0), 0.0),
        (RateLimitVerdict("secondary"), 45.0),
        # A secondary limit's reset is not its wait.
        (RateLimitVerdict("secondary", reset_at=NOW + timedelta(seconds=9)), 45.0),
        (RateLimitVerdict("primary", retry_after=2.5), 2.5 + PRIMARY_MARGIN),
        (
            RateLimitVerdict("primary", reset_at=NOW + timedelta(seconds=9), retry_after=0.0),
            PRIMARY_MARGIN,
        ),
        (RateLimitVerdict("primary", reset_at=NOW + timedelta(seconds=9)), 10.0),
        (RateLimitVerdict("primary", reset_at=NOW - timedelta(seconds=9)), 1.0),
        (RateLimitVerdict("primary"), None),
    ],
)
def test_the_wait_a_limit_asks_for(verdict: RateLimitVerdict, wait: float | None) -> None:
    assert PRIMARY_MARGIN == 1.0
    assert verdict.wait(NOW, secondary_floor=45.0) == wait


# -- retry-after ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date", "seconds"),
    [
        (None, None, None),
        ("12", None, 12.0),
        ("0.25", None, 0.25),
        (" 7 ", None, 7.0),
        ("-3", None, 0.0),
        ("nan", None, None),
        ("inf", None, float("inf")),
        ("soon", None, None),
        ("", None, None),
        ("Wed, 01 Jan 2030 00:01:30 GMT", "Wed, 01 Jan 2030 00:00:00 GMT", 90.0),
        ("Wed, 01 Jan 2030 00:01:30", "Wed, 01 Jan 2030 00:00:00 GMT", 90.0),  # naive: UTC
        ("Wed, 01 Jan 2030 00:01:30 GMT", "Wed, 01 Jan 2030 00:00:00", 90.0),
        ("Wed, 01 Jan 2030 00:00:00 GMT", "Wed, 01 Jan 2030 00:01:30 GMT", 0.0),
        ("Wed, 01 Jan 2030 00:01:30 +0100", "Wed, 01 Jan 2030 00:00:00 GMT", 0.0),
        # Without a date of the answer, or with one that cannot be read: from now.
        ("Mon, 01 Jan 2001 00:00:00 GMT", None, 0.0),
        ("Mon, 01 Jan 2001 00:00:00 GMT", "yesterday", 0.0),
    ],
)
def test_retry_after_is_seconds_or_a_date(
    value: str | None, date: str | None, seconds: float | None
) -> None:
    assert parse_retry_after(value, date) == seconds


def test_a_date_from_now_is_counted_from_now() -> None:
    later = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    seconds = parse_retry_after(later)
    assert seconds is not None
    assert 0.0 < seconds <= 86400.0


# -- the error an answer stands for -----------------------------------------------------------


def error_answer(
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    *,
    request: Request | None = None,
) -> Response:
    return Response(status=status, headers=headers or {}, url=URL, content=body, request=request)


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, BadRequest),
        (401, AuthenticationError),
        (403, PermissionDenied),
        (404, NotFound),
        (409, Conflict),
        (410, Gone),
        (422, ValidationFailed),
        (418, GitHubError),
        (451, GitHubError),
        (500, ServerError),
        (501, ServerError),
        (599, ServerError),
    ],
)
def test_each_status_raises_its_own_error(status: int, kind: type[GitHubError]) -> None:
    error = build_error(error_answer(status, b'{"message": "m"}'), NO_SECRETS)
    assert type(error) is kind
    assert (error.status, error.message) == (status, "m")


def test_an_error_carries_what_the_answer_said_with_every_secret_removed() -> None:
    body = {
        "message": "bad s3cret",
        "documentation_url": "https://docs/s3cret",
        "errors": [{"value": "s3cret"}, "plain"],
    }
    request = Request("DELETE", f"{URL}/s3cret")
    headers = {"x-github-request-id": "RQ-s3cret", "x-other": "s3cret too"}
    error = build_error(
        error_answer(422, json.dumps(body).encode(), headers, request=request), Redacting()
    )
    assert type(error) is ValidationFailed
    assert (error.message, error.method, error.url) == ("bad ***", "DELETE", f"{URL}/***")
    assert (error.documentation_url, error.request_id) == ("https://docs/***", "RQ-***")
    assert error.errors == [{"value": "***"}, "plain"]
    assert error.headers == {"x-github-request-id": "RQ-***", "x-other": "*** too"}


def test_without_a_request_the_error_names_the_answers_url_and_no_method() -> None:
    error = build_error(error_answer(404, b"{}"), NO_SECRETS)
    assert (error.method, error.url, error.documentation_url, error.request_id) == (
        None,
        URL,
        None,
        None,
    )
    assert (error.errors, error.headers) == ([], {})


def test_an_error_page_is_cut_after_its_secrets_are_removed() -> None:
    page = ("x" * (TEXT_EXCERPT - 3) + "s3cret" + "y" * 100).encode()
    error = build_error(error_answer(502, page), Redacting())
    assert error.message == "x" * (TEXT_EXCERPT - 3) + "***"
    assert len(error.message) == TEXT_EXCERPT == 500


def test_a_json_message_is_never_cut() -> None:
    message = "z" * (TEXT_EXCERPT + 50)
    error = build_error(error_answer(400, json.dumps({"message": message}).encode()), NO_SECRETS)
    assert error.message == message


def test_a_rate_limit_raises_the_error_of_its_kind_with_its_wait() -> None:
    primary = error_answer(
        403,
        b'{"message": "API rate limit exceeded"}',
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": RESET, "retry-after": "3"},
    )
    error = build_error(primary, NO_SECRETS)
    assert type(error) is RateLimitExceeded
    assert (error.status, error.message, error.reset_at, error.retry_after) == (
        403,
        "API rate limit exceeded",
        NOW + timedelta(seconds=30),
        3.0,
    )
    secondary = error_answer(429, b'{"message": "slow down"}', {"retry-after": "8"})
    slowed = build_error(secondary, NO_SECRETS)
    assert type(slowed) is SecondaryRateLimitExceeded
    assert (slowed.status, slowed.reset_at, slowed.retry_after) == (429, None, 8.0)


def test_no_secrets_changes_nothing() -> None:
    value = {"a": ["s3cret"]}
    assert NO_SECRETS.text("s3cret") == "s3cret"
    assert NO_SECRETS.value(value) is value
