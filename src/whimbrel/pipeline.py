"""The one orchestration path: every caller (CLI, eval, demo, executors) runs this.

    Article ──repair──▶ repaired text + offset map
            ──annotate.split_sentences──▶ sentence spans
            ──resolve (actors, places, dates over the whole text)──▶ tags
            ──prefilter: trigger word + actor in the sentence?──▶ candidate sentences
            ──annotate.parse (spaCy, batched)──▶ parsed sentences
            ──extract.rules──▶ drafts (sentence offsets)
            ──evidence mapped to ORIGINAL text; document-level merge──▶ Events
    Events + Articles + Rejections ──store──▶ DuckDB

``Pipeline.process(articles)`` returns the events and the rejections; a document that
fails anywhere becomes a ``Rejection`` and the batch goes on.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from whimbrel.annotate import Annotator, split_sentences
from whimbrel.config import Config
from whimbrel.errors import WhimbrelError
from whimbrel.extract import lexicon
from whimbrel.extract.merge import merge_mentions
from whimbrel.extract.rules import (
    EXTRACTOR_PREFIX,
    RULES_VERSION,
    Draft,
    SentenceInput,
    extract_sentence,
    military_actors,
)
from whimbrel.ontology import ALLIANCES, EventType, Modality
from whimbrel.records import Article, Event, Mention, Rejection, Span, Tag
from whimbrel.repair import Repaired, repair
from whimbrel.resolve.actors import default_resolver
from whimbrel.resolve.dates import find_dates
from whimbrel.resolve.places import find_places

if TYPE_CHECKING:
    from whimbrel.scale import Executor

log = logging.getLogger(__name__)

# Phrases that refer back to states named earlier in the document.
_GROUP_RE = re.compile(
    r"\b(?:the\s+|these\s+|those\s+)?(?:(two|both|three|four)\s+)"
    r"(?:nations|countries|states|sides|governments|militaries|navies|armies|powers|allies|"
    r"neighbours|neighbors)\b|\bboth\s+(?:sides|countries|nations)\b",
    re.IGNORECASE,
)
_GROUP_SIZE = {"two": 2, "both": 2, "three": 3, "four": 4}
# "Russian-ally Belarus", "Iranian-made drones", "US-backed forces": the state named in such
# a compound qualifies someone or something else; it does not take part.
_MODIFIER_COMPOUND_RE = re.compile(
    r"-(?:ally|allied|backed|made|built|supplied|based|born|funded|trained|owned|flagged|"
    r"designed|produced|brokered|friendly|aligned|leaning|controlled|occupied|held)\b",
    re.IGNORECASE,
)
# "the bloc", "the alliance": the alliance the document has named most.
_ALLIANCE_REF_RE = re.compile(r"\bthe\s+(?:bloc|alliance|grouping)\b", re.IGNORECASE)

_IRREGULAR_TRIGGER_FORMS = (
    "bought",
    "got",
    "sent",
    "gave",
    "given",
    "met",
    "sold",
    "struck",
    "stricken",
    "shot",
    "kept",
)
# A document that keeps returning to war games, simulations and scenarios is about a
# simulation: none of its moves happened.
_SPECULATIVE_DOC_RE = re.compile(
    r"\b(?:war[- ]?games?|wargam\w*|tabletop|simulations?|scenarios?|what if)\b", re.IGNORECASE
)
_SPECULATIVE_DOC_MIN_CUES = 3
# An article naming military matters this often is a security story: meetings of its
# leaders are security meetings even when one sentence does not say so.
_MILITARY_WORD_RE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.MILITARY_WORDS)) + r")\b", re.IGNORECASE
)
_SECURITY_DOC_MIN_WORDS = 5
# "WASHINGTON – ...", "Metro Manila, Philippines — ...": a dateline names where the story
# was filed, not who acted.
_DATELINE_RE = re.compile(
    r"^[A-Z][\w .,'()\[\]/]{0,60}?(?:\s[—–-]{1,2}\s|\([A-Z][\w ]{1,20}\)\s?[:—–-]\s)"
)


def _trigger_regex() -> re.Pattern[str]:
    stems: set[str] = set()
    for lemma in lexicon.prefilter_lemmas():
        stem = lemma[:-1] if lemma.endswith(("e", "y")) and len(lemma) > 3 else lemma
        stems.add(re.escape(stem))
    alternatives = sorted(stems | set(_IRREGULAR_TRIGGER_FORMS), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_TRIGGER_RE = _trigger_regex()


@dataclass(frozen=True, slots=True)
class ProcessResult:
    events: tuple[Event, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    per_doc: dict[str, tuple[Event, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Prepared:
    article: Article
    repaired: Repaired
    sentences: tuple[tuple[int, int], ...]
    candidates: tuple[tuple[int, tuple[Tag, ...]], ...]  # (sentence index, actor tags)
    places: tuple[Tag, ...]
    dates: tuple[Tag, ...]
    speculative: bool
    security_document: bool
    actor_counts: Counter[str]
    fighters: frozenset[str] = frozenset()  # states whose troops the story shows fighting


class Pipeline:
    """Runs repair, annotation, extraction, resolution and merging on articles."""

    def __init__(self, config: Config | None = None, *, prefilter: bool | None = None) -> None:
        self.config = config or Config.load()
        self.annotator = Annotator(
            model=self.config.get("annotate.model"),
            max_sentence_chars=self.config.get("annotate.max_sentence_chars"),
        )
        self.prefilter = self.config.get("annotate.prefilter") if prefilter is None else prefilter
        self.min_confidence: float = self.config.get("extract.min_confidence")
        self.repair_enabled: bool = self.config.get("repair.enabled")

    # -- public ---------------------------------------------------------------------------

    def process(self, articles: Iterable[Article]) -> ProcessResult:
        events: list[Event] = []
        rejections: list[Rejection] = []
        per_doc: dict[str, tuple[Event, ...]] = {}
        for article, outcome in self.process_each(articles):
            if isinstance(outcome, Rejection):
                rejections.append(outcome)
            else:
                per_doc[article.doc_id] = outcome
                events.extend(outcome)
        return ProcessResult(tuple(events), tuple(rejections), per_doc)

    def process_each(
        self, articles: Iterable[Article], *, batch_size: int = 32
    ) -> Iterator[tuple[Article, tuple[Event, ...] | Rejection]]:
        """Yield (article, its events or its rejection) in input order, in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._process_batch(batch)
                batch = []
        if batch:
            yield from self._process_batch(batch)

    # -- stages ---------------------------------------------------------------------------

    def _process_batch(
        self, articles: Sequence[Article]
    ) -> Iterator[tuple[Article, tuple[Event, ...] | Rejection]]:
        prepared: list[_Prepared | Rejection] = []
        for article in articles:
            try:
                prepared.append(self._prepare(article))
            except Exception as exc:  # one bad document never stops the batch
                prepared.append(_reject(article, "prepare", exc))
        texts: list[str] = []
        for prep in prepared:
            if isinstance(prep, _Prepared):
                for index, _tags in prep.candidates:
                    start, end = prep.sentences[index]
                    texts.append(prep.repaired.text[start:end])
        docs = iter(self.annotator.parse(texts))
        for article, prep in zip(articles, prepared, strict=True):
            if isinstance(prep, Rejection):
                yield article, prep
                continue
            parsed = [next(docs) for _ in prep.candidates]
            try:
                yield article, self._extract(prep, parsed)
            except Exception as exc:  # one bad document never stops the batch
                yield article, _reject(article, "extract", exc)

    def _prepare(self, article: Article) -> _Prepared:
        repaired = repair(article.text) if self.repair_enabled else Repaired.identity(article.text)
        text = repaired.text
        sentences = tuple(split_sentences(text))
        actor_tags = [
            Tag(s.start, s.end, s.text, s.code, s.kind) for s in default_resolver().find(text)
        ]
        places = _with_place_references(
            text,
            [
                Tag(p.start, p.end, text[p.start : p.end], p.name, p.kind, p.country)
                for p in find_places(text)
            ],
        )
        dates = tuple(
            Tag(d.start, d.end, d.text, d.value, d.precision)
            for d in find_dates(text, published=article.published)
        )
        candidates: list[tuple[int, tuple[Tag, ...]]] = []
        seen: Counter[str] = Counter()
        fighters: set[str] = set()
        tag_iter = 0
        for index, (start, end) in enumerate(sentences):
            in_sentence: list[Tag] = []
            while tag_iter < len(actor_tags) and actor_tags[tag_iter].start < end:
                tag = actor_tags[tag_iter]
                if tag.start >= start:
                    in_sentence.append(tag)
                tag_iter += 1
            sentence = text[start:end]
            in_sentence = [t for t in in_sentence if not _MODIFIER_COMPOUND_RE.match(text, t.end)]
            dateline = _DATELINE_RE.match(sentence)
            if dateline:
                in_sentence = [t for t in in_sentence if t.start >= start + dateline.end()]
            group_tags = (
                _group_tags(sentence, start, seen, in_sentence)
                + _listed_group_tags(sentence, start, in_sentence)
                + _speaker_tags(sentence, start, in_sentence)
            )
            for tag in in_sentence:
                seen[tag.value] += 1
            demonyms = [t for t in in_sentence if t.kind == "demonym"]
            if demonyms and _FIGHTING_RE.search(sentence) and _TROOPS_RE.search(sentence):
                fighters.update(c for t in demonyms for c in t.value.split("+"))
            tags = tuple(sorted(in_sentence + group_tags, key=lambda t: t.start))
            # the prefilter parses only sentences that name a state and hold a trigger word;
            # without it every sentence is parsed (the naive baseline, same output)
            if self.prefilter and (not tags or not _TRIGGER_RE.search(sentence)):
                continue
            candidates.append((index, tags))
        speculative = len(_SPECULATIVE_DOC_RE.findall(text)) >= _SPECULATIVE_DOC_MIN_CUES
        return _Prepared(
            article,
            repaired,
            sentences,
            tuple(candidates),
            places,
            dates,
            speculative,
            len(_MILITARY_WORD_RE.findall(text)) >= _SECURITY_DOC_MIN_WORDS,
            Counter(code for tag in actor_tags for code in tag.value.split("+")),
            frozenset(fighters),
        )

    def _extract(self, prep: _Prepared, parsed: Sequence[Any]) -> tuple[Event, ...]:
        mentions: list[Mention] = []
        # the latest military activity: (sentence index, its actors), for intercepts and
        # scrambles whose target is only named before ("Japan scrambled jets to shadow them")
        recent: list[tuple[int, tuple[str, ...]]] = []
        document_actors = frozenset(prep.actor_counts)
        for (index, tags), doc in zip(prep.candidates, parsed, strict=True):
            start, end = prep.sentences[index]
            limit = start + len(doc.text)
            sent = SentenceInput(
                doc=doc,
                actors=tuple(_shift(t, start) for t in tags if t.end <= limit),
                places=tuple(
                    _shift(t, start) for t in prep.places if start <= t.start and t.end <= limit
                ),
                dates=tuple(
                    _shift(t, start) for t in prep.dates if start <= t.start and t.end <= limit
                ),
                speculative_document=prep.speculative,
                document_actors=document_actors,
                security_document=prep.security_document,
            )
            o_start, o_end = prep.repaired.original_span(start, end)
            evidence = Span(prep.article.text[o_start:o_end], o_start, o_end)
            forces = military_actors(sent)
            if forces:
                recent.append((index, forces))
            for found in extract_sentence(sent):
                if found.confidence < self.min_confidence:
                    continue
                draft = _with_context_target(found, index, recent, prep.actor_counts)
                if draft is None:
                    continue
                if draft.type is EventType.DEPLOYMENT and draft.target:
                    recent.append((index, draft.target))  # who was intercepted or shadowed
                elif draft.type in _ACTIVITY_TYPES:
                    recent.append((index, draft.actors))
                mentions.append(
                    Mention(
                        doc_id=prep.article.doc_id,
                        type=draft.type,
                        actors=draft.actors,
                        target=draft.target,
                        modality=_under_way(draft, prep.article.published),
                        evidence=evidence,
                        trigger=draft.trigger,
                        extractor=draft.extractor,
                        date=draft.date,
                        location=draft.location,
                        name=draft.name,
                        count=draft.count,
                        confidence=draft.confidence,
                        date_hint=draft.date_hint,
                        distinct=draft.distinct,
                    )
                )
        if prep.fighters:
            mentions = _troops_fighting_for(mentions, prep.fighters)
        return tuple(merge_mentions(mentions))


