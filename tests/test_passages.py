"""Passages: 80-250 words, never across a page, every word kept, contents skipped."""

from __future__ import annotations

import random
import textwrap

from indexer import passages as P

CONTENTS = "\n".join(
    [
        "Contents",
        "1. Introduction ........................................ 3",
        "2. The review process .................................. 4",
        "3. Child E and the family .............................. 5",
        "4. Summary of key events ............................... 6",
        "5. Analysis of practice ................................ 9",
        "6. Findings and recommendations ....................... 14",
    ]
)


def sentence(k: int) -> str:
    """Exactly 12 words; k makes every sentence distinct so order can be checked."""
    return f"The health visitor recorded concern number {k} about the home conditions today."


def paragraph(label: str, sentences: range) -> str:
    return f"{label} " + " ".join(sentence(k) for k in sentences)


def page_of(paras: list[str]) -> str:
    """Paragraphs wrapped to lines of at most 90 characters, as a PDF page extracts."""
    return "\n".join(line for para in paras for line in textwrap.wrap(para, 90))


def varied_page(seed: int, label: int) -> str:
    """About 1,000 words in paragraphs of 1 to 14 sentences (13 to 169 words)."""
    rng = random.Random(seed)
    paras, k = [], seed * 1000
    for n in range(1, 13):
        size = rng.randint(1, 14)
        paras.append(paragraph(f"{label}.{n}", range(k, k + size)))
        k += size
    return page_of(paras)


def test_sentence_helper_has_twelve_words() -> None:
    assert len(sentence(7).split()) == 12


def test_short_paragraphs_are_packed_into_passages_of_exact_size() -> None:
    page = page_of([paragraph(f"2.{n}", range(n * 10, n * 10 + 5)) for n in range(1, 11)])  # 10 x 61 words
    chunks = P.split_page(page)
    assert [len(c.split()) for c in chunks] == [122] * 5
    assert chunks[0].split("\n")[0].startswith("2.1 The health visitor")
    assert chunks[0].split("\n")[1].startswith("2.2 The health visitor")


def test_a_long_paragraph_breaks_at_sentence_ends_and_a_short_tail_joins_the_last() -> None:
    para = paragraph("1.1", range(30))  # 361 words
    chunks = P.split_page(page_of([para]))
    assert [len(c.split()) for c in chunks] == [145, 216]
    assert all(c.endswith("today.") for c in chunks)
    assert " ".join(chunks).split() == para.split()


def test_one_enormous_sentence_is_cut_into_pieces_of_at_most_250_words() -> None:
    words = [f"cell{k}" for k in range(600)]  # a table with no sentence end
    chunks = P.split_page(page_of([" ".join(words)]))
    assert [len(c.split()) for c in chunks] == [150, 150, 150, 150]
    assert " ".join(chunks).split() == words


def test_closing_quotes_and_brackets_survive_a_sentence_split() -> None:
    said = 'The mother said "no." Then the worker left (as agreed.) After that the case closed.'
    para = "4.1 " + " ".join([said] * 25)  # 376 words, one paragraph
    chunks = P.split_page(para)
    assert len(chunks) > 1
    assert " ".join(chunks).split() == para.split()


def test_guarantees_on_long_pages_of_ordinary_prose() -> None:
    pages = [varied_page(seed, label) for seed, label in [(1, 3), (2, 4), (3, 5), (4, 6)]]
    found = P.split_document(pages)
    assert [p.position for p in found] == list(range(len(found)))
    for number, text in enumerate(pages, start=1):
        mine = [p for p in found if p.page == number]
        assert len(mine) >= 4
        sizes = [p.words for p in mine]
        assert max(sizes) <= P.MAX_WORDS
        assert min(sizes[:-1]) >= P.MIN_WORDS, sizes
        # Word for word, in order: so no passage holds a word of another page.
        assert " ".join(p.text for p in mine).split() == text.split()
    assert {p.page for p in found} == {1, 2, 3, 4}


def test_no_passage_is_over_250_words_whatever_the_paragraphs() -> None:
    rng = random.Random(11)
    paras = []
    for n in range(1, 15):
        size = rng.choice([1, 2, 19, 20, 21, 35])  # 13 to 421 words
        paras.append(paragraph(f"7.{n}", range(n * 100, n * 100 + size)))
    page = page_of(paras)
    chunks = P.split_page(page)
    assert max(len(c.split()) for c in chunks) <= P.MAX_WORDS
    assert " ".join(chunks).split() == page.split()


def test_a_page_shorter_than_the_minimum_is_one_passage() -> None:
    text = "Child E told her teacher she was hungry.\nThe school made a referral the same day."
    assert P.split_page(text) == ["Child E told her teacher she was hungry. The school made a referral the same day."]
    assert P.split_document([text])[0].words == 16


def test_numbered_paragraphs_and_bullets_start_new_paragraphs() -> None:
    long_a = "The health visitor saw the family at home and noted that the flat was cold and"
    long_b = "that there was little food in the kitchen cupboards when she opened them to look"
    text = "\n".join(
        [
            long_a,
            "Northmoor council had been told of this before the visit in the spring of that year",
            "2.3 " + long_b,
            long_a,
            "• " + long_b,
            "(a) " + long_a,
            "10. " + long_b,
        ]
    )
    assert P.paragraphs(text) == [
        long_a + " Northmoor council had been told of this before the visit in the spring of that year",
        "2.3 " + long_b + " " + long_a,
        "• " + long_b,
        "(a) " + long_a,
        "10. " + long_b,
    ]


def test_a_short_heading_line_starts_a_new_paragraph() -> None:
    body = "The review looked at how agencies shared information about the risks to the child"
    text = "\n".join(["Analysis of practice", body, "in the months before the incident.", "Findings", body])
    assert P.paragraphs(text) == [
        "Analysis of practice",
        body + " in the months before the incident.",
        "Findings",
        body,
    ]


def test_contents_page_yields_no_passages() -> None:
    assert P.is_contents_page(CONTENTS)
    assert P.split_page(CONTENTS) == []
    plain = "\n".join(["Contents", "Introduction 3", "Scope 3", "Who is Child T? 4", "Analysis 5", "Findings 7"])
    assert P.split_page(plain) == []


def test_a_page_with_a_few_numbers_at_line_ends_is_not_contents() -> None:
    text = "\n".join(
        [
            "1.1 Child E was seen at the surgery when she was aged 3",
            "and again at the walk-in centre, where staff recorded bruising on her arm.",
            "1.2 The family moved flat twice during the period, the second time to flat 12",
            "on the same estate, and the school was not told of either move.",
            "1.3 The GP practice wrote to the health visitor but did not hear back.",
        ]
    )
    assert not P.is_contents_page(text)
    assert " ".join(P.split_page(text)).split() == text.split()


def test_pages_are_numbered_from_one_and_skipped_pages_still_count() -> None:
    body = page_of([paragraph("1.1", range(8))])
    found = P.split_document(["Child Safeguarding Practice Review: Child E", CONTENTS, "", body])
    assert [(p.page, p.position) for p in found] == [(1, 0), (4, 1)]
    assert found[0].text == "Child Safeguarding Practice Review: Child E"
    assert found[1].text.split() == body.split()
