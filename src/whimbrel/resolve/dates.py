"""Time expressions to ISO partial dates ("2024", "2024-03", "2024-03-14").

Absolute expressions ("14 March 2024", "March 2023", "in 2024", "2024-07-14") resolve on
their own. Everything that needs the publication date - weekdays ("on Sunday"), "yesterday",
"last month", "this year", and day or month names without a year ("March 14", "in March") -
resolves against ``published`` and to nothing when it is None: the run day is never used.

Conventions:

* a bare or "on" weekday means the latest such day on or before ``published`` (news
  reports the past); "last Sunday" is strictly before, "next Sunday" strictly after;
* a month or day without a year takes the published year, whatever the tense;
  "last March" is the latest March before the published month, "next March" the next one;
* a year range "2022-2023" or "2022-23" resolves to its first year;
* "early/mid/late 2024" resolves to the year, "early March" to the month;
* a year is not a date when it is part of a name: glued by a hyphen to a word
  ("Joint Sea-2024") or right after a capitalised word that is not a month, season or
  preposition ("Vostok 2022", "RIMPAC 2024"); nor when it reads as a clock time ("at 1900",
  "2100 GMT") or a count ("2000 troops");
* "last week", "earlier this week", "over the weekend" give the month (else the year) the
  whole span falls in; "recently" and the like are too vague and are skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from whimbrel.ontology import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

logger = logging.getLogger(__name__)

MIN_YEAR = 1900
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A time expression: ``text[start:end]``, its ISO partial value and precision."""

    start: int
    end: int
    text: str
    value: str
    precision: str  # "year" | "month" | "day"
    relative: bool = False


_MONTHS = MONTHS
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS, start=1)}
_ABBREVIATIONS = MONTH_ABBREVIATIONS
_WEEKDAYS = WEEKDAYS

_FULL = "|".join(_MONTHS)
_ANY_MONTH = rf"(?:{_FULL}|(?:{'|'.join(sorted(_ABBREVIATIONS, key=len, reverse=True))})\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_QUAL_BODY = r"[Ee]arly|[Ll]ate|[Mm]id|[Tt]he\s+(?:end|start|beginning|middle)\s+of"
_QUAL = rf"(?P<qual>{_QUAL_BODY})"
_B = r"(?<![\w$#£€])"  # start boundary
_E = r"(?!\w|[.,]\d)"  # end boundary

_ISO = re.compile(rf"{_B}(?<!-)(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])")
_DMY = re.compile(rf"{_B}(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_ANY_MONTH}),?\s+(?P<y>{_YEAR}){_E}")
_MDY = re.compile(
    rf"{_B}(?P<mon>{_ANY_MONTH})\s+(?P<d>{_DAY})(?:\s*[-–]\s*{_DAY})?,?\s+(?P<y>{_YEAR}){_E}"
)
_DM = re.compile(rf"{_B}(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_ANY_MONTH})(?!\w)")
_MD = re.compile(rf"{_B}(?P<mon>{_ANY_MONTH})\s+(?P<d>{_DAY})(?!\w|[.,:]?\d)")
_MY = re.compile(rf"{_B}(?:{_QUAL}[\s-]+)?(?P<mon>{_ANY_MONTH})(?:\s+of)?,?\s+(?P<y>{_YEAR}){_E}")
_MONTH_ALONE = re.compile(
    rf"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter|[Bb]y)\s+"
    rf"(?:{_QUAL}[\s-]+)?(?P<mon>{_FULL})"
    rf"|(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<mon2>{_FULL})"
    rf"|(?P<qual3>{_QUAL_BODY})[\s-]+(?P<mon3>{_FULL}))(?!\w|['’]s\b)"
)
_YEAR_AFTER_MONTH = re.compile(r"\s+(?P<r>next|last|this)\s+year\b", re.IGNORECASE)
_RANGE = re.compile(
    rf"{_B}(?<![\w.,][-–/])(?P<y>{_YEAR})\s*[-–/]\s*(?P<y2>{_YEAR}|\d\d)(?!\w|[.,]\d|%)"
)
_YEAR_ONLY = re.compile(rf"{_B}(?<![.,:/])(?<![\w][-–])(?:{_QUAL}[\s-]+)?(?P<y>{_YEAR}){_E}(?!%)")
_WEEKDAY = re.compile(
    rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Tt]his\s+past|[Tt]his\s+coming)\s+)?"
    rf"(?<!\w)(?P<wd>{'|'.join(_WEEKDAYS)})(?!\w)(?!,?\s+(?:{_ANY_MONTH}|\d))"
)
# "last week", "earlier this week", "over the weekend": resolved to the month (or the year)
# that the whole span falls in, never to a made-up day.
_WEEK = re.compile(
    r"(?<!\w)(?P<rel>[Ll]ast|[Tt]his|[Ee]arlier\s+this|[Ll]ate\s+last|[Ee]arlier\s+last"
    r"|[Oo]ver\s+the|[Aa]t\s+the|[Tt]his\s+past)\s+(?P<unit>week|weekend)(?!\w)"
)
_DAY_WORDS = re.compile(r"(?<!\w)(?P<w>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)(?!\w)")
_PERIOD = re.compile(
    r"(?<!\w)(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this|[Ee]arly\s+this"
    r"|[Ee]arly\s+last|[Ll]ate\s+last|[Ee]arlier\s+last|[Ee]arly\s+next|[Ll]ater\s+next"
    r"|[Ll]ate\s+this|[Ee]nd\s+of\s+last|[Ee]nd\s+of\s+this)\s+(?P<unit>month|year)(?!\w)"
)

