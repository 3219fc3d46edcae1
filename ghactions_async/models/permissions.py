"""Models of ``gh.permissions``."""

from __future__ import annotations
