"""Bytes -> str: BOM, UTF-8, binary detection and fallback encodings."""

from __future__ import annotations

import codecs
import logging
from collections.abc import Sequence

from whimbrel.errors import BinaryDocument, DecodeFailure, EmptyDocument

logger = logging.getLogger(__name__)

# Control characters that do not belong in text. Tab, newline, carriage return and form feed do.
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}
_CONTROL_CODES = [c for c in range(0x20) if c not in _ALLOWED_CONTROLS] + [0x7F]
_CONTROL_BYTES = bytes(_CONTROL_CODES)
# In decoded text the C1 range (U+0080..U+009F) counts as control too.
_CONTROL_CHARS = dict.fromkeys([*_CONTROL_CODES, *range(0x80, 0xA0)])


def control_share_bytes(data: bytes) -> float:
    """Share of bytes that are NUL or control codes other than tab, newline, CR, form feed."""
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def control_share_text(text: str) -> float:
    """Share of characters that are C0/C1 control characters other than tab, newline, CR, FF."""
    if not text:
        return 0.0
    return (len(text) - len(text.translate(_CONTROL_CHARS))) / len(text)


def looks_binary(data: bytes, *, threshold: float) -> bool:
    """True if ``data`` holds NUL bytes or more control bytes than ``threshold`` allows."""
    return b"\x00" in data or control_share_bytes(data) > threshold


def decode_document(
    data: bytes,
    *,
    source: str,
    binary_threshold: float,
    fallback_encodings: Sequence[str],
) -> str:
    """Decode one whole document. Only a leading BOM is removed; the text is otherwise untouched.

    Raises EmptyDocument, BinaryDocument or DecodeFailure.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeFailure(f"{source}: UTF-16 byte order mark but invalid UTF-16") from exc
        return _checked(text.removeprefix("\ufeff"), source=source, threshold=binary_threshold)
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise EmptyDocument(f"{source}: document is empty or only whitespace")
    if b"\x00" in data:
        raise BinaryDocument(f"{source}: contains NUL bytes, looks like binary data")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, source=source, threshold=binary_threshold)
    share = control_share_bytes(data)
    if share > binary_threshold:
        raise BinaryDocument(
            f"{source}: {share:.1%} control bytes (limit {binary_threshold:.1%}), "
            "looks like binary data"
        )
    text = _decode_fallback(data, source=source, fallback_encodings=fallback_encodings)
    return _checked(text, source=source, threshold=binary_threshold)


def decode_line(data: bytes, *, source: str, fallback_encodings: Sequence[str]) -> str:
    """Decode one JSONL line: UTF-8, else the fallback encodings (with a warning)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_fallback(data, source=source, fallback_encodings=fallback_encodings)


def _decode_fallback(data: bytes, *, source: str, fallback_encodings: Sequence[str]) -> str:
    """Bytes that are not UTF-8, in the first fallback encoding that reads them (with a
    warning); DecodeFailure when none does."""
    for encoding in fallback_encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        logger.warning("%s: not valid UTF-8, decoded as %s", source, encoding)
        return text
    tried = ", ".join(["utf-8", *fallback_encodings])
    raise DecodeFailure(f"{source}: bytes decode as none of: {tried}")


def _checked(text: str, *, source: str, threshold: float) -> str:
    if not text.strip():
        raise EmptyDocument(f"{source}: document is empty or only whitespace")
    if "\x00" in text:
        raise BinaryDocument(f"{source}: contains NUL characters, looks like binary data")
    share = control_share_text(text)
    if share > threshold:
        raise BinaryDocument(
            f"{source}: {share:.1%} control characters (limit {threshold:.1%}), "
            "looks like binary data"
        )
    return text
