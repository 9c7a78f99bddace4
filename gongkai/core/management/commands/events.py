"""`gongkai events verify [--agency CODE]`: check the event log's hash chains, exit 1 on a broken link.

Prints the first broken link of each chain (event id, time, position, what differs). With ``-v 2`` it
also prints every chain's length and last hash, which operators can store elsewhere as an anchor.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Model, QuerySet
from django.utils import timezone

from gongkai.core import eventchain, events
from gongkai.core.models import Event


def _agencies() -> QuerySet[Model]:
    # The agency model as the event log's own foreign key names it: core is the floor and imports no
    # app, so the command reaches agencies through the relation core already declares.
    model = Event._meta.get_field("agency").related_model
    assert isinstance(model, type) and issubclass(model, Model)
    return model._default_manager.all()


class Command(BaseCommand):
    help = "校验操作记录的哈希链（每个机关一条链），发现断链时以非零状态退出。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("verify", help="校验哈希链，报告每条链的第一处断链")
        check.add_argument("--agency", metavar="CODE", help="只校验该机关（发布机构代码）的链")

    def handle(self, *args: Any, **opts: Any) -> None:
        agency_id: int | None = None
        only_agency = False
        if opts.get("agency"):
            found = _agencies().filter(code=opts["agency"]).values_list("pk", flat=True).first()
            if found is None:
                raise CommandError(f"没有编码为 {opts['agency']} 的机关")
            agency_id, only_agency = found, True
        names: dict[int, str] = {}

        chains = total = 0
        broken: list[events.ChainBreak] = []
        for summary in events.verify(agency_id=agency_id, only_agency=only_agency):
            chains += 1
            total += summary.events
            if summary.broken is not None:
                broken.append(summary.broken)
                self.stdout.write(self._describe(summary.broken, names))
            elif opts["verbosity"] >= 2:
                self.stdout.write(f"{self._label(summary.agency_id, names)}：{summary.events} 条，"
                                  f"链尾哈希 {summary.head_hash}")
        triggers_ok = eventchain.triggers_present(connection)
        if not triggers_ok:
            self.stdout.write("数据库中缺少操作记录的防篡改触发器，请运行 gongkai migrate 重新安装。")
        self.stdout.write(f"已校验 {chains} 条链、{total} 条记录："
                          + (f"{len(broken)} 条链断开。" if broken else "全部完好。"))
        if broken or not triggers_ok:
            raise SystemExit(1)

    def _label(self, agency_id: int | None, names: dict[int, str]) -> str:
        if agency_id is None:
            return "无机关的记录"
        if agency_id not in names:
            names.update(_agencies().filter(pk=agency_id).values_list("pk", "name"))
        return f"{names.get(agency_id, '已删除的机关')}（#{agency_id}）"

    def _describe(self, b: events.ChainBreak, names: dict[int, str]) -> str:
        where = []
        if b.event_id is not None:
            where.append(f"事件 #{b.event_id}")
        if b.at is not None:
            where.append(timezone.localtime(b.at).strftime("%Y-%m-%d %H:%M:%S"))
        if b.seq is not None:
            where.append(f"链内第 {b.seq} 条")
        place = "，".join(where) or "链头"
        return f"断链：{self._label(b.agency_id, names)}，{place}：{b.problem}"
