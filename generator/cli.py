"""`python -m generator`: the commands the Makefile runs.

One module per command under `commands/`; this file only groups them.
"""

from __future__ import annotations

import click

from .commands import bench, build, check, i18n, package, serve, status, tbx


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build and check the Career Conversations Kit."""


main.add_command(build.command)
main.add_command(serve.command)
main.add_command(check.command)
main.add_command(status.command)
main.add_command(status.mark_current)
main.add_command(i18n.command)
main.add_command(bench.command)
main.add_command(package.command)
main.add_command(tbx.command)
