"""The PySide6 desktop front end of Tillitsleder.

Only this package imports Qt. It calls the core's services with plain values and shows what they return;
start with :func:`ui.app.run_gui`.
"""
