#!/usr/bin/env python3
"""Second, independent stress corpus for cleanpress (deterministic, fixed seed).

Built like shared/corpora (record format, span categories, span ownership of line
breaks, meta.legit precision traps) but from a fresh bank of inventions: new made-up ad
domains and ad-server URL shapes (IP hosts, ports, punycode/IDN hosts, subdomain tokens,
OpenX/HasOffers/DoubleClick-style paths, very long queries), list domains unused by every
other corpus, lead-ins / boilerplate / spam in seven languages, further link syntaxes
(BBCode, MediaWiki, reST, Org, AsciiDoc, Slack, tables, images, self-linked URLs), HTML
remnants (AMP, <picture>, srcdoc, entity-escaped), real redirect shims and shorteners,
URL disguises and realistic precision traps.

Carriers: the clean `expected` texts of the control records of
/work/shared/corpora/dev-injected.jsonl (the first stress set used dev-broad).

Output: benchmarks/stress2/stress2.jsonl
Usage:  python benchmarks/stress2_corpus.py
Score:  python /work/shared/eval/score_text.py benchmarks/stress2/stress2.jsonl --show-failures 80
"""

from __future__ import annotations

import base64
import html
import json
import random
import re
import sys
import urllib.parse
from pathlib import Path

SEED = 7_310_2025
rng = random.Random(SEED)

HERE = Path(__file__).resolve().parent
OUT = HERE / "stress2" / "stress2.jsonl"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout
CORPORA = SHARED / "corpora"
N_INJECTED = 212
N_CONTROL = 92

# ============================================================================ text model
# A document is a list of units (one line/paragraph each).  A unit is a list of pieces
# (text, span-key | None, legit-key | None); `whole` marks a whole injected line.


class Unit:
    def __init__(self, pieces, whole=None):
        self.pieces = pieces  # list[list[text, span, legit]]
        self.whole = whole    # (category, id) or None


_counter = [0]


def key(cat):
    _counter[0] += 1
    return (cat, _counter[0])


def content(text):
    return Unit([[text, None, None]])


def spam(text, cat):
    k = key(cat)
    return Unit([[text, k, None]], whole=k)


def legit(text, ltype):
    return Unit([[text, None, key(ltype)]])


def render(units, sep, nl):
    """Return text, expected, spans, legit spans."""
    kept_after = [False] * len(units)
    seen = False
    for i in range(len(units) - 1, -1, -1):
        kept_after[i] = seen
        if units[i].whole is None:
            seen = True
    flat = []  # (text, span, legit)
    for i, u in enumerate(units):
        if i:
            owner = None
            if units[i - 1].whole and kept_after[i - 1]:
                owner = units[i - 1].whole      # spam line owns the break after it
            elif u.whole and not kept_after[i]:
                owner = u.whole                 # trailing spam line owns the break before it
            flat.append((sep, owner, None))
        for t, s, lg in u.pieces:
            flat.append((t.replace("\n", nl), s, lg))
    text, spans, legits, pos = [], [], [], 0
    for t, s, lg in flat:
        end = pos + len(t)
        for k, out in ((s, spans), (lg, legits)):
            if k is None:
                continue
            if out and out[-1][3] == k[1] and out[-1][1] == pos:
                out[-1][1] = end
            else:
                out.append([pos, end, k[0], k[1]])
        text.append(t)
        pos = end
    text = "".join(text)
    expected = "".join(t for t, s, lg in flat if s is None)
    return text, expected, [x[:3] for x in spans], [x[:3] for x in legits]


# ============================================================================ corpora / carriers


def load_jsonl(p):
    return [json.loads(x) for x in Path(p).read_text(encoding="utf-8").split("\n") if x.strip()]


DEV_INJ = load_jsonl(CORPORA / "dev-injected.jsonl")
OTHER = DEV_INJ + load_jsonl(CORPORA / "dev-broad.jsonl")
STRESS1 = HERE / "stress" / "stress.jsonl"
if STRESS1.exists():
    OTHER += load_jsonl(STRESS1)
    if (HERE / "stress" / "hard-traps.jsonl").exists():
        OTHER += load_jsonl(HERE / "stress" / "hard-traps.jsonl")
OTHER_TEXT = "\n".join(r["text"] for r in OTHER).lower()


def norm(s):
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


OTHER_SPANS = {norm(r["text"][s:e]) for r in OTHER for s, e, _ in r["spans"]}


def load_carriers():
    out, seen = [], set()
    for r in DEV_INJ:
        if r["kind"] != "control":
            continue
        src = r["meta"]["source"]
        if src in seen:
            continue
        seen.add(src)
        paras = [p.strip() for p in r["expected"].replace("\r\n", "\n").split("\n") if p.strip()]
        if len(paras) >= 3:
            out.append((src, paras[:18]))
    return out


CARRIERS = load_carriers()

# ============================================================================ random helpers

LOW = "abcdefghijklmnopqrstuvwxyz"
DIG = "0123456789"
HEXD = "0123456789abcdef"
B62 = LOW + LOW.upper() + DIG


def rs(n, a=LOW):
    return "".join(rng.choice(a) for _ in range(n))


def rhex(n):
    return rs(n, HEXD)


def rn(lo, hi):
    return str(rng.randint(lo, hi))


def b64url(n):
    return base64.urlsafe_b64encode(bytes(rng.randrange(256) for _ in range(n))).decode().rstrip("=")


LANGS = ["en", "de", "fr", "es", "it", "pt", "nl"]


def lang():
    return rng.choices(LANGS, [4, 2, 2, 2, 2, 2, 2])[0]


# ============================================================================ ad domains

W1 = ["kestrel", "mango", "walrus", "indigo", "onyx", "cactus", "pixel", "sable", "turbo", "gecko", "comet",
      "maple", "topaz", "bison", "citrus", "zephyr", "hornet", "lotus", "glacier", "tornado", "parrot", "ivory"]
W2 = ["bridge", "cascade", "engine", "nexus", "drift", "loop", "matrix", "stack", "grid", "forge", "gate",
      "switch", "rally", "burst", "flux", "socket", "zone", "track", "hub", "deck", "mesh", "vector"]
W3 = ["adnet", "adsrv", "clk", "trk", "bnr", "rtb", "dsp", "ssp", "impr", "monet", "affil", "lead"]
TLDS = ["pro", "site", "online", "website", "space", "store", "tech", "digital", "network", "world", "today",
        "services", "agency", "center", "cyou", "cfd", "ink", "rocks", "zone", "best", "work", "uno", "biz", "info"]


def new_domain():
    k = rng.randrange(7)
    t = rng.choice(TLDS)
    if k == 0:
        n = rng.choice(W1) + rng.choice(W2)
    elif k == 1:
        n = rng.choice(W1) + "-" + rng.choice(W3)
    elif k == 2:
        n = rng.choice(W3) + rng.choice(W2) + rn(1, 99)
    elif k == 3:
        n = rs(rng.randint(3, 5)) + rn(100, 9999) + rs(2)
    elif k == 4:
        n = rng.choice(W2) + "-" + rng.choice(W1) + "-" + rs(3)
    elif k == 5:
        n = rs(2) + rng.choice(W3) + rs(4)
    else:
        n = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(4, 6)))
    return n + "." + t


def lst(path):
    return {d.strip().lower() for d in Path(path).read_text().split() if d.strip() and not d.startswith("#")}


USED_LISTS = lst(CORPORA / "dev-ad-domains.txt") | lst(CORPORA / "dev-broad-ad-domains.txt")


