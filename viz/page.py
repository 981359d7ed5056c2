"""The offline exploration page: a networkx graph → one standalone HTML file.

The page draws with vis-network 9.1.2, the library pyvis wraps (shipped inline
from viz/assets, see LICENSE-vis-network.txt). pyvis's own template is not
used because it links bootstrap and tom-select from CDNs; our template has
no http(s) script or style at all, so the file works with no network.

What the page shows (the rules the tests and the page's JavaScript share):

* Selection (Python, before writing): `types` keeps only nodes of those
  labels; `region` keeps the institutions, documents and Region node of that
  region plus the programs, indicators and partner institutions linked to
  them; `program` keeps the program(s) with that name or alias, the
  institutions that participate in them and the regions those are located in;
  `focus` keeps the neighbourhood of depth `depth` around the node(s) with
  that name, alias or id. Filters apply in that order; Document nodes never
  connect nodes in a filter, and when any filter is given, the documents that
  mention or measure a kept node are kept too. Every relation among kept
  nodes is kept.
* Lines: the edges from start to end with the same type (and, for
  PARTNERS_WITH, the same kind) are drawn as ONE line whose tooltip lists the
  evidence of every document. A page shows `len(lines)` edges, not
  `graph.number_of_edges()`.
* Hidden by default: Document nodes (they clutter; the "文档" box shows them)
  and so the MENTIONS/ABOUT/MEASURED lines that touch them. `default_counts()`
  gives the numbers of nodes and lines of the full view ("全部关系").
* Landing view: a page with participations and no focus opens on the
  participation view (institutions ↔ programmes, `landing_view()`), drawn as
  columns (institutions either side of the programmes), with partnerships,
  indicators, regions and documents one click away (the view switch and the
  type boxes). `participation_counts()` gives what it draws. Programmes that no
  institution takes part in (`unattached_programs()`) are not drawn there but
  listed beside the graph, each a click away; in the full view they sit beside
  the region of their reports instead of floating at the edge.
* Positions: above LAYOUT_THRESHOLD nodes positions are computed in Python
  (viz.layout.force_layout) and physics is off; smaller pages let vis-network
  lay themselves out once and then stop moving.
* Big pages (more than viz.compact.BIG_THRESHOLD nodes): every node and line
  travels as compact columns and the page draws capped views, the most
  connected nodes first; the pyvis Network holds the landing view only
  (`landing_subset`; rules in viz/compact.py).
* Reports: `doc_links` maps a document to its marked report (kg show's page,
  written by `kg build` into docs/), linked from the document's details; with
  `doc_hint` the reports were not written and the page shows that command.
* Safety: data reaches the page only as JSON inside a
  <script type="application/json"> block with `<`, `>` and `&` escaped, and
  the page's script puts strings into the DOM with textContent only; vis
  draws labels on a canvas. Nothing from a report is ever parsed as HTML.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict, deque
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import E, KGError

from . import style
from .compact import (BIG_THRESHOLD, LINE_CAP, PIN_NEIGHBOURS, VIEW_CAP, cap_view, compact_store, is_big,
                      line_record, node_record, page_order)
from .layout import force_layout

NODE_TYPES = ("Institution", "Program", "Region", "Indicator", "Document")
HIDDEN_BY_DEFAULT = frozenset({"Document"})
LAYOUT_THRESHOLD = 150          # nodes in the page above which positions are precomputed (measured: vis
                                # physics needs ~3 s for 200 nodes, ~6 s for 480 on 2 cores)
DEFAULT_TITLE = "卫生健康机构与项目关系图"
SOLID_PARTNERSHIPS = ("医联体", "对口支援")   # partnership kinds drawn as solid lines (the others dashed)


# ---------------------------------------------------------------- selection

def _label(graph: nx.MultiDiGraph, n: str) -> str:
    return graph.nodes[n].get("label", "")


def _names(data: dict) -> list[str]:
    return _strings([data.get("name"), data.get("title")]) + _strings(data.get("aliases"))


def find_nodes(graph: nx.MultiDiGraph, query: str, labels: Iterable[str] | None = None) -> list[str]:
    """Ids of the nodes called `query`: the id itself, else an exact name or alias,
    else (case-insensitive) names and aliases containing it. Documents are matched
    by id or title."""
    q = query.strip()
    allowed = set(labels) if labels else None
    cands = [(n, d) for n, d in graph.nodes(data=True) if allowed is None or d.get("label") in allowed]
    if not q:
        return []
    hit = [n for n, _ in cands if n == q]
    if hit:
        return hit
    hit = [n for n, d in cands if q in _names(d)]
    if hit:
        return sorted(hit, key=str)
    ql = q.casefold()
    return sorted((n for n, d in cands if any(ql in s.casefold() for s in _names(d))), key=str)


def _neighbours(graph: nx.MultiDiGraph, n: str) -> set[str]:
    return set(graph.successors(n)) | set(graph.predecessors(n))


def _by_types(graph: nx.MultiDiGraph, keep: set[str], types: set[str]) -> set[str]:
    return {n for n in keep if _label(graph, n) in types}


def _by_region(graph: nx.MultiDiGraph, keep: set[str], region: str) -> set[str]:
    core = set()
    for n in keep:
        d = graph.nodes[n]
        lab = d.get("label")
        if (lab in ("Institution", "Document") and d.get("region") == region) or \
                (lab == "Region" and (d.get("name") == region or n == region)):
            core.add(n)
    out = set(core)
    for n in core:
        if _label(graph, n) == "Document":
            continue
        out |= {m for m in _neighbours(graph, n) & keep
                if _label(graph, m) in ("Program", "Indicator", "Institution")}
    return out


def _by_program(graph: nx.MultiDiGraph, keep: set[str], program: str) -> set[str]:
    progs = set(find_nodes(graph.subgraph(keep), program, ["Program"]))
    out = set(progs)
    for p in progs:
        for u, _, d in graph.in_edges(p, data=True):
            if d.get("type") == "PARTICIPATES_IN" and u in keep:
                out.add(u)
    for u in list(out - progs):
        for _, v, d in graph.out_edges(u, data=True):
            if d.get("type") == "LOCATED_IN" and v in keep:
                out.add(v)
    return out


def _ego(graph: nx.MultiDiGraph, keep: set[str], centres: Iterable[str], depth: int) -> set[str]:
    seen = {c: 0 for c in centres}
    queue = deque(seen)
    while queue:
        n = queue.popleft()
        if seen[n] >= depth or _label(graph, n) == "Document":
            continue
        for m in _neighbours(graph, n):
            if m in keep and m not in seen and _label(graph, m) != "Document":
                seen[m] = seen[n] + 1
                queue.append(m)
    return set(seen)


def select_subgraph(graph: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 2,
                    program: str | None = None, region: str | None = None,
                    types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The part of `graph` a page shows (rules in the module docstring).

    Raises KGError KG-E501 when a filter matches nothing or names an unknown type; an
    empty graph with no filter gives an empty page (a build that found nothing)."""
    keep = set(graph.nodes)
    filtered = False
    if types is not None:
        wanted = {t.strip() for t in types if t and t.strip()}
        unknown = sorted(wanted - set(NODE_TYPES))
        if unknown:
            raise KGError(E.E501, detail=f"unknown node type {', '.join(unknown)}; "
                                         f"known: {', '.join(NODE_TYPES)}")
        keep = _by_types(graph, keep, wanted)
    if region:
        keep = _by_region(graph, keep, region)
        filtered = True
        if not keep:
            raise KGError(E.E501, detail=f"no node in region '{region}'")
    if program:
        keep = _by_program(graph, keep, program)
        filtered = True
        if not keep:
            raise KGError(E.E501, detail=f"no program called '{program}'")
    if focus:
        centres = [n for n in find_nodes(graph.subgraph(keep), focus)]
        if not centres:
            raise KGError(E.E501, detail=f"no node called '{focus}'")
        keep = _ego(graph, keep, centres, max(0, int(depth)))
        filtered = True
    if filtered and (types is None or "Document" in {t.strip() for t in types}):
        docs = {u for n in keep for u in graph.predecessors(n) if _label(graph, u) == "Document"}
        keep |= docs
    if not keep and (filtered or types is not None):
        raise KGError(E.E501, detail="the graph has no nodes" if not graph.number_of_nodes()
                      else "no node of the requested types")
    if len(keep) == graph.number_of_nodes():
        return graph                        # nothing left out (not copied: a page only reads it)
    return graph.subgraph(keep).copy()


