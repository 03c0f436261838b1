"""The Swedish demo: Norrköpings kommun. Förvaltningar, enheter, names, curriculum, schedule and prose in Swedish.

The same names as every language's module (see ``demo.content``). The texts follow the seed from Norrköping's
Chefsdag (400 managers at round tables, the three-step dialogue: egen reflektion, samtal i smågrupper, summering i
större grupp) and the glossary's Swedish words (omgång, träff, processledare, lärlogg, åtagande). The förvaltningar
and enheter are invented but shaped like a Swedish municipality's; every person named here is invented.
"""

from __future__ import annotations

from decimal import Decimal

from tillitsleder.demo.content import TableDayPlan

MUNICIPALITY = "Norrköpings kommun"
COUNTRY = "SE"  # public holidays and working days
TIMEZONE = "Europe/Stockholm"
EMAIL_DOMAIN = "norrkoping.se"
PROGRAMME_NAME = "Ledarutvecklingsprogram {first}–{last}"
SEMESTER_TITLE = "{season} {year}: {theme}"
AUTUMN, SPRING = "Hösten", "Våren"
COHORT = "Omgång 1 – Norrköping"
EARLIER_COHORT = "Omgång {first}–{last:02d} – Norrköping"
ROUND_NAME = "Runda 1 – {year}/{next:02d}"
COORDINATOR = ("Johanna", "Lindström", "HR-utvecklare, ledarutveckling")
DIRECTOR = "Förvaltningschef, {department}"
ACTING = "Tf. {title}"  # a first-line manager acting as head of their unit

_FORSKOLA = (("Förskolerektor", 2), ("Biträdande förskolerektor", 3), ("Förskolesamordnare", 4))
_SKOLA = (("Rektor", 2), ("Biträdande rektor", 3), ("Arbetslagsledare", 4))
_HEMTJANST = (("Enhetschef", 2), ("Biträdande enhetschef", 3), ("Samordnare", 4))
_BOENDE = (("Enhetschef", 2), ("Biträdande enhetschef", 3), ("Samordnare", 4))
_KONTOR = (("Enhetschef", 2), ("Sektionschef", 3), ("Teamledare", 4))

# Förvaltning → enhet → (leader positions as (title, leader level) a participant from the unit may hold,
# positions of staff there who may serve as facilitators).
DEPARTMENTS: dict[str, dict[str, tuple[tuple[tuple[str, int], ...], tuple[str, ...]]]] = {
    "Utbildningsförvaltningen": {
        "Förskolan Ektorp": (_FORSKOLA, ("Förskollärare", "Barnskötare")),
        "Förskolan Klingsberg": (_FORSKOLA, ("Förskollärare", "Barnskötare")),
        "Förskolan Navestad": (_FORSKOLA, ("Förskollärare",)),
        "Ektorpsskolan": (_SKOLA, ("Lärare", "Specialpedagog")),
        "Hagebyskolan": (_SKOLA, ("Lärare", "Fritidspedagog")),
        "Centrala elevhälsan": (_KONTOR, ("Skolkurator", "Skolsköterska", "Skolpsykolog")),
    },
    "Vård- och omsorgsförvaltningen": {
        "Hemtjänstområde Centrum": (_HEMTJANST, ("Undersköterska", "Sjuksköterska")),
        "Hemtjänstområde Hageby": (_HEMTJANST, ("Undersköterska", "Vårdbiträde")),
        "Hemtjänstområde Skärblacka": (_HEMTJANST, ("Undersköterska", "Sjuksköterska")),
        "Vård- och omsorgsboendet Vilbergen": (_BOENDE, ("Undersköterska", "Sjuksköterska", "Aktivitetssamordnare")),
        "Rehabenheten": (
            (("Enhetschef", 2), ("Sektionschef arbetsterapi", 3), ("Sektionschef fysioterapi", 3)),
            ("Arbetsterapeut", "Fysioterapeut"),
        ),
    },
    "Socialförvaltningen": {
        "Gruppbostaden Marielund": (_BOENDE, ("Stödassistent", "Stödpedagog")),
        "Gruppbostaden Smedby": (_BOENDE, ("Stödassistent", "Stödpedagog")),
        "Daglig verksamhet Klockaretorpet": (_BOENDE, ("Handledare", "Stödpedagog")),
        "Barn- och ungdomsenheten": (
            (("Enhetschef", 2), ("Sektionschef utredning", 3), ("Sektionschef insatser", 3)),
            ("Socialsekreterare", "Familjebehandlare"),
        ),
        "Socialkontoret, ekonomiskt bistånd": (_KONTOR, ("Socialsekreterare", "Handläggare")),
    },
    "Kultur-, fritids- och arbetsmarknadsförvaltningen": {
        "Stadsbiblioteket": ((("Bibliotekschef", 2), ("Sektionschef", 3), ("Teamledare", 4)), ("Bibliotekarie",)),
        "Fritidsgården Navestad": (
            (("Enhetschef", 2), ("Fritidsledare, samordnare", 4), ("Teamledare", 4)),
            ("Fritidsledare",),
        ),
        "Arbetsmarknadsenheten": (_KONTOR, ("Arbetskonsulent", "Jobbcoach")),
        "Vägledningscentrum": (_KONTOR, ("Studie- och yrkesvägledare", "Handläggare")),
        "Digitaliseringsenheten": (_KONTOR, ("Verksamhetsutvecklare", "Systemförvaltare")),
    },
}

FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Malin", "Helena", "Johanna", "Åsa",
    "Ulrika", "Linnéa", "Ingrid", "Birgitta", "Camilla", "Therese", "Jenny", "Sofia", "Annika", "Elin", "Märta",
    "Lars", "Anders", "Johan", "Per", "Mikael", "Erik", "Magnus", "Fredrik", "Jonas", "Daniel", "Mattias",
    "Björn", "Göran", "Håkan", "Stefan", "Pontus", "Henrik", "Olof", "Tobias", "Jörgen", "Ulf", "Åke",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Bergström", "Sjöholm", "Danielsson",
    "Ekström", "Lundgren", "Holmberg", "Sandberg", "Forsberg", "Axelsson", "Åberg", "Wallin", "Hedlund",
    "Blomqvist", "Engström", "Söderberg", "Nyström", "Björk", "Löfgren", "Öberg", "Hägg", "Strand", "Fält",
    "Kullberg", "Wikström", "Åkesson", "Grönlund",
)  # fmt: skip
# Swedish Sami, Sweden Finnish and immigrant names: they must survive e-mail folding, sorting and every PDF.
SAMI_NAMES = (("Máret", "Kuhmunen"), ("Áslat", "Labba"), ("Elle", "Nutti"), ("Ánte", "Sunna"), ("Iŋgá", "Kitok"))
OTHER_NAMES = (
    ("Päivi", "Heikkinen"), ("Jukka", "Mäkelä"), ("Rasha", "Al-Khatib"), ("Mohammed", "Haddad"),
    ("Emina", "Hodžić"), ("Dženan", "Mujić"), ("Łukasz", "Zieliński"), ("Şule", "Aydın"), ("Hodan", "Farah"),
    ("Senait", "Tesfamariam"), ("Shirin", "Rahimi"), ("Camila", "Muñoz"), ("Rojda", "Karadağ"),
    ("Eleni", "Papadopoulou"), ("Thị Hoa", "Trần"), ("Miloš", "Petrović"), ("Ninos", "Yousef"),
)  # fmt: skip
# More names for the earlier cohort's leaders.
EXTRA_NAMES = (("Inga-Lill", "Pirak"), ("Nils-Ánde", "Baer"), ("Ahmad", "Sharifi"), ("Żaneta", "Kowalska"))

# Letters NFKD does not decompose, folded the way the municipality's addresses do.
EMAIL_FOLDING = str.maketrans({"æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ŋ": "n", "ŧ": "t", "ı": "i", "ß": "ss"})

VENUES = {
    "salen": ("Louis De Geer, Stora salen", "Dalsgatan 15, 602 32 Norrköping", 450),
    "motesrum": ("Rådhuset, sammanträdesrum Motala ström", "Drottninggatan 3, 602 24 Norrköping", 45),
    "arbetets": ("Arbetets museum, konferensvåningen", "Laxholmen, 602 21 Norrköping", 120),
    "hallen": ("Hörsalen, Kulturkvarteret", "Södra Promenaden 105, 602 34 Norrköping", 300),
    "biblioteket": ("Stadsbiblioteket, Kvarnen", "Södra Promenaden 105, 602 34 Norrköping", 50),
}

PROGRAMME_DESCRIPTION = (
    "Tvåårigt ledarutvecklingsprogram för chefer i Norrköpings kommun, byggt på tillitsbaserad styrning och "
    "ledning, relationell kompetens och medarbetarskap. Tre delar löper parallellt: tematräffar för arbetet i "
    "den egna verksamheten, ledningsgruppsutveckling och reflektionsgrupper på tvärs över förvaltningarna. Målet "
    "är att öka medarbetarnas delaktighet och reella möjligheter att påverka sin verksamhet – tillit är inte "
    "frånvaro av uppföljning, utan uppföljning som är meningsfull."
)
SEMESTER_THEMES = (
    "Tillit och relationer",
    "Medarbetarskap och ledningsgruppen",
    "Styrning som är meningsfull",
    "Åtaganden och vägen vidare",
)
# code, label, weight — in the order the register offers them.
ATTENDANCE_STATUSES = (
    ("present", "Närvarande", Decimal("1.0")),
    ("late", "Sen", Decimal("0.75")),
    ("excused", "Giltig frånvaro", Decimal("0.0")),
    ("absent", "Frånvarande", Decimal("0.0")),
    ("partial", "Delvis närvarande", Decimal("0.5")),
)

