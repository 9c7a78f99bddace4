"""The charts of a published report page, drawn with ``gongkai.reports.charts`` (inline SVG):
proactive disclosure by category and by channel, applications by outcome, and this year against last
year (proactive items, applications received and answered) when last year's report is known."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from gongkai.reports.charts import bar_chart, grouped_bar_chart, line_chart
from gongkai.reports.data import Number, ReportData
from gongkai.reports.narrative import outcome_counts


def _prev(previous: ReportData, key: str) -> Number | None:
    fig = previous.figure(key)
    if fig is not None and fig.value is not None:
        return fig.value
    if key == "applications.received":
        return previous.value("table3", "new_received", "total")
    if key == "applications.answered":
        return previous.value("table3", "total", "total")
    return None


def report_charts(data: ReportData, previous: ReportData | None = None) -> SafeString:
    parts: list[str] = []
    cats = [(f.label, f.value) for f in data.figures_of("proactive.category")]
    if cats:
        parts.append(bar_chart(cats, title="主动公开政府信息（按信息分类）", unit="条"))
    chans = [(f.label, f.value) for f in data.figures_of("proactive.channel")]
    if chans:
        parts.append(bar_chart(chans, title="主动公开政府信息（按发布渠道）", unit="条"))
    if "table3" in data.tables:
        parts.append(bar_chart(outcome_counts(data), title="政府信息公开申请办理结果", unit="件"))
    if previous is not None and data.year:
        keys = [("proactive.total", "主动公开"), ("applications.received", "新收申请"),
                ("applications.answered", "办结申请")]
        now = data.figures_of
        series = {
            f"{data.year - 1}年": [_prev(previous, k) for k, _l in keys],
            f"{data.year}年": [(now(k)[0].value if now(k) else _prev(data, k)) for k, _l in keys],
        }
        parts.append(grouped_bar_chart([label for _k, label in keys], series, title="与上年对比"))
    if not parts:
        return mark_safe("")
    return mark_safe('<div class="nianbao-charts">' + "".join(parts) + "</div>")


def year_trend(reports: list[tuple[int, ReportData]]) -> SafeString:
    """Headline figures of one agency's published reports over the years, on a true time axis (a year
    without a published report is a gap): proactive items, applications received and answered."""
    if len(reports) < 2:
        return mark_safe("")
    ordered = sorted(reports, key=lambda item: item[0])
    labels = [str(year) for year, _data in ordered]
    keys = [("proactive.total", "主动公开信息"), ("applications.received", "新收申请"),
            ("applications.answered", "办结申请")]
    series = {label: [_prev(data, key) for _year, data in ordered] for key, label in keys}
    return line_chart(labels, series, title="历年主要数据", unit="")
