"""Time expressions to ISO partial dates."""

from __future__ import annotations

import pytest

from whimbrel.resolve.dates import find_dates, parse_published

# 2024-07-17 is a Wednesday.
PUBLISHED = "2024-07-17"


def _values(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2024 alone they held nine drills.", [("2024", "2024")]),
        ("the drills of 2019 were larger", [("2019", "2019")]),
        ("It happened in March 2023.", [("March 2023", "2023-03")]),
        ("on 14 March 2024 the ships left", [("14 March 2024", "2024-03-14")]),
        ("on March 14, 2024 the ships left", [("March 14, 2024", "2024-03-14")]),
        ("on 2nd of May 2021", [("2nd of May 2021", "2021-05-02")]),
        ("Sept. 5, 2022", [("Sept. 5, 2022", "2022-09-05")]),
        ("dated 2024-07-14 in the log", [("2024-07-14", "2024-07-14")]),
        ("in early 2024", [("early 2024", "2024")]),
        ("by mid-2025", [("mid-2025", "2025")]),
        ("at the end of 2023", [("the end of 2023", "2023")]),
        ("over 2022-2023", [("2022-2023", "2022")]),
        ("the 2022–23 season", [("2022–23", "2022")]),
        ("Russia's 2022 invasion", [("2022", "2022")]),
    ],
)
def test_find_dates_absolute(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text) == expected
    assert _values(text, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They held drills on Sunday.", [("Sunday", "2024-07-14")]),
        ("The ships met last Sunday.", [("last Sunday", "2024-07-14")]),
        ("Talks opened on Wednesday.", [("Wednesday", "2024-07-17")]),
        ("Talks opened last Wednesday.", [("last Wednesday", "2024-07-10")]),
        ("Talks resume next Monday.", [("next Monday", "2024-07-22")]),
        ("The strike came yesterday.", [("yesterday", "2024-07-16")]),
        ("Officials said today that", [("today", "2024-07-17")]),
        ("They signed it last month.", [("last month", "2024-06")]),
        ("This month the fleet sailed.", [("This month", "2024-07")]),
        ("Drills follow next month.", [("next month", "2024-08")]),
        ("Drills will be held in March next year.", [("March next year", "2025-03")]),
        ("They met in May last year.", [("May last year", "2023-05")]),
        ("Sanctions came last year.", [("last year", "2023")]),
        ("earlier this year a deal", [("earlier this year", "2024")]),
        ("next year they will return", [("next year", "2025")]),
        ("The drill ran in March.", [("March", "2024-03")]),
        ("by mid-March the ships", [("mid-March", "2024-03")]),
        ("The visit on March 14 ended.", [("March 14", "2024-03-14")]),
        ("The visit on 14 March ended.", [("14 March", "2024-03-14")]),
        ("last March and next March", [("last March", "2024-03"), ("next March", "2025-03")]),
        ("Sunday, March 3 was calm", [("March 3", "2024-03-03")]),
    ],
)
def test_find_dates_relative(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They held drills on Sunday.",
        "The strike came yesterday.",
        "They signed it last month.",
        "Sanctions came last year.",
        "The drill ran in March.",
        "The visit on March 14 ended.",
    ],
)
def test_find_dates_relative_without_published_is_empty(text: str) -> None:
    assert find_dates(text, published=None) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Joint Sea-2024 exercise began.",
        "Russia staged Vostok 2022 in the east.",
        "Navies joined RIMPAC 2024 off Hawaii.",
        "Some 2000 troops took part.",
        "Contact came at 1900 hours.",
        "Launch at 2100 GMT.",
        "Arms sales of the 1990s.",
        "Spending rose 2024%.",
        "Costs reached $2024 per unit.",
        "He met Theresa May in London.",
        "Good Friday services were held.",
        "A year like 1850 is implausible.",
        "They met recently.",
        "The army will march in May's heat.",
    ],
)
def test_find_dates_must_not_match(text: str) -> None:
    assert find_dates(text, published=PUBLISHED) == []


def test_find_dates_sorted_with_precision_and_offsets() -> None:
    text = "On Sunday, after drills in March 2023 and in 2024, they met yesterday."
    found = find_dates(text, published=PUBLISHED)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert [d.precision for d in found] == ["day", "month", "year", "day"]
    assert all(text[d.start : d.end] == d.text for d in found)
    assert [d.relative for d in found] == [True, False, False, True]


def test_find_dates_published_with_time_and_partial() -> None:
    assert _values("on Sunday", "2024-07-17T09:30:00Z") == [("Sunday", "2024-07-14")]
    assert _values("last year and on Sunday", "2024") == [("last year", "2023")]
    assert _values("in March", "2024-02") == [("March", "2024-03")]


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("2024-07-14", True),
        ("2024", True),
        ("2024-02", True),
        ("2024-02-30", False),
        ("soon", False),
        (None, False),
    ],
)
def test_parse_published_accepts_iso_partials(raw: str | None, ok: bool) -> None:
    assert (parse_published(raw) is not None) is ok


def test_find_dates_in_caseless_text() -> None:
    text = "according to reports on september 10, the warships met again on sunday near the coast"
    assert _values(text, "2024-09-18") == [("september 10", "2024-09-10"), ("sunday", "2024-09-15")]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Last week, the coast guard fired.", "2024-04-02", "2024-03"),  # Mar 25-31
        ("Earlier this week, the guards struck.", "2024-01-18", "2024-01"),
        ("They met over the weekend in Osaka.", "2019-07-04", "2019-06"),  # Jun 29-30
        ("They met last week.", "2024-03-05", "2024"),  # Feb 26 - Mar 3: two months
        ("They met last week.", "2024-01-03", "2023-12"),  # Dec 25-31
        ("They met last week.", "2025-01-08", None),  # Dec 30 - Jan 5: two years
    ],
)
def test_find_dates_weeks_resolve_to_the_month_they_fall_in(
    text: str, published: str, value: str | None
) -> None:
    found = find_dates(text, published=published)
    assert [d.value for d in found] == ([value] if value else [])
