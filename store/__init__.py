"""frist's data side: commitments, their extraction from text, and their durable store.

Nothing in this package imports the terminal user interface (`tui`).
"""
