"""The data exports of `site/data/`: one registry of formats (`formats.FORMATS`: JSON, TEI,
plain text) made from one exported dict per text and script, the citation files (BibTeX, RIS,
CSL-JSON) and the glossary's JSON. One encoder per output format.

May import: `edition.text`, `edition.sources`, `edition.core`; never `edition.site` or `edition.checks`.
"""
