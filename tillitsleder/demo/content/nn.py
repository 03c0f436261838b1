"""The Nynorsk demo: Voss herad. Avdelingar, einingar, names, curriculum, schedule and prose in Nynorsk.

The same names as every language's module (see ``demo.content``). The texts follow the glossary's Nynorsk words
(tillitsbasert leiing, medarbeidarskap, leiar, eining, forplikting, fråvær, til stades) and the 2012 norm's main
forms. The avdelingar and einingar are invented but shaped like a Western Norwegian municipality's; every person
named here is invented. The Sami and immigrant names are the Norwegian demo's.
"""

from __future__ import annotations

from decimal import Decimal

from tillitsleder.demo.content.nb import EMAIL_FOLDING, EXTRA_NAMES, OTHER_NAMES, SAMI_NAMES

__all__ = ["EMAIL_FOLDING", "EXTRA_NAMES", "OTHER_NAMES", "SAMI_NAMES"]  # shared with Bokmål, part of the shape

MUNICIPALITY = "Voss herad"
COUNTRY = "NO"  # public holidays and working days
TIMEZONE = "Europe/Oslo"
EMAIL_DOMAIN = "voss.herad.no"
PROGRAMME_NAME = "Leiarutviklingsprogram {first}–{last}"
SEMESTER_TITLE = "{season} {year}: {theme}"
AUTUMN, SPRING = "Haust", "Vår"
COHORT = "Kull 1 – Voss"
EARLIER_COHORT = "Kull {first}–{last:02d} – Voss"
ROUND_NAME = "Runde 1 – {year}/{next:02d}"
COORDINATOR = ("Ingebjørg", "Lydvo", "HR-rådgjevar, leiarutvikling")
DIRECTOR = "Kommunalsjef for {department}"
ACTING = "Konstituert {title}"  # a first-line leader acting as head of their unit

_BARNEHAGE = (("Styrar", 2), ("Pedagogisk leiar", 4), ("Pedagogisk leiar", 4))
_SKULE = (("Rektor", 2), ("Inspektør", 3), ("Teamleiar", 4))
_HEIME = (("Einingsleiar", 2), ("Avdelingsleiar", 3), ("Fagleiar", 4))
_BU = (("Einingsleiar", 2), ("Avdelingsleiar", 3), ("Fagleiar", 4))
_TEAM = (("Einingsleiar", 2), ("Teamleiar", 4), ("Teamleiar", 4))

# Avdeling → eining → (leader positions as (title, leader level) a participant from the unit may hold,
# positions of staff there who may serve as facilitators).
DEPARTMENTS: dict[str, dict[str, tuple[tuple[tuple[str, int], ...], tuple[str, ...]]]] = {
    "Oppvekst": {
        "Palmafossen barnehage": (_BARNEHAGE, ("Barnehagelærar", "Spesialpedagog")),
        "Skulestadmo barnehage": (_BARNEHAGE, ("Barnehagelærar", "Spesialpedagog")),
        "Vossestrand barnehage": (_BARNEHAGE, ("Barnehagelærar",)),
        "Vangen skule": (_SKULE, ("Lærar", "Miljøterapeut")),
        "Helsestasjonen på Voss": (
            (("Einingsleiar", 2), ("Fagleiar helsesjukepleiarar", 4), ("Fagleiar jordmødrer", 4)),
            ("Helsesjukepleiar", "Jordmor"),
        ),
        "Barnevernstenesta": (
            (("Barnevernsleiar", 2), ("Avdelingsleiar undersøking", 3), ("Avdelingsleiar tiltak", 3)),
            ("Barnevernspedagog", "Sosionom"),
        ),
    },
    "Helse og omsorg": {
        "Heimetenesta sone Vangen": (_HEIME, ("Sjukepleiar", "Helsefagarbeidar", "Spesialsjukepleiar")),
        "Heimetenesta sone Vossestrand": (_HEIME, ("Sjukepleiar", "Helsefagarbeidar")),
        "Fysio- og ergoterapitenesta": (
            (("Einingsleiar", 2), ("Fagleiar ergoterapi", 4), ("Fagleiar fysioterapi", 4)),
            ("Ergoterapeut", "Fysioterapeut"),
        ),
        "Tildelingskontoret": (_TEAM, ("Sakshandsamar", "Rådgjevar")),
        "Voss omsorgssenter": (_HEIME, ("Sjukepleiar", "Helsefagarbeidar", "Aktivitør")),
    },
    "Tilrettelagde tenester": {
        "Tvildemoen bufellesskap": (_BU, ("Vernepleiar", "Miljøarbeidar")),
        "Bømoen bufellesskap": (_BU, ("Vernepleiar", "Miljøterapeut")),
        "Avlasting barn og unge": (
            (("Einingsleiar", 2), ("Avdelingsleiar", 3), ("Teamleiar", 4)),
            ("Vernepleiar", "Miljøarbeidar"),
        ),
        "Psykisk helse og rus": (
            (("Einingsleiar", 2), ("Fagleiar", 4), ("Teamleiar oppfølgingsteam", 4)),
            ("Psykiatrisk sjukepleiar", "Sosionom"),
        ),
        "Dagsenteret på Gjernes": ((("Avdelingsleiar", 3), ("Fagleiar", 4), ("Fagleiar", 4)), ("Miljøterapeut",)),
    },
    "Kultur og velferd": {
        "NAV Voss": (
            (("NAV-leiar", 2), ("Avdelingsleiar oppfølging", 3), ("Teamleiar ungdom", 4)),
            ("NAV-rettleiar", "Sosionom"),
        ),
        "Voss bibliotek": ((("Biblioteksjef", 3), ("Fagleiar formidling", 4), ("Fagleiar", 4)), ("Bibliotekar",)),
        "Frivilligsentralen på Voss": ((("Dagleg leiar", 3), ("Fagleiar", 4), ("Fagleiar", 4)), ("Koordinator",)),
        "Flyktningtenesta": (_TEAM, ("Programrådgjevar", "Rådgjevar")),
        "Kultur og idrett": (
            (("Einingsleiar", 2), ("Fagleiar kultur", 4), ("Fagleiar idrett og friluftsliv", 4)),
            ("Kulturkonsulent", "Rådgjevar"),
        ),
    },
}

