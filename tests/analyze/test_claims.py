"""Claim finding and checking on plain data (no pipeline, no store)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from whimbrel.analyze import ArticleEvent, CorpusEvent, check_claims, find_claims
from whimbrel.analyze.claims import CONSISTENT, INCONSISTENT, NOT_ENOUGH

# Invented text in the style of a think-tank news report.
TEXT = (
    "Analysts say ties keep growing. "
    "In 2024 China and Russia staged 14 joint drills, nearly double the number held a "
    "decade prior. "
    "In 2021 their bombers flew a joint patrol over the Pacific for the first time. "
    "The autumn manoeuvres were the largest ever seen in the region."
)
S2 = TEXT.index("In 2024")
S3 = TEXT.index("In 2021")
S4 = TEXT.index("The autumn")


def _article_events() -> list[ArticleEvent]:
    return [
        ArticleEvent(
            "EXERCISE", ("CHN", "RUS"), (), "asserted", "2024", 14, S2, S3 - 1, TEXT[S2 : S3 - 1]
        ),
        ArticleEvent(
            "EXERCISE", ("CHN", "RUS"), (), "asserted", "2021", 1, S3, S4 - 1, TEXT[S3 : S4 - 1]
        ),
    ]


Lookup = Callable[[str, Sequence[str], str | None, str | None], list[CorpusEvent]]


def _store(per_year: dict[str, int], others: dict[str, int] | None = None) -> Lookup:
    """A lookup over invented corpus events: ``per_year`` CHN+RUS drills, ``others`` IND ones."""
    events = [
        CorpusEvent(f"c{year}-{i}", "EXERCISE", ("CHN", "RUS"), (), "asserted", year)
        for year, n in per_year.items()
        for i in range(n)
    ]
    events += [
        CorpusEvent(f"i{year}-{i}", "EXERCISE", ("IND",), (), "asserted", year)
        for year, n in (others or {}).items()
        for i in range(n)
    ]

    def lookup(
        type: str, actors: Sequence[str], since: str | None, until: str | None
    ) -> list[CorpusEvent]:
        return [
            e
            for e in events
            if e.type == type
            and set(actors) <= set(e.participants)
            and (since is None or (e.date or "") >= since)
            and (until is None or (e.date or "")[: len(until)] <= until)
        ]

    return lookup


def _verdicts(lookup: Lookup) -> dict[str, str]:
    checks = check_claims(find_claims(TEXT, _article_events()), lookup)
    return {c.claim.kind: c.verdict for c in checks}


def test_claims_found_in_order_with_periods() -> None:
    claims = find_claims(TEXT, _article_events())
    assert [c.kind for c in claims] == ["count", "comparative", "first", "superlative"]
    count, comparative = claims[0], claims[1]
    assert count.text == "In 2024 China and Russia staged 14 joint drills"
    assert (count.period, count.count) == ("2024", 14)
    assert comparative.text == "nearly double the number held a decade prior"
    assert (comparative.period, comparative.base_period) == ("2024", "2014")
    assert (comparative.ratio_low, comparative.ratio_high) == pytest.approx((1.6, 2.1))


def test_claims_consistent_store() -> None:
    verdicts = _verdicts(_store({"2024": 14, "2014": 7}))
    assert verdicts["count"] == CONSISTENT
    assert verdicts["comparative"] == CONSISTENT
    assert verdicts["superlative"] == NOT_ENOUGH


def test_claims_count_far_off_is_inconsistent() -> None:
    checks = check_claims(find_claims(TEXT, _article_events()), _store({"2024": 3, "2014": 7}))
    count = next(c for c in checks if c.claim.kind == "count")
    assert count.verdict == INCONSISTENT
    assert count.store_count == 3 and len(count.supporting) == 3
    assert "±15%" in count.rule


def test_claims_missing_reference_period_is_not_enough_data() -> None:
    verdicts = _verdicts(_store({"2024": 14}))
    assert verdicts["count"] == CONSISTENT
    assert verdicts["comparative"] == NOT_ENOUGH


@pytest.mark.parametrize(
    ("stored", "verdict"), [(12, CONSISTENT), (16, CONSISTENT), (17, INCONSISTENT)]
)
def test_claims_count_tolerance(stored: int, verdict: str) -> None:
    assert _verdicts(_store({"2024": stored, "2014": 7}))["count"] == verdict


def test_claims_first_time() -> None:
    assert _verdicts(_store({"2019": 2}))["first"] == INCONSISTENT
    assert _verdicts(_store({"2024": 1}, others={"2018": 1}))["first"] == CONSISTENT
    assert _verdicts(_store({"2024": 1}))["first"] == NOT_ENOUGH


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("twice the number seen in 2019", 1.8, 2.2),
        ("more than triple the number held five years earlier", 3.0, float("inf")),
        ("about half the number held the previous year", 0.425, 0.575),
    ],
)
def test_claims_comparative_phrases(phrase: str, low: float, high: float) -> None:
    text = f"In 2024 China and Russia staged 9 joint drills, {phrase}."
    event = ArticleEvent("EXERCISE", ("CHN", "RUS"), (), "asserted", "2024", 9, 0, len(text), text)
    (_count, comparative) = find_claims(text, [event])
    assert (comparative.ratio_low, comparative.ratio_high) == pytest.approx((low, high))
    assert comparative.base_period in {"2019", "2023"}


def test_claims_comparative_without_event_is_not_enough_data() -> None:
    (claim,) = find_claims("Spending is nearly double what it was a decade ago.", [])
    (check,) = check_claims([claim], _store({}))
    assert check.verdict == NOT_ENOUGH
    assert check.to_dict()["claim"] == "nearly double what it was a decade ago"
