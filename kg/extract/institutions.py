"""Institution mentions (stage: Document + Sentences → institution Mentions).

A suffix grammar: a type word (卫生院, 中医院, 疾控中心 … from schema/lexicons/institution_types.tsv)
ends a name; the name runs left over name characters until punctuation or a stop word
(verbs, prepositions, counters from institution_words.tsv). Then:
- a prefix made of group words (各, 全县, 乡镇, 民营, 二级以上 …) or a count (7个) is a group, not an institution;
  so is a type word counted at the end of its phrase (其中中医院3家, 周边社康中心8家);
- a bare type word names an institution only when it is unique in a region (中医院, 疾控中心), and not
  inside quotes (“疾控中心—医院—社康中心”模式); a level word alone before a community or village type
  word (区社康中心) names none of the many;
- lists sharing one type word (甲镇、乙乡和丙卫生院) give one institution per item (not the report's own
  region, 我县与…, and not when the type word only begins a longer name, …大学医学院附属…);
- numbered short forms (二院, 市七院) are institutions too;
- names taught by a user lexicon are matched as they are.
"""
from __future__ import annotations

import functools
import re

from ..lexicon import Lexicon, SurfaceMatcher, TypeWord
from ..model import Document, Mention, Sentence
from ..tokens import jieba_module, tag, tokens
from .registry import rule

SUFFIX_NAME = rule("institutions", "suffix-name", matches="a name ending in a type word (…卫生院, …疾控中心), "
                   "run left over name words until a stop word", produces="one institution")
LIST_SHARED = rule("institutions", "list-shared-type", matches="甲、乙和丙卫生院: items sharing one type word",
                   produces="one institution per item (item + type word)")
LIST_COUNTED = rule("institutions", "list-counted", matches="甲、乙、丙3个卫生院 / 甲、乙等5家乡镇卫生院: a list, "
                    "a count or 等, and a shared type word", produces="one institution per item (item + type word)")
NUMBERED = rule("institutions", "numbered-short", matches="二院, 市七院: a numbered short form",
                produces="one general hospital")
USER_NAME = rule("institutions", "user-lexicon", matches="a name taught by a user lexicon", produces="that institution")
ABBREVIATED = rule("institutions", "level-and-stem", matches="县疾控, 市妇幼, 省人医: a level and a short stem "
                   "(institution_abbreviations.tsv) ending a phrase or before a verb", produces="that level's body, named "
                   "in full (县疾病预防控制中心), the short form an alias")
APPOSITION = rule("institutions", "class-then-name", matches="民营医院某某医院: a class of bodies (group word + type "
                  "word) right before a body's name", produces="the named body alone")
BRANCH = rule("institutions", "branch-of-hospital", matches="某大学附属某医院北湖医院: a hospital's name, a place "
              "and a type word again", produces="one institution (the branch), not two halves")

_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9*＊×]")
_ITEM_END = frozenset("、）)；;，,。")
_ITEM_START_MARKS = frozenset("、（(：:")
_LIST_SEP = "、和及与"
_QUOTED_SPAN = re.compile(r"“[^“”]{2,40}”")
# What may follow a short stem that ends a name: punctuation, a conjunction, 等, 的.
_STEM_END = re.compile(r"[，,、。；;：:）)\s]|[和与及等的]|$")
# A count right before a name (甲、乙3个卫生院; 完成9个社区卫生服务站改造), maybe after 等 and a tier word.
_COUNT_BEFORE = re.compile(r"等?(?P<n>[0-9０-９]{1,4}|[一二三四五六七八九十两]{1,3})(?:个|家|所|座|处|间)"
                           r"(?:乡镇|镇|乡|街道|社区|基层|中心)?$")
