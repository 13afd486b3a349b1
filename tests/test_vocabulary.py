"""Vocabulary as data (rules/vocabulary/*.toml): the regexes built from it are the ones that were
written in the code before (issue 7), so cleaning is unchanged.

The URL regexes are rebuilt character for character. The call-to-action and promotional-theme
regexes list their words per language, so their alternatives come in another order: they must be
the old regexes up to the order of alternatives (which never changes whether, or where, ``search``
finds a match; only ``search`` is used), and they must agree with the old ones on a sample.
The old regexes are kept below as they were written in ``text/vocab.py`` and ``detect/evidence.py``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import regex

from cleanpress.detect import evidence
from cleanpress.errors import RuleError
from cleanpress.ruleset import builtin_rules_dir, load_rules, pack_paths
from cleanpress.text import vocab, vocabulary

from conftest import FIXTURES, ROOT

# fmt: off
# --- the regexes and word sets as they were written in the code --------------------------------
OLD_CTA = (
    r"(?:^|\b)(?:find out more|learn more|read more|read on|more info(?:rmation)?|more details|"
    r"click here|click|tap here|visit|discover(?: more)?|check (?:it|this) out|get (?:it|yours|the deal|"
    r"the offer|started|access)(?: now| here| today)?|grab (?:it|yours|the deal|the offer)|shop now|"
    r"buy now|order now|sign up(?: now)?|register now|claim(?: it| yours| now| it now)*|"
    r"download(?: now)?|watch now|try (?:it )?(?:now|free)|go to|more at|see more|see the (?:offer|deal)|"
    r"mehr erfahren|mehr infos?|infos?|weitere infos?|weitere informationen|hier klicken|klicken sie hier|"
    r"zum angebot|mehr dazu|jetzt (?:ansehen|entdecken|sichern|holen|klicken)|entdecken|weiterlesen|"
    r"en savoir plus|plus d['’]infos?|cliquez ici|découvrez|voir l['’]offre|voir plus|lire la suite|"
    r"profitez|"
    r"más información|mas informacion|más info|haz clic aquí|descubre|ver más|ver (?:la )?oferta|"
    r"mira esto|consíguelo|aprovecha(?: ya)?|"
    r"scopri di più|scopri|maggiori informazioni|clicca qui|leggi di più|approfitta(?:ne)?|"
    r"dai un['’]occhiata|"
    r"saiba mais|mais informações|clique aqui|descubra|confira|veja mais|aproveite|"
    r"lees verder|lees meer|meer informatie|meer info|klik hier|ontdek|bekijk(?: hier| nu)?|"
    r"hier entlang|par ici|por aqu[íi]|per di qua|por aqui|this way|hierheen|tout savoir(?: ici)?|"
    r"(?:je veux |quiero |voglio |quero |ik wil |i want to )?(?:en )?(?:profiter|aprovechar|approfittarne|"
    r"aproveitar|profiteren)|corri(?: su)?|act (?:fast|now)(?: and visit)?|entra(?: ya)?(?: en)?|"
    r"scoprilo(?: su)?|"
    r"→|⟶|➡️?|➜|➔|➤|►|▶|⇒|>>|»|[^\P{So}©®™])"
    r"(?:\s+(?:at|on|here|now|unter|sur|en|em|op|su|bei|auf|via|hier|ici|aquí|qui|aqui|ya|agora|nu|"
    r"mesmo|já|jetzt|maintenant|ora|subito|today|heute|hoy|oggi|hoje|vandaag|\ufe0f|[^\P{So}©®™]))*"
    r"\s*[:：.!…\-–—→»>➜➔➤►▶⇒👉]*\ufe0f?\s*$"
)
OLD_PROMO_THEMES: tuple[tuple[str, str], ...] = (
    (
        "discount",
        r"-\s?\d{1,3}\s?%|\d{1,3}\s?%\s?(?:off|rabatt|de descuento|di sconto|de réduction|de remise|"
        r"korting|de desconto|discount)|(?:rabatt|descuento|sconto|réduction|korting|desconto|save|spare)"
        r"\w*\s+\d{1,3}\s?%|\bhalf[- ]price\b",
    ),
    ("money", r"[$€£¥₹]\s?\d|\d\s?(?:[$€£¥₹]|(?:euros?|dollars?|usd|eur)\b)"),
    ("shouting", r"!{2,}|\?!|!\s*$|^[¡¿]"),
    ("emoji", r"[\U0001F300-\U0001FAFF\u2600-\u27BF]"),
    (
        "ad-label",
        r"^\W*(?:sponsored|gesponsert|gesponsord|sponsorisé|patrocinado|sponsorizzato|anzeige|werbung|"
        r"publicité|publicidad|publicidade|pubblicità|advertentie|advertisement|promoted|ad|ads|pub)\b",
    ),
    (
        "giveaway",
        r"\b(?:free|gratis|kostenlos\w*|gratuit\w*|grátis|bonus|prize|preis|prix|premio|prémio|prijs|"
        r"giveaway|gift ?card|gutschein|bon d'achat|tarjeta regalo|buono|vale-presente|cadeaubon|"
        r"jackpot|free spins|freispiele|tours gratuits|giros gratis|giri gratis|rodadas grátis|"
        r"no deposit|ohne einzahlung|sans dépôt|sin depósito|senza deposito|sem depósito|zonder storting)\b",
    ),
    (
        "prize",
        r"\b(?:congratulations|glückwunsch|herzlichen glückwunsch|félicitations|felicidades|enhorabuena|"
        r"parabéns|complimenti|congratulazioni|gefeliciteerd|you(?:'ve| have) (?:been selected|won)|"
        r"selected|ausgewählt|sélectionné|seleccionado|selezionato|selecionado|geselecteerd)\b",
    ),
    (
        # Winning is news as often as it is a pitch ("Warriors end skid with win"): not topical.
        "win",
        r"\b(?:winner|gewinner|gagnant|ganador|vincitore|vencedor|winnaar|win|gewinn\w*|gagne[rz]?|"
        r"gana[rd]?|vinci|ganhe|ganhar|win(?:nen)?)\b",
    ),
    (
        "deal",
        r"\b(?:deal|deals|offer|offre|oferta|offerta|aanbieding|angebot|promo\w*|sale|soldes|rebajas|saldi|"
        r"rabatt|descuento|desconto|sconto|réduction|remise|korting|discount|coupon|clearance|"
        r"hot deal|flash)\b",
    ),
    (
        "urgency",
        r"\b(?:only today|today only|solo hoy|nur heute|heute nur|aujourd'hui seulement|"
        r"seulement aujourd'hui|"
        r"solo oggi|só hoje|apenas hoje|alleen vandaag|limited|limitad[oa]|limitiert|limité|"
        r"last chance|letzte chance|dernière chance|última oportunidad|ultima occasione|última chance|"
        r"laatste kans|hurry|act now|now|jetzt|sofort|maintenant|ahora|agora|subito|ora|nu|today|heute|"
        r"aujourd'hui|hoy|oggi|hoje|vandaag|tonight|overnight|in \d+ days?|in \d+ tagen|en \d+ jours)\b",
    ),
    (
        "call-to-action",
        r"\b(?:claim|redeem|click|klick\w*|cliquez|clique[zr]?|haz clic|clicca|order now|buy now|shop now|"
        r"jetzt kaufen|achetez|compra(?:r)? ya|acquista|compre já|koop nu|sign up now|register now|"
        r"download now|call now|don't miss|nicht verpassen|ne manquez pas|no te pierdas|non perdere|"
        r"não perca|mis het niet|sichern|profitez|aprovecha|approfitta|aproveite|profiteer)\b",
    ),
    (
        "get-rich",
        r"\b(?:earn|verdien\w*|gagne[rz]? de l'argent|gana dinero|guadagna\w*|ganhe dinheiro|"
        r"make money|work from home|von zu hause|depuis chez vous|desde casa|da casa|sem sair de casa|"
        r"vanuit huis|passive income|crypto\w*|bitcoin|forex|trading bot|investment|invest|"
        r"refinanc\w*|loans?|kredite?|prêts?|préstamos?|prestiti|prestito|empréstimos?|lening(?:en)?|mortgage|hypothek|"
        r"casino|casinò|cassino|bet|wette|pari|apuesta|scommess\w*|aposta|gokken|slots?|"
        r"millionaire|millionär|millionnaire|millonari[oa]|milionari[oa]|milionári[oa]|miljonair)\b",
    ),
    (
        "dating",
        r"\b(?:hot singles|(?:meet|local|lonely) singles|singles? (?:in|near|aus|uit|de|en|nella|em) "
        r"(?:your|deiner|jouw|ta|tu|tua|sua|der|de)\b|single (?:women|men|ladies|moms|frauen|männer)|"
        r"singlebörse|solter[oa]s|célibataires|vrijgezellen|donne single|mulheres solteiras|"
        r"hot (?:girls|moms)|dating site|sex dating|rencontres? (?:coquines?|discrètes?)|citas calientes|"
        r"incontri (?:piccanti|discreti)|encontros (?:quentes|discretos))\b",
    ),
    (
        "pharma",
        r"\b(?:viagra|cialis|levitra|pills?|pillen|pilules?|pastillas|pillole|comprimidos|farmaci|"
        r"medikamente|médicaments|medicamentos|medicijnen|pharmacy|apotheke|pharmacie|farmacia|apotheek|"
        r"capsules|kapseln|cápsulas|capsule|ozempic|wegovy|"
        r"generics?|generika|génériques?|genéricos?|generici|"
        r"(?:without|ohne|sans|sin|senza|sem|zonder) (?:a )?(?:prescription|rezept|ordonnance|receta|"
        r"ricetta|receita|recept))\b",
    ),
    (
        "fast-money",
        r"\b(?:instant(?:ly)?|fast cash|quick cash|cash fast|schnell\w* geld|geld sofort|argent rapide|"
        r"dinero rápido|soldi (?:veloci|subito)|dinheiro rápido|snel geld|approved|genehmigt|approuvé|"
        r"aprobado|approvato|aprovado|goedgekeurd|no credit check|ohne schufa|sans justificatif|sin aval|"
        r"senza garanzie|sem consulta|zonder bkr|"
        r"(?:in|within|en|em|binnen|entro) \d+ (?:minutes?|minuten|hours?|stunden|heures?|horas?|ore|uur))\b",
    ),
    (
        "miracle",
        r"\b(?:miracle\w*|miracul\w*|milagr\w*|miracol\w*|wunder(?:mittel|pille|kur)\w*|doctors hate|"
        r"ärzte hassen|les médecins détestent|one weird trick|this (?:one )?(?:simple )?trick|"
        r"(?:don't|do not) want you to know|you won't believe|will shock you|belly fat|bauchfett|"
        r"graisse du ventre|grasa abdominal|grasso addominale|gordura da barriga|buikvet|"
        r"lose (?:weight|\d+ ?(?:kg|lbs?|pounds))|abnehmen|maigrir|adelgazar|dimagrire|emagrecer|afvallen|"
        r"anti-?aging|wrinkles|arrugas|rughe|rugas|rimpels|"
        r"\d+\s?(?:kg|kilos?|lbs?|pounds|pfund)\b.{0,40}\b(?:weeks?|months?|days|wochen|monat|tagen|"
        r"semaines?|mois|jours|semanas?|mes|días|settimane?|mese|giorni|mês|dias|weken|maand|dagen))\b",
    ),
)
OLD_AD_PATH = (
    r"(?:^|/)(?:click|clk|clicks?|serve|serving|offer|offers|delivery|ck\.php|afu\.php|aff_c|aff|"
    r"invoke\.js|tag\.min\.js|pop(?:under|up)?|redirect|redir|rdr|track|tracking|go|goto|jump|lnk|"
    r"out|visit|promo|banner|banners|adserver|ads?|adx|adclick|rtb|bid|imp|impression|pixel|tr|cpm|zone)"
    r"(?:[/?.;]|$)"
    # script endpoints of redirectors and counters: go.php, rd.cgi, click.aspx, out.php
    r"|(?:^|/)(?:go|out|click|clk|jump|redirect|redir|rd|r|track|trk|link|lnk|away|visit|count|c)"
    r"\.(?:php|cgi|aspx?|jsp|pl)(?:[/?]|$)"
    # pixels and beacons: rt.gif, px.png, 1x1.gif
    r"|(?:^|/)(?:rt|px|pixel|p|t|b|1x1|spacer|beacon|track|imp|open)\.(?:gif|png)(?:[?]|$)"
    # DoubleClick-style ;sz=300x250;ord=…
    r"|;(?:sz|size)=\d{2,4}x\d{2,4}|;ord=\d"
)
OLD_AD_HOST = (
    r"(?:^|[.-])(?:ads?|adx|track|trk|click|clk|go|promo|pop|banner|serve|rtb|cdn-ads|offers?|"
    r"pl\d{3,}|lp|srv)[.-]"
    r"|cpm|revenue|boost|cash|promo|affil|traff|popunder|clicks|adserv|advert|bidder|reach(?:conv|ads)|"
    r"conv(?:ert|ersion)|monetiz|payout|earn|funnel"
)
OLD_AD_MARKUP = (
    r"""\brel=["']?[^"'<>]*\bsponsored|\bclass=["']?[^"'<>]*\b(?:ads?|advert\w*|sponsor\w*|promo\w*|"""
    r"""banner\w*|adsbygoogle|ad-\w+|\w+-ad|affiliate)\b|\.swf\b|\bdata-ad-|"""
    r"""\bwidth=["']?(?:468|728|300|160|320|970)["'\s].*\bheight=["']?(?:60|90|250|600|50|100)\b"""
)
OLD_RISKY_TLDS = frozenset({
    "online", "site", "website", "space", "top", "qpon", "cfd", "cyou", "bond", "today", "ws", "world", "pro",
    "club", "shop", "store", "xyz", "icu", "buzz", "click", "link", "live", "monster", "sbs", "rest", "fun",
    "lol", "quest", "bar", "cam", "mom", "guru", "life", "work", "win", "loan", "bid", "trade", "date",
    "racing", "download", "stream", "review", "accountant", "cricket", "party", "science", "faith", "men",
    "gq", "tk", "ml", "ga", "cf", "pw", "su", "cc", "biz", "info", "vip", "fit", "email", "asia", "ink",
    "casa", "skin", "hair", "beauty", "boats", "autos", "yachts", "motorcycles", "homes", "makeup", "lat",
    "tokyo",
})
OLD_PUBLIC_SUFFIX_PARTS = frozenset({"gov", "edu", "int", "mil", "ac", "gouv", "gob", "govt", "nhs", "museum"})
OLD_STRONG_AD_PARAMS = frozenset({
    "zoneid", "zone_id", "bannerid", "banner_id", "aff_id", "affid", "aff", "aff_sub", "affiliate_id", "subid",
    "sub_id", "sub1", "sub2", "s1", "s2", "clickid", "click_id", "oaparams", "adid", "ad_id", "creative_id",
    "placementid", "placement_id", "offer_id", "offerid", "campaign_id", "campaignid", "spotid", "spot_id",
    "lpid", "zone",
})
OLD_WEAK_AD_PARAMS = frozenset({
    "cid", "pub", "pubid", "pub_id", "publisher", "key", "hash", "tag", "cb", "var", "siteid", "site_id",
    "placement", "creative", "campaign", "tid", "trackid", "track_id", "source_id", "src", "sid", "lp", "sub",
    "uid", "token", "utm_campaign", "ref", "evt", "ev", "pid",
})
OLD_WEAK_THEMES = frozenset({"win", "urgency"})
OLD_TOPICAL_THEMES = frozenset(
    {"giveaway", "prize", "get-rich", "dating", "pharma", "fast-money", "miracle", "discount"}
)
# fmt: on

