"""`gongkai serve`: migrate, collect static files, optionally load the demo, run gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the platform with gunicorn (production WSGI server) after migrating."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("GONGKAI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "2")))
        parser.add_argument("--demo", action="store_true", help="load the demo county first (idempotent)")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        # call_command skips system checks; run them so a missing or malformed key stops the start here.
        call_command("check")
        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if opts["demo"]:
            call_command("demo")
        self.stdout.write(f"gongkai serving on http://{opts['bind']}/  (staff: /staff/, health: /healthz)")
        sys.stdout.flush()
        argv = [
            "gunicorn", "gongkai.config.wsgi:application", "--bind", opts["bind"],
            "--workers", str(opts["workers"]), "--threads", "4", "--access-logfile", "-",
        ]
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
