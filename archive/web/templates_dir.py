"""Where the jinja2 templates are: inside the installed package, else the checkout's templates/."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "templates"  # the wheel puts them here
_CHECKOUT = Path(__file__).resolve().parents[2] / "templates"

TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT
