"""Scripts that generate files committed to the repository, each checked by a test against its source."""
