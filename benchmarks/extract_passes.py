"""Extraction passes over the evaluation reports, for counting instructions under callgrind.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/extract_passes.py 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/extract_passes.py 2

The difference of the two "Collected" totals is the instruction count of two extraction passes
over the seed and wide reports with every memo cache cleared before each pass (new text), start-up
excluded. Instruction counts do not depend on what else the machine is doing, so two versions of
the code can be compared on a loaded machine (`git worktree add` the older one, PYTHONPATH=it).
"""
from __future__ import annotations

import functools
import gc
import glob
import sys
from pathlib import Path

from kg.extract import Extractor
from kg.lexicon import load_lexicon
from loaders import load_file

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    passes = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    files = sorted(glob.glob(str(EVAL / "docs" / "*")) + glob.glob(str(EVAL / "wide" / "docs" / "*")))
    docs = [d for f in files for d in load_file(f)]
    ex = Extractor(load_lexicon())
    for d in docs[:3]:
        ex(d)                                   # start-up: dictionaries, compiled patterns
    for _ in range(passes):
        for o in gc.get_objects():
            if isinstance(o, functools._lru_cache_wrapper):
                o.cache_clear()
        for d in docs:
            ex(d)


if __name__ == "__main__":
    main()
