#!/usr/bin/env python3
"""Third, independent stress corpus for cleanpress (deterministic, fixed seed).

Built like shared/corpora (record format, span categories, span ownership of line breaks,
meta.legit precision traps) from a fresh bank of inventions that is meant to be disjoint from
the public dev sets and from stress sets 1 and 2: new made-up ad domains, ad/affiliate/tracker
URL templates in the style of real networks (native-widget click paths, affiliate-network
deep links, tracker platforms, pop/push networks), unused list domains, new lead-ins,
boilerplate and spam phrasings in seven languages, further Markdown / HTML link variants,
new redirect shims and shorteners, URL disguises and realistic precision traps.

Carriers: the clean `expected` texts of the control records of BOTH
/work/shared/corpora/dev-injected.jsonl and dev-broad.jsonl, each cut to a (different)
middle slice of paragraphs.

Output: benchmarks/stress3/stress3.jsonl
Usage:  python benchmarks/stress3_corpus.py
Score:  python /work/shared/eval/score_text.py benchmarks/stress3/stress3.jsonl --show-failures 80
"""

from __future__ import annotations

import base64
import html
import json
import random
import re
import sys
import urllib.parse
import uuid
from collections import Counter
from pathlib import Path

SEED = 3_0303_2025
rng = random.Random(SEED)

HERE = Path(__file__).resolve().parent
OUT = HERE / "stress3" / "stress3.jsonl"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "corpora"
N_INJECTED = 210
N_CONTROL = 90

# ============================================================================ text model


class Unit:
    """One line / paragraph: pieces of (text, span-key|None, legit-key|None)."""

    def __init__(self, pieces, whole=None):
        self.pieces = pieces
        self.whole = whole


_ctr = [0]


def key(cat):
    _ctr[0] += 1
    return (cat, _ctr[0])


def content(t):
    return Unit([[t, None, None]])


def spam(t, cat, k=None):
    k = k or key(cat)
    return Unit([[t, k, None]], whole=k)


def legit(t, lt, k=None):
    return Unit([[t, None, k or key(lt)]])


def render(units, sep, nl):
    kept_after = [False] * len(units)
    seen = False
    for i in range(len(units) - 1, -1, -1):
        kept_after[i] = seen
        if units[i].whole is None:
            seen = True
    flat = []
    for i, u in enumerate(units):
        if i:
            owner = None
            if units[i - 1].whole and kept_after[i - 1]:
                owner = units[i - 1].whole
            elif u.whole and not kept_after[i]:
                owner = u.whole
            flat.append((sep.replace("\n", nl), owner, None))
        for t, s, lg in u.pieces:
            flat.append((t, s, lg))
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


# ============================================================================ other corpora


def load_jsonl(p):
    return [json.loads(l) for l in Path(p).read_text(encoding="utf-8").split("\n") if l.strip()]


DEV = load_jsonl(CORPORA / "dev-injected.jsonl") + load_jsonl(CORPORA / "dev-broad.jsonl")
OTHER = list(DEV)
for extra in (HERE / "stress" / "stress.jsonl", HERE / "stress" / "hard-traps.jsonl", HERE / "stress2" / "stress2.jsonl"):
    if extra.exists():
        OTHER += load_jsonl(extra)
OTHER_TEXT = "\n".join(r["text"] for r in OTHER).lower()
OTHER_SRC = "".join(p.read_text(encoding="utf-8").lower() for p in (HERE / "stress_corpus.py", HERE / "stress2_corpus.py")
                    if p.exists())


def norm(s):
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


OTHER_SPANS = {norm(r["text"][s:e]) for r in OTHER for s, e, _ in r["spans"]}


def load_carriers():
    out = []
    for r in DEV:
        if r["kind"] != "control":
            continue
        paras = [p for p in re.split(r"\r?\n", r["expected"]) if p.strip()]
        if len(paras) >= 3:
            out.append((r["meta"].get("source", "?"), paras))
    return out


CARRIERS = load_carriers()
_carrier_uses = Counter()


