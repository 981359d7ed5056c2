"""Indicator extraction: name + number + unit, as a dated measurement (stage: Sentence → Measurement).

    extract_measurements(doc, sentences, institutions) -> list[Measurement]

Candidates. A number — Arabic (1,234.5; full-width digits; "89. 46" as OCR leaves it), a Chinese
numeral of at least 10 or with 万/亿 (三十五家, 两千余人, 五百万元 → 500 万元), a fraction in words
(百分之九十八 → 98 %, 十万分之十二 → 12 /10万) or a placeholder (x%, XX人, **万元, or a number
left blank: "下乡 人次") — followed by a measure word of schema/lexicons/units.tsv, with an
optional 万/亿 kept in the unit and 余/多 qualifiers dropped (81万余元 → 81, 万元).
Never values: years and dates (no unit), ordinals (第3名, 第一批), section numbers, ages and
durations (岁, 个月, 为期3天; only an average such as 平均住院日7.8天 is kept), numbers inside
institution mentions or names (301医院, 12320), thresholds that qualify a noun (1万元以上的…,
3级以上110人 — the threshold stays in the name), and ranges (3-5人, 85%-90%: neither bound is
the value, so nothing is returned).

Names. The measure phrase of the clause: the words before the number (执业(助理)医师1505人) with
scope, time and filler words stripped at the edges (全县, 截至5月底, 累计 is kept, 达到, 为 …);
when only a verb or nothing stands before a count, the noun after the measure word, with
that verb in front (开工5个医院建设项目 → 开工医院建设项目; 对120名儿童进行了视力筛查 →
视力筛查儿童; objects sharing the last activity word stay together: 龋齿及视力检查儿童; N家X全部…进行了Y
→ YX; 对15家医院开展了专项检查32次 → 专项检查医院 too); a relative clause (从事/负责/具有…的) before the
counted noun is dropped, the noun after 的 kept (40名专职从事防疫工作的公卫人员 → 专职公卫人员); a review
noun after 的 (…的评审/验收/考核) is the head of what was passed and stays (5家医院通过了X的评审 → 医院通过X评审). Lists share one value (报告率、及时率均达100%) or pair with several values
(城区和农村的管理率分别为72%和65%). Deltas keep their direction (同比下降3.2%) and borrow
the measure they qualify when the clause names none; so do totals after a delta, shares
(占基金总额的31.5%), generic rates (完成率, 管理率 after a count), short follow-up names after
a head count (从业人员1375名，参加体检1375名) and siblings (引进博士38人、硕士323人; a longer sibling with
the same head noun too: 培训技术人员860名，管理人员410名 → 培训管理人员).
Spun-text words are normalised in names only (schema/lexicons/indicator_name_variants.tsv).
More name rules: bare qualifiers in a list share the last item's measure (孕产妇和儿童系统管理率分别…);
a bare verb (完成筛查, 签约, 建成2个) borrows the words put before it where the text first named the
activity (this sentence or the one before) — for a verb of people (招聘, 引进, 培训…) the people named after
it (招聘专业技术人员…，共招聘191人 → 招聘专业技术人员); a sentence opening on its topic (X自…以来，) carries X;
a generic rate after a run of rates takes the run's subject, after a headless part of a counted whole
(共有餐饮单位500户，取得许可证的480户，发证率96%) the whole; 人均/每千人口 before the number go to the
front; N个X全部<long statement> counts X; where sent staff go, 组织, 提供/开展 fillers, a leading 完成,
session words and a program name before a per-head standard are dropped; a share keeps its …的
qualifier; counts of a document's parts (12条措施, 71项指标) are not measures. Single Chinese digits
count only bodies (两家医疗集团, 重点专科达到五个); a number ≤100 after X率 with no unit is %;
negative rates keep their sign (自然增长率-1.2‰). A bare 参加/报名参加 takes the event (培训, 会议, 竞赛 …)
the text held just before (举办…培训，…600人参加 → 参加…培训). A count after "X中，已有" is a part of the set X just
counted (32家医院中已有20家开展了远程会诊，6家通过评审 → 开展远程会诊的医院, 通过评审的医院); "the two X"
(两个系统管理分别达到…) are the X measures the sentence named before. A total after a list (…，共计培训1596名)
takes the head noun the listed counts share (培训从业人员); who receives a handout is not part of its
name (免费向群众发放药品 → 免费发放药品); a long list of people trained goes by the head its items share
(对…院长、采购人员、医务人员和护理人员进行了培训 → 培训人员). What a campaign deployed (出动车辆, 出动人员) in a sentence that
runs that one campaign carries it (with_campaigns: 打击非法行医出动车辆), as do the sessions it held
(累计开展义诊6场次 → …义诊). A short case count after one that named its disease is of that disease
(登记可疑结核病人819例，确诊病人272例 → 确诊结核病人); people organised for an event the next phrase
holds are named by it (组织50名专家，在广场举行义诊活动 → 义诊专家); a sanction after a check is of
the bodies checked (检查食品从业单位2133户/次，采取行政处罚措施421户/次 → 食品从业单位行政处罚); a funding gap is the gap
of the project the sentence names (…卫生院改扩建项目…仍有资金缺口70万元 → 卫生院改扩建资金缺口); both
sides of a signing are counted as signers (县直5家医疗单位与11个卫生院签订了协议 → 签订…协议县直医疗单位).
A floor or ceiling in brackets after a rate is the count behind it (签约率达10%(不低于1万人) → 签约人数下限).
A visiting party (…等一行7人，来我市调研) is named by what it came to do (调研人员).
Where a thing was done (…管理系统, …平台) is not part of its name (更新药品监督管理系统药品 → 更新药品),
进修学习 is 进修, and completing a task keeps 完成 (完成了市下达的任务95% → 完成市下达的任务). The value a change starts from
is named as before the change: 封顶线从3万元提高到6万元 → 封顶线(调整前) 3 万元, 封顶线 6 万元.

Subject: the institution mention of the clause (not one listed in brackets before the number), else a
region word of the sentence (全县, 我市), else doc.region. Period: the year the sentence names, else doc.year.
One measurement per (name, value, unit, subject, period) and document; a name that only adds a
generic word (项目, 工作, 活动) to an earlier one with the same value, or holds it as three quarters of
itself (a passage said again), is the same fact, and so are N项 and N个 of one name.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from ..errors import E, KGError
from ..model import Document, Measurement, Mention, Sentence
from ..resources import read_text
from .numbers import (CN_DIGITS, CN_MAGNITUDES, parse_arabic, parse_chinese,
                      parse_chinese_fraction, to_ascii)

__all__ = ["extract_measurements", "load_units", "with_campaigns"]


# --------------------------------------------------------------------------- lexicon

@lru_cache(maxsize=1)
def load_units() -> dict[str, tuple[str, str]]:
    """surface → (unit, class) from schema/lexicons/units.tsv."""
    out: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(read_text("lexicons", "units.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(parts):
            raise KGError(E.E201, path="lexicons/units.tsv", detail=f"line {n}: expected surface, unit, class")
        out[parts[0]] = (parts[1], parts[2])
    return out


@lru_cache(maxsize=1)
def load_name_variants() -> tuple[re.Pattern | None, dict[str, str]]:
    """Spun word → usual word, from schema/lexicons/indicator_name_variants.tsv."""
    table: dict[str, str] = {}
    for n, line in enumerate(read_text("lexicons", "indicator_name_variants.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(parts):
            raise KGError(E.E201, path="lexicons/indicator_name_variants.tsv", detail=f"line {n}: expected two columns")
        table[parts[0]] = parts[1]
    if not table:
        return None, table
    return re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))), table


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    units = load_units()
    alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    q = r"(?P<q1>余|多|几)?"
    tail = (rf"{q}\s?(?P<mult>万|亿)?(?P<q2>余|多)?\s?(?P<unit>{alt})?")
    arabic = re.compile(
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\s?\d+)?|[xX×*]{1,4})\s?" + tail)
    cn = re.compile(
        r"(?:(?P<frac>百分之|千分之|十万分之|万分之)|(?=[" + CN_DIGITS + CN_MAGNITUDES + r"]+[余多]?\s?(?:万|亿|" + alt + r")))"
        rf"(?P<num>[{CN_DIGITS}{CN_MAGNITUDES}][{CN_DIGITS}{CN_MAGNITUDES}点]*)" + tail)
    blank = re.compile(r"(?<=[\u4e00-\u9fff])(?P<gap>[ \u3000]{1,4})(?P<unit>" + alt + ")")
    return arabic, cn, blank


# --------------------------------------------------------------------------- word lists

_DELIMS = set("，,；;：:。！？!?\n\t")
# A unit followed by one of these is part of another word (3个月, 5家庭, 期间, 所有).
_UNIT_BLOCK = {
    "个": "月工小星半多",
    "名": "单称额次",
    "人": "民员口均才",
    "家": "庭属长乡",
    "所": "有属在以需",
    "期": "间限末",
    "条": "件例款",
    "件": "事",
    "项": "目",
    "对": "照接象口于",
    "户": "籍口",
    "台": "账",
    "批": "准复示",
    "种": "植",
    "处": "理置罚方",
    "本": "县市区省级",
    "位": "于置",
    "次": "日年",
    "元": "旦",
    "间": "隔",
    "级": "别",
    "米": "饭",
    "场": "所",
    "座": "谈",
    "组": "织成建",
    "份": "额",
    "张": "贴",
    "单位": "",
    "只": "有是要能需",
}
# After the number and unit: a threshold, not a value (1万元以上的, 3级以上110人).
_THRESHOLD = re.compile(r"\s?(?:以上|以下|以内|及以上|左右)")
_REGION_WORD = re.compile(r"(?:全|我|本)(?:县|市|区|镇|乡|旗|州|省)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s?年")

_HEAD_TRIM = re.compile(
    r"^(?:[\s\"“”‘’《》、,，:：\-—）)]|[(（](?=其中|含|包括)|[(（]?[一二三四五六七八九十\d]{1,2}[)）、.](?!\d)|[一二三四五六七八九十]是|"
    r"(?:全|我|本)(?:县|市|区|镇|乡|旗|州|院)(?:的|范围内)?|各(?:级|类)?(?:医疗卫生|医疗|卫生)?(?:单位|机构)(?=[\u4e00-\u9fff]{3})|我局|县内|市内|区内|城区内|辖区内|各类|各种|各|"
    r"其中|共有|共计|总计|合计|共|一共|另有|另外|另|并且|并|以及|仍有|还有|尚有|还|已有|已经|已|现有|现|目前|当前|今年|去年|上半年|下半年|"
    r"全年|年内|同期|先后|同时|此外|及时|均|又|再|将|把|使|有(?![效偿线关序益害毒])|对(?![照象接外口])|为|向|在(?![岗职册编院校读线家])|与|从|由|于|和|及|等|"
    r"截至|截止|至|年度|其)+")
# Fillers at the end of a name (达到, 为, 共计, 分别 …). Matched on the reversed string from its start,
# which is much faster than a (…)+$ search.
_TAIL_WORDS = (
    "达到了 达到 到达 达 为 是 共计 共有 共 累计 合计 总计 计 近 超过 超 突破 逾 保持在 保持 控制在 稳定在 维持在 "
    "分别为 分别达 分别 均达 均为 均 都 提高到 提高至 提升到 提升至 增加到 增加至 增至 上升到 上升至 下降到 下降至 "
    "降至 降低到 降低至 降到 缩短至 缩短到 缩短为 扩大到 扩大至 扩展到 扩展至 增长到 增长至 延长至 延长到 减少到 减少至 每百人天 每百人日 每千人天 进步到 进步至 由 从 已 在 至 到 了 的 有 仅 只 就 要 按 继续 仍然 仍 进一步 占到 占 "
    "是去年 是上年 为去年 为上年 比去年 比上年 较去年 较上年 高于 低于 不低于 不高于 不少于 不超过 大于 小于 为止 和 及 与 或 等").split()
_TAIL_REV = re.compile(
    r"^(?:[\s\"“”‘’、,，:：\-—(（]|约(?![预制签合节公契条])|中(?=[院室站所村校心])|"
    r"上以(?![\d元万人岁级个名次%])|下以(?![\d元万人岁级个名次%])|"
    + "|".join(re.escape(w[::-1]) + ("(?![惠涉普波])" if w == "及" else "")
               for w in sorted(_TAIL_WORDS, key=len, reverse=True)) + ")+")


class _TailTrim:
    """Drop-in for a compiled `(fillers)+$` pattern: .sub("", s) removes trailing fillers."""

    @staticmethod
    def sub(_repl: str, s: str) -> str:
        m = _TAIL_REV.match(s[::-1])
        return s[:len(s) - m.end()] if m else s


_TAIL_TRIM = _TailTrim()
_REGION_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])(?:全|我)(?:县|市|区|镇|乡|旗)(?!级|直|属|委|政府|人民|医院|卫生|中医|妇幼|疾控)")
_TIME_HINT = re.compile(r"[截到年月今全目当现同期来季]")
# Time words: everything up to them is setting, not the measure.
_TIME_CUT = re.compile(
    r"^.*?(?:截至|截止|截止到|到)[^，,。]{0,12}?(?:月底|月末|年底|年末|日|月份|月)(?:止|前|为止)?|"
    r"^.*(?:上半年|下半年|[前一二三四]{1,2}季度|今年以来|今年|全年|年内|年度|目前|当前|现阶段|同期|期间|以来|半年来|年来|\d+月底|\d+月份|\d+月|"
    r"(?:\d{2,4}|[xX×*]{2,4})年)")
_DIRECTION = re.compile(
    r"(?:同比|比上年|比去年|较上年|较去年|比去年同期|与去年同期相比|与上年同期相比|相比|较|比)?"
    r"(?P<dir>增长|上升|下降|降落|降低|减少|增加|提高|提升|回落|下滑)(?=了?$)")
_LEAD_VERB = re.compile(r"^(?:进行了|进行|开展了|开展|实施了|实施|展开了|展开|实行|(?:实现|推进|落实)了?(?=[\u4e00-\u9fff]{4}))")
# A short lead before a count is a verb (开工, 引进, 招录) when it ends with one of these.
_VERB_END = re.compile(
    r"(?:建|工|增|进|录|聘|训|购|动|排|派|成|立|放|查|处|缔|织|荐|发|印|制|办|作|现|检|测|种|收|投|订|到|推|定|置|改|送|验|"
    r"访|停|销|考|养|治|报|置|出|达|受|理|谈|交|划|养|助|彰|问|赠|入|取|实|扶|援|驻|盖|务|诊|救|导|评|名|创|申|审|核|签|调|"
    r"筛|接|转|管|选|招|聘|补|征|开|启|新|撤|设|拥|配|组|举|培|完|登|确|记)$")


# --------------------------------------------------------------------------- candidates

# Manner adverbs say nothing about the measure: 村卫生室建设全部完工 → 村卫生室建设完工.
_ADVERBS = re.compile(r"全部|顺利|当场|及时(?![率性])|精心|积极|认真|圆满|切实|扎实|逐步|不断|进一步|均已")
_AVERAGE = re.compile(r"平均|住院日|寿命|时间|时长")


def _clause_tail(t: str, pos: int, width: int) -> str:
    w = t[max(0, pos - width):pos]
    for k in range(len(w) - 1, -1, -1):
        if w[k] in _DELIMS:
            return w[k + 1:]
    return w
_HAS_NUMBER = re.compile(r"[0-9十百千万两三四五六七八九xX×*]|[\u4e00-\u9fff][ \u3000]")


_NEG_AFTER = re.compile(r"(?:增长率|率)(?:为|是|达)?\s?$")
_RANGE_END = re.compile(r"\d\s?[%‰人个家所名元次例]$")


class _Cand:
    __slots__ = ("start", "end", "num_end", "value", "unit", "cls", "placeholder", "same_period", "headless")

    def __init__(self, start, end, num_end, value, unit, cls, placeholder):
        self.start, self.end, self.num_end = start, end, num_end
        self.value, self.unit, self.cls, self.placeholder = value, unit, cls, placeholder
        self.same_period = False
        self.headless = False         # 取得许可证的72家: a 的-phrase whose noun is left out


def _unit_of(m: re.Match) -> tuple[str, str] | None:
    units = load_units()
    mult, unit = m.group("mult"), m.group("unit")
    if unit:
        u, cls = units[unit]
        if mult:
            if cls in ("rate", "delta", "duration"):
                return None
            return mult + u, cls
        return u, cls
    if mult:
        return mult, "count"
    return None


def _blocked(t: str, m: re.Match, unit_surface: str | None) -> bool:
    """Context checks shared by Arabic and Chinese candidates."""
    e = m.end()
    nxt = t[e:e + 1]
    if unit_surface:
        block = _UNIT_BLOCK.get(unit_surface)
        if block and nxt and nxt in block and not (unit_surface == "家" and nxt == "乡"
                                                   and t[e + 1:e + 2] != "" and t[e + 1:e + 2] in "镇村卫级街"):
            return True                   # (15家乡镇卫生院 is a count, 家乡 is not)
    # a threshold that qualifies what follows (1万元以上的有9人, 3级以上110人, 1万元以下从42%)
    th = _THRESHOLD.match(t, e)
    if th:
        after = t[th.end():th.end() + 1]
        if after and after not in _DELIMS and after not in "”\"）)":
            return True
    return False


_RATE_BEFORE = re.compile(r"率(?:达到|达|为|是|提高到|提升到|保持在)?\s?$")


def _garbled_percent(t: str, m: re.Match) -> bool:
    """A number after X率 with no unit (a stray character or nothing after it): the % was misread or lost."""
    e = m.end("num")
    nxt = t[e:e + 1]
    if not ("\u4e00" <= nxt <= "\u9fff" or nxt in _DELIMS or not nxt) or nxt in "年月日天岁余多万亿以左次倍项分个":
        return False
    if not _RATE_BEFORE.search(t, max(0, m.start() - 6), m.start()):
        return False
    try:
        return 0 < float(m.group("num").replace(" ", "")) <= 100
    except ValueError:
        return False


_NAMED_BY_RATE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:项目|工程|行动|计划)")
_SECTION_AFTER = re.compile(r"\s?[(（]\s?[\d一二三四五六七八九十]{1,2}\s?[)）(（]")   # 3000剂(三)加强…: a heading follows
_BARE_NOUN_UNIT = {"论文": "篇", "文章": "篇", "稿件": "篇", "调研报告": "篇"}
_BARE_NOUN = re.compile("(?:" + "|".join(_BARE_NOUN_UNIT) + ")$")


def _candidates(t: str) -> list[_Cand]:
    arabic, cn, blank = _patterns()
    out: list[_Cand] = []
    for m in arabic.finditer(t):
        s = m.start()
        num = m.group("num")
        prev = t[s - 1:s]
        if prev and (prev.isdigit() or prev in ".．" or prev.isascii() and prev.isalpha() or prev in "第"):
            continue
        if num[0] in "xX×*" and prev and prev in "xX×*":
            continue
        u = _unit_of(m)
        if u is None:
            bn = _BARE_NOUN.search(t, max(0, s - 4), s)
            if bn and not m.group("unit") and "." not in num and len(num) <= 4 \
                    and (m.end("num") == len(t) or t[m.end("num")] in _DELIMS | set("、")):
                # 共征集论文8，推荐论文2: a count written without its classifier after a noun that has one
                out.append(_Cand(s, m.end("num"), m.end("num"), parse_arabic(num),
                                 _BARE_NOUN_UNIT[bn.group(0)], "count", False))
                continue
            if not _garbled_percent(t, m):
                continue
            u = ("%", "rate")             # 创建率达到100虬: an OCR slip for % after a rate
        if _blocked(t, m, m.group("unit")):
            continue
        if u[1] == "rate" and _NAMED_BY_RATE.match(t, m.end()):
            continue                  # 推行100%安全套使用项目: the percentage is part of a programme's name
        if u[1] == "duration" and not _AVERAGE.search(_clause_tail(t, s, 12)):
            continue                  # 为期3天, 15天内: a period, not a measure
        # ranges: 3-5人 (second bound) and 3-5 (first bound)
        if prev in "-~—－～至到" and t[s - 2:s - 1].isdigit():
            continue
        if t[m.end("num"):m.end("num") + 1] in ("-", "~", "—", "～") and t[m.end("num") + 1:m.end("num") + 2].isdigit():
            continue
        # 85%-90%, 3人~5人: a range of measures
        if t[m.end():m.end() + 1] in ("-", "~", "—", "～") and t[m.end() + 1:m.end() + 2].isdigit():
            continue
        if prev in "-~—～" and s >= 2 and not t[s - 2].isdigit() and _RANGE_END.search(t, 0, s - 1):
            continue
        e = m.end()
        if num[0] in "xX×*":
            value, ph = None, True
        else:
            if m.group("q1") == "几":
                continue
            value, ph = parse_arabic(num), False
            if prev and prev in "-－" and u[1] in ("rate", "delta") and _NEG_AFTER.search(t, max(0, s - 8), s - 1):
                value = -value                # 自然增长率-1.2‰
        out.append(_Cand(s, e, m.end("num"), value, u[0], u[1], ph))
    # 与去年同期(546)相比: last year's figure, in the unit of the measure before it
    for m in _SAME_PERIOD_BARE.finditer(t):
        out.append(_Cand(m.start("num"), m.end("num"), m.end("num"), parse_arabic(m.group("num")), "",
                         "same_period", False))
    # a number left blank in a template: 深入全市 个行政村, 下乡 人次
    for m in blank.finditer(t):
        u = load_units().get(m.group("unit"))
        if u and u[1] in ("count", "rate") and not _blocked(t, m, m.group("unit")):
            out.append(_Cand(m.start("unit"), m.end(), m.start("unit"), None, u[0], u[1], True))
    taken = [(c.start, c.end) for c in out]
    for m in cn.finditer(t):
        s = m.start()
        if any(a < m.end() and s < b for a, b in taken):
            continue
        num = m.group("num")
        prev = t[s - 1:s]
        if prev == "第":
            continue
        frac = m.group("frac")
        if frac:
            f = parse_chinese_fraction(frac + num)
            if f is None:
                continue
            out.append(_Cand(s, s + len(frac) + len(num), s + len(frac) + len(num), f[0], f[1], "rate", False))
            continue
        if m.group("q1") == "几" or not any(ch in num for ch in CN_DIGITS) and not (
                num == "十" and (m.group("q1") or m.group("q2"))):   # 十余家 → 10 家
            continue
        u = _unit_of(m)
        if u is None or _blocked(t, m, m.group("unit")) or u[1] == "duration":
            continue
        unit = u[0]
        if num[-1] in "万亿" and len(num) > 1 and not m.group("mult") and u[1] not in ("rate", "delta"):
            # 五百万元 → 500 万元, 三万余份 → 3 万份: the multiplier stays in the unit
            unit = num[-1] + (unit if m.group("unit") else "")
            num = num[:-1]
        v = parse_chinese(num)
        if v is None or v < 10 and not unit.startswith(("万", "亿")) and not _small_count(t, m, num, u[1]):
            continue
        out.append(_Cand(s, m.end(), m.end("num"), v, unit, u[1], False))
    out.sort(key=lambda c: c.start)
    return out


# A single Chinese digit counts only before a plain classifier and a noun (两个紧密型医共体, 达到五个):
# not 一 (一是, 一家人, 一站式), not grades or batches (三级医院, 二级甲等, 一期), not slogans (三个全覆盖, 四个一).
_SMALL_UNITS = {"个", "家", "所", "名", "人", "项", "座", "支", "台", "张", "种", "类"}
_SMALL_NEXT_BLOCK = re.compile(r"[\"“”‘’「《一二三四五六七八九十]|方面|环节|重点|结合|统一|到位|层次|阶段|渠道|平台|机制|体系|目标|抓手")


def _small_count(t: str, m: re.Match, num: str, cls: str) -> bool:
    if len(num) != 1 or num not in "两三四五六七八九" or cls != "count" or m.group("mult"):
        return False
    if m.group("unit") not in _SMALL_UNITS:
        return False
    prev = t[m.start() - 1:m.start()]
    if prev and prev in "第每这那前后近数十几另各":
        return False
    if _SMALL_NEXT_BLOCK.match(t, m.end()):
        return False
    # only counts of bodies (两家基层医疗集团, 重点专科达到五个): other small counts are mostly slogans
    if _SMALL_BODY_AFTER.match(t, m.end()):
        return True
    before = _clause_tail(t, m.start(), 24)
    return bool(_SMALL_BODY_BEFORE.search(before)) and not any(q in before for q in "\"“”")


_BODY = r"(?:医共体|医联体|集团|医院|卫生院|卫生室|卫生所|诊所|分院|中心|专科|学科|科室|机构|联盟|基地|工作站|服务站)"
_SMALL_BODY_AFTER = re.compile(r"[^，,；;。、“”\"]{0,10}?" + _BODY + r"(?![\u4e00-\u9fff]{0,2}[建设管理工作活动项目改造正])")
_SMALL_BODY_BEFORE = re.compile(_BODY + r"(?:[^，,；;。]{0,4}?(?:达到|达|增至|增加到|为|有))?$")


# --------------------------------------------------------------------------- names

def _trim(s: str) -> str:
    while True:
        s = _TAIL_TRIM.sub("", _HEAD_TRIM.sub("", s))
        if s[-1:] in ")）" and s.count("(") + s.count("（") < s.count(")") + s.count("）"):
            s = s[:-1]
            continue
        return s


_PER_HEAD = re.compile(r"(人均|户均|床均|日均|年均|次均|每[千万百十]?(?:常住)?人口|每[千万百]人)\s*$")


_SHARE_END = re.compile(r"(?:占比|比例|比重|覆盖率)$")


_PER_HEAD_FRONT = re.compile(_PER_HEAD.pattern.replace("\\s*$", ""))


_COMPARE_ONLY = re.compile(r"(?:同比|比上年|比去年|较上年|较去年|比去年同期|较去年同期|与上年相比|与去年相比)"
                           r"(?:增长|上升|下降|降低|减少|增加|提高|提升)了?")
_GENERIC_AFTER_DENG = re.compile(r"(?:各类|各项)?(?:事项|工作|项目|内容|活动|业务|服务|事务|手续)")


def _clean_left(s: str, cut: bool = True) -> str:
    pm = _PER_HEAD.search(s)
    if pm and pm.start() >= 2:
        # 筹资标准提高到人均450元 → 人均筹资标准: the per-head word qualifies the measure
        rest = _clean_left(s[:pm.start()], cut)
        return rest if not rest or pm.group(1) in rest else pm.group(1) + rest
    s = _REGION_IN_NAME.sub("", s)
    if _TIME_HINT.search(s):
        s = _TIME_CUT.sub("", s, count=1)
    s = _DIGIT_PAREN.sub("", s)
    s = _trim(s)
    # "上报了引进博士生": the measure follows the last completed verb
    k = s.rfind("了")
    tm = _TASK_DONE.search(s)
    if tm:
        s = s[tm.start():].replace("完成了", "完成", 1)   # 完成了市下达的任务95%: the task's completion
    elif cut and 0 <= k < len(s) - 2:
        s = s[k + 1:]
    if cut and len(s) > 10:
        s = re.sub(r"[(（][^()（）]{6,}[)）]", "", s)
    if cut and len(s) > 10:
        m = None
        for m in re.finditer(r"[的给向对把将等]|分别", s[:-2]):
            pass
        if m is not None and _COMPARE_ONLY.fullmatch(s[m.end():]):
            pass                                  # 门诊人次分别较上年增长: the measure is before 分别
        elif m is not None and m.group(0) == "等" and _GENERIC_AFTER_DENG.fullmatch(s[m.end():]):
            s = s[:m.start()] + s[m.end():]       # 注册变更等事项 → 注册变更事项: 事项 alone says nothing
        elif m is not None and len(s) - m.end() >= (4 if m.group(0) == "的" else 2) \
                and not (m.group(0) == "的" and m.start() <= 12 and _SHARE_END.search(s)) \
                and not (m.group(0) == "的" and _LABEL_ONLY.fullmatch(s[m.end():])):
            s = s[m.end():]           # (能够提供中医服务的社康中心占比: the share needs its qualifier)
    s = _LEAD_VERB.sub("", _trim(s))
    return _trim(s)


_LABEL_ONLY = re.compile(r"[(（][^()（）]{1,6}[)）]")   # 办结的(甲类): a bare label needs its qualifier
_LONG_PAREN = re.compile(r"[(（][^()（）]*(?:、|[^()（）]{6,})[^()（）]*[)）]")
_DIGIT_PAREN = re.compile(r"[(（][\d.\s]*[)）]")


_AGE = re.compile(r"^\d+(?:[-—~至]\d+)?周?岁(?:以上|以下)?的?")
_SIGNING = re.compile(r"^(?P<x>[^，,；;。]{1,12}?)(?P<v>签订|签署)了?(?P<y>[^，,；;。]{2,})$")
_ACTIVITY = re.compile(r"^(?P<x>[^，,；;。]{1,16}?)(?:进行了|进行|开展了|开展|实施了|实施)(?P<y>[^，,；;。]{2,})$")


_ALL_OF_THEM = re.compile(r"^([\u4e00-\u9fff]{2,10}?)(?:已经|已)?(?:全部|全面|均已|均|都已|都|悉数)(?:已|已经)?(?=[\u4e00-\u9fff]{2})")


def _clean_right(s: str, attributive: str = "") -> str:
    s = _LONG_PAREN.sub("", s)
    s = _LEAD_VERB.sub("", s)
    s = s.strip()
    s = re.sub(r"^(?:的|[\"“”])+", "", s)
    # 186个村卫生室全部纳入一体化管理: "all of them" — the number counts the noun, the rest is a statement
    m = _ALL_OF_THEM.match(s)
    if m and not attributive and len(s) - m.end() >= 6:   # (a short predicate stays: 均设置中医馆)
        am = _DID_ACTIVITY.search(s, m.end())
        y = _activity_object(am.group("y")) if am else ""
        if len(y) >= 2:
            return y + _trim(m.group(1))   # 4家医院全部通过省平台进行了网上采购 → 网上采购医院: the activity names it
        return _trim(m.group(1))
    # 60名儿童进行了营养调查 → 营养调查儿童 (the activity names the count)
    m = _ACTIVITY.match(s) or _LIST_ACTIVITY.match(s)
    if m:
        y = _activity_object(m.group("y"))
        x = _trim(_AGE.sub("", m.group("x")))
        if len(x) > 16:
            # 院长、采购人员、医务人员和护理人员进行了培训 → 培训人员: a long list of people by the head they share
            x = _common_tail(re.split(r"[、和及与]", x), 2)
        if len(y) >= 2 and x:
            return y + attributive + x
    m = _SIGNING.match(s)
    if m:
        y = _trim(re.sub(r"(?:\d{2,4}|[xX×*]{2,4})年度?", "", m.group("y")))
        x = _trim(m.group("x"))
        if len(y) >= 2 and x:
            return m.group("v") + y + x
    # a long tail is cut before a following clause verb
    if len(s) > 10:
        verb_first = bool(_VERB_START.match(s) or _is_verbish(s[:2]))
        m = re.search(r"(?:进行|开展|实施|(?<!已)完成|获得|参与|办理|分配|组成|成立|依法|之一" + ("" if verb_first else "|接受|的") + ")", s[2:])
        rc = _REL_CLAUSE.match(s) if m and m.group(0) == "的" else None
        if rc and (_TOPIC_END.search(rc.group("head")) or _COMPLETE_NOUN.search(rc.group("head"))):
            # 40名专职从事防疫工作的公共卫生人员 → 专职公共卫生人员: the noun after 的 is what is counted
            return _trim(rc.group("mod") + rc.group("head"))
        em = _EVAL_HEAD.match(s, m.end() + 2) if m and m.group(0) == "的" else None
        if em:
            # 5家医院通过了省级“胸痛中心”的评审 → 医院通过省级胸痛中心评审: the review is the object's head
            s = re.sub(r"(?<=[\u4e00-\u9fff])了", "", s[:m.start() + 2], count=1) + em.group(0)
        elif m:
            s = s[:m.start() + 2]
        s = re.sub(r"(?<=[\u4e00-\u9fff]{2})已(?=完成[\u4e00-\u9fff]{2})", "", s)   # 病房楼已完成… → 病房楼完成…
    return _trim(s)


_EVAL_HEAD = re.compile(r"(?:评审|验收|考核|认证|审核|评估|复审|复核|评价)(?![\u4e00-\u9fff])")
# N名 [modifier] 从事…的 head: a relative clause before the counted noun
_REL_CLAUSE = re.compile(r"^(?P<mod>[\u4e00-\u9fff]{0,4}?)(?:从事|负责|承担|具有|具备|取得|持有|符合)[^，,；;。的]{2,16}的"
                         r"(?P<head>[\u4e00-\u9fff]{2,10})$")
_LIST_ACTIVITY = re.compile(r"^(?P<x>[^，,；;。]{17,40}?)(?:进行了|进行|开展了|开展)(?P<y>[^，,；;。]{2,})$")
_DID_ACTIVITY = re.compile(r"(?:进行了|进行|开展了|开展)(?P<y>[^，,；;。]{2,})$")


_ACT_BEFORE_NUM = re.compile(r"(?:进行了|进行|开展了|开展)(?P<y>[\u4e00-\u9fff“”\"]{2,14})$")
_ACT_HEAD = re.compile(r"(?:检测|检查|筛查|调查|监测|体检|随访|评估|治疗|干预|诊断)$")


def _activity_object(y: str) -> str:
    """进行了营养调查及随访 → 营养调查: the first activity named after 进行/开展 (after its last 的)."""
    y = y[y.rfind("的") + 1:]
    parts = re.split(r"及|和|、|以及|等", y)
    if len(parts) > 1 and parts[-1] and _ACT_HEAD.search(parts[-1]) and not _ACT_HEAD.search(parts[0]) \
            and len(y) <= 12:
        return _trim(re.sub(r"等$", "", y))   # 龋齿及视力检查: the objects share the last activity word
    return _trim(parts[0])


def _is_verbish(left: str, longest: int = 4) -> bool:
    return bool(left) and len(left) <= longest and bool(_VERB_END.search(left))


_MEASURE_END = re.compile(r"(?:率|数|量|额|费|金|款|比|比例|人次|日|天|时间|标准|次)$")


def _distribute(items: list[str]) -> list[str]:
    """孕产妇、儿童系统管理率 → 孕产妇系统管理率, 儿童系统管理率: bare qualifiers in front of the
    last item share its words after a qualifier of the same length."""
    last = items[-1]
    if not _MEASURE_END.search(last) or any(_MEASURE_END.search(x) or len(x) > 4 for x in items[:-1]):
        return items
    k = _word_boundary(last, len(items[0]))
    suffix = last[k:]
    if len(suffix) < 2 or len(last) - k < 2 or not all(len(x) == k for x in items[:-1]) and len(items) > 2:
        return items
    return [x + suffix for x in items[:-1]] + [last]


@lru_cache(maxsize=4096)
def _word_boundary(s: str, k: int) -> int:
    """The word boundary of `s` nearest to k from below (else above): 儿童|系统管理率 for k=3."""
    from ..tokens import jieba_module as _jieba
    ends, n = [], 0
    for w in _jieba().cut(s, HMM=False):
        n += len(w)
        ends.append(n)
    below = [e for e in ends if e <= k]
    return below[-1] if below else ends[0]


def _split_items(name: str) -> list[str]:
    return [x for x in re.split(r"、|和|及(?!时)|与(?!会)", name) if x]


# --------------------------------------------------------------------------- main

def extract_measurements(doc: Document, sentences: list[Sentence],
                         institutions: list[Mention]) -> list[Measurement]:
    """All indicator measurements of `doc`, sentence by sentence, in text order."""
    out: list[Measurement] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mn in institutions:
        by_sentence.setdefault(mn.sentence, []).append(mn)
    doc_period = str(doc.year) if doc.year else None
    full = to_ascii(doc.text)
    prev_start = 0
    for sent in sentences:
        before_start, prev_start = prev_start, sent.start
        if not _HAS_NUMBER.search(full, sent.start, sent.end):
            continue
        t = full[sent.start:sent.end]
        cands = _candidates(t)
        if not cands:
            continue
        before = full[max(before_start, sent.start - 160):sent.start]
        out.extend(_sentence_measurements(doc, sent, t, cands, by_sentence.get(sent.index, []), doc_period,
                                          before))
    # one fact per document: a repeated passage states the same measurement again
    # (also in a shorter wording: 9项基本公共卫生服务项目 again as 9项基本公共卫生服务)
    seen: dict[tuple, list[tuple[str, str | None]]] = {}
    unique = []
    for m in out:
        # (9项 and 9个 of one list of items are one count; a subject named once and not again is the same)
        key = (m.value, "项" if m.unit == "个" else m.unit, m.period)
        names = seen.setdefault(key, [])
        if m.value is not None and any((n == m.name or _same_wording(n, m.name))
                                       and (subj == m.subject or subj is None or m.subject is None)
                                       for n, subj in names):
            continue
        names.append((m.name, m.subject))
        unique.append(m)
    return unique


def _same_wording(a: str, b: str) -> bool:
    """One name is the other with a generic word after it (…服务 / …服务项目, …检查 / …检查工作), or holds
    it as three quarters of itself (项目主体结构封顶 / 医院项目主体结构封顶: a passage said again)."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or short not in long_:
        return False
    return long_.startswith(short) and long_[len(short):] in ("项目", "工作", "活动") or 4 * len(short) >= 3 * len(long_)


