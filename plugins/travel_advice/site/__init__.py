"""The site of one language built from plain values: pages, feeds, map, search index and open data. No MkDocs."""
