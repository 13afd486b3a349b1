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
    # the families broadened later (paid labels, app stores, consent rows, channels, footers, teasers):
    # reporting that shares their words, in the seven languages
    "Sponsored content now accounts for a fifth of the publisher's revenue.",
    "Commercial content on public broadcasters is capped at 12 minutes an hour.",
    "Le contenu sponsorisé doit être clairement signalé, rappelle l'Arcom.",
    "Un contenuto sponsorizzato deve essere riconoscibile, ha detto l'Agcom.",
    "O conteúdo patrocinado cresceu 30% no último ano, segundo a associação.",
    "Espace commercial",
    "The app is available on the App Store and Google Play, the company said.",
    "Die App ist im App Store und bei Google Play erhältlich, teilte das Unternehmen mit.",
    "La aplicación está disponible en App Store y Google Play desde el martes.",
    "L'app è disponibile su App Store e Google Play da martedì.",
    "De app is beschikbaar in de App Store en Google Play sinds dinsdag.",
    "Apple removed the game from the App Store in August.",
    "The court ruled that the app violated users' privacy.",
    "We care about your privacy, the company said in a statement, but critics were not convinced.",
    "Your privacy matters",
    "Privacy settings",
    "We and our partners collect data from farmers across the region to track crop yields.",
    "Wir und unsere Partner verarbeiten die Anträge so schnell wie möglich.",
    "Nosotros y nuestros socios utilizamos energía renovable en todas las plantas.",
    "Wij en onze partners gebruiken het geld voor nieuwe scholen.",
    "Accept all the evidence, the judge told the jury.",
    "Akzeptieren oder ablehnen – die Wahl liegt bei den Mitgliedern.",
    "The most important news arrived by email on Tuesday morning.",
    "Chaque matin, l'essentiel de l'actualité arrivait par fax à la rédaction.",
    "Las noticias llegaban cada mañana por correo a la redacción.",
    "The rebels post their statements on a Telegram channel run from abroad.",
    "Il canale WhatsApp del comune è stato attivato a marzo.",
    "Spread the word about the vaccine, the doctor urged at the end of her talk.",
    "Faites suivre le dossier au juge d'instruction, a ordonné le procureur.",
    "Below is a post from our reader Jane Smith, who lives in Leeds.",
    "The original article was published in Nature in 2019.",
    "Der Originalartikel wurde nach Protesten zurückgezogen.",
    "Le billet de train coûte désormais 40 euros de plus.",
    "Continúa la información sobre el incendio en la sierra de Gredos.",
    "Het artikel gaat verder in op de kosten van de energietransitie.",
    "Popular right now among teenagers are short videos about cooking.",
    "Sullo stesso tema è intervenuto anche il sindaco di Bologna.",
    "Mais sobre o assunto será discutido na reunião de quinta-feira.",
    "Meer over dit onderwerp leest u in ons dossier, zei de redactie.",
    "Alle Rechte an dem Foto liegen beim Fotografen, sagte der Anwalt.",
    # sponsor messages, read-on-after-the-ad, Google News, digests, the news in the app, quoted feed footers,
    # related-article and editors'-pick labels: reporting that shares their words, in the seven languages
    "A message from our sponsor, the bank, was read out before the match.",
    "Eine Botschaft unseres Sponsors an die Fans sorgte am Wochenende für Ärger.",
    "Un mot de notre partenaire historique a été lu avant le concert.",
    "Un mensaje de nuestro patrocinador principal llegó tarde, explicó el club.",
    "Il messaggio del nostro sponsor principale è arrivato solo ieri, ha detto il presidente.",
    "A mensagem do nosso patrocinador foi lida antes do jogo, disse o clube.",
    "Een bericht van onze sponsor bevestigde dat de samenwerking tot 2027 doorloopt.",
    "Le contenu payant représente désormais 30 % des revenus du groupe.",
    "Read on after the break, the council voted to approve the harbour plan.",
    "Lesen Sie nach der Werbung weiter, sagte der Moderator, und dann kam nichts mehr.",
    "Sigue leyendo tras el anuncio del Gobierno, que llegó a las diez de la noche.",
    "Continua a leggere dopo la pubblicità dei risultati, ha detto il professore agli studenti.",
    "Lees verder na de reclame van de supermarkt en je ziet dat de prijzen stijgen.",
    "Google Nieuws toont sinds maart minder regionale titels, volgens onderzoekers.",
    "Suivez Google Actualités et vous verrez que les titres locaux ont disparu, note le chercheur.",
    "Residents can sign up to receive our weekly updates from the council, the mayor said.",
    "Inscrivez-vous pour recevoir les résultats du concours avant vendredi.",
    "Regístrate para recibir la vacuna en el centro de salud más cercano.",
    "Meld je aan om de nieuwsbrief van de gemeente te ontvangen, adviseert de wethouder.",
    "All the news in the app was wrong for an hour, users complained.",
    "Toute l'info dans notre appli gratuite est vérifiée par la rédaction, assure le directeur.",
    "Meer nieuws in de app betekent niet meer lezers, zegt de hoofdredacteur.",
    "La noticia del accidente apareció primero en Twitter.",
    'The story "The Lottery" first appeared in The New Yorker in 1948.',
    "Verwandte Artikel sind in der Datenbank nicht verknüpft, sagte der Archivar.",
    "Le choix de la rédaction a surpris les lecteurs.",
    "Consulta también el informe del Banco de España, recomendó el ministro.",
    "Tip van de redactie is altijd: lees de kleine lettertjes.",
    "Unser Tipp: früh buchen, denn die Plätze sind knapp.",
    "Related articles in the journal were retracted in 2021.",
    "Sponsored links you may like are labelled as ads, the regulator said.",
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


