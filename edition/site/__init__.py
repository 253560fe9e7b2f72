"""Everything that makes the site: text escaped for every page (`escape`), the reading pages
(`pages`, `inline`), navigation and landing page, audit pages, glossary pages and timeline, the
cite boxes and downloads, the search index, the interface strings and MkDocs' build and hook.

May import: `edition.exports`, `edition.checks`, `edition.text`, `edition.sources`, `edition.core`.
"""
