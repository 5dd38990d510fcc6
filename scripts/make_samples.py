#!/usr/bin/env python3
# (long lines: the prose below is kept one paragraph per line)
"""Write FICTIONAL sample case-review PDFs into data/pdfs/.

The documents imitate the layout of published English child-safeguarding case
reviews (Serious Case Reviews, Local Child Safeguarding Practice Reviews, a
learning review and a thematic briefing) so that Case Review Archive has
realistic input to index: cover and contents pages, numbered paragraphs,
running headers and footers, tables, two-column pages, a few words hyphenated
across line ends, and deliberately inconsistent PDF metadata.
Every partnership, place, person and event in them is invented.

Dev-only tool (users get the committed PDFs):

    pip install fpdf2            # pypdf, if installed, is used for the closing report
    python scripts/make_samples.py [--out data/pdfs]

The output is byte-for-byte reproducible: fixed creation dates, no randomness.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "pdfs"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    ("dvsans", ""): "DejaVuSans.ttf",
    ("dvsans", "B"): "DejaVuSans-Bold.ttf",
    ("dvsans", "I"): "DejaVuSans-Oblique.ttf",
    ("dvserif", ""): "DejaVuSerif.ttf",
    ("dvserif", "B"): "DejaVuSerif-Bold.ttf",
    ("dvserif", "I"): "DejaVuSerif-Italic.ttf",
}
NOTICE = (
    "FICTIONAL SAMPLE DOCUMENT — written for testing Case Review Archive. "
    "It does not describe a real child, family or agency."
)
ASCII = {"‘": "'", "’": "'", "“": '"', "”": '"', "—": "--", "–": "-", "£": "GBP ", "•": "-", "é": "e"}

GLOSSARY = {
    "A&E": "Accident and Emergency department (also ED, Emergency Department)",
    "ADHD": "Attention deficit hyperactivity disorder",
    "AP": "Alternative provision (education outside mainstream school)",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "CCE": "Child criminal exploitation",
    "CIN": "Child in Need (section 17 Children Act 1989)",
    "CP": "Child protection",
    "CSC": "Children’s social care",
    "DASH": "Domestic abuse, stalking and harassment risk identification checklist",
    "DSL": "Designated safeguarding lead (in a school)",
    "EHCP": "Education, health and care plan",
    "GP": "General practitioner",
    "HV": "Health visitor",
    "ICPC": "Initial child protection conference",
    "IDVA": "Independent domestic violence adviser",
    "IMR": "Individual management review",
    "LSCB": "Local Safeguarding Children Board (replaced by safeguarding partnerships from 2019)",
    "MARAC": "Multi-agency risk assessment conference",
    "MASH": "Multi-agency safeguarding hub",
    "NRM": "National Referral Mechanism (for victims of modern slavery)",
    "PICU": "Paediatric intensive care unit",
    "RHI": "Return home interview (after a missing episode)",
    "S47": "Enquiry under section 47 Children Act 1989",
    "SEND": "Special educational needs and disabilities",
    "SENCo": "Special educational needs co-ordinator",
    "YJS": "Youth justice service",
}


@dataclass
class Doc:
    filename: str
    partnership: str
    title: str
    subtitle: str
    reviewer: str  # cover line, e.g. "Independent reviewer: ..."
    dates: list[str]  # cover lines, e.g. ["Date of publication: 14 June 2021"]
    created: dt.datetime  # PDF /CreationDate
    header: str  # running header; "left|right" puts text at both ends
    footer: str  # "{n}" and "{total}" are filled in; "|" as for header
    meta_title: str | None  # None: no /Title at all
    meta_author: str  # "": no /Author
    summary: str  # one line for data/pdfs/README.md
    body: str  # light markup, see CaseReviewPDF.body()
    serif: bool = False
    justify: bool = False
    bookmarks: bool = True  # PDF outline entries for the numbered sections
    toc_dots: bool = False  # dotted leaders on the contents page
    colour: tuple[int, int, int] = (31, 78, 95)


def when(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, 9, 30, tzinfo=dt.UTC)


class CaseReviewPDF(FPDF):
    """Lays out one Doc. Built twice by render(): pass 1 finds the page numbers for the contents page."""

    LH = 5.4  # body line height (mm)
    SIZE = 10.5  # body font size (pt)

    def __init__(self, doc: Doc, toc_pages: list[int], total_pages: int):
        super().__init__(format="A4")
        if all((FONT_DIR / f).is_file() for f in FONT_FILES.values()):
            for (family, style), name in FONT_FILES.items():
                self.add_font(family, style, str(FONT_DIR / name))
            self.sans, serif = "dvsans", "dvserif"
        else:
            self.sans, serif = "helvetica", "times"  # see normalize_text()
        self.doc, self.toc_pages, self.total_pages = doc, toc_pages, total_pages
        self.body_font = serif if doc.serif else self.sans
        self.toc: list[int] = []  # page of each heading, in order
        self.section = self.para = self.n_recommendations = 0
        self.numbering = True  # False after an unnumbered heading
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=22)

    def normalize_text(self, text: str) -> str:
        """With the core-font fallback, write ASCII only (core fonts lack curly quotes, dashes, £)."""
        if self.sans == "helvetica":
            text = "".join(ASCII.get(c, c if c.isascii() or c == "\u00ad" else "?") for c in text)
        return super().normalize_text(text)

    # -- running header and footer (not on the cover) --------------------
    def _two_ends(self, text: str, y: float) -> None:
        left, _, right = text.rpartition("|")
        self.set_y(y)
        if left:
            self.cell(0, 5, left, align="L")
            self.set_x(self.l_margin)
        self.cell(0, 5, right, align="R" if left else "C")

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(self.sans, "", 8)
            self.set_text_color(90, 90, 90)
            self._two_ends(self.doc.header, 11)
            self.set_draw_color(*self.doc.colour)
            self.line(self.l_margin, 17, self.w - self.r_margin, 17)
            self.set_text_color(0, 0, 0)
            self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() > 1:
            self.set_font(self.sans, "", 8)
            self.set_text_color(90, 90, 90)
            self._two_ends(self.doc.footer.format(n=self.page_no(), total=self.total_pages), -14)
            self.set_text_color(0, 0, 0)

    # -- building blocks --------------------------------------------------
    def font(self, style: str = "", size: float | None = None, sans: bool = False) -> None:
        self.set_font(self.sans if sans else self.body_font, style, size or self.SIZE)

    def cover(self) -> None:
        doc = self.doc
        self.add_page()
        self.set_fill_color(*doc.colour)
        self.rect(0, 0, self.w, 58, style="F")
        self.set_text_color(255, 255, 255)
        self.font("B", 15, sans=True)
        self.set_y(24)
        self.multi_cell(0, 7, doc.partnership, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_y(84)
        self.font("B", 24, sans=True)
        self.multi_cell(0, 11, doc.title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.font("", 14, sans=True)
        self.multi_cell(0, 7, doc.subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(14)
        self.font("", 11.5)
        for line in [doc.reviewer, *doc.dates]:
            self.multi_cell(0, 7, line, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_y(226)
        self.set_draw_color(190, 20, 20)
        self.set_line_width(0.8)
        self.set_text_color(170, 0, 0)
        self.font("B", 11, sans=True)
        self.multi_cell(0, 6.5, NOTICE, border=1, align="C", padding=(4, 6), new_x="LMARGIN", new_y="NEXT")
        self.set_line_width(0.2)
        self.set_text_color(0, 0, 0)

    def contents(self) -> None:
        self.add_page()
        self.font("B", 16, sans=True)
        self.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.font("", 11)
        headings, n = [], 0
        for line in self.doc.body.splitlines():
            if line.startswith("# "):
                n += 1
                headings.append(f"{n}.  {line[2:]}")
            elif line.startswith("#* "):
                headings.append(line[3:])
        for label, page in zip(headings, self.toc_pages or [0] * len(headings)):
            if self.doc.toc_dots:
                gap = self.epw - 18 - self.get_string_width(label)
                label += " " + "." * int(gap / self.get_string_width("."))
            self.cell(self.epw - 14, 8, label)
            self.cell(14, 8, str(page), align="R", new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, numbered: bool) -> None:
        if self.get_y() > self.h - self.b_margin - 35:
            self.add_page()
        self.ln(3)
        self.numbering = numbered
        if numbered:
            self.section += 1
            self.para = 0
            text = f"{self.section}.  {text}"
        if self.doc.bookmarks:
            self.start_section(text.replace("  ", " "))
        self.toc.append(self.page_no())
        self.font("B", 13.5, sans=True)
        self.set_text_color(*self.doc.colour)
        self.multi_cell(0, 8, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def subheading(self, text: str) -> None:
        if self.get_y() > self.h - self.b_margin - 25:
            self.add_page()
        self.font("B", 11, sans=True)
        self.multi_cell(0, 7, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(0.5)

    def hanging(self, label: str, text: str, label_x: float = 0) -> None:
        """A paragraph indented 12 mm, with its label (number, bullet) in the margin."""
        self.set_x(self.l_margin + label_x)
        self.font()
        self.cell(12 - label_x, self.LH, label)
        self.multi_cell(0, self.LH, text, align="J" if self.doc.justify else "L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2.2)

    def paragraph(self, text: str) -> None:
        if self.numbering:
            self.para += 1
        self.hanging(f"{self.section}.{self.para}" if self.numbering else "", text)

    def quote(self, text: str) -> None:
        self.set_fill_color(236, 240, 242)
        self.font("I")
        self.set_x(self.l_margin + 12)
        self.multi_cell(0, self.LH, text, fill=True, align="L", padding=(2.5, 4), new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def recommendation(self, text: str) -> None:
        self.n_recommendations += 1
        if self.get_y() > self.h - self.b_margin - 20:
            self.add_page()
        self.font("B", sans=True)
        self.cell(0, self.LH + 1, f"Recommendation {self.n_recommendations}", new_x="LMARGIN", new_y="NEXT")
        self.hanging("", text)

    def grid(self, rows: list[list[str]]) -> None:
        self.font("", 8.8, sans=True)
        self.set_draw_color(110, 110, 110)
        self.set_fill_color(255, 255, 255)  # fpdf2 tables fill body cells with the current colour
        style = FontFace(emphasis="BOLD", fill_color=(218, 228, 233))
        with self.table(
            rows,
            col_widths={2: (1, 3), 3: (2, 2, 6)}[len(rows[0])],
            text_align="LEFT",
            line_height=4.4,
            padding=1.5,
            cell_fill_mode="NONE",
            headings_style=style,
        ):
            pass
        self.ln(4)

    def columns(self, lines: list[str]) -> None:
        """A two-column block. fpdf2's text_columns() writes column 1, then column 2,
        so pypdf extracts the text column by column."""
        with self.text_columns(ncols=2, gutter=8, balance=True, line_height=1.45) as cols:
            for line in lines:
                kind, rest = (line[:2], line[2:]) if line[:2] in ("##", "- ", "> ") else ("", line)
                with cols.paragraph(text_align="LEFT", bottom_margin=1.2 if kind == "##" else 2.6) as par:
                    if kind == "##":
                        self.font("B", 10.5, sans=True)
                        par.write(rest.strip())
                    elif kind or not self.numbering:
                        self.font("I" if kind == "> " else "", 9.8)
                        par.write(("•  " if kind == "- " else "") + rest)
                    else:
                        self.para += 1
                        self.font("B", 9.8)
                        par.write(f"{self.section}.{self.para} ")
                        self.font("", 9.8)
                        par.write(rest)
        self.ln(3)

    def body(self) -> None:
        """Markup, one block per line: '# ' numbered heading, '#* ' unnumbered heading,
        '## ' subheading, '- ' bullet, '> ' quote, '| ' table row (first row = headings),
        'R: ' recommendation, '! ' unnumbered paragraph, '@page', '@columns' ... '@end',
        '@glossary KEY ...'; any other line is a numbered paragraph. '~' is a soft hyphen:
        fpdf2 breaks the word there (printing '-') only if it falls at a line end."""
        lines = [ln.strip().replace("~", "\u00ad") for ln in self.doc.body.splitlines() if ln.strip()]
        self.add_page()
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("| "):
                end = next((j for j in range(i, len(lines)) if not lines[j].startswith("| ")), len(lines))
                self.grid([[c.strip() for c in row[2:].split("|")] for row in lines[i:end]])
                i = end
                continue
            if line == "@columns":
                end = lines.index("@end", i)
                self.columns(lines[i + 1 : end])
                i = end
            elif line == "@page":
                self.add_page()
            elif line.startswith("@glossary"):
                self.grid([["Term", "Meaning"]] + [[k, GLOSSARY[k]] for k in line.split()[1:]])
            elif line.startswith(("# ", "#* ")):
                self.heading(line.split(" ", 1)[1], numbered=line.startswith("# "))
            elif line.startswith("## "):
                self.subheading(line[3:])
            elif line.startswith("- "):
                self.hanging("•", line[2:], label_x=6)
            elif line.startswith("> "):
                self.quote(line[2:])
            elif line.startswith("R: "):
                self.recommendation(line[3:])
            elif line.startswith("! "):
                self.hanging("", line[2:])
            else:
                self.paragraph(line)
            i += 1

    def build(self) -> CaseReviewPDF:
        doc = self.doc
        self.set_creation_date(doc.created)
        self.set_creator("Case Review Archive scripts/make_samples.py (fpdf2)")
        self.set_subject(NOTICE)
        self.set_lang("en-GB")
        if doc.meta_title is not None:
            self.set_title(doc.meta_title)
        if doc.meta_author:
            self.set_author(doc.meta_author)
        self.cover()
        self.contents()
        self.body()
        return self


def render(doc: Doc) -> bytes:
    pdf = CaseReviewPDF(doc, [], 0).build()  # pass 1: find page numbers
    pdf2 = CaseReviewPDF(doc, pdf.toc, pdf.page_no()).build()  # pass 2: print them
    assert (pdf2.toc, pdf2.page_no()) == (pdf.toc, pdf.page_no()), doc.filename
    return bytes(pdf2.output())


def write_readme(out: Path, docs: list[Doc]) -> None:
    text = """# Sample documents (fictional)

