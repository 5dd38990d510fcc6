"""PDF → cleaned page text → passages → Whoosh index.

Never imports click or Flask: callers pass a progress callback in.
"""

from indexer.build import BuildReport, RetagReport, build, retag

__all__ = ["build", "retag", "BuildReport", "RetagReport"]
