"""The work of each `bulletin` subcommand, one module each, named after it. Nothing here reads
options or prints: the command line's definitions are all in bulletin.cli."""