# What a campaign's name ends with that its measures leave out: 打击非法行医专项行动 → 打击非法行医.
_CAMPAIGN_TAIL = re.compile(r"(?:专项整治行动|专项整治|专项行动|专项治理|专项检查|专项活动|集中整治|整治行动|活动|行动)$")
_RUNS = re.compile(r"(?:开展|实施|推进|启动|组织|落实|深入开展|集中开展)了?$")
# The sessions a campaign held (累计义诊6场次): the campaign's, like what it deployed.
_CAMPAIGN_EVENT = re.compile(r"(?:累计|共)?(?:开展|举办|组织)?(?P<what>义诊|巡诊|讲座|健康讲座|咨询)")
_EVENT_UNITS = {"场", "场次", "次", "期"}


def with_campaigns(measurements: list[Measurement], sentences: list[Sentence],
                   programs: list[Mention]) -> list[Measurement]:
    """What was deployed (出动车辆31台次, 出动人员103人次) or held (累计开展义诊6场次) in a sentence that
    runs a campaign is the campaign's: 开展了打击非法行医专项行动，…，出动车辆31台次 → 打击非法行医出动车辆;
    开展“健康教育月月行”活动，累计开展义诊6场次 → 健康教育月月行义诊."""
    by_sent: dict[int, list[Mention]] = {}
    for p in programs:
        by_sent.setdefault(p.sentence, []).append(p)
    starts = {s.index: s for s in sentences}
    out = []
    for m in measurements:
        sent = starts.get(m.sentence)
        event = _CAMPAIGN_EVENT.fullmatch(m.name) if m.unit in _EVENT_UNITS else None
        if sent is not None and (m.name.startswith("出动") or event):
            before = [p for p in by_sent.get(m.sentence, ()) if p.end <= m.start]
            runs = [p for p in before if _CAMPAIGN_TAIL.search(p.surface)
                    and _RUNS.search(sent.text, 0, p.start - sent.start)
                    and not re.search(r"[；;。]", sent.text[p.end - sent.start:m.start - sent.start])]
            # (with two campaigns named before, whose deployment it was is not said)
            if runs and len({p.name for p in before}) == 1:
                core = _CAMPAIGN_TAIL.sub("", re.sub(r"[“”\"]", "", runs[-1].surface))
                if len(core) >= 2 and core not in m.name:
                    m = replace(m, name=core + (event.group("what") if event else m.name))
        out.append(m)
    return out


