"""Corpus-level deduplication: per-article events -> corpus events ("clusters").

The same real-world event reported by several articles is stored once per article (an
``events`` row each) and linked to one cluster. The rules are conservative; two events are
put in one cluster only when ALL of these hold:

- same type, same modality, same sorted actors and same sorted target;
- different articles (two events the document-level merge kept apart stay apart);
- both singles (``count == 1``), or both aggregates with the same count and the same date
  (an aggregate such as "14 drills in 2024" is a claim: it is never expanded into fake
  events and never merged with a single event);
- dates compatible at their precision: one is a prefix of the other (``2024-07`` and
  ``2024-07-14``), or one is undated;
- no conflict: when both have a name (named exercise or operation) the names are equal,
  when both have a location the locations are equal (case and spacing ignored);
- at least one anchor: the same name, the same location, the same day, or the very same
  evidence sentence (a copy of the report under another doc_id). A shared year or month
  alone is not enough (there were fourteen Russia-China drills in 2024), and an undated event
  joins only through its name, its location or an identical sentence.

A candidate must satisfy these with EVERY event already in the cluster (complete linkage),
so a cluster never chains "2024-07" to "2024-07-14" to "2024-07-20". When several clusters
qualify, the one with the strongest anchor (sentence > name > same day > location) wins, then the
oldest cluster id. The cluster id is derived from the event that founded it, so it never
changes once given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_ANCHOR_RANK = {"text": 4, "name": 3, "day": 2, "place": 1}


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the linker needs to know about one per-article event."""

    event_id: str
    doc_id: str
    date: str | None
    location: str | None
    name: str | None
    count: int
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class JoinDecision:
    """Why an event may join a cluster: its anchors and the human-readable reason."""

    rank: int
    reason: str


def cluster_id_for(founding_event_id: str) -> str:
    """The stable id of the cluster founded by an event."""
    return "c" + founding_event_id


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    folded = " ".join(value.casefold().split())
    return folded or None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """True when two ISO partial dates can describe the same day (one is a prefix of the
    other), or when either is unknown."""
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def join_decision(event: MemberFacts, members: Sequence[MemberFacts]) -> JoinDecision | None:
    """Whether ``event`` may join the cluster holding ``members`` (same type, modality, actors
    and target are checked by the caller), and why; None when it may not."""
    if not members:
        return None
    anchors: set[str] = set()
    details: list[str] = []
    for member in members:
        if member.doc_id == event.doc_id:
            return None
        if (event.count > 1) != (member.count > 1):
            return None
        if event.count > 1:
            if event.count != member.count or event.date is None or event.date != member.date:
                return None
            anchors.add("aggregate")
            continue
        if not dates_compatible(event.date, member.date):
            return None
        name_a, name_b = _norm(event.name), _norm(member.name)
        if name_a and name_b:
            if name_a != name_b:
                return None
            anchors.add("name")
        place_a, place_b = _norm(event.location), _norm(member.location)
        if place_a and place_b:
            if place_a != place_b:
                return None
            anchors.add("place")
        if event.date is not None and len(event.date) == 10 and event.date == member.date:
            anchors.add("day")
        text_a, text_b = _norm(event.evidence), _norm(member.evidence)
        if text_a and text_a == text_b:
            anchors.add("text")
    if "aggregate" in anchors:
        return JoinDecision(
            4, f"same aggregate claim: count {event.count} for {event.date} in another article"
        )
    if not anchors & {"name", "place", "day", "text"}:
        return None
    if "text" in anchors:
        details.append("same evidence sentence (a syndicated or copied report)")
    if "name" in anchors:
        details.append(f"same name {event.name!r}")
    if "place" in anchors:
        details.append(f"same place {event.location!r}")
    if "day" in anchors:
        details.append(f"same day {event.date}")
    member_dates = sorted({m.date for m in members if m.date is not None})
    if event.date is None:
        details.append("undated")
    elif member_dates and member_dates != [event.date]:
        details.append(f"date {event.date} compatible with {', '.join(member_dates)}")
    rank = max(_ANCHOR_RANK[a] for a in anchors if a in _ANCHOR_RANK)
    return JoinDecision(rank, "same type, actors, target and modality; " + "; ".join(details))


def choose_cluster(
    event: MemberFacts, clusters: dict[str, list[MemberFacts]]
) -> tuple[str, str] | None:
    """The cluster ``event`` joins as ``(cluster_id, reason)``, or None to found a new one."""
    best: tuple[int, str, str] | None = None
    for cluster_id in sorted(clusters):
        decision = join_decision(event, clusters[cluster_id])
        if decision is None:
            continue
        if best is None or decision.rank > best[0]:
            best = (decision.rank, cluster_id, decision.reason)
    return None if best is None else (best[1], best[2])


FOUNDING_REASON = "first report of this event in the store"
