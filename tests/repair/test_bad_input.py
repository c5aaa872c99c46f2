"""Input repair must not touch, and pathological input: passed through, never mangled."""

from __future__ import annotations

import pytest

from whimbrel.repair import assess, repair


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "El ministro de defensa dijo que las maniobras navales conjuntas se realizarán en "
            "el mar de China meridional durante la próxima semana con la participación de "
            "buques de guerra, aviones y submarinos de ambos países según fuentes oficiales",
            "W-REPAIR-LANGUAGE",
        ),
        (
            "Министерство обороны России заявило о начале совместных учений с Китаем " * 3,
            "W-REPAIR-LANGUAGE",
        ),
        ("2024 1,204 3.5 | 2023 998 2.1 | 2022 1,020 2.7 | 2021 870 1.9 " * 4, "W-REPAIR-NUMBERS"),
        ("<div><span class='a'><b><i>" * 30 + "x", "W-REPAIR-MARKUP"),
    ],
)
def test_repair_passes_through_with_warning(text: str, code: str) -> None:
    result = repair(text)
    assert result.text == text
    assert result.changes == ()
    assert result.offsets.is_identity
    assert result.warnings and result.warnings[0].startswith(code)
    assert assess(text) == result.warnings


def test_assess_accepts_noisy_english() -> None:
    noisy = (
        "Teh report said,in 2024 alone,Russia and China held 14 drills.Chinaâ€™s navy &amp; "
        "the APL coudl sail in the Sea of southern China, officials said on monday."
    )
    assert assess(noisy) == ()
    assert repair(noisy).changes


def test_repair_two_megabyte_line_completes() -> None:
    unit = "Teh navy said that the drills near Taiwan,marking a shift &amp; were over. "
    text = unit * (2_000_000 // len(unit))
    result = repair(text)
    assert len(result.text) > len(text) // 2
    assert result.text.count("Taiwan, marking") == text.count("Taiwan,marking")


def test_repair_deeply_nested_tags_complete() -> None:
    text = "Russia and China held drills. " + "<div>" * 50_000 + "end" + "</div>" * 50_000
    result = repair(text)
    assert result.original == text
    assert result.warnings  # mostly markup: passed through


def test_repair_unclosed_brackets_and_entities_complete() -> None:
    text = ("China said < the drills & the talks " * 20_000) + "<" * 100_000 + "&" * 100_000
    result = repair(text)
    assert result.text.startswith("China said < the drills")


def test_repair_lone_surrogates_become_replacement_characters() -> None:
    text = "The navy \ud83d held drills \udc00 near Taiwan, officials said on Monday."
    result = repair(text)
    assert "\ufffd" in result.text
    result.text.encode("utf-8")  # no lone surrogate left
    for start, end, old, _new in result.changes:
        assert text[start:end] == old


def test_repair_empty_and_whitespace_are_identity() -> None:
    for text in ("", " ", "\n\n", "a"):
        result = repair(text)
        assert result.text == text
        assert result.changes == ()
