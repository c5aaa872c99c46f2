"""Character-level repairs: unicode, mojibake, HTML remnants, spacing, glued dashes, typos.

Each function takes the text and returns sorted edits ``(start, end, replacement)``; none
of them changes clean, well-formed English text.
"""

from __future__ import annotations

import html
import re

from whimbrel.repair.offsets import Edit
from whimbrel.trie import trie_pattern

# --- unicode -----------------------------------------------------------------------------

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Zero-width characters and soft hyphens split words invisibly ("Rus\u00adsia").
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
# "China´s": an acute accent or backtick typed for an apostrophe, between letters.
_ODD_APOSTROPHE = re.compile(r"[´`](?=[a-z])")


def _cp1252_table() -> dict[str, int]:
    """Character -> byte for the cp1252 decoding (undefined bytes decode as latin-1)."""
    table: dict[str, int] = {}
    for byte in range(256):
        try:
            char = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            char = chr(byte)
        table[char] = byte
    return table


_CP1252 = _cp1252_table()
_CONT = "".join(re.escape(c) for c, b in sorted(_CP1252.items()) if 0x80 <= b <= 0xBF)
# UTF-8 read as cp1252: a lead byte (Â..ô) followed by the right number of continuations.
_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}"
)


def _unmojibake(chunk: str) -> str | None:
    try:
        fixed = bytes(_CP1252[c] for c in chunk).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    if len(fixed) != 1 or (not fixed.isprintable() and fixed != "\u00a0"):
        return None
    return " " if fixed == "\u00a0" else fixed


def fix_unicode(text: str) -> list[Edit]:
    """Lone surrogates, invisible characters, odd apostrophes and UTF-8 read as cp1252."""
    edits: list[Edit] = [(m.start(), m.end(), "\ufffd") for m in _SURROGATE.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    edits += [
        (m.start(), m.end(), "’")
        for m in _ODD_APOSTROPHE.finditer(text)
        if m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()
    ]
    for m in _MOJIBAKE.finditer(text):
        fixed = _unmojibake(m.group(0))
        if fixed is not None:
            edits.append((m.start(), m.end(), fixed))
    return sorted(edits)


# --- HTML remnants -----------------------------------------------------------------------

_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|br|dd|div|dl|dt|figcaption|figure|footer|form|"
    "h[1-6]|head|header|hr|html|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|"
    "title|tr|ul"
)
_INLINE_TAGS = (
    "a|abbr|b|big|cite|code|del|em|font|i|img|ins|label|link|mark|meta|q|s|small|span|strong|"
    "sub|sup|time|u|wbr"
)
_TAG = re.compile(
    rf"<(/?)(?:({_BLOCK_TAGS})|{_INLINE_TAGS})\b(?:\s[^<>]{{0,2000}})?/?>", re.IGNORECASE
)
_HIDDEN = re.compile(
    r"<(script|style|noscript)\b[^<>]{0,2000}>[\s\S]{0,20000}?</\1\s*>|<!--[\s\S]{0,20000}?-->",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u202f"}


def _tag_replacement(text: str, m: re.Match[str]) -> str:
    """A block tag that ends a sentence or a line becomes a line break; others a space."""
    before = text[max(0, m.start() - 200) : m.start()].rstrip(" \t")
    prev = text[m.start() - 1] if m.start() else ""
    after = text[m.end() : m.end() + 1]
    if m.group(2) and (not before or before[-1] in '.!?:"”’>\n'):
        return "\n"
    if not prev or prev.isspace() or not after or after.isspace():
        return ""
    return " " if m.group(2) else ""


def _between_letters(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def fix_html(text: str) -> list[Edit]:
    """Strip known HTML tags, comments, scripts; decode entities (&amp; &nbsp; &#8217;)."""
    if "<" not in text and "&" not in text:
        return []
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _HIDDEN.finditer(text)]
    for m in _TAG.finditer(text):
        edits.append((m.start(), m.end(), _tag_replacement(text, m)))
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group(0))
        if decoded == m.group(0):
            continue
        if decoded in _SPACES:
            decoded = " "
        elif decoded == "¿" and _between_letters(text, m.start(), m.end()):
            decoded = "’"  # "Blair&#191;s": an apostrophe lost to a Latin-1 round trip
        edits.append((m.start(), m.end(), _SURROGATE.sub("\ufffd", decoded)))
    return sorted(edits)


