"""Load a real build's graph (a facts.json) into a new store and say where the time goes.

    .venv/bin/python benchmarks/make_corpus.py --mb 20 --seed 1 --out /tmp/c20
    .venv/bin/kg build /tmp/c20 --out /tmp/o20 --no-store --no-page -q
    .venv/bin/python benchmarks/bench_ingest.py /tmp/o20/facts.json                 # embedded store
    .venv/bin/python benchmarks/bench_ingest.py /tmp/o20/facts.json --batch-size 1000 --batch-size 20000
    .venv/bin/python benchmarks/bench_ingest.py /tmp/o20/facts.json --jvm-args=-XX:TieredStopAtLevel=1
    .venv/bin/python benchmarks/bench_ingest.py /tmp/o20/facts.json --engine       # no Bolt: ArcadeDB alone
    NEO4J_URI=… .venv/bin/python benchmarks/bench_ingest.py /tmp/o20/facts.json --neo4j   # a Neo4j server

Every run is kg.store's own load (Store.load: the same statements, batches and order as `kg build`)
into an empty store; per statement it prints the wall time, the rows sent and, for the embedded
store, the CPU seconds of ArcadeDB's Bolt session threads (the engine running it; /proc); then the phases (nodes,
relationships, the rest: constraints, marks, documents lists, seal, counts) and relationships/s over
the whole load and over the relationship phase, with the load average.

--engine runs the same Store.load with ArcadeDB inside this process (arcadedb_embedded, no server,
no Bolt, no driver): each statement goes to the engine's openCypher as Java objects converted before
the clock starts; it prints the engine thread's CPU time per statement and the JIT compiler's time.
The difference to the embedded run is what Bolt, the driver and the child process add.
--warm then deletes the graph and loads it again into the same server: a JVM whose JIT has
compiled the load's code already (as the background server of a store is after a first load).
--jvm-args passes JVM flags to ArcadeDB (through ARCADEDB_JVM_ARGS, which the child inherits).
--neo4j-admin NEO4J_DIR times `kg export --neo4j-import` + neo4j-admin import + restart + after-import.cypher
into the Neo4j of ../shared/tools/neo4j/start NEO4J_DIR (its database is replaced).
--neo4j empties the database of NEO4J_URI first (MATCH (n) DETACH DELETE n): use a scratch server.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _statement_names() -> dict[str, str]:
    """Statement text → its name in kg.store.writer (NODE_CREATE[Institution], …)."""
    from kg.store import writer as W
    names: dict[str, str] = {}
    for name, value in vars(W).items():
        if isinstance(value, str):
            names[value] = name
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, str):
                    key = "/".join(k) if isinstance(k, tuple) else k
                    names[v] = f"{name}[{key}]"
    return names


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of a process's threads, summed by kind (JIT compiler, GC, Bolt session, other)."""
    out: dict[str, float] = defaultdict(float)
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        kind = ("JIT compiler" if "Compiler" in name else "GC" if name.startswith(("GC ", "G1 ", "VM ")) else
                "Bolt session" if "bolt" in name.lower() else "other")
        out[kind] += (int(fields[11]) + int(fields[12])) / tick
    return out


class Timings:
    """Per statement: calls, rows, wall seconds, CPU seconds of the engine (when known)."""

    def __init__(self) -> None:
        self.names = _statement_names()
        self.stats: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
        self.marks: list[tuple[str, float]] = []

    def add(self, query: str, params: dict[str, Any], wall: float, cpu: float) -> None:
        name = self.names.get(query, " ".join(query.split())[:48])
        s = self.stats[name]
        rows = params.get("rows") or params.get("ids") or []
        n = sum(len(r[1]) if isinstance(r, list) and len(r) == 2 and isinstance(r[1], list) else 1 for r in rows)
        s[0] += 1
        s[1] += n
        s[2] += wall
        s[3] += cpu
        phase = ("nodes" if name.startswith(("NODE_", "EXISTING")) else
                 "relationships" if name.startswith("EDGE_") else "rest")
        self.marks.append((phase, wall))

    def report(self, total: float, relationships: int, cpu_label: str) -> None:
        print(f"  {'wall s':>7} {cpu_label:>7} {'calls':>5} {'rows':>7} {'rows/s':>8}  statement")
        for name, (calls, rows, wall, cpu) in sorted(self.stats.items(), key=lambda x: -x[1][2]):
            if wall < 0.05:
                continue
            rate = f"{rows / wall:8,.0f}" if rows and wall else " " * 8
            print(f"  {wall:7.2f} {cpu:7.2f} {calls:5d} {rows:7d} {rate}  {name}")
        phases: dict[str, float] = defaultdict(float)
        for phase, wall in self.marks:
            phases[phase] += wall
        rest = total - phases["nodes"] - phases["relationships"]
        rel = phases["relationships"]
        print(f"  phases: nodes {phases['nodes']:.1f} s, relationships {rel:.1f} s "
              f"({relationships / rel if rel else 0:,.0f}/s), the rest {rest:.1f} s "
              f"(constraints, marks, stored documents, entity lists, seal, counts, Python)")


