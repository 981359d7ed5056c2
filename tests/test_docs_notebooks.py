"""docs/notebooks.md runs as written (pyvis Network of a build, spaCy components, a marked report)."""
from __future__ import annotations

import re

from conftest import REPO
from test_viz import _external_refs

DOC = REPO / "docs" / "notebooks.md"


def test_notebook_doc_blocks_run(tmp_path, monkeypatch):
    (tmp_path / "sample").symlink_to(REPO / "sample")
    monkeypatch.chdir(tmp_path)
    code = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert code
    env: dict = {}
    for block in code:                  # one notebook: later blocks use earlier names
        exec(compile(block, str(DOC), "exec"), env)
    page = (tmp_path / "family_doctors.html").read_text(encoding="utf-8")
    assert "家庭医生签约服务" in page and _external_refs(page) == []
