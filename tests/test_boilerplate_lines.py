"""The boilerplate line pack (rules/boilerplate.toml): every rule's own examples, and a set of
multilingual content sentences that look like boilerplate but must survive the full default rule set."""

from __future__ import annotations

import pytest

import cleanpress

PACK_PREFIX = "CP3"
BOILERPLATE_RULES = [rule for rule in cleanpress.load_rules() if rule.id.startswith(PACK_PREFIX)]

# Real sentences and headings, in the seven languages the pack covers, that share a word or shape
# with a boilerplate line. The full default cleaner must leave every one of them alone.
LOOKALIKES = [
    # en
    "The advertisement, which aired during the cup final, drew more than 300 complaints to the regulator.",
    "Sponsored by three local unions, the bill now heads to the state senate for a final vote.",
    "Share prices fell 4 per cent in early trading after the announcement, before recovering by noon.",
    "Copyright lawyers say the ruling could change how publishers license their photo archives.",
    "Follow-up studies are planned.",
    "Cookies were banned by the court in the second ruling.",
    "The bakery sold cookies to raise money for the school.",
    "Read more about the plan in the report published on Monday.",
    "The post office closed early on Friday because of the storm.",
    "The virus first appeared in Wuhan in late 2019.",
    "Subscribers complained that the newsletter arrived late.",
    "Download speeds doubled after the upgrade.",
    "Related research",
    "The Response",
    "Further reading:",
    "See also:",
    "Sources:",
    "Why It Matters",
    "More than 300 people attended the rally - a record for the town.",
    "The story continues to unfold as investigators arrive at the scene.",
    # de
    "Die Familie erstattete am Montag Anzeige gegen unbekannt, teilte die Polizei mit.",
    "Werbung für Tabak auf Plakaten ist in Deutschland seit Januar weitgehend verboten.",
    "Der Newsletter erscheint seit 2015 wöchentlich, sagte die Sprecherin.",
    "Teilen ist das neue Haben, sagt die Soziologin.",
    "Hintergrund",
    "Weiterführende Links",
    # fr
    "La publicité pour les paris sportifs sera encadrée plus strictement dès l'an prochain, selon le ministère.",
    "La suite du procès est prévue pour janvier.",
    "Partager le pouvoir n'a jamais été simple pour lui.",
    "Pour aller plus loin :",
    "Le contexte",
    # es
    "La publicidad institucional aumentó un 40 % en año electoral, según el informe del tribunal de cuentas.",
    "Compartir piso en Madrid cuesta cada vez más.",
    "Sigue la investigación sobre el caso en la Audiencia Nacional.",
    "Las claves",
    # it
    "La pubblicità del farmaco è stata sospesa dall'autorità garante dopo le segnalazioni dei medici.",
    "L'articolo 18 proviene da una legge del 1970 e fu modificato nel 2012.",
    "Cosa succede ora",
    # pt
    "A publicidade infantil na televisão foi proibida pelo conselho em 2014, lembrou a procuradora.",
    "O que muda",
    # nl
    "De advertentie werd na klachten van ouders door de omroep offline gehaald, meldt de toezichthouder.",
    "Het bericht verscheen op Twitter en werd snel gedeeld.",
    "Deel 2",
    "Wat nu?",
    # lines that the benchmark's own articles end with or contain: article text, not boilerplate
    "Originally published on Live Science.",
    "This article was originally published by Futurism. Read the original article.",
    "Story continues below gallery",
    "UP NEXT",
    # culture listings and lettered lists
    "À voir : l'exposition Picasso au Grand Palais jusqu'en mars",
    "Da leggere: il nuovo romanzo di Elena Ferrante",
    "c) The law was passed in 2019.",
    "The story first appeared in the Washington Post in 2012.",
    "La historia continúa",
]


def _ids(rules: list[cleanpress.Rule]) -> list[str]:
    return [rule.id for rule in rules]


@pytest.fixture(scope="module")
def default_cleaner() -> cleanpress.Cleaner:
    """The full default rule set, compiled once (loading the domain lists is the slow part)."""
    return cleanpress.Cleaner()


def test_pack_has_rules() -> None:
    assert len(BOILERPLATE_RULES) >= 10


@pytest.mark.parametrize("rule", BOILERPLATE_RULES, ids=_ids(BOILERPLATE_RULES))
def test_rule_is_well_formed(rule: cleanpress.Rule) -> None:
    assert rule.kind == "line-pattern"
    assert isinstance(rule.params.get("max_chars"), int)
    assert rule.examples_remove, f"{rule.id} has no examples.remove"
    assert rule.examples_keep, f"{rule.id} has no examples.keep"


@pytest.mark.parametrize("rule", BOILERPLATE_RULES, ids=_ids(BOILERPLATE_RULES))
def test_rule_removes_its_examples(rule: cleanpress.Rule) -> None:
    cleaner = cleanpress.Cleaner(BOILERPLATE_RULES, select=[rule.id])
    for doc in rule.examples_remove:
        result = cleaner.clean(doc)
        assert any(r.rule == rule.id for r in result.removals), f"{rule.id} did not remove {doc!r}"


@pytest.mark.parametrize("rule", BOILERPLATE_RULES, ids=_ids(BOILERPLATE_RULES))
def test_rule_keeps_its_lookalikes(rule: cleanpress.Rule) -> None:
    cleaner = cleanpress.Cleaner(BOILERPLATE_RULES, select=[rule.id])
    for doc in rule.examples_keep:
        assert cleaner.clean(doc).text == doc, f"{rule.id} changed {doc!r}"


@pytest.mark.parametrize("sentence", LOOKALIKES)
def test_default_cleaner_keeps_lookalike(default_cleaner: cleanpress.Cleaner, sentence: str) -> None:
    assert default_cleaner.clean(sentence).text == sentence


def test_lookalikes_survive_inside_an_article(default_cleaner: cleanpress.Cleaner) -> None:
    doc = "Officials met on Monday.\n" + "\n".join(LOOKALIKES) + "\nThe talks ended early."
    assert default_cleaner.clean(doc).text == doc


def test_boilerplate_removed_from_an_article_with_its_line_break(default_cleaner: cleanpress.Cleaner) -> None:
    doc = "Officials met on Monday.\nAdvertisement\nThe talks ended early.\nShare this article"
    assert default_cleaner.clean(doc).text == "Officials met on Monday.\nThe talks ended early."
