"""The one kind of error a user sees as a single line (``error: ...``), never a traceback.

Each stage raises its own subclass (TableError, RegionError, CleaningError, ...); the command
line catches this base alone, so it need not import every stage to report their errors."""


class OneLineError(Exception):
    """A problem with the user's input or set-up, stated in one line with what to do."""
