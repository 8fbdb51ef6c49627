"""Widgets of the frist dashboard and the plain data behind the main table."""
