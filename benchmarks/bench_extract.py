"""Extraction throughput: the eval reports repeated to a ≥20 MB corpus, one core.

    .venv/bin/python benchmarks/bench_extract.py [--mb 20] [--eval ../shared/eval/docs]

Loads the documents once (loaders), then times sentence split + extraction + resolution +
graph building over copies of them until the corpus reaches --mb megabytes of UTF-8 text.
Prints characters/s, MB/s and the peak resident memory of the process.
"""
from __future__ import annotations

import argparse
import dataclasses
import resource
import time
from pathlib import Path

from kg.lexicon import load_lexicon
from kg.pipeline import assemble, extract_all, load_documents


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--cold", action="store_true", help="clear memo caches after each copy (fresh-text cost)")
    ap.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval" / "docs")
    a = ap.parse_args()
    base, _ = load_documents([a.eval])
    size = sum(len(d.text.encode("utf-8")) for d in base)
    copies = max(1, int(a.mb * 1e6 / size) + 1)
    docs = [dataclasses.replace(d, id=f"{d.id}~{k}") for k in range(copies) for d in base]
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    nchars = sum(len(d.text) for d in docs)
    lexicon = load_lexicon()
    extract_all(base[:1], lexicon)             # warm-up: jieba dictionary, automata
    progress = None
    if a.cold:
        # repeated text would hit the memo caches of the name-boundary functions; clear them after
        # every copy of the corpus so each copy costs what fresh text would
        from kg.extract import institutions, numbers, programs
        from kg.extract.indicators import words
        seen = {"n": 0}

        def progress(_k: int) -> None:
            seen["n"] += 1
            if seen["n"] % len(base) == 0:
                institutions.InstitutionExtractor._name_tail.cache_clear()
                institutions._tokens.cache_clear()
                programs._name_tail.cache_clear()
                numbers.parse_chinese.cache_clear()
                words._trim.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    extractions = extract_all(docs, lexicon, progress)
    t1, c1 = time.perf_counter(), time.process_time()
    g = assemble(extractions)
    t2, c2 = time.perf_counter(), time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(docs)} documents, {nbytes / 1e6:.1f} MB UTF-8, {nchars / 1e6:.2f} M characters")
    print(f"extraction: {c1 - c0:.1f} s CPU ({t1 - t0:.1f} s wall) → {nbytes / 1e6 / (c1 - c0):.2f} MB/s, "
          f"{nchars / (c1 - c0):,.0f} chars/s per core")
    print(f"extraction + resolution + graph: {c2 - c0:.1f} s CPU → {nbytes / 1e6 / (c2 - c0):.2f} MB/s per core; "
          f"graph {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges")
    print(f"peak memory (RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
