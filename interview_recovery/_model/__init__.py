"""The data types: incidents, decisions, steps, the words that ask for each field, and the tables
of what each action and each note wording field means."""
