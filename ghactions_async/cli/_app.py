"""The ``ghactions`` command group: connection options and every subcommand."""

from __future__ import annotations

import click

from .._version import __version__
from ._artifacts import artifacts
from ._caches import caches
from ._common import connection_options
from ._connect import Settings
from ._demo import demo
from ._runs import runs
from ._verbose import show_library_records
from ._workflows import workflows

EPILOG = """\
Connection: the token comes from GITHUB_TOKEN or GH_TOKEN (for a GitHub
Enterprise host, GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN first). The
API URL is --base-url, else GITHUB_API_URL, else GH_HOST (ghe.example.com
means https://ghe.example.com/api/v3), else https://api.github.com.

Exit codes: 0 all went well (also when nothing matched), 1 an API call or an
item failed (or a confirmation was declined), 2 a usage error, 130 Ctrl-C.
"""


@click.group(
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="ghactions")
@connection_options(root=True)
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
