"""Is the build linear in the size of one document? Time per MB on growing single files.

    .venv/bin/python benchmarks/bench_scale.py                       # one report file: 1, 2, 4, 8 MB
    .venv/bin/python benchmarks/bench_scale.py --single-line --mb 0.5 1 2 4
    .venv/bin/python benchmarks/bench_scale.py --corpus --mb 5 10 20  # many files: the corpus as a whole

Each input is made by benchmarks/make_corpus.py (the seed reports joined into one file, real place
names, shifted numbers; --single-line: on one line, so one sentence-splitting unit and no region
in a title). Every stage is timed in CPU seconds of this process: loading, extraction, resolution
+ graph, facts.json. Printed: CPU seconds per MB of each stage at each size, and the ratio of the
largest size's per-MB time to the smallest's. A linear stage stays near 1.0; a quadratic one
roughly doubles with every doubling of the size. Not a timed test: a figure to read.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import EVAL, Maker  # noqa: E402

STAGES = ("load", "extract", "resolve+graph", "facts.json")


def measure(path: Path, out: Path) -> tuple[float, dict[str, float]]:
    from kg.export import write_facts
    from kg.extract import Extractor
    from kg.lexicon import load_lexicon
    from kg.pipeline import assemble, load_documents

    lexicon = load_lexicon()
    extractor = Extractor(lexicon)
    t: dict[str, float] = {}
    c = time.process_time()
    docs, _ = load_documents([path])
    t["load"] = time.process_time() - c
    c = time.process_time()
    extractions = [extractor(d) for d in docs]
    t["extract"] = time.process_time() - c
    c = time.process_time()
    g = assemble(extractions, lexicon)
    t["resolve+graph"] = time.process_time() - c
    c = time.process_time()
    write_facts(g, out / "facts.json")
    t["facts.json"] = time.process_time() - c
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    return mb, t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--seed", type=int, default=1)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--single-line", action="store_true")
    mode.add_argument("--corpus", action="store_true", help="a corpus of many files instead of one file")
    ap.add_argument("--source", type=Path, action="append", help="report folders (default: the seed set)")
    a = ap.parse_args()
    maker = Maker(a.seed, a.source or [EVAL / "docs"])
    from kg.extract import Extractor
    from kg.lexicon import load_lexicon
    from kg.model import Document
    Extractor(load_lexicon())(Document("w", "县人民医院参加家庭医生签约服务。", "w.txt", "0", None, "某县", None))  # jieba
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in a.mb:
            src = Path(tmp) / f"in{size}"
            if a.corpus:
                Maker(a.seed, a.source or [EVAL / "docs"]).corpus(src, size)
            else:
                maker.single(src / "report.txt", size, a.single_line)
            gc.collect()
            mb, t = measure(src, Path(tmp))
            rows.append((mb, t))
            load = Path("/proc/loadavg").read_text().split()[:3]
            print(f"{mb:7.2f} MB  " + "  ".join(f"{s} {t[s]:6.2f} s ({t[s] / mb:5.2f} s/MB)" for s in STAGES)
                  + f"  total {sum(t.values()):6.1f} s CPU; load {' '.join(load)}", flush=True)
    (mb0, t0), (mb1, t1) = rows[0], rows[-1]
    print(f"per-MB time at {mb1:.1f} MB ÷ at {mb0:.1f} MB: " + ", ".join(
        f"{s} {(t1[s] / mb1) / max(t0[s] / mb0, 1e-9):.2f}" for s in STAGES)
        + f", total {(sum(t1.values()) / mb1) / (sum(t0.values()) / mb0):.2f}")


if __name__ == "__main__":
    main()
