"""The ``ghactions`` command group: connection options and every subcommand."""

from __future__ import annotations

from typing import Any

import click

from .._version import __version__
from ._artifacts import artifacts
from ._caches import caches
from ._common import connection_options
from ._connect import Settings
from ._demo import demo
from ._failure import cause, show_failure
from ._runs import runs
from ._verbose import show_library_records
from ._workflows import workflows

EPILOG = """\
Connection: the token comes from GITHUB_TOKEN or GH_TOKEN (for a GitHub
Enterprise host, GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN first). The
API URL is --base-url, else GITHUB_API_URL, else GH_HOST (ghe.example.com
means https://ghe.example.com/api/v3), else https://api.github.com.
Several processes on one token share its rate budget with --shared-limits
redis://HOST:PORT/DB (or GHACTIONS_SHARED_LIMITS).

Exit codes: 0 all went well (also when nothing matched), 1 an API call or an
item failed, the server's answer was broken or a file could not be written
(or a confirmation was declined), 2 a usage error, 130 Ctrl-C.
"""


class Guarded(click.Group):
    """The root group: a failure no command handled is one ``error:`` line and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as raised:
            error = cause(raised)
            show_failure(error, debug=ctx.ensure_object(Settings).debug, raised=raised)
            raise click.exceptions.Exit(1) from None


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(Settings).debug = True
    return value


@click.group(
    cls=Guarded,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="ghactions")
@connection_options(root=True)
@click.option(
    "--debug",
    is_flag=True,
    callback=_debug,
    expose_value=False,
    is_eager=True,
    help="Show the traceback when something fails.",
)
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Show the library's log records on stderr: -v pauses, retries and summaries; "
    "-vv every HTTP exchange too.",
)
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """Manage GitHub Actions caches, artifacts, runs and workflows from the shell.

    Lists print tables (or JSON with --json); prunes work across many
    repositories (--repo, repeatable, or a whole --org) within GitHub's rate
    limits, with --dry-run to preview and a progress bar. Try `ghactions demo`:
    it needs no token and no network.
    """
    ctx.ensure_object(Settings)
    show_library_records(verbose)


cli.add_command(caches)
cli.add_command(artifacts)
cli.add_command(runs)
cli.add_command(workflows)
cli.add_command(demo)
