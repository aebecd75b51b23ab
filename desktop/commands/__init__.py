"""Subcommands of the ``steppe`` command line; see ``desktop.cli``."""
