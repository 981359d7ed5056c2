#!/usr/bin/env python3
"""What each extraction rule is worth: build the evaluation sets with one rule switched off at a time.

usage: ablation.py [--eval DIR] [--jobs N] [--rules NAME,NAME] [--json]

For every rule in kg.extract.registry (as listed by `kg build --explain`), the seed set
(EVAL/docs, scored against EVAL/gold) and the wide set (EVAL/wide/docs against EVAL/wide/gold)
are built with that rule off (environment KG_DISABLE_RULES=stage.name; `--no-store --no-page
-q`) and scored with EVAL/score.py --json. The table shows per rule: its hits on seed and wide
in the full build, the number of seed reports in which it fires, and the change of F1 per
category when it is off (ΔF1 < 0: the rule earns that much; > 0: the rule does harm) on seed
and on wide. Flags:

  ONE-REPORT  fires on one seed report only and on no wide report (a rule fitted to one text?)
  UNUSED      fires nowhere
  UNCOUNTED   no hits on a set, yet switching it off changes that set's F1 (a path that forgets hit())
  HARMFUL     some category's F1 rises when the rule is off
  NO-EFFECT   fires, but switching it off changes no F1

Builds run in parallel over --jobs processes (default 2). They run from a snapshot of the code
and schema taken at the start (kg/, loaders/, viz/, schema/ copied to a temporary folder), so
edits made in the working tree during the run do not mix into it; --live runs the working tree
instead. With no rule registered it prints the baseline scores and says so.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
CATEGORIES = ("institutions", "programs", "participations", "partnerships", "indicators")
SHORT = {"institutions": "inst", "programs": "prog", "participations": "part", "partnerships": "ptnr",
         "indicators": "ind"}
EPS = 5e-5


def sets(eval_dir: Path) -> dict[str, tuple[Path, Path]]:
    return {"seed": (eval_dir / "docs", eval_dir / "gold"), "wide": (eval_dir / "wide" / "docs", eval_dir / "wide" / "gold")}


def snapshot(dest: Path) -> Path:
    """Copy the code and schema the build uses to `dest` (kg.schema inside kg/, as installed)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for pkg in ("kg", "loaders", "viz"):
        shutil.copytree(REPO / pkg, dest / pkg, ignore=ignore)
    shutil.copytree(REPO / "schema", dest / "kg" / "schema", ignore=ignore)
    return dest


CODE = REPO      # where the builds import kg from (a snapshot, unless --live)


