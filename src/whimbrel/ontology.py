"""Event types, modalities and the PLOVER/CAMEO crosswalk (data, not code paths)."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    EXERCISE = "EXERCISE"
    MILITARY_AID = "MILITARY_AID"
    AGREEMENT = "AGREEMENT"
    MEETING = "MEETING"
    DEPLOYMENT = "DEPLOYMENT"
    THREAT = "THREAT"
    ATTACK = "ATTACK"
    SANCTION = "SANCTION"


class Modality(StrEnum):
    ASSERTED = "asserted"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


class DatePrecision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


ALLIANCES: frozenset[str] = frozenset({"NATO", "EU", "CSTO", "SCO", "ASEAN", "AUKUS", "QUAD"})

# (PLOVER event, CAMEO code). EXERCISE depends on whether it is joint (several actors).
_CROSSWALK: dict[EventType, tuple[str, str]] = {
    EventType.MILITARY_AID: ("AID", "072"),
    EventType.AGREEMENT: ("AGREE", "057"),
    EventType.MEETING: ("CONSULT", "040"),
    EventType.DEPLOYMENT: ("MOBILIZE", "152"),
    EventType.THREAT: ("THREATEN", "138"),
    EventType.ATTACK: ("ASSAULT", "190"),
    EventType.SANCTION: ("SANCTION", "163"),
}
_JOINT_EXERCISE = ("COOPERATE", "062")
_UNILATERAL_EXERCISE = ("MOBILIZE", "150")


def crosswalk(event_type: EventType, n_actors: int) -> tuple[str, str]:
    """Return (PLOVER event, CAMEO code) for an event type and its number of actors."""
    if event_type is EventType.EXERCISE:
        return _JOINT_EXERCISE if n_actors > 1 else _UNILATERAL_EXERCISE
    return _CROSSWALK[event_type]


# Calendar words, for the date resolver, the sentence splitter, the exercise-name finder
# and case restoration.
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip

# Number words read in counts ("six such drills") and periods ("two decades earlier").
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
}