def list_domains(n):
    ez = sorted(lst(SHARED / "lists/easylist-domains.txt"))
    ep = sorted(lst(SHARED / "lists/easyprivacy-domains.txt"))
    r = random.Random(SEED + 99)
    out = []
    for pool, cnt in ((ep, n // 2), (ez, n - n // 2)):
        got = 0
        while got < cnt:
            d = r.choice(pool)
            if (d.count(".") in (1, 2) and len(d) < 30 and d not in USED_LISTS and d not in OTHER_TEXT
                    and d.split(".")[-2] not in OTHER_TEXT and d not in out and not d[0].isdigit()):
                out.append(d)
                got += 1
    return out


LIST_DOMAINS = list_domains(80)
MADE_UP = []
while len(MADE_UP) < 110:
    d = new_domain()
    if d not in MADE_UP and d.split(".")[0] not in OTHER_TEXT and d not in USED_LISTS:
        MADE_UP.append(d)

IDN_HOSTS = ["gewinn-prämie.de", "bônus-grátis.site", "régalo-fácil.online", "prämien-blitz.store", "kadoo-wínst.nl",
             "cadeau-gagné.digital", "sconto-città.shop", "aanbieding-ëxtra.zone"]


def idn(host, puny):
    return host.encode("idna").decode() if puny else host


def ip_host():
    return f"{rng.choice([185, 45, 91, 193, 5, 62, 212])}.{rn(1, 254)}.{rn(0, 254)}.{rn(1, 254)}"


def ad_url(domain, shape=None):
    """Ad-server URL shapes of this set (none of them a dev or stress-1 template)."""
    s = rng.randrange(22) if shape is None else shape
    sub = rng.choice(["", "", "", "www.", "ads.", "a.", "trk.", "serve.", "s" + rn(1, 9) + ".", "cdn" + rn(1, 4) + "."])
    h = sub + domain
    scheme = "https"
    if s == 0:
        p = f"/v2/r?c={rn(10000, 999999)}&p={rhex(12)}"
    elif s == 1:
        p = f"/click.php?key={rs(20, LOW + DIG)}&lp={rn(1, 40)}"
    elif s == 2:
        p = f"/s/{rs(rng.randint(10, 14), B62)}"
    elif s == 3:
        p = f"/landing/{rng.choice(['keto-burn', 'crypto-app', 'win-iphone', 'slots-bonus', 'quick-loan', 'dating-offer'])}-{rn(2, 9)}?clickid={rhex(24)}"
    elif s == 4:
        p = f"/?z={rn(1000000, 9999999)}&syn={rs(8, LOW + DIG)}"
    elif s == 5:
        p = f"/visit/{rn(1000, 999999)}"
    elif s == 6:
        p = f"/b/{rhex(rng.choice([16, 20, 32]))}"
    elif s == 7:
        h = rs(4, LOW + DIG) + rn(0, 9) + "." + domain
        p = f"/{rn(10, 99)}/{rhex(8)}?e={rn(1, 9)}"
    elif s == 8:
        scheme, h = "http", (domain if re.fullmatch(r"[\d.]+", domain) else ip_host())
        p = f"/go.php?id={rn(1000, 99999)}&s={rs(4)}"
    elif s == 9:
        h = domain + rng.choice([":8080", ":8443", ":8000", ":3000"])
        p = f"/track/{rn(100, 9999)}?sid={rs(10, LOW + DIG)}"
    elif s == 10:
        h = domain if (not domain.isascii() or domain.startswith("xn--")) else idn(rng.choice(IDN_HOSTS), rng.random() < 0.5)
        p = f"/{rng.choice(['promo', 'gratis', 'aktion', 'oferta'])}/{rn(100, 9999)}?ref={rs(6, LOW + DIG)}"
    elif s == 11:
        params = [f"cid={rn(1000, 99999)}", f"pid={rn(10, 999)}", f"sub1={rs(8)}", f"sub2={rhex(10)}",
                  f"sub3={rn(1, 99)}", f"gclid={rs(30, B62)}", f"fbclid=IwAR{rs(24, B62)}", f"tz=-{rn(0, 720)}",
                  f"res={rng.choice(['1920x1080', '1366x768', '390x844'])}", f"ts={rn(1_570_000_000, 1_580_000_000)}",
                  f"ua={rhex(16)}", f"cb={rn(10**9, 10**10)}"]
        rng.shuffle(params)
        p = "/serve?" + "&".join(params)
    elif s == 12:
        p = f"/GO/{rs(8, LOW.upper() + DIG)}?REF={rs(5, LOW.upper())}{rn(10, 99)}"
    elif s == 13:
        p = f"/r/{rn(10, 999)}/{rn(1000, 99999)}/{b64url(18)}"
    elif s == 14:
        p = f"/aff_c?offer_id={rn(100, 9999)}&aff_id={rn(1000, 99999)}&aff_sub={rs(10, LOW + DIG)}"
    elif s == 15:
        p = f"/cgi-bin/rd.cgi?u={rn(100000, 999999)}&b={rn(1, 30)}"
    elif s == 16:
        p = (f"/www/delivery/ck.php?ct=1&oaparams=2__bannerid={rn(10, 9999)}__zoneid={rn(1, 999)}"
             f"__cb={rhex(10)}__oadest=https%3A%2F%2F{rs(7)}.{rng.choice(TLDS)}%2F")
    elif s == 17:
        p = f"/adclick/{rs(6)};sz=300x250;ord={rn(10**9, 10**10)}?"
    elif s == 18:
        p = f"/index.php?route=out&sid={rhex(14)}&zone={rn(10, 9999)}"
    elif s == 19:
        p = f"/dl/{rn(100, 99999)}?o={rs(3)}-{rn(1, 99)}#/offer/{rn(10, 999)}"
    elif s == 20:
        p = f"/{rhex(4)}-{rhex(4)}-{rhex(4)}/rt.gif?imp={rn(1, 9)}&uid={rs(12, B62)}"
    else:
        p = f"/api/v1/clk/{rn(10000, 99999)}/{rs(6, B62)}.html"
    return f"{scheme}://{h}{p}"


N_SHAPES = 22

# ============================================================================ URL disguises

ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202c", "\u2066", "\u2069", "\u061c"]
DISGUISES = ["zw", "bidi", "hxxp", "sq-dot", "paren-dot", "curly-dot", "word-dot", "paren-word-dot", "spaced",
             "upper-host", "mixed-scheme", "angle", "parens", "quotes", "trailing", "colon-bracket", "upper-all"]


def parts(url):
    m = re.match(r"([A-Za-z]+)://([^/?#]+)(.*)", url, re.S)
    return m.group(1), m.group(2), m.group(3)


def sprinkle(s, chars, k):
    s = list(s)
    for _ in range(k):
        s.insert(rng.randint(1, len(s) - 1), rng.choice(chars))
    return "".join(s)


def disguise(url, kind=None):
    kind = kind or rng.choice(DISGUISES)
    sc, h, rest = parts(url)
    if kind == "zw":
        return url[: len(sc) + 3] + sprinkle(url[len(sc) + 3:], ZW, rng.randint(1, 4))
    if kind == "bidi":
        return rng.choice(["", "\u200e"]) + url[: len(sc) + 3] + sprinkle(url[len(sc) + 3:], BIDI, rng.randint(1, 3))
    if kind == "hxxp":
        return f"{rng.choice(['hxxp', 'hXXp', 'hxxps', 'hXXps', 'hxxps'])}://{h.replace('.', rng.choice(['[.]', '.']), 1)}{rest}"
    if kind == "sq-dot":
        return f"{sc}://{h.replace('.', '[.]')}{rest}"
    if kind == "paren-dot":
        return f"{sc}://{h.replace('.', '(.)')}{rest}"
    if kind == "curly-dot":
        return f"{sc}://{h.replace('.', '{.}')}{rest}"
    if kind == "word-dot":
        return f"{sc}://{h.replace('.', rng.choice(['[dot]', '[DOT]']))}{rest}"
    if kind == "paren-word-dot":
        return f"{sc}://{h.replace('.', '(dot)')}{rest}"
    if kind == "spaced":
        return f"{sc}://{h.replace('.', ' . ')}{rest}"
    if kind == "upper-host":
        return f"{sc}://{h.upper()}{rest}"
    if kind == "upper-all":
        return f"{sc.upper()}://{h.upper()}{rest}"
    if kind == "mixed-scheme":
        return f"{rng.choice(['hTtPs', 'HTTPs', 'HtTp', 'httpS'])}://{h}{rest}"
    if kind == "angle":
        return f"<{url}>"
    if kind == "parens":
        return rng.choice(["({})", "[{}]", "({}).", "( {} )"]).format(url)
    if kind == "quotes":
        a, b = rng.choice([('"', '"'), ("‘", "’"), ("‹", "›"), ("「", "」"), ("`", "`")])
        return a + url + b
    if kind == "trailing":
        return url + rng.choice(["...", "?!", ":", ".)", " !", "…", ";)"])
    if kind == "colon-bracket":
        return f"{sc}[:]//{h.replace('.', '[.]')}{rest}"
    raise ValueError(kind)


def maybe(url, p=0.33, kinds=None):
    return disguise(url, rng.choice(kinds) if kinds else None) if rng.random() < p else url


# ============================================================================ phrase banks

SITES = ["Valley Courier", "Kenosha Ledger", "Altmark-Bote", "Oberland Anzeiger Online", "La Voix du Morvan",
         "Le Petit Savoyard", "Diario del Bierzo", "Crónica de Tierra de Campos", "Corriere di Valcamonica",
         "Il Tirreno Sera", "Jornal da Serra Verde", "Correio do Minho Hoje", "Westlandse Courant", "Drentse Dagkrant"]

LEADINS = {
    "en": ["Act fast and visit", "More deals at", "🔥 Hot deal", "Shop the sale now", "See why everyone is switching",
           "Today only, tap ->", "🎁", "Psst… it's free", "Deal of the day ⇢"],
    "de": ["Jetzt zugreifen", "Mehr erfahren unter", "Nur heute gültig:", "👉 Hier entlang", "Zum Shop ⟶",
           "Gratis testen unter"],
    "fr": ["Foncez sur", "Offre limitée ➡", "Tout savoir ici", "Je veux en profiter", "🎯", "C'est par ici »"],
    "es": ["Entra ya en", "Oferta válida hoy:", "Descúbrelo en", "Más info", "💥", "No te lo pierdas ➡"],
    "it": ["Scoprilo su", "Solo per oggi", "Visita subito", "Offerta a tempo:", "⭐", "Corri su"],
    "pt": ["Descubra tudo em", "Corre que dá tempo:", "Aproveite agora mesmo", "Só hoje", "💰", "Acesse o link"],
    "nl": ["Snel naar", "Ontdek het op", "Vandaag nog geldig:", "Meer weten?", "🛒", "Pak je korting via"],
}

LINK_TEXT = {
    "en": ["Spin the wheel for a free gift", "Seniors are switching to this plan", "Get paid to test apps",
           "Your parcel is waiting – confirm now", "Refinance in 60 seconds"],
    "de": ["Glücksrad drehen & gewinnen", "Gratis-Probe anfordern", "Paket wartet – jetzt bestätigen"],
    "fr": ["Tournez la roue et gagnez", "Échantillon gratuit ici", "Votre colis vous attend"],
    "es": ["Gira la ruleta y gana", "Pide tu muestra gratis", "Tu paquete te espera"],
    "it": ["Gira la ruota e vinci", "Richiedi il campione gratuito", "Il tuo pacco ti aspetta"],
    "pt": ["Gire a roleta e ganhe", "Peça sua amostra grátis", "Sua encomenda está esperando"],
    "nl": ["Draai aan het rad en win", "Vraag je gratis proefpakket aan", "Je pakket wacht op je"],
}
MARKS = ["Sponsored", "Ad", "Werbung", "Pub", "Anuncio", "Promo", "Advertentie", "Patrocínio"]

ADMARK = {
    "en": ["Sponsored message", "Paid partner content", "Ad · Remove ads", "ADVERTISING FEATURE", "Promotional feature",
           "Commercial content", "Ad by our partners"],
    "de": ["Sponsored Post", "Werbung · Anzeige schließen", "ANZEIGE / WERBUNG", "Kommerzieller Inhalt", "Reklame"],
    "fr": ["Contenu publicitaire", "Annonce sponsorisée", "PUBLI-REPORTAGE", "Espace partenaire"],
    "es": ["Espacio publicitario", "Contenido de marca", "PUBLIRREPORTAJE", "Anuncio patrocinado"],
    "it": ["Inserzione a pagamento", "Contenuto promozionale", "PUBBLIREDAZIONALE", "Messaggio promozionale"],
    "pt": ["Conteúdo pago", "Conteúdo de marca", "PUBLIEDITORIAL", "Espaço publicitário"],
    "nl": ["Gesponsorde vermelding", "Gesponsord bericht", "COMMERCIËLE BOODSCHAP", "Betaalde samenwerking"],
}
CONTINUE = {
    "en": ["Story resumes after the ad", "Keep scrolling to read the rest", "Article resumes below this message",
           "Content continues after advertising"],
    "de": ["Der Text wird unter der Werbung fortgesetzt", "Scrollen Sie weiter, um den Artikel zu lesen",
           "Artikel wird nach der Werbung fortgesetzt"],
    "fr": ["La lecture continue après l'encart publicitaire", "Faites défiler pour lire la suite", "Article à suivre sous l'annonce"],
    "es": ["La noticia sigue tras la publicidad", "Desliza para seguir leyendo", "Continúa la información debajo"],
    "it": ["L'articolo continua dopo la pubblicità", "Scorri per continuare a leggere", "Prosegue dopo l'annuncio"],
    "pt": ["A matéria continua após a publicidade", "Role para continuar lendo", "Texto segue após o anúncio"],
    "nl": ["Het verhaal gaat verder onder de advertentie", "Scroll verder om te lezen", "Tekst loopt door na de reclame"],
}
SHARE = {
    "en": ["Pass it on: share this story with a friend", "Spread the word — Facebook · X · WhatsApp",
           "Join us on Instagram @{handle}", "Found this useful? Share it!", "Stay connected: follow {site} on TikTok"],
    "de": ["Diesen Beitrag weiterempfehlen", "Jetzt teilen: Facebook | WhatsApp | E-Mail", "Besuchen Sie uns auf Instagram"],
    "fr": ["Faites suivre cet article à vos proches", "Rejoignez-nous sur Instagram et TikTok", "Envoyer par WhatsApp · Copier le lien"],
    "es": ["Comparte esta noticia con tus amigos", "Únete a nuestro canal de WhatsApp", "Encuéntranos en Instagram y TikTok"],
    "it": ["Condividi questo articolo con i tuoi amici", "Unisciti al nostro canale WhatsApp", "Ci trovi anche su Instagram e TikTok"],
    "pt": ["Compartilhe esta reportagem com seus amigos", "Entre no nosso canal do WhatsApp", "Acompanhe a gente no TikTok"],
    "nl": ["Stuur dit artikel door naar een vriend", "Word lid van ons WhatsApp-kanaal", "Vind ons op Instagram en TikTok"],
}
NEWSLETTER = {
    "en": ["Want more stories like this? Subscribe to our weekly digest", "Get {site} delivered to your inbox every morning",
           "Enter your email to get breaking alerts"],
    "de": ["Bleiben Sie informiert: Jetzt für den Morgen-Newsletter registrieren", "Täglich die wichtigsten Nachrichten per E-Mail"],
    "fr": ["Abonnez-vous gratuitement à la lettre d'information", "Recevez chaque matin l'essentiel de l'actualité"],
    "es": ["Suscríbete al boletín y recibe lo más leído", "Las noticias del día, cada mañana en tu email"],
    "it": ["Ricevi ogni mattina le notizie via email: iscriviti", "Abbonati alla newsletter gratuita"],
    "pt": ["Inscreva-se e receba as principais notícias do dia", "Cadastre seu e-mail e receba nossos alertas"],
    "nl": ["Meld je aan voor de dagelijkse nieuwsupdate", "Elke ochtend het belangrijkste nieuws in je inbox"],
}
APP = {
    "en": ["Read this on the {site} app — available for iOS and Android", "Open in app for the best experience",
           "Download now on Google Play and the App Store"],
    "de": ["Lesen Sie diesen Artikel in unserer App", "Jetzt im App Store und bei Google Play herunterladen"],
    "fr": ["Retrouvez toute l'actualité sur notre application mobile", "Disponible sur l'App Store et Google Play"],
    "es": ["Lee esta noticia en nuestra aplicación", "Disponible en App Store y Google Play"],
    "it": ["Leggi le notizie sulla nostra app gratuita", "Disponibile su App Store e Google Play"],
    "pt": ["Leia no aplicativo do {site}", "Disponível na App Store e no Google Play"],
    "nl": ["Lees verder in de app van {site}", "Nu beschikbaar in de App Store en Google Play"],
}
COOKIE = {
    "en": ["Cookie settings: we use tracking technologies to tailor ads — Allow / Deny", "Your privacy choices — Accept all / Customise",
           "By clicking “Agree”, you consent to cookies being stored on your device."],
    "de": ["Wir und unsere Partner nutzen Cookies für personalisierte Werbung. Einstellungen", "Alle akzeptieren | Nur notwendige Cookies"],
    "fr": ["Nous et nos partenaires utilisons des traceurs. Paramétrer les cookies", "Accepter et fermer | Refuser"],
    "es": ["Nosotros y nuestros socios usamos cookies. Configurar", "Aceptar todas | Rechazar | Más opciones"],
    "it": ["Noi e i nostri partner utilizziamo i cookie. Gestisci le preferenze", "Accetta tutti | Rifiuta | Personalizza"],
    "pt": ["Nós e nossos parceiros usamos cookies. Gerenciar preferências", "Aceitar tudo | Recusar"],
    "nl": ["Wij en onze partners gebruiken cookies. Voorkeuren beheren", "Alles accepteren | Weigeren"],
}
FEED = {
    "en": ["{h} is a post from: {site}", "This article was first posted on {site}.", "Read the original story on {site}",
           "The entry {h} was first posted at {site}."],
    "de": ["{h} ist ein Beitrag von: {site}", "Der Originalartikel ist bei {site} erschienen.", "Zuerst veröffentlicht bei {site}"],
    "fr": ["Cet article est extrait de {site}.", "Le billet {h} a été publié en premier sur {site}."],
    "es": ["El post {h} apareció primero en {site}.", "Artículo publicado originalmente en {site}"],
    "it": ["L'articolo {h} sembra essere il primo su {site}.", "Questo articolo è stato pubblicato per la prima volta su {site}."],
    "pt": ["O artigo {h} foi publicado primeiro em {site}.", "Matéria publicada originalmente no {site}."],
    "nl": ["Het artikel {h} werd voor het eerst gepubliceerd op {site}.", "Oorspronkelijk verschenen op {site}."],
}
READALSO = {
    "en": ["MORE FROM {SITE}: {h}", "Editor's pick: {h}", "Related coverage: {h}", "Popular right now → {h}"],
    "de": ["Mehr zum Thema: {h}", "Ebenfalls lesenswert: {h}", "Meistgelesen: {h}"],
    "fr": ["À lire aussi sur {site} : {h}", "Sur le même sujet : {h}", "Les plus lus : {h}"],
    "es": ["Te puede interesar: {h}", "Lo más leído: {h}", "Más noticias: {h}"],
    "it": ["Leggi anche: {h}", "I più letti: {h}", "Sullo stesso tema: {h}"],
    "pt": ["Leia também: {h}", "Mais lidas: {h}", "Relacionadas: {h}"],
    "nl": ["Lees ook: {h}", "Meest gelezen: {h}", "Gerelateerd: {h}"],
}
COPYRIGHT = {
    "en": ["(c) {y} {site} Media Group. All rights reserved", "Copyright {y}–{y2} {site}. Do not reproduce without permission.",
           "{site} © {y} | Terms | Privacy"],
    "de": ["Alle Rechte bei {site} © {y}", "Copyright © {site} {y} – Nachdruck nur mit Genehmigung"],
    "fr": ["© Copyright {site} {y} – Droits réservés", "Tous droits de reproduction réservés – {site} {y}"],
    "es": ["Copyright © {site} {y}. Reservados todos los derechos.", "© {site}, {y}. Queda prohibida la reproducción"],
    "it": ["Copyright © {y} {site} – Riproduzione vietata", "© {site} {y} – Tutti i diritti sono riservati"],
    "pt": ["© Copyright {y} {site} – Todos os direitos reservados", "Direitos reservados © {site} {y}"],
    "nl": ["© {site} {y} – Alle rechten voorbehouden", "Copyright © {y} {site}. Niets uit deze uitgave mag worden overgenomen"],
}
FAMILIES = {"admark": ADMARK, "continue": CONTINUE, "share": SHARE, "newsletter": NEWSLETTER, "app": APP,
            "cookie": COOKIE, "feed": FEED, "readalso": READALSO, "copyright": COPYRIGHT}

SPAM = {
    "en": ["Congratulations! Your email was selected for a $1,000 gift card", "Turn ${n} into $5,000 with this AI trading bot",
           "Play 200 free spins at Royal Ace Casino — no deposit!", "Bad credit? Get up to ${n},000 approved today",
           "Cheap Ozempic without a prescription — ships worldwide", "Melt {n} lbs of belly fat while you sleep",
           "Hot singles over 40 are waiting to meet you", "Moms earn $300/day from home — no experience needed"],
    "de": ["Herzlichen Glückwunsch! Sie haben einen 500-€-Gutschein gewonnen", "Mit Bitcoin in {n} Wochen zum Millionär",
           "150 Freispiele im Online-Casino – ohne Einzahlung", "Sofortkredit trotz negativer Schufa – {n}.000 € in 24 h",
           "Potenzmittel rezeptfrei bestellen – diskret geliefert", "Von zu Hause aus {n}0 € am Tag verdienen"],
    "fr": ["Félicitations, vous avez gagné une carte cadeau de 500 € !", "Investissez {n}0 € en crypto et touchez 3 000 € par mois",
           "Casino en ligne : 100 tours gratuits sans dépôt", "Prêt express sans justificatif jusqu'à {n} 000 €",
           "Viagra générique livré en 48 h sans ordonnance", "Travaillez depuis chez vous et gagnez 200 € par jour"],
    "es": ["¡Enhorabuena! Has ganado una tarjeta regalo de 500 €", "Invierte {n}0 € en bitcoin y gana 3.000 € al mes",
           "Casino online: 100 giros gratis sin depósito", "Minicréditos sin papeleo hasta {n}00 € al instante",
           "Pierde {n} kilos en un mes con estas cápsulas", "Mujeres solteras de tu zona quieren conocerte"],
    "it": ["Congratulazioni! Hai vinto una gift card da 500 €", "Investi {n}0 € in criptovalute e guadagna 3.000 € al mese",
           "Casinò online: 100 giri gratis senza deposito", "Prestiti veloci senza busta paga fino a {n}.000 €",
           "Dimagrisci {n} kg in un mese con queste capsule", "Lavora da casa e guadagna 200 € al giorno"],
    "pt": ["Parabéns! Você ganhou um vale-presente de R$ 500", "Invista R$ {n}0 em cripto e ganhe R$ 3.000 por mês",
           "Cassino online: 100 rodadas grátis sem depósito", "Empréstimo na hora sem consulta ao SPC – até R$ {n} mil",
           "Perca {n} kg em um mês com estas cápsulas", "Mulheres solteiras da sua cidade querem te conhecer"],
    "nl": ["Gefeliciteerd! Je hebt een cadeaubon van € 500 gewonnen", "Investeer €{n}0 in crypto en verdien €3.000 per maand",
           "Online casino: 100 gratis spins zonder storting", "Snel geld lenen zonder papierwerk – tot €{n}.000",
           "Val {n} kilo af in een maand met deze capsules", "Werk vanuit huis en verdien €200 per dag"],
}


def decorate(s):
    r = rng.random()
    if r < 0.14:
        s = s.upper()
    elif r < 0.2:
        s = s.lower()
    d = rng.randrange(16)
    if d == 0:
        s = f"**{s}**"
    elif d == 1:
        s = f"## {s}"
    elif d == 2:
        s = f"[ {s} ]"
    elif d == 3:
        s = f"— {s} —"
    elif d == 4:
        s = rng.choice(["📣 ", "📱 ", "🍪 ", "✉️ ", "➡️ ", "🔗 ", "⬇️ ", "💬 "]) + s
    elif d == 5:
        s = s + rng.choice([" ⬇", " ➔", " 📩", " »»", " ▼", " (tap)"])
    elif d == 6:
        s = f"_{s}_"
    elif d == 7:
        s = f"<< {s} >>"
    elif d == 8:
        s = f"=== {s} ==="
    elif d == 9:
        s = f"### {s} ###"
    return s


def headline():
    _, paras = rng.choice(CARRIERS)
    w = re.sub(r"[“”\"'’:;,.()\[\]—]", "", rng.choice(paras[:3])).split()[: rng.randint(5, 9)]
    return " ".join(w)


def boilerplate():
    fam = rng.choice(list(FAMILIES))
    lg = lang()
    t = rng.choice(FAMILIES[fam][lg])
    site = rng.choice(SITES)
    y = rng.randint(2012, 2024)
    s = t.format(h=headline(), site=site, SITE=site.upper(), y=y, y2=y + rng.randint(1, 5),
                 handle=re.sub(r"\W", "", site.lower()))
    return fam, decorate(s)


# ============================================================================ injected material

def any_ad_domain():
    return rng.choice(MADE_UP + LIST_DOMAINS)


def inline_spam():
    lg = lang()
    lead = rng.choice(LEADINS[lg] + [""])
    u = maybe(ad_url(any_ad_domain()))
    if rng.random() < 0.15:  # emoji/arrow glued after the URL
        u += rng.choice([" 🔥", " ✅", " 💸"])
    return f" {lead} {u}" if lead else f" {u}"


def enc(u):
    return urllib.parse.quote(u, safe="")


WRAP = [
    lambda u: f"https://www.google.com/url?q={enc(u)}&sa=U&ved=0ahUKEw{rs(16, B62)}&usg=AOvVaw{rs(20, B62)}",
    lambda u: f"https://www.google.de/url?sa=t&source=web&url={enc(u)}",
    lambda u: f"https://l.facebook.com/l.php?u={enc(u)}&h=AT{rs(26, B62)}",
    lambda u: f"https://out.reddit.com/t3_{rs(6, LOW + DIG)}?url={enc(u)}&token=AQAA{rs(20, B62)}&app_name=reddit.com",
    lambda u: f"https://vk.com/away.php?to={enc(u)}&utf=1",
    lambda u: f"https://t.umblr.com/redirect?z={enc(u)}&t={rhex(40)}&m=1",
    lambda u: f"https://href.li/?{u}",
    lambda u: f"https://www.linkedin.com/redir/redirect?url={enc(u)}&urlhash={rs(4, B62)}",
    lambda u: f"https://eur0{rn(1, 5)}.safelinks.protection.outlook.com/?url={enc(u)}&data=05%7C01%7C{rs(12)}%40{rs(6)}.com%7C{rhex(32)}&sdata={rs(40, B62)}%3D&reserved=0",
    lambda u: "https://urldefense.com/v3/__" + u + "__;!!" + rs(8, B62) + "!" + rs(40, B62) + "$",
    lambda u: "https://urldefense.proofpoint.com/v2/url?u=" + u.replace("-", "-2D").replace(":", "-3A").replace("/", "_")
    + f"&d=DwMFaQ&c={rs(20, B62)}&r={rs(30, B62)}&m={rs(30, B62)}&s={rs(30, B62)}&e=",
    lambda u: f"https://www.bing.com/ck/a?!&&p={rhex(48)}&ptn=3&u=a1{base64.urlsafe_b64encode(u.encode()).decode().rstrip('=')}&ntb=1",
    lambda u: f"https://r.search.yahoo.com/_ylt=A{rs(20, B62)};_ylu={rs(24, B62)}/RV=2/RE={rn(10**9, 10**10)}/RO=10/RU={enc(u)}/RK=2/RS={rs(24, B62)}-",
    lambda u: f"https://www.googleadservices.com/pagead/aclk?sa=L&ai={rs(40, B62)}&adurl={enc(u)}",
]
SHORT = ["bit.ly", "tinyurl.com", "t.co", "ow.ly", "is.gd", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc",
         "buff.ly", "lnkd.in", "v.gd", "t.ly", "s.id", "clck.ru", "soo.gd"]


def short_url(host=None):
    h = host or rng.choice(SHORT)
    n = {"t.co": 10, "lnkd.in": 8, "shorturl.at": 5, "buff.ly": 7, "clck.ru": 5}.get(h, rng.randint(5, 8))
    tok = rs(n, B62)
    if h == "tinyurl.com" and rng.random() < 0.5:
        tok = rng.choice(["win-free-gift-", "cheap-meds-", "bonus-", "y"]) + rs(5, LOW + DIG)
    if h == "lnkd.in":
        tok = rs(1, LOW) + rs(7, B62)
    return f"https://{h}/{tok}"


def redirect_line():
    if rng.random() < 0.6:
        u = rng.choice(WRAP)(ad_url(any_ad_domain(), rng.choice([0, 1, 2, 3, 4, 5, 6, 12, 13, 14, 21])))
    else:
        u = short_url()
    return maybe(u, 0.3, ["zw", "bidi", "upper-host", "mixed-scheme", "angle", "parens", "quotes", "trailing", "hxxp", "sq-dot"])


def md_spam():
    """Markdown / lightweight-markup spam lines.  Returns list of lines (usually one)."""
    t = rng.choice(LINK_TEXT[lang()])
    u = ad_url(any_ad_domain())
    if rng.random() < 0.15:
        u = disguise(u, rng.choice(["zw", "bidi", "upper-host", "mixed-scheme"]))
    img = f"https://{rng.choice(['img', 'static', 'media'])}.{any_ad_domain()}/cr/{rhex(10)}.{rng.choice(['png', 'jpg', 'webp', 'gif'])}"
    m = rng.choice(MARKS)
    k = rng.randrange(24)
    forms = [
        f"![{t}]({img})",
        f"![{m}]({u})",
        f"[{t}]({u} \"{rng.choice(['Click to claim', 'Gratis!', 'Offre du jour', 'Oferta'])}\")",
        f"[{u}]({u})",
        f"<{u}> — {t}",
        f"{t} → <{u}>",
        f"• [{t}]({u})",
        f"1) {t}: {u}",
        f"> 👉 [{t}]({u})",
        f"> **{m}** · [{t}]({u})",
        f"**[{t}]({u})**",
        f"__[{t}]({u})__",
        f"| [{t}]({u}) |",
        f"| {m} | [{t}]({u}) | {rng.choice(['€0', '$1', 'gratis', 'FREE'])} |",
        f"[url={u}]{t}[/url]",
        f"[URL]{u}[/URL]",
        f"[{u} {t}]",
        f"`{t} <{u}>`_",
        f"[[{u}][{t}]]",
        f"{u}[{t}]",
        f"<{u}|{t}>",
        f"[→]({u})",
        f"[![{t}]({img})]({u} \"{m}\")",
        f"~~€99~~ **€9** [{t}]({u})",
    ]
    return [forms[k]]


def html_spam():
    t = rng.choice(LINK_TEXT[lang()])
    d = any_ad_domain()
    u = ad_url(d)
    js = f"https://{rng.choice(['', 'js.', 'tag.'])}{d}/{rng.choice(['loader', 'tag', 'sdk', 'ads'])}.{rhex(6)}.js"
    img = f"https://{d}/cr/{rhex(12)}.{rng.choice(['jpg', 'png', 'webp'])}"
    k = rng.randrange(22)
    forms = [
        f"<a href='{u}' class='promo-link' rel='sponsored'>{t}</a>",
        f"<A HREF={u} TARGET=_BLANK>{t}</A>",
        f'<div class="ad-slot"><a href="{u}">{t}</a></div>',
        f'<div id="div-gpt-ad-{rn(10**12, 10**13)}-0" class="adunit"><a href="{u}"><img src="{img}" alt=""></a></div>',
        f'<amp-ad width="300" height="250" type="{rng.choice(["doubleclick", "adsense", "taboola"])}" data-slot="/{rn(1000, 9999)}/{rs(6)}" src="{u}"></amp-ad>',
        f'<amp-img src="{img}" width="728" height="90" layout="responsive" alt="{t}"></amp-img>',
        f'<picture><source srcset="{img} 1x, {img}?2x 2x" type="image/webp"><img src="{img}" alt="{t}"></picture>',
        f"<SCRIPT LANGUAGE='JavaScript' SRC='{js}'></SCRIPT>",
        f'<script data-cfasync="false" async src="{js}"></script>',
        f"<iframe srcdoc=\"<a href='{u}'>{t}</a>\" width=\"300\" height=\"250\"></iframe>",
        f"&lt;a href=&#39;{u}&#39;&gt;{t}&lt;/a&gt;",
        f"&lt;script type=&quot;text/javascript&quot; src=&quot;{js}&quot;&gt;&lt;/script&gt;",
        html.escape(f'<div class="ad-slot"><a href="{u}">{t}</a></div>'),
        f'<area shape="rect" coords="0,0,300,250" href="{u}" alt="{t}">',
        f'<link rel="prefetch" href="{u}">',
        f'<video autoplay muted src="https://{d}/v/{rhex(8)}.mp4" poster="{img}"></video>',
        f'<a href="javascript:void(0)" onclick="window.location=\'{u}\'">{t}</a>',
        f'<svg width="1" height="1"><a xlink:href="{u}"><text>{t}</text></a></svg>',
        f'<p class="sponsored-text"><a rel="sponsored noopener" href="{u}">{t}</a></p>',
        f'<!-- ad slot {rn(1, 9)} --><a href="{u}">{t}</a><!-- /ad slot -->',
        f'<img srcset="{img} 2x" src="{img}" width="300" height="250" alt="{t}">',
        f'<a href="{u}"\n>{t}</a>',
    ]
    return forms[k]


# ============================================================================ precision traps

LEGIT_SITES = [
    ("Kenosha Ledger", "https://www.kenoshaledger.com/news/local/council-votes-on-lakefront-plan/article_9c2f41e7b03a11eaa1d3.html"),
    ("Altmark-Bote", "https://www.altmark-bote.de/lokales/stendal/schwimmhalle-bleibt-geschlossen-a-7f3e2c91.html?ref=rss"),
    ("La Voix du Morvan", "https://www.lavoixdumorvan.fr/actualite.php?id=4821&lang=fr"),
    ("Diario del Bierzo", "https://www.diariodelbierzo-noticias.es/articulo/ponferrada/nuevo-hospital/20191104123456.html"),
    ("Corriere di Valcamonica", "https://www.corrierevalcamonica.it/notizie/cronaca/?id=123&lang=it"),
    ("Jornal da Serra Verde", "https://www.jornalserraverde.com.br/noticia/cidade/obras-da-ponte-retomadas-0a8f3d"),
    ("Westlandse Courant", "https://www.westlandsecourant.nl/nieuws/gemeente/kassen-uitbreiding~b7e41c2a/"),
    ("Technische Universität Dresden", "https://tu-dresden.de/tu-dresden/newsportal/news/studie-grundwasser-2019?set_language=de"),
    ("Università di Bologna", "https://magazine.unibo.it/archivio/2019/11/05/ricerca-sul-clima-dati-aperti"),
    ("Universiteit van Amsterdam", "https://www.uva.nl/shared-content/uva/nl/nieuws/nieuwsberichten/2019/11/onderzoek-slaap.html"),
    ("Universidade de Lisboa", "https://www.ulisboa.pt/noticia/estudo-sobre-o-tejo?id=123&lang=en"),
    ("Universidad Complutense", "https://www.ucm.es/noticias/investigacion-agua-5d2f9c1a"),
    ("University of Edinburgh", "https://www.ed.ac.uk/news/2019/glacier-retreat-study?id=7716&lang=en"),
    ("Université Grenoble Alpes", "https://www.univ-grenoble-alpes.fr/actualites/glaciers-alpins-1205843.kjsp?RH=1575466912452"),
    ("Médecins Sans Frontières", "https://www.msf.org/report-measles-outbreak-drc-2019"),
    ("Oxfam", "https://www.oxfam.org/en/research/time-care?cid=aff_pr_4e7d"),
    ("Caritas Italiana", "https://www.caritas.it/home_page/area_stampa/00008321_Rapporto_poverta_2019.html"),
    ("Cruz Roja", "https://www2.cruzroja.es/-/informe-anual-2019?p_l_id=5f3a9c"),
    ("Greenpeace Nederland", "https://www.greenpeace.org/nl/klimaat/21934/rapport-luchtvaart/"),
    ("Amnesty International", "https://www.amnesty.de/informieren/aktuell/bericht-pressefreiheit-2019?utm_source=newsletter"),
    ("WWF France", "https://www.wwf.fr/vous-informer/actualites/rapport-planete-vivante?id=2019-11&lang=fr"),
    ("Statistik Austria", "https://www.statistik.at/web_de/presse/121784.html"),
    ("Portal da Transparência", "https://portaldatransparencia.gov.br/despesas/orgao?ano=2019&id=26000"),
]
CITE = {
    "en": ["Source: {n}, {u}", "Originally reported by {n}: {u}", "Full study: {u}", "Via {n} ({u})", "Report: {u}"],
    "de": ["Quelle: {n}, {u}", "Mehr dazu bei {n}: {u}", "Originalstudie: {u}"],
    "fr": ["Source : {n}, {u}", "D'après {n} : {u}", "L'étude complète : {u}"],
    "es": ["Fuente: {n}, {u}", "Según {n}: {u}", "Estudio completo: {u}"],
    "it": ["Fonte: {n}, {u}", "Lo studio integrale: {u}", "Secondo {n}: {u}"],
    "pt": ["Fonte: {n}, {u}", "Estudo completo: {u}", "Segundo {n}: {u}"],
    "nl": ["Bron: {n}, {u}", "Volledig onderzoek: {u}", "Volgens {n}: {u}"],
}
REF_HEAD = {"en": ["Further reading", "Sources:", "References and data"], "de": ["Quellen:", "Zum Weiterlesen"],
            "fr": ["Sources :", "Références"], "es": ["Fuentes:", "Para saber más"], "it": ["Fonti:", "Riferimenti"],
            "pt": ["Referências:", "Para saber mais"], "nl": ["Bronnen", "Meer lezen:"]}
INLINE_URL = {
    "en": ["The council posted the minutes at {u} on Thursday.", "According to the filing ({u}), the deal closed in March."],
    "de": ["Das Protokoll ist seit Donnerstag unter {u} einsehbar.", "Laut dem Bericht ({u}) stiegen die Kosten deutlich."],
    "fr": ["Le compte rendu est en ligne sur {u} depuis jeudi.", "Selon le rapport ({u}), les coûts ont doublé."],
    "es": ["El acta está publicada en {u} desde el jueves.", "Según el informe ({u}), los costes se duplicaron."],
    "it": ["Il verbale è online su {u} da giovedì.", "Secondo il rapporto ({u}), i costi sono raddoppiati."],
    "pt": ["A ata está publicada em {u} desde quinta-feira.", "Segundo o relatório ({u}), os custos dobraram."],
    "nl": ["De notulen staan sinds donderdag op {u}.", "Volgens het rapport ({u}) zijn de kosten verdubbeld."],
}
SHORT_INLINE = {
    "en": ["Volunteers can sign up via {u} before the end of the month.", "The livestream ({u}) starts at 7 p.m."],
    "de": ["Freiwillige können sich über {u} bis Monatsende melden."],
    "fr": ["Les bénévoles peuvent s'inscrire via {u} avant la fin du mois."],
    "es": ["Los voluntarios pueden inscribirse en {u} antes de fin de mes."],
    "it": ["I volontari possono iscriversi tramite {u} entro fine mese."],
    "pt": ["Os voluntários podem se inscrever pelo {u} até o fim do mês."],
    "nl": ["Vrijwilligers kunnen zich via {u} aanmelden voor het einde van de maand."],
}
EMAILS = {
    "en": ["Questions about the program can be sent to grants@kenoshaledger.com.", "Contact the press office at media@ed.ac.uk."],
    "de": ["Rückfragen beantwortet die Pressestelle unter presse@altmark-bote.de."],
    "fr": ["Les témoignages peuvent être envoyés à temoins@lavoixdumorvan.fr."],
    "es": ["Las consultas pueden dirigirse a prensa@ucm.es."],
    "it": ["Le segnalazioni vanno inviate a redazione@corrierevalcamonica.it."],
    "pt": ["Dúvidas podem ser enviadas para imprensa@ulisboa.pt."],
    "nl": ["Reacties kunnen naar lezers@westlandsecourant.nl."],
}
SUBHEAD = ["After the vote", "Counting the cost", "A decade of delays", "Wie es weitergeht", "Der Hintergrund", "Les réactions",
           "Un projet contesté", "Lo que viene", "Las cifras", "Cosa cambia", "Il nodo dei costi", "Próximos passos",
           "O impacto", "De achtergrond", "Hoe nu verder"]
LOOKALIKE = [
    "The advertising watchdog ordered the clinic to withdraw the leaflet after 40 complaints.",
    "Bakers said rising butter prices had pushed up the cost of cookies by a third.",
    "Newsletters from the mayor's office now go to 12,000 households, up from 3,000 last year.",
    "Sharing the road with cyclists was the theme of this year's safety week.",
    "The app, which the hospital launched in March, lets patients book scans.",
    "Copyright to the mural remains with the artist's estate, the museum said.",
    "Sponsorship from the regional bank covered about half of the festival's budget.",
    "Read more carefully, the judge told the jury, before deciding on the second count.",
    "Die Werbeagentur verlor den Etat nach zwölf Jahren an einen Konkurrenten.",
    "Wer Cookies backen will, sollte den Teig über Nacht kühlen, rät die Konditorin.",
    "Der Verein teilt sich die Halle seit 2015 mit der Grundschule.",
    "La publicité de la campagne a été retirée après une plainte de l'association.",
    "Les droits d'auteur de l'œuvre reviennent à la famille du peintre, selon le tribunal.",
    "La aplicación municipal permite pagar el aparcamiento desde el móvil desde marzo.",
    "El patrocinio de la caja rural cubrió la mitad del presupuesto de las fiestas.",
    "L'annuncio della chiusura dello stabilimento è arrivato via email ai dipendenti.",
    "La newsletter della parrocchia viene ancora stampata e distribuita a mano.",
    "A publicidade da campanha foi suspensa pelo tribunal eleitoral na terça-feira.",
    "O patrocínio da cooperativa garantiu a reforma do ginásio da escola.",
    "De reclamecampagne van de gemeente kostte ruim twee ton, blijkt uit stukken.",
    "De bewoners delen sinds vorig jaar een elektrische auto via een app.",
]
SLOGAN = ["“Water is a right, not a product.”", "„Kein Bahnhof ohne Bahn.“", "« Touche pas à mon école. »",
          "“Sin agua no hay futuro.”", "“Giù le mani dal parco.”", "“Saúde não é mercadoria.”", "“Handen af van ons dorp.”"]


def trap(kind):
    """-> (list of unit groups to insert as lines, list of inline sentences)."""
    lg = lang()
    if kind == "citation-line":
        n, u = rng.choice(LEGIT_SITES)
        return [[legit(rng.choice(CITE[lg]).format(n=n, u=u), kind)]], []
    if kind == "reference-list":
        us = rng.sample(LEGIT_SITES, rng.randint(2, 4))
        head = rng.choice(REF_HEAD[lg])
        style = rng.randrange(3)
        lines = [legit(head, kind)]
        for n, u in us:
            lines.append(legit(u if style == 0 else f"- {n}: {u}" if style == 1 else f"{n} – {u}", kind))
        return [lines], []
    if kind == "reputable-url-inline":
        return [], [(" " + rng.choice(INLINE_URL[lg]).format(u=rng.choice(LEGIT_SITES)[1]), kind)]
    if kind == "shortener-in-sentence":
        return [], [(" " + rng.choice(SHORT_INLINE[lg]).format(u=short_url(rng.choice(["bit.ly", "tinyurl.com", "is.gd", "ow.ly", "t.ly"]))), kind)]
    if kind == "email-inline":
        return [], [(" " + rng.choice(EMAILS[lg]), kind)]
    if kind == "subheading":
        return [[legit(rng.choice(SUBHEAD), kind)]], []
    if kind == "boilerplate-lookalike":
        return [[legit(rng.choice(LOOKALIKE), kind)]], []
    if kind == "repeated-legit-line":
        s = rng.choice(SLOGAN + ["Photo: Kenosha Ledger", "Foto: Altmark-Bote", "(Archivbild)", "— — —"])
        return [[legit(s, kind)], [legit(s, kind)]], []
    raise ValueError(kind)


TRAPS = ["citation-line", "reference-list", "reputable-url-inline", "shortener-in-sentence", "email-inline",
         "subheading", "boilerplate-lookalike", "repeated-legit-line"]

# ============================================================================ assembly

CATS = ["ad-url-line", "unknown-ad-url-line", "inline-ad-url", "markdown-link-spam", "html-link-remnant",
        "redirect-url-line", "boilerplate-line", "repeated-spam-line"]
WEIGHTS = [3, 3, 3, 2.5, 2.5, 2, 3, 2]


def put(groups, new_groups, top_ok=False):
    for g in new_groups:
        lo = 0 if top_ok and rng.random() < 0.12 else 1
        groups.insert(rng.randint(lo, len(groups)), g)


def put_inline(groups, text, span=None, lg=None, mid=True):
    cands = [g[0] for g in groups if len(g) == 1 and g[0].whole is None and len(g[0].pieces) == 1
             and g[0].pieces[0][1] is None and g[0].pieces[0][2] is None and len(g[0].pieces[0][0]) > 70]
    if not cands:
        cands = [g[0] for g in groups if g[0].whole is None and g[0].pieces[-1][1] is None and g[0].pieces[-1][2] is None]
    u = rng.choice(cands)
    base = u.pieces[-1][0]
    piece = [text, span, lg]
    cuts = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-ZÀ-Ý“\"(])", base)] if mid else []
    if cuts and rng.random() < 0.5:
        c = rng.choice(cuts)
        u.pieces[-1:] = [[base[:c], None, None], piece, [base[c:], None, None]]
    else:
        u.pieces.append(piece)


