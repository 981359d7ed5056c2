"""Offline exploration pages of the kg graph (vis-network, the library pyvis wraps).

    viz.write_page(graph, Path("out/graph.html"))
"""
from .compact import BIG_THRESHOLD
from .page import (DEFAULT_TITLE, HIDDEN_BY_DEFAULT, LAYOUT_THRESHOLD, NODE_TYPES, default_counts,
                   find_nodes, landing_counts, landing_subset, lines, page_payload, render_page,
                   select_subgraph, write_page)

__all__ = ["write_page", "render_page", "select_subgraph", "find_nodes", "default_counts", "landing_counts",
           "landing_subset", "lines", "page_payload", "NODE_TYPES", "HIDDEN_BY_DEFAULT", "LAYOUT_THRESHOLD",
           "BIG_THRESHOLD", "DEFAULT_TITLE"]
