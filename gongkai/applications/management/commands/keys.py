"""`gongkai keys generate | status | rotate`: make a key, count values per key, re-key stored values.

Thin front to ``gongkai.applications.rekey`` (docs/deployment.md, "Keys"). It prints counts and short key
ids only, never key material (except the one new key ``generate`` is asked for) and never an identity number.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from tqdm import tqdm

from gongkai.applications import crypto, rekey
from gongkai.applications.models import Application
from gongkai.core import keys
from gongkai.core.keys_check import key_settings

LEGACY_SECRET_ENV = "GONGKAI_LEGACY_SECRET_KEY"


class Command(BaseCommand):
    help = "Field-encryption keys: generate a key, show how many values each key holds, re-key stored values."
    # `generate` must work on a deployment the key checks refuse; status/rotate run those checks themselves.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("generate", help="print a new random key (for GONGKAI_FIELD_KEYS or GONGKAI_FINGERPRINT_KEY)")
        status = sub.add_parser("status", help="count stored values per key (no key material shown)")
        rot = sub.add_parser("rotate", help="re-encrypt every value with the newest key, recompute fingerprints")
        for p in (status, rot):
            p.add_argument("--legacy", action="store_true",
                           help="also open values of releases that derived the key from SECRET_KEY "
                                f"(the published default, the current SECRET_KEY and ${LEGACY_SECRET_ENV})")
        rot.add_argument("--batch-size", type=int, default=500)
        rot.add_argument("--after", type=int, default=0, help="start after this application id (resume)")
        rot.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "generate":
            self.stdout.write(keys.generate_key())
            return
        problems = [m for m in key_settings() if m.is_serious()]
        if problems:
            raise CommandError("\n".join(f"({m.id}) {m.msg}" for m in problems))
        extra = self._legacy() if opts["legacy"] else []
        if opts["action"] == "status":
            try:
                self._status(extra)
            except DatabaseError as exc:
                raise CommandError(f"无法读取申请数据（{exc.__class__.__name__}）：数据库是否已迁移？"
                                   "先运行 gongkai migrate。") from exc
        else:
            self._rotate(extra, opts)

    def _legacy(self) -> list[str]:
        secrets = [keys.PUBLISHED_SECRET_KEY, settings.SECRET_KEY, os.environ.get(LEGACY_SECRET_ENV, "")]
        return [k for k in rekey.legacy_keys(secrets) if k not in crypto.field_keys()]

    def _status(self, extra: list[str]) -> None:
        field_keys = crypto.field_keys()
        found = rekey.census(extra_keys=extra)
        self.stdout.write(f"证件号码密文共 {found.total} 条：")
        for position, key in enumerate(field_keys):
            label = "最新，用于加密" if position == 0 else "仅用于解密"
            self.stdout.write(f"  密钥 {position + 1}（{label}，编号 {keys.key_id(key)}）：{found.by_key[position]} 条")
        if extra:
            legacy = sum(n for p, n in found.by_key.items() if p >= len(field_keys))
            self.stdout.write(f"  旧版密钥（由 SECRET_KEY 派生）：{legacy} 条")
        self.stdout.write(f"  无法用已配置的任何密钥解密：{found.unreadable} 条")
        fp_id = keys.key_id(settings.GONGKAI_FINGERPRINT_KEY)
        self.stdout.write(f"  指纹不是用当前指纹密钥（编号 {fp_id}）算出的：{found.stale_fingerprints} 条")
        if found.unreadable:
            self.stdout.write("有无法解密的记录：在找到其密钥之前，不要删除任何旧密钥。")
        elif found.by_key[0] == found.total and not found.stale_fingerprints:
            self.stdout.write("全部在最新密钥下：可以从 GONGKAI_FIELD_KEYS 中删除旧密钥。")
        else:
            self.stdout.write("运行 gongkai keys rotate 以重新加密并重算指纹。")

    def _rotate(self, extra: list[str], opts: dict[str, Any]) -> None:
        if opts["batch_size"] < 1:
            raise CommandError("--batch-size 必须是正整数")
        after = opts["after"]
        try:
            total = Application.objects.filter(pk__gt=after).exclude(id_number_enc="").count()
        except DatabaseError as exc:
            raise CommandError(f"无法读取申请数据（{exc.__class__.__name__}）：数据库是否已迁移？"
                               "先运行 gongkai migrate。") from exc
        scanned = reencrypted = fingerprints = 0
        unreadable: list[int] = []
        bar = tqdm(total=total, unit="条", desc="重新加密", disable=opts["no_progress"])
        try:
            for batch in rekey.rekey_all(after_pk=after, size=opts["batch_size"], extra_keys=extra):
                after = batch.last_pk or after
                scanned += batch.scanned
                reencrypted += batch.reencrypted
                fingerprints += batch.fingerprints
                unreadable += batch.unreadable
                bar.update(batch.scanned)
        except (Exception, KeyboardInterrupt) as exc:
            bar.close()
            raise CommandError(
                f"重新加密在编号 {after} 之后中断（{exc.__class__.__name__}）；此前各批已提交。"
                f"重新运行 gongkai keys rotate 会跳过已完成的记录（或加 --after {after} 从中断处继续）。") from exc
        bar.close()
        self.stdout.write(f"完成：检查 {scanned} 条，重新加密 {reencrypted} 条，重算指纹 {fingerprints} 条。")
        if unreadable:
            shown = "、".join(str(pk) for pk in unreadable[:20])
            raise CommandError(f"{len(unreadable)} 条无法用已配置的任何密钥解密（申请编号 {shown}…），已保留原值；"
                               "在找到其密钥之前不要删除旧密钥。")
