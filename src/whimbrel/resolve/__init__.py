"""resolve: actor, place and time expressions in text -> ISO3 codes, places, ISO dates."""

from __future__ import annotations

from whimbrel.resolve.actors import ActorResolver, ActorSpan, default_resolver
from whimbrel.resolve.dates import DateSpan, find_dates
from whimbrel.resolve.places import PlaceSpan, find_places, lookup_place

__all__ = [
    "ActorResolver",
    "ActorSpan",
    "DateSpan",
    "PlaceSpan",
    "default_resolver",
    "find_dates",
    "find_places",
    "lookup_place",
]
