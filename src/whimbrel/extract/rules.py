"""Rule-based event extraction over one parsed sentence.

For each trigger token the rules find the clause verb that carries it, give every actor
tag of the sentence a role by its dependency path to the trigger (agent, target, or none),
read the modality from the cues that govern the trigger's own clause, and attach the date,
place, exercise name and count that belong to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from whimbrel.extract import lexicon as lx
from whimbrel.ontology import (
    ALLIANCES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    EventType,
    Modality,
)
from whimbrel.records import Tag
from whimbrel.resolve.actors import default_resolver

E = EventType
Token = Any  # spaCy Token (spaCy ships no type stubs)

EXTRACTOR_PREFIX = "whimbrel.rules"
RULES_VERSION = "v1"

SYMMETRIC = frozenset({E.EXERCISE, E.MEETING, E.AGREEMENT})

# Verbs whose subject is not the doer of a nominal event they govern ("X condemned the
# strike", "Y reported drills").
_NON_AGENT_VERBS = frozenset(
    [
        "say",
        "report",
        "claim",
        "accuse",
        "condemn",
        "criticise",
        "criticize",
        "deny",
        "protest",
        "slam",
        "decry",
        "denounce",
        "express",
        "show",
        "follow",
        "mark",
        "underscore",
        "highlight",
        "point",
        "come",
        "raise",
        "cite",
        "describe",
        "call",
        "see",
        "view",
        "consider",
        "watch",
        "monitor",
        "observe",
        "track",
        "respond",
        "react",
        "fear",
        "worry",
        "concern",
        "discuss",
        "note",
        "reveal",
        "detail",
        "suggest",
        "indicate",
        "predict",
        "warn",
        "threaten",
        "urge",
        "ask",
        "demand",
        "blame",
        "tell",
    ]
)
_REPORTING_VERBS = frozenset(
    """say report tell announce state claim add confirm reveal note write quote learn""".split()
)

# Preposition -> role for each type: "A" agent, "T" target.
_PREP_ROLES: dict[str, dict[EventType, str]] = {
    "between": {E.EXERCISE: "A", E.MEETING: "A", E.AGREEMENT: "A", E.ATTACK: "A"},
    "among": {E.EXERCISE: "A", E.MEETING: "A", E.AGREEMENT: "A"},
    "with": {E.EXERCISE: "A", E.MEETING: "A", E.AGREEMENT: "A", E.ATTACK: "T"},
    "alongside": {E.EXERCISE: "A", E.MEETING: "A"},
    "by": {t: "A" for t in EventType},
    "against": {E.ATTACK: "T", E.THREAT: "T", E.SANCTION: "T", E.DEPLOYMENT: "T", E.EXERCISE: "T"},
    "around": {E.EXERCISE: "T", E.DEPLOYMENT: "T", E.ATTACK: "T"},
    "near": {E.EXERCISE: "T"},
    "toward": {E.EXERCISE: "T", E.DEPLOYMENT: "T", E.ATTACK: "T", E.THREAT: "T"},
    "towards": {E.EXERCISE: "T", E.DEPLOYMENT: "T", E.ATTACK: "T", E.THREAT: "T"},
    "on": {E.ATTACK: "T", E.SANCTION: "T", E.DEPLOYMENT: "T"},
    "at": {E.ATTACK: "T", E.SANCTION: "T", E.THREAT: "T"},
    "into": {E.ATTACK: "T", E.DEPLOYMENT: "T"},
    "in": {E.ATTACK: "T", E.DEPLOYMENT: "T"},
    "to": {E.MILITARY_AID: "T", E.DEPLOYMENT: "T", E.SANCTION: "T", E.THREAT: "T", E.MEETING: "A"},
    "of": {E.ATTACK: "T", E.SANCTION: "T", E.EXERCISE: "A", E.MEETING: "A", E.DEPLOYMENT: "A"},
    "from": {E.MILITARY_AID: "A"},
}

# Named exercises and operations: "Joint Sea-2024", "Vostok 2022", "Ocean-2024", or a
# quoted capitalised name in a sentence that talks about an exercise or operation.
_NAME_RE = re.compile(
    r"\b((?:[A-Z][\w.]*[ -]){0,3}[A-Z][\w]*-(?:19|20)\d\d)\b"
    r"|\b((?:[A-Z][a-z]+ ){1,3}(?:19|20)\d\d)\b"
    r"|[\"“‘]([A-Z][\w-]*(?:[ -][A-Z][\w-]*){0,3})[\"”’]"
    # lowercased text: "ocean-2024", quoted or before the word for an exercise
    r"|[\"“‘]([a-z]+-(?:19|20)\d\d)[\"”’]"
    r"|\b([a-z]+-(?:19|20)\d\d)(?=(?:\s+[a-z]+)?\s+(?:exercise|drill|operation|maneuver))"
)
_NOT_NAME_WORDS = frozenset(
    [
        "in",
        "on",
        "since",
        "by",
        "from",
        "until",
        "for",
        "of",
        "and",
        "the",
        "a",
        "during",
        "after",
        "before",
        "early",
        "late",
        "mid",
        *(month.lower() for month in MONTHS),
        *(abbreviation.lower() for abbreviation in MONTH_ABBREVIATIONS),
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ]
)
_NAME_CONTEXT = re.compile(
    r"exercis|drill|operation|code|dub|name|war ?game|manoeuv|maneuv", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Draft:
    """One event found in one sentence; offsets are relative to the sentence text."""

    type: EventType
    actors: tuple[str, ...]
    target: tuple[str, ...]
    modality: Modality
    trigger: str
    trigger_start: int
    extractor: str
    date: str | None
    location: str | None
    name: str | None
    count: int
    confidence: float
    date_hint: str | None = None
    distinct: bool = False  # "supplied additional weapons": not a repeat of an earlier mention
    # an intercept whose target is named only in an earlier sentence: the pipeline fills
    # it from the document's latest military activity by other states, or drops the draft
    target_from_context: bool = False
    # a threat or sanction whose target is the article's main counterpart state
    target_from_counterpart: bool = False


@dataclass(frozen=True, slots=True)
class SentenceInput:
    """A parsed sentence with its resolved actor, place and date tags (sentence offsets)."""

    doc: Any
    actors: tuple[Tag, ...]
    places: tuple[Tag, ...]
    dates: tuple[Tag, ...]
    speculative_document: bool = False
    security_document: bool = True  # the article as a whole is about military matters
    document_actors: frozenset[str] = frozenset()


def military_actors(sent: SentenceInput) -> tuple[str, ...]:
    """States whose forces the sentence shows in action: "a Russian navy frigate", "Chinese
    and Russian bombers", "China's warships" (the actor qualifies a force or platform)."""
    codes: list[str] = []
    for head, tag in _actor_heads(sent):
        noun = head
        while noun.dep_ in {"amod", "compound", "poss", "conj", "nmod"} and noun.head.i != noun.i:
            noun = noun.head
            if noun.lemma_.lower() in lx.DEPLOYABLE or noun.lower_ in lx.DEPLOYABLE:
                codes.extend(tag.value.split("+"))
                break
    return tuple(sorted(set(codes)))


def extract_sentence(sent: SentenceInput) -> list[Draft]:
    """All event drafts of one sentence, at most one per trigger token."""
    drafts: list[Draft] = []
    seen: set[tuple[Any, ...]] = set()
    words = {t.lower_ for t in sent.doc}
    if words & lx.SPORT_WORDS and len(words & lx.MILITARY_WORDS) < 2:
        return []
    actor_heads = _actor_heads(sent)
    if not actor_heads:
        return []
    for token in sent.doc:
        etype, rule = _trigger_type(token, sent.security_document)
        if etype is None:
            continue
        draft = _build(sent, token, etype, rule, actor_heads)
        if draft is None:
            continue
        key = (draft.type, draft.actors, draft.target, draft.modality)
        if key in seen:
            continue
        seen.add(key)
        drafts.append(draft)
    return _drop_subsumed(drafts)


def _drop_subsumed(drafts: list[Draft]) -> list[Draft]:
    """Drop what a richer same-sentence draft already says: "Japan scrambled jets to
    intercept Russian bombers" is one deployment, with its target (a draft whose target is
    a strict subset of a twin's goes); "China sent warships to take part in the exercise"
    is the exercise (a targetless deployment by its participants goes)."""

    def subsumes(o: Draft, d: Draft) -> bool:
        if (o.type, o.actors, o.modality) == (d.type, d.actors, d.modality):
            return set(d.target) < set(o.target)
        return (
            d.type is E.DEPLOYMENT
            and not d.target
            and o.type is E.EXERCISE
            and d.modality == o.modality  # a halted movement is no part of planned drills
            and set(d.actors) <= set(o.actors)
        )

    return [d for d in drafts if not any(o is not d and subsumes(o, d) for o in drafts)]


_EXTRACTION_WORDS = frozenset({"oil", "gas", "well", "wells", "rig", "rigs", "exploration"})