These PDFs are **fictional samples, not real case reviews**. They were generated by
`scripts/make_samples.py` (`pip install fpdf2`, then `python scripts/make_samples.py`)
to give Case Review Archive realistic test input: cover and contents pages, numbered
paragraphs, running headers and footers, tables, two-column pages, words hyphenated
across line ends, and deliberately inconsistent PDF metadata (good, missing and junk titles).

Every partnership, place, child, family member, professional, agency and event in them
is invented, including the reviews cited in the briefing. Any resemblance to a real case
is coincidental. The script is deterministic: running it again reproduces the files byte
for byte.

"""
    text += "\n".join(f"- `{d.filename}` — {d.summary}" for d in docs)
    (out / "README.md").write_text(text + "\n", encoding="utf-8")


def report(paths: list[Path]) -> None:
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    print(f"{'file':52} {'pages':>5} {'words':>6} {'size':>9}  hyphenated line ends")
    for p in paths:
        pages = [pg.extract_text() for pg in PdfReader(p).pages] if PdfReader else []
        breaks = re.findall(r"\w+-\n\w+", "\n".join(pages))
        words = sum(len(t.split()) for t in pages)
        print(
            f"{p.name:52} {len(pages) or '?':>5} {words or '?':>6} {p.stat().st_size / 1024:6.1f} KB  "
            + ", ".join(b.replace("\n", "/") for b in breaks)
        )
    print(f"{'total':65} {sum(p.stat().st_size for p in paths) / 1024:6.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: data/pdfs)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for doc in DOCS:
        (args.out / doc.filename).write_bytes(render(doc))
    write_readme(args.out, DOCS)
    report([args.out / doc.filename for doc in DOCS])


# ---------------------------------------------------------------------------
# The documents, oldest first. All names, places, agencies and events are invented.
# ---------------------------------------------------------------------------

DOCS: list[Doc] = []

DOCS.append(
    Doc(
        filename="wexmoor-scr-child-d-2012.pdf",
        partnership="Wexmoor Local Safeguarding Children Board",
        title="Serious Case Review: Child D",
        subtitle="Overview Report — chronic neglect of a seven-year-old child and his siblings",
        reviewer="Independent author: Gareth Pennock",
        dates=["Published: November 2012"],
        created=when(2012, 11, 20),
        header="Wexmoor LSCB — SCR Child D — Overview Report",
        footer="- {n} -",
        meta_title=None,
        meta_author="",
        summary='Serious Case Review, Wexmoor LSCB, 2012: Child D, chronic neglect, dental decay, "was not brought", start-again syndrome, disguised compliance; no /Title or /Author.',
        bookmarks=False,
        colour=(60, 90, 40),
        body="""
# Introduction
This Serious Case Review concerns Child D, a boy who was seven years old when he was admitted to Wexmoor District Hospital in January 2012 with pneumonia. On admission he weighed less than the average four-year-old, his weight having fallen from the 25th centile at the age of two to below the 0.4th centile. He had extensive untreated dental decay, severe eczema, and head lice, and staff noted that he ate ravenously and hid food in his bed. Nine of his teeth were later extracted under general anaesthetic.
Child D’s two siblings, Sibling 1 (then aged ten) and Sibling 2 (then aged three), were seen the same week. Both were found to have significant unmet health needs. All three children were made subject to child protection plans under the category of neglect, and subsequently became looked after. They are now living together with foster carers and are reported to be doing well.
Wexmoor Local Safeguarding Children Board decided that the criteria for a Serious Case Review were met because the children had suffered significant harm through neglect over a long period and because a number of agencies had been involved with the family for most of that time. The review was conducted in accordance with chapter 8 of Working Together to Safeguard Children (2010).
# The review process
The Board appointed an independent overview author and a review panel of senior managers who had not been directly involved with the family. Individual Management Reviews were provided by children’s social care, the community health trust, the family’s GP practice, the community dental service, Ashby Road Primary School, the housing association and Wexmoor Police. A health overview report was prepared by the designated nurse.
The period under review was January 2009 to January 2012, although the panel read the records of earlier involvement, including a period during 2008 and 2009 when Sibling 1 and Child D were subject to child protection plans. Both parents were invited to contribute. Mrs P met the author with an advocate; Mr P did not wish to take part.
The author would like to thank the practitioners who took part in interviews and in the practitioner event. Several described their distress at the children’s condition when it became known, and their frustration that their individual concerns had not led to action sooner.
# The family
Mrs P has mild learning difficulties and has experienced depression for many years. She was known to adult mental health services and was prescribed antidepressants by her GP. Mr P worked intermittently as a labourer and, according to police and GP records, drank heavily, particularly at weekends. There were four police call-outs to the home for “verbal domestics” during the review period, none of which resulted in a referral to children’s social care, because the children were recorded as “not present” or “asleep upstairs”.
The family lived in a three-bedroom house rented from a housing association. Housing officers visited on several occasions in response to complaints from neighbours about rubbish in the garden and the smell from the property. In 2010 a housing officer recorded that “the living room is covered in dog mess and there is no carpet in the children’s bedrooms”. This information was not shared with any other agency.
Child D was described by his school as a gentle, quiet boy who loved animals and trains. He had delayed speech and was being assessed for autism. He was often late, frequently absent on Mondays, and regularly arrived without breakfast. Teachers kept spare clothes for him and the school breakfast club fed him most mornings.
# Agency involvement, 2009 to 2012
| Date | Agency | Event
| February 2009 | CSC | Child protection plans for Sibling 1 and Child D ended. Stepped down to child in need plan; parents said to be “working well with professionals”.
| August 2009 | CSC | Child in need plan closed after three visits. Case closed.
| 2009–2011 | Dental service | Child D not brought to five appointments. Discharged after the third, re-referred by school nurse, discharged again.
| March 2010 | School | First referral to CSC about hunger and hygiene. Screened as “no further action — advice given to school”.
| October 2010 | Housing | Visit finds very poor home conditions. Not shared.
| January 2011 | School | Second referral. Initial assessment completed; parents agree to parenting course. Case closed when course booked.
| June 2011 | Paediatrics | Child D not brought to dietetics or audiology. Letter to GP; discharged to GP care.
| November 2011 | School | Third referral: Child D “smells strongly of urine, has a toothache and is hungry”. Allocated for assessment; visit planned for January.
| January 2012 | Hospital | Admission with pneumonia; weight, dental and skin findings. Strategy discussion and section 47 enquiry.
# Analysis
## Recognising neglect over time
Neglect is the persistent failure to meet a child’s basic physical and/or psycho~logical needs, likely to result in the serious impairment of the child’s health or development. By its nature it is cumulative. No single incident in this case was, on its own, evidence of significant harm; taken together, they showed a picture of children whose needs had not been met for years.
The difficulty for practitioners was that each agency saw only a small part of that picture, and each referral was considered on its own merits. When the school made its third referral in November 2011, the screening social worker did not read the earlier history in detail and did not know that the children had previously been subject to child protection plans for neglect. This pattern of closing and reopening cases, each time starting from the beginning, has been described in national research as “start again syndrome”. It was a significant factor in this case.
## Children who were not brought
Child D missed at least eleven health appointments during the review period, including dental treatment for decay that was causing him pain. The records describe him as having “failed to attend” or “DNA”. This language places respon~sibility on a seven-year-old child for something that only his parents could do. The review recommends that agencies in Wexmoor adopt the phrase “was not brought” and, more importantly, that a child who is not brought to appointments for a condition that affects his health should trigger a conversation with the lead professional and consideration of a safeguarding referral, rather than discharge.
Health practitioners told the review that discharging patients who do not attend is standard practice, intended to make best use of limited clinics. This is understandable for adults. For children, the review considers that discharge after missed appointments should always be accompanied by a letter to the GP and the health visitor or school nurse, and that repeated missed appointments should be treated as a possible indicator of neglect.
## Disguised compliance
On each occasion that children’s social care became involved, Mr and Mrs P agreed to what was asked of them. They attended meetings, agreed to a parenting course, and cleaned the house before visits that had been arranged in advance. Professionals recorded that the parents were “engaging well” and that there was “evidence of change”. In fact, the changes did not last more than a few weeks.
The term disguised compliance describes a parent giving the appearance of co-operating with professionals in order to allay concerns. In this case it may be more accurate to say that the parents genuinely wanted to improve but, because of their own difficulties, could not sustain change without long-term support. Either way, the key learning is the same: professionals should judge progress by the child’s outcomes — weight, health, attendance, presentation — rather than by the parents’ engagement with services.
## The child’s experience
It is striking how little the records say about what life was like for Child D. He was spoken to at school on several occasions, but he had limited speech and his teachers were not confident about how to find out his views. He was never seen alone by a social worker. No assessment considered what a typical day was like for him: whether he had a bed, whether there was food in the house, who got him up in the morning.
Child D’s additional needs made him more vulnerable to neglect, and at the same time made it harder for professionals to recognise it. His developmental delay and poor growth were attributed, at different times, to possible autism, to a “small build”, and to his eczema. A referral to the community paediatrician in 2011 did not mention the family’s history with children’s social care, and the paediatrician therefore considered only medical causes.
## The home environment
Housing officers were the only professionals who regularly went beyond the front room of the family home. Their records describe a steady deterioration over two years: rubbish in the garden, then broken windows, then dog faeces on the floors and bare mattresses in the children’s rooms. Housing staff dealt with these as tenancy matters. They wrote to the family about their tenancy obligations and, on one occasion, began the process for a notice seeking possession, which was withdrawn when the house was cleaned.
The housing association’s IMR acknowledged that its staff had not been trained to recognise neglect, did not know how to contact children’s social care and had assumed that “social services must already know”. None of the other agencies asked housing for information, and the association was not part of the LSCB’s information sharing arrangements. The review considers that the condition of the home was one of the clearest indicators of the children’s neglect and that it was, in effect, invisible to the agencies responsible for protecting them.
Social workers who visited by appointment saw the house after it had been cleaned. Unannounced visits were not made, and the children’s bedrooms were not seen on two of the three visits in 2011. Seeing where children sleep, and what food is in the kitchen, is a basic part of assessing neglect, and the review found that it was not routine practice in Wexmoor at the time.
@page
# Lessons learnt
@columns
## Look at the history
Every referral should be considered in the light of what is already known. Before closing a case, or deciding that a referral does not meet the threshold, read the previous history and ask whether the same concerns have been raised before. Three or four “low level” referrals about the same child are not low level.
## Focus on outcomes for the child
Parental engagement is not the same as change. Measure progress by what is different for the child. A simple chart of weight, attendance, health appointments kept and missed, and home conditions, reviewed at every meeting, would have shown that nothing was improving for Child D.
## Share what you see
Housing officers, dental nurses and school staff saw the children’s circumstances directly. Their observations are important safeguarding information. Agencies outside children’s social care need to know that they can and should share concerns about neglect, and how to do so.
## Was not brought
A child cannot take themselves to the dentist. Missed appointments are a warning sign, particularly when the child is in pain or has a chronic condition. Do not discharge a child without telling the professionals who know the family.
## Hear the child
Children with speech, language or communication needs can share their views if adults take the time and use appropriate methods. Ask the school or the speech and language therapist how best to communicate with the child, and see the child alone.
@end
# Recommendations
R: Wexmoor LSCB should issue multi-agency guidance on neglect, including a common assessment tool for use by all agencies, and should provide training on its use.
R: Children’s social care should ensure that screening and assessment decisions take account of the full history of previous referrals, and should audit a sample of re-referrals within nine months.
R: The community health trust and the community dental service should revise their policies on missed appointments so that children who are not brought are not discharged without notification to the GP and health visitor or school nurse, and so that repeated missed appointments prompt consideration of a referral.
R: Housing associations operating in Wexmoor should be invited to sign up to the LSCB’s information sharing protocol, and their staff should be offered safeguarding training.
R: All agencies should use the phrase “was not brought” rather than “did not attend” in respect of children.
#* Glossary
@glossary CIN CP CSC GP HV IMR LSCB S47 SEND
""",
    )
)

DOCS.append(
    Doc(
        filename="eastbridge-scr-baby-f-2014.pdf",
        partnership="Eastbridge Local Safeguarding Children Board",
        title="Serious Case Review: Baby F",
        subtitle="Overview report into the circumstances of serious injuries to a four-month-old infant",
        reviewer="Lead reviewer: Helena Marchbank, independent safeguarding consultant",
        dates=["Report completed: May 2014", "Date of publication: 9 October 2014"],
        created=when(2014, 10, 9),
        header="Eastbridge Local Safeguarding Children Board|Serious Case Review: Baby F",
        footer="{n}",
        meta_title="Serious Case Review – Baby F",
        meta_author="Eastbridge LSCB",
        summary="Serious Case Review, Eastbridge LSCB, 2014: Baby F, bruising in a non-mobile infant, head injury, the invisible male carer, safe sleeping; serif, justified, dotted contents leaders.",
        serif=True,
        justify=True,
        toc_dots=True,
        colour=(92, 45, 110),
        body="""
