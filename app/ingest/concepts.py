"""The bilingual lexicon of acts: one table says which words name an act ("sworn in",
"Amtseinführung" and "Vereidigung" are one inauguration, "traf" and "Treffen" one meeting)
and which kind of event (app.vocabulary.EVENT_KINDS) each word tells.

ACTS lists rows (act, kind, German words, English words). Words are read by their root
(lower-cased, irregular verbs as their infinitive, IRREGULAR; inflection endings cut while
four letters remain: "Treffens", "treffen" and "Treffen" are one word); a word written
"=warned" tells its kind only in that form ("warning" is a noun of systems too, though
the same act). A row's act is what reports are compared by (app.ingest.words.key_hits,
and app.ingest.events.same_event through words.terms; a German compound whose last part
is one of HEADS is that word: "Präsidentschaftswahl"); a row with no act only tells a
kind ("said", "erklärte": anything may be said, so saying it is no shared act), and a row
with no kind only names an act ("launched" a campaign, a "successor": no kind without
more words). For kinds, a German compound noun is the noun of the table it ends in
("Koreakrieg", "Neujahrsrede"). Each word is listed once.

PHRASES are runs of words read as one word of the table ("took office" is
"inauguration"). CUES are what a word cannot say alone, per kind and language: runs of
words ("fired ... missile", "trat ... das Amt an") and words in context ("vote" not
"voted to suspend"); a cue within a longer one is the longer one's ("das Kriegsrecht
verhängt" is no sanction). A German word never tells the kind of an English clause nor
the other way round ("war" is "was"); acts are compared across both languages, German
three-letter words aside ("war").
"""

import re
from functools import lru_cache
from typing import NamedTuple

Row = tuple[str | None, str | None, str, str]

