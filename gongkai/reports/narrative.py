"""Drafts of the narrative sections (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项)
drawn from the figures, offered to the clerk as suggestions — never written into the report by
themselves (the clerk accepts or edits them on the report page).

``facts(agency_ids, year, data)`` collects the figures the prose states (keys shared with ingest's
``ProseFigure``: proactive.total, proactive.category, proactive.channel, applications.received, fees.amount,
hotline.*, training.* …) so a published report carries them and next year's draft can compare
("比上年增加61条") with it, or with a published report imported by ingest.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from gongkai.applications.selectors import fee_figures
from gongkai.catalog.selectors import category_counts, channel_counts
from gongkai.formats.declarations import LITIGATION_KINDS
from gongkai.reports.data import Number, ProseFigure, ReportData
from gongkai.worklog.selectors import completion_rate, work_figures

CHANNEL_LABELS: dict[str, str] = {"website": "政府网站", "gazette": "政府公报", "weibo": "政务微博",
                                  "wechat": "政务微信", "other": "其他方式"}
OUTCOME_GROUPS: tuple[tuple[str, str], ...] = (
    ("granted", "予以公开"), ("partial", "部分公开"), ("denied.", "不予公开"), ("unable.", "无法提供"),
    ("not_processed.", "不予处理"), ("other", "其他处理"),
)
WORK_FACTS: tuple[tuple[str, str, str], ...] = (
    # (worklog key, ProseFigure key, unit)
    ("interpretation", "interpretations.count", "篇"),
    ("concern_response", "responses.count", "次"),
    ("press_conference", "press.count", "次"),
    ("online_interview", "interviews.count", "次"),
    ("hotline", "hotline.received", "件"),
    ("hotline.secondary", "hotline.completed", "件"),
    ("window_consultation", "consultations.received", "人次"),
    ("staff_fulltime", "staff.full_time", "人"),
    ("staff_parttime", "staff.part_time", "人"),
    ("meeting", "meetings.count", "次"),
    ("training", "training.sessions", "次"),
    ("training.secondary", "training.attendees", "人次"),
    ("funds", "funds.amount", "万元"),
)


def _fmt(n: Number | None) -> str:
    if n is None:
        return "—"
    if isinstance(n, Decimal):
        return format(n.normalize(), "f")
    return str(n)


def _t3(data: ReportData, row: str) -> int:
    return int(data.value("table3", row, "total") or 0)


def outcome_counts(data: ReportData) -> list[tuple[str, int]]:
    """Answered applications by outcome group (from the Table 3 总计 column)."""
    out: list[tuple[str, int]] = []
    keys = {r for (r, c) in data.tables.get("table3", {}) if c == "total"}
    for prefix, label in OUTCOME_GROUPS:
        n = sum(int(data.value("table3", k, "total") or 0) for k in keys
                if k == prefix or (prefix.endswith(".") and k.startswith(prefix))
                or (prefix == "other" and (k == "other" or k.startswith("other."))))
        out.append((label, n))
    return out


def facts(agency_ids: Iterable[int], year: int, data: ReportData) -> list[ProseFigure]:
    ids = list(agency_ids)
    out: list[ProseFigure] = []
    chan = channel_counts(ids, year)
    out.append(ProseFigure("proactive.total", int(chan.get("website", 0)), "条", "主动公开政府信息"))
    for row in category_counts(ids, year):
        out.append(ProseFigure("proactive.category", int(row["count"]), "条", str(row["category"])))
    for key, label in CHANNEL_LABELS.items():
        out.append(ProseFigure("proactive.channel", int(chan.get(key, 0)), "条", label))
    if "table3" in data.tables:
        out.append(ProseFigure("applications.received", _t3(data, "new_received"), "件", "本年新收申请"))
        out.append(ProseFigure("applications.answered", _t3(data, "total"), "件", "本年办结申请"))
    if "table4" in data.tables:
        out.append(ProseFigure("review.total", int(data.value("table4", "all", "review.total") or 0), "件", "行政复议"))
        lit = sum(int(data.value("table4", "all", f"{g}.total") or 0)
                  for g in LITIGATION_KINDS)
        out.append(ProseFigure("litigation.total", lit, "件", "行政诉讼"))
    work = work_figures(ids, year)
    for wkey, fkey, unit in WORK_FACTS:
        if wkey in work:
            out.append(ProseFigure(fkey, work[wkey], unit))
    rate = completion_rate(work)
    if rate is not None:
        out.append(ProseFigure("hotline.completion_rate", rate, "%"))
    fee = fee_figures(ids, year)
    out.append(ProseFigure("fees.notices", fee["notices"], "件", "收费通知"))
    out.append(ProseFigure("fees.notice_amount", Decimal(fee["amount"]), "元", "通知金额"))
    out.append(ProseFigure("fees.amount", Decimal(fee["collected"]), "元", "实际收取"))
    return out


def compare(now: Number | None, before: Number | None, unit: str) -> str:
    """"比上年增加61条" / "比上年减少3件" / "与上年持平"; "" when last year's figure is unknown."""
    if now is None or before is None:
        return ""
    diff = now - before
    if diff > 0:
        return f"比上年增加{_fmt(diff)}{unit}"
    if diff < 0:
        return f"比上年减少{_fmt(-diff)}{unit}"
    return "与上年持平"


