"""The ``ghactions`` command line (needs the ``cli`` extra: click and rich)."""

from __future__ import annotations

import sys

INSTALL_HINT = "pip install 'ghactions-async[cli]'"


def main() -> None:
    """Run ``ghactions``; without click and rich, say how to get them."""
    try:
        from ._app import cli
    except ImportError as exc:
        if exc.name in ("click", "rich") or (exc.name or "").startswith(("click.", "rich.")):
            sys.exit(f"the ghactions command needs click and rich: {INSTALL_HINT}")
        raise
    cli()
