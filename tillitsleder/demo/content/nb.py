"""The Bokmål demo: Oslo kommune – Bydel Nordstrand. Organisation, names, curriculum, schedule and prose.

Kept apart from ``demo`` so the builder reads as logic; every language's module has the same names (see
``demo.content``). The texts follow the seeds (Bydel Nordstrand, Oslo kommune's offer to leaders, Norrköping's
three-step dialogue); every person named here is invented.
"""

from __future__ import annotations

from decimal import Decimal

MUNICIPALITY = "Oslo kommune – Bydel Nordstrand"
COUNTRY = "NO"  # public holidays and working days
TIMEZONE = "Europe/Oslo"
EMAIL_DOMAIN = "bydel-nordstrand.oslo.kommune.no"
PROGRAMME_NAME = "Lederutviklingsprogram {first}–{last}"
SEMESTER_TITLE = "{season} {year}: {theme}"
AUTUMN, SPRING = "Høst", "Vår"
COHORT = "Kull 1 – Nordstrand"
EARLIER_COHORT = "Kull {first}–{last:02d} – Nordstrand"
ROUND_NAME = "Runde 1 – {year}/{next:02d}"
COORDINATOR = ("Hilde", "Bækkelund", "HR-utvikler, lederutvikling")
DIRECTOR = "Avdelingsdirektør {department}"
ACTING = "Konstituert {title}"  # a first-line leader acting as head of their unit

_BARNEHAGE = (("Barnehagestyrer", 3), ("Pedagogisk leder", 4), ("Pedagogisk leder", 4))
_HJEMME = (("Enhetsleder", 2), ("Avdelingsleder", 3), ("Fagleder", 4))
_BOLIG = (("Enhetsleder", 2), ("Avdelingsleder", 3), ("Fagleder", 4))
_TEAM = (("Enhetsleder", 2), ("Teamleder", 4), ("Teamleder", 4))

# Department → unit → (leader positions as (title, leader level) a participant from the unit may hold,
# positions of staff there who may serve as facilitators).
DEPARTMENTS: dict[str, dict[str, tuple[tuple[tuple[str, int], ...], tuple[str, ...]]]] = {
    "Oppvekst": {
        "Ljabru barnehage": (_BARNEHAGE, ("Barnehagelærer", "Spesialpedagog")),
        "Simensbråten barnehage": (_BARNEHAGE, ("Barnehagelærer", "Spesialpedagog")),
        "Bekkelaget barnehage": (_BARNEHAGE, ("Barnehagelærer",)),
        "Helsestasjon Nordstrand": (
            (("Enhetsleder", 2), ("Fagleder helsesykepleiere", 4), ("Fagleder jordmødre", 4)),
            ("Helsesykepleier", "Jordmor"),
        ),
        "Barneverntjenesten": (
            (("Barnevernleder", 2), ("Avdelingsleder undersøkelse", 3), ("Avdelingsleder tiltak", 3)),
            ("Barnevernspedagog", "Sosionom"),
        ),
        "Ungdomstjenesten": (
            (("Enhetsleder", 2), ("Fagleder oppsøkende tjeneste", 4), ("Klubbleder", 4)),
            ("Ungdomsarbeider", "Miljøterapeut"),
        ),
    },
    "Mestring og omsorg": {
        "Hjemmetjenesten sone Nord": (_HJEMME, ("Sykepleier", "Helsefagarbeider", "Spesialsykepleier")),
        "Hjemmetjenesten sone Sør": (_HJEMME, ("Sykepleier", "Helsefagarbeider")),
        "Fysio- og ergoterapitjenesten": (
            (("Enhetsleder", 2), ("Fagleder ergoterapi", 4), ("Fagleder fysioterapi", 4)),
            ("Ergoterapeut", "Fysioterapeut"),
        ),
        "Tildelingskontoret": (_TEAM, ("Saksbehandler", "Rådgiver")),
        "Lambertseter seniorsenter": (
            (("Daglig leder", 3), ("Aktivitetsleder", 4), ("Aktivitetsleder", 4)),
            ("Aktivitør",),
        ),
    },
    "Tilpassa tjenester": {
        "Ljanslia bofellesskap": (_BOLIG, ("Vernepleier", "Miljøarbeider")),
        "Karlsrud bofellesskap": (_BOLIG, ("Vernepleier", "Miljøterapeut")),
        "Avlastning barn og unge": (
            (("Enhetsleder", 2), ("Avdelingsleder", 3), ("Teamleder", 4)),
            ("Vernepleier", "Miljøarbeider"),
        ),
        "Psykisk helse og rus": (
            (("Enhetsleder", 2), ("Fagleder", 4), ("Teamleder ROP-team", 4)),
            ("Psykiatrisk sykepleier", "Sosionom"),
        ),
        "Holtet dagsenter": ((("Avdelingsleder", 3), ("Fagleder", 4), ("Fagleder", 4)), ("Miljøterapeut",)),
    },
    "Velferd": {
        "NAV Nordstrand": (
            (("NAV-leder", 2), ("Avdelingsleder oppfølging", 3), ("Teamleder ungdom", 4)),
            ("NAV-veileder", "Sosionom"),
        ),
        "Bydelsbiblioteket": ((("Biblioteksjef", 3), ("Fagleder formidling", 4), ("Fagleder", 4)), ("Bibliotekar",)),
        "Frivilligsentralen Nordstrand": ((("Daglig leder", 3), ("Fagleder", 4), ("Fagleder", 4)), ("Koordinator",)),
        "Boligkontoret": (_TEAM, ("Boligkonsulent", "Rådgiver")),
        "Kultur og nærmiljø": (
            (("Enhetsleder", 2), ("Fagleder kultur", 4), ("Fagleder nærmiljø", 4)),
            ("Kulturkonsulent", "Rådgiver"),
        ),
    },
}

