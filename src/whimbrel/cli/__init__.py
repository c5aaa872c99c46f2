"""cli: thin click commands over the library. Exit codes: 0 ok, 1 error, 2 usage,
3 finished but some documents were rejected."""

from __future__ import annotations

import functools
import json
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from whimbrel import __version__
from whimbrel.cli.output import FORMATS, print_events, print_rejections, print_summary
from whimbrel.config import Config
from whimbrel.errors import WhimbrelError
from whimbrel.records import Article, Rejection

EXIT_PARTIAL = 3
F = TypeVar("F", bound=Callable[..., Any])


class _State:
    def __init__(self, config: Config, debug: bool) -> None:
        self.config = config
        self.debug = debug


def _handle_errors(fn: F) -> F:
    """Turn library errors into one line on stderr and exit 1 (--debug: the traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        state = ctx.find_object(_State)
        debug = state is not None and state.debug
        try:
            return fn(*args, **kwargs)
        except WhimbrelError as exc:
            if debug:
                traceback.print_exc()
            click.echo(f"error [{exc.code}]: {exc}", err=True)
            ctx.exit(1)
        except OSError as exc:
            if debug:
                traceback.print_exc()
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whimbrel")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="A TOML file layered over the packaged defaults.",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="SECTION.KEY=VALUE",
    help="Override one setting (repeatable).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.pass_context
def main(
    ctx: click.Context, config_path: str | None, overrides: tuple[str, ...], debug: bool
) -> None:
    """whimbrel: interstate security events from news, with evidence and modality."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        config = Config.load(config_path, overrides=overrides)
    except WhimbrelError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"error [{exc.code}]: {exc}", err=True)
        ctx.exit(1)
    ctx.obj = _State(config, debug)


def _state() -> _State:
    state = click.get_current_context().find_object(_State)
    assert state is not None, "the main group sets the state"
    return state


_input_format = click.option(
    "--input-format",
    type=click.Choice(["text", "html", "jsonl"]),
    default=None,
    help="Input format (default: from the file extension, or sniffed on stdin).",
)
_output_format = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
)


def _split(items: Iterator[Article | Rejection], rejected: list[Rejection]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            yield item


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_input_format
@_output_format
@_handle_errors
def extract(paths: tuple[str, ...], input_format: str | None, fmt: str) -> None:
    """Extract events from PATHS (files, folders, or - for stdin); nothing is stored."""
    from whimbrel.ingest import iter_documents
    from whimbrel.pipeline import Pipeline

    state = _state()
    rejected: list[Rejection] = []
    articles = _split(
        iter_documents(paths, input_format=input_format, config=state.config), rejected
    )
    pipeline = Pipeline(state.config)
    events: list[dict[str, Any]] = []
    for _article, outcome in pipeline.process_each(articles):
        if isinstance(outcome, Rejection):
            rejected.append(outcome)
        else:
            events.extend(e.to_dict() for e in outcome)
    print_events(events, fmt)
    if rejected:
        print_rejections(rejected, err=True)
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_input_format
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="DuckDB file (default: store.path, ./whimbrel.duckdb).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when stderr is a terminal).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Pipeline processes (local) or actors (ray; default there: all cluster CPUs).",
)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", default=None, help="Ray cluster address (--engine ray), e.g. auto.")
@_handle_errors
def ingest(
    paths: tuple[str, ...],
    input_format: str | None,
    db: str | None,
    progress: bool | None,
    workers: int,
    engine: str,
    address: str | None,
) -> None:
    """Ingest PATHS into the store; articles already stored are skipped."""
    from whimbrel.pipeline import ingest_paths

    state = _state()
    show = sys.stderr.isatty() if progress is None else progress
    executor = None
    if engine == "ray":
        from whimbrel.scale.ray_engine import RayExecutor

        ray_workers = workers if workers > 1 else None
        executor = RayExecutor(state.config, address=address, workers=ray_workers)
    elif address is not None:
        raise click.UsageError("--address needs --engine ray")
    try:
        report = ingest_paths(
            paths,
            db=db or state.config.get("store.path"),
            input_format=input_format,
            config=state.config,
            progress=show,
            workers=workers,
            executor=executor,
        )
    finally:
        if executor is not None:
            executor.close()
    click.echo(report.summary_line())
    if report.rejections:
        print_rejections(report.rejections, err=True)
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), default=None)
@click.option("--type", "etype", default=None, help="Event type, e.g. EXERCISE.")
@click.option("--actor", default=None, help="ISO3 or alliance code, among actors or target.")
@click.option("--since", default=None, help="ISO (partial) date, inclusive.")
@click.option("--until", default=None, help="ISO (partial) date, inclusive.")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "planned", "hypothetical", "negated"]),
    default=None,
)
@click.option("--limit", type=int, default=None)
@click.option(
    "--rejections",
    "show_rejections",
    is_flag=True,
    help="List the rejected documents instead of events.",
)
@click.option(
    "--mentions",
    "show_mentions",
    is_flag=True,
    help="List corpus events with every report, its sources and why it was merged.",
)
@_output_format
@_handle_errors
def events(
    db: str | None,
    etype: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    limit: int | None,
    show_rejections: bool,
    show_mentions: bool,
    fmt: str,
) -> None:
    """Query stored events (or rejections)."""
    from whimbrel.store import Store

    path = db or _state().config.get("store.path")
    if not Path(path).exists():
        raise WhimbrelError(f"no store at {path}; run 'whimbrel ingest' first")
    with Store(path, read_only=True) as store:
        if show_rejections:
            print_rejections(store.rejections(), fmt=fmt)
            return
        if show_mentions:
            from whimbrel.cli.corpus import print_corpus_events

            try:
                corpus = store.clusters(
                    type=etype,
                    actors=[actor] if actor else [],
                    since=since,
                    until=until,
                    modality=modality,
                    members=True,
                    limit=limit,
                )
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
            print_corpus_events(corpus, fmt)
            return
        try:
            rows = store.events(
                type=etype, actor=actor, since=since, until=until, modality=modality, limit=limit
            )
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    print_events(rows, fmt)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the predicted events as JSONL to this file.",
)
@_handle_errors
def eval_command(gold: str, as_json: bool, predictions: str | None) -> None:
    """Run the pipeline on a gold JSONL file and score it (primary: type+actors+target+modality)."""
    from whimbrel.pipeline import evaluate_gold

    report, predicted = evaluate_gold(gold, config=_state().config)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as out:
            for row in predicted:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    click.echo(json.dumps(report.to_dict()) if as_json else report.to_table())


@main.command()
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default="whimbrel-demo.duckdb",
    show_default=True,
    help="Where the demo store is written (replaced).",
)
@_handle_errors
def demo(db: str) -> None:
    """Ingest the packaged sample articles and show what whimbrel found."""
    from whimbrel.pipeline import run_demo
    from whimbrel.store import Store

    count = run_demo(db, config=_state().config)
    click.echo(f"Ingested {count} sample articles into {db}\n")
    with Store(db, read_only=True) as store:
        print_events(store.events(), "table")
        print_summary(store.summary(modality=None), store.summary())


@main.group()
def config() -> None:
    """Inspect configuration."""


@config.command("show")
def config_show() -> None:
    """Print the effective configuration (defaults + file + env + --set) as TOML."""
    click.echo(_state().config.to_toml())


from whimbrel.cli import corpus as _corpus  # noqa: E402,F401
from whimbrel.cli import repair as _repair  # noqa: E402,F401
