"""A JSON answer made into models, or an error that says exactly what did not fit.

GitHub's answers drift from its schemas (fields renamed, missing on old
releases, new enum values); when one does not fit, the user needs to know
which operation, which page, which item and which field, without the
answer's values (which may be secrets) in the message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._operations import Operation
    from ._types import Response


def structure_answer(
    data: Any,
    into: Any,
    response: Response,
    *,
    operation: Operation | None = None,
    page: int | None = None,
) -> Any:
    """``data`` as ``into``; an answer that does not fit raises UnexpectedResponse,
    naming the operation, the page, and each item and field that did not fit."""
    from .._convert import StructureError, structure

    try:
        return structure(data, into)
    except StructureError as exc:
        details = exc.details
    where = operation.operation_id if operation is not None else "GitHub's answer"
    if page is not None:
        where += f", page {page}"
    # Raised out here: the converter's errors may quote the answer itself.
    raise response.unexpected(
        f"{where}: the answer does not fit the model", details=misfits(details, into)
    )


_ITEM = re.compile(r"^(?P<what>.*?) @ list\[(?P<index>\d+)\]\.?(?P<field>.*)$")
_FIELD = re.compile(r"^(?P<what>.*?) @ (?P<path>[\w.\[\]]+)$")


def misfits(details: Sequence[str], into: Any) -> list[str]:
    """The converter's findings as people read them: ``item 3: WorkflowRun.status: missing``."""
    args = getattr(into, "__args__", ())
    model = getattr(args[0] if args else into, "__name__", "item")
    readable = []
    for detail in details:
        item = _ITEM.match(detail)
        if item is not None:
            field = f"{model}.{item['field']}" if item["field"] else model
            readable.append(f"item {item['index']}: {field}: {item['what']}")
            continue
        whole = _FIELD.match(detail)
        readable.append(f"{whole['path']}: {whole['what']}" if whole else detail)
    return readable
