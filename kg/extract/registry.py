"""The extraction rules, one registry per stage (like spaCy's registries).

Every rule is a named unit: what it matches, what it produces, whether it is on, and how often it
fired in this process. A stage declares its rules at import time:

    LIST_COUNT = rule("institutions", "list-with-count",
                      matches="甲、乙、丙3个卫生院: items before a count and a shared type word",
                      produces="one institution per item")

and asks `if LIST_COUNT.on:` before running it and `LIST_COUNT.hit()` when it produced something;
the records it produced carry `rule=LIST_COUNT.name`. `kg build --explain` lists the rules with
their hit counts and which rule produced each fact; `--disable-rule NAME` (or the environment
variable KG_DISABLE_RULES=name,name) switches rules off, which is how the ablation in
tools/ablation.py measures what each one is worth.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

STAGES = ("institutions", "programs", "relations", "indicators")


@dataclass
class Rule:
    stage: str
    name: str
    matches: str
    produces: str
    on: bool = True
    hits: int = 0

    def hit(self, n: int = 1) -> None:
        self.hits += n

    @property
    def key(self) -> str:
        return f"{self.stage}.{self.name}"


_RULES: dict[str, Rule] = {}


def rule(stage: str, name: str, *, matches: str, produces: str) -> Rule:
    """Declare a rule of a stage (once; declaring the same name twice is a programming error)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    key = f"{stage}.{name}"
    if key in _RULES:
        raise ValueError(f"rule {key} declared twice")
    r = Rule(stage, name, matches, produces)
    r.on = not _disabled_by_env(r)
    _RULES[key] = r
    return r


def _disabled_by_env(r: Rule) -> bool:
    off = {x.strip() for x in os.environ.get("KG_DISABLE_RULES", "").split(",") if x.strip()}
    return r.name in off or r.key in off


def rules(stage: str | None = None) -> list[Rule]:
    """The declared rules (of one stage), in declaration order."""
    _load_all()
    return [r for r in _RULES.values() if stage is None or r.stage == stage]


def get(name: str) -> Rule:
    """A rule by `stage.name` or by a name unique across stages."""
    r = _RULES.get(name)
    if r is not None:
        return r
    _load_all()
    if name in _RULES:
        return _RULES[name]
    found = [r for r in _RULES.values() if r.name == name]
    if len(found) != 1:
        raise KeyError(name)
    return found[0]


def set_enabled(names, on: bool) -> None:
    for n in names:
        get(n).on = on


def reset_hits() -> None:
    for r in _RULES.values():
        r.hits = 0


def hit_counts() -> dict[str, int]:
    return {r.key: r.hits for r in rules()}


def _load_all() -> None:
    # importing the stages declares their rules
    from . import indicators, institutions, programs, relations  # noqa: F401
