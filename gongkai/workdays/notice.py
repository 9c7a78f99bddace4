"""Reader for the State Council's holiday notices (pure, no database).

It reads the annual 《国务院办公厅关于YYYY年部分节假日安排的通知》 (国办发明电, spec §8.1) and the
supplementary notices that change a year after the fact (e.g. 国发明电〔2015〕1号 抗战胜利70周年纪念日调休,
国办发明电〔2019〕3号 劳动节调整, 国办发明电〔2020〕1号 延长春节假期) into days off (放假, 补休, 调休)
and make-up workdays (上班). Twenty years of drafting are covered: items with or without a colon, "1、"
and "（一）" numbering, every range dash and a weekday or lunar note before 至, month-less and year-less
dates ("2月20日、21日", "12月31日" in a 元旦 item), "号" for "日", traditional characters and stray
spaces. Sentences that only explain (为法定节假日, 照常公休, "…调至…") add nothing: only the days the
notice says are worked become make-up workdays.

Nothing is guessed silently: every sentence is reported as used or not, weekday notes are checked
against the calendar, and anything doubtful becomes a warning, so ``ParsedNotice.unsure`` tells the
caller to ask a person before saving (issue 11 item 8).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"

# The few traditional characters that carry meaning for the reader (keywords, festival names, title).
_TRADITIONAL = str.maketrans({
    "節": "节", "慶": "庆", "勞": "劳", "動": "动", "調": "调", "週": "周", "號": "号", "補": "补",
    "與": "与", "連": "连", "為": "为", "於": "于", "國": "国", "辦": "办", "發": "发", "電": "电",
    "關": "关", "曆": "历", "臘": "腊", "農": "农", "長": "长", "隊": "队", "紀": "纪", "勝": "胜",
    "戰": "战", "間": "间", "開": "开", "時": "时", "貳": "二", "後": "后", "體": "体", "務": "务",
    "廳": "厅", "ㄧ": "一",
})
_FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*、\s*")
_PAREN_ITEM = re.compile(r"(?m)^\s*\(\s*([一二三四五六七八九十]+)\s*\)\s*")
_DOC_NUMBER = re.compile(r"(国(?:办)?发(?:明)?电)\s*[〔\[【(]\s*(\d{4})\s*[〕\]】)]\s*(\d+)\s*号")
_TITLE_YEAR = re.compile(r"关于\s*(?:调整|延长)?\s*(\d{4})\s*年")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
    r"(?:\s*\((?P<note>[^()]*)\))?"
)
_RANGE_SEP = re.compile(r"^\s*(?:至|到|-+|–+|—+|―+|~|〜|－)\s*$")
_ISSUED = re.compile(r"^(?:国务院办公厅|国务院)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_ISSUED = re.compile(r"^(?:国务院办公厅|国务院)?\s*([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
                        r"([一二三四五六七八九十]{1,3})日$")


@dataclass(frozen=True)
class NoticeDay:
    date: dt.date
    kind: str  # "holiday" | "makeup_workday"
    name: str


@dataclass(frozen=True)
class SentenceReport:
    """One sentence of the notice and what the reader did with it."""

    text: str
    status: str  # "used" | "explains" | "no_date" | "unused"


@dataclass
class ParsedNotice:
    year: int
    title: str = ""
    doc_number: str = ""
    issued: dt.date | None = None
    days: list[NoticeDay] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sentences: list[SentenceReport] = field(default_factory=list)

    @property
    def holidays(self) -> list[dt.date]:
        return sorted(d.date for d in self.days if d.kind == HOLIDAY)

    @property
    def makeup_workdays(self) -> list[dt.date]:
        return sorted(d.date for d in self.days if d.kind == MAKEUP_WORKDAY)

    @property
    def unused(self) -> list[str]:
        """Sentences with a date that the reader did not understand (each makes the notice unsure)."""
        return [s.text for s in self.sentences if s.status == "unused"]

    @property
    def not_used(self) -> list[str]:
        """Every sentence that contributed nothing: not understood, or without any date."""
        return [s.text for s in self.sentences if s.status in ("unused", "no_date")]

    @property
    def unsure(self) -> bool:
        return bool(self.warnings or self.unused)

    @property
    def source_label(self) -> str:
        label = self.title or f"国务院办公厅关于{self.year}年部分节假日安排的通知"
        return f"{label}（{self.doc_number}）" if self.doc_number else label


class NoticeParseError(ValueError):
    pass


@dataclass
class _Token:
    start: int
    end: int
    date: dt.date


@dataclass
class _Context:
    year: int
    item: str = ""
    item_mentions_prev_year: bool = False
    prev: dt.date | None = None
    months: list[tuple[int, int]] = field(default_factory=list)
    explained_targets: list[tuple[dt.date, str]] = field(default_factory=list)


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII), traditional → simplified keywords, "号" → "日", "（一）" → "一、"."""
    text = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    text = _PAREN_ITEM.sub(lambda m: f"{m.group(1)}、", text)
    text = _DOC_NUMBER.sub(lambda m: f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号", text)
    # "5月1号" / "、2号" mean 日; the doc number's 号 (after 〕) is left alone.
    text = re.sub(r"(?<=月)\s*(\d{1,2})\s*号", r"\1日", text)
    text = re.sub(r"(?<=[、至到\-~—])\s*(\d{1,2})\s*号", r"\1日", text)
    return text


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Read holidays and make-up workdays from a notice. ``year`` overrides the year read from the title."""
    norm = normalise(text)
    lines = [ln.strip() for ln in norm.split("\n") if ln.strip()]
    title = next((ln for ln in lines if "关于" in ln and "通知" in ln and len(ln) <= 80), "")
    doc = _DOC_NUMBER.search(norm)
    stated = _TITLE_YEAR.search(title)
    if year is not None and stated and int(stated.group(1)) != year:
        mismatch = f"标题写明{stated.group(1)}年，却按{year}年识别，请核对年份"
    else:
        mismatch = ""
    if year is None:
        m = (_TITLE_YEAR.search(title) or _TITLE_YEAR.search(norm) or re.search(r"现将\s*(\d{4})\s*年", norm)
             or re.search(r"(\d{4})\s*年\s*\d{1,2}\s*月", norm))
        if not m:
            raise NoticeParseError("无法从通知中识别年份，请指定年份")
        year = int(m.group(1))
    result = ParsedNotice(year=year, title=title, doc_number=doc.group(0) if doc else "")
    if mismatch:
        result.warnings.append(mismatch)
    title_festival = _festival_in(title)
    ctx = _Context(year=year, item=title_festival)

    body: list[str] = []
    for ln in lines:
        issued = _issued_date(ln)
        if issued is not None:
            result.issued = issued
            result.sentences.append(SentenceReport(ln, "explains"))
            continue
        if ln == title or _DOC_NUMBER.fullmatch(ln):
            continue
        body.append(ln)

    for name, sentences, item_text in _items(body, title_festival):
        ctx.item = name
        ctx.months = []
        ctx.item_mentions_prev_year = f"{year - 1}年" in item_text
        for sentence in sentences:
            result.sentences.append(SentenceReport(sentence, _read_sentence(sentence, ctx, result)))

    _check(result, ctx)
    result.warnings = list(dict.fromkeys(result.warnings))
    if not result.days:
        raise NoticeParseError("通知中未识别到任何放假或调休上班日期")
    result.days.sort(key=lambda d: (d.date, d.kind))
    return result


def _items(body: list[str], title_festival: str) -> list[tuple[str, list[str], str]]:
    """Group sentences into numbered items ("一、", "1、", "（一）"); text before the first item is its own group."""
    items: list[tuple[str, list[str], str]] = [(title_festival, [], "")]
    for ln in body:
        for raw in _split(ln, "。;；"):
            sentence = raw.strip()
            marker = _ITEM.match(sentence)
            if marker:
                name, sentence = _item_name(sentence[marker.end():])
                items.append((name or title_festival, [], ""))
            if sentence:
                name, sentences, text = items[-1]
                items[-1] = (name, [*sentences, sentence], text + sentence + "。")
    return items


def _split(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` outside parentheses (a note may hold "农历正月初九，星期日")."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def _festival_in(title: str) -> str:
    if "抗日战争" in title or "抗战" in title:
        return "抗战胜利纪念日"
    return next((f for f in _FESTIVALS if f in title), "")


def _item_name(sentence: str) -> tuple[str, str]:
    """Split "元旦:1月1日…" or "清明节4月4日…" (no colon, 2009) into name and the rest."""
    head, sep, rest = sentence.partition(":")
    if sep and not re.search(r"\d", head) and len(head) <= 20:
        return _clean_name(head), rest
    m = re.match(r"([^\d]{1,20}?)(?=\d)", sentence)
    if m and not any(k in m.group(1) for k in ("放假", "上班", "调休", "延长")):
        return _clean_name(m.group(1)), sentence[m.end():]
    return "", sentence


def _clean_name(name: str) -> str:
    return re.sub(r"[\"“”「」‘’'\s:]", "", name)[:40]


def _issued_date(line: str) -> dt.date | None:
    m = _ISSUED.match(line)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = _CN_ISSUED.match(line)
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        try:
            return dt.date(y, _cn_number(m.group(2)), _cn_number(m.group(3)))
        except ValueError:
            return None
    return None


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS[s[1]]
    if s.endswith("十"):
        return _CN_DIGITS[s[0]] * 10
    if "十" in s:
        return _CN_DIGITS[s[0]] * 10 + _CN_DIGITS[s[2]]
    return _CN_DIGITS[s]


def _read_sentence(sentence: str, ctx: _Context, result: ParsedNotice) -> str:
    """Read one sentence clause by clause; returns its status for the report."""
    if "鼓励" in sentence and _DATE.search(sentence):
        # 2024: "鼓励各单位…安排职工在除夕（2月9日）休息" encourages; it sets no day off.
        return "explains"
    statuses: list[str] = []
    pending = ""
    clauses = [c for c in _split(sentence, ",，") if c.strip()]
    for i, part in enumerate(clauses):
        clause = pending + part
        kind = _clause_kind(clause)
        if kind == "" and i + 1 < len(clauses) and _DATE.search(clause):
            # "其中:4月4日(清明节),为法定节假日": the verb is in the next clause.
            pending = clause + ","
            continue
        pending = ""
        saved = (ctx.prev, list(ctx.months))
        tokens = _tokens(clause, kind, ctx, result)
        status = _read_clause(clause, kind, tokens, ctx, result)
        if status == "no_date":
            ctx.prev, ctx.months = saved
        statuses.append(status)
    if "unused" in statuses:
        return "unused"
    if "used" in statuses:
        return "used"
    if "explains" in statuses:
        return "explains"
    return "no_date"


def _clause_kind(clause: str) -> str:
    """What a clause does, read from its verb before any date is resolved."""
    if "延长" in clause and "假期" in clause:
        return "extension"
    if "上班" in clause and ("起" in clause or "照常上班" in clause or "正常上班" in clause):
        return "resume"
    if re.search(r"日\s*起", clause):
        # 2025 preamble: "自2025年1月1日起，全体公民放假的假日增加2天", "国庆节自10月1日起放假调休7天":
        # the date a rule applies from, not a day off.
        return "from"
    if "上班" in clause:
        return "work"
    if "调至" in clause:
        return "moved"
    if "放假" in clause and "不放假" not in clause:
        return "off"
    if "补休" in clause or re.search(r"调休\s*$", clause.strip()):
        return "off_single"
    if "法定节假日" in clause or "法定假日" in clause:
        return "legal"
    if "公休" in clause:
        return "weekend"
    return ""


def _tokens(clause: str, kind: str, ctx: _Context, result: ParsedNotice) -> list[_Token]:
    out: list[_Token] = []
    for m in _DATE.finditer(clause):
        d = _resolve(m, kind, ctx, result)
        if d is not None:
            out.append(_Token(m.start(), m.end(), d))
            ctx.prev = d
            if (d.year, d.month) in ctx.months:
                ctx.months.remove((d.year, d.month))
            ctx.months.append((d.year, d.month))
    return out


def _resolve(m: re.Match[str], kind: str, ctx: _Context, result: ParsedNotice) -> dt.date | None:
    day = int(m.group("d"))
    note = m.group("note") or ""
    weekday = _weekday_in(note)
    if m.group("m") is None:
        return _day_only(m.group(0), day, weekday, kind, ctx, result)
    month = int(m.group("m"))
    if m.group("y"):
        year = int(m.group("y"))
    elif month == 12 and "元旦" in ctx.item:
        year = _december_year(day, weekday, ctx, result)
    else:
        year = ctx.year
    try:
        d = dt.date(year, month, day)
    except ValueError:
        result.warnings.append(f"无效日期：{year}年{month}月{day}日")
        return None
    if weekday is not None and d.weekday() != weekday:
        result.warnings.append(f"{d.isoformat()} 注明为“{note}”，但该日是{_weekday_name(d)}，请核对年份和日期")
    return d


def _day_only(raw: str, day: int, weekday: int | None, kind: str, ctx: _Context,
              result: ParsedNotice) -> dt.date | None:
    """"21日" after "2月20日": the month (and year) of a date named earlier in the item.

    The most recent month comes first; a month where the day does not exist (2006: "29日、30日、31日"
    after "2月4日") or whose weekday contradicts the note is passed over, and a clause that names
    statutory holidays prefers the month in which the day is already a day off.
    """
    candidates: list[dt.date] = []
    for year, month in reversed(ctx.months):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or d.weekday() == weekday:
            candidates.append(d)
    if not candidates:
        result.warnings.append(f"“{ctx.item}”条目中“{raw}”没有月份，无法确定日期")
        return None
    if kind == "legal":
        off = set(result.holidays)
        return next((d for d in candidates if d in off), candidates[0])
    return candidates[0]


def _december_year(day: int, weekday: int | None, ctx: _Context, result: ParsedNotice) -> int:
    """A year-less December date in the 元旦 item of notice Y: December of Y-1 (item 3, never silent)."""
    prev_year = ctx.year - 1
    if weekday is not None:
        fits = [y for y in (prev_year, ctx.year) if dt.date(y, 12, day).weekday() == weekday]
        if fits == [prev_year]:
            return prev_year
    if ctx.item_mentions_prev_year:
        return prev_year
    result.warnings.append(f"元旦条目中“12月{day}日”未写年份，按上一年（{prev_year}年）理解，请核对")
    return prev_year


def _weekday_in(note: str) -> int | None:
    m = re.search(r"(?:星期|周|礼拜)([一二三四五六日天])", note)
    return _WEEKDAY[m.group(1)] if m else None


def _weekday_name(d: dt.date) -> str:
    return "星期" + "一二三四五六日"[d.weekday()]


def _read_clause(clause: str, kind: str, tokens: list[_Token], ctx: _Context, result: ParsedNotice) -> str:
    if not tokens:
        return "no_date"
    name = ctx.item or _festival_in(clause)
    if kind == "extension":
        return _extension(clause, tokens, name, result)
    if kind == "resume":
        for t in tokens:  # "2月3日(星期一)起正常上班": ordinary workdays, nothing to store
            if t.date.weekday() >= 5:
                result.warnings.append(f"{t.date.isoformat()} 是周末，却写作“正常上班”，请核对")
        return "explains"
    if kind == "work":
        moved_from = clause.find("调至")
        for t in tokens:
            if t.start > clause.rfind("上班"):
                continue
            if moved_from >= 0 and t.start > moved_from and t.date.weekday() < 5:
                ctx.explained_targets.append((t.date, name))  # "…调至Y(星期一)…上班": Y is a day off
                continue
            if t.date.weekday() < 5:
                result.warnings.append(f"{name}：调休上班日 {t.date.isoformat()} 不是周末，已跳过")
                continue
            _add(result, NoticeDay(t.date, MAKEUP_WORKDAY, name))
        return "used"
    if kind == "moved":
        # 2006–2009: "将X(星期六)公休日调至Y(星期一)" only explains; Y must be a day off.
        cut = clause.find("调至")
        ctx.explained_targets.extend((t.date, name) for t in tokens if t.start > cut)
        return "explains"
    if kind == "off":
        before = [t for t in tokens if t.start < clause.rfind("放假")]
        if not before:
            return "unused"
        _holidays(clause, before, name, result)
        return "used"
    if kind == "off_single":
        # "1月2日(星期一)补休" (2014–2017), "9月4日(星期五)调休" (2015-09): days off.
        for t in tokens:
            _add(result, NoticeDay(t.date, HOLIDAY, name))
        return "used"
    if kind == "legal":
        ctx.explained_targets.extend((t.date, name) for t in tokens)
        return "explains"
    if kind == "from":
        return "explains"
    if kind == "weekend":
        for t in tokens:
            if t.date.weekday() < 5:
                result.warnings.append(f"{t.date.isoformat()} 写作公休日，但不是周末，请核对")
        return "explains"
    return "unused"


def _holidays(clause: str, tokens: list[_Token], name: str, result: ParsedNotice) -> None:
    i = 0
    while i < len(tokens):
        first = tokens[i]
        if i + 1 < len(tokens) and _RANGE_SEP.match(clause[first.end:tokens[i + 1].start]):
            last = tokens[i + 1]
            i += 2
            end = last.date
            if end < first.date and end.month < first.date.month:  # "12月30日至1月1日"
                try:
                    end = end.replace(year=end.year + 1)
                except ValueError:
                    pass
            if end < first.date or (end - first.date).days > 15:
                result.warnings.append(f"{name}：放假区间 {first.date.isoformat()}—{end.isoformat()} 不合理，已跳过")
                continue
            day = first.date
            while day <= end:
                _add(result, NoticeDay(day, HOLIDAY, name))
                day += dt.timedelta(days=1)
        else:
            _add(result, NoticeDay(first.date, HOLIDAY, name))
            i += 1


def _extension(clause: str, tokens: list[_Token], name: str, result: ParsedNotice) -> str:
    """"延长2020年春节假期至2月2日": every day from the notice's date to the new last day is off."""
    target = tokens[-1].date
    if result.issued is None:
        result.warnings.append(f"“{clause}”延长假期，但通知缺少落款日期，无法确定从哪天起放假")
        return "unused"
    if target < result.issued or (target - result.issued).days > 31:
        result.warnings.append(f"延长假期至 {target.isoformat()} 与落款日期 {result.issued.isoformat()} 不符")
        return "unused"
    day = result.issued
    while day <= target:
        _add(result, NoticeDay(day, HOLIDAY, name))
        day += dt.timedelta(days=1)
    return "used"


def _add(result: ParsedNotice, day: NoticeDay) -> None:
    for existing in result.days:
        if existing.date == day.date:
            if existing.kind != day.kind:
                result.warnings.append(f"{day.date.isoformat()} 同时写作放假和上班，请核对")
            return
    result.days.append(day)


def _check(result: ParsedNotice, ctx: _Context) -> None:
    off = set(result.holidays)
    for day, name in ctx.explained_targets:
        if day not in off and day.weekday() < 5:
            result.warnings.append(f"{name}：{day.isoformat()} 写作调休放假，但不在放假日期中，请核对")
