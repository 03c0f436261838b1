"""Every colour the app sets, by what it means, resolved for the palette on screen.

Nothing else in ``ui/`` names a colour: widgets and models ask this module for a role ("status.present",
"warning", "paper" …) and get the colour for the current palette. Three kinds of palette are told apart:

- **light** and **dark**, decided from the palette itself (a window darker than its text is dark; the platform's
  ``styleHints().colorScheme()`` only breaks a tie), each with its own table below;
- **high contrast** (Windows high contrast, or any palette whose text, window and button pairs reach 15:1 and
  whose selection reaches 7:1, or the platform's contrast preference): every role falls back to the palette's own
  colours, so the user's choice is never overridden.

A role is a ``Pair``: a text colour and, for fills, the background it is drawn on. A fill is always set together
with its text colour. A text-only role names the surface it sits on (an item view's base, a window, a header), so
``pairs()`` can list every text/background combination the app produces and the contrast test can hold each to
WCAG's 4.5:1 (``contrast_ratio``). ``ui.recolour`` re-applies colours a widget or model holds (style sheets,
cached brushes) when the application palette or the colour scheme changes at run time.

The module touches no ``Qt`` enum at import time: the sidebar imports it in the window's first frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

LIGHT, DARK, HIGH_CONTRAST = "light", "dark", "high-contrast"
TRANSPARENT = QColor(0, 0, 0, 0)
AA = 4.5  # WCAG 2.1 AA for normal text

# Surfaces a text-only role is drawn on, as the palette roles behind it.
VIEW, WINDOW, HEADER = "view", "window", "header"


@dataclass(frozen=True)
class Pair:
    text: str  # #rrggbb
    background: str | None = None  # a fill; None: the surface's own palette colour
    surface: str = VIEW  # where a text-only role sits (VIEW: base and alternate base; WINDOW; HEADER: button)


def _fill(background: str, text: str) -> Pair:
    return Pair(text, background)


LIGHT_INK, DARK_INK = "#1a1a1a", "#f2f2f2"

_LIGHT: dict[str, Pair] = {
    # Attendance register cells: the status's soft fill with dark ink
    "status.present": _fill("#cfe8cf", LIGHT_INK),
    "status.late": _fill("#fbeeb0", LIGHT_INK),
    "status.excused": _fill("#d5e3f1", LIGHT_INK),
    "status.absent": _fill("#f6c8c2", LIGHT_INK),
    "status.partial": _fill("#fde0b8", LIGHT_INK),
    "cancelled": _fill("#e4e4e4", LIGHT_INK),
    "at_risk": _fill("#f6c8c2", "#7a160d"),
    "at_risk.name": Pair("#8b1a10", surface=HEADER),
    "inactive": Pair("#595959", surface=HEADER),
    # Import preview
    "preview.problem": _fill("#fbe3e1", LIGHT_INK),
    "preview.problem_cell": _fill("#f3b5ae", LIGHT_INK),
    "preview.notice": _fill("#e3eefa", LIGHT_INK),
    # Marked table cells (a month over capacity, a table without a leader)
    "mark": _fill("#f8d7da", LIGHT_INK),
    # Journal
    "paper": _fill("#fbfaf6", "#1f2933"),
    "paper.selection": _fill("#cfe3dc", "#1f2933"),
    "search.mark": _fill("#fde68a", "#1f2933"),
    # Banners and inline notes
    "banner": _fill("#fff4d6", LIGHT_INK),
    "draft.banner": _fill("#fff7e0", LIGHT_INK),
    "conflicts": _fill("#fff4e5", LIGHT_INK),
    # Text on the palette's own surfaces
    "warning": Pair("#8f3700", surface=WINDOW),
    "warning.item": Pair("#8f3700"),
    "good": Pair("#1f6152", surface=WINDOW),
    "danger.item": Pair("#9b1c1c"),
    "muted.item": Pair("#595959"),
    "completion.completed": Pair("#1a6b3b"),
    "completion.on_track": Pair("#2a5d9f"),
    "completion.at_risk": Pair("#8a5200"),
    "completion.cannot_complete": Pair("#a8231b"),
    "verify.valid": Pair("#1b5e20", surface=WINDOW),
    "verify.superseded": Pair("#8f3700", surface=WINDOW),
    "verify.revoked": Pair("#a51818", surface=WINDOW),
    "verify.unknown": Pair("#a51818", surface=WINDOW),
}

_DARK: dict[str, Pair] = {
    "status.present": _fill("#1f4a2a", DARK_INK),
    "status.late": _fill("#5a4a0c", DARK_INK),
    "status.excused": _fill("#1d3a5a", DARK_INK),
    "status.absent": _fill("#5c211b", DARK_INK),
    "status.partial": _fill("#5a3810", DARK_INK),
    "cancelled": _fill("#3c3c3c", DARK_INK),
    "at_risk": _fill("#5c211b", "#ffd9d4"),
    "at_risk.name": Pair("#ff9e94", surface=HEADER),
    "inactive": Pair("#b0b0b0", surface=HEADER),
    "preview.problem": _fill("#4a1d19", DARK_INK),
    "preview.problem_cell": _fill("#6e2a22", "#ffffff"),
    "preview.notice": _fill("#1c3350", DARK_INK),
    "mark": _fill("#5a2330", DARK_INK),
    "paper": _fill("#23221f", "#e8e6e1"),
    "paper.selection": _fill("#2f5448", "#f2f2f2"),
    "search.mark": _fill("#6b5200", "#fff8dc"),
    "banner": _fill("#4a3b10", "#fff4d6"),
    "draft.banner": _fill("#433712", "#fff7e0"),
    "conflicts": _fill("#4a3115", "#fff4e5"),
    "warning": Pair("#ffb870", surface=WINDOW),
    "warning.item": Pair("#ffb870"),
    "good": Pair("#7fd1b9", surface=WINDOW),
    "danger.item": Pair("#ff9e94"),
    "muted.item": Pair("#b0b0b0"),
    "completion.completed": Pair("#86d9a4"),
    "completion.on_track": Pair("#9cc3f5"),
    "completion.at_risk": Pair("#f5c26b"),
    "completion.cannot_complete": Pair("#ff9e94"),
    "verify.valid": Pair("#86d9a4", surface=WINDOW),
    "verify.superseded": Pair("#ffb870", surface=WINDOW),
    "verify.revoked": Pair("#ff9e94", surface=WINDOW),
    "verify.unknown": Pair("#ff9e94", surface=WINDOW),
}

# Lines and accents that carry no text (borders, the privacy note's bar): not held to the text contrast.
_BORDERS = {
    LIGHT: {"paper": "#e6e1d6", "banner": "#d9b44a", "draft.banner": "#e8d49a", "conflicts": "#c25e00",
            "accent": "#2e7d6b"},
    DARK: {"paper": "#4a463e", "banner": "#8a6d1f", "draft.banner": "#7d6a2c", "conflicts": "#c27a2c",
           "accent": "#4fb39a"},
}  # fmt: skip

_SELECTION_LIKE = frozenset({"search.mark", "paper.selection"})  # under high contrast: the palette's selection
STATUS_CODES = ("present", "late", "excused", "absent", "partial")
WEIGHT_SAMPLES = (0.0, 0.25, 0.5, 0.75, 1.0)  # statuses beyond the five get a fill by weight; these are checked


def status_role(code: str, weight: float) -> str:
    """The role of an attendance status's cell (plain strings: safe off the GUI thread)."""
    return f"status.{code}" if code in STATUS_CODES else f"status.weight:{weight:g}"