_DELIM_RE = re.compile("[" + re.escape("".join(sorted(_DELIMS))) + "]")


def _clause_start(dpos: list[int], pos: int) -> int:
    k = bisect_right(dpos, pos - 1)
    return dpos[k - 1] + 1 if k else 0


def _clause_end(dpos: list[int], pos: int, n: int) -> int:
    k = bisect_left(dpos, pos)
    return dpos[k] if k < len(dpos) else n


def _sentence_measurements(doc, sent, t, cands, insts, doc_period, before=""):
    text = sent.text
    base = sent.start
    checked: tuple[str, int] | None = None     # the check a bare 查 took, and where its clause ends
    # Institution spans (sentence-relative): numbers inside them are not values.
    spans = [(mn.start - base, mn.end - base, mn) for mn in insts]
    cands = [c for c in cands if not any(a <= c.start < b for a, b, _ in spans)]
    kept = []
    for c in cands:
        if c.cls == "same_period":
            prev = [p for p in kept if p.cls in ("count", "amount", "garbled")]
            if not prev:
                continue
            c.unit, c.cls, c.same_period = prev[-1].unit, prev[-1].cls, True
        kept.append(c)
    cands = kept
    if not cands:
        return []
    ym = _YEAR.search(t)
    period = ym.group(1) if ym else doc_period
    dpos = [m.start() for m in _DELIM_RE.finditer(t)]
    region = _REGION_WORD.search(t)
    n = len(cands)

    # (cand, name, raw start, raw end, name read before the number?)
    results: list[tuple[_Cand, str, int, int, bool]] = []
    part_of = None                  # (the set, its unit) after 21所卫生院中已有14所…
    prev_end = 0
    i = 0
    while i < n:
        c = cands[i]
        cs = _clause_start(dpos, c.start)
        ls = max(cs, prev_end)
        for a, b, _mn in spans:          # the institution is the subject, not part of the name
            if ls <= a and b <= c.start:
                ls = b
        # a count/amount directly qualifying the next number (6万元补偿16人次) belongs to its name
        while i + 1 < n:
            between = t[cands[i].end:cands[i + 1].start]
            if 0 < len(between) <= 3 and not any(ch in _DELIMS for ch in between) \
                    and not _CONJ_RE.search(between) and cands[i].cls not in ("rate", "delta") \
                    and not _DIRECTION.search(between) and not _CHANGE_TO.match(between) \
                    and not re.match(r"^(?:到|至|为|从|由)$", between):
                i += 1
                continue
            break
        c = cands[i]
        # numbers sharing one name: 85%和65%, 46.03元/人次19.51元/人次
        g = [c]
        while i + 1 < n:
            between = t[g[-1].end:cands[i + 1].start]
            if _CONJ_ONLY.match(between) and cands[i + 1].cls == g[-1].cls:
                i += 1
                g.append(cands[i])
                continue
            break
        first, last = g[0], g[-1]
        left_raw = t[ls:first.start]
        left = _clean_left(left_raw)
        ce = _clause_end(dpos, last.end, len(t))
        nxt = cands[i + 1].start if i + 1 < n else None
        right_raw, right = "", ""
        shared_right = False
        act_prefix = ""
        amount_of = len(g) == 1 and last.cls == "amount" and bool(left) \
            and t[last.end:last.end + 2].lstrip().startswith("的")
        if len(g) == 1 and last.cls in ("count", "garbled") or not left or amount_of:
            if nxt is None or nxt >= ce:
                right_raw = t[last.end:ce]
                right = "" if _SECTION_AFTER.match(right_raw) else _clean_right(right_raw)
            else:                             # another number follows: only the noun right after
                nm = _NOUN_STOP.search(t, last.end, nxt)
                right_raw = t[last.end:nm.start() if nm else nxt]
                right = _trim(right_raw)
                shared_right = nm is None     # 12种健康教育资料36万份: the noun also names the next number
                am = _ACT_BEFORE_NUM.match(t, nm.start(), nxt) if nm and len(g) == 1 \
                    and last.cls in ("count", "garbled") else None
                if am and len(right) >= 2:
                    act_prefix = _activity_object(am.group("y"))   # 对25家医院进行监督检查56次
        raw_start = ls + _first_index(left_raw, left) if left else first.start
        raw_end = last.end
        names: list[str] = []
        from_right = False
        if first.same_period:
            right = ""
            left = "去年同期"
        dirm = _DIRECTION.search(left) if left else None
        if dirm is not None:
            measure = _trim(left[:dirm.start()])
            word = dirm.group("dir")
            word = "下降" if word in ("降落", "回落", "下滑") else word
            compared = dirm.group(0)[:-len(dirm.group("dir"))] or not measure
            direction = ("同比" if compared else "") + word
            if measure:
                names = [measure + direction] * len(g)
            else:
                prev = [r[1] for r in results if r[0].cls not in ("rate", "delta")
                        and not _SAME_PERIOD_NAME.fullmatch(r[1])]
                if len(prev) >= len(g):
                    names = [p + direction for p in prev[-len(g):]]
                elif prev:
                    names = [prev[-1] + direction] * len(g)
                elif results and len(g) == 1 and results[-1][0].cls == "rate" and first.cls in ("rate", "delta"):
                    # 发病率135.92/10万，较去年下降12.5%: the change of the rate just named
                    names = [results[-1][1] + direction]
        elif right and left and last.cls == "amount" and right_raw.lstrip().startswith("的") \
                and not _VERB_START.match(right) and len(g) == 1:
            # 还需修建3000平方米的住院大楼 → 还需修建住院大楼
            names = [left + right]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        elif right and left and len(g) == 1 and last.cls == "count" and len(left) <= 8 \
                and _TAKE_PART.match(right_raw.lstrip()) and not _is_verbish(left, 6) \
                and not re.match(r"\s*(?:组织|动员|发动|带领|邀请|选派|吸引)", left_raw):
            # 卫生监督员共29人参加了全省法律知识考试 → 卫生监督员参加全省法律知识考试
            names = [left + _TAKE_PART.sub(r"\1", right)]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        elif right and len(g) == 1 and first.cls in ("count", "garbled") and (
                part_of and not left and part_of[1] == first.unit
                or results and results[-1][0].unit == first.unit and results[-1][3] <= ls
                and _PART_OF.match(t, results[-1][3], first.start)) \
                and (_VERB_START.match(right) or _is_verbish(right[:2]) or _LEAD_VERB.match(right_raw.lstrip())):
            # 全县21所卫生院中已有14所通过验收，2所通过复审 → 通过验收的卫生院: part of the set just counted
            if not part_of or left:
                part_of = (results[-1][1], first.unit)
            lv = _LEAD_VERB.match(right_raw.lstrip())
            names = [(lv.group(0).rstrip("了") if lv else "") + right + "的" + part_of[0]]
            from_right = True
            raw_start = ls + len(left_raw) - len(left_raw.lstrip("中，, 已经共仍尚有"))
            raw_start = raw_start if raw_start < first.start else first.start
            raw_end = last.end + _last_index(right_raw, right)
        elif right and not (left and (right_raw.lstrip().startswith("的")
                                     or _VERB_START.match(right) and len(left) <= 10)):
            verb = left if left and (len(left) <= 2 or _is_verbish(left, 6)) else ""
            if re.sub(r"^(?:扎实|全面|深入|积极|大力|持续|继续|认真)", "", verb.rstrip("了")) in _LIGHT_VERBS:
                verb = ""                 # 扎实推进了9项…项目 → …项目: a light verb says nothing about the count
            verb_raw_kept = False
            if not verb and left_raw.rstrip().endswith("的") and 2 <= len(left) <= 12 \
                    and not _CONJ_RE.search(left):
                if len(g) == 1 and len(left) >= 6 and _ACTIVITY.match(_LEAD_VERB.sub("", right_raw.strip())):
                    # 对达标的26家企业进行复查 → 复查达标的企业
                    right = _clean_right(right_raw, attributive=left + "的")
                    verb_raw_kept = True
                else:
                    verb = left + "的"        # 不符合标准的201处医疗机构 → 不符合标准的医疗机构
            names = [verb + right] * len(g)
            from_right = True
            if not verb and not verb_raw_kept:
                raw_start = first.start
            raw_end = last.end + _last_index(right_raw, right)
        elif left:
            first.headless = len(g) == 1 and left_raw.rstrip().endswith("的") and first.cls in ("count", "garbled")
            left = _rate_head(left) if first.cls == "rate" else left
            sm = _SHARE.match(left) if first.cls == "rate" and len(g) == 1 else None
            prev_amounts = [r[1] for r in results if r[0].cls not in ("rate", "delta")]
            if sm and prev_amounts:
                # 补偿资金8439万元，占住院统筹资金的46.13% → 补偿资金占住院统筹资金比例
                whole = sm.group(1)
                left = prev_amounts[-1] + "占" + whole + ("" if whole.endswith(("比例", "比重")) else "比例")
            items = _split_items(left)
            full = _split_items(_clean_left(left_raw, cut=False)) if len(g) > 1 else []
            if len(g) > 1 and len(full) == len(g) and "的" in full[-1]:
                # 城区和农村的高血压管理率分别为72%和65%: the words after 的 are shared
                head, _, suffix = full[-1].partition("的")
                names = [x + suffix for x in full[:-1]] + [head + suffix]
            elif len(g) > 1 and len(items) == len(g):
                names = _distribute(items)
            elif len(g) == 1 and len(items) > 1 and first.cls == "rate" and (
                    all(x.endswith("率") for x in items)
                    or "均" in left_raw and items[-1].endswith("率") and _distribute(items) != items):
                items = _distribute(items)
                for it in items:
                    k = t.find(it, raw_start, first.start)   # each item's raw starts at the item
                    results.append((first, it, k if k >= 0 else raw_start, raw_end, True))
                prev_end = raw_end
                i += 1
                continue
            else:
                names = [left] * len(g)
            if len(g) == 1 and first.cls == "rate" and not names[0].endswith("率"):
                lm = None
                for lm in _RATE_LIST.finditer(t, 0, first.start):
                    pass
                if lm is not None:
                    names = [names[0] + lm.group(1)[-3:]]
            om = _ORDINAL_NAME.match(names[0]) if len(g) == 1 else None
            prev_counts = [r[1] for r in results if r[0].cls not in ("rate", "delta")]
            if om and prev_counts:
                pn = prev_counts[-1]
                pm = re.search(r"第[一二三四五六七八九十\d]{1,3}" + re.escape(om.group(1)), pn)
                if pm:
                    names = [pn[:pm.start()] + names[0] + pn[pm.end():]]
        elif first.cls == "rate" and len(g) == 1 and _BARE_SHARE.fullmatch(left_raw) \
                and any(r[0].cls not in ("rate", "delta") for r in results):
            # 卫生技术人员1800人，占85.7% → 卫生技术人员占比
            pr = [r for r in results if r[0].cls not in ("rate", "delta")][-1]
            names = [pr[1] + "占比"]
            raw_start = pr[2] if pr[4] else first.start
        elif not left and not right and results and len(g) == 1 and _trim(left_raw) == "" \
                and results[-1][0].cls != first.cls and _DIRECTION_END.search(results[-1][1]):
            # 门诊量同比增长12%，达到15.3万人次: the total of the measure just named
            names = [_DIRECTION_END.sub("", results[-1][1]) or results[-1][1]]
            raw_start = results[-1][2]
        elif _CHANGE_TO.match(left_raw.strip()) and results and results[-1][0].unit == first.unit:
            names = [results[-1][1]] * len(g)
            raw_start = results[-1][2]
        elif len(g) == 1 and first.cls in ("count", "garbled") and results and results[-1][0].cls == "rate" \
                and results[-1][1].endswith("率") and first.start - results[-1][3] <= 8 \
                and (bound := _BOUND_BEFORE.search(t, max(0, first.start - 8), first.start)):
            # 签约率达重点人群的10%(不低于1万人) → 签约人数下限: the floor of the count behind the rate
            kind = "下限" if bound.group(1) in ("不低于", "不少于", "至少") else "上限"
            names = [results[-1][1][:-1] + ("人数" if _unit_family(first.unit) == "person" else "") + kind]
            raw_start = bound.start() + 1
        elif results and results[-1][0].cls == first.cls and first.cls in ("count", "garbled") \
                and _trim(left_raw) == "" and first.start - results[-1][3] <= 4:
            # 报告12种法定传染病共计734例: a bare total takes the measure just named
            names = [results[-1][1]] * len(g)
            raw_start = results[-1][2] if results[-1][4] else results[-1][0].end
        if act_prefix and from_right and len(act_prefix) >= 2:
            names = [act_prefix + x for x in names]   # → 监督检查医院, as 对12家医院进行检查 → 检查医院
        for k, c in enumerate(g):
            if k < len(names) and names[k]:
                results.append((c, names[k], raw_start, max(raw_end, c.end), not from_right))
        prev_end = last.end if shared_right else raw_end
        i += 1

    vpat, vtable = load_name_variants()
    if vpat is not None:           # spun words first, so that the rules below see the usual words
        results = [(c, vpat.sub(lambda m: vtable[m.group(0)], name), rs, re_, lf)
                   for c, name, rs, re_, lf in results]
    results = _with_topics(results)
    results = _with_these(results)
    results = _with_sentence_topic(results, t, dpos)
    results = _with_same_period(results)
    results = _with_thresholds(results)
    vpat, vtable = load_name_variants()
    out = []
    for c, name, rs, re_, _left in results:
        if len(name) < 2:
            continue
        raw = text[rs:re_]
        subject = None
        for a, b, mn in spans:
            if b <= c.start and a >= _clause_start(dpos, c.start) - 40 and not _in_brackets(t, a, c.start):
                subject = mn.surface      # (not a body listed in brackets before it: …(甲医院、乙医院)，5个项目…)
        if subject is None:
            subject = region.group(0) if region else doc.region
        if vpat is not None:
            name = vpat.sub(lambda m: vtable[m.group(0)], name)
        name = _ADVERBS.sub("", name) or name
        name = _polish(name, not _left)
        if c.cls == "count" and (_CONTENT_COUNT.match(name) or _is_verbish(name[:2]) and _CONTENT_COUNT.match(name[2:])):
            continue                      # 出台12条措施, 40条服务用语: the parts of a document, not a measure
        pl = _PLACE_LIST.match(name) if c.cls in ("count", "garbled") else None
        if pl:
            name = pl.group("pre") + pl.group("head")   # 查出甲镇、乙镇和丙镇有螺村5个 → 查出有螺村
        if c.unit == "条" and _ARTICLES_OF.search(name):
            continue                      # 健康素养66条, 10条禁令: the articles of a text, not a measure
        tm = _TOTAL_BEFORE.fullmatch(t, _clause_start(dpos, c.start), c.start) if c.cls in ("count", "garbled") else None
        head = _shared_head(tm.group("v"), out) if tm else ""
        if head:
            # 培训食品从业人员1375名，公共场所从业人员206名，共计培训1596名 → 培训从业人员: the total of the list
            name = tm.group("v") + head
        name = _SESSIONS_AFTER.sub("", name) or name   # 培训两期共200人 → 培训: the sessions are not the measure
        bare = _LEAD_DONE_BARE.sub("", name)
        if name[:1] == "查" and len(name) >= 3 and not head and c.cls in ("count", "garbled"):
            # 组织积水容器密度检查，共查258个村/社区 → 积水容器密度检查村/社区: the check named just before
            ctx = t[:_clause_start(dpos, c.start)].rstrip("，, ")
            if ctx.endswith("检查"):
                got = _borrow_words(ctx, len(ctx) - 2)
                if got:
                    name = got + "检查" + name[1:]
                    checked = (got + "检查", _clause_end(dpos, c.end, len(t)))
        elif checked and c.start < checked[1] and out and len(name) <= 6 and c.cls in ("count", "garbled") \
                and t[out[-1].start - base + len(out[-1].raw):c.start].strip() == "、":
            name = checked[0] + name     # …，共查258个村/社区、14家学校/企业 → …检查学校/企业
        if head:
            pass
        elif _TAKE_PART_BARE.fullmatch(name) and c.cls in ("count", "garbled"):
            # 举办全县护理技能培训，…共500人参加 → 参加全县护理技能培训: the event the text just named
            got = _borrow_event(before + t[:_clause_start(dpos, c.start)])
            name = name + got if got else name
        elif len(bare) == 2 and c.cls in ("count", "garbled") and not _TOPIC_END.search(bare):
            name = _borrow_object(bare, before + t[:_clause_start(dpos, c.start)]) or _borrow_work(
                bare, t[:_clause_start(dpos, c.start)]) or name
        elif len(bare) == 4 and bare == name and c.cls in ("count", "garbled") and not _TOPIC_END.search(bare):
            # 开展重点人群健康体检工作…，体检预约3900人 → 重点人群健康体检预约
            got = _borrow_object(bare[:2], before + t[:_clause_start(dpos, c.start)])
            name = got[:-2] + bare if got else name
        if c.cls == "rate" and _BARE_RATE.fullmatch(name):
            # 推开家庭医生签约服务，签约率达30% → 家庭医生签约率: the activity named before gives the base
            got = _borrow_object(name[:-1], before + t[:_clause_start(dpos, c.start)])
            name = got + "率" if got else name
        if c.cls == "amount" and _BARE_MONEY.fullmatch(name) and out and out[-1].unit != c.unit \
                and not _BARE_MONEY.search(out[-1].name) and len(out[-1].name) <= 12:
            # 免费施药7403人次，合计费用81万元 → 免费施药费用: the money of the activity just counted
            name = out[-1].name + name
        if name in ("资金缺口", "缺口", "资金需求") and c.cls == "amount":
            # 四个卫生院改扩建项目…仍有资金缺口70余万元 → 卫生院改扩建资金缺口: the gap is the project's
            pj = None
            for pj in _PROJECT_OF.finditer(t, 0, c.start):
                pass
            if pj is not None:
                project = re.sub(r"^[一二三四五六七八九十两\d]+[个所家座]", "", pj.group("p"))
                name = project + ("资金缺口" if name == "缺口" else name)
        sw = _SIGNED_WITH.match(t, re_) if c.cls in ("count", "garbled") and len(name) <= 8 else None
        if sw and not name.startswith(sw.group("v")):
            # 县直5家医疗单位与11个乡镇卫生院签订了对口帮扶协议 → 签订对口帮扶协议县直医疗单位: both sides signed
            name = sw.group("v") + sw.group("y") + name
        if name.endswith("一行"):
            # 厅长等一行7人，来我市调研… → 调研人员: a visiting party is named by what it came to do
            vm = _VISIT.search(t, c.end, min(len(t), c.end + 24))
            name = vm.group(1) + "人员" if vm else name
        sm = _SENT_PEOPLE.fullmatch(name) if c.cls in ("count", "garbled") else None
        am = _HELD_EVENT.match(t, _clause_end(dpos, c.end, len(t)) + 1) if sm else None
        if am:
            # 组织50余名专家，在广场举行义诊活动 → 义诊专家: the people are counted for the event they held
            name = am.group("y") + sm.group("who")
        if c.start > 0 and t[c.start - 1] == "从" and _CHANGED_TO.match(t, c.end) and not name.endswith("(调整前)"):
            name += "(调整前)"            # 封顶线从3万元提高到6万元: the value before the change, named so
        out.append(Measurement(name=name, value=c.value, unit=c.unit, raw=raw, sentence=sent.index,
                               start=base + rs, subject=subject, period=period))
    return out