# semester, title, session type, hours, required, description, objectives (one per line).
MODULES = (
    (1, "Tillitsbaserad styrning och ledning – vad betyder det hos oss?", "temasamling", 12, True,
     "Programmets start. Vad betyder tillitsbaserad styrning och ledning i Norrköpings kommun – och vad betyder "
     "det inte? Kommunstyrelsens uppdrag, vår egen tolkning och hur tillit och kontroll hänger ihop.",
     "Kan förklara vad tillitsbaserad styrning och ledning betyder i den egna verksamheten.\n"
     "Kan skilja mellan uppföljning som är meningsfull och kontroll som inte är det.\n"
     "Har formulerat en frågeställning att ta med till reflektionsgruppen."),
    (1, "Relationell kompetens", "temasamling", 12, True,
     "Relationellt ledarskap i praktiken: att känna medarbetarnas kompetens, bygga en tillitsfull relation till "
     "var och en och stå kvar i oenighet.",
     "Känner till grundbegreppen i relationell kompetens.\n"
     "Har övat på samtal med tydliga förväntningar och konkret uppskattning.\n"
     "Har kartlagt sina egna relationer i verksamheten."),
    (1, "Reflektionsgrupper, år 1", "refleksjonsgruppe", 15, True,
     "Fasta grupper på tvärs över förvaltningar och enheter. Mötena följer tre-stegs-principen: egen reflektion "
     "(fem minuter, skriftligt), samtal i smågrupper och summering i större grupp.",
     "Lär av varandras erfarenheter från helt olika verksamheter.\nFöljer upp sina egna åtgärder mellan mötena."),
    (2, "Medarbetarskap", "temasamling", 12, True,
     "Tillit går åt båda hållen. Vad förväntar vi oss av medarbetarna, och vad kan de förvänta sig av oss? Om "
     "delaktighet, ansvar och mod i vardagen.",
     "Kan beskriva ett gott medarbetarskap i den egna verksamheten.\n"
     "Har planerat en process där medarbetarna själva tar fram lösningar."),
    (2, "Ledningsgruppsutveckling I: Ledningsgruppen som lag", "ledergruppeutvikling", 12, True,
     "Förvaltningarnas ledningsgrupper arbetar med sin egen förmåga att leverera: roller, mötesstruktur och hur "
     "beslut följs upp.",
     "Ledningsgruppen har en gemensam förståelse av sitt uppdrag.\n"
     "Ledningsgruppen har kommit överens om hur mötena används och följs upp."),
    (2, "Chefsdag: En dag av delaktighet", "fagdag", 6, True,
     "Chefsdag för alla chefer i kommunen med föreläsningar om tillitsbaserad styrning och dialogbaserade möten "
     "vid runda bord, där varje bord övar på det nya delaktighetsmaterialet.",
     "Har fått ny kunskap och delat erfarenheter med chefer från andra förvaltningar."),
    (3, "Förändra, behålla, avveckla", "temasamling", 12, True,
     "Vi går igenom vår egen styrning: vilka rutiner, rapporter och mätningar ska vi förändra, vilka ska vi "
     "behålla, och vilka kan vi avveckla?",
     "Har prövat minst tre rutiner eller rapporter i den egna verksamheten.\n"
     "Har lagt fram ett konkret förslag för sin chef."),
    (3, "Från aktivitet till effekt", "temasamling", 12, True,
     "Med en resultatkedja – resurser, aktiviteter, prestationer, effekter för brukaren och för samhället – "
     "tittar vi på vad vi faktiskt vet om effekten av våra insatser.",
     "Kan använda resultatkedjan på en insats i den egna verksamheten.\n"
     "Kan skilja mellan att mäta aktivitet och att visa effekt."),
    (3, "Reflektionsgrupper, år 2", "refleksjonsgruppe", 12, True,
     "Reflektionsgrupperna fortsätter med nya frågeställningar från vardagen.",
     "Använder gruppen för att pröva och utvärdera förändringar i den egna verksamheten."),
    (3, "E-lärande: Lean och förbättringsarbete i vardagen", "e_laering", 4, False,
     "Webbkurs i egen takt, framtagen tillsammans med Lean-processledarna: tavelmöten, förbättringstavlor och små "
     "förbättringar som medarbetarna själva äger.",
     "Känner till grundprinciperna i Lean.\nHar prövat en förbättringstavla med sin egen arbetsgrupp."),
    (4, "Medarbetarsamtalet som överenskommelse", "temasamling", 12, True,
     "Medarbetarsamtalet som nyckel till en tillitsfull relation: att klargöra uppgifter, mål och förväntningar "
     "så tydligt som möjligt, så att båda parter kan göra ett gemensamt åtagande – om resultat och om relationer.",
     "Kan genomföra ett medarbetarsamtal som slutar i ömsesidiga åtaganden.\n"
     "Följer upp åtagandena under året."),
    (4, "Ledningsgruppsutveckling II: Att leverera på uppdraget", "ledergruppeutvikling", 12, True,
     "Ledningsgrupperna ser på vad de levererar till invånarna, och hur de vet det.",
     "Ledningsgruppen har en plan för att följa upp resultat och effekter tillsammans med medarbetarna."),
)  # fmt: skip

