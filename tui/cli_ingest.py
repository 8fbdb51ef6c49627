"""frist commands: ingest (registered on tui.cli.cli)."""