# One line per family the pack was broadened for, in different languages: each must be removed whole
# by the CP3 rules alone (and the content lines around it kept).
BROADENED_FAMILIES = [
    "Download now on Google Play and the App Store",
    "Disponible sur l'App Store et Google Play",
    "Lees verder in de app van De Dagelijkse Bode",
    "Accetta tutti | Rifiuta | Personalizza",
    "Your privacy choices — Accept all / Customise",
    "Nous et nos partenaires utilisons des traceurs. Paramétrer les cookies",
    "Täglich die wichtigsten Nachrichten per E-Mail",
    "Elke ochtend het belangrijkste nieuws in je inbox",
    "Paid partner content",
    "Anuncio patrocinado",
    "Werbung · Anzeige schließen",
    "Unisciti al nostro canale WhatsApp",
    "Faites suivre cet article à vos proches",
    "Spread the word — Facebook · X · WhatsApp",
    "Storm damage closes coastal road is a post from: The Daily Courier",
    "Der Originalartikel ist bei Berliner Rundblick erschienen.",
    "Sullo stesso tema: Sciopero dei treni venerdì",
    "Mais sobre o assunto: Greve nos transportes",
    "Article à suivre sous l'annonce",
    "Il Tirreno Sera © 2017 | Terms | Privacy",
    "Messaggio dei nostri sponsor",
    "Contenu payant",
    "Read on after the sponsored message",
    "Lire la suite sous cette annonce",
    "Lees verder na het gesponsorde bericht",
    "VOLG LE JOURNAL DES LANDES OP GOOGLE NIEUWS",
    "Suivez Emsland-Echo sur Google Actualités",
    "sign up to receive our weekend roundup",
    "Jetzt den Emsland Echo-Newsletter abonnieren",
    "Regístrate para recibir nuestro resumen semanal",
    "Read more stories in the Folha do Litoral Norte app",
    "toute l'info dans notre appli gratuite",
    "La nota «El ayuntamiento aprueba nuevos carriles bici» apareció primero en Lakeshore Gazette.",
    "VERWANDTER ARTIKEL: NEUE RADWEGE FÜR DIE INNENSTADT BESCHLOSSEN",
    "tip van de redactie: waarom de huren in de randgemeenten stijgen",
    "à consulter aussi : une boulangerie locale primée au concours national",
    "Escolha do editor: Por que os aluguéis sobem na periferia",
    "Sponsored links you may like",
]


@pytest.mark.parametrize("line", BROADENED_FAMILIES)
def test_broadened_family_line_removed_in_an_article(line: str) -> None:
    cleaner = cleanpress.Cleaner(BOILERPLATE_RULES, select=[PACK_PREFIX])
    doc = f"Officials met on Monday.\n{line}\nThe talks ended early."
    assert cleaner.clean(doc).text == "Officials met on Monday.\nThe talks ended early."