def roles() -> tuple[str, ...]:
    """Every role name (the same in each table)."""
    return tuple(_LIGHT)


# --- WCAG ------------------------------------------------------------------------------------------------


def _channels(colour: QColor | str) -> tuple[float, float, float]:
    """Red, green, blue from 0 to 1. A ``#rgb``/``#rrggbb`` string is read without ``QColor(str)``, whose
    overloads would build ``Qt``'s enums in the window's first frame."""
    if isinstance(colour, QColor):
        return colour.redF(), colour.greenF(), colour.blueF()
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def relative_luminance(colour: QColor | str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0 black … 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = _channels(colour)
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- which kind of palette -------------------------------------------------------------------------------


def _role(name: str) -> QPalette.ColorRole:
    return getattr(QPalette.ColorRole, name)


_platform_prefers_high_contrast = False  # the platform's contrast preference, read after the first frame


def is_high_contrast(palette: QPalette) -> bool:
    """Windows high contrast or alike: text, window and button text at 15:1 or more, selection at 7:1 or more,
    or the platform asks for high contrast."""
    pairs = (("WindowText", "Window", 15), ("Text", "Base", 15), ("ButtonText", "Button", 15),
             ("HighlightedText", "Highlight", 7))  # fmt: skip
    if all(contrast_ratio(palette.color(_role(f)), palette.color(_role(b))) >= n for f, b, n in pairs):
        return True
    return _platform_prefers_high_contrast


def prefer_high_contrast(prefers: bool) -> bool:
    """Note the platform's contrast preference (``ui.recolour`` reads it); True if that changed anything."""
    global _platform_prefers_high_contrast
    if prefers == _platform_prefers_high_contrast:
        return False
    _platform_prefers_high_contrast = prefers
    _cache.clear()
    return True


def kind_of(palette: QPalette) -> str:
    """``LIGHT``, ``DARK`` or ``HIGH_CONTRAST`` for ``palette``."""
    if is_high_contrast(palette):
        return HIGH_CONTRAST
    window = relative_luminance(palette.color(_role("Window")))
    text = relative_luminance(palette.color(_role("WindowText")))
    if abs(window - text) > 0.05:
        return DARK if window < text else LIGHT
    app = QGuiApplication.instance()
    if app is not None:
        from PySide6.QtCore import Qt

        return DARK if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT
    return LIGHT


# --- the scheme for one palette --------------------------------------------------------------------------


def _hsv(hue: int, saturation: int, value: int) -> str:
    return QColor.fromHsv(hue, saturation, value).name()


class Scheme:
    """The colours of every role for one palette."""

    def __init__(self, palette: QPalette) -> None:
        self.palette = palette  # not QPalette(palette): its overloads would build Qt's enums (first frame)
        self.kind = kind_of(palette)
        self._table = _DARK if self.kind == DARK else _LIGHT
        self._brushes: dict[str, tuple[QBrush | None, QBrush | None]] = {}

    @property
    def high_contrast(self) -> bool:
        return self.kind == HIGH_CONTRAST

    def pair(self, role: str) -> Pair:
        """The role's text and fill for this palette (high contrast: the palette's own text, no fill; marks and
        selections in its selection colours)."""
        if role.startswith("status.weight:"):
            return self._weighted(float(role.split(":", 1)[1]))
        pair = self._table[role]
        if self.high_contrast and role in _SELECTION_LIKE:
            colour = self.palette.color
            return Pair(colour(_role("HighlightedText")).name(), colour(_role("Highlight")).name())
        if self.high_contrast:
            surface = pair.surface if pair.background is None else VIEW
            return Pair(self.surface_text(surface).name(), None, surface)
        return pair

    def _weighted(self, weight: float) -> Pair:
        """A fill from a soft red (0) to a soft green (1), for statuses beyond the five named ones."""
        hue = int(5 + 115 * max(0.0, min(1.0, weight)))
        if self.high_contrast:
            return Pair(self.surface_text(VIEW).name())
        if self.kind == DARK:
            return _fill(_hsv(hue, 150, 82), DARK_INK)
        return _fill(_hsv(hue, 55, 245), LIGHT_INK)

    def text(self, role: str) -> QColor:
        return QColor(self.pair(role).text)

    def fill(self, role: str) -> QColor | None:
        background = self.pair(role).background
        return QColor(background) if background is not None else None

    def brushes(self, role: str) -> tuple[QBrush | None, QBrush | None]:
        """(background, foreground) brushes for an item view (None: leave it to the palette), cached."""
        cached = self._brushes.get(role)
        if cached is None:
            if self.high_contrast:
                cached = (None, None)
            else:
                pair = self.pair(role)
                background = QBrush(QColor(pair.background)) if pair.background is not None else None
                cached = (background, QBrush(QColor(pair.text)))
            self._brushes[role] = cached
        return cached

    def css_text(self, role: str) -> str:
        """A style sheet colour for the role's text: a value, or the palette's own role under high contrast."""
        if self.high_contrast and role in _SELECTION_LIKE:
            return "palette(highlighted-text)"
        if self.high_contrast:
            pair = self._table[role]
            return "palette(text)" if pair.surface == VIEW and pair.background is None else "palette(window-text)"
        return self.pair(role).text

    def css_fill(self, role: str) -> str:
        """A style sheet background for a fill role (high contrast: the palette's window)."""
        if self.high_contrast and role in _SELECTION_LIKE:
            return "palette(highlight)"
        if self.high_contrast:
            return "palette(window)"
        return self.pair(role).background or "palette(window)"

    def css_border(self, name: str) -> str:
        if self.high_contrast:
            return "palette(window-text)"
        return _BORDERS[self.kind][name]

    def surface_colours(self, surface: str) -> list[QColor]:
        """The palette colours a text-only role may sit on."""
        names = {VIEW: ("Base", "AlternateBase"), WINDOW: ("Window",), HEADER: ("Button", "Window")}[surface]
        return [self.palette.color(_role(name)) for name in names]

    def surface_text(self, surface: str) -> QColor:
        name = {VIEW: "Text", WINDOW: "WindowText", HEADER: "ButtonText"}[surface]
        return self.palette.color(_role(name))

    def resolved_pairs(self) -> list[tuple[str, QColor, QColor]]:
        """Every (role, text, background) the app can draw with this palette, fills and surfaces alike."""
        out: list[tuple[str, QColor, QColor]] = []
        names = list(self._table) + [f"status.weight:{w:g}" for w in WEIGHT_SAMPLES]
        for name in names:
            pair = self.pair(name)
            if pair.background is not None:
                out.append((name, QColor(pair.text), QColor(pair.background)))
            else:
                out.extend((name, QColor(pair.text), colour) for colour in self.surface_colours(pair.surface))
        return out


_cache: dict[int, Scheme] = {}


def scheme(palette: QPalette | None = None) -> Scheme:
    """The scheme for ``palette`` (default: the application's), cached per palette."""
    if palette is None:
        palette = QGuiApplication.palette()
    key = palette.cacheKey()
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 16:
            _cache.clear()
        found = _cache[key] = Scheme(palette)
    return found


def pairs(palette: QPalette | None = None) -> list[tuple[str, QColor, QColor]]:
    """Every text/background pair the app sets, resolved for ``palette`` (see ``Scheme.resolved_pairs``)."""
    return scheme(palette).resolved_pairs()


def text_rule(role: str) -> str:
    """``color`` (and ``background`` for a fill role) of ``role`` as style sheet declarations."""
    s = scheme()
    rule = f"color: {s.css_text(role)};"
    if _LIGHT[role].background is not None:
        rule += f" background: {s.css_fill(role)};"
    return rule
