"""``python -m ghactions_async``: the ``ghactions`` command line."""

from .cli import main

main()
