"""evaluate: gold documents and predicted events in -> precision/recall/F1 report out.

Scoring follows GUIDELINES.md: an event matches a gold event when type, actor set, target set
and modality are equal (greedy, one-to-one, per document). The report adds asserted-only
scores, the speculation leak (gold planned/hypothetical/negated events emitted as asserted)
and date/location/count accuracy on matched events.
"""

from __future__ import annotations

from whimbrel.errors import EvalError
from whimbrel.evaluate.scoring import (
    PRF,
    GoldDoc,
    Report,
    event_key,
    load_gold,
    load_predictions,
    location_matches,
    match_events,
    score,
)

__all__ = [
    "PRF",
    "EvalError",
    "GoldDoc",
    "Report",
    "event_key",
    "load_gold",
    "load_predictions",
    "location_matches",
    "match_events",
    "score",
]
