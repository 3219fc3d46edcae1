"""Models of ``gh.runs``."""

from __future__ import annotations
