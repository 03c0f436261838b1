"""The Danish demo: Aarhus Kommune. Magistratsafdelinger, enheder, names, curriculum, schedule and prose in Danish.

The same names as every language's module (see ``demo.content``). The texts follow the glossary's Danish words
(hold, samling, temadag, refleksionsgruppe, læringslog, forpligtelse, MUS, fremmøde) and the Danish trust reform's
ideas: the core task (kerneopgaven) and the model "skrotte, forandre, fastholde". The afdelinger carry the names of
Aarhus' magistratsafdelinger; the enheder are invented; every person named here is invented.
"""

from __future__ import annotations

from decimal import Decimal

MUNICIPALITY = "Aarhus Kommune"
COUNTRY = "DK"  # public holidays and working days
TIMEZONE = "Europe/Copenhagen"
EMAIL_DOMAIN = "aarhus.dk"
PROGRAMME_NAME = "Lederudviklingsprogram {first}–{last}"
SEMESTER_TITLE = "{season} {year}: {theme}"
AUTUMN, SPRING = "Efterår", "Forår"
COHORT = "Hold 1 – Aarhus"
EARLIER_COHORT = "Hold {first}–{last:02d} – Aarhus"
ROUND_NAME = "Runde 1 – {year}/{next:02d}"
COORDINATOR = ("Mette", "Skovgaard", "HR-konsulent, lederudvikling")
DIRECTOR = "Direktør for {department}"
ACTING = "Konstitueret {title}"  # a first-line leader acting as head of their unit

_DAGTILBUD = (("Dagtilbudsleder", 2), ("Pædagogisk leder", 3), ("Pædagogisk leder", 4))
_SKOLE = (("Skoleleder", 2), ("Viceskoleleder", 3), ("Afdelingsleder", 4))
_PLEJE = (("Områdeleder", 2), ("Afdelingsleder", 3), ("Teamleder", 4))
_BOTILBUD = (("Forstander", 2), ("Souschef", 3), ("Teamleder", 4))
_CENTER = (("Centerchef", 2), ("Afdelingsleder", 3), ("Teamleder", 4))

# Afdeling → enhed → (leader positions as (title, leader level) a participant from the unit may hold,
# positions of staff there who may serve as facilitators).
DEPARTMENTS: dict[str, dict[str, tuple[tuple[tuple[str, int], ...], tuple[str, ...]]]] = {
    "Børn og Unge": {
        "Dagtilbud Viby": (_DAGTILBUD, ("Pædagog", "Pædagogmedhjælper")),
        "Dagtilbud Frederiksbjerg": (_DAGTILBUD, ("Pædagog", "Pædagogmedhjælper")),
        "Børnehuset Skovbrynet": (_DAGTILBUD, ("Pædagog",)),
        "Skjoldhøjskolen": (_SKOLE, ("Lærer", "Pædagog")),
        "Frederiksbjerg Skole": (_SKOLE, ("Lærer", "Pædagog")),
        "Pædagogisk Psykologisk Rådgivning": (_CENTER, ("Psykolog", "Talehørelærer")),
    },
    "Sundhed og Omsorg": {
        "Hjemmeplejen Syd": (_PLEJE, ("Social- og sundhedshjælper", "Social- og sundhedsassistent")),
        "Hjemmeplejen Vest": (_PLEJE, ("Social- og sundhedshjælper", "Sygeplejerske")),
        "Lokalcenter Viby": (_PLEJE, ("Social- og sundhedsassistent", "Sygeplejerske", "Aktivitetsmedarbejder")),
        "Sundhedscenter Aarhus": (
            (("Centerchef", 2), ("Afdelingsleder ergoterapi", 3), ("Afdelingsleder fysioterapi", 3)),
            ("Ergoterapeut", "Fysioterapeut"),
        ),
        "Visitationen": (_CENTER, ("Visitator", "Sagsbehandler")),
    },
    "Sociale Forhold og Beskæftigelse": {
        "Bofællesskabet Lystrup": (_BOTILBUD, ("Socialpædagog", "Omsorgsmedhjælper")),
        "Botilbuddet Holme": (_BOTILBUD, ("Socialpædagog", "Social- og sundhedsassistent")),
        "Familiecentret": (
            (("Centerchef", 2), ("Afdelingsleder myndighed", 3), ("Afdelingsleder indsatser", 3)),
            ("Socialrådgiver", "Familiebehandler"),
        ),
        "Jobcenter Aarhus": (_CENTER, ("Jobkonsulent", "Socialrådgiver")),
        "Misbrugscentret": (_CENTER, ("Socialrådgiver", "Sygeplejerske")),
    },
    "Kultur og Borgerservice": {
        "Dokk1 – Hovedbiblioteket": (
            (("Biblioteksleder", 2), ("Afdelingsleder", 3), ("Teamleder", 4)),
            ("Bibliotekar",),
        ),
        "Borgerservice": (_CENTER, ("Borgerservicemedarbejder", "Sagsbehandler")),
        "Kulturhus Viby": ((("Leder", 3), ("Teamleder", 4), ("Teamleder", 4)), ("Kulturmedarbejder",)),
        "Frivillighedscentret": ((("Leder", 3), ("Koordinator", 4), ("Koordinator", 4)), ("Frivilligkoordinator",)),
        "Fritid og Ungdom": (_CENTER, ("Klubmedarbejder", "Konsulent")),
    },
}