# ---------------------------------------------------------------- lines and counts

def _line_key(u: str, v: str, d: dict) -> tuple[str, str, str, str]:
    t = d.get("type", "")
    return (u, v, t, (d.get("kind") or "") if t == "PARTNERS_WITH" else "")


def lines(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str, str], list[dict]]:
    """Edges grouped into the lines the page draws: (start, end, type, kind) → edge attributes."""
    out: dict[tuple[str, str, str, str], list[dict]] = defaultdict(list)
    for u, v, d in graph.edges(data=True):
        out[_line_key(u, v, d)].append(d)
    return dict(out)


def default_counts(graph: nx.MultiDiGraph) -> tuple[int, int]:
    """(nodes, lines) of the full view ("全部关系") of `graph`, Document nodes hidden, before any cap
    (a big page draws at most VIEW_CAP["all"] of them, see viz.compact)."""
    shown = {n for n in graph if _label(graph, n) not in HIDDEN_BY_DEFAULT}
    ls = [k for k in lines(graph) if k[0] in shown and k[1] in shown]
    return len(shown), len(ls)


def _participation_lines(graph: nx.MultiDiGraph, groups) -> list[tuple[str, str, str, str]]:
    return [k for k in groups if k[2] == "PARTICIPATES_IN"
            and _label(graph, k[0]) != "Document" and _label(graph, k[1]) != "Document"]