ACTS: list[Row] = [
    # weapons tests
    (
        "launch",
        "weapons-test",
        "Abschuss abgefeuert Raketentest Raketenstart getestet testet Testflug",
        "test",
    ),
    (
        None,
        "weapons-test",
        "Test Salve zündet zünden Zündung gezündet Bombe feuert Satellitenstart",
        "",
    ),
    (None, "weapons-test", "", "salvo detonated detonation blast"),
    ("launch", "weapons-test", "", "=launches"),  # the noun; "launched a campaign"
    ("launch", None, "", "fired"),
    ("missile", "weapons-test", "Rakete", ""),
    ("missile", None, "Flugkörper", "missile rocket"),
    ("satellite", None, "Satellit", "satellite"),
    ("overflight", "weapons-test", "überfliegt überflog", "overflew"),
    ("overflight", None, "", "overflight"),
    (None, "weapons-test", "überfliegen", ""),
    # meetings
    ("summit", "summit", "Gipfel Gipfeltreffen", "summit"),
    ("meeting", "meeting", "Treffen Begegnung Handschlag wiedersehen", "meet handshake"),
    (
        None,
        "meeting",
        "trifft zusammenkommen zusammengekommen zusammenkam empfing empfängt empfangen einberufen",
        "receives convened",
    ),
    (
        "phone-call",
        "meeting",
        "telefoniert telefonieren Telefonat",
        "phoned telephoned",
    ),
    (
        "talks",
        "negotiation",
        "=Gespräche Verhandlungen verhandelt",
        "talks negotiations negotiated",
    ),
    (None, "negotiation", "verhandeln", ""),
    (
        "agreement",
        "agreement",
        "Abkommen Vereinbarung vereinbart Einigung Vertrag Verträge",
        "agreement deal treaty",
    ),
    (
        None,
        "agreement",
        "vereinbaren unterzeichnet unterzeichnen unterschrieb einigt geeinigt "
        "ratifiziert Ratifizierung",
        "agreed =signed =signing ratified ratification",  # not "a sign that"
    ),
    ("armistice", "agreement", "Waffenstillstand Waffenruhe", "armistice ceasefire truce"),
    (
        "visit",
        "visit",
        "Besuch besucht Staatsbesuch Ankunft landete eingetroffen",
        "visit arrived arrival",
    ),
    (None, "visit", "", "landed"),  # no act: its root is the German "Land"
    (
        None,
        "visit",
        "reist Reise eintreffen gelandet angekommen aufgebrochen Fahrt begleitet begleiten "
        "betrat betreten",
        "accompanied accompany",
    ),
    ("invitation", None, "Einladung eingeladen", "invitation invited"),
    ("crossing", None, "überschritt überquerte Grenzübertritt", "crossed"),
    # offices
    (
        "inauguration",
        "inauguration",
        "Amtseinführung Vereidigung vereidigt Amtsantritt Amtseid",
        "inauguration inaugurated inaugural sworn oath",
    ),
    (None, "inauguration", "vereidigen", ""),
    ("succession", "inauguration", "Machtübernahme Machtantritt", "succession accession"),
    ("succession", None, "Nachfolger", "succeed successor"),
    ("election", "election", "Wahl gewählt Wahlsieg", "election elected"),
    (None, "election", "wählt Abstimmung abstimmen", ""),
    ("impeachment", "other", "Amtsenthebung amtsenthoben enthoben", "impeachment impeached"),
    ("court", None, "Gericht Gerichtshof", "court"),
    ("parliament", None, "Parlament Volksversammlung", "parliament assembly"),
    # deaths
    ("death", "death", "starb Tod erschossen", "death died dies dead"),
    (None, "death", "stirbt getötet Tode", "=killed"),
    ("execution", "death", "Hinrichtung hingerichtet", "executed execution"),
    ("assassination", "death", "ermordet Ermordung", "assassinated assassination murdered"),
    ("assassination", None, "Attentat", ""),
    ("founding", "founding", "Gründung gegründet", "founding proclaimed proclamation"),
    ("founding", None, "ausgerufen Ausrufung", ""),
    (
        None,
        "founding",
        "gründet eröffnet Eröffnung eingeweiht Einweihung",
        "established opened unveiled",
    ),
    # force
    ("martial-law", "military-action", "Kriegsrecht", ""),
    (
        "attack",
        "military-action",
        "Angriffe angegriffen Luftangriff",
        "attack strike",
    ),
    ("shelling", "military-action", "Beschuss beschossen", "shelled"),
    (
        "invasion",
        "military-action",
        "Einmarsch einmarschiert Überfall überfiel",
        "invasion invaded",
    ),
    (
        None,
        "military-action",
        "beschießt Manöver simuliert simulieren Übung Offensive vorstieß Landung",
        "bombard bombardment drill exercise simulated simulation offensive",
    ),
    # an advance into land held by the other side, and soldiers taken prisoner
    (
        "incursion",
        "military-action",
        "vorgedrungen vordringen Vorstoß eingedrungen erobert Eroberung zurückerobert "
        "Rückeroberung Gefangennahme",
        "incursion intrusion seized captured recaptured retook retaken",
    ),
    ("parade", "military-action", "Parade", "parade"),
    ("withdrawal", None, "Austritt Rückzug Abzug", "withdrawal withdrew withdraws leave"),
    ("release", None, "freigelassen Freilassung", "released freed"),
    ("arrest", "other", "festgenommen Festnahme", "arrested"),
    (None, "other", "übergibt übergeben Übergabe", ""),  # remains, prisoners handed over
    # a ceremony: "honoured soldiers killed in the war" is no death
    (
        None,
        "other",
        "ehrte geehrt =gedachte =gedachten Gedenkfeier Zeremonie Kranzniederlegung",
        "honoured honored commemorated commemoration ceremony tribute",
    ),
    # a court's ruling
    (None, "other", "Urteil urteilte", "upheld upholds verdict"),
    (None, "war", "Krieg", "war wars"),
    (
        "demolition",
        "demolition",
        "abgerissen Abriss gesprengt Sprengung zerstört Zerstörung",
        "demolished demolition razed dynamited destroyed destruction",
    ),
    ("demolition", "demolition", "=zerstören", ""),  # not "Zerstörer", a warship
    (None, "demolition", "sprengt sprengen", ""),
    ("sanctions", "sanctions", "Sanktion", "sanction"),
    (None, "sanctions", "Embargo verhängt Terrorliste Verbot verbietet", ""),
    (None, "sanctions", "Exportkontrolle Exportbeschränkung Exportstopp", ""),
    (None, "sanctions", "", "embargo blacklist banned bans"),
    # words
    ("threat", "threat", "drohte Drohung gedroht", "threat"),
    (None, "threat", "=drohen bedroht Bedrohung androhen angedroht", ""),  # not "Drohnen"
    ("warning", "statement", "warnte Warnung gewarnt", "=warned =warns"),
    ("speech", "speech", "Rede Ansprache", "speech"),
    ("speech", None, "", "address"),
    (None, "speech", "Vollversammlung Plenum Parteitag Plenarsitzung", "plenum plenary"),
    (
        "announcement",
        "statement",
        "verkündet kündigte angekündigt Ankündigung",
        "announced announcement declared declaration",
    ),
    ("tweet", "statement", "Twitter Tweet getwittert", "tweet twitter"),
    ("writing", "statement", "schrieb geschrieben schreibt", "wrote writing written"),
    ("letter", "statement", "Brief", "letter"),
    (
        "rejection",
        "statement",
        "abgelehnt zurückgewiesen Ablehnung Zurückweisung",
        "rejected rejection",
    ),
    (
        None,
        "statement",
        "sagt gesagt erklärt erklären Erklärung kündigen betont bekräftigt bekräftigen "
        "verurteilt verurteilen Verurteilung verkünden abgesagt vorgeschlagen bestätigt "
        "bestätigen Bestätigung nannte nennt sprechen spricht fordert fordern Forderung "
        "gefordert angeboten verspottet verspotten meldet "
        "vorgeworfen beschuldigt beschuldigen signalisiert kontert Vorwurf "
        "Vorwürfe",
        "said says =stated told tells condemned condemnation mocked statement "
        "cancel cancelled cancellation proposed proposal offer "
        "confirmed confirmation accepted urged urges demand pledge vowed vows vow claim accused "
        "accusation signalled signaled retorted =countered estimated =reported",
    ),
    (None, "publication", "veröffentlicht veröffentlichen Veröffentlichung Bericht berichtet", ""),
    (None, "publication", "ausgestrahlt Aufnahmen", "published footage broadcast"),
    (None, "policy", "Politik Strategie Doktrin", "policy policies strategy doctrine"),
    # what a government decides: approvals, recognitions, dissolutions
    (
        None,
        "policy",
        "genehmigt Genehmigung gebilligt billigte gestattet anerkannt Anerkennung aufgelöst "
        "Auflösung",
        "approved approval authorized authorised recognised recognized recognition dissolved "
        "dissolution",
    ),
    # what is suspended, stopped or expelled; a decision is of the kind of what it decides
    # ("beschloss Sanktionen"), else policy (app.ingest.proposals.kind_of)
    ("suspension", "policy", "ausgesetzt aussetzen auszusetzen Aussetzung", "suspended suspension"),
    (
        None,
        "policy",
        "ausgewiesen Ausweisung gestoppt stoppte",
        "halted stopped expelled expulsion enacted",
    ),
    # loudspeakers, broadcasts switched on or off
    (
        "switching",
        "policy",
        "eingeschaltet einschalten abgeschaltet abschalten abzuschalten",
        "",
    ),
    # the lines between governments, cut or restored
    ("hotline", None, "Hotline Kommunikationskanal Kommunikationskanäle", "hotline"),
    (None, "decision", "beschlossen beschließt Beschluss", "decided decision"),
    ("deadline", None, "Frist", "deadline ultimatum"),
]