def inject(groups, cat):
    if cat in ("ad-url-line", "unknown-ad-url-line"):
        if cat == "ad-url-line":
            dom = rng.choice(LIST_DOMAINS)
            shape = rng.choice([s for s in range(N_SHAPES) if s not in (8, 10)])
        else:
            dom = rng.choice(MADE_UP)
            shape = rng.randrange(N_SHAPES)
            if shape == 8:
                dom = ip_host()
            elif shape == 10:
                dom = idn(rng.choice(IDN_HOSTS), rng.random() < 0.5)
        rotate = rng.random() < 0.25  # each repetition a fresh token, same domain and shape
        u = maybe(ad_url(dom, shape))
        lines = []
        for _ in range(rng.randint(2, 6)):
            lines.append(u)
            if rotate:
                u = maybe(ad_url(dom, shape), 0.2)
        put(groups, [[spam(x, cat)] for x in lines], top_ok=True)
    elif cat == "inline-ad-url":
        for _ in range(rng.randint(1, 2)):
            put_inline(groups, inline_spam(), span=key(cat))
    elif cat == "markdown-link-spam":
        for _ in range(rng.randint(1, 2)):
            put(groups, [[spam(x, cat)] for x in md_spam()])
    elif cat == "html-link-remnant":
        for _ in range(rng.randint(1, 2)):
            h = html_spam()
            if rng.random() < 0.3 and "\n" not in h:
                put_inline(groups, " " + h, span=key(cat), mid=False)
            else:
                put(groups, [[spam(h, cat)]])
    elif cat == "redirect-url-line":
        line = redirect_line()
        put(groups, [[spam(line if rng.random() < 0.75 else redirect_line(), cat)] for _ in range(rng.choice([1, 1, 2, 3]))])
    elif cat == "boilerplate-line":
        for _ in range(rng.randint(1, 4)):
            fam, s = boilerplate()
            u = spam(s, cat)
            if fam in ("copyright", "feed", "share", "app") and rng.random() < 0.6:
                groups.append([u])
            elif fam == "cookie" and rng.random() < 0.6:
                groups.insert(0, [u])
            else:
                put(groups, [[u]])
    elif cat == "repeated-spam-line":
        s = rng.choice(SPAM[lang()]).format(n=rng.randint(2, 40))
        if rng.random() < 0.3:
            s = rng.choice(["🎰 ", "💊 ", "💰 ", "❤️ ", "🚀 ", "‼️ "]) + s
        put(groups, [[spam(s, cat)] for _ in range(rng.randint(3, 5))])


