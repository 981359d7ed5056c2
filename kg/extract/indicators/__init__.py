"""Indicator extraction: name + number + unit, as a dated measurement (stage: Sentence → Measurement).

    extract_measurements(doc, sentences, institutions) -> list[Measurement]

The phases, one module each: lexicon (units.tsv and the number patterns), candidates (number +
unit), naming (the measure phrase of the clause), passes (names that lean on the measures around
them in a sentence), post (per-measurement post-rules), subject (subject and period), extract (the
stage: phases in order, one fact per document) and campaigns (what a campaign deployed or held).

Candidates (candidates.py). A number — Arabic (1,234.5; full-width digits; "89. 46" as OCR leaves
it), a Chinese numeral of at least 10 or with 万/亿 (三十五家, 两千余人, 五百万元 → 500 万元), a fraction in
words (百分之九十八 → 98 %, 十万分之十二 → 12 /10万) or a placeholder (x%, XX人, **万元, or a number left
blank: "下乡 人次") — followed by a measure word of schema/lexicons/units.tsv, with an optional 万/亿
kept in the unit and 余/多 qualifiers dropped (81万余元 → 81, 万元). Never values: years and dates (no
unit), ordinals (第3名, 第一批), section numbers, ages and durations (岁, 个月, 为期3天; only an average
such as 平均住院日7.8天 is kept), numbers inside institution mentions or names (301医院, 12320),
thresholds that qualify a noun (1万元以上的…, 3级以上110人 — the threshold stays in the name), and
ranges (3-5人, 85%-90%), a number after 这/上述/以上 (it points back at things counted before) and the
size of a visiting party (一行8人: an anecdote). Single Chinese digits count only bodies and facilities
(两家医疗集团, 四个发热门诊, 重点专科达到五个); a number ≤100 after X率 with no unit is %; a rate of 0 without
a unit takes the unit it is reported in (孕产妇死亡率为0 → 0 /10万, schema/lexicons/indicator_rate_units.tsv);
negative rates keep their sign (自然增长率-1.2‰).

Names (naming.py). The measure phrase of the clause: the words before the number (执业(助理)医师1505人)
with scope, time and filler words stripped at the edges; when only a verb or nothing stands before a
count, the noun after the measure word, with that verb in front (开工5个医院建设项目 → 开工医院建设项目),
or the activity done to the counted (对120名儿童进行了视力筛查 → 视力筛查儿童). Lists share one value
(报告率、及时率均达100%) or pair with several values (城区和农村的管理率分别为72%和65%). Deltas keep their
direction as the text words it (比上年下降3.2%) and borrow the measure they qualify when the clause names
none; so do totals after a delta, shares (占基金总额的31.5%) and the new value after a change verb. A
change verb before a counted noun is a verb (改造提升N家卫生室), a verb closing a count's clause says what
the counted did (N人参训), a counted body ends at 的 (N间公立医院的改造项目 → 公立医院), money named right
after a bare verb's amount is the measure (争取N亿元专项债资金).

Passes (passes.py): names that lean on the measures around them in the sentence — a short sibling
takes the verb of the first (引进博士38人、硕士323人 → 引进硕士), a short name after a head count takes its
noun (从业人员1375名，参加体检1375名), a generic rate takes the measure before it (完成率, 管理率), a short rate
takes the subject of the sibling rate before it (X基本标准达标率…，推荐标准达标率), a sentence opening on its
topic (X自…以来，) carries X.

Post-rules (post.py): per measurement — manner adverbs, fillers and where sent staff go are dropped,
a bare verb (完成筛查, 签约, 建成2个) or a bare 参加 borrows the activity or event the text named before
it, a bare rate its activity, bare money the activity just counted; the value a change starts from is
named as before the change (封顶线从3万元提高到6万元 → 封顶线(调整前) 3 万元); counts of a document's parts
(12条措施, 71项指标) are not measures.

Subject (subject.py): the institution mention of the clause (not one listed in brackets before the
number), else a region word of the sentence (全县, 我市), else doc.region. Period: the year the
sentence names, else doc.year. One measurement per (name, value, unit, subject, period) and document
(extract.py): a name that only adds a generic word (项目, 工作, 活动) to an earlier one with the same
value, or holds it as three quarters of itself (a passage said again), is the same fact, and so are N项
and N个 of one name. What a campaign deployed or held (出动车辆, 义诊场次) in a sentence that runs one
campaign carries it (campaigns.py).

Every rule is a named unit of kg.extract.registry (stage "indicators"): `kg build --explain` lists
them with their hits, KG_DISABLE_RULES=name switches one off, tools/indicator_dev.py --ablate
measures each.
"""
from __future__ import annotations

from .campaigns import with_campaigns
from .extract import extract_measurements, said_once, sentence_measurements, table_rows
from .lexicon import load_units

__all__ = ["extract_measurements", "load_units", "said_once", "sentence_measurements", "table_rows", "with_campaigns"]
