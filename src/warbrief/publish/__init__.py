"""Publish stage: render a ``Briefing`` as JSON, Markdown and a self-contained HTML page, and write them.

JSON is the stored form (``briefing_from_dict`` rebuilds a briefing from it so old days can be rendered
again); HTML and Markdown are for readers. All three share the rules in ``layout``.
"""

from warbrief.publish.files import write_briefing
from warbrief.publish.html import render_html
from warbrief.publish.jsonfmt import briefing_from_dict, briefing_to_dict, render_json
from warbrief.publish.markdown import render_markdown

__all__ = [
    "briefing_from_dict",
    "briefing_to_dict",
    "render_html",
    "render_json",
    "render_markdown",
    "write_briefing",
]
