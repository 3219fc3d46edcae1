"""What ``ghactions`` reads (durations, sizes, times, hosts, tokens) and how it shows values."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ghactions_async.cli._connect import Settings, make_client, resolve, url_for_host
from ghactions_async.cli._output import format_age, format_size, plural
from ghactions_async.cli._parse import (
    parse_duration,
    parse_input,
    parse_repo,
    parse_size,
    parse_time,
    parse_workflow,
)

NOW = datetime(2024, 5, 20, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("12h", timedelta(hours=12)),
        ("30m", timedelta(minutes=30)),
        ("2w", timedelta(weeks=2)),
        ("90s", timedelta(seconds=90)),
        ("1d12h", timedelta(days=1, hours=12)),
        ("1w 3d", timedelta(days=10)),
        ("1.5h", timedelta(minutes=90)),
        ("7 days", timedelta(days=7)),
        ("3 Weeks", timedelta(weeks=3)),
        (" 45min ", timedelta(minutes=45)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must not be empty"),
        ("7", "has no unit: write 7d for days"),
        ("7x", "unknown unit 'x'"),
        ("3mo", "months vary in length"),
        ("-1d", "not a duration"),
        ("0d", "more than zero"),
        ("d", "not a duration"),
        ("7d!", "not a duration"),
    ],
)
def test_bad_durations_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1024", 1024),
        ("0", 0),
        ("500MB", 500_000_000),
        ("500 mb", 500_000_000),
        ("1.5GiB", 1_610_612_736),
        ("2G", 2_000_000_000),
        ("10KiB", 10_240),
        ("1TB", 10**12),
        ("3B", 3),
        (".5kb", 500),
    ],
)
def test_sizes(text: str, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5XB", "unknown unit 'xb'"),
        ("MB", "not a size"),
        ("-5MB", "not a size"),
        ("", "not a size"),
    ],
)
def test_bad_sizes_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_size(text)


def test_times_are_utc_unless_they_say() -> None:
    assert parse_time("2024-05-01") == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert parse_time("2024-05-01T10:00:00Z") == datetime(2024, 5, 1, 10, tzinfo=timezone.utc)
    with_offset = parse_time("2024-05-01T12:00:00+02:00")
    assert with_offset == datetime(2024, 5, 1, 10, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="not a date or time"):
        parse_time("yesterday")


def test_repositories_workflows_and_inputs() -> None:
    assert parse_repo(" octo-org/hello.world ") == "octo-org/hello.world"
    for bad in ("octo", "octo/", "/app", "a/b/c", "octo app/x"):
        with pytest.raises(ValueError, match="OWNER/NAME"):
            parse_repo(bad)
    assert parse_workflow("1234") == 1234
    assert parse_workflow("ci.yml") == "ci.yml"
    assert parse_input("env=prod=blue") == ("env", "prod=blue")
    assert parse_input("empty=") == ("empty", "")
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_input("=x")


def test_sizes_and_ages_for_people() -> None:
    assert format_size(512) == "512 B"
    assert format_size(1_500) == "1.5 KB"
    assert format_size(8_000_000) == "8.0 MB"
    assert format_size(1_610_612_736) == "1.6 GB"
    assert format_size(3 * 10**15) == "3,000.0 TB"
    assert format_age(NOW - timedelta(seconds=5), NOW) == "5s ago"
    assert format_age(NOW - timedelta(minutes=90), NOW) == "1h ago"
    assert format_age(NOW - timedelta(days=12, hours=23), NOW) == "12d ago"
    assert format_age(NOW + timedelta(days=4, hours=1), NOW) == "in 4d"
    assert format_age(None, NOW) == "-"
    assert plural(1, "caches") == "1 cache"
    assert plural(2, "caches") == "2 caches"
    assert plural(1, "repositories") == "1 repository"
    assert plural(1_234, "runs") == "1,234 runs"


# -- connection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("ghe.example.com", "https://ghe.example.com/api/v3"),
        ("GHE.Example.com/", "https://ghe.example.com/api/v3"),
        ("github.com", "https://api.github.com"),
        ("api.github.com", "https://api.github.com"),
        ("octo.ghe.com", "https://api.octo.ghe.com"),
        ("https://ghe.example.com", "https://ghe.example.com/api/v3"),
        ("http://localhost:8080", "http://localhost:8080/api/v3"),
    ],
)
def test_gh_host_names_the_api(host: str, url: str) -> None:
    assert url_for_host(host) == url


def test_the_url_comes_from_the_flag_then_gh_host_then_the_default() -> None:
    host = {"GH_HOST": "ghe.example.com"}
    assert resolve("https://other.example/api/v3", host).base_url == "https://other.example/api/v3"
    assert resolve(None, host).base_url == "https://ghe.example.com/api/v3"
    assert resolve(None, host).url_source == "GH_HOST"
    assert resolve(None, {"GH_HOST": "  "}).base_url == "https://api.github.com"
    assert resolve(None, {}).base_url == "https://api.github.com"


def test_tokens_for_github_com_ignore_enterprise_ones() -> None:
    env = {"GH_ENTERPRISE_TOKEN": "enterprise", "GH_TOKEN": "gh", "GITHUB_TOKEN": "github"}
    assert resolve(None, env).token == "github"
    assert resolve(None, {**env, "GITHUB_TOKEN": " "}).token == "gh"
    only_enterprise = resolve(None, {"GH_ENTERPRISE_TOKEN": "enterprise"})
    assert only_enterprise.token is None


def test_tokens_for_an_enterprise_host_prefer_enterprise_ones() -> None:
    env = {
        "GH_HOST": "ghe.example.com",
        "GITHUB_TOKEN": "github",
        "GITHUB_ENTERPRISE_TOKEN": "github-enterprise",
        "GH_ENTERPRISE_TOKEN": "gh-enterprise",
    }
    assert resolve(None, env).token == "gh-enterprise"
    del env["GH_ENTERPRISE_TOKEN"]
    assert resolve(None, env).token == "github-enterprise"
    assert resolve(None, env).token_source == "GITHUB_ENTERPRISE_TOKEN"
    del env["GITHUB_ENTERPRISE_TOKEN"]
    assert resolve(None, env).token == "github"  # as on a GHES Actions runner


def test_enterprise_server_is_told_apart_for_dispatch_details() -> None:
    assert resolve(None, {"GH_HOST": "ghe.example.com"}).is_enterprise_server
    assert not resolve(None, {}).is_enterprise_server
    assert not resolve(None, {"GH_HOST": "octo.ghe.com"}).is_enterprise_server


def test_the_client_a_command_makes_follows_gh_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_API_URL", raising=False)
    monkeypatch.setenv("GH_HOST", "ghe.example.com")
    monkeypatch.setenv("GH_ENTERPRISE_TOKEN", "ghe-token")

    client = make_client(Settings(concurrency=7))

    assert client.base_url == "https://ghe.example.com/api/v3"
    assert client.max_concurrency == 7