# Introduction
In July 2013 Baby F, then aged sixteen weeks, was taken by ambulance to Eastbridge General Hospital after her mother found her limp and unresponsive in her cot. Scans showed bleeding over the surface of the brain (subdural haemorrhages) and bleeding at the back of both eyes. A skeletal survey found healing fractures of three ribs, which the consultant radiologist dated as being at least two to three weeks old. The injuries were considered by the treating paediatricians to be non-accidental.
Baby F survived but has significant and lasting disabilities. She is now cared for by experienced foster carers under a care order, and the plan is for her to remain with them. In March 2014 her father, Mr H, was convicted of causing grievous bodily harm with intent and was sentenced to a term of imprisonment.
The Independent Chair of Eastbridge Local Safeguarding Children Board (LSCB) decided in August 2013 that the case met the criteria for a Serious Case Review under Regulation 5 of the Local Safeguarding Children Boards Regulations 2006, in that abuse was known or suspected and Baby F had been seriously harmed, and there was cause for concern as to the way in which agencies had worked together to safeguard her.
This report sets out what happened, considers why it happened and identifies the lessons for agencies in Eastbridge. Publication of the report has been delayed until the conclusion of criminal proceedings, in accordance with the guidance in Working Together to Safeguard Children (2013).
# Methodology and terms of reference
The review was overseen by a panel chaired by the LSCB’s Independent Chair and including senior representatives of the agencies involved. Each agency that had contact with the family completed an Individual Management Review (IMR) and a chronology of its involvement. The lead reviewer read all of the IMRs, met the IMR authors, and held two practitioner workshops in January 2014.
The period under review was from the booking appointment with the community midwife in August 2012 until Baby F’s admission to hospital in July 2013. Information about the earlier histories of both parents was also considered.
The key lines of enquiry were:
- Whether the risks posed to an infant by Mr H were known, or could have been known, to the agencies working with the family.
- How professionals responded to a bruise seen on Baby F’s face when she was ten weeks old, and whether the local guidance on bruising in non-mobile babies was followed.
- Whether the emergency department attendance at fourteen weeks was an opportunity to identify abuse.
- How well agencies supported Ms G, a nineteen-year-old care leaver, as a new parent.
- What advice was given about safe sleeping and coping with a crying baby, and to whom.
Ms G met the lead reviewer on two occasions and her views are reflected in the report. Mr H was invited to contribute through his solicitor but did not respond. The lead reviewer is grateful to Ms G for speaking so openly at a very difficult time.
# Background
Ms G was looked after by Eastbridge Council from the age of eleven, living in two foster placements and then a residential children’s home. At the time of her pregnancy she had a personal adviser from the leaving care service and was living in a supported tenancy. She was described by professionals who knew her as warm, capable and determined to be a good mother, but also as someone who found it hard to ask for help and who feared that her baby would be “taken off her” because she had been in care.
Mr H was twenty-four. He had grown up in a neighbouring county and moved to Eastbridge in 2011. He had convictions for assault and criminal damage and had been named as the perpetrator of domestic abuse by a previous partner, with whom he had a child. None of the agencies working with Ms G during her pregnancy were aware of this history. Police in Eastbridge held some infor~mation on their local system; the remainder was held by another force.
Mr H was not registered with a GP in Eastbridge. He attended one antenatal appointment and was present at the new birth visit, but in almost all the records he is referred to only as “dad” or “FOB” (father of baby), with no surname, date of birth or address.
# Summary of agency involvement
| Date | Agency | Event
| August 2012 | Midwifery | Booking appointment. Ms G attends alone. Father of baby recorded as “involved, supportive”. Routine enquiry about domestic abuse: “no concerns”.
| October 2012 | Leaving care | Personal adviser learns of relationship with Mr H. Notes that he “has been in trouble with the police” but does not share this.
| March 2013 | Hospital | Baby F born at 39 weeks. Healthy. Discharged on day two.
| March 2013 | Health visiting | New birth visit. Mr H present. Safe sleeping leaflet given; advice discussed with Ms G only.
| May 2013 | Health visiting | At ten weeks HV sees a 1cm bruise on Baby F’s left cheek. Ms G says a dummy clip caught her. HV advises a GP appointment.
| May 2013 | GP | GP examines Baby F the following day, accepts the explanation and records “minor bruise, no concerns”. No referral.
| June 2013 | Emergency department | At fourteen weeks Baby F attends with vomiting and irritability. Diagnosed with viral illness and discharged. The earlier bruise is not known.
| July 2013 | Ambulance / hospital | Baby F admitted unresponsive. Subdural and retinal haemorrhages; healing rib fractures.
| July 2013 | CSC / police | Strategy meeting the same day. Section 47 enquiry and joint investigation begin.
# Analysis
## The bruise at ten weeks
Bruising is the most common presenting feature of physical abuse in children, and a bruise in a baby who is not yet independently mobile is rare. Eastbridge LSCB’s multi-agency protocol on bruising in non-mobile infants, issued in 2011, required any professional who saw such a bruise to refer the baby to children’s social care and for a paediatric assessment to take place on the same day, whatever explanation was given.
The health visitor did not follow the protocol. She told the review that she knew the guidance existed but believed that it applied to “unexplained” bruises, and that a plausible explanation had been offered. She advised Ms G to see the GP, and in doing so she believed she had passed on responsibility for the decision. The GP, for his part, was not aware of the protocol at all. He examined Baby F carefully, found her otherwise well, and accepted the explanation of the dummy clip.
The review found that the protocol had been launched in 2011 with a single briefing session, that it was not included in the induction of new health visitors or GPs, and that it was not linked from the electronic record systems used in primary care. Practitioners at the workshops said they had rarely seen it used. The review concludes that the failure to refer was a failure of the system, rather than of two individual practitioners, and that the same thing could have happened to any infant in Eastbridge at that time.
## Men who are not seen
A persistent theme in serious case reviews nationally is that fathers and male partners are “invisible” to services. They are not invited to appointments, not asked about their history, and not included in assessments, even when they are providing much of the day-to-day care. This case is a clear example. Mr H was present at the new birth visit and cared for Baby F at night while Ms G slept, yet no professional asked him about his background, his own experience of being parented, his use of drugs or alcohol, or how he coped with a crying baby.
Ms G told the review that Mr H often slept on the sofa with Baby F on his chest after the night feed, and that he smoked cannabis in the evenings. The safe sleeping advice given at the new birth visit was directed to her. She described it to the review in these words:
> “They talked to me about the cot and the room temperature, but he was the one doing nights. Nobody ever asked him anything, and he wouldn’t have told them anyway.” — Ms G
Midwifery and health visiting services have since amended their records so that the name, date of birth and address of the father and of any other adult in the household are recorded as a matter of routine, and so that the adult’s own agency contacts can be checked where concerns arise. The review welcomes this, but notes that the change will only be effective if practitioners see men as carers in their own right and engage them directly.
## Information that was known but not shared
The leaving care personal adviser knew from October 2012 that Mr H “had been in trouble with the police”. She did not ask what this involved and did not share it with the midwife, because she saw her role as supporting Ms G as a young adult and was anxious not to damage their relationship. The adviser had received no training on the safeguarding of unborn babies and had never been asked to contribute to a pre-birth assessment.
Police in Eastbridge held a record of a domestic incident involving Mr H and a previous partner. This was never requested, because no agency made a referral to children’s social care during the pregnancy. Had a referral been made, checks would have revealed Mr H’s history and a pre-birth assessment would almost certainly have followed. The review considers that the threshold for a referral was met from the moment the personal adviser learned of Mr H’s criminal history, given Ms G’s age and care history.
## The emergency department attendance
When Baby F was taken to the emergency department at fourteen weeks, the doctor who saw her considered, appropriately, a range of causes for her vomiting and irritability. He did not have access to the community health record and so did not know about the bruise seen four weeks earlier. There was no system at that time for the emergency department to see whether a child was subject to a child protection plan or had previous concerns. Vomiting is a common presentation in infants and is usually benign, but it can also be a sign of head injury. The review cannot say whether Baby F had already been injured at this point; the medical evidence in the criminal proceedings was not conclusive.
@page
# Learning for practitioners
! The panel asked for a summary of learning that could be used in team meetings and single-agency training. It is reproduced here in the two-column format used for the LSCB’s practitioner briefings.
@columns
## Bruising in babies
A bruise on a baby who is not yet rolling, crawling or cruising must always be taken seriously. Follow the protocol and refer, even when an explanation is offered and the parent seems caring and credible. It is not your job to decide whether the explanation is true; it is your job to make sure that a paediatrician and a social worker can consider it together.
## See the whole household
Find out who lives in the home and who cares for the baby, including at night. Record full details of fathers and partners, and speak to them directly about their history and how they are managing. Give safe sleeping and coping-with-crying advice to every carer, not only to the mother.
## Young parents who have been in care
Care leavers are entitled to support as parents, and many do very well. However, their own experiences may make them fearful of professionals, and they may not disclose worries about a partner. Personal advisers should know how to make a referral and should be invited to contribute to pre-birth assessments.
## Think about previous contacts
When a baby presents to hospital or to the GP with symptoms that could have more than one cause, ask about previous injuries and attendances and check the records that are available. A pattern of minor presentations may be significant even if no single episode is.
## Challenge and escalate
If you are unsure whether another professional has acted on a concern, check. Passing on a concern is not the same as making sure it has been acted on. The LSCB escalation procedure exists to support practitioners who disagree with a decision.
@end
# Conclusions
Baby F’s injuries were caused by an adult who was known to be violent, but whose history was not known to the professionals who were supporting her mother. The review cannot say that the injuries would have been prevented if agencies had acted differently. It can say that there were at least two clear opportunities to identify the risk: first, when the personal adviser learned of Mr H’s criminal history during the pregnancy, and second, when the bruise was seen at ten weeks.
Both opportunities were missed for reasons that are common in case reviews nationally: a protocol that was not embedded in practice, a focus on the mother to the exclusion of the father, and a reluctance to share information in case it damaged a working relationship. These are system issues, and the recommendations below are directed at the LSCB and its partner agencies rather than at individuals.
# Recommendations
R: Eastbridge LSCB should relaunch the protocol on bruising in non-mobile infants, include it in the induction of all relevant staff, and audit compliance within twelve months, reporting the results to the Board.
R: Eastbridge Clinical Commissioning Group should ensure that the protocol is available through the electronic record systems used in general practice, and that GPs receive training on its use.
R: Midwifery and health visiting services should record full details of fathers and other adults in the household and should evaluate how often fathers are seen and spoken to during the antenatal and postnatal period.
R: Eastbridge Council should ensure that personal advisers in the leaving care service receive training on safeguarding unborn and newborn babies and know how to make a referral.
R: Eastbridge General Hospital should review how information about previous safeguarding concerns is made available to clinicians in the emergency depart~ment, taking into account national developments in this area.
R: The LSCB should commission a multi-agency campaign on safe sleeping and coping with a crying baby that is explicitly aimed at fathers and male carers.
#* Appendix: Glossary of terms
@glossary A&E CP CSC GP HV IMR LSCB S47
""",
    )
)

DOCS.append(
    Doc(
        filename="learning-from-case-reviews-neglect-briefing-2019.pdf",
        partnership="Safeguarding Learning Exchange",
        title="Learning from case reviews: neglect",
        subtitle="Thematic briefing — summary of risk factors and learning for improved practice, drawn from case reviews published between 2012 and 2018",
        reviewer="Compiled by the Safeguarding Learning Exchange practice research team",
        dates=["Published: March 2019"],
        created=when(2019, 3, 4),
        header="Learning from case reviews: neglect",
        footer="safeguarding-learning.example.org|{n}",
        meta_title="Learning from case reviews: neglect",
        meta_author="",
        summary='Thematic briefing, 2019: learning about neglect summarised across several (invented) case reviews; mostly two-column pages, "Learning themes include:" text.',
        toc_dots=True,
        colour=(0, 110, 90),
        body="""
