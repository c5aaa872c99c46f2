"""Actor alias table and resolver: lookups, spans in text, must-not-match rows."""

from __future__ import annotations

import json
import time
from importlib import resources

import pytest

from whimbrel.ontology import ALLIANCES
from whimbrel.resolve.actors import KINDS, ActorResolver, ActorSpan, default_resolver


def _codes(text: str) -> list[str]:
    return [span.code for span in default_resolver().find(text)]


def _table() -> dict[str, object]:
    raw = resources.files("whimbrel").joinpath("data/actors.json").read_text(encoding="utf-8")
    table: dict[str, object] = json.loads(raw)
    return table


def test_table_shape_and_size() -> None:
    table = _table()
    aliases = table["aliases"]
    assert isinstance(aliases, list)
    assert table["version"] == 1
    assert len(aliases) >= 600
    assert {row["kind"] for row in aliases} <= KINDS
    codes = {row["code"] for row in aliases}
    assert codes >= ALLIANCES
    assert {"TWN", "PSE", "XKX", "VAT", "PRK", "KOR"} <= codes


def test_table_never_names_a_sea_as_an_actor() -> None:
    aliases = {str(row["alias"]).lower() for row in _table()["aliases"]}  # type: ignore[attr-defined]
    for place in (
        "sea of japan",
        "south china sea",
        "taiwan strait",
        "the alliance",
        "ministry of defence",
    ):
        assert place not in aliases


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("the United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("South Korea", "KOR"),
        ("ROK", "KOR"),
        ("Burma", "MMR"),
        ("Türkiye", "TUR"),
        ("Czechia", "CZE"),
        ("Chinese", "CHN"),
        ("Russians", "RUS"),
        ("Emirati", "ARE"),
        ("Filipino", "PHL"),
        ("Philippine", "PHL"),
        ("North Korean", "PRK"),
        ("the Kremlin", "RUS"),
        ("The White House", "USA"),
        ("Zhongnanhai", "CHN"),
        ("Moscow", "RUS"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("PLA", "CHN"),
        ("People's Liberation Army", "CHN"),
        ("People’s Liberation Army", "CHN"),
        ("Pacific Fleet", "RUS"),
        ("US Pacific Fleet", "USA"),
        ("IRGC", "IRN"),
        ("Houthis", "YEM"),
        ("Soviet Union", "RUS"),
        ("USSR", "RUS"),
        ("Putin", "RUS"),
        ("Xi Jinping", "CHN"),
        ("Kim Jong-un", "PRK"),
        ("Zelenskyy", "UKR"),
        ("NATO", "NATO"),
        ("European Union", "EU"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("Quad", "QUAD"),
        ("QUAD", "QUAD"),
        ("Aukus", "AUKUS"),
        ("Russia's", "RUS"),
        ("China’s", "CHN"),
        ("Israelis'", "ISR"),
        ("russia", "RUS"),
    ],
)
def test_lookup_resolves_alias(phrase: str, code: str) -> None:
    assert default_resolver().lookup(phrase) == code


@pytest.mark.parametrize(
    "phrase",
    [
        "us",
        "Us",
        "uk",
        "eu",
        "plan",
        "Austin",
        "Lee",
        "Kim",
        "Marcos",
        "the alliance",
        "Ministry of Defence",
        "Sea of Japan",
        "South China Sea",
        "Latin America",
        "Indo-Pacific",
        "Korean",
        "",
    ],
)
def test_lookup_rejects_non_actor(phrase: str) -> None:
    assert default_resolver().lookup(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "codes"),
    [
        ("Sino-Russian", ("CHN", "RUS")),
        ("Russia-China", ("RUS", "CHN")),
        ("US-Philippine", ("USA", "PHL")),
        ("U.S.-Japan", ("USA", "JPN")),
        ("Russo-Ukrainian", ("RUS", "UKR")),
        ("Franco–German", ("FRA", "DEU")),
        ("China", ("CHN",)),
        ("Indo-Pacific", ()),
        ("Anglo-Saxon", ()),
    ],
)
def test_lookup_all_splits_compounds(phrase: str, codes: tuple[str, ...]) -> None:
    assert default_resolver().lookup_all(phrase) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Let us see what the US does.", ["USA"]),
        ("Warships sailed through the Sea of Japan.", []),
        ("Patrols in the South China Sea continued.", []),
        ("Tankers crossed the Gulf of Oman.", []),
        ("A destroyer transited the Taiwan Strait.", []),
        ("Tension on the Korean Peninsula rose.", []),
        ("The Sino-Russian drills began.", ["CHN", "RUS"]),
        ("Chinese bombers flew with Russian jets.", ["CHN", "RUS"]),
        ("the Kremlin said nothing", ["RUS"]),
        ("Houthis fired at a ship", ["YEM"]),
        ("US-Philippine patrols", ["USA", "PHL"]),
        ("The Black Sea Fleet left port.", ["RUS"]),
        ("Latin American leaders met.", []),
        ("He ate roast turkey in china bowls.", []),
        ("Turkey and China", ["TUR", "CHN"]),
        ("The plan was approved by PLAN officers.", ["CHN"]),
        ("Real Madrid won in Madrid.", ["ESP"]),
        ("NATO's summit", ["NATO"]),
        ("the Indo-Pacific region", []),
        ("Papua New Guinea and New Guinea", ["PNG"]),
    ],
)
def test_find_codes_in_text(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_find_spans_point_into_text() -> None:
    text = "On Sunday the PLA Navy and Russia’s Pacific Fleet sailed."
    spans = default_resolver().find(text)
    navy, russia, fleet = (text.index(s) for s in ("PLA Navy", "Russia", "Pacific Fleet"))
    assert spans == [
        ActorSpan(navy, navy + 8, "PLA Navy", "CHN", "military"),
        ActorSpan(russia, russia + 6, "Russia", "RUS", "country"),
        ActorSpan(fleet, fleet + 13, "Pacific Fleet", "RUS", "military"),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_resolver_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown alias kind"):
        ActorResolver([{"alias": "Atlantis", "code": "ATL", "kind": "myth"}])


def test_resolver_from_small_table_uses_blockers() -> None:
    resolver = ActorResolver(
        [{"alias": "Ruritania", "code": "RUR", "kind": "country"}],
        blockers=["Ruritania Hotel"],
    )
    assert [s.code for s in resolver.find("Ruritania and the Ruritania Hotel")] == ["RUR"]


def test_default_resolver_is_built_once() -> None:
    assert default_resolver() is default_resolver()


def test_find_is_fast_on_long_text() -> None:
    sentence = "Chinese and Russian warships held drills near the Sea of Japan on Sunday. "
    text = sentence * (5000 // len(sentence) + 1)
    resolver = default_resolver()
    resolver.find(text)
    start = time.perf_counter()
    for _ in range(10):
        resolver.find(text)
    per_thousand_chars = (time.perf_counter() - start) / 10 / (len(text) / 1000)
    assert per_thousand_chars < 0.002  # generous bound; typically ~0.2 ms


def test_find_in_caseless_text_reads_lower_case_names() -> None:
    text = "according to reports, russian and chinese warships let us watch the drills near japan"
    assert _codes(text) == ["RUS", "CHN", "JPN"]
