"""The command line's subcommands."""
