"""ingest: paths, bytes or stdin in -> Article or Rejection records out.

Formats are plain text (one Article per file, text kept exactly as decoded), HTML (main text
by trafilatura, plain tag stripping as a fallback) and JSONL (one Article per line). A folder
is walked recursively in sorted order. Bad input never raises: each unreadable document, or
each bad JSONL line, becomes a :class:`~whimbrel.records.Rejection` with the error code.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from whimbrel.config import Config
from whimbrel.errors import DocumentTooLarge, IngestError
from whimbrel.ingest.decoding import decode_document
from whimbrel.ingest.html_doc import html_to_article
from whimbrel.ingest.jsonl import CHUNK, iter_jsonl, read_upto, rejection
from whimbrel.records import Article, Rejection

__all__ = ["FORMATS", "decode_bytes", "guess_format", "iter_documents", "read_bytes"]

logger = logging.getLogger(__name__)

FORMATS = ("text", "html", "jsonl")
STDIN_SOURCE = "<stdin>"
_SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|p|div|article|span|a|br|h[1-6])\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Settings:
    max_bytes: int
    extensions: frozenset[str]
    binary_threshold: float
    fallback_encodings: tuple[str, ...]

    @classmethod
    def from_config(cls, config: Config | None) -> _Settings:
        config = config or Config.load()
        return cls(
            max_bytes=int(config.get("ingest.max_bytes")),
            extensions=frozenset(str(e).lower() for e in config.get("ingest.extensions")),
            binary_threshold=float(config.get("ingest.binary_threshold")),
            fallback_encodings=tuple(str(e) for e in config.get("ingest.fallback_encodings")),
        )


def iter_documents(
    paths: Sequence[str | Path],
    *,
    input_format: str | None = None,
    config: Config | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Rejection]:
    """Yield one Article or Rejection per document found in ``paths``; ``-`` reads stdin.

    Folders are walked recursively in sorted order, keeping files whose extension is listed in
    ``ingest.extensions``. ``input_format`` (text, html, jsonl) overrides the guess made from
    each file's extension (or, for stdin, from its first bytes).
    """
    _check_format(input_format)
    settings = _Settings.from_config(config)
    if isinstance(paths, str | Path):
        paths = [paths]
    for item in paths:
        if str(item) == "-":
            yield from _read_stream(stdin or sys.stdin.buffer, input_format, settings)
            continue
        path = Path(item)
        if path.is_dir():
            files = _walk(path, settings.extensions)
            if not files:
                logger.warning("%s: no files with extensions %s", path, sorted(settings.extensions))
            for file in files:
                yield from _read_file(file, input_format, settings)
        else:
            yield from _read_file(path, input_format, settings)


def read_bytes(
    data: bytes,
    *,
    source: str,
    input_format: str | None = None,
    config: Config | None = None,
) -> Iterator[Article | Rejection]:
    """Yield the Articles (or Rejections) held in ``data``, as if read from a file ``source``.

    With no ``input_format`` the format is guessed from the extension of ``source`` if it has a
    known one, else sniffed from the bytes.
    """
    _check_format(input_format)
    settings = _Settings.from_config(config)
    fmt = input_format or _SUFFIX_FORMATS.get(Path(source).suffix.lower()) or sniff_format(data)
    if fmt == "jsonl":
        yield from _jsonl(BytesIO(data), source, settings)
        return
    if len(data) > settings.max_bytes:
        yield rejection(source, _too_large(source, len(data), settings.max_bytes))
        return
    yield _document(data, source, fmt, settings)


def decode_bytes(data: bytes, *, source: str, config: Config | None = None) -> str:
    """Decode one document's bytes; only a leading byte order mark is removed.

    UTF-8 is used when valid; otherwise, unless the bytes look binary, each of
    ``ingest.fallback_encodings`` is tried in turn (a warning is logged).
    Raises EmptyDocument, BinaryDocument or DecodeFailure.
    """
    settings = _Settings.from_config(config)
    return decode_document(
        data,
        source=source,
        binary_threshold=settings.binary_threshold,
        fallback_encodings=settings.fallback_encodings,
    )


def guess_format(path: str | Path) -> str:
    """The input format a file extension implies: jsonl, html, or text for anything else."""
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower(), "text")


def sniff_format(head: bytes) -> str:
    """Guess the format of unnamed input from its first bytes."""
    start = head[:CHUNK].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n\f")
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("<") and _HTML_TAG.search(start):
        return "html"
    return "text"


def _check_format(input_format: str | None) -> None:
    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(FORMATS)}, not {input_format!r}")


def _walk(folder: Path, extensions: frozenset[str]) -> list[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found.extend(Path(root, name) for name in names if Path(name).suffix.lower() in extensions)
    return sorted(found)


def _read_file(
    path: Path, input_format: str | None, settings: _Settings
) -> Iterator[Article | Rejection]:
    source = str(path)
    fmt = input_format or guess_format(path)
    try:
        size = path.stat().st_size
        if fmt == "jsonl":
            with path.open("rb") as stream:
                yield from _jsonl(stream, source, settings)
            return
        if size > settings.max_bytes:
            raise _too_large(source, size, settings.max_bytes)
        with path.open("rb") as stream:
            data = read_upto(stream, settings.max_bytes + 1)
    except FileNotFoundError:
        yield rejection(source, IngestError(f"{source}: no such file or directory"))
        return
    except IngestError as exc:
        yield rejection(source, exc)
        return
    except OSError as exc:
        yield rejection(source, IngestError(f"{source}: cannot read: {exc.strerror or exc}"))
        return
    if len(data) > settings.max_bytes:  # the file grew after stat
        yield rejection(source, _too_large(source, len(data), settings.max_bytes))
        return
    yield _document(data, source, fmt, settings)


def _read_stream(
    stream: BinaryIO, input_format: str | None, settings: _Settings
) -> Iterator[Article | Rejection]:
    head = b""
    fmt = input_format
    if fmt is None:
        head = read_upto(stream, min(CHUNK, settings.max_bytes + 1))
        fmt = sniff_format(head)
    if fmt == "jsonl":
        yield from _jsonl(stream, STDIN_SOURCE, settings, prefix=head)
        return
    data = head + read_upto(stream, settings.max_bytes + 1 - len(head))
    if len(data) > settings.max_bytes:
        yield rejection(
            STDIN_SOURCE,
            DocumentTooLarge(f"{STDIN_SOURCE}: over the limit of {settings.max_bytes} bytes"),
        )
        return
    yield _document(data, STDIN_SOURCE, fmt, settings)


def _jsonl(
    stream: BinaryIO, source: str, settings: _Settings, *, prefix: bytes = b""
) -> Iterator[Article | Rejection]:
    return iter_jsonl(
        stream,
        source=source,
        prefix=prefix,
        max_line_bytes=settings.max_bytes,
        binary_threshold=settings.binary_threshold,
        fallback_encodings=settings.fallback_encodings,
    )


def _document(data: bytes, source: str, fmt: str, settings: _Settings) -> Article | Rejection:
    try:
        text = decode_document(
            data,
            source=source,
            binary_threshold=settings.binary_threshold,
            fallback_encodings=settings.fallback_encodings,
        )
        if fmt == "html":
            return html_to_article(text, source=source)
        return Article.from_text(text, source=source)
    except IngestError as exc:
        return rejection(source, exc)


def _too_large(source: str, size: int, limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(f"{source}: {size} bytes is over the limit of {limit} bytes")