@functools.cache
def default_pipeline() -> Pipeline:
    """One pipeline with the packaged configuration, shared by library callers."""
    return Pipeline(Config.load())


_ACTIVITY_TYPES = frozenset({EventType.EXERCISE, EventType.DEPLOYMENT, EventType.ATTACK})
_CONTEXT_WINDOW = 4  # sentences back


def _with_context_target(
    draft: Draft,
    index: int,
    recent: Sequence[tuple[int, tuple[str, ...]]],
    actor_counts: Counter[str],
) -> Draft | None:
    """Fill the target of a draft that needs one from the states whose forces the last few
    sentences show most often (the shadowed formation recurs; its shadowers appear once);
    drop the draft when there are none."""
    if draft.target_from_counterpart:
        return _with_counterpart(draft, actor_counts)
    if not draft.target_from_context:
        return draft
    counts: Counter[str] = Counter(
        code
        for where, actors in recent
        if 0 <= index - where <= _CONTEXT_WINDOW
        for code in actors
        if code not in draft.actors
    )
    if not counts:
        return None
    top = max(counts.values())
    return replace(draft, target=tuple(sorted(c for c, n in counts.items() if n == top)))


_COUNTERPART_MIN_MENTIONS = 3


def _with_counterpart(draft: Draft, actor_counts: Counter[str]) -> Draft | None:
    """The state the article is about besides the draft's actors, when one clearly is:
    named at least three times and more often than any other."""
    ranked = [
        (code, n)
        for code, n in actor_counts.most_common()
        if code not in draft.actors and code not in ALLIANCES
    ]
    if not ranked or ranked[0][1] < _COUNTERPART_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return replace(draft, target=(ranked[0][0],), target_from_counterpart=False)


