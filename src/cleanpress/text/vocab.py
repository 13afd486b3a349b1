"""The vocabulary line and link rules read: calls to action and promotional themes, in the seven
languages of the rule packs (English, German, French, Spanish, Italian, Portuguese, Dutch)."""

from __future__ import annotations

from functools import lru_cache

import regex

from cleanpress.text.lazy import lazy

# Calls to action that introduce an injected link, in the seven languages of the rule packs. The
# lead-in must end with the phrase (plus punctuation or an arrow): "Find out more:", "Infos unter".
CTA = lazy(
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
    r"\s*[:：.!…\-–—→»>➜➔➤►▶⇒👉]*\ufe0f?\s*$",
    regex.I,
)


def cta_start(fragment: str) -> int | None:
    """Where the call to action that ends ``fragment`` starts ("… Bekijk hier:" -> its offset)."""
    m = CTA.search(fragment)
    return m.start() if m is not None else None


# --- promotional lines --------------------------------------------------------------------------
# Each theme found in a line counts once. Spam lines are sales pitches, so they show two or more
# themes ("Congratulations! You have been selected for a free …": prize + giveaway); real text that
# happens to repeat (meal-plan headings, refrains) shows none or one.
_PROMO_THEMES: tuple[tuple[str, str], ...] = (
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
# Words that news uses as often as pitches do: never enough on their own.
WEAK_THEMES = frozenset({"win", "urgency"})
# Themes that say what is sold (not how loudly): one of them on an isolated repeated line is enough.
TOPICAL_THEMES = frozenset(
    {"giveaway", "prize", "get-rich", "dating", "pharma", "fast-money", "miracle", "discount"}
)
_PROMO_SIGNS = tuple((name, lazy(pattern, regex.I)) for name, pattern in _PROMO_THEMES)


@lru_cache(maxsize=4096)
def _promo_signs(line: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in _PROMO_SIGNS if pattern.search(line))


def promo_signs(line: str) -> list[str]:
    """The promotional themes a line shows (discount, money, shouting, giveaway, prize, …)."""
    return list(_promo_signs(line))