FIRST_NAMES = (
    "Anne", "Kari", "Ingrid", "Marit", "Silje", "Ida", "Nora", "Ingeborg", "Solveig", "Åse", "Sølvi", "Tone",
    "Randi", "Linn", "Camilla", "Marte", "Hanne", "Kristin", "Guro", "Anne-Lise", "Ragnhild", "Lars", "Ole",
    "Per", "Jon", "Bjørn", "Øystein", "Håkon", "Kåre", "Ørjan", "Espen", "Torbjørn", "Eirik", "Magnus",
    "Sindre", "Trond", "Geir", "Stian", "Jørgen", "Are", "Sverre", "Tor Erik",
)  # fmt: skip
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
    "Karlsen", "Haugen", "Hagen", "Bakken", "Moen", "Berg", "Lie", "Dahl", "Lunde", "Halvorsen", "Solberg",
    "Sæther", "Østby", "Løvås", "Kjærnes", "Håland", "Næss", "Søreide", "Dæhli", "Brønstad", "Ødegård",
    "Aasen", "Strøm", "Lønning", "Fjellheim", "Rønning", "Vågen", "Tønnessen",
)  # fmt: skip
# Northern Sami, Swedish and immigrant names: they must survive e-mail folding, sorting and every PDF.
SAMI_NAMES = (("Máret", "Ánde"), ("Niillas", "Gaup"), ("Iŋgá", "Utsi"), ("Biret Sárá", "Eira"), ("Áslat", "Hætta"))
OTHER_NAMES = (
    ("Åsa", "Lindqvist"), ("Björn", "Ekström"), ("Łukasz", "Kowalczyk"), ("Małgorzata", "Wiśniewska"),
    ("Ayşe", "Yılmaz"), ("Çağlar", "Öztürk"), ("Ćiril", "Đorđević"), ("Dragana", "Živković"),
    ("Amra", "Hadžić"), ("Tomáš", "Dvořák"), ("Rūta", "Kazlauskienė"), ("Hodan", "Abdi Warsame"),
    ("Abdirahman", "Hassan"), ("Thị Lan", "Nguyễn"), ("Thusyanthan", "Sivakumar"), ("Sadia", "Rehman"),
    ("Yohannes", "Tesfay"),
)  # fmt: skip
# More names for the earlier cohort's leaders.
EXTRA_NAMES = (("Elle Márjá", "Somby"), ("Ánte", "Buljo"), ("Doğan", "Kılıç"), ("Łucja", "Ćwiklińska"))

# Letters NFKD does not decompose, folded the way Oslo kommune's addresses do.
EMAIL_FOLDING = str.maketrans({"æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ŋ": "n", "ŧ": "t", "ı": "i", "ß": "ss"})

VENUES = {
    "storsalen": ("Nordstrand bydelshus, storsalen", "Ekebergveien 243, 1166 Oslo", 80),
    "moterom": ("Nordstrand bydelshus, møterom Ljansbakken", "Ekebergveien 243, 1166 Oslo", 45),
    "ekeberg": ("Ekebergrestauranten", "Kongsveien 15, 0193 Oslo", 120),
    "sentralen": ("Sentralen, Øvre Slottsgate 3", "Øvre Slottsgate 3, 0157 Oslo", 300),
    "biblioteket": ("Bydelsbiblioteket, arrangementsrommet", "Cecilie Thoresens vei 1, 1153 Oslo", 50),
}