# Themes the vocabulary has grown since the move (the data is the source now): left out of the
# comparison with the old regexes. "miracle": trick phrasings in seven languages and "chili", and its
# weight-loss words moved to a theme of their own; "account-scam": a new theme (suspended accounts,
# "verify your details", infected-PC scams); "weight-loss": a new theme (kilos in weeks, belly fat,
# slimming verbs), so that "lose 6 kg in 2 weeks with this trick" shows two themes.
# Words the URL evidence and the calls to action have grown since the move, each from a source
# named in the data: left out of the comparison with the old regexes and sets, tested below.
GROWN_STRONG_AD_PARAMS = frozenset({"ymid", "afftrack"})
GROWN_CTA_PHRASES = frozenset(
    {
        "tap (?:now|to (?:redeem|claim|unlock|open|continue|see more))",
        "press here",
        "redeem(?: (?:it|yours|now|here|today))*",
        "claim your (?:gift|prize|reward|bonus|discount|coupon)",
        "hier tippen",
        "tippen sie hier",
        "jetzt einlösen",
        "hier einlösen",
        "gutschein einlösen",
        "sichern sie sich (?:ihr|ihren|ihre) (?:geschenk|gutschein|rabatt|prämie)",
        "appuyez ici",
        "touchez ici",
        "clique ici",
        "cliquez",
        "réclamez (?:votre|ton) (?:cadeau|bon|prime)",
        "(?:réservez|recevez) (?:votre|ton) cadeau",
        "pincha aqu[íi]",
        "toca aqu[íi]",
        "pulsa aqu[íi]",
        "haz clic",
        "canj[ée]alo",
        "canjea(?: tu (?:regalo|cupón|premio))?",
        "(?:reserva|reclama|recibe) tu (?:regalo|premio|cupón|descuento)",
        "tocca qui",
        "premi qui",
        "clicca",
        "riscatta(?: il tuo (?:regalo|buono|premio))?",
        "(?:prenota|ricevi|richiedi) il tuo (?:regalo|buono|premio)",
        "toque aqui",
        "clique",
        "resgate(?: (?:o seu|seu) (?:presente|cupom|prêmio|bônus))?",
        "(?:garanta|receba|reserve) (?:o seu|seu|já o seu) (?:presente|cupom|prêmio|desconto)",
        "tik hier",
        "klik",
        "druk hier",
        "(?:snel |ga )naar",
        "verzilver(?: (?:nu|hier|je (?:cadeau|bon|korting)))?",
        "(?:claim|ontvang|reserveer) je (?:cadeau|bon|korting|prijs)",
    }
)
GROWN_CTA_AFTER = frozenset({"het"})
CHANGED_THEMES = frozenset({"miracle"})
NEW_THEMES = frozenset({"account-scam", "weight-loss"})


