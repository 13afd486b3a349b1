#!/usr/bin/env python3
"""Generate an independent STRESS corpus for cleanpress (deterministic, fixed seed).

It imitates how the private holdout differs from the public dev sets: new made-up ad
domains and URL shapes, new lead-ins / boilerplate phrasings / spam sentences in seven
languages, new Markdown and HTML link syntaxes, real redirect wrappers and shorteners,
URL disguises, CRLF layouts and precision traps.  Carriers are the clean `expected`
texts of the control records of /work/shared/corpora/dev-broad.jsonl.

Outputs (record format of shared/corpora/README.md):
  benchmarks/stress/stress.jsonl       ~300 records (~70 % injected, ~30 % controls)
  benchmarks/stress/hard-traps.jsonl   controls only, with extreme precision traps
                                       (beyond what the README promises for the holdout)

Usage:  python benchmarks/stress_corpus.py      (then score with shared/eval/score_text.py)
"""

from __future__ import annotations

import base64
import json
import random
import re
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20241127
HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "stress"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout
CORPORA = SHARED / "corpora"

N_INJECTED = 212
N_CONTROLS = 90
N_HARD = 48

rng = random.Random(SEED)

# ----------------------------------------------------------------------------- document model


@dataclass
class Seg:
    text: str
    span: tuple[str, int] | None = None  # (category, span id)
    legit: tuple[str, int] | None = None  # (legit type, legit id)


@dataclass
class Block:
    segs: list[Seg]
    whole: tuple[str, int] | None = None  # whole-line injection (category, span id)


_ids = iter(range(1, 10**9))


def nid() -> int:
    return next(_ids)


def content_block(text: str) -> Block:
    return Block([Seg(text)])


def spam_line(text: str, cat: str) -> Block:
    i = nid()
    return Block([Seg(text, span=(cat, i))], whole=(cat, i))


def legit_line(text: str, ltype: str) -> Block:
    return Block([Seg(text, legit=(ltype, nid()))])


def render(blocks: list[Block], sep: str, nl: str) -> tuple[str, list, list]:
    """Text, spans and legit spans for the blocks joined with `sep`."""
    n = len(blocks)
    content_after = [any(b.whole is None for b in blocks[i + 1 :]) for i in range(n)]
    segs: list[Seg] = []
    for i, b in enumerate(blocks):
        if i:
            prev = blocks[i - 1]
            owner = None
            if prev.whole and content_after[i - 1]:
                owner = prev.whole
            elif b.whole and not content_after[i]:
                owner = b.whole
            segs.append(Seg(sep, span=owner))
        for s in b.segs:
            segs.append(Seg(s.text.replace("\n", nl), s.span, s.legit))
    text, spans, legit, pos = [], [], [], 0
    for s in segs:
        end = pos + len(s.text)
        for key, out in ((s.span, spans), (s.legit, legit)):
            if key is None:
                continue
            if out and out[-1][3] == key[1] and out[-1][1] == pos:
                out[-1][1] = end
            else:
                out.append([pos, end, key[0], key[1]])
        text.append(s.text)
        pos = end
    return "".join(text), [x[:3] for x in spans], [x[:3] for x in legit]


def render_expected(blocks: list[Block], sep: str, nl: str) -> str:
    kept = []
    for b in blocks:
        if b.whole:
            continue
        kept.append("".join(s.text.replace("\n", nl) for s in b.segs if s.span is None))
    return sep.join(kept)


# ----------------------------------------------------------------------------- carriers


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


DEV_RECORDS = load_jsonl(CORPORA / "dev-broad.jsonl") + load_jsonl(CORPORA / "dev-injected.jsonl")
DEV_TEXT_LOWER = "\n".join(r["text"] for r in DEV_RECORDS).lower()


def carriers() -> list[list[str]]:
    seen, out = set(), []
    for r in load_jsonl(CORPORA / "dev-broad.jsonl"):
        if r["kind"] != "control" or r["meta"]["source"] in seen:
            continue
        seen.add(r["meta"]["source"])
        paras = [p.strip() for p in r["expected"].replace("\r\n", "\n").split("\n") if p.strip()]
        if len(paras) >= 4:
            out.append(paras[:16])
    return out


CARRIERS = carriers()

# ----------------------------------------------------------------------------- random helpers

HEX = "0123456789abcdef"
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def rhex(n):
    return "".join(rng.choice(HEX) for _ in range(n))


def ralnum(n):
    return "".join(rng.choice(ALNUM) for _ in range(n))


