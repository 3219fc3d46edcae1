"""Models of ``gh.secrets``."""

from __future__ import annotations
