"""The packaged demo articles, read as :class:`~whimbrel.records.Article` records.

``whimbrel/data/samples/NN-slug.txt`` holds eight short invented news articles (2023-2025)
that between them exercise every event type and every modality, plus one deliberately noisy,
machine-translated-looking text. Each file starts with a ``published: YYYY-MM-DD`` line; the
rest of the file is the article text, verbatim except that trailing whitespace is dropped: the
headline on its first line, a blank line, then the body. Gold annotations of these texts (same
text, so evidence offsets agree) live in the test suite and drive the golden tests and
``whimbrel demo``. The document id of file ``NN-slug.txt`` is ``sample-NN``.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable

from whimbrel.errors import EvalError
from whimbrel.records import Article

_HEADER = re.compile(r"published: (\d{4}-\d{2}-\d{2})")
_NAME = re.compile(r"(\d{2})-[a-z0-9-]+\.txt")


def _samples_dir() -> Traversable:
    return resources.files("whimbrel").joinpath("data").joinpath("samples")


def parse_sample(name: str, content: str) -> Article:
    """One sample file (its name and content) as an Article; a bad file raises EvalError."""
    name_match = _NAME.fullmatch(name)
    if name_match is None:
        raise EvalError(f"{name}: sample file names look like NN-slug.txt")
    header, sep, text = content.partition("\n")
    header_match = _HEADER.fullmatch(header.strip())
    if header_match is None or not sep:
        raise EvalError(f"{name}: the first line must be 'published: YYYY-MM-DD'")
    text = text.rstrip()
    title = text.partition("\n")[0].strip()
    if not title:
        raise EvalError(f"{name}: the second line must be the headline")
    return Article(
        doc_id=f"sample-{name_match.group(1)}",
        text=text,
        title=title,
        published=header_match.group(1),
        source=f"whimbrel/data/samples/{name}",
    )


def load_samples() -> list[Article]:
    """The packaged demo articles, sorted by file name."""
    files = sorted(
        (entry for entry in _samples_dir().iterdir() if entry.name.endswith(".txt")),
        key=lambda entry: entry.name,
    )
    return [parse_sample(entry.name, entry.read_text(encoding="utf-8")) for entry in files]
