"""Corpus commands: trend, network, check, export, import (and the printing of corpus
events for ``whimbrel events --mentions``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from whimbrel.cli import _handle_errors, _state, main
from whimbrel.errors import WhimbrelError
from whimbrel.ontology import Modality

_MODALITIES = [str(m) for m in Modality] + ["any"]


def _console() -> Console:
    return Console(width=160, highlight=False, soft_wrap=False)


def _db_path(db: str | None) -> str:
    path: str = db or _state().config.get("store.path")
    if not Path(path).exists():
        raise WhimbrelError(f"no store at {path}; run 'whimbrel ingest' first")
    return path


@contextmanager
def _reader(db: str | None) -> Iterator[Any]:
    from whimbrel.store import Store

    with Store(_db_path(db), read_only=True) as store:
        yield store


def _modality(value: str) -> str | None:
    return None if value == "any" else value


def _actors(value: str) -> list[str]:
    return [a.strip().upper() for a in value.split(",") if a.strip()]


def _db_option(fn: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=None,
        help="DuckDB file (default: store.path).",
    )(fn)


def _write_text(path: str, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}", err=True)


# -- events --mentions -------------------------------------------------------------------


def print_corpus_events(rows: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """Corpus events with their reports (mentions), sources and merge reasons."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        fields = [
            "cluster_id",
            "type",
            "actors",
            "target",
            "modality",
            "date",
            "location",
            "name",
            "count",
            "event_id",
            "doc_id",
            "urls",
            "reason",
            "evidence_text",
        ]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            for member in row.get("members", []):
                writer.writerow(
                    {
                        **{k: row.get(k) for k in fields[:9]},
                        "actors": ";".join(row["actors"]),
                        "target": ";".join(row["target"]),
                        "event_id": member["event_id"],
                        "doc_id": member["doc_id"],
                        "urls": " ".join(member["urls"]),
                        "reason": member["reason"],
                        "evidence_text": member["evidence"]["text"],
                    }
                )
        click.echo(buffer.getvalue(), nl=False)
        return
    n_reports = sum(int(r["n_reports"]) for r in rows)
    table = Table(title=f"{len(rows)} corpus events from {n_reports} reports", show_lines=True)
    for column in ("corpus event", "type", "who", "modality", "date", "where / name", "reports"):
        table.add_column(column, overflow="fold")
    for row in rows:
        who = ",".join(row["actors"]) + (f" → {','.join(row['target'])}" if row["target"] else "")
        if int(row["count"]) > 1:
            who += f" (claim: {row['count']})"
        lines = []
        for member in row.get("members", []):
            evidence = member["evidence"]["text"].replace("\n", " ")
            if len(evidence) > 90:
                evidence = evidence[:87] + "..."
            urls = " ".join(member["urls"]) or "(no url)"
            lines.append(
                f"{member['doc_id']} {urls}\n  why: {member['reason']}\n  \u201c{evidence}\u201d"
            )
        table.add_row(
            str(row["cluster_id"]),
            str(row["type"]),
            escape(who),
            str(row["modality"]),
            row["date"] or "",
            escape(" / ".join(x for x in (row["location"], row["name"]) if x)),
            escape("\n".join(lines)),
        )
    _console().print(table)


# -- trend -------------------------------------------------------------------------------


