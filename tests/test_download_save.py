"""Saving a download: the file's name, where it goes, what is written when, what a failure leaves.

``filename_of``, ``save`` and ``check_destination`` on their own, with answers built
by hand; the downloads through the client are in test_artifacts.py and test_jobs.py.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import pytest

from ghactions_async._download import WRITE_BATCH, check_destination, filename_of, save
from ghactions_async._http._types import Response

STORAGE = "https://storage.example/blobs/4f1c9a"
MIB = 1024 * 1024


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def served(disposition: str | None = None, url: str = STORAGE, body: bytes = b"zip") -> Response:
    headers = {} if disposition is None else {"content-disposition": disposition}

    async def chunks() -> AsyncIterator[bytes]:
        yield body

    return Response(status=200, headers=headers, url=url, chunks=chunks())


# -- the server's name for the file --------------------------------------------------


@pytest.mark.parametrize(
    ("disposition", "name"),
    [
        ('attachment; filename="build output.zip"', "build output.zip"),
        ("attachment; filename=plain.zip", "plain.zip"),
        ("attachment; filename=plain.zip; size=3", "plain.zip"),
        ('ATTACHMENT; FILENAME="Upper.ZIP"', "Upper.ZIP"),
        ('attachment; filename = "spaced.zip"', "spaced.zip"),
        ('attachment; filename="per%20cent.zip"', "per cent.zip"),
        # RFC 6266 / 5987: the extended form, percent-encoded, wins over the plain one.
        ("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.zip", "résumé.zip"),
        ("attachment; filename*=utf-8''logs%20%231.txt", "logs #1.txt"),
        ("attachment; FILENAME*=UTF-8''star.zip", "star.zip"),
        ("attachment; filename*=UTF-8''star.zip; size=3", "star.zip"),
        ("attachment; filename=\"plain.zip\"; filename*=UTF-8''fancy%20name.zip", "fancy name.zip"),
        ("attachment; filename*=UTF-8''fancy.zip; filename=\"plain.zip\"", "fancy.zip"),
    ],
)
def test_the_name_comes_from_content_disposition(disposition: str, name: str) -> None:
    assert filename_of(served(disposition), "fallback.zip") == name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://storage.example/blobs/logs_42.zip", "logs_42.zip"),
        ("https://storage.example/blobs/my%20artifact.zip?sig=a%2Fb&se=1", "my artifact.zip"),
        ("https://storage.example/a/b/c/d.txt#frag", "d.txt"),
    ],
)
def test_without_content_disposition_the_name_is_the_urls_last_segment(url: str, name: str) -> None:
    assert filename_of(served(None, url), "fallback.zip") == name


def test_an_extended_name_with_a_language_tag_is_used() -> None:
    response = served("attachment; filename*=UTF-8'en'logs%20%231.txt")
    assert filename_of(response, "fallback.zip") == "logs #1.txt"


@pytest.mark.parametrize("disposition", ["attachment", "inline", "", "attachment; size=3"])
def test_a_disposition_without_a_name_falls_back_to_the_url(disposition: str) -> None:
    assert filename_of(served(disposition), "fallback.zip") == "4f1c9a"


def test_the_disposition_wins_over_the_url() -> None:
    response = served('attachment; filename="report.zip"', "https://storage.example/x/y.bin")
    assert filename_of(response, "fallback.zip") == "report.zip"


@pytest.mark.parametrize(
    ("disposition", "url", "name"),
    [
        ('attachment; filename="../../etc/passwd"', STORAGE, "_.._etc_passwd"),
        ('attachment; filename="..\\..\\evil.txt"', STORAGE, "_.._evil.txt"),
        ('attachment; filename="/abs/olute.txt"', STORAGE, "_abs_olute.txt"),
        ('attachment; filename="dir/"', STORAGE, "dir_"),
        ('attachment; filename="a%2F..%2Fb.zip"', STORAGE, "a_.._b.zip"),
        ("attachment; filename*=UTF-8''..%2F..%2Fx.zip", STORAGE, "_.._x.zip"),
        (None, "https://storage.example/blobs/..%2Fup.zip", "_up.zip"),
        (None, "https://storage.example/blobs/..%5Cup.zip", "_up.zip"),
    ],
)
def test_the_name_is_never_a_path(disposition: str | None, url: str, name: str) -> None:
    assert filename_of(served(disposition, url), "fallback.zip") == name


@pytest.mark.parametrize(
    ("disposition", "url"),
    [
        ('attachment; filename=".."', STORAGE),
        ('attachment; filename="."', STORAGE),
        ("attachment; filename*=UTF-8''..", STORAGE),
        (None, "https://storage.example/blobs/"),
        (None, "https://storage.example"),
        (None, "https://storage.example/blobs/.."),
        (None, "https://storage.example/blobs/%2E%2E"),
    ],
)
def test_no_usable_name_means_the_fallback(disposition: str | None, url: str) -> None:
    assert filename_of(served(disposition, url), "fallback.zip") == "fallback.zip"


# -- where save writes ----------------------------------------------------------------


async def test_save_to_a_file_path_writes_it_and_returns_the_path(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    response = served('attachment; filename="served.zip"', body=b"PK\x03\x04 body")
    assert await save(response, target, fallback_name="fb.zip") == target
    assert target.read_bytes() == b"PK\x03\x04 body"
    assert names(tmp_path) == ["out.zip"]


async def test_save_to_a_str_path_returns_a_path(tmp_path: Path) -> None:
    written = await save(served(body=b"x"), str(tmp_path / "s.zip"), fallback_name="fb.zip")
    assert written == tmp_path / "s.zip"
    assert isinstance(written, Path)
    assert written.read_bytes() == b"x"


async def test_save_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"old and longer")
    await save(served(body=b"new"), target, fallback_name="fb.zip")
    assert target.read_bytes() == b"new"


async def test_save_into_a_directory_uses_the_served_name(tmp_path: Path) -> None:
    response = served('attachment; filename="logs_7.zip"', "https://s.example/b/blob-1")
    written = await save(response, tmp_path, fallback_name="fb.zip")
    assert written == tmp_path / "logs_7.zip"
    assert written.read_bytes() == b"zip"
    assert names(tmp_path) == ["logs_7.zip"]


async def test_save_into_a_directory_without_a_served_name_uses_the_fallback(
    tmp_path: Path,
) -> None:
    response = served(None, "https://s.example/b/")
    written = await save(response, str(tmp_path), fallback_name="run-1-logs.zip")
    assert written == tmp_path / "run-1-logs.zip"


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "no hard links"])
async def test_into_a_directory_a_taken_name_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:  # a file system without them (some network and FAT mounts)

        def refused(*args: Any, **kwargs: Any) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr("ghactions_async._download.os.link", refused)
    (tmp_path / "logs.zip").write_bytes(b"mine")
    (tmp_path / "logs (1).zip").write_bytes(b"mine too")
    disposition = 'attachment; filename="logs.zip"'
    first = await save(served(disposition, body=b"one"), tmp_path, fallback_name="fb.zip")
    second = await save(served(disposition, body=b"two"), tmp_path, fallback_name="fb.zip")
    assert (first, second) == (tmp_path / "logs (2).zip", tmp_path / "logs (3).zip")
    assert [(tmp_path / n).read_bytes() for n in ("logs (2).zip", "logs (3).zip")] == [
        b"one",
        b"two",
    ]
    assert (tmp_path / "logs.zip").read_bytes() == b"mine"
    assert (tmp_path / "logs (1).zip").read_bytes() == b"mine too"
    assert names(tmp_path) == ["logs (1).zip", "logs (2).zip", "logs (3).zip", "logs.zip"]


async def test_a_part_file_left_by_another_download_is_not_touched(tmp_path: Path) -> None:
    (tmp_path / "out.zip.part").write_bytes(b"another download's")
    (tmp_path / "out.zip.1.part").write_bytes(b"and another's")
    target = tmp_path / "out.zip"
    during: list[list[str]] = []

    async def chunks() -> AsyncIterator[bytes]:
        yield b"a"
        during.append(names(tmp_path))
        yield b"b"

    response = Response(status=200, headers={}, url=STORAGE, chunks=chunks())
    assert await save(response, target, fallback_name="fb") == target
    assert during == [["out.zip.1.part", "out.zip.2.part", "out.zip.part"]]
    assert target.read_bytes() == b"ab"
    assert (tmp_path / "out.zip.part").read_bytes() == b"another download's"
    assert names(tmp_path) == ["out.zip", "out.zip.1.part", "out.zip.part"]


async def test_the_part_files_of_a_name_at_the_limit_keep_their_numbers(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 251 + ".zip")  # 255 bytes: no room left for ".part"
    taken = "n" * 250 + ".part"  # another download's part file of the same name
    (tmp_path / taken).write_bytes(b"")
    during: list[list[str]] = []

    async def chunks() -> AsyncIterator[bytes]:
        during.append(names(tmp_path))
        yield b"x"

    response = Response(status=200, headers={}, url=STORAGE, chunks=chunks())
    await save(response, target, fallback_name="fb")
    assert during == [["n" * 248 + ".1.part", taken]]
    assert names(tmp_path) == sorted([target.name, taken])


async def test_a_thousand_part_files_beside_the_target_end_the_search(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    for number in range(1000):
        suffix = ".part" if number == 0 else f".{number}.part"
        (tmp_path / f"out.zip{suffix}").write_bytes(b"")
    with pytest.raises(
        FileExistsError, match=r"^no free name for a partial download beside out.zip$"
    ):
        await save(served(), target, fallback_name="fb")
    (tmp_path / "out.zip.1000.part").write_bytes(b"")  # the search stops before this one
    assert not target.exists()


async def test_a_part_file_that_cannot_be_removed_does_not_hide_why_the_download_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def stuck(self: anyio.Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(anyio.Path, "unlink", stuck)
    with pytest.raises(ConnectionResetError, match="hung up"):
        await save(broken_after(b"x"), tmp_path / "out.zip", fallback_name="fb")


async def test_save_to_a_file_object_writes_it_and_returns_none() -> None:
    buffer = io.BytesIO()
    assert await save(served(body=b"contents"), buffer, fallback_name="fb.zip") is None
    assert buffer.getvalue() == b"contents"


class Recording(io.BytesIO):
    """A binary file that keeps each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []

    def write(self, data: Any, /) -> int:
        self.writes.append(bytes(data))
        return super().write(data)