_VISIT = re.compile(r"(调研|检查|考察|督导|指导|视察|慰问|督查|评估|验收)")
_SIGNED_WITH = re.compile(r"与[^，,；;。]{2,16}?(?P<v>签订|签署)了?(?P<y>[^，,；;。]{2,12}?(?:协议|合同|责任书))")
_PROJECT_OF = re.compile(r"(?:(?<=[个所家座、，,；;])|^)(?P<p>[\u4e00-\u9fff]{2,8}?)(?:建设)?(?:项目|工程)(?![\u4e00-\u9fff]{0,2}资金)")
_SENT_PEOPLE = re.compile(r"(?:组织|抽调|派出|选派)?(?P<who>专家|医务人员|医护人员|医生|志愿者|技术骨干)")
_HELD_EVENT = re.compile(r"(?:[在赴到深入][^，,；;。]{1,12}?)?(?:举行|举办|开展)了?(?P<y>义诊|巡诊|健康讲座|讲座|健康宣讲|宣讲)"
                         r"(?:活动)?(?=[，,；;。并]|$)")
_BOUND_BEFORE = re.compile(r"[(（]\s*(不低于|不少于|至少|不超过|不高于|最多)\s*$")
def _in_brackets(t: str, a: int, limit: int) -> bool:
    """Whether position a sits inside a bracket that closes before limit."""
    opened = max(t.rfind("(", 0, a), t.rfind("（", 0, a))
    if opened < 0 or max(t.rfind(")", opened, a), t.rfind("）", opened, a)) >= 0:
        return False
    closed = min([k for k in (t.find(")", a, limit), t.find("）", a, limit)) if k >= 0] or [-1])
    return closed >= 0


