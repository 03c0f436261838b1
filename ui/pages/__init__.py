"""The areas of the main window, one module each, in the order of the navigation list."""