PROGRAMME_DESCRIPTION = (
    "Toårig lederutviklingsprogram for ledere i Bydel Nordstrand, bygget på relasjonskompetanse og "
    "medarbeiderskap etter modell fra KS og andre kommuner. Tre elementer går parallelt: temasamlinger for "
    "oppfølging i egen enhet, ledergruppeutvikling og refleksjonsgrupper på tvers av avdelinger. Målet er å "
    "styrke kompetanse og kultur for tillitsbasert ledelse – tillit er ikke fravær av kontroll, men kontroll "
    "som gir mening."
)
SEMESTER_THEMES = (
    "Tillit og relasjoner",
    "Medarbeiderskap og ledergruppen",
    "Styring som gir mening",
    "Forpliktelser og veien videre",
)
# code, label, weight — in the order the register offers them.
ATTENDANCE_STATUSES = (
    ("present", "Til stede", Decimal("1.0")),
    ("late", "Forsinket", Decimal("0.75")),
    ("excused", "Gyldig fravær", Decimal("0.0")),
    ("absent", "Fravær", Decimal("0.0")),
    ("partial", "Delvis til stede", Decimal("0.5")),
)

# semester, title, session type, hours, required, description, objectives (one per line).
MODULES = (
    (1, "Tillitsbasert ledelse – hva betyr det hos oss?", "temasamling", 12, True,
     "Oppstart av programmet. Hva betyr tillitsbasert ledelse i Bydel Nordstrand – og hva betyr det ikke? "
     "Styringssignalene fra byrådet, bydelens egen tolkning og hvordan tillit og kontroll henger sammen.",
     "Kan forklare hva tillitsbasert ledelse betyr i egen enhet.\n"
     "Kan skille mellom kontroll som gir mening og kontroll som ikke gjør det.\n"
     "Har formulert én problemstilling å ta med inn i refleksjonsgruppen."),
    (1, "Relasjonskompetanse", "temasamling", 12, True,
     "Relasjonsledelse i praksis: å kjenne medarbeidernes kompetanse, bygge en tillitsfull relasjon til hver "
     "enkelt og tåle uenighet.",
     "Kjenner grunnbegreper i relasjonskompetanse.\n"
     "Har øvd på samtaler med tydelige forventninger og konkret anerkjennelse.\n"
     "Har kartlagt egne relasjoner i enheten."),
    (1, "Refleksjonsgrupper, år 1", "refleksjonsgruppe", 15, True,
     "Faste grupper på tvers av avdelinger og enheter. Møtene følger tre-stegs-prinsippet: egen refleksjon "
     "(fem minutter, skriftlig), samtale i smågrupper og oppsummering i storgruppe.",
     "Lærer av hverandres erfaringer på tvers av tjenester.\nFølger opp egne tiltak mellom møtene."),
    (2, "Medarbeiderskap", "temasamling", 12, True,
     "Tillit virker begge veier. Hva forventer vi av medarbeiderne, og hva kan de forvente av oss? Om "
     "delaktighet, ansvar og mot i hverdagen.",
     "Kan beskrive godt medarbeiderskap i egen enhet.\n"
     "Har planlagt en prosess der medarbeiderne selv utformer løsninger."),
    (2, "Ledergruppeutvikling I: Ledergruppen som lag", "ledergruppeutvikling", 12, True,
     "Avdelingenes ledergrupper arbeider med egen effektivitet og evne til å levere: roller, møtestruktur og "
     "hvordan beslutninger følges opp.",
     "Ledergruppen har en felles forståelse av sitt oppdrag.\n"
     "Ledergruppen har avtalt hvordan møtene brukes og følges opp."),
    (2, "Fagdag: Ingen selvledelse uten ledelse", "fagdag", 6, True,
     "Fagdag for alle ledere i bydelen med innlegg om tillitsbasert ledelse, medarbeidersamtalen og "
     "selvledelse, og workshop i grupper.",
     "Har fått faglig påfyll og delt erfaringer med ledere fra andre enheter."),
    (3, "Forandre, fastholde, skrote", "temasamling", 12, True,
     "Vi går gjennom egen styring: hvilke rutiner, rapporter og målinger skal vi forandre, hvilke skal vi "
     "fastholde, og hvilke kan vi skrote?",
     "Har vurdert minst tre rutiner eller rapporter i egen enhet.\n"
     "Har lagt fram ett konkret forslag for sin leder."),
    (3, "Resultatkjeden og dokumenterte effekter", "temasamling", 12, True,
     "Med DFØs resultatkjede – innsatsfaktorer, aktiviteter, produkter og tjenester, brukereffekter og "
     "samfunnseffekter – ser vi på hva vi faktisk vet om effekten av tjenestene våre.",
     "Kan bruke resultatkjeden på en tjeneste i egen enhet.\n"
     "Kan skille mellom å måle aktivitet og å dokumentere effekt."),
    (3, "Refleksjonsgrupper, år 2", "refleksjonsgruppe", 12, True,
     "Refleksjonsgruppene fortsetter med nye problemstillinger fra egen hverdag.",
     "Bruker gruppen til å prøve ut og evaluere endringer i egen enhet."),
    (3, "E-læring: Lean og forbedringsarbeid i hverdagen", "e_laering", 4, False,
     "Nettkurs i eget tempo, laget sammen med F16: tavlemøter, forbedringstavler og små forbedringer som "
     "medarbeiderne selv eier.",
     "Kjenner grunnprinsippene i Lean.\nHar prøvd ut en forbedringstavle med eget team."),
    (4, "Medarbeidersamtalen som kontrakt", "temasamling", 12, True,
     "Medarbeidersamtalen som nøkkel til et tillitsbasert forhold: avklare oppgaver, mål og forventninger så "
     "tydelig som mulig, slik at begge parter kan gjøre en felles forpliktelse – om resultater og om relasjoner.",
     "Kan gjennomføre en medarbeidersamtale som ender i gjensidige forpliktelser.\n"
     "Følger opp forpliktelsene gjennom året."),
    (4, "Ledergruppeutvikling II: Å levere på oppdraget", "ledergruppeutvikling", 12, True,
     "Ledergruppene ser på hva de leverer til innbyggerne, og hvordan de vet det.",
     "Ledergruppen har en plan for å følge opp resultater og effekter sammen med medarbeiderne."),
)  # fmt: skip