FIRST_NAMES = (
    "Ingebjørg", "Synnøve", "Gudrun", "Brita", "Marta", "Ragnhild", "Kari", "Astrid", "Sigrid", "Solveig",
    "Torunn", "Gunvor", "Eli", "Aud", "Silje", "Ingrid", "Maren", "Oddny", "Liv", "Hilde", "Åshild", "Ola",
    "Knut", "Lars", "Nils", "Sjur", "Olav", "Johannes", "Arne", "Ivar", "Torstein", "Gaute", "Eirik", "Magne",
    "Oddvar", "Steinar", "Håvard", "Anders", "Kjetil", "Leiv", "Bjørn", "Åsmund",
)  # fmt: skip
LAST_NAMES = (
    "Lydvo", "Rekve", "Hæve", "Dykesteen", "Gjerme", "Haugsvær", "Kindem", "Lunde", "Mjelde", "Nesheim",
    "Ringheim", "Skjervheim", "Tvilde", "Vinje", "Bjørke", "Bolstad", "Fadnes", "Gjelle", "Himle", "Lid",
    "Mølster", "Rokne", "Saude", "Seim", "Tveit", "Dale", "Hegg", "Kvarme", "Lægreid", "Øvre", "Rong", "Skutle",
    "Græsdal", "Vikøren", "Hylland", "Stalheim", "Kvåle", "Brekke",
)  # fmt: skip

VENUES = {
    "storsalen": ("Voss kulturhus, storsalen", "Vangsgata 32, 5700 Voss", 80),
    "moterom": ("Heradshuset, møterom Lønahorgi", "Uttrågata 9, 5700 Voss", 45),
    "hotellet": ("Fleischer's Hotel, selskapssalen", "Evangervegen 13, 5700 Voss", 120),
    "konferanse": ("Park Hotel Vossevangen, konferansesalen", "Uttrågata 1, 5700 Voss", 300),
    "biblioteket": ("Voss bibliotek, arrangementsrommet", "Vangsgata 4, 5700 Voss", 50),
}

PROGRAMME_DESCRIPTION = (
    "Toårig leiarutviklingsprogram for leiarar i Voss herad, bygd på relasjonell kompetanse og medarbeidarskap "
    "etter modell frå KS og andre kommunar. Tre element går parallelt: temasamlingar med oppfølging i eiga "
    "eining, leiargruppeutvikling og refleksjonsgrupper på tvers av avdelingane. Målet er å styrkje kompetanse "
    "og kultur for tillitsbasert leiing – tillit er ikkje fråvær av kontroll, men kontroll som gjev meining."
)
SEMESTER_THEMES = (
    "Tillit og relasjonar",
    "Medarbeidarskap og leiargruppa",
    "Styring som gjev meining",
    "Forpliktingar og vegen vidare",
)
# code, label, weight — in the order the register offers them.
ATTENDANCE_STATUSES = (
    ("present", "Til stades", Decimal("1.0")),
    ("late", "Forseinka", Decimal("0.75")),
    ("excused", "Gyldig fråvær", Decimal("0.0")),
    ("absent", "Fråvær", Decimal("0.0")),
    ("partial", "Delvis til stades", Decimal("0.5")),
)

