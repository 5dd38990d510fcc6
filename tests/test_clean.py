"""Cleaning of extracted page text: NFKC, spaces, running lines, dehyphenation."""

from __future__ import annotations

from indexer import clean

HEADER = "Northmoor SCP — Child E — FINAL"
MIDDLE = "The panel met the family at home."
TOPICS = ["housing", "school", "health", "police", "nursery", "dentist"]


def body(topic: str) -> list[str]:
    """Eight lines that differ from page to page (no digits, so no shape collides)."""
    return [
        f"The {topic} service first knew the family through a referral.",
        f"Records from the {topic} service describe repeated missed contacts.",
        f"Managers in the {topic} service did not escalate the concerns.",
        MIDDLE,
        f"The {topic} worker said the mother seemed tired and withdrawn.",
        f"No one from the {topic} service spoke to the child alone.",
        f"The review asked the {topic} service about its supervision.",
        f"Learning for the {topic} service is set out in the findings.",
    ]


def test_nfkc_expands_ligatures_and_full_width_forms() -> None:
    assert clean.normalize("e\ufb03cient \ufb01ling of \ufb02at \ufb00ees") == "efficient filing of flat ffees"
    assert clean.normalize("ＬＳＣＢ report") == "LSCB report"
    assert clean.clean_pages(["\ufb01rst \ufb02oor \ufb01ndings"]) == ["first floor findings"]


def test_odd_spaces_collapse_and_lines_are_trimmed() -> None:
    raw = "  The\u00a0\u00a0child\u2009was\u202fseen \t by\u3000the  GP.  \r\nNext\u200bline  "
    assert clean.normalize(raw) == "The child was seen by the GP.\nNext line"


def test_control_characters_and_soft_hyphens_are_dropped() -> None:
    assert clean.normalize("safe\u00adguarding\x0c plan\ufffd\x07") == "safeguarding plan"


def test_word_split_across_a_line_end_is_rejoined() -> None:
    pages = clean.clean_pages(["Agencies worked on safe-\nguarding plans for the family."])
    assert pages == ["Agencies worked on safeguarding plans for the family."]


def test_hyphenated_compound_stays_hyphenated_when_the_document_uses_it() -> None:
    page = "The plan was child-\nfocused at first.\nA child-focused approach was agreed."
    assert clean.clean_pages([page]) == ["The plan was child-focused at first.\nA child-focused approach was agreed."]
    # The evidence may sit on another page of the same document.
    assert clean.clean_pages(["The plan was child-\nfocused at first.", "Keep it child-focused."]) == [
        "The plan was child-focused at first.",
        "Keep it child-focused.",
    ]


def test_without_evidence_of_a_hyphen_the_split_word_is_joined() -> None:
    assert clean.clean_pages(["The plan was child-\nfocused at first."]) == ["The plan was childfocused at first."]


def test_the_commoner_spelling_in_the_document_wins() -> None:
    page = "Her well-\nbeing mattered.\nWellbeing was discussed.\nThe wellbeing plan.\nOne well-being note."
    assert clean.clean_pages([page]).pop().split("\n")[0] == "Her wellbeing mattered."


def test_consecutive_hyphenated_lines_are_all_rejoined() -> None:
    page = "Agencies worked on safe-\nguarding plans that were multi-\nagency in nature.\nMulti-agency work."
    assert clean.clean_pages([page]) == [
        "Agencies worked on safeguarding plans that were multi-agency in nature.\nMulti-agency work."
    ]


def test_dashes_and_capitalised_continuations_are_not_joined() -> None:
    page = "The family moved to the North-\nEast of the county -\nand then back again."
    assert clean.clean_pages([page]) == ["The family moved to the North-\nEast of the county -\nand then back again."]


def test_running_header_and_page_footer_removed_but_body_repeats_kept() -> None:
    raw = ["\n".join([HEADER, *body(topic), f"Page {n} of 4"]) for n, topic in enumerate(TOPICS[:4], start=1)]
    cleaned = clean.clean_pages(raw)
    assert cleaned == ["\n".join(body(topic)) for topic in TOPICS[:4]]
    assert all(MIDDLE in page.split("\n") for page in cleaned)


def test_running_lines_with_changing_numbers_are_one_shape() -> None:
    raw = [
        "\n".join([f"Child E overview report, draft {n}, section {n + 2}", *body(topic), f"- {n} -"])
        for n, topic in enumerate(TOPICS[:3], start=1)
    ]
    assert clean.clean_pages(raw) == ["\n".join(body(topic)) for topic in TOPICS[:3]]


def test_a_line_on_few_pages_is_not_a_running_line() -> None:
    # Two of six pages open with the same line: below half the pages, so it stays.
    raw = ["\n".join(([HEADER] if n < 2 else []) + body(topic)) for n, topic in enumerate(TOPICS)]
    cleaned = clean.clean_pages(raw)
    assert [page.split("\n")[0] for page in cleaned[:2]] == [HEADER, HEADER]
    assert cleaned[2:] == ["\n".join(body(topic)) for topic in TOPICS[2:]]


def test_short_documents_keep_their_repeated_lines() -> None:
    raw = ["\n".join([HEADER, *body(topic), HEADER]) for topic in TOPICS[:2]]
    assert clean.clean_pages(raw) == ["\n".join([HEADER, *body(topic), HEADER]) for topic in TOPICS[:2]]


def test_bare_page_numbers_at_page_edges_go_even_in_short_documents() -> None:
    # Documented in strip_running_lines: page numbers need no repetition to be dropped.
    raw = ["\n".join([HEADER, *body(topic), footer]) for topic, footer in zip(TOPICS, ["Page 1 of 2", "ii"])]
    assert clean.clean_pages(raw) == ["\n".join([HEADER, *body(topic)]) for topic in TOPICS[:2]]


def test_a_number_in_the_middle_of_a_page_is_kept() -> None:
    lines = body("housing")
    lines.insert(4, "42")
    assert clean.clean_pages(["\n".join(lines)]) == ["\n".join(lines)]


def test_blank_lines_are_dropped_and_empty_pages_stay_empty() -> None:
    assert clean.clean_pages(["First line.\n\n   \nSecond line.", "", "  \n "]) == [
        "First line.\nSecond line.",
        "",
        "",
    ]