# --- the regexes up to the order of alternatives --------------------------------------------------
def canonical(pattern: str) -> str:
    """``pattern`` with the alternatives of every group (and of the whole) sorted and each kept once:
    two regexes with the same canonical form differ only in the order of alternatives."""
    pos = 0

    def class_end(i: int) -> int:
        j = i + 1 + (pattern[i + 1] == "^")
        j += pattern[j] == "]"
        while pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1

    def alternatives() -> str:
        nonlocal pos
        branches: list[list[str]] = [[]]
        while pos < len(pattern) and pattern[pos] != ")":
            c = pattern[pos]
            if c == "\\":
                branches[-1].append(pattern[pos : pos + 2])
                pos += 2
            elif c == "[":
                end = class_end(pos)
                branches[-1].append(pattern[pos:end])
                pos = end
            elif c == "(":
                prefix = regex.match(r"\((?:\?(?::|=|!|<=|<!))?", pattern[pos:])
                assert prefix is not None
                pos += len(prefix.group())
                inner = alternatives()
                assert pattern[pos] == ")", pattern[pos:]
                pos += 1
                branches[-1].append(f"{prefix.group()}{inner})")
            elif c == "|":
                branches.append([])
                pos += 1
            else:
                branches[-1].append(c)
                pos += 1
        return "|".join(sorted({"".join(branch) for branch in branches}))

    result = alternatives()
    assert pos == len(pattern), f"unbalanced at {pos}"
    return result


