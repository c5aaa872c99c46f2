"""Events (with their mentions) and rejections to JSON-safe dicts and back, losslessly,
for results that travel through Parquet shards."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from whimbrel.ontology import EventType, Modality
from whimbrel.records import Event, Mention, Rejection, Span

_COMMON = ("doc_id", "trigger", "extractor", "date", "location", "name", "count", "confidence")


def _encode_common(record: Event | Mention) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(record, key) for key in _COMMON}
    out["type"] = str(record.type)
    out["modality"] = str(record.modality)
    out["actors"] = list(record.actors)
    out["target"] = list(record.target)
    out["evidence"] = [record.evidence.text, record.evidence.start, record.evidence.end]
    return out


def _decode_common(data: dict[str, Any]) -> dict[str, Any]:
    text, start, end = data["evidence"]
    fields = {key: data[key] for key in _COMMON}
    fields.update(
        type=EventType(data["type"]),
        modality=Modality(data["modality"]),
        actors=tuple(data["actors"]),
        target=tuple(data["target"]),
        evidence=Span(text, int(start), int(end)),
    )
    return fields


def encode_event(event: Event) -> dict[str, Any]:
    out = _encode_common(event)
    out["mentions"] = [
        {**_encode_common(m), "date_hint": m.date_hint, "distinct": m.distinct}
        for m in event.mentions
    ]
    return out


def decode_event(data: dict[str, Any]) -> Event:
    mentions = tuple(
        Mention(**_decode_common(m), date_hint=m["date_hint"], distinct=m["distinct"])
        for m in data["mentions"]
    )
    return Event(**_decode_common(data), mentions=mentions)


def encode_rejection(rejection: Rejection) -> dict[str, Any]:
    return asdict(rejection)  # plain strings only


def decode_rejection(data: dict[str, Any]) -> Rejection:
    return Rejection(**data)