_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|上升|上调|降低|下降|下调|减少|调整|扩大|缩小|缩短|延长)(?:到|至|为)")
# Case counts: a qualifier and a patients word (确诊病人, 疑似患者, 对照病例), and the disease of a case count
# (登记可疑结核病人 → 结核, 筛查髋关节疾病患者 → 髋关节疾病).
_PATIENTS = re.compile(r"(?P<q>[\u4e00-\u9fff]{2})(?P<h>病人|患者|病例)")
_DISEASE_CASES = re.compile(r"(?P<d>[\u4e00-\u9fff]{0,8}?(?:疾病|结核|艾滋病|[\u4e00-\u9fff]病|[\u4e00-\u9fff]症))"
                            r"(?:病人|患者|病例)")
_CASE_LEAD = re.compile(r"^(?:登记|筛查|报告|发现|确诊|可疑|疑似|新发|现症|管理|治疗|随访|收治|救治|检出|查出|累计|共)+")
_SANCTION = re.compile(r"(?:处罚|处理|整改|立案|罚款|取缔|关停|警告|约谈|吊销)$")
_CHECKED_BODIES = re.compile(r"(?:监督检查|检查|抽查|巡查|督查)(?P<bodies>[\u4e00-\u9fff]{2,8}(?:单位|机构|企业|场所))")
_CHECK_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:检查|检测|调查|筛查)(?=[\u4e00-\u9fff/]{2,5}$)")
_SESSIONS_AFTER = re.compile(r"(?<=^[\u4e00-\u9fff]{2})[一二三四五六七八九十两\d]+[期批轮]$")
_TOTAL_BEFORE = re.compile(r"(?:共计|合计|总计|共)(?P<v>[\u4e00-\u9fff]{2})")


