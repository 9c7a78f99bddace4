"""Parser for the text of 《国务院办公厅关于YYYY年部分节假日安排的通知》 (pure, no database).

The notice lists, per festival, a range of days off ("2月15日…至23日…放假调休") and the weekend days
that become workdays ("2月14日(周六)、2月28日(周六)上班"), spec §8.1. Dates may carry an explicit
year when they spill into the previous year ("2018年12月30日至2019年1月1日放假"). Parenthesised
weekday and lunar notes are dropped before matching. Anything the parser cannot read is reported,
never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

CN_ITEM = re.compile(r"(?:^|\n|。)\s*[一二三四五六七八九十]+、")
YEAR_IN_TITLE = re.compile(r"关于\s*(\d{4})\s*年\s*部分节假日安排")
DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
RANGE = re.compile(DATE + r"(?:\s*(?:至|到|-|~|—)\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日)?")
SINGLE = re.compile(DATE)
PAREN = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class NoticeDay:
    date: dt.date
    kind: str  # "holiday" | "makeup_workday"
    name: str


@dataclass
class ParsedNotice:
    year: int
    days: list[NoticeDay] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def holidays(self) -> list[dt.date]:
        return sorted(d.date for d in self.days if d.kind == "holiday")

    @property
    def makeup_workdays(self) -> list[dt.date]:
        return sorted(d.date for d in self.days if d.kind == "makeup_workday")


class NoticeParseError(ValueError):
    pass


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("（", "(").replace("）", ")").replace("：", ":")
    # Lunar/weekday notes can nest "、" and dates in words; drop them first.
    prev = None
    while prev != text:
        prev = text
        text = PAREN.sub("", text)
    return text


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Read holidays and make-up workdays from the notice text. ``year`` overrides the title's year."""
    norm = _normalise(text)
    if year is None:
        m = YEAR_IN_TITLE.search(norm)
        if not m:
            raise NoticeParseError("无法从通知标题中识别年份，请指定年份（cannot find the year in the title）")
        year = int(m.group(1))
    result = ParsedNotice(year=year)
    starts = [m.end() for m in CN_ITEM.finditer(norm)]
    if not starts:
        raise NoticeParseError("未找到“一、元旦：……”形式的放假安排条目（no numbered festival items found）")
    ends = [*[m.start() for m in CN_ITEM.finditer(norm)][1:], len(norm)]
    seen: set[dt.date] = set()
    for start, end in zip(starts, ends, strict=True):
        item = norm[start:end]
        name, sep, body = item.partition(":")
        if not sep:
            continue
        name = name.strip()
        found_any = False
        for sentence in re.split(r"[。;;\n]", body):
            if "放假" in sentence:
                for m in RANGE.finditer(sentence.split("放假")[0]):
                    y1 = int(m.group(1) or year)
                    first = _date(y1, int(m.group(2)), int(m.group(3)), result)
                    if first is None:
                        continue
                    if m.group(6):
                        end_month = int(m.group(5) or first.month)
                        if m.group(4):
                            y2 = int(m.group(4))
                        else:  # "12月30日至1月1日" runs into the next year
                            y2 = first.year + (1 if end_month < first.month else 0)
                        last = _date(y2, end_month, int(m.group(6)), result)
                    else:
                        last = first
                    if last is None:
                        continue
                    if last < first or (last - first).days > 15:
                        result.warnings.append(f"{name}：放假区间 {first}—{last} 不合理，已跳过")
                        continue
                    day = first
                    while day <= last:
                        _add(result, seen, NoticeDay(day, "holiday", name))
                        day += dt.timedelta(days=1)
                    found_any = True
            elif "上班" in sentence:
                for m in SINGLE.finditer(sentence):
                    d = _date(int(m.group(1) or year), int(m.group(2)), int(m.group(3)), result)
                    if d is None:
                        continue
                    if d.weekday() < 5:
                        result.warnings.append(f"{name}：调休上班日 {d} 不是周末")
                    _add(result, seen, NoticeDay(d, "makeup_workday", name))
                    found_any = True
        if not found_any:
            result.warnings.append(f"“{name}”条目中未识别到日期")
    if not result.days:
        raise NoticeParseError("通知中未识别到任何放假或调休上班日期（no dates found）")
    result.days.sort(key=lambda d: d.date)
    return result


def _date(y: int, m: int, d: int, result: ParsedNotice) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        result.warnings.append(f"无效日期：{y}年{m}月{d}日")
        return None


def _add(result: ParsedNotice, seen: set[dt.date], day: NoticeDay) -> None:
    if day.date in seen:
        result.warnings.append(f"{day.date} 重复出现")
        return
    seen.add(day.date)
    result.days.append(day)
