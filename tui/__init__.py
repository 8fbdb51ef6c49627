"""Everything a person sees in a terminal: the Textual dashboard and the `frist` command line."""