# semester, title, session type, hours, required, description, objectives (one per line).
MODULES = (
    (1, "Tillitsbasert leiing – kva tyder det hos oss?", "temasamling", 12, True,
     "Oppstart av programmet. Kva tyder tillitsbasert leiing i Voss herad – og kva tyder det ikkje? "
     "Styringssignala frå heradsstyret, vår eiga tolking og korleis tillit og kontroll heng saman.",
     "Kan forklare kva tillitsbasert leiing tyder i eiga eining.\n"
     "Kan skilje mellom kontroll som gjev meining og kontroll som ikkje gjer det.\n"
     "Har formulert éi problemstilling å ta med inn i refleksjonsgruppa."),
    (1, "Relasjonell kompetanse", "temasamling", 12, True,
     "Relasjonsleiing i praksis: å kjenne kompetansen til medarbeidarane, byggje ein tillitsfull relasjon til "
     "kvar einskild og tole usemje.",
     "Kjenner grunnomgrepa i relasjonell kompetanse.\n"
     "Har øvd på samtalar med tydelege forventningar og konkret anerkjenning.\n"
     "Har kartlagt eigne relasjonar i eininga."),
    (1, "Refleksjonsgrupper, år 1", "refleksjonsgruppe", 15, True,
     "Faste grupper på tvers av avdelingar og einingar. Møta følgjer tre-stegs-prinsippet: eiga refleksjon "
     "(fem minutt, skriftleg), samtale i smågrupper og oppsummering i storgruppe.",
     "Lærer av erfaringane til kvarandre på tvers av tenester.\nFølgjer opp eigne tiltak mellom møta."),
    (2, "Medarbeidarskap", "temasamling", 12, True,
     "Tillit verkar begge vegar. Kva forventar vi av medarbeidarane, og kva kan dei forvente av oss? Om "
     "medverknad, ansvar og mot i kvardagen.",
     "Kan skildre godt medarbeidarskap i eiga eining.\n"
     "Har planlagt ein prosess der medarbeidarane sjølve utformar løysingar."),
    (2, "Leiargruppeutvikling I: Leiargruppa som lag", "ledergruppeutvikling", 12, True,
     "Leiargruppene i avdelingane arbeider med eigen effektivitet og evne til å levere: roller, møtestruktur og "
     "korleis vedtak vert følgde opp.",
     "Leiargruppa har ei felles forståing av oppdraget sitt.\n"
     "Leiargruppa har avtalt korleis møta vert brukte og følgde opp."),
    (2, "Fagdag: Inga sjølvleiing utan leiing", "fagdag", 6, True,
     "Fagdag for alle leiarane i heradet med innlegg om tillitsbasert leiing, medarbeidarsamtalen og "
     "sjølvleiing, og arbeid i grupper.",
     "Har fått fagleg påfyll og delt erfaringar med leiarar frå andre einingar."),
    (3, "Endre, halde fast, skrote", "temasamling", 12, True,
     "Vi går gjennom eiga styring: kva rutinar, rapportar og målingar skal vi endre, kva skal vi halde fast ved, "
     "og kva kan vi skrote?",
     "Har vurdert minst tre rutinar eller rapportar i eiga eining.\n"
     "Har lagt fram eitt konkret forslag for leiaren sin."),
    (3, "Resultatkjeda og dokumenterte effektar", "temasamling", 12, True,
     "Med resultatkjeda til DFØ – innsatsfaktorar, aktivitetar, produkt og tenester, brukareffektar og "
     "samfunnseffektar – ser vi på kva vi faktisk veit om effekten av tenestene våre.",
     "Kan bruke resultatkjeda på ei teneste i eiga eining.\n"
     "Kan skilje mellom å måle aktivitet og å dokumentere effekt."),
    (3, "Refleksjonsgrupper, år 2", "refleksjonsgruppe", 12, True,
     "Refleksjonsgruppene held fram med nye problemstillingar frå eigen kvardag.",
     "Brukar gruppa til å prøve ut og evaluere endringar i eiga eining."),
    (3, "E-læring: Lean og forbetringsarbeid i kvardagen", "e_laering", 4, False,
     "Nettkurs i eige tempo, laga saman med Lean-fasilitatorane: tavlemøte, forbetringstavler og små "
     "forbetringar som medarbeidarane sjølve eig.",
     "Kjenner grunnprinsippa i Lean.\nHar prøvd ut ei forbetringstavle med eige team."),
    (4, "Medarbeidarsamtalen som kontrakt", "temasamling", 12, True,
     "Medarbeidarsamtalen som nøkkel til eit tillitsbasert forhold: avklare oppgåver, mål og forventningar så "
     "tydeleg som mogleg, slik at begge partar kan gjere ei felles forplikting – om resultat og om relasjonar.",
     "Kan gjennomføre ein medarbeidarsamtale som endar i gjensidige forpliktingar.\n"
     "Følgjer opp forpliktingane gjennom året."),
    (4, "Leiargruppeutvikling II: Å levere på oppdraget", "ledergruppeutvikling", 12, True,
     "Leiargruppene ser på kva dei leverer til innbyggjarane, og korleis dei veit det.",
     "Leiargruppa har ein plan for å følgje opp resultat og effektar saman med medarbeidarane."),
)  # fmt: skip

