"""The operations of ``gh.oidc``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
]
# fmt: on
