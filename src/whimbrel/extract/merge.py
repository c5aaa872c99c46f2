"""Document-level merging: repeated mentions of one event become one Event."""

from __future__ import annotations

from collections.abc import Sequence

from whimbrel.ontology import Modality
from whimbrel.records import Event, Mention


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _names_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def _targets_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal, or one mention leaves the target unsaid ("Japan scrambled jets" and "Japan
    scrambled jets to intercept Chinese bombers")."""
    return a == b or not a or not b


def _modalities_compatible(a: Modality, b: Modality) -> bool:
    """Same modality, or an event reported as under way and also in the future tense ("began
    on Monday ... will last five days"): one event, which has happened."""
    return a == b or {a, b} == {Modality.ASSERTED, Modality.PLANNED}


def _same_named_event(group: Sequence[Mention], mention: Mention) -> bool:
    """Mentions of one named exercise or operation ("Ocean-2024") are one event, whoever
    each sentence names as taking part; its participants are all of them."""
    if mention.name is None:
        return False
    name = mention.name.lower()
    return (
        group[0].type == mention.type
        and any(m.name is not None and m.name.lower() == name for m in group)
        and all(
            _dates_compatible(m.date, mention.date)
            and _modalities_compatible(m.modality, mention.modality)
            and _names_compatible(m.name, mention.name)
            for m in group
        )
    )


def _same_trigger(a: Mention, b: Mention) -> bool:
    """Mentions merge across modalities, or with a target left unsaid, only when they name
    the event alike ("the exercise began ... the exercise will last", "Japan scrambles
    jets ... Japan scrambled jets to intercept"), not a drill and a later patrol."""
    return _stem(a.trigger) == _stem(b.trigger)


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _informativeness(m: Mention) -> tuple[int, int]:
    filled = sum(x is not None for x in (m.date, m.location, m.name)) + (m.count > 1)
    return filled, -m.evidence.start


def merge_mentions(mentions: Sequence[Mention]) -> list[Event]:
    """Group mentions with the same type, actors, target and modality whose date and name
    are compatible; each group becomes one Event citing its most informative mention."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if mention.distinct and groups:
            groups.append([mention])  # told as another event: never a repeat
            continue
        for group in groups:
            if _same_named_event(group, mention):
                group.append(mention)
                break
            # a named event's group holds mentions with different participants: compare
            # with one that names the same ones, or with the group when the mention names
            # only its participants ("the exercises" after "Egypt joined Greece's Medusa")
            first = next(
                (m for m in group if (m.type, m.actors) == (mention.type, mention.actors)), None
            )
            if (
                first is None
                and group[0].type == mention.type
                and any(m.name for m in group)
                and set(mention.actors) <= {a for m in group for a in m.actors}
            ):
                first = group[0]
            if (
                first is None
                or not _targets_compatible(first.target, mention.target)
                or not _modalities_compatible(first.modality, mention.modality)
            ):
                continue
            if all(
                _dates_compatible(m.date, mention.date)
                and _names_compatible(m.name, mention.name)
                and _names_compatible(m.date_hint, mention.date_hint)
                and (m.modality == mention.modality or _same_trigger(m, mention))
                and (m.target == mention.target or _same_trigger(m, mention))
                for m in group
            ):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return [_to_event(group) for group in groups]


def _to_event(group: Sequence[Mention]) -> Event:
    modality = (
        Modality.ASSERTED
        if any(m.modality is Modality.ASSERTED for m in group)
        else group[0].modality
    )
    best = max((m for m in group if m.modality is modality), key=_informativeness)
    actors = tuple(sorted({a for m in group for a in m.actors}))
    target = tuple(sorted({t for m in group for t in m.target} - set(actors)))
    dates = [m.date for m in group if m.date]
    return Event(
        doc_id=best.doc_id,
        type=best.type,
        actors=actors,
        target=target,
        modality=modality,
        evidence=best.evidence,
        trigger=best.trigger,
        extractor=best.extractor,
        date=max(dates, key=len) if dates else None,
        location=best.location or next((m.location for m in group if m.location), None),
        name=best.name or next((m.name for m in group if m.name), None),
        count=max(m.count for m in group),
        confidence=max(m.confidence for m in group),
        mentions=tuple(group),
    )