# year offset from the programme start, month, weekday (0 = Monday), nth weekday (-1 = last), local start,
# local end, module index, title, venue key.
SCHEDULE = (
    (0, 9, 3, 2, "09:00", "15:30", 0, "Oppstartssamling: Tillitsbasert leiing – kva tyder det hos oss?", "hotellet"),
    (0, 9, 1, -1, "12:30", "15:30", 2, "Refleksjonsgrupper: oppstart og gruppeavtalar", "moterom"),
    (0, 10, 3, 3, "09:00", "15:30", 0, "Tillitsbasert leiing, dag 2: Kontroll som gjev meining", "storsalen"),
    (0, 11, 3, 1, "09:00", "15:30", 1, "Relasjonell kompetanse, dag 1", "storsalen"),
    (0, 11, 1, 3, "12:30", "15:30", 2, "Refleksjonsgrupper: møte 2", "moterom"),
    (0, 12, 3, 1, "09:00", "15:30", 1, "Relasjonell kompetanse, dag 2", "storsalen"),
    (1, 1, 3, 3, "09:00", "15:30", 3, "Medarbeidarskap, dag 1", "storsalen"),
    (1, 2, 2, 1, "09:00", "15:00", 4, "Leiargruppeutvikling I: Oppdrag og roller", "moterom"),
    (1, 2, 1, -1, "12:30", "15:30", 2, "Refleksjonsgrupper: møte 3", "moterom"),
    (1, 3, 3, 2, "09:00", "15:30", 5, "Fagdag: Inga sjølvleiing utan leiing", "konferanse"),
    (1, 4, 3, 2, "09:00", "15:30", 3, "Medarbeidarskap, dag 2", "storsalen"),
    (1, 4, 2, -1, "09:00", "15:00", 4, "Leiargruppeutvikling I: Møte som skaper retning", "moterom"),
    (1, 5, 1, 2, "12:30", "15:30", 2, "Refleksjonsgrupper: møte 4", "moterom"),
    (1, 6, 2, 1, "09:00", "15:00", 4, "Leiargruppeutvikling I: Vedtak og oppfølging", "moterom"),
    (1, 6, 3, 2, "09:00", "15:30", 2, "Før sommaren: Kva har vi lært i refleksjonsgruppene?", "hotellet"),
    (1, 9, 3, 2, "09:00", "15:30", 6, "Endre, halde fast, skrote", "storsalen"),
    (1, 9, 1, -1, "12:30", "15:30", 8, "Refleksjonsgrupper år 2: oppstart", "moterom"),
    (1, 10, 3, 3, "09:00", "15:30", 7, "Resultatkjeda, dag 1: Frå aktivitet til effekt", "storsalen"),
    (1, 11, 3, 3, "09:00", "15:30", 7, "Resultatkjeda, dag 2: Dokumenterte effektar i eiga eining", "biblioteket"),
    (1, 12, 1, 1, "12:30", "15:30", 8, "Refleksjonsgrupper år 2: møte 2", "moterom"),
    (2, 1, 3, 3, "09:00", "15:30", 10, "Medarbeidarsamtalen som kontrakt, dag 1", "storsalen"),
    (2, 3, 3, -1, "09:00", "15:30", 10, "Medarbeidarsamtalen som kontrakt, dag 2", "storsalen"),
    (2, 4, 2, -1, "09:00", "15:00", 11, "Leiargruppeutvikling II: Å levere på oppdraget", "moterom"),
)  # fmt: skip
CANCELLED_SESSION = 4
CANCEL_REASON = (
    "Avlyst på grunn av ein uventa beredskapssituasjon i heradet. Gruppene avtalar nytt møte sjølve innan to veker."
)

