"""Models of ``gh.runners``."""

from __future__ import annotations