# year offset from the programme start, month, weekday (0 = Monday), nth weekday (-1 = last), local start,
# local end, module index, title, venue key.
SCHEDULE = (
    (0, 9, 3, 2, "09:00", "15:30", 0, "Starträff: Tillitsbaserad styrning och ledning – vad betyder det?", "arbetets"),
    (0, 9, 1, -1, "12:30", "15:30", 2, "Reflektionsgrupper: start och gruppöverenskommelser", "motesrum"),
    (0, 10, 3, 3, "09:00", "15:30", 0, "Tillitsbaserad styrning, dag 2: Uppföljning som är meningsfull", "hallen"),
    (0, 11, 3, 1, "09:00", "15:30", 1, "Relationell kompetens, dag 1", "hallen"),
    (0, 11, 1, 3, "12:30", "15:30", 2, "Reflektionsgrupper: möte 2", "motesrum"),
    (0, 12, 3, 1, "09:00", "15:30", 1, "Relationell kompetens, dag 2", "hallen"),
    (1, 1, 3, 3, "09:00", "15:30", 3, "Medarbetarskap, dag 1", "hallen"),
    (1, 2, 2, 1, "09:00", "15:00", 4, "Ledningsgruppsutveckling I: Uppdrag och roller", "motesrum"),
    (1, 2, 1, -1, "12:30", "15:30", 2, "Reflektionsgrupper: möte 3", "motesrum"),
    (1, 3, 3, 2, "09:00", "15:30", 5, "Chefsdag: En dag av delaktighet", "salen"),
    (1, 4, 3, 2, "09:00", "15:30", 3, "Medarbetarskap, dag 2", "hallen"),
    (1, 4, 2, -1, "09:00", "15:00", 4, "Ledningsgruppsutveckling I: Möten som ger riktning", "motesrum"),
    (1, 5, 1, 2, "12:30", "15:30", 2, "Reflektionsgrupper: möte 4", "motesrum"),
    (1, 6, 2, 1, "09:00", "15:00", 4, "Ledningsgruppsutveckling I: Beslut och uppföljning", "motesrum"),
    (1, 6, 3, 2, "09:00", "15:30", 2, "Före sommaren: Vad har vi lärt oss i reflektionsgrupperna?", "arbetets"),
    (1, 9, 3, 2, "09:00", "15:30", 6, "Förändra, behålla, avveckla", "hallen"),
    (1, 9, 1, -1, "12:30", "15:30", 8, "Reflektionsgrupper år 2: start", "motesrum"),
    (1, 10, 3, 3, "09:00", "15:30", 7, "Från aktivitet till effekt, dag 1: Resultatkedjan", "hallen"),
    (1, 11, 3, 3, "09:00", "15:30", 7, "Från aktivitet till effekt, dag 2: Effekter i verksamheten", "biblioteket"),
    (1, 12, 1, 1, "12:30", "15:30", 8, "Reflektionsgrupper år 2: möte 2", "motesrum"),
    (2, 1, 3, 3, "09:00", "15:30", 10, "Medarbetarsamtalet som överenskommelse, dag 1", "hallen"),
    (2, 3, 3, -1, "09:00", "15:30", 10, "Medarbetarsamtalet som överenskommelse, dag 2", "hallen"),
    (2, 4, 2, -1, "09:00", "15:00", 11, "Ledningsgruppsutveckling II: Att leverera på uppdraget", "motesrum"),
)  # fmt: skip
CANCELLED_SESSION = 4
CANCEL_REASON = (
    "Inställt på grund av en oförutsedd händelse som krävde krisledning i kommunen. Grupperna bokar själva ett "
    "nytt möte inom två veckor."
)