FIRST_NAMES = (
    "Anne", "Mette", "Hanne", "Susanne", "Lene", "Camilla", "Maria", "Louise", "Charlotte", "Pia", "Karen",
    "Birgitte", "Tina", "Signe", "Line", "Marianne", "Helle", "Jette", "Søs", "Ida", "Mads", "Søren", "Jens",
    "Lars", "Niels", "Henrik", "Peter", "Michael", "Thomas", "Rasmus", "Kasper", "Anders", "Jesper", "Morten",
    "Jørgen", "Bjarne", "Torben", "Mikkel", "Frederik", "Ulrik", "Klaus", "Poul", "Bodil", "Åse",
)  # fmt: skip
LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Østergaard", "Dahl", "Bech", "Kjær", "Lund", "Holm", "Schmidt", "Frederiksen",
    "Mikkelsen", "Bøgh", "Skov", "Søgaard", "Kragh", "Lauridsen", "Vestergaard", "Bang", "Friis", "Ebbesen",
    "Thygesen", "Nørgaard",
)  # fmt: skip
# Greenlandic and Faroese names (the Danish realm's own minorities) and immigrant names: they must survive e-mail
# folding, sorting and every PDF.
SAMI_NAMES = (("Aviaja", "Lynge"), ("Nuka", "Kleist"), ("Pipaluk", "Kreutzmann"), ("Jákup", "Joensen"),
              ("Rannvá", "Hansen"))  # fmt: skip
OTHER_NAMES = (
    ("Ayşe", "Yıldız"), ("Mehmet", "Öztürk"), ("Sadia", "Rehman"), ("Hodan", "Abdi"), ("Zainab", "Al-Saadi"),
    ("Amra", "Hadžić"), ("Łukasz", "Wójcik"), ("Ahmad", "Khalil"), ("Thị Mai", "Phạm"), ("Tharsika", "Sivarajah"),
    ("Ioana", "Popescu"), ("Farid", "Hakimi"), ("Yonas", "Ghebremedhin"), ("Jürgen", "Weiß"),
    ("Rūta", "Kazlauskienė"), ("Dragana", "Živković"), ("Parisa", "Karimi"),
)  # fmt: skip
# More names for the earlier cohort's leaders.
EXTRA_NAMES = (("Naja", "Berthelsen"), ("Hjalgrím", "Dam"), ("Doğan", "Kılıç"), ("Małgorzata", "Nowak"))

# Letters NFKD does not decompose, folded the way the municipality's addresses do.
EMAIL_FOLDING = str.maketrans({"æ": "ae", "ø": "oe", "ł": "l", "đ": "d", "ŋ": "n", "ŧ": "t", "ı": "i", "ß": "ss"})

VENUES = {
    "storsal": ("Dokk1, Store Sal", "Hack Kampmanns Plads 2, 8000 Aarhus C", 300),
    "moede": ("Rådhuset, mødelokale 1", "Rådhuspladsen 2, 8000 Aarhus C", 45),
    "godsbanen": ("Godsbanen, Åben Scene", "Skovgaardsgade 3, 8000 Aarhus C", 120),
    "salen": ("Sundhed og Omsorg, Salen", "Vesterbro Torv 1, 8000 Aarhus C", 80),
    "kulturhus": ("Kulturhus Viby, mødesalen", "Viby Torv 12, 8260 Viby J", 50),
}