def _trigger_type(token: Token, security_document: bool) -> tuple[EventType | None, str]:
    lemma = token.lemma_.lower()
    text = token.lower_
    if lemma == "drill" and any(t.lower_ in _EXTRACTION_WORDS for t in token.sent):
        return None, ""  # drilling for oil and gas
    if lemma == "fire" and token.pos_ == "NOUN" and any(c.lower_ == "test" for c in token.children):
        lemma = text = "test-fire"  # "a test - fire of a missile", split by the tokenizer
    if token.pos_ in {"NOUN", "PROPN"} or (
        token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in {"dobj", "pobj", "nsubj"}
    ):
        etype = lx.NOUN_TRIGGERS.get(lemma) or lx.NOUN_TRIGGERS.get(text.rstrip("s"))
        if etype is not None and _noun_is_trigger(token, etype, lemma, security_document):
            return etype, lemma
        return None, ""
    if token.pos_ == "VERB":
        # "sent troops to X", and (participles) "troops sent to X", "troops were sent to X"
        passive_forces = token.tag_ == "VBN" and (
            (token.dep_ == "acl" and token.head.lower_ in lx.DEPLOYABLE)
            or _subject_in(token, lx.DEPLOYABLE)
        )
        sent_forces = _direct_object_in(token, lx.DEPLOYABLE) or passive_forces
        if lemma in lx.SENDING_VERBS and sent_forces:
            # forces sent somewhere are a deployment; sent to fight for another state, aid
            if _purpose_in(token, {"fight", "help", "support", "assist", "reinforce"}):
                return E.MILITARY_AID, "send_forces"
            if _purpose_in(token, {"participate", "join", "take", "attend"}):
                return E.EXERCISE, "send_forces"  # forces sent to take part in drills
            return E.DEPLOYMENT, "send_forces"
        if (
            lemma in lx.KEEPING_VERBS
            and _direct_object_in(token, lx.DEPLOYABLE)
            and any(c.dep_ == "prep" and c.lower_ in {"in", "on", "at"} for c in token.children)
        ):
            return E.DEPLOYMENT, "send_forces"  # "Ethiopia has kept troops in Somalia"
        if (
            lemma == "shoot"
            and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children)
            and any(c.dep_ == "dobj" for c in token.children)
        ):
            return E.ATTACK, "fire"  # "air defences shot down a Malian army drone"
        if lemma == "declare" and "persona non grata" in token.sent.text.lower():
            return E.SANCTION, "expel"  # "declaring a Russian embassy employee persona non grata"
        subject_holder = token.head if token.dep_ == "xcomp" else token
        if (
            lemma in {"arrive", "reach"}
            and _subject_in(subject_holder, lx.MILITARY_OBJECTS - lx.DEPLOYABLE)
            and not _subject_in(subject_holder, lx.DEPLOYABLE)
        ):
            return E.MILITARY_AID, "arrive_goods"  # "Russia's S-400s arrived in Turkey"
        if (
            lemma in {"grant", "give", "allow", "offer"}
            and _direct_object_in(token, {"access"})
            and _has_object_in(token, _BASING_WORDS)
        ):
            return E.DEPLOYMENT, "access"
        if lemma == "hand" and any(c.dep_ == "prt" and c.lower_ == "over" for c in token.children):
            return (E.MILITARY_AID, "supply") if _has_military_object(token) else (None, "")
        if (
            lemma in _SUFFER_VERBS
            and _direct_object_in(token, {"consequence", "price", "retaliation", "punishment"})
            and token.dep_ == "ccomp"
            and token.head.lemma_.lower() in _STATEMENT_VERBS
        ):
            return E.THREAT, "consequence"  # "X stated that Y will face consequences"
        aimed = lx.AIMED_PREPS if lemma != "launch" else lx.AIMED_PREPS - {"on", "upon"}
        if lemma in {"fire", "shoot", "launch"} and any(
            c.dep_ == "prep" and c.lower_ in aimed for c in token.children
        ):
            return E.ATTACK, "fire"  # "launched drones at Ukraine"; fired toward a sea: launch
        if lemma == "open" and _direct_object_in(token, {"fire"}):
            return E.ATTACK, "fire"  # "the army opened fire on border posts"
        if lemma in lx.LAUNCH_VERBS and _direct_object_in(token, lx.LAUNCH_OBJECTS):
            return E.EXERCISE, "launch"
        etype = lx.VERB_TRIGGERS.get(lemma)
        if etype is not None and _verb_is_trigger(token, etype, lemma, security_document):
            return etype, lemma
        if lemma in lx.RECEIVE_VERBS and _has_military_object(token):
            return E.MILITARY_AID, "receive"
    return None, ""


_BASING_WORDS = frozenset(
    """base bases port ports airfield airfields airbase airbases facility facilities airspace
    installation installations naval military""".split()
)
_SPEECH_VERBS = {"say", "accuse", "call", "describe", "claim", "argue", "brand", "dismiss"}


def _purpose_in(token: Token, lemmas: set[str]) -> bool:
    return any(c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in lemmas for c in token.children)


def _noun_is_trigger(token: Token, etype: EventType, lemma: str, security_document: bool) -> bool:
    mods = {c.lower_ for c in token.children} | {c.lemma_.lower() for c in token.children}
    if etype is E.EXERCISE:
        if (
            lemma == "exercise"
            and token.tag_ == "NN"
            and _has_object_in(
                token, {"right", "power", "sovereignty", "authority", "restraint", "caution"}
            )
        ):
            return False  # "exercise of its right to self-defence"
        if lemma == "sail":
            return bool(mods & {"joint", "combined"})
        if lemma in {"launch", "test", "test-fire"}:  # "a missile test", "the launch of an ICBM"
            return bool(mods & (lx.LAUNCH_OBJECTS | {"nuclear", "weapons"})) or _has_object_in(
                token, lx.LAUNCH_OBJECTS
            )
        if lemma == "patrol":
            return bool(mods & {"joint", "naval", "air", "bomber", "combined", "strategic"})
        if lemma in {"maneuver", "manoeuvre"}:  # ships' "dangerous maneuvers" are no drill
            return bool(mods & {"military", "joint", "naval", "combined", "war", "army"})
        return True
    if etype is E.MILITARY_AID:
        if lemma in {"aid", "assistance"}:
            return bool(mods & {"military", "defence", "defense", "security", "lethal", "arms"})
        return bool(mods & lx.MILITARY_OBJECTS) or _has_military_object(token)
    if etype is E.AGREEMENT:
        return _security_context(token)
    if (
        etype is E.MEETING
        and lemma == "visit"
        and any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(lx.NOUN_TRIGGERS.get(p.lemma_.lower()) is E.EXERCISE for p in c.subtree)
            for c in token.children
        )
    ):
        return False  # a visit to an exercise is not a meeting between states
    if etype is E.MEETING and lemma == "call":
        return "port" in mods  # a port call, not a phone call or a call for sanctions
    if etype is E.MEETING:
        return _security_context(token) or (_official_context(token) and security_document)
    if etype is E.ATTACK:
        if lemma == "strike" and mods & {
            "hunger",
            "general",
            "labour",
            "labor",
            "rail",
            "union",
            "workers",
            "staff",
            "pay",
        }:
            return False
        if lemma in {"war", "offensive", "clash"}:
            return True
        return True
    if etype is E.SANCTION and lemma in {"control", "restriction"}:
        # "export controls", "restrictions on chip sales": trade measures, not any control
        return bool(mods & {"export", "exports", "trade"}) or _has_object_in(
            token, {"export", "exports", "sale", "sales", "chip", "chips", "technology"}
        )
    if etype is E.SANCTION:
        if lemma == "expulsion":
            return _has_object_in(token, {"diplomat", "ambassador", "attache", "envoy"})
        return True
    if etype is E.THREAT:
        if token.dep_ == "attr" and token.head.lemma_ == "be":
            return False  # "they would not be a threat to X" describes, it does not threaten
        return lemma != "warning" or token.dep_ not in {"compound"}
    if etype is E.DEPLOYMENT and lemma == "movement":  # "movement of troops", not of a ship
        return _has_object_in(token, lx.FORCE_WORDS - {"ship", "vessel"}) and any(
            c.lower_ == "of" for c in token.children
        )
    if etype is E.DEPLOYMENT and lemma == "presence":
        return bool(mods & {"military", "naval", "troop", "force", "forces"})
    return True