POOLS = (
    ("LEAN", "Lean-processledare", "lean", 16,
     "Sexton Lean-processledare som hjälper chefer och arbetsgrupper med ständiga förbättringar."),
    ("INNO", "Innovationsagenter", "innovation", 7,
     "Sju innovationsagenter som inspirerar och leder innovationsarbete på tvärs över enheter och förvaltningar: "
     "de ser lösningar på ett ställe och sprider dem vidare."),
    ("FA", "Förändringsagenter och chefscoacher", "change_agent", 5,
     "Förändringsagenter och chefscoacher som stöttar chefer i förändring och leder dialogmöten och "
     "reflektionsgrupper."),
)  # fmt: skip
SKILLS = {
    "lean": ("Lean", "tavelmöten", "värdeflödesanalys", "förbättringstavlor", "A3-problemlösning"),
    "innovation": ("tjänstedesign", "behovsanalys", "nyttorealisering", "välfärdsteknik", "prototyper"),
    "change_agent": ("processledning", "dialogmöten", "förändringsledning", "handledning", "konflikthantering"),
}
UNAVAILABILITY = (("Semester", 14), ("Tjänstledighet", 30), ("Innovationsutbildning", 3), ("Kurs", 2))

GROUP_NAMES = (
    "Grupp Eldkvarn", "Grupp Strömsholmen", "Grupp Knäppingsborg", "Grupp Himmelstalund", "Grupp Kolmården",
    "Grupp Bråviken",
)  # fmt: skip
OWN_KEYWORDS = (
    "stressigt", "mycket nytt", "osäkerhet om riktningen", "stolthet över arbetsgruppen", "budgetpress",
    "bra samtal", "lite tid för reflektion", "lust att pröva något nytt", "många vikarier", "glädje över små steg",
    "behov av tydligare förväntningar", "ansvar", "ensamhet i chefsrollen", "förändringströtthet",
)  # fmt: skip
OWN_NOTE = "Stödord som delades efter den egna reflektionen: {}."
SMALL_GROUP_PROMPT = "Dela det du skrev med de andra i smågruppen. Vad är lika, och vad skiljer sig?"
LARGE_GROUP_PROMPT = "Vad tar vi med oss? Summera i den större gruppen."

# One script per meeting in order: own-reflection prompt, small-group sentences, summary sentences, themes.
GROUP_SCRIPTS = (
    ("Hur har vi det nu – i verksamheten och som chefer?",
     ("Flera beskrev att medarbetarna ber om tydliga ramar, samtidigt som de vill bestämma mer själva.",
      "Vi pratade om hur olika tillit förstås i förskolan, hemtjänsten och på socialkontoret, men utmaningarna "
      "liknar varandra.",
      "En i gruppen har infört korta morgonmöten och upplever färre missförstånd.",
      "Det är svårt att vara tydlig när man själv är osäker på riktningen."),
     ("Gemensamt för gruppen: vi behöver prata mer om vad uppdraget är, inte bara om vad som ska göras.",
      "Vi tar med frågan ”vad betyder tillit hos oss?” till våra egna arbetsplatsträffar före nästa möte.",
      "Tydlighet och kommunikation kommer tillbaka som det viktigaste just nu."),
     (("Tydlighet", True), ("Kommunikation", True))),
    ("En situation där jag valde att lita på en medarbetare – eller lät bli.",
     ("Gruppen delade exempel på att lämna över en uppgift helt, och hur svårt det var att inte lägga sig i.",
      "Några har märkt att kontroll uppfattas som misstro, andra att medarbetarna saknade uppföljning.",
      "Vi diskuterade skillnaden mellan uppföljning som är meningsfull och kontroll som bara ger rapporter.",
      "Det är lättare att lita på dem man känner väl; nyanställda och vikarier hamnar lätt utanför."),
     ("Meningsfull uppföljning är överenskommen i förväg och används för lärande, inte för att hitta fel.",
      "Tillit måste synas i handling: att låta bli att överpröva beslut som medarbetarna har fått ansvar för.",
      "Var och en av oss lämnar över en uppgift helt fram till nästa möte."),
     (("Tillit och kontroll", True), ("Delegering", True))),
    ("Vad kännetecknar ett gott medarbetarskap hos oss?",
     ("Medarbetarskap handlar om att ta ansvar för helheten, inte bara för de egna uppgifterna.",
      "Flera har låtit medarbetarna leda delar av arbetsplatsträffen, med goda erfarenheter.",
      "Vi pratade om hur vi når dem som arbetar deltid, kvällar och helger.",
      "Delaktighet tar tid i början men sparar tid senare, eftersom besluten blir bättre förankrade."),
     ("Delaktighet kräver struktur: egen reflektion, samtal i smågrupper och summering – så som vi gör här.",
      "Vi prövar tre-stegs-metoden på våra egna arbetsplatsträffar och delar erfarenheterna nästa gång.",
      "Medarbetarskap och ledarskap hänger ihop; det ena kan inte beslutas utan det andra."),
     (("Delaktighet", True), ("Medarbetarskap", True))),
    ("Vad ger arbetsglädje – för medarbetarna och för mig?",
     ("Arbetsglädje handlar för många om att se att arbetet gör skillnad för invånarna.",
      "Flera beskrev att arbetsglädjen försvinner när rapportering tar tid från verksamheten.",
      "Små saker betyder mycket: ett tack, en gemensam lunch, ett schema som håller.",
      "Några känner sig ensamma i chefsrollen och saknar någon att bolla svåra frågor med."),
     ("Arbetsglädje hänger tätt ihop med att klara sitt uppdrag och att bli sedd.",
      "Vi vill använda varandra mer mellan mötena, till exempel ett samtal när något är svårt.",
      "Frågan ”vad ger arbetsglädje här?” tas med in i medarbetarsamtalen."),
     (("Arbetsglädje", True), ("Ensamhet i chefsrollen", False))),
    ("Vad har vi lärt oss i gruppen i år, och vad tar vi med oss vidare?",
     ("Det viktigaste i år har varit att höra hur chefer i helt andra verksamheter tänker.",
      "Flera har ändrat sitt sätt att hålla arbetsplatsträffar efter tre-stegs-metoden.",
      "Vi pratade om hur vi håller kvar reflektionen när programmet är slut.",
      "Oenighet i gruppen har varit lärorik, även om den inte alltid var bekväm."),
     ("Gruppen summerar året med tre ord: tydlighet, tillit och tålamod.",
      "Vi vill fortsätta att träffas två gånger per termin även efter programmet.",
      "Kommunikation – att säga vad vi tycker och fråga vad andra tycker – är det vi övar mest på."),
     (("Kommunikation", True), ("Att stå kvar i oenighet", False))),
)  # fmt: skip