def add_traps(groups, n):
    for k in rng.sample(TRAPS, n):
        gs, inl = trap(k)
        put(groups, gs)
        for t, lt in inl:
            put_inline(groups, t, lg=key(lt), mid=False)


def make(rid, kind):
    src, paras = rng.choice(CARRIERS)
    groups = [[content(p)] for p in paras]
    crlf = rng.random() < 0.10
    blank = rng.random() < 0.5
    nl = "\r\n" if crlf else "\n"
    sep = nl * 2 if blank else nl
    layout = ("blank" if blank else "single") + ("-crlf" if crlf else "")
    if kind == "injected":
        cats = set()
        for _ in range(rng.choices([1, 2, 3], [5, 4, 2])[0]):
            cats.add(rng.choices(CATS, WEIGHTS)[0])
        for c in sorted(cats, key=CATS.index):
            inject(groups, c)
        if rng.random() < 0.55:
            add_traps(groups, rng.randint(1, 2))
    else:
        add_traps(groups, rng.choice([0, 1, 1, 2, 2, 3]))
    units = [u for g in groups for u in g]
    text, expected, spans, legits = render(units, sep, nl)
    # invariant: deleting the spans gives expected exactly
    out, cur = [], 0
    for s, e, _ in spans:
        assert s >= cur and e > s, rid
        out.append(text[cur:s])
        cur = e
    out.append(text[cur:])
    assert "".join(out) == expected, rid
    assert (kind == "control") == (not spans), rid
    assert kind != "control" or text == expected
    return {"id": rid, "kind": kind, "text": text, "expected": expected, "spans": spans,
            "meta": {"source": src, "layout": layout, "legit": legits}}


