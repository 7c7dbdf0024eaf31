"""Lets ``python -m interview_recovery`` run the command line."""

from .cli import main

main()