def chunked(sizes: list[int], file: Recording, seen: list[int]) -> Response:
    """Chunks of ``sizes`` bytes; ``seen`` notes, as each is read, how many writes came before."""

    async def chunks() -> AsyncIterator[bytes]:
        for index, size in enumerate(sizes):
            seen.append(len(file.writes))
            yield bytes([index]) * size

    return Response(status=200, headers={}, url=STORAGE, chunks=chunks())


async def test_chunks_are_written_every_four_mib_not_held_whole() -> None:
    assert WRITE_BATCH == 4 * MIB
    file, seen = Recording(), list[int]()
    await save(chunked([MIB] * 9 + [5], file, seen), file, fallback_name="fb.zip")
    # The first four chunks make 4 MiB: written before the fifth is read.
    assert seen == [0, 0, 0, 0, 4, 4, 4, 4, 8, 8]
    assert [len(w) for w in file.writes] == [MIB] * 9 + [5]
    assert [w[0] for w in file.writes] == list(range(10))


async def test_a_body_under_four_mib_is_written_at_its_end() -> None:
    file, seen = Recording(), list[int]()
    await save(chunked([10, 20, 4 * MIB - 31], file, seen), file, fallback_name="fb.zip")
    assert seen == [0, 0, 0]
    assert len(file.getvalue()) == 4 * MIB - 1


