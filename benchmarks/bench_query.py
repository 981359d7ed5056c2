"""Query latency end to end: `kg query` / `kg participation` as an analyst runs them, each a new
process, timed from the outside (wall time of the subprocess), on the embedded store of the
bundled sample (`kg build sample`) — and on a Neo4j server when NEO4J_URI is set.

    .venv/bin/python benchmarks/bench_query.py [--runs 7] [--keep DIR]

Rows (median, min and max of --runs runs):
  cold   no server running: the command starts the background server (`kg stop` before each run)
  warm   the background server of an earlier command is up: the command is its client
  idle0  KG_STORE_IDLE=0: the command starts and stops its own ArcadeDB child (the old way)
  neo4j  the same commands against the Neo4j server of NEO4J_URI (after `kg build sample` into it)
Also: the import time of kg.cli, and whether `kg build --no-store` imports the neo4j driver.
Prints the machine's load (uptime) before and after.
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

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
RETURN_1 = ["query", "RETURN 1 AS x", "--format", "csv"]
PARTICIPATION = ["participation", "--program", "家庭医生签约服务", "--format", "csv"]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def kg(args: list[str], env: dict[str, str], check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run([PY, "-m", "kg", *args], capture_output=True, text=True, env=env, cwd=REPO)
    wall = time.perf_counter() - t0
    if check and proc.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return wall, proc


def series(label: str, args: list[str], env: dict[str, str], runs: int, before: list[str] | None = None) -> None:
    walls = []
    for _ in range(runs):
        if before is not None:
            kg(before, env)
        wall, _proc = kg(args, env)
        walls.append(wall)
    print(f"{label:<34} median {statistics.median(walls):6.2f} s   min {min(walls):6.2f}   max {max(walls):6.2f}"
          f"   ({runs} runs)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="Build the sample store here (kept).")
    args = ap.parse_args()
    print(f"load before: {uptime()}", flush=True)
    root = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-query-"))
    db = root / "db"
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    embedded = {**base, "KG_STORE_IDLE": "600"}
    kg(["build", "sample", "--out", str(root / "out"), "--db", str(db), "-q", "--no-page"], {**base, "KG_STORE_IDLE": "0"})
    store = ["--db", str(db)]
    try:
        series("cold  kg query RETURN 1", RETURN_1 + store, embedded, args.runs, before=["stop", *store])
        kg(RETURN_1 + store, embedded)
        series("warm  kg query RETURN 1", RETURN_1 + store, embedded, args.runs)
        series("warm  kg participation --program", PARTICIPATION + store, embedded, args.runs)
    finally:
        kg(["stop", *store], embedded)
    idle0 = {**base, "KG_STORE_IDLE": "0"}
    series("idle0 kg query RETURN 1", RETURN_1 + store, idle0, max(3, args.runs // 2))
    series("idle0 kg participation --program", PARTICIPATION + store, idle0, max(3, args.runs // 2))

    if os.environ.get("NEO4J_URI"):
        neo = dict(os.environ)
        kg(["build", "sample", "--out", str(root / "out-neo4j"), "-q", "--no-page"], neo)
        series("neo4j kg query RETURN 1", RETURN_1, neo, args.runs)
        series("neo4j kg participation --program", PARTICIPATION, neo, args.runs)
    else:
        print("neo4j: NEO4J_URI not set, not measured")

    imports = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run([PY, "-c", "import kg.cli"], check=True, env=base)
        imports.append(time.perf_counter() - t0)
    label = 'python -c "import kg.cli"'
    print(f"{label:<34} median {statistics.median(imports):6.2f} s   (process start included)")
    probe = ("import sys, runpy; sys.argv = ['kg', 'build', 'sample', '--no-store', '--no-page', '-q', '--out', "
             f"{str(root / 'out-nostore')!r}]\n"
             "try:\n    runpy.run_module('kg', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('neo4j imported' if 'neo4j' in sys.modules else 'neo4j not imported')")
    out = subprocess.run([PY, "-c", probe], capture_output=True, text=True, env=base, cwd=REPO).stdout.strip()
    print(f"kg build --no-store: {out.splitlines()[-1] if out else '?'}")
    print(f"load after: {uptime()}")


if __name__ == "__main__":
    main()
