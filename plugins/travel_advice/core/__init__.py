"""The core: the advisory model, its words in both languages, YAML reading and validation. No MkDocs."""
