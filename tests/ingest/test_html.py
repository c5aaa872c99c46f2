from __future__ import annotations

import io
from pathlib import Path

import pytest

from whimbrel.config import Config
from whimbrel.errors import EmptyDocument
from whimbrel.ingest import iter_documents, read_bytes
from whimbrel.records import Article, Rejection

PAGE = """<!DOCTYPE html>
<html><head>
<title>Harbour drill | Coast Herald</title>
<link rel="canonical" href="https://herald.invalid/drill">
<meta property="article:published_time" content="2023-11-05T09:30:00Z">
<script>var tracking = "do not keep";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Harbour drill</h1>
<p>Norway and Denmark held a joint harbour defence drill on Sunday, the two navies said.</p>
<p>Around nine hundred sailors took part in the exercise, which ran for four days near Bergen.</p>
<p>Officials described the drill as routine and planned well in advance of the season.</p>
</article>
<footer>Copyright Coast Herald</footer>
</body></html>
"""


def test_read_bytes_html_extracts_main_text_and_metadata(config: Config) -> None:
    [article] = read_bytes(PAGE.encode(), source="page.html", config=config)
    assert isinstance(article, Article)
    assert "Norway and Denmark held a joint harbour defence drill" in article.text
    assert "tracking" not in article.text
    assert "Copyright" not in article.text
    assert article.title is not None and "Harbour drill" in article.title
    assert article.url == "https://herald.invalid/drill"
    assert article.published == "2023-11-05"
    assert article.source == "page.html"


def test_read_bytes_html_short_page_uses_fallback(config: Config) -> None:
    markup = b"<html><head><title>Brief</title></head><body><p>Talks &amp; more.</p></body></html>"
    [article] = read_bytes(markup, source="brief.htm", config=config)
    assert isinstance(article, Article)
    assert article.text == "Talks & more."
    assert article.title == "Brief"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Unclosed <b>tags <i>everywhere<div><p>Envoy met counterpart.",
        "<<<>>></p></div><html><bo<dy><p>Envoy met counterpart.</p>",
        '<?xml version="1.0" encoding="utf-8"?><html><p>Envoy met counterpart.</p></html>',
        "<div>" * 20_000 + "Envoy met counterpart." + "</div>" * 20_000,
        "<table>" + "<tr><td>" * 3000 + "Envoy met counterpart.",
    ],
)
def test_read_bytes_html_broken_markup_does_not_crash(markup: str, config: Config) -> None:
    [result] = read_bytes(markup.encode(), source="bad.html", config=config)
    assert isinstance(result, Article)
    assert "Envoy met counterpart." in result.text


@pytest.mark.parametrize(
    "markup", ["<html><body></body></html>", "<html><script>x = 1;</script></html>", "<p> </p>"]
)
def test_read_bytes_html_without_text_rejected(markup: str, config: Config) -> None:
    [result] = read_bytes(markup.encode(), source="blank.html", config=config)
    assert isinstance(result, Rejection)
    assert result.code == EmptyDocument.code


def test_iter_documents_html_by_extension(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = iter_documents([path], config=config)
    assert isinstance(article, Article)
    assert "<p>" not in article.text


def test_iter_documents_input_format_overrides_extension(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "story.txt"
    path.write_text(PAGE, encoding="utf-8")
    [as_text] = iter_documents([path], config=config)
    [as_html] = iter_documents([path], input_format="html", config=config)
    assert isinstance(as_text, Article) and isinstance(as_html, Article)
    assert "<p>" in as_text.text
    assert "<p>" not in as_html.text


def test_iter_documents_stdin_sniffs_html(config: Config) -> None:
    [article] = iter_documents(["-"], config=config, stdin=io.BytesIO(PAGE.encode()))
    assert isinstance(article, Article)
    assert article.url == "https://herald.invalid/drill"


def test_iter_documents_stdin_angle_bracket_text_stays_text(config: Config) -> None:
    raw = b"<<< BREAKING >>> Ceasefire talks resumed."
    [article] = iter_documents(["-"], config=config, stdin=io.BytesIO(raw))
    assert isinstance(article, Article)
    assert article.text == raw.decode()