POOLS = (
    ("L16", "L16 – Lean-fasilitatorar", "lean", 16,
     "Seksten Lean-fasilitatorar som hjelper leiarar og team med kontinuerleg forbetring."),
    ("I7", "I7 – innovasjonsagentane", "innovation", 7,
     "Sju innovasjonsagentar som inspirerer og leier innovasjon på tvers av einingar og avdelingar: dei ser "
     "løysingar éin stad og spreier dei."),
    ("EA", "Endringsagentar", "change_agent", 5,
     "Endringsagentar som støttar leiarar i omstilling og leier dialogmøte og refleksjonsgrupper."),
)  # fmt: skip
SKILLS = {
    "lean": ("Lean", "tavlemøte", "verdistraumanalyse", "forbetringstavler", "A3-problemløysing"),
    "innovation": ("tenestedesign", "innsiktsarbeid", "gevinstrealisering", "velferdsteknologi", "prototyping"),
    "change_agent": ("prosessleiing", "dialogmøte", "endringsleiing", "rettleiing", "konflikthandtering"),
}
UNAVAILABILITY = (("Ferie", 14), ("Permisjon", 30), ("Samling i innovasjonsskulen", 3), ("Kurs", 2))

GROUP_NAMES = ("Gruppe Hangursnipa", "Gruppe Lønahorgi", "Gruppe Vangsvatnet", "Gruppe Bordalsgjelet",
               "Gruppe Tvindefossen", "Gruppe Mjølfjell")  # fmt: skip
OWN_KEYWORDS = (
    "travelt", "mykje nytt", "uvisse om retninga", "stoltheit over teamet", "budsjettpress", "gode samtalar",
    "lite tid til refleksjon", "lyst til å prøve noko nytt", "mange vikarar", "glede over små steg",
    "behov for tydelegare forventningar", "ansvar", "einsemd i rolla", "endringstrøytt",
)  # fmt: skip
OWN_NOTE = "Stikkord som vart delte etter eiga refleksjon: {}."
SMALL_GROUP_PROMPT = "Del det du skreiv med dei andre i smågruppa. Kva er likt, og kva er ulikt?"
LARGE_GROUP_PROMPT = "Kva tek vi med oss? Oppsummer i storgruppa."

