"""What a campaign deployed or held carries the campaign (runs after programs are known)."""
from __future__ import annotations

import re
from dataclasses import replace

from ...model import Measurement, Mention, Sentence
from ..registry import rule

CAMPAIGN = rule("indicators", "campaign-deployment", matches="开展了X专项行动，…，出动车辆31台次 / 累计开展义诊6场次: what "
                "a sentence running one campaign deployed or held", produces="X + 出动车辆 / X + 义诊")


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
        if CAMPAIGN.on and sent is not None and (m.name.startswith("出动") or event):
            before = [p for p in by_sent.get(m.sentence, ()) if p.end <= m.start]
            runs = [p for p in before if _CAMPAIGN_TAIL.search(p.surface)
                    and _RUNS.search(sent.text, 0, p.start - sent.start)
                    and not re.search(r"[；;。]", sent.text[p.end - sent.start:m.start - sent.start])]
            # (with two campaigns named before, whose deployment it was is not said)
            if runs and len({p.name for p in before}) == 1:
                core = _CAMPAIGN_TAIL.sub("", re.sub(r"[“”\"]", "", runs[-1].surface))
                if len(core) >= 2 and core not in m.name:
                    CAMPAIGN.hit()
                    m = replace(m, name=core + (event.group("what") if event else m.name), rule=CAMPAIGN.name)
        out.append(m)
    return out

