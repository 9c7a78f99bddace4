"""The `gongkai` command: a thin front to Django management commands.

`gongkai serve`, `gongkai demo`, `gongkai agencies …`, `gongkai calendar …`, `gongkai ingest …` and
every other management command (`gongkai migrate`, `gongkai test-data` …) run with the embedded
default settings unless DJANGO_SETTINGS_MODULE says otherwise. `gongkai manage X …` is the same as
`gongkai X …` (the spelling the deployment guide uses, e.g. `gongkai manage check --deploy`).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.base")
    args = list(sys.argv if argv is None else ["gongkai", *argv])
    if len(args) > 1 and args[1] == "manage":
        del args[1]
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
