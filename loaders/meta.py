"""Document metadata from cleaned text: title, region, year.

- title: the report's own title as written (site suffixes such as 范文(10) removed);
- region: the administrative area whose bureau wrote it, as written (舒城县, XX县, 某县),
  from the title first, then from the body; None when never named or when several
  regions compete;
- year: the year the report covers, from the title first; None when masked (xx年).

Real place names are validated with jionlp's gazetteer (loaded lazily, its import
banner suppressed); invented or masked names are accepted only in strong contexts
(the bureau itself, the government, a local policy document 《某某县…》).
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .clean import HEADING

_HAN = "\u4e00-\u9fff"
_PUNCT = r"，,。；;：:、！？!?"
# ---------------------------------------------------------------- title
_TITLE_WORD = r"(?:总结|计划|打算|要点|思路|汇报|报告|述职|安排)"
_TITLE_LINE = re.compile(_TITLE_WORD)
_TITLE_GREEDY = re.compile(rf"^([^{_PUNCT}]*{_TITLE_WORD}(?:材料|报告)?)")
_SITE_SUFFIX = re.compile(
    r"(?:[\s_\-—]*(?:范文|范本|模板|精选|大全|通用|最新|优秀|完整版|word版|下载)+\s*(?:[（(][^)）]{0,12}[)）])?"
    r"|\s*[（(]\s*(?:精选|通用|优秀|最新|热门)?\s*(?:\d+|[一二三四五六七八九十]+)\s*篇?\s*[)）]|\s*\.(?:docx?|pdf|txt|wps))+\s*$",
    re.I,
)
# A real title names who or when ("…卫生健康局2023年工作总结"), unlike "现将上半年工作总结如下".
_TITLE_SUBJECT = re.compile(r"局|委|政府|卫健|卫生|医院|中心|办公室|(?:19|20)\d\d|[xX]{2}年")
_BUREAU_LINE = re.compile(rf"^[^{_PUNCT}]{{2,30}}(?:局|委|委员会|政府|办公室|中心)$")

# ---------------------------------------------------------------- year
_CN_YEAR = r"[一二][零〇○一二三四五六七八九]{3}"
_YEAR = re.compile(rf"((?:19|20)\d\d|{_CN_YEAR}|[xX×*＊○]{{2,4}}|20[xX×*＊]{{2}})\s*年")
_BODY_YEAR = re.compile(rf"((?:19|20)\d\d|{_CN_YEAR}|[xX×*＊○]{{2,4}}|20[xX×*＊]{{2}})\s*年(?:度|以来|上半年|下半年|全年|第|工作|[，,])")
_CN_DIGIT = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}

# ---------------------------------------------------------------- region
_SUFFIX = "县区市旗"
_MASKED = re.compile(rf"(?:(?<![A-Za-z0-9×*＊])[xX×*＊]{{1,4}}|某|○{{1,3}}|〇{{1,3}})[{_SUFFIX}]")
_SUFFIX_POS = re.compile(f"[{_SUFFIX}]")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_BOUNDARY = set("在对和与及由向为是了将从据按经把至到赴省年度的、，,。；;：:（(《“\"'【[ \t\n") | {""}
_BUREAU_CTX = re.compile(r"(?:卫生健康局|卫生健康委|卫健委|卫健局|卫生局|卫计委|卫生和计划生育|卫生健康工作|卫生工作|卫健工委)")
_GOV_CTX = re.compile(r"(?:人民政府|政府|委(?!员)|委员会|人大|政协)")
_INST_CTX = re.compile(r"(?:人民医院|中医院|中医医院|妇幼保健|疾病预防控制|疾控中心|卫生监督|医共体|第[一二三四五六七八九十]人民医院|医院)")
_SUPERIOR_BEFORE = re.compile(r"(?:省|自治区)[、，,和及]\s*$|[" + _HAN + r"]{2,}(?:省|自治区)$")
# Generic words that look like "<name>区/市" but name no place.
_GENERIC = re.compile(
    r"^(?:自贸|开发|高新|示范|试验|保税|功能|经济|工业|产业|科技|旅游|风景|保护|核心|中心|城市|农村|社|辖|全|本|我|该|各|"
    r"城|郊|矿|新|老|山|库|灾|牧|林|病|院|校|园|景|片|地|小|街|社区|协作|风险|管控|封控|防范|服务|居住|生活|商业|"
    r"中|东|西|南|北|上|下|门|都|超|城乡|县|市|区|省|两|三|四|五|六|七|八|九|十|百|千|万|多|几|个|家|所|"
    r"老城|新城|主城|城关|经开|市辖|郊县|边远|偏远|贫困|重点|试点|周边|相邻|邻近|沿海|山区|平原|民族|其他|其它|所在|"
    r"所属|当地|本地|外地|外省|外县|外市|兄弟|各个|上级|下级|基层|先进|落后|欠发达|发达)$"
)
_BAD_NAME_CHAR = re.compile(
    r"[全我本该各每此其个家所年月日的了和与及在对为是共等多余第]|^(?:按照|根据|通过|围绕|配合|全面|组织|协助|推动|联合|带领|积极|"
    r"深入|认真|经过|依照|会同|报请|提请|督促|指导|支持|服务|覆盖|进入|走进|来自|前往|赴|代表)"
)
_BARE_IN_TITLE = re.compile(rf"(?:^|[^{_HAN}A-Za-z*＊×]|年|度)([县区市])(?:卫生|卫健|人民政府)")


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """City- and county-level place names (大庆市, 萨尔图区, 舒城县) from jionlp; empty if unavailable."""
    names = _location_names()
    return frozenset(n for n in names if len(n) >= 3 and n[-1] in _SUFFIX)


def _location_names() -> set[str]:
    """The city and county names of jionlp's place dictionary. Read straight from its file when it
    is where jionlp keeps it (a tenth of the time: importing jionlp and its loader parse the towns
    and villages too, a second per process); else through jionlp's own loader."""
    try:
        spec = importlib.util.find_spec("jionlp")
        folder = Path(next(iter(spec.submodule_search_locations)))
        text = (folder / "dictionary" / "china_location.txt").read_text(encoding="utf-8")
    except (ImportError, AttributeError, TypeError, StopIteration, OSError, UnicodeDecodeError):
        return _location_names_of_jionlp()
    # a row is name, code, short name; a province has no tab before it, a city one, a county two,
    # towns and villages three or more
    return set(_CITY_OR_COUNTY_ROW.findall(text))


