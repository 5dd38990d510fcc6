"""Case Review Archive: search published child-safeguarding case reviews.

The packages follow the data's path, each importing only from those before it:

- ``archive.errors``: exceptions with messages meant for a person;
- ``archive.index``: the index's format on disk (what ``indexer`` writes);
- ``archive.themes``: the learning-theme taxonomy and tagger;
- ``archive.search``: ranked passages from an index, as plain data;
- ``archive.research``: concordance, similar passages, citations, saved searches, trends, exports;
- ``archive.cli`` and ``archive.web``: the command line and the page, which only parse, call and print.
"""

__version__ = "0.1.0"
