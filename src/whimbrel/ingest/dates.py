"""Normalise a published date to an ISO prefix: YYYY, YYYY-MM or YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import logging
import re
from email.utils import parsedate_to_datetime

logger = logging.getLogger(__name__)

_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s])")


def normalise_published(value: str | None, *, source: str) -> str | None:
    """Return ``value`` as an ISO date prefix, or None (with a warning) if it cannot be read.

    Accepts ``2024``, ``2024-07``, ``2024-07-14``, ``2024-07-14T10:00:00Z`` and RFC 2822
    dates as found in feeds (``Sun, 14 Jul 2024 10:00:00 GMT``).
    """
    if value is None:
        return None
    raw = value.strip()
    if not raw:
        return None
    match = _ISO_PREFIX.match(raw)
    if match:
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            pass
        else:
            return match.group(0)
    else:
        try:
            return parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    logger.warning("%s: cannot read published date %r, left empty", source, value)
    return None
