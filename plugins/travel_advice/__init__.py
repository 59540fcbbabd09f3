"""Bilingual travel-advisory site generator: MkDocs plugins and the plain-Python core they use."""
