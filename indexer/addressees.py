"""Who a recommendation is addressed to: the agency named before its "should" (or in
its heading: "Recommendations for DfE"), as one of ``archive.index.recommendations.ADDRESSEES``.

Collected from how real reports name them: "Leaders across the partnership should"
(the local area partnership of an area SEND report), "Health leaders need to",
"The ICB should", "Eastbridge LSCB should", "The Department for Education should".
"""

from __future__ import annotations

import re

ASKS = re.compile(r"\b(?:should|must|needs? to|is asked to|are asked to|will need to)\b")

# The agency an item asks something of, from the words before "should" (or a heading's "for ...").
_AGENTS = [
    ("local area partnership", r"local area partnership|area partnership|\bLAP\b|area leaders|partnership leaders"
     r"|(?:leaders|commissioners)(?: \w+)? (?:across|in|of|from) (?:the )?(?:local )?(?:area )?partnership"
     r"|leaders (?:from )?(?:across )?(?:education|health|social care),|NHS and local authority"),
    ("safeguarding partnership", r"safeguarding (?:children )?(?:partnership|partners|board)|\bLSCB\b|\bL?SCP\b"
     r"|safeguarding partners|\b(?:the|local) partnership\b|local areas and safeguarding partners"),
    ("government", r"department for education|\bDfE\b|government|\bOfsted\b|home office|department of health|minister"),
    ("health", r"\bICB\b|integrated care board|\bNHS\b|health|\bCCG\b|clinical commissioning|hospital|\bGP\b|\bCAMHS\b"
     r"|midwi|health visit|paediatric"),
    ("police", r"police|constabulary"),
    ("local authority", r"local authority|\bcouncil\b|children[’']?s services|children[’']?s social care|social care"
     r"|\bLAs?\b|the authority"),
    ("education", r"school|college|education|virtual head"),
    ("leaders", r"leaders|managers"),
]  # fmt: skip
# A body the lists above do not name: "Northmoor Recovery Service should", "Housing associations should".
_OTHER_BODY = re.compile(
    r"\b(?:service|services|group|board|agency|agencies|associations?|providers?|trust|panel|team|commissioners"
    r"|organisations?|[A-Z][a-z]+ [A-Z][a-z]+)\b"
)
AGENTS = [(name, re.compile(pattern, re.I)) for name, pattern in _AGENTS]


def agent(text: str, whole: bool = False, lap: bool = False) -> str | None:
    """Who ``text`` asks something of: the words before its first "should" (``whole``:
    anywhere in it, as in a heading "Recommendations for DfE"). ``lap``: the document is
    about a local area partnership, so "the partnership" is that one."""
    if not whole:
        sentence = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0]
        asks = ASKS.search(sentence)
        if asks is None or len(sentence[: asks.start()].split()) > 15:
            return None
        text = sentence[: asks.start()]
    for name, pattern in AGENTS:
        if pattern.search(text):
            if name == "safeguarding partnership" and lap and re.search(r"\b(?:the|local) partnership\b", text, re.I):
                return "local area partnership"
            return name
    named = not whole and _OTHER_BODY.search(text) and not re.search(r"\b(?:that|which|who|where)\b", text)
    return "other" if named and len(text.split()) <= 8 else None
