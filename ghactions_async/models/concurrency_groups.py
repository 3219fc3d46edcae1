"""Models of ``gh.concurrency_groups``."""

from __future__ import annotations
