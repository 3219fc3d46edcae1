"""Writing a streamed answer to disk in constant memory.

GitHub answers a download with a 302 to a short-lived URL on a storage host;
the pipeline follows it without the token, and the body arrives here chunk by
chunk. A path destination is written to ``<name>.part`` and renamed when
complete, so a failed download never leaves a truncated file behind. File
writes run in a worker thread, a few MiB at a time, so that a slow disk does
not stall the loop.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urlsplit

import anyio
import anyio.to_thread

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from ._http._types import Response

Destination = str | os.PathLike[str] | BinaryIO

_FILENAME_STAR = re.compile(r"filename\*\s*=\s*[^']*''([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*"?([^";]+)"?', re.IGNORECASE)


def filename_of(response: Response, fallback: str) -> str:
    """The server's name for the file (Content-Disposition, then the URL), made safe."""
    disposition = response.headers.get("content-disposition", "")
    match = _FILENAME_STAR.search(disposition) or _FILENAME.search(disposition)
    name = (
        unquote(match.group(1))
        if match
        else unquote(urlsplit(response.url).path.rsplit("/", 1)[-1])
    )
    name = Path(name.replace("\\", "/")).name  # never a path: no "../" escapes
    return name if name not in ("", ".", "..") else fallback


async def save(response: Response, dest: Destination, *, fallback_name: str) -> Path | None:
    """Write the body to ``dest``; returns the file's path, or None for a file object.

    A directory as ``dest`` receives the file under the server's name for it;
    ``dest`` was checked with ``check_destination`` before the request.
    """
    if isinstance(dest, (str, os.PathLike)):
        target = Path(dest)
        if await anyio.Path(target).is_dir():
            target = target / filename_of(response, fallback_name)
        partial = target.with_name(target.name + ".part")
        try:
            async with await anyio.open_file(partial, "wb") as file:
                await _write_in_batches(response, file.wrapped.write)
            await anyio.Path(partial).replace(target)
        except BaseException:
            # Shielded: a cancelled download must still remove its partial file.
            with anyio.CancelScope(shield=True):
                await anyio.Path(partial).unlink(missing_ok=True)
            raise
        return target
    await _write_in_batches(response, dest.write)
    return None


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
