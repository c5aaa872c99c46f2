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
    "launch": E.EXERCISE,  # of a missile (see rules)
    "test": E.EXERCISE,
    "test-fire": E.EXERCISE,
    "aid": E.MILITARY_AID,
    "supply": E.MILITARY_AID,  # of weapons (see rules)
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
    "call": E.MEETING,
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
    "battle": E.ATTACK,
    "skirmish": E.ATTACK,
    "hostility": E.ATTACK,
    "aggression": E.ATTACK,
    "presence": E.DEPLOYMENT,
    "stationing": E.DEPLOYMENT,
    "movement": E.DEPLOYMENT,
    "basing": E.DEPLOYMENT,
    "sail": E.EXERCISE,
    "sale": E.MILITARY_AID,
    "restriction": E.SANCTION,
    "control": E.SANCTION,
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
    "ship": E.MILITARY_AID,
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
    "chase": E.DEPLOYMENT,
    "arrive": E.DEPLOYMENT,
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
    "target": E.ATTACK,
    "shoot": E.ATTACK,
    "spray": E.ATTACK,
    "sanction": E.SANCTION,
    "expel": E.SANCTION,
    "embargo": E.SANCTION,
}

# Missile launches and weapons tests are coded as EXERCISE by the testing state.
LAUNCH_VERBS = frozenset({"launch", "fire", "test", "test-fire"})
LAUNCH_OBJECTS = frozenset({"missile", "icbm", "rocket", "projectile", "slbm", "hypersonic"})

# Objects that make a supply verb military aid.
MILITARY_OBJECTS = frozenset(
    [
        "weapon",
        "arm",
        "missile",
        "drone",
        "uav",
        "munition",
        "ammunition",
        "shell",
        "artillery",
        "rocket",
        "tank",
        "jet",
        "fighter",
        "aircraft",
        "helicopter",
        "warship",
        "submarine",
        "troop",
        "soldier",
        "system",
        "equipment",
        "technology",
        "component",
        "howitzer",
        "launcher",
        "interceptor",
        "bomb",
        "vehicle",
        "hardware",
        "instructor",
        "mercenary",
        "materiel",
        "round",
        "gun",
        "rifle",
        "radar",
        "f-16",
        "himar",
        "himars",
        "atacms",
        "patriot",
        "s-400",
        "su-35",
    ]
)

# Deployment verbs need forces as object or subject.
FORCE_WORDS = frozenset(
    [
        "troop",
        "soldier",
        "force",
        "forces",
        "army",
        "navy",
        "warship",
        "ship",
        "vessel",
        "jet",
        "fighter",
        "bomber",
        "aircraft",
        "submarine",
        "destroyer",
        "frigate",
        "carrier",
        "battalion",
        "brigade",
        "division",
        "unit",
        "marine",
        "missile",
        "system",
        "instructor",
        "mercenary",
        "personnel",
        "plane",
        "drone",
        "helicopter",
        "battery",
    ]
)

# Words that make a meeting, agreement or talk a security matter.
SECURITY_WORDS = frozenset(
    [
        "defence",
        "defense",
        "military",
        "security",
        "army",
        "navy",
        "naval",
        "forces",
        "strategic",
        "arms",
        "weapon",
        "weapons",
        "nuclear",
        "missile",
        "war",
        "peace",
        "troop",
        "troops",
        "alliance",
        "pentagon",
        "general",
        "admiral",
        "commander",
        "drill",
        "drills",
        "exercise",
        "exercises",
        "warship",
    ]
)

# Sport and business vocabulary: a sentence using it is about a match or a market unless it
# also names at least two military words ("strike", "attack" and "defence" are sport words).
SPORT_WORDS = frozenset(
    [
        "match",
        "matches",
        "goal",
        "goals",
        "striker",
        "strikers",
        "penalty",
        "penalties",
        "tournament",
        "league",
        "cup",
        "championship",
        "champion",
        "champions",
        "coach",
        "squad",
        "midfielder",
        "defender",
        "goalkeeper",
        "referee",
        "fixture",
        "fixtures",
        "innings",
        "wicket",
        "wickets",
        "batsman",
        "bowler",
        "seed",
        "seeded",
        "semi-final",
        "final",
        "quarter-final",
        "olympic",
        "olympics",
        "medal",
        "athlete",
        "athletes",
        "rugby",
        "football",
        "cricket",
        "tennis",
        "shares",
        "stock",
        "stocks",
        "investors",
        "shareholders",
    ]
)
MILITARY_WORDS = frozenset(
    [
        "military",
        "troops",
        "troop",
        "army",
        "navy",
        "naval",
        "soldiers",
        "soldier",
        "forces",
        "warship",
        "warships",
        "missile",
        "missiles",
        "artillery",
        "drone",
        "drones",
        "tank",
        "tanks",
        "fighter",
        "bomber",
        "bombers",
        "weapons",
        "weapon",
        "nuclear",
        "war",
        "invasion",
        "defence",
        "defense",
        "ministry",
        "airstrike",
        "airstrikes",
    ]
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
        "push",
        "press",
        "lobby",
        "appeal",
        "urge",
        "propose",
        "examine",
        "review",
        "reconsider",
        "study",
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
        "due",
    }
)
NEGATION_WORDS = frozenset(
    """not never no n't deny refuse cancel halt suspend reject without neither nor postpone
    scrap pause freeze prevent abandon stop shelve decline spare spared halt suspension
    moratorium cancellation skip boycott""".split()
)

