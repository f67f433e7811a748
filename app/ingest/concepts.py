"""One act named in German and English, or by a synonym: "sworn in", "Amtseinführung" and
"Vereidigung" are one inauguration, "traf" and "Treffen" one meeting.

CONCEPTS lists, per act, the words that name it, compared by their root (lower-cased,
irregular verbs as their infinitive, inflection endings cut while four letters remain:
"Treffens", "treffen" and "Treffen" are one word). PHRASES are runs of words read as one
word of the table ("took office" is "inauguration"). A German compound whose head is one
of HEADS is that head's act ("Koreakrieg", "Präsidentschaftswahl", "Neujahrsrede").

Words are compared by concept where a clause's words meet an event's key words
(app.ingest.words.key_hits) and where two reports' words meet (app.ingest.words.terms,
which app.ingest.events.same_event compares). Three-letter German words that are common
words too ("war") are left out.
"""

import re
from functools import lru_cache

CONCEPTS = {
    "inauguration": "inauguration inaugurated inaugural sworn oath Amtseinführung "
    "Vereidigung vereidigt Amtsantritt Amtseid",
    "succession": "succession succeed succeeds succeeded successor accession Nachfolger "
    "Nachfolge Machtübernahme Machtantritt",
    "death": "death died dies dead starb sterben Tod",
    "election": "election elections elected Wahl Wahlen gewählt Wahlsieg",
    "summit": "summit summits Gipfel Gipfeltreffen",
    "meeting": "meet meeting meetings handshake Treffen Begegnung Handschlag",
    "launch": "launch launches launched fired test tests tested Abschuss abgefeuert "
    "Raketentest Raketenstart getestet testet testete Testflug",
    "sanctions": "sanction sanctions sanctioned Sanktion Sanktionen",
    "missile": "missile missiles rocket rockets Rakete Raketen Flugkörper",
    "satellite": "satellite satellites Satellit Satelliten",
    "overflight": "overflew overflight überfliegt überflog überflogen",
    "writing": "wrote writing written writes schrieb geschrieben schreibt",
    "agreement": "agreement agreements deal accord Abkommen Vereinbarung vereinbart Einigung",
    "demolition": "demolished demolition razed dynamited destroyed destroys destroy destruction "
    "abgerissen Abriss gesprengt Sprengung zerstört zerstörte zerstören Zerstörung",
    "visit": "visit visits visited arrived arrival landed Besuch besucht besuchte Staatsbesuch "
    "Ankunft landete eingetroffen",
    "announcement": "announced announces announcement declared declares declaration verkündet "
    "verkündete kündigte angekündigt Ankündigung",
    "attack": "attack attacks attacked strike strikes Angriff Angriffe angegriffen Luftangriff",
    "parliament": "parliament assembly Parlament Volksversammlung",
    "speech": "speech speeches address Rede Ansprache",
    "threat": "threat threats threatened threatens drohte droht Drohung gedroht",
    "warning": "warned warns warning warnte warnt Warnung gewarnt",
    "tweet": "tweet tweets tweeted Twitter Tweet getwittert",
    "founding": "founding founded proclaimed proclamation Gründung gegründet ausgerufen Ausrufung",
    "armistice": "armistice ceasefire truce Waffenstillstand Waffenruhe",
    "withdrawal": "withdrawal withdrew withdraws Austritt Rückzug Abzug",
    "execution": "executed execution Hinrichtung hingerichtet",
    "assassination": "assassinated assassination murdered ermordet Ermordung Attentat",
    "release": "released release freed freigelassen Freilassung",
    "arrest": "arrested arrest festgenommen Festnahme",
    "martial-law": "Kriegsrecht",
    "impeachment": "impeachment impeached Amtsenthebung amtsenthoben enthoben",
    "court": "court Gericht Gerichtshof",
    "letter": "letter letters Brief Briefe",
    "talks": "talks negotiations negotiated Gespräche Verhandlungen verhandelt",
    "invitation": "invitation invited Einladung eingeladen",
    "invasion": "invasion invade invades invaded Einmarsch einmarschiert Überfall überfiel "
    "überfallen",
    "crossing": "crossed crossing überschritt überquerte überquert Grenzübertritt",
    "deadline": "deadline ultimatum Frist",
    "shelling": "shelled shelling Beschuss beschossen",
}


HEADS = (
    "Wahl Rede Ansprache Gipfel Treffen Besuch Abkommen Drohung Warnung Gründung Abschuss Satellit "
    "Gericht"
)