async def test_a_batch_is_written_once_it_reaches_four_mib_not_only_past_it() -> None:
    file, seen = Recording(), list[int]()
    await save(chunked([4 * MIB - 1, 1, 1, 7], file, seen), file, fallback_name="fb.zip")
    assert seen == [0, 0, 2, 2]
    assert [len(w) for w in file.writes] == [4 * MIB - 1, 1, 1, 7]


async def test_an_empty_body_writes_an_empty_file(tmp_path: Path) -> None:
    async def nothing() -> AsyncIterator[bytes]:
        for chunk in list[bytes]():
            yield chunk

    response = Response(status=200, headers={}, url=STORAGE, chunks=nothing())
    written = await save(response, tmp_path / "empty", fallback_name="fb")
    assert written is not None
    assert written.read_bytes() == b""


async def test_the_count_starts_again_after_each_batch() -> None:
    file, seen = Recording(), list[int]()
    await save(chunked([4 * MIB, 4 * MIB - 1, 1, 1], file, seen), file, fallback_name="fb.zip")
    assert seen == [0, 1, 1, 3]


# -- what a failure leaves --------------------------------------------------------


def broken_after(first: bytes) -> Response:
    async def chunks() -> AsyncIterator[bytes]:
        yield first
        raise ConnectionResetError("the storage host hung up")

    return Response(status=200, headers={}, url=STORAGE, chunks=chunks())


