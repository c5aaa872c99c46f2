"""Alignment network: who exercises, aids, meets with whom, weighted by corpus events.

Nodes are actors (ISO3 or alliance codes). Each corpus event adds 1 to the undirected edge
between every pair of its co-actors, and 1 to the directed edge from each actor to each of
its targets (aid given, sanctions imposed, threats made).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from whimbrel.analyze.corpus import CorpusEvent
from whimbrel.analyze.svg import FONT, INK, esc


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    directed: bool
    weight: int
    types: tuple[str, ...]
    cluster_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "directed": self.directed,
            "weight": self.weight,
            "types": list(self.types),
            "cluster_ids": list(self.cluster_ids),
        }


@dataclass(frozen=True, slots=True)
class Network:
    """Nodes with the number of corpus events they take part in; edges heaviest first."""

    nodes: tuple[tuple[str, int], ...]
    edges: tuple[Edge, ...]


def build_network(events: Iterable[CorpusEvent]) -> Network:
    pairs: dict[tuple[str, str, bool], tuple[set[str], list[str]]] = {}
    node_events: dict[str, set[str]] = {}
    for event in events:
        for code in event.participants:
            node_events.setdefault(code, set()).add(event.cluster_id)
        actors = sorted(set(event.actors))
        keys = [(a, b, False) for i, a in enumerate(actors) for b in actors[i + 1 :]]
        keys += [(a, t, True) for a in actors for t in sorted(set(event.target)) if a != t]
        for key in keys:
            types, ids = pairs.setdefault(key, (set(), []))
            types.add(event.type)
            ids.append(event.cluster_id)
    edges = [
        Edge(s, t, directed, len(ids), tuple(sorted(types)), tuple(sorted(ids)))
        for (s, t, directed), (types, ids) in pairs.items()
    ]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target, e.directed))
    nodes = sorted(((c, len(ids)) for c, ids in node_events.items()), key=lambda n: n[0])
    return Network(tuple(nodes), tuple(edges))


def network_graphml(network: Network) -> str:
    """GraphML (readable by Gephi, networkx, igraph); directed edges say so per edge."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
        '  <key id="events" for="node" attr.name="events" attr.type="int"/>',
        '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
        '  <key id="types" for="edge" attr.name="types" attr.type="string"/>',
        '  <key id="clusters" for="edge" attr.name="cluster_ids" attr.type="string"/>',
        '  <graph id="whimbrel" edgedefault="undirected">',
    ]
    for code, n in network.nodes:
        lines.append(
            f'    <node id={quoteattr(code)}><data key="label">{xml_escape(code)}</data>'
            f'<data key="events">{n}</data></node>'
        )
    for i, e in enumerate(network.edges):
        lines.append(
            f'    <edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(e.target)} '
            f'directed="{"true" if e.directed else "false"}">'
            f'<data key="weight">{e.weight}</data>'
            f'<data key="types">{xml_escape(" ".join(e.types))}</data>'
            f'<data key="clusters">{xml_escape(" ".join(e.cluster_ids))}</data></edge>'
        )
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def network_svg(network: Network, *, title: str, subtitle: str = "") -> str:
    """A circular-layout picture: node size by events, edge width by weight, arrows for
    directed edges, weights written on the edges."""
    size, top = 640, 70
    cx, cy = size / 2, top + (size - 40) / 2
    radius = (size - 180) / 2
    codes = [c for c, _ in network.nodes]
    weights = dict(network.nodes)
    pos: dict[str, tuple[float, float]] = {}
    for i, code in enumerate(codes):
        angle = 2 * math.pi * i / max(1, len(codes)) - math.pi / 2
        pos[code] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    max_w = max((e.weight for e in network.edges), default=1)
    max_n = max(weights.values(), default=1)
    height = top + size
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{height}" '
        f'viewBox="0 0 {size} {height}" role="img" aria-label="{esc(title)}" style="{FONT}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="11" '
        'markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#b5523b"/></marker></defs>',
        f'<rect width="{size}" height="{height}" fill="#ffffff"/>',
        f'<text x="20" y="30" font-size="18" font-weight="bold" fill="{INK}">{esc(title)}</text>',
    ]
    if subtitle:
        out.append(f'<text x="20" y="52" font-size="12" fill="#555555">{esc(subtitle)}</text>')

    def node_r(code: str) -> float:
        return 10 + 16 * math.sqrt(weights[code] / max_n)

    for e in network.edges:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        width = 1 + 7 * e.weight / max_w
        colour = "#b5523b" if e.directed else "#2f6f9f"
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        # stop the line at the target's rim so the arrow head stays visible
        ex, ey = x2 - dx / dist * node_r(e.target), y2 - dy / dist * node_r(e.target)
        tip = (
            f"<title>{esc(e.source)} {'→' if e.directed else '–'} {esc(e.target)}: "
            f"{e.weight} ({esc(', '.join(e.types))})</title>"
        )
        style = f'stroke="{colour}" stroke-opacity="0.7" stroke-width="{width:.1f}"'
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        if e.directed:
            # a curve, so it does not hide an undirected edge between the same two actors
            mx, my = mx - dy / dist * 40, my + dx / dist * 40
            out.append(
                f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" '
                f'fill="none" {style} marker-end="url(#arrow)">{tip}</path>'
            )
            mx, my = (x1 + 2 * mx + x2) / 4, (y1 + 2 * my + y2) / 4
        else:
            out.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" {style}>'
                f"{tip}</line>"
            )
        if len(network.edges) <= 60:
            out.append(
                f'<text x="{mx:.1f}" y="{my - 3:.1f}" font-size="11" '
                f'text-anchor="middle" fill="{INK}">{e.weight}</text>'
            )
    for code in codes:
        x, y = pos[code]
        r = node_r(code)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#f3d9a4" stroke="{INK}">'
            f"<title>{esc(code)}: {weights[code]} events</title></circle>"
        )
        lx = x + (r + 6) * (1 if x >= cx else -1)
        anchor = "start" if x >= cx else "end"
        out.append(
            f'<text x="{lx:.1f}" y="{y + 4:.1f}" font-size="13" font-weight="bold" '
            f'text-anchor="{anchor}" fill="{INK}">{esc(code)}</text>'
        )
    legend_y = height - 14
    out.append(
        f'<text x="20" y="{legend_y}" font-size="11" fill="#555555">blue: co-actors '
        "(undirected); red arrow: actor → target; numbers: corpus events</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
