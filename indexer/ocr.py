"""Optional OCR: read the pages that have no usable text layer with Tesseract.

Only pages with (almost) no extractable text and something to read on them
(images covering a good part of the page, or glyphs that extract as junk) are
rendered with pdfium and read with Tesseract, one page at a time, each within
its own time budget. Every page read is cached under the index folder, keyed
by the file's content, the page number and the OCR settings, so a rebuild or a
retry never OCRs the same page twice.

The Python side (pypdfium2, pytesseract, Pillow: the ``ocr`` extra) and the
Tesseract program are both optional: ``find_engine`` says in one line what to
install when either is missing, and the run goes on without OCR.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError
from indexer import glyphs, readlog

INSTALL = (
    "sudo apt-get install tesseract-ocr tesseract-ocr-eng (macOS: brew install tesseract; "
    "Windows: the installer from https://github.com/UB-Mannheim/tesseract/wiki)"
)
PIP_INSTALL = 'pip install "case-review-archive[ocr]"'

# Share of the page that images must cover for a page without text to be read.
MIN_IMAGE_SHARE = 0.15
# Rendering cap (pixels): A4 at 300 dpi is 8.7 million; a poster-sized page is
# rendered at a lower resolution instead of exhausting the memory cap.
MAX_PIXELS = 40_000_000
# Seconds the parent allows beyond the page budget (rendering, a slow start)
# before it kills a worker whose page never finishes.
PAGE_GRACE = 10.0
# Tesseract page segmentation: fully automatic layout (two-column pages).
PSM = 3
# Words Tesseract is this unsure of are dropped when they hold no letter or
# digit: specks and rules in a scan read as "~", "—" or ".".
NOISE_CONFIDENCE = 50.0
# Below this, a word is all but certainly misread (measured on rendered sample
# pages: real words score 85-96, junk from rules and page-number columns 5-30).
MIN_CONFIDENCE = 20.0
# A page Tesseract reads with a mean confidence below this is not used: on the
# torture corpus such pages were Chinese text or photographs read as English
# junk (42-60), while typed pages scored 76-95 (rendered samples: 93-95).
MIN_PAGE_CONFIDENCE = 60.0
CACHE_DIR = "ocr-cache"
CACHE_FORMAT = 1

_ALNUM = re.compile(r"[^\W_]")


class OcrUnavailable(ArchiveError):
    """Tesseract or the Python packages for OCR are missing; the message says what to install."""


@dataclass(frozen=True)
class OcrSettings:
    """What a user chooses. ``command`` is Tesseract's path (default: found on PATH)."""

    lang: str = "eng"
    dpi: int = 300
    page_timeout: float = 60.0
    command: str | None = None


@dataclass(frozen=True)
class OcrEngine:
    """Settings resolved on this machine; sent to the worker processes."""

    settings: OcrSettings
    command: str
    version: str
    cache_dir: Path | None = None

    @property
    def tag(self) -> str:
        """Names cached pages: a different Tesseract or setting reads them again."""
        key = json.dumps([CACHE_FORMAT, self.version, self.settings.lang, self.settings.dpi, PSM, MAX_PIXELS])
        return hashlib.sha256(key.encode()).hexdigest()[:12]


@dataclass
class PageText:
    page: int  # 1-based
    text: str
    confidence: float | None  # Tesseract's mean word confidence, 0-100; None without words
    words: int
    cached: bool = False


@dataclass
class OcrResult:
    pages: dict[int, PageText] = field(default_factory=dict)  # every page read (or found in the cache)
    read: int = 0  # pages Tesseract read in this call
    cached: int = 0  # pages taken from the cache
    problems: list[str] = field(default_factory=list)  # "page 4: ..." for pages that could not be read

    def usable(self) -> list[int]:
        """Pages whose OCR text is worth indexing."""
        return sorted(n for n, p in self.pages.items() if p.text.strip() and (p.confidence or 0) >= MIN_PAGE_CONFIDENCE)

    def unreliable(self) -> list[int]:
        """Pages OCR found words on, but with too little confidence to use them."""
        return sorted(n for n, p in self.pages.items() if p.text.strip() and (p.confidence or 0) < MIN_PAGE_CONFIDENCE)


# -- finding Tesseract ------------------------------------------------------------------


def _find_command(command: str | None) -> str | None:
    if command:
        return shutil.which(command) or (command if Path(command).is_file() else None)
    found = shutil.which("tesseract")
    if found or os.name != "nt":
        return found
    # The Windows installer does not put Tesseract on PATH by default.
    for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)"), os.environ.get("LOCALAPPDATA")):
        for candidate in (Path(base or ".") / "Tesseract-OCR" / "tesseract.exe",
                          Path(base or ".") / "Programs" / "Tesseract-OCR" / "tesseract.exe"):  # fmt: skip
            if base and candidate.is_file():
                return str(candidate)
    return None