PROGRAMME_DESCRIPTION = (
    "Toårigt lederudviklingsprogram for ledere i Aarhus Kommune, bygget på tillidsbaseret ledelse, relationel "
    "kompetence og medarbejderskab. Tre elementer løber parallelt: temadage med opfølgning i egen enhed, "
    "ledergruppeudvikling og refleksionsgrupper på tværs af afdelingerne. Målet er at styrke fokus på "
    "kerneopgaven og skabe plads til faglig dømmekraft – tillid er ikke fravær af styring, men styring, der "
    "giver mening."
)
SEMESTER_THEMES = (
    "Tillid og relationer",
    "Medarbejderskab og ledergruppen",
    "Styring, der giver mening",
    "Forpligtelser og vejen videre",
)
# code, label, weight — in the order the register offers them.
ATTENDANCE_STATUSES = (
    ("present", "Til stede", Decimal("1.0")),
    ("late", "Forsinket", Decimal("0.75")),
    ("excused", "Lovligt fravær", Decimal("0.0")),
    ("absent", "Fravær", Decimal("0.0")),
    ("partial", "Delvist til stede", Decimal("0.5")),
)

# semester, title, session type, hours, required, description, objectives (one per line).
MODULES = (
    (1, "Tillidsbaseret ledelse – hvad betyder det hos os?", "temasamling", 12, True,
     "Programmets start. Hvad betyder tillidsbaseret ledelse i Aarhus Kommune – og hvad betyder det ikke? "
     "Tillidsreformen, vores egen fortolkning og hvordan tillid og kontrol hænger sammen.",
     "Kan forklare, hvad tillidsbaseret ledelse betyder i egen enhed.\n"
     "Kan skelne mellem styring, der giver mening, og kontrol, der ikke gør.\n"
     "Har formuleret én problemstilling at tage med i refleksionsgruppen."),
    (1, "Relationel kompetence", "temasamling", 12, True,
     "Relationel ledelse i praksis: at kende medarbejdernes kompetencer, opbygge en tillidsfuld relation til "
     "hver enkelt og kunne rumme uenighed.",
     "Kender grundbegreberne i relationel kompetence.\n"
     "Har øvet samtaler med klare forventninger og konkret anerkendelse.\n"
     "Har kortlagt egne relationer i enheden."),
    (1, "Refleksionsgrupper, år 1", "refleksjonsgruppe", 15, True,
     "Faste grupper på tværs af afdelinger og enheder. Møderne følger tretrinsmodellen: egen refleksion (fem "
     "minutter, skriftligt), samtale i små grupper og opsamling i plenum.",
     "Lærer af hinandens erfaringer på tværs af fagområder.\nFølger op på egne tiltag mellem møderne."),
    (2, "Medarbejderskab", "temasamling", 12, True,
     "Tillid går begge veje. Hvad forventer vi af medarbejderne, og hvad kan de forvente af os? Om "
     "involvering, ansvar og mod i hverdagen.",
     "Kan beskrive godt medarbejderskab i egen enhed.\n"
     "Har planlagt en proces, hvor medarbejderne selv udformer løsninger."),
    (2, "Ledergruppeudvikling I: Ledergruppen som hold", "ledergruppeutvikling", 12, True,
     "Afdelingernes ledergrupper arbejder med egen effektivitet og gennemførelseskraft: roller, mødestruktur og "
     "opfølgning på beslutninger.",
     "Ledergruppen har en fælles forståelse af sin opgave.\n"
     "Ledergruppen har aftalt, hvordan møderne bruges og følges op."),
    (2, "Temadag: Ingen selvledelse uden ledelse", "fagdag", 6, True,
     "Temadag for alle ledere i kommunen med oplæg om tillidsbaseret ledelse, MUS og selvledelse og workshop i "
     "grupper.",
     "Har fået fagligt input og delt erfaringer med ledere fra andre enheder."),
    (3, "Skrotte, forandre, fastholde", "temasamling", 12, True,
     "Vi gennemgår vores egen styring: hvilke procedurer, rapporter og målinger skal vi skrotte, hvilke skal vi "
     "forandre, og hvilke giver mening og understøtter kerneopgaven, så vi fastholder dem?",
     "Har vurderet mindst tre procedurer eller rapporter i egen enhed.\n"
     "Har fremlagt ét konkret forslag for sin leder."),
    (3, "Resultatkæden og dokumenterede effekter", "temasamling", 12, True,
     "Med resultatkæden – ressourcer, aktiviteter, ydelser, effekter for borgeren og for samfundet – ser vi på, "
     "hvad vi faktisk ved om effekten af vores indsatser.",
     "Kan bruge resultatkæden på en indsats i egen enhed.\n"
     "Kan skelne mellem at måle aktivitet og at dokumentere effekt."),
    (3, "Refleksionsgrupper, år 2", "refleksjonsgruppe", 12, True,
     "Refleksionsgrupperne fortsætter med nye problemstillinger fra egen hverdag.",
     "Bruger gruppen til at afprøve og evaluere forandringer i egen enhed."),
    (3, "E-læring: Lean og forbedringsarbejde i hverdagen", "e_laering", 4, False,
     "Onlinekursus i eget tempo, udviklet sammen med Lean-facilitatorerne: tavlemøder, forbedringstavler og små "
     "forbedringer, som medarbejderne selv ejer.",
     "Kender grundprincipperne i Lean.\nHar afprøvet en forbedringstavle med eget team."),
    (4, "MUS som gensidig aftale", "temasamling", 12, True,
     "Medarbejderudviklingssamtalen som nøgle til et tillidsfuldt forhold: at afklare opgaver, mål og "
     "forventninger så tydeligt som muligt, så begge parter kan indgå en fælles forpligtelse – om resultater og "
     "om relationer.",
     "Kan gennemføre en MUS, der ender i gensidige forpligtelser.\n"
     "Følger op på forpligtelserne gennem året."),
    (4, "Ledergruppeudvikling II: At levere på opgaven", "ledergruppeutvikling", 12, True,
     "Ledergrupperne ser på, hvad de leverer til borgerne, og hvordan de ved det.",
     "Ledergruppen har en plan for at følge op på resultater og effekter sammen med medarbejderne."),
)  # fmt: skip

