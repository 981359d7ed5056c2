"""How long a big exploration page takes to become interactive in headless Chromium.

    .venv/bin/python benchmarks/bench_page.py [--nodes 5000] [--edges 15000] [--runs 3]

Builds viz.sample.synthetic_graph (N nodes, M edges, every edge its own line),
writes the page with viz.write_page (timing the Python side: layout + HTML),
then opens it in Debian's /usr/bin/chromium via playwright and measures:
  ready     time from navigation start until the page's `kgPage.ready` flag,
            set after vis-network's first complete drawing (performance.now())
  wall      wall time from page.goto() to the flag, seen from Python
  pan       time for one pan (network.moveTo) until the next drawing finished
  search    time for kgPage.search(<an institution>) to select and start focusing
Results go in benchmarks/README.md (section "Exploration page").
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viz.page import default_counts, write_page  # noqa: E402
from viz.sample import synthetic_graph  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()

    t0 = time.perf_counter()
    g = synthetic_graph(a.nodes, a.edges, seed=0)
    t_graph = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.html"
        t0 = time.perf_counter()
        write_page(g, out)
        t_write = time.perf_counter() - t0
        size_mb = out.stat().st_size / 1e6
        n, m = default_counts(g)
        print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; on screen {n} nodes, {m} lines")
        print(f"python: build graph {t_graph:.2f} s, write_page (layout + HTML) {t_write:.2f} s, "
              f"page {size_mb:.2f} MB")

        from playwright.sync_api import sync_playwright
        ready, wall, pan, search, phases = [], [], [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=a.chromium, args=ARGS)
            for _ in range(a.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                t0 = time.perf_counter()
                page.goto(out.as_uri())
                page.wait_for_function("window.kgPage && kgPage.ready", timeout=120_000, polling=20)
                wall.append(time.perf_counter() - t0)
                ready.append(page.evaluate("kgPage.readyAt") / 1000)
                phases.append(page.evaluate("kgPage.timing"))
                assert page.evaluate("[kgPage.nodes.length, kgPage.edges.length]") == [n, m], "counts differ"
                pan.append(page.evaluate("""() => new Promise(res => {
                    const net = kgPage.network, v = net.getViewPosition(), t = performance.now();
                    net.once('afterDrawing', () => res(performance.now() - t));
                    net.moveTo({position: {x: v.x + 300, y: v.y + 200}});
                })""") / 1000)
                name = page.evaluate("kgPage.data.nodes.find(n => n.t === 'Institution').n")
                search.append(page.evaluate("""(q) => { const t = performance.now();
                    kgPage.search(q); return performance.now() - t; }""", name) / 1000)
                if errors:
                    raise SystemExit(f"page errors: {errors}")
                page.close()
            version = browser.version
            browser.close()

    def fmt(xs):
        return f"median {statistics.median(xs):.2f} s (runs: {', '.join(f'{x:.2f}' for x in xs)})"

    print(f"chromium {version}, headless, {a.runs} runs")
    print(f"ready (navigation start → first full drawing): {fmt(ready)}")
    print(f"wall (page.goto → ready, seen from Python):      {fmt(wall)}")
    t = {k: statistics.median(ph[k] for ph in phases) / 1000 for k in phases[0]}
    print(f"  of which: HTML + scripts parsed {t['start']:.2f} s, JSON.parse {t['parsed'] - t['start']:.2f} s, "
          f"DataSets {t['datasets'] - t['parsed']:.2f} s, vis.Network() {t['network'] - t['datasets']:.2f} s, "
          f"first drawing {t['ready'] - t['network']:.2f} s")
    print(f"pan (moveTo → next drawing):                     {fmt(pan)}")
    print(f"search (select + start focus):                   {fmt(search)}")


if __name__ == "__main__":
    main()
