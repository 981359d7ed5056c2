"""Ingest a synthetic graph (100k nodes, 300k relationships) into the embedded store.

    .venv/bin/python benchmarks/bench_store.py [--nodes 100000] [--rels 300000] [--batch-size 5000]

Prints: store start wall time, load time and relationships/s, a re-run with nothing
changed, a re-run with 1% of the documents changed, and the peak memory (max RSS)
of this process and of the ArcadeDB child (VmHWM from /proc).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.store import StoreConfig, open_store  # noqa: E402

KINDS = ["general_hospital", "tcm_hospital", "township_health_center", "village_clinic", "cdc"]


def synthetic(n_nodes: int, n_rels: int, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    n_docs, n_regions, n_programs = n_nodes // 20, n_nodes // 100, n_nodes // 50
    n_ind = n_nodes // 8
    n_inst = n_nodes - n_docs - n_regions - n_programs - n_ind
    regions = [f"R-{i:016x}" for i in range(n_regions)]
    docs = [f"doc{i:05d}" for i in range(n_docs)]
    insts = [f"I-{i:016x}" for i in range(n_inst)]
    progs = [f"P-{i:016x}" for i in range(n_programs)]
    inds = [f"K-{i:016x}" for i in range(n_ind)]
    for i, r in enumerate(regions):
        g.add_node(r, label="Region", name=f"第{i}县")
    for i, d in enumerate(docs):
        g.add_node(d, label="Document", title=f"第{i}号报告", region=f"第{i % n_regions}县", year=2015 + i % 9,
                   source=f"{d}.txt", sha256=hashlib.sha256(d.encode()).hexdigest())
    for i, p in enumerate(progs):
        g.add_node(p, label="Program", name=f"项目{i}", aliases=[f"项目{i}工作"], documents=[])
    for i, k in enumerate(inds):
        g.add_node(k, label="Indicator", name=f"指标{i}")
    inst_doc = {}
    for i, n in enumerate(insts):
        r = i % n_regions
        g.add_node(n, label="Institution", name=f"第{r}县第{i}医院", aliases=[f"{i}院", f"第{i}医院"],
                   kind=KINDS[i % len(KINDS)], region=f"第{r}县", external=False, documents=[])
        inst_doc[n] = docs[i % n_docs]

    def edge(u: str, v: str, typ: str, doc: str, start: int | None = None, **p: object) -> None:
        key = f"{typ}|{doc}|{'' if start is None else start}"
        if start is not None:
            p["start"] = start
        g.add_edge(u, v, key=key, type=typ, document=doc, **p)

    for d_i, d in enumerate(docs):
        edge(d, regions[d_i % n_regions], "ABOUT", d)
    for i, n in enumerate(insts):
        d = inst_doc[n]
        edge(d, n, "MENTIONS", d)
        edge(n, regions[i % n_regions], "LOCATED_IN", d)
    count = g.number_of_edges()
    off = 0
    while count < n_rels:
        off += 1
        n = rnd.choice(insts)
        d = inst_doc[n]
        roll = rnd.random()
        if roll < 0.45:
            edge(n, rnd.choice(progs), "PARTICIPATES_IN", d, off, evidence=f"第{off}句：参与项目。")
        elif roll < 0.65:
            edge(n, rnd.choice(insts), "PARTNERS_WITH", d, off, kind="对口支援", evidence=f"第{off}句：对口支援。")
        elif roll < 0.9:
            edge(n, rnd.choice(inds), "MEASURED", d, off, value=float(off % 1000), unit="%",
                 period="2023", raw=f"{off % 1000}%", evidence=f"第{off}句：指标。")
        else:
            p = rnd.choice(progs)
            if g.has_edge(d, p, f"MENTIONS|{d}|"):
                continue
            edge(d, p, "MENTIONS", d)
        count += 1
    return g


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def vm_hwm_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--rels", type=int, default=300_000)
    ap.add_argument("--batch-size", type=int, default=5000)
    args = ap.parse_args()

    t = time.perf_counter()
    g = synthetic(args.nodes, args.rels)
    print(flush=True)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships "
          f"(built in {time.perf_counter() - t:.1f} s)")
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        t = time.perf_counter()
        # background=False: the store's own child (store.server), started and stopped here
        with open_store(StoreConfig(db_dir=tmp / "db", batch_size=args.batch_size), background=False) as store:
            print(f"store start: {time.perf_counter() - t:.2f} s (first start, empty directory)")
            marks: list[float] = []
            done = [0]

            def progress(n: int) -> None:
                done[0] += n
                if done[0] >= g.number_of_nodes() and not marks:
                    marks.append(time.perf_counter())

            pid = store.server.pid
            c_child, c_me = cpu_seconds(pid), time.process_time()
            t = time.perf_counter()
            s = store.load(g, progress)
            total = time.perf_counter() - t
            c_child, c_me = cpu_seconds(pid) - c_child, time.process_time() - c_me
            rel_phase = (time.perf_counter() - marks[0]) if marks else total
            print(f"load: {total:.1f} s for {s.nodes} nodes + {s.relationships} relationships; "
                  f"{s.relationships / total:,.0f} relationships/s over the whole load, "
                  f"{s.relationships / rel_phase:,.0f}/s in the relationship phase")
            print(f"  CPU during the load: ArcadeDB {c_child:.1f} s, kg {c_me:.1f} s "
                  f"(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
            t = time.perf_counter()
            s2 = store.load(g)
            print(f"re-run, nothing changed: {time.perf_counter() - t:.1f} s "
                  f"({s2.unchanged} unchanged, {s2.nodes_written + s2.relationships_written} rows written)")
            docs = sorted(n for n, a in g.nodes(data=True) if a["label"] == "Document")
            for d in docs[:: 100]:
                g.nodes[d]["sha256"] = "changed-" + d
            t = time.perf_counter()
            s3 = store.load(g)
            print(f"re-run, {s3.updated} documents changed (1%): {time.perf_counter() - t:.1f} s "
                  f"({s3.relationships_removed} relationships replaced)")
            child = vm_hwm_kib(store.server.pid)
        t = time.perf_counter()
        with open_store(StoreConfig(db_dir=tmp / "db"), background=False) as store:
            print(f"store start: {time.perf_counter() - t:.2f} s (existing store, "
                  f"{sum(store.counts()):,} items)")
        me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak memory: kg process {me / 1024:.0f} MiB, ArcadeDB child {child / 1024:.0f} MiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
