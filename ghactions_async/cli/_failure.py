"""What the command line says when something fails that is not the user's doing.

A failed API call, a broken answer from the server, a file that cannot be
written: each ends the command with exit code 1 and one ``error:`` line on
stderr (and at most one ``hint:`` line), never a usage message and never a
traceback, unless ``--debug`` asks for it. Exit code 2 stays for the user's
own mistakes: click's usage errors, and the ``ValueError``/``TypeError`` the
library raises when it checks arguments before any request.
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

from ._output import describe_error, err_console, escape

if TYPE_CHECKING:
    from ._connect import Connection

LONG_NAME = 60
"""File names longer than this (a server may choose them) are shortened in messages."""


def is_usage_error(error: BaseException) -> bool:
    """An argument check's error: exactly ``ValueError`` or ``TypeError``.

    Their subclasses are not: ``JSONDecodeError`` and ``UnicodeDecodeError``
    mean the server's answer could not be read.
    """
    return type(error) in (ValueError, TypeError)


def cause(error: BaseException) -> BaseException:
    """The error to report: the one that matters inside task-group wrappers.

    An API error first, then a file error, then an argument error, else the
    first one found.
    """
    from .._errors import GhActionsError

    inner = getattr(error, "exceptions", None)
    if not isinstance(inner, tuple) or not inner:
        return error
    leaves = [cause(e) for e in inner]
    for kind in (GhActionsError, OSError, ValueError, TypeError):
        for leaf in leaves:
            if isinstance(leaf, kind):
                return leaf
    return leaves[0]


def show_failure(
    error: BaseException,
    *,
    connection: Connection | None = None,
    debug: bool = False,
    raised: BaseException | None = None,
) -> None:
    """Print ``error`` as one ``error:`` line (and a ``hint:``), or with ``--debug`` the
    traceback of ``raised`` (the exception as it came, wrappers included) first."""
    from .._errors import GhActionsError
    from ._output import print_error

    console = err_console()
    if debug:
        text = "".join(traceback.format_exception(raised or error))
        console.print(text.rstrip(), markup=False, highlight=False, soft_wrap=True)
    if isinstance(error, GhActionsError):
        print_error(error, connection)
        return
    if isinstance(error, OSError):
        line, hint = describe_os_error(error), None
    elif isinstance(error, (ValueError, UnicodeError)):
        line = f"the server's answer could not be read: {describe_error(error)}"
        hint = "it is not what the GitHub API sends; is the API URL right?"
    else:
        line = f"unexpected {describe_error(error)}"
        hint = "this looks like a bug in ghactions; --debug shows where it happened"
    console.print(f"[bold red]error:[/bold red] {escape(line)}", soft_wrap=True)
    if hint and not debug:
        console.print(f"hint: {escape(hint)}", style="dim", soft_wrap=True)


def describe_os_error(error: OSError) -> str:
    """``OSError: [Errno 36] File name too long: '/tmp/xxx...xxx' (314 characters)``."""
    if error.strerror is None:
        return describe_error(error)
    text = f"{type(error).__name__}: [Errno {error.errno}] {error.strerror}"
    names = [str(n) for n in (error.filename, error.filename2) if n is not None]
    return text + "".join(f": {_short(name)}" for name in names)


def _short(name: str) -> str:
    """A file name quoted, its middle left out when it is long (a server may choose it)."""
    if len(name) <= LONG_NAME:
        return repr(name)
    return f"{name[: LONG_NAME - 20] + '...' + name[-17:]!r} ({len(name)} characters)"
