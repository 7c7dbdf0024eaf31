"""Where text meets the outside: the limits every input is held to, templates that are safe to fill,
output escaping for the terminal, HTML and Markdown, and did-you-mean suggestions."""
