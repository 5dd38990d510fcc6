"""Exceptions with messages meant for a person, not a traceback."""


class ArchiveError(Exception):
    """Base class: the message says what went wrong and what to do next."""


class IndexMissing(ArchiveError):
    """There is no index where one was expected."""


class IndexOutdated(ArchiveError):
    """The index was written by an incompatible version of the archive."""


class IndexBusy(ArchiveError):
    """Another index run holds the lock."""


class QueryError(ArchiveError):
    """The query cannot be run; the message explains why."""


class CatalogueError(ArchiveError):
    """The catalogue file beside the PDFs is malformed."""
