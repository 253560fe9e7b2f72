"""The pipeline over a text, stage by stage (design.md, "The pipeline"): layout, notes, paragraphs
and repairs, structure, corrections, anchors, conversion and its review, glossary mentions; and
`survey`, what those stages find in a text nobody has declared yet (for add-text).
Pure functions from typed input to typed output: no file is read or written here, and no HTML or
Markdown is made.

May import: `edition.sources` (for nothing but what it defines as data), `edition.core`.
"""
