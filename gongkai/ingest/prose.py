"""Figures stated in sentences: proactive items (total, by category, by channel), applications, fees,
review and litigation, staff, meetings, training, hotline and consultations.

Each figure keeps the sentence it came from as ``snippet`` and the section it was in. ``余``/``多``
("130余条") marks a figure ``approx``; a statement of none ("无依申请公开件", "未收取任何信息处理费用")
is a stated 0. Figures that two sentences state differently are flagged ``unsure``; nothing is
inferred that the text does not say. Patterns are deliberately narrow: a missed figure is better than
a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from gongkai.reports.data import ProseFigure

_SENT_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_N = r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<approx>余|多)?"
_GAP = r"[^，。；,;\d]"

_CHANNEL_RE = re.compile(
    r"(?:在|通过)(?P<ch>[^，。；,;]{0,30}(?:网站|门户网|网|公众号|微博|微信群?|平台|公报|报纸|公开栏|宣传栏|客户端|头条号?|"
    r"APP|新媒体|形式|方式|栏目))(?P<q>[“\"][^”\"]{1,20}[”\"])?[^。；;\d]{0,14}?(?:公开|发布|推送|公示)[^。；;\d]{0,10}?"
    + _N + r"条"
)
_TOTAL_RES = (
    re.compile(r"(?<!不予)(?<!予以)(?:主动)?公开(?:发布)?(?:各类)?(?:政府)?信息(?:的)?(?:数量|总数|数)?(?:共计?|达到?|为|累计|有)?\s*"
               + _N + r"条"),
    # "…发布信息514条，总计2401条": the sum the report states itself.
    re.compile(r"(?<=条)[，,]\s*(?:总计|合计)\s*" + _N + r"条"),
    re.compile(r"信息公开(?:数量|总数|数)(?:共计?|达到?|为|累计)?\s*" + _N + r"条"),
    # 2008-era wording: "共发布各类主动公开信息96件".
    re.compile(r"(?:共|累计)(?:发布|公开)(?:各类)?主动公开(?:政府)?信息(?:共计?)?\s*" + _N + r"(?:条|件)"),
    # "主动公开省政府及省政府办公厅政府信息759件": a total counted in 件.
    re.compile(r"主动公开[^。；;\d，,]{0,20}?政府信息\s*" + _N + r"件"),
)
# "局微信公众号公开政府信息175条", "网站共发布各类信息46106条": a channel named without 在/通过.
_CHANNEL_BARE_RE = re.compile(
    r"(?P<ch>[^，。；,;、:：\d]{0,12}?(?:门户网站|网站|公众号|微博|微信|客户端|头条号|新媒体))(?P<q>[“\"][^”\"]{1,20}[”\"])?"
    r"(?:共计?|累计)?(?:主动)?(?:发布|公开|推送|更新)(?:各类)?(?:政府|政务)?信息(?:共计?)?" + _N + r"条"
)
_CHANNEL_WORDS = ("线上", "线下", "网站", "门户网", "公众号", "微博", "微信", "客户端", "新媒体", "公开栏", "宣传栏",
                  "公报")
_CHANNEL_TOTAL_RE = re.compile(r"主动公开[^。；;\d]{0,10}?(?:共计?|累计|总计)|共计?(?:主动)?公开")
_CATEGORY_ITEM_RE = re.compile(
    r"(?:^|[，,；;、:：])\s*(?:其中)?[:：]?\s*(?P<name>[^，,；;、:：。\d]{2,24}?)\s*" + _N + r"条"
)
_CATEGORY_CUE_RE = re.compile(r"公开信息中|信息中[，,]|按.{0,6}分类|分类[:：]|其中")

_PATTERNS: tuple[tuple[str, re.Pattern[str], str, str | None], ...] = (
    # key, pattern, unit, a word the sentence must contain
    ("applications.received", re.compile(r"(?:收到|受理|新收|接收|接受)" + _GAP + r"{0,14}?申请" + _GAP + r"{0,8}?" + _N
                                         + r"(?:件|个|份|条)|收到(?P<n2>\d+)(?:件|起)" + _GAP + r"{0,8}?申请"),
     "件", None),
    ("applications.answered", re.compile(r"(?:答复|办结)" + _GAP + r"{0,10}?" + _N + r"件"), "件", "申请"),
    ("fees.amount", re.compile(r"收取" + _GAP + r"{0,12}?费" + _GAP + r"{0,8}?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|元)"),
     "", None),
    ("review.total", re.compile(r"行政复议(?:案件|申请)?" + _GAP + r"{0,6}?" + _N + r"(?:件|起|宗)"), "件", None),
    ("litigation.total", re.compile(r"行政诉讼(?:案件)?" + _GAP + r"{0,6}?" + _N + r"(?:件|起|宗)"), "件", None),
    ("staff.full_time", re.compile(r"专职(?:工作)?人员" + _GAP + r"{0,4}?" + _N
                                   + r"(?:名|人)|(?<![\d.])(?P<n2>\d+)名专职"), "人", "公开"),
    ("staff.part_time", re.compile(r"兼职(?:工作)?人员" + _GAP + r"{0,4}?" + _N + r"(?:名|人)"), "人", "公开"),
    ("meetings.count", re.compile(r"召开" + _GAP + r"{0,20}?(?:会议|专题会|推进会)" + _GAP + r"{0,4}?"
                                  + _N + r"次"), "次", "公开"),
    ("training.sessions", re.compile(r"培训(?:班|会)?" + _GAP + r"{0,8}?"
                                     + r"(?<![\d.])(?P<n>\d+)\s*(?:次|场|期)(?!人)"), "次", None),
    ("training.attendees", re.compile(r"(?:培训|参训|参加培训)" + _GAP + r"{0,10}?" + _N + r"人次"), "人次", None),
    ("hotline.received", re.compile(r"(?:热线|网络问政|在线咨询|政民互动|留言)[^。；;]{0,20}?" + _N
                                    + r"(?:件|条|个)"), "件", None),
    ("hotline.completed", re.compile(r"(?:热线|问政|留言)[^。；;]{0,30}?办结" + _N + r"(?:件|条|个)"), "件", None),
    ("hotline.completion_rate", re.compile(r"办结率(?:达到?|为)?\s*(?P<n>\d+(?:\.\d+)?)\s*[%％]"), "%", None),
    ("consultations.received", re.compile(r"接待" + _GAP + r"{0,8}?咨询" + _GAP + r"{0,4}?" + _N + r"人次"),
     "人次", None),
    ("consultations.answered", re.compile(r"解答" + _GAP + r"{0,8}?咨询" + _GAP + r"{0,4}?" + _N + r"人次"),
     "人次", None),
    ("interpretations.count", re.compile(r"(?:公示|发布|公开)?政策解读(?:稿件|材料|信息)?" + _GAP + r"{0,4}?" + _N
                                         + r"(?:篇|条|件)"), "条", None),
    ("media.items", re.compile(r"报道" + _N + r"次"), "次", None),
)

_ZERO_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("applications.received", re.compile(r"无依申请公开(?:件|事项|申请)|"
                                         r"未(?:收到|接到|接收到|发生)[^，。；]{0,12}?(?:依申请|公开申请)|"
                                         r"没有(?:收到|接到)[^，。；]{0,20}?申请|未(?:收到|接到)申请公开|依申请公开[^，。；\d]{0,6}?0件")),
    ("fees.amount", re.compile(r"没有收费|没有收取[^。；]{0,6}?费|没有[^。；，,]{0,12}?的收费|"
                               r"未收取[^。；]{0,14}?费|未发生[^。；]{0,20}?收费|无[^，。；]{0,6}?收费|"
                               r"不收取[^。；]{0,10}?费|未[^。；，,]{0,20}?收取[^。；]{0,6}?费")),
    ("review.total", re.compile(r"(?:未发生|未收到|未出现|无|没有)[^。]{0,40}?行政复议")),
    ("litigation.total", re.compile(r"(?:未发生|未收到|未出现|无|没有)[^。]{0,40}?行政诉讼")),
)


def _num(s: str) -> int | Decimal:
    return Decimal(s) if "." in s else int(s)


def _clean_category(name: str) -> str:
    name = name.strip(" “”\"")
    for prefix in ("其中", "涉及", "包括", "主要有"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    for suffix in ("类信息", "信息", "类"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    return name.strip(" ：:")


def _sentences(text: str) -> Iterable[str]:
    for m in _SENT_RE.finditer(text):
        s = m.group(0).strip()
        if s:
            yield s


def extract_figures(lines: Iterable[tuple[str | None, str]]) -> list[ProseFigure]:
    out: list[ProseFigure] = []
    seen: set[tuple[str, str, object]] = set()

    def add(f: ProseFigure) -> None:
        k = (f.key, f.label, f.value)
        if k in seen:
            return
        seen.add(k)
        out.append(f)

    for section, line in lines:
        for sent in _sentences(line):
            compact = sent.replace(" ", "")
            channel_spans: list[tuple[int, int]] = []
            total_end = None
            for m in _CHANNEL_RE.finditer(compact):
                label = m.group("ch") + (m.group("q") or "")
                add(ProseFigure("proactive.channel", _num(m.group("n")), "条", label, sent, section,
                                approx=bool(m.group("approx"))))
                channel_spans.append(m.span())
                if _CHANNEL_TOTAL_RE.search(m.group(0)):
                    # "通过网站主动公开政府信息共81条": the sentence states the total too.
                    add(ProseFigure("proactive.total", _num(m.group("n")), "条", "", sent, section,
                                    approx=bool(m.group("approx"))))
                    total_end = m.end()
            for m in _CHANNEL_BARE_RE.finditer(compact):
                if any(a < m.end() and m.start() < b for a, b in channel_spans):
                    continue
                label = m.group("ch").lstrip("局镇乡") + (m.group("q") or "")
                add(ProseFigure("proactive.channel", _num(m.group("n")), "条", label, sent, section,
                                approx=bool(m.group("approx"))))
                channel_spans.append(m.span())
            for rx in _TOTAL_RES if total_end is None else ():
                for m in rx.finditer(compact):
                    if any(a <= m.start() < b for a, b in channel_spans):
                        continue
                    add(ProseFigure("proactive.total", _num(m.group("n")), "条", "", sent, section,
                                    approx=bool(m.group("approx"))))
                    total_end = m.end()
                    break
                if total_end is not None:
                    break
            cue = _CATEGORY_CUE_RE.search(compact, total_end or 0)
            if cue and (total_end is not None or any(f.key == "proactive.total" for f in out)):
                for m in _CATEGORY_ITEM_RE.finditer(compact, max(0, cue.start() - 1)):
                    if any(a < m.end() and m.start() < b for a, b in channel_spans):
                        continue
                    name = _clean_category(m.group("name"))
                    if not name or name.startswith(("通过", "在")):
                        continue
                    if any(w in name for w in _CHANNEL_WORDS):
                        # "其中线上信息公开15条": a channel, not a category of information.
                        add(ProseFigure("proactive.channel", _num(m.group("n")), "条", name, sent, section,
                                        approx=bool(m.group("approx"))))
                        continue
                    add(ProseFigure("proactive.category", _num(m.group("n")), "条", name, sent, section,
                                    approx=bool(m.group("approx"))))
            for key, rx, unit, needs in _PATTERNS:
                if needs and needs not in compact:
                    continue
                m2 = rx.search(compact)
                if m2:
                    u = unit or (m2.group("u") if "u" in rx.groupindex else "")
                    approx = bool(m2.groupdict().get("approx"))
                    n = m2.groupdict().get("n") or m2.groupdict().get("n2")
                    if n is not None:
                        add(ProseFigure(key, _num(n), u, "", sent, section, approx=approx))
            for key, rx in _ZERO_PATTERNS:
                if rx.search(compact) and not any(f.key == key and f.snippet == sent for f in out):
                    unit = "件" if key != "fees.amount" else "元"
                    add(ProseFigure(key, 0, unit, "", sent, section))
    _flag_conflicts(out)
    return out


def _flag_conflicts(figures: list[ProseFigure]) -> None:
    """Two different values for the same single-valued figure: both are unsure."""
    single = {f.key for f in figures if f.key not in ("proactive.channel", "proactive.category", "media.items",
                                                     "interpretations.count")}
    for key in single:
        same = [f for f in figures if f.key == key]
        if len({f.value for f in same}) > 1:
            for f in same:
                f.unsure = True
