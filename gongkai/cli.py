"""The `gongkai` command: a thin front to Django management commands.

`gongkai serve`, `gongkai demo`, `gongkai report`, `gongkai ingest`, `gongkai calendar` … and every
other management command run with the embedded default settings unless DJANGO_SETTINGS_MODULE says
otherwise. `gongkai manage X …` is the same as `gongkai X …` (the spelling the deployment guide uses).
This module owns what the front adds: `gongkai --help` lists gongkai's own commands first with one
line each and the exit codes; a command that needs the database on a fresh embedded data directory
migrates it first (one line on stderr), while a server database is never migrated implicitly (one line
says what to run); the next-year calendar warning is kept for `gongkai check`, the dashboard and
`serve`, not printed before every command's output.
"""

from __future__ import annotations

import os
import sys

# gongkai's own commands, in the order an operator meets them, with the one line `gongkai --help` shows.
OWN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("serve", "启动平台（先迁移数据库并收集静态文件；--demo 同时载入演示数据）"),
    ("demo", "载入演示县的数据（可重复运行）；--scale 生成省级规模的合成数据"),
    ("report", "生成某机关某年度的政府信息公开工作年度报告（JSON/HTML/DOCX/PDF/XLSX）"),
    ("ingest", "读取已发布的年度报告（TXT/HTML/DOCX/PDF），输出 JSON Lines / CSV 或导入为历史"),
    ("calendar", "法定工作日历：计算期限，导入国务院办公厅节假日安排通知"),
    ("agencies", "以 CSV 导入或导出机关名录"),
    ("keys", "字段加密密钥：生成、查看、轮换"),
    ("events", "校验操作记录的哈希链"),
    ("check", "检查配置、密钥和下一年度节假日数据（--deploy 检查生产配置）"),
    ("migrate", "建立或升级数据库结构"),
    ("createsuperuser", "创建平台管理员账号"),
)

EXIT_CODES = (
    "退出状态：0 成功；1 命令已完成但结果有问题（report：文件已写出但一致性校验有错误；"
    "ingest：没有一个文件读取成功，或 --strict 时有文件出错；events：哈希链断开）；"
    "2 用法或环境错误（参数错误、无法写出文件、数据库尚未迁移）。"
)

# Commands that read or write the database. On the embedded default they migrate a fresh data
# directory first; `serve` migrates by itself, `migrate` is the migration.
NEEDS_DATABASE = frozenset({"demo", "report", "ingest", "calendar", "agencies", "keys", "events",
                            "createsuperuser", "changepassword", "shell", "dbshell"})

# The next-year calendar warning belongs where it matters (`gongkai check`, the dashboard, `serve`).
QUIET_CHECKS = ("workdays.W001",)
LOUD_COMMANDS = frozenset({"check", "serve", "runserver"})


def _print_help() -> None:
    width = max(len(name) for name, _ in OWN_COMMANDS)
    lines = ["用法：gongkai <命令> [选项]      （gongkai help <命令> 查看某个命令的全部选项）", "",
             "gongkai 的命令："]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in OWN_COMMANDS]
    lines += ["", EXIT_CODES, "", "Django 的其他管理命令：gongkai help --commands 列出全部。"]
    sys.stdout.write("\n".join(lines) + "\n")


def _pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _ensure_migrated(command: str) -> None:
    """Migrate a fresh embedded database; refuse (exit 2) on a server database that is behind."""
    from django.conf import settings
    from django.core.management import call_command

    if not _pending_migrations():
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3") and "DATABASE_URL" not in os.environ:
        sys.stderr.write(f"数据目录 {settings.DATA_DIR} 的数据库尚未建立或需升级：正在运行 gongkai migrate …\n")
        call_command("migrate", interactive=False, verbosity=0)
        return
    sys.stderr.write(f"数据库尚未迁移到当前版本：请先运行 gongkai migrate，再运行 gongkai {command}。\n")
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.base")
    args = list(sys.argv if argv is None else ["gongkai", *argv])
    if len(args) > 1 and args[1] == "manage":
        del args[1]
    command = args[1] if len(args) > 1 else ""
    if command in ("", "-h", "--help") or args[1:] == ["help"]:
        _print_help()
        return
    import django
    from django.conf import settings
    from django.core.management import execute_from_command_line

    if command not in LOUD_COMMANDS:
        settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, *QUIET_CHECKS]
    if command in NEEDS_DATABASE and not any(a in ("-h", "--help") for a in args[2:]):
        django.setup()
        _ensure_migrated(command)
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
