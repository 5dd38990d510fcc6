"""Where indexes written before ``archive.index`` existed find their field types.

An index keeps its schema pickled, with each field's class by module path; indexes
built before the format moved to ``archive.index`` name ``archive.schema.PassageText``
and ``archive.schema.WordPairs``. Keeping these names here opens them as they are:
an index is expensive to rebuild, and a new layout is no reason to throw one away.
"""

from archive.index.schema import PassageText, WordPairs

__all__ = ["PassageText", "WordPairs"]