# Actions a group agrees on, each with the follow-up noted when it was done.
GROUP_ACTIONS = (
    ("Pröva fem minuters egen reflektion på nästa arbetsplatsträff och berätta för gruppen hur det gick.",
     "Genomfört. Medarbetarna tyckte att det var ovant, men flera sa mer än vanligt."),
    ("Lämna över en uppgift helt till en medarbetare och avstå från att följa upp under tiden.",
     "Genomfört – det var lättare än jag trodde, och uppgiften löstes på ett nytt sätt."),
    ("Gå igenom månadsrapporten och föreslå vad som kan tas bort.",
     "Klart. Rapporten har kortats från fjorton till sex punkter."),
    ("Auskultera en halv dag hos en annan chef i gruppen.",
     "Genomfört, och vi har kommit överens om att den andra auskulterar hos mig nästa termin."),
    ("Fråga tre medarbetare vad som ger dem arbetsglädje.",
     "Klart. Gav användbara synpunkter som tas med i medarbetarsamtalen."),
    ("Bjuda in skyddsombudet till ett samtal om hur vi använder tavelmötena.",
     "Genomfört. Vi prövar en ny tavla med färre punkter fram till jul."),
    ("Göra en översikt över vem som ansvarar för vad i enheten och dela den med arbetsgruppen.",
     "Klart. Översikten sitter i personalrummet och justerades efter synpunkter."),
    ("Boka ett samtal med någon annan i gruppen före nästa möte.",
     "Genomfört – det hjälpte att bolla en svår fråga med någon utanför den egna enheten."),
)  # fmt: skip
ACTION_DROPPED = "Inte genomfört; andra uppgifter gick före. Tas upp igen vid behov."

ATTENDANCE_NOTES = {
    "late": ("Kom efter lunch på grund av ett schemabyte.", "Sen – bussen var inställd."),
    "excused": ("Anmält förhinder: tillsyn i verksamheten.", "Anmält förhinder: bemanningskris.",
                "Anmält förhinder i förväg."),
    "partial": ("Gick klockan tolv på grund av ett akut ärende i enheten.", "Deltog bara före lunch."),
    "absent": ("Inget förhinder anmält.",),
}  # fmt: skip