# year offset from the programme start, month, weekday (0 = Monday), nth weekday (-1 = last), local start,
# local end, module index, title, venue key.
SCHEDULE = (
    (0, 9, 3, 2, "09:00", "15:30", 0, "Opstart: Tillidsbaseret ledelse – hvad betyder det hos os?", "godsbanen"),
    (0, 9, 1, -1, "12:30", "15:30", 2, "Refleksionsgrupper: opstart og gruppeaftaler", "moede"),
    (0, 10, 3, 3, "09:00", "15:30", 0, "Tillidsbaseret ledelse, dag 2: Styring, der giver mening", "salen"),
    (0, 11, 3, 1, "09:00", "15:30", 1, "Relationel kompetence, dag 1", "salen"),
    (0, 11, 1, 3, "12:30", "15:30", 2, "Refleksionsgrupper: møde 2", "moede"),
    (0, 12, 3, 1, "09:00", "15:30", 1, "Relationel kompetence, dag 2", "salen"),
    (1, 1, 3, 3, "09:00", "15:30", 3, "Medarbejderskab, dag 1", "salen"),
    (1, 2, 2, 1, "09:00", "15:00", 4, "Ledergruppeudvikling I: Opgave og roller", "moede"),
    (1, 2, 1, -1, "12:30", "15:30", 2, "Refleksionsgrupper: møde 3", "moede"),
    (1, 3, 3, 2, "09:00", "15:30", 5, "Temadag: Ingen selvledelse uden ledelse", "storsal"),
    (1, 4, 3, 2, "09:00", "15:30", 3, "Medarbejderskab, dag 2", "salen"),
    (1, 4, 2, -1, "09:00", "15:00", 4, "Ledergruppeudvikling I: Møder, der skaber retning", "moede"),
    (1, 5, 1, 2, "12:30", "15:30", 2, "Refleksionsgrupper: møde 4", "moede"),
    (1, 6, 2, 1, "09:00", "15:00", 4, "Ledergruppeudvikling I: Beslutninger og opfølgning", "moede"),
    (1, 6, 3, 2, "09:00", "15:30", 2, "Før sommerferien: Hvad har vi lært i refleksionsgrupperne?", "godsbanen"),
    (1, 9, 3, 2, "09:00", "15:30", 6, "Skrotte, forandre, fastholde", "salen"),
    (1, 9, 1, -1, "12:30", "15:30", 8, "Refleksionsgrupper år 2: opstart", "moede"),
    (1, 10, 3, 3, "09:00", "15:30", 7, "Resultatkæden, dag 1: Fra aktivitet til effekt", "salen"),
    (1, 11, 3, 3, "09:00", "15:30", 7, "Resultatkæden, dag 2: Dokumenterede effekter i egen enhed", "kulturhus"),
    (1, 12, 1, 1, "12:30", "15:30", 8, "Refleksionsgrupper år 2: møde 2", "moede"),
    (2, 1, 3, 3, "09:00", "15:30", 10, "MUS som gensidig aftale, dag 1", "salen"),
    (2, 3, 3, -1, "09:00", "15:30", 10, "MUS som gensidig aftale, dag 2", "salen"),
    (2, 4, 2, -1, "09:00", "15:00", 11, "Ledergruppeudvikling II: At levere på opgaven", "moede"),
)  # fmt: skip
CANCELLED_SESSION = 4
CANCEL_REASON = (
    "Aflyst på grund af en uforudset beredskabssituation i kommunen. Grupperne aftaler selv et nyt møde inden for "
    "to uger."
)

