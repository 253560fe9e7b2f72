"""Characters no printed page shows, named once for every layer: the text layer removes them from a
raw text (each removal audited: `edition.text.repairs.remove_control_characters`), the sources
layer refuses them in the editors' YAML values, at their line.

`INVISIBLE`: C0 controls but the tab and the line feed, DEL and the C1 controls, the soft hyphen,
the grapheme joiner, zero-width spaces and joiners, direction marks, bidi embeddings, overrides and
isolates, the line and paragraph separators, invisible operators, a BOM (U+FEFF) inside the text,
noncharacters (U+FDD0-FDEF, U+FFFE, U+FFFF), the invisible tag characters (U+E0000-E007F) and lone
surrogates (which no UTF-8 file holds, but a YAML escape can make).
"""
from __future__ import annotations

import re

INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f\u2028\u2029"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
                       "\U000e0000-\U000e007f]")
