"""PDF → cleaned page text → passages → Whoosh index.

Never imports click or Flask: callers pass a progress callback in.
"""

from indexer.build import BuildReport, build

__all__ = ["build", "BuildReport"]