def rlow(n, alphabet="abcdefghijklmnopqrstuvwxyz"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rnum(lo, hi):
    return str(rng.randint(lo, hi))


# ----------------------------------------------------------------------------- ad domains

TLDS = ["com", "net", "xyz", "top", "icu", "buzz", "click", "link", "live", "rest", "sbs", "monster", "lol", "bar",
        "fun", "cam", "quest", "mom", "beauty", "hair", "skin", "autos", "boats", "yachts", "makeup"]
PART_A = ["zest", "quill", "plum", "gravel", "tundra", "marble", "velvet", "cobalt", "saffron", "juniper", "pebble",
          "falcon", "nimbus", "tango", "raven", "hazel", "ember", "orchid", "crisp", "lumen", "brisk", "fjord"]
PART_B = ["orbit", "vault", "hopper", "funnel", "yield", "ledger", "relay", "beacon", "sprout", "harbor", "thrive",
          "pulse", "wagon", "mingle", "spire", "quarry", "lantern", "tether", "paddle", "ripple", "gadget"]
PART_C = ["ads", "adz", "click", "serve", "media", "traff", "pop", "push", "rev", "cpm", "bid", "promo", "tag", "pix"]


def made_up_domain() -> str:
    kind = rng.randrange(6)
    tld = rng.choice(TLDS)
    if kind == 0:
        name = rng.choice(PART_A) + rng.choice(PART_B)
    elif kind == 1:
        name = rng.choice(PART_A) + "-" + rng.choice(PART_B) + "-" + rng.choice(PART_C)
    elif kind == 2:
        name = rlow(rng.randint(9, 15))
    elif kind == 3:
        name = rng.choice(PART_C) + rlow(3) + rnum(2, 999)
    elif kind == 4:
        name = rlow(rng.randint(5, 8)) + "-" + rlow(rng.randint(4, 7))
    else:
        name = rng.choice(PART_B) + rnum(10, 99) + rng.choice(PART_C)
    return f"{name}.{tld}"


def load_domains(path: Path) -> set[str]:
    return {d.strip().lower() for d in path.read_text().split() if d.strip() and not d.startswith("#")}


DEV_AD = load_domains(CORPORA / "dev-ad-domains.txt") | load_domains(CORPORA / "dev-broad-ad-domains.txt")


def easylist_slice(n: int) -> list[str]:
    cands = sorted(d for d in load_domains(SHARED / "lists/easylist-domains.txt") if d not in DEV_AD)
    r = random.Random(SEED + 1)
    out = []
    while len(out) < n:
        d = r.choice(cands)
        # registrable-looking, not a sub-sub-domain, not mentioned anywhere in the dev corpora
        if d.count(".") == 1 and len(d) < 28 and d not in DEV_TEXT_LOWER and d not in out:
            out.append(d)
    return out


LIST_DOMAINS = easylist_slice(90)
MADE_UP = []
while len(MADE_UP) < 120:
    d = made_up_domain()
    if d not in MADE_UP and d.split(".")[0] not in DEV_TEXT_LOWER and d not in DEV_AD:
        MADE_UP.append(d)

SUBS = ["", "", "", "www.", "go.", "t.", "cdn.", "srv.", "r.", "lp.", "click.", "pl" + rnum(10000, 99999) + "."]


def b64tok(n=24):
    raw = bytes(rng.randrange(256) for _ in range(n))
    return base64.b64encode(raw).decode().rstrip("=")


def ad_url(domain: str, shape: int | None = None) -> str:
    """New ad URL shapes (not the dev templates)."""
    sub = rng.choice(SUBS)
    host = sub + domain
    shape = rng.randrange(14) if shape is None else shape
    if shape == 0:
        path = f"/go/{ralnum(rng.randint(8, 14))}"
    elif shape == 1:
        path = f"/jump?sid={rnum(1000, 999999)}&lp={rnum(1, 99)}"
    elif shape == 2:
        path = f"/?u={rhex(16)}&o={rnum(100, 99999)}"
    elif shape == 3:
        path = f"/{rhex(24)}/{rhex(6)}.php?cid={rnum(1000, 99999)}"
    elif shape == 4:
        path = f"/api/users?token={b64tok()}"
    elif shape == 5:
        path = f"/watch.{rnum(100000, 9999999)}?key={rhex(32)}"
    elif shape == 6:
        path = f"/afu.php?zoneid={rnum(100000, 9999999)}"
    elif shape == 7:
        path = f"/redirect?aff={rnum(100, 99999)}&sub={rlow(6)}"
    elif shape == 8:
        path = f"/{rhex(2)}/{rhex(2)}/{rhex(2)}/{rhex(32)}.js"
    elif shape == 9:
        path = f"/pixel?pid={rnum(1000, 99999)}&evt=imp&cb={rnum(10**8, 10**9)}"
    elif shape == 10:
        path = f"/click/{rnum(100, 9999)}/{rnum(10000, 99999)}?src={rlow(5)}"
    elif shape == 11:
        path = f"/lnk.php?s={ralnum(10)}&c={rnum(1, 500)}"
    elif shape == 12:
        path = f"/t/{ralnum(7)}?sub1={rlow(5)}&sub2={rnum(1000, 9999)}"
    else:
        path = f"/pop/{rnum(1000000, 9999999)}/?tid={rhex(20)}"
    return f"https://{host}{path}"


# ----------------------------------------------------------------------------- disguises

ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
DISGUISES = ["zw", "bidi", "hxxp", "br-dot", "paren-dot", "curly-dot", "word-dot", "spaced-dot", "space-dot-word",
             "upper-host", "mixed-scheme", "angle", "paren", "quote", "trailing", "schemeless", "protorel"]


def split_url(url: str):
    m = re.match(r"(https?)://([^/?#]+)(.*)", url)
    return m.group(1), m.group(2), m.group(3)


def insert_chars(s: str, chars: list[str], k: int) -> str:
    s = list(s)
    for _ in range(k):
        p = rng.randint(1, len(s) - 1)
        s.insert(p, rng.choice(chars))
    return "".join(s)


def disguise(url: str, kind: str | None = None) -> tuple[str, str]:
    kind = kind or rng.choice(DISGUISES)
    scheme, host, rest = split_url(url)
    if kind == "zw":
        return url[:8] + insert_chars(url[8:], ZW, rng.randint(1, 3)), kind
    if kind == "bidi":
        return url[:8] + insert_chars(url[8:], BIDI, rng.randint(1, 2)), kind
    if kind == "hxxp":
        return f"{scheme.replace('tt', 'xx')}://{host.replace('.', '[.]')}{rest}", kind
    if kind == "br-dot":
        return f"{scheme}://{host.replace('.', '[.]')}{rest}", kind
    if kind == "paren-dot":
        return f"{scheme}://{host.replace('.', '(.)')}{rest}", kind
    if kind == "curly-dot":
        return f"{scheme}://{host.replace('.', '{.}')}{rest}", kind
    if kind == "word-dot":
        return f"{scheme}://{host.replace('.', '[dot]')}{rest}", kind
    if kind == "spaced-dot":
        return f"{scheme}://{host.replace('.', ' . ')}{rest}", kind
    if kind == "space-dot-word":
        return f"{scheme}://{host.replace('.', ' dot ')}{rest}", kind
    if kind == "upper-host":
        return f"{scheme}://{host.upper()}{rest}", kind
    if kind == "mixed-scheme":
        return f"{rng.choice(['HtTpS', 'HTTPS', 'Https', 'hTTp'])}://{host}{rest}", kind
    if kind == "angle":
        return f"<{url}>", kind
    if kind == "paren":
        return f"({url})", kind
    if kind == "quote":
        q = rng.choice([('"', '"'), ("'", "'"), ("“", "”"), ("«", "»"), ("„", "“")])
        return q[0] + url + q[1], kind
    if kind == "trailing":
        return url + rng.choice([".", ",", ";", "!", "!!", ")", " ."]), kind
    if kind == "schemeless":
        h = host if host.startswith("www.") else "www." + host.split(".", 1)[-1] if host.count(".") > 1 else "www." + host
        return h + rest, kind
    if kind == "protorel":
        return f"//{host}{rest}", kind
    raise ValueError(kind)


def maybe_disguise(url: str, p: float = 0.33, kinds=None) -> str:
    if rng.random() < p:
        return disguise(url, rng.choice(kinds) if kinds else None)[0]
    return url


# ----------------------------------------------------------------------------- phrase banks (new, multilingual)

SITES = ["The Harbor Sentinel", "Prairie Post-Tribune", "Rheinischer Kurier", "Le Courrier Alpin", "El Heraldo Serrano",
         "Gazzetta del Lago", "Diário do Planalto", "Noordelijk Dagblad", "Midland Evening Star", "Kanal Nord Online"]

LEADINS = {
    "en": ["Get yours:", "Grab the deal →", "Limited offer:", "Check it out here:", "👉", "Tap here:", "Don't miss out:",
           "Claim it now »", "Full offer:"],
    "de": ["Details hier:", "Jetzt ansehen:", "Hier klicken ➜", "Zum Angebot:", "Gleich sichern:"],
    "fr": ["Plus d'infos ici →", "Découvrez l'offre :", "Cliquez ici :", "Profitez-en :"],
    "es": ["Mira esto:", "Consíguelo aquí:", "Haz clic aquí →", "Aprovecha ya:"],
    "it": ["Dai un'occhiata:", "Clicca qui:", "Approfitta ora:", "Vai all'offerta:"],
    "pt": ["Confira:", "Acesse já:", "Clique aqui →", "Garanta o seu:"],
    "nl": ["Bekijk hier:", "Klik hier:", "Profiteer nu:", "Naar de aanbieding:"],
    "none": ["", "", "[Promo]", "(promoted link)", "⇒", "►"],
}

LINK_TEXTS = {
    "en": ["Claim your free bonus now", "See the deal everyone is talking about", "Unlock premium for $1",
           "Doctors hate this trick", "Win a brand-new iPhone today", "Your reward is waiting"],
    "de": ["Jetzt gratis testen", "Hier geht's zum Gewinnspiel", "Sichern Sie sich 70 % Rabatt"],
    "fr": ["Obtenez votre cadeau", "Jouez et gagnez maintenant", "Voir l'offre exclusive"],
    "es": ["Reclama tu premio", "Descubre el truco del día", "Gana un móvil gratis"],
    "it": ["Scopri l'offerta esclusiva", "Ritira il tuo regalo", "Vinci subito"],
    "pt": ["Resgate seu bônus", "Ganhe agora mesmo", "Veja a promoção secreta"],
    "nl": ["Claim je gratis cadeau", "Bekijk de actie", "Win nu een tablet"],
}
SPONSOR_MARK = ["Gesponsert", "Promoted", "Sponsorisé", "Patrocinado", "Sponsorizzato", "Gesponsord", "Anzeige"]

ADMARK = {
    "en": ["Paid promotion", "Advertiser content", "ADVERT", "Promoted content", "— Promoted —", "Ads by partners"],
    "de": ["Werbeeinblendung", "Gesponserter Inhalt", "[Anzeige]", "Bezahlte Partnerschaft"],
    "fr": ["Publicité", "Contenu commandité", "— Publicité —"],
    "es": ["Publicidad", "Contenido patrocinado", "PUBLICIDAD"],
    "it": ["Contenuto sponsorizzato", "Annuncio pubblicitario", "SPAZIO PUBBLICITARIO"],
    "pt": ["Conteúdo patrocinado", "Anúncio", "PUBLICIDADE PAGA"],
    "nl": ["Gesponsorde inhoud", "Reclame", "ADVERTORIAL"],
}
CONTINUE = {
    "en": ["Article continues after this advertisement", "Scroll down to continue reading", "Story continues after the ad",
           "The article continues below"],
    "de": ["Weiterlesen nach der Anzeige", "Der Artikel geht unter der Anzeige weiter", "Lesen Sie nach der Werbung weiter"],
    "fr": ["L'article continue sous la publicité", "Suite de l'article ci-dessous", "L'article se poursuit après l'annonce"],
    "es": ["El artículo continúa después de la publicidad", "Sigue leyendo tras el anuncio"],
    "it": ["L'articolo prosegue sotto la pubblicità", "Continua a leggere sotto"],
    "pt": ["A reportagem continua após o anúncio", "Continue lendo abaixo"],
    "nl": ["Het artikel gaat verder na de advertentie", "Lees hieronder verder"],
}
SHARE = {
    "en": ["Share on WhatsApp | Share on Telegram", "Like us on Facebook", "Follow us on Threads and Bluesky",
           "Tweet this story", "Share: Facebook / X / LinkedIn / Email", "Follow {site} on Google News"],
    "de": ["Folgen Sie uns auf Facebook und X", "Artikel auf WhatsApp teilen", "Teilen: Facebook · X · E-Mail"],
    "fr": ["Suivez-nous sur Facebook et Instagram", "Partagez cet article sur WhatsApp", "Partager sur Facebook"],
    "es": ["Síguenos en Facebook, X e Instagram", "Compartir en WhatsApp", "Comparte en tus redes"],
    "it": ["Seguici su Facebook e Instagram", "Condividi su WhatsApp", "Seguici su Telegram"],
    "pt": ["Siga-nos no Instagram e no Facebook", "Compartilhe no WhatsApp", "Compartilhar esta notícia"],
    "nl": ["Volg ons op Facebook en Instagram", "Delen via WhatsApp", "Deel dit bericht"],
}
NEWSLETTER = {
    "en": ["Sign up for our free morning briefing", "Get the best stories in your inbox — sign up now",
           "Grab the {site} app: news on the go", "Never miss a story: join our newsletter", "Install our app for live updates"],
    "de": ["Jetzt den Newsletter abonnieren!", "Laden Sie die App von {site} herunter", "Hier kostenlos für den Newsletter anmelden"],
    "fr": ["Inscrivez-vous à notre newsletter", "Téléchargez l'application {site} gratuitement", "Recevez nos alertes info"],
    "es": ["Recibe nuestras noticias en tu correo: suscríbete gratis", "Descarga la app de {site}", "Apúntate a nuestra newsletter"],
    "it": ["Iscriviti alla nostra newsletter", "Scarica la app di {site}", "Ricevi le notizie sul tuo smartphone"],
    "pt": ["Assine a nossa newsletter", "Baixe o aplicativo do {site}", "Receba as notícias no seu e-mail"],
    "nl": ["Schrijf je in voor onze nieuwsbrief", "Download de app van {site}", "Ontvang het laatste nieuws in je mailbox"],
}
COOKIE = {
    "en": ["This site uses cookies. By continuing to browse you accept their use. [Accept]",
           "Cookies help us deliver our services. OK", "We value your privacy. Accept all cookies | Reject"],
    "de": ["Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu.",
           "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Akzeptieren"],
    "fr": ["En poursuivant votre navigation, vous acceptez l'utilisation de cookies.", "Nous utilisons des cookies. Tout accepter"],
    "es": ["Utilizamos cookies propias y de terceros. Aceptar", "Este sitio web usa cookies para mejorar tu experiencia."],
    "it": ["Questo sito utilizza cookie tecnici e di profilazione. Accetta", "Usiamo i cookie per migliorare la navigazione."],
    "pt": ["Este site usa cookies para melhorar sua experiência. Aceitar", "Utilizamos cookies. Ao continuar, você concorda."],
    "nl": ["Wij gebruiken cookies om je ervaring te verbeteren. Akkoord", "Deze site gebruikt cookies. Accepteren"],
}
FIRST_PUB = {
    "en": ["The article “{h}” first appeared on {site}.", "{h} was originally published at {site}.",
           "This post was syndicated from {site}.", "Originally published on {site}"],
    "de": ["Der Beitrag {h} erschien zuerst auf {site}.", "Dieser Artikel erschien zuerst bei {site}."],
    "fr": ["L'article {h} est apparu en premier sur {site}.", "Cet article a d'abord été publié sur {site}."],
    "es": ["La entrada {h} se publicó primero en {site}.", "Este artículo apareció originalmente en {site}."],
    "it": ["L'articolo {h} proviene da {site}.", "Pubblicato originariamente su {site}."],
    "pt": ["O post {h} apareceu primeiro em {site}.", "Publicado originalmente em {site}."],
    "nl": ["Het bericht {h} verscheen eerst op {site}.", "Dit artikel verscheen eerder op {site}."],
}
READALSO = {
    "en": ["Don't miss: {h}", "Trending now: {h}", "You may also like: {h}", "ALSO ON {SITE}: {h}", "Recommended for you: {h}"],
    "de": ["Lesen Sie auch: {h}", "Auch interessant: {h}", "Passend dazu: {h}"],
    "fr": ["À lire également : {h}", "Voir aussi : {h}", "À découvrir : {h}"],
    "es": ["Lee también: {h}", "Relacionado: {h}", "También te puede gustar: {h}"],
    "it": ["Potrebbe interessarti: {h}", "Da non perdere: {h}", "Leggi pure: {h}"],
    "pt": ["Veja também: {h}", "Leia mais: {h}", "Recomendado: {h}"],
    "nl": ["Ook interessant: {h}", "Meer over dit onderwerp: {h}", "Lees ook dit: {h}"],
}
COPYRIGHT = {
    "en": ["Copyright © {y} {site}. All Rights Reserved.", "All content © {site} {y}", "© {site} — reproduction prohibited"],
    "de": ["© {y} {site} GmbH. Alle Rechte vorbehalten.", "Copyright {y} {site}, alle Rechte vorbehalten"],
    "fr": ["© {site} {y}. Tous droits réservés.", "Copyright © {y} {site} – Reproduction interdite"],
    "es": ["© {y} {site}. Todos los derechos reservados.", "Prohibida su reproducción total o parcial. © {site}"],
    "it": ["© Riproduzione riservata", "© {y} {site} – Tutti i diritti riservati"],
    "pt": ["© {site}. Todos os direitos reservados.", "Copyright © {y} {site}. Proibida a reprodução."],
    "nl": ["© {y} {site}. Alle rechten voorbehouden.", "Copyright {site} {y}"],
}
BOILER_FAMILIES = {"admark": ADMARK, "continue": CONTINUE, "share": SHARE, "newsletter": NEWSLETTER, "cookie": COOKIE,
                   "firstpub": FIRST_PUB, "readalso": READALSO, "copyright": COPYRIGHT}

SPAM = {
    "en": ["Lonely tonight? {n} single women near you want to chat 💋", "Buy cheap Viagra online – no prescription needed!",
           "Bitcoin doubled my savings in {n} days, ask me how!!", "Need cash fast? Instant loans approved in {n} minutes",
           "You are today's lucky winner – claim your iPhone 15 now!", "Lose {n} kg in 2 weeks with this one weird trick",
           "Unblock every site with TurboShield VPN – {n}% off", "FREE Samsung Galaxy giveaway!!! Only {n} left"],
    "de": ["Singles in deiner Nähe warten auf dich – jetzt kostenlos chatten!", "Kredit ohne Schufa in {n} Minuten – sofort aufs Konto!",
           "Abnehmen ohne Diät: {n} Kilo in 14 Tagen!!!", "Lottogewinn garantiert – jetzt {n} Gratis-Tipps sichern"],
    "fr": ["Gagnez un iPhone 15 gratuit – participez maintenant !", "Perdez {n} kilos en un mois sans effort !",
           "Crédit rapide sans justificatif, réponse immédiate", "Rencontres coquines près de chez vous 🔥"],
    "es": ["¡Gana dinero con criptomonedas desde casa hoy mismo!", "Conoce solteras en tu ciudad esta noche 💕",
           "Préstamos rápidos sin aval – dinero en {n} hora", "Pastillas para adelgazar: resultados en {n} días"],
    "it": ["Guadagna {n}0 € al giorno con il trading automatico!", "Hai vinto un buono Amazon da 1000 €! Ritiralo ora",
           "Farmaci generici senza ricetta a prezzi bassissimi", "VPN illimitata a soli {n} € – offerta lampo"],
    "pt": ["Ganhe um Samsung Galaxy grátis – clique e participe!", "Emagreça {n} kg em 15 dias com este chá milagroso",
           "Empréstimo aprovado na hora, mesmo negativado!", "Bilhete premiado: você ganhou R$ {n}.000!"],
    "nl": ["Verdien €{n}00 per dag vanuit huis met crypto!", "Gratis iPhone winnen? Doe nu mee aan de actie!",
           "Snel een lening zonder BKR-toetsing – binnen {n} uur geregeld", "Vrijgezellen in jouw buurt zoeken contact 😘"],
}

LANGS = ["en", "de", "fr", "es", "it", "pt", "nl"]
LANG_W = [4, 2, 2, 2, 2, 2, 2]


def lang():
    return rng.choices(LANGS, LANG_W)[0]


def vary_case_punct(s: str) -> str:
    r = rng.random()
    if r < 0.2:
        s = s.upper()
    elif r < 0.3:
        s = s.lower()
    r = rng.random()
    if r < 0.35 and s[-1].isalnum():
        s += rng.choice([".", "!", ":", "…", " »", " →", " ↓", " 👇", " 📲", " ›", " >>"])
    elif r < 0.45:
        s = rng.choice(["▶ ", "📰 ", "🔔 ", "» ", "⚠️ ", "*** ", "— "]) + s
    return s


def headline() -> str:
    paras = rng.choice(CARRIERS)
    words = re.sub(r"[“”\"'’:;,.()\[\]]", "", paras[0]).split()[: rng.randint(5, 10)]
    h = " ".join(words)
    return h[:1].upper() + h[1:].lower() if rng.random() < 0.6 else h


def boilerplate(family: str | None = None) -> str:
    family = family or rng.choice(list(BOILER_FAMILIES))
    lg = lang()
    tmpl = rng.choice(BOILER_FAMILIES[family][lg])
    site = rng.choice(SITES)
    s = tmpl.format(h=headline(), site=site, SITE=site.upper(), y=rng.randint(2015, 2025))
    return vary_case_punct(s)


def spam_sentence() -> str:
    lg = lang()
    return rng.choice(SPAM[lg]).format(n=rng.randint(2, 60))


# ----------------------------------------------------------------------------- injected material


def inline_url() -> str:
    d = rng.choice(MADE_UP + LIST_DOMAINS)
    return maybe_disguise(ad_url(d))


WRAPPERS = [
    lambda u: "https://www.google.com/url?q=" + urllib.parse.quote(u, safe="") + f"&sa=D&source=editors&ust={rnum(10**15, 10**16)}&usg=AOvVaw{ralnum(22)}",
    lambda u: "https://www.google.com/url?sa=t&rct=j&url=" + urllib.parse.quote(u, safe="") + f"&ved=2ahUKEw{ralnum(20)}",
    lambda u: "https://l.facebook.com/l.php?u=" + urllib.parse.quote(u, safe="") + f"&h=AT{ralnum(30)}",
    lambda u: "https://lm.facebook.com/l.php?u=" + urllib.parse.quote(u, safe="") + f"&h=AT{ralnum(24)}&s=1",
    lambda u: "https://l.instagram.com/?u=" + urllib.parse.quote(u, safe="") + f"&e=AT{ralnum(28)}",
    lambda u: "https://href.li/?" + u,
    lambda u: "https://t.umblr.com/redirect?z=" + urllib.parse.quote(u, safe="") + f"&t={ralnum(40)}",
    lambda u: "https://www.youtube.com/redirect?event=video_description&redir_token=" + ralnum(40) + "&q=" + urllib.parse.quote(u, safe=""),
    lambda u: "https://steamcommunity.com/linkfilter/?url=" + u,
    lambda u: "https://vk.com/away.php?to=" + urllib.parse.quote(u, safe="") + "&cc_key=",
    lambda u: "https://exit.sc/?url=" + urllib.parse.quote(u, safe=""),
    lambda u: "https://www.deviantart.com/users/outgoing?" + u,
]
SHORTENERS = ["bit.ly", "tinyurl.com", "is.gd", "cutt.ly", "rb.gy", "ow.ly", "rebrand.ly", "tiny.cc", "bl.ink", "shorte.st",
              "adf.ly", "ouo.io", "goo.gl"]


def shortener_url() -> str:
    s = rng.choice(SHORTENERS)
    tok = ralnum(rng.choice([6, 7, 8])) if s != "tinyurl.com" else rng.choice([ralnum(8), "y" + rlow(7, "abcdefghijkmnpqrstuvwxyz23456789")])
    if s == "ow.ly":
        tok = ralnum(5) + "50" + ralnum(4)
    return f"https://{s}/{tok}"


def redirect_line() -> str:
    if rng.random() < 0.6:
        u = ad_url(rng.choice(MADE_UP + LIST_DOMAINS))
        url = rng.choice(WRAPPERS)(u)
    else:
        url = shortener_url()
    return maybe_disguise(url, 0.3, ["zw", "bidi", "upper-host", "mixed-scheme", "angle", "paren", "quote", "trailing",
                                     "br-dot", "hxxp"])


def md_line(nl="\n") -> list[tuple[str, bool]]:
    """Markdown spam; returns [(line, is_separate_block_at_end)]."""
    t = rng.choice(LINK_TEXTS[lang()])
    u = ad_url(rng.choice(MADE_UP + LIST_DOMAINS))
    if rng.random() < 0.2:
        u = maybe_disguise(u, 1.0, ["zw", "bidi", "upper-host", "mixed-scheme"])
    lab = rng.choice(["1", "2", "7", "a", "promo", "^1", "ref-3", "x"])
    k = rng.randrange(16)
    if k == 0:
        return [(f"- [{t}]({u})", False)]
    if k == 1:
        return [(f"+ [{t}]({u})", False)]
    if k == 2:
        return [(f"> [{t}]({u})", False)]
    if k == 3:
        return [(f"{rng.choice(['##', '###', '####'])} [{t}]({u})", False)]
    if k == 4:
        return [(f"[**{t}**]({u})", False)]
    if k == 5:
        title = rng.choice(["Sponsored", "Offer", "Anzeige", "Publicité"])
        return [(f"[{t}]({u} \"{title}\")", False)]
    if k == 6:
        return [(f"{t}: <{u}>", False)]
    if k == 7:
        img = f"https://cdn.{rng.choice(MADE_UP)}/img/{rhex(12)}.gif"
        return [(f"[![{t}]({img})]({u})", False)]
    if k == 8:
        return [(f"[{t}][{lab}]\n[{lab}]: {u}", False)]
    if k == 9:
        return [(f"[{t}][{lab}]", False), (f"[{lab}]: {u}", True)]
    if k == 10:
        return [(f"[{t}]: {u}", False)]
    if k == 11:
        return [(f"* **[{t}]({u})**", False)]
    if k == 12:
        return [(f"__{rng.choice(SPONSOR_MARK)}__ · [{t}]({u})", False)]
    if k == 13:
        return [(f"[{t}]({u}){{:target=\"_blank\"}}", False)]
    if k == 14:
        return [(f"1) [{t}]({u})", False)]
    return [(f"[{t} ➜]({u}) _({rng.choice(SPONSOR_MARK)})_", False)]


def html_snip() -> str:
    t = rng.choice(LINK_TEXTS[lang()])
    d = rng.choice(MADE_UP + LIST_DOMAINS)
    u = ad_url(d)
    js = f"https://{d}/{rhex(2)}/{rhex(2)}/{rhex(2)}/{rhex(32)}.js"
    k = rng.randrange(17)
    if k == 0:
        return f"<a href='{u}'>{t}</a>"
    if k == 1:
        return f'<A HREF="{u}">{t}</A>'
    if k == 2:
        return f'<a target=_blank href="{u}" rel="nofollow sponsored">{t}</a>'
    if k == 3:
        return f'<div class="sponsored"><a href="{u}">{t}</a></div>'
    if k == 4:
        return f'<iframe src="{u}" width="300" height="250" frameborder="0" scrolling="no"></iframe>'
    if k == 5:
        return f'<script async src="//{d}/{rhex(2)}/{rhex(2)}/{rhex(2)}/{rhex(32)}.js"></script>'
    if k == 6:
        return f'<script type="text/javascript" src="{js}"></script>'
    if k == 7:
        return f'<img src="https://{d}/pixel?pid={rnum(1000, 99999)}&evt=imp" width=1 height=1 alt="">'
    if k == 8:
        return f'<object data="{u}" type="text/html" width="728" height="90"></object>'
    if k == 9:
        return f'<meta http-equiv="refresh" content="0;url={u}">'
    if k == 10:
        return f'<form action="{u}" method="post"><button>{t}</button></form>'
    if k == 11:
        return f"&lt;iframe src=&quot;{u}&quot; width=&quot;300&quot;&gt;&lt;/iframe&gt;"
    if k == 12:
        return f"<span onclick=\"window.open('{u}')\">{t}</span>"
    if k == 13:
        return f"<button onclick=\"location.href='{u}'\">{t}</button>"
    if k == 14:
        return f'<a href="{u}"><img src="https://{d}/b/{rhex(10)}.jpg" alt="{t}"></a>'
    if k == 15:
        return f'<noscript><img src="https://{d}/pixel?noscript=1&id={rnum(100, 99999)}"></noscript>'
    return f"&#60;a href=&#34;{u}&#34;&#62;{t}&#60;/a&#62;"


# ----------------------------------------------------------------------------- precision traps (main corpus)

CITE_LABELS = {
    "en": ["Source:", "Via:", "Originally reported by", "Read the full report:", "Data:", "Press release:"],
    "de": ["Quelle:", "Zur Studie:", "Pressemitteilung:"],
    "fr": ["Source :", "Lire le rapport :", "Communiqué :"],
    "es": ["Fuente:", "Informe completo:", "Comunicado:"],
    "it": ["Fonte:", "Il rapporto:", "Comunicato:"],
    "pt": ["Fonte:", "Relatório:", "Comunicado:"],
    "nl": ["Bron:", "Het rapport:", "Persbericht:"],
}
LEGIT_URLS = [
    ("LancasterOnline", "https://lancasteronline.com/news/local/county-approves-new-budget/article_4f1c2a9e-0b7d-11ea-9a3b-5b2d6f1e8c3a.html"),
    ("Westfälische Nachrichten", "https://www.wn.de/muenster/stadtrat-beschliesst-neue-radwege-1234567"),
    ("Ouest-France", "https://www.ouest-france.fr/bretagne/rennes-35000/rennes-le-metro-ligne-b-retarde-6601234"),
    ("Heraldo de Aragón", "https://www.heraldo.es/noticias/aragon/2019/11/05/cierre-planta-zaragoza-1341234.html"),
    ("Il Giorno", "https://www.ilgiorno.it/milano/cronaca/metro-m4-cantieri-1.4876543"),
    ("Gazeta do Povo", "https://www.gazetadopovo.com.br/parana/obras-rodovia-campos-gerais/"),
    ("Tubantia", "https://www.tubantia.nl/enschede/gemeente-schrapt-parkeerplaatsen~a3f9c2e1/"),
    ("MIT News", "https://news.mit.edu/2019/ice-sheet-melt-model-1105"),
    ("Universität Heidelberg", "https://www.uni-heidelberg.de/de/newsroom/neue-studie-zu-antibiotikaresistenzen"),
    ("University of Oxford", "https://www.ox.ac.uk/news/2019-11-05-study-finds-link-between-sleep-and-memory"),
    ("Siemens", "https://press.siemens.com/global/en/pressrelease/siemens-opens-new-plant-in-erlangen"),
    ("Volvo Group", "https://www.volvogroup.com/en/news-and-media/news/2019/nov/news-3491234.html"),
    ("GitHub", "https://github.com/openstreetmap/iD/issues/7054"),
    ("GitLab", "https://gitlab.com/inkscape/inkscape/-/issues/512"),
    ("Cell", "https://doi.org/10.1016/j.cell.2019.10.017"),
    ("Zenodo", "https://zenodo.org/record/3531424"),
    ("data.europa.eu", "https://data.europa.eu/data/datasets/5b1c8e3a-2f4d-4c6b-9a7e-1d2f3e4a5b6c"),
    ("Bundestag", "https://www.bundestag.de/resource/blob/664810/8f2b1c0d5e4a3b2c1d0e9f8a7b6c5d4e/WD-5-123-19-pdf-data.pdf"),
    ("INE", "https://www.ine.es/prensa/epa_2019_t3.pdf"),
    ("Istat", "https://www.istat.it/it/archivio/235164"),
    ("CBS", "https://www.cbs.nl/nl-nl/nieuws/2019/45/werkloosheid-gedaald"),
    ("IBGE", "https://agenciadenoticias.ibge.gov.br/agencia-noticias/2012-agencia-de-noticias/noticias/25123-desemprego-cai"),
    ("Insee", "https://www.insee.fr/fr/statistiques/4238589"),
    ("RIVM", "https://www.rivm.nl/publicaties/luchtkwaliteit-in-nederland-2019"),
    ("UC Santa Cruz", "https://news.ucsc.edu/2019/11/ice-sheet.html"),
    ("Bundesverfassungsgericht", "https://www.bundesverfassungsgericht.de/SharedDocs/Entscheidungen/DE/2019/11/rs20191105_1bvr001619.html"),
    ("Stadt Graz", "https://www.graz.at/cms/beitrag/10345678/7771447/Neue_Radwege.html"),
    ("The Lincolnite", "https://thelincolnite.co.uk/2019/11/city-council-approves-new-bus-station-plans/"),
    ("Nature", "https://www.nature.com/articles/s41586-019-1666-5"),
    ("Hugging Face", "https://huggingface.co/datasets/allenai/c4/tree/main/en"),
    ("Figshare", "https://figshare.com/articles/dataset/Air_quality_2019/10112345"),
    ("Europe PMC", "https://europepmc.org/article/MED/31694045"),
]
REF_HEADINGS = ["Further reading:", "Weiterführende Literatur", "Pour aller plus loin :", "Referencias",
                "Per approfondire", "Fontes:", "Bronnen:", "Sources and data", "References"]
INLINE_LEGIT = {
    "en": ["The full ruling is posted on the court's website, {u}, along with the dissent.",
           "The agency's figures are here: {u}", "Read the statement in full: {u}.",
           "The university published the paper at {u} on Tuesday.", "The code is available at {u} under an MIT licence."],
    "de": ["Die Studie ist unter {u} abrufbar.", "Die vollständige Studie gibt es hier: {u}", "Das Urteil steht im Wortlaut auf {u} bereit."],
    "fr": ["Le rapport est disponible sur {u} depuis lundi.", "Le texte intégral est ici : {u}", "Les données sont publiées sur {u}."],
    "es": ["Los datos están en {u}, según el instituto.", "Consulte el informe aquí: {u}", "El informe puede consultarse en {u}."],
    "it": ["Il codice è pubblicato su {u} e chiunque può verificarlo.", "Il testo completo è qui: {u}", "I dati sono consultabili su {u}."],
    "pt": ["O estudo está disponível em {u} desde segunda-feira.", "Confira o relatório completo: {u}", "A íntegra do documento está em {u}."],
    "nl": ["Het rapport staat op {u}.", "Lees het volledige rapport hier: {u}", "De gegevens zijn te vinden op {u}, aldus het instituut."],
}
SHORT_LEGIT = {
    "en": ["Registration is open at {u} until Friday.", "The survey form ({u}) closes at midnight."],
    "de": ["Anmeldungen sind unter {u} bis Freitag möglich."],
    "fr": ["Le formulaire est accessible via {u} jusqu'au 30 novembre."],
    "es": ["Las entradas se venden en {u} desde el lunes."],
    "it": ["Il modulo è su {u} fino a venerdì."],
    "pt": ["As inscrições são feitas em {u} até sexta-feira."],
    "nl": ["Aanmelden kan via {u} tot en met vrijdag."],
}
EMAIL_LEGIT = {
    "en": ["Tips can be sent to newsroom@harborsentinel.org.", "Readers can reach the desk at letters@midlandstar.co.uk."],
    "de": ["Hinweise bitte an leserbriefe@rheinischer-kurier.de senden."],
    "fr": ["Écrivez-nous à redaction@courrier-alpin.fr."],
    "es": ["Puede escribir a cartas@heraldoserrano.es con sus comentarios."],
    "it": ["Segnalazioni a redazione@gazzettadellago.it."],
    "pt": ["Sugestões podem ser enviadas para pauta@diariodoplanalto.com.br."],
    "nl": ["Tips kunnen naar redactie@noordelijkdagblad.nl."],
}
SUBHEADINGS = ["Was jetzt passiert", "Ce qui change", "Las claves", "I numeri", "O que se sabe", "Wat er verandert",
               "The road ahead", "Why it matters", "Die Reaktionen", "Le contexte", "Qué dice la ley", "Il retroscena"]
LOOKALIKES = [
    "The advertisement drew 214 complaints to the standards authority within a week.",
    "Share prices fell 4 percent in early trading after the announcement.",
    "Cookies were banned from the school canteen menu last spring, parents said.",
    "Subscribe? Critics said the newsletter's new paywall would drive readers away.",
    "Read more books, the minister urged, announcing a new library fund.",
    "Copyright law has not kept pace with generative tools, the panel concluded.",
    "Follow-up talks are scheduled for next month in Geneva.",
    "Sponsored by the city, the lantern festival drew record crowds on Saturday.",
    "Die Polizei hat Anzeige wegen Sachbeschädigung erstattet, hieß es am Dienstag.",
    "Werbung für Tabak ist in Deutschland weitgehend verboten, erinnerte der Minister.",
    "Teilen sich zwei Haushalte eine Wohnung, gelten beim Wohngeld andere Regeln.",
    "La publicité pour l'alcool reste encadrée par la loi Evin depuis 1991.",
    "Partager les frais de garde n'est pas toujours simple, reconnaissent les parents.",
    "El anuncio del cierre de la planta sorprendió a los trabajadores del turno de noche.",
    "Compartir coche se ha vuelto habitual entre los estudiantes de la universidad.",
    "La pubblicità dei giochi d'azzardo è vietata dal 2019, ha ricordato l'autorità.",
    "L'iscrizione alla newsletter del comune è cresciuta del 30 per cento in un anno.",
    "O anúncio da fusão fez as ações subirem 7% na bolsa de São Paulo.",
    "Os direitos autorais das fotos pertencem ao arquivo municipal, informou a prefeitura.",
    "Reclame voor snacks gericht op kinderen wordt vanaf 2022 beperkt, kondigde de staatssecretaris aan.",
    "Volgens de onderzoekers delen jongeren vaker nieuws via WhatsApp dan via e-mail.",
    "Continued reading of the indictment took most of the afternoon session.",
]
SLOGANS = ["“Nicht mit uns.”", "“Pas en notre nom.”", "“Ni un paso atrás.”", "“We are the tide.”", "„Mehr Bus, weniger Stau.“",
           "“Fora daqui!”"]
REPEATED_LEGIT = ["* * *", "Photo: Reuters", "Foto: dpa", "Photo : AFP", "• • •", "___"]


def trap_blocks(kind: str) -> tuple[list[list[Block]], list[tuple[str, str]]]:
    """Return ([group of blocks to insert at a paragraph break ...], [inline legit sentences (text, type)])."""
    lg = lang()
    if kind == "citation-line":
        name, u = rng.choice(LEGIT_URLS)
        lab = rng.choice(CITE_LABELS[lg])
        form = rng.randrange(3)
        t = f"{lab} {name}, {u}" if form == 0 else f"{lab} {u}" if form == 1 else f"{lab} {name} ({u})"
        return [[legit_line(t, "citation-line")]], []
    if kind == "reference-list":
        urls = rng.sample([u for _, u in LEGIT_URLS], rng.randint(2, 4))
        return [[legit_line(rng.choice(REF_HEADINGS), "reference-list")] + [legit_line(u, "reference-list") for u in urls]], []
    if kind == "reputable-url-inline":
        return [], [(" " + rng.choice(INLINE_LEGIT[lg]).format(u=rng.choice(LEGIT_URLS)[1]), kind)]
    if kind == "shortener-in-sentence":
        return [], [(" " + rng.choice(SHORT_LEGIT[lg]).format(u=shortener_url()), kind)]
    if kind == "email-inline":
        return [], [(" " + rng.choice(EMAIL_LEGIT[lg]), kind)]
    if kind == "subheading":
        return [[legit_line(rng.choice(SUBHEADINGS), kind)]], []
    if kind == "boilerplate-lookalike":
        return [[legit_line(rng.choice(LOOKALIKES), kind)]], []
    if kind == "repeated-legit-line":
        if rng.random() < 0.4:
            s = rng.choice(SLOGANS)
            return [[legit_line(s, kind)], [legit_line(s, kind)]], []
        s = rng.choice(REPEATED_LEGIT)
        return [[legit_line(s, kind)] for _ in range(rng.randint(2, 5))], []
    raise ValueError(kind)


TRAP_KINDS = ["citation-line", "reference-list", "reputable-url-inline", "shortener-in-sentence", "email-inline",
              "subheading", "boilerplate-lookalike", "repeated-legit-line"]

# ----------------------------------------------------------------------------- hard traps (controls only)


def hard_trap() -> tuple[str, list[Block] | None, str | None]:
    """(type, blocks to insert, or inline sentence)."""
    k = rng.randrange(12)
    handle = rng.choice(["@cityofgraz", "@NOAA", "@ESA_EO", "@Bundestag", "@RIVM"])
    if k == 0:
        return "tweet-tco-line", [legit_line("New data on air quality is out today.", "tweet-tco-line"),
                                  legit_line(f"— Example Agency ({handle}) November {rng.randint(1, 28)}, 2019", "tweet-tco-line"),
                                  legit_line(f"https://t.co/{ralnum(10)}", "tweet-tco-line")], None
    if k == 1:
        return "tweet-pic-line", [legit_line("The new bridge opened to cyclists this morning.", "tweet-pic-line"),
                                  legit_line(f"pic.twitter.com/{ralnum(10)}", "tweet-pic-line"),
                                  legit_line(f"— Stadt Graz ({handle}) November {rng.randint(1, 28)}, 2019", "tweet-pic-line")], None
    if k == 2:
        u = rng.choice([f"https://www.youtube.com/watch?v={ralnum(11)}", f"https://youtu.be/{ralnum(11)}",
                        f"https://vimeo.com/{rnum(100000000, 399999999)}"])
        return "video-url-line", [legit_line(u, "video-url-line")], None
    if k == 3:
        return "defanged-ioc-inline", None, (" The malware fetched its second stage from hxxp://update-check[.]example/gate.php?id="
                                             f"{rhex(8)}, researchers at the firm said.")
    if k == 4:
        return "defanged-ioc-list", [legit_line("Indicators of compromise:", "defanged-ioc-list"),
                                     legit_line(f"hxxps://cdn-{rlow(5)}[.]example/{rhex(8)}.js", "defanged-ioc-list"),
                                     legit_line(f"{rng.randint(10, 200)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}[.]{rng.randint(1, 254)}", "defanged-ioc-list")], None
    if k == 5:
        u = rng.choice(["https://doi.org/10.1371/journal.pone.0224365", "https://zenodo.org/record/3541234",
                        "https://osf.io/7xk2q/"])
        return "bare-legit-url-line", [legit_line(u, "bare-legit-url-line")], None
    if k == 6:
        u = rng.choice(LEGIT_URLS)[1] + "?utm_source=twitter&utm_medium=social&utm_campaign=nov19"
        return "utm-legit-inline", None, f" The council's statement ({u}) gave no timetable."
    if k == 7:
        return "markdown-legit-inline", None, (" The agency's [full report](https://www.eea.europa.eu/publications/air-quality-in-europe-2019) "
                                               "runs to 100 pages.")
    if k == 8:
        u = rng.choice(["https://www.clickondetroit.com/news/local/2019/11/05/city-council-approves-budget/",
                        "https://www.adweek.com/brand-marketing/super-bowl-ad-prices-2020/",
                        "https://www.adsoftheworld.com/campaigns/plastic-free-july"])
        return "ad-word-domain-citation", [legit_line(f"Source: {u}", "ad-word-domain-citation")], None
    if k == 9:
        s = rng.choice(["“Just do it.”", "“Think different.”", "“Because you're worth it.”"])
        return "slogan-3x", [legit_line(s, "slogan-3x") for _ in range(3)], None
    if k == 10:
        return "readmore-legit-url", [legit_line(f"Read more about the study at {rng.choice(LEGIT_URLS[-4:])[1]}",
                                                 "readmore-legit-url")], None
    return "newsletter-topic", [legit_line("Subscribe to our newsletter, the pop-up said, and readers did: sign-ups tripled in a week.",
                                           "newsletter-topic")], None


# ----------------------------------------------------------------------------- record assembly

CATS = ["ad-url-line", "unknown-ad-url-line", "inline-ad-url", "markdown-link-spam", "html-link-remnant",
        "redirect-url-line", "boilerplate-line", "repeated-spam-line"]
CAT_W = [3, 3, 3, 2, 2, 2, 3, 2]


def pick_layout() -> tuple[str, str, str]:
    r = rng.random()
    crlf = r < 0.11
    blank = rng.random() < 0.5
    nl = "\r\n" if crlf else "\n"
    name = ("blank" if blank else "single") + ("-crlf" if crlf else "")
    return name, nl * 2 if blank else nl, nl


def insert_groups(groups: list[list[Block]], new: list[list[Block]], allow_top=False) -> None:
    """Insert each new group at a random paragraph break (or the end)."""
    for g in new:
        lo = 0 if allow_top and rng.random() < 0.1 else 1
        groups.insert(rng.randint(lo, len(groups)), g)


def add_inline(groups: list[list[Block]], seg_text: str, span=None, legit=None, mid_ok=True) -> None:
    """Append/insert an inline segment into a random content paragraph."""
    cands = [g[0] for g in groups if len(g) == 1 and g[0].whole is None and len(g[0].segs) == 1
             and g[0].segs[0].span is None and g[0].segs[0].legit is None and len(g[0].segs[0].text) > 60]
    if not cands:
        cands = [g[0] for g in groups if g[0].whole is None and g[0].segs[-1].span is None]
    b = rng.choice(cands)
    base = b.segs[-1].text
    seg = Seg(seg_text, span=span, legit=legit)
    boundaries = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-ZÀ-ÖØ-Þ“\"])", base)] if mid_ok and b.segs[-1].legit is None else []
    if boundaries and rng.random() < 0.45:
        p = rng.choice(boundaries)
        b.segs[-1:] = [Seg(base[:p], legit=b.segs[-1].legit), seg, Seg(base[p:], legit=b.segs[-1].legit)]
    else:
        b.segs.append(seg)


