"""The error catalogue (kg/errors.py): exit statuses, the README's table of every code,
printable names and redacted passwords in messages (issue 15)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import REPO
from kg.errors import (E, EXIT_SKIPPED, SKIP_ERRORS, USAGE_ERRORS, KGError, add_secret, codes, exit_status,
                       printable, redact)

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_table() -> dict[str, str]:
    section = README.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (KG-[EW]\d{3}) \| (.+?) \| (.+?) \|$", section, flags=re.M)
    assert len(rows) == len({r[0] for r in rows}), "a code listed twice"
    return {code: status for code, _, status in rows}


def test_readme_lists_every_code_with_its_exit_status():
    table = readme_table()
    assert list(table) == list(codes()), "the README's table and kg/errors.py list different codes"
    for code, status in table.items():
        if code in SKIP_ERRORS:
            expected = EXIT_SKIPPED
        else:
            expected = exit_status(code)
        assert int(status.split()[0]) == expected, (code, status)


def test_exit_statuses():
    assert exit_status("KG-E405") == exit_status("KG-E403") == exit_status("KG-E100") == 2
    assert exit_status("KG-E401") == exit_status("KG-E302") == 1
    assert exit_status("KG-W301") == 0
    assert {"KG-E402", "KG-E204", "KG-E310"} <= USAGE_ERRORS
    assert "KG-E108" in SKIP_ERRORS and "KG-E100" not in SKIP_ERRORS


def test_every_code_raised_in_the_package_is_in_the_catalogue():
    used = set()
    for root in ("kg", "loaders", "viz"):
        for f in (REPO / root).rglob("*.py"):
            used |= set(re.findall(r"\bE\.([EW]\d{3})\b", f.read_text(encoding="utf-8")))
    assert used and all(hasattr(E, name) for name in used), sorted(n for n in used if not hasattr(E, n))


def test_messages_are_printable_utf8():
    name = Path(os.fsdecode(b"/tmp/\xe6\x8a\xa5\xe5\x91\x8a\xff\xfe\n.txt"))
    err = KGError(E.E101, path=name)
    assert str(err) == "KG-E101 /tmp/报告\\xff\\xfe\\x0a.txt: empty file"
    str(err).encode("utf-8")
    assert printable("县医院\ud800") == "县医院\\ud800"
    odd = "a\x85b\u2028c\x1cd\te"                      # every one of them a line break to str.splitlines
    assert printable(odd) == "a\\x85b\\u2028c\\x1cd\\x09e" and len(printable(odd).splitlines()) == 1


def test_messages_never_show_a_registered_password():
    add_secret("hunter2-secret")
    err = KGError(E.E307, detail="auth failed for hunter2-secret at bolt://u:other-pw@h:1")
    assert "hunter2-secret" not in str(err) and "other-pw" not in str(err)
    assert redact("bolt://u:p@h:1 and neo4j+s://x:y@z") == "bolt://u:***@h:1 and neo4j+s://x:***@z"
