"""A varied benchmark corpus made from the reports we have: real place names, shifted numbers,
compilations, GBK and HTML files among plain UTF-8 ones.

    .venv/bin/python benchmarks/make_corpus.py --mb 20 --seed 1 --out /tmp/corpus20
    .venv/bin/python benchmarks/make_corpus.py --mb 60 --single-file --out /tmp/one60     # one 60 MB report
    .venv/bin/python benchmarks/make_corpus.py --mb 5 --single-line --out /tmp/line5      # one 5 MB line

The reports (the seed set ../shared/eval/docs, the wide set ../shared/eval/wide/docs when it is
there, and the bundled sample/) are loaded with the project's own loaders, then copied again and
again, each copy given a real county of jionlp's gazetteer (masked XX县/x区/某县 and the report's
own region replaced by it, masked towns XX镇/xx乡 by real towns of that county, 健康XX by 健康<county>)
and its numbers shifted by up to ±30% (years and list numbers stay). Files:

- ~65% a single report, UTF-8 .txt, some with a scraped page's header lines;
- ~10% the same in GBK;
- ~10% an HTML page (<title>, navigation, paragraphs, footer), a third of them GBK;
- ~15% a compilation of 3–8 reports of different counties (目录, 第N篇 headings).

--mb counts the UTF-8 bytes of report text written (a GBK file is smaller on disk). The same
--seed gives the same corpus. The corpus is for benchmarks only: it is never committed.
--single-file / --single-line: one report file of --mb megabytes (reports joined without any
第N篇 heading, so it stays one document; --single-line also joins every line into one).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
DEFAULT_SOURCES = [EVAL / "docs", EVAL / "wide" / "docs", REPO / "sample"]

_MASK = r"(?:[xX×*＊]{1,3}|某{1,2})"
_MASKED_COUNTY = re.compile(_MASK + r"(县|区|旗)")
_MASKED_CITY = re.compile(_MASK + r"市")
_MASKED_TOWN = re.compile(_MASK + r"(镇|乡|街道)")
_HEALTHY = re.compile(r"健康" + _MASK + r"(?=[”\"」』建])")
# a number that is neither a year (2023年, 2023-09) nor a list number (1、 第3 (二)) nor part of a date
_NUMBER = re.compile(r"(?<![\d.第])(\d+(?:\.\d+)?)(?![\d.]*[年、）)月日:：\-/])")


def gazetteer(seed: int) -> list[tuple[str, str, str, list[str]]]:
    """(province, city, county, towns) for every county of jionlp's gazetteer that has towns."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
        data = jionlp.china_location_loader(detail=True)
    out = []
    for prov, pv in data.items():
        for city, cv in pv.items():
            if city.startswith("_") or not isinstance(cv, dict):
                continue
            for county, tv in cv.items():
                if county.startswith("_") or not isinstance(tv, dict) or county[-1] not in "县区市旗":
                    continue
                towns = sorted(t for t in tv if not t.startswith("_") and t.endswith(("镇", "乡", "街道")))
                if towns:
                    out.append((prov, city, county, towns))
    out.sort()
    return out


def load_reports(sources: list[Path]) -> list:
    from loaders import collect_files, load_file
    from kg.errors import InputError

    docs = []
    for f in collect_files([s for s in sources if s.exists()]):
        try:
            docs.extend(load_file(f))
        except InputError:
            continue
    return docs


