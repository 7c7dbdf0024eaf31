"""Tools for rule authors: the finite domain, check, diff, test cases and coverage."""
