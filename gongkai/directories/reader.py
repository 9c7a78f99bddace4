"""Reading a standard directory in the XLSX layout counties publish: two header rows (序号 · 公开事项
(一级事项/二级事项) · 公开内容（要素） · 公开依据 · 公开时限 · 公开主体 · 公开渠道和载体 · 公开对象
(全社会/特定群体) · 公开方式 (主动/依申请) · 公开层级 (县级/乡级/村级)), a title row above them,
merged cells carried down (an empty 一级事项 belongs to the item above), ticks as √. Pure: bytes in,
rows out, problems named in Chinese with the sheet row."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from gongkai.directories.declarations import channels_ticked, time_limit_workdays


class DirectoryFileError(ValueError):
    """The file is not a directory in the published layout (message in Chinese)."""


@dataclass
class ItemRow:
    seq: int
    level1: str
    level2: str
    content: str
    basis: str
    time_limit: str
    subject: str
    channels: list[str]
    audience: list[str] = field(default_factory=list)
    mode: str = "proactive"
    levels: list[str] = field(default_factory=list)

    @property
    def limit_workdays(self) -> int | None:
        return time_limit_workdays(self.time_limit)


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


_COLUMNS = {"序号": "seq", "一级事项": "level1", "二级事项": "level2", "公开内容": "content", "公开依据": "basis",
            "公开时限": "time_limit", "公开主体": "subject", "公开渠道和载体": "channels", "全社会": "public",
            "特定群体": "specific", "特定群众": "specific", "特定对象": "specific", "主动": "proactive",
            "依申请": "on_request", "依申请公开": "on_request", "县级": "county", "乡级": "township",
            "乡、村级": "township", "村级": "village"}


def read_xlsx(data: bytes, *, max_rows: int = 5000) -> list[ItemRow]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DirectoryFileError("无法读取该文件：请上传 XLSX 格式的标准目录") from exc
    sheet = wb.worksheets[0]
    rows = [[_text(v) for v in row] for row in sheet.iter_rows(max_row=max_rows + 10, values_only=True)]
    columns: dict[str, int] = {}
    start = 0
    for i, row in enumerate(rows[:10]):
        for j, heading in enumerate(row):
            key = _COLUMNS.get(heading.replace(" ", "").split("（")[0].split("(")[0])
            if key and key not in columns:
                columns[key] = j
        if "seq" in columns and "level1" in columns:
            start = i + 1
            break
    missing = [label for label, key in (("序号", "seq"), ("一级事项", "level1"), ("公开内容（要素）", "content"),
                                        ("公开时限", "time_limit")) if key not in columns]
    if missing:
        raise DirectoryFileError(f"表头缺少：{'、'.join(missing)}（应为各地公布的标准目录格式）")
    items: list[ItemRow] = []
    carried = {"level1": "", "basis": "", "time_limit": "", "subject": "", "channels": ""}

    def cell(row: list[str], key: str) -> str:
        j = columns.get(key)
        return row[j] if j is not None and j < len(row) else ""

    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(row):
            continue
        seq_text = cell(row, "seq")
        if not seq_text.isdigit():
            if seq_text in ("一级事项", "序号"):
                continue
            raise DirectoryFileError(f"第{number}行：序号“{seq_text or '（空）'}”不是数字")
        values = {k: cell(row, k) or carried.get(k, "") for k in carried}
        carried.update(values)
        items.append(ItemRow(
            seq=int(seq_text), level1=values["level1"], level2=cell(row, "level2"), content=cell(row, "content"),
            basis=values["basis"], time_limit=values["time_limit"], subject=values["subject"],
            channels=channels_ticked(values["channels"]),
            audience=[k for k in ("public", "specific") if cell(row, k)],
            mode="on_request" if cell(row, "on_request") and not cell(row, "proactive") else "proactive",
            levels=[k for k in ("county", "township", "village") if cell(row, k)]))
        if not items[-1].content:
            raise DirectoryFileError(f"第{number}行：公开内容（要素）为空")
    if not items:
        raise DirectoryFileError("文件中没有目录事项")
    return items
