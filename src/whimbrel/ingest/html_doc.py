"""HTML -> Article: trafilatura main-text extraction, with a plain tag-stripping fallback."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura

from whimbrel.errors import EmptyDocument
from whimbrel.ingest.dates import normalise_published
from whimbrel.records import Article

logger = logging.getLogger(__name__)

_BLOCK_TAG_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table td th tr ul"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_DROP_TAGS = ("script", "style", "noscript", "template", "head")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK_TAGS)) + r")\b[^>]*>", re.IGNORECASE)
_DROP_BLOCKS = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class _Head:
    title: str | None = None
    url: str | None = None


def html_to_article(markup: str, *, source: str) -> Article:
    """Extract the main text and metadata of one HTML page. Raises EmptyDocument if no text."""
    tree = _parse(markup, source=source)
    head = _read_head(tree) if tree is not None else _Head()
    text, title, url, date = None, None, None, None
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
        )
    except Exception as exc:  # trafilatura and its parsers fail in many ways on bad markup
        logger.warning("%s: trafilatura failed (%s), using plain text", source, exc)
        doc = None
    if doc is not None and not isinstance(doc, dict):
        text = doc.text if isinstance(doc.text, str) and doc.text.strip() else None
        title = doc.title if isinstance(doc.title, str) and doc.title.strip() else None
        url = doc.url if isinstance(doc.url, str) and doc.url.strip() else None
        date = doc.date if isinstance(doc.date, str) else None
    if text is None:
        text = _plain_text(tree) if tree is not None else ""
    if not text.strip():
        text = _regex_text(markup)
    if not text.strip():
        raise EmptyDocument(f"{source}: HTML holds no text")
    return Article.from_text(
        text,
        title=title or head.title,
        url=head.url or url,
        published=normalise_published(date, source=source),
        source=source,
    )


def _parse(markup: str, *, source: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        logger.info("%s: lxml could not parse the HTML (%s)", source, exc)
        return None


def _read_head(tree: lxml.html.HtmlElement) -> _Head:
    titles = [t.text_content().strip() for t in tree.iter("title")]
    links = [
        str(link.get("href")).strip()
        for link in tree.iter("link")
        if "canonical" in str(link.get("rel") or "").lower().split() and link.get("href")
    ]
    return _Head(
        title=" ".join(titles[0].split()) if titles and titles[0] else None,
        url=links[0] if links and links[0] else None,
    )


def _plain_text(tree: lxml.html.HtmlElement) -> str:
    """Visible text of the page, one line per block element."""
    for element in list(tree.iter(*_DROP_TAGS)):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return _tidy(tree.text_content())


def _regex_text(markup: str) -> str:
    """Last resort when lxml loses the text (for example past its nesting limit)."""
    without = _DROP_BLOCKS.sub(" ", markup)
    return _tidy(html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", without))))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
