"""The data exports of `site/data/`: one registry of formats (`formats.FORMATS`: JSON, TEI,
plain text) made from one exported dict per text and script, the citations (`citation`: GB/T
7714-2015 and Chicago strings for every citable part, with `romanize` for Chicago's pinyin), the
citation records per text, chapter and script (`records`: BibTeX, RIS, CSL-JSON) and the
glossary's JSON. One encoder per output format.

May import: `edition.text`, `edition.sources`, `edition.core`; never `edition.site` or `edition.checks`.
"""
