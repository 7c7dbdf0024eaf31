"""A plan's parts as text, Markdown and HTML."""
