"""Which URLs are on the API's origin: the check every request passes several times."""

from __future__ import annotations

import pytest

from ghactions_async._config import Origin, origin_of


@pytest.mark.parametrize(
    ("base", "url", "same"),
    [
        ("https://api.github.com", "https://api.github.com/repos/o/r", True),  # by its prefix
        ("https://api.github.com", "https://API.github.com/repos/o/r", True),  # parsed
        ("https://api.github.com", "https://api.github.com:443/repos", True),
        ("https://api.github.com", "https://api.github.com?x=1", True),
        ("https://api.github.com", "https://api.github.com", True),
        ("https://api.github.com", "http://api.github.com/repos", False),
        ("https://api.github.com", "https://api.github.com.evil.example/repos", False),
        ("https://api.github.com", "https://api.github.com@evil.example/repos", False),
        ("https://api.github.com", "https://api.github.com:8443/repos", False),
        ("https://ghe.example/api/v3", "https://ghe.example/api/v3/repos", True),
        ("https://ghe.example/api/v3", "https://ghe.example/storage/blob", True),  # origin only
        ("https://ghe.example/api/v3", "https://ghe.example:444/api/v3", False),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/repos", True),
        ("http://127.0.0.1:8080", "http://127.0.0.1/repos", False),
    ],
)
def test_a_url_is_on_the_origin_exactly_when_origin_of_says_so(
    base: str, url: str, same: bool
) -> None:
    assert Origin(base).holds(url) is same
    assert (origin_of(url) == origin_of(base)) is same


def test_a_base_without_an_authority_is_never_matched_by_prefix() -> None:
    # "/" as a prefix would take a network-path reference to another host for the API's.
    assert not Origin("").holds("//evil.example/x")
    assert Origin("").holds("/x")  # no scheme or host either: origin_of agrees
