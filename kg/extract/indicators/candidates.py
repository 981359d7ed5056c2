"""Phase 1: candidates, a number and its measure word (stage: sentence text → _Cand list)."""
from __future__ import annotations

import re

from ..numbers import CN_DIGITS, parse_arabic, parse_chinese, parse_chinese_fraction
from ..registry import rule
from .lexicon import _patterns, load_rate_units, load_units
from .words import _DELIMS, _THRESHOLD, _UNIT_BLOCK

_AVERAGE = re.compile(r"平均|住院日|寿命|时间|时长")


def _clause_tail(t: str, pos: int, width: int) -> str:
    w = t[max(0, pos - width):pos]
    for k in range(len(w) - 1, -1, -1):
        if w[k] in _DELIMS:
            return w[k + 1:]
    return w
_HAS_NUMBER = re.compile(r"[0-9十百千万两三四五六七八九xX×*]|[\u4e00-\u9fff][ \u3000]|率[^，,；;。]{0,6}零")


_NEG_AFTER = re.compile(r"(?:增长率|率)(?:为|是|达)?\s?$")
_RANGE_END = re.compile(r"\d\s?[%‰人个家所名元次例]$")


class _Cand:
    __slots__ = ("start", "end", "num_end", "value", "unit", "cls", "placeholder", "same_period", "headless", "rule")

    def __init__(self, start, end, num_end, value, unit, cls, placeholder, rule=None):
        self.start, self.end, self.num_end = start, end, num_end
        self.value, self.unit, self.cls, self.placeholder = value, unit, cls, placeholder
        self.rule = rule              # the last rule that shaped it (registry name)
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
    if unit_surface == "分" and (not m.group("num")[:1].isdigit()
                                 or t[max(0, m.start() - 1):m.start()] in ("时", "点", ":", "：")):
        return True                       # a score is written in digits: 十分重视, 8时30分 are no scores
    if unit_surface:
        block = _UNIT_BLOCK.get(unit_surface)
        if block and nxt and nxt in block and not (unit_surface == "家" and nxt == "乡"
                                                   and t[e + 1:e + 2] != "" and t[e + 1:e + 2] in "镇村卫级街"):
            return True                   # (15家乡镇卫生院 is a count, 家乡 is not)
    # a threshold that qualifies what follows (2万元以上的共7人, 4级以上30人, 5千元以下从18%)
    th = _THRESHOLD.match(t, e)
    if th:
        after = t[th.end():th.end() + 1]
        if after and after not in _DELIMS and after not in "”\"）)":
            return True
    return False


_RATE_BEFORE = re.compile(r"率(?:达到|达|为|是|提高到|提升到|保持在)?\s?$")


# one meeting's attendance, media and acts (the number comes right before these, or after the attendees)
_EVENT_AFTER = re.compile(r"(?:余|多)?(?:人|名|位)(?:干部|职工|代表|嘉宾|同志|人员)?(?:参加|出席|参会|列席|与会)(?:了)?"
                          r"(?:本次|此次|这次)?(?:会议|大会|座谈会|仪式|典礼|启动仪式|开幕式|发布会|活动仪式)"
                          r"|(?:余|多)?家(?:新闻)?媒体|(?:余|多)?个(?:文艺)?节目")
_EVENT_BEFORE = re.compile(r"(?:参会|与会|出席|列席)(?:人员|代表|嘉宾|同志)(?:共|达|有)?\s?$")
def _one_occasion(t: str, s: int, num_end: int) -> bool:
    """A number about one visit or one event (PARTY_SIZE, EVENT_SIZE), counted as the rule's hit."""
    if PARTY_SIZE.on and t[max(0, s - 2):s] == "一行":
        PARTY_SIZE.hit()
        return True
    if EVENT_SIZE.on and (_EVENT_AFTER.match(t, num_end) or _EVENT_BEFORE.search(t, max(0, s - 8), s)):
        EVENT_SIZE.hit()
        return True
    return False


_POINTS_BACK = re.compile(r"(?:这|这些|上述|前述|(?<![\d级岁元人个名次万%])以上)\s?$")
_ZERO_AFTER_RATE = re.compile(r"([\u4e00-\u9fff]{1,12}率)(?:为|是|达到|达|降至|降为|降到|(?:继续)?保持(?:在|为)?|控制在|控制为)?\s?$")


_ZERO_WORD = re.compile(r"零(?=$|[，,；;。、）)])")


def _rate_unit_before(t: str, at: int) -> str | None:
    """The unit of the rate named right before `at` (…死亡率为), None when no rate is named there."""
    rm = _ZERO_AFTER_RATE.search(t, max(0, at - 20), at)
    if rm is None:
        return None
    for ending, unit in load_rate_units():
        if rm.group(1).endswith(ending):
            return unit
    return "%"