# year offset from the programme start, month, weekday (0 = Monday), nth weekday (-1 = last), local start,
# local end, module index, title, venue key.
SCHEDULE = (
    (0, 9, 3, 2, "09:00", "15:30", 0, "Oppstartssamling: Tillitsbasert ledelse – hva betyr det hos oss?", "ekeberg"),
    (0, 9, 1, -1, "12:30", "15:30", 2, "Refleksjonsgrupper: oppstart og gruppeavtaler", "moterom"),
    (0, 10, 3, 3, "09:00", "15:30", 0, "Tillitsbasert ledelse, dag 2: Kontroll som gir mening", "storsalen"),
    (0, 11, 3, 1, "09:00", "15:30", 1, "Relasjonskompetanse, dag 1", "storsalen"),
    (0, 11, 1, 3, "12:30", "15:30", 2, "Refleksjonsgrupper: møte 2", "moterom"),
    (0, 12, 3, 1, "09:00", "15:30", 1, "Relasjonskompetanse, dag 2", "storsalen"),
    (1, 1, 3, 3, "09:00", "15:30", 3, "Medarbeiderskap, dag 1", "storsalen"),
    (1, 2, 2, 1, "09:00", "15:00", 4, "Ledergruppeutvikling I: Oppdrag og roller", "moterom"),
    (1, 2, 1, -1, "12:30", "15:30", 2, "Refleksjonsgrupper: møte 3", "moterom"),
    (1, 3, 3, 2, "09:00", "15:30", 5, "Fagdag: Ingen selvledelse uten ledelse", "sentralen"),
    (1, 4, 3, 2, "09:00", "15:30", 3, "Medarbeiderskap, dag 2", "storsalen"),
    (1, 4, 2, -1, "09:00", "15:00", 4, "Ledergruppeutvikling I: Møter som skaper retning", "moterom"),
    (1, 5, 1, 2, "12:30", "15:30", 2, "Refleksjonsgrupper: møte 4", "moterom"),
    (1, 6, 2, 1, "09:00", "15:00", 4, "Ledergruppeutvikling I: Beslutninger og oppfølging", "moterom"),
    (1, 6, 3, 2, "09:00", "15:30", 2, "Før sommeren: Hva har vi lært i refleksjonsgruppene?", "ekeberg"),
    (1, 9, 3, 2, "09:00", "15:30", 6, "Forandre, fastholde, skrote", "storsalen"),
    (1, 9, 1, -1, "12:30", "15:30", 8, "Refleksjonsgrupper år 2: oppstart", "moterom"),
    (1, 10, 3, 3, "09:00", "15:30", 7, "Resultatkjeden, dag 1: Fra aktivitet til effekt", "storsalen"),
    (1, 11, 3, 3, "09:00", "15:30", 7, "Resultatkjeden, dag 2: Dokumenterte effekter i egen enhet", "biblioteket"),
    (1, 12, 1, 1, "12:30", "15:30", 8, "Refleksjonsgrupper år 2: møte 2", "moterom"),
    (2, 1, 3, 3, "09:00", "15:30", 10, "Medarbeidersamtalen som kontrakt, dag 1", "storsalen"),
    (2, 3, 3, -1, "09:00", "15:30", 10, "Medarbeidersamtalen som kontrakt, dag 2", "storsalen"),
    (2, 4, 2, -1, "09:00", "15:00", 11, "Ledergruppeutvikling II: Å levere på oppdraget", "moterom"),
)  # fmt: skip
CANCELLED_SESSION = 4
CANCEL_REASON = (
    "Avlyst på grunn av en uforutsett beredskapssituasjon i bydelen. Gruppene avtaler nytt møte selv innen to uker."
)

