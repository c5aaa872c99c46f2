"""The words the spelling corrector may write: the vocabulary of security news.

Correcting every misspelling in ordinary prose would rewrite clean articles that merely
contain a rare word ("hotspots" is not "hotshots"); correcting only towards these words
repairs what extraction depends on (triggers, participants, modality cues) and leaves the
rest of the text alone.
"""

from __future__ import annotations

import functools

from whimbrel.repair.vocab import english_counts, words

_LEMMAS = words(
    """
accord action admiral aggression aggressor agree agreement aid aircraft airstrike alliance
allied ally ammunition amphibious annex approve armed armour armor army arrive artillery
assault assist assistance attack battalion battle blockade bolster bomb bombard
bombardment bomber border brigade capability carrier ceasefire clash coalition coast
command commander condemn conduct conflict confront cooperate cooperative crisis deal
defence defense defend deliver delivery demand deny deploy deployment destroyer dispatch
drill drone embargo embassy enemy equipment escalate escalation exercise expel fighter
fire fleet force foreign frigate general guard helicopter hostile hostility howitzer
incursion infantry intelligence intercept interceptor invade invasion joint launch
launcher lethal maneuver manoeuvre marine maritime meet meeting memorandum militant
military militia minister ministry missile mobilise mobilize munition naval navy negotiate
negotiation nuclear offensive operation pact partner partnership patrol peace personnel
plan planned possible possibly potential prepare probably propose provide reconnaissance
reject retaliate retaliation rocket sanction security send ship shipment shoot sign
simulate simulation soldier sovereignty strait strategic strike submarine summit supply
support surveillance suspend tactical talk tank tension territory territorial threat
threaten treaty trilateral bilateral multilateral troop unprecedented vessel visit warn
warning warplane warship weapon would could should might conducted alleged allegedly
considered expected intended likely unlikely whether without though although against
between during including international national neighbouring neighboring nations countries
country
"""
)
# Function words and modality cues: typos in them break parsing and modality.
_FUNCTION_WORDS = words(
    """
will would could should might must shall said says with from they were have their that
this which when where while about after before against between during under over into
there these those other than then also only been being does done would including near
north south east west united states nations kingdom republic ocean gulf coast island
monday tuesday wednesday thursday friday saturday sunday january february april june july
august september october november december
    """
)
_SUFFIXES = ("", "s", "es", "ed", "d", "ing", "al", "ly", "ers", "er")


@functools.cache
def domain_words() -> frozenset[str]:
    """The lemmas above with their regular inflections that are English words."""
    counts = english_counts()
    words: set[str] = set()
    for lemma in _LEMMAS:
        stems = {lemma, lemma[:-1]} if lemma.endswith("e") else {lemma}
        if lemma.endswith("y"):
            stems.add(lemma[:-1] + "i")
        for stem in stems:
            for suffix in _SUFFIXES:
                form = stem + suffix
                if form == lemma or (form in counts and len(form) >= 4):
                    words.add(form)
    words.update(_FUNCTION_WORDS)
    return frozenset(w for w in words if len(w) >= 4)