def _verb_is_trigger(token: Token, etype: EventType, lemma: str, security_document: bool) -> bool:
    if etype is E.MILITARY_AID:
        return _has_military_object(token)
    if etype is E.EXERCISE and lemma in {"drill", "exercise"}:
        return not any(c.dep_ == "dobj" for c in token.children) and _security_context(token)
    if etype is E.DEPLOYMENT:
        if lemma in _INTERCEPT_VERBS or lemma == "scramble":
            return True
        if lemma == "arrive":
            return _subject_in(token, lx.FORCE_WORDS)
        controller = _subject_controller(token)  # "the brigade is due to be stationed"
        return (
            _direct_object_in(token, lx.FORCE_WORDS)
            or _subject_in(token, lx.FORCE_WORDS)
            or (controller is not None and _subject_in(controller, lx.FORCE_WORDS))
        )
    if etype is E.MEETING:
        if lemma == "host" and _has_object_in(token, lx.NOUN_TRIGGERS):
            return False  # "hosting exercises" is the exercise, not a meeting
        return _security_context(token) or (_official_context(token) and security_document)
    if etype is E.AGREEMENT:
        return _has_object_in(
            token, {"agreement", "pact", "treaty", "accord", "deal", "memorandum", "document"}
        ) and _security_context(token)
    if etype is E.SANCTION and lemma == "expel":
        return _has_object_in(token, {"diplomat", "ambassador", "attache", "envoy", "staff"})
    if etype is E.ATTACK and lemma in {"strike", "attack"} and token.dep_ == "amod":
        return False
    if etype is E.ATTACK and lemma == "attack" and _purpose_in(token, _SPEECH_VERBS):
        return False  # "X attacked Y's policy, saying ...": words, not force
    if etype is E.ATTACK and _direct_object_in(token, lx.NON_ATTACK_OBJECTS):
        return False
    if etype is E.ATTACK and lemma == "seize":
        return _has_object_in(
            token,
            lx.FORCE_WORDS
            | {"island", "shoal", "territory", "reef", "ship", "tanker", "vessel", "city"},
        ) or (any(c.dep_ == "agent" for c in token.children))
    if etype is E.ATTACK and lemma == "shell":
        return bool(token.tag_ != "NN")
    if etype is E.ATTACK and lemma in {"shoot", "spray", "target"}:
        return lemma == "target" or any(
            c.dep_ == "prep" and c.lower_ in lx.AIMED_PREPS for c in token.children
        )
    if etype is E.THREAT and lemma == "warn":
        return _has_object_in(token, lx.THREAT_CONTENT)
    if etype is E.THREAT and lemma == "threaten":
        # "threatened to strike", not "threatened to veto the package"
        return all(
            c.lemma_.lower() in lx.VERB_TRIGGERS
            or c.lemma_.lower() in lx.THREAT_CONTENT
            or c.lemma_.lower() in _COERCIVE_VERBS
            or (
                c.lemma_.lower() in {"take", "impose", "launch", "deploy", "unleash", "wage"}
                and _direct_object_in(c, lx.THREAT_CONTENT | lx.MILITARY_WORDS)
            )
            for c in token.children
            if c.dep_ == "xcomp"
        )
    return True


_COERCIVE_VERBS = frozenset(
    """use retaliate respond destroy punish hit invade occupy annex seize close cut block
    sink down""".split()
)


def _security_context(token: Token) -> bool:
    words = {t.lemma_.lower() for t in token.sent} | {t.lower_ for t in token.sent}
    return bool(words & lx.SECURITY_WORDS)


_OFFICIAL_WORDS = frozenset(
    [
        "president",
        "leader",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "emir",
        "delegation",
        "envoy",
        "ambassador",
        "diplomat",
    ]
)


def _official_context(token: Token) -> bool:
    """Heads of state, envoys and delegations: their meetings are interstate relations
    (a security topic is then not required, but two states are)."""
    return any(t.lemma_.lower() in _OFFICIAL_WORDS for t in token.sent)


def _has_object_in(token: Token, words: Iterable[str]) -> bool:
    wanted = set(words)
    for child in token.subtree:
        if child.i == token.i:
            continue
        if child.lemma_.lower() in wanted or child.lower_ in wanted:
            return True
    return False


_DUAL_USE_OBJECTS = frozenset(
    {"vehicle", "system", "equipment", "technology", "component", "hardware", "round", "aircraft"}
)


def _has_military_object(token: Token) -> bool:
    """Weapons, forces or equipment below ``token``, or aid qualified as military. Words
    that also name civilian goods ("vehicles", "systems") count only in a sentence that
    speaks of security matters."""
    security: bool | None = None  # computed once, when a dual-use word needs it
    for child in token.subtree:
        if child.i == token.i:
            continue
        lemma = child.lemma_.lower()
        if lemma in lx.MILITARY_OBJECTS or child.lower_ in lx.MILITARY_OBJECTS:
            if lemma in _DUAL_USE_OBJECTS:
                if security is None:
                    security = _security_context(token)
                if not security:
                    continue
            return True
        if lemma in lx.AID_NOUNS and any(c.lower_ in lx.AID_MODIFIERS for c in child.children):
            return True
    return False


def _direct_object_in(token: Token, words: Iterable[str]) -> bool:
    """A direct object (or a conjunct of one) of ``token`` among ``words``."""
    wanted = set(words)
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr"}:
            heads = [child, *(c for c in child.children if c.dep_ == "conj")]
            if child.lemma_.lower() in _QUANTITY_NOUNS:  # "thousands of soldiers"
                heads += [p for of in child.children if of.lower_ == "of" for p in of.children]
            if any(h.lemma_.lower() in wanted or h.lower_ in wanted for h in heads):
                return True
    return False


_QUANTITY_NOUNS = frozenset(
    """thousand thousands hundred hundreds dozen dozens number numbers contingent
    detachment batch group""".split()
)


def _subject_in(token: Token, words: Iterable[str]) -> bool:
    wanted = set(words)
    return any(
        child.dep_ in {"nsubj", "nsubjpass"}
        and any(t.lemma_.lower() in wanted for t in child.subtree)
        for child in token.children
    )


# --- roles -------------------------------------------------------------------------------


def _actor_heads(sent: SentenceInput) -> list[tuple[Token, Tag]]:
    heads: list[tuple[Token, Tag]] = []
    for tag in sent.actors:
        span = sent.doc.char_span(tag.start, tag.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        heads.append((span.root, tag))
    return heads


# Deployments against someone: their object (or passive subject) is the target, and they
# need one.
_INTERCEPT_VERBS = frozenset({"intercept", "shadow", "chase", "tail", "track", "monitor"})
_PURPOSE_VERBS = _INTERCEPT_VERBS | {
    "respond",
    "counter",
    "deter",
    "watch",
    "escort",
    "repel",
    "contain",
    "confront",
}
# "Chinese warships joined Russian warships for exercises": the object joins in too.
_JOINING_VERBS = frozenset({"join", "accompany", "meet"})
_ADVOCACY_VERBS = frozenset({"call", "push", "press", "lobby", "ask", "appeal", "argue"})
_LIGHT_PREP_VERBS = frozenset({"participate", "engage", "take", "join", "involve", "partake"})


_PART_NOUNS = frozenset({"edition", "round", "phase", "stage", "iteration", "leg", "part"})


def _clause_verb(token: Token) -> Token | None:
    """The verb whose subject does a nominal event: "Russia and China [conducted] drills",
    "X [took part] in drills". Arbitrary prepositional attachments do not count."""
    if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod"}:
        return token
    current = token
    while current.dep_ in {"conj", "appos"} and current.head.i != current.i:
        current = current.head  # "took part in operation X, a military exercise"
    if (
        current.dep_ == "pobj"
        and current.head.lower_ == "of"
        and current.head.head.lemma_.lower() in _PART_NOUNS
    ):
        current = current.head.head  # "the 14th edition of the exercise was held"
    if current.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and current.head.pos_ in {
        "VERB",
        "AUX",
    }:
        return current.head
    clause = current.head
    if (
        current.dep_ == "nsubj"
        and clause.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
        and clause.head.pos_ == "VERB"
        and lx.NOUN_TRIGGERS.get(token.lemma_.lower()) is E.EXERCISE
    ):
        return clause.head  # "ships joined Russian warships [for exercises to defend ...]"
    if current.dep_ == "pobj":
        prep = current.head
        verb = prep.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _LIGHT_PREP_VERBS:
            return verb
        if prep.lower_ == "for" and verb.lemma_.lower() in _ADVOCACY_VERBS:
            return verb  # "the United States called for sanctions against X"
        if (
            prep.lower_ in {"during", "at", "after", "for", "on"}
            and verb.pos_ == "VERB"
            and lx.NOUN_TRIGGERS.get(token.lemma_.lower()) is E.MEETING
        ):
            return verb  # "Blinken raised it during talks", "arrived in Kyiv on a visit"
        # "the fleet was put on alert for drills", "ships arrived for exercises": the
        # subject of an object-less verb takes part in the exercise it is there for.
        if (
            prep.lower_ == "for"
            and verb.pos_ == "VERB"
            and lx.NOUN_TRIGGERS.get(token.lemma_.lower()) is E.EXERCISE
            and (
                verb.lemma_.lower() in _JOINING_VERBS
                or not any(c.dep_ == "dobj" for c in verb.children)
            )
        ):
            return verb
    return None


_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "xcomp", "parataxis", "csubj"})


def _child_on_path(
    a: Token, anchor: Token, *, crossable: frozenset[str] = frozenset()
) -> Token | None:
    """The child of ``anchor`` on the path up from ``a``; None if ``a`` is not below it or
    if the path leaves ``a``'s clause on the way (except through ``crossable`` relations)."""
    current = a
    for _ in range(12):
        if current.head.i == anchor.i and current.i != anchor.i:
            return current
        if current.head.i == current.i:
            return None
        if current.dep_ in _CLAUSE_DEPS and current.dep_ not in crossable:
            return None
        current = current.head
    return None


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


