"""The search library: ranked passages from an index, as plain data.

``Archive`` opens an index and answers searches, theme browsing and counts;
``search()`` is the one-shot form. See ``archive.search.archive`` for how a query
goes through the modules of this package.
"""

from archive.search.archive import Archive, search
from archive.search.backend import Backend, Columns, Matches, Unsupported, WhooshBackend
from archive.search.filters import Filters, Years, filter_query, parse_years, review_type_code
from archive.search.highlight import MARK_END, MARK_START, highlight, mark_phrases, mark_terms, marked_as, segments
from archive.search.query import MAX_EXPANSION, MAX_QUERY_CHARS, query_marks
from archive.search.results import Hit, SearchResults, citation

__all__ = [
    "MARK_END", "MARK_START", "MAX_EXPANSION", "MAX_QUERY_CHARS", "Archive", "Backend", "Columns", "Filters", "Hit",
    "Matches", "SearchResults", "Unsupported", "WhooshBackend", "Years", "citation", "filter_query", "highlight",
    "mark_phrases", "mark_terms", "marked_as", "parse_years", "query_marks", "review_type_code", "search", "segments",
]  # fmt: skip
