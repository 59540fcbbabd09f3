"""The MkDocs plugin, its config, and every seam with MkDocs, Material and mkdocs-static-i18n."""