def participation_counts(graph: nx.MultiDiGraph) -> tuple[int, int]:
    """(nodes, lines) of the participation view: the institutions and programmes joined by a
    PARTICIPATES_IN line, and those lines (before any cap)."""
    part = _participation_lines(graph, lines(graph))
    return len({k[0] for k in part} | {k[1] for k in part}), len(part)


def unattached_programs(graph: nx.MultiDiGraph) -> list[str]:
    """Ids of the programmes no institution takes part in (the page lists them beside the graph)."""
    joined = {v for _, v, d in graph.edges(data=True) if d.get("type") == "PARTICIPATES_IN"}
    return sorted(n for n in graph if _label(graph, n) == "Program" and n not in joined)


def landing_view(graph: nx.MultiDiGraph, focus: str | None = None, groups=None) -> str:
    """The view a page opens on: "participation" when it has participations and no focus, else "all"."""
    if focus:
        return "all"
    groups = lines(graph) if groups is None else groups
    return "participation" if _participation_lines(graph, groups) else "all"


def landing_subset(graph: nx.MultiDiGraph, focus: str | None = None,
                   groups=None) -> tuple[set, list[tuple[str, str, str, str]]]:
    """(node ids, line keys) on screen when a page of `graph` opens: the landing view, and on a big
    page (more than viz.compact.BIG_THRESHOLD nodes) its most connected nodes (viz.compact.cap_view)."""
    groups = lines(graph) if groups is None else groups
    mode = landing_view(graph, focus, groups)
    if mode == "participation":
        view = _participation_lines(graph, groups)
        nodes = {k[0] for k in view} | {k[1] for k in view}
    else:
        nodes = {n for n in graph if _label(graph, n) not in HIDDEN_BY_DEFAULT}
        view = [k for k in groups if k[0] in nodes and k[1] in nodes]
    if not is_big(graph):
        return nodes, view
    return cap_view(page_order(graph), nodes, view, VIEW_CAP[mode], LINE_CAP[mode])


def landing_counts(graph: nx.MultiDiGraph, focus: str | None = None) -> tuple[int, int]:
    """(nodes, lines) on screen when a page of `graph` opens."""
    nodes, ls = landing_subset(graph, focus)
    return len(nodes), len(ls)