#* About this briefing
! This briefing is part of a series that draws together learning from published case reviews. It summarises the learning from eleven Serious Case Reviews published in England between 2012 and 2018 in which neglect was a key factor. All of the reviews were published by Local Safeguarding Children Boards; they are listed in section 9. The briefing is intended for practitioners and managers in all agencies, and for those who plan training and audit.
! Each section sets out what the reviews found and the learning for practice. Questions for reflection, which can be used in supervision or team meetings, are included at the end.
# Why is neglect a key issue?
@columns
Neglect is the most common reason for a child to be the subject of a child protection plan in England, and it is a feature of a large proportion of the cases that lead to a Serious Case Review. Yet national analyses of case reviews have repeatedly found that neglect is under-recognised, that responses to it are slow, and that professionals can become accustomed to poor conditions over time.
Neglect rarely has a single defining incident. It is cumulative: children’s health, development and emotional well-being are harmed gradually by the persistent failure to meet their needs. This makes it hard to identify a point at which the threshold for intervention is crossed. In several of the reviews in this briefing, children were known to services for many years before decisive action was taken.
Neglect also frequently co-exists with other forms of abuse. In the reviews considered here, children who were neglected were also exposed to domestic abuse, physical abuse and, in two cases, sexual abuse. Neglect can create the conditions in which other harm goes unnoticed.
@end
# Learning themes
! Learning themes include:
- the failure to see the cumulative impact of neglect, with each referral treated in isolation (“start again syndrome”);
- children’s health needs not being met, including repeated missed appointments and untreated dental decay;
- a focus on parents’ needs and engagement rather than on the child’s lived expe~rience;
- disguised compliance, and over-optimism about parents’ capacity to change;
- the invisibility of fathers and male carers;
- disabled children and children with special educational needs whose neglect was attributed to their condition;
- the neglect of adolescents, including young people who go missing or are exploited;
- poor information sharing, particularly from housing, adult services and universal health services;
- a reluctance to challenge decisions and to use escalation procedures.
# Recognising cumulative harm
@columns
In the review of Child D (Wexmoor LSCB, 2012), three referrals from school over eighteen months were each screened as not meeting the threshold for assessment. No one read the history, which included a previous child protection plan for neglect. The reviewers described a cycle in which cases were opened, closed and reopened, each time from a starting point of “no previous concerns”.
Similar findings appear in the reviews of Sibling group C (Marrowdale LSCB, 2018) and Child K (Thornwick LSCB, 2016). In each, practitioners working with the family day to day had become used to conditions that were shocking to those who saw them for the first time, such as new social workers or police officers attending an incident.
## Learning for practice
Look at the history and consider the child’s experience over time. Chronologies are an important tool, but only if they are read, analysed and used to inform decisions. Supervision should explicitly ask whether the worker has become desensitised to the family’s circumstances.
@end
# Health needs and children who were not brought
@columns
Missed health appointments featured in nine of the eleven reviews. Children were discharged from dental, audiology, dietetic and paediatric clinics after not being brought to appointments, often without any other professional being told. In the case of Child D, a seven-year-old boy required the extraction of nine teeth under general anaesthetic after being discharged from the dental service twice.
Several reviews recommended that the language of “did not attend” be replaced by “was not brought”, to recognise that children depend on their parents to attend appointments. More importantly, they recommended that health services adopt policies requiring follow-up when a child is not brought, including notifying the GP and health visitor or school nurse, and considering whether the child’s needs are being neglected.
Faltering growth was another recurring theme. In the review of Child A and Child B (Fellbrook LSCB, 2017), both children’s weights had fallen across two centile lines over a year, but this was not plotted on a growth chart and was not shared beyond the GP practice. Failure to thrive was eventually diagnosed when the younger child was admitted to hospital with an unrelated infection.
@end
# Disabled children and children with SEND
@columns
Disabled children are at greater risk of neglect and are less likely to be the subject of child protection plans. The reviews suggest one reason: signs of neglect can be attributed to the child’s impairment. Poor weight gain was put down to a feeding difficulty, developmental delay to a suspected autism, and poor hygiene to a sensory processing difficulty.
Children with communication needs were rarely asked for their views in ways they could manage. None of the reviews involving a disabled child found evidence that the child had been seen alone by a social worker using an appropriate method of communication. Professionals with specialist knowledge — speech and language therapists, special school staff — were not consulted.
@end
# Neglect of adolescents
@columns
Neglect is often thought of as a problem for babies and young children, but three of the reviews concerned teenagers. In the case of Child M (Ravensmere LSCB, 2018), a fifteen-year-old girl was living largely unsupervised, missing from home for days at a time, and was sexually exploited by adults who offered her food, alcohol and somewhere to stay. Her neglect had begun in early childhood but was never addressed; by adolescence, professionals described her as “streetwise” and “making her own choices”.
The reviews highlight that older children who are neglected may be more vulnerable to exploitation outside the home, and that agencies can struggle to recognise a teenager’s behaviour — going missing, being excluded from school, using substances — as a response to neglect rather than as the cause of the family’s difficulties.
@end
# Parents’ needs: the “toxic trio” and beyond
@columns
Parental substance misuse, mental ill-health and domestic abuse — sometimes called the “toxic trio” — were present in most of the families in these reviews, often in combination. Learning disability, poverty, poor housing and parents’ own experiences of being neglected as children were also common.
The reviews found that adult services working with parents did not always consider the needs of the children in the household. In the case of Sibling group C, the mother’s alcohol treatment service recorded that she had “no dependants” even though she had four children living with her. Practitioners in children’s services, in turn, sometimes became focused on the parents’ needs and lost sight of the children.
Over-optimism about parents’ capacity to change was a strong theme. Parents often engaged with services and made short-lived improvements, particularly before planned visits, and these improvements were taken as evidence that the plan was working. This pattern is sometimes described as disguised compliance.
@end
# Professional practice: curiosity and challenge
@columns
The reviews repeatedly call for greater professional curiosity: asking questions, not taking explanations at face value, and thinking about what is not being said. They also note that curiosity needs to be supported by good supervision, manageable caseloads and a culture in which it is safe to express doubt.
Fathers and male carers were largely invisible in the records. In six reviews a man was living in or regularly visiting the home but was not known to, or not engaged by, the professionals working with the family. Yet in several cases he was a source of risk, and in others he might have been a source of protection.
Professionals frequently disagreed with decisions made by other agencies, but rarely used escalation procedures. In Child K, a school made five referrals about the same child without ever formally challenging the response. Practitioners described feeling that their concerns were dismissed, but also that escalation was a “big step”.
@end
# Case reviews included in this briefing
| Review | Board and year | Main learning
| Child A and Child B | Fellbrook LSCB, 2017 | Faltering growth not recognised; information held by GP not shared; fathers not engaged.
| Child D | Wexmoor LSCB, 2012 | Start again syndrome; children not brought to dental and health appointments; home conditions known to housing but not shared.
| Baby F | Eastbridge LSCB, 2014 | Primarily physical abuse, but safe sleeping advice not given to the father and the household not understood.
| Child K | Thornwick LSCB, 2016 | Repeated school referrals without escalation; desensitisation to poor home conditions.
| Child M | Ravensmere LSCB, 2018 | Chronic neglect leading to exploitation in adolescence; “streetwise” language.
| Sibling group C | Marrowdale LSCB, 2018 | Parental alcohol misuse; adult services unaware of children; over-optimism about change.
| Six further reviews | Various, 2013–2017 | Themes as above; not summarised individually.
# Questions for reflection
! These questions can be used in supervision, team meetings or training sessions.
- Think of a family you are working with where neglect is a concern. What is a typical day like for each child? How do you know?
- When did you last read the full history of a family you are working with? What patterns did you see?
- Who are the adults in the child’s life? Have you met them all, including fathers and partners?
- How do you know that the changes a parent has made are lasting? What would tell you that the child’s experience has improved?
- Do you know how to use your local escalation procedure? What would stop you using it?
- If a child in your service is not brought to an appointment, what happens next?
""",
    )
)

DOCS.append(
    Doc(
        filename="greyhaven-learning-review-siblings-2020.pdf",
        partnership="Greyhaven Safeguarding Children Partnership",
        title="Learning Review: Sibling 1 and Sibling 2",
        subtitle="A local learning review following a rapid review: strategy discussions, section 47 enquiries and professional challenge",
        reviewer="Review facilitated by Patrick Ormerod-Lee (independent) with the Greyhaven SCP Learning and Improvement Group",
        dates=["Rapid review: February 2020", "Published: September 2020"],
        created=when(2020, 9, 15),
        header="Greyhaven SCP|Learning Review — Sibling 1 and Sibling 2",
        footer="Page {n}",
        meta_title=" ",
        meta_author="",
        summary="Learning review after a rapid review, Greyhaven SCP, 2020: two young siblings, parental substance misuse and neglect, strategy discussions, section 47, escalation; /Title is a single space.",
        colour=(20, 95, 120),
        body="""