_LOCATIVE_PREPS = frozenset({"in", "at", "near", "over", "into", "across", "off"})


def _under_prep(a: Token, anchor: Token, word: str) -> bool:
    current = a
    while current.i != anchor.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ == word:
            return True
        current = current.head
    return False


def _behind_locative(a: Token, x: Token) -> bool:
    """True when ``a`` hangs below ``x`` through a locative preposition: "the embassy [in
    Manila]" — a place, not a participant ("troops from the US" are US troops)."""
    current = a
    while current.i != x.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ in _LOCATIVE_PREPS:
            return True
        current = current.head
    return False


def _in_apposition(a: Token) -> bool:
    """ "Poland, another key NATO player, ...": a state that only qualifies an apposition
    describes the one it stands beside; it does not act."""
    current = a
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in {"compound", "amod", "poss", "nmod"}:
            return False
        current = current.head
        if current.dep_ == "appos":
            return bool(current.head.pos_ == "PROPN")
    return False


_WAR_NOUNS = frozenset({"war", "invasion", "aggression", "offensive", "occupation"})


def _victim_of_nested_war(a: Token, x: Token) -> bool:
    """True when ``a`` is where or whom a war named inside the argument ``x`` is fought
    ("the war in Ukraine", "the invasion of Ukraine"), below the event's own trigger."""
    current = a
    while current.i != x.i and current.head.i != current.i:
        if (
            current.dep_ == "prep"
            and current.lower_ in {"in", "on", "against", "of"}
            and current.head.lemma_.lower() in _WAR_NOUNS
        ):
            return True
        current = current.head
    return False


def _role(a: Token, trigger: Token, verb: Token | None, etype: EventType, rule: str) -> str:
    """'A' agent, 'T' target, '' no role, for the actor whose head token is ``a``."""
    if a.i == trigger.i or _in_apposition(a):
        return ""
    if rule == "receive" and _under_prep(a, trigger, "from"):
        return "A"  # "Pyongyang could obtain technologies from Moscow"
    x = _child_on_path(a, trigger)
    if x is not None and (x.dep_ != "prep" or etype in SYMMETRIC) and _behind_locative(a, x):
        return ""  # "a visit to the exercise in Trondheim, Norway": Norway is the place
    if x is None and trigger.dep_ == "acl" and trigger.tag_ == "VBG":
        # "a Chinese cutter firing a water cannon at ...": the noun it describes acts
        if a.i == trigger.head.i:
            return "A"
        hx = _child_on_path(a, trigger.head)
        if hx is not None and hx.dep_ in {"amod", "compound", "poss", "nmod"}:
            return "A"
    if x is None and trigger.dep_ == "appos":
        # "North Korean Foreign Minister Choe's meeting with Putin": the minister's state
        hx = _child_on_path(a, trigger.head)
        if hx is not None and hx.dep_ in {"amod", "compound", "poss", "nmod"}:
            return "A" if etype in SYMMETRIC else ""
    if x is None and verb is not None and verb.i != trigger.i:
        vx = _child_on_path(a, verb)
        if vx is not None and vx.dep_ != "prep" and _behind_locative(a, vx):
            return ""
    if x is not None and etype is not E.ATTACK and _victim_of_nested_war(a, x):
        return ""  # "sanctions on entities complicit in Russia's war in Ukraine": not Ukraine
    if (
        x is not None
        and x.dep_ == "dobj"
        and trigger.pos_ == "VERB"
        and etype in {E.DEPLOYMENT, E.MILITARY_AID}
        and (_under_prep(a, x, "to") or _under_prep(a, x, "into"))
    ):
        return "T"  # "sent hundreds of troops to Lithuania": where they were sent
    if x is not None:
        return _role_under_trigger(a, x, trigger, etype, rule)
    if verb is None:
        return ""
    x = None if verb.i == trigger.i else _child_on_path(a, verb)
    if x is not None and etype is not E.ATTACK and _victim_of_nested_war(a, x):
        return ""
    if x is None:
        # "the army advanced and [opened fire]": a subject-less verb shares its subject
        # up a chain: "Poland activated its forces but chose not to [send] troops"
        controller = _subject_controller(verb)
        for _ in range(2):
            if controller is None or _child_on_path(a, controller) is not None:
                break
            controller = _subject_controller(controller)
        if controller is None:
            return ""
        x = _child_on_path(a, controller)
        passive_plan = (
            x is not None
            and x.dep_ == "nsubjpass"
            and controller.lemma_.lower() in {"schedule", "set", "expect", "due", "slate", "plan"}
        )  # "Seoul and Washington are scheduled to begin their exercise"
        if x is None or (x.dep_ != "nsubj" and not passive_plan) or _behind_locative(a, x):
            return ""
        return "" if controller.lemma_.lower() in _NON_AGENT_VERBS else "A"
    return _role_under_verb(x, verb, trigger, etype, rule)


_STATEMENT_VERBS = frozenset({"say", "state", "tell", "warn", "make", "declare", "insist"})
# "warned that the US will pay a heavy price": the subject of such a verb is threatened.
_SUFFER_VERBS = frozenset({"pay", "face", "suffer", "regret", "bear", "feel"})


def _threat_content_targets(trigger: Token, actor_heads: Sequence[tuple[Token, Tag]]) -> list[str]:
    """ "warned that it was ready to use force against Japan": the one threatened is named
    inside the content of the warning."""
    found: list[str] = []
    for head, tag in actor_heads:
        x = _child_on_path(head, trigger, crossable=frozenset({"ccomp", "xcomp", "advcl"}))
        if _conditioned_subject(head, trigger):
            found.extend(tag.value.split("+"))  # "warns of a build-up if Finland joins NATO"
            continue
        if x is None or not (
            x.dep_ in {"ccomp", "xcomp"} or (x.dep_ == "prep" and x.lower_ in {"of", "about"})
        ):
            continue
        attach = _noun_phrase_top(head)
        # "action against attacks by the China coast guard": the doer of what the action
        # is against is the one threatened
        while attach.dep_ == "pobj" and attach.head.lower_ in {"of", "by"}:
            attach = _noun_phrase_top(attach.head.head)
        if (
            attach.dep_ == "dobj"
            or (attach.dep_ == "pobj" and attach.head.lower_ in {"against", "on", "at", "to"})
            or (attach.dep_ == "nsubj" and attach.head.lemma_.lower() in _SUFFER_VERBS)
            or (  # "any British troops would be legitimate targets"
                attach.dep_ == "nsubj"
                and any(
                    c.dep_ == "attr" and c.lemma_.lower() == "target" for c in attach.head.children
                )
            )
        ):
            found.extend(tag.value.split("+"))
    return found


def _noun_phrase_top(token: Token) -> Token:
    while token.head.i != token.i and token.dep_ in {"compound", "amod", "poss", "conj"}:
        token = token.head
    return token


def _purpose_targets(
    trigger: Token, verb: Token | None, actor_heads: Sequence[tuple[Token, Tag]]
) -> list[str]:
    """ "dispatched jets to monitor the Chinese ships", "strengthening its presence in order
    to contain Russia": the object of a purpose clause of watching or countering is the
    target of the deployment."""
    clauses: list[Token] = []
    for anchor in (trigger, verb):
        if anchor is None:
            continue
        for child in anchor.children:
            if child.dep_ in {"xcomp", "advcl"}:
                clauses.append(child)
            elif child.dep_ == "prep" and child.lower_ == "in":
                clauses.extend(
                    acl
                    for pobj in child.children
                    if pobj.lower_ == "order"
                    for acl in pobj.children
                    if acl.dep_ == "acl"
                )
    found: list[str] = []
    for clause in clauses:
        if clause.lemma_.lower() not in _PURPOSE_VERBS:
            continue
        for head, tag in actor_heads:
            x = _child_on_path(head, clause)
            if x is not None and x.dep_ == "dobj":
                found.extend(tag.value.split("+"))
    return found


def _place_targets(
    sent: SentenceInput, trigger: Token, verb: Token | None, agents: set[str]
) -> list[str]:
    """ "a Russian invasion of the Baltic states", "seized Crimea": a place that is what the
    attack is on stands for the state(s) it lies in (disputed places have no state)."""
    found: list[str] = []
    for tag in sent.places:
        if not tag.country:
            continue
        root = _tag_root(sent, tag)
        x = None if root is None else _attachment(root, trigger, verb)
        if x is None:
            continue
        direct = x.dep_ in {"dobj", "nsubjpass"} or (
            x.dep_ == "prep" and x.lower_ in {"of", "on", "into", "against"}
        )
        codes = set(tag.country.split("+")) - agents
        if direct and codes:
            found.extend(sorted(codes))
    return found


def _conditioned_subject(head: Token, trigger: Token) -> bool:
    """Is ``head`` the subject of an "if"/"unless" clause within the warning?"""
    token = head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    clause = token.head
    if token.dep_ != "nsubj" or not any(
        m.dep_ == "mark" and m.lower_ in {"if", "unless", "should"} for m in clause.children
    ):
        return False
    return any(t.i == trigger.i for t in _path_up(clause, 4)) or clause.head.i == trigger.i


