"""The one family of errors a user can cause; the command line prints them as one line."""


class FristError(Exception):
    """Bad input or a store that cannot be used: shown as `error: <message>`, exit code 1."""
