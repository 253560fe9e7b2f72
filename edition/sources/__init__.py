"""The only reader of `sources/`: the declared schemas, the YAML reader that keeps line numbers, the
loader that turns every file into frozen `core.inputs` objects (all problems at once, with
file:line), the anchor ledger's file format, the site address of `mkdocs.yml`; and `new_text`,
the one writer of editor-owned files: a new text's byte copy and its entry in `edition.yml`.

May import: `edition.core`.
"""