# One script per meeting in order: own-reflection prompt, small-group sentences, summary sentences, themes.
GROUP_SCRIPTS = (
    ("Korleis har vi det no – i eininga og som leiarar?",
     ("Fleire fortalde at medarbeidarane ber om tydelege rammer, samstundes som dei vil bestemme meir sjølve.",
      "Vi snakka om kor ulikt tillit vert forstått i barnehage, heimeteneste og NAV, men utfordringane liknar.",
      "Éin i gruppa har innført korte morgonmøte og opplever færre mistydingar.",
      "Det er krevjande å vere tydeleg når ein sjølv er usikker på retninga."),
     ("Felles for gruppa: vi må snakke meir om kva oppdraget er, ikkje berre om kva som skal gjerast.",
      "Vi tek med spørsmålet «kva tyder tillit hos oss?» til personalmøta våre før neste møte.",
      "Tydelegheit og kommunikasjon går att som det viktigaste akkurat no."),
     (("Tydelegheit", True), ("Kommunikasjon", True))),
    ("Ein situasjon der eg valde å stole på ein medarbeidar – eller let vere.",
     ("Gruppa delte døme på å delegere ei oppgåve heilt, og kor vanskeleg det var å la vere å blande seg inn.",
      "Somme opplevde at kontroll vart oppfatta som mistillit, andre at medarbeidarane sakna oppfølging.",
      "Vi diskuterte skilnaden på kontroll som gjev meining og kontroll som berre gjev rapportar.",
      "Det er lettare å gje tillit til dei ein kjenner godt; nytilsette og vikarar fell lett utanfor."),
     ("Kontroll som gjev meining er avtalt på førehand og vert brukt til læring, ikkje til å ta folk.",
      "Tillit må synast i handling: å la vere å overprøve vedtak medarbeidarane har fått ansvar for.",
      "Kvar av oss delegerer éi oppgåve fullt ut fram til neste møte."),
     (("Tillit og kontroll", True), ("Delegering", True))),
    ("Kva kjenneteiknar godt medarbeidarskap hos oss?",
     ("Medarbeidarskap handlar om å ta ansvar for heilskapen, ikkje berre for eigne oppgåver.",
      "Fleire har late medarbeidarane leie delar av personalmøtet, med gode erfaringar.",
      "Vi snakka om korleis vi tek med dei som arbeider deltid og i helgene.",
      "Medverknad tek tid i starten, men sparer tid seinare fordi vedtaka vert betre forankra."),
     ("Medverknad krev struktur: eiga refleksjon, samtale i smågrupper og oppsummering – slik vi gjer her.",
      "Vi prøver tre-stegs-metoden på eigne personalmøte og deler erfaringane neste gong.",
      "Medarbeidarskap og leiing heng saman; det eine kan ikkje vedtakast utan det andre."),
     (("Medverknad", True), ("Medarbeidarskap", True))),
    ("Kva gjev arbeidsglede – for medarbeidarane og for meg?",
     ("Arbeidsglede handlar for mange om å sjå at arbeidet gjer ein skilnad for brukarane.",
      "Fleire fortalde at arbeidsgleda forsvinn når rapportering tek tid frå tenesta.",
      "Små ting tyder mykje: ein takk, ein felles lunsj, ein ryddig turnus.",
      "Somme kjenner seg åleine i leiarrolla og saknar nokon å drøfte vanskelege saker med."),
     ("Arbeidsglede heng tett saman med meistring og med å bli sett.",
      "Vi vil bruke kvarandre meir mellom møta, til dømes ein telefon når noko er vanskeleg.",
      "Spørsmålet «kva gjev arbeidsglede her?» vert teke med inn i medarbeidarsamtalane."),
     (("Arbeidsglede", True), ("Einsemd i leiarrolla", False))),
    ("Kva har vi lært i gruppa i år, og kva tek vi med vidare?",
     ("Det viktigaste i år har vore å høyre korleis leiarar i heilt andre tenester tenkjer.",
      "Fleire har endra måten dei held personalmøte på etter tre-stegs-metoden.",
      "Vi snakka om korleis vi held på refleksjonen når programmet er over.",
      "Usemje i gruppa har vore lærerik, sjølv om det ikkje alltid var komfortabelt."),
     ("Gruppa oppsummerer året med tre ord: tydelegheit, tillit og tolmod.",
      "Vi vil halde fram med å møtast to gonger i semesteret òg etter programmet.",
      "Kommunikasjon – å seie kva vi meiner og spørje kva andre meiner – er det vi øver mest på."),
     (("Kommunikasjon", True), ("Å stå i usemje", False))),
)  # fmt: skip

# Actions a group agrees on, each with the follow-up noted when it was done.
GROUP_ACTIONS = (
    ("Teste fem minutt eiga refleksjon på neste personalmøte og fortelje gruppa korleis det gjekk.",
     "Gjennomført. Medarbeidarane syntest det var uvant, men fleire sa meir enn vanleg."),
    ("Delegere éi oppgåve fullt ut til ein medarbeidar og la vere å følgje opp undervegs.",
     "Gjennomført – det var lettare enn frykta, og oppgåva vart løyst på ein ny måte."),
    ("Gå gjennom månadsrapporten og foreslå kva som kan fjernast.",
     "Gjort. Rapporten er korta ned frå fjorten til seks punkt."),
    ("Hospitere ein halv dag hos ein annan leiar i gruppa.",
     "Gjennomført, og avtalt at den andre hospiterer hos meg neste semester."),
    ("Spørje tre medarbeidarar kva som gjev dei arbeidsglede.",
     "Gjort. Gav nyttige innspel som vert tekne med i medarbeidarsamtalane."),
    ("Invitere tillitsvald til ein samtale om korleis vi brukar tavlemøta.",
     "Gjennomført. Vi prøver ei ny tavle med færre punkt fram til jul."),
    ("Lage ei oversikt over kven som har ansvar for kva i eininga og dele ho med teamet.",
     "Gjort. Oversikta heng på personalrommet og vart justert etter innspel."),
    ("Avtale ein telefon med ein annan i gruppa før neste møte.",
     "Gjennomført – det hjelpte å drøfte ei vanskeleg sak med nokon utanfor eiga eining."),
)  # fmt: skip
ACTION_DROPPED = "Ikkje gjennomført; andre oppgåver kom i vegen. Vert teke opp att ved behov."