_BEFORE_WAR = (
    "the",
    "a",
    "this",
    "that",
    "its",
    "their",
    "his",
    "civil",
    "cold",
    "world",
    "korean",
)


PHRASES = [
    (
        re.compile(
            r"\bsworn\s+in\b|\b(?:took|takes|taking|take)\s+(?:the\s+oath(?:\s+of\s+office)?|office)\b",
            re.I,
        ),
        "inauguration",
    ),
    (
        re.compile(
            r"\b(?:took|takes|taking|take|came|comes|coming|inherited|inherits|assumed|assumes|"
            r"seized|seizes)\s+(?:to\s+)?power\b",
            re.I,
        ),
        "succession",
    ),
    # "an die Macht", "hatte die Macht nach dem Tod seines Vaters übernommen", "übernahm er
    # die Macht": the taking of power; the words between stay (the father's death)
    (
        re.compile(
            r"\ban\s+die\s+Macht\b|\bMacht\b(?=[^.;,]{0,60}?\bübern(?:ommen|ahm|ahmen|immt)\b)"
            r"|\bübern(?:ahm|ahmen|immt)\b(?=[^.;,]{0,30}?\bMacht\b)",
            re.I,
        ),
        "Machtübernahme",
    ),
    # a separable verb: "rief Kim Il Sung die Volksrepublik aus", "ruft ... aus"
    (re.compile(r"\b(?:rief|riefen|ruft)\b(?=[^.;,:]{0,80}?\baus\b)", re.I), "Ausrufung"),
    (re.compile(r"\bmartial\s+law\b", re.I), "Kriegsrecht"),
    # the English noun, after a word German never puts before its verb "war" ("was")
    (
        re.compile(
            "(?:" + "|".join(rf"(?<=\b{before}\s)" for before in _BEFORE_WAR) + r")wars?\b",
            re.I,
        ),
        "Krieg",
    ),
    (re.compile(r"\b(?:flew|flies|flying|fly)\s+over\b", re.I), "overflew"),
    (re.compile(r"\b(?:the\s+)?end\s+of\s+(?:the|this)\s+year\b|\byear-end\b", re.I), "Jahresende"),
    (re.compile(r"\b(?:blew|blown|blows|blow|blowing)\s+up\b", re.I), "demolished"),
    (
        re.compile(r"\bremov(?:ed|es|e|ing|al)\s+(?:\w+\s+){0,4}?from\s+office\b", re.I),
        "impeachment",
    ),
]


ROOT_LETTERS = 4  # a root, and a compound's first part, keep at least this many letters


ENDING = re.compile(r"(?:ing|ed|en|er|es|e|s|n)$")


def phrased(text: str) -> str:
    """The text with each phrase of PHRASES as its one word."""
    for pattern, word in PHRASES:
        text = pattern.sub(word, text)
    return text


def root(word: str) -> str:
    """The lower-cased word (irregular verbs as their infinitive, app.ingest.words) with its
    inflection endings cut while four letters remain: "Treffens" and "treffen" -> "treff"."""
    folded = word.casefold()
    while (cut := ENDING.sub("", folded)) != folded and len(cut) >= ROOT_LETTERS:
        folded = cut
    return folded


_ACTS = {root(word): act for act, words in CONCEPTS.items() for word in words.split()}


_HEADS = frozenset(root(word) for word in HEADS.split())


SPECIFIC_LETTERS = 8


_SPECIFIC = frozenset(  # German nouns of the table and the words phrases stand for
    [root(w) for ws in CONCEPTS.values() for w in ws.split() if w[0].isupper() and len(w) >= 8]
    + [root(word) for _, word in PHRASES]
)


def specific(word: str) -> bool:
    """Whether a word of an act says it as specifically as a long word of the event's
    own title (app.ingest.words.key_hits counts it twice): a German noun of eight letters
    or more ("Vereidigung", "Amtsantritt") or a phrase ("took power"); not a verb form
    ("getestet")."""
    return root(word) in _SPECIFIC


@lru_cache(maxsize=65536)
def concept(word: str) -> str | None:
    """The act a word (lower-cased, irregular verbs as their infinitive) names, or None."""
    found = root(word)
    if found in _ACTS:
        return _ACTS[found]
    for at in range(ROOT_LETTERS, len(found) - ROOT_LETTERS + 1):
        if found[at:] in _HEADS:
            return _ACTS[found[at:]]
    return None
