"""Case Review Archive: search published child-safeguarding case reviews.

The library is importable without click or Flask: ``archive.search`` and
``archive.status`` return plain data, and ``archive.cli`` / ``archive.web``
only parse, call and print.
"""

__version__ = "0.1.0"
