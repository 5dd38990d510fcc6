"""The search page through Flask's test client: pages, escaping, exports, the PDF route, headers."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, make_collection, stop_server
from pdfgen import prose_page, write_pdf

from archive.cli import main
from archive.search import Archive, Filters
from archive.search.facets import Facets
from archive.web import SearchParams, create_app, is_loopback, safe_next
from archive.web.templates_dir import TEMPLATES

# The web tests bring their own small taxonomy, so they do not move when data/themes.toml is edited.
TAXONOMY = """\
[settings]
min_score = 2

[[theme]]
id = "neglect"
label = "Neglect"
category = "harm"
description = "A child's basic needs not met."
source = "test"
terms = ["poor home conditions", "was not brought", "dental decay", "neglect"]

[[theme]]
id = "bruising"
label = "Bruising in babies"
category = "harm"
description = "Bruises on babies who cannot move."
source = "test"
terms = ["bruising", "non-mobile baby", "bruise"]

[[theme]]
id = "information_sharing"
label = "Information sharing"
category = "practice"
description = "Sharing information between agencies."
source = "test"
terms = ["information sharing", "shared between agencies"]

[[theme]]
id = "domestic_abuse"
label = "Domestic abuse"
category = "family"
description = "Domestic abuse in the household."
source = "test"
terms = ["domestic abuse"]

[[theme]]
id = "parental_mental_health"
label = "Parental mental health"
category = "family"
description = "A parent's mental ill health."
source = "test"
terms = ["parental mental health"]

[[theme]]
id = "exploitation"
label = "Child criminal exploitation"
category = "harm"
description = "County lines."
source = "test"
terms = ["county lines", "criminal exploitation"]

