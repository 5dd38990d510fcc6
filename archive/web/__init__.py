"""The local search page (Flask). ``create_app`` builds it; ``archive serve`` runs it."""

from archive.web.app import create_app
from archive.web.context import get_archive, get_facets, is_loopback, safe_next
from archive.web.params import SearchParams, run_search

__all__ = ["SearchParams", "create_app", "get_archive", "get_facets", "is_loopback", "run_search", "safe_next"]
