"""Models of ``gh.artifacts``."""

from __future__ import annotations
