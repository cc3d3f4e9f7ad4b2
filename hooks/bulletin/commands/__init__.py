"""One module per `bulletin` subcommand, named after it; ``bulletin/cli.py`` only reads the
arguments and prints."""