def _prev_value(previous: ReportData | None, key: str, label: str = "") -> Number | None:
    if previous is None:
        return None
    fig = previous.figure(key, label)
    if fig is not None and fig.value is not None:
        return fig.value
    if key == "applications.received":
        return previous.value("table3", "new_received", "total")
    return None


def _with_cmp(text: str, now: Number | None, previous: ReportData | None, key: str, unit: str) -> str:
    c = compare(now, _prev_value(previous, key), unit)
    return f"{text}，{c}" if c else text


def suggest(data: ReportData, previous: ReportData | None, *, agency_name: str, year: int) -> dict[str, str]:
    """Suggested text for the three narrative sections (keys overview, problems, other)."""
    fig = {f.key: f for f in data.figures if f.key not in ("proactive.category", "proactive.channel")}

    def v(key: str) -> Number | None:
        f = fig.get(key)
        return f.value if f is not None else None

    paras: list[str] = []
    total = v("proactive.total") or 0
    p = _with_cmp(f"{year}年，{agency_name}认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息"
                  f"{_fmt(total)}条", total, previous, "proactive.total", "条")
    cats = [f for f in data.figures_of("proactive.category") if f.value]
    if cats:
        p += "，其中" + "、".join(f"{f.label}{_fmt(f.value)}条" for f in cats)
    chans = [f for f in data.figures_of("proactive.channel") if f.value and f.label != "政府网站"]
    if chans:
        p += "；通过" + "、".join(f"{f.label}发布{_fmt(f.value)}条" for f in chans)
    paras.append(p + "。")
    if "table3" in data.tables:
        received = _t3(data, "new_received")
        s = _with_cmp(f"全年新收政府信息公开申请{received}件", received, previous, "applications.received", "件")
        s += f"，上年结转{_t3(data, 'carried_over')}件，本年办结{_t3(data, 'total')}件"
        parts = [f"{label}{n}件" for label, n in outcome_counts(data) if n]
        if parts:
            s += "（" + "、".join(parts) + "）"
        s += f"，结转下年度继续办理{_t3(data, 'carry_forward')}件。"
        paras.append(s)
    work_bits: list[str] = []
    for key, text, unit in (("interpretations.count", "发布政策解读稿件", "篇"), ("responses.count", "回应公众关注热点",
                                                                            "次"),
                            ("press.count", "举办新闻发布会", "次"), ("interviews.count", "开展在线访谈", "次")):
        if v(key):
            work_bits.append(f"{text}{_fmt(v(key))}{unit}")
    if v("hotline.received"):
        h = _with_cmp(f"受理热线及网络问政事项{_fmt(v('hotline.received'))}件", v("hotline.received"), previous,
                      "hotline.received", "件")
        if v("hotline.completed") is not None:
            h += f"，办结{_fmt(v('hotline.completed'))}件"
        if v("hotline.completion_rate") is not None:
            h += f"，办结率{_fmt(v('hotline.completion_rate'))}%"
        work_bits.append(h)
    if v("training.sessions"):
        t = _with_cmp(f"开展政务公开业务培训{_fmt(v('training.sessions'))}次", v("training.sessions"), previous,
                      "training.sessions", "次")
        if v("training.attendees"):
            t += f"、培训{_fmt(v('training.attendees'))}人次"
        work_bits.append(t)
    if work_bits:
        paras.append("；".join(work_bits) + "。")
    overview = "\n".join(paras)

    problems = ("一是政府信息公开的及时性和规范性有待进一步提高；二是政策解读和回应关切的针对性有待增强。"
                "\n下一步，将进一步完善信息发布审查机制，加强业务培训，提升公开质量和实效。")
    if v("hotline.completion_rate") is not None and Decimal(v("hotline.completion_rate") or 0) < 100:
        problems = (f"热线及网络问政办结率为{_fmt(v('hotline.completion_rate'))}%，仍有事项未按时办结。"
                    + problems)

    if v("fees.amount") is not None:
        amount = v("fees.amount") or 0
        if amount:
            other = (f"本年度共发出信息处理费收费通知{_fmt(v('fees.notices'))}件，"
                     f"金额{_fmt(v('fees.notice_amount'))}元，实际收取信息处理费{_fmt(amount)}元。")
        else:
            other = "严格执行《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。"
    else:
        other = "本年度信息处理费收取情况：（请填写）。"
    return {"overview": overview, "problems": problems, "other": other}