ATTENDANCE_NOTES = {
    "late": ("Kom etter lunsj på grunn av vaktbyte.", "Forseinka – bussen var innstilt."),
    "excused": ("Meldt forfall: tilsyn i eininga.", "Meldt forfall: bemanningskrise.", "Meldt forfall på førehand."),
    "partial": ("Gjekk kl. 12 på grunn av ei akutt sak i eininga.", "Var berre med før lunsj."),
    "absent": ("Ikkje meldt forfall.",),
}

# Journal prose: what I learned (by module index), how we are now, what I will do, free notes.
JOURNAL_LEARNED: dict[int, tuple[str, ...]] = {
    0: ("Tillit er ikkje fråvær av kontroll, men kontroll som gjev meining. Godt å høyre det sagt så tydeleg.",
        "Eg vart slegen av kor ulikt vi forstår ordet tillit. For somme handlar det om fridom, for andre om "
        "føreseielegheit.",
        "Eg kjenner oppdraget til eininga godt, men er usikker på om alle medarbeidarane kjenner sitt eige bidrag."),
    1: ("Relasjonar vert bygde i dei små augneblinkane – i gangen, på vaktrommet, i pausen – ikkje berre i "
        "medarbeidarsamtalen.",
        "Kartlegginga av relasjonane mine viste at eg har mest kontakt med dei som liknar meg sjølv.",
        "Anerkjenning må vere konkret for å verke. «Bra jobba» er ikkje nok."),
    2: ("Fem minutt stille refleksjon før vi snakkar saman gjer samtalen mykje betre. Alle fekk sagt noko.",
        "Det hjelper å høyre at leiarar i heilt andre tenester strevar med det same som meg.",
        "Gruppa fekk meg til å sjå at eg tek over oppgåver medarbeidarane kunne ha løyst sjølve."),
    3: ("Medarbeidarskap er ikkje det motsette av leiing. Medarbeidarane vil ha ansvar, men dei treng rammer.",
        "Vi snakka om mot til å seie frå, òg oppover. Opplever medarbeidarane at det er trygt å seie frå til meg?"),
    4: ("Leiargruppa brukar mest tid på informasjon og for lite på vedtak. Vi snur dagsordenen.",
        "Det var uvant å gje kvarandre tilbakemelding i leiargruppa, men det losna etter lunsj."),
    5: ("Inga sjølvleiing utan leiing: medarbeidarane må vite kvar vi skal før dei kan ta ansvar sjølve.",
        "«Alle feil skal vere nye» – det tek eg med tilbake til personalmøtet."),
    6: ("Vi har ein månadsrapport som ingen les. Han er ein god kandidat til å skrotast.",
        "Det er like viktig å bestemme kva vi skal halde fast ved som kva vi skal endre."),
    7: ("Vi måler mange aktivitetar, men veit lite om brukareffektane. Resultatkjeda gjorde det synleg.",
        "Kontroll, datagrunnlag og oppfølging er ein del av tillitsbasert leiing – ikkje ei motsetnad."),
    10: ("Medarbeidarsamtalen kan bli ein kontrakt der begge partar forpliktar seg – om resultat og relasjonar.",
         "Eg har brukt samtalen for mykje til å informere og for lite til å avklare forventningar."),
    11: ("Leiargruppa må vere tydeleg på kva vi leverer til innbyggjarane, ikkje berre på kva vi gjer.",),
}  # fmt: skip
JOURNAL_LEARNED[8] = JOURNAL_LEARNED[2]
JOURNAL_NOW = (
    "Travle veker med mange vakter som må dekkjast.",
    "God stemning i personalgruppa, men vi er slitne etter omorganiseringa.",
    "Eg merkar at eg har mindre tolmod enn vanleg.",
    "Vi har fått to nye medarbeidarar, og det har sett i gang mykje godt.",
    "Budsjettsituasjonen pregar mykje av det vi snakkar om.",
)
JOURNAL_CHANGE = (
    "Eg vil starte neste personalmøte med fem minutt eiga refleksjon før vi diskuterer.",
    "Eg skal spørje meir og svare mindre når medarbeidarane kjem med problem.",
    "Eg vil ha ein kort samtale med kvar einskild medarbeidar før sommaren, utan dagsorden.",
    "Eg skal gå gjennom rapporteringa vår saman med tillitsvald og sjå kva vi kan sløyfe.",
    "Eg vil gje meir konkret anerkjenning, og gjere det med ein gong.",
    "Eg skal la teamet sjølv foreslå korleis vi fordeler oppgåvene i helgene.",
    "Eg vil vere tydelegare på kva som er bestemt, og kva som er ope for innspel.",
    "Eg skal seie nei til eitt møte i veka og bruke tida ute i tenesta.",
)
JOURNAL_FREE = (
    "Tenkte mykje på samtalen med ein medarbeidar i dag. Eg svara for raskt, og det vart feil. Tek det opp att.",
    "Tavlemøtet fungerer betre no som medarbeidarane leier det sjølve annakvar veke.",
    "Usikker på kvar grensa går mellom å gje tillit og å overlate ansvaret heilt. Tek det med til gruppa.",
    "God dag. Teamet løyste eit problem med vaktbyte utan at eg var med. Det er vel det som er poenget.",
    "Fekk kritikk på personalmøtet for at vedtak vert tekne over hovudet på folk. Ubehageleg, men fortent.",
    "Las notata frå oppstarten att. Det eg skreiv om tillit då, stemmer ikkje heilt med korleis eg leier no.",
)
JOURNAL_HEADINGS = {
    "now": "Korleis har vi det no?",
    "took": "Kva tok eg med meg?",
    "next": "Kva gjer eg no?",
    "learned": "Kva lærte eg?",
    "different": "Kva vil eg gjere annleis?",
}
JOURNAL_TAGS = (
    "tillit", "relasjonar", "medarbeidarskap", "kontroll", "medarbeidarsamtale", "endring", "tilbakemelding",
    "prioritering", "medverknad", "leiargruppa",
)  # fmt: skip

