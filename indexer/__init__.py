"""PDF → cleaned page text → passages → Whoosh index.

Never imports click or Flask: callers pass a progress callback in.
"""

from indexer.build import BuildReport, build
from indexer.retag import RetagReport, retag

__all__ = ["build", "retag", "BuildReport", "RetagReport"]