def test_the_canonical_form_ignores_order_only() -> None:
    assert canonical(r"\b(?:a|b(?:x|y)|c)\b|[|(]") == canonical(r"[|(]|\b(?:c|b(?:y|x)|a|a)\b")
    assert canonical(r"\b(?:a|b)\b") != canonical(r"\b(?:a|b|c)\b")
    assert canonical(r"\b(?:a|b)\b") != canonical(r"\b(?:a|b)")
    assert canonical(r"(?:a|b)c") != canonical(r"(?:a|bc)")
    giveaway = dict(OLD_PROMO_THEMES)["giveaway"]
    assert canonical(giveaway) != canonical(giveaway.replace("|gratis|", "|"))


# --- the rebuilt regexes are the old ones ---------------------------------------------------------
def test_the_url_regexes_are_rebuilt_character_for_character() -> None:
    words = evidence.url_words()
    assert (words.ad_path.pattern, words.ad_path.flags) == (OLD_AD_PATH, regex.I)
    assert (words.ad_host.pattern, words.ad_host.flags) == (OLD_AD_HOST, regex.I)
    assert (words.ad_markup.pattern, words.ad_markup.flags) == (OLD_AD_MARKUP, regex.I)


def test_the_url_word_sets_are_the_old_ones() -> None:
    words = evidence.url_words()
    assert words.risky_tlds == OLD_RISKY_TLDS
    assert words.public_suffix_parts == OLD_PUBLIC_SUFFIX_PARTS
    assert words.strong_ad_params == OLD_STRONG_AD_PARAMS | GROWN_STRONG_AD_PARAMS
    assert words.weak_ad_params == OLD_WEAK_AD_PARAMS


