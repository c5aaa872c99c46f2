"""Formatting of events, rejections and summaries for the terminal and for files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from whimbrel.store.export import FLAT_FIELDS

FORMATS = ("table", "json", "jsonl", "csv")

# the flat export's columns that belong to one event (no corpus or citation columns)
_CSV_FIELDS = tuple(f for f in FLAT_FIELDS if f not in {"cluster_id", "url", "title", "published"})


def _console(err: bool = False) -> Console:
    return Console(stderr=err, width=160, highlight=False, soft_wrap=False)


def print_events(rows: Sequence[Mapping[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(events_csv(rows), nl=False)
    else:
        _events_table(rows)


def events_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {k: row.get(k) for k in _CSV_FIELDS if not k.startswith("evidence_")}
        flat["actors"] = ";".join(row.get("actors") or [])
        flat["target"] = ";".join(row.get("target") or [])
        evidence = row.get("evidence") or {}
        flat["evidence_text"] = evidence.get("text")
        flat["evidence_start"] = evidence.get("start")
        flat["evidence_end"] = evidence.get("end")
        writer.writerow(flat)
    return buffer.getvalue()


def _events_table(rows: Sequence[Mapping[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for column in (
        "doc",
        "type",
        "actors",
        "target",
        "modality",
        "date",
        "location",
        "name",
        "n",
        "evidence",
    ):
        table.add_column(column, overflow="fold")
    for row in rows:
        evidence = (row.get("evidence") or {}).get("text", "")
        if len(evidence) > 70:
            evidence = evidence[:67] + "..."
        table.add_row(
            str(row.get("doc_id", ""))[:12],
            str(row.get("type")),
            ",".join(row.get("actors") or []),
            ",".join(row.get("target") or []),
            str(row.get("modality")),
            row.get("date") or "",
            row.get("location") or "",
            row.get("name") or "",
            str(row.get("count", 1)),
            evidence,
        )
    _console().print(table)


def print_rejections(rejections: Iterable[Any], *, err: bool = False, fmt: str = "table") -> None:
    rows = [
        asdict(r) if is_dataclass(r) and not isinstance(r, type) else dict(r) for r in rejections
    ]
    if fmt in {"json", "jsonl"}:
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2), err=err)
        else:
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False), err=err)
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=["source", "stage", "code", "reason", "doc_id"], lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k) for k in writer.fieldnames})
        click.echo(buffer.getvalue(), nl=False, err=err)
        return
    table = Table(title=f"{len(rows)} rejected")
    for column in ("source", "stage", "code", "reason"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["source"]), str(row["stage"]), str(row["code"]), str(row["reason"])[:120]
        )
    _console(err).print(table)


def print_summary(
    all_rows: Sequence[tuple[str, str | None, int]],
    asserted_rows: Sequence[tuple[str, str | None, int]],
) -> None:
    """Events per type and year: all modalities, and what is asserted to have happened."""
    asserted = {(t, y): n for t, y, n in asserted_rows}
    table = Table(title="Events per type and year (n = sum of counts)")
    for column in ("type", "year", "all modalities", "asserted"):
        table.add_column(column)
    for etype, year, n in all_rows:
        table.add_row(etype, year or "undated", str(n), str(asserted.get((etype, year), 0)))
    _console().print(table)
