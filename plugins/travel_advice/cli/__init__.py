"""The editors' command line: check, new, import."""