_FIGHTING_RE = re.compile(r"\b(?:fight\w*|combat|battles?|front[- ]?lines?)\b", re.IGNORECASE)
_TROOPS_RE = re.compile(r"\b(?:troops|soldiers|forces|units|fighters|servicemen)\b", re.IGNORECASE)


_TROOPS_FOR_EXTRACTOR = f"{EXTRACTOR_PREFIX}.military_aid.troops_fighting_for.{RULES_VERSION}"


def _troops_fighting_for(mentions: Sequence[Mention], fighters: frozenset[str]) -> list[Mention]:
    """A state's troops sent into a state that is waging a war the sender is no party to,
    when the story says that state's troops fight (North Korean soldiers in Russia): military
    aid from sender to host, not a deployment of the sender's own forces. Peacekeepers and
    garrisons, whose troops the story never shows fighting, stay deployments."""
    wars = {
        (a, t) for m in mentions if m.type is EventType.ATTACK for a in m.actors for t in m.target
    }
    belligerents = {code for pair in wars for code in pair}
    attackers = {a for a, _t in wars}
    converted: list[Mention] = []
    for m in mentions:
        if (
            m.type is EventType.DEPLOYMENT
            and len(m.target) == 1
            and m.target[0] in attackers
            and set(m.actors) <= fighters
            and not set(m.actors) & belligerents
        ):
            m = replace(m, type=EventType.MILITARY_AID, extractor=_TROOPS_FOR_EXTRACTOR)
        converted.append(m)
    return converted


