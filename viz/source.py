"""Where a page's graph comes from: a BuildResult, a facts.json, a store or a graph itself."""
from __future__ import annotations

from pathlib import Path

import networkx as nx


def graph_of(source) -> nx.MultiDiGraph:
    """The graph of `source`: a kg BuildResult (its .graph), a networkx graph, a facts.json path
    (str or Path, or a folder holding facts.json), a kg.store.StoreConfig or an open kg.store.Store."""
    if isinstance(source, nx.MultiDiGraph):
        return source
    if isinstance(source, nx.Graph):
        return nx.MultiDiGraph(source)
    graph = getattr(source, "graph", None)
    if isinstance(graph, nx.Graph):                       # BuildResult
        return graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
    if isinstance(source, (str, Path)):
        from .cli import graph_from_facts_file  # noqa: PLC0415
        path = Path(source)
        if path.is_dir():
            path = path / "facts.json"
        return graph_from_facts_file(path)
    if hasattr(source, "read_graph"):                     # an open store
        from kg.store.cli import warn_if_interrupted  # noqa: PLC0415
        warn_if_interrupted(source)
        return source.read_graph()
    from kg.store import StoreConfig  # noqa: PLC0415
    if isinstance(source, StoreConfig):
        from .cli import graph_from_store  # noqa: PLC0415
        return graph_from_store(source)
    raise TypeError(f"not a graph source: {type(source).__name__} (a BuildResult, a facts.json path, "
                    "a kg.store.StoreConfig or Store, or a networkx graph)")


def types_list(types) -> list[str] | None:
    """--types as the CLI takes it (T1,T2) or as a list."""
    if types is None:
        return None
    if isinstance(types, str):
        types = types.split(",")
    return [t.strip() for t in types if t and t.strip()]
