"""The pipeline end to end on the seed article (from ../shared) and on invented text."""

from __future__ import annotations

import json
from pathlib import Path

from whimbrel.ontology import EventType, Modality
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article


def _events(pipeline: Pipeline, text: str, published: str | None = None) -> list[dict]:
    result = pipeline.process([Article.from_text(text, published=published)])
    assert not result.rejections
    return [e.to_dict() for e in result.events]


def test_pipeline_seed_article_gives_exactly_the_two_asserted_events(
    pipeline: Pipeline, shared_dir: Path
) -> None:
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    events = _events(pipeline, text)
    asserted = sorted(
        (e["type"], tuple(e["actors"]), e["date"], e["location"], e["count"])
        for e in events
        if e["modality"] == Modality.ASSERTED
    )
    assert asserted == [
        ("EXERCISE", ("CHN", "IRN", "RUS"), "2023-03", "Gulf of Oman", 1),
        ("EXERCISE", ("CHN", "RUS"), "2024", None, 14),
    ]
    for event in events:
        evidence = event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_pipeline_seed_article_stores_no_speculation_as_fact(
    pipeline: Pipeline, shared_dir: Path
) -> None:
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "data" / "seed-gold.jsonl").read_text(encoding="utf-8"))
    events = _events(pipeline, text)
    asserted_types = {e["type"] for e in events if e["modality"] == "asserted"}
    assert EventType.ATTACK not in asserted_types
    assert EventType.MILITARY_AID not in asserted_types
    gold_asserted = {
        (e["type"], tuple(e["actors"])) for e in gold["events"] if e["modality"] == "asserted"
    }
    assert {(e["type"], tuple(e["actors"])) for e in events if e["modality"] == "asserted"} == (
        gold_asserted
    )


def test_pipeline_evidence_cites_original_noisy_text(pipeline: Pipeline) -> None:
    text = "Teh two navies met.In 2023 alone,Japan and India held 6 such drills,officials said."
    events = _events(pipeline, text)
    assert events, "the repaired sentence should yield an exercise"
    for event in events:
        evidence = event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert any(e["actors"] == ["IND", "JPN"] and e["count"] == 6 for e in events)


def test_pipeline_merges_repeated_mentions_into_one_event(pipeline: Pipeline) -> None:
    text = (
        "Russian and Chinese warships began a joint naval exercise in the Sea of Japan on "
        "Monday. The joint exercise between Russia and China will last five days, the "
        "Russian defence ministry said."
    )
    events = [e for e in _events(pipeline, text, "2024-07-17") if e["type"] == "EXERCISE"]
    assert len(events) == 1
    assert events[0]["actors"] == ["CHN", "RUS"]
    assert events[0]["n_mentions"] == 2
    assert events[0]["date"] == "2024-07-15"


def test_pipeline_keeps_an_event_told_as_another_apart(pipeline: Pipeline) -> None:
    text = (
        "Belarus supplies Russia with artillery shells for its war against Ukraine. "
        "Officials said Belarus has also supplied additional rocket launchers to Russia."
    )
    aid = [e for e in _events(pipeline, text) if e["type"] == "MILITARY_AID"]
    assert [(e["actors"], e["target"]) for e in aid] == [(["BLR"], ["RUS"])] * 2


def test_pipeline_launches_on_different_days_of_an_undated_story_stay_apart(
    pipeline: Pipeline,
) -> None:
    text = (
        "North Korea fired a ballistic missile toward the Sea of Japan on Thursday. "
        "Pyongyang last launched a cruise missile on Oct. 2, state media said."
    )
    launches = [e for e in _events(pipeline, text, None) if e["type"] == "EXERCISE"]
    assert len(launches) == 2
    assert {e["location"] for e in launches} == {"Sea of Japan", None}


def test_pipeline_locations_from_references_visits_and_wars(pipeline: Pipeline) -> None:
    text = (
        "Japan claims the Habomai Islands. Russia has since stationed troops on the islands. "
        "A Turkish delegation visited Azerbaijan to discuss defence cooperation. "
        "Belarus supplies Russia with shells for the Russo-Ukrainian war."
    )
    where = {(e["type"], tuple(e["actors"])): e["location"] for e in _events(pipeline, text)}
    assert where[("DEPLOYMENT", ("RUS",))] == "Habomai Islands"
    assert where[("ATTACK", ("RUS",))] == "Ukraine"
    visit = "A Turkish delegation visited Azerbaijan for talks on defence cooperation."
    assert [e["location"] for e in _events(pipeline, visit)] == ["Azerbaijan"]


def test_pipeline_location_prefers_the_first_attached_place_and_finds_small_towns(
    pipeline: Pipeline,
) -> None:
    first = "A few hundred Russian instructors arrived in Mali, in West Africa, last year."
    assert [e["location"] for e in _events(pipeline, first)] == ["Mali"]
    town = "The Australian and New Zealand defence ministers will meet in Queenstown in May."
    assert [e["location"] for e in _events(pipeline, town)] == ["Queenstown"]
    subject = "Iran has not delivered missiles to Russia, and Europe relied on false reports."
    assert [e["location"] for e in _events(pipeline, subject)] == [None]


