"""Dev harness for kg.extract.indicators: score against the eval gold and time it.

usage: .venv/bin/python tools/indicator_dev.py [--eval DIR] [--show N] [--doc ID] [--speed MB] [--inst] [--ablate]

For each gold document: the annotated slice of the raw file becomes a Document (region/year
from the gold file, for the harness only), sentences from kg.text.split_sentences, then
extract_measurements(doc, sentences, []). Indicators are matched exactly as score.py does
(same value, same unit, similar name; one-to-one).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.indicators import extract_measurements  # noqa: E402
from kg.model import Document  # noqa: E402
from kg.text import split_sentences  # noqa: E402


def load(eval_dir: Path):
    sys.path.insert(0, str(eval_dir))
    import score  # noqa: F401  (the eval's own matcher)
    index = json.loads((eval_dir / "gold" / "INDEX.json").read_text(encoding="utf-8"))
    gold = score.load_gold(eval_dir / "gold")
    docs = []
    for did, (fname, s, e) in index.items():
        raw = (eval_dir / "docs" / fname).read_text(encoding="utf-8")
        g = gold.get(did)
        if g is None:
            continue
        docs.append((Document(id=did, text=raw[s:e], source=fname, sha256="", region=g.get("region"),
                              year=g.get("year")), g))
    return score, docs


def match(score, preds, golds):
    gi = [g for g in golds if g.get("value") is not None]
    pi = [p for p in preds if p.value is not None]
    used, hits = set(), []
    for p in pi:
        for k, g in enumerate(gi):
            if k in used:
                continue
            same = abs(p.value - float(g["value"])) <= 1e-6 * max(1.0, abs(float(g["value"])))
            if same and score.norm_unit(p.unit) == score.norm_unit(g.get("unit")) and score.similar_name(p.name, g["name"]):
                used.add(k)
                hits.append(p)
                break
    misses = [g for k, g in enumerate(gi) if k not in used]
    spurious = [p for p in pi if p not in hits]
    return len(hits), len(pi), len(gi), misses, spurious


def _extract_once(eval_dir: Path):
    """Documents of an eval dir with their sentences, institution and program mentions (extracted once)."""
    sys.path.insert(0, str(eval_dir if (eval_dir / "score.py").exists() else eval_dir.parent))
    import score  # noqa: F401
    from kg.extract import Extractor
    from kg.lexicon import load_lexicon
    from kg.pipeline import load_documents
    docs, _ = load_documents([eval_dir / "docs"])
    gold = score.load_gold(eval_dir / "gold")
    ex = Extractor(load_lexicon())
    out = []
    for d in docs:
        if d.id not in gold:
            continue
        e = ex(d)
        insts = [m for m in e.mentions if m.type == "institution"]
        progs = [m for m in e.mentions if m.type == "program"]
        out.append((d, e.sentences, insts, progs, gold[d.id]))
    return score, out


def _per_doc(score, docs) -> dict[str, tuple[int, int, int]]:
    from kg.extract.indicators import with_campaigns
    res = {}
    for d, sents, insts, progs, g in docs:
        ms = with_campaigns(extract_measurements(d, sents, insts), sents, progs)
        tp, np_, ng, _, _ = match(score, ms, g.get("indicators", []))
        res[d.id] = (tp, np_, ng)
    return res


def _f1(counts) -> float:
    tp = sum(c[0] for c in counts.values())
    np_ = sum(c[1] for c in counts.values())
    ng = sum(c[2] for c in counts.values())
    p, r = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def show_pipeline(eval_dir: Path, pattern: str) -> None:
    import re
    from kg.extract.indicators import with_campaigns
    score, docs = _extract_once(eval_dir)
    counts = {}
    for d, sents, insts, progs, g in docs:
        ms = with_campaigns(extract_measurements(d, sents, insts), sents, progs)
        tp, np_, ng, misses, spur = match(score, ms, g.get("indicators", []))
        counts[d.id] = (tp, np_, ng)
        if pattern and not re.search(pattern, d.id):
            continue
        print(f"== {d.id} tp={tp} pred={np_} gold={ng}")
        for x in misses:
            print(f"  MISS {x['name']} | {x['value']} {x['unit']} | {x.get('raw')}")
        for p in spur:
            print(f"  SPUR {p.name} | {p.value} {p.unit} | {p.raw} [{p.rule}]")
    tp, np_, ng = (sum(c[k] for c in counts.values()) for k in range(3))
    print(f"indicators P={tp / np_:.3f} R={tp / ng:.3f} F1={_f1(counts):.3f} tp={tp} pred={np_} gold={ng}")


def ablate(eval_root: Path) -> None:
    """Switch each indicator rule off in turn; print what it is worth on the seed and wide sets, and
    in which documents it changes anything (tp/pred per document)."""
    from kg.extract import registry
    sets = [("seed", eval_root), ("wide", eval_root / "wide")]
    loaded = [(name, *_extract_once(p)) for name, p in sets if (p / "gold").is_dir()]
    base = {name: _per_doc(score, docs) for name, score, docs in loaded}
    registry.reset_hits()
    for name, score, docs in loaded:
        _per_doc(score, docs)
    hits = {r.name: r.hits for r in registry.rules("indicators")}
    print("rule\thits\t" + "\t".join(f"{n} dF1\t{n} docs changed" for n, *_ in loaded))
    for r in registry.rules("indicators"):
        r.on = False
        row = [r.name, str(hits[r.name])]
        for name, score, docs in loaded:
            got = _per_doc(score, docs)
            changed = [f"{did}({got[did][0] - base[name][did][0]:+d}tp,{got[did][1] - base[name][did][1]:+d}p)"
                       for did in got if got[did][:2] != base[name][did][:2]]
            row += [f"{_f1(base[name]) - _f1(got):+.4f}", " ".join(changed) or "-"]
        r.on = True
        print("\t".join(row), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--show", type=int, default=400)
    ap.add_argument("--doc")
    ap.add_argument("--speed", type=float, default=0, help="time on the docs repeated to ~N MB")
    ap.add_argument("--inst", action="store_true", help="pass the institution mentions of kg.extract.institutions")
    ap.add_argument("--ablate", action="store_true", help="switch each indicator rule off in turn (seed and wide sets)")
    ap.add_argument("--pipeline", metavar="REGEX", nargs="?", const="",
                    help="misses and spurious measurements of the real extraction (institutions, programmes, "
                         "campaigns) on --eval DIR, for documents whose id matches REGEX, with the rule of each")
    a = ap.parse_args(argv)
    if a.ablate:
        ablate(a.eval)
        return 0
    if a.pipeline is not None:
        show_pipeline(a.eval, a.pipeline)
        return 0
    score, docs = load(a.eval)
    TP = NP = NG = 0
    all_miss, all_spur = [], []
    for doc, g in docs:
        if a.doc and doc.id != a.doc:
            continue
        sents = split_sentences(doc)
        insts = []
        if a.inst:
            from kg.extract.institutions import InstitutionExtractor
            from kg.lexicon import load_lexicon
            insts = InstitutionExtractor(load_lexicon())(doc, sents)
        ms = extract_measurements(doc, sents, insts)
        for m in ms:
            assert doc.text[m.start:m.start + len(m.raw)] == m.raw, (doc.id, m)
        tp, np_, ng, misses, spur = match(score, ms, g.get("indicators", []))
        TP, NP, NG = TP + tp, NP + np_, NG + ng
        all_miss += [(doc.id, x) for x in misses]
        all_spur += [(doc.id, x) for x in spur]
    for did, g in all_miss[: a.show]:
        print(f"MISS {did[-3:]:>4} {g['name']!s:<24} {g['value']} {g['unit']} | {g['raw']}")
    for did, p in all_spur[: a.show]:
        print(f"SPUR {did[-3:]:>4} {p.name!s:<24} {p.value} {p.unit} | {p.raw}")
    P = TP / NP if NP else 0.0
    R = TP / NG if NG else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"indicators P={P:.3f} R={R:.3f} F1={F:.3f} tp={TP} pred={NP} gold={NG}")
    if a.speed:
        text = "\n".join(d.text for d, _ in docs)
        reps = max(1, int(a.speed * 1e6 / len(text.encode("utf-8"))))
        big = Document(id="speed", text="\n".join([text] * reps), source="-", sha256="")
        sents = split_sentences(big)
        t0, c0 = time.perf_counter(), time.process_time()
        ms = extract_measurements(big, sents, [])
        wall, dt = time.perf_counter() - t0, time.process_time() - c0
        print(f"speed: {len(big.text)} chars ({len(big.text.encode('utf-8'))/1e6:.1f} MB) in {dt:.2f}s = "
              f"{len(big.text)/dt:,.0f} chars/s, {len(big.text.encode('utf-8'))/1e6/dt:.2f} MB/s "
              f"CPU time (wall {wall:.2f}s; extraction only; {len(ms)} measurements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