def _zero_rate_unit(t: str, m: re.Match) -> str | None:
    """The unit of a rate given as a bare 0 (孕产妇死亡率为0 → /10万), None when this is not one."""
    num = m.group("num")
    if num.strip("0.") or num[0] in "xX×*" or m.group("unit") or m.group("mult"):
        return None
    nxt = t[m.end("num"):m.end("num") + 1]
    if nxt and not (nxt in _DELIMS or nxt in "、）)" or "\u4e00" <= nxt <= "\u9fff") or nxt in "年月日天岁个次":
        return None
    return _rate_unit_before(t, m.start())


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


ARABIC = rule("indicators", "arabic-number", matches="an Arabic number (1,234.5; 89. 46; x% placeholders) and a measure "
             "word of units.tsv after it, with 万/亿 kept in the unit", produces="a candidate: value, unit, class")
GARBLED_PCT = rule("indicators", "garbled-percent", matches="X率达到96 with a stray character or nothing after it",
                   produces="a % candidate (the percent sign lost or misread)")
ZERO_RATE = rule("indicators", "zero-rate", matches="孕产妇死亡率为0 (or 为零): a rate whose value is 0 written without a unit",
                 produces="0 in the unit that rate is reported in (indicator_rate_units.tsv), else %")
POINTS_BACK = rule("indicators", "number-points-back", matches="这10项工作, 上述3家医院, 以上三种模式: a number after 这/上述/以上",
                   produces="nothing: it refers to things counted before, it is not a new measure")
PARTY_SIZE = rule("indicators", "party-size", matches="…等一行8人来我县: the size of a visiting party",
                  produces="nothing: a number about one visit is not an indicator (GUIDELINES: anecdotes)")
EVENT_SIZE = rule("indicators", "event-attendance", matches="120人出席大会, 与会代表80余人, 10家媒体到场, 演出12个节目: "
                  "who came to one meeting or ceremony, the media and the acts of one event",
                  produces="nothing: the size of one event is an anecdote, not a measure of the work")
NEG_RATE = rule("indicators", "negative-rate", matches="自然增长率-1.2‰: a minus sign after a rate word",
                produces="a negative value")
SAME_PERIOD = rule("indicators", "same-period-bracket", matches="去年同期(546): last year's figure in brackets",
                   produces="a candidate in the unit of the measure before it")
BLANK = rule("indicators", "blank-placeholder", matches="a blank where a number was left out before a unit (下乡 人次)",
             produces="a placeholder candidate (value None)")
CN_NUMERAL = rule("indicators", "chinese-numeral", matches="三十五家, 两千余人, 五百万元: a Chinese numeral of 10 or more "
                  "(or with 万/亿) and a measure word", produces="a candidate")
CN_FRACTION = rule("indicators", "chinese-fraction", matches="百分之九十八, 十万分之十二", produces="a rate candidate")
SMALL_COUNT = rule("indicators", "single-digit-body-count", matches="两家医疗集团, 专科达到五个: a single Chinese digit "
                   "counting bodies", produces="a count candidate")

_NAMED_BY_RATE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:项目|工程|行动|计划)")