# Words that make a warning a threat of force or coercion rather than advice.
THREAT_CONTENT = frozenset(
    [
        "consequence",
        "consequences",
        "response",
        "respond",
        "retaliate",
        "retaliation",
        "retaliatory",
        "action",
        "force",
        "fire",
        "war",
        "strike",
        "strikes",
        "attack",
        "sanction",
        "sanctions",
        "countermeasure",
        "countermeasures",
        "measure",
        "measures",
        "price",
        "destroy",
        "destruction",
        "annihilate",
        "punish",
        "punishment",
        "merciless",
        "resolute",
        "decisive",
        "crush",
        "military",
        "nuclear",
        "target",
        "targets",
    ]
)

# Verbs of shooting are attacks only when aimed at someone ("fired at", "shot ... at").
AIMED_PREPS = frozenset({"at", "on", "upon", "into", "toward", "towards"})

# Wars so widely known that an agent-less mention names its attacker: "the invasion of
# Ukraine" is Russia's. Used only when the attacker is named in the same document.
KNOWN_AGGRESSORS: dict[str, str] = {"UKR": "RUS"}

# Objects a deal-making verb takes: "strike a deal" is no attack.
NON_ATTACK_OBJECTS = frozenset(
    {
        "deal",
        "agreement",
        "accord",
        "pact",
        "bargain",
        "balance",
        "chord",
        "note",
        "tone",
        "compromise",
        "partnership",
        "contract",
        "alliance",
        "gold",
        "oil",
        "match",
        "pose",
    }
)
# Nouns that, modified by "military"/"defence"/"security"/"lethal", are military aid.
AID_NOUNS = frozenset({"aid", "assistance", "support", "package", "help"})
AID_MODIFIERS = frozenset({"military", "defence", "defense", "security", "lethal", "arms"})

# What a state sends when it deploys: forces and platforms (weapons sent are aid).
DEPLOYABLE = frozenset(
    """troop troops soldier soldiers force forces warship warships ship ships vessel vessels
    destroyer destroyers frigate frigates carrier carriers submarine submarines jet jets
    fighter fighters bomber bombers aircraft plane planes battalion battalions brigade
    brigades unit units marine marines personnel boat boats cutter cutters corvette
    corvettes launcher launchers battery batteries instructor instructors adviser advisers
    advisor advisors trainer trainers mercenary mercenaries contractor contractors""".split()
)

# Verbs of sending forces: a deployment (or aid, when sent to fight for another state).
SENDING_VERBS = frozenset({"send", "dispatch", "move", "rush", "deploy", "station", "mass"})
# Verbs of keeping forces somewhere: a deployment when a place follows ("kept troops in X").
KEEPING_VERBS = frozenset({"keep", "maintain", "garrison"})
# Verbs whose subject receives military goods: "Russia obtained drones from Iran".
RECEIVE_VERBS = frozenset({"receive", "obtain", "buy", "acquire", "purchase", "get", "import"})
# Verbs that are triggers only with particular objects or particles (see rules.py):
# "fired at", "granted access to its bases", "handed over tanks", "arrived in".
CONDITIONAL_VERBS = frozenset(
    {
        "fire",
        "shoot",
        "grant",
        "give",
        "allow",
        "offer",
        "hand",
        "arrive",
        "reach",
        "face",
        "pay",
        "declare",
    }
)


def prefilter_lemmas() -> frozenset[str]:
    """Every lemma that can start an event: the sentence prefilter must know them all, or
    it would skip sentences the full parse would have coded."""
    return frozenset(
        {
            *NOUN_TRIGGERS,
            *VERB_TRIGGERS,
            *LAUNCH_VERBS,
            *SENDING_VERBS,
            *KEEPING_VERBS,
            *RECEIVE_VERBS,
            *CONDITIONAL_VERBS,
        }
    )
