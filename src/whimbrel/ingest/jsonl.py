"""JSONL -> Articles: one JSON object per line; each bad line becomes its own Rejection."""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from whimbrel.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    IngestError,
    MalformedRecord,
)
from whimbrel.ingest.dates import normalise_published
from whimbrel.ingest.decoding import control_share_text, decode_line, looks_binary
from whimbrel.records import Article, Rejection

logger = logging.getLogger(__name__)

CHUNK = 1 << 16
_OPTIONAL_STRINGS = ("doc_id", "url", "title", "lang", "published")


def iter_jsonl(
    stream: BinaryIO,
    *,
    source: str,
    prefix: bytes = b"",
    max_line_bytes: int,
    binary_threshold: float,
    fallback_encodings: Sequence[str],
) -> Iterator[Article | Rejection]:
    """Read JSONL from ``stream`` (after the already-read ``prefix``), never holding more than
    one line of at most ``max_line_bytes`` in memory."""
    head = prefix + read_upto(stream, max(0, CHUNK - len(prefix)))
    if looks_binary(head, threshold=binary_threshold):
        yield rejection(source, BinaryDocument(f"{source}: looks like binary data, not JSONL"))
        return
    seen_any = False
    for lineno, raw in iter_lines(stream, prefix=head, limit=max_line_bytes):
        where = f"{source}:{lineno}"
        if raw is None:
            seen_any = True
            yield rejection(
                where,
                DocumentTooLarge(f"{where}: line is over the limit of {max_line_bytes} bytes"),
            )
            continue
        if lineno == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = decode_line(raw, source=where, fallback_encodings=fallback_encodings)
            yield parse_record(line, source=where, binary_threshold=binary_threshold)
        except IngestError as exc:
            yield rejection(where, exc)
    if not seen_any:
        yield rejection(source, EmptyDocument(f"{source}: JSONL input holds no records"))


def parse_record(line: str, *, source: str, binary_threshold: float) -> Article:
    """One JSONL line -> Article. Raises MalformedRecord saying what is wrong."""
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{source}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise MalformedRecord(f"{source}: JSON nested too deeply") from exc
    if not isinstance(obj, dict):
        raise MalformedRecord(f"{source}: expected a JSON object, got {_json_type(obj)}")
    if "text" not in obj:
        raise MalformedRecord(f"{source}: missing required field 'text'")
    text = obj["text"]
    if not isinstance(text, str):
        raise MalformedRecord(f"{source}: 'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise MalformedRecord(f"{source}: 'text' is empty")
    if "\x00" in text or control_share_text(text) > binary_threshold:
        raise MalformedRecord(f"{source}: 'text' is mostly control characters")
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedRecord(
                f"{source}: {key!r} must be a string or null, got {_json_type(value)}"
            )
        fields[key] = value.strip() if isinstance(value, str) and value.strip() else None
    return Article.from_text(
        text,
        doc_id=fields["doc_id"],
        url=fields["url"],
        title=fields["title"],
        published=normalise_published(fields["published"], source=source),
        lang=fields["lang"] or "en",
        source=source,
    )


def iter_lines(
    stream: BinaryIO, *, prefix: bytes, limit: int
) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line_number, line)`` without the newline; ``None`` for a line over ``limit``
    bytes, whose rest is skipped without being kept in memory."""
    buf = bytearray(prefix)
    lineno = 0
    scanned = 0
    too_long = False
    eof = False
    while True:
        newline = buf.find(b"\n", scanned)
        if newline >= 0:
            lineno += 1
            if too_long or newline > limit:
                yield lineno, None
            else:
                yield lineno, bytes(buf[:newline])
            del buf[: newline + 1]
            scanned = 0
            too_long = False
            continue
        if len(buf) > limit:
            too_long = True
            buf.clear()
        scanned = len(buf)
        if eof:
            if buf or too_long:
                lineno += 1
                yield lineno, None if too_long else bytes(buf)
            return
        chunk = stream.read(CHUNK)
        if chunk:
            buf += chunk
        else:
            eof = True


def read_upto(stream: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes, or fewer at end of stream, even from streams that return short reads."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, CHUNK * 16))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def rejection(source: str, exc: IngestError) -> Rejection:
    return Rejection(source=source, stage="ingest", code=exc.code, reason=str(exc))


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