POOLS = (
    ("LEAN", "Lean-facilitatorer", "lean", 16,
     "Seksten Lean-facilitatorer, der hjælper ledere og teams med løbende forbedringer."),
    ("INNO", "Innovationsagenter", "innovation", 7,
     "Syv innovationsagenter, der inspirerer og leder innovation på tværs af enheder og afdelinger: de ser "
     "løsninger ét sted og spreder dem."),
    ("FA", "Forandringsagenter", "change_agent", 5,
     "Forandringsagenter, der støtter ledere i forandringer og leder dialogmøder og refleksionsgrupper."),
)  # fmt: skip
SKILLS = {
    "lean": ("Lean", "tavlemøder", "værdistrømsanalyse", "forbedringstavler", "A3-problemløsning"),
    "innovation": ("servicedesign", "brugerindsigt", "gevinstrealisering", "velfærdsteknologi", "prototyper"),
    "change_agent": ("procesledelse", "dialogmøder", "forandringsledelse", "supervision", "konflikthåndtering"),
}
UNAVAILABILITY = (("Ferie", 14), ("Orlov", 30), ("Innovationsforløb", 3), ("Kursus", 2))

GROUP_NAMES = ("Gruppe Marselisborg", "Gruppe Risskov", "Gruppe Moesgaard", "Gruppe Brabrand", "Gruppe Egå",
               "Gruppe Riis Skov")  # fmt: skip
OWN_KEYWORDS = (
    "travlt", "meget nyt", "usikkerhed om retningen", "stolthed over teamet", "økonomisk pres", "gode samtaler",
    "lidt tid til refleksion", "lyst til at prøve noget nyt", "mange vikarer", "glæde over små fremskridt",
    "behov for tydeligere forventninger", "ansvar", "ensomhed i rollen", "forandringstræthed",
)  # fmt: skip
OWN_NOTE = "Stikord, der blev delt efter egen refleksion: {}."
SMALL_GROUP_PROMPT = "Del det, du skrev, med de andre i den lille gruppe. Hvad er ens, og hvad er forskelligt?"
LARGE_GROUP_PROMPT = "Hvad tager vi med os? Saml op i plenum."