# "the islands", "the shoal": the feature of that kind named last.
_PLACE_REF_RE = re.compile(
    r"\bthe\s+(islands|island|shoal|reef|strait|peninsula|atoll|gulf|bay|valley)\b"
)


def _with_place_references(text: str, places: list[Tag]) -> tuple[Tag, ...]:
    """Add a tag for each "the islands" / "the shoal" that refers back to the last place
    named with that head word ("the Kuril Islands ... its presence on the islands")."""
    refs: list[Tag] = []
    for m in _PLACE_REF_RE.finditer(text):
        head = m.group(1)
        before = [p for p in places if p.end <= m.start() and p.value.lower().split()[-1] == head]
        if before:
            last = before[-1]
            refs.append(Tag(m.start(), m.end(), m.group(0), last.value, "reference", last.country))
    return tuple(sorted(places + refs, key=lambda t: t.start))


def _under_way(draft: Draft, published: str | None) -> Modality:
    """A planned event that starts on the publication day ("set to take place from March
    28", published March 28) is under way: asserted. (Only that day: a weekday named with
    a future verb may resolve to the past week, and an approval's date is not the sale's.)"""
    if (
        draft.modality is Modality.PLANNED
        and draft.date is not None
        and published is not None
        and draft.date == published[:10]
    ):
        return Modality.ASSERTED
    return draft.modality


