"""Repair: each function as a table with must-not-change rows, and the composed stage."""

from __future__ import annotations

import pytest

from whimbrel.repair import (
    Repaired,
    apply_edits,
    fix_calques,
    fix_glued_punctuation,
    fix_html,
    fix_spelling,
    fix_typos,
    fix_unicode,
    repair,
    restore_case,
)
from whimbrel.repair.offsets import Edit
from whimbrel.repair.vocab import calques


def _apply(fn: object, raw: str) -> str:
    edits: list[Edit] = fn(raw)  # type: ignore[operator]
    text, _ = apply_edits(raw, edits)
    return text


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("near Taiwan,marking a shift", "near Taiwan, marking a shift"),
        ("the policy.Now the fleet", "the policy. Now the fleet"),
        ("a decade prior-a clear sign", "a decade prior - a clear sign"),
        ("a decade prior—the clear sign", "a decade prior — the clear sign"),
        ("In 2024,Russia and China", "In 2024, Russia and China"),
        ("The U.S.Treasury said", "The U.S. Treasury said"),
        # must not change
        ("the U.S. Navy and the U.K. Army", "the U.S. Navy and the U.K. Army"),
        ("visit example.com today", "visit example.com today"),
        ("the fansite Halo.Bungie.Org said", "the fansite Halo.Bungie.Org said"),
        ("the Zafi.D virus", "the Zafi.D virus"),
        ("1,500 troops and 3.5 billion", "1,500 troops and 3.5 billion"),
        ("a well-armed force", "a well-armed force"),
        ("a hit-and-run attack", "a hit-and-run attack"),
    ],
)
def test_fix_glued_punctuation_table(raw: str, fixed: str) -> None:
    assert _apply(fix_glued_punctuation, raw) == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Teh navy coudl sail", "The navy could sail"),
        ("the milatary said", "the military said"),
        ("the Untied States navy", "the United States navy"),
        # must not change
        ("Tehran and Teheran", "Tehran and Teheran"),
        ("the theme", "the theme"),
        ("the TEH code", "the TEH code"),
        ("they were untied", "they were untied"),
    ],
)
def test_fix_typos_table(raw: str, fixed: str) -> None:
    assert _apply(fix_typos, raw) == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("the APL navy held drills", "the PLA navy held drills"),
        ("OTAN allies met", "NATO allies met"),
        ("fighting in the Sea of southern China", "fighting in the South China Sea"),
        ("the Army of Popular Liberation", "the People's Liberation Army"),
        ("the EI militants attacked", "the IS militants attacked"),
        ("talks in Moscou ended", "talks in Moscow ended"),
        # must not change
        ("APPLE and NATOS", "APPLE and NATOS"),
        ("the UE shares rose on the stock market", "the UE shares rose on the stock market"),
        ("file.APL is a program", "file.APL is a program"),
    ],
)
def test_fix_calques_table(raw: str, fixed: str) -> None:
    assert _apply(fix_calques, raw) == fixed


def test_calque_table_has_sixty_entries_with_languages() -> None:
    table = calques()
    assert len(table) >= 60
    assert all(c.lang and c.note and c.english and c.source for c in table)
    assert len({c.source for c in table}) == len(table)


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Chinaâ€™s navy", "China’s navy"),
        ("an Ã©lite unit", "an élite unit"),
        ("Russia´s fleet", "Russia’s fleet"),
        ("Rus\u00adsia", "Russia"),
        ("bad \ud800 surrogate", "bad \ufffd surrogate"),
        # must not change
        (
            "Ça va, São Paulo, Malmö, naïve, “quoted” – dash",
            "Ça va, São Paulo, Malmö, naïve, “quoted” – dash",
        ),
        ("à la carte", "à la carte"),
    ],
)
def test_fix_unicode_table(raw: str, fixed: str) -> None:
    assert _apply(fix_unicode, raw) == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Russia &amp; China", "Russia & China"),
        ("China&#8217;s navy", "China’s navy"),
        ("China&#x2019;s navy", "China’s navy"),
        ("joint&nbsp;drills", "joint drills"),
        ("the <b>joint</b> drills", "the joint drills"),
        ("drills began.<p>Then", "drills began.\nThen"),
        ("the <br>Russian navy", "the Russian navy"),
        ("text<script>var x = 1;</script> more", "text more"),
        ("a <!-- note --> b", "a  b"),
        # must not change
        ("if x<y and y>z", "if x<y and y>z"),
        ("AT&T and R&D", "AT&T and R&D"),
        ("&unknownentity; stays", "&unknownentity; stays"),
    ],
)
def test_fix_html_table(raw: str, fixed: str) -> None:
    assert _apply(fix_html, raw) == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("the exercsie began", "the exercise began"),
        ("the warhsips siad", "the warships said"),
        ("drills near Rusisa", "drills near Russia"),
        ("the NTAO summit", "the NATO summit"),
        ("the Minsitry said", "the Ministry said"),
        ("drills with cihna", "drills with china"),
        ("the Russains and Iarnians", "the Russians and Iranians"),
        # must not change: names, capitalised words, codes, URLs, numbers, variants
        ("flights to Beijng", "flights to Beijng"),
        ("the beijng office", "the beijng office"),
        ("Heather Craney and Rafa Benitez", "Heather Craney and Rafa Benitez"),
        ("see www.exercsie.com or exercsie@mail.org", "see www.exercsie.com or exercsie@mail.org"),
        ("code exercsie_2 and exercsie-like", "code exercsie_2 and exercsie-like"),
        ("neighboring armored units", "neighboring armored units"),
        ("wi-fi hotspots and paycuts", "wi-fi hotspots and paycuts"),
        ("a muso and 12abc", "a muso and 12abc"),
    ],
)
def test_fix_spelling_table(raw: str, fixed: str) -> None:
    assert _apply(fix_spelling, raw) == fixed


