"""How long an exploration page takes to draw and to pan in headless Chromium, and how big it is.

    .venv/bin/python benchmarks/bench_page.py [--nodes 5000] [--edges 15000] [--runs 3]
    .venv/bin/python benchmarks/bench_page.py --facts o/facts.json      # write the page of a real build
    .venv/bin/python benchmarks/bench_page.py --page o/graph.html       # the page `kg build` wrote
    .venv/bin/python benchmarks/bench_page.py --reports CORPUS           # the cost of docs/<id>.html pages

The graph: viz.sample.synthetic_graph (N nodes, M edges, every edge its own line) by default, or the
graph of a facts.json (`--facts`; the page is written with viz.write_page, timed), or no graph at all
(`--page`: an existing graph.html, e.g. of `kg build CORPUS --out o --no-store`; its facts.json
beside it is read for the size comparison and the counts check).
The page is opened in Debian's /usr/bin/chromium via playwright and measured:
  ready     time from navigation start until the page's `kgPage.ready` flag, set after
            vis-network's first complete drawing (performance.now()): "first drawing"
  wall      wall time from page.goto() to the flag, seen from Python
  pan       time for one pan (network.moveTo) until the next drawing finished; five pans a run,
            in the view the page opens on and again in the full view (全部关系)
  full      time to switch to the full view until it is drawn
  search    time for kgPage.search(<an institution>) to select and start focusing
with the page's size beside facts.json's, and `uptime` before and after (the machine is shared).
Results go in benchmarks/README.md (section "Exploration page").
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viz.page import landing_counts, write_page  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PAN = """() => new Promise(res => {
    const net = kgPage.network, v = net.getViewPosition(), t = performance.now();
    net.once('afterDrawing', () => res(performance.now() - t));
    net.moveTo({position: {x: v.x + 300, y: v.y + 200}});
})"""


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return f"load average {os.getloadavg()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    ap.add_argument("--facts", type=Path, default=None, help="write the page of this facts.json")
    ap.add_argument("--page", type=Path, default=None, help="measure this page as it is (e.g. o/graph.html)")
    ap.add_argument("--reports", type=Path, default=None,
                    help="instead: time writing every report's marked page (kg.show.write_show_pages) of "
                         "this corpus, as `kg build` would without its size limit")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    print(f"before: {uptime()}")
    if a.reports is not None:
        return reports(a.reports)

    with tempfile.TemporaryDirectory() as tmp:
        g, facts = None, None
        if a.page is not None:
            out = a.page
            facts = out.parent / "facts.json"
            if facts.exists():
                from viz.cli import graph_from_facts_file
                g = graph_from_facts_file(facts)
        else:
            t0 = time.perf_counter()
            if a.facts is not None:
                from viz.cli import graph_from_facts_file
                g, facts = graph_from_facts_file(a.facts), a.facts
            else:
                from viz.sample import synthetic_graph
                g = synthetic_graph(a.nodes, a.edges, seed=0)
            t_graph = time.perf_counter() - t0
            out = Path(tmp) / "page.html"
            t0 = time.perf_counter()
            write_page(g, out)
            t_write = time.perf_counter() - t0
            print(f"python: read/build graph {t_graph:.2f} s, write_page (layout + HTML) {t_write:.2f} s")
        size = out.stat().st_size
        line = f"page {size / 1e6:.2f} MB"
        if facts is not None and facts.exists():
            line += f", facts.json {facts.stat().st_size / 1e6:.2f} MB (page/facts = {size / facts.stat().st_size:.2f})"
        print(line)
        counts = None
        if g is not None:
            counts = list(landing_counts(g))
            print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; "
                  f"on screen when it opens: {counts[0]} nodes, {counts[1]} lines")

        from playwright.sync_api import sync_playwright
        ready, wall, pan, pan_all, full, search, phases, drawn_all = [], [], [], [], [], [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=a.chromium, args=ARGS)
            for _ in range(a.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.set_default_timeout(300_000)
                errors = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                t0 = time.perf_counter()
                page.goto(out.resolve().as_uri())
                page.wait_for_function("window.kgPage && kgPage.ready", timeout=180_000, polling=20)
                wall.append(time.perf_counter() - t0)
                ready.append(page.evaluate("kgPage.readyAt") / 1000)
                phases.append(page.evaluate("kgPage.timing"))
                drawn = page.evaluate("[kgPage.nodes.length, kgPage.edges.length]")
                if counts is not None and a.page is None:
                    assert drawn == counts, f"drawn {drawn}, Python's landing_counts {counts}"
                drawn_first = drawn
                pan.extend(page.evaluate(PAN) / 1000 for _ in range(5))
                if page.evaluate("kgPage.state.mode") != "all":
                    t0 = time.perf_counter()
                    page.evaluate("kgPage.setMode('all')")
                    page.wait_for_function("kgPage.settled === true", timeout=180_000, polling=20)
                    page.evaluate("new Promise(res => { kgPage.network.once('afterDrawing', res); "
                                  "kgPage.network.redraw(); })")
                    full.append(time.perf_counter() - t0)
                drawn_all = page.evaluate("[kgPage.nodes.length, kgPage.edges.length]")
                pan_all.extend(page.evaluate(PAN) / 1000 for _ in range(5))
                name = page.evaluate("kgPage.data.nodes.find(n => n.t === 'Institution').n")
                search.append(page.evaluate("""(q) => { const t = performance.now();
                    kgPage.search(q); return performance.now() - t; }""", name) / 1000)
                if errors:
                    raise SystemExit(f"page errors: {errors}")
                page.close()
            version = browser.version
            browser.close()

    def fmt(xs):
        return f"median {statistics.median(xs):.2f} s, max {max(xs):.2f} (n={len(xs)})" if xs else "-"

    print(f"chromium {version}, headless, {a.runs} runs")
    print(f"first drawing (navigation start → kgPage.ready): {fmt(ready)} (runs: {', '.join(f'{x:.2f}' for x in ready)})")
    print(f"wall (page.goto → ready, seen from Python):      {fmt(wall)}")
    t = {k: statistics.median(ph[k] for ph in phases) / 1000 for k in phases[0]}
    parts = [f"HTML + scripts parsed {t['start']:.2f} s", f"JSON.parse {t['parsed'] - t['start']:.2f} s"]
    if "decoded" in t:
        parts.append(f"decode {t['decoded'] - t['parsed']:.2f} s")
    parts += [f"first view + DataSets {t['datasets'] - t.get('decoded', t['parsed']):.2f} s",
              f"vis.Network() {t['network'] - t['datasets']:.2f} s"]
    if "ui" in t:
        parts.append(f"side panel {t['ui'] - t['network']:.2f} s")
    parts.append(f"first drawing {t['ready'] - t.get('ui', t['network']):.2f} s")
    print("  of which: " + ", ".join(parts))
    print(f"drawn when it opens: {drawn_first[0]} nodes, {drawn_first[1]} lines")
    print(f"pan, view it opens on (moveTo → next drawing):  {fmt(pan)}")
    print(f"full view: switch {fmt(full)}; {drawn_all[0]} nodes, {drawn_all[1]} lines drawn")
    print(f"pan, full view:                                  {fmt(pan_all)}")
    print(f"search (select + start focus):                   {fmt(search)}")
    print(f"after: {uptime()}")


def reports(corpus: Path) -> None:
    """The cost of `kg build` writing every report's marked page (docs/<id>.html) for `corpus`."""
    from kg.pipeline import load_documents
    from kg.show import write_show_pages
    t0 = time.perf_counter()
    docs, _ = load_documents([corpus])
    t_read = time.perf_counter() - t0
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        c0, t0 = time.process_time(), time.perf_counter()
        links, hint = write_show_pages(docs, tmp, graph_page=Path(tmp) / "graph.html", max_bytes=10**12)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        out = sum(f.stat().st_size for f in (Path(tmp) / "docs").iterdir()) / 1e6
    assert hint is None and len(links) == len(docs)
    print(f"{len(docs)} reports, {mb:.3f} MB of text (read in {t_read:.2f} s)")
    print(f"marked pages: {wall:.2f} s wall, {cpu:.2f} s CPU (one process) = {mb / cpu:.2f} MB of text per CPU "
          f"second; {out:.1f} MB of HTML ({out / mb:.1f}× the text)")
    print(f"after: {uptime()}")


if __name__ == "__main__":
    main()
