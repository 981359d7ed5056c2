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
    pyvis's own API (net.get_node(id)["color"] = …, net.set_options(…)). Above 3,000 nodes the
    Network holds the nodes and lines the page draws on opening; the others travel in its data.
    Raises KGError KG-E501 when a filter matches nothing (as `kg explore`)."""
    from viz.page import DEFAULT_TITLE, build_network, select_subgraph
    from viz.source import graph_of, types_list

    graph = graph_of(source)
    sub = select_subgraph(graph, focus=focus, depth=depth, program=program, region=region,
                          types=types_list(types))
    if title is None and focus:
        title = f"{focus} 周边 {depth} 层 — {DEFAULT_TITLE}"
    return build_network(sub, title=title, depth=depth, focus=focus, whole=graph)


def export(source="out/facts.json", *, neo4j_import: str | Path, database: str = "neo4j"):
    """Write the CSV and header files of `neo4j-admin database import full` into the folder
    `neo4j_import` (`kg export --neo4j-import DIR --facts FILE`): the same nodes, labels, properties and
    relationships `kg build` loads into a store. source: a BuildResult (its documents keep their build
    fingerprint), a facts.json path or its folder, a networkx graph, or a kg.store.StoreConfig.
    Returns kg.neo4j_import.ImportFiles: .command() and .instructions() say how to import them."""
    from .neo4j_import import export as _export
    return _export(source, neo4j_import, database=database)


def _run_on_store(store, run):
    """`run(open store)` on `store`: an open store, a StoreConfig, or None/True for the default
    (the embedded ./kg-data, or NEO4J_URI). A store that does not exist is KG-E308, as in the CLI."""
    if store is not None and store is not True and hasattr(store, "run"):
        return run(store)
    from .store import StoreConfig, open_store
    from .store.cli import _existing, warn_if_interrupted
    config = StoreConfig() if store is None or store is True else store
    with open_store(_existing(config)) as st:
        warn_if_interrupted(st)
        return run(st)


def query(statement: str, params: dict | None = None, *, store=None, write: bool = False,
          timeout: float | None = None) -> list[dict]:
    """Rows (dicts) of Cypher or a saved query by name (`kg query STATEMENT --param …`);
    store: an open store, a kg.store.StoreConfig, or None for the default store."""
    from .store.queries import resolve
    cypher, prepared, _ = resolve(statement, params)
    return _run_on_store(store, lambda st: st.run(cypher, prepared, write=write, timeout=timeout))


def participation(*, program: str | None = None, region: str | None = None, institution: str | None = None,
                  kind: str | None = None, store=None) -> list[dict]:
    """Which institutions take part in which programmes, with evidence documents (`kg participation`)."""
    return query("participation", {"program": program, "region": region, "institution": institution,
                                   "kind": kind}, store=store)


def remove(doc_ids: Iterable[str], *, store=None):
    """Remove documents with their facts (`kg remove`); the RemoveSummary. Ids the store does not hold
    raise StoreError KG-E309 after the others are removed, as the CLI exits."""
    from .errors import E, StoreError
    ids = list(doc_ids)

    def run(st):
        return st.remove(ids)
    summary = _run_on_store(store, run)
    if summary.missing:
        raise StoreError(E.E309, ids=", ".join(summary.missing))
    return summary


def explore(source=None, out: str | Path = "out/explore.html", *, title: str | None = None,
            focus: str | None = None, depth: int = 2, program: str | None = None, region: str | None = None,
            types: Iterable[str] | str | None = None) -> Path:
    """Write the offline exploration page (`kg explore`) and return its path. source: as for to_pyvis;
    None: the default store when it exists, else out/facts.json (as the CLI)."""
    from viz.page import write_page
    from viz.source import graph_of, types_list
    if source is None:
        from viz.cli import DEFAULT_FACTS, _store_configured
        from .errors import E, KGError
        from .store import StoreConfig
        if _store_configured(StoreConfig()):
            source = StoreConfig()
        elif DEFAULT_FACTS.exists():
            source = DEFAULT_FACTS
        else:
            raise KGError(E.E502, detail=f"no graph store and no {DEFAULT_FACTS}; run kg.build first or pass a source")
    else:
        from .store import StoreConfig
        if isinstance(source, StoreConfig):
            from .store.cli import _existing
            _existing(source)          # KG-E308 for a store that does not exist: none is made for it
    return write_page(graph_of(source), out, title=title, focus=focus, depth=depth, program=program,
                      region=region, types=types_list(types))


def stop(db: str | Path | None = None):
    """Stop the server keeping the embedded store in `db` up (default ./kg-data or $KG_DB): the
    background server that query/participation/remove/explore start (it stops by itself after
    KG_STORE_IDLE seconds without a client), or a `kg serve` (`kg stop`). Waits until the store is
    free; returns a StopResult (`stopped` False when none ran)."""
    from .store import default_db_dir
    from .store.background import stop_server
    return stop_server(Path(db) if db is not None else default_db_dir())


def show(doc_id: str, paths: Iterable[str | Path], out: str | Path, *, graph: str | Path | None = None,
         lexicons: Iterable[str | Path] = ()) -> Path:
    """Write report `doc_id` (read from `paths`) with its facts marked by displaCy (`kg show`)."""
    from .show import show as _show
    return _show(doc_id, paths, out, graph=graph, lexicons=lexicons)


__all__ = ["build", "BuildResult", "query", "participation", "remove", "explore", "to_pyvis", "show", "stop", "export"]
