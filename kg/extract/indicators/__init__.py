"""Indicator extraction: name + number + unit, as a dated measurement (stage: Sentence → Measurement).

    extract_measurements(doc, sentences, institutions) -> list[Measurement]

The phases, one module each: lexicon (units.tsv and the number patterns), candidates (number +
unit), naming (the measure phrase of the clause), passes (names that lean on the measures around
them in a sentence), post (per-measurement post-rules), subject (subject and period), extract (the
stage: phases in order, one fact per document) and campaigns (what a campaign deployed or held).

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

from .campaigns import with_campaigns
from .extract import extract_measurements
from .lexicon import load_units

__all__ = ["extract_measurements", "load_units", "with_campaigns"]