def inject(groups: list[list[Block]], cat: str) -> None:
    if cat in ("ad-url-line", "unknown-ad-url-line"):
        dom = rng.choice(LIST_DOMAINS if cat == "ad-url-line" else MADE_UP)
        url = ad_url(dom)
        line = maybe_disguise(url)
        varied = rng.random() < 0.2
        k = rng.randint(2, 6)
        lines = []
        for _ in range(k):
            lines.append(line)
            if varied:
                line = maybe_disguise(ad_url(dom, rng.randrange(14)), 0.2)
        insert_groups(groups, [[spam_line(x, cat)] for x in lines], allow_top=True)
    elif cat == "inline-ad-url":
        for _ in range(rng.randint(1, 2)):
            lead = rng.choice(LEADINS[rng.choice(LANGS + ["none"])])
            u = inline_url()
            add_inline(groups, f" {lead} {u}" if lead else f" {u}", span=(cat, nid()))
    elif cat == "markdown-link-spam":
        for _ in range(rng.randint(1, 2)):
            parts = md_line()
            i = nid()
            if len(parts) == 1:
                insert_groups(groups, [[Block([Seg(parts[0][0], span=(cat, i))], whole=(cat, i))]])
            else:
                insert_groups(groups, [[spam_line(parts[0][0], cat)]])
                groups.append([spam_line(parts[1][0], cat)])
    elif cat == "html-link-remnant":
        for _ in range(rng.randint(1, 2)):
            h = html_snip()
            if rng.random() < 0.3:
                add_inline(groups, " " + h, span=(cat, nid()), mid_ok=False)
            else:
                insert_groups(groups, [[spam_line(h, cat)]])
    elif cat == "redirect-url-line":
        line = redirect_line()
        k = rng.choice([1, 1, 2, 3])
        insert_groups(groups, [[spam_line(line if rng.random() < 0.7 else redirect_line(), cat)] for _ in range(k)])
    elif cat == "boilerplate-line":
        for _ in range(rng.randint(1, 4)):
            fam = rng.choice(list(BOILER_FAMILIES))
            b = spam_line(boilerplate(fam), cat)
            if fam in ("copyright", "firstpub", "share") and rng.random() < 0.6:
                groups.append([b])
            elif fam == "cookie" and rng.random() < 0.5:
                groups.insert(0, [b])
            else:
                insert_groups(groups, [[b]])
    elif cat == "repeated-spam-line":
        s = spam_sentence()
        insert_groups(groups, [[spam_line(s, cat)] for _ in range(rng.randint(3, 5))])


