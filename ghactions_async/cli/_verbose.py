"""``ghactions -v``: the library's own log records, on stderr, above any progress bar.

Without ``-v`` the command shows none (the library logs to a NullHandler);
``-v`` shows INFO and up (pauses, retries, bulk summaries), ``-vv`` also
DEBUG (one line per HTTP exchange). Records go through rich's handler to
stderr, which a live progress bar redirects above itself, so they never
break the bar.
"""

from __future__ import annotations

import logging

LOGGER = "ghactions_async"


def show_library_records(verbosity: int) -> None:
    """Send the library's records at ``verbosity`` (1: INFO, 2+: DEBUG) to stderr."""
    if verbosity <= 0:
        return
    from rich.logging import RichHandler

    from ._output import err_console

    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, RichHandler):
            logger.removeHandler(handler)  # once per process, whatever ran before
    handler = RichHandler(console=err_console(), show_path=False, markup=False)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
