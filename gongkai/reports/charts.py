"""Server-rendered inline SVG charts (bar, grouped/stacked bar, line), readable without JavaScript.

Pure functions from labels and numbers to an ``<svg>`` string marked safe for templates. Every chart
has ``role="img"``, a ``<title>`` and a ``<desc>`` listing the figures in words, and prints each value
beside its mark, so it reads in a screen reader and in print. Blank values (None) are drawn as gaps,
never as 0. Colours come from one palette with enough contrast on white.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

Num = int | float | Decimal
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#b8860b", "#6a3d9a", "#008b8b", "#8b4513", "#d81b60", "#4d4d4d")
_ids = itertools.count(1)


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _fmt(v: Num | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    mag = 10 ** (len(str(int(v))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * mag
        if top >= v:
            return float(top)
    return float(v)


def _frame(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    n = next(_ids)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="chart-t{n} chart-d{n}" '
        f'style="font-family:sans-serif;font-size:12px">'
        f'<title id="chart-t{n}">{_e(title)}</title><desc id="chart-d{n}">{_e(desc)}</desc>'
        f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-weight="bold">{_e(title)}</text>'
        + "".join(body) + "</svg>"
    )


def _legend(names: Sequence[str], x: float, y: float) -> list[str]:
    out = []
    for i, name in enumerate(names):
        yy = y + i * 16
        out.append(f'<rect x="{x:.0f}" y="{yy - 9:.0f}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="{x + 14:.0f}" y="{yy:.0f}">{_e(name)}</text>')
    return out


def bar_chart(items: Sequence[tuple[str, Num | None]], *, title: str, unit: str = "",
              width: int = 560, bar_height: int = 22) -> SafeString:
    """Horizontal bars, one per (label, value): e.g. proactive items by category."""
    label_w = min(220, 14 * max((len(str(lbl)) for lbl, _v in items), default=4) + 10)
    top, gap = 30, 6
    height = top + len(items) * (bar_height + gap) + 10
    vmax = _nice_max(max((float(v) for _l, v in items if v is not None), default=0.0))
    plot_w = width - label_w - 70
    body: list[str] = []
    for i, (label, v) in enumerate(items):
        y = top + i * (bar_height + gap)
        body.append(f'<text x="{label_w - 6}" y="{y + bar_height * 0.7:.0f}" text-anchor="end">{_e(label)}</text>')
        if v is not None:
            w = plot_w * float(v) / vmax
            body.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{PALETTE[0]}"/>')
            body.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height * 0.7:.0f}">{_fmt(v)}{_e(unit)}</text>')
        else:
            body.append(f'<text x="{label_w + 4}" y="{y + bar_height * 0.7:.0f}" fill="#666">未填报</text>')
    desc = "；".join(f"{lbl}：{_fmt(v)}{unit if v is not None else ''}" for lbl, v in items)
    return _frame(width, height, title, desc, body)


def grouped_bar_chart(categories: Sequence[str], series: Mapping[str, Sequence[Num | None]], *, title: str,
                      unit: str = "", width: int = 640, height: int = 300, stacked: bool = False) -> SafeString:
    """Vertical bars per category (e.g. years), one bar per series, side by side or stacked."""
    names = list(series)
    left, right, top, bottom = 50, 150, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    if stacked:
        totals = [sum(float(series[n][i] or 0) for n in names) for i in range(len(categories))]
        vmax = _nice_max(max(totals, default=0.0))
    else:
        vmax = _nice_max(max((float(v) for n in names for v in series[n] if v is not None), default=0.0))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{_fmt(vmax if vmax % 1 else int(vmax))}</text>',
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    slot = plot_w / max(1, len(categories))
    bw = slot * 0.7 / (1 if stacked else max(1, len(names)))
    for ci, cat in enumerate(categories):
        x0 = left + ci * slot + slot * 0.15
        base: float = top + plot_h
        for si, name in enumerate(names):
            v = series[name][ci] if ci < len(series[name]) else None
            if v is None:
                continue
            h = plot_h * float(v) / vmax
            x = x0 if stacked else x0 + si * bw
            y = base - h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{h:.1f}" '
                        f'fill="{PALETTE[si % len(PALETTE)]}"><title>{_e(cat)} {_e(name)}：{_fmt(v)}{_e(unit)}</title>'
                        f'</rect>')
            if not stacked:
                body.append(f'<text x="{x + bw / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{_fmt(v)}</text>')
            if stacked:
                base = y
        body.append(f'<text x="{x0 + slot * 0.35:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_e(cat)}</text>')
    body.extend(_legend(names, left + plot_w + 16, top + 10))
    desc = "；".join(f"{cat}：" + "，".join(f"{n}{_fmt(series[n][i] if i < len(series[n]) else None)}"
                                           for n in names) for i, cat in enumerate(categories))
    return _frame(width, height, title, desc, body)


def line_chart(x_labels: Sequence[str], series: Mapping[str, Sequence[Num | None]], *, title: str,
               unit: str = "", width: int = 640, height: int = 280) -> SafeString:
    """One line per series over ``x_labels`` (e.g. applications per year by agency); None breaks the line.

    When every label is a year, the x axis is a true time axis: each year sits at its distance from the
    first, every year in the span gets a tick, and a year with no figure is a gap (2019, 2020, 2023 are not
    drawn as three evenly spaced points)."""
    names = list(series)
    left, right, top, bottom = 50, 150, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    vmax = _nice_max(max((float(v) for n in names for v in series[n] if v is not None), default=0.0))
    years = year_positions(x_labels)
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{_fmt(vmax if vmax % 1 else int(vmax))}</text>',
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    if years is not None:
        first, span = years[0], max(1, years[-1] - years[0])
        xs = [left + plot_w * (y - first) / span for y in years]
        step = plot_w / span
        for year in range(first, first + span + 1):
            x = left + (year - first) * step
            body.append(f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 4}" stroke="#333"/>'
                        f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{year}</text>')
    else:
        step = plot_w / max(1, len(x_labels) - 1)
        xs = [left + i * step for i in range(len(x_labels))]
        for i, lbl in enumerate(x_labels):
            body.append(f'<text x="{xs[i]:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_e(lbl)}</text>')
    for si, name in enumerate(names):
        colour = PALETTE[si % len(PALETTE)]
        segment: list[str] = []
        previous_year: int | None = None
        for i, v in enumerate(series[name]):
            # On a time axis a missing year between two points breaks the line as a blank value does.
            if years is not None and v is not None and previous_year is not None and years[i] - previous_year > 1:
                if len(segment) > 1:
                    body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                                f'points="{" ".join(segment)}"/>')
                segment = []
            if years is not None and v is not None:
                previous_year = years[i]
            if v is None:
                if len(segment) > 1:
                    pts = " ".join(segment)
                    body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>')
                segment = []
                continue
            x, y = xs[i], top + plot_h - plot_h * float(v) / vmax
            segment.append(f"{x:.1f},{y:.1f}")
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{_e(name)} '
                        f'{_e(x_labels[i])}：{_fmt(v)}{_e(unit)}</title></circle>'
                        f'<text x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="{colour}">{_fmt(v)}</text>')
        if len(segment) > 1:
            body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(segment)}"/>')
    body.extend(_legend(names, left + plot_w + 16, top + 10))
    desc = "；".join(f"{n}：" + "，".join(f"{x_labels[i]}{_fmt(v)}" for i, v in enumerate(series[n])) for n in names)
    return _frame(width, height, title, desc, body)


def year_positions(labels: Sequence[str]) -> list[int] | None:
    """The labels as increasing years (``"2019"`` or ``"2019年"``), or None when they are not all years."""
    years: list[int] = []
    for label in labels:
        text = str(label).removesuffix("年")
        if not (len(text) == 4 and text.isdigit()):
            return None
        years.append(int(text))
    if not years or any(b <= a for a, b in itertools.pairwise(years)):
        return None
    return years