def add_traps(groups, n):
    for kind in rng.sample(TRAP_KINDS, n):
        new_groups, inl = trap_blocks(kind)
        insert_groups(groups, new_groups)
        for t, lt in inl:
            add_inline(groups, t, legit=(lt, nid()), mid_ok=False)


def finish(rid, kind, groups, layout) -> dict:
    name, sep, nl = layout
    blocks = [b for g in groups for b in g]
    text, spans, legit = render(blocks, sep, nl)
    expected = render_expected(blocks, sep, nl)
    out, cur = [], 0
    for s, e, _ in spans:
        assert s >= cur, (rid, "overlap")
        out.append(text[cur:s])
        cur = e
    out.append(text[cur:])
    assert "".join(out) == expected, rid
    assert (kind == "control") == (not spans), rid
    if kind == "control":
        assert text == expected
    return {"id": rid, "kind": kind, "text": text, "expected": expected, "spans": spans,
            "meta": {"source": "stress", "layout": name, "legit": legit}}


def make_record(rid: str, kind: str) -> dict:
    groups = [[content_block(p)] for p in rng.choice(CARRIERS)]
    layout = pick_layout()
    if kind == "injected":
        ncat = rng.choices([1, 2, 3], [5, 4, 2])[0]
        cats = set()
        while len(cats) < ncat:
            cats.add(rng.choices(CATS, CAT_W)[0])
        for c in sorted(cats):
            inject(groups, c)
        if rng.random() < 0.5:
            add_traps(groups, rng.randint(1, 2))
    else:
        add_traps(groups, rng.choice([0, 1, 1, 2, 2, 3]))
    return finish(rid, kind, groups, layout)