_CITY_OR_COUNTY_ROW = re.compile(r"^\t\t?([^\t\n]+)\t[^\t\n]*\t[^\t\n]*?\r?$", re.M)


def _location_names_of_jionlp() -> set[str]:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp  # noqa: PLC0415 - slow import with a banner: only when needed

            data = jionlp.china_location_loader()
    except Exception:  # noqa: BLE001 - metadata degrades to masked/strong-context names
        return set()
    names: set[str] = set()
    for prov in data.values():
        for city, cv in prov.items():
            if city.startswith("_") or not isinstance(cv, dict):
                continue
            names.add(city)
            names.update(c for c in cv if not c.startswith("_"))
    return names


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech dictionary (loaded once, only when an unknown place name needs it)."""
    try:
        from kg.tokens import tags

        return tags()
    except Exception:  # noqa: BLE001 - without the dictionary the other rules still apply
        return {}


_NON_NAME_TAGS = tuple("vpdcrmquyeo") + ("a", "ad", "an", "f")


def _common_word(stem: str) -> bool:
    """A verb, preposition, adverb… ("请示", "按照") rather than a place name ("松林", "苇塘")."""
    tag = _word_tags().get(stem)
    return bool(tag) and (tag in _NON_NAME_TAGS or tag[0] in "vpdcrmqu")


# ================================================================ title
def clean_title(t: str) -> str:
    t = _SITE_SUFFIX.sub("", t.strip())
    return t.strip(" \t-—_:：")


def extract_title(text: str, heading: str | None = None) -> str | None:
    """The report's title: a compilation part's heading, else the first title-like line."""
    if heading:
        return clean_title(heading) or None
    lines = [x for x in text.split("\n")[:8] if x.strip()]
    for i, line in enumerate(lines):
        if not _TITLE_LINE.search(line[:90]):
            continue
        if HEADING.match(line) and not re.match(r"^第", line):
            continue  # a section heading (一、工作总结), not the title
        if len(line) <= 60 and not re.search(f"[{_PUNCT}]", line.rstrip("。")):
            t = clean_title(line)
            if i > 0 and _BUREAU_LINE.match(lines[i - 1]) and re.match(r"^(?:19|20)\d\d|^[xX]{2}", t):
                t = lines[i - 1] + t  # title split over two lines: bureau / "2023年工作总结"
            return t or None
        # a title fused with the first sentence ("…工作要点2024年，全县…")
        head = re.split(f"[{_PUNCT}]", line, maxsplit=1)[0]
        m = _TITLE_GREEDY.match(head)
        if m and len(m.group(1)) <= 60 and _TITLE_SUBJECT.search(m.group(1)):
            return clean_title(m.group(1)) or None
    return None


# ================================================================ year
def _year_value(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    if len(tok) == 4 and all(c in _CN_DIGIT for c in tok):
        year = int("".join(_CN_DIGIT[c] for c in tok))  # 二〇二三 → 2023
        return year if 1949 <= year <= 2100 else None
    return None


def extract_year(title: str | None, text: str) -> int | None:
    """The year the report covers: the first year of the title (2019年总结和2020年打算 → 2019);
    if the title names none, the opening of the body ("2023年以来"); None when masked."""
    if title:
        m = _YEAR.search(title)
        if m:
            return _year_value(m.group(1))
        m = re.search(r"((?:19|20)\d\d)(?=上半年|下半年|年度|工作|第)", title)
        if m:
            return int(m.group(1))
    body = text[len(title):] if title and text.startswith(title) else text
    m = _BODY_YEAR.search(body[:200])
    if m:
        return _year_value(m.group(1))
    return None


# ================================================================ region
def _left_ok(text: str, i: int) -> bool:
    return i <= 0 or text[i - 1] in _BOUNDARY or not ("\u4e00" <= text[i - 1] <= "\u9fff")


def _candidates(text: str):
    """(name, start, end, known) for each place-like token in text (known: gazetteer or masked)."""
    gaz = gazetteer()
    out = []
    for m in _MASKED.finditer(text):
        out.append((m.group(0), m.start(), m.end(), True))
    masked_ends = {e for _, _, e, _ in out}
    for m in _SUFFIX_POS.finditer(text):
        j = m.end()
        if j in masked_ends:
            continue
        hit = None
        for L in (4, 3, 2):  # a real name from the gazetteer, longest first
            s = j - 1 - L
            if s < 0:
                continue
            name = text[s:j]
            if name in gaz and not _GENERIC.match(name[:-1]):
                hit = (name, s, j, True)
                break
        if hit is None:  # an invented name: 2–3 characters right after a boundary
            for L in (2, 3):
                s = j - 1 - L
                if s < 0:
                    continue
                stem = text[s:j - 1]
                if not _HAN_RUN.fullmatch(stem) or _BAD_NAME_CHAR.search(stem) or _GENERIC.match(stem):
                    continue
                if _left_ok(text, s):
                    hit = (text[s:j], s, j, False)
                    break
        if hit:
            out.append(hit)
    return out


def _weight(text: str, start: int, end: int) -> tuple[int, int]:
    """Score of one mention and its evidence: 2 = strong context (the bureau, the government, a
    local document 《某某县…》), 1 = an institution named after the place (某某县人民医院), 0 = none."""
    after = text[end:end + 12]
    before = text[max(0, start - 8):start]
    if _SUPERIOR_BEFORE.search(before):
        return 0, 0  # "省、长治市…", "安徽省岳西县": a superior or a place elsewhere
    w, ev = 1, 0
    if _BUREAU_CTX.match(after):
        w, ev = w + 3, 2
    elif _GOV_CTX.match(after):
        w, ev = w + 2, 2
    elif _INST_CTX.match(after):
        ev = 1  # evidence that the name is a place, but partners elsewhere are named this way too
    if before.endswith("《"):
        w, ev = w + 3, 2
    return w, ev


def _title_region(title: str) -> str | None:
    for name, _s, e, known in _candidates(title):
        if known:
            return name
        if re.match(r"(?:卫生|卫健|人民政府|政府|委|疾|医)", title[e:e + 6]) and not _common_word(name[:-1]):
            return name
    return None


def extract_region(title: str | None, text: str) -> str | None:
    """Region whose bureau wrote the report, as written; None when unnamed or ambiguous."""
    if title:
        r = _title_region(title)
        if r:
            return r
    bare = _BARE_IN_TITLE.search(title or "")
    want = bare.group(1) if bare else None
    scores: dict[str, int] = defaultdict(int)
    evidence: dict[str, int] = defaultdict(int)
    known: dict[str, bool] = {}
    for name, s, e, k in _candidates(text):
        if want and name[-1] != want:
            continue
        w, ev = _weight(text, s, e)
        scores[name] += w
        evidence[name] += ev
        known[name] = k
    # a name outside the gazetteer (invented or renamed) needs two strong mentions, or one strong
    # and two institutions named after it, or several such institutions
    ranked = sorted(
        ((sc, n) for n, sc in scores.items()
         if (known[n] or (evidence[n] >= 3 and not _common_word(n[:-1]))) and sc >= 3),
        key=lambda x: (-x[0], x[1]),
    )
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[1][0] >= 0.6 * ranked[0][0]:
        return None  # several regions: the report does not belong to one
    return ranked[0][1]