def _shift(tag: Tag, offset: int) -> Tag:
    return replace(tag, start=tag.start - offset, end=tag.end - offset)


def _group_tags(
    sentence: str, offset: int, seen: Counter[str], local: Sequence[Tag] = ()
) -> list[Tag]:
    """Tags for "the two nations" / "both sides" (the states the sentence has just named,
    when it named as many; else the most mentioned states so far) and for "the bloc" /
    "the alliance" (the most mentioned alliance so far)."""
    tags: list[Tag] = []
    alliances = [code for code, _n in seen.most_common() if code in ALLIANCES]
    if alliances:
        for m in _ALLIANCE_REF_RE.finditer(sentence):
            tags.append(
                Tag(offset + m.start(), offset + m.end(), m.group(0), alliances[0], "group")
            )
    for m in _GROUP_RE.finditer(sentence):
        size = _GROUP_SIZE.get((m.group(1) or "both").lower(), 2)
        named = _states_named_before(local, offset + m.start())
        if len(named) == size:  # "Japan will join the Philippines ... between the two"
            value = "+".join(named)
            tags.append(Tag(offset + m.start(), offset + m.end(), m.group(0), value, "group"))
            continue
        ranked = [code for code, _n in seen.most_common() if code not in ALLIANCES]
        if len(ranked) < size:
            continue
        top = ranked[:size]
        if len(ranked) > size and seen[ranked[size - 1]] == seen[ranked[size]]:
            continue  # ambiguous: do not guess
        tags.append(
            Tag(offset + m.start(), offset + m.end(), m.group(0), "+".join(sorted(top)), "group")
        )
    return tags


def _states_named_before(tags: Sequence[Tag], position: int) -> list[str]:
    """The states (not alliances) the tags name before ``position``, sorted."""
    return sorted(
        {
            code
            for t in tags
            if t.end <= position
            for code in t.value.split("+")
            if code not in ALLIANCES
        }
    )


# "Germany, the UK and France said those countries will ...": no number, so only a list
# named earlier in the same sentence can be meant.
_LISTED_GROUP_RE = re.compile(
    r"\b(?:these|those|the|all)\s+(?:countries|nations|states|governments)\b", re.IGNORECASE
)