# One script per meeting in order: own-reflection prompt, small-group sentences, summary sentences, themes.
GROUP_SCRIPTS = (
    ("Hvordan har vi det lige nu – i enheden og som ledere?",
     ("Flere beskrev, at medarbejderne beder om klare rammer og samtidig gerne vil bestemme mere selv.",
      "Vi talte om, hvor forskelligt tillid forstås i dagtilbud, hjemmepleje og jobcenter, men udfordringerne "
      "ligner hinanden.",
      "Én i gruppen har indført korte morgenmøder og oplever færre misforståelser.",
      "Det er svært at være tydelig, når man selv er usikker på retningen."),
     ("Fælles for gruppen: vi skal tale mere om kerneopgaven, ikke kun om hvad der skal gøres.",
      "Vi tager spørgsmålet »hvad betyder tillid hos os?« med til egne personalemøder før næste møde.",
      "Tydelighed og kommunikation går igen som det vigtigste lige nu."),
     (("Tydelighed", True), ("Kommunikation", True))),
    ("En situation, hvor jeg valgte at stole på en medarbejder – eller lod være.",
     ("Gruppen delte eksempler på at uddelegere en opgave helt, og hvor svært det var ikke at blande sig.",
      "Nogle har oplevet, at kontrol blev opfattet som mistillid, andre at medarbejderne savnede opfølgning.",
      "Vi drøftede forskellen på styring, der giver mening, og kontrol, der kun giver rapporter.",
      "Det er lettere at vise tillid til dem, man kender godt; nyansatte og vikarer falder let udenfor."),
     ("Styring, der giver mening, er aftalt på forhånd og bruges til læring, ikke til at finde fejl.",
      "Tillid skal vises i handling: at lade være med at underkende beslutninger, medarbejderne har fået ansvar "
      "for.",
      "Hver af os uddelegerer én opgave fuldt ud frem til næste møde."),
     (("Tillid og kontrol", True), ("Uddelegering", True))),
    ("Hvad kendetegner godt medarbejderskab hos os?",
     ("Medarbejderskab handler om at tage ansvar for helheden, ikke kun for egne opgaver.",
      "Flere har ladet medarbejderne lede dele af personalemødet med gode erfaringer.",
      "Vi talte om, hvordan vi inddrager dem, der arbejder på deltid, om aftenen og i weekenden.",
      "Involvering tager tid i starten, men sparer tid senere, fordi beslutningerne bliver bedre forankret."),
     ("Involvering kræver struktur: egen refleksion, samtale i små grupper og opsamling – som vi gør her.",
      "Vi afprøver tretrinsmodellen på egne personalemøder og deler erfaringerne næste gang.",
      "Medarbejderskab og ledelse hænger sammen; det ene kan ikke besluttes uden det andet."),
     (("Involvering", True), ("Medarbejderskab", True))),
    ("Hvad giver arbejdsglæde – for medarbejderne og for mig?",
     ("Arbejdsglæde handler for mange om at se, at arbejdet gør en forskel for borgerne.",
      "Flere beskrev, at arbejdsglæden forsvinder, når dokumentation tager tid fra kerneopgaven.",
      "Små ting betyder meget: et tak, en fælles frokost, en vagtplan, der holder.",
      "Nogle føler sig alene i lederrollen og savner nogen at drøfte svære sager med."),
     ("Arbejdsglæde hænger tæt sammen med at lykkes med opgaven og at blive set.",
      "Vi vil bruge hinanden mere mellem møderne, for eksempel et opkald, når noget er svært.",
      "Spørgsmålet »hvad giver arbejdsglæde her?« tages med ind i MUS."),
     (("Arbejdsglæde", True), ("Ensomhed i lederrollen", False))),
    ("Hvad har vi lært i gruppen i år, og hvad tager vi med videre?",
     ("Det vigtigste i år har været at høre, hvordan ledere på helt andre fagområder tænker.",
      "Flere har ændret den måde, de holder personalemøder på, efter tretrinsmodellen.",
      "Vi talte om, hvordan vi holder fast i refleksionen, når programmet er slut.",
      "Uenighed i gruppen har været lærerig, selv om den ikke altid var behagelig."),
     ("Gruppen samler året op med tre ord: tydelighed, tillid og tålmodighed.",
      "Vi vil fortsætte med at mødes to gange pr. semester, også efter programmet.",
      "Kommunikation – at sige, hvad vi mener, og spørge, hvad andre mener – er det, vi øver mest."),
     (("Kommunikation", True), ("At stå i uenighed", False))),
)  # fmt: skip

# Actions a group agrees on, each with the follow-up noted when it was done.
GROUP_ACTIONS = (
    ("Afprøve fem minutters egen refleksion på næste personalemøde og fortælle gruppen, hvordan det gik.",
     "Gennemført. Medarbejderne syntes, det var uvant, men flere sagde mere end normalt."),
    ("Uddelegere én opgave fuldt ud til en medarbejder og lade være med at følge op undervejs.",
     "Gennemført – det var lettere end frygtet, og opgaven blev løst på en ny måde."),
    ("Gennemgå månedsrapporten og foreslå, hvad der kan skrottes.",
     "Gjort. Rapporten er skåret ned fra fjorten til seks punkter."),
    ("Følge en anden leder i gruppen en halv dag.",
     "Gennemført, og vi har aftalt, at den anden følger mig næste semester."),
    ("Spørge tre medarbejdere, hvad der giver dem arbejdsglæde.",
     "Gjort. Gav nyttige input, der tages med i MUS."),
    ("Invitere tillidsrepræsentanten til en samtale om, hvordan vi bruger tavlemøderne.",
     "Gennemført. Vi afprøver en ny tavle med færre punkter frem til jul."),
    ("Lave en oversigt over, hvem der har ansvar for hvad i enheden, og dele den med teamet.",
     "Gjort. Oversigten hænger i personalerummet og blev justeret efter input."),
    ("Aftale et opkald med en anden i gruppen før næste møde.",
     "Gennemført – det hjalp at drøfte en svær sag med en uden for egen enhed."),
)  # fmt: skip
ACTION_DROPPED = "Ikke gennemført; andre opgaver kom i vejen. Tages op igen efter behov."

