"""The only reader of `sources/`: the declared schemas, the YAML reader that keeps line numbers, the
loader that turns every file into frozen `core.inputs` objects (all problems at once, with
file:line), the anchor ledger's file format, the site address of `mkdocs.yml`.

May import: `edition.core`.
"""