def _listed_group_tags(sentence: str, offset: int, actor_tags: Sequence[Tag]) -> list[Tag]:
    tags: list[Tag] = []
    for m in _LISTED_GROUP_RE.finditer(sentence):
        if _GROUP_RE.match(sentence, m.start()):
            continue  # "the two countries": counted references are resolved elsewhere
        listed = _states_named_before(actor_tags, offset + m.start())
        if len(listed) >= 2:
            value = "+".join(listed)
            tags.append(Tag(offset + m.start(), offset + m.end(), m.group(0), value, "group"))
    return tags


_QUOTE_RE = re.compile(r"“[^”]{3,}”|\"[^\"]{3,}\"")
_FIRST_PERSON_RE = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)


def _speaker_tags(sentence: str, offset: int, actor_tags: Sequence[Tag]) -> list[Tag]:
    """“Some of our exercises were cancelled,” Stoltenberg said: inside a quotation, "we"
    and "our" are the speaker's state when the words outside it name exactly one."""
    tags: list[Tag] = []
    quotes = [(m.start() + offset, m.end() + offset) for m in _QUOTE_RE.finditer(sentence)]
    if not quotes:
        return _reported_speaker_tags(sentence, offset, actor_tags)
    outside = {
        code
        for t in actor_tags
        if not any(a <= t.start < b for a, b in quotes)
        for code in t.value.split("+")
    }
    if len(outside) != 1:
        return tags
    (speaker,) = outside
    for a, b in quotes:
        for m in _FIRST_PERSON_RE.finditer(sentence, a - offset, b - offset):
            tags.append(Tag(offset + m.start(), offset + m.end(), m.group(0), speaker, "speaker"))
    return tags


_SAYING_RE = re.compile(r"\b(?:said|says|stated|states|added|claimed|claims|declared|told)\b")


_OWN_RE = re.compile(r"\s+(?:that\s+)?(its|their)\b")


def _reported_speaker_tags(sentence: str, offset: int, actor_tags: Sequence[Tag]) -> list[Tag]:
    """ "A statement issued by Armenia said that the army fired on our positions": in
    reported speech, "we" and "our" after the verb of saying are the speaker's state when
    the words before it name exactly one."""
    saying = _SAYING_RE.search(sentence)
    if saying is None:
        return []
    before = {
        code for t in actor_tags if t.start < offset + saying.start() for code in t.value.split("+")
    }
    if len(before) != 1:
        return []
    (speaker,) = before
    tags = [
        Tag(offset + m.start(), offset + m.end(), m.group(0), speaker, "speaker")
        for m in _FIRST_PERSON_RE.finditer(sentence, saying.end())
    ]
    # "Ukraine's General Staff said its drones struck ...": the reported clause's own
    # subject, right after the verb of saying
    own = _OWN_RE.match(sentence, saying.end())
    if own is not None:
        start, end = offset + own.start(1), offset + own.end(1)
        tags.append(Tag(start, end, own.group(1), speaker, "speaker"))
    return tags


def _reject(article: Article, stage: str, exc: Exception) -> Rejection:
    code = exc.code if isinstance(exc, WhimbrelError) else "W-EXTRACT-001"
    log.warning("document %s rejected at %s: %s", article.doc_id, stage, exc, exc_info=exc)
    return Rejection(
        source=article.source or article.doc_id,
        stage=stage,
        code=code,
        reason=f"{type(exc).__name__}: {exc}",
        doc_id=article.doc_id,
    )


# --- whole jobs: ingest into a store, evaluate against gold, the demo --------------------


@dataclass(frozen=True, slots=True)
class IngestReport:
    db: str
    seen: int
    added: int
    skipped: int
    events: int
    rejections: tuple[Rejection, ...]

    def summary_line(self) -> str:
        return (
            f"{self.seen} documents read: {self.added} added, {self.skipped} already stored, "
            f"{len(self.rejections)} rejected; {self.events} events stored in {self.db}"
        )


