from pathlib import Path

import pytest

from edition.build import build_text, load_glyphs
from edition.load import load

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def config():
    return load(SOURCES)


@pytest.fixture(scope="session")
def built(config):
    glyphs = load_glyphs(SOURCES)
    return {source.id: build_text(source, glyphs.get(source.id, {})) for source in config.texts}