def _cta_without_grown_words() -> str:
    """The call-to-action regex built from the data as :func:`vocab.cta_source` builds it, without
    the phrases and words grown since the move."""
    tables = vocabulary.load("calls-to-action")["cta"]
    phrases = [p for section in tables.values() for p in section["phrases"] if p not in GROWN_CTA_PHRASES]
    after = [w for section in tables.values() for w in section["after"] if w not in GROWN_CTA_AFTER]
    lists = {"phrases": vocabulary.alternation(phrases), "after": vocabulary.alternation(after)}
    return vocabulary.fill(vocab._CTA_TEMPLATE, lists, "calls-to-action")


def test_the_call_to_action_regex_is_the_old_one_in_language_order() -> None:
    assert vocab.CTA is vocab.cta()
    assert vocab.CTA.flags == regex.I
    assert canonical(_cta_without_grown_words()) == canonical(OLD_CTA)
    grown = set(GROWN_CTA_PHRASES | GROWN_CTA_AFTER)
    assert all(f"|{word}|" in vocab.CTA.pattern or f"({word}|" in vocab.CTA.pattern for word in grown)
    # every phrase of the seven languages is in it, in the order of the data
    assert vocab.CTA.pattern.startswith(r"(?:^|\b)(?:find out more|learn more|")
    pattern = vocab.CTA.pattern
    assert "|weiterlesen|hier entlang|" in pattern
    assert pattern.index("|hier entlang|") < pattern.index("|en savoir plus|") < pattern.index("|saiba mais|")


