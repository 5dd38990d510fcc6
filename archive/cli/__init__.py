"""The ``archive`` command: parse options, call the library, print.

Every failure a user can cause ends in one line on stderr and exit code 1
(2 for a usage error), never a traceback. One module per group of commands;
what they share is public in ``archive.cli.common``.
"""

from __future__ import annotations

import click

from archive import __version__
from archive.cli import indexing, recommendations, research, searching, serve, themes
from archive.cli.common import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="archive")
def main() -> None:
    """Search published child-safeguarding case reviews.

    Index a folder of review PDFs once, then search ranked passages with the
    page to cite. Start with 'archive index', then 'archive search WORDS'.
    """


for command in (
    indexing.index, searching.search, indexing.status, searching.theme, themes.themes, themes.tag, themes.trends,
    themes.cooccur, indexing.retag, serve.serve, research.kwic, research.similar, research.saved,
    recommendations.recommendations,
):  # fmt: skip
    main.add_command(command)

__all__ = ["main"]
