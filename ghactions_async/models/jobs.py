"""Models of ``gh.jobs``."""

from __future__ import annotations