def make_hard(rid: str) -> dict:
    groups = [[content_block(p)] for p in rng.choice(CARRIERS)]
    layout = pick_layout()
    types = []
    for _ in range(rng.choice([1, 1, 2])):
        t, blocks, sentence = hard_trap()
        types.append(t)
        if blocks:
            insert_groups(groups, [blocks])
        else:
            add_inline(groups, sentence, legit=(t, nid()), mid_ok=False)
    return finish(rid, "control", groups, layout)


# ----------------------------------------------------------------------------- disjointness checks


def norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def disjointness_report(records: list[dict]) -> list[str]:
    dev_spans = set()
    for r in DEV_RECORDS:
        for s, e, c in r["spans"]:
            dev_spans.add(norm(r["text"][s:e]))
    problems = []
    for r in records:
        for s, e, c in r["spans"]:
            if norm(r["text"][s:e]) in dev_spans:
                problems.append(f"span text equals a dev span: {r['text'][s:e]!r}")
    # banks: fixed phrases must not equal dev span texts; domains must not occur in dev texts
    bank = [x for fam in BOILER_FAMILIES.values() for v in fam.values() for x in v if "{" not in x]
    bank += [x for v in SPAM.values() for x in v if "{" not in x]
    bank += [x for v in LINK_TEXTS.values() for x in v] + [x for v in LEADINS.values() for x in v if x]
    for x in bank:
        if norm(x) in dev_spans:
            problems.append(f"bank phrase equals a dev span: {x!r}")
    for x in [t.split("{")[0] for fam in BOILER_FAMILIES.values() for v in fam.values() for t in v if "{" in t]:
        if len(norm(x)) > 6 and any(d.startswith(norm(x) + " ") for d in dev_spans):
            problems.append(f"template prefix used in dev: {x!r}")
    for d in MADE_UP + LIST_DOMAINS:
        if d in DEV_TEXT_LOWER:
            problems.append(f"domain in dev corpora: {d}")
    for x in [x for v in LEADINS.values() for x in v if len(x) > 3]:
        if norm(x) and re.search(r"(?<!\w)" + re.escape(x.lower()), DEV_TEXT_LOWER):
            problems.append(f"lead-in occurs in dev text (maybe as content): {x!r}")
    return problems


def main() -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    kinds = ["injected"] * N_INJECTED + ["control"] * N_CONTROLS
    rng.shuffle(kinds)
    records = [make_record(f"stress-{i:04d}", k) for i, k in enumerate(kinds)]
    hard = [make_hard(f"hard-{i:04d}") for i in range(N_HARD)]
    with open(OUT_DIR / "stress.jsonl", "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    with open(OUT_DIR / "hard-traps.jsonl", "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in hard) + "\n")
    problems = disjointness_report(records)
    for p in problems:
        print("disjointness:", p, file=sys.stderr)
    cats: dict[str, list[int]] = {}
    for r in records:
        for c in {c for _, _, c in r["spans"]}:
            cats.setdefault(c, [0, 0])[1] += 1
        for _, _, c in r["spans"]:
            cats.setdefault(c, [0, 0])[0] += 1
    print(f"stress.jsonl: {len(records)} records ({kinds.count('injected')} injected, {kinds.count('control')} controls); "
          f"hard-traps.jsonl: {len(hard)} controls")
    for c in CATS:
        print(f"  {c:<22} {cats.get(c, [0, 0])[0]:>4} spans / {cats.get(c, [0, 0])[1]:>3} records")
    print(f"  disjointness problems: {len(problems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
