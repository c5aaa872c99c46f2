from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from whimbrel.config import Config
from whimbrel.errors import BinaryDocument, EmptyDocument, IngestError
from whimbrel.ingest import decode_bytes, iter_documents, read_bytes
from whimbrel.records import Article, Rejection, text_doc_id

SAMPLE = "Finland and Sweden met in Helsinki.\n\n  Talks on air defence went on for two days.\n"


def test_iter_documents_text_file_keeps_text_unchanged(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "note.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    [article] = iter_documents([path], config=config)
    assert isinstance(article, Article)
    assert article.text == SAMPLE
    assert article.title is None
    assert article.source == str(path)
    assert article.doc_id == text_doc_id(SAMPLE)


def test_iter_documents_doc_id_stable_across_whitespace(tmp_path: Path, config: Config) -> None:
    (tmp_path / "a.txt").write_text("Navy ships  visited the port.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("  Navy ships visited\nthe port.", encoding="utf-8")
    first, second = iter_documents([tmp_path], config=config)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text != second.text
    assert first.doc_id == second.doc_id


def test_iter_documents_strips_utf8_bom_only(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf  Envoys arrived.\n")
    [article] = iter_documents([path], config=config)
    assert isinstance(article, Article)
    assert article.text == "  Envoys arrived.\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"Caf\xe9 talks", "Café talks"),
        (b"\x93Quoted\x94 envoy", "\u201cQuoted\u201d envoy"),
        (b"Minister Nu\xf1ez spoke \x81 twice", "Minister Nuñez spoke \x81 twice"),
    ],
)
def test_decode_bytes_falls_back_from_utf8(
    raw: bytes, expected: str, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert decode_bytes(raw, source="x.txt", config=config) == expected
    assert "not valid UTF-8" in caplog.text


def test_decode_bytes_reads_utf16_with_bom(config: Config) -> None:
    raw = "Border talks resumed.".encode("utf-16")
    assert decode_bytes(raw, source="x.txt", config=config) == "Border talks resumed."


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf \n"])
def test_decode_bytes_rejects_empty(raw: bytes, config: Config) -> None:
    with pytest.raises(EmptyDocument):
        decode_bytes(raw, source="x.txt", config=config)


@pytest.mark.parametrize(
    "raw",
    [
        b"PK\x03\x04\x00\x00binary zip header",
        bytes(range(256)) * 4,
        b"text with \x01\x02\x03\x04\x05\x06\x07 many controls",
    ],
)
def test_decode_bytes_rejects_binary(raw: bytes, config: Config) -> None:
    with pytest.raises(BinaryDocument):
        decode_bytes(raw, source="x.bin", config=config)


def test_iter_documents_binary_file_rejected(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02\xff\xfe" * 100)
    [result] = iter_documents([path], config=config)
    assert isinstance(result, Rejection)
    assert result.code == BinaryDocument.code
    assert result.stage == "ingest"
    assert result.doc_id is None


def test_iter_documents_missing_path_rejected(tmp_path: Path, config: Config) -> None:
    missing = tmp_path / "nowhere.txt"
    [result] = iter_documents([missing], config=config)
    assert isinstance(result, Rejection)
    assert result.code == IngestError.code
    assert str(missing) in result.reason


def test_iter_documents_accepts_single_path_string(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "one.txt"
    path.write_text("A single report.", encoding="utf-8")
    results = list(iter_documents(str(path), config=config))
    assert [type(r) for r in results] == [Article]


def test_iter_documents_stdin_text(config: Config) -> None:
    stream = io.BytesIO(b"Troops crossed the river at dawn.")
    [article] = iter_documents(["-"], config=config, stdin=stream)
    assert isinstance(article, Article)
    assert article.text == "Troops crossed the river at dawn."
    assert article.source == "<stdin>"


def test_iter_documents_stdin_too_large_rejected() -> None:
    small = Config.load(environ={}, overrides=["ingest.max_bytes=10"])
    [result] = iter_documents(["-"], config=small, stdin=io.BytesIO(b"x" * 11))
    assert isinstance(result, Rejection)
    assert result.code == "W-INGEST-004"


def test_read_bytes_rejects_over_limit() -> None:
    small = Config.load(environ={}, overrides=["ingest.max_bytes=10"])
    [result] = read_bytes(b"y" * 20, source="mem.txt", config=small)
    assert isinstance(result, Rejection)
    assert "20 bytes" in result.reason
    assert "10 bytes" in result.reason


def test_iter_documents_rejects_unknown_format(config: Config) -> None:
    with pytest.raises(ValueError, match="input_format"):
        list(iter_documents(["-"], input_format="pdf", config=config, stdin=io.BytesIO(b"x")))