def _subject_controller(verb: Token) -> Token | None:
    """The verb whose subject is also ``verb``'s: "China and Russia plan to [hold] drills",
    "troops landed and [began] drills". None when ``verb`` has a subject of its own."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    if verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        return verb.head
    if (
        verb.dep_ == "xcomp"
        and verb.head.dep_ == "acomp"
        and verb.head.head.pos_ in {"VERB", "AUX"}
    ):
        return verb.head.head  # "the brigade is due to be stationed", "ready to send"
    return None


def _listed_subject(x: Token) -> bool:
    """ "US, UK strike Houthi targets": in a headline list the parser leaves the first name
    dangling; it is a subject like the one after the comma."""
    doc = x.doc
    return (
        x.dep_ in {"dep", "npadvmod"}
        and x.i + 2 < len(doc)
        and doc[x.i + 1].lower_ == ","
        and doc[x.i + 2].dep_ == "nsubj"
        and doc[x.i + 2].head.i == x.head.i
    )


def _role_under_trigger(a: Token, x: Token, trigger: Token, etype: EventType, rule: str) -> str:
    dep = _first_conjunct(x).dep_ if x.dep_ == "conj" else x.dep_
    if _listed_subject(x):
        dep = "nsubj"
    if trigger.pos_ == "VERB":
        return _verb_argument_role(x, dep, trigger, etype, rule)
    if (
        dep == "poss"
        and trigger.lemma_.lower() == "invasion"
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children)
    ):
        return "T"  # "Taiwan's invasion" is an invasion of Taiwan
    if dep in {"amod", "compound", "nmod", "poss", "nummod"}:
        return "A"
    if dep == "prep":
        return _PREP_ROLES.get(x.lower_, {}).get(etype, "")
    if dep == "acl":  # "the exercise held with Iran"
        for child in x.children:
            if child.dep_ == "prep" and _child_on_path(a, child) is not None:
                return _PREP_ROLES.get(child.lower_, {}).get(etype, "")
            if child.dep_ == "agent" and _child_on_path(a, child) is not None:
                return "A"
    return ""


_CASUALTY_VERBS = frozenset({"kill", "wound", "injure"})


def _verb_argument_role(x: Token, dep: str, verb: Token, etype: EventType, rule: str) -> str:
    if rule == "arrive_goods" and dep == "prep" and x.lower_ in {"in", "to", "at"}:
        return "T"
    if rule == "consequence":
        return "T" if dep == "nsubj" else ""
    if rule == "access":  # "Manila granted US forces access to its bases"
        return {"nsubj": "T", "dative": "A", "dobj": "A", "iobj": "A"}.get(dep, "")
    if dep in {"nsubj", "csubj"} or (
        dep == "npadvmod" and verb.tag_ == "VBG" and x.i < verb.i and x.pos_ in {"NOUN", "PROPN"}
    ):  # "video shows a Chinese ship spraying water at ...": the ship sprays
        return "T" if rule == "receive" else "A"
    if dep == "agent":
        return "A"
    if dep == "nsubjpass":
        if etype in {E.ATTACK, E.THREAT, E.SANCTION} or rule in _INTERCEPT_VERBS:
            return "T"
        if etype in {E.EXERCISE, E.DEPLOYMENT}:
            return "A"
        return ""
    if dep == "dative" and x.lower_ == "to":  # "sent hundreds of troops [to] Lithuania"
        return _PREP_ROLES["to"].get(etype, "")
    if dep in {"dobj", "dative", "iobj"}:
        if etype in {E.ATTACK, E.THREAT, E.SANCTION}:
            return "T"
        if etype is E.MILITARY_AID:
            # "supplied Russia with drones": the actor object is the recipient.
            return "T" if x.lemma_.lower() not in lx.MILITARY_OBJECTS else ""
        if etype is E.MEETING:
            return "A"
        if etype is E.DEPLOYMENT and rule in _INTERCEPT_VERBS:
            return "T"
        return ""
    if dep == "advcl" and etype is E.ATTACK and x.lemma_.lower() in _CASUALTY_VERBS:
        return "T"  # "opened fire, killing three Armenian soldiers": whose soldiers fell
    if dep == "prep":
        if etype is E.MEETING and x.lower_ in {"in", "at"}:
            return "A" if rule in {"visit", "call"} else ""  # a port call in Havana: Cuba
        if rule == "receive" and x.lower_ == "from":
            return "A"
        return _PREP_ROLES.get(x.lower_, {}).get(etype, "")
    return ""


# Verbs whose subject carries out the attack, war or strike that is their object.
_WAGING_VERBS = frozenset(
    """launch carry conduct wage begin start mount stage continue escalate step intensify
    order unleash commit resume expand renew make perpetrate fight lead execute undertake
    open press pursue announce claim complete deliver""".split()
)


def _role_under_verb(x: Token, verb: Token, trigger: Token, etype: EventType, rule: str) -> str:
    dep = _first_conjunct(x).dep_ if x.dep_ == "conj" else x.dep_
    if _listed_subject(x):
        dep = "nsubj"
    if dep in {"nsubj", "csubj", "agent"}:
        if verb.lemma_.lower() in _NON_AGENT_VERBS and not (
            trigger.head.lower_ == "for" and verb.lemma_.lower() in _ADVOCACY_VERBS
        ):
            return ""
        if (
            etype is E.ATTACK
            and trigger.dep_ == "dobj"
            and verb.lemma_.lower() not in _WAGING_VERBS
        ):
            return ""  # "Beijing is fuelling Moscow's war": who fuels a war does not wage it
        return "A"
    if dep == "nsubjpass" and etype in {E.SANCTION, E.ATTACK} and trigger.dep_ == "dobj":
        return "T"  # "Ankara was spared US sanctions", "the island was hit with strikes"
    if dep == "nsubjpass" and etype in {E.EXERCISE, E.DEPLOYMENT}:
        return "A"
    if dep == "dobj" and etype is E.EXERCISE and verb.lemma_.lower() in _JOINING_VERBS:
        return "A"
    if dep == "prep":
        word = x.lower_
        if word in {"with", "between", "among", "alongside"} and etype in SYMMETRIC:
            return "A"
        if (
            word in {"in", "to"}
            and etype is E.MEETING
            and trigger.lemma_.lower() == "visit"
            and verb.lemma_.lower() in {"arrive", "travel", "fly", "come", "go", "head"}
        ):
            return "A"  # "the minister arrived in Kyiv on a visit": the host
        if word in {"against", "around", "toward", "towards", "on", "to", "into"}:
            return _PREP_ROLES.get(word, {}).get(etype, "")
        if word == "in" and etype is E.DEPLOYMENT:
            return "T"
    if dep in {"dobj", "dative"} and etype is E.MILITARY_AID and x.i != trigger.i:
        return "T"
    return ""


_PRONOUNS = frozenset({"they", "it", "we"})


def _pronoun_antecedent(
    trigger: Token, verb: Token | None, actor_heads: Sequence[tuple[Token, Tag]]
) -> list[str]:
    """ "China and Russia announced that they are conducting drills": a pronoun subject of
    the event clause refers to the subject of the clause that reports it."""
    clause = trigger if trigger.pos_ == "VERB" else verb
    if clause is None:
        return []
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    controller = None if subjects else _object_controller(clause)
    if controller is not None:  # "Moscow said it would respond by expelling a diplomat"
        clause = controller
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or subjects[0].lower_ not in _PRONOUNS:
        return []
    parent = clause
    for _ in range(3):
        if parent.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or parent.head.i == parent.i:
            return []
        parent = parent.head
        found = [
            code
            for head, tag in actor_heads
            if (x := _child_on_path(head, parent)) is not None
            and x.dep_ == "nsubj"
            and not _behind_locative(head, x)
            for code in tag.value.split("+")
        ]
        if found:
            return found
    return []


def _relative_antecedent(
    trigger: Token, verb: Token | None, actor_heads: Sequence[tuple[Token, Tag]]
) -> list[str]:
    """ "France, which has already delivered radars to Armenia": the subject "which" of a
    relative clause is the state it hangs from."""
    clause = trigger if trigger.pos_ == "VERB" else verb
    if (
        clause is None
        or clause.dep_ != "relcl"
        or not any(
            c.dep_ == "nsubj" and c.lower_ in {"which", "who", "that"} for c in clause.children
        )
    ):
        return []
    # "Chinese bombers and Russian bombers that flew a joint patrol": every conjunct
    nouns = [_first_conjunct(clause.head)]
    nouns += [c for c in nouns[0].subtree if c.dep_ == "conj" and c.head.i in {n.i for n in nouns}]
    return [
        code
        for head, tag in actor_heads
        for noun in nouns
        if head.i == noun.i
        or ((x := _child_on_path(head, noun)) is not None and x.dep_ in {"compound", "amod"})
        for code in tag.value.split("+")
    ]


def _object_controller(verb: Token) -> Token | None:
    """The governing verb of a subject-less non-finite trigger ("denied sending", "accused X
    of supplying"); None for finite or passive clauses, which carry their own subject."""
    # "a program to supply Australia with submarines": an infinitive relative
    infinitive_relative = verb.dep_ == "relcl" and _infinitive(verb)
    if verb.tag_ not in {"VBG", "VB"} or (
        verb.dep_ not in {"xcomp", "pcomp", "advcl", "acl"} and not infinitive_relative
    ):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    head = verb.head
    for _ in range(3):
        if head.i == verb.i or head.pos_ in {"VERB", "AUX"}:
            break
        head = head.head
    if head.pos_ not in {"VERB", "AUX"} or head.i == verb.i:
        return None
    return head


# --- modality ----------------------------------------------------------------------------


_ADJUNCT_PREPS = frozenset(
    {
        "in",
        "after",
        "amid",
        "despite",
        "following",
        "over",
        "because",
        "since",
        "before",
        "during",
        "to",
        "against",
        "from",
        "at",
        "by",
        "with",
        "on",
        "under",
        "through",
        "for",
    }
)


def _path_up(token: Token, limit: int = 6) -> list[Token]:
    """The trigger and the heads that govern its clause: the walk stops at a relative or
    adverbial clause boundary and at adjunct prepositions ("in response to X's sanctions")."""
    path = [token]
    current = token
    for _ in range(limit):
        if current.head.i == current.i or current.dep_ in {"relcl", "advcl", "acl", "parataxis"}:
            break
        if (
            current.dep_ == "pobj"
            and current.head.lower_ in _ADJUNCT_PREPS
            and not (
                current.head.lower_ == "for" and current.head.head.lemma_.lower() in _ADVOCACY_VERBS
            )
            and current.head.head.lemma_.lower() not in _STOPPING_NOUNS
            and current.head.head.lemma_.lower() not in _SHARED_MODALITY_HEADS
        ):
            break
        current = current.head
        path.append(current)
    return path


# "will not [take part in] the drills", "will meet next month [for] talks": the event noun
# shares the modality of the verb whose complement or purpose it is.
_SHARED_MODALITY_HEADS = _LIGHT_PREP_VERBS | {"meet", "gather", "convene", "arrive", "travel"}

_SIMULATION_CUES = frozenset(
    {"scenario", "simulation", "tabletop", "hypothetical", "hypothetically", "wargame"}
)


def _simulated_sentence(trigger: Token) -> bool:
    """A sentence that describes a scenario, simulation or war game: the moves in it are
    not real, whatever their tense ("In that scenario, China blockaded Taiwan")."""
    tokens = list(trigger.sent)
    for k, tok in enumerate(tokens):
        lemma = tok.lemma_.lower()
        if lemma in _SIMULATION_CUES:
            return True
        # "war games" alone also names real exercises ("NATO's biggest war games"): only
        # a game someone plays out (a think tank's, a simulated one) is a simulation
        if (
            lemma == "game"
            and k > 0
            and tokens[k - 1].lower_ in {"war", "war-"}
            and any(t.lemma_.lower() in {"think", "tank", "simulate", "play"} for t in tokens)
        ):
            return True
    return False


def modality_of(trigger: Token, sent: SentenceInput, etype: EventType | None = None) -> Modality:
    """Modality from the cues that govern the trigger's own clause (not the whole sentence).

    Exceptions that widen the scope: a document about a war game or simulation, and, for
    everything but the exercise itself, a sentence describing a scenario."""
    if sent.speculative_document:
        return Modality.HYPOTHETICAL
    if etype is not E.EXERCISE and _simulated_sentence(trigger):
        return Modality.HYPOTHETICAL
    if _scheme_to(trigger):
        return Modality.PLANNED
    if trigger.dep_ == "relcl" and _infinitive(trigger):
        # "Russia could be in a position to attack": the infinitive takes the modality of
        # the clause whose subject does it
        controller = _object_controller(trigger)
        if controller is not None:
            governing = modality_of(controller, sent, etype)
            if governing is not Modality.ASSERTED:
                return governing
    path = _path_up(trigger)
    if trigger.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in _PAST_MARKERS for c in trigger.children
    ):
        # "the minister's recent meeting with Putin might have discussed ...": what is said
        # of a past event may be uncertain; the event itself happened
        path = [trigger]
    negated = hypothetical = planned = would = approved = False
    reported_past = committed = False
    crossed_conj = False  # "X does not feel deterred and continues its sales": no negation
    for depth, node in enumerate(path):
        lemma = node.lemma_.lower()
        if depth > 0 and path[depth - 1].dep_ == "conj" and path[depth - 1].pos_ == "VERB":
            crossed_conj = True
        if depth > 0 and node.pos_ == "VERB" and lemma in _REPORTING_VERBS:
            reported_past = node.tag_ in {"VBD", "VBN"}
            break  # a reporting verb closes the trigger's clause
        if depth > 0 and lemma in {"accuse", "allege"}:
            break  # reported accusations are kept as asserted
        if (
            depth > 0
            and not crossed_conj
            and (
                lemma in lx.NEGATION_WORDS
                or node.lower_ in lx.NEGATION_WORDS
                or _phrasal(node, "call", "off")
                or _phrasal(node, "rule", "out")
            )
        ):
            negated = True
        if depth > 0 and node.pos_ == "NOUN" and lemma in _STOPPING_NOUNS and not crossed_conj:
            negated = True  # "a halt to troop movements", "an end to the drills"
        if depth > 0 and not crossed_conj and (_put_on_hold(node) or _cancelled_alternative(node)):
            negated = True
        if depth > 0 and lemma == "approve":
            approved = True
        if depth > 0 and lemma in lx.PLANNED_WORDS and node.pos_ in {"VERB", "ADJ"}:
            planned = committed = True
        if depth > 0 and lemma in lx.HYPOTHETICAL_WORDS and node.pos_ in {"VERB", "NOUN", "ADJ"}:
            hypothetical = True
        if depth > 0 and lemma in {"warn", "threaten"} and node.i != trigger.i:
            hypothetical = True
        for child in node.children:
            clemma = child.lemma_.lower()
            ctext = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and ctext == "no"):
                negated = negated or not crossed_conj
            elif child.dep_ == "advmod" and ctext == "yet" and lemma in {"have", "be"}:
                negated = negated or not crossed_conj  # "has yet to ratify the agreement"
            elif child.dep_ in {"aux", "auxpass"}:
                if ctext == "would":
                    would = True
                elif ctext in lx.HYPOTHETICAL_AUX:
                    hypothetical = True
                elif ctext in lx.PLANNED_AUX or clemma == "will":
                    planned = True
            elif child.dep_ == "mark" and ctext in {"if", "unless", "whether"}:
                hypothetical = True
            elif (
                child.dep_ == "advcl"
                and not (etype is E.THREAT and node.i == trigger.i)  # a threat's own "if"
                and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in child.children)
            ):
                hypothetical = True  # "X will impose sanctions if Y buys the missiles"
            elif child.dep_ in {"acomp", "oprd", "attr"} and ctext in _LIKELIHOOD_WORDS:
                hypothetical = True  # "an invasion remains unlikely"
            elif (
                child.dep_ in {"amod", "det", "advmod", "compound", "nmod"}
                and ctext in lx.HYPOTHETICAL_WORDS
            ):
                if child.dep_ != "advmod" or ctext in {"possibly", "potentially"}:
                    hypothetical = True
            elif child.dep_ == "amod" and ctext in {"upcoming", "next"}:
                planned = True
            elif _future_time(child) and node.tag_ not in {"VBD", "VBN"}:
                planned = True  # "starts arriving in coming days", "is due soon"
        if node.dep_ in {"ROOT"}:
            break
    if _inverted_conditional(trigger):
        hypothetical = True
    if negated:
        return Modality.NEGATED
    if approved:
        return Modality.PLANNED  # an approved (arms) sale or deployment is planned
    if hypothetical:
        return Modality.HYPOTHETICAL
    if would:
        # "said Iran would provide", "agreed that the navies would hold": reported future
        return Modality.PLANNED if reported_past or committed else Modality.HYPOTHETICAL
    if planned:
        return Modality.PLANNED
    return Modality.ASSERTED