# --- spacing -----------------------------------------------------------------------------

_GLUED_COMMA = re.compile(r"[,;](?=[A-Za-z])")
_COMMA_LEFT = re.compile(r"[A-Za-z)’”\"]")
# "In 2024,Russia": a year glued to a capitalised word.
_GLUED_YEAR = re.compile(r"\b\d{4},(?=[A-Z][a-z])")
# "policy.Now" but not "U.S.", "e.g.", "example.com" (the right side must be Capital+lower).
_GLUED_STOP = re.compile(r"[.!?](?=[A-Z][a-z]+(?:[^\w.]|\.(?!\w)|$))")
_THREE_LOWER = re.compile(r"[a-z]{3}")
_LEFT_TOKEN = re.compile(r"[\w.@/-]*\Z")
# "the U.S.Treasury": a dotted abbreviation glued to the next word.
_GLUED_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}(?=[A-Z][a-z]{2,})")
# "prior-a clear": a dash glueing a word to the function word that opens the next clause.
_GLUED_DASH = re.compile(r"([-–—])(?=(?:a|an|the|this|that|which|but)\s)")


def fix_glued_punctuation(text: str) -> list[Edit]:
    """Insert the space missing after a comma or sentence stop ("Taiwan,marking")."""
    edits: list[Edit] = []
    for m in _GLUED_COMMA.finditer(text):
        if m.start() > 0 and _COMMA_LEFT.match(text, m.start() - 1):
            edits.append((m.end(), m.end(), " "))
    edits += [
        (m.end(), m.end(), " ")
        for m in _GLUED_YEAR.finditer(text)
        if m.start() == 0 or text[m.start() - 1] not in ",."
    ]
    for m in _GLUED_STOP.finditer(text):
        if m.start() < 3 or not _THREE_LOWER.fullmatch(text, m.start() - 3, m.start()):
            continue
        # "Halo.Bungie.Org", "www.example.Com": part of a host name, not two sentences
        left = _LEFT_TOKEN.search(text, max(0, m.end() - 60), m.end() - 1)
        if left is None or not any(c in left.group(0) for c in ".@/"):
            edits.append((m.end(), m.end(), " "))
    edits += [(m.end(), m.end(), " ") for m in _GLUED_ABBREVIATION.finditer(text)]
    for m in _GLUED_DASH.finditer(text):
        if m.start() < 3 or not _THREE_LOWER.fullmatch(text, m.start() - 3, m.start()):
            continue
        edits.append((m.start(1), m.end(1), f" {m.group(1)} "))
    return sorted(edits)


# --- listed typos ------------------------------------------------------------------------

# Frequent typos seen in hastily edited or re-typed copy that the dictionary-based corrector
# cannot settle alone (short, or with several neighbours). Only forms that are never words
# or names themselves.
_TYPOS = {
    "teh": "the",
    "hte": "the",
    "adn": "and",
    "nad": "and",
    "taht": "that",
    "thier": "their",
    "coudl": "could",
    "woudl": "would",
    "shoudl": "should",
    "wiht": "with",
    "milatary": "military",
    "militray": "military",
    "goverment": "government",
    "exercize": "exercise",
    "excercise": "exercise",
    "excercises": "exercises",
    "recieve": "receive",
    "recieved": "received",
    "agreemnt": "agreement",
    "sanctoins": "sanctions",
}
_TYPO_RE = re.compile("(?:" + trie_pattern([*_TYPOS, *(t.capitalize() for t in _TYPOS)]) + r")\b")
# A swapped pair that makes another word: only the whole name gives it away.
_NAME_TYPO = re.compile(r"\bUntied(?= (?:States|Nations|Kingdom|Arab Emirates)\b)")


def fix_typos(text: str) -> list[Edit]:
    """Replace listed non-word typos, keeping the case of the first letter."""
    edits: list[Edit] = []
    for m in _TYPO_RE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue
        word = m.group(0)
        lower = word.lower()
        fixed = _TYPOS[lower]
        if word[0].isupper():
            fixed = fixed[0].upper() + fixed[1:]
        edits.append((m.start(), m.end(), fixed))
    edits += [(m.start(), m.end(), "United") for m in _NAME_TYPO.finditer(text)]
    return sorted(edits)
