"""Whole `kg build --no-store --no-page` (--page: with graph.html) runs on a corpus: wall time, CPU seconds (of the build and
its workers), chars/s per core, peak memory, and an unchanged re-run.

    .venv/bin/python benchmarks/make_corpus.py --mb 20 --seed 1 --out /tmp/c20
    .venv/bin/python benchmarks/bench_build.py /tmp/c20 --jobs 1 --jobs 2 --rerun
    git worktree add /tmp/kg-at HEAD; .venv/bin/python benchmarks/bench_build.py /tmp/c20 --tree /tmp/kg-at

Each build is `python -m kg build CORPUS --out OUT --no-store --no-page -q --jobs N` in a child
process. CPU seconds are the children's user + system time (getrusage, the workers included);
"peak RSS" is the highest sum of the proportional resident memory (Pss) of the build and all its
workers, sampled every 50 ms from /proc (--sample; 0 for wall times without the sampler), and "main RSS" the build process's own high-water mark
(VmHWM).
chars/s per core = characters of the documents' text / CPU seconds. `uptime` is printed with every
figure: the machine is shared, so CPU seconds are the steadier number.
--rerun builds a second time into the same --out (the extraction cache is warm) and checks that
facts.json is byte-identical; with several --jobs values every facts.json is compared too.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tree_rss(pid: int) -> tuple[int, int]:
    """(sum of the proportional set size (Pss: a page shared by k processes counts 1/k in each) over
    pid and its descendants, VmHWM of pid), in kB."""
    children: dict[int, list[int]] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(p.name))
    total, hwm, todo = 0, 0, [pid]
    while todo:
        q = todo.pop()
        todo.extend(children.get(q, ()))
        try:
            for line in Path(f"/proc/{q}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            if q == pid:
                hwm = next(int(x.split()[1]) for x in Path(f"/proc/{q}/status").read_text().splitlines()
                           if x.startswith("VmHWM:"))
        except (OSError, StopIteration):
            continue
    return total, hwm


def corpus_chars(corpus: Path) -> tuple[int, int, int]:
    """(documents, characters, UTF-8 bytes) of the corpus as the loaders read it; cached beside it."""
    cache = corpus.parent / f".{corpus.name}.chars.json"
    stamp = sum(f.stat().st_size for f in corpus.rglob("*") if f.is_file()) if corpus.is_dir() else corpus.stat().st_size
    if cache.exists():
        c = json.loads(cache.read_text())
        if c.get("stamp") == stamp:
            return c["docs"], c["chars"], c["bytes"]
    from kg.pipeline import load_documents
    docs, _ = load_documents([corpus])
    n, b = sum(len(d.text) for d in docs), sum(len(d.text.encode("utf-8")) for d in docs)
    cache.write_text(json.dumps({"stamp": stamp, "docs": len(docs), "chars": n, "bytes": b}))
    return len(docs), n, b


SAMPLE = 0.05          # seconds between memory samples (--sample)


def run_build(corpus: Path, out: Path, jobs: int | None, extra: list[str], tree: Path | None = None,
              page: bool = False) -> dict:
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-store", *([] if page else ["--no-page"]), "-q",
           *([] if jobs is None else ["--jobs", str(jobs)]), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tree)
    peak = hwm = 0
    main_cpu = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    while proc.poll() is None:
        if SAMPLE == 0:             # no sampling: the wall time without this process's /proc walks
            proc.wait()
            break
        total, h = tree_rss(proc.pid)
        peak, hwm = max(peak, total), max(hwm, h)
        try:                                        # the build process's own CPU (utime + stime)
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            main_cpu = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
        time.sleep(SAMPLE)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}):\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    facts = out / "facts.json"
    return {"wall": wall, "cpu": cpu, "main_cpu": main_cpu, "peak_mb": peak / 1024, "main_mb": max(hwm, after.ru_maxrss) / 1024,
            "facts_mb": facts.stat().st_size / 1e6, "sha": hashlib.sha256(facts.read_bytes()).hexdigest()[:12]}


def main() -> None:
    global SAMPLE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--jobs", type=int, action="append", help="worker processes (repeatable); default: kg's default")
    ap.add_argument("--rerun", action="store_true", help="build again unchanged into the same --out")
    ap.add_argument("--change-one", action="store_true",
                    help="then build again with one .txt file changed (a sentence appended, restored after)")
    ap.add_argument("--out", type=Path, help="output folder (default: a temporary one)")
    ap.add_argument("--extra", default="", help="more `kg build` arguments, space-separated")
    ap.add_argument("--page", action="store_true", help="write graph.html too (without it: --no-page)")
    ap.add_argument("--sample", type=float, default=SAMPLE,
                    help="seconds between memory samples (default 0.05); 0: none — walking /proc every 50 ms costs "
                         "a few percent of a core, which a 2-core build feels in its wall time")
    ap.add_argument("--repeat", type=int, default=1, help="build this many times with each --jobs (fresh --out each time)")
    ap.add_argument("--tree", type=Path, help="run the kg of this source tree (a git worktree of a commit: "
                    "the code stays as it was while others change the checkout)")
    a = ap.parse_args()
    SAMPLE = a.sample
    ndocs, nchars, nbytes = corpus_chars(a.corpus)
    print(f"corpus {a.corpus}: {ndocs:,} documents, {nchars / 1e6:.2f} M chars, {nbytes / 1e6:.1f} MB UTF-8; "
          f"{os.cpu_count()} cores")
    shas = set()
    print(f"kg build --no-store{'' if a.page else ' --no-page'} {a.extra}; started {time.strftime('%Y-%m-%d %H:%M:%S')}")
    for jobs in [j for j in a.jobs or [None] for _ in range(a.repeat)]:
        out = a.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
        if a.out and out.exists():
            shutil.rmtree(out)
        load = Path("/proc/loadavg").read_text().split()[:3]
        r = run_build(a.corpus, out, jobs, a.extra.split(), a.tree, a.page)
        shas.add(r["sha"])
        split = (f" (build process {r['main_cpu']:.1f} s, workers {r['cpu'] - r['main_cpu']:.1f} s)" if SAMPLE
                 else " (build process and workers; not sampled)")
        memory = (f"peak RSS {r['peak_mb']:,.0f} MB (main {r['main_mb']:,.0f} MB)" if SAMPLE
                  else f"peak RSS not sampled (main {r['main_mb']:,.0f} MB)")
        print(f"jobs={jobs or 'default'}: wall {r['wall']:.1f} s, CPU {r['cpu']:.1f} s{split} → {nchars / r['cpu']:,.0f} "
              f"chars/s per core ({nbytes / 1e6 / r['cpu']:.2f} MB/s per core), {nbytes / 1e6 / r['wall']:.2f} MB/s "
              f"wall; {memory}; facts.json {r['facts_mb']:.1f} MB sha {r['sha']}; load before {' '.join(load)}")
        if a.rerun:
            load = Path("/proc/loadavg").read_text().split()[:3]
            r2 = run_build(a.corpus, out, jobs, a.extra.split(), a.tree, a.page)
            print(f"  re-run unchanged: wall {r2['wall']:.1f} s, CPU {r2['cpu']:.1f} s, peak RSS {r2['peak_mb']:,.0f} MB; "
                  f"facts.json {'identical' if r2['sha'] == r['sha'] else 'DIFFERENT'}; load before {' '.join(load)}")
            shas.add(r2["sha"])
        if a.change_one:
            f = next(x for x in sorted(a.corpus.rglob("*.txt")) if x.is_file()) if a.corpus.is_dir() else a.corpus
            data = f.read_bytes()
            try:
                f.write_bytes(data + "\n县人民医院开展家庭医生签约服务。\n".encode("utf-8"))
                load = Path("/proc/loadavg").read_text().split()[:3]
                r3 = run_build(a.corpus, out, jobs, a.extra.split(), a.tree, a.page)
            finally:
                f.write_bytes(data)
            print(f"  re-run, one file changed ({f.name}): wall {r3['wall']:.1f} s, CPU {r3['cpu']:.1f} s, "
                  f"peak RSS {r3['peak_mb']:,.0f} MB; load before {' '.join(load)}")
        if not a.out:
            shutil.rmtree(out, ignore_errors=True)
    if len(shas) > 1:
        print(f"facts.json DIFFERS between runs: {sorted(shas)}")
    elif len(a.jobs or []) > 1 or a.rerun:
        print("facts.json byte-identical across runs")


if __name__ == "__main__":
    main()
