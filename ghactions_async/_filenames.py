"""File names a server chooses, made safe to create and never to replace what exists.

A download into a directory takes its name from the answer
(``Content-Disposition``, else the URL's last segment). That name is the
server's choice, so it is cleaned before it touches the disk: control
characters go, path separators and a leading dot are neutralised (no
``../``, no hidden ``.bashrc``), names Windows reserves get a prefix, and it
is cut to 255 bytes keeping its extension. And it never replaces a file
already there: the first free name of ``name.zip``, ``name (1).zip``,
``name (2).zip`` ... is used, as browsers do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from ._http._types import Response

MAX_NAME_BYTES = 255
"""The longest name most file systems take, in bytes of UTF-8."""

MAX_EXTENSION = 16
"""Characters an extension may have to be kept whole when a name is cut."""

_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
)
_DOUBLE_SUFFIXES = (".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst")
_FILENAME_STAR = re.compile(r"filename\*\s*=\s*([^']*)'[^']*'([^;\s]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*"?([^";]+)"?', re.IGNORECASE)


def served_name(response: Response) -> str:
    """The answer's name for its body, as sent: ``Content-Disposition``, then the URL."""
    disposition = response.headers.get("content-disposition", "")
    extended = _FILENAME_STAR.search(disposition)
    if extended is not None:
        charset = extended.group(1) or "utf-8"
        try:
            return unquote(extended.group(2), encoding=charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return unquote(extended.group(2), errors="replace")
    plain = _FILENAME.search(disposition)
    if plain is not None:
        return unquote(plain.group(1))
    return unquote(urlsplit(response.url).path.rsplit("/", 1)[-1])


def safe_name(name: str, fallback: str) -> str:
    """``name`` cleaned to be created in a directory safely (see the module docstring)."""
    kept = "".join(
        "_" if ch in "/\\" else ch
        for ch in name
        if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp")
    )
    kept = kept.strip().lstrip(".").rstrip(". ")
    if not kept:
        return fallback if fallback == name else safe_name(fallback, fallback)
    if kept.split(".", 1)[0].upper() in _RESERVED:
        kept = f"_{kept}"
    return fit(kept)


def free_names(name: str) -> Iterator[str]:
    """``name``, then ``stem (1).ext``, ``stem (2).ext`` ...; each within 255 bytes."""
    yield name
    stem, extension = _split(name)
    number = 1
    while True:
        yield fit(f"{stem} ({number}){extension}", keep=f" ({number}){extension}")
        number += 1


def _split(name: str) -> tuple[str, str]:
    lowered = name.lower()
    for double in _DOUBLE_SUFFIXES:
        if lowered.endswith(double) and len(name) > len(double):
            return name[: -len(double)], name[-len(double) :]
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION:
        return name, ""
    return stem, f".{extension}"


def fit(name: str, *, keep: str | None = None) -> str:
    """``name`` within ``MAX_NAME_BYTES``: its end (the extension) kept, the rest cut."""
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    tail = keep if keep is not None else _split(name)[1]
    head = name[: len(name) - len(tail)]
    room = MAX_NAME_BYTES - len(tail.encode())
    cut = head.encode()[:room].decode(errors="ignore")
    return cut + tail
