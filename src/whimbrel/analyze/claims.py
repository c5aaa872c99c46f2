"""Claim checking: an article's quantitative and comparative claims against the store.

Claims come from two places. Count claims ("14 such drills in 2024") are the article's
aggregate events (``count > 1``), found by the pipeline and passed in as plain
:class:`ArticleEvent` records. Comparatives ("nearly double the number held a decade
prior"), firsts ("for the first time") and superlatives ("largest ever") are found here with
regular expressions and tied to the event reported in the same sentence.

Each claim gets a verdict, ``consistent``, ``inconsistent`` or ``not enough data``, with the
tolerance rule used. Only asserted single corpus events are counted on the store side (the
``lookup`` given by the caller decides that); aggregates in the store are claims too and are
never used as evidence.

Rules:

- count: the store's number of corpus events of that type with all the claimed actors in
  the claimed period must be within ±15% of the claim, and at least ±1; a store with no such
  event in the period has not enough data.
- comparative: the ratio of the store's counts (claimed period / reference period) must lie
  in the range of the phrase, e.g. "nearly double" [1.6, 2.1], "double" [1.8, 2.2],
  "more than double" (2, ∞); either period empty in the store: not enough data.
- first time: an earlier event of that type with the same participants makes it
  inconsistent; none, while the store holds events of that type in earlier years, makes it
  consistent; otherwise not enough data.
- largest / biggest ever: the store does not record the size of events: not enough data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from whimbrel.analyze.corpus import CorpusEvent
from whimbrel.ontology import NUMBER_WORDS

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
NOT_ENOUGH = "not enough data"

COUNT_TOLERANCE = 0.15

_MULTIPLIERS = {
    "double": 2.0,
    "twice": 2.0,
    "two times": 2.0,
    "triple": 3.0,
    "three times": 3.0,
    "quadruple": 4.0,
    "four times": 4.0,
    "half": 0.5,
}
# hedge -> (low, high) as multiples of the multiplier
_HEDGES: dict[str, tuple[float, float]] = {
    "": (0.9, 1.1),
    "nearly": (0.8, 1.05),
    "almost": (0.8, 1.05),
    "roughly": (0.85, 1.15),
    "about": (0.85, 1.15),
    "around": (0.85, 1.15),
    "some": (0.85, 1.15),
    "more than": (1.0, float("inf")),
    "over": (1.0, float("inf")),
    "less than": (0.0, 1.0),
}
_WORD_YEARS = {"a": 1, **NUMBER_WORDS}  # "a decade prior", "two decades earlier"
_HEDGE_RE = "|".join(sorted((h for h in _HEDGES if h), key=len, reverse=True))
_MULT_RE = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_COMPARATIVE_RE = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE_RE})\s+)?(?P<mult>{_MULT_RE})\b"
    r"(?P<rest>[^.;!?]{0,80}?)"
    r"(?P<base>\b(?:a|one)\s+decade\s+(?:prior|earlier|before|ago)"
    r"|\b(?:a|the)\s+(?:previous|prior|preceding)\s+year"
    r"|\blast\s+year"
    r"|\b(?:a|one)\s+year\s+(?:prior|earlier|before|ago)"
    r"|\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+years?\s+"
    r"(?:prior|earlier|before|ago)"
    r"|\b(?:in|during)\s+(?P<year>(?:19|20)\d{2}))",
    re.IGNORECASE,
)
_FIRST_RE = re.compile(
    r"\b(?:for\s+the\s+first\s+time(?:\s+ever)?|first[- ]ever|the\s+first\s+time)\b",
    re.IGNORECASE,
)
_SUPERLATIVE_RE = re.compile(
    r"\b(?:the\s+)?(?:largest|biggest|most\s+extensive|most\s+ambitious)\b"
    r"[^.;!?]{0,60}?\b(?:ever|in\s+history|to\s+date|on\s+record|since\s+(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(r"[,;:()\u2013\u2014]|\s-\s|(?<=\w)-(?=[a-z]\s)")


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """An event found in the article being checked (from the pipeline, as plain data)."""

    type: str
    actors: tuple[str, ...]
    target: tuple[str, ...]
    modality: str
    date: str | None
    count: int
    evidence_start: int
    evidence_end: int
    evidence_text: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable claim of the article."""

    kind: str  # "count", "comparative", "first", "superlative"
    text: str
    start: int
    end: int
    event: ArticleEvent | None = None
    period: str | None = None
    count: int | None = None
    base_period: str | None = None
    ratio_low: float | None = None
    ratio_high: float | None = None


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A claim, what the store holds about it, the verdict and the rule used."""

    claim: Claim
    verdict: str
    rule: str
    holds: str
    store_count: int | None = None
    base_count: int | None = None
    supporting: tuple[CorpusEvent, ...] = ()

    def to_dict(self) -> dict[str, object]:
        c = self.claim
        return {
            "kind": c.kind,
            "claim": c.text,
            "start": c.start,
            "end": c.end,
            "type": c.event.type if c.event else None,
            "actors": sorted(set(c.event.actors) | set(c.event.target)) if c.event else [],
            "period": c.period,
            "claimed_count": c.count,
            "base_period": c.base_period,
            "store_count": self.store_count,
            "base_count": self.base_count,
            "holds": self.holds,
            "verdict": self.verdict,
            "rule": self.rule,
            "supporting": [
                {"cluster_id": e.cluster_id, "date": e.date, "evidence": e.evidence}
                for e in self.supporting
            ],
        }


class ClusterLookup(Protocol):
    """Asserted single corpus events of ``type`` with all ``actors`` among their
    participants, whose date falls in [since, until] (ISO partial dates, None = open)."""

    def __call__(
        self, type: str, actors: Sequence[str], since: str | None, until: str | None
    ) -> Sequence[CorpusEvent]: ...


def _clause(text: str, start: int, end: int, at: int) -> tuple[str, int, int]:
    """The clause of ``text[start:end]`` around offset ``at``, stripped."""
    cuts = [start] + [start + m.end() for m in _CLAUSE_SPLIT.finditer(text[start:end])]
    left = max(c for c in cuts if c <= at)
    rights = [start + m.start() for m in _CLAUSE_SPLIT.finditer(text[start:end])]
    right = min((r for r in rights if r > at), default=end)
    piece = text[left:right]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip().rstrip(".")
    return piece, left + lead, left + lead + len(piece)


def _number_at(text: str, count: int) -> int:
    """Offset of the claimed number in ``text`` (digits), or 0."""
    found = re.search(rf"(?<!\d){count}(?!\d)", text)
    return found.start() if found else 0


def _sentence_event(events: Sequence[ArticleEvent], at: int) -> ArticleEvent | None:
    """The event whose evidence contains offset ``at``: an aggregate first, then asserted."""
    here = [e for e in events if e.evidence_start <= at < e.evidence_end]
    here.sort(key=lambda e: (e.count <= 1, e.modality != "asserted", e.evidence_start))
    return here[0] if here else None


def _base_period(period: str, match: re.Match[str]) -> str | None:
    year_text = match.group("year")
    if year_text:
        return year_text
    base = match.group("base").lower()
    if "decade" in base:
        back = 10
    elif match.group("n"):
        n = match.group("n").lower()
        back = int(n) if n.isdigit() else _WORD_YEARS[n]
    else:
        back = 1
    return f"{int(period[:4]) - back:04d}{period[4:]}"


def find_claims(text: str, events: Sequence[ArticleEvent]) -> list[Claim]:
    """The count, comparative, first-time and superlative claims of ``text``, in order."""
    claims: list[Claim] = []
    for agg in events:
        if agg.count > 1 and agg.date is not None and agg.modality == "asserted":
            at = agg.evidence_start + _number_at(agg.evidence_text, agg.count)
            piece, start, end = _clause(text, agg.evidence_start, agg.evidence_end, at)
            claims.append(Claim("count", piece, start, end, agg, period=agg.date, count=agg.count))
    for m in _COMPARATIVE_RE.finditer(text):
        event = _sentence_event(events, m.start())
        hedge = (m.group("hedge") or "").lower()
        factor = _MULTIPLIERS[" ".join(m.group("mult").lower().split())]
        low, high = (factor * bound for bound in _HEDGES[" ".join(hedge.split())])
        period = event.date if event is not None and event.count > 1 else None
        claims.append(
            Claim(
                "comparative",
                m.group(0),
                m.start(),
                m.end(),
                event,
                period=period,
                count=event.count if event is not None and event.count > 1 else None,
                base_period=_base_period(period, m) if period else None,
                ratio_low=low,
                ratio_high=high,
            )
        )
    for kind, pattern in (("first", _FIRST_RE), ("superlative", _SUPERLATIVE_RE)):
        for m in pattern.finditer(text):
            event = _sentence_event(events, m.start())
            claims.append(Claim(kind, m.group(0), m.start(), m.end(), event, period=None))
    claims.sort(key=lambda c: (c.start, c.kind))
    return claims


def _who(event: ArticleEvent) -> list[str]:
    return sorted(set(event.actors) | set(event.target))


def _describe(event: ArticleEvent) -> str:
    return f"{event.type} with {'+'.join(_who(event))}"


def _count_rule(claimed: int) -> tuple[float, str]:
    slack = max(1.0, COUNT_TOLERANCE * claimed)
    return slack, f"count within ±{COUNT_TOLERANCE:.0%} of the claim or ±1 (±{slack:g})"


def _ratio_rule(claim: Claim) -> str:
    low, high = claim.ratio_low or 0.0, claim.ratio_high or 0.0
    upper = "∞" if high == float("inf") else f"{high:.2f}"
    return f"ratio of store counts {claim.period}/{claim.base_period} in [{low:.2f}, {upper}]"


def check_claims(claims: Sequence[Claim], lookup: ClusterLookup) -> list[ClaimCheck]:
    """A verdict for every claim; see the module docstring for the rules."""
    return [_check(claim, lookup) for claim in claims]


def _check(claim: Claim, lookup: ClusterLookup) -> ClaimCheck:
    event = claim.event
    if claim.kind == "superlative":
        return ClaimCheck(
            claim,
            NOT_ENOUGH,
            "the store does not record the size of events (troops, ships, aircraft)",
            "no size data",
        )
    if event is None:
        return ClaimCheck(
            claim,
            NOT_ENOUGH,
            "a claim must be tied to an event (type, actors) reported in the same sentence",
            "no event found in the claim's sentence",
        )
    if claim.kind == "count":
        assert claim.period is not None and claim.count is not None
        found = lookup(event.type, _who(event), claim.period, claim.period)
        slack, rule = _count_rule(claim.count)
        holds = f"{len(found)} {_describe(event)} in {claim.period}"
        if not found:
            return ClaimCheck(claim, NOT_ENOUGH, rule, holds, 0)
        verdict = CONSISTENT if abs(len(found) - claim.count) <= slack else INCONSISTENT
        return ClaimCheck(claim, verdict, rule, holds, len(found), supporting=tuple(found))
    if claim.kind == "comparative":
        if claim.period is None or claim.base_period is None:
            return ClaimCheck(
                claim,
                NOT_ENOUGH,
                "a comparative must refer to a count with a period in the same sentence",
                "no counted period found",
            )
        rule = _ratio_rule(claim)
        now = lookup(event.type, _who(event), claim.period, claim.period)
        base = lookup(event.type, _who(event), claim.base_period, claim.base_period)
        holds = (
            f"{len(now)} {_describe(event)} in {claim.period}, {len(base)} in {claim.base_period}"
        )
        if not now or not base:
            return ClaimCheck(
                claim, NOT_ENOUGH, rule, holds, len(now), len(base), tuple(now) + tuple(base)
            )
        ratio = len(now) / len(base)
        low, high = claim.ratio_low or 0.0, claim.ratio_high or 0.0
        verdict = CONSISTENT if low <= ratio <= high else INCONSISTENT
        return ClaimCheck(
            claim,
            verdict,
            rule,
            f"{holds} (ratio {ratio:.2f})",
            len(now),
            len(base),
            tuple(now) + tuple(base),
        )
    # first time
    rule = (
        "no earlier event of the type with the same participants; the store must hold "
        "events of the type in earlier years"
    )
    if event.date is None:
        return ClaimCheck(claim, NOT_ENOUGH, rule, "the event has no date")
    before = f"{int(event.date[:4]) - 1:04d}"
    earlier = lookup(event.type, _who(event), None, before)
    if earlier:
        holds = f"{len(earlier)} earlier {_describe(event)} (first in {earlier[0].date})"
        return ClaimCheck(claim, INCONSISTENT, rule, holds, len(earlier), supporting=tuple(earlier))
    coverage = lookup(event.type, (), None, before)
    if coverage:
        holds = f"no earlier {_describe(event)}; {len(coverage)} {event.type} up to {before}"
        return ClaimCheck(claim, CONSISTENT, rule, holds, 0)
    return ClaimCheck(claim, NOT_ENOUGH, rule, f"no {event.type} in the store up to {before}", 0)