_NOISY = "The wrasihps siad they wree on a jonit patrol. "


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Earleir, troops form Russia arrived.", "Earlier, troops from Russia arrived."),
        ("Drones form Iran and Departmnet staff.", "Drones from Iran and Department staff."),
        # "form" as a verb or a noun stays
        ("They form a task force.", "They form a task force."),
        ("Allies would form Task Force 2.", "Allies would form Task Force 2."),
        ("A new form of war.", "A new form of war."),
    ],
)
def test_fix_spelling_in_noisy_text(raw: str, fixed: str) -> None:
    assert _apply(fix_spelling, _NOISY + raw) == _apply(fix_spelling, _NOISY) + fixed


def test_fix_spelling_leaves_form_and_capitals_alone_in_clean_text() -> None:
    clean = "Earleir, troops form Russia arrived."
    assert _apply(fix_spelling, clean) == clean


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        (
            "Officials said this. the russian navy met chinese ships in the south china sea. "
            "the ships sailed on to the sea of japan after a week of drills.",
            "Officials said this. The Russian Navy met Chinese ships in the South China Sea. "
            "The ships sailed on to the Sea of Japan after a week of drills.",
        ),
        # a lone lower-case sentence in cased copy keeps its first letter; names come back
        (
            "Officials said this. the russian navy met chinese ships in the south china sea.",
            "Officials said this. the Russian Navy met Chinese ships in the South China Sea.",
        ),
        (
            "russia's defense ministry said. drills with china begin on monday.",
            "Russia's defense ministry said. Drills with China begin on Monday.",
        ),
        (
            "It was agreed.\n\nthe us and japan held drills",
            "It was agreed.\n\nthe US and Japan held drills",
        ),
        # must not change: a sentence with a capital, ambiguous words, ellipses
        ("The china cups and roast turkey", "The china cups and roast turkey"),
        ("it was... but we polish it and plan", "it was... but we polish it and plan"),
        ("from Wham! through to more recent events.", "from Wham! through to more recent events."),
    ],
)
def test_restore_case_table(raw: str, fixed: str) -> None:
    assert _apply(restore_case, raw) == fixed


def test_repair_clean_text_is_identity() -> None:
    clean = "China and Russia began joint naval drills on Monday, officials said."
    result = repair(clean)
    assert result.text == clean
    assert result.changes == ()
    assert result.warnings == ()
    assert result.original_span(10, 20) == (10, 20)


def test_repair_maps_sentence_back_to_original() -> None:
    raw = "Teh report said,in 2024 alone,Russia and China held 14 drills."
    result = repair(raw)
    start = result.text.index("Russia")
    end = result.text.index("drills") + len("drills")
    o_start, o_end = result.original_span(start, end)
    assert raw[o_start:o_end] == "Russia and China held 14 drills"


def test_repair_changes_cite_original_text() -> None:
    raw = (
        "Chinaâ€™s APL &amp; OTAN held drills,siad the <b>minsitry</b> "
        "in the Sea of southern China."
    )
    result = repair(raw)
    assert result.text == (
        "China’s PLA & NATO held drills, said the ministry in the South China Sea."
    )
    for start, end, old, _new in result.changes:
        assert raw[start:end] == old


def test_repair_seed_like_article_fixes_every_noise() -> None:
    raw = (
        "Teh analysis said Russia would aid China in an invasion of Taiwan,marking a shift. "
        "Fighting would spread throughout the Sea of southern China. In 2024 alone,Russia and "
        "China conducted 14 such drills,nearly double the number held a decade prior-a clear "
        "sign. These exercises coudl allow China’s People’s Liberation Army (APL) to act."
    )
    text = repair(raw).text
    for fixed in (
        "The analysis",
        "Taiwan, marking",
        "South China Sea",
        "alone, Russia",
        "drills, nearly",
        "prior - a",
        "could allow",
        "(PLA)",
    ):
        assert fixed in text


def test_repaired_identity_keeps_text_and_warnings() -> None:
    result = Repaired.identity("some text", warnings=("W-REPAIR-TEST",))
    assert result.text == result.original == "some text"
    assert result.original_span(2, 6) == (2, 6)
    assert result.warnings == ("W-REPAIR-TEST",)
