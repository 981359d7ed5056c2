"""The README's synopsis of a command (the ``` block starting `kg NAME`) names only options the
command has, and the command's main options are in it: the CLI reference cannot drift from the
click definitions unnoticed."""
from __future__ import annotations

import re

import click
import pytest

from conftest import REPO
from kg.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
SYNOPSES = {m.group(1): m.group(0) for m in re.finditer(r"^kg (build|explore|show) [^`]*?(?=\n```)", README, re.M | re.S)}
# options a synopsis may leave out (they are described in the prose next to it)
UNLISTED = {"--help", "-h", "--neo4j-database", "--timeout", "--title", "--version"}


def _options(cmd: click.Command) -> set[str]:
    return {o for p in cmd.params if isinstance(p, click.Option) for o in p.opts if o.startswith("--")}


@pytest.mark.parametrize("name", ["build", "explore", "show"])
def test_synopsis_matches_the_command(name):
    assert name in SYNOPSES, f"README has no synopsis block for kg {name}"
    written = set(re.findall(r"--[a-z][a-z0-9-]*", SYNOPSES[name]))
    cmd = main.commands[name]
    have = _options(cmd)
    assert written <= have, f"README names options kg {name} does not have: {sorted(written - have)}"
    missing = {o for o in have - written - UNLISTED}
    assert not missing, f"kg {name} options missing from the README synopsis: {sorted(missing)}"
