#!/usr/bin/env python3
"""Indicator error listing for a facts export against a gold folder (../shared/eval/gold or wide/gold).

usage: heldout_report.py FACTS.json GOLD_DIR [--score PATH/TO/score.py]

score.py lists missed gold indicators only; this also shows, per document, the spurious
predicted indicators and, for each miss, the predictions that carry the same number (so a
wrong name or unit is told apart from a value never extracted). Matching uses score.py's own
rules (imported from --score, default ../shared/eval/score.py next to the checkout).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

DEFAULT_SCORE = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def same_value(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def indicator_errors(sc, pred: list[dict], gold: list[dict]):
    """(missed gold, spurious pred, near misses) with score.py's one-to-one greedy matching."""
    gl = [g for g in gold if g.get("value") is not None]
    pl = [p for p in pred if p.get("value") is not None]
    used, hit = set(), set()
    for pi, p in enumerate(pl):
        for k, g in enumerate(gl):
            if k in used:
                continue
            if (same_value(p["value"], g["value"]) and sc.norm_unit(p.get("unit")) == sc.norm_unit(g.get("unit"))
                    and sc.similar_name(p.get("name"), g.get("name"))):
                used.add(k)
                hit.add(pi)
                break
    missed = [g for k, g in enumerate(gl) if k not in used]
    spurious = [p for pi, p in enumerate(pl) if pi not in hit]
    near = {id(g): [p for p in spurious if same_value(p["value"], g["value"])] for g in missed}
    return missed, spurious, near


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("facts", type=Path)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--score", type=Path, default=DEFAULT_SCORE)
    a = ap.parse_args(argv)
    if not a.score.is_file():
        print(f"score.py not found: {a.score}", file=sys.stderr)
        return 2
    sc = load_scorer(a.score)
    facts = json.loads(a.facts.read_text(encoding="utf-8"))
    preds = sc.per_document(facts)
    for did, g in sc.load_gold(a.gold_dir).items():
        p = preds.get(did, {}).get("indicators", [])
        missed, spurious, near = indicator_errors(sc, p, g.get("indicators", []))
        if not missed and not spurious:
            continue
        print(f"== {did}")
        for m in missed:
            alt = "; ".join(f"{x.get('name')}={x.get('value')}{x.get('unit') or ''}" for x in near[id(m)])
            print(f"  MISS  {m['name']}={m['value']}{m['unit']}  «{m.get('raw')}»" + (f"  ~pred: {alt}" if alt else ""))
        for s in spurious:
            print(f"  SPUR  {s.get('name')}={s.get('value')}{s.get('unit') or ''}  «{s.get('raw')}»")
    return 0


if __name__ == "__main__":
    sys.exit(main())