def _put_on_hold(node: Token) -> bool:
    """ "visits have been put on hold / on pause / on ice": suspended."""
    return node.lemma_.lower() == "put" and any(
        c.lower_ == "on" and any(p.lemma_.lower() in {"hold", "pause", "ice"} for p in c.children)
        for c in node.children
    )


def _cancelled_alternative(node: Token) -> bool:
    """ "exercises have been modified or cancelled": a subject-less verb conjoined to the
    event's verb that calls it off."""
    return node.pos_ == "VERB" and any(
        c.dep_ == "conj"
        and c.pos_ == "VERB"
        and c.lemma_.lower() in {"cancel", "postpone", "suspend", "scrap", "halt", "shelve"}
        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        for c in node.children
    )


_SCHEME_NOUNS = frozenset(
    """plan program programme deal agreement contract initiative scheme pact commitment
    pledge promise proposal""".split()
)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _scheme_to(trigger: Token) -> bool:
    """ "a program to supply Australia with submarines", "a deal to deliver jets": what a
    scheme is to do has not happened yet."""
    return (
        trigger.pos_ == "VERB"
        and trigger.dep_ in {"acl", "relcl"}
        and trigger.head.lemma_.lower() in _SCHEME_NOUNS
        and _infinitive(trigger)
        and not any(c.dep_ == "neg" for c in trigger.children)
    )


