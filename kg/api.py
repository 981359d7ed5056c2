"""The Python API; the `kg` CLI mirrors it command for command.

    import kg.api as kg
    result = kg.build(["reports/"], "out", lexicons=["my_terms.csv"], store=False)
    result.graph            # networkx.MultiDiGraph
    kg.build(["reports/"], "out", store=False, explain=True, disable_rules=["institutions.list-counted"]).explain
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .pipeline import BuildResult, Progress
from .pipeline import build as _build


def build(paths: Iterable[str | Path], out: str | Path | None = "out", *, lexicons: Iterable[str | Path] = (),
          store=True, page: bool = True, progress: Progress | None = None, explain: bool = False,
          disable_rules: Iterable[str] = (), jobs: int | None = None, cache: bool = True) -> BuildResult:
    """Build the graph of the reports under `paths` (`kg build`).

    store: True for the embedded store in ./kg-data, False for none, or a kg.store.StoreConfig.
    explain: list every fact with the extraction rule that produced it (result.explain, result.rules;
    `out`/explain.tsv and `out`/rules.tsv) — `kg build --explain`.
    disable_rules: extraction rules to switch off for this build (`--disable-rule`; also KG_DISABLE_RULES).
    jobs: worker processes reading and extracting the files, default one per core (`--jobs`).
    cache: reuse the extraction of files unchanged since the last build into `out` (`--no-cache` is False).
    """
    store_config = None
    if store is True:
        from .store import StoreConfig
        store_config = StoreConfig()
    elif store:
        store_config = store
    return _build(paths, out, lexicons=lexicons, page=page, store_config=store_config, progress=progress,
                  explain=explain, disable_rules=disable_rules, jobs=jobs, cache=cache)


def to_pyvis(source, *, focus: str | None = None, depth: int = 2, program: str | None = None,
             region: str | None = None, types: Iterable[str] | str | None = None, title: str | None = None):
    """The graph (or the part `kg explore` would draw with the same options) as a pyvis Network.

    source: a BuildResult, a facts.json path (or the folder holding it), a kg.store.StoreConfig or an
    open store. The Network renders through kg's page template (offline, search, filters, legend):
    `net.show("x.html")` in a notebook, `net.write_html("x.html")` elsewhere; restyle it first with
    pyvis's own API (net.get_node(id)["color"] = …, net.set_options(…)).
    Raises KGError KG-E501 when a filter matches nothing (as `kg explore`)."""
    from viz.page import DEFAULT_TITLE, build_network, select_subgraph
    from viz.source import graph_of, types_list

    graph = graph_of(source)
    sub = select_subgraph(graph, focus=focus, depth=depth, program=program, region=region,
                          types=types_list(types))
    if title is None and focus:
        title = f"{focus} 周边 {depth} 层 — {DEFAULT_TITLE}"
    return build_network(sub, title=title, depth=depth, focus=focus, whole=graph)


__all__ = ["build", "BuildResult", "to_pyvis"]