@pytest.mark.parametrize(
    "lead_in",
    [
        "Tap to redeem →", "Claim your gift:", "Hier tippen:", "Jetzt einlösen »", "Appuyez ici :",
        "Réclamez votre cadeau :", "Pincha aquí:", "Reserva tu regalo:", "Tocca qui:", "Riscatta il tuo buono:",
        "Toque aqui:", "Resgate seu presente:", "Tik hier:", "Ontdek het op", "Snel naar",
    ],
)  # fmt: skip
def test_grown_calls_to_action_are_read(lead_in: str) -> None:
    assert vocab.cta_start(lead_in) == 0


@pytest.mark.parametrize(
    "lead_in", ["Beers on tap:", "Het is vandaag", "He pressed the button and", "Sie tippen oft falsch"]
)
def test_prose_near_the_grown_calls_to_action_is_not_one(lead_in: str) -> None:
    assert vocab.cta_start(lead_in) is None


def test_the_promotional_themes_are_the_old_ones_in_language_order() -> None:
    themes = [theme for theme in vocab.promo_themes() if theme.name not in NEW_THEMES]
    assert [theme.name for theme in themes] == [name for name, _ in OLD_PROMO_THEMES]
    assert [theme.name for theme in vocab.promo_themes()][len(themes) :] == sorted(NEW_THEMES)  # appended
    old = dict(OLD_PROMO_THEMES)
    for theme in themes:
        assert theme.pattern.flags == regex.I
        if theme.name not in CHANGED_THEMES:
            assert canonical(theme.pattern.pattern) == canonical(old[theme.name]), theme.name
    unchanged = {"money", "shouting", "emoji"}  # no language lists: the same string
    assert {t.name for t in themes if t.pattern.pattern == old[t.name]} == unchanged
    assert vocab.WEAK_THEMES == OLD_WEAK_THEMES
    assert vocab.TOPICAL_THEMES == OLD_TOPICAL_THEMES | NEW_THEMES


# --- and they agree with the old ones on a sample --------------------------------------------------
def _plain(entry: str) -> bool:
    return regex.fullmatch(r"[\w '’-]+", entry) is not None


