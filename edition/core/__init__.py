"""The vocabulary every layer shares: the types that cross stages (`model`: built texts, pages,
paragraphs, notes; `inputs`: the sources as loaded), the errors an editor can act on, the two
scripts, the recogniser of foreign-language runs, the guard on output paths.

Imports nothing else of the package.
"""