def _shared_head(verb: str, done: list[Measurement]) -> str:
    """The head noun that at least two earlier counts share: 从业人员 (2+ characters when both were
    named verb+X, 3+ when they were not)."""
    names = [m.name[len(verb):] for m in done if m.name.startswith(verb) and len(m.name) > len(verb) + 2]
    if len(names) < 2:
        return _common_tail([m.name[len(verb):] if m.name.startswith(verb) else m.name for m in done], 3)
    return _common_tail(names, 2)


def _common_tail(names: list[str], least: int) -> str:
    best = ""
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            x, y = names[a], names[b]
            k = 0
            while k < min(len(x), len(y)) and x[-1 - k] == y[-1 - k]:
                k += 1
            if k >= least and k > len(best):
                best = x[len(x) - k:]
    return best


_PLACE_LIST = re.compile(r"^(?P<pre>[\u4e00-\u9fff]*?)[\u4e00-\u9fff]{2}(?:、[\u4e00-\u9fff]{2})+(?:、|和|及|与)"
                         r"[\u4e00-\u9fff]{2}(?P<head>[\u4e00-\u9fff]{1,4}(?:镇|乡|村|社区|街道|县|区))$")
_ARTICLES_OF = re.compile(r"素养|知识|守则|禁令|准则|条例|意见|规定")
_BARE_RATE = re.compile(r"[\u4e00-\u9fff]{2}率")
_BARE_MONEY = re.compile(r"(?:发放|支出|投入|拨付|兑现)?(?:费用|资金|金额|经费|款项)")
_BORROW_STOP = re.compile(r"^(?:开展|实施|推进|推开|推行|推广|做好|加强|完成|进行|组织|落实|全面|积极|认真|深入|继续|大力|扎实|"
                          r"规范|持续|不断|切实|全力|努力|的|了|和|及|与|或|第.*|在|对|为|是|全区|全县|全市|全镇|辖区|目前|已|共|等|"
                          r"今年|去年|全年|上半年|下半年|年内|当年|同期|期间|以来|.*\d.*)$")
_CONTENT_COUNT = re.compile(r"^[\u4e00-\u9fff]{0,2}(?:措施|用语|忌语|类别|指标|条款|条文|内容|方面|规定|要求|职责|环节|步骤|举措|原则)$")
_BORROW_NOT_AFTER = set("班会课室点站所队组")
_BORROW_DELIMS = re.compile(r"[，,；;：:。！？!?\n、（）()]")


def _borrow_object(verb: str, ctx: str) -> str | None:
    """完成筛查2800人 after 开展农村妇女两癌筛查工作 → 两癌筛查: a bare verb takes the words the text put in
    front of it where it named the activity first (this sentence before the clause, or the one before)."""
    k = ctx.rfind(verb)
    if k < 0 and verb in ("建成", "新建", "组建", "创建", "建设"):
        # 推进县域医疗次中心建设，年内建成2个 → 建成县域医疗次中心
        bm = None
        for bm in _BUILD_WORK.finditer(ctx):
            pass
        if bm is None:
            return None
        obj = _borrow_words(ctx, bm.start(), 8)
        return verb + obj if obj else None
    if k >= 0 and verb in _PEOPLE_VERBS:
        pm = _PEOPLE_AFTER.match(ctx, k + len(verb))
        if pm:
            return verb + pm.group("who")   # 招聘专业技术人员…，共招聘191人 → 招聘专业技术人员
        pb = None
        for pb in _PEOPLE_BEFORE.finditer(ctx):
            pass
        if pb is not None and pb.group("verb") == verb:
            # 对400名乡村医生进行培训…，已培训200人 → 培训乡村医生
            return verb + re.sub(r"^[名位个]", "", pb.group("who"))
    if k < 2 or ctx[k + len(verb):k + len(verb) + 1] in _BORROW_NOT_AFTER:
        return None                  # 培训班, 体检站: another thing, not the activity
    got = _borrow_words(ctx, k)
    return got + verb if got else None


