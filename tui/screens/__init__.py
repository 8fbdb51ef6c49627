"""Screens of the frist dashboard, one module each."""
