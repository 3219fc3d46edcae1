"""A name the server chooses is made safe, and never replaces a file already there."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from aioresponses import aioresponses

from ghactions_async._filenames import MAX_NAME_BYTES, free_names, safe_name, served_name
from ghactions_async._http._types import Response

from .conftest import offline_client

FALLBACK = "artifact-7.zip"
API = "https://api.github.com/repos/octo/app/actions/artifacts/7/zip"
STORAGE = "https://storage.example/blobs/abc"


@pytest.mark.parametrize(
    ("served", "safe"),
    [
        ("build.zip", "build.zip"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..\\..\\boot.ini", "_.._boot.ini"),
        (".bashrc", "bashrc"),
        ("..", FALLBACK),
        ("", FALLBACK),
        ("   ", FALLBACK),
        ("a\x00b.zip", "ab.zip"),
        ("line\nbreak\r.zip", "linebreak.zip"),
        ("bell\x07\u200e.zip", "bell.zip"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("lpt9.log", "_lpt9.log"),
        ("console.log", "console.log"),
        ("trailing. ", "trailing"),
    ],
)
def test_a_served_name_is_made_safe(served: str, safe: str) -> None:
    assert safe_name(served, FALLBACK) == safe


@pytest.mark.parametrize("extension", [".zip", ".tar.gz", ""])
def test_a_long_name_is_cut_to_255_bytes_keeping_its_extension(extension: str) -> None:
    name = safe_name("é" * 300 + extension, FALLBACK)
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.endswith(extension)
    assert name.startswith("é" * 100)
    assert "\ufffd" not in name  # never a character cut in half


def test_free_names_count_up_as_browsers_do() -> None:
    assert list(itertools.islice(free_names("logs.zip"), 3)) == [
        "logs.zip",
        "logs (1).zip",
        "logs (2).zip",
    ]
    assert next(itertools.islice(free_names("src.tar.gz"), 1, None)) == "src (1).tar.gz"
    assert next(itertools.islice(free_names("README"), 1, None)) == "README (1)"
    long = "x" * 251 + ".zip"
    numbered = next(itertools.islice(free_names(long), 12, None))
    assert numbered.endswith(" (12).zip")
    assert len(numbered.encode()) <= MAX_NAME_BYTES


def answer(disposition: str | None, url: str = STORAGE) -> Response:
    headers = {} if disposition is None else {"content-disposition": disposition}
    return Response(status=200, headers=headers, url=url)


@pytest.mark.parametrize(
    ("disposition", "name"),
    [
        ('attachment; filename="build.zip"', "build.zip"),
        ("attachment; filename*=UTF-8''na%C3%AFve.zip", "naïve.zip"),
        ("attachment; filename*=UTF-8'en'na%C3%AFve.zip", "naïve.zip"),
        ("attachment; filename*=iso-8859-1'de'gr%FCn.zip", "grün.zip"),
        ("attachment; filename*=x-unknown''plain.zip", "plain.zip"),
        (None, "abc"),
    ],
)
def test_the_served_name_is_read_as_rfc_6266_says(disposition: str | None, name: str) -> None:
    assert served_name(answer(disposition)) == name


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


@pytest.mark.parametrize("kind", ["async", "sync"])
@pytest.mark.parametrize(
    ("disposition", "saved"),
    [
        ('attachment; filename="../.bashrc"', "_.bashrc"),
        ('attachment; filename=".bashrc"', "bashrc (1)"),
        ('attachment; filename="' + "n" * 300 + '.zip"', "n" * 251 + ".zip"),
    ],
)
async def test_a_hostile_name_never_leaves_the_directory_nor_replaces_a_file(
    mocked: aioresponses, kind: str, disposition: str, saved: str, tmp_path: Path
) -> None:
    (tmp_path / ".bashrc").write_text("mine")
    (tmp_path / "bashrc").write_text("mine too")
    mocked.get(API, status=302, headers={"Location": STORAGE})
    mocked.get(STORAGE, body=b"zip!", headers={"Content-Disposition": disposition})
    async with offline_client(kind) as gh:
        path = await gh.artifacts.download("octo", "app", 7, tmp_path)
    assert path == tmp_path / saved
    assert path.read_bytes() == b"zip!"
    assert (tmp_path / ".bashrc").read_text() == "mine"
    assert (tmp_path / "bashrc").read_text() == "mine too"
    assert not list(tmp_path.glob("*.part"))  # noqa: ASYNC240 - a test's own folder
