"""The edit-script helpers: applying and composing removals."""

from __future__ import annotations

from cleanpress.model import Removal, apply_edits, compose_edits


def removal(original: str, start: int, end: int, replacement: str = "", rule: str = "CP999") -> Removal:
    return Removal(rule=rule, start=start, end=end, text=original[start:end], replacement=replacement)


def test_compose_keeps_separate_edits_separate() -> None:
    original = "aa XX bb YY cc"
    first = [removal(original, 2, 5)]  # " XX"
    middle = apply_edits(original, first)  # "aa bb YY cc"
    second = [removal(middle, 5, 8, rule="CP2")]  # " YY"
    composed = compose_edits(original, first, second)
    assert composed is not None
    assert [(r.start, r.end, r.rule) for r in composed] == [(2, 5, "CP999"), (8, 11, "CP2")]
    assert apply_edits(original, composed) == "aa bb cc"


def test_compose_keeps_an_adjacent_deletion_with_its_own_rule() -> None:
    original = "keep\nAD pitch\nkeep"
    first = [removal(original, 5, 8)]  # "AD "
    middle = apply_edits(original, first)  # "keep\npitch\nkeep"
    second = [removal(middle, 5, 11, rule="CP402")]  # "pitch\n"
    composed = compose_edits(original, first, second)
    assert composed is not None
    assert [(r.start, r.end, r.rule) for r in composed] == [(5, 8, "CP999"), (8, 14, "CP402")]
    assert apply_edits(original, composed) == "keep\nkeep"


def test_compose_absorbs_a_deletion_inside_a_later_removal() -> None:
    original = "x\nHot AD deal\ny"
    first = [removal(original, 6, 9)]  # "AD "
    middle = apply_edits(original, first)  # "x\nHot deal\ny"
    second = [removal(middle, 2, 11, rule="CP402")]  # "Hot deal\n"
    composed = compose_edits(original, first, second)
    assert composed is not None
    assert [(r.start, r.end, r.rule) for r in composed] == [(2, 14, "CP402")]
    assert apply_edits(original, composed) == "x\ny"


def test_compose_refuses_an_edit_inside_a_rewrite() -> None:
    original = "see https://a.example/x?utm_source=y now"
    first = [removal(original, 22, 35, replacement="?ref=1")]
    middle = apply_edits(original, first)
    second = [removal(middle, 23, 26)]  # inside the replacement text
    assert compose_edits(original, first, second) is None


def test_compose_absorbs_a_rewrite_a_later_deletion_takes_whole() -> None:
    original = "a\nhttps://n.example/s?utm_source=x&id=7\nb"
    first = [removal(original, 21, 39, replacement="?id=7", rule="CP601")]  # the query
    middle = apply_edits(original, first)  # "a\nhttps://n.example/s?id=7\nb"
    second = [removal(middle, 2, 27, rule="CP401")]  # the whole line, rewritten link and all
    composed = compose_edits(original, first, second)
    assert composed is not None
    assert [(r.start, r.end, r.rule, r.replacement) for r in composed] == [(2, 40, "CP401", "")]
    assert apply_edits(original, composed) == apply_edits(middle, second) == "a\nb"


def test_compose_refuses_a_deletion_across_a_rewrite() -> None:
    original = "see https://a.example/x?utm_source=y now"
    first = [removal(original, 22, 35, replacement="?ref=1")]
    middle = apply_edits(original, first)  # "see https://a.example/x?ref=1 now"
    second = [removal(middle, 25, 33)]  # from inside the replacement to after it
    assert compose_edits(original, first, second) is None


def test_compose_absorbs_a_rewrite_a_later_deletion_starts_or_ends_with() -> None:
    original = "x\n[Claim](https://ad.example/go) <a href=u>x</a>\ny"
    link_end = original.index(" <a")
    first = [removal(original, 2, link_end, replacement="Claim", rule="CP101")]  # the link, unlinked
    middle = apply_edits(original, first)  # "x\nClaim <a href=u>x</a>\ny"
    line = middle.index("Claim"), middle.index("y")
    composed = compose_edits(original, first, [removal(middle, *line, rule="CP210")])
    assert composed is not None  # the deletion starts where the rewrite's text does
    assert [(r.start, r.end, r.rule) for r in composed] == [(2, original.index("y"), "CP210")]
    assert apply_edits(original, composed) == "x\ny"
    tail = "x\nsee [Claim](https://ad.example/go)\ny"
    first = [removal(tail, 6, tail.index("\ny"), replacement="Claim", rule="CP101")]
    middle = apply_edits(tail, first)  # "x\nsee Claim\ny"
    composed = compose_edits(tail, first, [removal(middle, 5, middle.index("\ny"), rule="CP2")])
    assert composed is not None  # ... or ends where it ends
    assert apply_edits(tail, composed) == "x\nsee\ny"