def test_pipeline_a_recent_meeting_happened_whatever_is_guessed_of_it(pipeline: Pipeline) -> None:
    text = (
        "Vietnamese Defence Minister Phan Van Giang's recent meeting with Chinese Defence "
        "Minister Dong Jun in Hanoi may have covered the South China Sea, diplomats said."
    )
    meetings = [e for e in _events(pipeline, text) if e["type"] == "MEETING"]
    assert [(m["modality"], m["location"]) for m in meetings] == [("asserted", "Hanoi")]


def test_pipeline_an_exercise_set_to_start_on_the_publication_day_is_under_way(
    pipeline: Pipeline,
) -> None:
    text = (
        "The fifth edition of the Egyptian and Greek naval exercise Medusa was set to take "
        "place off Alexandria from June 3 to June 9."
    )
    on_the_day = _events(pipeline, text, "2024-06-03")
    assert [(e["modality"], e["date"], e["location"]) for e in on_the_day] == [
        ("asserted", "2024-06-03", "Alexandria")
    ]
    before = _events(pipeline, text, "2024-05-20")
    assert [(e["modality"], e["date"]) for e in before] == [("planned", "2024-06-03")]


def test_pipeline_unnamed_mentions_join_a_named_exercise_with_other_participants(
    pipeline: Pipeline,
) -> None:
    text = (
        "Egypt sent two frigates to take part in the Greek-led Medusa-2024 drills. "
        "Greek and Egyptian warships began the exercises on June 3, officials said."
    )
    exercises = [e for e in _events(pipeline, text, "2024-06-05") if e["type"] == "EXERCISE"]
    assert [(e["actors"], e["name"], e["date"]) for e in exercises] == [
        (["EGY", "GRC"], "Medusa-2024", "2024-06-03")
    ]


def test_pipeline_troops_sent_into_another_states_war_are_aid(pipeline: Pipeline) -> None:
    text = (
        "Russia's war against Ukraine grinds on. Seoul says thousands of North Korean "
        "soldiers are stationed in Russia, some of them already in combat."
    )
    events = {(e["type"], tuple(e["actors"]), tuple(e["target"])) for e in _events(pipeline, text)}
    assert ("MILITARY_AID", ("PRK",), ("RUS",)) in events
    assert not any(t == "DEPLOYMENT" for t, _a, _t in events)
    # the same stationing with no war in the story stays a deployment
    calm = "Seoul says thousands of North Korean soldiers are stationed in Russia."
    assert [e["type"] for e in _events(pipeline, calm)] == ["DEPLOYMENT"]


def test_pipeline_is_deterministic(pipeline: Pipeline) -> None:
    text = "Iran has supplied Russia with drones, the US said. Russia denied it."
    first = _events(pipeline, text)
    second = _events(pipeline, text)
    assert first == second


def test_pipeline_prefilter_gives_the_same_events_as_parsing_everything(
    pipeline: Pipeline, shared_dir: Path
) -> None:
    docs = [
        json.loads(line)
        for line in (shared_dir / "data" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    articles = [Article(doc_id=d["doc_id"], text=d["text"], published=d["published"]) for d in docs]
    naive = Pipeline(pipeline.config, prefilter=False)
    assert pipeline.process(articles).events == naive.process(articles).events


def test_pipeline_rejects_nothing_on_awkward_text(pipeline: Pipeline) -> None:
    awkward = [
        "",
        "no sentence ends here " * 2000,
        "| a | b |\n|---|---|\n| 1 | 2 |\n" * 50,
        "RUSSIA AND CHINA HOLD DRILLS IN THE SEA OF JAPAN",
        "- item one\n- item two\n- China and Russia held drills",
        "x" * 100_000,
    ]
    result = pipeline.process([Article.from_text(t) for t in awkward])
    assert result.rejections == ()


def test_public_extract_returns_events_with_original_offsets() -> None:
    import whimbrel

    text = "Officials said,Germany delivered tanks to Ukraine on Friday."
    events = whimbrel.extract_events(text, published="2024-03-13")
    assert [(e.type, e.actors, e.target) for e in events] == [("MILITARY_AID", ("DEU",), ("UKR",))]
    span = events[0].evidence
    assert text[span.start : span.end] == span.text
    assert events[0].date == "2024-03-08"


def test_prefilter_knows_every_trigger_form() -> None:
    from whimbrel.extract import lexicon
    from whimbrel.pipeline import _TRIGGER_RE

    irregular = {
        "send": "sent",
        "give": "given",
        "meet": "met",
        "sell": "sold",
        "strike": "struck",
        "shoot": "shot",
        "buy": "bought",
        "get": "got",
    }
    for lemma in lexicon.prefilter_lemmas():
        base = lemma.rstrip("e")
        forms = {lemma, lemma + "s", base + "ed", base + "ing", irregular.get(lemma, lemma)}
        for form in forms:
            assert _TRIGGER_RE.search(f"They {form} it."), (lemma, form)