def run_build(docs: Path, out: Path, disable: str | None = None, explain: bool = False) -> str | None:
    """Build `docs` into `out`; None when it worked, else the error text."""
    env = dict(os.environ)
    env.pop("KG_DISABLE_RULES", None)
    if CODE != REPO:
        env["PYTHONPATH"] = os.pathsep.join([str(CODE)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    if disable:
        env["KG_DISABLE_RULES"] = disable
    cmd = [sys.executable, "-m", "kg", "build", str(docs), "--out", str(out), "--no-store", "--no-page", "-q"]
    if explain:
        cmd.append("--explain")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=CODE)
    if proc.returncode not in (0, 3) or not (out / "facts.json").is_file():
        return (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
    return None


def score(score_py: Path, facts: Path, gold: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, str(score_py), str(facts), str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    summary = json.loads(proc.stdout)["summary"]
    return {c: float(summary[c]["f1"]) for c in CATEGORIES if c in summary}


def read_rules(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_and_score(job) -> tuple:
    name, set_name, docs, gold, out, score_py, disable, explain = job
    err = run_build(docs, out, disable, explain)
    if err:
        return name, set_name, None, err
    try:
        return name, set_name, score(score_py, out / "facts.json", gold), None
    except (subprocess.CalledProcessError, ValueError, KeyError) as exc:
        return name, set_name, None, f"score.py failed: {exc}"


def delta(f1: dict | None, base: dict) -> dict[str, float | None]:
    return {c: (None if f1 is None or c not in f1 or c not in base else f1[c] - base[c]) for c in CATEGORIES}


def flags(row: dict) -> list[str]:
    out = []
    ds = [d for s in ("seed", "wide") for d in row["delta"][s].values() if d is not None]
    uncounted = [s for s in ("seed", "wide") if row[f"hits_{s}"] == 0
                 and any(d is not None and abs(d) > EPS for d in row["delta"][s].values())]
    if row["hits_seed"] == 0 and row["hits_wide"] == 0 and not uncounted:
        out.append("UNUSED")
    elif row["docs_seed"] == 1 and row["hits_wide"] == 0:
        out.append("ONE-REPORT")
    if uncounted:
        out.append("UNCOUNTED")
    if any(d > EPS for d in ds):
        out.append("HARMFUL")
    if ds and all(abs(d) <= EPS for d in ds) and (row["hits_seed"] or row["hits_wide"]):
        out.append("NO-EFFECT")
    if row.get("errors"):
        out.append("ERROR")
    return out


def fmt_delta(d: float | None) -> str:
    if d is None:
        return "  err"
    return "    ." if abs(d) <= EPS else f"{d:+.3f}".replace("0.", ".")


def print_table(rows: list[dict], base: dict, file=sys.stdout) -> None:
    cats = " ".join(f"{SHORT[c]:>5}" for c in CATEGORIES)
    w = max([len("rule")] + [len(r["rule"]) for r in rows])
    print("baseline F1   " + "  ".join(f"{s}: " + " ".join(f"{SHORT[c]} {base[s].get(c, float('nan')):.3f}"
                                                       for c in CATEGORIES) for s in ("seed", "wide")), file=file)
    print(file=file)
    print(f"{'rule':<{w}}  {'hits':>5} {'hits':>5} {'seed':>4}  {'ΔF1 seed':^29}  {'ΔF1 wide':^29}  flags", file=file)
    print(f"{'':<{w}}  {'seed':>5} {'wide':>5} {'docs':>4}  {cats}  {cats}", file=file)
    for r in rows:
        ds = " ".join(f"{fmt_delta(r['delta']['seed'][c]):>5}" for c in CATEGORIES)
        dw = " ".join(f"{fmt_delta(r['delta']['wide'][c]):>5}" for c in CATEGORIES)
        print(f"{r['rule']:<{w}}  {r['hits_seed']:>5} {r['hits_wide']:>5} {r['docs_seed']:>4}  {ds}  {dw}  "
              f"{' '.join(r['flags'])}", file=file)
    for r in rows:
        for e in r.get("errors", []):
            print(f"error: {r['rule']}: {e}", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the evaluation folder (docs, gold, wide/, score.py)")
    ap.add_argument("--jobs", type=int, default=2, help="builds run at once (default 2)")
    ap.add_argument("--rules", default="", help="only these rules (stage.name or name, comma-separated)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON instead of the table")
    ap.add_argument("--live", action="store_true", help="build from the working tree, not from a snapshot")
    a = ap.parse_args(argv)
    a.eval = a.eval.resolve()
    score_py = a.eval / "score.py"
    corpora = sets(a.eval)
    missing = [str(p) for d, g in corpora.values() for p in (d, g) if not p.is_dir()]
    if not score_py.is_file() or missing:
        print(f"evaluation set incomplete: {', '.join(missing + ([] if score_py.is_file() else [str(score_py)]))}",
              file=sys.stderr)
        return 2
    global CODE
    with tempfile.TemporaryDirectory(prefix="kg-ablation-") as tmp, ThreadPoolExecutor(max(1, a.jobs)) as pool:
        tmp = Path(tmp)
        if not a.live:
            CODE = snapshot(tmp / "code")
        base_jobs = [("", s, d, g, tmp / f"base-{s}", score_py, None, True) for s, (d, g) in corpora.items()]
        base, base_rules = {}, {}
        for _, s, f1, err in pool.map(build_and_score, base_jobs):
            if err:
                print(f"baseline build of {s} failed: {err}", file=sys.stderr)
                return 1
            base[s] = f1
            base_rules[s] = {r["stage"] + "." + r["rule"]: r for r in read_rules(tmp / f"base-{s}" / "rules.tsv")}
        keys = list(base_rules["seed"]) + [k for k in base_rules["wide"] if k not in base_rules["seed"]]
        if a.rules:
            want = {x.strip() for x in a.rules.split(",") if x.strip()}
            keys = [k for k in keys if k in want or k.split(".", 1)[1] in want]
        if not keys:
            if a.json:
                print(json.dumps({"baseline": base, "rules": []}, ensure_ascii=False, indent=1))
            else:
                print_table([], base)
                print("\nno extraction rules are registered (or none matched --rules); nothing to ablate")
            return 0
        jobs = [(k, s, d, g, tmp / f"{k}-{s}", score_py, k, False) for k in keys for s, (d, g) in corpora.items()]
        got: dict[tuple[str, str], tuple] = {}
        for k, s, f1, err in pool.map(build_and_score, jobs):
            got[(k, s)] = (f1, err)
            print(f"  {len(got)}/{len(jobs)} {k} ({s})", file=sys.stderr, end="\r" if sys.stderr.isatty() else "\n")
    rows = []
    for k in keys:
        rs, rw = base_rules["seed"].get(k, {}), base_rules["wide"].get(k, {})
        row = {"rule": k, "hits_seed": int(rs.get("hits") or 0), "hits_wide": int(rw.get("hits") or 0),
               "docs_seed": int(rs.get("documents") or 0), "docs_wide": int(rw.get("documents") or 0),
               "on": (rs or rw).get("on", "on"), "delta": {}, "errors": []}
        for s in corpora:
            f1, err = got[(k, s)]
            row["delta"][s] = delta(f1, base[s])
            if err:
                row["errors"].append(f"{s}: {err}")
        row["flags"] = flags(row)
        rows.append(row)
    if a.json:
        print(json.dumps({"baseline": base, "rules": rows}, ensure_ascii=False, indent=1))
    else:
        print_table(rows, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