# Why this review was undertaken
In January 2020 police officers attended a flat in Greyhaven after a neighbour reported hearing young children crying for several hours. They found Sibling 1, aged four, and Sibling 2, aged two, alone in the flat. It was very cold, there was little food, and Sibling 2 had a scald on her forearm that had not been treated and was later thought to be two or three days old. Their mother, Ms K, returned some hours later; she had been drinking and had used cocaine. The children were placed with their maternal aunt under police protection and remain in her care.
Greyhaven Safeguarding Children Partnership (GSCP) held a rapid review in February 2020. The rapid review concluded that the case did not meet the criteria for a Local Child Safeguarding Practice Review, because the harm, although serious, was not of the severity described in the statutory guidance. However, it identified important learning about strategy discussions and section 47 enquiries held three months earlier, and the partnership decided to carry out a shorter local learning review. The national Child Safeguarding Practice Review Panel was informed of this decision and agreed with it.
This report is deliberately brief. It focuses on a small number of questions, sets out what the review found, and describes what the partnership is doing in response.
# What the rapid review found
The rapid review found that the family had been known to universal services since Sibling 1’s birth, and that Ms K’s use of alcohol had been a concern for the health visitor from 2018. The children attended the Little Oaks nursery, where staff had raised concerns about the children’s hygiene, frequent hunger and Sibling 1’s bruised ear.
In October 2019 the nursery’s referral about the bruised ear led to a strategy discussion and a section 47 enquiry. The enquiry concluded that the concerns were “not substantiated” and no initial child protection conference was held. Ms K agreed to a written agreement that she would not drink while caring for the children and would attend the alcohol service. The case was stepped down to early help in December 2019.
The rapid review identified three questions for further learning:
- How well did the strategy discussion in October 2019 share information and plan the enquiry?
- Was the outcome of the section 47 enquiry, and the decision not to convene a conference, soundly based?
- Why did professionals who disagreed with that decision not use the escalation procedure?
# What the learning review found
## The strategy discussion
The strategy discussion was held by telephone between a children’s social care team manager and a police officer from the child abuse investigation team. Neither health nor the nursery took part, although the nursery had made the referral and the health visitor held significant information about Ms K’s drinking. The discussion lasted twenty minutes. It agreed that a social worker would visit and that the police would not take further action “unless the enquiry raises new information”.
Working Together requires that a strategy discussion involves, as a minimum, children’s social care, the police, health and the referring agency, and that other relevant professionals are included. The review heard that telephone discussions between two agencies had become the norm in Greyhaven for “lower level” physical injuries, largely because of the difficulty of convening meetings at short notice. Practitioners described this as pragmatic; the review considers that it meant the decision was made without the information needed to make it well.
## The section 47 enquiry
The social worker visited promptly and saw both children. Sibling 1 was not able to explain the bruise. Ms K said it had happened when Sibling 1 fell against a door, and she was described as “open and co-operative”. The social worker did not speak to the health visitor, who would have been able to describe a pattern of missed appointments, concerns about drinking and a home that was often cold. The GP was sent a request for information but replied after the enquiry had closed.
The enquiry concluded that the injury was “not substantiated” as non-accidental. The review heard different views about what this phrase means in practice. For some practitioners it meant that there was no evidence of abuse; for others it meant that abuse could not be proved. Neither reading addresses the wider question of whether the children were suffering, or likely to suffer, significant harm through neglect, which is the question the enquiry should have answered.
The written agreement relied on Ms K’s self-report. There was no plan for how it would be monitored, no consideration of testing, and no contingency if it was broken. Written agreements have no legal status, and national reviews have repeatedly questioned their value when a parent’s substance misuse is entrenched. The review considers that this was an example of disguised compli~ance being taken at face value, although Ms K herself told the review that she “really meant it at the time”.
## Professional disagreement
The nursery manager and the health visitor both told the review that they disagreed with the decision not to hold a conference. The nursery manager said she had telephoned the social worker to say so, and had been told that “the threshold wasn’t met”. The health visitor raised her concern in safeguarding supervision, and her supervisor agreed that the decision seemed wrong, but neither used the GSCP escalation procedure.
When asked why, practitioners gave consistent answers. They did not want to be seen as “difficult” by a children’s social care team with whom they needed to work every day; they were not sure that their concern was strong enough; and they did not know how long escalation would take. Several described the procedure as something used for “big disagreements” rather than a routine part of safeguarding practice.
## Step-down to early help
When the case was stepped down in December 2019, an early help worker from the family hub was allocated. She visited three times in six weeks and worked with Ms K on budgeting and on getting the children to nursery on time. She had not been given the section 47 report or the health visitor’s chronology, and understood her role as supporting a mother who was “struggling with routines”. She did not know that alcohol was the main concern.
The review found that the step-down meeting was attended by the social worker and the early help worker only. The nursery and the health visitor were told of the decision by email. There was no updated plan, no review date and no agreement about what would happen if the concerns recurred. Practitioners described this as typical of step-down in Greyhaven at the time, when children’s social care teams were carrying high caseloads and were under pressure to close cases.
Ms K told the review that she had found the early help worker “lovely” and that she had been “on my best behaviour” during visits. She said that her drinking was at its worst over Christmas and the new year, when the nursery was closed and there was no one to notice. The incident that led to this review happened in the second week of January.
> “I was on my best behaviour when she came round. Over Christmas there was no nursery, nobody coming to the door, and that’s when it got really bad.” — Ms K
@page
# Learning points for practitioners
@columns
## Strategy discussions need the right people
A strategy discussion is a multi-agency decision. Include health and the referring agency as a minimum, even if the discussion has to be held by video or phone. If key information is missing, say so and plan how it will be obtained before the enquiry concludes.
## Ask the right question
A section 47 enquiry is about whether the child is suffering, or likely to suffer, significant harm — not only about whether one injury can be explained. Consider the whole picture, including neglect and the impact of parental substance misuse.
## Test what parents tell you
Parents who misuse alcohol or drugs often genuinely want to change, and find it very hard to do so. An agreement is not a plan. Build in ways of checking progress, agree what will happen if it does not work, and focus on what life is like for the children.
## Challenge is a normal part of practice
Professional disagreement is healthy and expected. Using the escalation procedure is not a complaint and should not damage working relationships. If you think a decision leaves a child at risk, say so in writing and escalate.
@end
# What the partnership is doing
The GSCP has agreed the following actions in response to this review. Progress will be reported to the partnership’s executive group every six months.
R: Children’s social care and the police will revise the strategy discussion procedure so that health and the referring agency are always invited, and will audit twenty strategy discussions by March 2021.
R: The partnership will issue practice guidance on the outcomes of section 47 enquiries, replacing “substantiated / not substantiated” with a clear statement of the risk of significant harm and the reasons for the decision.
R: The escalation procedure will be simplified, and a short video for practitioners explaining how and when to use it will be produced with front-line staff.
R: The partnership will review the use of written agreements in cases involving parental substance misuse, and will include this in its multi-agency training on neglect.
#* Glossary
@glossary CP CSC HV ICPC S47
""",
    )
)

DOCS.append(
    Doc(
        filename="northmoor-lcspr-child-e-2021.pdf",
        partnership="Northmoor Safeguarding Children Partnership",
        title="Local Child Safeguarding Practice Review: Child E",
        subtitle="A review of multi-agency practice with a six-year-old child living with domestic abuse, parental mental ill-health and substance misuse",
        reviewer="Independent reviewer: Ruth Oyelaran-Finch",
        dates=["Date of publication: 14 June 2021"],
        created=when(2021, 6, 10),
        header="Northmoor SCP — LCSPR Child E — FINAL",
        footer="Page {n} of {total}",
        meta_title="Microsoft Word - CSPR_ChildE_final_v3.docx",
        meta_author="r.oyelaranfinch",
        summary='LCSPR, Northmoor SCP, 2021: Child E, domestic abuse, parental mental health and substance misuse (the "toxic trio"); junk Word-style /Title.',
        body="""
