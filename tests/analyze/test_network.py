"""The alignment network: co-actor and actor->target edges weighted by corpus events."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from whimbrel.analyze import CorpusEvent, build_network, network_graphml, network_svg

EVENTS = [
    CorpusEvent("c1", "EXERCISE", ("CHN", "RUS"), (), "asserted", "2024"),
    CorpusEvent("c2", "EXERCISE", ("CHN", "IRN", "RUS"), (), "asserted", "2023-03"),
    CorpusEvent("c3", "MILITARY_AID", ("IRN",), ("RUS",), "asserted", "2023"),
]


def test_network_edges_weighted_by_corpus_events() -> None:
    net = build_network(EVENTS)
    edges = {(e.source, e.target, e.directed): e for e in net.edges}
    assert edges[("CHN", "RUS", False)].weight == 2
    assert edges[("CHN", "RUS", False)].cluster_ids == ("c1", "c2")
    assert edges[("IRN", "RUS", False)].weight == 1
    assert edges[("IRN", "RUS", True)].types == ("MILITARY_AID",)
    assert dict(net.nodes) == {"CHN": 2, "IRN": 2, "RUS": 3}
    assert net.edges[0].weight == 2  # heaviest first


def test_network_graphml_is_valid_xml_with_weights() -> None:
    root = ET.fromstring(network_graphml(build_network(EVENTS)))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    nodes = root.findall(f"{ns}graph/{ns}node")
    edges = root.findall(f"{ns}graph/{ns}edge")
    assert sorted(n.get("id") or "" for n in nodes) == ["CHN", "IRN", "RUS"]
    directed = [e for e in edges if e.get("directed") == "true"]
    assert [(e.get("source"), e.get("target")) for e in directed] == [("IRN", "RUS")]
    weights = sorted(int(d.text or 0) for d in root.iter(f"{ns}data") if d.get("key") == "weight")
    assert weights == [1, 1, 1, 2]


def test_network_svg_draws_every_node_and_edge() -> None:
    svg = network_svg(build_network(EVENTS), title="Exercises since 2020")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == 3
    assert len(root.findall(f"{ns}line")) == 3  # co-actors
    assert len(root.findall(f"{ns}path")) == 1  # IRN -> RUS, curved
    assert "Exercises since 2020" in [t.text for t in root.iter(f"{ns}text")]


def test_network_empty_draws_without_error() -> None:
    net = build_network([])
    assert net.nodes == () and net.edges == ()
    assert ET.fromstring(network_svg(net, title="nothing")) is not None
