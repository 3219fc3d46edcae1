"""Writing a streamed answer to disk in constant memory, never over a file it was not given.

GitHub answers a download with a 302 to a short-lived URL on a storage host;
the pipeline follows it without the token, and the body arrives here chunk by
chunk. It is written to a ``.part`` file of its own (created exclusively,
so no existing file is touched) and renamed when complete, so a failed or
cancelled download never leaves a truncated file behind. A path the caller
names is theirs and is replaced; into a directory, the server's name for the
file is made safe and never replaces a file already there (``_filenames``).
File writes run in a worker thread, a few MiB at a time, so that a slow disk
does not stall the loop. When cleaning up after a failure fails too, the
first error is the one raised.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import anyio
import anyio.to_thread

from ._filenames import fit, free_names, safe_name, served_name

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from ._http._types import Response

Destination = str | os.PathLike[str] | BinaryIO


def filename_of(response: Response, fallback: str) -> str:
    """The server's name for the file, made safe (``fallback`` when none is usable)."""
    return safe_name(served_name(response), fallback)


async def save(response: Response, dest: Destination, *, fallback_name: str) -> Path | None:
    """Write the body to ``dest``; returns the file's path, or None for a file object.

    A directory as ``dest`` receives the file under the server's name for it,
    the first free one; ``dest`` was checked with ``check_destination``
    before the request.
    """
    if not isinstance(dest, (str, os.PathLike)):
        await _write_in_batches(response, dest.write)
        return None
    target = Path(dest)
    into_directory = await anyio.Path(target).is_dir()
    if into_directory:
        target = target / filename_of(response, fallback_name)
    part, file = await anyio.to_thread.run_sync(_open_part, target)
    try:
        try:
            await _write_in_batches(response, file.write)
        finally:
            with anyio.CancelScope(shield=True):  # closed even when cancelled
                await anyio.to_thread.run_sync(file.close)
        if into_directory:
            return await anyio.to_thread.run_sync(_claim_free_name, part, target)
        await anyio.Path(part).replace(target)
        return target
    except BaseException:
        # Shielded: a cancelled download must still remove its partial file; and
        # a failure to remove it must not hide why the download failed.
        with anyio.CancelScope(shield=True), contextlib.suppress(OSError):
            await anyio.Path(part).unlink(missing_ok=True)
        raise


def _open_part(target: Path) -> tuple[Path, BinaryIO]:
    """``<target>.part``, or the first ``<target>.<n>.part`` that does not exist, opened new."""
    for number in range(1000):
        suffix = ".part" if number == 0 else f".{number}.part"
        part = target.with_name(fit(target.name + suffix, keep=suffix))
        try:
            return part, open(part, "xb")
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a partial download beside {target.name}")


def _claim_free_name(part: Path, target: Path) -> Path:
    """Give the finished ``part`` the first free name of ``target`` (never replacing a file)."""
    for name in free_names(target.name):
        candidate = target.with_name(name)
        try:
            os.link(part, candidate)  # fails if the name is taken, atomically
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: take the name, then move in
            try:
                os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                continue
            os.replace(part, candidate)
            return candidate
        os.unlink(part)
        return candidate
    raise AssertionError("free_names never ends")  # pragma: no cover


WRITE_BATCH = 4 * 1024 * 1024
"""Bytes handed to the worker thread at once: a hop for each 256 KiB network
chunk cost more than the disk did, and 4 MiB keeps memory flat."""


async def _write_in_batches(response: Response, write: Callable[[bytes], object]) -> None:
    batch: list[bytes] = []
    size = 0
    async for chunk in _chunks(response):
        batch.append(chunk)
        size += len(chunk)
        if size >= WRITE_BATCH:
            await anyio.to_thread.run_sync(_write_each, write, batch)
            batch, size = [], 0
    if batch:
        await anyio.to_thread.run_sync(_write_each, write, batch)


def _write_each(write: Callable[[bytes], object], chunks: list[bytes]) -> None:
    for chunk in chunks:
        write(chunk)


def check_destination(dest: object) -> None:
    """Refuse, before any request, a ``dest`` that is neither a path nor a writable file."""
    if isinstance(dest, (str, os.PathLike)):
        if not os.fspath(dest):
            raise ValueError("dest must not be empty")
    elif not callable(getattr(dest, "write", None)):
        raise TypeError(
            f"dest must be a path or a binary file opened for writing, got {type(dest).__name__}"
        )


def _chunks(response: Response) -> AsyncIterator[bytes]:
    """The body of a download, which the pipeline always streams."""
    assert response.chunks is not None, "downloads are sent with stream=True"
    return response.chunks
