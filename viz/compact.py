"""Big pages: every node and line in compact columns, only a capped view drawn at a time.

A page of more than BIG_THRESHOLD nodes (a province's decade of reports: ~29k nodes and ~180k lines
for 20 MB of text) cannot hand everything to vis-network — the hairball takes 15 s to draw and 2 s
to pan. Such a page carries:

* `DATA.store`: every node and line of the page as columns (`compact_store`), with the evidence
  sentences written once (`sents`; a sentence that yields ten facts is not repeated ten times) and
  documents, types and kinds referred to by index. The page's script decodes it into the same
  records a small page has, so search, filters, the region and programme lists, tooltips and the
  details panel reach every node.
* the pyvis Network: only the nodes and lines drawn on opening (`landing_subset`), added through
  pyvis with their titles, groups and options as on a small page.
* `DATA.cap`/`DATA.linecap`: the most nodes and lines a view draws (VIEW_CAP, LINE_CAP, per view).
  A view (participation, full, a region, a programme, a neighbourhood, with the type boxes) that has
  more draws its most connected nodes (`cap_view`: most lines in the view first, ties in page order)
  while both caps hold, then drops the kept nodes left with no line. A node asked for (search, a
  link, a listed match) that is not drawn is "pinned": it comes in with up to PIN_NEIGHBOURS of its
  neighbours in the view (the most connected first), whatever the caps. The landing view of the
  participation view keeps few enough nodes for its labels to be legible at the opening zoom.

Positions of the full view are computed here once (viz.layout.force_layout, physics off); the
participation view is laid out in columns by the page's script.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

BIG_THRESHOLD = 3000                      # nodes in a page above which it draws capped views
VIEW_CAP = {"participation": 70, "all": 300}      # nodes drawn at most, per view (module docstring)
LINE_CAP = {"participation": 600, "all": 1500}    # lines drawn at most, per view
PIN_NEIGHBOURS = 40                       # neighbours drawn with a node asked for that was not drawn


def is_big(graph: nx.MultiDiGraph) -> bool:
    return graph.number_of_nodes() > BIG_THRESHOLD


def page_order(graph: nx.MultiDiGraph) -> dict:
    """Node → its place in a big page (ids sorted as strings): how capped views break ties, the same
    for a build's graph and the graph read back from its facts.json."""
    return {n: i for i, n in enumerate(sorted(graph, key=str))}


def cap_view(order: dict, nodes: Iterable, view_lines: list[tuple], cap: int | None, line_cap: int | None,
             pinned: Iterable = ()) -> tuple[set, list[tuple]]:
    """(nodes, lines) drawn of a view of `nodes` and `view_lines` ((start, end, …) tuples) under the caps.

    A view within both caps is drawn whole. Else it is grown from its most connected node (lines of
    the view; ties by `order`, the page's node order), adding the most connected neighbour of the nodes
    kept so far (the most connected node left when a component is done) while at most `cap` nodes and
    `line_cap` lines among them are drawn; then the kept nodes with no kept line are dropped. `pinned` nodes of the
    view come in with up to PIN_NEIGHBOURS neighbours each (the most connected first), beyond the
    caps. The page's script does the same (page.js trim)."""
    nodes = set(nodes)
    view_lines = list(view_lines)
    if cap is None or (len(nodes) <= cap and len(view_lines) <= line_cap):
        return nodes, view_lines
    deg: dict = defaultdict(int)
    nbrs: dict = defaultdict(list)
    for ln in view_lines:
        u, v = ln[0], ln[1]
        deg[u] += 1
        deg[v] += 1
        nbrs[u].append(v)
        if v != u:
            nbrs[v].append(u)

    def rank(n):
        return (-deg[n], order[n])

    # grown from the most connected node, the best-connected neighbour of what is kept first (a new
    # seed, the most connected left, when a component is done)
    keep: set = set()
    drawn = 0
    heap: list = []
    queued: set = set()
    seeds = iter(sorted(nodes, key=rank))
    while len(keep) < cap:
        if not heap:
            seed = next((n for n in seeds if n not in keep), None)
            if seed is None:
                break
            queued.add(seed)
            heap.append((rank(seed), seed))
        _, n = heapq.heappop(heap)
        new = sum(1 for m in nbrs[n] if m in keep or m == n)
        if drawn + new > line_cap:
            break
        keep.add(n)
        drawn += new
        for m in nbrs[n]:
            if m not in queued:
                queued.add(m)
                heapq.heappush(heap, (rank(m), m))
    pins = [p for p in dict.fromkeys(pinned) if p in nodes]
    for p in pins:
        keep.add(p)
        keep.update(sorted(set(nbrs[p]), key=rank)[:PIN_NEIGHBOURS])
    kept = [ln for ln in view_lines if ln[0] in keep and ln[1] in keep]
    linked = {ln[0] for ln in kept} | {ln[1] for ln in kept}
    return {n for n in keep if n in linked or n in pins}, kept


