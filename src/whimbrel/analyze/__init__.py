"""analyze: corpus events (plain records read from the store) in -> trends, alignment
networks, claim verdicts and SVG/HTML charts out. Nothing here reads articles or runs the
pipeline; callers pass the data in."""

from whimbrel.analyze.claims import (
    ArticleEvent,
    Claim,
    ClaimCheck,
    ClusterLookup,
    check_claims,
    find_claims,
)
from whimbrel.analyze.corpus import CorpusEvent
from whimbrel.analyze.network import Edge, Network, build_network, network_graphml, network_svg
from whimbrel.analyze.trend import TrendRow, trend, trend_html, trend_svg

__all__ = [
    "ArticleEvent",
    "Claim",
    "ClaimCheck",
    "ClusterLookup",
    "CorpusEvent",
    "Edge",
    "Network",
    "TrendRow",
    "build_network",
    "check_claims",
    "find_claims",
    "network_graphml",
    "network_svg",
    "trend",
    "trend_html",
    "trend_svg",
]
