"""Screens of the frist dashboard, one module each; base.py states what they and the app
rely on of each other."""
