"""frist commands: exchange (registered on tui.cli.cli)."""