# A capitalised word right before a year that does NOT make the year part of a name.
_YEAR_FRIENDS_TEXT = """
in since by until till from through throughout during before after of for early late mid
spring summer autumn fall winter end start beginning middle fiscal year years and or to
between around circa about the a this that last next as over within amid into while when
because but so yet also then than on at per unlike like ad bc
"""
_YEAR_FRIENDS: frozenset[str] = (
    frozenset(_YEAR_FRIENDS_TEXT.split())
    | {m.lower() for m in _MONTHS}
    | {a.lower() for a in _ABBREVIATIONS}
)

# A word right after a number that makes it a count or a clock time, not a year.
_COUNT_WORDS_TEXT = """
troops soldiers people men women personnel servicemen sailors marines fighters km kilometres
kilometers miles nautical tons tonnes metres meters feet ft units vehicles tanks missiles drones
rounds shells ships vessels aircraft jets dollars euros rubles roubles yuan hours hrs gmt utc bst
local zulu h mph kph rpm times
"""
_COUNT_WORDS: frozenset[str] = frozenset(_COUNT_WORDS_TEXT.split())
_PREV_WORD = re.compile(r"([\w'’.&-]+)\s+$")
_NEXT_WORD = re.compile(r"^\s+([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class _Published:
    year: int
    month: int | None
    day: int | None

    @property
    def date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def parse_published(published: str | None) -> _Published | None:
    """Read "YYYY", "YYYY-MM" or a string starting "YYYY-MM-DD"; None if unreadable."""
    if not published:
        return None
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published)
    if match is None:
        logger.debug("unreadable published date %r", published)
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        if month is not None:
            dt.date(year, month, day or 1)
    except ValueError:
        logger.debug("invalid published date %r", published)
        return None
    return _Published(year, month, day)


def _month_of(name: str) -> int:
    name = name.rstrip(".")
    return _MONTH_NUMBER.get(name) or _ABBREVIATIONS[name]


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_number(raw: str) -> int:
    return int(re.match(r"\d+", raw).group())  # type: ignore[union-attr]


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _qual_start(match: re.Match[str], group: str) -> int:
    """Spans start at the qualifier ("early 2024") or the value, never at a preposition."""
    if match.group("qual") is not None:
        return match.start("qual")
    return match.start(group)


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[DateSpan] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s.start or start >= s.end for s in self.spans)

    def add(self, start: int, end: int, value: str | None, *, relative: bool = False) -> None:
        if value is None or not self.free(start, end):
            return
        precision = {4: "year", 7: "month", 10: "day"}[len(value)]
        self.spans.append(DateSpan(start, end, self.text[start:end], value, precision, relative))


def _word_before(text: str, start: int) -> str | None:
    """The word right before ``start`` (one run of spaces apart), or None."""
    prev = _PREV_WORD.search(text[max(0, start - 40) : start])
    return None if prev is None else prev.group(1)


def _is_name_word(word: str | None) -> bool:
    """A capitalised word that is no preposition, month or season, and not a possessive."""
    if not word or word.endswith(("'s", "’s", "'", "’")):
        return False
    word = word.strip(".")
    return bool(word) and word[0].isupper() and word.lower() not in _YEAR_FRIENDS


def _year_is_name_or_count(text: str, start: int, end: int) -> bool:
    word = _word_before(text, start)
    if _is_name_word(word):
        return True  # "Vostok 2022", "RIMPAC 2024"
    if word is not None and word.lower() == "at":
        return True  # "at 1900" (hours)
    nxt = _NEXT_WORD.match(text[end : end + 40])
    return nxt is not None and nxt.group(1).lower() in _COUNT_WORDS


def _weekday_value(pub: dt.date, weekday: int, rel: str | None) -> str:
    rel = (rel or "").lower().split()[-1] if rel else ""
    if rel in {"next", "coming"}:
        ahead = (weekday - pub.weekday()) % 7 or 7
        return (pub + dt.timedelta(days=ahead)).isoformat()
    back = (pub.weekday() - weekday) % 7
    if rel in {"last", "past"} and back == 0:
        back = 7
    return (pub - dt.timedelta(days=back)).isoformat()


def _week_value(pub: dt.date, rel: str, unit: str) -> str | None:
    """The month (else the year) holding the whole week or weekend meant, if it is one."""
    monday = pub - dt.timedelta(days=pub.weekday())
    if unit == "weekend":
        # the latest weekend on or before publication ("over the weekend")
        saturday = monday + dt.timedelta(days=5)
        if saturday > pub:
            saturday -= dt.timedelta(days=7)
        first, last = saturday, min(saturday + dt.timedelta(days=1), pub)
    elif "last" in rel.split():
        first, last = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    else:  # this week, earlier this week: Monday up to publication
        first, last = monday, pub
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


