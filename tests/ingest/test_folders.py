from __future__ import annotations

import io
import os
from pathlib import Path
from unittest import mock

import pytest

from whimbrel.config import Config
from whimbrel.errors import BinaryDocument, DocumentTooLarge, EmptyDocument, MalformedRecord
from whimbrel.ingest import iter_documents
from whimbrel.records import Article, Rejection

FIFTY_MB = 50 * 1024 * 1024


def _make_huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b"Sizeable report. ")
        handle.truncate(FIFTY_MB)


def test_iter_documents_walks_folder_sorted_with_extension_filter(
    tmp_path: Path, config: Config
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / "b" / "deep" / "z.md").write_text("Deep note.", encoding="utf-8")
    (tmp_path / "b" / "one.TXT").write_text("Upper case suffix.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First file.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF-1.4 not text")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    results = list(iter_documents([tmp_path], config=config))
    assert all(isinstance(r, Article) for r in results)
    assert [Path(r.source or "").name for r in results] == ["a.txt", "z.md", "one.TXT"]


def test_iter_documents_too_large_rejected_without_reading(tmp_path: Path, config: Config) -> None:
    huge = tmp_path / "huge.txt"
    _make_huge(huge)
    with mock.patch.object(Path, "open", side_effect=AssertionError("file was opened")):
        [result] = iter_documents([huge], config=config)
    assert isinstance(result, Rejection)
    assert result.code == DocumentTooLarge.code
    assert str(FIFTY_MB) in result.reason
    assert str(config.get("ingest.max_bytes")) in result.reason


def test_iter_documents_bad_input_folder(tmp_path: Path, config: Config) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        '{"text": "Greece hosted a naval drill.", "doc_id": "g1"}\n'
        "{not json at all\n"
        '{"text": "Peru bought patrol boats.", "published": "2024-03-02T08:00:00Z"}\n',
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(bytes([0, 7, 255, 3, 0, 128, 16, 0]) * 64)
    (folder / "latin.txt").write_bytes("Réunion à Genève des ministres.".encode("latin-1"))
    _make_huge(folder / "zz_huge.txt")

    results = list(iter_documents([folder], config=config))

    articles = [r for r in results if isinstance(r, Article)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert len(results) == 7
    assert sorted(a.text for a in articles) == [
        "Greece hosted a naval drill.",
        "Peru bought patrol boats.",
        "Réunion à Genève des ministres.",
    ]
    codes = {Path(r.source).name: r.code for r in rejections}
    assert codes == {
        "empty.txt": EmptyDocument.code,
        "feed.jsonl:2": MalformedRecord.code,
        "noise.txt": BinaryDocument.code,
        "zz_huge.txt": DocumentTooLarge.code,
    }
    assert len(set(codes.values())) == 4


def test_iter_documents_mixes_paths_and_stdin(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "x.txt"
    path.write_text("File text.", encoding="utf-8")
    results = list(iter_documents([path, "-"], config=config, stdin=io.BytesIO(b"Piped text.")))
    assert [r.text for r in results if isinstance(r, Article)] == ["File text.", "Piped text."]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_iter_documents_unreadable_file_rejected(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Secret.", encoding="utf-8")
    path.chmod(0)
    try:
        [result] = iter_documents([path], config=config)
    finally:
        path.chmod(0o600)
    assert isinstance(result, Rejection)
    assert result.code == "W-INGEST-001"
