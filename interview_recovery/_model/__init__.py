"""The data types: incidents, decisions, steps and the words that ask for each field."""