def _shift_month(year: int, month: int, delta: int) -> str:
    index = year * 12 + (month - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


_NAMES_ANY_CASE = re.compile(
    rf"(?<!\w)(?:{'|'.join(_MONTHS + _WEEKDAYS)}|{'|'.join(_ABBREVIATIONS)})(?!\w)", re.IGNORECASE
)


def _is_caseless(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 20 and sum(c.isupper() for c in text) <= letters * 0.005


def find_dates(text: str, *, published: str | None) -> list[DateSpan]:
    """Time expressions in ``text`` resolved to ISO partial dates, sorted by start.

    A text written without capitals has its month and weekday names read as capitalised.
    """
    if _is_caseless(text):
        titled = _NAMES_ANY_CASE.sub(lambda m: m.group().title(), text)
        return [
            DateSpan(d.start, d.end, text[d.start : d.end], d.value, d.precision, d.relative)
            for d in _find_dates(titled, published=published)
        ]
    return _find_dates(text, published=published)


def _find_dates(text: str, *, published: str | None) -> list[DateSpan]:
    pub = parse_published(published)
    out = _Collector(text)

    for m in _ISO.finditer(text):
        out.add(m.start(), m.end(), _iso_day(int(m["y"]), int(m["m"]), int(m["d"])))
    for pattern in (_DMY, _MDY):
        for m in pattern.finditer(text):
            out.add(
                m.start(), m.end(), _iso_day(int(m["y"]), _month_of(m["mon"]), _day_number(m["d"]))
            )
    for m in _MY.finditer(text):
        out.add(_qual_start(m, "mon"), m.end(), f"{int(m['y']):04d}-{_month_of(m['mon']):02d}")
    for m in _RANGE.finditer(text):
        first = int(m["y"])
        second_raw = m["y2"]
        second = int(second_raw) if len(second_raw) == 4 else first // 100 * 100 + int(second_raw)
        if second > first and not _year_is_name_or_count(text, m.start(), m.end()):
            out.add(m.start(), m.end(), f"{first:04d}")
    for m in _YEAR_ONLY.finditer(text):
        if _plausible(int(m["y"])) and not _year_is_name_or_count(text, m.start("y"), m.end()):
            out.add(_qual_start(m, "y"), m.end(), m["y"])

    if pub is None:
        return sorted(out.spans, key=lambda s: s.start)

    # Relative expressions: everything below needs the publication date.
    for pattern in (_DM, _MD):
        for m in pattern.finditer(text):
            value = _iso_day(pub.year, _month_of(m["mon"]), _day_number(m["d"]))
            out.add(m.start(), m.end(), value, relative=True)
    for m in _MONTH_ALONE.finditer(text):
        if m["mon"] is not None:
            start = _qual_start(m, "mon")
            # "in March next year", "in May last year"
            year_word = _YEAR_AFTER_MONTH.match(text, m.end())
            delta = {"next": 1, "last": -1, "this": 0}[year_word["r"].lower()] if year_word else 0
            end = year_word.end() if year_word else m.end()
            value = f"{pub.year + delta:04d}-{_month_of(m['mon']):02d}"
            out.add(start, end, value, relative=True)
        elif m["mon3"] is not None:
            value = f"{pub.year:04d}-{_month_of(m['mon3']):02d}"
            out.add(m.start("qual3"), m.end(), value, relative=True)
        else:
            month = _month_of(m["mon2"])
            rel = m["rel"].lower()
            year = pub.year
            if rel == "last" and pub.month is not None and month >= pub.month:
                year -= 1
            elif rel == "next" and pub.month is not None and month <= pub.month:
                year += 1
            out.add(m.start(), m.end(), f"{year:04d}-{month:02d}", relative=True)
    for m in _PERIOD.finditer(text):
        rel = m["rel"].lower().split()[-1]
        delta = {"last": -1, "this": 0, "next": 1}[rel]
        if m["unit"] == "year":
            out.add(m.start(), m.end(), f"{pub.year + delta:04d}", relative=True)
        elif pub.month is not None:
            out.add(m.start(), m.end(), _shift_month(pub.year, pub.month, delta), relative=True)
    pub_date = pub.date
    if pub_date is not None:
        for m in _DAY_WORDS.finditer(text):
            offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["w"].lower()]
            out.add(
                m.start(),
                m.end(),
                (pub_date + dt.timedelta(days=offset)).isoformat(),
                relative=True,
            )
        for m in _WEEK.finditer(text):
            value = _week_value(pub_date, m["rel"].lower(), m["unit"])
            if value is not None:
                out.add(m.start(), m.end(), value, relative=True)
        for m in _WEEKDAY.finditer(text):
            if m["rel"] is None and _is_name_word(_word_before(text, m.start())):
                continue  # "Good Friday", "Bloody Sunday", "Super Tuesday"
            value = _weekday_value(pub_date, _WEEKDAYS.index(m["wd"]), m["rel"])
            out.add(m.start(), m.end(), value, relative=True)
    return sorted(out.spans, key=lambda s: s.start)
