"""The columns of a participant list: which fields exist, and which headings mean which field.

Headings are recognised in Norwegian, Swedish, Danish and English ("Fornavn", "Förnamn", "Efternavn", "First name"
…, with the variants HR systems write: "Anställningsnr", "Lønnummer", "Stillingsbetegnelse") after
``fold`` has removed case, accents, spaces and punctuation; "Navn"/"Namn"/"Name" is a full name, split on
its last space. A mapping is column index → field key; ``check_mapping`` says what is missing or doubled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_, _

# Field key → label (msgid). Order = order in the mapping step's drop-downs.
FIELDS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "full_name": N_("Full name (first and last)"),
    "email": N_("E-mail"),
    "employee_number": N_("Employee number"),
    "unit": N_("Unit"),
    "department": N_("Department"),
    "position": N_("Position"),
}
_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("fornavn", "fornamn", "firstname", "givenname", "forename", "tilnavn", "tilltalsnamn", "fornavne"),
    "last_name": (
        "etternavn", "efternamn", "lastname", "surname", "familyname", "slektsnavn", "familjenamn",
        "efternavn", "efternavne", "familienavn",
    ),
    "full_name": (
        "navn", "namn", "name", "fulltnavn", "fullname", "deltaker", "deltakar", "deltagare", "deltager",
        "fullstandigtnamn", "fulltnamn", "fuldenavn", "fuldtnavn", "medarbetarnamn", "medarbejdernavn",
    ),
    "email": (
        "epost", "email", "epostadresse", "epostadress", "emailaddress", "mail", "mailadress", "emailadress",
        "emailadresse", "mailadresse", "mejl", "mejladress",
    ),
    "employee_number": (
        "ansattnummer", "ansattnr", "ansnr", "anstallningsnummer", "anstallningsnr", "anstnr", "anstallningsid",
        "employeenumber", "employeeno", "employeeid", "personalnummer", "personalnr", "ressursnummer",
        "medarbetarnummer", "medarbetarnr", "medarbetarid", "medarbejdernummer", "medarbejdernr", "medarbnr",
        "medarbejderid", "lonnummer", "lonnr", "lonenummer",
    ),
    "unit": (
        "enhet", "enhetsnavn", "eining", "unit", "arbeidssted", "arbetsplats", "enhed", "enhetsnamn", "enhedsnavn",
        "arbejdssted", "arbetsstalle", "institution",
    ),
    "department": (
        "avdeling", "avdelning", "forvaltning", "department", "sektor", "omrade", "virksomhet", "afdeling",
        "forvaltningsomrade",
    ),
    "position": (
        "stilling", "stillingstittel", "befattning", "position", "tittel", "titel", "title", "jobtitle",
        "stillingsbetegnelse", "jobtitel", "yrkestitel", "befattningsbenamning",
    ),
}  # fmt: skip
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ß": "ss", "đ": "d", "ŧ": "t", "ŋ": "n"})
_HEADER_TO_FIELD = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}


def fold(text: str) -> str:
    """Case-, accent- and punctuation-free form: "E-post" and "epost", "Förnamn" and "fornamn" agree."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return re.sub(r"[^0-9a-z]", "", "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD))


def guess_mapping(headers: Iterable[str]) -> dict[int, str]:
    """Column index → field key for every header recognised (each field taken by its first column only)."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _HEADER_TO_FIELD.get(fold(header))
        if key is not None and key not in mapping.values():
            mapping[index] = key
    return mapping


def check_mapping(mapping: Mapping[int, str], width: int) -> None:
    seen: set[str] = set()
    for index, key in mapping.items():
        if key not in FIELDS or not 0 <= index < width:
            raise ValidationError(N_("The column mapping names an unknown column or field."))
        if key in seen:
            raise ValidationError(N_("Each field can come from one column only ({field})."), field=_(FIELDS[key]))
        seen.add(key)
    if "full_name" not in seen and not {"first_name", "last_name"} <= seen:
        raise ValidationError(
            N_("Choose the columns that hold the names: first and last name, or the full name in one column.")
        )
