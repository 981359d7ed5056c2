"""Hypothesis over the loaders and `kg build` (issue 15): random bytes, random file names (names
that are not UTF-8 too), empty, one-line and big files, nested folders, links to files and
folders, link loops, broken links. Whatever the input, the build finishes, every input file is
either built or reported as skipped with a code, and facts.json is valid UTF-8 JSON.

Bounded in time: a few examples of small trees, `--no-store --no-page`, one job, in process."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import printable
from loaders import SUPPORTED_SUFFIXES, collect_files

REPORT = ("青禾县卫生健康局2023年工作总结\n一、医共体建设\n青禾县人民医院牵头组建紧密型县域医共体，"
          "与城关镇卫生院开展家庭医生签约服务，全县签约率达到65.5%。市第一人民医院对口支援县人民医院。\n")
ONE_LINE = "白石县卫生健康局2023年工作总结：白石县中医院参与慢性病管理，门诊人次12万人次。"

_bad_name_byte = re.compile(rb"[/\x00]")
byte_names = st.binary(min_size=1, max_size=12).filter(
    lambda b: not _bad_name_byte.search(b) and not b.startswith(b".")).map(os.fsdecode)
text_names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
                     min_size=1, max_size=10).filter(lambda s: not s.startswith("."))
suffixes = st.sampled_from(sorted(SUPPORTED_SUFFIXES) + [".xyz", "", ".TXT"])
contents = st.one_of(
    st.binary(max_size=1500),
    st.just(b""),
    st.just(ONE_LINE.encode("utf-8")),
    st.sampled_from(["utf-8", "gb18030", "utf-16"]).map(REPORT.encode),
    st.just((REPORT * 1200).encode("utf-8")),                 # ≈ 200 KB
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
)
files = st.lists(st.tuples(st.sampled_from(["", "sub", "sub/deeper", "other"]),
                           st.one_of(byte_names, text_names), suffixes, contents),
                 min_size=1, max_size=8)
links = st.sets(st.sampled_from(["loop", "to-sub", "to-file", "dangling", "to-parent-of-deeper", "self"]))


def _make(root: Path, spec, link_kinds) -> tuple[list[Path], list[Path]]:
    """Write the tree; (regular files, link entries that are no file: broken or looping)."""
    regular: dict[Path, Path] = {}
    for folder, name, suffix, data in spec:
        d = root / folder
        d.mkdir(parents=True, exist_ok=True)
        p = d / (name + suffix)
        if p.exists() or p.is_symlink() or len(os.fsencode(p.name)) > 255:
            continue
        try:
            p.write_bytes(data)
        except OSError:                        # a name the file system refuses
            continue
        regular[p.resolve()] = p
    broken: list[Path] = []
    (root / "sub" / "deeper").mkdir(parents=True, exist_ok=True)
    if "loop" in link_kinds:
        (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    if "to-sub" in link_kinds:
        (root / "linked-sub").symlink_to(root / "sub", target_is_directory=True)
    if "to-parent-of-deeper" in link_kinds:
        (root / "sub" / "deeper" / "up").symlink_to(root / "sub", target_is_directory=True)
    if "to-file" in link_kinds and regular:
        (root / "linked-file.txt").symlink_to(next(iter(regular.values())))
    if "dangling" in link_kinds:
        (root / "dangling.txt").symlink_to(root / "nowhere.txt")
        broken.append(root / "dangling.txt")
    if "self" in link_kinds:
        (root / "self.md").symlink_to(root / "self.md")
        broken.append(root / "self.md")
    return list(regular.values()), broken


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(spec=files, link_kinds=links)
def test_any_input_tree_is_built_or_reported(tmp_path_factory, spec, link_kinds):
    base = tmp_path_factory.mktemp("fuzz")
    root = base / "in"
    root.mkdir()
    try:
        regular, broken = _make(root, spec, link_kinds)

        # the loaders list each input once: every regular file (whatever link reaches it too),
        # and every link that is no file
        listed = collect_files([root])
        assert {p.resolve() for p in listed if not p.is_symlink() or p.exists()} == {p.resolve() for p in regular}
        assert {p for p in listed if p.is_symlink() and not p.exists()} == set(broken)

        out = base / "out"
        res = CliRunner().invoke(main, ["build", str(root), "--out", str(out), "--no-store", "--no-page", "-q",
                                        "--jobs", "1", "--no-cache"])
        assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
        assert res.exit_code in (0, 3), res.output
        skipped = [ln for ln in res.stderr.splitlines() if ln.startswith("skipped:")]
        assert all(re.match(r"skipped: KG-E1\d\d \S", ln) for ln in skipped), skipped
        assert (res.exit_code == 3) == bool(skipped)
        assert res.stderr.count("\n") == len(skipped)          # nothing else on stderr with -q

        facts = json.loads((out / "facts.json").read_bytes().decode("utf-8"))
        sources = {d["source"] for d in facts["documents"]}
        assert len({d["id"] for d in facts["documents"]}) == len(facts["documents"])
        for p in regular + broken:
            shown = printable(p.name)
            assert shown in sources or any(f"{shown}: " in ln for ln in skipped), (shown, sources, skipped)
    finally:
        shutil.rmtree(base, ignore_errors=True)