[[combined]]
id = "da_and_mh"
label = "Domestic abuse with parental mental health"
category = "family"
description = "Both."
source = "test"
all = ["domestic_abuse", "parental_mental_health"]
"""

SCRIPT = "<script>alert(1)</script>"


def build_web_index(root: Path) -> tuple[Path, Path]:
    """make_collection() plus a PDF with markup in its text, one whose text starts like a
    spreadsheet formula, a file that is not a PDF and a link to a PDF outside the folder."""
    from indexer import build

    pdfs = make_collection(root / "pdfs")
    write_pdf(
        pdfs / "hostile.pdf",
        [
            ["Rapid Review: Child Q", "Southmere Safeguarding Partnership", "Published: May 2022"],
            [f"The chronology noted {SCRIPT} in the referral form and <b>bold</b> & \"quotes\".",
             *prose_page("neglect and poor home conditions", 3)],
        ],
    )  # fmt: skip
    write_pdf(
        pdfs / "formula.pdf",
        [
            ["=HYPERLINK(\"http://example.invalid\",\"click\") Learning review Wexford",
             "=1+1 cmd information sharing between agencies was poor.", *prose_page("information sharing", 2)],
        ],
    )  # fmt: skip
    (pdfs / "saved-page.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>", encoding="utf-8")
    outside = write_pdf(
        root / "outside" / "secret.pdf", [["Serious Case Review", *prose_page("outside the folder", 3)]]
    )
    (pdfs / "linked.pdf").symlink_to(outside)
    taxonomy = root / "themes.toml"
    taxonomy.write_text(TAXONOMY, encoding="utf-8")
    build(pdfs, root / "index", workers_count=2, themes=taxonomy)
    return root / "index", pdfs


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_web_index(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def app(web_index: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    index_dir, pdfs = web_index
    app = create_app(index_dir, pdfs)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture(scope="module")
def archive(app) -> Archive:  # type: ignore[no-untyped-def]
    return app.config["ARCHIVE"]


def doc_id(archive: Archive, path: str) -> str:
    return next(d for d, record in archive.documents.items() if record["path"] == path)


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.get_data(as_text=True)


# -- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/?q=neglect", "/?theme=neglect", "/?q=zzzqqq", "/themes", "/themes?theme=bruising", "/status",
     "/?q=neglect&sort=newest&page=2", "/?q=information&type=scr&from=2010&to=2020&partnership=eastbridge"],
)  # fmt: skip
def test_pages_render(client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    body = html(response)
    assert body.count("<h1") == 1
    assert 'href="#main"' in body and 'id="main"' in body


def test_templates_come_from_templates_dir(app) -> None:  # type: ignore[no-untyped-def]
    assert Path(app.template_folder) == TEMPLATES
    assert app.test_client().get("/static/archive.css").mimetype == "text/css"
    assert app.test_client().get("/static/../web.py").status_code == 404
    assert app.test_client().get("/static/..%2Fweb.py").status_code == 404


def test_search_shows_passages_with_marks_and_citations(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=%22dental+decay%22"))
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    assert "<mark>dental decay</mark>" in body
    assert "LCSPR" in body or "Child E" in body
    assert "Northmoor Safeguarding Children Partnership" in body and "2021" in body
    assert f'href="/documents/{child_e}/pdf#page=5&amp;search=' in body
    assert f'href="/documents/{child_e}?q=%22dental+decay%22"' in body
    assert 'role="status"' in body and "matching passage" in body
    # The passage's themes, and the evidence on demand.
    assert '<span class="theme-tag">Neglect</span>' in body
    assert re.search(r"<details class=\"evidence\">.*?<dt>Neglect</dt><dd>[^<]*dental decay", body, re.S)


def test_theme_counts_are_passages_matching_the_query(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    counts = Facets(archive).counts(archive.parse("health")[0], None)
    for theme_id in archive.taxonomy.themes:
        expected = archive.search("health", per_doc=None, limit=1, filters=Filters(themes=[theme_id])).total
        assert counts.themes[theme_id] == expected, theme_id
    assert counts.total == archive.search("health", limit=1).total
    assert sum(counts.review_types.values()) == counts.total
    body = html(client.get("/?q=health"))
    n = counts.themes["neglect"]
    assert n > 0
    assert re.search(rf'id="theme-neglect"[^>]*>\s*<label for="theme-neglect">Neglect <span class="count">{n}<', body)


def test_filter_by_theme(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=health&theme=bruising"))
    assert re.search(r'value="bruising" form="search"[^>]* checked>', body)
    assert "Theme: Bruising in babies" in body  # the active filter, with a link removing it
    assert 'href="/?q=health"' in body
    titles = re.findall(r'class="result-title" id="title-([0-9a-f]+)"', body)
    assert titles and set(titles) == {doc_id(archive, "eastbridge/scr-baby-f.pdf")}
    # A label works as well as an id, and an unknown theme is explained.
    assert "checked" in html(client.get("/?q=health&theme=Bruising+in+babies"))
    assert "unknown theme &#39;bruses&#39; — did you mean: bruising" in html(client.get("/?q=health&theme=bruses"))


def test_browse_a_theme_without_words(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?theme=exploitation"))
    assert "passages with the theme Child criminal exploitation" in body
    assert doc_id(archive, "briefing-exploitation.pdf") in body
    assert "type words to search for, or choose a single theme" in html(
        client.get("/?theme=exploitation&theme=neglect")
    )


def test_at_most_three_passages_per_document_and_more_link(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=review"))
    for article in re.findall(r'<article class="result".*?</article>', body, re.S):
        assert article.count('<li class="passage">') <= 3
    assert "More from this document" in body
    more = re.search(r'href="(/documents/[0-9a-f]+\?q=review#matches)">More from this document', body)
    assert more
    assert "passages match in this document" in html(client.get(more.group(1).split("#")[0]))


def test_paging_and_sorting_are_plain_links(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=review"))
    assert 'rel="next" href="/?q=review&amp;page=2"' in body
    assert 'href="/?q=review&amp;sort=newest"' in body
    page2 = html(client.get("/?q=review&page=2"))
    assert 'rel="prev" href="/?q=review"' in page2
    assert "Showing page 2" in page2
    newest = html(client.get("/?q=review&sort=newest"))
    assert 'aria-current="true">Newest first' in newest
    years = [int(y) for y in re.findall(r'<p class="result-meta">[^<]*?(\d{4}) ·', newest)]
    assert years == sorted(years, reverse=True)


def test_zero_results_suggest_what_to_try(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=zzzqqq+dental&exact=1"))
    assert "No passages match" in body and "Things to try" in body
    assert 'href="/?q=dental&amp;exact=1">Search for <code>dental</code>, leaving out <code>zzzqqq</code>' in body
    relaxed = html(client.get("/?q=zzzqqq+dental"))  # not exact: the passages with most of the words
    assert "No passage has all 2 of the words that matter; showing those with most of them" in relaxed
    filtered = html(client.get("/?q=dental&type=briefing"))
    assert 'href="/?q=dental">Search for the same words without any filters</a>' in filtered


@pytest.mark.parametrize(
    "query",
    ['q=%22unbalanced', "q=NOT+neglect", "q=-neglect", "q=***", "q=((", "q=" + "a" * 5000, "q=AND+OR",
     "q=a*", "q=%00%01", "q=%E2%80%AE%F0%9F%98%80", "q=neglect&from=abc", "q=neglect&from=2020&to=2010",
     "q=neglect&type=bogus", "q=neglect&theme=nosuch", "q=neglect&page=abc", "q=neglect&page=-5",
     "q=neglect&page=99999999", "q=neglect&sort=evil", "q=neglect&partnership=%21%21", "theme=", "from=2015",
     "q=neglect&theme=" + "&theme=".join(["neglect"] * 30)],
)  # fmt: skip
def test_odd_input_never_fails(client, query: str) -> None:  # type: ignore[no-untyped-def]
    for url in (f"/?{query}", f"/documents/x?{query}"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
    assert client.get(f"/export.csv?{query}").status_code in (200, 400)
    assert client.get(f"/api/search?{query}").status_code in (200, 400)


def test_malformed_query_shows_the_one_line_message(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=NOT+neglect"))
    assert "<strong>Cannot search:</strong> the query only says what to leave out" in body
    assert 'aria-invalid="true"' in body
    assert "year range &#39;2020-2010&#39; runs backwards" in html(client.get("/?q=neglect&from=2020&to=2010"))
    assert "unknown review type &#39;bogus&#39;" in html(client.get("/?q=neglect&type=bogus"))
    response = client.get("/api/search?q=NOT+neglect")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("the query only says what to leave out")


# -- escaping ----------------------------------------------------------------------------


def test_text_from_pdfs_is_data_never_markup(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    hostile = doc_id(archive, "hostile.pdf")
    for url in ("/?q=chronology+referral", f"/documents/{hostile}", f"/documents/{hostile}?q=chronology"):
        body = html(client.get(url))
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url
        assert SCRIPT not in body and "<b>bold</b>" not in body, url
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quotes&#34;" in body, url


def test_the_query_is_escaped_wherever_it_is_shown(client) -> None:  # type: ignore[no-untyped-def]
    for q in ("<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "neglect</title><script>x</script>"):
        for url in ("/", "/documents/nope"):
            body = html(client.get(url, query_string={"q": q}))
            assert "<script>alert" not in body and "<img src=x" not in body and "</title><script>" not in body


# -- exports and the API -----------------------------------------------------------------


def cli_json(index_dir: Path, *args: str) -> dict:
    result = CliRunner().invoke(
        main, ["search", *args, "--index", str(index_dir), "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_api_search_has_the_cli_json_shape(client, web_index: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    api = client.get("/api/search?q=information+sharing")
    assert api.status_code == 200 and api.mimetype == "application/json"
    assert api.get_json() == cli_json(web_index[0], "information sharing")
    filtered = client.get("/api/search?q=health&theme=neglect&from=2015&limit=5&per_doc=1&sort=oldest").get_json()
    expected = cli_json(web_index[0], "health", "--theme", "neglect", "--year", "2015-", "--limit", "5", "--per-doc", "1",
                        "--sort", "oldest")  # fmt: skip
    assert filtered == expected
    assert set(filtered["results"][0]) == {
        "doc_id", "title", "path", "page", "passage_id", "text", "highlight", "score", "year", "review_type",
        "partnership", "area", "themes", "evidence", "ocr", "form", "cite",
    }  # fmt: skip


def test_json_export_is_the_cli_json_as_a_download(client, web_index: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/export.json?q=health&type=cspr")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="case-reviews-health.json"'
    assert json.loads(response.data) == cli_json(web_index[0], "health", "--type", "cspr", "--limit", "1000")


def test_csv_export_neutralises_formulas(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/export.csv?q=information+sharing")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["doc_id", "title", "path", "page"]
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=") for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_export_of_a_bad_query_is_a_400_with_the_message(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/export.csv?q=NOT+x")
    assert response.status_code == 400
    assert response.get_data(as_text=True).startswith("the query only says what to leave out")


# -- documents and their PDFs ------------------------------------------------------------


def test_document_page(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    record = archive.documents[child_e]
    body = html(client.get(f"/documents/{child_e}"))
    assert "<dt>Published by</dt>" in body and "Northmoor Safeguarding Children Partnership" in body
    assert "<dt>Area</dt>" in body and '<dd>Northmoor <span class="inferred">inferred</span></dd>' in body
    assert body.count('<span class="inferred">inferred</span>') == len(
        [k for k in record["meta"]["inferred"] if record["meta"].get(k)]
    )
    # Themes with passage counts and evidence.
    for theme_id, n in record["themes"].items():
        label = re.escape(archive.taxonomy.themes[theme_id].label)
        assert re.search(rf"<dt>{label}</dt>\s*<dd class=\"doc-theme-count\">{n} passages?</dd>", body), theme_id
    assert "dental decay (1)" in body
    # The whole text, page by page, with a link to each page of the PDF.
    for page in range(1, 6):
        assert f'<h3 id="page-{page}">Page {page}</h3>' in body
        assert f'href="/documents/{child_e}/pdf#page={page}"' in body
    assert body.index("Page 2</h3>") < body.index("Page 5</h3>")
    assert "Disguised compliance by the parents" in body


def test_document_page_marks_what_matched(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    body = html(client.get(f"/documents/{child_e}?q=%22dental+decay%22"))
    assert "1</strong> passage matches in this document" in body
    assert "<mark>dental</mark> <mark>decay</mark>" in body
    assert 'class="page-passage is-match"' in body
    assert "No passage in this document matches" in html(client.get(f"/documents/{child_e}?q=county+lines"))
    assert "Cannot search:" in html(client.get(f"/documents/{child_e}?q=NOT+x"))


def test_pdf_is_served_by_document_id(client, archive: Archive, web_index: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    response = client.get(f"/documents/{child_e}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == (web_index[1] / "northmoor-child-e.pdf").read_bytes()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.head(f"/documents/{child_e}/pdf").status_code == 200


@pytest.mark.parametrize(
    "doc",
    ["0000000000000000", "nope", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..",
     "%2Fetc%2Fpasswd", "/etc/passwd", "C:%5CWindows%5Cwin.ini", "..%5C..%5Cwindows", "northmoor-child-e.pdf",
     "%00", "~root"],
)  # fmt: skip
def test_pdf_route_refuses_anything_but_a_known_id(client, doc: str) -> None:  # type: ignore[no-untyped-def]
    for url in (f"/documents/{doc}/pdf", f"/documents/{doc}"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"root:" not in response.data and b"%PDF" not in response.data


def test_pdf_outside_the_documents_folder_is_refused(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    linked = doc_id(archive, "linked.pdf")  # indexed through a link that leads out of the folder
    assert client.get(f"/documents/{linked}").status_code == 200
    assert client.get(f"/documents/{linked}/pdf").status_code == 404


def test_pdf_that_is_gone_is_404(web_index: tuple[Path, Path], tmp_path: Path) -> None:
    app = create_app(web_index[0], tmp_path)  # an empty documents folder
    archive = app.config["ARCHIVE"]
    assert app.test_client().get(f"/documents/{doc_id(archive, 'northmoor-child-e.pdf')}/pdf").status_code == 404


# -- themes and status -------------------------------------------------------------------


def test_themes_page_has_counts_and_an_svg_chart(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/themes?theme=neglect"))
    assert '<h2 id="chart-heading">Neglect by year</h2>' in body
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg and '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert "<rect" in svg and "style=" not in svg  # colours come from the stylesheet (CSP forbids inline styles)
    assert "The same figures as a table" in body
    for row in __import__("archive.research.trends", fromlist=["theme_counts"]).theme_counts(archive):
        assert f'href="/themes?theme={row["id"]}#chart"' in body
    assert "unknown theme" in html(client.get("/themes?theme=nosuch"))


def test_status_page_lists_files_that_failed_and_why(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/status"))
    assert "saved-page.pdf" in body and "<code>not_pdf</code>" in body
    assert "Last index run" in body and "files read" in body


# -- safety ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/?q=neglect", "/themes", "/status", "/documents/nope", "/static/archive.css", "/export.csv?q=x"]
)
def test_security_headers(client, url: str) -> None:  # type: ignore[no-untyped-def]
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style_and_no_outside_assets(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    for url in ("/", "/?q=neglect", f"/documents/{child_e}?q=neglect", "/themes", "/status"):
        body = html(client.get(url))
        assert re.findall(r"<script[^>]*>", body) == ['<script src="/static/archive.js" defer>']
        assert "<style" not in body and " style=" not in body and " on" + "click=" not in body
        assert not re.search(r'(src|href)="(https?:)?//', body)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize(
    "url", ["/", "/documents/x", "/themes", "/status", "/api/search", "/export.csv", "/contrast", "/static/archive.css"]
)
def test_only_get_and_head(client, method: str, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) <= {"GET", "HEAD"}


def test_contrast_toggle_sets_a_cookie_and_goes_back(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/contrast?mode=high&next=/themes%3Ftheme%3Dneglect")
    assert response.status_code == 303
    assert response.headers["Location"] == "/themes?theme=neglect"
    assert "contrast=high" in response.headers["Set-Cookie"]
    page = html(client.get("/"))
    assert '<html lang="en-GB" class="contrast-high">' in page
    assert 'aria-pressed="true"' in page
    client.get("/contrast?mode=normal&next=/")
    assert 'aria-pressed="false"' in html(client.get("/"))


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "evil"]
)
def test_contrast_toggle_never_sends_you_elsewhere(client, target: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/contrast", query_string={"mode": "high", "next": target})
    assert response.headers["Location"] == "/"
    assert safe_next(target) == "/"


def test_concurrent_requests(app, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    urls = ["/?q=neglect", "/?q=health&theme=neglect", "/themes", f"/documents/{child_e}?q=decay", "/api/search?q=review",
            "/status", "/?theme=bruising"] * 8  # fmt: skip
    expected = {url: app.test_client().get(url).data for url in set(urls)}

    def fetch(url: str) -> tuple[str, int, bytes]:
        response = app.test_client().get(url)
        return url, response.status_code, response.data

    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, code, data in pool.map(fetch, urls):
            assert code == 200, url
            assert data == expected[url], url


def test_search_params_round_trip(app) -> None:  # type: ignore[no-untyped-def]
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("q", "neglect"), ("theme", "neglect"), ("theme", "bruising"), ("from", "2015"), ("to", ""),
                      ("type", "scr"), ("partnership", "north"), ("sort", "newest"), ("page", "3")])  # fmt: skip
    params = SearchParams.from_args(args)
    assert params.themes == ("neglect", "bruising") and params.page == 3 and params.years() == (2015, None)
    with app.test_request_context():
        assert SearchParams.from_args(MultiDict(params.args())) == params


# -- serve -------------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("::", False),
                                                ("192.168.1.5", False), ("example.org", False)])  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_warns_when_others_can_reach_it(monkeypatch: pytest.MonkeyPatch, web_index: tuple[Path, Path]) -> None:
    import waitress

    served = []

    class FakeServer:
        effective_port = 8123

        def __init__(self, app, host: str, port: int, threads: int) -> None:  # type: ignore[no-untyped-def]
            served.append((app, host, port, threads))

        def run(self) -> None:
            raise KeyboardInterrupt

        def close(self) -> None:
            pass

    monkeypatch.setattr(waitress, "create_server", lambda app, **kw: FakeServer(app, **kw))
    index = str(web_index[0])
    quiet = CliRunner().invoke(main, ["serve", "--index", index], catch_exceptions=False)
    assert quiet.exit_code == 0
    assert "Warning" not in quiet.output
    assert f"Serving {index} at http://127.0.0.1:8123/" in quiet.output
    assert served[-1][1:] == ("127.0.0.1", 8000, 4)
    loud = CliRunner().invoke(
        main, ["serve", "--index", index, "--host", "0.0.0.0", "--port", "8123"], catch_exceptions=False
    )
    assert loud.exit_code == 0
    assert "Warning: listening on 0.0.0.0, so anyone who can reach this computer on port 8123 can search" in loud.output


def test_serve_without_index_says_what_to_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no index at" in result.output and "run 'archive index' first" in result.output


def test_serve_answers_over_http(web_index: tuple[Path, Path]) -> None:
    """A real waitress server on a free loopback port, as 'archive serve' runs it."""
    import urllib.request

    import waitress

    server = waitress.create_server(create_app(*web_index), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.effective_port}/?q=neglect", timeout=30) as response:
            assert response.status == 200
            assert "matching passages" in response.read().decode()
    finally:
        stop_server(server, thread)


@pytest.mark.slow
def test_wheel_ships_static_files_and_templates(tmp_path: Path) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
                   check=True, cwd=tmp_path, timeout=600)  # fmt: skip
    (wheel,) = tmp_path.glob("case_review_archive-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "archive/web/static/archive.css",
        "archive/web/static/archive.js",
        "archive/web/app.py",
        "archive/search/facets.py",
    } <= names
    for template in (
        "base.html",
        "search.html",
        "_result.html",
        "document.html",
        "themes.html",
        "status.html",
        "error.html",
    ):
        assert f"archive/web/templates/{template}" in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    requires = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: flask>=3" in requires and "Requires-Dist: waitress>=3" in requires


def test_latency_benchmark_runs(web_index: tuple[Path, Path]) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "web_latency.py"), str(web_index[0]), "--rounds", "1"],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "results page: p50" in done.stdout and "searches with words:" in done.stdout


def test_one_app_sees_a_new_commit(tmp_path: Path) -> None:
    """The app keeps one Archive; after 'archive index' adds a document, pages and counts show it."""
    from indexer import build

    pdfs = make_collection(tmp_path / "pdfs")
    taxonomy = tmp_path / "themes.toml"
    taxonomy.write_text(TAXONOMY, encoding="utf-8")
    build(pdfs, tmp_path / "index", workers_count=1, themes=taxonomy)
    client = create_app(tmp_path / "index", pdfs).test_client()
    assert "No passages match" in html(client.get("/?q=zebrafish"))
    before = re.search(r'<label for="theme-neglect">Neglect <span class="count">(\d+)<', html(client.get("/"))).group(1)

    write_pdf(pdfs / "new.pdf", [["Serious Case Review: Child Z", "Zebrafish Safeguarding Partnership", "Published: 2023"],
                                 ["The zebrafish tank and poor home conditions; the child was not brought to clinic.",
                                  *prose_page("neglect and poor home conditions", 3)]])  # fmt: skip
    build(pdfs, tmp_path / "index", workers_count=1, themes=taxonomy)
    body = html(client.get("/?q=zebrafish"))
    assert "<mark>zebrafish</mark>" in body
    after = re.search(r'<label for="theme-neglect">Neglect <span class="count">(\d+)<', html(client.get("/"))).group(1)
    assert int(after) > int(before)


def test_page_shaping_helpers() -> None:
    from archive.search import MARK_END, MARK_START, mark_terms, segments
    from archive.web.shape import excerpt, year_bars

    marked = mark_terms("The bruises were seen; bruising was not explained.", frozenset({"bruis"}))
    assert [p for p, m in segments(marked) if m] == ["bruises", "bruising"]
    long = " ".join(["word"] * 200) + f" {MARK_START}neglect{MARK_END} " + " ".join(["after"] * 200)
    short = excerpt(long)
    assert short.startswith("… ") and short.endswith(" …") and len(short) < 340
    assert [p for p, m in segments(short) if m] == ["neglect"]
    rows = [{"year": 2010, "documents": 1, "year_documents": 2, "proportion": 0.5},
            {"year": 2014, "documents": 4, "year_documents": 4, "proportion": 1.0}]  # fmt: skip
    bars = year_bars(rows)
    assert [(b["year"], b["last"], b["empty"]) for b in bars] == [
        (2010, 2010, False),
        (2011, 2013, True),
        (2014, 2014, False),
    ]
    assert bars[0]["all_width"] == 50.0 and bars[2]["theme_width"] == 100.0


# -- research tools: concordance, similar passages, did you mean, citations ------------------


def passage_of(archive: Archive, path: str, page: int) -> str:
    doc = doc_id(archive, path)
    return next(p["key"] for p in archive.searcher().documents(doc_id=doc, kind="passage") if p["page"] == page)


def test_concordance_page_is_a_real_table(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    from markupsafe import escape

    from archive.research.concordance import concordance

    body = html(client.get("/kwic?q=neglected&sort=left&width=4"))
    found = concordance(archive, "neglected", width=4, sort="left")
    assert "<title>Concordance: neglected – 18 occurrences – Case Review Archive</title>" in body
    assert '<caption id="kwic-caption">Occurrences of <q>neglected</q>, sorted by the words before</caption>' in body
    assert (
        '<th scope="col" class="kwic-left">Before</th><th scope="col" class="kwic-key">Keyword</th><th scope="col">After</th>'
        in body
    )
    rows = re.findall(
        r'<td class="kwic-left">(.*?)</td>\s*<td class="kwic-key"><mark>(.*?)</mark></td>\s*<td class="kwic-right">(.*?)</td>',
        body,
    )
    expected = [tuple(str(escape(part)) for part in (line.left, line.keyword, line.right)) for line in found.lines]
    assert rows == expected and len(rows) == found.total == 18
    assert "<strong>18</strong> occurrences\n    in 4 passages\n    of 2 documents." in body
    assert re.search(
        r'<tr><th scope="row"><a href="/documents/[0-9a-f]+\?q=neglected#matches">Local Child Safeguarding Practice Review: Child E</a></th><td class="num">2021</td><td class="num">12</td></tr>',
        body,
    )
    assert '<tr><th scope="row">2021</th><td class="num">12</td></tr>' in body
    assert '<tr><th scope="row">2022</th><td class="num">6</td></tr>' in body


def test_search_page_links_to_the_concordance(client) -> None:  # type: ignore[no-untyped-def]
    assert '<a href="/kwic?q=neglect">Concordance<span class="visually-hidden"> of neglect</span></a>' in html(
        client.get("/?q=neglect")
    )
    filtered = html(client.get("/?q=health&theme=neglect&from=2015&sort=newest"))
    assert 'href="/kwic?q=health&amp;theme=neglect&amp;from=2015">Concordance' in filtered
    assert "/kwic?" not in html(client.get("/?q=neglect+OR+bruising"))  # not one word or phrase


def test_concordance_filters_paging_and_errors(client) -> None:  # type: ignore[no-untyped-def]
    filtered = html(client.get("/kwic?q=neglect&type=cspr&width=4"))
    assert set(re.findall(r'<td class="kwic-doc"><a [^>]*>([^<]*)</a>', filtered)) == {
        "Local Child Safeguarding Practice Review: Child E"
    }
    assert '<input type="hidden" name="type" value="cspr">' in filtered
    assert '<a href="/kwic?q=neglect&amp;width=4">Show every document</a>' in filtered
    first = html(client.get("/kwic?q=the&sort=right&width=4"))
    assert first.count('<td class="kwic-key">') == 100
    assert '<a rel="next" href="/kwic?q=the&amp;page=2&amp;sort=right&amp;width=4">Next 100 lines</a>' in first
    second = html(client.get("/kwic?q=the&sort=right&width=4&page=2"))
    assert '<a rel="prev" href="/kwic?q=the&amp;sort=right&amp;width=4">Previous 100 lines</a>' in second
    error = html(client.get("/kwic?q=neglect+OR+x"))
    assert "<strong>Cannot show a concordance:</strong> a concordance is of one word or phrase" in error
    assert 'aria-invalid="true"' in error
    assert "<strong>No occurrences</strong> of <q>zzzqqq</q>." in html(client.get("/kwic?q=zzzqqq"))
    for url in (
        "/kwic",
        "/kwic?q=neglect&width=abc&sort=evil&page=x",
        "/kwic?q=a*",
        "/kwic?q=neglect&theme=nosuch",
        "/kwic?q=%22",
    ):
        assert client.get(url).status_code == 200, url


def test_concordance_text_is_data_never_markup(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/kwic?q=chronology&width=10"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and SCRIPT not in body
    body = html(client.get("/kwic", query_string={"q": '"><script>alert(1)</script>'}))
    assert "<script>alert" not in body


def test_similar_passages_page(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    source = passage_of(archive, "eastbridge/scr-baby-f.pdf", 5)
    body = html(client.get(f"/similar/{source}"))
    assert "<h1>Passages like this one</h1>" in body
    assert "Eastbridge Local Safeguarding Children Board (2014) <cite>Serious Case Review: Baby F</cite>, p. 5" in body
    assert re.search(r"key terms:\s+<q>information</q>, <q>followed</q>, <q>not</q>\.", body)
    titles = re.findall(r'<h3 class="result-title" id="title-([0-9a-f]+)">', body)
    assert titles and doc_id(archive, "eastbridge/scr-baby-f.pdf") not in titles
    missing = client.get("/similar/nope")
    assert missing.status_code == 404 and "There is no passage with that id in the index." in html(missing)


def test_every_result_can_be_cited_and_has_more_like_this(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=%22dental+decay%22"))
    source = passage_of(archive, "northmoor-child-e.pdf", 5)
    assert (
        f'<a href="/similar/{source}">More like this<span class="visually-hidden">: passages of other documents like page 5 of Local Child Safeguarding Practice Review: Child E</span></a>'
        in body
    )
    assert (
        '<summary>Cite<span class="visually-hidden"> page 5 of Local Child Safeguarding Practice Review: Child E</span></summary>'
        in body
    )
    assert (
        '<p class="cite-text">Northmoor Safeguarding Children Partnership (2021) <cite>Local Child Safeguarding Practice Review: Child E</cite>, p. 5</p>'
        in body
    )
    assert '<p class="cite-note">Title, partnership, year inferred from the document; check before citing.</p>' in body
    assert (
        f'<a href="/cite/{source}.ris" download>RIS' in body and f'<a href="/cite/{source}.bib" download>BibTeX' in body
    )


def test_citation_downloads_are_the_cli_exports(client, archive: Archive, web_index: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    source = passage_of(archive, "northmoor-child-e.pdf", 5)
    index = ["--index", str(web_index[0])]
    for ext, fmt, mimetype in (
        ("ris", "ris", "application/x-research-info-systems"),
        ("bib", "bibtex", "application/x-bibtex"),
    ):
        response = client.get(f"/cite/{source}.{ext}")
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.headers["Content-Disposition"] == f'attachment; filename="passage-{source}.{ext}"'
        cli = (
            CliRunner()
            .invoke(main, ["search", '"dental decay"', *index, "--format", fmt], catch_exceptions=False)
            .output
        )
        assert response.get_data(as_text=True) == cli
    assert client.get("/cite/nope.ris").status_code == 404
    assert client.get("/cite/nope.bib").status_code == 404


def test_did_you_mean_is_a_link_that_keeps_the_filters(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get("/?q=safegaurding"))
    assert (
        '<p class="message message-note did-you-mean">Did you mean <a href="/?q=safeguarding">safeguarding</a>?</p>'
        in body
    )
    filtered = html(client.get("/?q=neglet&from=2020"))
    assert 'Did you mean <a href="/?q=neglect&amp;from=2020">neglect</a>?' in filtered
    assert "Did you mean" not in html(
        client.get("/?q=neglet&type=scr")
    )  # "neglect" is in no serious case review either
    assert client.get("/api/search?q=neglet").get_json()["suggestion"] == "neglect"


@pytest.mark.parametrize("url", ["/kwic?q=neglect", "/similar/x", "/cite/x.ris", "/cite/x.bib"])
def test_research_pages_are_get_only_with_security_headers(client, url: str) -> None:  # type: ignore[no-untyped-def]
    assert client.post(url).status_code == 405
    headers = client.get(url).headers
    assert "default-src 'self'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"


def test_the_page_never_writes_a_saved_search(client, web_index: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    for url in ("/?q=neglect", "/kwic?q=neglect", "/?q=neglet", "/api/search?q=neglect"):
        client.get(url)
    assert not (web_index[0] / "saved-searches.json").exists()


def test_a_quoted_query_is_not_quoted_twice(client) -> None:  # type: ignore[no-untyped-def]
    body = html(client.get('/?q="no+such+phrase+anywhere"'))
    assert '<strong>No passages match</strong> <code class="typed">&#34;no such phrase anywhere&#34;</code>' in body
    assert "“&#34;" not in body and "<q>&#34;" not in body
    body = html(client.get("/?q=zzzqqq"))
    assert "<strong>No passages match</strong> <q>zzzqqq</q>" in body


def test_document_page_has_its_citation_with_ris_and_bibtex(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    child_e = doc_id(archive, "northmoor-child-e.pdf")
    body = html(client.get(f"/documents/{child_e}"))
    assert '<h2 id="cite-heading">Cite this document</h2>' in body
    assert (
        '<p class="cite-text">Northmoor Safeguarding Children Partnership (2021) '
        "<cite>Local Child Safeguarding Practice Review: Child E</cite></p>"
    ) in body
    assert "Title, partnership, year inferred from the document; check before citing." in body
    ris = client.get(f"/documents/{child_e}/cite.ris")
    assert ris.status_code == 200 and ris.mimetype == "application/x-research-info-systems"
    assert ris.headers["Content-Disposition"] == f'attachment; filename="document-{child_e}.ris"'
    lines = ris.get_data(as_text=True).splitlines()
    assert lines[:5] == [
        "TY  - RPRT",
        "TI  - Local Child Safeguarding Practice Review: Child E",
        "AU  - Northmoor Safeguarding Children Partnership",
        "PB  - Northmoor Safeguarding Children Partnership",
        "PY  - 2021",
    ]
    assert "KW  - Northmoor" in lines and not any(line.startswith("SP  -") for line in lines)
    assert lines[-2:] == [f"ID  - {child_e}", "ER  - "]
    bib = client.get(f"/documents/{child_e}/cite.bib").get_data(as_text=True)
    assert bib.startswith("@techreport{northmoor2021,\n  author = {{Northmoor Safeguarding Children Partnership}},")
    assert "pages" not in bib and "note = {File northmoor-child-e.pdf. Title, partnership, year inferred" in bib
    assert client.get("/documents/0000000000000000/cite.ris").status_code == 404