def _sample() -> Iterator[str]:
    """Lines of the fixtures and of every rule's examples, and each data word in a line of its own."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    for rule in load_rules():
        texts += [*rule.examples_remove, *rule.examples_keep]
    for text in texts:
        for line in text.splitlines():
            yield line
            for m in regex.finditer(r"https?://|www\.|\[", line):  # the lead-in before each link
                yield line[: m.start()]
    for name in ("calls-to-action", "promotion"):
        for entry in _entries(vocabulary.load(name)):
            if _plain(entry):
                yield from (entry, f"Bekijk {entry}:", f"{entry.upper()} now!!", f"Get 50% off {entry} 👉")
    yield from ("Mehr Infos unter", "Saiba mais em", "→", "Plus d’infos ici :", "Sponsored: win €100")


def _entries(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _entries(value)
    elif isinstance(data, list):
        for value in data:
            yield from _entries(value)
    elif isinstance(data, str):
        yield data


def test_the_new_regexes_find_what_the_old_ones_found() -> None:
    sample = list(dict.fromkeys(_sample()))
    assert len(sample) > 2000
    old_cta = regex.compile(OLD_CTA, regex.I)
    without_grown = regex.compile(_cta_without_grown_words(), regex.I)
    old_themes = [(name, regex.compile(pattern, regex.I)) for name, pattern in OLD_PROMO_THEMES]
    cta_hits = promo_hits = 0
    for text in sample:
        old = old_cta.search(text)
        again = without_grown.search(text)
        assert (again.start() if again else None) == (old.start() if old else None), text
        assert old is None or vocab.cta_start(text) is not None, text  # grown, it finds no less
        signs = [name for name, pattern in old_themes if pattern.search(text)]
        grown = CHANGED_THEMES | NEW_THEMES
        assert [sign for sign in vocab.promo_signs(text) if sign not in grown] == [
            sign for sign in signs if sign not in grown
        ], text
        cta_hits += old is not None
        promo_hits += bool(signs)
    assert cta_hits > 300 and promo_hits > 1000  # the sample exercises both


# --- the data --------------------------------------------------------------------------------------
def test_the_vocabulary_is_not_a_rule_pack() -> None:
    folder = builtin_rules_dir() / vocabulary.FOLDER
    assert sorted(p.name for p in folder.glob("*.toml")) == [
        "ad-urls.toml",
        "calls-to-action.toml",
        "page-chrome.toml",
        "promotion.toml",
    ]
    assert all(p.parent == builtin_rules_dir() for p in pack_paths([builtin_rules_dir()]))


def test_every_key_of_the_data_is_read() -> None:
    """A misspelt language or list name would silently drop its words: every key has a reader."""
    languages = {*vocabulary.LANGUAGES, vocabulary.SHARED}
    cta = vocabulary.load("calls-to-action")["cta"]
    assert set(cta) == languages | {"symbols"}
    assert all(set(section) == {"phrases", "after"} for section in cta.values())
    for name, theme in vocabulary.load("promotion")["promo"].items():
        templates = " ".join(theme.get("patterns", [r"\b(?:{words})\b"]))
        lists = set(regex.findall(r"\{([a-z][a-z_-]*)\}", templates))
        for key, value in theme.items():
            if key in languages:
                assert "words" in lists, name
            elif key not in {"patterns", "weak", "topical"}:
                assert key in lists, (name, key)
                assert not isinstance(value, dict) or set(value) <= languages, (name, key)
        assert theme.get("weak", False) is not True or name in OLD_WEAK_THEMES


def test_a_placeholder_without_words_is_an_error() -> None:
    assert vocabulary.fill(r"\d{1,3}(?:{a})\p{So}", {"a": "x|y"}, "t") == r"\d{1,3}(?:x|y)\p{So}"
    with pytest.raises(RuleError, match=r"t: no word list 'b'"):
        vocabulary.fill(r"(?:{b})", {"a": "x"}, "t")
    with pytest.raises(RuleError, match=r"t: en must be a list of non-empty strings"):
        vocabulary.by_language({"en": ["ok", ""]}, "t")


def test_importing_reads_no_vocabulary() -> None:
    code = (
        "import cleanpress.text.vocab, cleanpress.detect.evidence, cleanpress.text.lines\n"
        "from cleanpress.text import vocabulary\n"
        "assert vocabulary.load.cache_info().currsize == 0\n"
        "from cleanpress.text.vocab import promo_signs\n"
        "assert promo_signs('FREE spins!!') == ['shouting', 'giveaway']\n"
        "assert vocabulary.load.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(
    ("line", "theme"),
    [
        ("Il tuo conto verrà sospeso: verifica subito i tuoi dati", "account-scam"),
        ("Je account wordt geblokkeerd: bevestig nu je gegevens", "account-scam"),
        ("Your PC is infected — call tech support now at 1-888-555-0143", "account-scam"),
        ("Mit diesem Trick sparen Sie 80 % Stromkosten – Versorger hassen ihn", "miracle"),
        ("Perdi 7 chili in 10 giorni con questo trucco naturale", "miracle"),
        ("Perdi 7 chili in 10 giorni con questo trucco naturale", "weight-loss"),
        ("Val 6 kilo af in 2 weken met deze natuurlijke truc...", "miracle"),
        ("Val 6 kilo af in 2 weken met deze natuurlijke truc...", "weight-loss"),
        ("Lose 6 kg in 2 weeks with this natural trick", "miracle"),
        ("Verliere 6 Kilo in 2 Wochen mit diesem natürlichen Trick", "weight-loss"),
        ("Perdez 6 kilos en 2 semaines avec cette astuce naturelle", "miracle"),
        ("Pierde 6 kilos en 2 semanas con este truco natural", "miracle"),
        ("Perca 6 quilos em 2 semanas com este truque natural", "weight-loss"),
    ],
)
def test_grown_themes_name_their_pitch(line: str, theme: str) -> None:
    assert theme in vocab.promo_signs(line)


@pytest.mark.parametrize(
    "pitch",
    [
        "Val 6 kilo af in 2 weken met deze natuurlijke truc...",
        "Lose 6 kg in 2 weeks with this one weird trick.",
        "Verliere 6 Kilo in 2 Wochen mit diesem einfachen Trick.",
        "Perdez 6 kilos en 2 semaines avec cette astuce naturelle.",
        "Pierde 6 kilos en 2 semanas con este sencillo truco.",
        "Perdi 6 chili in 2 settimane con questo trucco naturale...",
        "Perca 6 quilos em 2 semanas com este truque natural.",
    ],
)
def test_a_weight_loss_pitch_ending_like_a_sentence_goes(pitch: str) -> None:
    """A copy ending in a full stop (or an ellipsis) reads as a sentence and needs two themes: losing
    weight and the trick are two."""
    import cleanpress

    paragraphs = [
        "The council met on Tuesday to discuss the new harbour plan after a long public consultation.",
        "The opposition voted against it and asked for more information about the cost of the works.",
        "The mayor said the works would begin in spring if there were no further delays.",
        "Residents of the district have filed objections against the noise of the excavations.",
    ]
    text, expected = _injected(pitch, paragraphs, "\n\n")
    assert cleanpress.clean(text, "text").text == expected


def _injected(pitch: str, paragraphs: list[str], gap: str) -> tuple[str, str]:
    """``pitch`` after each paragraph but the last (paragraphs ``gap`` apart), and the text without it."""
    text = "".join(f"{p}{gap}{pitch}{gap}" for p in paragraphs[:-1]) + paragraphs[-1] + "\n"
    return text, gap.join(paragraphs) + "\n"


def test_weight_loss_reporting_is_one_theme_at_most() -> None:
    for line in (
        "Patients lost 6 kg in 12 weeks on the new drug, the study found.",
        "Die Fettverbrennung ist ein langsamer Prozess, sagt die Ärztin.",
        "Este truco de magia tiene más de cien años.",
        "He is a one trick pony, his critics say.",
    ):
        assert len(vocab.promo_signs(line)) <= 1, line


def test_a_scam_line_repeated_between_paragraphs_goes() -> None:
    import cleanpress

    pitch = "Tu cuenta será bloqueada: verifica tus datos ahora"
    paragraphs = [
        "El ayuntamiento aprobó el martes el nuevo plan del puerto tras una larga sesión plenaria.",
        "La oposición votó en contra y pidió más información sobre los costes de la obra.",
        "El alcalde dijo que las obras empezarán en primavera si no hay nuevos retrasos.",
        "Los vecinos del barrio presentaron alegaciones contra el ruido de las excavaciones.",
    ]
    text, expected = _injected(pitch, paragraphs, "\n")
    assert cleanpress.clean(text, "text").text == expected
    assert vocab.promo_signs("El banco bloqueó la cuenta del exministro en 2019.") == []