def cut(paras):
    """A middle slice of paragraphs, different on each use of the article."""
    n = len(paras)
    if n <= 4:
        return list(paras)
    hi = min(n - 1, 14)
    want = rng.randint(min(max(3, n // 4), hi), hi)
    lo = rng.randint(1 if n - want >= 1 else 0, max(0, n - want))
    return paras[lo:lo + want]


# ============================================================================ randomness helpers

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


def enc(u):
    return urllib.parse.quote(u, safe="")


def b64(n):
    return base64.urlsafe_b64encode(bytes(rng.randrange(256) for _ in range(n))).decode().rstrip("=")


def ruuid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


LANGS = ["en", "de", "fr", "es", "it", "pt", "nl"]


def lang():
    return rng.choices(LANGS, [4, 2, 2, 2, 2, 2, 2])[0]


# ============================================================================ ad domains

TLDS = ["com", "net", "org", "io", "co", "xyz", "top", "online", "site", "club", "live", "pro", "fun", "space",
        "info", "biz"]
P1 = ["mango", "walrus", "kiwi", "cactus", "puffin", "lotus", "bison", "otter", "koala", "cedar", "tulip", "zephyr",
      "comet", "glacier", "geyser", "lagoon", "canyon", "nebula", "papaya", "narwhal", "fennel", "sorrel", "basalt"]
P2 = ["dash", "bloom", "forge", "nest", "loop", "spark", "wave", "deck", "mint", "rush", "grid", "stack", "fuse",
      "knot", "crest", "drift", "swoop", "trove", "flick"]
P3 = ["adnet", "clk", "trk", "monet", "offerz", "leadz", "conv", "rtb", "dsp", "servd", "impr", "bidz", "reach"]


def new_domain():
    k = rng.randrange(8)
    t = rng.choice(TLDS)
    if k == 0:
        n = rng.choice(P1) + rng.choice(P2)
    elif k == 1:
        n = rng.choice(P1) + "-" + rng.choice(P3)
    elif k == 2:
        n = rng.choice(P3) + rng.choice(P2) + rn(2, 98)
    elif k == 3:
        n = rs(rng.randint(10, 16))
    elif k == 4:
        n = rng.choice(P2) + "-" + rng.choice(P1) + "-" + rn(1, 9)
    elif k == 5:
        n = "".join(rng.choice("bdfgjklmnprstvwxz") + rng.choice("aeiouy") for _ in range(rng.randint(3, 5))) + rng.choice(["ly", "io", "ex", "ora", "ify"])
    elif k == 6:
        n = rng.choice(P3) + "-" + rs(rng.randint(4, 6)) + rn(10, 999)
    else:
        n = rs(3) + rn(1, 9) + rs(4) + rng.choice(P2)
    return n + "." + t


def lst(path):
    return {d.strip().lower() for d in Path(path).read_text().split() if d.strip() and not d.startswith("#")}


USED_LISTS = lst(CORPORA / "dev-ad-domains.txt") | lst(CORPORA / "dev-broad-ad-domains.txt")


def list_domains(n):
    ez = sorted(lst(SHARED / "lists/easylist-domains.txt"))
    r = random.Random(SEED + 17)
    out = []
    while len(out) < n:
        d = r.choice(ez)
        if (d.count(".") == 1 and 6 < len(d) < 26 and d not in USED_LISTS and d not in OTHER_TEXT
                and d.split(".")[0] not in OTHER_TEXT and d not in OTHER_SRC and d not in out and not d[0].isdigit()):
            out.append(d)
    return out


LIST_DOMAINS = list_domains(70)
MADE_UP = []
while len(MADE_UP) < 90:
    d = new_domain()
    if (d not in MADE_UP and d.split(".")[0] not in OTHER_TEXT and d.split(".")[0] not in OTHER_SRC
            and d not in USED_LISTS and d not in lst(SHARED / "lists/easylist-domains.txt")):
        MADE_UP.append(d)


# 14 templates in the style of native-ad widgets, affiliate networks, trackers and pop networks
def ad_url(domain, shape=None):
    s = rng.randrange(14) if shape is None else shape
    sub = rng.choice(["", "", "", "www.", "go.", "track.", "lnk.", "rtb" + rn(1, 9) + ".", "c" + rn(10, 99) + "."])
    h = sub + domain
    if s == 0:    # Outbrain-like paid click
        p = f"/network/redir?p={b64(36)}&c={rhex(8)}&v=3&t={rhex(8)}"
    elif s == 1:  # MGID-like ghits
        p = f"/ghits/{rn(1000000, 9999999)}/i/{rn(10000, 99999)}/0/pp/{rn(1, 9)}/{rn(1, 6)}?h={b64(30)}&rid={ruuid()}&tt=Direct&att=3"
    elif s == 2:  # Impact-like deep link
        p = f"/c/{rn(1000000, 4999999)}/{rn(100000, 999999)}/{rn(1000, 19999)}?subId1={rs(6, LOW + DIG)}&sharedid={rs(5)}"
    elif s == 3:  # ShareASale-like
        p = f"/r.cfm?b={rn(100000, 2999999)}&u={rn(100000, 3999999)}&m={rn(10000, 140000)}&urllink=&afftrack={rs(8, LOW + DIG)}"
    elif s == 4:  # Voluum-like campaign link
        p = f"/{ruuid()}?cost=0.00{rn(10, 99)}&site={rn(1000, 99999)}&country={rng.choice(['DE', 'FR', 'ES', 'IT', 'BR', 'NL', 'US'])}&bid={rhex(16)}"
    elif s == 5:  # Keitaro-like
        p = f"/{rs(7, B62)}?_lp=1&_token={b64(42)}"
    elif s == 6:  # Monetag/Propeller-like direct link
        p = f"/{rn(1, 9)}/{rn(1000000, 9999999)}?var={rs(10, LOW + DIG)}&ymid={rhex(32)}"
    elif s == 7:  # ExoClick-like splash
        p = f"/splash.php?idzone={rn(100000, 5999999)}&type={rn(1, 9)}&cat={rn(1, 20)}"
    elif s == 8:  # Adcash-like
        p = f"/ad/display.php?r={rn(1000000, 9999999)}&treqn={rn(100000000, 999999999)}&runauction=1&crr={b64(24)}"
    elif s == 9:  # Everflow-like
        p = f"/{rs(6, LOW.upper() + DIG)}/{rs(6, LOW.upper() + DIG)}/?uid={rn(10, 9999)}&source_id={rs(8, LOW + DIG)}&sub5={rhex(12)}"
    elif s == 10:  # ClickBank-like hoplink
        h = f"{rs(rng.randint(5, 8))}.{rs(rng.randint(5, 9))}.hop.{domain}"
        p = f"/?tid={rs(10, LOW.upper() + DIG)}&cbpage={rng.choice(['vsl', 'order', 'quiz'])}"
    elif s == 11:  # Taboola-like
        p = f"/tb/rc?ii={rn(10**7, 10**8)}&it=photo&pi={rhex(16)}&ri={rhex(32)}&sd={b64(40)}"
    elif s == 12:  # RevContent-like
        p = f"/cv/v3/{b64(48)}?p={rn(10000, 99999)}&cb={rn(10**9, 10**10)}"
    else:          # Partnerize-style path parameters
        p = f"/click/camref:{rn(1000, 1199)}l{rs(4, B62)}/pubref:{rs(8, LOW + DIG)}/adref:{rhex(10)}"
    return f"https://{h}{p}"


N_SHAPES = 14


def ad_domain(known=None):
    if known is None:
        known = rng.random() < 0.5
    return rng.choice(LIST_DOMAINS if known else MADE_UP), known


# ============================================================================ disguises

ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2067", "\u2069"]
DISGUISES = ["zw", "bidi", "hxxp", "sq-dot", "paren-dot", "word-dot", "angle", "parens", "quotes", "trailing",
             "mixed-scheme", "upper-host", "schemeless", "protorel"]


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
    if kind == "zw":   # inside host and path
        return f"{sc}://" + sprinkle(h, ZW, 1) + sprinkle(rest, ZW, rng.randint(0, 2)) if len(rest) > 2 else url
    if kind == "bidi":
        return rng.choice(["\u202d", "\u2066", ""]) + f"{sc}://" + sprinkle(h + rest, BIDI, rng.randint(1, 2))
    if kind == "hxxp":
        return f"{rng.choice(['hxxps', 'hXXps', 'hxxp'])}://{h.replace('.', '[.]')}{rest}"
    if kind == "sq-dot":  # only the last dot of the host
        i = h.rfind(".")
        return f"{sc}://{h[:i]}[.]{h[i + 1:]}{rest}"
    if kind == "paren-dot":
        return f"{sc}://{h.replace('.', '(.)')}{rest}"
    if kind == "word-dot":
        return f"{sc}://{h.replace('.', rng.choice(['[dot]', '(dot)', '[.]']))}{rest}"
    if kind == "angle":
        return f"<{url}>"
    if kind == "parens":
        return rng.choice(["({})", "[ {} ]", "(( {} ))"]).format(url)
    if kind == "quotes":
        a, b = rng.choice([("«\u00a0", "\u00a0»"), ("„", "“"), ("'", "'"), ("»", "«"), ("“", "”")])
        return a + url + b
    if kind == "trailing":
        return url + rng.choice([" ", "\t", "\u00a0", ".", " –", "!!!", "),"])
    if kind == "mixed-scheme":
        return f"{rng.choice(['HTTPS', 'hTtps', 'Http', 'HTTP'])}://{h}{rest}"
    if kind == "upper-host":
        return f"{sc}://{h.upper()}{rest}"
    if kind == "schemeless":
        return ("www." + h if not h.startswith("www.") else h) + rest
    if kind == "protorel":
        return f"//{h}{rest}"
    raise ValueError(kind)


def maybe(url, p=0.33, kinds=None):
    return disguise(url, rng.choice(kinds) if kinds else None) if rng.random() < p else url


# ============================================================================ phrase banks

SITES = ["Lakeshore Gazette", "Hillcrest Daily Mirror", "Emsland-Echo", "Schwarzwald Rundblick", "L'Écho du Vercors",
         "Le Journal des Landes", "Heraldo de la Sierra Sur", "Voz del Guadalquivir", "La Sentinella del Po",
         "Eco di Brianza", "Folha do Litoral Norte", "Gazeta do Alentejo", "Zeeuwse Bode", "Veluwe Vandaag"]
CITIES = ["Springfield", "Hamburg", "Lyon", "Sevilla", "Torino", "Porto", "Utrecht"]

HEADLINES = {
    "en": ["Council approves new cycle lanes after heated debate", "Why your energy bill could drop this winter",
           "Local bakery wins national award", "Five takeaways from the budget speech"],
    "de": ["Neue Radwege für die Innenstadt beschlossen", "Warum die Mieten im Umland steigen",
           "Bäckerei aus dem Ort gewinnt Bundespreis"],
    "fr": ["La mairie vote un plan vélo ambitieux", "Pourquoi les loyers grimpent en périphérie",
           "Une boulangerie locale primée au concours national"],
    "es": ["El ayuntamiento aprueba nuevos carriles bici", "Por qué suben los alquileres en la periferia",
           "Una panadería local gana el premio nacional"],
    "it": ["Il comune approva nuove piste ciclabili", "Perché gli affitti salgono in periferia",
           "Un forno del paese vince il premio nazionale"],
    "pt": ["Câmara aprova novas ciclovias no centro", "Por que os aluguéis sobem na periferia",
           "Padaria local ganha prémio nacional"],
    "nl": ["Gemeente keurt nieuwe fietspaden goed", "Waarom de huren in de randgemeenten stijgen",
           "Lokale bakker wint landelijke prijs"],
}

LEADINS = {
    "en": ["Unlock the bonus:", "Tap to redeem →", "Members save more at", "Bag the bargain:", "Exclusive link:",
           "Offer ends at midnight:", "➡️ Redeem now"],
    "de": ["Angebot abholen:", "Rabattcode einlösen unter", "Direkt zum Deal →", "Jetzt Vorteil sichern:", "Gutschein hier:"],
    "fr": ["Code promo ici :", "Réservez votre cadeau :", "L'offre du moment →", "Je clique ici :", "Bon plan :"],
    "es": ["Canjea tu cupón:", "Reserva tu regalo:", "Descuento exprés →", "Pincha aquí:", "Chollo del día:"],
    "it": ["Riscatta il coupon:", "Prenota il tuo regalo:", "Sconto espresso →", "Tocca qui:", "Affare del giorno:"],
    "pt": ["Resgate o cupom:", "Pegue seu presente:", "Oferta relâmpago →", "Toque aqui:", "Promoção do dia:"],
    "nl": ["Verzilver je kortingscode:", "Haal je cadeau op:", "Flitsdeal →", "Tik hier:", "Koopje van de dag:"],
    "none": ["", "", "✅", "(ad)"],
}
LINK_TEXT = {
    "en": ["Collect your loyalty reward", "This 2-minute quiz reveals your ideal investment",
           "Homeowners in your area are claiming this rebate", "Try the meal kit for $0"],
    "de": ["Treuebonus jetzt abholen", "Dieses Quiz verrät Ihre ideale Geldanlage", "Hausbesitzer holen sich diesen Zuschuss"],
    "fr": ["Récupérez votre bonus fidélité", "Ce quiz révèle votre placement idéal", "Les propriétaires réclament cette prime"],
    "es": ["Recoge tu recompensa de fidelidad", "Este test revela tu inversión ideal", "Los propietarios ya piden esta ayuda"],
    "it": ["Ritira il premio fedeltà", "Questo quiz rivela il tuo investimento ideale", "I proprietari chiedono questo bonus"],
    "pt": ["Retire sua recompensa de fidelidade", "Este teste revela seu investimento ideal", "Proprietários já pedem este reembolso"],
    "nl": ["Haal je loyaliteitsbeloning op", "Deze quiz onthult jouw ideale belegging", "Huiseigenaren vragen deze premie aan"],
}
MD_LABELS = ["Anzeige", "Partner", "Advertorial", "Pubblicità", "Publi", "Patrocinado", "Promotie", "Ad", "Deal"]

ADMARK = {
    "en": ["Paid content", "Sponsor message", "AD CONTENT", "Brought to you by our sponsors", "Advertisement feature"],
    "de": ["Werbeanzeige", "Bezahlter Beitrag", "Unterstützt von unseren Partnern", "WERBEBLOCK"],
    "fr": ["Message de nos partenaires", "Contenu payant", "PUBLICITÉ PARTENAIRE", "Encadré publicitaire"],
    "es": ["Mensaje de nuestros patrocinadores", "Contenido promocionado", "Espacio de anunciante"],
    "it": ["Messaggio dei nostri sponsor", "Contenuto a pagamento", "Spazio dell'inserzionista"],
    "pt": ["Mensagem dos nossos patrocinadores", "Conteúdo promovido", "Espaço do anunciante"],
    "nl": ["Bericht van onze sponsors", "Betaalde inhoud", "Ruimte voor adverteerders"],
}
CONTINUE = {
    "en": ["Article continues underneath advertisement", "Read on after the sponsored message",
           "The rest of this story is below the ad", "Story continues beneath this promotion"],
    "de": ["Weiter geht's nach der Werbung", "Fortsetzung unterhalb der Anzeige", "Der Bericht geht nach dieser Anzeige weiter"],
    "fr": ["La suite de l'article après cette réclame", "Lire la suite sous cette annonce", "L'article reprend après la publicité"],
    "es": ["Sigue la noticia después del anuncio", "El texto continúa tras la publicidad", "La información sigue bajo el anuncio"],
    "it": ["Segue dopo la pubblicità", "Il testo prosegue dopo l'inserzione", "La lettura continua sotto l'annuncio"],
    "pt": ["A notícia continua depois da propaganda", "O texto segue depois do anúncio", "Siga lendo abaixo da publicidade"],
    "nl": ["Verder lezen na de advertentie", "Het bericht loopt verder onder deze reclame", "Lees verder onder deze advertentie"],
}
READALSO = {
    "en": ["Related story: {h}", "MORE: {h}", "Also worth your time: {h}", "Catch up: {h}", "In case you missed it: {h}"],
    "de": ["Verwandter Artikel: {h}", "Hintergrund zum Thema: {h}", "Lesetipp der Redaktion: {h}", "Auch lesenswert → {h}"],
    "fr": ["À consulter aussi : {h}", "Dans la même rubrique : {h}", "Le choix de la rédaction : {h}", "Pour approfondir → {h}"],
    "es": ["Contenido relacionado: {h}", "Lea también: {h}", "Más sobre este tema: {h}", "Recomendado por la redacción: {h}"],
    "it": ["Articoli correlati: {h}", "Approfondisci: {h}", "Scelto dalla redazione: {h}", "Ti potrebbe piacere: {h}"],
    "pt": ["Matéria relacionada: {h}", "Escolha da redação: {h}", "Para aprofundar: {h}", "Confira também: {h}"],
    "nl": ["Gerelateerd nieuws: {h}", "Tip van de redactie: {h}", "Ook gelezen: {h}", "Lees hier ook: {h}"],
}
SHARE = {
    "en": ["Email this article", "Click to share on X (Opens in new window)", "Share via: Email · Print · Copy link",
           "Send this story to a friend", "Follow {site} on WhatsApp"],
    "de": ["Per E-Mail versenden", "Auf Facebook teilen · Auf X teilen", "Link kopieren | Drucken | Teilen",
           "Folgen Sie {site} auf WhatsApp"],
    "fr": ["Partager par e-mail", "Partager sur X (ouvre une nouvelle fenêtre)", "Copier le lien · Imprimer",
           "Suivez {site} sur Google Actualités"],
    "es": ["Compartir por correo electrónico", "Compartir en X (se abre en una ventana nueva)", "Copiar enlace | Imprimir",
           "Sigue a {site} en Google Noticias"],
    "it": ["Condividi via email", "Condividi su X (si apre in una nuova finestra)", "Copia link · Stampa",
           "Segui {site} su Google News"],
    "pt": ["Compartilhar por e-mail", "Compartilhe no X (abre em nova janela)", "Copiar link | Imprimir",
           "Siga o {site} no Google Notícias"],
    "nl": ["Delen via e-mail", "Deel op X (opent in nieuw venster)", "Link kopiëren · Afdrukken", "Volg {site} op Google Nieuws"],
}
NEWSLETTER = {
    "en": ["Subscribe to the {site} newsletter for daily updates", "Like this story? Get our free evening newsletter",
           "Sign up to receive our weekend roundup"],
    "de": ["Abonnieren Sie unseren kostenlosen Abend-Newsletter", "Newsletter bestellen: die Nachrichten des Tages",
           "Melden Sie sich für den {site}-Newsletter an"],
    "fr": ["Abonnez-vous à notre lettre quotidienne", "Inscrivez-vous gratuitement à la newsletter de {site}",
           "Recevez notre newsletter chaque soir"],
    "es": ["Suscríbete a nuestro boletín diario", "Recibe gratis la newsletter de {site}", "Date de alta en nuestro boletín"],
    "it": ["Iscriviti alla newsletter di {site}", "Ricevi la nostra newsletter serale", "Abbonati gratis alla nostra newsletter"],
    "pt": ["Assine a newsletter do {site}", "Receba nossa newsletter diária gratuitamente", "Inscreva-se no nosso boletim"],
    "nl": ["Abonneer je op de nieuwsbrief van {site}", "Meld je gratis aan voor onze avondnieuwsbrief",
           "Ontvang onze dagelijkse nieuwsbrief"],
}
COOKIE = {
    "en": ["We use cookies to improve your experience and show relevant ads. Accept / Manage settings",
           "This website stores cookies on your computer. Accept all", "By using this site you agree to our use of cookies. Got it"],
    "de": ["Diese Seite nutzt Cookies. Alle Cookies akzeptieren", "Wir setzen Cookies ein. Zustimmen und weiter",
           "Cookie-Einstellungen verwalten | Ablehnen"],
    "fr": ["Ce site utilise des cookies. Accepter / Personnaliser", "En cliquant sur « Accepter », vous consentez aux cookies.",
           "Gérer mes cookies | Tout refuser"],
    "es": ["Usamos cookies para personalizar anuncios. Aceptar todas", "Al seguir navegando aceptas el uso de cookies. Configurar",
           "Gestionar cookies | Rechazar"],
    "it": ["Utilizziamo i cookie per personalizzare gli annunci. Accetta tutti",
           "Proseguendo la navigazione accetti l'uso dei cookie.", "Gestisci preferenze cookie | Rifiuta"],
    "pt": ["Usamos cookies para personalizar anúncios. Aceitar todos", "Ao continuar navegando, você aceita os cookies. Configurar",
           "Gerenciar cookies | Rejeitar"],
    "nl": ["Wij gebruiken cookies voor advertenties. Alles accepteren", "Door verder te surfen ga je akkoord met cookies.",
           "Cookie-instellingen beheren | Weigeren"],
}
FIRSTPUB = {
    "en": ["This piece was first carried by {site}.", "This story originally ran on {site}.", "First seen on {site}."],
    "de": ["Dieser Beitrag wurde zuerst auf {site} veröffentlicht.", "Der Artikel „{h}“ wurde erstmals auf {site} publiziert."],
    "fr": ["Cet article est paru initialement sur {site}.", "Le billet « {h} » a été publié d'abord sur {site}."],
    "es": ["Este artículo se publicó originalmente en {site}.", "La nota «{h}» apareció primero en {site}."],
    "it": ["Questo pezzo è uscito in origine su {site}.", "Il post «{h}» è apparso per la prima volta su {site}."],
    "pt": ["Este artigo foi publicado originalmente no {site}.", "O artigo “{h}” foi publicado primeiro em {site}."],
    "nl": ["Dit artikel werd eerder gepubliceerd op {site}.", "Het artikel ‘{h}’ verscheen oorspronkelijk op {site}."],
}
APP = {
    "en": ["Get the {site} app for iPhone and Android", "Read more stories in the {site} app", "Download our free news app today"],
    "de": ["Holen Sie sich die {site}-App", "Mehr Nachrichten in unserer kostenlosen App", "Die {site}-App für iOS und Android"],
    "fr": ["Téléchargez l'appli {site}", "Toute l'info dans notre appli gratuite", "L'appli {site} pour iPhone et Android"],
    "es": ["Descárgate la app de {site}", "Toda la información en nuestra app gratuita", "La app de {site} para iPhone y Android"],
    "it": ["Scarica l'app di {site}", "Tutte le notizie nella nostra app gratuita", "L'app di {site} per iPhone e Android"],
    "pt": ["Baixe o app do {site}", "Todas as notícias no nosso app gratuito", "O app do {site} para iPhone e Android"],
    "nl": ["Installeer de {site}-app", "Al het nieuws in onze gratis app", "De {site}-app voor iPhone en Android"],
}
COPYRIGHT = {
    "en": ["© {y} {site} Media Group. All rights reserved.", "Copyright {y} {site}. Not to be reproduced without permission.",
           "(c) {site} {y} — all rights reserved"],
    "de": ["© {site} {y} – Nachdruck nur mit Genehmigung", "Alle Inhalte urheberrechtlich geschützt © {site}"],
    "fr": ["Tous droits réservés © {site} {y}", "© {y} {site} – Toute reproduction interdite"],
    "es": ["Copyright © {site} {y}. Reservados todos los derechos.", "Derechos reservados © {y} {site}"],
    "it": ["© {y} {site} – Riproduzione riservata", "Tutti i diritti riservati © {site}"],
    "pt": ["Copyright {site} {y} – proibida a reprodução", "Direitos reservados © {site} {y}"],
    "nl": ["Copyright {site} {y} – niets uit deze uitgave mag worden overgenomen", "Alle rechten voorbehouden © {site}"],
}
WIDGET = {
    "en": ["Promoted Stories", "From our partners", "Sponsored links you may like"],
    "de": ["Gesponserte Links", "Von unseren Partnern"],
    "fr": ["Liens sponsorisés", "De nos partenaires"],
    "es": ["Enlaces patrocinados", "De nuestros socios"],
    "it": ["Link sponsorizzati", "Dai nostri partner"],
    "pt": ["Links patrocinados", "Dos nossos parceiros"],
    "nl": ["Gesponsorde links", "Van onze partners"],
}
FAMILIES = {"admark": ADMARK, "continue": CONTINUE, "readalso": READALSO, "share": SHARE, "newsletter": NEWSLETTER,
            "cookie": COOKIE, "firstpub": FIRSTPUB, "app": APP, "copyright": COPYRIGHT, "widget": WIDGET}

SPAM = {
    "en": ["Earn $350 a day from home with this simple AI app!!!", "Your PC is infected — call tech support now at 1-888-555-0143",
           "Claim your unclaimed tax refund before Friday!", "Limited seats: free crypto masterclass, register today!!"],
    "de": ["Sie haben gewonnen! Holen Sie Ihren Einkaufsgutschein jetzt ab!!", "Mit diesem Trick sparen Sie 80 % Stromkosten – Versorger hassen ihn",
           "Kredit ohne Auskunft in 10 Minuten – sofort aufs Konto!"],
    "fr": ["Gagnez 2 000 € par mois depuis chez vous, sans diplôme !", "Votre compte sera suspendu : vérifiez vos informations maintenant",
           "Perdez 8 kilos en 2 semaines grâce à cette astuce naturelle"],
    "es": ["¡Gana 500 € diarios desde casa con esta app!", "Tu cuenta será bloqueada: verifica tus datos ahora",
           "Adelgaza 10 kilos en 3 semanas con este truco natural"],
    "it": ["Guadagna 300 € al giorno da casa con questa app!", "Il tuo conto verrà sospeso: verifica subito i tuoi dati",
           "Perdi 7 chili in 10 giorni con questo trucco naturale"],
    "pt": ["Ganhe R$ 1.000 por dia sem sair de casa!!!", "Sua conta será bloqueada: atualize seus dados agora",
           "Perca 9 kg em 15 dias com este truque natural"],
    "nl": ["Verdien € 400 per dag vanuit huis met deze app!", "Je account wordt geblokkeerd: bevestig nu je gegevens",
           "Val 6 kilo af in 2 weken met deze natuurlijke truc"],
}


def decorate(s, heavy=False):
    r = rng.random()
    if r < 0.15:
        s = s.upper()
    elif r < 0.22:
        s = s.lower()
    elif r < 0.3 and not heavy:
        s = s.title()
    r = rng.random()
    if r < 0.1:
        s = s.rstrip(".") + rng.choice([" …", "...", " »", " ↓", " ▼", ":"])
    elif r < 0.18:
        s = rng.choice(["— {} —", "*** {} ***", "[ {} ]", "-- {} --", "▶ {}", "**{}**", "_{}_", "· {} ·", "<< {} >>"]).format(s)
    elif r < 0.22:
        s = "  " + s + " "
    return s


def boilerplate(fam=None):
    fam = fam or rng.choice(list(FAMILIES))
    lg = lang()
    site = rng.choice(SITES)
    s = rng.choice(FAMILIES[fam][lg]).format(site=site, h=rng.choice(HEADLINES[lg]), y=rn(2015, 2025))
    return decorate(s, heavy=fam in ("readalso", "firstpub", "cookie"))


# ============================================================================ injection builders

def inline_piece():
    lg = rng.choice(LANGS + ["none"])
    d, _ = ad_domain()
    u = maybe(ad_url(d))
    li = rng.choice(LEADINS[lg])
    return " " + (li + " " if li else "") + u


SHORTENERS = ["surl.li", "kutt.it", "urlz.fr", "qrco.de", "gg.gg", "t2m.io", "dub.sh", "tiny.one", "shrinkme.io",
              "exe.io", "trib.al", "dlvr.it", "hyperurl.co"]


def short_url(h=None):
    h = h or rng.choice(SHORTENERS + ["linkvertise"])
    if h == "linkvertise":
        return f"https://linkvertise.com/{rn(10000, 999999)}/{rng.choice(['free-bonus', 'gift-card', 'premium-unlock'])}-{rs(4)}"
    if h == "dub.sh":
        return f"https://dub.sh/{rs(7, B62)}"
    return f"https://{h}/{rs(rng.randint(5, 8), B62)}"


WRAP = [
    lambda u: f"https://medium.com/r/?url={enc(u)}",
    lambda u: f"https://link.zhihu.com/?target={enc(u)}",
    lambda u: f"https://click.linksynergy.com/deeplink?id={rs(11, B62)}&mid={rn(1000, 49999)}&murl={enc(u)}",
    lambda u: f"https://www.awin1.com/cread.php?awinmid={rn(1000, 29999)}&awinaffid={rn(100000, 999999)}&ued={enc(u)}",
    lambda u: f"https://go.redirectingat.com/?id={rn(10000, 99999)}X{rn(100000, 1999999)}&xs=1&url={enc(u)}&sref=",
    lambda u: f"https://l.threads.net/?u={enc(u)}&e=AT{rs(26, B62)}",
    lambda u: f"https://www.pinterest.com/offsite/?token={rn(100, 999)}-{rn(100, 999)}&url={enc(u)}&pin={rn(10**15, 10**16)}",
    lambda u: f"https://protect2.fireeye.com/v1/url?k={rhex(8)}-{rhex(8)}-{rhex(8)}-{rhex(12)}-{rhex(16)}&q=1&e={ruuid()}&u={enc(u)}",
    lambda u: f"https://linkprotect.cudasvc.com/url?a={enc(u)}&c=E,1,{rs(40, B62)},&typo=1",
    lambda u: f"https://secure-web.cisco.com/1{rs(60, B62)}/{enc(u)}",
    lambda u: f"https://www.dereferer.org/?{enc(u)}",
    lambda u: f"https://clickserve.dartsearch.net/link/click?lid={rn(10**16, 10**17)}&ds_s_kwgid=58700{rn(10**12, 10**13)}&ds_dest_url={enc(u)}",
    lambda u: f"https://redirect.viglink.com/?key={rhex(32)}&u={enc(u)}",
    lambda u: f"https://shop-links.co/link?publisher_slug={rs(8)}&exclusive=1&url={enc(u)}&article_name={rs(6)}",
    lambda u: f"https://www.google.com/amp/s/{u.split('://', 1)[1]}",
]


def redirect_line():
    if rng.random() < 0.62:
        d, _ = ad_domain()
        u = rng.choice(WRAP)(ad_url(d))
    else:
        u = short_url()
    return maybe(u, 0.3, ["zw", "bidi", "angle", "quotes", "trailing", "mixed-scheme", "upper-host", "hxxp", "parens"])


def md_lines():
    """Returns a list of lines (1 or 2) forming one markdown spam item."""
    lg = lang()
    t = rng.choice(LINK_TEXT[lg])
    d, _ = ad_domain()
    u = ad_url(d)
    uu = maybe(u, 0.25, ["zw", "bidi", "mixed-scheme", "upper-host", "hxxp"])
    k = rng.randrange(15)
    if k == 0:
        return [f"- [{t}]({uu})"]
    if k == 1:
        return [f"+ [{t}]({uu})"]
    if k == 2:
        return [f"> [{t}]({uu})"]
    if k == 3:
        return [f"{rng.choice(['##', '###', '####'])} [{t}]({uu})"]
    if k == 4:
        return [f"**[{t}]({uu})**"]
    if k == 5:
        return [f"__{rng.choice(MD_LABELS)}:__ [{t}]({uu})"]
    if k == 6:
        return [f"[**{t}**]({uu})"]
    if k == 7:
        return [f"[{t}](<{u}>)"]
    if k == 8:
        return [f"[{t}]({uu} \"{t}\")"]
    if k == 9:
        return [f"[{t}]({uu} ({rng.choice(MD_LABELS)}))"]
    if k == 10:
        img = f"https://cdn.{d}/img/{rhex(12)}.{rng.choice(['jpg', 'webp', 'png'])}"
        return [f"[![{t}]({img})]({uu})"]
    if k == 11:
        ref = rng.choice(["promo", "p1", "9", "deal", "x"])
        return [f"[{t}][{ref}]", f"[{ref}]: {rng.choice([u, '<' + u + '>'])} \"{rng.choice(MD_LABELS)}\""]
    if k == 12:
        return [f"{rn(1, 9)}) [{t}]({uu})"]
    if k == 13:
        return [f"[{t}]({uu}){{:target=\"_blank\" rel=\"sponsored\"}}"]
    return [f"🔗 *{rng.choice(MD_LABELS)}* — [{t}]({uu})"]


def html_snip(mid=False):
    lg = lang()
    t = rng.choice(LINK_TEXT[lg])
    d, _ = ad_domain()
    u = ad_url(d)
    k = rng.randrange(16)
    if mid:
        k = rng.choice([0, 1, 2, 5, 6, 12, 14])
    if k == 0:
        return f"<a rel=\"sponsored nofollow\" href='{u}'>{t}</a>"
    if k == 1:
        return f"<A HREF=\"{u}\" TARGET=_blank>{t.upper()}</A>"
    if k == 2:
        return f"<a class=\"ad-link\" data-track=\"{rs(6)}\" href=\"{html.escape(u)}\">{t}</a>"
    if k == 3:
        return f"<div class=\"ad-slot\" data-ad-unit=\"/{rn(1000, 99999)}/{rs(6)}\" data-href=\"{u}\"></div>"
    if k == 4:
        return f"<ins class=\"ad-unit\" data-zone=\"{rn(100, 99999)}\" data-src=\"{u}\"></ins>"
    if k == 5:
        return f"<script async src=\"https://{rng.choice(['cdn.', 'js.', ''])}{d}/tag.js?id={rhex(10)}\"></script>"
    if k == 6:
        return f"<noscript><img src=\"https://{d}/px/{rn(1000, 99999)}.gif?e=view&rnd={rn(10**8, 10**9)}\" width=\"1\" height=\"1\" alt=\"\"></noscript>"
    if k == 7:
        return f"<iframe src=\"{u}\" frameborder=\"0\" scrolling=\"no\" width=\"300\" height=\"250\"></iframe>"
    if k == 8:
        return f"<object data=\"{u}\" type=\"text/html\" width=\"320\" height=\"50\"></object>"
    if k == 9:
        return f"<meta http-equiv=\"refresh\" content=\"0;url={u}\">"
    if k == 10:
        return f"&lt;iframe src=&quot;{u}&quot; width=&quot;728&quot;&gt;&lt;/iframe&gt;"
    if k == 11:
        return f"&#60;a href=&#34;{u}&#34;&#62;{t}&#60;/a&#62;"
    if k == 12:
        return f"<a href=\"{u}\" onclick=\"window.open(this.href);return false;\">{t}</a>"
    if k == 13:
        return f"<button onclick=\"location.href='{u}'\">{t}</button>"
    if k == 14:
        return f"<img src=\"https://{d}/imp?cid={rn(1000, 99999)}&cb={rn(10**9, 10**10)}\" width=1 height=1 style=\"display:none\">"
    return f"<script>setTimeout(function(){{location.replace(\"{u}\")}},{rn(2, 9)}000)</script>"


# ============================================================================ precision traps

REPUTABLE = [
    lambda: f"https://ec.europa.eu/eurostat/databrowser/view/{rs(3)}_{rs(4)}{rn(10, 99)}/default/table?lang=en",
    lambda: f"https://www.oecd.org/en/publications/{rn(2019, 2024)}/0{rn(1, 9)}/economic-outlook_{rhex(8)}.html",
    lambda: f"https://www.imf.org/en/Publications/WEO/Issues/{rn(2019, 2024)}/04/16/world-economic-outlook-april-{rn(2019, 2024)}",
    lambda: f"https://pubmed.ncbi.nlm.nih.gov/{rn(30000000, 38999999)}/",
    lambda: f"https://doi.org/10.1038/s41586-0{rn(19, 24)}-0{rn(1000, 9999)}-{rn(1, 9)}",
    lambda: f"https://zenodo.org/records/{rn(1000000, 9999999)}",
    lambda: f"https://www.destatis.de/DE/Presse/Pressemitteilungen/{rn(2019, 2024)}/0{rn(1, 9)}/PD{rn(19, 24)}_{rn(100, 499)}_611.html",
    lambda: f"https://www.insee.fr/fr/statistiques/{rn(1000000, 7999999)}",
    lambda: f"https://www.ine.es/dyngs/INEbase/es/operacion.htm?c=Estadistica_C&cid={rn(10**12, 10**13)}&idp={rn(10**12, 10**13)}",
    lambda: f"https://www.istat.it/comunicato-stampa/{rng.choice(['occupati-e-disoccupati', 'prezzi-al-consumo'])}-{rng.choice(['gennaio', 'marzo'])}-{rn(2019, 2024)}/",
    lambda: f"https://www.ibge.gov.br/estatisticas/sociais/trabalho/{rn(9000, 9999)}-pnad.html?edicao={rn(30000, 39999)}&t=resultados",
    lambda: f"https://www.cbs.nl/nl-nl/nieuws/{rn(2019, 2024)}/{rn(10, 52)}/{rng.choice(['inflatie-daalt', 'meer-banen'])}",
    lambda: f"https://gitlab.com/{rs(6)}/{rs(7)}/-/commit/{rhex(40)}",
    lambda: f"https://data.europa.eu/data/datasets/{ruuid()}?locale=en",
    lambda: f"https://www.sec.gov/Archives/edgar/data/{rn(100000, 1999999)}/{rn(10**17, 10**18)}/{rs(4)}-{rn(2019, 2024)}1231.htm",
    lambda: f"https://www.bls.gov/news.release/empsit.t{rn(10, 19)}.htm",
]
CITE_LABEL = {"en": ["Source:", "Data:", "Study:"], "de": ["Quelle:", "Daten:"], "fr": ["Source :", "Données :"],
              "es": ["Fuente:", "Datos:"], "it": ["Fonte:", "Dati:"], "pt": ["Fonte:", "Dados:"], "nl": ["Bron:", "Gegevens:"]}
REF_HEAD = ["Sources and further reading", "Quellen und Links:", "Sources :", "Fuentes consultadas:", "Fonti:",
            "Referências:", "Bronnen:", "References"]
INLINE_REP = {
    "en": ["The full dataset ({u}) was released on Tuesday.", "Researchers posted the code at {u} for others to check."],
    "de": ["Die Rohdaten ({u}) sind öffentlich zugänglich.", "Die Auswertung ist unter {u} abrufbar."],
    "fr": ["Les données brutes ({u}) sont publiques.", "L'étude est consultable sur {u} depuis lundi."],
    "es": ["Los datos completos ({u}) se publicaron el martes.", "El informe puede consultarse en {u} desde el lunes."],
    "it": ["I dati completi ({u}) sono stati pubblicati martedì.", "Il rapporto è consultabile su {u}."],
    "pt": ["Os dados completos ({u}) foram divulgados na terça-feira.", "O relatório pode ser lido em {u}."],
    "nl": ["De volledige dataset ({u}) werd dinsdag gepubliceerd.", "Het rapport staat op {u}."],
}
SHORT_INL = {
    "en": ["The council's 40-page PDF is at {u} for anyone who wants the detail.", "A recording ({u}) was shared by organisers."],
    "de": ["Das Protokoll der Sitzung steht unter {u} bereit."],
    "fr": ["Le compte rendu de la séance est disponible via {u}."],
    "es": ["El acta de la sesión está disponible en {u}."],
    "it": ["Il verbale della seduta è disponibile su {u}."],
    "pt": ["A ata da sessão está disponível em {u}."],
    "nl": ["Het verslag van de vergadering staat op {u}."],
}
EMAIL_INL = {
    "en": ["Readers with information can write to tips@lakeshoregazette.com.", "The lab can be reached at k.osei@imperial.ac.uk."],
    "de": ["Hinweise nimmt die Redaktion unter hinweise@emsland-echo.de entgegen."],
    "fr": ["Les lecteurs peuvent écrire à courrier@echoduvercors.fr."],
    "es": ["Los lectores pueden escribir a cartas@vozdelguadalquivir.es."],
    "it": ["Segnalazioni a redazione@ecodibrianza.it."],
    "pt": ["Contactos para leitores@gazetadoalentejo.pt."],
    "nl": ["Tips kunnen naar redactie@zeeuwsebode.nl."],
}
SUBHEAD = ["The verdict", "What happens next?", "Was bleibt", "Die Reaktionen", "Les chiffres clés", "Et maintenant ?",
           "El contexto", "Las cifras", "Il retroscena", "I numeri", "Próximos passos", "O contexto", "De achtergrond",
           "Wat nu?", "Background"]
LOOKALIKE = [
    "The advertising watchdog upheld three complaints about the campaign's billboards on Thursday.",
    "Cookie sales at the school fair raised $1,200 for the library, organisers said.",
    "Subscribers to the print edition fell by 4 percent last year, the publisher's annual report shows.",
    "The app, which launched in March, has been downloaded two million times and is free to use.",
    "Officials told residents to continue reading their water meters weekly until the repair is done.",
    "Die Werbung für das Festival lief seit Wochen im Lokalradio, sagte der Veranstalter.",
    "Der Newsletter der Stadtverwaltung meldete die Sperrung erst einen Tag später.",
    "La publicité comparative reste encadrée par le Code de la consommation, rappelle l'avocat.",
    "Les droits réservés aux auteurs ont été au cœur du débat à l'Assemblée.",
    "Las acciones se compartieron en un grupo de WhatsApp de vecinos, según la policía.",
    "La empresa de cookies artesanales abrió su tercera tienda en el centro.",
    "Il copyright sulle foto resta al fotografo, ha precisato il tribunale.",
    "L'annuncio del sindaco è arrivato poco dopo le dieci di sera.",
    "O anúncio da nova linha de metrô foi adiado para o próximo ano.",
    "A publicidade do evento foi paga pela prefeitura, segundo o edital.",
    "De nieuwsbrief van de gemeente meldde de wegafsluiting pas een dag later.",
    "De advertentie voor de vacature stond drie weken online voordat iemand reageerde.",
    "Read more carefully, the inspector said, and the numbers tell a different story.",
]
SLOGANS = ["“Water is life.”", "„Wir bleiben hier.“", "« Justice pour Lina »", "“No a la mina”", "«Giù le mani dal parco»",
           "“Fica, Ana!”", "“Samen sterk”", "Photo: Getty Images", "Foto: ANP", "(Reporting by M. Dubois)"]
REPORT_LEAD = {
    "en": ["Read the full report:", "The complete study is available here:", "Full text of the ruling:"],
    "de": ["Den vollständigen Bericht finden Sie hier:", "Die Studie im Wortlaut:"],
    "fr": ["Lire le rapport complet :", "Le texte intégral de l'avis :"],
    "es": ["Lea el informe completo:", "El texto íntegro de la sentencia:"],
    "it": ["Leggi il rapporto completo:", "Il testo integrale della sentenza:"],
    "pt": ["Leia o relatório completo:", "A íntegra do parecer:"],
    "nl": ["Lees het volledige rapport:", "De volledige tekst van de uitspraak:"],
}
NORMAL_SITES = ["coastalresiliencealliance.org", "umweltforum-rhein.de", "observatoire-des-loyers.fr", "fundacionaguaviva.es",
                "osservatoriotrasporti.it", "institutomobilidade.org.br", "stichtingwoonlasten.nl", "midwesthousinglab.org",
                "ruralhealthcollaborative.org"]


def normal_url():
    s = rng.choice(NORMAL_SITES)
    k = rng.randrange(4)
    if k == 0:
        return f"https://www.{s}/reports/{rn(2019, 2024)}-{rng.choice(['annual-review', 'flood-outlook', 'rent-survey'])}.pdf"
    if k == 1:
        return f"https://{s}/publications/{rn(100, 999)}?lang={rng.choice(['en', 'de', 'fr'])}&format=pdf"
    if k == 2:
        return f"https://www.{s}/media/{rhex(24)}/summary.pdf"
    return f"https://{s}/{rng.choice(['studie', 'rapport', 'informe', 'rapporto', 'relatorio', 'rapport'])}/{rn(2019, 2024)}/"


TRAPS = ["citation-line", "reference-list", "reputable-url-inline", "shortener-in-sentence", "email-inline",
         "subheading", "boilerplate-lookalike", "repeated-legit-line", "report-url-line", "reputable-url-query"]


def trap(kind):
    """Returns (new_units_groups, inline_pieces): groups are inserted at paragraph breaks."""
    lg = lang()
    if kind == "citation-line":
        return [[legit(f"{rng.choice(CITE_LABEL[lg])} {rng.choice(REPUTABLE)()}", kind)]], []
    if kind == "reference-list":
        k = key(kind)
        us = [legit(rng.choice(REF_HEAD), kind, k)] + [legit(rng.choice(["", "- ", "* "]) + rng.choice(REPUTABLE)(), kind, k)
                                                       for _ in range(rng.randint(2, 3))]
        return [us], []
    if kind == "reputable-url-inline":
        return [], [(" " + rng.choice(INLINE_REP[lg]).format(u=rng.choice(REPUTABLE)()), kind)]
    if kind == "reputable-url-query":
        return [], [(" " + rng.choice(INLINE_REP[lg]).format(u=rng.choice(REPUTABLE[8:9] + REPUTABLE[13:14] + REPUTABLE[0:1] + REPUTABLE[10:11])()), kind)]
    if kind == "shortener-in-sentence":
        return [], [(" " + rng.choice(SHORT_INL[lg]).format(u=short_url(rng.choice(["surl.li", "t2m.io", "dub.sh", "tiny.one", "kutt.it"]))), kind)]
    if kind == "email-inline":
        return [], [(" " + rng.choice(EMAIL_INL[lg]), kind)]
    if kind == "subheading":
        return [[legit(rng.choice(SUBHEAD), kind)]], []
    if kind == "boilerplate-lookalike":
        return [[legit(rng.choice(LOOKALIKE), kind)]], []
    if kind == "repeated-legit-line":
        s = rng.choice(SLOGANS)
        return [[legit(s, kind)], [legit(s, kind)]], []
    if kind == "report-url-line":
        k = key(kind)
        return [[legit(rng.choice(REPORT_LEAD[lg]), kind, k), legit(normal_url(), kind, k)]], []
    raise ValueError(kind)


# ============================================================================ assembly

CATS = ["ad-url-line", "unknown-ad-url-line", "inline-ad-url", "markdown-link-spam", "html-link-remnant",
        "redirect-url-line", "boilerplate-line", "repeated-spam-line"]
CAT_W = [3, 3, 3, 2, 2, 2, 4, 2]


class Doc:
    def __init__(self, paras):
        # slots[i] = list of units inserted BEFORE paragraph i (len(paras)+1 slots)
        self.paras = [content(p) for p in paras]
        self.slots = [[] for _ in range(len(paras) + 1)]

    def insert(self, units, where=None, allow_edges=True):
        if where is None:
            lo = 0 if allow_edges else 1
            hi = len(self.paras) if allow_edges else len(self.paras) - 1
            where = rng.randint(lo, max(lo, hi))
        self.slots[where].extend(units)

    def spread(self, make_unit, n, allow_edges=True):
        """Insert n units at n distinct paragraph breaks (interior preferred)."""
        cand = list(range(1, len(self.paras))) or [0]
        if allow_edges:
            cand = cand + [0, len(self.paras)] * (1 if rng.random() < 0.3 else 0)
        rng.shuffle(cand)
        picks = sorted(cand[:n]) if len(cand) >= n else sorted(rng.choice(cand) for _ in range(n))
        for w in picks:
            self.slots[w].append(make_unit())

    def append_inline(self, text, span_cat=None, legit_type=None, mid=False):
        ps = [p for p in self.paras if len(p.pieces) == 1 and len(p.pieces[0][0]) > 60]
        if not ps:
            ps = self.paras
        p = rng.choice(ps)
        piece = [text, key(span_cat) if span_cat else None, key(legit_type) if legit_type else None]
        base = p.pieces[0][0]
        if mid and len(p.pieces) == 1:
            m = [x.end() for x in re.finditer(r"[.!?][”\"’»)]?(?= [A-ZÄÖÜÉÀ“\"„«])", base)]
            if m:
                cutp = rng.choice(m)
                p.pieces = [[base[:cutp], None, None], piece, [base[cutp:], None, None]]
                return
        p.pieces.append(piece)

    def units(self):
        out = []
        for i, p in enumerate(self.paras):
            out.extend(self.slots[i])
            out.append(p)
        out.extend(self.slots[-1])
        return out


def inject(doc, cat):
    if cat in ("ad-url-line", "unknown-ad-url-line"):
        d, _ = ad_domain(known=(cat == "ad-url-line"))
        u = maybe(ad_url(d))
        n = rng.randint(2, 6)
        doc.spread(lambda: spam(u, cat), n)
    elif cat == "inline-ad-url":
        for _ in range(rng.choice([1, 1, 1, 2])):
            doc.append_inline(inline_piece(), span_cat=cat, mid=rng.random() < 0.25)
    elif cat == "markdown-link-spam":
        lines = md_lines()
        reps = 1 if len(lines) > 1 else rng.choice([1, 1, 2, 3])
        for _ in range(reps):
            doc.insert([spam(l, cat) for l in lines], allow_edges=True)
    elif cat == "html-link-remnant":
        if rng.random() < 0.3:
            doc.append_inline(" " + html_snip(mid=True), span_cat=cat)
        else:
            s = html_snip()
            for _ in range(rng.choice([1, 1, 2])):
                doc.insert([spam(s, cat)])
    elif cat == "redirect-url-line":
        u = redirect_line()
        doc.spread(lambda: spam(u, cat), rng.randint(1, 4))
    elif cat == "boilerplate-line":
        for _ in range(rng.randint(1, 3)):
            fam = rng.choice(list(FAMILIES))
            s = boilerplate(fam)
            if fam in ("admark", "continue") and rng.random() < 0.5:
                doc.spread(lambda: spam(s, cat), rng.randint(2, 3), allow_edges=False)
            elif fam in ("firstpub", "copyright", "share", "newsletter", "app") and rng.random() < 0.6:
                doc.slots[-1].append(spam(s, cat))
            elif fam == "cookie" and rng.random() < 0.6:
                doc.slots[rng.choice([0, -1])].append(spam(s, cat))
            elif fam == "widget":
                # widget header followed by one markdown/ad link line (labelled separately)
                w = rng.randint(1, len(doc.paras))
                doc.slots[w].append(spam(s, cat))
                doc.slots[w].extend(spam(l, "markdown-link-spam") for l in md_lines())
            else:
                doc.insert([spam(s, cat)])
    elif cat == "repeated-spam-line":
        s = rng.choice(SPAM[lang()])
        if rng.random() < 0.2:
            s = decorate(s)
        doc.spread(lambda: spam(s, cat), rng.randint(3, 5), allow_edges=False)


def add_traps(doc, n):
    for _ in range(n):
        kind = rng.choice(TRAPS)
        groups, inl = trap(kind)
        for g in groups:
            doc.insert(g, where=rng.randint(1, max(1, len(doc.paras) - 1)))
        for t, lt in inl:
            doc.append_inline(t, legit_type=lt)


def pick_layout():
    r = rng.random()
    if r < 0.05:
        return "single-crlf", "\n", "\r\n"
    if r < 0.10:
        return "blank-crlf", "\n\n", "\r\n"
    if r < 0.55:
        return "blank", "\n\n", "\n"
    return "single", "\n", "\n"


def pick_carrier():
    least = min(_carrier_uses[i] for i in range(len(CARRIERS)))
    pool = [i for i in range(len(CARRIERS)) if _carrier_uses[i] == least]
    i = rng.choice(pool)
    _carrier_uses[i] += 1
    return CARRIERS[i]


def make_record(rid, kind):
    src, paras = pick_carrier()
    doc = Doc(cut(paras))
    if kind == "injected":
        ncat = rng.choices([1, 2, 3], [5, 4, 2])[0]
        cats = set()
        while len(cats) < ncat:
            cats.add(rng.choices(CATS, CAT_W)[0])
        for c in sorted(cats):
            inject(doc, c)
        add_traps(doc, rng.choices([0, 1, 2], [4, 4, 2])[0])
    else:
        add_traps(doc, rng.choices([0, 1, 2, 3], [2, 4, 3, 1])[0])
    layout, sep, nl = pick_layout()
    units = doc.units()
    text, expected, spans, legits = render(units, sep, nl)
    if kind == "injected":
        assert spans, rid
    rec = {"id": rid, "kind": kind if spans else "control", "text": text, "expected": expected, "spans": spans,
           "meta": {"source": src, "layout": layout, "legit": legits}}
    check(rec)
    return rec


def check(rec):
    t = rec["text"]
    out, pos = [], 0
    for s, e, c in rec["spans"]:
        assert s >= pos and e > s, (rec["id"], s, e)
        out.append(t[pos:s])
        pos = e
    out.append(t[pos:])
    assert "".join(out) == rec["expected"], rec["id"]
    assert not t.endswith("\n") and not rec["expected"].endswith("\n"), rec["id"]
    if rec["kind"] == "control":
        assert t == rec["expected"] and not rec["spans"]


def main():
    kinds = ["injected"] * N_INJECTED + ["control"] * N_CONTROL
    rng.shuffle(kinds)
    recs = [make_record(f"s3-{i:04d}", k) for i, k in enumerate(kinds)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    # stats and overlap warnings
    cat_spans, cat_recs, legit_recs, layouts = Counter(), Counter(), Counter(), Counter()
    overlap = set()
    for r in recs:
        layouts[r["meta"]["layout"]] += 1
        for c in {c for _, _, c in r["spans"]}:
            cat_recs[c] += 1
        for s, e, c in r["spans"]:
            cat_spans[c] += 1
            if norm(r["text"][s:e]) in OTHER_SPANS:
                overlap.add(r["text"][s:e].strip())
        for t in {t for _, _, t in r["meta"]["legit"]}:
            legit_recs[t] += 1
    print(f"wrote {OUT} ({len(recs)} records: {Counter(r['kind'] for r in recs)})")
    for c in CATS:
        print(f"  {c:22s} {cat_spans[c]:4d} spans / {cat_recs[c]:3d} records")
    print("  legit:", dict(legit_recs))
    print("  layouts:", dict(layouts))
    print(f"  made-up domains {len(MADE_UP)}, list domains {len(LIST_DOMAINS)}, url shapes {N_SHAPES}")
    if overlap:
        print(f"  WARNING {len(overlap)} span texts also occur as spans in other corpora:", sorted(overlap)[:10])
    return 0


if __name__ == "__main__":
    sys.exit(main())
