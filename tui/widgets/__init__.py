"""Widgets of the frist dashboard (the main table's data is tui/view.py)."""
