"""The README's examples run as written: the Python blocks, the user-lexicon example file,
and the two set-up commands' shape (exactly two set-up commands, the second is .ci/run's)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(lang: str, section: str | None = None) -> list[str]:
    text = README if section is None else README.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_python_blocks_run(tmp_path, monkeypatch):
    (tmp_path / "sample").symlink_to(REPO / "sample")
    monkeypatch.chdir(tmp_path)
    code = blocks("python", "Python API")     # "For analysts" blocks are run by test_query_docs
    assert code
    for block in code:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "out" / "facts.json").is_file()


def test_lexicon_example_loads():
    from kg.lexicon import load_lexicon
    csv_block = blocks("csv")[0]
    example = REPO / "docs" / "examples" / "my_terms.csv"
    # the README shows the head of the example file
    for line in csv_block.strip().splitlines():
        assert line in example.read_text(encoding="utf-8").splitlines()
    lex = load_lexicon([example])
    assert "禾医二部" in {a for e in lex.institutions.values() for a in e.aliases}


def test_two_setup_commands_and_ci_runs_the_second():
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = blocks("bash")
    setup = [c.strip() for c in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]
    assert len(setup) == 2
    assert "kg build sample --out out" in setup[0]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert setup[1] in ci
    assert commands[:2] == [c + "\n" for c in setup]
    assert os.access(REPO / ".ci" / "run", os.X_OK)


def test_browser_setup_installs_a_cjk_font_and_the_readme_says_so():
    setup = (REPO / ".ci" / "browser-setup.sh").read_text(encoding="utf-8")
    assert re.search(r"need\+=\(fonts-noto-cjk\)", setup)
    section = README.split("## Exploring the graph", 1)[1].split("\n## ", 1)[0]
    assert "fonts-noto-cjk" in section
