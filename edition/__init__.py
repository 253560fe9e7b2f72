"""A static scholarly-edition generator: plain text extracted from PDFs -> a cross-linked site in
both Chinese scripts, with data exports and an audit of every change.

The package is in layers; imports point down only (`lint-imports` checks the contract in
pyproject.toml):

    cli, serve, add_text  the commands (add_text: take a new text into sources/)
    build               the order of the stages (staging: publishing; workers: the script jobs)
    site                pages, navigation, audit pages, search index, MkDocs
    exports | checks    JSON, TEI, plain text, citations | conservation of the model and the output
    text                the pipeline over a text: pure functions, no files, no HTML
    sources             the only reader of sources/
    core                the types that cross stages, errors, the scripts, foreign-language runs
"""