# Verbs whose object (the people) follows them: where the text named them first, the object is after.
_PEOPLE_VERBS = {"招聘", "招录", "引进", "培训", "招收", "选派", "派出"}
_PEOPLE_AFTER = re.compile(r"\s*(?:[0-9]{1,2}[、.．]\s*)?(?P<who>[\u4e00-\u9fff]{0,6}?(?:人员|医生|医师|人才|护士|毕业生|村医|骨干))")
_PEOPLE_BEFORE = re.compile(r"(?P<who>[\u4e00-\u9fff]{0,6}?(?:人员|医生|医师|人才|护士|村医|骨干))(?:进行了?|参加了?|开展了?)"
                            r"(?:[^，,；;。]{0,6}?)(?P<verb>培训)")
_WORK_CLAUSE = re.compile(r"(?:做好|开展|加强|推进|实施|落实|抓好)[*\s]*([\u4e00-\u9fff]{2,8}?)(?:工作|管理|活动|行动)[，,；;：:]?$")


def _borrow_work(verb: str, ctx: str) -> str | None:
    """做好门诊治疗管理，服药900人次 → 门诊治疗服药: a bare verb whose activity was not named before takes
    the topic of the work clause right before it (做好/开展 … 工作/管理)."""
    wm = _WORK_CLAUSE.search(ctx.rstrip())
    if wm is None or any(ch.isdigit() for ch in wm.group(1)):
        return None
    return wm.group(1) + verb


_TAKE_PART_BARE = re.compile(r"(?:报名)?(?:参加|参与)|报名")
_EVENT = re.compile(r"(?:开展|展开|举办|举行|组织|召开|加强|进行|启动)了?[\s“”\"]*([\u4e00-\u9fff“”\"]{2,16}?"
                    r"(?:培训|培训班|会议|考试|考核|竞赛|比赛|讲座|演练|义诊|活动))[”\"]?(?=[，,；;。！]|$)")


def _borrow_event(ctx: str) -> str | None:
    """The last event (培训, 会议, 考试, 竞赛 …) the text held before a bare 参加 / 报名参加."""
    em = None
    for em in _EVENT.finditer(ctx.rstrip()):
        pass
    if em is None or any(ch.isdigit() for ch in em.group(1)):
        return None
    got = _trim(em.group(1).replace("“", "").replace("”", "").replace('"', ""))
    return got if len(got) >= 4 else None


_BUILD_WORK = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:建设|创建)")


def _borrow_words(ctx: str, k: int, most: int = 6) -> str:
    """Up to six characters of words right before ctx[k] in its clause (no verbs, times, numbers)."""
    d = None
    for d in _BORROW_DELIMS.finditer(ctx, 0, k):
        pass
    pre = ctx[d.end() if d else 0:k]
    from ..tokens import jieba_module as _jieba
    toks = list(_jieba().cut(pre, HMM=False))
    got = ""
    for j in range(len(toks) - 1, -1, -1):
        w = toks[j]
        if w in "“”\"‘’《》":
            continue                     # 实施“两癌”免费筛查: quotes are transparent
        if _BORROW_STOP.match(w) or len(got) + len(w) > most or not w.strip() \
                or w in load_units() and j and any(ch.isdigit() or ch in CN_DIGITS for ch in toks[j - 1]):
            break
        got = w + got
    got = _trim(got.strip())         # (其中重点人群 → 重点人群)
    return got if len(got) >= 2 else ""


# 选派医生到乡镇卫生院驻点帮扶 → 选派医生: where the people are sent is not the measure
# (for training a short destination stays: 派出医护人员到省级医院进修; a long one goes, 进修 kept)
_SENT_TO = re.compile(r"((?:选派|派出|派遣|下派|抽调|组织|安排)[^到赴]{2,}?)(?:到|赴|前往)(?![位期达底])(.{2,})$")
_MID_FILLER = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<!能够)(?<!可以)(?<!能)(?:提供|开展了|开展|(?<![人户床日年次平])均(?![衡匀值等]))(?=[\u4e00-\u9fff“\"]{2})")
_PROGRAM_PREFIX = re.compile(r"^[\u4e00-\u9fff]{4,16}?(?:项目|工程)(?=(?:人均|户均|年人均|每人)?[\u4e00-\u9fff]{2,8}(?:标准|经费|补助)$)")
_TO_RECIPIENT = re.compile(r"(?:(?<=[\u4e00-\u9fff])(?:向|给)|^(?:向|给)?)(?:广大|辖区|全县|全市|全区)?(?:群众|居民|患者|农民|市民|学生|家长|村民|老人|儿童)"
                           r"(?=(?:免费)?(?:发放|赠送|派发|分发|捐赠|赠发))")
_IN_SYSTEM = re.compile(r"(?<=^[\u4e00-\u9fff]{2})[\u4e00-\u9fff]{0,8}(?:管理|信息|网络|数据|监测|直报)(?:系统|平台)"
                        r"(?=[\u4e00-\u9fff]{2,4}$)(?![\u4e00-\u9fff]*率$)")
_LIGHT_VERBS = {"推进", "落实", "实施", "开展", "进行", "展开", "深化", "抓好", "做好", "完善"}
_TAKE_MEASURES = re.compile(r"采取了?([\u4e00-\u9fff]{2,8}?)(?:措施|手段)")
_TASK_DONE = re.compile(r"(?:累计|共)?完成了?[\u4e00-\u9fff]{2,12}(?:任务|目标|计划)$")
_NEW_ROUND = re.compile(r"(?:新一轮|新一批|新一届)")
_LIGHT_LEAD = re.compile(r"^组织了?(?=[\u4e00-\u9fff]{2})(?!开展|实施|进行|召开|举办|专家|机构|架构)")
_TRAIL_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:成立|组成|参加|参与|开展|进行)$")
_SESSION = re.compile(r"[一二三四五六七八九十\d]{1,3}届(?:[一二三四五六七八九十\d]{1,3}次)?(?:全体|全委)?(?:会议)?")
_MID_TOTAL = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:(?:共计|总计|累计|(?<![公总一])共(?![享建同识性产青有]))(?=[\u4e00-\u9fff]{4})|(?<![公总一])共有(?=[\u4e00-\u9fff]{3}))")
_LEAD_DONE_BARE = re.compile(r"^(?:累计|共)?完成了?")
_LEAD_DONE = re.compile(r"^(?:累计|共)?完成了?(?=[^率]{4})")


def _polish(name: str, counted_after: bool = True) -> str:
    """Last touches on a name: 选派医生到…帮扶 → 选派医生, 为老人提供上门服务 → 老人上门服务,
    完成农村妇女筛查 → 农村妇女筛查. (The destination is cut only when the number counted the
    people: 选派16名医生到…, not 下派专家到基层坐诊1200人次.)"""
    m = _SENT_TO.search(name) if counted_after else None
    if m:
        tm = re.search(r"(进修|培训)(?:学习)?$", m.group(2))
        if not tm:
            name = m.group(1)
        elif len(m.group(2)) >= 9:
            name = m.group(1) + tm.group(1)
    name = _SESSION.sub("", name)
    km = _MID_TOTAL.search(name)
    if km and counted_after:
        name = name[:km.start()]     # 17个乡镇卫生院共接收门诊病人… → 乡镇卫生院: the count is of the noun before 共
    elif km:
        name = name[km.end():]       # 卫健委前三季度共编发信息 → 编发信息: the subject and time go
    pm = _PROGRAM_PREFIX.match(name)
    if pm:
        name = name[pm.end():]      # 基本公共卫生服务项目人均补助标准 → 人均补助标准
    name = _NEW_ROUND.sub("", name) or name
    om = _LIGHT_LEAD.match(name)
    if om:
        name = _TRAIL_VERB.sub("", name[om.end():]) or name   # 组织50名专家 → 专家: the people are the count
    name = _MID_FILLER.sub("", name)
    name = _TO_RECIPIENT.sub("", name)   # 免费向群众发放药品 → 免费发放药品: who receives it is not the measure
    name = _IN_SYSTEM.sub("", name)      # 更新药品监督管理系统药品 → 更新药品: where it was done is not the measure
    name = re.sub(r"进修学习", "进修", name)
    if _TASK_DONE.fullmatch(name):
        return name                      # 完成市下达的任务95%: completing the task is the measure
    done = _LEAD_DONE.sub("", name)
    return (_trim(done) or done) if done != name else name


_NOUN_STOP = re.compile(r"以及|[、和及与]|其中|已经|已有|共计|共有|均|全部|进行|开展|实施|的|分别|等|[(（]")
_TAKE_PART = re.compile(r"^(参加|参与)了?(?=[\u4e00-\u9fff“\"]{2})")
_VERB_START = re.compile(r"^(?:参加|参与|接受|报名|通过|完成|获得|被|到|赴|前往|担任|开展|进行)")
_DIRECTION_END = re.compile(r"(?:同比)?(?:增长|上升|下降|降低|减少|增加|提高|提升)$")
_BARE_SHARE = re.compile(r"\s*(?:约|共)?占(?:到|了)?(?:总数的|总量的|其中的)?\s*")
_SHARE = re.compile(r"^占(?:到|了)?(.{2,})$")
_SAME_PERIOD_BARE = re.compile(r"(?:去年同期|上年同期)[(（](?P<num>\d+(?:\.\d+)?)[)）]")
_SAME_PERIOD_NAME = re.compile(r"去年同期|上年同期|去年|上年")
_CONJ_RE = re.compile(r"[和、及与或]")
_CONJ_ONLY = re.compile(r"^\s?(?:和|、|及|与|或|以及)?\s?$")
_CHANGE_TO = re.compile(r"^(?:提高|增加|上升|下降|降低|调整|提升|增长|减少|扩大|缩小)(?:到|至|为)$")
# Rates that say nothing on their own (完成率83.55% after 第一剂接种52270剂): they take the measure before them.
_GENERIC_RATE = re.compile(
    r"^(?:累计)?(?:完成|管理|调查|录入|体检|培训|发证|正确|办结|到货|死亡|发病|建档|合格|达标|符合|及时|报告|检出|调离|"
    r"知晓|满意|执行|使用|受益|治愈|随访|检查|采样|接种|系统管理)率$|^(?:累计)?完成$|^(?:增幅|降幅|增速|涨幅)$")
