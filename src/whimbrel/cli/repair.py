"""``whimbrel repair FILE``: show what the repair stage changes in a text."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.text import Text

from whimbrel.cli import _handle_errors, main
from whimbrel.repair import Repaired, repair


@main.command("repair")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_handle_errors
def repair_command(path: str, fmt: str) -> None:
    """Repair the text in PATH (- for stdin) and show the changes.

    text: the repaired text with inserted or replaced text highlighted, then (on stderr)
    each change with its offsets in the ORIGINAL text; json: the same as one object.
    """
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            raw = handle.read()
    result = repair(raw.decode("utf-8", errors="replace"))
    if fmt == "json":
        click.echo(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False, soft_wrap=True)
    console.print(_highlighted(result), end="")
    err = Console(stderr=True, highlight=False)
    err.print(f"\n{len(result.changes)} change(s)")
    for start, end, old, new in result.changes:
        err.print(f"  {start}-{end}: {old!r} -> {new!r}", markup=False)
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)


def _as_json(result: Repaired) -> dict[str, object]:
    return {
        "text": result.text,
        "warnings": list(result.warnings),
        "changes": [
            {"start": start, "end": end, "old": old, "new": new}
            for start, end, old, new in result.changes
        ],
    }


def _highlighted(result: Repaired) -> Text:
    offsets = result.offsets
    text = Text()
    ends = [*offsets.new_starts[1:], len(result.text)]
    for i, (start, end) in enumerate(zip(offsets.new_starts, ends, strict=True)):
        piece = result.text[start:end]
        if not offsets.changed[i]:
            text.append(piece)
        else:
            text.append(piece, style="bold black on green")
    return text