# Commitments (forpliktingar) from the medarbeidarsamtale, each with the follow-up noted when it was done.
COMMITMENTS = (
    ("Ha ein kort ein-til-ein-samtale med kvar medarbeidar kvar sjette veke.",
     "Gjennomført; kvar åttande veke viste seg å vere meir realistisk, og det held vi fram med."),
    ("Innføre tavlemøte kvar veke der teamet sjølv prioriterer forbetringar.",
     "Tavlemøta er i gang, og teamet leier dei sjølv annakvar veke."),
    ("Gje medarbeidarane ansvar for å fordele oppgåver seg imellom innanfor avtalte rammer.",
     "Ferdig – teamet har teke over ansvaret, og det har gått bra."),
    ("Redusere eiga rapportering og bruke tida som vert frigjord ute i tenesta.",
     "Månadsrapporten er forenkla etter avtale med kommunalsjefen."),
    ("Vere tilgjengeleg for medarbeidarane den første halvtimen kvar morgon, utan møte.",
     "Gjennomført heile perioden; held fram."),
    ("Avklare skriftleg kva vedtak teamet kan gjere sjølv.",
     "Fullmaktene er skrivne ned og gjennomgått på personalmøtet."),
    ("Gje konkret tilbakemelding på arbeid som er godt gjort, same veka.",
     "Gjennomført; medarbeidarundersøkinga viser betre skår på anerkjenning."),
    ("Lage ein opplæringsplan for nytilsette saman med to røynde medarbeidarar.",
     "Planen er ferdig og brukt for tre nytilsette."),
    ("Følgje opp nærværsarbeidet saman med verneombodet kvart kvartal.",
     "Gjennomført kvart kvartal; fast punkt på dagsordenen."),
    ("Vere med på éin forbetringsworkshop med Lean-fasilitatorane og ta med to medarbeidarar.",
     "Gjennomført; workshopen gav tre forbetringar som er innførte."),
    ("Ta initiativ til eit felles prosjekt med ei eining i ei anna avdeling.",
     "Prosjektet er i gang saman med ei eining i Kultur og velferd."),
    ("Bruke medarbeidarsamtalen til å avtale eitt utviklingsmål for kvar medarbeidar.",
     "Alle medarbeidarane har eit utviklingsmål, og måla vert følgde opp i neste samtale."),
)  # fmt: skip

# Reasons recorded in the enrolments' status history.
ENROLLED_REASON = "Påmeld av næraste leiar"
LEAVE_REASONS = ("Foreldrepermisjon", "Permisjon – vidareutdanning")
WITHDRAWAL_REASON = "Slutta i heradet – ny stilling i ei anna verksemd."
RETURN_REASONS = ("Permisjon", "Tilbake frå permisjon")
COMPLETED_REASON = "Fullført og godkjend av programkoordinatoren"

TABLE_DAY = None  # the Nynorsk demo has no table day (see the Swedish one)
