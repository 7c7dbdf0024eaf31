"""Where text meets the outside: the limits every input is held to, and templates that are safe to fill."""