async def test_a_failed_download_to_a_path_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ConnectionResetError, match="hung up"):
        await save(broken_after(b"x" * 5 * MIB), tmp_path / "out.zip", fallback_name="fb")
    assert names(tmp_path) == []


async def test_a_failed_download_keeps_the_file_it_would_have_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"previous")
    with pytest.raises(ConnectionResetError):
        await save(broken_after(b"x"), target, fallback_name="fb")
    assert target.read_bytes() == b"previous"
    assert names(tmp_path) == ["out.zip"]


async def test_a_part_file_that_cannot_be_opened_raises_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    # The part file is opened with the builtin, in a worker thread.
    monkeypatch.setattr("ghactions_async._download.open", full_disk, raising=False)
    with pytest.raises(OSError, match="No space left on device") as caught:
        await save(served(), tmp_path / "out.zip", fallback_name="fb")
    assert caught.value.errno == 28
    assert names(tmp_path) == []


async def test_the_body_goes_to_a_part_file_until_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    during: list[list[str]] = []

    async def chunks() -> AsyncIterator[bytes]:
        yield b"a" * (WRITE_BATCH + 1)
        during.append(names(tmp_path))
        yield b"b"

    response = Response(status=200, headers={}, url=STORAGE, chunks=chunks())
    await save(response, target, fallback_name="fb")
    assert during == [["out.zip.part"]]
    assert names(tmp_path) == ["out.zip"]
    assert target.stat().st_size == WRITE_BATCH + 2


async def test_a_cancelled_download_removes_its_part_file(tmp_path: Path) -> None:
    started = anyio.Event()

    async def chunks() -> AsyncIterator[bytes]:
        yield b"a" * WRITE_BATCH
        started.set()
        await anyio.sleep_forever()
        yield b""

    response = Response(status=200, headers={}, url=STORAGE, chunks=chunks())
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(partial(save, response, tmp_path / "out.zip", fallback_name="fb"))
        await started.wait()
        assert names(tmp_path) == ["out.zip.part"]
        tasks.cancel_scope.cancel()
    assert names(tmp_path) == []


# -- check_destination --------------------------------------------------------------


@pytest.mark.parametrize("dest", ["out.zip", Path("out.zip"), io.BytesIO()])
def test_paths_and_writable_files_are_accepted(dest: object) -> None:
    check_destination(dest)


def test_an_empty_path_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^dest must not be empty$"):
        check_destination("")


class _ReadOnly:
    write = None


@pytest.mark.parametrize(
    ("dest", "kind"),
    [(None, "NoneType"), (42, "int"), (b"out.zip", "bytes"), (_ReadOnly(), "_ReadOnly")],
)
def test_anything_else_is_refused_with_its_type(dest: object, kind: str) -> None:
    with pytest.raises(
        TypeError,
        match=rf"^dest must be a path or a binary file opened for writing, got {kind}$",
    ):
        check_destination(dest)
