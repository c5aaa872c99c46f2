"""Events survive the JSON form used in Parquet shards, mentions included."""

from __future__ import annotations

import json

from scale_corpus import invented_articles

from whimbrel.pipeline import Pipeline
from whimbrel.records import Rejection
from whimbrel.scale.codec import decode_event, decode_rejection, encode_event, encode_rejection


def test_codec_event_round_trip_keeps_every_field_and_mention(pipeline: Pipeline) -> None:
    events = pipeline.process(invented_articles()).events
    assert events
    for event in events:
        back = decode_event(json.loads(json.dumps(encode_event(event))))
        assert back == event
        assert back.mentions == event.mentions
        assert back.to_dict() == event.to_dict()


def test_codec_rejection_round_trip() -> None:
    rejection = Rejection(source="a.txt", stage="limits", code="W-SCALE-001", reason="slow")
    assert decode_rejection(json.loads(json.dumps(encode_rejection(rejection)))) == rejection