def load_graph(facts: Path):
    from viz.cli import graph_from_facts_file
    t = time.perf_counter()
    g = graph_from_facts_file(facts)
    print(f"graph: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} relationships "
          f"(read from {facts} in {time.perf_counter() - t:.1f} s)", flush=True)
    return g


def run_store(g, batch_size: int, neo4j: bool, warm: bool = False, server_pid: int | None = None) -> None:
    from kg.store import StoreConfig, open_store
    from kg.store import store as S

    tim = Timings()
    tmp = Path(tempfile.mkdtemp(prefix="kg-ingest-"))
    config = StoreConfig(batch_size=batch_size) if neo4j else StoreConfig(db_dir=tmp / "db", batch_size=batch_size)
    orig_write, orig_read = S.Store._write, S.Store._read
    pid: list[int] = []

    def session_cpu() -> float:
        return thread_cpu(pid[0]).get("Bolt session", 0.0) if pid else 0.0

    def wrap(orig):
        def f(self, query, **params):
            c = session_cpu()
            t = time.perf_counter()
            out = orig(self, query, **params)
            tim.add(query, params, time.perf_counter() - t, session_cpu() - c)
            return out
        return f

    try:
        t = time.perf_counter()
        with open_store(config) as store:
            print(f"store: {'Neo4j ' + store.uri if neo4j else 'embedded ArcadeDB'}, started/connected in "
                  f"{time.perf_counter() - t:.1f} s; batch size {batch_size}", flush=True)
            if neo4j and server_pid:
                pid.append(server_pid)
            if neo4j:
                while store.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n",
                                write=True)[0]["n"]:
                    pass
            else:
                server = getattr(store, "server", None) or getattr(store, "serving", None)
                pid.append(server.pid)
            S.Store._write, S.Store._read = wrap(orig_write), wrap(orig_read)
            c0, p0 = (cpu_seconds(pid[0]) if pid else 0.0), time.process_time()
            th0 = thread_cpu(pid[0]) if pid else {}
            t = time.perf_counter()
            summary = store.load(g)
            total = time.perf_counter() - t
            c1, p1 = (cpu_seconds(pid[0]) if pid else 0.0), time.process_time()
            th1 = thread_cpu(pid[0]) if pid else {}
            S.Store._write, S.Store._read = orig_write, orig_read
            rels = summary.relationships
            print(f"load: {total:.1f} s, {summary.nodes:,} nodes + {rels:,} relationships: "
                  f"**{rels / total:,.0f} relationships/s** over the whole load; CPU: "
                  + (f"server {c1 - c0:.1f} s, " if pid else "") + f"kg {p1 - p0:.1f} s; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            if th1:
                print("  server CPU by thread: " + ", ".join(
                    f"{k} {th1[k] - th0.get(k, 0.0):.1f} s" for k in sorted(th1, key=lambda k: th0.get(k, 0.0) - th1[k])))
            tim.report(total, rels, "bolt s" if pid else "-")
            t = time.perf_counter()
            again = store.load(g)
            print(f"re-run, nothing changed: {time.perf_counter() - t:.1f} s "
                  f"({again.unchanged} unchanged, {again.nodes_written + again.relationships_written} rows written)")
            if warm:
                # the same load into the same server (its JIT-compiled code warm), the graph deleted first
                t = time.perf_counter()
                while store.run("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n", write=True)[0]["n"]:
                    pass
                print(f"warm: everything deleted in {time.perf_counter() - t:.1f} s; the load again:")
                tim.__init__()
                th0 = thread_cpu(pid[0]) if pid else {}
                c0, p0 = (cpu_seconds(pid[0]) if pid else 0.0), time.process_time()
                S.Store._write, S.Store._read = wrap(orig_write), wrap(orig_read)
                t = time.perf_counter()
                summary = store.load(g)
                total = time.perf_counter() - t
                S.Store._write, S.Store._read = orig_write, orig_read
                c1, p1 = (cpu_seconds(pid[0]) if pid else 0.0), time.process_time()
                th1 = thread_cpu(pid[0]) if pid else {}
                print(f"load (warm server): {total:.1f} s: **{rels / total:,.0f} relationships/s** over the whole "
                      f"load; CPU: " + (f"server {c1 - c0:.1f} s, " if pid else "") + f"kg {p1 - p0:.1f} s; "
                      f"load average {os.getloadavg()[0]:.1f}")
                if th1:
                    print("  server CPU by thread: " + ", ".join(
                        f"{k} {th1[k] - th0.get(k, 0.0):.1f} s" for k in sorted(th1, key=lambda k: th0.get(k, 0.0) - th1[k])))
                tim.report(total, rels, "bolt s" if pid else "-")
    finally:
        S.Store._write, S.Store._read = orig_write, orig_read
        shutil.rmtree(tmp, ignore_errors=True)


def run_engine(g, batch_size: int) -> None:
    """Store.load with ArcadeDB in this process: the statements go to the engine directly."""
    import arcadedb_embedded as arcadedb
    import jpype
    from arcadedb_embedded.type_conversion import convert_python_to_java
    from kg.store import StoreConfig
    from kg.store import store as S

    tmp = Path(tempfile.mkdtemp(prefix="kg-engine-"))
    db = arcadedb.create_database(str(tmp / "kg"))
    jdb = db.get_java_database()
    mx = jpype.JClass("java.lang.management.ManagementFactory")
    threads, compiler = mx.getThreadMXBean(), mx.getCompilationMXBean()
    tim = Timings()

    def execute(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        jparams = convert_python_to_java(params)
        c = threads.getCurrentThreadCpuTime()
        t = time.perf_counter()
        jdb.begin()
        try:
            rs = jdb.command("opencypher", query, jparams)
            rows = []
            while rs.hasNext():
                r = rs.next()
                rows.append({str(k): r.getProperty(k) for k in r.getPropertyNames()})
            jdb.commit()
        except BaseException:
            if jdb.isTransactionActive():
                jdb.rollback()
            raise
        tim.add(query, params, time.perf_counter() - t, (threads.getCurrentThreadCpuTime() - c) / 1e9)
        return [{k: _py(v) for k, v in r.items()} for r in rows]

    class EngineStore(S.Store):
        def _write(self, query, **params):
            return execute(query, params)

        def _read(self, query, **params):
            return execute(query, params)

    try:
        store = EngineStore(StoreConfig(db_dir=tmp, batch_size=batch_size))
        jit0, p0 = compiler.getTotalCompilationTime(), time.process_time()
        t = time.perf_counter()
        summary = store.load(g)
        total = time.perf_counter() - t
        rels = summary.relationships
        print(f"engine alone (openCypher in this process, no Bolt), batch size {batch_size}: {total:.1f} s, "
              f"{rels / total:,.0f} relationships/s over the whole load; CPU of this process "
              f"{time.process_time() - p0:.1f} s, of which JIT compilation "
              f"{(compiler.getTotalCompilationTime() - jit0) / 1000:.1f} s (compiler threads); "
              f"load average {os.getloadavg()[0]:.1f}")
        tim.report(total, rels, "cpu s")
    finally:
        db.close()
        shutil.rmtree(tmp, ignore_errors=True)


def run_admin_import(g, neo4j_dir: Path) -> None:
    """kg export --neo4j-import, then neo4j-admin database import full into the Neo4j of
    ../shared/tools/neo4j in neo4j_dir (stopped and started again; NEO4J_BOLT_PORT as it was started)."""
    import subprocess

    from kg.neo4j_import import export_neo4j_import
    from kg.store import StoreConfig, open_store

    tools = Path(__file__).resolve().parents[2] / "shared" / "tools" / "neo4j"
    env = {**os.environ, "JAVA_HOME": "/usr/lib/jvm/java-17-openjdk-amd64"}
    tmp = Path(tempfile.mkdtemp(prefix="kg-admin-"))
    try:
        t0 = time.perf_counter()
        p0 = time.process_time()
        files = export_neo4j_import(g, tmp / "import")
        t_export, c_export = time.perf_counter() - t0, time.process_time() - p0
        t = time.perf_counter()
        subprocess.run([str(tools / "stop"), str(neo4j_dir)], capture_output=True, env=env, check=True)
        t_stop = time.perf_counter() - t
        t = time.perf_counter()
        r = subprocess.run([str(neo4j_dir / "neo4j-home" / "bin" / "neo4j-admin"), *files.arguments()],
                           capture_output=True, text=True, env=env)
        t_import = time.perf_counter() - t
        if r.returncode:
            sys.exit(r.stdout[-2000:] + r.stderr[-2000:])
        t = time.perf_counter()
        out = subprocess.run([str(tools / "start"), str(neo4j_dir)], capture_output=True, text=True, env=env,
                             check=True).stdout
        t_start = time.perf_counter() - t
        values = dict(kv.split("=", 1) for kv in out.split()[1:])
        t = time.perf_counter()
        r = subprocess.run([str(neo4j_dir / "neo4j-home" / "bin" / "cypher-shell"), "-a", values["NEO4J_URI"],
                            "-u", "neo4j", "-p", values["NEO4J_PASSWORD"], "-f", str(files.after_import)],
                           capture_output=True, text=True, env=env)
        t_after = time.perf_counter() - t
        if r.returncode:
            sys.exit(r.stderr[-2000:])
        total = time.perf_counter() - t0
        with open_store(StoreConfig(uri=values["NEO4J_URI"], user="neo4j", password=values["NEO4J_PASSWORD"])) as st:
            n, rels = st.counts()
        print(f"neo4j-admin import: {n:,} nodes, {rels:,} relationships in the database; kg export {t_export:.1f} s "
              f"({c_export:.1f} s CPU), server stop {t_stop:.1f} s, neo4j-admin {t_import:.1f} s, start {t_start:.1f} s, "
              f"after-import.cypher {t_after:.1f} s; whole {total:.1f} s: **{rels / total:,.0f} relationships/s**, "
              f"export + neo4j-admin alone {rels / (t_export + t_import):,.0f}/s; load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _py(v: Any) -> Any:
    from arcadedb_embedded.type_conversion import convert_java_to_python
    return convert_java_to_python(v)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("facts", type=Path, help="facts.json of a build (or the folder holding it)")
    ap.add_argument("--batch-size", type=int, action="append", help="rows per transaction (repeatable)")
    ap.add_argument("--neo4j", action="store_true", help="load into the Neo4j of NEO4J_URI (emptied first)")
    ap.add_argument("--server-pid", type=int, default=None,
                    help="with --neo4j: the pid of the Neo4j server (its CPU seconds are reported)")
    ap.add_argument("--neo4j-admin", type=Path, default=None, metavar="NEO4J_DIR",
                    help="kg export --neo4j-import and neo4j-admin import into the Neo4j started with "
                         "../shared/tools/neo4j/start NEO4J_DIR (its database is replaced)")
    ap.add_argument("--engine", action="store_true", help="ArcadeDB in this process, no Bolt")
    ap.add_argument("--warm", action="store_true",
                    help="then delete everything and load again into the same (warm) server")
    ap.add_argument("--jvm-args", default=None, help="JVM flags for ArcadeDB (ARCADEDB_JVM_ARGS)")
    a = ap.parse_args()
    if a.jvm_args is not None:
        os.environ["ARCADEDB_JVM_ARGS"] = a.jvm_args
    if not a.neo4j:
        os.environ["KG_STORE_IDLE"] = "0"   # a child of this process, stopped at the end
    facts = a.facts / "facts.json" if a.facts.is_dir() else a.facts
    g = load_graph(facts)
    print(f"uptime: {os.popen('uptime').read().strip()}", flush=True)
    if a.neo4j_admin:
        run_admin_import(g, a.neo4j_admin)
        print(f"uptime: {os.popen('uptime').read().strip()}", flush=True)
        return
    for bs in a.batch_size or [5000]:
        if a.engine:
            run_engine(g, bs)
        else:
            run_store(g, bs, a.neo4j, a.warm, a.server_pid)
        print(f"uptime: {os.popen('uptime').read().strip()}", flush=True)


if __name__ == "__main__":
    main()
