"""The error every quality service raises for people (Vietnamese through gettext)."""


class QualityError(ValueError):
    """A refused write; the message is for people."""