# Introduction
This Local Child Safeguarding Practice Review (LCSPR) was commissioned by Northmoor Safeguarding Children Partnership (NSCP) following a serious incident in September 2020, when Child E, then aged six, was found unresponsive at home and was admitted to a paediatric intensive care unit. Toxicology confirmed that Child E had ingested methadone which had been prescribed to the partner of Child E’s mother. Child E made a good physical recovery and now lives with a family member under a Special Guardianship Order.
A rapid review was held within fifteen working days of the notification. The rapid review found that several agencies had been working with the household, that domestic abuse had been heard at a multi-agency risk assessment conference (MARAC) nine months earlier, and that there was potential learning about how agencies understood who lived in the household and what daily life was like for the children. The partnership decided that the criteria for a local review set out in Working Together to Safeguard Children (2018) were met, and the national Child Safeguarding Practice Review Panel agreed with that decision.
The purpose of this review is not to apportion blame. It seeks to understand why professionals acted as they did at the time, given what they knew and the systems in which they worked, and to identify what needs to change so that children in similar circumstances in Northmoor are better protected in future.
The review is written with the family’s privacy in mind. The children are referred to as Child E and Sibling 1, their mother as Ms B and her partner as Mr C. Child E’s birth father, who was not living in the household during the period under review, is referred to as Mr D. Ages are given at the time of the events described.
# The review process
The review was led by an independent reviewer who has no connection with any agency in Northmoor and who has a background in social work and the management of domestic abuse services. A review panel of senior managers from the agencies involved met five times between November 2020 and April 2021, mostly by video call because of the restrictions then in place.
The terms of reference asked the review to examine the period from January 2019, when Ms B first disclosed to her GP that she was struggling with low mood after the birth of Sibling 1, until the incident in September 2020. Relevant information from before that period was considered where it helped to explain the family’s history.
Each agency provided a chronology and a short analytical report. The reviewer then held a learning event with fourteen practitioners and first-line managers, who were able to describe the pressures they were working under, particularly after March 2020, and to comment on the emerging findings. The practitioners who attended were open and reflective, and the review is grateful to them.
The following agencies contributed:
- Northmoor Children’s Social Care, including the multi-agency safeguarding hub (MASH)
- Northmoor Community Health Services (health visiting and school nursing)
- Ashgrove Medical Practice (general practice)
- Northmoor Recovery Service (adult drug and alcohol treatment)
- Northmoor Constabulary, including the domestic abuse investigation team
- Fernlea Primary School
- Northmoor Domestic Abuse Service (independent domestic violence advisers)
- Adult community mental health services
Ms B and Child E’s grandmother, Mrs B, met the reviewer. Their views are included throughout the report and in section 6. Mr C declined to take part while criminal proceedings were under consideration. The reviewer was able to speak with Child E, with the help of the child’s current social worker, in a way that was appropriate to the child’s age and wishes.
# Child E and the family
Child E is described by teachers as a bright, sociable child who loves drawing, dinosaurs and being outdoors. Before the events described in this report Child E attended Fernlea Primary School, where staff remember a child who was eager to help but who became noticeably quieter during the school year 2019/20.
Ms B grew up in Northmoor. She had a history of anxiety and depression dating from her teenage years and experienced domestic abuse from Mr D, Child E’s father, when Child E was a baby. That relationship ended in 2016 after police involvement. Ms B began a relationship with Mr C in 2017, and Sibling 1 was born in the autumn of 2018.
Mr C had a long history of opiate use. He had been engaged with Northmoor Recovery Service since 2015 and was prescribed methadone as opioid substitution therapy. For most of the review period his methadone was dispensed daily and consumed under supervision at a community pharmacy. In March 2020, in line with national guidance intended to reduce the risk of infection, his prescription was changed so that he collected a week’s supply at a time to take home.
Ms B told the review that by 2019 the relationship with Mr C had become “like walking on eggshells”. He controlled the household money, checked her phone and decided who she could see. She said she did not think of this as domestic abuse at the time “because he never hit me like Mr D did”. This description is consistent with coercive and controlling behaviour, which has been a criminal offence since 2015.
The combination of domestic abuse, parental mental ill-health and substance misuse, sometimes called the “toxic trio”, has been identified in many national analyses of serious case reviews as a marker of heightened risk to children. The term has limitations and can obscure the particular circumstances of each family, but it remains a useful prompt for practitioners to consider how these factors interact, rather than responding to each in isolation.
# Summary of key events
The table below sets out the key events in the period under review. It is not a full chronology; it includes the events that are analysed in section 5.
| Date | Agency | Event
| January 2019 | GP | Ms B reports low mood since Sibling 1’s birth. Antidepressant prescribed; self-referral to talking therapies suggested. No record of who else lives at home.
| March 2019 | Police | Call from neighbour reporting shouting. Officers speak to Ms B, who says it was “just an argument”. DASH risk assessment recorded as standard risk. Children recorded as asleep.
| June 2019 | Health visiting | Sibling 1’s nine-month review at home. Ms B says partner “helps out”. Mr C not present.
| November 2019 | Police / MASH | Ms B calls police after Mr C takes her phone and will not let her leave the flat. DASH scored 15 (high risk). Referral to MASH and to MARAC.
| December 2019 | MARAC | Case heard. Actions for IDVA contact, GP and health visiting flags. School not represented and not informed.
| December 2019 | Children’s social care | Child and family assessment completed. Ms B says the relationship has ended. Case closed with signposting to the domestic abuse service.
| January–March 2020 | School | Child E’s attendance falls to 84%. Teacher records Child E saying “I have to be really quiet when he is sleeping.” Not passed to the DSL.
| March–June 2020 | School | School closes to most pupils. A place is offered to Child E as a vulnerable child but not taken up. Weekly welfare calls are made to Ms B.
| March 2020 | Recovery service | Mr C moved to weekly take-home methadone. Safe storage leaflet given. Household recorded as “lives alone”.
| September 2020 | Ambulance / hospital | Child E found unresponsive at home and admitted to PICU.
# Analysis of practice
## Key practice episode 1: the police response in 2019
Officers who attended in March 2019 were courteous and thorough in many respects, and the record shows that they spoke to Ms B alone. However, the risk assessment relied almost entirely on the answers Ms B gave in the presence of a partner who was in the next room. The officers recorded that “no children were disturbed”, but did not see the children or consider what the children might have heard.
By November 2019 Ms B was able to describe controlling behaviour in detail and the risk was correctly identified as high. The referral to the MASH was timely and well written. It included the information that Mr C was “on a methadone script”, but this was not highlighted as a risk to the children in its own right, and the MASH screening record does not show that the significance of opioid medication in a home with a toddler and a six-year-old was discussed.
## Key practice episode 2: the MARAC and the children’s social care assessment
The MARAC followed the local protocol. The review found, however, that the meeting focused, as it was designed to, on the safety of the adult victim. The children were listed by name and date of birth, but there was no discussion of their daily experience. Fernlea Primary School was not represented and the protocol at the time did not require the education safeguarding lead to be notified. As a result, the one agency that saw Child E every day did not know that the family had been considered at high risk.
The child and family assessment was completed within timescales. The social worker visited twice and saw Child E and Sibling 1 on one occasion, with Ms B present. Ms B said that Mr C had moved out, and the assessment concluded that the risk had reduced. No checks were made with the recovery service, the GP or the school about whether Mr C was still visiting or living at the flat. Ms B told this review that he was in fact staying there “most nights” and that she had felt unable to say so while he was reading her messages.
Practitioners at the learning event reflected that a reported separation is often treated as a protective factor, when research and local experience show that the period around separation can be one of increased risk. Accepting the account of a parent without testing it against other information is a recurring theme in case reviews and is sometimes described as disguised compliance. In this case it is more accurate to describe it as a parent who was not free to speak, and professionals who did not create the conditions in which she could.
## Key practice episode 3: school, lockdown and the child’s voice
The class teacher noticed that Child E had become withdrawn and was often tired. The remark about needing to be quiet “when he is sleeping” was written on the school’s electronic recording system as a general welfare note, but was not categorised as a safeguarding concern and so was not reviewed by the designated safeguarding lead (DSL). The teacher told the review that she had assumed the comment referred to Sibling 1’s father and did not think it unusual.
When the school closed to most pupils in March 2020, Child E was identified as a child who would benefit from a place in school. Ms B declined the place, saying she was worried about infection. Welfare calls were made weekly, but all were with Ms B, and Child E was not spoken to directly. School staff were working under great pressure, and the review acknowledges the effort involved in maintaining contact with so many families. Nevertheless, the arrangement meant that for six months no professional heard from Child E directly.
## Key practice episode 4: the recovery service and safe storage
Northmoor Recovery Service recorded at Mr C’s assessment in 2015 that he lived alone. This was not updated when he moved in with Ms B, and when his prescrip~tion changed to take-home doses the service did not ask whether children lived in or visited the home. A standard leaflet about safe storage was given, but no lockable box was provided, and there was no discussion of the particular danger that methadone poses to children, for whom a small amount can be fatal.
The recovery service has already reviewed its practice. Its assessment now asks specifically about children who live in or visit the household, and it provides lockable storage boxes to all service users who take medication home. The review welcomes these changes, but notes that they depend on service users giving accurate information, which is why sharing information between adult and children’s services remains essential.
@page
# The voice and lived experience of Child E
! This section draws on what Child E told the reviewer and what Ms B and Mrs B described. It is set out in two columns, as it was in the practitioner briefing produced for the learning event.
@columns
Child E described life at home as “mostly OK but sometimes scary”. Child E said that when Mr C was cross, the house would go quiet and Ms B would take both children into the bedroom. Child E liked school because “you can be loud there”, and talked warmly about a teaching assistant who used to let Child E help in the library at lunchtime.
When asked what grown-ups could have done, Child E said they could have “asked me on my own”. This simple statement goes to the heart of this review. Every professional who had contact with the family during the review period spoke to Ms B; very few spoke to Child E, and none did so alone after November 2019.
Ms B said that she wanted professionals to understand how hard it was to tell the truth when her partner was listening or could read her messages afterwards. She said she had wanted someone to “see through it” and that she felt relieved, as well as frightened, when the social worker visited. She would have welcomed a conversation at school, where she felt safer.
Mrs B, Child E’s grandmother, told the review that she had been worried for a long time but did not know who to tell. She said nobody had ever asked her about the family. Extended family members are often well placed to describe what is happening to children, and the review found that none of the assessments had considered contacting them.
## What this means for practice
Lived experience is not the same as what a parent reports. It requires practitioners to picture a day in the child’s life, to consider who else is in the home, and to create the time and space for the child to be heard. Tools for this exist in Northmoor, but were not used.
The review heard that the tools are seen as relevant to assessments led by children’s social care, rather than as something that a school, health visitor or GP might also use. This is a missed opportunity, because those universal services see children far more often than statutory services do.
@end
# Findings and learning
! The review has identified five findings. Each is stated briefly, followed by the learning for the Northmoor partnership.
## Finding 1: Who lives here?
Across agencies, nobody had an accurate picture of the household. The GP, the health visitor, the recovery service and children’s social care each held part of the picture, and each recorded the household differently. Professional curiosity about the adults in a child’s life, and particularly about men who may be present but are not seen, needs to be routine rather than exceptional.
## Finding 2: Domestic abuse without violence
Coercive control was not recognised as a risk to the children until November 2019, and the risk assessment in March 2019 relied on physical violence as its main indicator. Practitioners need confidence to identify and respond to controlling behaviour and to understand its impact on children, who are recognised as victims of domestic abuse in their own right under the Domestic Abuse Act 2021.
## Finding 3: Information that stayed in one place
The MARAC did not include education, and the school’s note of Child E’s comment did not reach the DSL. Both are examples of information that was held correctly but not shared with the people who needed it. Information sharing to protect children is permitted and expected, and the partnership should make sure that the systems support it.
## Finding 4: Adult services and the children of their clients
The recovery service and adult mental health services did not think of themselves as working with children. Yet the risks in this case arose directly from adult needs. The “Think Family” approach should be embedded in adult service assessments, including safe storage of medication and the question of who the children are.
## Finding 5: Practice during the pandemic
The changes made to practice in 2020 were well intended and were in line with national guidance at the time. Their cumulative effect was that Child E was not seen by any professional for six months. The partnership should ensure that its contingency planning for future disruption includes how children at risk will be seen and heard directly.
# Recommendations
R: Northmoor Safeguarding Children Partnership should seek assurance that every agency’s assessment records who lives in and regularly visits a child’s home, and that this is checked with other agencies when a parent reports a change in household membership.
R: The MARAC steering group should revise the MARAC protocol so that the design~ated safeguarding lead of each child’s school or early years setting is notified of a MARAC referral and receives relevant actions, and should report progress to the partnership within six months.
R: Fernlea Primary School and the education safeguarding team should review how welfare notes are categorised on school recording systems so that comments made by children about home life are seen by the DSL.
R: Northmoor Recovery Service should complete an audit of service users with take-home opioid substitution medication to confirm that children in the household have been identified and that safe storage arrangements are in place, and should share the findings with the partnership.
R: The partnership’s training offer should include coercive control and its impact on children, professional curiosity about adults who are not seen, and practical tools for capturing the lived experience of the child, and should be open to staff in adult services and universal services.
R: The partnership should include in its business continuity planning a clear expectation that children known to be at risk are seen and spoken to directly, including during any future period of national restrictions.
#* Appendix: Glossary
@glossary CSC DASH DSL GP HV IDVA MARAC MASH PICU
""",
    )
)

DOCS.append(
    Doc(
        filename="brackenford-lcspr-child-t-2023.pdf",
        partnership="Brackenford Safeguarding Children Partnership",
        title="Local Child Safeguarding Practice Review: Child T",
        subtitle="Child criminal exploitation, school exclusion and missing episodes: learning from the experience of a fifteen-year-old boy",
        reviewer="Independent reviewer: Dr Tobias Wrenfield",
        dates=["Published: 27 February 2023"],
        created=when(2023, 2, 27),
        header="OFFICIAL|Brackenford SCP — LCSPR Child T — Final",
        footer="Brackenford Safeguarding Children Partnership|Page {n} of {total}",
        meta_title="Local Child Safeguarding Practice Review: Child T",
        meta_author="Brackenford Safeguarding Children Partnership",
        summary="LCSPR, Brackenford SCP, 2023: Child T, child criminal exploitation and county lines, missing episodes, exclusion, ADHD, contextual safeguarding; header and footer with text at both ends.",
        colour=(150, 60, 20),
        body="""
