"""The one family of errors a user can cause; the command line prints them as one line."""


class FristError(Exception):
    """Bad input or a store that cannot be used: shown as `error: <message>`, exit code 1."""


class StoreError(FristError):
    """The store cannot be used (damaged, newer schema, unknown id, unwritable)."""


class ConflictError(StoreError):
    """Another process changed an item since it was shown: the change was not made."""