POOLS = (
    ("F16", "F16 – Lean-fasilitatorer", "lean", 16,
     "Seksten Lean-fasilitatorer som hjelper ledere og team med kontinuerlig forbedring."),
    ("F7", "F7 – de fantastiske 7", "innovation", 7,
     "Sju innovasjonsagenter som inspirerer og leder innovasjon på tvers av enheter og avdelinger: de ser "
     "løsninger ett sted og sprer dem. Flere har gått på Innovasjonsskolen."),
    ("EA", "Endringsagenter", "change_agent", 5,
     "Endringsagenter som støtter ledere i omstilling og leder dialogmøter og refleksjonsgrupper."),
)  # fmt: skip
SKILLS = {
    "lean": ("Lean", "tavlemøter", "verdistrømanalyse", "forbedringstavler", "A3-problemløsning"),
    "innovation": ("tjenestedesign", "innsiktsarbeid", "gevinstrealisering", "velferdsteknologi", "prototyping"),
    "change_agent": ("prosessledelse", "dialogmøter", "endringsledelse", "veiledning", "konflikthåndtering"),
}
UNAVAILABILITY = (("Ferie", 14), ("Permisjon", 30), ("Samling på Innovasjonsskolen", 3), ("Kurs", 2))

GROUP_NAMES = ("Gruppe Ekeberg", "Gruppe Ljan", "Gruppe Bekkelaget", "Gruppe Sæter", "Gruppe Holtet", "Gruppe Ormøya")
OWN_KEYWORDS = (
    "travelt", "mye nytt", "usikkerhet om retningen", "stolthet over teamet", "budsjettpress", "gode samtaler",
    "lite tid til refleksjon", "lyst til å prøve noe nytt", "mange vikarer", "glede over små fremskritt",
    "behov for tydeligere forventninger", "ansvar", "ensomhet i rollen", "endringstretthet",
)  # fmt: skip
OWN_NOTE = "Stikkord som ble delt etter egen refleksjon: {}."
SMALL_GROUP_PROMPT = "Del det du skrev med de andre i smågruppen. Hva er likt, og hva er ulikt?"
LARGE_GROUP_PROMPT = "Hva tar vi med oss? Oppsummer i storgruppen."

