from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from whimbrel.config import Config
from whimbrel.errors import BinaryDocument, DocumentTooLarge, EmptyDocument, MalformedRecord
from whimbrel.ingest import iter_documents, read_bytes
from whimbrel.ingest.jsonl import iter_lines
from whimbrel.records import Article, Rejection, text_doc_id


def _jsonl(*rows: object) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def test_iter_documents_jsonl_reads_fields(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        _jsonl(
            {
                "text": "Chile and Peru signed a border pact.",
                "doc_id": "cp-1",
                "published": "2024-07-14T10:00:00Z",
                "url": "https://news.invalid/cp-1",
                "title": "Border pact",
                "lang": "es",
                "extra": [1, 2],
            },
            {"text": "  Ghana sent observers.  "},
        ),
        encoding="utf-8",
    )
    first, second = iter_documents([path], config=config)
    assert first == Article(
        doc_id="cp-1",
        text="Chile and Peru signed a border pact.",
        title="Border pact",
        url="https://news.invalid/cp-1",
        published="2024-07-14",
        lang="es",
        source=f"{path}:1",
    )
    assert isinstance(second, Article)
    assert second.text == "  Ghana sent observers.  "
    assert second.doc_id == text_doc_id("Ghana sent observers.")
    assert second.published is None


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('{"text": "unclosed', "invalid JSON"),
        ('["text", "in a list"]', "expected a JSON object, got array"),
        ('"just a string"', "got string"),
        ('{"title": "No body"}', "missing required field 'text'"),
        ('{"text": ""}', "'text' is empty"),
        ('{"text": "   "}', "'text' is empty"),
        ('{"text": 42}', "'text' must be a string, got number"),
        ('{"text": "Fine", "published": 20240714}', "'published' must be a string"),
        ('{"text": "Fine", "doc_id": ["a"]}', "'doc_id' must be a string"),
        ('{"text": "Fine", "url": {"href": "x"}}', "'url' must be a string"),
        ("[" * 100_000, "JSON"),
    ],
)
def test_read_bytes_jsonl_malformed_line_rejected(line: str, fragment: str, config: Config) -> None:
    data = _jsonl({"text": "Good before."}, line, {"text": "Good after."}).encode()
    results = list(read_bytes(data, source="feed.jsonl", config=config))
    assert [type(r) for r in results] == [Article, Rejection, Article]
    bad = results[1]
    assert isinstance(bad, Rejection)
    assert bad.code == MalformedRecord.code
    assert bad.source == "feed.jsonl:2"
    assert fragment in bad.reason


def test_iter_documents_jsonl_several_bad_lines_keep_numbers(
    tmp_path: Path, config: Config
) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_text(
        _jsonl({"text": "One."}, "", "nope", {"text": None}, "   ", {"text": "Six."}, "17"),
        encoding="utf-8",
    )
    results = list(iter_documents([path], config=config))
    summary = [(type(r).__name__, r.source) for r in results]
    assert summary == [
        ("Article", f"{path}:1"),
        ("Rejection", f"{path}:3"),
        ("Rejection", f"{path}:4"),
        ("Article", f"{path}:6"),
        ("Rejection", f"{path}:7"),
    ]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-07-14", "2024-07-14"),
        ("2024-07-14T10:00:00Z", "2024-07-14"),
        ("2024-07-14 10:00", "2024-07-14"),
        ("2024-07", "2024-07"),
        ("2024", "2024"),
        ("Sun, 14 Jul 2024 10:00:00 GMT", "2024-07-14"),
        ("", None),
        (None, None),
    ],
)
def test_read_bytes_jsonl_normalises_published(
    published: str | None, expected: str | None, config: Config
) -> None:
    data = json.dumps({"text": "Drill held.", "published": published}).encode()
    [article] = read_bytes(data, source="p.jsonl", config=config)
    assert isinstance(article, Article)
    assert article.published == expected


@pytest.mark.parametrize("published", ["last Tuesday", "2024-13-45", "14/07/2024"])
def test_read_bytes_jsonl_unreadable_published_warns(
    published: str, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    data = json.dumps({"text": "Drill held.", "published": published}).encode()
    with caplog.at_level(logging.WARNING):
        [article] = read_bytes(data, source="p.jsonl", config=config)
    assert isinstance(article, Article)
    assert article.published is None
    assert "published date" in caplog.text


def test_iter_documents_stdin_sniffs_jsonl(config: Config) -> None:
    stream = io.BytesIO(_jsonl({"text": "Alpha."}, {"text": "Beta."}).encode())
    results = list(iter_documents(["-"], config=config, stdin=stream))
    assert [r.text for r in results if isinstance(r, Article)] == ["Alpha.", "Beta."]
    assert [r.source for r in results if isinstance(r, Article)] == ["<stdin>:1", "<stdin>:2"]


def test_read_bytes_jsonl_line_over_limit_rejected() -> None:
    small = Config.load(environ={}, overrides=["ingest.max_bytes=40"])
    data = _jsonl({"text": "Short."}, {"text": "x" * 500}, {"text": "Also short."}).encode()
    results = list(read_bytes(data, source="f.jsonl", config=small))
    assert [type(r) for r in results] == [Article, Rejection, Article]
    assert isinstance(results[1], Rejection)
    assert results[1].code == DocumentTooLarge.code


def test_read_bytes_jsonl_bom_and_cp1252_line(config: Config) -> None:
    data = b'\xef\xbb\xbf{"text": "First."}\n{"text": "Caf\xe9 meeting."}\n'
    results = list(read_bytes(data, source="f.jsonl", config=config))
    assert [r.text for r in results if isinstance(r, Article)] == ["First.", "Café meeting."]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", EmptyDocument.code),
        (b"\n  \n\n", EmptyDocument.code),
        (b"\x00\x01" * 50, BinaryDocument.code),
    ],
)
def test_read_bytes_jsonl_whole_file_rejected(data: bytes, code: str, config: Config) -> None:
    [result] = read_bytes(data, source="f.jsonl", config=config)
    assert isinstance(result, Rejection)
    assert result.code == code


def test_iter_lines_bounds_long_lines() -> None:
    stream = io.BytesIO(b"ab\n" + b"c" * 300_000 + b"\nde\nlast")
    assert list(iter_lines(stream, prefix=b"", limit=10)) == [
        (1, b"ab"),
        (2, None),
        (3, b"de"),
        (4, b"last"),
    ]


def test_iter_lines_uses_prefix_and_trailing_long_line() -> None:
    stream = io.BytesIO(b"llo\n" + b"z" * 50)
    assert list(iter_lines(stream, prefix=b"he", limit=10)) == [(1, b"hello"), (2, None)]