# Introduction
In September 2022 Child T, a fifteen-year-old boy from Brackenford, was found with stab wounds in a flat in Saltmarsh, a coastal town more than ninety miles from his home. He had been reported missing by his mother two days earlier. Child T underwent emergency surgery and survived. Two adults have since been charged with offences including attempted murder and offences under the Modern Slavery Act 2015.
Child T was well known to agencies in Brackenford. In the preceding year he had been permanently excluded from school, reported missing eleven times, arrested in Saltmarsh in possession of class A drugs, and referred to the National Referral Mechanism as a potential victim of modern slavery. Professionals and his mother had recognised for many months that he was being criminally exploited. Saltmarsh was known to both police forces as the end point of a “county line”: a drug-dealing network that used children from Brackenford to carry and sell drugs, controlled through a dedicated mobile phone line.
The partnership held a rapid review in October 2022 and decided to undertake a Local Child Safeguarding Practice Review. The review considers how agencies worked together to understand and respond to the risks of exploitation outside the family home, and what could be done differently in future. It follows the principles in chapter 4 of Working Together to Safeguard Children (2018).
# Scope and methodology
The review covers the period from September 2020, when Child T started Year 8, to the incident in September 2022. The reviewer used a systems approach, drawing on agency chronologies, conversations with practitioners and managers, and two multi-agency learning events.
Child T agreed to meet the reviewer twice, once in hospital and once at home, and his mother, Ms W, met the reviewer on three occasions. Both were keen that the review should lead to change for other young people. Their contributions have shaped this report and are reflected particularly in sections 3 and 5.
The following agencies contributed: Brackenford Children’s Services (including the adolescent safeguarding team and the youth justice service), Brackenford Police, Saltmarsh Police, Brackenford Vale Academy, Brackenford Learning Centre (the local pupil referral unit), the CAMHS service, the children’s community health service, the GP practice, and the local substance misuse service for young people.
# Who is Child T?
Child T is a Black British boy of Caribbean and White British heritage who lives with his mother and two younger sisters. He is described by those who know him as funny, loyal and protective of his family. He is a talented footballer and played for a local club until he was thirteen. He told the reviewer that football “was the only time my head was quiet”.
Child T was diagnosed with attention deficit hyperactivity disorder (ADHD) at the age of thirteen, after several years in which his mother had raised concerns with his primary school and GP. He had struggled with the move to secondary school, where he was frequently in trouble for disrupting lessons and received a number of fixed-term exclusions. He did not have an education, health and care plan (EHCP), and a request for an assessment made by his mother in 2021 was turned down because he was “making expected progress”.
@columns
## In Child T’s words
> “They all said I was at risk but nobody actually did anything different. I just got a new worker every few months and had to say it all again.”
> “When I got kicked out of school I had nothing to do all day. The older boys were always around. They give you money and trainers and make you feel like you’re someone.”
> “The police in Saltmarsh treated me like a criminal. Nobody asked if I wanted to be there.”
> “The youth worker was the only one who actually got it. She’d just sit in McDonald’s with me and talk. She didn’t write everything down.”
## In Ms W’s words
> “I was begging for help from the day I found a second phone in his room. I rang the school, I rang the police, I rang social services. Everyone was nice to me but nothing happened.”
> “I asked them to take him somewhere safe, somewhere out of Brackenford, because I knew they would come for him. They said that wasn’t the answer. Then they found him half dead in Saltmarsh.”
> “They kept talking about his choices. He was fourteen. What choice did he have?”
@end
# Summary of key events
| Date | Agency | Event
| Spring 2021 | School | Three fixed-term exclusions. Mother requests EHC needs assessment; refused.
| Summer 2021 | Police | Child T stopped with older youths in Ferrier Park. Cannabis found. Community resolution.
| November 2021 | School | Permanent exclusion after Child T brings a knife to school, saying it was for protection.
| December 2021 | Learning centre | Placed at pupil referral unit on a part-time timetable of two hours a day.
| December 2021–August 2022 | Police / CSC | Eleven missing episodes. Return home interviews offered after seven; four completed.
| February 2022 | Police | Arrested in Saltmarsh with wraps of class A drugs in a flat occupied by a vulnerable adult.
| February 2022 | CSC | Strategy meeting. NRM referral. Decision that a section 47 enquiry is not needed because Ms W is protective.
| March 2022 | MACE | First discussion at the multi-agency child exploitation meeting. Ferrier Park identified as a location of concern.
| May 2022 | CAMHS | Referral for low mood and poor sleep declined; advised to address cannabis use first.
| July 2022 | Ms W | Asks for Child T to be accommodated away from Brackenford. Request declined.
| September 2022 | Saltmarsh Police | Child T found with stab wounds.
# Analysis
## Exclusion and the loss of a protective setting
The learning from national reviews is clear that exclusion from school is a signifi~cant risk factor for criminal exploitation. Being out of school removes structure, trusted adults and daily oversight, and leaves a young person available to those who want to exploit them. The national panel’s review of serious harm to children from criminal exploitation found that permanent exclusion was a “trigger point” in the lives of many of the children it considered.
Brackenford Vale Academy followed the statutory guidance on exclusion, and the decision was upheld by the governing board. However, the review found that the exclusion was not treated as a safeguarding event. No multi-agency meeting was held to plan for the risk it would create, and the school’s DSL was not involved in the decision. Child T’s ADHD, and the fact that an EHCP assessment had been refused months earlier, were not considered in any detail.
At the pupil referral unit Child T was on a timetable of two hours each morning. Staff there quickly recognised the risk of exploitation and made appropriate referrals. They told the review that a part-time timetable, while sometimes necessary, left him “free from eleven o’clock onwards”, and that this was exactly when he went missing.
## Missing episodes and return home interviews
Child T was reported missing eleven times in nine months. The police response was generally prompt, and officers showed good awareness of the risks in later episodes. Return home interviews were offered after seven of the episodes but Child T agreed to only four. The information gathered was valuable — he named places in Saltmarsh and described being “in debt” — but it was recorded on the commissioned service’s own system and reached children’s social care only as a summary, sometimes weeks later.
The review found no evidence that the pattern of missing episodes was analysed as a whole. Each was considered on its own, and the risk assessment was updated each time, but the information about where Child T was going, who he was with and how he was travelling was not brought together in a way that could be used to disrupt the exploitation.
## Victim or offender?
When Child T was arrested in Saltmarsh in February 2022 he was initially treated as a suspect in a drugs supply investigation. An NRM referral was made by the Brackenford social worker the following week and a positive reasonable grounds decision was made. The review heard that officers in Saltmarsh did not have access to Brackenford’s information about Child T and did not know that he was already a child at risk of exploitation.
Child T and Ms W both said that he had been spoken to as if he were an adult and a criminal. The review considered whether adultification bias played a part — the tendency to see Black children in particular as older, less innocent and more responsible for their actions than their white peers. The records contain language such as “making poor lifestyle choices” and “associating with known offenders”, which frames a fourteen-year-old as the author of his own exploi~tation. Practitioners at the learning event recognised this language and reflected that it would be unlikely to be used about a younger child or a girl in similar circumstances.
## Strategy meetings and the child protection framework
Three strategy meetings were held about Child T. The records show that they were well attended and that the risks were clearly understood. However, on each occasion the meeting decided that a section 47 enquiry was not needed because the harm was not caused by his parent, who was described as “protective and engaged”. Child T was instead supported under a child in need plan, with exploitation discussed at the multi-agency child exploitation (MACE) meeting.
The review found that there was uncertainty among practitioners about whether child protection procedures apply to harm from outside the family. They do: the test in section 47 of the Children Act 1989 is whether a child is suffering or likely to suffer significant harm, and it does not depend on who is causing the harm. The partnership’s procedures at the time did not make this clear, and did not offer an alternative multi-agency framework of comparable weight for extra-familial harm.
The MACE meeting identified Ferrier Park and a fast-food restaurant on the high street as places where young people were being targeted. This was a good example of a contextual safeguarding approach — looking at the places and peer groups where harm happens, not just at the individual child. Actions were agreed for additional youth work and police patrols. The review found, though, that the contextual work and the plan for Child T were not connected: his social worker was not aware of the MACE actions, and the youth workers in the park did not know who he was.
## Mental health and substance use
Child T told several professionals that he could not sleep, that he felt “on edge all the time”, and that cannabis helped him to calm down. A referral to CAMHS in May 2022 was declined on the basis that his difficulties were “likely related to substance use and social circumstances”, with advice that he should engage with the young people’s substance misuse service first. He was seen twice by that service before he went missing again.
This is a familiar pattern. Young people whose mental health needs are entangled with exploitation, substance use and trauma often fall between services, each of which sees the other as the right place to start. The review welcomes the new joint pathway between CAMHS and the substance misuse service, agreed in January 2023, and recommends that its impact is evaluated.
## Working with Ms W and escalating concerns
Ms W contacted agencies at least thirty times during the review period. She was frequently described as “anxious” and, in one record, as “hostile”. The review found that she was, in fact, an accurate and persistent source of information about the risks to her son, and that her requests for help were reasonable. When she asked for Child T to be accommodated away from Brackenford in July 2022, the request was discussed with a manager but declined, partly because no suitable placement was available and partly because of a view that moving him would “just move the problem”.
The head of the pupil referral unit formally escalated her concerns to children’s social care in June 2022 using the partnership’s escalation procedure. This was good practice. The escalation led to a further strategy meeting, but did not change the plan. The review found that the escalation procedure focused on resolving disagreements between professionals and did not have a clear route for a family’s concerns to be escalated.
# Findings
! The review makes six findings.
- Permanent exclusion was not recognised or planned for as a safeguarding event, despite being a well-known trigger point for criminal exploitation.
- Information from missing episodes and return home interviews was not brought together and used to disrupt exploitation.
- Child T was too often treated as an offender rather than a victim, and there is evidence of adultification in the language used about him.
- There was uncertainty about whether child protection procedures apply to extra-familial harm, and contextual safeguarding work was not linked to individual plans.
- Child T’s mental health needs were not met because of gaps between CAMHS and substance misuse services.
- Ms W’s knowledge and requests were not given sufficient weight, and there was no clear route for her to escalate concerns.
# Recommendations
R: The partnership should agree a protocol requiring a multi-agency planning meeting, including the DSL and children’s social care, before or immediately after the permanent exclusion of any child known to be at risk of exploitation.
R: Brackenford Children’s Services should ensure that information from return home interviews is recorded on the child’s social care record within 72 hours and is analysed for patterns at each review of the child’s plan.
R: Brackenford Police, working with Saltmarsh Police, should review how information about children at risk of exploitation is shared between forces when a child is found or arrested outside their home area.
R: The partnership should revise its child protection procedures to make clear that section 47 applies to extra-familial harm, and should set out how MACE actions are linked to individual children’s plans.
R: The partnership should provide training on adultification bias for all practitioners working with adolescents, and should audit the language used in records about children at risk of exploitation.
R: The partnership should amend its escalation procedure to include a route by which parents and carers can raise concerns about a child’s safety plan.
@page
#* Appendix: Glossary
@glossary ADHD AP CAMHS CCE CIN EHCP NRM RHI S47 SEND YJS
""",
    )
)

DOCS.append(
    Doc(
        filename="lowfield-sallow-lcspr-child-r-2024.pdf",
        partnership="Lowfield and Sallow Safeguarding Children Partnership",
        title="Child Safeguarding Practice Review: Child R",
        subtitle="An autistic teenager’s mental health, school attendance and online harm — what we can learn",
        reviewer="Author: Dr Imogen Castellane, independent reviewer",
        dates=["Date of publication: 18 January 2024"],
        created=when(2024, 1, 18),
        header="Lowfield and Sallow SCP — Child R — LCSPR",
        footer="Page {n} of {total}",
        meta_title="LCSPR Child R – published version",
        meta_author="Independent reviewer",
        summary="LCSPR, Lowfield and Sallow SCP, 2024: Child R, adolescent mental health, autism and SEND, school avoidance, online harm, voice of the child; two-column page near the start.",
        colour=(70, 60, 140),
        body="""