ATTENDANCE_NOTES = {
    "late": ("Kom efter frokost på grund af et vagtbytte.", "Forsinket – bussen var aflyst."),
    "excused": ("Meldt afbud: tilsyn i enheden.", "Meldt afbud: akut mangel på personale.", "Meldt afbud på forhånd."),
    "partial": ("Gik kl. 12 på grund af en akut sag i enheden.", "Deltog kun før frokost."),
    "absent": ("Ikke meldt afbud.",),
}

# Journal prose: what I learned (by module index), how we are now, what I will do, free notes.
JOURNAL_LEARNED: dict[int, tuple[str, ...]] = {
    0: ("Tillid er ikke fravær af styring, men styring, der giver mening. Godt at høre det sagt så tydeligt.",
        "Jeg blev slået af, hvor forskelligt vi forstår ordet tillid. For nogle handler det om frihed, for andre "
        "om forudsigelighed.",
        "Jeg kender enhedens kerneopgave godt, men er usikker på, om alle medarbejdere kender deres eget bidrag."),
    1: ("Relationer bygges i de små øjeblikke – på gangen, i personalestuen, i pausen – ikke kun til MUS.",
        "Kortlægningen af mine relationer viste, at jeg har mest kontakt med dem, der ligner mig selv.",
        "Anerkendelse skal være konkret for at virke. »Godt gået« er ikke nok."),
    2: ("Fem minutters stille refleksion, før vi taler sammen, gør samtalen meget bedre. Alle fik sagt noget.",
        "Det hjælper at høre, at ledere på helt andre fagområder kæmper med det samme som mig.",
        "Gruppen fik mig til at se, at jeg overtager opgaver, som medarbejderne selv kunne have løst."),
    3: ("Medarbejderskab er ikke det modsatte af ledelse. Medarbejderne vil gerne have ansvar, men de har brug "
        "for rammer.",
        "Vi talte om mod til at sige fra, også opad. Oplever medarbejderne, at det er trygt at sige fra over for "
        "mig?"),
    4: ("Ledergruppen bruger mest tid på orientering og for lidt på beslutninger. Vi vender dagsordenen om.",
        "Det var uvant at give hinanden feedback i ledergruppen, men det løsnede op efter frokost."),
    5: ("Ingen selvledelse uden ledelse: medarbejderne skal vide, hvor vi skal hen, før de kan tage ansvar selv.",
        "»Alle fejl skal være nye« – det tager jeg med tilbage til personalemødet."),
    6: ("Vi har en månedsrapport, som ingen læser. Den er en god kandidat til at blive skrottet.",
        "Det er lige så vigtigt at beslutte, hvad vi fastholder, som hvad vi forandrer."),
    7: ("Vi måler mange aktiviteter, men ved lidt om effekten for borgerne. Resultatkæden gjorde det synligt.",
        "Kontrol, data og opfølgning er en del af tillidsbaseret ledelse – ikke en modsætning."),
    10: ("MUS kan blive en gensidig aftale, hvor begge parter forpligter sig – om resultater og relationer.",
         "Jeg har brugt samtalen for meget til at orientere og for lidt til at afklare forventninger."),
    11: ("Ledergruppen skal være tydelig om, hvad vi leverer til borgerne, ikke kun om hvad vi laver.",),
}  # fmt: skip
JOURNAL_LEARNED[8] = JOURNAL_LEARNED[2]
JOURNAL_NOW = (
    "Travle uger med mange vagter, der skal dækkes.",
    "God stemning i personalegruppen, men vi er trætte efter omorganiseringen.",
    "Jeg mærker, at jeg har mindre tålmodighed end normalt.",
    "Vi har fået to nye medarbejdere, og det har sat meget godt i gang.",
    "Den økonomiske situation fylder meget i det, vi taler om.",
)
JOURNAL_CHANGE = (
    "Jeg vil starte næste personalemøde med fem minutters egen refleksion, før vi diskuterer.",
    "Jeg vil spørge mere og svare mindre, når medarbejderne kommer med problemer.",
    "Jeg vil have en kort samtale med hver medarbejder før sommerferien, uden dagsorden.",
    "Jeg vil gennemgå vores dokumentation sammen med tillidsrepræsentanten og se, hvad vi kan skrotte.",
    "Jeg vil give mere konkret anerkendelse og gøre det med det samme.",
    "Jeg vil lade teamet selv foreslå, hvordan vi fordeler opgaverne i weekenderne.",
    "Jeg vil være tydeligere om, hvad der er besluttet, og hvad der er åbent for input.",
    "Jeg vil sige nej til ét møde om ugen og bruge tiden ude i driften.",
)
JOURNAL_FREE = (
    "Tænkte meget på samtalen med en medarbejder i dag. Jeg svarede for hurtigt, og det gik galt. Tager det op igen.",
    "Tavlemødet fungerer bedre, nu hvor medarbejderne selv leder det hver anden uge.",
    "Usikker på, hvor grænsen går mellem at vise tillid og at overlade ansvaret helt. Tager det med til gruppen.",
    "God dag. Teamet løste et problem med vagtbytter, uden at jeg var med. Det er vel det, der er pointen.",
    "Fik kritik på personalemødet for, at beslutninger tages hen over hovedet på folk. Ubehageligt, men fortjent.",
    "Læste mine noter fra opstarten igen. Det, jeg skrev om tillid dengang, passer ikke med, hvordan jeg leder nu.",
)
JOURNAL_HEADINGS = {
    "now": "Hvordan har vi det lige nu?",
    "took": "Hvad tog jeg med mig?",
    "next": "Hvad gør jeg nu?",
    "learned": "Hvad lærte jeg?",
    "different": "Hvad vil jeg gøre anderledes?",
}
JOURNAL_TAGS = (
    "tillid", "relationer", "medarbejderskab", "kontrol", "MUS", "forandring", "feedback", "prioritering",
    "involvering", "ledergruppen", "kerneopgaven",
)  # fmt: skip