@main.command()
@_db_option
@click.option("--type", "etype", default=None, help="Event type, e.g. EXERCISE.")
@click.option("--actors", default="", help="Comma-separated codes that must all take part.")
@click.option("--by", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option(
    "--participation",
    type=click.Choice(["any", "bilateral", "multilateral"]),
    default="any",
    show_default=True,
    help="bilateral: exactly two participants; multilateral: three or more.",
)
@click.option(
    "--modality",
    type=click.Choice(_MODALITIES),
    default="asserted",
    show_default=True,
    help="Which events count (asserted = happened).",
)
@click.option("--since", default=None, help="ISO (partial) date, inclusive.")
@click.option("--until", default=None, help="ISO (partial) date, inclusive.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also draw the trend to FILE.svg or FILE.html (self-contained).",
)
@_handle_errors
def trend(
    db: str | None,
    etype: str | None,
    actors: str,
    by: str,
    participation: str,
    modality: str,
    since: str | None,
    until: str | None,
    fmt: str,
    chart: str | None,
) -> None:
    """Corpus events per year or month: each real-world event counted once, at its date
    precision; aggregate claims ("14 drills") are not counted."""
    from whimbrel.analyze import CorpusEvent, trend_html, trend_svg
    from whimbrel.analyze import trend as make_trend

    if chart and Path(chart).suffix.lower() not in (".svg", ".html", ".htm"):
        raise click.UsageError("--chart writes .svg or .html (PNG needs a rasteriser)")
    codes = _actors(actors)
    with _reader(db) as store:
        try:
            clusters = store.clusters(
                type=etype,
                actors=codes,
                participation=participation,
                modality=_modality(modality),
                since=since,
                until=until,
                aggregates=False,
            )
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    rows = make_trend((CorpusEvent.from_dict(c) for c in clusters), by=by)
    reports = sum(int(c["n_reports"]) for c in clusters)
    what = (etype or "all").upper()
    title = f"{what} events" + (f" with {'+'.join(codes)}" if codes else "") + f" per {by}"
    subtitle = (
        f"{len(clusters)} corpus events from {reports} reports; "
        f"modality: {modality}; participation: {participation}; aggregate claims not counted"
    )
    if chart:
        draw = trend_svg if Path(chart).suffix.lower() == ".svg" else trend_html
        _write_text(chart, draw(rows, title=title, subtitle=subtitle, by=by))
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([by, "n", "partial", "cluster_ids"])
        for r in rows:
            writer.writerow([r.period, r.n, str(r.partial).lower(), " ".join(r.cluster_ids)])
        click.echo(buffer.getvalue(), nl=False)
    else:
        table = Table(title=title, caption=subtitle)
        table.add_column(by)
        table.add_column("events", justify="right")
        table.add_column("")
        top = max((r.n for r in rows), default=0) or 1
        for r in rows:
            table.add_row(r.period, str(r.n), "█" * round(30 * r.n / top))
        _console().print(table)


# -- network -----------------------------------------------------------------------------


@main.command()
@_db_option
@click.option("--type", "etype", default=None, help="Event type, e.g. EXERCISE (default: all).")
@click.option("--since", default=None, help="ISO (partial) date, inclusive.")
@click.option("--until", default=None, help="ISO (partial) date, inclusive.")
@click.option("--modality", type=click.Choice(_MODALITIES), default="asserted", show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "graphml"]),
    default="table",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also draw the network to FILE.svg or FILE.html.",
)
@_handle_errors
def network(
    db: str | None,
    etype: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    fmt: str,
    chart: str | None,
) -> None:
    """Who exercises, aids, meets with whom: edges weighted by corpus events."""
    from whimbrel.analyze import CorpusEvent, build_network, network_graphml, network_svg
    from whimbrel.analyze.svg import html_page

    if chart and Path(chart).suffix.lower() not in (".svg", ".html", ".htm"):
        raise click.UsageError("--chart writes .svg or .html (PNG needs a rasteriser)")
    with _reader(db) as store:
        try:
            clusters = store.clusters(
                type=etype, since=since, until=until, modality=_modality(modality), aggregates=False
            )
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    net = build_network(CorpusEvent.from_dict(c) for c in clusters)
    title = f"{(etype or 'all').upper()} network" + (f" since {since}" if since else "")
    subtitle = f"{len(net.nodes)} actors, {len(net.edges)} links, {len(clusters)} corpus events"
    if chart:
        svg = network_svg(net, title=title, subtitle=subtitle)
        if Path(chart).suffix.lower() != ".svg":
            svg = html_page(
                title,
                svg,
                header=("source", "target", "directed", "weight", "types"),
                rows=[
                    (e.source, e.target, e.directed, e.weight, " ".join(e.types)) for e in net.edges
                ],
            )
        _write_text(chart, svg)
    if fmt == "graphml":
        click.echo(network_graphml(net), nl=False)
    elif fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in net.edges], indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["source", "target", "directed", "weight", "types", "cluster_ids"])
        for e in net.edges:
            writer.writerow(
                [
                    e.source,
                    e.target,
                    str(e.directed).lower(),
                    e.weight,
                    " ".join(e.types),
                    " ".join(e.cluster_ids),
                ]
            )
        click.echo(buffer.getvalue(), nl=False)
    else:
        table = Table(title=title, caption=subtitle)
        for column in ("source", "", "target", "events", "types"):
            table.add_column(column)
        for e in net.edges:
            table.add_row(
                e.source, "→" if e.directed else "–", e.target, str(e.weight), ",".join(e.types)
            )
        _console().print(table)


# -- check -------------------------------------------------------------------------------


