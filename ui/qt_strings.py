"""Qt's own strings that show up in this app, marked so they land in our gettext catalogs.

Qt looks these up with ``QCoreApplication.translate(context, source)``; ``ui.translator.GettextTranslator``
answers from our catalogs by ``msgctxt`` = Qt's context. Nothing imports this module at run time: it exists
for message extraction (``NC_`` is a keyword in ``pyproject.toml``'s Babel settings).

Every (context, source) pair below was checked against Qt's shipped ``qtbase_*.qm`` catalogs (loading them
into a ``QTranslator`` and asking for each pair), so the spelling, ampersands and dots match Qt 6 exactly.
Where Qt 6.x changed a label (e.g. "Look in:" → "&Look in:"), both spellings are listed. Qt has no
"Yes"/"No" (without ``&``) or "Don't Save" in ``QPlatformTheme`` on Windows and Linux, so they are not here.
"""

from __future__ import annotations

from tillitsleder.i18n import NC_

# Standard dialog buttons (QDialogButtonBox, QMessageBox) take their texts from the platform theme.
PLATFORM_THEME_BUTTONS = (
    NC_("QPlatformTheme", "OK"),
    NC_("QPlatformTheme", "Cancel"),
    NC_("QPlatformTheme", "Save"),
    NC_("QPlatformTheme", "Open"),
    NC_("QPlatformTheme", "Close"),
    NC_("QPlatformTheme", "Apply"),
    NC_("QPlatformTheme", "Reset"),
    NC_("QPlatformTheme", "Help"),
    NC_("QPlatformTheme", "&Yes"),
    NC_("QPlatformTheme", "&No"),
    NC_("QPlatformTheme", "Discard"),
    NC_("QPlatformTheme", "Save All"),
    NC_("QPlatformTheme", "Abort"),
    NC_("QPlatformTheme", "Retry"),
    NC_("QPlatformTheme", "Ignore"),
    NC_("QPlatformTheme", "Restore Defaults"),
    NC_("QPlatformTheme", "Yes to &All"),
    NC_("QPlatformTheme", "N&o to All"),
)

DIALOG_BUTTON_BOX = (NC_("QDialogButtonBox", "OK"),)

# The context menu of every line edit (search fields) and of read-only/rich text (labels, about box).
LINE_EDIT_MENU = (
    NC_("QLineEdit", "&Undo"),
    NC_("QLineEdit", "&Redo"),
    NC_("QLineEdit", "Cu&t"),
    NC_("QLineEdit", "&Copy"),
    NC_("QLineEdit", "&Paste"),
    NC_("QLineEdit", "Delete"),
    NC_("QLineEdit", "Select All"),
)

TEXT_CONTROL_MENU = (
    NC_("QWidgetTextControl", "&Undo"),
    NC_("QWidgetTextControl", "&Redo"),
    NC_("QWidgetTextControl", "Cu&t"),
    NC_("QWidgetTextControl", "&Copy"),
    NC_("QWidgetTextControl", "&Paste"),
    NC_("QWidgetTextControl", "Delete"),
    NC_("QWidgetTextControl", "Select All"),
    NC_("QWidgetTextControl", "Copy &Link Location"),
)

# Qt's own file dialog (used where no native dialog is available, e.g. some Linux desktops).
FILE_DIALOG = (
    NC_("QFileDialog", "Look in:"),
    NC_("QFileDialog", "&Look in:"),
    NC_("QFileDialog", "File &name:"),
    NC_("QFileDialog", "Files of type:"),
    NC_("QFileDialog", "Files of &type:"),
    NC_("QFileDialog", "&Open"),
    NC_("QFileDialog", "&Save"),
    NC_("QFileDialog", "&Choose"),
    NC_("QFileDialog", "Open"),
    NC_("QFileDialog", "Save As"),
    NC_("QFileDialog", "Back"),
    NC_("QFileDialog", "Forward"),
    NC_("QFileDialog", "Parent Directory"),
    NC_("QFileDialog", "Create New Folder"),
    NC_("QFileDialog", "List View"),
    NC_("QFileDialog", "Detail View"),
    NC_("QFileDialog", "My Computer"),
    NC_("QFileDialog", "New Folder"),
    NC_("QFileDialog", "&New Folder"),
    NC_("QFileDialog", "&Rename"),
    NC_("QFileDialog", "&Delete"),
    NC_("QFileDialog", "Show &hidden files"),
    NC_("QFileDialog", "Recent Places"),
    NC_("QFileDialog", "Directory:"),
    NC_("QFileDialog", "All Files (*)"),
)

# Column headers of the file dialog's detail view come from the file system model.
FILE_SYSTEM_MODEL = (
    NC_("QFileSystemModel", "Name"),
    NC_("QFileSystemModel", "Size"),
    NC_("QFileSystemModel", "Type"),
    NC_("QFileSystemModel", "Date Modified"),
    NC_("QFileSystemModel", "My Computer"),
    NC_("QFileSystemModel", "Computer"),
)

MESSAGE_BOX = (
    NC_("QMessageBox", "Show Details..."),
    NC_("QMessageBox", "Hide Details..."),
)

# The backup progress dialog's default button.
PROGRESS_DIALOG = (NC_("QProgressDialog", "Cancel"),)

ALL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("QPlatformTheme", PLATFORM_THEME_BUTTONS),
    ("QDialogButtonBox", DIALOG_BUTTON_BOX),
    ("QLineEdit", LINE_EDIT_MENU),
    ("QWidgetTextControl", TEXT_CONTROL_MENU),
    ("QFileDialog", FILE_DIALOG),
    ("QFileSystemModel", FILE_SYSTEM_MODEL),
    ("QMessageBox", MESSAGE_BOX),
    ("QProgressDialog", PROGRESS_DIALOG),
)
"""(context, sources) pairs, for tests that check every string is known to Qt or translated."""