def _probe(command: str) -> tuple[str, set[str]]:
    """Tesseract's version and installed languages."""
    try:
        version = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=30, check=True)
        langs = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise OcrUnavailable(f"OCR needs a working Tesseract, but {command} did not run ({detail}): {INSTALL}") from exc
    first = (version.stdout or version.stderr).strip().splitlines()
    names = {line.strip() for line in (langs.stdout + "\n" + langs.stderr).splitlines()[1:] if line.strip()}
    return (first[0] if first else "tesseract"), names


def find_engine(settings: OcrSettings | None = None, cache_dir: Path | None = None) -> OcrEngine:
    """Tesseract and the OCR packages, ready to use; OcrUnavailable says what to install."""
    settings = settings or OcrSettings()
    missing = [name for name in ("pypdfium2", "pytesseract", "PIL") if importlib.util.find_spec(name) is None]
    command = _find_command(settings.command)
    if command is None:
        where = f" at {settings.command}" if settings.command else ""
        also = f", and {PIP_INSTALL}" if missing else ""
        raise OcrUnavailable(f"OCR needs Tesseract{where}: {INSTALL}{also}")
    if missing:
        raise OcrUnavailable(f"OCR needs the Python packages {', '.join(missing)}: {PIP_INSTALL}")
    version, langs = _probe(command)
    absent = [lang for lang in settings.lang.split("+") if lang not in langs]
    if absent:
        packages = " ".join(f"tesseract-ocr-{lang.lower().replace('_', '-')}" for lang in absent)
        raise OcrUnavailable(
            f"OCR needs Tesseract's language data for {', '.join(absent)}: sudo apt-get install {packages} "
            "(elsewhere: put the .traineddata files in Tesseract's tessdata folder)"
        )
    return OcrEngine(settings, command, version, cache_dir)


# -- which pages --------------------------------------------------------------------------


def lacks_text(text: str) -> bool:
    """(Almost) no usable text: few words, or glyphs that stand for no letter (see indexer.glyphs)."""
    return glyphs.lacks_text(text)


def _junk(text: str) -> bool:
    return glyphs.visible(text) >= 20 and glyphs.is_junk(text)