def _candidates(t: str) -> list[_Cand]:
    arabic, cn, blank = _patterns()
    out: list[_Cand] = []
    for m in arabic.finditer(t) if ARABIC.on else ():
        s = m.start()
        num = m.group("num")
        prev = t[s - 1:s]
        if prev and (prev.isdigit() or prev in ".．" or prev.isascii() and prev.isalpha() or prev in "第"):
            continue
        if num[0] in "xX×*" and prev and prev in "xX×*":
            continue
        if POINTS_BACK.on and _POINTS_BACK.search(t, max(0, s - 3), s):
            POINTS_BACK.hit()
            continue
        if _one_occasion(t, s, m.end("num")):
            continue
        u = _unit_of(m)
        if u is None and ZERO_RATE.on and (zu := _zero_rate_unit(t, m)):
            u = (zu, "rate")
            rname = ZERO_RATE
        elif u is None:
            if not GARBLED_PCT.on or not _garbled_percent(t, m):
                continue
            u = ("%", "rate")             # 创建率达到100虬: an OCR slip for % after a rate
            rname = GARBLED_PCT
        else:
            rname = ARABIC
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
            if NEG_RATE.on and prev and prev in "-－" and u[1] in ("rate", "delta") \
                    and _NEG_AFTER.search(t, max(0, s - 8), s - 1):
                value = -value                # 自然增长率-1.2‰
                rname = NEG_RATE
        rname.hit()
        out.append(_Cand(s, e, m.end("num"), value, u[0], u[1], ph, rname.name))
    # 死亡率为零: the rate's 0 written as a word
    for m in _ZERO_WORD.finditer(t) if ZERO_RATE.on and "零" in t else ():
        unit = _rate_unit_before(t, m.start())
        if unit is not None:
            ZERO_RATE.hit()
            out.append(_Cand(m.start(), m.end(), m.end(), 0.0, unit, "rate", False, ZERO_RATE.name))
    # 与去年同期(546)相比: last year's figure, in the unit of the measure before it
    for m in _SAME_PERIOD_BARE.finditer(t) if SAME_PERIOD.on else ():
        SAME_PERIOD.hit()
        out.append(_Cand(m.start("num"), m.end("num"), m.end("num"), parse_arabic(m.group("num")), "",
                         "same_period", False, SAME_PERIOD.name))
    # a number left blank in a template: 深入全市 个行政村, 下乡 人次
    for m in blank.finditer(t) if BLANK.on else ():
        u = load_units().get(m.group("unit"))
        if u and u[1] in ("count", "rate") and not _blocked(t, m, m.group("unit")):
            BLANK.hit()
            out.append(_Cand(m.start("unit"), m.end(), m.start("unit"), None, u[0], u[1], True, BLANK.name))
    taken = [(c.start, c.end) for c in out]
    for m in cn.finditer(t):
        s = m.start()
        if any(a < m.end() and s < b for a, b in taken):
            continue
        num = m.group("num")
        prev = t[s - 1:s]
        if prev == "第":
            continue
        if POINTS_BACK.on and _POINTS_BACK.search(t, max(0, s - 3), s):
            POINTS_BACK.hit()
            continue
        if _one_occasion(t, s, m.end("num")):
            continue
        frac = m.group("frac")
        if frac and not CN_FRACTION.on:
            continue
        if frac:
            f = parse_chinese_fraction(frac + num)
            if f is None:
                continue
            CN_FRACTION.hit()
            out.append(_Cand(s, s + len(frac) + len(num), s + len(frac) + len(num), f[0], f[1], "rate", False,
                             CN_FRACTION.name))
            continue
        if m.group("q1") == "几" or not any(ch in num for ch in CN_DIGITS) and not (
                num == "十" and (m.group("q1") or m.group("q2"))):   # 十余家 → 10 家
            continue
        u = _unit_of(m)
        if u is None or _blocked(t, m, m.group("unit")) or u[1] == "duration":
            continue
        unit = u[0]
        if num[-1] in "万亿" and len(num) > 1 and not m.group("mult") and u[1] not in ("rate", "delta"):
            # 六百万元 → 600 万元, 两万余册 → 2 万册: the multiplier stays in the unit
            unit = num[-1] + (unit if m.group("unit") else "")
            num = num[:-1]
        v = parse_chinese(num)
        if v is None:
            continue
        if v < 10 and not unit.startswith(("万", "亿")):
            if not SMALL_COUNT.on or not _small_count(t, m, num, u[1]):
                continue
            rname = SMALL_COUNT
        elif not CN_NUMERAL.on:
            continue
        else:
            rname = CN_NUMERAL
        rname.hit()
        out.append(_Cand(s, m.end(), m.end("num"), v, unit, u[1], False, rname.name))
    out.sort(key=lambda c: c.start)
    return out


# A single Chinese digit counts only before a plain classifier and a noun (两个紧密型医共体, 达到五个):
# not 一 (一是, 一家人, 一站式), not grades or batches (三级医院, 二级甲等, 一期), not slogans (五个全覆盖, 四个一).
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


_BODY = (r"(?:医共体|医联体|集团|医院|卫生院|卫生室|卫生所|诊所|分院|中心|专科|学科|科室|机构|联盟|基地|工作站|服务站|"
         r"门诊|病区|病房|诊室|实验室|接种点|服务点|监测点|哨点|团队|医疗队)")
_SMALL_BODY_AFTER = re.compile(r"[^，,；;。、“”\"]{0,10}?" + _BODY + r"(?![\u4e00-\u9fff]{0,2}[建设管理工作活动项目改造正])")
_SMALL_BODY_BEFORE = re.compile(_BODY + r"(?:[^，,；;。]{0,4}?(?:达到|达|增至|增加到|为|有))?$")



_SAME_PERIOD_BARE = re.compile(r"(?:去年同期|上年同期)[(（](?P<num>\d+(?:\.\d+)?)[)）]")
