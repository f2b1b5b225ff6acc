"""`python -m generator`: the commands the Makefile runs.

One module per command under `commands/`; this file only groups them.
"""

from __future__ import annotations

import sys

import click
from mkdocs.exceptions import MkDocsException

from .commands import bench, build, check, i18n, package, serve, status, tbx


class _Commands(click.Group):
    """Any command's MkDocs error (a bad mkdocs.yml value, say) ends it with
    its message and exit status 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MkDocsException as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