def image_share(page: Any) -> float:
    """Share of the page that images cover (0-1), images inside forms included."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = page.get_bbox()
    area = (right - left) * (top - bottom)
    if area <= 0:
        return 0.0
    covered = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        x0, y0, x1, y1 = obj.get_bounds()
        covered += max(0.0, min(x1, right) - max(x0, left)) * max(0.0, min(y1, top) - max(y0, bottom))
        if covered >= area:
            break
    return min(1.0, covered / area)


# -- the cache -----------------------------------------------------------------------------


class Cache:
    """One JSON file per page read: ``ocr-cache/<sha256>/p<page>-<tag>.json``."""

    def __init__(self, root: Path | None, tag: str) -> None:
        self.root, self.tag = root, tag

    def _path(self, sha: str, page: int) -> Path:
        assert self.root is not None
        return self.root / sha / f"p{page:05d}-{self.tag}.json"

    def load(self, sha: str, page: int) -> dict[str, Any] | None:
        if self.root is None:
            return None
        try:
            data = json.loads(self._path(sha, page).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and isinstance(data.get("text"), str) else None

    def save(self, sha: str, page: int, data: dict[str, Any]) -> None:
        if self.root is None:
            return
        path = self._path(sha, page)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)  # a reader sees the whole page or none of it
        except OSError:
            pass  # a cache that cannot be written costs time next run, never the text


def prune_cache(root: Path, keep: set[str]) -> int:
    """Drop the cached pages of files no longer in the collection; returns how many files went.

    Only a run that prunes (``archive index --prune``) calls it: a folder that is
    missing for a while (an unmounted drive) must not cost hours of OCR."""
    if not root.is_dir():
        return 0
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.name not in keep:
            removed += 1
            shutil.rmtree(folder, ignore_errors=True)
    return removed


# -- reading a page --------------------------------------------------------------------------


def render(page: Any, dpi: int) -> Any:
    """The page as a greyscale PIL image at ``dpi`` (less for giant pages)."""
    width, height = page.get_size()
    scale = dpi / 72
    pixels = width * height * scale * scale
    if pixels > MAX_PIXELS:
        scale *= math.sqrt(MAX_PIXELS / pixels)
    return page.render(scale=scale, grayscale=True).to_pil()


def words_to_text(data: dict[str, list[Any]]) -> tuple[str, float | None, int]:
    """Tesseract's per-word output as lines of text, its mean confidence and word count.

    Left out: words Tesseract is all but sure are wrong, specks read as
    punctuation, and "vertical lines" (a column of page numbers or dot leaders
    read sideways comes out as words like "oe fF PY").
    """
    lines: dict[tuple[int, int, int], list[tuple[str, float, tuple[int, int, int, int]]]] = {}
    for i, word in enumerate(data.get("text", [])):
        word = str(word).strip()
        try:
            conf = float(data["conf"][i])
            box = (int(data["left"][i]), int(data["top"][i]), int(data["width"][i]), int(data["height"][i]))
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        if not word or conf < MIN_CONFIDENCE or (conf < NOISE_CONFIDENCE and not _ALNUM.search(word)):
            continue
        lines.setdefault(key, []).append((word, conf, box))
    kept: list[str] = []
    confidences: list[float] = []
    for words in lines.values():
        if len(words) > 1 and _vertical([box for _, _, box in words]):
            continue
        kept.append(" ".join(word for word, _, _ in words))
        confidences.extend(conf for _, conf, _ in words)
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return "\n".join(kept), mean, len(confidences)


def _vertical(boxes: list[tuple[int, int, int, int]]) -> bool:
    """A line of words stacked one above another rather than side by side."""
    left = min(b[0] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    top = min(b[1] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return bottom - top > 2 * (right - left)


def tesseract(image: Any, engine: OcrEngine, timeout: float) -> dict[str, list[Any]]:
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = engine.command
    return pytesseract.image_to_data(
        image, lang=engine.settings.lang, config=f"--psm {PSM}", timeout=max(1.0, timeout),
        output_type=pytesseract.Output.DICT,
    )  # fmt: skip


def _page_problem(exc: BaseException, page: int, engine: OcrEngine) -> str:
    text = str(exc).strip()
    if "timeout" in text.lower():
        return (f"page {page}: Tesseract took longer than the {engine.settings.page_timeout:g} s page budget "
                "(a longer --ocr-page-timeout may help)")  # fmt: skip
    if isinstance(exc, MemoryError):
        return f"page {page}: reading it needed more memory than the per-document cap"
    readlog.note("OCR", f"page {page} could not be read ({type(exc).__name__}: {text[:300]})")
    return f"page {page}: Tesseract could not read it (the readers' log in the index folder says why)"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


Progress = Callable[[int, int, float, str], None]


def _read_page(doc: Any, number: int, text: str, engine: OcrEngine) -> PageText | None:
    """OCR one page (1-based) of an open pdfium document; None when it has nothing to read."""
    started = time.monotonic()
    page = doc[number - 1]
    try:
        if not (_junk(text) or image_share(page) >= MIN_IMAGE_SHARE):
            return None
        image = render(page, engine.settings.dpi)
    finally:
        page.close()
    data = tesseract(image, engine, engine.settings.page_timeout - (time.monotonic() - started))
    return PageText(number, *words_to_text(data))


def read_pages(
    path: Path, texts: list[str], engine: OcrEngine, sha: str | None = None, progress: Progress | None = None
) -> OcrResult:
    """OCR the pages of ``path`` whose extracted ``texts`` lack text and show images (or junk glyphs).

    ``progress(done, total, budget, overrun)`` is called before each page with
    the seconds that page may take and what to say if it takes longer.
    """
    result = OcrResult()
    candidates = [n for n, text in enumerate(texts, start=1) if lacks_text(text)]
    if not candidates:
        return result
    import pypdfium2 as pdfium

    # Workers already use every core: Tesseract's own threads only compete with
    # them (measured: 5x slower per page with OpenMP on 2 busy cores).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    settings = engine.settings
    budget = settings.page_timeout + PAGE_GRACE
    cache = Cache(engine.cache_dir, engine.tag)
    sha = sha or file_hash(path)
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as exc:  # a file only pypdf opens
        readlog.note("OCR", f"PDFium could not open it to render its pages ({type(exc).__name__}: {str(exc)[:300]})")
        result.problems.append("its pages could not be rendered as images for OCR (PDFium cannot open the file)")
        return result
    try:
        for done, number in enumerate(candidates):
            if progress:
                progress(done, len(candidates), budget, (
                    f"OCR of page {number} took longer than the {settings.page_timeout:g} s page budget — "
                    "try again with a longer --ocr-page-timeout and --retry-failed"
                ))  # fmt: skip
            cached = cache.load(sha, number)
            if cached is not None:
                confidence, words = cached.get("confidence"), cached.get("words", 0)
                result.pages[number] = PageText(number, cached["text"], confidence, words, cached=True)
                result.cached += 1
                continue
            if number > len(doc):
                continue
            try:
                found = _read_page(doc, number, texts[number - 1], engine)
            except Exception as exc:  # one page that cannot be read must not cost the others
                result.problems.append(_page_problem(exc, number, engine))
                continue
            if found is None:
                continue  # blank, or drawn with lines only: nothing to read
            cache.save(sha, number, {"text": found.text, "confidence": found.confidence, "words": found.words,
                                     "tesseract": engine.version})  # fmt: skip
            result.pages[number] = found
            result.read += 1
        if progress:
            progress(len(candidates), len(candidates), budget, "splitting the text read by OCR took too long")
    finally:
        doc.close()
    return result