# ---------------------------------------------------------------- payload

def _plain(v):
    """A value JSON can carry: NaN/inf → None, sets/tuples → lists, other objects → str."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_plain(x) for x in (sorted(v, key=str) if isinstance(v, (set, frozenset)) else v)]
    try:                                    # numpy scalars and the like
        return _plain(v.item())
    except (AttributeError, ValueError):
        return str(v)


def _strings(v) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v if x not in (None, "")]


def _size(degree: int) -> float:
    return round(min(42.0, 10.0 + 4.0 * degree ** 0.5), 1)


def page_payload(graph: nx.MultiDiGraph, *, depth: int = 2, focus: str | None = None,
                 whole: nx.MultiDiGraph | None = None) -> dict:
    """The JSON the page's script reads: nodes, lines, documents and settings.

    `whole` is the graph `graph` was selected from: the titles of its documents are
    shown for evidence even when the Document nodes are not in the page."""
    groups = lines(graph)
    nbrs = _nbrs(graph, groups)
    fixed = graph.number_of_nodes() > LAYOUT_THRESHOLD
    pos: dict[str, tuple[float, float]] = {}
    if fixed:
        pos = _positions(graph, groups)
    docs = {}
    nodes = []
    for n, d in graph.nodes(data=True):
        lab = d.get("label", "")
        if lab == "Document":
            docs[n] = _plain([d.get("title"), d.get("region"), d.get("year"), d.get("source")])
        rec = {"id": str(n), "t": lab, "n": str(d.get("name") or d.get("title") or n),
               "s": _size(len(nbrs.get(n, ())))}
        for key, attr in (("a", "aliases"), ("d", "documents")):
            if _strings(d.get(attr)):
                rec[key] = _strings(d.get(attr))
        for key, attr in (("k", "kind"), ("r", "region"), ("yr", "year"), ("src", "source")):
            if d.get(attr) not in (None, "", []):
                rec[key] = _plain(d[attr])
        if d.get("external"):
            rec["ext"] = True
        if n in pos:
            rec["x"], rec["y"] = pos[n]
        nodes.append(rec)
    out_lines = []
    for i, ((u, v, t, k), items) in enumerate(sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0])))):
        ev = []
        for d in sorted(items, key=lambda d: (str(d.get("document")), d.get("start") or 0)):
            ev.append(_plain([d.get("document"), d.get("evidence"), d.get("value"), d.get("unit"),
                              d.get("period"), d.get("raw")]))
        rec = {"id": f"e{i}", "f": str(u), "to": str(v), "t": t, "ev": ev}
        if k:
            rec["k"] = k
        out_lines.append(rec)
    if whole is not None:
        cited = {str(x) for rec in out_lines for x in (e[0] for e in rec["ev"]) if x is not None}
        cited |= {x for rec in nodes for x in rec.get("d", ())}
        for n in cited - set(docs):
            d = whole.nodes[n] if n in whole else None
            if d is not None and d.get("label") == "Document":
                docs[n] = _plain([d.get("title"), d.get("region"), d.get("year"), d.get("source")])
    return {"nodes": nodes, "lines": out_lines, "docs": docs, "fixed": fixed,
            "depth": depth, "focus": focus, "hidden": sorted(HIDDEN_BY_DEFAULT),
            "view": landing_view(graph, focus)}


def _nbrs(graph: nx.MultiDiGraph, groups) -> dict[str, set[str]]:
    """Each node's neighbours along the lines that touch no document (a node's size grows with them)."""
    nbrs: dict[str, set[str]] = defaultdict(set)
    for (u, v, _, _) in groups:
        if _label(graph, u) != "Document" and _label(graph, v) != "Document":
            nbrs[u].add(v)
            nbrs[v].add(u)
    return nbrs


def big_payload(graph: nx.MultiDiGraph, *, depth: int = 2, focus: str | None = None,
                whole: nx.MultiDiGraph | None = None) -> dict:
    """The JSON of a big page (viz.compact): every node and line in `store`, and as `nodes`/`lines`
    the records of the landing subset only (what the pyvis Network gets and vis draws on opening)."""
    groups = lines(graph)
    keys = sorted(groups, key=lambda k: tuple(map(str, k)))
    pos = _positions(graph, groups)
    store = compact_store(graph, groups, keys, plain=_plain, strings=_strings, size=_size,
                          nbrs=_nbrs(graph, groups), pos=pos, whole=whole)
    del pos
    first_nodes, first_lines = landing_subset(graph, focus, groups)
    order = page_order(graph)
    line_ix = {k: j for j, k in enumerate(keys)}
    nodes = [node_record(store, i) for i in sorted(order[n] for n in first_nodes)]
    out_lines = [line_record(store, j) for j in sorted(line_ix[k] for k in first_lines)]
    return {"nodes": nodes, "lines": out_lines, "docs": {}, "fixed": True, "depth": depth, "focus": focus,
            "hidden": sorted(HIDDEN_BY_DEFAULT), "view": landing_view(graph, focus, groups),
            "store": store, "cap": dict(VIEW_CAP), "linecap": dict(LINE_CAP), "pin": PIN_NEIGHBOURS}


def _positions(graph: nx.MultiDiGraph, groups) -> dict[str, tuple[float, float]]:
    """Layout of the non-document nodes; each document sits beside the nodes it mentions."""
    main = [n for n in graph if _label(graph, n) != "Document"]
    idx = {n: i for i, n in enumerate(main)}
    pairs = {(idx[u], idx[v]) for (u, v, _, _) in groups if u in idx and v in idx}
    # a big page only seeds its layouts with these (page.js relayout): fewer iterations do
    xy = force_layout(len(main), sorted(pairs), iterations=120 if len(main) <= BIG_THRESHOLD else 40)
    pos = {n: (round(float(xy[i, 0]), 1), round(float(xy[i, 1]), 1)) for n, i in idx.items()}
    for j, n in enumerate(n for n in graph if _label(graph, n) == "Document"):
        around = [pos[m] for m in graph.successors(n) if m in pos]
        if around:
            cx = sum(p[0] for p in around) / len(around)
            cy = sum(p[1] for p in around) / len(around)
        else:
            cx, cy = 0.0, 0.0
        pos[n] = (round(cx + 30 * ((j % 7) - 3), 1), round(cy - 40 - 10 * (j % 5), 1))
    return pos


# ---------------------------------------------------------------- HTML, through pyvis

ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATE = "page.html"          # our Jinja template in viz/assets, given to pyvis (Network.set_template_dir)
_VIS_NODE = ("id", "label", "shape", "size", "color", "borderWidth", "font", "shapeProperties", "x", "y",
             "physics", "group", "hidden", "image", "mass", "fixed", "level", "value", "opacity")
_VIS_EDGE = ("id", "from", "to", "arrows", "color", "width", "dashes", "label", "font", "smooth", "hidden",
             "value", "physics")


def _asset(name: str) -> str:
    try:
        return (ASSETS / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise KGError(E.E202, name=f"viz/assets/{name}") from exc


def script_json(obj: object) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` characters survive."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _short(s: str) -> str:
    return s if len(s) <= 18 else s[:17] + "\u2026"


def _group(label: str, kind: str | None) -> str:
    """A node's vis group: its type, or for an institution of a known kind, Institution.kind."""
    return f"Institution.{kind}" if label == "Institution" and kind in style.KINDS else label