_COUNTED = re.compile(r"([0-9０-９]+|[一二三四五六七八九十两]+)(?:家|所|个|座|处)(?=[，,。；;、)）(（]|$)")
_AFFILIATED_ONLY = re.compile(r"(?:大学|医学院|医科大学|高校|高等院校|院校)?(?:第[一二三四五六七八九十])?附属")
# Going to a place: the bare 镇卫生院 after it is the one the story goes to (要去镇卫生院, 来到乡卫生院).
_VISITED = re.compile(r"(?:去|到|赴|来到|走进|前往|走访|住进|转到|送到|送往)$")
# A hospital word after an alliance word names the alliance's members as a class: 医联体医院.
_ALLIANCE_END = re.compile(r"(?:医联体|医共体|共同体|联合体|集团|联盟)$")
# Words of a field or a task, not of a place: an item holding one is not a list item (数字健康园区、…).
_NOT_PLACE = re.compile(r"健康|卫生|医疗|医药|服务|智慧|数字|发展|改革|建设|管理|工作")
# An item that is a body's whole name already (区红十字会、区计生协会、区卫干校) shares no type word.
_ORG_END = re.compile(r"(?:[会局委办院所站队部厅处校社馆厂]|中专|中学|小学|大学|技校|公司)$")
# A department or discipline is not a place sharing the type word: …乳腺外科、临床药学和某某医院骨科
_DISCIPLINE = re.compile(r"(?:科|学|专业|病区)$")
# The report's own region is the writer, not a list item: 我县与…, 全市和…
_SELF_REGION = re.compile(r"[我本全该][省市县区州旗镇乡]")
# A type word that a longer name goes on from: 浙江大学医学院附属…, 某大学第一医院
_LONGER_NAME = re.compile(r"医学院|附属|第[一二三四五六七八九十]|[一二三四五六七八九十]附院|医院")
_LEVEL = "省市县区旗州"
_LONG_NAME = re.compile(r"大学|附属|医学院|研究|科学院")
_NUMBERED = re.compile(r"(?P<p>[\u4e00-\u9fff])?(?P<n>[一二三四五六七八九十]{1,2})院(?![士长区校系级内外办部里])")
_DIGITS = re.compile(r"[0-9０-９]+$")
_SPECIALTY = re.compile(r"妇产|儿童|口腔|肿瘤|精神|传染|骨伤|骨科|眼科|胸科|结核|康复|皮肤|心血管|脑科|耳鼻喉|整形|美容|精卫|慢病|职业病|老年|护理|妇女|儿科|麻风|血液")
_TCM = re.compile(r"中医|中西医|(?<!中)国医|蒙医|藏医|维医|民族医")
_MCH = re.compile(r"妇幼|妇计|妇保")
# After a type word, these continuations mean the match is not the end of a name.
_NOT_END = {
    "大学": "生附城",
    "学院": "附",
    "医学院": "附",
    "医科大学": "附",
    "医院": "长办感",
    "卫生院": "长办",
    "研究所": "长",
    "研究院": "长",
}
_ORDINAL = re.compile(r"^(第[一二三四五六七八九十0-9]+|[0-9]+)$")
_CHINESE_NUM = re.compile(r"^[一二三四五六七八九十百千万两几多余0-9]+[个家所处名批类级]?$")
_GRADE_END = re.compile(r"[一二三]级[甲乙丙]?等?$|[二三][甲乙]$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MEASURE_WORDS = set("家所个名处次项期排台")
# a batch of a list (第二批, 首批): a designation's roll, never part of a body's name
_BATCH = re.compile(r"^(?:第?[一二三四五六七八九十0-9]+|首|新一?|本|该|同)批次?$")
_NUMERAL_CHAR = re.compile(r"[0-9０-９一二三四五六七八九十百千两几多余xX*]")
# Fields a research institute is named for; an adjective before one belongs to the name (先进技术, 前沿医学).
_FIELD_WORDS = {"技术", "科技", "医学", "生物", "材料", "制造", "药物", "科学"}
_PLACE_MARKS = {"镇", "乡", "村", "街道", "社区"}
_LEVEL_TOKENS = {"区", "县", "市", "省", "州", "旗"}
_STOP_TAGS = {"v", "vd", "d", "p", "c", "u", "r", "t", "q", "y", "e", "ad", "uj", "ul", "ud", "ug", "uv", "uz", "a", "an", "ag", "vg", "dg", "tg"}
# What may stand right before the first item of a list: a verb, preposition, conjunction, adverb, pronoun.
_CUT_TAGS = {"v", "vd", "vn", "p", "c", "d", "r", "u", "uj", "ul", "f", "m", "q"}
_PLACE_TAGS = {"ns", "nz", "nr", "nt", "j", "nrt", "nrfg", None}


_tag = tag
_tokens = tokens
_jieba = jieba_module


def _stop_tag(w: str) -> bool:
    if len(w) == 1 and w not in "上下内外前后中间里旁":
        return False               # single characters of unknown names (临南, 理合) are not stops
    t = _tag(w)
    if t is None:
        return False
    if t == "f":
        return len(w) == 1
    return t in _STOP_TAGS


def _place_like(w: str) -> bool:
    return len(w) == 1 or _tag(w) in _PLACE_TAGS or w[-1] in "省市县区州旗镇乡" or bool(re.fullmatch(r"[xX*＊×]+", w))


MAX_PREFIX = 12
MAX_LONG_PREFIX = 22


class InstitutionExtractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        suffixes = sorted(lexicon.types, key=len, reverse=True)
        self.suffix_re = re.compile("|".join(map(re.escape, suffixes)))
        self.words = lexicon.words
        self.max_word = max((len(w) for w in self.words), default=1)
        self.user = SurfaceMatcher(lexicon.institutions) if lexicon.institutions else None
        stems = sorted(getattr(lexicon, "abbreviations", {}) or {}, key=len, reverse=True)
        self.stem_re = re.compile(r"(?<=[省市县区旗州])(?:" + "|".join(map(re.escape, stems)) + ")") if stems else None

    # -- public ---------------------------------------------------------------------------
    def __call__(self, doc: Document, sentences: list[Sentence]) -> list[Mention]:
        out: list[Mention] = []
        for sent in sentences:
            out.extend(self.sentence(sent, doc.region))
        return out

    def sentence(self, sent: Sentence, region: str | None = None) -> list[Mention]:
        text = sent.text
        found: list[Mention] = []
        if self.user is not None:
            for end, surface, entry in self.user.iter_long(text, region):
                start = end - len(surface) + 1
                if USER_NAME.on:
                    USER_NAME.hit()
                    found.append(self._mention(sent, start, end + 1, entry.name, entry.kind or self.kind_of(entry.name),
                                               user=True, rule=USER_NAME.name))
        for m in self.suffix_re.finditer(text):
            tw = self.lex.types[m.group()]
            if m.group().startswith("中") and m.start() > 0 and text[m.start() - 1] in "其之当集从居适初":
                # 其中医院12个: 其中 is a word, 中医院 is not the type word here
                rest = self.lex.types.get(m.group()[1:])
                if rest is not None:
                    found.extend(self._from_suffix(sent, m.start() + 1, m.end(), rest))
                continue
            nxt = text[m.end():m.end() + 1]
            if nxt and (nxt in _NOT_END.get(tw.suffix, "") or (nxt == "点" and tw.suffix.endswith(("站", "室", "中心")))):
                continue
            found.extend(self._from_suffix(sent, m.start(), m.end(), tw))
        if ABBREVIATED.on and self.stem_re is not None:
            for m in self.stem_re.finditer(text):
                got = self._abbreviated(sent, m)
                ABBREVIATED.hit(len(got))
                found.extend(got)
        if NUMBERED.on:
            for m in _NUMBERED.finditer(text):
                got = self._numbered(sent, m)
                NUMBERED.hit(len(got))
                found.extend(got)
        # a type word counted (其中中医院3家, 周边社康中心8家) is a class of bodies, not one; a bare type word
        # inside quotes is part of a slogan or model's name (“疾控中心—公立医院—社康中心”模式)
        quoted = [(q.start(), q.end()) for q in _QUOTED_SPAN.finditer(text)]
        return [m for m in _drop_nested(found) if not _counted_class(m, text[m.end - sent.start:], self.lex.types)
                and not (m.name in self.lex.types and any(a < m.start - sent.start and m.end - sent.start < b
                                                           for a, b in quoted))]

    # -- pieces ---------------------------------------------------------------------------
    def kind_of(self, name: str, tw: TypeWord | None = None) -> str:
        if tw is None:
            m = None
            for m in self.suffix_re.finditer(name):
                pass
            tw = self.lex.types[m.group()] if m and m.end() == len(name) else None
        kind = tw.kind if tw else "general_hospital"
        if kind in ("general_hospital", "specialty_hospital") or (tw and tw.suffix in ("分院", "医学中心")):
            if _TCM.search(name):
                return "tcm_hospital"
            if _MCH.search(name):
                return "maternal_child"
            if _SPECIALTY.search(name):
                return "specialty_hospital"
            if tw is not None and tw.suffix == "医学中心":
                return "specialty_hospital"
            return kind if tw is not None else "general_hospital"   # 精防院: the type word's own kind
        return kind

    def _prefix_start(self, text: str, s: int, limit: int) -> tuple[int, bool]:
        """Leftmost start of the name ending in a type word at s; (start, cut_by_stop_word)."""
        i = s
        while i > limit and _NAME_CHAR.match(text[i - 1]):
            i -= 1
        if i == s:
            return s, False
        keep = self._name_tail(text[i:s])
        return s - keep, keep < s - i

    @functools.lru_cache(maxsize=65536)
    def _name_tail(self, run: str) -> int:
        """How many characters at the end of `run` belong to the name (jieba tokens, read right to left)."""
        toks = _tokens(run)
        words, n, kept = self.words, len(toks), []
        for k in range(n - 1, -1, -1):
            w = toks[k]
            role = words.get(w)
            if role in ("keep", "class") or _ORDINAL.match(w) or w in _LEVEL_TOKENS:
                kept.append(w)
                continue
            if k == n - 1 and len(w) == 1 and w in "一二三四五六七八九十" and k > 0 \
                    and not toks[k - 1].endswith(("院", "中心", "站", "所")) and words.get(toks[k - 1]) != "stop":
                kept.append(w)             # 区一人民医院, 附属二医院: an ordinal without 第
                continue
            if role == "stop" and len(w) == 1 and w in _MEASURE_WORDS and k > 0 and not _NUMERAL_CHAR.match(toks[k - 1][-1]) \
                    and words.get(toks[k - 1]) is None and not _stop_tag(toks[k - 1]):
                kept.append(w)             # 柳家镇, 王家庄: a measure word counts only after a number
                continue
            if len(w) == 2 and w[1] in _LEVEL_TOKENS and words.get(w[0]) == "stop":
                kept.append(w[1])          # 和县 after 中医院: "and the county's …"
                break
            if _CHINESE_NUM.match(w) or _BATCH.match(w) \
                    or (len(w) >= 4 and (words.get(w[:2]) == "stop" or words.get(w[-2:]) == "stop")):
                break
            if role == "stop":
                break
            if k == 0 and len(w) == 1 and _tag(w) == "f" and kept and len(kept[-1]) == 1:
                kept.append(w)             # 后溪街道: a place word at the start of the run has nothing to be "before"
                continue
            if role != "group" and _stop_tag(w) and not (kept and kept[-1] in _PLACE_MARKS):
                if not (_tag(w) in ("a", "an") and kept and kept[-1] in _FIELD_WORDS and k > 0
                        and not _stop_tag(toks[k - 1]) and words.get(toks[k - 1]) != "stop"):
                    break
                # an adjective inside an institute's name: 中国科学院某某先进技术研究院
            kept.append(w)
        kept.reverse()
        # a department (…科) inside the run ends a previous phrase: 心血管科中西医结合医院 → 中西医结合医院
        for j in range(len(kept) - 1, 0, -1):
            w = kept[j - 1]
            if w.endswith("科") and len(w) > 1 and not kept[j].startswith(("学", "技", "大")):
                kept = kept[j:]
                break
        # a lone level word (区/县/市) must be preceded by a place name, or the name starts there
        for j in range(len(kept) - 1, 0, -1):
            if kept[j] in _LEVEL_TOKENS:
                left = kept[:j]
                if not all(_place_like(t) for t in left):
                    kept = kept[j:]
                break
        return sum(len(w) for w in kept)

    def _cut(self, text: str, i: int, s: int) -> tuple[int, bool]:
        """Move i right past the last stop word inside text[i:s]."""
        cut, j = i, i
        words = self.words
        while j < s:
            step = 1
            for n in range(min(self.max_word, s - j), 0, -1):
                role = words.get(text[j:j + n])
                if role == "keep":
                    step = n
                    break
                if role == "stop":
                    if n == 1 and text[j] in _MEASURE_WORDS and not (j > 0 and _NUMERAL_CHAR.match(text[j - 1])):
                        continue        # 家/所/个 end a name only after a number: 成家川 is a place
                    cut = j + n
                    step = n
                    break
            j += step
        return cut, cut > i

    def _grade_before(self, text: str, start: int) -> bool:
        before = text[max(0, start - 4):start]
        return bool(before) and (bool(_GRADE_END.search(before)) or any(
            self.words.get(before[k:]) == "group" and len(before) - k >= 2 for k in range(len(before))))

    def _is_group(self, prefix: str) -> bool:
        p = prefix
        if not p:
            return False
        if p.endswith("乡镇") or any(self.words.get(t) == "group" for t in _tokens(p)):
            return True
        if _DIGITS.search(p) and len(p) == len(_DIGITS.search(p).group()):
            return True
        stripped = True
        while p and stripped:
            stripped = False
            for n in range(min(self.max_word, len(p)), 0, -1):
                if self.words.get(p[:n]) in ("group", "class"):
                    if p[:n] in ("各", "全县", "全区", "全市", "全省", "全国", "所有", "部分", "各级", "各类", "各大", "其他", "其它", "其余", "个别", "一批", "多家"):
                        return True
                    p = p[n:]
                    stripped = True
                    break
        return not p or p in ("镇", "乡", "村", "街道", "级", "等", "类")

    def _from_suffix(self, sent: Sentence, s: int, e: int, tw: TypeWord) -> list[Mention]:
        text = sent.text
        limit = max(0, s - MAX_LONG_PREFIX)
        start, _ = self._prefix_start(text, s, limit)
        prefix = text[start:s]
        if len(prefix) > MAX_PREFIX and not _LONG_NAME.search(prefix):
            start = s - MAX_PREFIX
            start, _ = self._cut(text, start, s)
            prefix = text[start:s]
        if start > limit and (e >= len(text) or text[e] in _ITEM_END):
            # an item of a list whose words read like verbs to the tagger (…、康复矫治医院、…): between two
            # list marks, the whole short run is the name
            j = s
            while j > limit and s - j < 7 and _CJK.match(text[j - 1]):
                j -= 1
            if j < start and 2 <= s - j <= 6 and j > 0 and text[j - 1] in _ITEM_START_MARKS \
                    and not any(self.words.get(w) in ("stop", "group") for w in _tokens(text[j:s])):
                start, prefix = j, text[j:s]
        # a list counted before its shared type word: 甲、乙、丙3个卫生院, 甲、乙等5家乡镇卫生院
        if prefix in ("镇", "乡") and _VISITED.search(text, max(0, start - 3), start) and not self._grade_before(text, start):
            SUFFIX_NAME.hit()          # 要去镇卫生院, 来到乡卫生院: the one a story goes to, not the tier
            return [self._mention(sent, start, e, prefix + tw.suffix, self.kind_of(prefix + tw.suffix, tw),
                                  rule=SUFFIX_NAME.name)]
        if APPOSITION.on and prefix:
            # 民营医院北沟仁和医院: a class of bodies (a group word and a type word), then the body's name
            inner = [t for t in self.suffix_re.finditer(prefix) if t.start() >= 1 and len(prefix) - t.end() >= 2]
            if inner and self._is_group(prefix[:inner[-1].start()]) \
                    and not self._is_group(prefix[inner[-1].end():]) and _CJK.match(prefix[inner[-1].end()]):
                APPOSITION.hit()
                start += inner[-1].end()
                prefix = text[start:s]
        group = bool(prefix) and self._is_group(prefix)
        anchor = start if prefix else s
        counted = _COUNT_BEFORE.search(text, max(0, anchor - 12), anchor)
        if counted is not None and counted.group("n") not in ("1", "１", "一"):
            if (not prefix or group) and LIST_COUNTED.on and counted.start() >= 2:
                got = self._list_items(sent, counted.start(), tw, self.kind_of(tw.suffix, tw), after_deng=True,
                                       rule=LIST_COUNTED)
                LIST_COUNTED.hit(len(got))
                return got
            return []                   # 9个社区卫生服务站, 17个中医药特色服务站: a count of bodies, not one
        if self._grade_before(text, start):
            return []                   # 三级中医医院, 二级甲等医院: a grade names a class of bodies
        if _AFFILIATED_ONLY.fullmatch(prefix):
            return []                   # 大学附属医院: a class of hospitals, no university named
        if _ALLIANCE_END.search(prefix):
            return []                   # 紧密型医联体医院, 医共体成员单位: a member of a class, not a name
        if prefix and any(prefix[t.start() - 1:t.start()] in ("大", "小") and (t.start() == 1 or "大" in prefix and "小" in prefix)
                          for t in self.suffix_re.finditer(prefix) if t.start() >= 1) \
                or prefix in ("大", "小") or prefix.endswith("小"):
            return []                   # 小医院靠大医院, 大医院带小医院: a slogan of sizes, no body named
        if tw.bare == "department" and prefix and any(t.end() == len(prefix) for t in self.suffix_re.finditer(prefix)):
            return []                   # 某医院健康管理中心: a unit of the hospital, which is named already
        if group or (not prefix and tw.bare in ("group", "department")):
            # "甲、乙、丙等乡镇卫生院": the named items before 等 are institutions, the group is not
            lead = text[max(0, start - 1):start] if prefix != "" else text[max(0, s - 1):s]
            first = start if prefix else s
            if lead == "等" and first >= 2 and prefix in ("", "乡镇", "镇", "乡", "基层", "中心") and LIST_COUNTED.on:
                got = self._list_items(sent, first - 1, tw, self.kind_of(tw.suffix, tw), after_deng=True,
                                       rule=LIST_COUNTED)
                LIST_COUNTED.hit(len(got))
                return got
            return []
        if prefix in ("镇", "乡", "村") or (prefix and not _CJK.search(prefix) and not _DIGITS.search(prefix)):
            return []
        if prefix in ("县", "区", "市", "旗") and tw.kind in ("community_health_center", "village_clinic"):
            return []          # 区社康中心设置规划: a district has many; the level alone names none of them
        branch = self._branch_start(text, start, s)
        if branch is not None:
            if not BRANCH.on:
                return []
            BRANCH.hit()
            name = text[branch:s] + tw.suffix
            return [self._mention(sent, branch, e, name, self.kind_of(name, tw), rule=BRANCH.name)]
        if not SUFFIX_NAME.on:
            return []
        SUFFIX_NAME.hit()
        name = prefix + tw.suffix
        kind = self.kind_of(name, tw)
        out = [self._mention(sent, start, e, name, kind, rule=SUFFIX_NAME.name)]
        # a list sharing this type word: 甲、乙和丙卫生院 (not when the type word only begins a longer
        # name: 我县与浙江大学医学院附属第一医院)
        if prefix and len(prefix) <= 6 and start > 0 and text[start - 1] in _LIST_SEP \
                and not _LONGER_NAME.match(text, e) and LIST_SHARED.on:
            got = self._list_items(sent, start - 1, tw, kind, rule=LIST_SHARED)
            LIST_SHARED.hit(len(got))
            out.extend(got)
        return out

    def _branch_start(self, text: str, start: int, s: int) -> int | None:
        """某医科大学附属脑科医院北湖医院: a prefix that begins with the type word of a name before it and
        goes on with a short place is a branch of that hospital; the branch's name starts where that
        hospital's does."""
        t = self.suffix_re.match(text, start)
        if t is None or t.end() >= s or s - t.end() > 4 or t.start() == 0:
            return None
        place = text[t.end():s]
        if any(self.words.get(w) in ("stop", "group") or _stop_tag(w) for w in _tokens(place)):
            return None
        first, _ = self._prefix_start(text, t.start(), max(0, t.start() - MAX_LONG_PREFIX))
        if first == t.start() or not _LONG_NAME.search(text[first:t.start()]):
            return None            # only a named parent (大学/附属/医学院 …) has branches named this way
        return first

    def _list_items(self, sent: Sentence, sep: int, tw: TypeWord, kind: str, after_deng: bool = False,
                    rule=None) -> list[Mention]:
        text = sent.text
        items = []
        pos = sep
        while pos > 0 and (text[pos] in _LIST_SEP or (after_deng and pos == sep)):
            j = pos
            while j > 0 and _NAME_CHAR.match(text[j - 1]) and pos - j < 8:
                j -= 1
            start, cut = self._cut(text, j, pos)
            keep = self._name_tail(text[start:pos]) if pos > start else 0
            if keep < pos - start and keep:
                left = _tokens(text[start:pos - keep])
                if left and self.words.get(left[-1]) != "stop" and _tag(left[-1]) not in _CUT_TAGS:
                    break               # 智慧健康城区、某区中医医院: the item is the end of another phrase
            cut = cut or keep < pos - start
            start = pos - keep
            item = text[start:pos]
            if after_deng and pos == sep and (start == 0 or text[start - 1] != "、"):
                break                   # 等 needs a list before it: "甲、乙等卫生院"
            if not (2 <= len(item) <= 6) or _SELF_REGION.fullmatch(item) or _DISCIPLINE.search(item) or _ORG_END.search(item) \
                    or _NOT_PLACE.search(item) \
                    or self.suffix_re.search(item) or self._is_group(item) or _DIGITS.search(item) \
                    or not _CJK.search(item):
                break
            items.append(self._mention(sent, start, pos, item + tw.suffix, kind, surface=item,
                                       rule=rule.name if rule is not None else None))
            if cut or start == 0:
                break
            pos = start - 1
        return items

    def _abbreviated(self, sent: Sentence, m: re.Match) -> list[Mention]:
        """县疾控, 市妇幼: a level and a stem, where the phrase ends or a verb follows (not 县疾控体系)."""
        text, e = sent.text, m.end()
        after = text[e:e + 6]
        if after.startswith(("办", "科", "组", "工作")):
            return []                   # 省精防办: an office or a line of work, not the body
        if after and not _STEM_END.match(after):
            toks = _tokens(after)
            if not toks or (_tag(toks[0]) not in ("v", "vd", "p", "d", "c") and self.words.get(toks[0]) != "stop"):
                return []
        start, _ = self._prefix_start(text, m.start(), max(0, m.start() - MAX_PREFIX))
        prefix = text[start:m.start()]
        ptoks = _tokens(prefix) if prefix else ()
        if not prefix or prefix[-1] not in _LEVEL or self._is_group(prefix) or (len(ptoks[-1]) == 2 and _tag(ptoks[-1]) != "ns"):
            return []                   # 各县疾控: a group; the stem needs its level (县疾控, 青禾县疾控)
        row = self.lex.abbreviations[m.group()]
        name = prefix + row.stands_for
        return [self._mention(sent, start, e, name, row.kind or self.kind_of(name), user=True, rule=ABBREVIATED.name)]

    def _numbered(self, sent: Sentence, m: re.Match) -> list[Mention]:
        text = sent.text
        p = m.group("p")
        start = m.start("n") if p is None else m.start()
        if p is not None:
            before = text[m.start() - 1] if m.start() > 0 else "。"
            if self.words.get(p) in ("stop", "group") or (_NAME_CHAR.match(before) and p not in _LEVEL
                                                            and self.words.get(before) != "stop"):
                start = m.start("n")
                p = None
        if p is None and start > 0 and _NAME_CHAR.match(text[start - 1]) and self.words.get(text[start - 1]) != "stop":
            return []
        name = text[start:m.end()]
        return [self._mention(sent, start, m.end(), name, "general_hospital", rule=NUMBERED.name)]

    def _mention(self, sent: Sentence, start: int, end: int, name: str, kind: str,
                 surface: str | None = None, user: bool = False, rule: str | None = None) -> Mention:
        return Mention(
            type="institution", name=name, surface=surface if surface is not None else sent.text[start:end],
            start=sent.start + start, end=sent.start + end, sentence=sent.index, kind=kind,
            canonical=name if user else None, rule=rule,
        )


def _counted_class(m: Mention, after: str, types) -> bool:
    c = _COUNTED.match(after)
    if c is None:
        return False
    return m.name in types or c.group(1) not in ("1", "１", "一")


def _drop_nested(ms: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (县医院社区卫生服务中心 over 县医院); list items stay."""
    # on one span a name taught by the user lexicon wins over what the grammar made of it
    ms.sort(key=lambda m: (m.start, -(m.end - m.start), m.canonical is None, m.name))
    out: list[Mention] = []
    for m in ms:
        if any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) and o.surface == o.name
               for o in out[-4:]):
            continue
        if any(o.start == m.start and o.end == m.end and (o.name == m.name or o.canonical) for o in out[-4:]):
            continue
        out.append(m)
    return out