_PAST_MARKERS = frozenset({"recent", "previous", "earlier", "past", "latest"})


def _future_time(child: Token) -> bool:
    """ "soon", "in (the) coming days", "next week", "later this year" below a verb."""
    if child.dep_ == "advmod" and child.lower_ == "soon":
        return True
    if child.dep_ == "npadvmod" and any(c.lower_ == "next" for c in child.children):
        return True
    if child.dep_ == "prep" and child.lower_ in {"in", "over", "within"}:
        return any(
            p.dep_ == "pobj" and any(c.lower_ in {"coming", "next"} for c in p.children)
            for p in child.children
        )
    return False


def _phrasal(node: Token, lemma: str, particle: str) -> bool:
    return bool(node.lemma_.lower() == lemma) and any(
        c.dep_ == "prt" and c.lower_ == particle for c in node.children
    )


# "a halt to movements", "an end to the drills", "a freeze on arms sales": what they govern
# is not happening.
_STOPPING_NOUNS = frozenset(
    {"halt", "end", "stop", "pause", "freeze", "suspension", "moratorium", "ban", "cancellation"}
)

_LIKELIHOOD_WORDS = frozenset(
    {"unlikely", "likely", "possible", "impossible", "improbable", "probable", "conceivable"}
)


def _inverted_conditional(trigger: Token) -> bool:
    """'should China move against Taiwan': a clause opened by should/were/had + subject."""
    for node in _path_up(trigger, 3):
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in {"should", "were", "had"}:
                subjects = [c for c in node.children if c.dep_ == "nsubj"]
                if subjects and subjects[0].i > child.i:
                    return True
    return False


# --- attributes --------------------------------------------------------------------------