def ingest_paths(
    paths: Sequence[str],
    *,
    db: str,
    input_format: str | None = None,
    config: Config | None = None,
    progress: bool = False,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    executor: Executor | None = None,
) -> IngestReport:
    """Stream documents from ``paths`` through the pipeline into the store at ``db``.

    Articles already stored are not processed again; each batch is one transaction.
    ``workers`` > 1 runs the pipeline in that many processes; an ``executor`` (e.g. the
    Ray one) replaces the local ones and is left open for its owner.
    """
    from whimbrel.ingest import iter_documents
    from whimbrel.scale import limit_store_memory, make_executor, owned
    from whimbrel.store import Store

    config = config or Config.load()
    seen = added = skipped = n_events = 0
    rejections: list[Rejection] = []
    with (
        owned(executor, lambda: make_executor(config, workers=workers, pipeline=pipeline)) as run,
        Store(db) as store,
        _progress(progress) as advance,
    ):
        limit_store_memory(store, config.get("scale.store_memory_mb"))
        batch_size: int = run.batch_size or config.get("store.batch_size")
        pending: list[Article] = []

        def flush() -> None:
            nonlocal added, skipped, n_events
            known = store.known_doc_ids(a.doc_id for a in pending)
            fresh: list[Article] = []
            seen_again: list[Article] = []  # stored already: recorded as another source
            ids: set[str] = set()
            for a in pending:
                if a.doc_id in known or a.doc_id in ids:
                    skipped += 1
                    seen_again.append(a)
                else:
                    ids.add(a.doc_id)
                    fresh.append(a)
            items: list[tuple[Article, Sequence[Event]]] = []
            batch_rejections: list[Rejection] = []
            for article, outcome in run.map(fresh):
                if isinstance(outcome, Rejection):
                    batch_rejections.append(outcome)
                else:
                    items.append((article, outcome))
                    n_events += len(outcome)
            added += store.write_batch(items, batch_rejections, also_seen=seen_again)
            rejections.extend(batch_rejections)
            advance(len(pending))
            pending.clear()

        for item in iter_documents(paths, input_format=input_format, config=config):
            seen += 1
            if isinstance(item, Rejection):
                rejections.append(item)
                store.add_rejections([item])
                advance(1)
                continue
            pending.append(item)
            if len(pending) >= batch_size:
                flush()
        if pending:
            flush()
    return IngestReport(db, seen, added, skipped, n_events, tuple(rejections))


class _progress:
    """A rich progress bar on stderr when asked for; a no-op otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        task = self._bar.add_task("ingesting", total=None)
        return lambda n: self._bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def evaluate_gold(
    gold_path: str, *, config: Config | None = None, pipeline: Pipeline | None = None
) -> tuple[Any, list[dict[str, Any]]]:
    """Run the pipeline on the texts of a gold file; return (Report, predicted event dicts)."""
    from whimbrel.evaluate import load_gold, score

    gold = load_gold(gold_path)
    pipeline = pipeline or Pipeline(config)
    articles = [
        Article(doc_id=g.doc_id, text=g.text, published=g.published, url=g.url) for g in gold
    ]
    result = pipeline.process(articles)
    predicted = [e.to_dict() for e in result.events]
    return score(gold, predicted), predicted


def run_demo(db: str, *, config: Config | None = None) -> int:
    """Replace ``db`` with a store of the packaged sample articles; return how many."""
    from pathlib import Path

    from whimbrel.evaluate.samples import load_samples
    from whimbrel.store import Store

    for suffix in ("", ".wal"):
        Path(db + suffix).unlink(missing_ok=True)
    pipeline = Pipeline(config)
    samples = load_samples()
    result = pipeline.process(samples)
    with Store(db) as store:
        store.write_batch(
            [(a, result.per_doc.get(a.doc_id, ())) for a in samples], result.rejections
        )
    return len(samples)