# Introduction
In April 2023 Child R, a fourteen-year-old autistic girl, was admitted to hospital after taking a serious overdose of medication at home. She was treated on a paediatric ward and then in an adolescent mental health unit, and has since returned home. Child R and her parents have been closely involved in this review and agreed to it being published.
The Lowfield and Sallow Safeguarding Children Partnership held a rapid review in May 2023. The rapid review found that Child R had been known to many services in the eighteen months before the incident, that her parents had repeatedly asked for help, and that there had been a period in which an adult she met online had encouraged her to self-harm. The partnership decided to carry out a Local Child Safeguarding Practice Review because of the potential for learning about how services work together for children with complex mental health and neurodevelopmental needs.
# How the review was carried out
The review was carried out by an independent reviewer with a background in child and adolescent mental health nursing. It used a proportionate, systems-based approach. Agencies provided chronologies and short reflective reports; the reviewer met practitioners individually and in two group sessions; and a panel of senior leaders from health, education, children’s social care and the police oversaw the work.
Child R chose to contribute in writing, which she finds easier than talking. Her parents met the reviewer three times. Their views have had a significant influence on the findings. The reviewer is very grateful to the family for their openness and generosity at a time when they were still recovering from what had happened.
The terms of reference asked the review to consider the period from September 2021, when Child R started Year 8, to her admission in April 2023, and to focus on four questions: how well agencies understood Child R as an autistic young person; how her school attendance was responded to; how her mental health needs and self-harm were assessed and managed; and how agencies responded to the risk of online harm. The review also considered how the family was supported throughout.
Some of the agencies involved, in particular the CAMHS provider and the emergency department, had already carried out their own internal reviews. The reviewer read these and has tried not to duplicate them. Where this report refers to improvements that have already been made, it is because the review panel has seen evidence that they are in place.
@page
# About Child R
! Child R wrote a page for this review called “What I want professionals to know”. With her permission, it is reproduced here together with her parents’ reflections.
@columns
## Child R’s words
> I am autistic. That means my brain works differently, not wrongly. Loud places, bright lights and lots of people talking at once make me feel like I am going to explode. School is all of those things all day.
> When I say I can’t go to school, I don’t mean I won’t. I mean my body stops. Everyone kept saying I needed to “push through”. I did push through for two years and then I broke.
> I am better at writing than talking. I had a communication passport that explained this but nobody at the hospital or CAMHS had seen it.
> The person I met online was the first person who seemed to understand me. I know now that he wasn’t a good person. But I was so lonely.
## Her parents’ reflections
> We have always known R was different. We asked for help when she was six and she was diagnosed at twelve. By then she had learned to mask so well at school that teachers didn’t believe us.
> We were told we were overprotective, that we were letting her stay at home, that we would be fined. Nobody asked what was happening to her at school that made her so frightened.
> We told CAMHS she was self-harming in October. She was still on the waiting list in April.
@end
# Timeline of key events
| Date | Agency | Event
| September 2021 | School | Child R starts Year 8. Attendance begins to fall. Pastoral support plan.
| January 2022 | School | Attendance 61%. Parents invited to attendance panel and warned about penalty notices.
| March 2022 | Parents / LA | Parents request EHC needs assessment. Plan finalised in February 2023.
| June 2022 | GP | Referral to CAMHS for anxiety and low mood. Accepted; placed on waiting list.
| October 2022 | GP / CAMHS | Parents report self-harm (cutting). CAMHS triage call; remains on waiting list with advice.
| November 2022–March 2023 | Emergency department | Three attendances after self-harm. Assessed by liaison psychiatry; discharged with safety plans.
| January 2023 | Early help | Referral for family support. Children’s social care assessment declined as “needs are primarily health needs”.
| March 2023 | Police | Parents report that an adult online has been sending Child R self-harm images. Referred to online child abuse team.
| April 2023 | Hospital | Admission after overdose.
# Analysis
## Understanding autistic girls
Many of the professionals who knew Child R described her as “quiet”, “compliant” and “no trouble in class”. This is a common experience for autistic girls, who may mask their difficulties in public settings at great personal cost, and then “fall apart” at home. The gap between how Child R presented at school and how she presented at home led some professionals to question whether her parents’ account was accurate. The review found no evidence for that view, and considers that it delayed support.
## School attendance and school avoidance
The school’s response to Child R’s falling attendance was initially led by its attendance procedures, including the threat of fines. Later, staff recognised that her non-attendance was emotionally based and put in place a reduced timetable, a quiet room and a key adult. These adjustments helped for a while. The review found that the shift from an attendance approach to a needs-led approach took almost a year, and that during that time Child R’s parents felt blamed rather than supported.
## Waiting for mental health support
Child R waited ten months for a CAMHS assessment. She was triaged by telephone twice and given advice about self-harm, but was not seen face to face until after her admission. CAMHS managers were open with the review about the pressures on the service: referrals had increased by more than 40% since 2020, and the neurodevelopmental and mental health pathways were managed separately, so that an autistic child with self-harm could be referred between them. The review acknowledges that these pressures are national and not unique to Lowfield and Sallow, but they cannot explain why Child R’s risk was not reassessed when her self-harm escalated.
## The emergency department and self-harm
On each of her three attendances at the emergency department, Child R was assessed by the liaison psychiatry team, who took a careful history and agreed a safety plan with her and her parents. However, the assessments were conducted verbally, at night, in a busy department; the communication passport, which explained that Child R could express herself much better in writing, was not known about. Each attendance was treated as a separate episode. The community CAMHS team received discharge letters but did not change Child R’s place on the waiting list.
## Online harm
When Child R’s parents discovered the messages from the adult she had met online, they contacted the police the same day. The police response was swift and appropriate: the device was examined, the adult was identified, and the case was referred to the online child abuse investigation team. However, no strategy discussion was held, because the adult was in another part of the country and the police did not consider that Child R was at immediate risk. This meant that the school, CAMHS and the GP did not know about the online contact until after the overdose.
The review heard that practitioners are less confident about online harm than about other forms of abuse, and that it is not always clear whether it should be treated as a child protection matter. The review considers that contact from an adult encouraging a child to self-harm is a clear case of risk of significant harm, and that a strategy discussion should have been held.
## No single picture
Perhaps the most important finding of this review is that no single professional held the whole picture. The school knew about the attendance and the EHCP; CAMHS knew about the referral and the waiting list; the emergency department knew about the self-harm; the police knew about the online contact; and the family knew everything, but were not treated as partners. Child R’s case did not meet the threshold for children’s social care, and so there was no lead pro~fessional and no forum in which her needs could be considered together.
# Findings and recommendations
## Finding 1: Neurodivergent children and parent blame
When a child’s presentation differs between home and school, professionals sometimes question the parents’ account rather than the child’s experience of school. This is particularly likely for autistic girls.
R: The partnership should deliver multi-agency training on autism in girls and masking, co-produced with autistic young people and parents, and should include it in school induction for pastoral and attendance staff.
## Finding 2: Attendance procedures and unmet need
Attendance procedures were applied before Child R’s needs were understood. Fines and warnings increased the family’s distress without improving attendance.
R: The local authority should review its guidance on school attendance to make sure that emotionally based school avoidance is considered, and reasonable adjustments tried, before any enforcement action is taken for a child with known or suspected SEND.
## Finding 3: Escalating risk on a waiting list
Children who are waiting for CAMHS do not have their risk reviewed when new information about self-harm is received from other services.
R: The integrated care board and CAMHS provider should put in place a process for reviewing the risk of children on the waiting list when they attend the emergency department after self-harm, and should report on its effectiveness within twelve months.
## Finding 4: Online harm as a child protection matter
Practitioners are uncertain whether online abuse by an adult unknown to the family should lead to a strategy discussion.
R: The partnership should update its procedures to make clear that a strategy discussion should be considered whenever an adult is known to be encouraging a child to self-harm, regardless of where the adult lives.
## Finding 5: Children whose needs fall between services
Children with complex needs that do not meet the threshold for children’s social care can be known to many services without anyone co-ordinating support.
R: The partnership should establish a multi-agency panel, with a named lead professional for each child, for children with significant mental health and neuro~developmental needs who are known to three or more services, and should evaluate its impact after one year.
#* Glossary
@glossary A&E CAMHS CSC EHCP GP SEND SENCo
""",
    )
)


if __name__ == "__main__":
    main()