# One script per meeting in order: own-reflection prompt, small-group sentences, summary sentences, themes.
GROUP_SCRIPTS = (
    ("Hvordan har vi det nå – i enheten og som ledere?",
     ("Flere beskrev at medarbeiderne ber om tydelige rammer, samtidig som de vil bestemme mer selv.",
      "Vi snakket om hvor ulikt tillit forstås i barnehage, hjemmetjeneste og NAV, men utfordringene ligner.",
      "Én i gruppen har innført korte morgenmøter og opplever færre misforståelser.",
      "Det er krevende å være tydelig når man selv er usikker på retningen."),
     ("Felles for gruppen: vi må snakke mer om hva oppdraget er, ikke bare om hva som skal gjøres.",
      "Vi tar med spørsmålet «hva betyr tillit hos oss?» til egne personalmøter før neste møte.",
      "Tydelighet og kommunikasjon går igjen som det viktigste akkurat nå."),
     (("Tydelighet", True), ("Kommunikasjon", True))),
    ("En situasjon der jeg valgte å stole på en medarbeider – eller lot være.",
     ("Gruppen delte eksempler på å delegere en oppgave helt, og hvor vanskelig det var å la være å blande seg.",
      "Noen erfarte at kontroll ble opplevd som mistillit, andre at medarbeiderne savnet oppfølging.",
      "Vi diskuterte forskjellen på kontroll som gir mening og kontroll som bare gir rapporter.",
      "Det er lettere å gi tillit til dem man kjenner godt; nyansatte og vikarer faller lett utenfor."),
     ("Kontroll som gir mening er avtalt på forhånd og brukes til læring, ikke til å ta folk.",
      "Tillit må vises i handling: å la være å overprøve beslutninger medarbeiderne har fått ansvar for.",
      "Hver av oss delegerer én oppgave fullt ut fram til neste møte."),
     (("Tillit og kontroll", True), ("Delegering", True))),
    ("Hva kjennetegner godt medarbeiderskap hos oss?",
     ("Medarbeiderskap handler om å ta ansvar for helheten, ikke bare for egne oppgaver.",
      "Flere har latt medarbeiderne lede deler av personalmøtet, med gode erfaringer.",
      "Vi snakket om hvordan vi involverer dem som jobber deltid og helg.",
      "Delaktighet tar tid i starten, men sparer tid senere fordi beslutningene blir bedre forankret."),
     ("Delaktighet krever struktur: egen refleksjon, samtale i smågrupper og oppsummering – slik vi gjør her.",
      "Vi prøver tre-stegs-metoden i egne personalmøter og deler erfaringene neste gang.",
      "Medarbeiderskap og ledelse henger sammen; det ene kan ikke vedtas uten det andre."),
     (("Delaktighet", True), ("Medarbeiderskap", True))),
    ("Hva gir arbeidsglede – for medarbeiderne og for meg?",
     ("Arbeidsglede handler for mange om å se at arbeidet gjør en forskjell for brukerne.",
      "Flere beskrev at arbeidsgleden forsvinner når rapportering tar tid fra tjenesten.",
      "Små ting betyr mye: en takk, en felles lunsj, en ryddig turnus.",
      "Noen kjenner seg alene i lederrollen og savner noen å drøfte vanskelige saker med."),
     ("Arbeidsglede henger tett sammen med mestring og med å bli sett.",
      "Vi vil bruke hverandre mer mellom møtene, for eksempel en telefon når noe er vanskelig.",
      "Spørsmålet «hva gir arbeidsglede her?» tas med inn i medarbeidersamtalene."),
     (("Arbeidsglede", True), ("Ensomhet i lederrollen", False))),
    ("Hva har vi lært i gruppen i år, og hva tar vi med videre?",
     ("Det viktigste i år har vært å høre hvordan ledere i helt andre tjenester tenker.",
      "Flere har endret måten de holder personalmøter på etter tre-stegs-metoden.",
      "Vi snakket om hvordan vi holder på refleksjonen når programmet er over.",
      "Uenighet i gruppen har vært lærerikt, selv om det ikke alltid var komfortabelt."),
     ("Gruppen oppsummerer året med tre ord: tydelighet, tillit og tålmodighet.",
      "Vi vil fortsette å møtes to ganger i semesteret også etter programmet.",
      "Kommunikasjon – å si hva vi mener og spørre hva andre mener – er det vi øver mest på."),
     (("Kommunikasjon", True), ("Å stå i uenighet", False))),
)  # fmt: skip

# Actions a group agrees on, each with the follow-up noted when it was done.
GROUP_ACTIONS = (
    ("Teste fem minutter egen refleksjon i neste personalmøte og fortelle gruppen hvordan det gikk.",
     "Gjennomført. Medarbeiderne syntes det var uvant, men flere sa mer enn vanlig."),
    ("Delegere én oppgave fullt ut til en medarbeider og la være å følge opp underveis.",
     "Gjennomført – det var lettere enn fryktet, og oppgaven ble løst på en ny måte."),
    ("Gå gjennom månedsrapporten og foreslå hva som kan fjernes.",
     "Gjort. Rapporten er kortet ned fra fjorten til seks punkter."),
    ("Hospitere en halv dag hos en annen leder i gruppen.",
     "Gjennomført, og avtalt at den andre hospiterer hos meg neste semester."),
    ("Spørre tre medarbeidere hva som gir dem arbeidsglede.",
     "Gjort. Ga nyttige innspill som tas med i medarbeidersamtalene."),
    ("Invitere tillitsvalgt til en samtale om hvordan vi bruker tavlemøtene.",
     "Gjennomført. Vi prøver en ny tavle med færre punkter fram til jul."),
    ("Lage en oversikt over hvem som har ansvar for hva i enheten og dele den med teamet.",
     "Gjort. Oversikten henger på personalrommet og ble justert etter innspill."),
    ("Avtale en telefon med en annen i gruppen før neste møte.",
     "Gjennomført – det hjalp å drøfte en vanskelig sak med noen utenfor egen enhet."),
)  # fmt: skip
ACTION_DROPPED = "Ikke gjennomført; ble forbigått av andre oppgaver. Tas opp igjen ved behov."

