"""The `bulletin` command: the editors' tool, on the same core as the site build."""

from __future__ import annotations

from pathlib import Path

import click

from .archive import load_archive
from .errors import BulletinError
from .model import Archive


@click.group(help="Check and manage the bulletin archive (reports/ and mkdocs.yml).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."),
              show_default=True, help="The repository root (where mkdocs.yml is).")
@click.pass_context
def main(context: click.Context, root: Path) -> None:
    context.obj = root


def load_or_exit(root: Path, to_stderr: bool = False) -> Archive:
    """The archive, or every problem printed (one per line) and exit status 1."""
    try:
        return load_archive(root)
    except BulletinError as error:
        for problem in error.problems:
            click.echo(str(problem), err=to_stderr)
        click.echo(f"{len(error.problems)} problem(s)", err=True)
        raise SystemExit(1) from None


@main.command(help="Validate the whole archive without building the site; exit 1 on any problem.")
@click.pass_obj
def check(root: Path) -> None:
    archive = load_or_exit(root)
    published = len(archive.reports) - len(archive.pending)
    click.echo(f"ok: {len(archive.issues)} issues, {published} reports published, {len(archive.pending)} pending",
               err=True)


@main.command(help="List the approved reports not yet in an issue.")
@click.pass_obj
def pending(root: Path) -> None:
    archive = load_or_exit(root, to_stderr=True)
    for report in archive.pending:
        units = "、".join(archive.units[key].name for key in report.units)
        click.echo(f"{report.path}\t{report.series}\t{units}\t{report.title}")
    if not archive.pending:
        click.echo("no pending reports", err=True)


