#!/usr/bin/env python3
"""Regenerate the bundled sample corpus in sample/ (fictional county reports).

    .venv/bin/python tools/make_sample.py            # writes sample/*
    .venv/bin/python tools/make_sample.py --check    # exit 1 if a file would change

Every county, hospital and number below is invented. The files exercise every loader
and cleaning rule: a scraped .html page with navigation, share buttons and a
copyright/ICP footer; a GBK-encoded .txt; a .docx with a table; a .pdf with a real
text layer, wrapped lines and a page number inside a sentence; a compilation .txt
(第1篇…第3篇, a teaser section, a 相关推荐 tail); a UTF-8-with-BOM .txt whose page
numbers cut lines in two.

Needs python-docx (a kg dependency) and, for the PDF only, reportlab (NOT a kg
dependency: `pip install --target /tmp/rl reportlab` and run with PYTHONPATH=/tmp/rl).
Output is deterministic (fixed zip timestamps, reportlab invariant mode).
"""
from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sample"

# --------------------------------------------------------------------------- 1 HTML
HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>青禾县卫生健康局2023年工作总结_青禾县人民政府门户网站</title>
<style>.nav{color:#333} body{font-size:14px}</style>
<script>var _hmt = _hmt || []; function share(){ return "分享到微信"; }</script>
</head>
<body>
<div class="top-bar">欢迎访问青禾县人民政府门户网站 | 无障碍 | 长辈版 | 登录 | 注册</div>
<div id="header"><img src="logo.png" alt="青禾县人民政府"><span>青禾县人民政府</span></div>
<ul class="main-nav">
  <li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li>
</ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 工作总结</div>
<div class="article">
  <h1>青禾县卫生健康局2023年工作总结</h1>
  <div class="info">发布时间：2024-01-12 09:30 来源：青禾县卫生健康局 浏览次数：318</div>
  <div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】 【打印本页】 【关闭窗口】</div>
  <div class="content">
    <p>2023年，青禾县卫生健康局在县委、县政府的领导下，以紧密型县域医共体建设为抓手，推动优质医疗资源下沉，全县卫生健康事业取得新进展。现将全年工作总结如下。</p>
    <p><strong>一、医共体建设持续深化</strong></p>
    <p>以青禾县人民医院为牵头单位，联合县中医院、县妇幼保健院和十二家乡镇卫生院组建紧密型县域医共体，实行人员、财务、药品统一管理。县医院全年下派医师46人次到基层坐诊，县域内就诊率达到91.2%，基层就诊率达到65.3%。</p>
    <p><strong>二、对口支援成效明显</strong></p>
    <p>省人民医院继续对口支援青禾县人民医院，派驻心内科、麻醉科专家6名，帮助县医院建成胸痛中心。县人民医院与江州医科大学附属第一医院签订合作协议，共建远程会诊中心；全年选派8名骨干医生到江州医科大学附属第一医院进修。</p>
    <p><strong>三、基层服务能力提升</strong></p>
    <p>开展“健康乡村行”活动，组织县级医院专家下乡义诊52场，服务群众1.2万人次。全县村卫生室86所全部完成标准化建设，青山镇、柳河镇和石门乡卫生院完成发热门诊改造。家庭医生签约服务覆盖3.2万人，重点人群签约率达到78.5%。</p>
    <p><strong>四、公共卫生服务扎实推进</strong></p>
    <p>县疾病预防控制中心完成基本公共卫生服务项目绩效评价，县疾控中心全年开展流行病学调查140余起。全县高血压患者规范管理率为72.4%，肺结核报告发病率降至12.3/10万。</p>
    <p><strong>五、2024年工作打算</strong></p>
    <p>继续推进医共体建设，支持县人民医院创建三级医院，巩固国家基本药物制度，落实乡村医生轮训计划。</p>
  </div>
  <div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
  <div class="page-links">
    <p>上一篇：关于开展第35个爱国卫生月活动的通知</p>
    <p>下一篇：青禾县2024年春节期间医疗保障安排</p>
  </div>
</div>
<aside class="sidebar"><h3>相关链接</h3><ul><li><a>国家卫生健康委员会</a></li><li><a>省卫生健康委员会</a></li></ul></aside>
<div class="comment-list"><p>网友留言：暂无留言</p></div>
<div class="footer">
  <p>版权所有：青禾县卫生健康局　地址：青禾县人民路18号　电话：0000-1234567</p>
  <p>技术支持：青禾县信息中心　禾ICP备20230012号-1　禾公网安备00000002000001号</p>
  <p>建议使用1920×1080分辨率浏览本网站</p>
</div>
</body>
</html>
"""

# --------------------------------------------------------------------------- 2 GBK txt
GBK_TXT = """首页 > 工作总结 > 半年总结
白鹭县卫生健康委员会2023年上半年工作总结
发布时间：2023-07-20 10:05  阅读次数：96
【字体：大 中 小】

2023年上半年，白鹭县卫生健康委紧紧围绕年度目标任务，统筹推进医疗、医保、医药联动改革，各项工作有序开展。现将有关情况报告如下。

（一）基本医疗保障。全县新农合参合人数达到41.7万人，参合率98.6%，上半年累计发放补偿资金1234.5万元，住院费用实际补偿比达到62%。
（二）妇幼健康。县妇幼保健院落实孕产妇系统管理，全县孕产妇死亡率为0，新生儿死亡率2.1‰，婴儿死亡率3.4‰。
（三）基层卫生。长岭镇、石桥镇和梅溪乡卫生院纳入医共体分院管理，三十五家村卫生室配备了智能健康一体机。白鹭县人民医院选派内科医生到长岭镇卫生院驻点帮扶。
（四）疾病防控。县疾控中心加强手足口病监测，报告发病率为8.6/10万；适龄儿童免疫规划疫苗接种率保持在95%以上。
（五）存在的问题。乡村医生队伍年龄偏大，部分村卫生室服务能力不足。

下半年，我委将继续做实家庭医生签约服务，推动国家基本药物制度在村卫生室全覆盖。

相关推荐
· 白鹭县2022年卫生健康工作总结
· 白鹭县卫生健康委员会2023年工作要点
Copyright 2023 白鹭县卫生健康委员会 版权所有
"""

# --------------------------------------------------------------------------- 3 DOCX
DOCX_TITLE = "云栖区卫生健康局2023年工作总结"
DOCX_PARAS = [
    "2023年，云栖区卫生健康局坚持以人民健康为中心，深化医药卫生体制改革，全区卫生健康服务能力稳步提升。",
    "一、医疗服务能力提升",
    "区人民医院新增神经外科、重症医学科两个重点专科；区中医院“治未病”中心投入使用。江州大学附属医院对口帮扶云栖区人民医院，派驻专家每周坐诊两天。",
    "二、社区卫生服务",
    "全区九家社区卫生服务中心全部开展家庭医生签约服务，其中东湖街道社区卫生服务中心获评省级示范中心。家庭医生签约人数达到5.6万人，签约率为x%，满意度调查覆盖xx人。",
    "三、公共卫生",
    "区疾病预防控制中心完成基本公共卫生服务项目年度考核，65岁以上老年人健康管理率达到71.2%。",
    "四、人才培养",
    "选派12名社区医生到江州大学附属医院进修全科医学，与江州大学附属医院联合举办基层医生培训班3期。",
    "主要指标完成情况见下表。",
]
DOCX_TABLE = [("指标", "2023年"), ("家庭医生签约人数", "5.6万人"), ("高血压患者规范管理率", "70.8%"),
              ("老年人健康管理率", "71.2%")]
DOCX_AFTER = ["下一步，我局将围绕基层首诊、双向转诊，继续完善区域医疗联合体建设。"]

# --------------------------------------------------------------------------- 4 PDF
# Lines are wrapped at a fixed width as a PDF would; "<PAGE>" forces a page break
# in the middle of a word (乡镇卫生|院), with the page number as footer.
PDF_TITLE = "桐川县卫生健康局2023年度工作总结"
PDF_TEXT = (
    "2023年，桐川县卫生健康局以群众健康需求为导向，重点抓好县域医疗服务体系建设，各项工作稳步推进。\n"
    "一、县级医院建设\n"
    "县人民医院新住院楼投入使用，开放床位520张；县中医院完成中医馆改造。省人民医院与桐川县人民医院组建专科联盟，每月派专家开展手术示教。\n"
    "二、基层服务网络\n"
    "全县共有乡镇卫生<PAGE>院十四所，社区卫生服务中心两所，村卫生室112所。桃源镇、柏溪镇卫生院通过“优质服务基层行”推荐标准评审。\n"
    "三、公共卫生\n"
    "全县孕产妇死亡率为9.8/10万，新生儿死亡率1.8‰。县疾病预防控制中心完成基本公共卫生服务项目各项任务，居民电子健康档案建档率达到91.5%。\n"
    "四、人才与协作\n"
    "县人民医院选派10名医生到省人民医院进修，县中医院与江州中医药大学附属医院签订合作协议，共建针灸推拿专科。全年招聘医学类本科毕业生26人，定向培养乡村医生18人。\n"
    "五、存在的问题\n"
    "基层医疗机构人才不足，部分乡镇卫生院设备老化，群众在县域外就诊的比例仍然偏高。\n"
    "六、下一步打算\n"
    "推进紧密型县域医共体建设，落实国家基本药物制度，继续开展“健康乡村行”巡回义诊。\n"
)

# --------------------------------------------------------------------------- 5 compilation txt
COMPILATION = """欢迎光临公文范文网
当前位置：首页 > 工作总结 > 卫生工作总结
县卫生工作总结汇编（3篇）
发布时间：2024-02-03 08:15:20 查看人数：57

目录
第1篇 XX县卫生局2023年上半年工作总结
第2篇 南屏县卫生健康局xx年工作总结
第3篇 禾丰县卫生健康局2023年工作要点

第1篇 XX县卫生局2023年上半年工作总结 650字

上半年，XX县卫生局按照县委、县政府部署，围绕“保基本、强基层、建机制”的要求，扎实推进各项卫生工作。

一、新农合运行平稳。全县参合农民28.3万人，参合率达到x%，上半年补偿资金支出2160.8万元。县人民医院（县医院）作为新农合定点医疗机构，实行即时结报。

二、医疗服务能力提升。县医院与县中医院组建医疗联合体，县中医院选派3名医生到省中医院进修。城关镇卫生院开设康复科。

三、公共卫生。县疾病预防控制中心开展重点传染病监测，全县甲乙类传染病报告发病率为186.4/10万。县妇幼保健院为xx名孕妇提供免费产前筛查，孕产妇住院分娩率100%。

四、下半年打算。一是巩固新农合参合成果，做好年度筹资工作；二是推进县乡村一体化管理，落实乡村医生定期培训；三是做好秋冬季传染病防控，完善县疾病预防控制中心应急队伍建设。

第2篇 南屏县卫生健康局xx年工作总结 600字

xx年，南屏县卫生健康局以“健康南屏”建设为目标，持续推进医药卫生体制改革。

（一）医共体建设。南屏县人民医院牵头组建紧密型县域医共体，覆盖全县十一家乡镇卫生院。县人民医院与县妇幼保健院共享检验中心。

（二）家庭医生签约服务。全县组建家庭医生团队64个，签约xx人，其中脱贫人口签约率100%。

（三）基本公共卫生服务项目。县疾控中心对各乡镇卫生院开展季度督导，0至6岁儿童健康管理率达到92.6%。

（四）对口支援。江州市中心医院对口支援南屏县人民医院，派驻专家9名，帮助县人民医院开展新技术12项；县中医院选派4名医生到江州市中心医院进修。

（五）存在的不足。部分村卫生室房屋陈旧，乡村医生收入偏低，队伍稳定性有待提高。

南屏县卫生健康局

县卫生院年度工作总结，今年以来，我院在县卫生健康局的正确领导下，紧紧围绕年度目标，狠抓医疗质量……

乡镇卫生院院长述职报告，一年来，在上级主管部门的关心支持下，我院各项工作……

第3篇 禾丰县卫生健康局2023年工作要点 520字

2023年，禾丰县卫生健康工作的总体要求是：巩固医改成果，补齐基层短板，提升群众就医获得感。

一、深化医改。推进禾丰县人民医院与县中医院、县妇幼保健院组成的医共体一体化管理，落实国家基本药物制度，基本药物使用金额占比不低于50%。

二、强化基层。实施村卫生室“填平补齐”工程，新建标准化村卫生室20所；落实乡村医生养老补助政策。

三、对口支援。市第一人民医院对口支援禾丰县人民医院，重点帮扶急诊科和儿科建设；县人民医院与市第一人民医院签订远程医疗合作协议。

四、公共卫生。落实基本公共卫生服务项目，高血压、糖尿病患者规范管理率均不低于65%；开展“健康乡村行”宣传活动30场，居民健康素养水平达到25%以上。

五、保障措施。建立重点工作月调度制度，把各项指标纳入对各乡镇卫生院的年度考核。

第4篇 乡镇卫生院2023年工作总结 900字

今年以来，我院在县卫生健康局的指导下，认真落实各项工作任务……

阅读全文

县卫生工作总结汇编（3篇）

相关推荐
· 卫生院工作总结（精选8篇）
· 县卫生健康局年度工作总结（通用5篇）
· 疾控中心上半年工作总结（10篇）
"""

# --------------------------------------------------------------------------- 6 BOM txt
BOM_TXT = """松林县卫生健康局2024年工作计划

2024年是全面落实县域医疗卫生服务体系建设规划的关键一年。为做好全年工作，结合我县实际，制定本计划。

一、推进县域医共体建设。以松林县人民医院为龙头，完善医共体内人员统一调配和药品统一采购机制，力争县域内就诊率达到90%以上，基层医疗卫生机构诊疗量占比不低于
- 2 -
60%。

二、提升基层服务能力。支持东坪镇、西坪镇和北岭乡卫生院建设中医馆，全县村卫生室90所全部接入远程心电诊断系统。继续开展家庭医生签约服务，重点人群签约率保持在75%以上。

三、加强公共卫生体系建设。县疾病预防控制中心完成实验室提标改造；加强传染病监测预警，肺结核报告发病率控制在30/10万以下。县妇幼保健院开展免费婚前医学检查，婚检率力争达到x%。
第3页
四、深化对口协作。继续争取江州医科大学附属第二医院对口支援县人民医院，选派15名医务人员到上级医院进修，落实“健康乡村行”巡诊活动全年不少于40场，覆盖全县所有行政
3/15
村。

五、保障措施。加强组织领导，落实财政投入，强化考核督导。
"""


# =========================================================================== writers
def make_html() -> bytes:
    return HTML.encode("utf-8")


def make_gbk() -> bytes:
    return GBK_TXT.encode("gbk")


def make_bom() -> bytes:
    return b"\xef\xbb\xbf" + BOM_TXT.encode("utf-8")


def make_compilation() -> bytes:
    return COMPILATION.encode("utf-8")


def make_docx() -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.author = "kg sample"
    d.add_heading(DOCX_TITLE, level=1)
    for p in DOCX_PARAS:
        d.add_paragraph(p)
    table = d.add_table(rows=len(DOCX_TABLE), cols=2)
    for r, row in enumerate(DOCX_TABLE):
        for c, val in enumerate(row):
            table.cell(r, c).text = val
    for p in DOCX_AFTER:
        d.add_paragraph(p)
    from datetime import datetime

    d.core_properties.created = datetime(2024, 1, 1)
    d.core_properties.modified = datetime(2024, 1, 1)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def make_pdf(width: int = 32) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setTitle(PDF_TITLE)
    pages: list[list[str]] = [[PDF_TITLE, ""]]
    for para in PDF_TEXT.split("\n"):
        pieces = para.split("<PAGE>")
        for k, piece in enumerate(pieces):
            if k:
                pages.append([])
            for i in range(0, len(piece), width):
                pages[-1].append(piece[i:i + width])
    for n, lines in enumerate(pages, 1):
        y = 780
        for line in lines:
            c.setFont("STSong-Light", 16 if line == PDF_TITLE else 12)
            c.drawString(60, y, line)
            y -= 22
        c.setFont("STSong-Light", 10)
        c.drawCentredString(297, 40, f"- {n} -")
        c.showPage()
    c.save()
    return buf.getvalue()


FILES = {
    "qinghe_2023_report.html": make_html,
    "bailu_2023h1_gbk.txt": make_gbk,
    "yunqi_2023_report.docx": make_docx,
    "tongchuan_2023_report.pdf": make_pdf,
    "county_reports_compilation.txt": make_compilation,
    "songlin_2024_plan_bom.txt": make_bom,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only report files that would change")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, make in FILES.items():
        try:
            data = make()
        except ImportError as exc:  # reportlab is for generation only, not a kg dependency
            print(f"skipped: {name} ({exc.name} not installed; pip install --target /tmp/rl reportlab, "
                  f"then PYTHONPATH=/tmp/rl)")
            continue
        target = args.out / name
        if target.exists() and target.read_bytes() == data:
            continue
        changed.append(name)
        if not args.check:
            target.write_bytes(data)
    for name in changed:
        print(("would change: " if args.check else "wrote: ") + str(args.out / name))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