_SIMPLE = (str, int, bool)


def _trim(row: list) -> list:
    while row and row[-1] is None:
        row.pop()
    return row


def compact_store(graph: nx.MultiDiGraph, groups: dict, keys: list[tuple], *, plain, strings, size,
                  nbrs: dict, pos: dict, whole: nx.MultiDiGraph | None = None) -> dict:
    """Every node and line of the page as columns (the page's script decodes them: page.js decodeStore).

    groups: line key → edge attributes (viz.page.lines); keys: the line keys in page order (line i is
    `e{i}`), nodes in the order of their ids (`page_order`); plain/strings/size: viz.page's value
    helpers; nbrs: node → neighbours (for sizes);
    pos: node → (x, y). Columns: ids, t (index into types), n (name), s (size), x/y, r (region or 0),
    k (kind or 0); sparse by node index: a (aliases), d (document indexes), yr, src; ext (node
    indexes); docs: [id, title, region, year, source]; lines: lf/lt (node indexes), ly (type index),
    lk (kind, sparse by line index), ev (per line: [document index, sentence index, value, unit,
    period, raw] without trailing nulls); sents: every evidence sentence once."""
    types: list[str] = []
    type_ix: dict[str, int] = {}

    def tix(t: str) -> int:
        if t not in type_ix:
            type_ix[t] = len(types)
            types.append(t)
        return type_ix[t]

    docs: list[list] = []
    doc_ix: dict[str, int] = {}

    def dix(doc) -> int | None:
        if doc is None:
            return None
        doc = str(doc)
        if doc not in doc_ix:
            d = graph.nodes[doc] if doc in graph else (whole.nodes[doc] if whole is not None and doc in whole
                                                       else None)
            if d is not None and d.get("label") == "Document":
                row = [doc] + plain([d.get("title"), d.get("region"), d.get("year"), d.get("source")])
            else:
                row = [doc]
            doc_ix[doc] = len(docs)
            docs.append(_trim(row))
        return doc_ix[doc]

    ids, t_col, n_col, s_col, r_col, k_col, x_col, y_col = [], [], [], [], [], [], [], []
    aliases, documents, years, sources, ext = {}, {}, {}, {}, []
    index = {}
    for i, (n, d) in enumerate(sorted(graph.nodes(data=True), key=lambda nd: str(nd[0]))):
        index[n] = i
        lab = d.get("label", "")
        ids.append(str(n))
        t_col.append(tix(lab))
        n_col.append(str(d.get("name") or d.get("title") or n))
        s_col.append(size(len(nbrs.get(n, ()))))
        r, k = d.get("region"), d.get("kind")
        r_col.append(plain(r) if r not in (None, "", []) else 0)
        k_col.append(plain(k) if k not in (None, "", []) else 0)
        if pos:
            x, y = pos.get(n, (0.0, 0.0))
            x_col.append(round(x))
            y_col.append(round(y))
        if strings(d.get("aliases")):
            aliases[i] = strings(d.get("aliases"))
        if strings(d.get("documents")):
            documents[i] = [dix(x) for x in strings(d.get("documents"))]
        if d.get("year") not in (None, "", []):
            years[i] = plain(d["year"])
        if d.get("source") not in (None, "", []):
            sources[i] = plain(d["source"])
        if d.get("external"):
            ext.append(i)
        if lab == "Document":
            dix(n)
    sents: list[str] = []
    sent_ix: dict[str, int] = {}
    lf, lt, ly, lk, ev = [], [], [], {}, []
    simple = _SIMPLE
    for j, key in enumerate(keys):
        u, v, t, k = key
        lf.append(index[u])
        lt.append(index[v])
        ly.append(type_ix[t] if t in type_ix else tix(t))
        if k:
            lk[j] = k
        items = []
        group = groups[key]
        if len(group) > 1:
            group = sorted(group, key=lambda d: (str(d.get("document")), d.get("start") or 0))
        for d in group:
            e = d.get("evidence")
            si = None
            if e is not None and e != "":
                e = str(e)
                si = sent_ix.get(e)
                if si is None:
                    si = sent_ix[e] = len(sents)
                    sents.append(e)
            doc = d.get("document")
            get = d.get
            a, b, c, r = get("value"), get("unit"), get("period"), get("raw")
            row = [doc_ix[doc] if doc in doc_ix else dix(doc), si,
                   a if a is None or type(a) in simple else plain(a), b if b is None or type(b) in simple else plain(b),
                   c if c is None or type(c) in simple else plain(c), r if r is None or type(r) in simple else plain(r)]
            while row and row[-1] is None:
                row.pop()
            items.append(row)
        ev.append(items)
    store = {"ids": ids, "types": types, "t": t_col, "n": n_col, "s": s_col, "r": r_col, "k": k_col,
             "a": aliases, "d": documents, "yr": years, "src": sources, "ext": ext, "docs": docs,
             "lf": lf, "lt": lt, "ly": ly, "lk": lk, "ev": ev, "sents": sents}
    if pos:
        store["x"], store["y"] = x_col, y_col
    return store