# Commitments from MUS, each with the follow-up noted when it was done.
COMMITMENTS = (
    ("Holde en kort én-til-én-samtale med hver medarbejder hver sjette uge.",
     "Gennemført; hver ottende uge viste sig at være mere realistisk, og det fortsætter vi med."),
    ("Indføre ugentlige tavlemøder, hvor teamet selv prioriterer forbedringer.",
     "Tavlemøderne er i gang, og teamet leder dem selv hver anden uge."),
    ("Give medarbejderne ansvar for at fordele opgaverne indbyrdes inden for aftalte rammer.",
     "Færdigt – teamet har overtaget ansvaret, og det er gået godt."),
    ("Skære ned på egen afrapportering og bruge den frigjorte tid ude i driften.",
     "Månedsrapporten er forenklet efter aftale med direktøren."),
    ("Være til rådighed for medarbejderne den første halve time hver morgen, uden møder.",
     "Gennemført hele perioden; fortsætter."),
    ("Skrive ned, hvilke beslutninger teamet selv kan træffe.",
     "Beslutningskompetencerne er skrevet ned og gennemgået på personalemødet."),
    ("Give konkret feedback på godt udført arbejde i samme uge.",
     "Gennemført; trivselsmålingen viser en bedre score på anerkendelse."),
    ("Lave en introduktionsplan for nyansatte sammen med to erfarne medarbejdere.",
     "Planen er færdig og brugt til tre nyansatte."),
    ("Følge op på sygefraværsindsatsen sammen med arbejdsmiljørepræsentanten hvert kvartal.",
     "Gennemført hvert kvartal; fast punkt på dagsordenen."),
    ("Deltage i én forbedringsworkshop med Lean-facilitatorerne og tage to medarbejdere med.",
     "Gennemført; workshoppen gav tre forbedringer, som er indført."),
    ("Tage initiativ til et fælles projekt med en enhed i en anden afdeling.",
     "Projektet er i gang sammen med en enhed i Sociale Forhold og Beskæftigelse."),
    ("Bruge MUS til at aftale ét udviklingsmål for hver medarbejder.",
     "Alle medarbejdere har et udviklingsmål, og målene følges op ved næste samtale."),
)  # fmt: skip

# Reasons recorded in the enrolments' status history.
ENROLLED_REASON = "Tilmeldt af nærmeste leder"
LEAVE_REASONS = ("Barselsorlov", "Orlov – videreuddannelse")
WITHDRAWAL_REASON = "Fratrådt i kommunen – nyt job hos en anden arbejdsgiver."
RETURN_REASONS = ("Orlov", "Tilbage fra orlov")
COMPLETED_REASON = "Gennemført og godkendt af programkoordinatoren"

TABLE_DAY = None  # the Danish demo has no table day (see the Swedish one)