def _tag_root(sent: SentenceInput, tag: Tag) -> Token | None:
    span = sent.doc.char_span(tag.start, tag.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attachment(root: Token, trigger: Token, verb: Token | None) -> Token | None:
    """The dependent of the trigger (or of its clause verb) through which ``root`` hangs
    from the event, staying inside the event's clause; None when it belongs elsewhere."""
    for anchor in (trigger, verb):
        if anchor is None:
            continue
        if root.i == anchor.i:
            return root
        # a participle describing the event noun belongs to it: "exercise ..., held in March"
        x = _child_on_path(root, anchor, crossable=frozenset({"acl", "xcomp"}))
        if x is not None:
            return x
    return None


def _through_reporting_verb(root: Token, x: Token) -> bool:
    """ "..., an analyst said this week": the date of the saying, not of what was said."""
    node = root
    while True:
        if node.pos_ == "VERB" and node.lemma_.lower() in _REPORTING_VERBS:
            return True
        if node.i == x.i or node.head.i == node.i:
            return False
        node = node.head


def _event_date(sent: SentenceInput, trigger: Token, verb: Token | None) -> Tag | None:
    """The date of the event itself: a date expression attached to the trigger or its clause
    verb ("On Monday, X held drills"), not the date of a report or of another clause
    ("On August 30 it became known that Iran has supplied ...")."""
    attached = []
    for tag in sent.dates:
        root = _tag_root(sent, tag)
        if root is None:
            continue
        x = _attachment(root, trigger, verb)
        if (
            x is not None
            and x.dep_ not in {"nsubj", "nsubjpass", "dobj"}
            and not _through_reporting_verb(root, x)
        ):
            attached.append(tag)
    if not attached:
        return None
    return min(attached, key=lambda t: abs(t.start - trigger.idx))


def _count(trigger: Token) -> int:
    if trigger.pos_ != "NOUN" or trigger.tag_ not in {"NNS", "NNPS"}:
        return 1
    for child in trigger.children:
        if child.dep_ == "nummod" and child.i > 0 and child.doc[child.i - 1].pos_ == "PROPN":
            continue  # "its Defender Europe 20 exercises": part of a name
        if child.dep_ == "nummod":
            text = child.lower_.replace(",", "")
            if text.isdigit() and 1 < int(text) < 1000:
                return int(text)
            if text in NUMBER_WORDS:
                return NUMBER_WORDS[text]
    return 1


def _name(sent: SentenceInput, etype: EventType) -> str | None:
    if etype not in {E.EXERCISE, E.ATTACK, E.DEPLOYMENT}:
        return None
    text = sent.doc.text
    for m in _NAME_RE.finditer(text):
        name = next((g for g in m.groups() if g), "").strip()
        name = re.sub(r"^(?:Exercise|Operation|Exercises|Drills?)\s+", "", name)
        words = name.replace("-", " ").split()
        if not words or words[0].lower() in _NOT_NAME_WORDS:
            continue
        if any(t.start <= m.start() < t.end and t.end >= m.end() for t in sent.actors):
            continue  # the whole name is a country name
        if not (m.group(1) or m.group(4) or m.group(5)) and not _NAME_CONTEXT.search(text):
            continue
        return name
    return None


_WATER_WORDS = frozenset({"sea", "ocean", "water", "waters", "gulf", "bay", "strait"})


def _aimed_at_water(sent: SentenceInput, trigger: Token) -> bool:
    """Is what the missile was fired at a sea (a launch), not a ship or a city?"""
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in lx.AIMED_PREPS:
            continue
        for obj in prep.children:
            if obj.lemma_.lower() in _WATER_WORDS:
                return True
            if any(t.start <= obj.idx < t.end for t in sent.places):
                return True
    return False


def _build(
    sent: SentenceInput,
    trigger: Token,
    etype: EventType,
    rule: str,
    actor_heads: Sequence[tuple[Token, Tag]],
) -> Draft | None:
    verb = _clause_verb(trigger)
    agents: list[str] = []
    targets: list[str] = []
    subject_agents: list[str] = []  # doers named as subjects, by "by", or by reference
    for head, tag in actor_heads:
        role = _role(head, trigger, verb, etype, rule)
        if role == "A":
            agents.extend(tag.value.split("+"))
            x = _child_on_path(head, trigger)
            if x is not None and x.dep_ in {"nsubj", "agent", "nsubjpass"}:
                subject_agents.extend(tag.value.split("+"))
        elif role == "T":
            targets.extend(tag.value.split("+"))
    if trigger.pos_ == "VERB":  # a subject-less trigger takes its controller's doer
        controller = _object_controller(trigger)
        if controller is not None:
            for head, tag in actor_heads:
                x = _child_on_path(head, controller)
                if x is None:
                    continue
                if (controller.lemma_.lower() in {"accuse", "blame"} and x.dep_ == "dobj") or (
                    x.dep_ == "nsubj" and controller.lemma_.lower() not in {"accuse", "blame"}
                ):
                    agents.extend(tag.value.split("+"))
                    subject_agents.extend(tag.value.split("+"))
    if rule == "consequence":  # the one who states the consequences threatens them
        for head, tag in actor_heads:
            x = _child_on_path(head, trigger.head)
            if x is not None and x.dep_ == "nsubj" and not _behind_locative(head, x):
                agents.extend(tag.value.split("+"))
                subject_agents.extend(tag.value.split("+"))
    antecedents = _pronoun_antecedent(trigger, verb, actor_heads) + _relative_antecedent(
        trigger, verb, actor_heads
    )
    agents.extend(antecedents)
    subject_agents.extend(antecedents)
    if etype is E.ATTACK and not targets and len(set(agents)) == 2 and trigger.pos_ == "NOUN":
        mods = [tag.value for head, tag in actor_heads if _child_on_path(head, trigger) is not None]
        if len(mods) == 2 and "-" in trigger.doc.text[trigger.idx - 30 : trigger.idx]:
            agents, targets = [mods[0]], [mods[1]]
    if etype is E.MILITARY_AID and rule == "send_forces" and not targets:
        # "sent soldiers to fight alongside the Congolese army": whom they fight for
        for clause in trigger.children:
            if clause.dep_ not in {"xcomp", "advcl"}:
                continue
            for head, tag in actor_heads:
                x = _child_on_path(head, clause)
                if x is not None and x.dep_ == "prep" and x.lower_ in {"alongside", "for"}:
                    targets.extend(tag.value.split("+"))
    if rule == "expel" and trigger.lemma_.lower() == "declare" and not targets:
        # "declaring a Russian embassy employee persona non grata": whoever it names
        targets.extend(
            code
            for head, tag in actor_heads
            if head.i > trigger.i and any(t.i == head.i for t in trigger.subtree)
            for code in tag.value.split("+")
        )
    if etype is E.THREAT and not targets:
        targets.extend(_threat_content_targets(trigger, actor_heads))
    if etype is E.DEPLOYMENT and not targets:
        targets.extend(_purpose_targets(trigger, verb, actor_heads))
    needs_context_target = (
        etype is E.DEPLOYMENT
        and not targets
        and (
            rule in _INTERCEPT_VERBS | {"scramble"}
            or (rule == "send_forces" and _purpose_in(trigger, set(_PURPOSE_VERBS)))
        )
    )
    if etype is E.ATTACK and not targets:
        targets.extend(_place_targets(sent, trigger, verb, set(agents)))
    if (
        etype is E.ATTACK
        and rule == "fire"
        and not targets
        and _direct_object_in(trigger, lx.LAUNCH_OBJECTS)
        and _aimed_at_water(sent, trigger)
    ):
        etype = E.EXERCISE  # "fired a ballistic missile toward the sea": a launch
    if not agents and etype is E.ATTACK and trigger.pos_ == "NOUN":
        agents.extend(
            lx.KNOWN_AGGRESSORS[t]
            for t in targets
            if t in lx.KNOWN_AGGRESSORS and lx.KNOWN_AGGRESSORS[t] in sent.document_actors
        )
    if etype is E.MILITARY_AID and set(targets) < set(agents):
        agents = [a for a in agents if a not in targets]  # a named recipient is no provider
    actors = tuple(sorted(set(agents)))
    target = tuple(sorted(set(targets) - set(actors)))
    if not actors:
        return None
    # a warning or sanction whose target the article names elsewhere: the pipeline takes
    # the article's clear counterpart state, or drops the draft
    needs_counterpart = (  # a warning given, not "the Soviet threat" as a state of affairs
        etype is E.THREAT and not target and sent.security_document and trigger.pos_ == "VERB"
    )
    if etype in {E.MILITARY_AID, E.ATTACK, E.SANCTION, E.THREAT} and not (
        target or needs_counterpart
    ):
        return None
    if etype in {E.MEETING, E.AGREEMENT} and len(actors) < 2 and not (set(actors) & ALLIANCES):
        return None
    if etype is E.MEETING and not _security_context(trigger) and len(set(actors) - ALLIANCES) < 2:
        return None
    if etype is E.MEETING and trigger.pos_ == "VERB" and not subject_agents:
        return None  # "X is visiting Tanzania and Kenya": who visits must be a state we know
    # a threat of consequences has the modality of the statement that makes it
    modality = modality_of(trigger.head if rule == "consequence" else trigger, sent, etype)
    date = _event_date(sent, trigger, verb)
    place = _location(sent, trigger, verb)
    if place is None and etype is E.ATTACK and len(target) == 1:
        place = _war_theatre(sent, trigger, target[0])
    return Draft(
        type=etype,
        actors=actors,
        target=target,
        modality=modality,
        trigger=trigger.text,
        trigger_start=trigger.idx,
        extractor=f"{EXTRACTOR_PREFIX}.{etype.lower()}.{RULES_VERSION}",
        date=date.value if date else None,
        location=place,
        name=_name(sent, etype),
        count=_count(trigger),
        confidence=0.7 if trigger.pos_ == "VERB" else 0.6,
        date_hint=None if date else _calendar_hint(trigger),
        distinct=_told_as_another(trigger),
        target_from_context=needs_context_target,
        target_from_counterpart=needs_counterpart,
    )


_ANOTHER_WORDS = frozenset({"additional", "another", "further"})


def _told_as_another(trigger: Token) -> bool:
    """ "has also supplied additional weapons", "another strike": a new event of the same
    kind, which document-level merging must not fold into the earlier one."""
    nouns = (
        [trigger]
        if trigger.pos_ != "VERB"
        else [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    )
    return any(
        c.dep_ in {"amod", "det"} and c.lower_ in _ANOTHER_WORDS for n in nouns for c in n.children
    )


_MONTH_STEMS = "|".join(month[:3].lower() for month in MONTHS)
_CALENDAR_DAY = re.compile(
    rf"\b(?:{_MONTH_STEMS})[a-z]*\.?\s+\d{{1,2}}\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_STEMS})[a-z]*\b"
    rf"|\b(?:{'|'.join(day.lower() for day in WEEKDAYS)})\b",
    re.IGNORECASE,
)


def _calendar_hint(trigger: Token) -> str | None:
    """A calendar day or weekday named in the sentence but not resolvable to a full date
    ("on Sept. 18", "on Thursday" in an undated article): kept so that two launches on
    different days stay two."""
    hints = [
        ent.text.lower().replace(".", "")
        for ent in trigger.sent.ents
        if ent.label_ == "DATE" and _CALENDAR_DAY.search(ent.text)
    ]
    return min(hints, key=len) if hints else None


def _location(sent: SentenceInput, trigger: Token, verb: Token | None) -> str | None:
    """Where the event happened: a place (or a state) in a locative phrase attached to the
    trigger or its clause verb ("drills in the Sea of Japan", "struck targets in Iran");
    failing that, a sea, strait or region named elsewhere in the sentence, unless it is a
    subject. A city or a country needs the locative phrase: "Washington said" is an actor,
    not a place."""
    fallback: Tag | None = None
    attached: list[tuple[bool, int, str]] = []  # (a whole continent?, start, name)
    for tag in sent.places:
        root = _tag_root(sent, tag)
        if root is None:
            continue
        if _in_event_locative(root, trigger, verb):
            attached.append((tag.kind == "continent", tag.start, tag.value))
        elif (
            fallback is None
            and tag.kind not in {"city", "port", "capital"}
            and root.dep_ not in {"nsubj", "nsubjpass"}  # "Europe relied on ...": an actor
            and not any(a.start < tag.end and tag.start < a.end for a in sent.actors)
        ):
            fallback = tag
    state = _state_location(sent, trigger, verb)
    if state is not None:
        attached.append((False, state[0], state[1]))
    if not attached:
        attached += _named_entity_places(sent, trigger, verb)
    if attached:  # "arrived in Burkina Faso, in West Africa": the first, most precise
        return min(attached)[2]
    return fallback.value if fallback else None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _named_entity_places(
    sent: SentenceInput, trigger: Token, verb: Token | None
) -> list[tuple[bool, int, str]]:
    """Towns and features no table lists, found by the parser's entity recogniser, when
    they sit in a locative phrase of the event ("will meet in Queenstown")."""
    found: list[tuple[bool, int, str]] = []
    for ent in sent.doc.ents:
        if ent.label_ not in _PLACE_LABELS or not ent.text[:1].isupper():
            continue
        start, end = ent.start_char, ent.end_char
        if any(t.start < end and start < t.end for t in (*sent.actors, *sent.places)):
            continue
        if ent.root.dep_ == "pobj" and _in_event_locative(ent.root, trigger, verb):
            found.append((False, start, ent.text))
    return found


def _state_location(
    sent: SentenceInput, trigger: Token, verb: Token | None
) -> tuple[int, str] | None:
    """A state named as where the event happened: "arrived in Burkina Faso", "visited Iran"."""
    for tag in sent.actors:
        root = _tag_root(sent, tag)
        if tag.kind not in {"country", "short"} or root is None:
            continue
        if root.dep_ == "pobj" and _in_event_locative(root, trigger, verb):
            return tag.start, tag.text
        if (
            root.dep_ == "dobj"
            and root.head.lemma_.lower() == "visit"
            and root.head.i in {trigger.i, -1 if verb is None else verb.i}
        ):
            return tag.start, tag.text  # "a delegation visited Iran": the visit was in Iran
    return None


def _war_theatre(sent: SentenceInput, trigger: Token, target: str) -> str | None:
    """An invasion of or a war on a state is fought in that state: "the invasion of Ukraine"
    happens in Ukraine (named as the sentence names it)."""
    if trigger.lemma_.lower() not in {"invasion", "war", "invade", "offensive", "occupation"}:
        return None
    for tag in sent.actors:
        if tag.value == target and tag.kind in {"country", "short"}:
            return tag.text
    if trigger.lemma_.lower() == "war":  # "the Russo-Ukrainian war", "Russia's Ukraine war"
        return default_resolver().country_name(target)
    return None


def _in_event_locative(root: Token, trigger: Token, verb: Token | None) -> bool:
    """True when ``root`` sits in a chain of locative phrases hanging from the event:
    "drills [in] the waters [near] Zhanjiang", "exercise coded X [at] a port [in] Zhanjiang";
    not "talks ... in response [to] sanctions [against] Moscow"."""
    x = _attachment(root, trigger, verb)
    if x is None:
        return False
    seen_locative = False
    node = root
    while True:
        if node.i == x.i and node.i != root.i and node.dep_ != "prep":
            # "signed [an agreement in Manila]", "set to [take place off Chennai]"; not
            # "[the embassy in Manila] warned": a place in the subject is no event place
            if node.dep_ in {"nsubj", "nsubjpass", "csubj", "agent", "poss"}:
                return False
            break
        if node.dep_ == "prep":
            if node.lower_ in _LOCATIVE_PLACE_PREPS:
                seen_locative = True
            elif node.lower_ not in {"of", "with"}:  # "talks with Y in Hanoi"
                return False
        elif node.dep_ not in {"pobj", "compound", "conj", "appos", "acl"}:
            return False
        if node.i == x.i or node.head.i == node.i:
            break
        node = node.head
    return seen_locative


_LOCATIVE_PLACE_PREPS = frozenset(
    {"in", "at", "near", "off", "over", "across", "throughout", "into", "around", "inside"}
)