# Journal prose: what I learned (by module index), how we are now, what I will do, free notes.
JOURNAL_LEARNED: dict[int, tuple[str, ...]] = {
    0: ("Tillit är inte frånvaro av uppföljning, utan uppföljning som är meningsfull. Skönt att höra det sägas "
        "så tydligt.",
        "Jag slogs av hur olika vi förstår ordet tillit. För några handlar det om frihet, för andra om "
        "förutsägbarhet.",
        "Jag känner enhetens uppdrag väl, men är osäker på om alla medarbetare känner till sitt eget bidrag."),
    1: ("Relationer byggs i de små ögonblicken – i korridoren, i personalrummet, på rasten – inte bara i "
        "medarbetarsamtalet.",
        "Kartläggningen av mina relationer visade att jag har mest kontakt med dem som liknar mig själv.",
        "Uppskattning måste vara konkret för att fungera. ”Bra jobbat” räcker inte."),
    2: ("Fem minuters tyst reflektion innan vi pratar gör samtalet mycket bättre. Alla fick komma till tals.",
        "Det hjälper att höra att chefer i helt andra verksamheter kämpar med samma saker som jag.",
        "Gruppen fick mig att se att jag tar över uppgifter som medarbetarna kunde ha löst själva."),
    3: ("Medarbetarskap är inte motsatsen till ledarskap. Medarbetarna vill ha ansvar, men de behöver ramar.",
        "Vi pratade om modet att säga ifrån, även uppåt. Upplever medarbetarna att det är tryggt att säga ifrån "
        "till mig?"),
    4: ("Ledningsgruppen lägger mest tid på information och för lite på beslut. Vi vänder på dagordningen.",
        "Det var ovant att ge varandra återkoppling i ledningsgruppen, men det släppte efter lunch."),
    5: ("Vid bordet fick vi öva på riktigt: egen reflektion, smågrupper och summering. Det ska jag köra på APT.",
        "Jag som chef är inte den som vet vad som behöver göras – det vet medarbetarna. Min uppgift är att skapa "
        "förutsättningar."),
    6: ("Vi har en månadsrapport som ingen läser. Den är en bra kandidat att avveckla.",
        "Det är lika viktigt att bestämma vad vi ska behålla som vad vi ska förändra."),
    7: ("Vi mäter många aktiviteter men vet lite om effekterna för brukarna. Resultatkedjan gjorde det synligt.",
        "Uppföljning och underlag är en del av tillitsbaserad styrning – inte en motsättning."),
    10: ("Medarbetarsamtalet kan bli en överenskommelse där båda parter gör åtaganden – om resultat och "
         "relationer.",
         "Jag har använt samtalet för mycket till att informera och för lite till att klargöra förväntningar."),
    11: ("Ledningsgruppen måste vara tydlig med vad vi levererar till invånarna, inte bara med vad vi gör.",),
}  # fmt: skip
JOURNAL_LEARNED[8] = JOURNAL_LEARNED[2]
JOURNAL_NOW = (
    "Intensiva veckor med många pass som måste täckas.",
    "Bra stämning i arbetsgruppen, men vi är trötta efter omorganisationen.",
    "Jag märker att jag har mindre tålamod än vanligt.",
    "Vi har fått två nya medarbetare, och det har satt igång mycket gott.",
    "Budgetläget präglar mycket av det vi pratar om.",
)
JOURNAL_CHANGE = (
    "Jag ska börja nästa arbetsplatsträff med fem minuters egen reflektion innan vi diskuterar.",
    "Jag ska fråga mer och svara mindre när medarbetarna kommer med problem.",
    "Jag vill ha ett kort samtal med varje medarbetare före sommaren, utan dagordning.",
    "Jag ska gå igenom vår rapportering tillsammans med skyddsombudet och se vad vi kan ta bort.",
    "Jag vill ge mer konkret uppskattning, och göra det direkt.",
    "Jag ska låta arbetsgruppen själv föreslå hur vi fördelar uppgifterna på helgerna.",
    "Jag vill vara tydligare med vad som är bestämt och vad som är öppet för synpunkter.",
    "Jag ska tacka nej till ett möte i veckan och använda tiden ute i verksamheten.",
)
JOURNAL_FREE = (
    "Tänkte mycket på samtalet med en medarbetare i dag. Jag svarade för snabbt, och det blev fel. Tar upp det igen.",
    "Tavelmötet fungerar bättre nu när medarbetarna leder det själva varannan vecka.",
    "Osäker på var gränsen går mellan att visa tillit och att lämna över ansvaret helt. Tar med det till gruppen.",
    "Bra dag. Arbetsgruppen löste ett problem med schemabyten utan att jag var med. Det är väl det som är poängen.",
    "Fick kritik på arbetsplatsträffen för att beslut fattas över huvudet på folk. Obehagligt, men befogat.",
    "Läste anteckningarna från starten igen. Det jag skrev om tillit då stämmer inte riktigt med hur jag leder nu.",
)
JOURNAL_HEADINGS = {
    "now": "Hur har vi det nu?",
    "took": "Vad tog jag med mig?",
    "next": "Vad gör jag nu?",
    "learned": "Vad lärde jag mig?",
    "different": "Vad vill jag göra annorlunda?",
}
JOURNAL_TAGS = (
    "tillit", "relationer", "medarbetarskap", "kontroll", "medarbetarsamtal", "förändring", "återkoppling",
    "prioritering", "delaktighet", "ledningsgruppen",
)  # fmt: skip

