"""The conventions documents of the field follow, as data: what ``indexer.metadata`` recognises.

- Inspection reports and letters (Ofsted, with the CQC and the other inspectorates
  for joint inspections) name the local area in a fixed subject line: "Focused
  visit to Essex County Council children's services", "Area SEND inspection of
  Bedford Borough Local Area Partnership". The inspectorates publish them.
- Case reviews are published by a safeguarding partnership (or, before 2019, a
  Local Safeguarding Children Board) named after its area: "North Northamptonshire
  Safeguarding Children Partnership".
- National bodies publish guidance, research and briefings: their names (and the
  short forms and web addresses they go by) are listed in ``PUBLISHERS``.

``area_name`` turns what a document calls a local authority into the place:
"the London Borough of Harrow local authority" is Harrow, "Derby City Council" is
Derby, "Bedford Borough" stays Bedford Borough (that is the place's name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer import places

_APOS = "['’]"
_CHILDRENS = rf"children{_APOS}?s?"
# How a subject line names what was inspected: the council's children's services, or the trust
# or company running them for the council ("Sandwell Children's Trust", "Slough Children First").
_SERVICES = rf"(?:{_CHILDRENS} (?:social care )?services|{_CHILDRENS} trust|children first)"
# What may follow a place in a subject line before "children's services".
_AUTHORITY = r"(?:local\s+authority|(?:metropolitan\s+)?(?:borough|county|city|district)?\s*council)"


@dataclass(frozen=True)
class Convention:
    """A kind of document recognised by its subject line (matched at the start of a line)."""

    name: str
    pattern: re.Pattern[str]  # with a group "area" (and "title" where the title is not the whole match)
    publisher: str
    review_type: str
    dated_by: str = (
        "letter"  # "letter": the date it carries (not before the visit); "inspection": the last inspection day
    )


def _subject(text: str) -> re.Pattern[str]:
    # A place may wrap onto a second line ("East" / "Sussex Local Area Partnership").
    text = text.replace("AREA", r"(?P<area>(?!children)[^\n]{1,90}?(?:\n[^\n]{1,60}?)?)")
    return re.compile(r"(?m)^[ \t]*" + text.replace(" ", r"\s+"), re.I)


CONVENTIONS = [
    Convention(
        "focused visit",
        _subject(rf"focused visit (?:to|of) (?:the )?AREA {_SERVICES}"),
        "Ofsted", "inspection",
    ),
    Convention(
        "monitoring visit",
        _subject(rf"monitoring visit (?:to|of) (?:the )?AREA {_SERVICES}"),
        "Ofsted", "inspection",
    ),
    Convention(
        "focused visit",  # "Focused visit to children's services": the place is in the letter below it
        _subject(rf"focused visit to (?P<area>){_SERVICES}"), "Ofsted", "inspection",
    ),
    Convention(
        "area SEND inspection",
        _subject(r"area SEND (?:full )?(?:re-?)?inspection of (?:the )?AREA local area partnership"),
        "Ofsted and CQC", "inspection", "inspection",
    ),
    Convention(
        "joint local area SEND inspection",
        _subject(r"joint local area SEND (?:inspection|revisit) in (?P<area>[^\n]{2,60})"),
        "Ofsted and CQC", "inspection",
    ),
    Convention(
        "joint targeted area inspection",
        _subject(r"joint targeted area inspection of [^\n]{5,200}?(?: in (?P<area>[^\n]{2,60}))?[ \t]*$"),
        "Ofsted, CQC, HMICFRS and HMI Probation", "inspection",
    ),
    Convention(
        "single inspection of services for children in need",  # 2013-2018: the council above the title
        re.compile(
            r"(?m)^[ \t]*(?P<area>[^\n]{3,60})\n\s*(?P<title>Inspection\s+of\s+services\s+for\s+children\s+in\s+need"
            r"\s+of\s+help\s+and\s+protection,?[^\n]*(?:\n[^\n]{0,40}care\s+leavers)?)",
            re.I,
        ),
        "Ofsted", "inspection", "inspection",
    ),
    Convention(
        "inspection of children's services",
        _subject(rf"inspection of (?:the )?AREA {_SERVICES}"),
        "Ofsted", "inspection", "inspection",
    ),
]  # fmt: skip

# Case reviews: "<place> Safeguarding Children Partnership" and its older and newer forms.
PARTNERSHIP_SUFFIX = (
    r"(?:Local\s+Safeguarding\s+Children(?:['’]s)?\s+Board|Safeguarding\s+Children(?:['’]s)?\s+(?:Partnership|Board)|"
    r"Children(?:['’]s)?\s+Safeguarding\s+(?:Partnership|Board)|Safeguarding\s+(?:Children\s+)?Partnership|"
    r"Safeguarding\s+Board|Children\s+and\s+Young\s+People(?:['’]s)?\s+Safeguarding\s+Partnership)"
)
# A place: capitalised words, with the small words place names hold ("Kingston upon Hull",
# "Redcar and Cleveland", "Stockton-on-Tees"), on one line.
PLACE = r"(?:[A-Z][\w'’.-]*,?|upon|and|on|in|of|the|le|under|with|&)"
PARTNERSHIP = re.compile(rf"(?<![\w-])((?:{PLACE}[ \t]+){{1,9}}?){PARTNERSHIP_SUFFIX}\b")

# Words that lead into a partnership's name without being part of it.
LEAD_WORDS = {
    "the", "by", "for", "from", "published", "commissioned", "and", "of", "a", "an", "on", "behalf", "report",
    "inspection", "each", "every", "any", "all", "this", "that", "our", "your", "their", "its", "in", "to",
    "review", "learning", "practice", "serious", "case", "child", "children", "overview", "executive", "summary",
    "rapid", "local", "safeguarding", "thematic", "under", "upon",
}  # fmt: skip
ROLE_WORDS = {"chair", "independent", "scrutineer", "business", "manager", "members", "partners", "statutory"}


@dataclass(frozen=True)
class Publisher:
    name: str
    pattern: re.Pattern[str]
    government: bool = False  # a government department: what it issues without saying otherwise is guidance


PUBLISHERS = [
    Publisher("Child Safeguarding Practice Review Panel", re.compile(r"Child Safeguarding Practice Review Panel")),
    Publisher("NSPCC", re.compile(r"\bNSPCC\b|National Society for the Prevention of Cruelty")),
    Publisher("SCIE", re.compile(r"\bSCIE\b|Social Care Institute for Excellence")),
    Publisher("Association of Directors of Children's Services",
              re.compile(r"\bADCS\b|Association of Directors of Children['’]s Services|adcs\.org\.uk")),
    Publisher("Research in Practice", re.compile(r"Research in Practice\b|researchinpractice\.org")),
    Publisher("Data to Insight", re.compile(r"Data to Insight|\bD2I\b|data-to-insight")),
    Publisher("Social Finance", re.compile(r"\bSocial Finance\b")),
    Publisher("Local Government Association", re.compile(r"Local Government Association|\bLGA\b")),
    Publisher("Children's Commissioner for England", re.compile(r"Children['’]s Commissioner\b")),
    Publisher("National Children's Bureau", re.compile(r"National Children['’]s Bureau")),
    Publisher("Nuffield Family Justice Observatory", re.compile(r"Nuffield Family Justice Observatory")),
    Publisher("Foundations", re.compile(r"\bFoundations\b[^\n]{0,40}What Works|What Works Centre for Children")),
    Publisher("Ofsted", re.compile(r"\bOfsted\b|(?:Her|His) Majesty['’]s (?:Chief )?Inspectors?\b")),
    Publisher("Care Quality Commission", re.compile(r"Care Quality Commission|\bCQC\b")),
    Publisher("Department for Education and Skills", re.compile(r"Department for Education and Skills|\bDfES\b"), True),
    Publisher("Department for Children, Schools and Families",
              re.compile(r"Department for Children,? Schools and Families|\bDCSF\b"), True),
    Publisher("Department for Education",
              re.compile(r"Department for Education(?! and Skills)|\bDfE\b|gov\.uk/contact-dfe|@educationgovuk"), True),
    Publisher("Department of Health and Social Care", re.compile(r"Department of Health and Social Care|\bDHSC\b"), True),
    Publisher("Home Office", re.compile(r"\bHome Office\b"), True),
]  # fmt: skip

# A mention in these words names a funder or a supporter, not who wrote the document.
NOT_AUTHOR = re.compile(
    r"(?:support(?:ed)? (?:from|by)|funded by|funding from|commissioned by|on behalf of|with support|"
    r"in partnership with|solutions fund|copies|available from|contact|join)[^\n]*$",
    re.I,
)

_PREFIXES = re.compile(
    r"^(?:the\s+)?(?:(?:london|royal|metropolitan|county)\s+)?(?:borough|city|county)\s+of\s+(?!london\b)", re.I
)
_SUFFIXES = re.compile(rf"(?:\s+{_AUTHORITY}|\s+local\s+area|\s+partnership|[\s,.;:]+)+$", re.I)


def area_name(text: str) -> str | None:
    """The place a local authority's name names: a listed area by its usual name
    (``indexer.places``), else the name without "the", "London Borough of", "City of",
    "council", "local authority" and the like."""
    name = re.sub(r"(?<=\w-)\s+(?=\w)", "", " ".join(text.split()))  # "Stoke-on-" / "Trent"
    name = re.sub(r"['’]s$", "", name.strip(" ,.;:"))  # "Durham's children's services"
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    if listed := places.canonical(name):
        return listed
    name = _SUFFIXES.sub("", _PREFIXES.sub("", name))
    name = re.sub(r"['’]s$", "", name)
    if not name or not name[0].isalpha() or len(name) > 60:
        return None
    return places.canonical(name) or name