def _groups() -> dict:
    out = {}
    for t, ty in style.TYPES.items():
        kinds = [None] + (list(style.KINDS) if t == "Institution" else [])
        for k in kinds:
            c = style.node_color(t, k)
            out[_group(t, k)] = {"shape": ty["shape"], "color": {
                "background": c, "border": c, "highlight": {"background": c, "border": "#000000"},
                "hover": {"background": c, "border": "#000000"}}}
    return out


def _options(payload: dict) -> dict:
    """vis-network options of the page (physics once then off; none at all for precomputed positions)."""
    fixed = bool(payload["fixed"])
    capped = "store" in payload                 # a big page (viz.compact): labels only once legible
    big = capped or len(payload["lines"]) > 2000
    nodes = {"borderWidth": 1, "font": {"size": 14, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"}}
    if capped:
        nodes["scaling"] = {"label": {"drawThreshold": 9}}
    return {
        "autoResize": True,
        "groups": _groups(),
        "nodes": nodes,
        "edges": {"smooth": False if fixed else {"type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2, "hoverWidth": 1, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"highlight": "#222222", "hover": "#222222", "opacity": 0.9}},
        "interaction": {"hover": True, "tooltipDelay": 80, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "layout": {"randomSeed": 7, "improvedLayout": (not fixed) and len(payload["nodes"]) <= 150},
        "physics": {"enabled": False} if fixed else {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "centralGravity": 0.01, "springLength": 130,
                                 "springConstant": 0.05, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True}},
    }


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership per node and edge added (quadratic on a
    big page); the same list with a set beside it for `in`."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def append(self, x) -> None:
        super().append(x)
        self._set.add(x)

    def __contains__(self, x) -> bool:
        return x in self._set


def _template_env(net, payload: dict) -> None:
    """Point `net` at our template (viz/assets/page.html) and give the template what pyvis does not:
    the inline assets, the page's settings and the escaping filter."""
    net.set_template_dir(str(ASSETS) + "/", TEMPLATE)
    extra = {k: v for k, v in payload.items() if k not in ("nodes", "lines")}
    extra["style"] = style.legend()

    def kg_data(nodes, edges, options) -> str:
        opts = json.loads(options) if isinstance(options, str) else options
        return script_json({"nodes": nodes, "lines": edges, "options": opts, **extra})

    env = net.templateEnv
    env.filters["kgjson"] = script_json
    env.globals.update(kg_css=_asset("page.css"), kg_vis_js=_asset("vis-network.min.js"),
                       kg_app_js=_asset("page.js"), kg_data=kg_data)
    net.template = env.get_template(TEMPLATE)     # what pyvis renders with for notebooks (net.show)


def build_network(graph: nx.MultiDiGraph, *, title: str | None = None, depth: int = 2,
                  focus: str | None = None, whole: nx.MultiDiGraph | None = None,
                  doc_links: dict[str, str] | None = None, doc_hint: str | None = None):
    """A pyvis Network of `graph` (select first with select_subgraph), with our template.

    Every node and line drawn on opening goes in through Network.add_node/add_edge with its label,
    title (a plain text tooltip), group (the node type) and vis options; the kg fields the page's
    script reads (t type, n name, a aliases, d documents, k kind, r region, ev evidence …) travel as
    extra properties of the same items. A small page draws (and so adds) every node and line; a big
    one (more than viz.compact.BIG_THRESHOLD nodes) adds the nodes and lines of its landing view and
    carries the rest as compact data (viz.compact). `net.generate_html()` is the page;
    `net.show("x.html")` works too.
    `doc_links`: document id → URL of its marked report (kg show), linked from the page; `doc_hint`:
    for the documents without one, the command that writes it ({id} and {file} filled in)."""
    from pyvis.network import Network  # noqa: PLC0415  (the page's only user of pyvis)

    big = is_big(graph)
    payload = (big_payload if big else page_payload)(graph, depth=depth, focus=focus, whole=whole)
    if doc_links:
        payload["doclinks"] = {str(k): str(v) for k, v in doc_links.items()}
    if doc_hint:
        payload["dochint"] = str(doc_hint)
    heading = title or DEFAULT_TITLE
    net = Network(height="760px", width="100%", directed=True, heading=heading, cdn_resources="in_line")
    net.node_ids = _Ids()
    _template_env(net, payload)
    fixed = bool(payload["fixed"])
    count: dict[tuple[str, str], int] = defaultdict(int)
    if big:
        st = payload["store"]
        for t, n in zip(st["t"], st["n"]):
            count[(st["types"][t], n)] += 1
    else:
        for rec in payload["nodes"]:
            count[(rec["t"], rec["n"])] += 1

    def display(rec: dict) -> str:
        r = rec.get("r")
        if count[(rec["t"], rec["n"])] > 1 and isinstance(r, str) and r and r not in rec["n"]:
            return f"{rec['n']}（{r}）"
        return rec["n"]

    for rec in payload["nodes"]:
        t = rec["t"]
        ty = style.TYPES.get(t, style.TYPES["Institution"])
        name = display(rec)
        tip = [name, ty["zh"] if t in style.TYPES else t]
        if rec.get("r"):
            tip.append(f"地区：{rec['r']}")
        if rec.get("a"):
            tip.append("别名：" + "、".join(rec["a"]))
        # colour and shape come from the node's group (vis options.groups): a type, or an institution's kind
        opts = {"size": rec["s"], "group": _group(t, rec.get("k")), "title": "\n".join(map(str, tip))}
        if rec.get("ext"):
            c = style.node_color(t, rec.get("k"))
            opts.update(borderWidth=2, shapeProperties={"borderDashes": [4, 3]},
                        color={"background": c, "border": "#333333"})
        net.add_node(rec["id"], label=_short(name), shape=ty["shape"], **opts,
                     **{k: v for k, v in rec.items() if k not in ("id", "s")})
    for rec in payload["lines"]:
        rel = style.RELS.get(rec["t"], ("", "#999999"))
        opts = {"id": rec["id"], "color": rel[1],
                "title": f"{rel[0] or rec['t']}{'·' + rec['k'] if rec.get('k') else ''}：{len(rec['ev'])} 条证据"}
        if len(rec["ev"]) > 1:
            opts["width"] = min(5, 1 + (len(rec["ev"]) - 1) * 0.8)
        if rec["t"] == "PARTNERS_WITH":
            opts["dashes"] = rec.get("k") not in SOLID_PARTNERSHIPS
            if not fixed:
                opts["label"] = rec.get("k") or ""
                opts["font"] = {"size": 11, "color": "#3a6ea5", "strokeWidth": 3, "align": "middle"}
        # a directed pyvis Network gives every edge arrows "to" (scaled in the options)
        net.add_edge(rec["f"], rec["to"], **opts, **{k: v for k, v in rec.items() if k not in ("id", "f", "to")})
    net.set_options(json.dumps(_options(payload)))
    return net


def render_page(graph: nx.MultiDiGraph, *, title: str | None = None, depth: int = 2,
                focus: str | None = None, whole: nx.MultiDiGraph | None = None,
                doc_links: dict[str, str] | None = None, doc_hint: str | None = None) -> str:
    """The page's HTML for the whole of `graph` (select first with select_subgraph): pyvis renders
    the Network of build_network through our template."""
    net = build_network(graph, title=title, depth=depth, focus=focus, whole=whole, doc_links=doc_links,
                        doc_hint=doc_hint)
    return net.generate_html()


def write_page(graph: nx.MultiDiGraph, out: Path | str, *, title: str | None = None,
               focus: str | None = None, depth: int = 2, program: str | None = None,
               region: str | None = None, types: Iterable[str] | None = None,
               doc_links: dict[str, str] | None = None, doc_hint: str | None = None) -> Path:
    """Write a standalone, offline exploration page of `graph` to `out` and return its path.

    `types`, `region`, `program` and `focus`/`depth` select what goes into the
    page (see the module docstring); the page itself filters further.
    `doc_links` (document id → URL relative to `out`) links each document to its marked report
    (kg.show.write_show_pages); `doc_hint` is the command shown for a document without one."""
    sub = select_subgraph(graph, focus=focus, depth=depth, program=program, region=region, types=types)
    if title is None and focus:
        title = f"{focus} 周边 {depth} 层 — {DEFAULT_TITLE}"
    text = render_page(sub, title=title, depth=depth, focus=focus, whole=graph, doc_links=doc_links,
                       doc_hint=doc_hint)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise KGError(E.E203, path=out.parent, detail=exc.strerror or str(exc)) from exc
    return out
