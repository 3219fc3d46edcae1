"""Models of ``gh.workflows``."""

from __future__ import annotations