def _at(sparse: dict, i: int):
    """An entry of a sparse column: int keys in Python, string keys once through JSON."""
    return sparse[i] if i in sparse else sparse.get(str(i))


def node_record(store: dict, i: int) -> dict:
    """The page record of node i of a store (the fields a small page's nodes carry)."""
    rec = {"id": store["ids"][i], "t": store["types"][store["t"][i]], "n": store["n"][i], "s": store["s"][i]}
    docs = store["docs"]
    for key in ("a", "yr", "src"):
        v = _at(store[key], i)
        if v is not None:
            rec[key] = v
    d = _at(store["d"], i)
    if d is not None:
        rec["d"] = [docs[x][0] for x in d]
    if store["k"][i] != 0:
        rec["k"] = store["k"][i]
    if store["r"][i] != 0:
        rec["r"] = store["r"][i]
    if i in store["ext"]:
        rec["ext"] = True
    if "x" in store:
        rec["x"], rec["y"] = float(store["x"][i]), float(store["y"][i])
    return rec


def line_record(store: dict, j: int) -> dict:
    """The page record of line j of a store."""
    docs, sents = store["docs"], store["sents"]
    ev = []
    for item in store["ev"][j]:
        row = list(item) + [None] * (6 - len(item))
        ev.append([None if row[0] is None else docs[row[0]][0], None if row[1] is None else sents[row[1]]]
                  + row[2:6])
    rec = {"id": f"e{j}", "f": store["ids"][store["lf"][j]], "to": store["ids"][store["lt"][j]],
           "t": store["types"][store["ly"][j]], "ev": ev}
    k = _at(store["lk"], j)
    if k is not None:
        rec["k"] = k
    return rec