_RATE_LIST = re.compile(r"([^\s，,；;:：。、]{1,8}?率)分别(?:为|是|达到|达)?[:：]")
_ORDINAL_NAME = re.compile(r"^第[一二三四五六七八九十\d]{1,3}(\S)$")
_LEAD_VERB2 = re.compile(r"^(?:累计|共计|上报|报告|建立|开展|完成|组织|发现|登记|实现|进行|已审核|审核|已)+")
_RATE_HEAD = re.compile(r"^(.{2,}?率)(?:达到|达|为|要达到|保持在|稳定在|控制在)(.+)$")


# 21所卫生院中，已有14所…: the count after it is a part of the set just counted
_PART_OF = re.compile(r"\s*中[，,]?\s*(?:已经|已|共|仍|尚)?有?\s*$")
# 两个系统管理分别达到…: "the two X" points back at the X measures just named
_THESE_N = re.compile(r"^((?:这|上述|以上)?[两二三四五])(?:个|项|类)?([\u4e00-\u9fff]{2,8})$")
_N_OF = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_COMPLETE_NOUN = re.compile(r"(?:医院|卫生院|卫生室|中心|机构|诊所|站|所)$")
_TOPIC_END = re.compile(r"(?:人员|单位|产妇|孕妇|儿童|病人|患者|医生|村医|学生|农民|老年人|居民|机构|企业|职工)$")


_VERB_IN_HEAD = re.compile(r"^.{0,2}?(?:引进|招聘|出动|招录|培训|选派|派出|新增|新建|建成|完成|开展|发放|检查|查处|取缔|"
                           r"摸排|排查|管控|收治|救治|筛查|检测|监测|随访|接种|资助|表彰|创建|创成|命名)+")


_THRESH = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?[元人岁级个名次%]?(?:以上|以下|以内)")


# The sentence opens on its topic: 城镇居民医保自去年启动以来，参保人数…
_SENTENCE_TOPIC = re.compile(r"^\s*(?P<a>[\u4e00-\u9fff]{4,12}?)(?:自|从)[^，,；;。]{1,12}以来\s*$")


def _with_sentence_topic(results, t, dpos):
    """Measures of a sentence whose first clause only names its topic carry that topic in front."""
    if not results or not dpos:
        return results
    m = _SENTENCE_TOPIC.match(t, 0, dpos[0])
    if not m or results[0][0].start < dpos[0]:
        return results
    topic = m.group("a")
    topic = _trim(_REGION_IN_NAME.sub("", topic))
    if len(topic) < 4:
        return results
    out = []
    for c, name, rs, re_, left in results:
        if topic not in name and len(name) <= 8:
            name = topic + name
        out.append((c, name, rs, re_, left))
    return out


def _with_these(results):
    """产妇…系统管理2067人，儿童…系统管理13178人，两个系统管理分别达到95%和93%: "the two X" are the X
    measures just named, in their order (a rate of them when the values are rates)."""
    out = []
    k = 0
    while k < len(results):
        c, name, rs, re_, left = results[k]
        bm = _THESE_N.match(name)
        j = k
        while j < len(results) and results[j][1] == name and results[j][2] == rs:
            j += 1
        if bm and _N_OF[bm.group(1)[-1]] == j - k:
            named = [r[1] for r in out if r[0].cls not in ("rate", "delta") and r[1].endswith(bm.group(2))
                     and r[1] != bm.group(2)]
            if len(named) >= j - k:
                rate = c.cls == "rate" and not bm.group(2).endswith("率")
                for x, r in zip(named[-(j - k):], results[k:j]):
                    out.append((r[0], x + ("率" if rate else ""), r[2], r[3], r[4]))
                k = j
                continue
        out.append(results[k])
        k += 1
    return out


def _with_thresholds(results):
    """1万元以上从49%提高到60% after 二级医院比例1万元以下从42%…: the bracket replaces the earlier one."""
    out = []
    for k, (c, name, rs, re_, left) in enumerate(results):
        m = _THRESH.fullmatch(name)
        if m and k:
            for pc, pname, *_ in reversed(out):
                pm = _THRESH.search(pname)
                if pm and pc.unit == c.unit:
                    name = pname[:pm.start()] + m.group(0) + pname[pm.end():] + name[m.end():]
                    break
        out.append((c, name, rs, re_, left))
    return out


def _with_same_period(results):
    """去年同期(546例) after 报告法定传染病734例 → 去年同期报告法定传染病."""
    out = []
    for c, name, rs, re_, left in results:
        if _SAME_PERIOD_NAME.fullmatch(name):
            prev = [r[1] for r in out if r[0].cls not in ("rate", "delta") and not r[1].startswith(name)]
            if prev:
                name = name + prev[-1]
        out.append((c, name, rs, re_, left))
    return out


_PERSON_UNITS = re.compile(r"^(?:万|亿)?(?:人|名|位|人次|例|例次|户|户次|对|人份|户/次|人/次)$")


def _unit_family(unit: str) -> str:
    return "person" if _PERSON_UNITS.match(unit) else unit.lstrip("万亿")


def _with_topics(results):
    """Short names after a head count take its noun: 从业人员1375名，参加体检1375名，体检率100%
    → 从业人员参加体检, 从业人员体检率. A generic rate with no such head takes the measure before it."""
    out = []
    topic = None
    topic_family = ""
    prev_count = None
    prev_full = None
    rate_chain = None               # the subject of a run of rates: 疫情卡片 (录入率, 及时率, 正确率)
    disease = None                  # the disease a run of case counts is about (登记可疑结核病人…，确诊病人…)
    for c, name, rs, re_, left in results:
        tk = _TAKE_MEASURES.fullmatch(name)
        if tk:
            name = tk.group(1)          # 采取行政处罚措施 → 行政处罚: the light verb and 措施 say nothing
        pm_case = _PATIENTS.fullmatch(name) if c.cls in ("count", "garbled") else None
        if pm_case and disease and len(name) <= 4:
            # 登记可疑结核病人819例，确诊病人272例 → 确诊结核病人: the cases of the disease just named
            out.append((c, pm_case.group("q") + disease + pm_case.group("h"), rs, re_, left))
            prev_full = None
            continue
        dm = _DISEASE_CASES.fullmatch(_CASE_LEAD.sub("", _VERB_IN_HEAD.sub("", name))) \
            if c.cls in ("count", "garbled") else None
        disease = dm.group("d") if dm else (disease if pm_case else None)
        if c.cls in ("count", "garbled") and left and prev_full \
                and (len(name) <= 5 or len(name) <= 10 and name[-2:] == prev_full[-2:]) \
                and not _is_verbish(name) and not _VERB_START.match(name) and not _is_verbish(name[:2]) \
                and not _SANCTION.search(name):
            # 全职引进博士38人、硕士323人 → 全职引进硕士 (not 行政处罚: another act, not another object)
            vm = _VERB_IN_HEAD.match(prev_full) or _CHECK_HEAD.match(prev_full)
            if vm and not name.startswith(vm.group(0)):
                name = vm.group(0) + name
            pm = _PER_HEAD_FRONT.match(prev_full)
            if pm and not _PER_HEAD_FRONT.match(name):
                name = pm.group(0) + name   # 每千人口执业医师2.8人、注册护士3.1人 → 每千人口注册护士
        if c.same_period:
            out.append((c, name, rs, re_, left))
            continue
        if c.cls in ("count", "garbled"):
            prev_full = name if left else None
            if not left:
                topic = None
            elif checked_bodies := _CHECKED_BODIES.fullmatch(name):
                # 监督检查食品从业单位2133户/次，行政处罚421户/次 → 食品从业单位行政处罚: the bodies checked
                topic, topic_family = checked_bodies.group("bodies"), _unit_family(c.unit)
            elif _TOPIC_END.search(name) and not _is_verbish(name[:2]) and not _VERB_START.match(name):
                topic, topic_family = name, _unit_family(c.unit)
            elif topic and len(name) <= 5 and topic not in name and not _COMPLETE_NOUN.search(name) \
                    and not _TOPIC_END.search(name) and _unit_family(c.unit) == topic_family:
                # 从业人员1375名，参加体检1375名 → 从业人员参加体检 (not 下转病人: a complete noun;
                # not 卫生技术人员…人，实有床位…张: another kind of count)
                name = topic + name
            elif len(name) > 5 and not (c.headless and topic and _unit_family(c.unit) == topic_family):
                topic = None
            prev_count = name
            if c.headless and topic and _unit_family(c.unit) == topic_family:
                prev_count = topic   # 共有药店80家，取得许可证的72家，发证率90% → 药店发证率: of the whole
        elif c.cls == "amount":
            prev_count = name
        elif c.cls == "rate" and _GENERIC_RATE.match(name):
            base = _LEAD_VERB2.sub("", prev_count) if prev_count else topic
            if base:
                base = re.sub(r"(?<=..)(?:惠及|受益)$", "", base)
            if out and out[-1][0].cls == "rate" and c.start - out[-1][0].end <= 16 and name.endswith("率"):
                # 疫情卡片录入率100%，正确率100% → 疫情卡片正确率: the thing the rate before measured
                head = rate_chain or _rate_subject(out[-1][1])
                if head:
                    base = head
            if not name.endswith("率"):
                name, stem = name, None
                if base and base not in name:
                    name = base + name
                out.append((c, name, rs, re_, left))
                continue
            if base and base not in name:
                stem = name[:-1]
                if base.endswith(stem):
                    name = base + "率"
                elif base.startswith(stem) and len(base) - len(stem) >= 2:
                    name = base[len(stem):] + name     # 接种加强针…，接种率 → 加强针接种率
                else:
                    name = base + name
        if c.cls == "rate":
            head = _rate_subject(name)
            if not (rate_chain and out and out[-1][0].cls == "rate" and (head is None or _GENERIC_RATE.match(head + "率"))):
                rate_chain = head if head and not _GENERIC_RATE.match(head + "率") else None
        else:
            rate_chain = None
        out.append((c, name, rs, re_, left))
    return out


def _rate_subject(name: str) -> str | None:
    """疫情卡片录入率 → 疫情卡片: the words before a generic rate ending (None when there is none)."""
    for k in range(1, len(name) - 2):
        if _GENERIC_RATE.match(name[k:]) or _GENERIC_RATE.match(name[k:].replace("及时", "", 1)):
            head = name[:k]
            return head if len(head) >= 2 else None
    return None


def _rate_head(left: str) -> str:
    m = _RATE_HEAD.match(left)
    return m.group(1) if m else left


def _first_index(raw: str, cleaned: str) -> int:
    k = raw.find(cleaned)
    if k >= 0:
        return k
    pm = _PER_HEAD_FRONT.match(cleaned)
    if pm and len(cleaned) > pm.end():          # 每千人口托位数 read from 托位数达到每千人口4.1个
        k = raw.find(cleaned[pm.end():pm.end() + 2])
        if k >= 0:
            return k
    k = raw.find(cleaned[:1])
    return max(k, 0)


def _last_index(raw: str, cleaned: str) -> int:
    k = raw.rfind(cleaned)
    if k >= 0:
        return k + len(cleaned)
    if cleaned:
        return len(raw.rstrip())            # a name rebuilt from the clause: raw runs to its end
    k = raw.rfind(cleaned[-1:])
    return k + 1 if k >= 0 else 0