# Irregular forms of verbs that tell events, English and German: "met" is "meet"
IRREGULAR = {
    "met": "meet",
    "held": "hold",
    "began": "begin",
    "begun": "begin",
    "fought": "fight",
    "struck": "strike",
    "shot": "shoot",
    "spoke": "speak",
    "won": "win",
    "fled": "flee",
    "sent": "send",
    "traf": "treffen",
    "trafen": "treffen",
    "getroffen": "treffen",
    "begann": "beginnen",
    "begonnen": "beginnen",
    "sprach": "sprechen",
    "gesprochen": "sprechen",
    "schoss": "schießen",
    "geschossen": "schießen",
    "starb": "sterben",
    "gestorben": "sterben",
    "gewann": "gewinnen",
    "gewonnen": "gewinnen",
    "flog": "fliegen",
    "geflogen": "fliegen",
    "brach": "brechen",
    "gebrochen": "brechen",
}

# A German compound whose last part is one of these is that word's act in comparisons
HEADS = (
    "Wahl Rede Ansprache Gipfel Treffen Besuch Abkommen Drohung Warnung Gründung Abschuss Satellit "
    "Rakete Gericht Parade"
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
            r"\bsworn\s+in\b|\b(?:took|takes|taking|take)\s+(?:the\s+oath(?:\s+of\s+office)?|office)\b"
            r"|\b(?:came|comes|coming|returned|returns|returning|return)\s+(?:in)?to\s+office\b",
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
    # "ins Amt gekommen", "seit seiner Rückkehr ins Amt": the taking of office
    (
        re.compile(
            r"\bins\s+Amt\b(?=\s+(?:\w+\s+)?(?:gekommen|kam|kamen|kommt|gelangt|zurück\w*)\b)"
            r"|\bRückkehr\s+ins\s+Amt\b",
            re.I,
        ),
        "Amtsantritt",
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
    (  # "schaltete die Anlagen ... ein", "switched off the loudspeakers", "resumed propaganda
        re.compile(  # broadcasts"
            r"\b(?:switch|turn)(?:ed|es|s|ing)?\s+(?:on|off)\b|"
            r"\b(?:propaganda|loudspeaker)\s+broadcasts?\b|"
            r"\bschalte(?:t|te|ten)\b(?=[^.;,:]{0,60}?\b(?:ein|ab)\b)",
            re.I,
        ),
        "eingeschaltet",
    ),
    (re.compile(r"\b(?:the\s+)?end\s+of\s+(?:the|this)\s+year\b|\byear-end\b", re.I), "Jahresende"),
    (re.compile(r"\b(?:blew|blown|blows|blow|blowing)\s+up\b", re.I), "demolished"),
    (
        re.compile(r"\bremov(?:ed|es|e|ing|al)\s+(?:\w+\s+){0,4}?from\s+office\b", re.I),
        "impeachment",
    ),
]


# What no single word says: words in context, runs of words, per kind and language (a
# regular expression matched on the lower-cased clause at a word start)
CUES: dict[str, dict[str, str]] = {
    "weapons-test": {
        "de": r"(?:flog|fliegt|flogen|geflogen)\s+(?:\S+\s+){0,8}über\b|"
        r"in\s+(?:eine|die)\s+(?:\w+\s+)?umlaufbahn|ins\s+(?:welt)?all\b|in\s+den\s+weltraum\b|"
        r"niedergegangen|"
        r"(?:ging|gingen|geht|gehen)\s+(?:\S+\s+){0,8}nieder\b|"
        # a launch that failed, a first flight
        r"(?:zerbrach|zerbricht|zerbrachen|explodierte|explodiert|stürzte|stürzt)\s+(?:\S+\s+){0,6}"
        r"(?:start|abschuss|flug|flugphase)\w*|fehlstart|(?:erst|jungfern)flug|"
        r"(?:ersten|erster|erste)\s+flug\b",
        "en": r"splash\w*\s+down|(?:fell|landed|crashed)\s+(?:\S+\s+){0,4}(?:sea|waters|ocean)\b|"
        r"hydrogen\s+bomb|nuclear\s+device|(?:nuclear|atomic)\s+explosions?|"
        r"into\s+(?:\w+\s+)?orbit\b|into\s+space\b|"
        r"(?:missile|rocket|icbm)s?\s+launch\w*|"
        r"(?:the|a|an|its|this|that|first|second|third|latest|last|earlier)\s+(?:[\w-]+\s+){0,2}"
        r"launch\b(?!\s+of\b)|"
        r"launch(?:ed|es|ing)?\s+(?:of\s+)?(?:[\w'’-]+\s+){0,4}"
        r"(?:missile|rocket|icbm|slbm|irbm|satellite)|"
        r"(?:fired|fires|flew|flies)\s+(?:[\w'’-]+\s+){0,8}(?:missile|rocket|slbm|irbm)|"
        r"(?:missile|rocket|icbm|satellite)s?,?\s+(?:[\w,-]+\s+){0,3}(?:was\s+|were\s+)?"
        r"(?:launched|fired|flew|tested)|"
        r"(?:exploded|disintegrated|broke\s+apart|blew\s+up|crashed)\s+(?:\S+\s+){0,4}"
        r"(?:after|during|upon|on|in)\s+(?:its\s+|the\s+)?(?:launch|lift-?off|flight)|"
        r"(?:first|maiden)\s+(?:test\s+)?flight",
    },
    "sanctions": {  # a resolution adopted too: the Security Council's on the North impose them
        "de": r"(?:strich|strichen|setzte|setzten|nahm|nahmen)\s+(?:\S+\s+){0,6}(?:von|auf)\s+"
        r"(?:\S+\s+){0,3}\w*liste\b|\w*liste\s+(?:\S+\s+){0,3}(?:gestrichen|gesetzt|genommen)|"
        r"schwarze\s+liste|\w*resolution\s+(?:\S+\s+){0,8}(?:verabschiedet|"
        r"beschlossen|angenommen)|(?:verabschiedet\w*|beschl(?:oss|ießt)\w*)\s+(?:\S+\s+){0,6}"
        r"\w*resolution",
        "en": r"sponsors?\s+of\s+terror\w*|"
        r"(?:export|trade)\s+(?:controls?|curbs?|restrictions?)|"
        r"(?:controls?|curbs?|restrictions?)\s+on\s+(?:\S+\s+){0,2}(?:exports?|imports?)|"
        r"(?:remov|dropp|strik|struck|delet|put|add)\w*\s+(?:\S+\s+){0,5}(?:from|on|to)\s+"
        r"(?:\S+\s+){0,5}list\b|"
        r"(?:adopt\w*|pass(?:ed|es)?|approv\w*)\s+(?:\S+\s+){0,4}resolution|"
        r"resolutions?\s+(?:\S+\s+){0,4}(?:was|were|is|are|been)\s+(?:\w+\s+)?"
        r"(?:adopted|passed|approved)",
    },
    "demolition": {
        "de": r"(?:reißt|riss|rissen)\s+(?:\w+\s+){0,6}ab\b",
        "en": r"torn\s+down|tore\s+down",
    },
    "inauguration": {
        "de": r"(?:tritt|trat)\s+(?:\w+\s+){0,3}amt\s+an\b|"
        r"amt\s+(?:\w+\s+){0,2}an(?:getreten|treten|zutreten)\b",
        "en": r"(?:returned|rose)\s+to\s+power|became\s+(?:prime\s+minister|president)",
    },
    "election": {  # not "voted to suspend": what was voted
        "de": "",
        "en": r"won\s+the\s+(?:presidency|election)|vote[ds]?\b(?!\s+(?:\w+\s+){0,2}to\s)",
    },
    "founding": {"de": r"rief\s+(?!das\s+kriegsrecht)(?:\w+\s+){0,6}aus\b", "en": ""},
    "military-action": {
        "de": r"kriegsrecht\s+(?:\w+\s+){0,2}(?:verhängt|ausgerufen)|"
        r"verhängt\w*\s+(?:\w+\s+){0,3}\w*kriegsrecht|versenkt\w*|torpedier\w*|"
        r"(?:korvette|kriegsschiff|fregatte|zerstörer|schiff)\s+(?:\S+\s+){0,3}(?:sinkt|sank|gesunken)|"
        r"(?:feuert\w*|schoss|schossen)\s+(?:\S+\s+){0,6}\w*(?:artillerie|granate|schüsse)\w*|"
        r"(?:eröffnete\w*|eröffnet)\s+(?:\S+\s+){0,4}feuer\b|feuer\s+eröffnet|"
        r"(?:drang|drangen|dringt|dringen)\s+(?:\S+\s+){0,8}vor\b|gefangen\s*genommen|"
        r"(?:nahm|nahmen|nimmt|nehmen)\s+(?:\S+\s+){0,8}gefangen\b|"
        r"(?:soldaten|truppen|einheiten)\s+(?:\S+\s+){0,8}(?:überschritt|überquert)\w*",
        "en": r"(?:declar\w*|impos\w*)\s+(?:of\s+)?martial\s+law|"
        r"martial\s+law\s+(?:\w+\s+){0,2}(?:declared|imposed)|landings?\b|torpedo\w*|"
        r"(?:navy|naval|warship|corvette|frigate|destroyer|submarine|vessel|ship)\s+(?:\S+\s+){0,3}"
        r"(?:sinks|sank|sunk|sinking)\b|open(?:ed|s|ing)?\s+fire\b|"
        r"(?:fired|fires|firing)\s+(?:[\w-]+\s+){0,5}(?:artillery|shells|rounds|shots)\b|"
        r"(?:pushed|pushes|advanced|advances|marched)\s+(?:\S+\s+){0,3}into\b|"
        r"(?:soldiers|troops|forces)\s+(?:\S+\s+){0,8}crossed\b|took\s+(?:\S+\s+){0,4}prisoners?",
    },
    "threat": {  # an order to prepare for war too: "ordered his military to prepare to"
        "de": r"(?:befahl|befiehlt|wies|weist|angewiesen)\s+(?:\S+\s+){0,12}"
        r"(?:vorzubereiten|bereitzuhalten|bereit\s+zu\s+sein)",
        "en": r"order(?:ed|s)\s+(?:\S+\s+){0,4}to\s+(?:prepare|be\s+ready|get\s+ready)",
    },
    "speech": {  # a party's plenum or congress: where the leader speaks; told an assembly
        "de": r"(?:sagte|sprach|erklärte|rief)\s+(?:\S+\s+){0,4}vor\s+(?:dem|der|den)\s+"
        r"(?:\S+\s+){0,2}?[\w-]*(?:vollversammlung|parlament|kongress|parteitag|plenum)",
        "en": r"party\s+(?:congress|meeting|conference)|"
        r"(?:told|tells|addressed)\s+(?:the\s+)?(?:[\w.]+\s+){0,2}(?:general\s+assembly|"
        r"parliament|congress|rally|crowd|delegates)|"
        r"(?:his|her|their|an|a|the|first|year's|televised|annual)\s+(?:\w+\s+){0,2}"
        r"address\b|address(?:ed|es)?\s+(?:to\s+)?(?:the|a)\s+(?:nation|u\.n\.|united|general|"
        r"parliament|congress|assembly|rally|crowd)|general\s+assembly",
    },
    "visit": {
        "de": r"(?:trifft|traf|trafen)\s+(?:\w+\s+){0,5}ein\b|(?:fliegt|flog|flogen)\b|"
        r"war\s+(?:\w+\s+){0,6}(?:in|nach)\s+\w+\s+gewesen|(?:setzte|setzt)\s+(?:\w+\s+){0,4}fuß",
        "en": r"travel(?:l)?(?:ed|s)\s+to|trip\s+to|fl(?:ew|ies)\s+(?:in|to|into)\b|"
        r"set\s+foot\s+(?:in|on)|port\s+calls?\b",
    },
    "meeting": {
        "de": r"kommen\s+(?:\w+\s+){0,8}zusammen|(?:berief|beruft)\s+(?:\w+\s+){0,6}ein\b",
        "en": r"dine[sd]?\s+with|shook\s+hands|(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\b|"
        r"(?:tele)?phone\s+(?:call|talks|conversation)s?\b",
    },
    "publication": {"de": "", "en": r"report(?:ed|s)?\s+that"},
    "policy": {  # "written into its constitution" is no writing but a law; what is suspended
        "de": r"(?:setzt|setzte|setzten)\s+(?:\S+\s+){0,8}aus\b|"
        r"\w*gesetz\w*\s+(?:\S+\s+){0,6}(?:verabschiedet|beschlossen)|"
        r"(?:kommunikationskan\w*|hotlines?|leitungen)\s+(?:\S+\s+){0,6}"
        r"(?:gekappt|abgebrochen|unterbrochen)|"
        r"(?:kappte|kappten|kappt)\s+(?:\S+\s+){0,6}(?:kommunikationskan\w*|hotlines?|leitungen)|"
        r"(?:verabschiedet\w*|beschl(?:oss|ießt)\w*)\s+(?:\S+\s+){0,4}\w*gesetz|"
        r"(?:erkennt|erkannte|erkannten)\s+(?:\S+\s+){0,12}an\b|"
        r"(?:löst|löste|lösten)\s+(?:\S+\s+){0,6}auf\b|"
        r"(?:in\s+(?:die|der)\s+verfassung|gesetzlich)\s+(?:\S+\s+){0,3}"
        r"(?:verankert|festgeschrieben|aufgenommen|geschrieben)",
        "en": r"(?:written|wrote|writes|enshrined|enshrines|put)\s+(?:\S+\s+){0,6}into\s+"
        r"(?:its\s+|the\s+|\w+'s\s+)?(?:constitution|law)\b|"
        r"(?:pass|adopt)(?:ed|es|s)?\s+(?:\S+\s+){0,3}law\b|"
        r"(?:cut|cuts|severed|severs)\s+(?:\S+\s+){0,4}(?:hotlines?|lines|communications?|ties)\b",
    },
    "other": {  # a court's ruling, remains or prisoners handed over
        "de": r"erklärt\w*\s+(?:\S+\s+){0,16}für\s+"
        r"(?:verfassungswidrig|rechtswidrig|ungültig|nichtig)",
        "en": r"handed\s+over|court\s+(?:\S+\s+){0,4}(?:ruled|ordered|struck\s+down)",
    },
    "statement": {
        "de": r"teil(?:t|te|ten)\s+(?:\w+\s+){0,4}mit\b|(?:nimmt|nahm)\s+(?:\w+\s+){0,3}an\b|"
        r"schlug\s+(?:\w+\s+){0,6}vor\b|(?:bot|bietet)\s+(?:\w+\s+){0,6}an\b|"
        r"lehn\w*\s+(?:\w+\s+){0,6}ab\b|(?:wies|weist)\s+(?:[\w-]+\s+){0,16}zurück\b|"
        r"(?:wirft|warf|warfen)\s+(?:\S+\s+){0,8}vor\b",
        "en": r"(?<!, )(?<!so-)(?<!what it )(?<!what he )(?<!what she )(?<!what they )"
        r"call(?:s|ed)?\b|"  # not a name: "fired what it called a new cruise missile"
        r"(?:hit|hits|hitting|struck|strikes)\s+back\b",  # a retort
    },
}


ROOT_LETTERS = 4  # a root, and a compound's first part, keep at least this many letters


ENDING = re.compile(r"(?:ing|ed|en|er|es|e|s|n)$")


def phrased(text: str) -> str:
    """The text with each phrase of PHRASES as its one word."""
    for pattern, word in PHRASES:
        text = pattern.sub(word, text)
    return text


def root(word: str) -> str:
    """The lower-cased word (irregular verbs as their infinitive) with its inflection
    endings cut while four letters remain: "Treffens" and "treffen" -> "treff"."""
    folded = word.casefold()
    folded = IRREGULAR.get(folded, folded)
    while (cut := ENDING.sub("", folded)) != folded and len(cut) >= ROOT_LETTERS:
        folded = cut
    return folded


class Entry(NamedTuple):
    act: str | None
    kind: str | None
    noun: str | None  # a German noun, lower-cased: a compound ending in it is it
    forms: frozenset[str]  # the only forms that tell the kind ("=warned"); empty: any


def _entries(language: str) -> dict[str, Entry]:
    column = 2 if language == "de" else 3
    entries: dict[str, Entry] = {}
    for row in ACTS:
        for written in str(row[column]).split():
            word = written.lstrip("=").casefold()
            found = root(word)
            forms = entries[found].forms if found in entries else frozenset()
            exact = frozenset([word]) if written.startswith("=") else frozenset()
            noun = word if language == "de" and written.lstrip("=")[0].isupper() else None
            entries[found] = Entry(row[0], row[1], noun, forms | exact)
    return entries


_BY_LANGUAGE = {language: _entries(language) for language in ("de", "en")}

_ACTS = {  # compared across both languages
    found: entry.act
    for entries in _BY_LANGUAGE.values()
    for found, entry in entries.items()
    if entry.act is not None
}


_HEADS = frozenset(root(word) for word in HEADS.split())


SPECIFIC_LETTERS = 8


_SPECIFIC = frozenset(  # German nouns of the table and the words phrases stand for
    [
        root(w.lstrip("="))
        for row in ACTS
        if row[0]
        for w in row[2].split()
        if w.lstrip("=")[0].isupper() and len(w.lstrip("=")) >= 8
    ]
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


KIND_ORDER = (  # which kind goes first where two cues start at one word
    "weapons-test",
    "summit",
    "sanctions",
    "demolition",
    "inauguration",
    "election",
    "death",
    "founding",
    "agreement",
    "military-action",
    "threat",
    "speech",
    "visit",
    "negotiation",
    "meeting",
    "publication",
    "war",
    "policy",
    "decision",
    "statement",
    "other",
)

_CUES = {
    language: [
        (kind, re.compile(rf"\b(?:{cues[language]})"))
        for kind, cues in CUES.items()
        if cues[language]
    ]
    for language in ("de", "en")
}
_WORD = re.compile(r"[^\W\d_]+")

Cue = tuple[int, int, str]  # start, end, kind


@lru_cache(maxsize=65536)
def word_kind(word: str, language: str) -> str | None:
    """The kind a word tells in the language, or None: by its root (or only as written,
    "=warned"), or a German compound noun by its last part ("Atomtest", "Neujahrsrede";
    not "Wahlkreis", "schlechteste")."""
    folded = word.lower()
    entries = _BY_LANGUAGE[language]
    entry = entries.get(root(folded))
    if entry is not None:
        return entry.kind if not entry.forms or folded in entry.forms else None
    if language != "de" or not word[:1].isupper():
        return None
    for at in range(ROOT_LETTERS, len(folded) - ROOT_LETTERS + 1):
        part = entries.get(root(folded[at:]))
        if part is not None and part.noun is not None and folded.startswith(part.noun, at):
            return part.kind
    return None


def cues(text: str, language: str) -> list[Cue]:
    """Where the text tells a kind: its words, phrases and CUES, by position,
    then as KIND_ORDER lists them; a cue within a longer one is the longer one's
    ("kriegsrecht verhängt", "fired two missiles")."""
    found = [
        (m.start(), m.end(), kind)
        for m in _WORD.finditer(text)
        if (kind := word_kind(m.group(), language)) is not None
    ]
    text = text.lower()  # casefold would move offsets (ß)
    for pattern, word in PHRASES:
        kind = word_kind(word, "de") or word_kind(word, "en")
        found += [(m.start(), m.end(), kind) for m in pattern.finditer(text) if kind]
    for kind, pattern in _CUES[language]:
        found += [(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    outer = [
        (start, end, kind)
        for start, end, kind in found
        if not any(a <= start and end <= b and b - a > end - start for a, b, _ in found)
    ]
    return sorted(outer, key=lambda cue: (cue[0], KIND_ORDER.index(cue[2])))
