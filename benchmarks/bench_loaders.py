"""Loader throughput: read + decode + clean + split + metadata, one core.

    .venv/bin/python benchmarks/bench_loaders.py [--mb 20] [--eval ../shared/eval/docs]

Copies the eval reports (and the bundled sample corpus) into a temporary folder until the
.txt corpus reaches --mb megabytes, then times load_file over every copy in CPU seconds of
this process. Reports MB/s of input file bytes, per format, plus the one-off costs
(jionlp gazetteer, jieba POS dictionary) measured separately.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from loaders import collect_files, load_file
from loaders.meta import _word_tags, gazetteer

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval" / "docs")
    a = ap.parse_args()
    c0 = time.process_time()
    gazetteer()
    c1 = time.process_time()
    _word_tags()
    c2 = time.process_time()
    print(f"one-off: jionlp gazetteer {c1 - c0:.2f} s CPU; jieba POS dictionary {c2 - c1:.2f} s CPU "
          f"(loaded only for a place name outside the gazetteer; shared with extraction)")
    sources = collect_files([a.eval]) if a.eval.is_dir() else []
    samples = collect_files([REPO / "sample"])
    with tempfile.TemporaryDirectory() as tmp:
        size = sum(f.stat().st_size for f in sources) or 1
        copies = max(1, int(a.mb * 1e6 / size) + 1) if sources else 0
        files: list[Path] = []
        for k in range(copies):
            for f in sources:
                dst = Path(tmp) / f"{f.stem}_{k}{f.suffix}"
                shutil.copyfile(f, dst)
                files.append(dst)
        for k in range(50):  # formats other than .txt: 50 copies of each sample
            for f in samples:
                dst = Path(tmp) / f"{f.stem}_{k}{f.suffix}"
                shutil.copyfile(f, dst)
                files.append(dst)
        by_fmt: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0, 0])  # cpu, bytes, files, docs
        for f in files:
            data_len = f.stat().st_size
            c = time.process_time()
            docs = load_file(f)
            row = by_fmt[f.suffix]
            row[0] += time.process_time() - c
            row[1] += data_len
            row[2] += 1
            row[3] += len(docs)
    total_cpu = sum(r[0] for r in by_fmt.values())
    total_bytes = sum(r[1] for r in by_fmt.values())
    for fmt, (cpu, nbytes, nfiles, ndocs) in sorted(by_fmt.items()):
        print(f"{fmt:6} {nfiles:6,} files {ndocs:7,} docs {nbytes / 1e6:8.2f} MB  {cpu:6.2f} s CPU  "
              f"{nbytes / 1e6 / cpu:6.2f} MB/s  {cpu / nfiles * 1000:6.2f} ms/file")
    print(f"all    {total_bytes / 1e6:.2f} MB in {total_cpu:.2f} s CPU → {total_bytes / 1e6 / total_cpu:.2f} MB/s per core")


if __name__ == "__main__":
    main()