@main.command()
@click.argument("article", type=click.Path(dir_okay=False))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@_handle_errors
def check(article: str, db: str | None, fmt: str) -> None:
    """Check an article's quantitative and comparative claims against the store."""
    from whimbrel.analyze import ArticleEvent, CorpusEvent, check_claims, find_claims
    from whimbrel.ingest import iter_documents
    from whimbrel.pipeline import Pipeline
    from whimbrel.records import Article, Rejection

    state = _state()
    path = _db_path(db)
    doc: Article | None = None
    for item in iter_documents([article], config=state.config):
        if isinstance(item, Rejection):
            raise WhimbrelError(f"cannot read {article}: {item.reason}")
        doc = item
        break
    if doc is None:
        raise WhimbrelError(f"{article} holds no article")
    result = Pipeline(state.config).process([doc])
    if result.rejections:
        raise WhimbrelError(f"cannot process {article}: {result.rejections[0].reason}")
    events = [
        ArticleEvent(
            type=str(e.type),
            actors=e.actors,
            target=e.target,
            modality=str(e.modality),
            date=e.date,
            count=e.count,
            evidence_start=e.evidence.start,
            evidence_end=e.evidence.end,
            evidence_text=e.evidence.text,
        )
        for e in result.events
    ]
    claims = find_claims(doc.text, events)
    from whimbrel.store import Store

    with Store(path, read_only=True) as store:

        def lookup(
            type: str, actors: Sequence[str], since: str | None, until: str | None
        ) -> list[CorpusEvent]:
            rows = store.clusters(
                type=type,
                actors=actors,
                since=since,
                until=until,
                modality="asserted",
                aggregates=False,
                members=True,
            )
            return [CorpusEvent.from_dict(r) for r in rows]

        checks = check_claims(claims, lookup)
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in checks], indent=2, ensure_ascii=False))
        return
    if not checks:
        click.echo("no quantitative or comparative claim found")
        return
    table = Table(title=f"{len(checks)} claims in {article}", show_lines=True)
    for column in ("claim", "the store holds", "verdict", "rule"):
        table.add_column(column, overflow="fold")
    for c in checks:
        holds = c.holds
        if c.supporting:
            ids = ", ".join(e.cluster_id for e in c.supporting[:5])
            more = f" +{len(c.supporting) - 5} more" if len(c.supporting) > 5 else ""
            holds += f"\nevents: {ids}{more}"
            first = c.supporting[0]
            if first.evidence:
                snippet = first.evidence.replace("\n", " ")
                holds += f"\ne.g. \u201c{snippet[:100]}\u201d"
        table.add_row(
            escape(f"[{c.claim.kind}] {c.claim.text}"), escape(holds), c.verdict, escape(c.rule)
        )
    _console().print(table)


# -- export / import ---------------------------------------------------------------------


@main.command()
@click.argument("output", type=click.Path(dir_okay=False))
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "plover"]),
    default=None,
    help="Default: from the extension (.csv, .parquet, else jsonl).",
)
@click.option("--type", "etype", default=None, help="Event type, e.g. EXERCISE.")
@click.option("--actor", default=None, help="ISO3 or alliance code, among actors or target.")
@click.option("--since", default=None, help="ISO (partial) date, inclusive.")
@click.option("--until", default=None, help="ISO (partial) date, inclusive.")
@_handle_errors
def export(
    output: str,
    db: str | None,
    fmt: str | None,
    etype: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
) -> None:
    """Write stored events (with corpus event ids and citations) to OUTPUT."""
    from whimbrel.store.export import export_store

    suffix = Path(output).suffix.lower()
    fmt = fmt or {".csv": "csv", ".parquet": "parquet"}.get(suffix, "jsonl")
    with _reader(db) as store:
        try:
            n = export_store(
                store, output, fmt=fmt, type=etype, actor=actor, since=since, until=until
            )
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"wrote {n} events to {output} ({fmt})")


@main.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "plover"]),
    default=None,
    help="Default: from the extension and the first record.",
)
@_handle_errors
def import_command(path: str, db: str | None, fmt: str | None) -> None:
    """Read events exported by 'whimbrel export' into the store (stub articles, no text)."""
    from whimbrel.store import Store
    from whimbrel.store.export import import_file

    target: str = db or _state().config.get("store.path")
    with Store(target) as store:
        try:
            report = import_file(store, path, fmt=fmt)
        except (ValueError, KeyError) as exc:
            raise WhimbrelError(f"cannot import {path}: {exc}") from exc
    click.echo(
        f"{report.read} events read: {report.articles_added} articles and "
        f"{report.events_added} events added to {target}"
    )