# ============================================================================ disjointness


def overlap_report(records):
    probs = []
    for r in records:
        for s, e, c in r["spans"]:
            if norm(r["text"][s:e]) in OTHER_SPANS:
                probs.append(f"span equals an existing span: {r['text'][s:e]!r}")
    fixed = [x for fam in FAMILIES.values() for v in fam.values() for x in v if "{" not in x]
    fixed += [x for v in SPAM.values() for x in v if "{" not in x] + [x for v in LINK_TEXT.values() for x in v]
    fixed += [x for v in LEADINS.values() for x in v if len(norm(x)) > 4] + LOOKALIKE + SUBHEAD
    for x in fixed:
        nx = norm(x)
        if nx in OTHER_SPANS or (len(nx) > 8 and re.search(r"(?<![a-z0-9])" + re.escape(nx) + r"(?![a-z0-9])", OTHER_NORM)):
            probs.append(f"phrase occurs in another corpus: {x!r}")
    for d in MADE_UP + LIST_DOMAINS:
        if d in OTHER_TEXT:
            probs.append(f"domain occurs in another corpus: {d}")
    for _, u in LEGIT_SITES:
        h = parts(u)[1]
        if h in OTHER_TEXT:
            probs.append(f"legit host occurs in another corpus: {h}")
    return probs


OTHER_NORM = norm(OTHER_TEXT)


def main():
    OUT.parent.mkdir(parents=True, exist_ok=True)
    kinds = ["injected"] * N_INJECTED + ["control"] * N_CONTROL
    rng.shuffle(kinds)
    records = [make(f"stress2-{i:04d}", k) for i, k in enumerate(kinds)]
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    probs = overlap_report(records)
    for p in probs:
        print("overlap:", p, file=sys.stderr)
    tally = {}
    for r in records:
        for c in {c for *_, c in r["spans"]}:
            tally.setdefault(c, [0, 0])[1] += 1
        for *_, c in r["spans"]:
            tally.setdefault(c, [0, 0])[0] += 1
    lay = {}
    for r in records:
        lay[r["meta"]["layout"]] = lay.get(r["meta"]["layout"], 0) + 1
    print(f"{OUT}: {len(records)} records ({kinds.count('injected')} injected, {kinds.count('control')} controls); layouts {lay}")
    for c in CATS:
        print(f"  {c:<22} {tally.get(c, [0, 0])[0]:>4} spans / {tally.get(c, [0, 0])[1]:>3} records")
    print(f"  overlap problems: {len(probs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
