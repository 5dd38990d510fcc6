"""What every page shares: the app's ``Archive`` (as flaskr reaches its database), its facet
counter and documents folder, the GET-only route options, and address checks."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

from archive.search import Archive
from archive.search.facets import Facets

GET: dict[str, Any] = {"methods": ["GET"], "provide_automatic_options": False}


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server reachable from this computer only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def safe_next(target: str) -> str:
    """A path on this site to go back to; anything else (another site, a scheme) is '/'."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def get_archive() -> Archive:
    """The app's open index."""
    archive: Archive = current_app.config["ARCHIVE"]
    return archive


def get_facets() -> Facets:
    """Facet counts over the app's index."""
    facets: Facets = current_app.config["FACETS"]
    return facets


def pdf_dir() -> Path:
    """The documents folder PDFs are served from."""
    return Path(current_app.config["PDF_DIR"])
