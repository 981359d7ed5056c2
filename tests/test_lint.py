"""No phrase memorised from the evaluation reports in the extraction code.

A string literal in kg/extract (every module, packages included) that holds a run of four or
more Chinese characters is compared with the texts of ../shared/eval/docs and
../shared/eval/wide/docs: any stretch of four or more of its Chinese characters that also occurs
in one of those reports is an offender, unless tests/lint_allow.tsv lists it (columns: phrase,
reason) as general vocabulary — a type word, a national programme name, a common phrase of
official Chinese. A sentence fragment or a one-off name of one report must not be in the rules:
it makes the scores on the evaluation set say nothing about other reports.

String literals are found with `ast`: plain and implicitly concatenated strings, the constant
parts of f-strings, regex sources (re.compile(...) arguments are plain literals), bytes decoded as
UTF-8. Left out, because they match nothing: docstrings (a bare string statement) and the
`matches=` / `produces=` descriptions of `rule(...)` declarations (also when a helper of the
module passes its own parameters on to them). Reported is, for every literal,
each longest stretch that occurs in a report (its shorter stretches are implied).
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import EVAL, REPO

EXTRACT = REPO / "kg" / "extract"
ALLOW = Path(__file__).resolve().parent / "lint_allow.tsv"
CORPORA = (EVAL / "docs", EVAL / "wide" / "docs")
MIN_RUN = 4
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{%d,}" % MIN_RUN)
_DESCRIPTION_KWARGS = {"matches", "produces"}

pytestmark = pytest.mark.skipif(not all(d.is_dir() for d in CORPORA),
                                reason="../shared/eval (docs and wide/docs) is not beside the checkout")


@lru_cache(maxsize=1)
def corpus() -> tuple[str, frozenset[str]]:
    """The text of every evaluation report (whitespace removed, so a phrase broken by a line
    wrap still counts), and the set of its four-character stretches."""
    from loaders import read_raw_text

    parts = []
    for d in CORPORA:
        for f in sorted(p for p in d.iterdir() if p.is_file() and not p.name.startswith(".")):
            parts.append(re.sub(r"\s+", "", read_raw_text(f)))
    text = "\n".join(parts)
    grams = frozenset(text[i:i + MIN_RUN] for i in range(len(text) - MIN_RUN + 1))
    return text, grams


def string_literals(path: Path) -> list[tuple[int, str]]:
    """(line, value) of every string literal of a module that can match text."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    declarers = {"rule": ({}, _DESCRIPTION_KWARGS)} | _rule_wrappers(tree)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            skip.add(id(node.value))                                   # a docstring or bare string
        elif isinstance(node, ast.Call) and _called_name(node) in declarers:
            positions, names = declarers[_called_name(node)]
            described = [a for i, a in enumerate(node.args) if i in positions]
            described += [kw.value for kw in node.keywords if kw.arg in names]
            for v in described:
                skip.update(id(n) for n in ast.walk(v))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in skip:
            v = node.value
            if isinstance(v, bytes):
                v = v.decode("utf-8", "replace")
            if isinstance(v, str):
                out.append((node.lineno, v))
    return out


def _rule_wrappers(tree: ast.Module) -> dict[str, tuple[set[int], set[str]]]:
    """Functions of the module that declare a rule, passing their own parameters on as its
    descriptions (def _r(name, matches, produces): return rule("indicators", name, matches=matches, …)):
    name → (positions, names) of those parameters."""
    out = {}
    for f in ast.walk(tree):
        if not isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = [a.arg for a in f.args.posonlyargs + f.args.args]
        passed = {kw.value.id for c in ast.walk(f) if isinstance(c, ast.Call) and _called_name(c) == "rule"
                  for kw in c.keywords if kw.arg in _DESCRIPTION_KWARGS and isinstance(kw.value, ast.Name)}
        if passed:
            out[f.name] = ({i for i, p in enumerate(params) if p in passed}, passed)
    return out


def _called_name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def occurring_phrases(value: str) -> list[str]:
    """The longest stretches (4+ Chinese characters) of a literal that occur in a report."""
    text, grams = corpus()
    found: list[str] = []
    for m in _CJK_RUN.finditer(value):
        run = m.group()
        for i in range(len(run) - MIN_RUN + 1):
            if run[i:i + MIN_RUN] not in grams:
                continue
            j = i + MIN_RUN
            while j < len(run) and run[i:j + 1] in text:
                j += 1
            found.append(run[i:j])
    return [p for p in dict.fromkeys(found) if not any(p != q and p in q for q in found)]


def allowed() -> dict[str, str]:
    rows = {}
    for n, line in enumerate(ALLOW.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, _, reason = line.partition("\t")
        if phrase == "phrase" and reason.strip() == "reason":
            continue                                                       # the header
        assert reason.strip(), f"{ALLOW.name}:{n}: {phrase!r} has no reason"
        rows[phrase.strip()] = reason.strip()
    return rows


def offenders() -> list[tuple[str, int, str]]:
    """(file, line, phrase) of every phrase shared with a report, allowed or not."""
    out = []
    for f in sorted(EXTRACT.rglob("*.py")):
        rel = f.relative_to(REPO).as_posix()
        for line, value in string_literals(f):
            for phrase in occurring_phrases(value):
                out.append((rel, line, phrase))
    return sorted(set(out))


def test_allow_list_is_well_formed():
    rows = allowed()
    for phrase in rows:
        assert _CJK_RUN.fullmatch(phrase), f"{ALLOW.name}: {phrase!r} is not a run of {MIN_RUN}+ Chinese characters"


def test_no_phrase_of_an_eval_report_in_the_extraction_code():
    ok = allowed()
    bad = [(f, n, p) for f, n, p in offenders() if p not in ok]
    msg = "\n".join(f"  {f}:{n}: {p}" for f, n, p in bad)
    if bad:
        pytest.fail(f"{len(bad)} phrase(s) of the evaluation reports in kg/extract string literals (delete "
                    f"them, or list them in tests/{ALLOW.name} with a reason if they are general vocabulary):"
                    f"\n{msg}", pytrace=False)


def test_the_lint_finds_a_planted_phrase(tmp_path):
    """The check can fail: a sentence fragment of a report is found, inside a regex source too."""
    text, _ = corpus()
    m = re.search(r"[\u4e00-\u9fff]{8}", text)
    assert m, "no Chinese text in the evaluation reports?"
    phrase = m.group()
    mod = tmp_path / "planted.py"
    mod.write_text(f'"""{phrase} in a docstring is ignored."""\nimport re\n'
                   f'X = re.compile(r"(?:甲|乙){phrase}[0-9]+")\nY = f"{{X}}{phrase[:5]}"\n'
                   f'def _r(name, matches, produces):\n    return rule("x", name, matches=matches, produces=produces)\n'
                   f'R = _r("{phrase}", "{phrase} described", produces="{phrase} made")\n', encoding="utf-8")
    found = [(line, p) for line, v in string_literals(mod) for p in occurring_phrases(v)]
    assert (3, phrase) in found
    assert any(line == 4 and phrase[:5] in p for line, p in found)
    assert all(line != 1 for line, _ in found)
    assert [p for line, p in found if line == 7] == [phrase]          # the rule's name is a literal; its descriptions are not
