"""`kg explore`: write the offline exploration page (registered by kg.cli as `explore`)."""
from __future__ import annotations

import json
from pathlib import Path

import click
import networkx as nx

from kg.cliutil import handle_errors
from kg.errors import E, KGError

from .page import NODE_TYPES, landing_counts, select_subgraph, write_page

DEFAULT_FACTS = Path("out") / "facts.json"
DEFAULT_OUT = Path("out") / "explore.html"


def graph_from_facts_file(path: Path) -> nx.MultiDiGraph:
    """The graph of a facts.json written by `kg build` (or kg.export)."""
    path = Path(path)
    if not path.exists():
        raise KGError(E.E100, path=path)
    try:
        facts = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KGError(E.E502, detail=f"{path} is not a facts.json ({exc})") from None
    if not isinstance(facts, dict):
        raise KGError(E.E502, detail=f"{path} is not a facts.json (top level is not an object)")
    from kg.graph import graph_from_facts  # noqa: PLC0415  (the lead's module; imported when used)
    try:
        return graph_from_facts(facts)
    except (KeyError, TypeError, ValueError) as exc:
        raise KGError(E.E502, detail=f"{path} is not a facts.json (bad record: {exc!r})") from None


def _store_configured(config) -> bool:
    """True when the user named a store or the default embedded store exists on disk."""
    from kg.store import default_db_dir  # noqa: PLC0415
    cfg = config.resolved()
    if cfg.uri:
        return True
    return Path(cfg.db_dir or default_db_dir()).is_dir()


def graph_from_store(config) -> nx.MultiDiGraph:
    from kg.store import open_store  # noqa: PLC0415
    from kg.store.cli import warn_if_interrupted  # noqa: PLC0415
    with open_store(config) as store:
        warn_if_interrupted(store)
        return store.read_graph()


def _types(value: str | None) -> list[str] | None:
    if value is None:
        return None
    out = [t.strip() for t in value.split(",") if t.strip()]
    return out


def _store_options(f):
    try:
        from kg.store import store_options  # noqa: PLC0415
    except ImportError:  # store not installed: facts.json only
        return f
    return store_options(f, batch_size=False)


@click.command("explore")
@click.option("--facts", "facts", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Draw the graph of this facts.json (as written by `kg build`).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="HTML file to write.")
@click.option("--title", default=None, help="Page title.")
@click.option("--focus", metavar="NAME", default=None,
              help="Only the neighbourhood of the institution/program with this name, alias or id.")
@click.option("--depth", metavar="K", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Neighbourhood depth for --focus (and the page's 只看周边 button).")
@click.option("--program", metavar="P", default=None,
              help="Only this program (name or alias), the institutions in it and their regions.")
@click.option("--region", metavar="R", default=None,
              help="Only this region's institutions and reports, with the programs, indicators "
                   "and partners they link to.")
@click.option("--types", "types", metavar="T1,T2", default=None,
              help=f"Only these node types (comma-separated): {','.join(NODE_TYPES)}. "
                   "Documents are in the page but hidden until ticked unless you list them here.")
@_store_options
@handle_errors
def explore(facts: Path | None, out: Path, title: str | None, focus: str | None, depth: int,
            program: str | None, region: str | None, types: str | None, store_config=None) -> None:
    """Write an offline HTML page to explore the graph: search an institution, follow its lines.

    \b
    Where the graph comes from:
      1. --facts FILE, if given;
      2. else the graph store: a Neo4j server (--neo4j-uri / NEO4J_URI) or the
         embedded store (--db / KG_DB, default ./kg-data) when it exists;
      3. else out/facts.json, written by `kg build`.

    The page needs no network. Document nodes are in it but hidden until the
    文档 box is ticked; edges with the same ends and relation are drawn as one
    line that lists every document's evidence.
    """
    if facts is not None:
        graph = graph_from_facts_file(facts)
        source = str(facts)
    elif store_config is not None and _store_configured(store_config):
        graph = graph_from_store(store_config)
        source = "the graph store"
    elif DEFAULT_FACTS.exists():
        graph = graph_from_facts_file(DEFAULT_FACTS)
        source = str(DEFAULT_FACTS)
    else:
        raise KGError(E.E502, detail=f"no --facts given, no graph store and no {DEFAULT_FACTS}; "
                                     "run `kg build` first or pass --facts FILE")
    if graph.number_of_nodes() == 0:
        raise KGError(E.E501, detail=f"the graph from {source} is empty")
    path = write_page(graph, out, title=title, focus=focus, depth=depth, program=program,
                      region=region, types=_types(types))
    shown = select_subgraph(graph, focus=focus, depth=depth, program=program, region=region,
                            types=_types(types))
    n, m = landing_counts(shown, focus)
    click.echo(f"wrote {path} ({n} nodes and {m} lines on screen; "
               f"{shown.number_of_nodes()} nodes in the page; from {source})")