# Commitments (åtaganden) from the medarbetarsamtal, each with the follow-up noted when it was done.
COMMITMENTS = (
    ("Ha ett kort enskilt samtal med varje medarbetare var sjätte vecka.",
     "Genomfört; var åttonde vecka visade sig vara mer realistiskt, och det fortsätter vi med."),
    ("Införa veckovisa tavelmöten där arbetsgruppen själv prioriterar förbättringar.",
     "Tavelmötena är igång, och arbetsgruppen leder dem själv varannan vecka."),
    ("Ge medarbetarna ansvar för att fördela uppgifter sinsemellan inom överenskomna ramar.",
     "Klart – arbetsgruppen har tagit över ansvaret, och det har gått bra."),
    ("Minska min egen rapportering och använda den frigjorda tiden ute i verksamheten.",
     "Månadsrapporten är förenklad efter överenskommelse med förvaltningschefen."),
    ("Vara tillgänglig för medarbetarna den första halvtimmen varje morgon, utan möten.",
     "Genomfört hela perioden; fortsätter."),
    ("Skriva ner vilka beslut arbetsgruppen kan fatta själv.",
     "Delegationen är nedskriven och genomgången på arbetsplatsträffen."),
    ("Ge konkret återkoppling på arbete som är väl utfört, samma vecka.",
     "Genomfört; medarbetarenkäten visar bättre resultat på uppskattning."),
    ("Ta fram en introduktionsplan för nyanställda tillsammans med två erfarna medarbetare.",
     "Planen är klar och har använts för tre nyanställda."),
    ("Följa upp arbetet med frisknärvaro tillsammans med skyddsombudet varje kvartal.",
     "Genomfört varje kvartal; fast punkt på dagordningen."),
    ("Delta i en förbättringsworkshop med Lean-processledarna och ta med två medarbetare.",
     "Genomfört; workshoppen gav tre förbättringar som är införda."),
    ("Ta initiativ till ett gemensamt projekt med en enhet i en annan förvaltning.",
     "Projektet är igång tillsammans med en enhet på Socialförvaltningen."),
    ("Använda medarbetarsamtalet till att komma överens om ett utvecklingsmål för varje medarbetare.",
     "Alla medarbetare har ett utvecklingsmål, och målen följs upp i nästa samtal."),
)  # fmt: skip

# Reasons recorded in the enrolments' status history.
ENROLLED_REASON = "Anmäld av närmaste chef"
LEAVE_REASONS = ("Föräldraledighet", "Tjänstledighet – vidareutbildning")
WITHDRAWAL_REASON = "Slutat i kommunen – ny tjänst hos en annan arbetsgivare."
RETURN_REASONS = ("Tjänstledighet", "Tillbaka från tjänstledighet")
COMPLETED_REASON = "Slutfört och godkänt av programsamordnaren"

# Norrköping's Chefsdag: 400 managers seated at 40 round tables named after places in the municipality, ten at
# each, and one more manager leading each table's dialogue (like the seed's table "Eldkvarn"): "drygt 400 chefer".
TABLE_DAY = TableDayPlan(
    name="Chefsdagen {year}",
    managers=400,
    seats=10,
    tables=(
        "Eldkvarn", "Strömsholmen", "Knäppingsborg", "Holmen", "Himmelstalund", "Kolmården", "Bråviken",
        "Motala ström", "Saltängen", "Industrilandskapet", "Laxholmen", "Kvarnholmen", "Hamnbron", "Skvallertorget",
        "Tyska torget", "Gamla torget", "Drottninggatan", "Hörsalen", "Kneippen", "Lindö", "Djurön", "Arkösund",
        "Kvillinge", "Skärblacka", "Åby", "Krokek", "Jursla", "Borg", "Östra Husby", "Vikbolandet", "Svärtinge",
        "Eneby", "Klockaretorpet", "Navestad", "Hageby", "Ektorp", "Smedby", "Marielund", "Vrinnevi", "Folkparken",
    ),
)  # fmt: skip
