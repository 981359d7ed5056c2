"""Word lists and trims shared by every phase: delimiters, filler words at a name's edges, clauses."""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right


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
    "分": "之钟别娩级期批区院类配布散析工管局会支队站",
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
    "轮": "流训岗换值班",
    "管": "理控护辖道网住",
    "份": "额",
    "张": "贴",
    "单位": "",
    "只": "有是要能需",
}
# After the number and unit: a threshold, not a value (1万元以上的, 3级以上110人).
_THRESHOLD = re.compile(r"\s?(?:以上|以下|以内|及以上|左右)")

_HEAD_TRIM = re.compile(
    r"^(?:[\s\"“”‘’《》、,，:：\-—）)]|[(（](?:含|包括)|[(（](?=其中)|[(（]?[一二三四五六七八九十\d]{1,2}[)）、.](?!\d)|[一二三四五六七八九十]是|"
    r"(?:全|我|本)(?:县|市|区|镇|乡|旗|州|院)(?:的|范围内)?|各(?:级|类)?(?:医疗卫生|医疗|卫生)?(?:单位|机构)(?=[\u4e00-\u9fff]{3})|我局|(?:县内|市内|区内|城区内|辖区内)(?!外)|各类|各种|各|"
    r"其中|共有|共计|总计|合计|共|一共|分别|另有|另外|另|并且|并|以及|仍有|还有|尚有|还|已有|已经|已|现有|现|目前|当前|今年|去年|上半年|下半年|"
    r"全年|年内|同期|先后|同时|此外|及时|均|又|再|将|把|使|让(?![利步渡])|有(?![效偿线关序益害毒])|对(?![照象接外口])|为|向|在(?![岗职册编院校读线家])|与|从|由|于|和|及|等|"
    r"截至|截止|至|年度|其|力争|确保|力求|预计|"
    # a plan's modal words (要/需要/必须 …): what is to be done is the measure (要 before a noun stays: 要素)
    r"必须|务必|应当|需要|需(?!求)|还要|仍要|要(?![求素点案件害闻务地职])(?=[\u4e00-\u9fff]{3})|拟(?=[\u4e00-\u9fff]{3}))+")
# Fillers at the end of a name (达到, 为, 共计, 分别 …). Matched on the reversed string from its start,
# which is much faster than a (…)+$ search.
_TAIL_WORDS = (
    "达到了 达到 到达 达 为 是 共计 共有 共 累计 合计 总计 计 近 超过 超 突破 逾 保持在 保持 控制在 稳定在 维持在 "
    "分别为 分别达 分别 均达 均为 均 都 提高到 提高至 提升到 提升至 增加到 增加至 增至 上升到 上升至 下降到 下降至 "
    "降至 降低到 降低至 降到 缩短至 缩短到 缩短为 扩大到 扩大至 扩展到 扩展至 增长到 增长至 延长至 延长到 减少到 减少至 每百人天 每百人日 每千人天 进步到 进步至 由 从 已 在 至 到 了 的 有 仅 只 就 要 按 继续 仍然 仍 进一步 占到 占 "
    "是去年 是上年 为去年 为上年 比去年 比上年 较去年 较上年 高于 低于 不低于 不高于 不少于 不超过 不足 不到 大于 小于 为止 和 及 与 或 等").split()
# a filler character that ends a word with the one before it stays (普及, 参与, 作为, 得到, 存在)
_TAIL_NOT_AFTER = {"及": "(?![惠涉普波])", "与": "(?![参给赋])", "为": "(?![作行认成])", "到": "(?![得收受遇做看办])",
                   "在": "(?![存所现实])"}
_TAIL_REV = re.compile(
    r"^(?:[\s\"“”‘’、,，:：\-—(（]|约(?![预制签合节公契条])|中(?=[院室站所村校心])|"
    r"上以(?![\d元万人岁级个名次%])|下以(?![\d元万人岁级个名次%])|"
    + "|".join(re.escape(w[::-1]) + _TAIL_NOT_AFTER.get(w, "")
               for w in sorted(_TAIL_WORDS, key=len, reverse=True)) + ")+")


class _TailTrim:
    """Drop-in for a compiled `(fillers)+$` pattern: .sub("", s) removes trailing fillers."""

    @staticmethod
    def sub(_repl: str, s: str) -> str:
        m = _TAIL_REV.match(s[::-1])
        return s[:len(s) - m.end()] if m else s


_TAIL_TRIM = _TailTrim()
_REGION_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])(?:全|我)(?:县|市|区|镇|乡|旗)(?!级|直|属|委|政府|人民|医院|卫生|中医|妇幼|疾控)")
_TIME_HINT = re.compile(r"[截到年月今全目当现同期来季步阶]")
# Time words: everything up to them is setting, not the measure.
_TIME_CUT = re.compile(
    r"^.*?(?:截至|截止|截止到|到)[^，,。]{0,12}?(?:月底|月末|年底|年末|日|月份|月)(?:止|前|为止)?|"
    r"^.*(?:上半年|下半年|[前一二三四]{1,2}季度|今年以来|今年|全年|年内|年度|目前|当前|现阶段|同期|期间|以来|半年来|年来|\d+月底|\d+月份|\d+月|"
    r"明年|来年|下一年度|下一步|今后|下阶段|"
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




@functools.lru_cache(maxsize=65536)
def _trim(s: str) -> str:
    while True:
        s = _TAIL_TRIM.sub("", _HEAD_TRIM.sub("", s))
        if s[-1:] in ")）" and s.count("(") + s.count("（") < s.count(")") + s.count("）"):
            s = s[:-1]
            continue
        if s[:1] in "(（" and s.count("(") + s.count("（") > s.count(")") + s.count("）"):
            s = s[1:]               # （公立医院5个、…）: the bracket opens a list, not the name
            continue
        return s


def _is_verbish(left: str, longest: int = 4) -> bool:
    return bool(left) and len(left) <= longest and bool(_VERB_END.search(left))



_DELIM_RE = re.compile("[" + re.escape("".join(sorted(_DELIMS))) + "]")


def _clause_start(dpos: list[int], pos: int) -> int:
    k = bisect_right(dpos, pos - 1)
    return dpos[k - 1] + 1 if k else 0


def _clause_end(dpos: list[int], pos: int, n: int) -> int:
    k = bisect_left(dpos, pos)
    return dpos[k] if k < len(dpos) else n



_PERSON_UNITS = re.compile(r"^(?:万|亿)?(?:人|名|位|人次|例|例次|户|户次|对|人份|户/次|人/次)$")


def _unit_family(unit: str) -> str:
    return "person" if _PERSON_UNITS.match(unit) else unit.lstrip("万亿")