class Maker:
    def __init__(self, seed: int, sources: list[Path]) -> None:
        self.rng = random.Random(seed)
        self.places = gazetteer(seed)
        self.reports = load_reports(sources)
        if not self.reports:
            raise SystemExit(f"no reports under {', '.join(map(str, sources))}")

    def place(self):
        return self.places[self.rng.randrange(len(self.places))]

    def report(self) -> tuple[str, str]:
        """(title, text) of one copy of a random report, with its own county and shifted numbers."""
        from loaders.split import HEADING

        doc = self.reports[self.rng.randrange(len(self.reports))]
        prov, city, county, towns = self.place()
        text = doc.original or doc.text
        if doc.region and not re.search(_MASK, doc.region) and len(doc.region) >= 2:
            text = text.replace(doc.region, county)
        suffix = county[-1]
        text = _MASKED_COUNTY.sub(lambda m: county if m.group(1) == suffix else county[:-1] + m.group(1), text)
        text = _MASKED_CITY.sub(city if city.endswith("市") else county, text)
        text = _MASKED_TOWN.sub(lambda m: self.rng.choice(towns), text)
        text = _HEALTHY.sub("健康" + county.rstrip("县区市旗"), text)
        text = _NUMBER.sub(self._shift, text)
        text = HEADING.sub("", text)            # no 第N篇 line inside a report: compilations add their own
        title = next((line.strip() for line in text.splitlines() if line.strip()), county)
        return title[:60], text

    def _shift(self, m: re.Match) -> str:
        s = m.group(1)
        if "." in s:
            digits = len(s) - s.index(".") - 1
            return f"{float(s) * self.rng.uniform(0.7, 1.3):.{digits}f}"
        n = int(s)
        if n < 10:
            return s                            # small counts and ordinals stay
        return str(max(1, round(n * self.rng.uniform(0.7, 1.3))))

    # -- files ------------------------------------------------------------------------------------
    def corpus(self, out: Path, mb: float) -> dict[str, int]:
        target = int(mb * 1e6)
        written, n = 0, 0
        kinds = {"txt": 0, "gbk": 0, "html": 0, "html-gbk": 0, "compilation": 0}
        while written < target:
            n += 1
            prov = self.place()[0]
            folder = out / prov / str(self.rng.choice(range(2014, 2025)))
            folder.mkdir(parents=True, exist_ok=True)
            roll = self.rng.random()
            if roll < 0.15:
                k = self.rng.randint(3, 8)
                parts = [self.report() for _ in range(k)]
                body = "\n".join([f"卫生健康工作总结汇编（{k}篇）", "目录"] + [f"第{i}篇 {t}" for i, (t, _) in enumerate(parts, 1)]
                                 + [""] + [f"第{i}篇 {t} {len(x)}字\n\n{x}\n" for i, (t, x) in enumerate(parts, 1)])
                written += self._write(folder / f"r{n:06d}_compilation.txt", body, "utf-8")
                kinds["compilation"] += 1
                continue
            title, text = self.report()
            if roll < 0.25:
                enc = "gbk" if self.rng.random() < 1 / 3 else "utf-8"
                written += self._write(folder / f"r{n:06d}.html", _html(title, text, enc), enc)
                kinds["html-gbk" if enc == "gbk" else "html"] += 1
            elif roll < 0.35:
                written += self._write(folder / f"r{n:06d}.txt", text, "gbk")
                kinds["gbk"] += 1
            else:
                if self.rng.random() < 0.3:
                    text = "欢迎光临范文网\n当前位置：首页 > 工作总结\n" + text + "\n上一篇：工作计划\n下一篇：述职报告\n"
                written += self._write(folder / f"r{n:06d}.txt", text, "utf-8")
                kinds["txt"] += 1
        return {"files": n, "bytes": written, **kinds}

    def single(self, path: Path, mb: float, one_line: bool) -> dict[str, int]:
        target = int(mb * 1e6)
        written, n = 0, 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:
            while written < target:
                _, text = self.report()
                if one_line:
                    text = "".join(line.strip() for line in text.splitlines())
                elif n:
                    text = "\n" + text
                f.write(text)
                written += len(text.encode("utf-8"))
                n += 1
        return {"files": 1, "reports": n, "bytes": written}

    @staticmethod
    def _write(path: Path, text: str, encoding: str) -> int:
        path.write_bytes(text.encode(encoding, errors="replace"))
        return len(text.encode("utf-8"))


def _html(title: str, text: str, encoding: str) -> str:
    paras = "\n".join(f"<p>{line.strip()}</p>" for line in text.splitlines() if line.strip())
    return (f'<!DOCTYPE html>\n<html><head><meta charset="{encoding}"><title>{title}_范文网</title></head>\n'
            f'<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zj/">工作总结</a></div>\n'
            f'<div class="article"><h1>{title}</h1>\n{paras}\n</div>\n'
            f'<div class="footer">版权所有 备案号 联系我们</div></body></html>\n')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, required=True, help="megabytes of UTF-8 report text")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="folder (emptied first); a file with --single-*")
    ap.add_argument("--source", type=Path, action="append", help="report folders (default: seed, wide, sample)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--single-file", action="store_true", help="one report file of --mb MB")
    mode.add_argument("--single-line", action="store_true", help="one report file of --mb MB on one line")
    a = ap.parse_args()
    maker = Maker(a.seed, a.source or DEFAULT_SOURCES)
    if a.single_file or a.single_line:
        out = a.out if a.out.suffix else a.out / "report.txt"
        stats = maker.single(out, a.mb, a.single_line)
    else:
        if a.out.exists():
            shutil.rmtree(a.out)
        stats = maker.corpus(a.out, a.mb)
    print(" ".join(f"{k}={v:,}" for k, v in stats.items()), "→", a.out)


if __name__ == "__main__":
    main()
