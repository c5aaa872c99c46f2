"""Trigger words and modality cues, as data. Lemmas are lower case."""

from __future__ import annotations

from whimbrel.ontology import EventType

E = EventType

# Noun triggers: lemma -> event type.
NOUN_TRIGGERS: dict[str, EventType] = {
    "exercise": E.EXERCISE,
    "drill": E.EXERCISE,
    "wargame": E.EXERCISE,
    "manoeuvre": E.EXERCISE,
    "maneuver": E.EXERCISE,
    "patrol": E.EXERCISE,
    "aid": E.MILITARY_AID,
    "assistance": E.MILITARY_AID,
    "delivery": E.MILITARY_AID,
    "shipment": E.MILITARY_AID,
    "transfer": E.MILITARY_AID,
    "agreement": E.AGREEMENT,
    "pact": E.AGREEMENT,
    "treaty": E.AGREEMENT,
    "accord": E.AGREEMENT,
    "deal": E.AGREEMENT,
    "memorandum": E.AGREEMENT,
    "meeting": E.MEETING,
    "talk": E.MEETING,
    "summit": E.MEETING,
    "visit": E.MEETING,
    "dialogue": E.MEETING,
    "deployment": E.DEPLOYMENT,
    "buildup": E.DEPLOYMENT,
    "build-up": E.DEPLOYMENT,
    "threat": E.THREAT,
    "warning": E.THREAT,
    "ultimatum": E.THREAT,
    "attack": E.ATTACK,
    "strike": E.ATTACK,
    "airstrike": E.ATTACK,
    "invasion": E.ATTACK,
    "incursion": E.ATTACK,
    "assault": E.ATTACK,
    "offensive": E.ATTACK,
    "bombardment": E.ATTACK,
    "war": E.ATTACK,
    "clash": E.ATTACK,
    "blockade": E.ATTACK,
    "sanction": E.SANCTION,
    "embargo": E.SANCTION,
    "expulsion": E.SANCTION,
}

# Verb triggers: lemma -> event type.
VERB_TRIGGERS: dict[str, EventType] = {
    "drill": E.EXERCISE,
    "exercise": E.EXERCISE,
    "test-fire": E.EXERCISE,
    "supply": E.MILITARY_AID,
    "provide": E.MILITARY_AID,
    "deliver": E.MILITARY_AID,
    "send": E.MILITARY_AID,
    "sell": E.MILITARY_AID,
    "transfer": E.MILITARY_AID,
    "give": E.MILITARY_AID,
    "arm": E.MILITARY_AID,
    "sign": E.AGREEMENT,
    "ink": E.AGREEMENT,
    "ratify": E.AGREEMENT,
    "meet": E.MEETING,
    "visit": E.MEETING,
    "host": E.MEETING,
    "deploy": E.DEPLOYMENT,
    "station": E.DEPLOYMENT,
    "dispatch": E.DEPLOYMENT,
    "scramble": E.DEPLOYMENT,
    "intercept": E.DEPLOYMENT,
    "shadow": E.DEPLOYMENT,
    "mobilise": E.DEPLOYMENT,
    "mobilize": E.DEPLOYMENT,
    "threaten": E.THREAT,
    "warn": E.THREAT,
    "attack": E.ATTACK,
    "strike": E.ATTACK,
    "invade": E.ATTACK,
    "bomb": E.ATTACK,
    "shell": E.ATTACK,
    "ram": E.ATTACK,
    "seize": E.ATTACK,
    "blockade": E.ATTACK,
    "sanction": E.SANCTION,
    "expel": E.SANCTION,
    "embargo": E.SANCTION,
}

# Missile launches and weapons tests are coded as EXERCISE by the testing state.
LAUNCH_VERBS = frozenset({"launch", "fire", "test", "test-fire"})
LAUNCH_OBJECTS = frozenset(
    {"missile", "icbm", "rocket", "projectile", "slbm", "hypersonic"}
)

# Objects that make a supply verb military aid.
MILITARY_OBJECTS = frozenset(
    """weapon arm missile drone uav munition ammunition shell artillery rocket tank jet
    fighter aircraft helicopter warship submarine troop soldier system equipment technology
    component howitzer launcher interceptor bomb vehicle hardware instructor mercenary
    materiel round gun rifle radar f-16 himar himars atacms patriot s-400 su-35 aid
    assistance""".split()
)

# Deployment verbs need forces as object or subject.
FORCE_WORDS = frozenset(
    """troop soldier force forces army navy warship ship vessel jet fighter bomber aircraft
    submarine destroyer frigate carrier battalion brigade division unit marine missile
    system instructor mercenary personnel plane drone helicopter battery""".split()
)

# Words that make a meeting, agreement or talk a security matter.
SECURITY_WORDS = frozenset(
    """defence defense military security army navy naval air force forces minister
    strategic arms weapon weapons nuclear missile war peace troop troops alliance
    pentagon general admiral commander drill drills exercise exercises warship""".split()
)

# Words that make an exercise/drill/strike etc. non-military (sports, business, data).
NON_MILITARY_CONTEXT = frozenset(
    """fire-drill tax stock share shares price prices strike-rate union unions workers
    hunger football match goal goals striker penalty tournament league cup""".split()
)

# Modality cues (lemmas).
HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "must"})
PLANNED_AUX = frozenset({"will", "shall", "'ll"})
HYPOTHETICAL_WORDS = frozenset(
    {
        "potential",
        "possible",
        "possibly",
        "hypothetical",
        "likely",
        "unlikely",
        "prospective",
        "future",
        "scenario",
        "simulation",
        "simulate",
        "imagine",
        "fear",
        "risk",
        "whether",
        "if",
        "unless",
        "any",
        "consider",
        "mull",
        "threaten",
        "call",
        "urge",
        "propose",
        "examine",
        "weigh",
        "seek",
        "want",
        "demand",
    }
)
PLANNED_WORDS = frozenset(
    {
        "plan",
        "schedule",
        "intend",
        "prepare",
        "expect",
        "set",
        "upcoming",
        "pledge",
        "promise",
        "agree",
        "announce",
        "approve",
        "vow",
    }
)
NEGATION_WORDS = frozenset(
    {"not", "never", "no", "n't", "deny", "refuse", "cancel", "halt", "suspend", "reject",
     "without", "neither", "nor", "postpone", "scrap", "call_off"}
)
WAR_GAME_WORDS = frozenset({"war game", "wargame", "war-game", "tabletop", "simulation"})
