"""Small pieces of wording the commands share: counts with the right noun."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """'1 document', '2 documents'."""
    return f"{n} {word}" + ("" if n == 1 else "s")
