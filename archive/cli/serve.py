"""The search page: ``archive serve``."""

from __future__ import annotations

from pathlib import Path

import click

from archive.cli.common import (
    PDFS_ENV,
    handle_errors,
    index_option,
)


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback: this computer only)."
)
@click.option(
    "--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True, help="Port (0: any free port)."
)
@index_option
@click.option(
    "--pdfs",
    "pdf_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=PDFS_ENV,
    default=None,
    help=f"Documents folder the PDFs are opened from (env {PDFS_ENV}) "
    "[default: the folder the index was built from, else data/pdfs].",
)
@click.option(
    "--threads", type=click.IntRange(min=1, max=64), default=4, show_default=True, help="Requests served at once."
)
def serve(host: str, port: int, index_dir: Path, pdf_dir: Path | None, threads: int) -> None:
    """Serve the search page in a web browser, read-only, from this computer.

    Binds to 127.0.0.1 unless --host says otherwise; any other address makes the
    archive reachable by others on the network, so it prints a warning. PDFs
    are opened from the folder the index was built from, unless --pdfs says
    otherwise; a missing folder is said at start.

    \b
    Example:
      archive serve --index ~/reviews-index --pdfs ~/reviews --port 8080
    """
    import waitress

    from archive.index import recorded_pdf_dir
    from archive.web import create_app, is_loopback

    with handle_errors():
        recorded = recorded_pdf_dir(index_dir)
        folder = pdf_dir or recorded or Path("data") / "pdfs"
        app = create_app(index_dir, folder)
    if not _is_dir(folder):
        click.echo(
            f"Warning: the documents folder {folder} is missing, so 'Open the PDF' links will not work until it is "
            "back (or pass --pdfs DIR).",
            err=True,
        )
    elif recorded is not None and pdf_dir is not None and not _same(recorded, folder):
        click.echo(
            f"Warning: PDFs are opened from {folder}, but the index was built from {recorded}: "
            "'Open the PDF' links find only the files that are in both.",
            err=True,
        )
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads)
    except OSError as exc:  # the port is taken, or the address is not this computer's
        raise click.ClickException(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    except ValueError:  # waitress: a host that is no address and no name that resolves (unicode included)
        raise click.ClickException(
            f"cannot listen on {host!r} port {port}: that is not an address or a name this computer resolves"
        ) from None
    bound = getattr(server, "effective_port", port)  # several addresses (localhost: IPv4 and IPv6) keep the asked port
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}, so anyone who can reach this computer on port {bound} can search the "
            "archive and open its documents. Use --host 127.0.0.1 to keep it on this computer.",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {index_dir} at http://{shown}:{bound}/ — press Ctrl-C to stop.", err=True)
    try:
        server.run()  # returns on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    click.echo("Stopped.", err=True)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system, and the like: not a folder PDFs open from
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