ATTENDANCE_NOTES = {
    "late": ("Kom etter lunsj på grunn av vaktbytte.", "Forsinket – bussen var innstilt."),
    "excused": ("Meldt forfall: tilsyn i enheten.", "Meldt forfall: bemanningskrise.", "Meldt forfall på forhånd."),
    "partial": ("Gikk kl. 12 på grunn av en akutt sak i enheten.", "Deltok bare før lunsj."),
    "absent": ("Ikke meldt forfall.",),
}

# Journal prose: what I learned (by module index), how we are now, what I will do, free notes.
JOURNAL_LEARNED: dict[int, tuple[str, ...]] = {
    0: ("Tillit er ikke fravær av kontroll, men kontroll som gir mening. Godt å høre det sagt så tydelig.",
        "Jeg ble slått av hvor ulikt vi forstår ordet tillit. For noen handler det om frihet, for andre om "
        "forutsigbarhet.",
        "Jeg kjenner oppdraget til enheten godt, men er usikker på om alle medarbeiderne kjenner sitt bidrag."),
    1: ("Relasjoner bygges i de små øyeblikkene – i gangen, på vaktrommet, i pausen – ikke bare i "
        "medarbeidersamtalen.",
        "Kartleggingen av relasjonene mine viste at jeg har mest kontakt med dem som ligner meg selv.",
        "Anerkjennelse må være konkret for å virke. «Bra jobbet» er ikke nok."),
    2: ("Fem minutter stille refleksjon før vi snakker sammen gjør samtalen mye bedre. Alle fikk sagt noe.",
        "Det hjelper å høre at ledere i helt andre tjenester strever med det samme som meg.",
        "Gruppen fikk meg til å se at jeg tar over oppgaver medarbeiderne kunne løst selv."),
    3: ("Medarbeiderskap er ikke det motsatte av ledelse. Medarbeiderne vil ha ansvar, men de trenger rammer.",
        "Vi snakket om mot til å si fra, også oppover. Opplever medarbeiderne at det er trygt å si fra til meg?"),
    4: ("Ledergruppen bruker mest tid på informasjon og for lite på beslutninger. Vi snur agendaen.",
        "Det var uvant å gi hverandre tilbakemelding i ledergruppen, men det løsnet etter lunsj."),
    5: ("Ingen selvledelse uten ledelse: medarbeiderne må vite hvor vi skal før de kan ta ansvar selv.",
        "«Alle feil skal være nye» – det tar jeg med tilbake til personalmøtet."),
    6: ("Vi har en månedsrapport som ingen leser. Den er en god kandidat til å skrote.",
        "Det er like viktig å bestemme hva vi skal fastholde som hva vi skal forandre."),
    7: ("Vi måler mange aktiviteter, men vet lite om brukereffektene. Resultatkjeden gjorde det synlig.",
        "Kontroll, datagrunnlag og oppfølging er en del av tillitsbasert ledelse – ikke en motsetning."),
    10: ("Medarbeidersamtalen kan bli en kontrakt der begge parter forplikter seg – om resultater og relasjoner.",
         "Jeg har brukt samtalen for mye til å informere og for lite til å avklare forventninger."),
    11: ("Ledergruppen må være tydelig på hva vi leverer til innbyggerne, ikke bare på hva vi gjør.",),
}  # fmt: skip
JOURNAL_LEARNED[8] = JOURNAL_LEARNED[2]
JOURNAL_NOW = (
    "Travle uker med mange vakter som må dekkes.",
    "God stemning i personalgruppen, men vi er slitne etter omorganiseringen.",
    "Jeg merker at jeg har mindre tålmodighet enn vanlig.",
    "Vi har fått to nye medarbeidere, og det har satt i gang mye godt.",
    "Budsjettsituasjonen preger mye av det vi snakker om.",
)
JOURNAL_CHANGE = (
    "Jeg vil starte neste personalmøte med fem minutter egen refleksjon før vi diskuterer.",
    "Jeg skal spørre mer og svare mindre når medarbeiderne kommer med problemer.",
    "Jeg vil ha en kort samtale med hver enkelt medarbeider før sommeren, uten dagsorden.",
    "Jeg skal gå gjennom rapporteringen vår sammen med tillitsvalgt og se hva vi kan droppe.",
    "Jeg vil gi mer konkret anerkjennelse, og gjøre det med én gang.",
    "Jeg skal la teamet selv foreslå hvordan vi fordeler oppgavene i helgene.",
    "Jeg vil være tydeligere på hva som er bestemt, og hva som er åpent for innspill.",
    "Jeg skal si nei til ett møte i uken og bruke tiden ute i tjenesten.",
)
JOURNAL_FREE = (
    "Tenkte mye på samtalen med en medarbeider i dag. Jeg svarte for raskt, og det ble feil. Tar det opp igjen.",
    "Tavlemøtet fungerer bedre nå som medarbeiderne leder det selv annenhver uke.",
    "Usikker på hvor grensen går mellom å gi tillit og å overlate ansvaret helt. Tar det med til gruppen.",
    "God dag. Teamet løste et problem med vaktbytter uten at jeg var med. Det er vel det som er poenget.",
    "Fikk kritikk på personalmøtet for at beslutninger tas over hodet på folk. Ubehagelig, men fortjent.",
    "Leste notatene fra oppstarten igjen. Det jeg skrev om tillit da, stemmer ikke helt med hvordan jeg leder nå.",
)
JOURNAL_HEADINGS = {
    "now": "Hvordan har vi det nå?",
    "took": "Hva tok jeg med meg?",
    "next": "Hva gjør jeg nå?",
    "learned": "Hva lærte jeg?",
    "different": "Hva vil jeg gjøre annerledes?",
}
JOURNAL_TAGS = (
    "tillit", "relasjoner", "medarbeiderskap", "kontroll", "medarbeidersamtale", "endring", "tilbakemelding",
    "prioritering", "delaktighet", "ledergruppen",
)  # fmt: skip

