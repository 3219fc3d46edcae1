"""Models of ``gh.variables``."""

from __future__ import annotations
