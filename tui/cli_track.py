"""frist commands: track (registered on tui.cli.cli)."""