# Commitments from the medarbeidersamtale, each with the follow-up noted when it was done.
COMMITMENTS = (
    ("Ha en kort én-til-én-samtale med hver medarbeider hver sjette uke.",
     "Gjennomført; hver åttende uke viste seg å være mer realistisk, og det fortsetter vi med."),
    ("Innføre ukentlige tavlemøter der teamet selv prioriterer forbedringer.",
     "Tavlemøtene er i gang, og teamet leder dem selv annenhver uke."),
    ("Gi medarbeiderne ansvar for å fordele oppgaver seg imellom innenfor avtalte rammer.",
     "Ferdig – teamet har tatt over ansvaret, og det har gått bra."),
    ("Redusere egen rapportering og bruke den frigjorte tiden ute i tjenesten.",
     "Månedsrapporten er forenklet etter avtale med avdelingsdirektøren."),
    ("Være tilgjengelig for medarbeiderne den første halvtimen hver morgen, uten møter.",
     "Gjennomført hele perioden; fortsetter."),
    ("Avklare skriftlig hvilke beslutninger teamet kan ta selv.",
     "Beslutningsfullmaktene er skrevet ned og gjennomgått på personalmøtet."),
    ("Gi konkret tilbakemelding på arbeid som er godt gjort, samme uke.",
     "Gjennomført; medarbeiderundersøkelsen viser bedre score på anerkjennelse."),
    ("Lage en opplæringsplan for nyansatte sammen med to erfarne medarbeidere.",
     "Planen er ferdig og brukt for tre nyansatte."),
    ("Følge opp nærværsarbeidet sammen med verneombudet hvert kvartal.",
     "Gjennomført hvert kvartal; fast punkt på agendaen."),
    ("Delta i én forbedringsworkshop med F16 og ta med to medarbeidere.",
     "Gjennomført; workshopen ga tre forbedringer som er innført."),
    ("Ta initiativ til et felles prosjekt med en enhet i en annen avdeling.",
     "Prosjektet er i gang sammen med en enhet i Velferd."),
    ("Bruke medarbeidersamtalen til å avtale ett utviklingsmål for hver medarbeider.",
     "Alle medarbeidere har et utviklingsmål, og målene følges opp i neste samtale."),
)  # fmt: skip

# Reasons recorded in the enrolments' status history.
ENROLLED_REASON = "Påmeldt av nærmeste leder"
LEAVE_REASONS = ("Foreldrepermisjon", "Permisjon – videreutdanning")
WITHDRAWAL_REASON = "Sluttet i bydelen – ny stilling i en annen virksomhet."
RETURN_REASONS = ("Permisjon", "Tilbake fra permisjon")
COMPLETED_REASON = "Fullført og godkjent av programkoordinator"

TABLE_DAY = None  # the Bokmål demo has no table day (see the Swedish one)
