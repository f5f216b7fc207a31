"""Demo content for the Wagtail pages (stories, fair-trade pages), called by `load_demo_shop`."""


def load_demo_content(*, stdout=None) -> None:
    """Add the demo stories and information pages. Idempotent. Filled in by the stories work."""
