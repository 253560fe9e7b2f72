"""Glossary pages of one script, the mention links in the texts, and `site/data/glossary.json`.

In: the glossary, one script's edition and its mentions. Out: `docs/<script>/glossary/` (an index
with people grouped by side, treaties and conferences by date and the timeline; a page per entry
with its facts, relations and every mention as a keyword-in-context line linking to the paragraph
or note anchor, grouped by text and chapter) and the links placed in the texts. Links: the first
mention of each entry in a paragraph or note is linked (every mention is exported); linking each
of the 170 mentions of 蔣中正 in a chapter would make the text hard to read.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup

from edition.core.encode import html_attribute, html_text
from edition.core.inputs import SIDES, Entry, Glossary
from edition.core.languages import CYRILLIC_LETTER
from edition.core.model import Mention, ScriptEdition
from edition.exports.citation import Work
from edition.site.escape import lang_html
from edition.site.pages import page_meta, places
from edition.site.strings import environment
from edition.site.timeline import timeline_html

CONTEXT = 14  # characters shown either side of a mention


def first_links(mentions: list[Mention], glossary: Glossary, script: str, base: str) -> dict:
    """{(text, paragraph index or None, note number or None): [(offset, length, href, title)]}."""
    links: dict = defaultdict(list)
    seen = set()
    for m in mentions:
        unit = (m.text, m.paragraph, m.note)
        if (unit, m.entry) in seen:
            continue
        seen.add((unit, m.entry))
        entry = glossary.entries[m.entry]
        links[unit].append((m.offset, m.length, f"{base}glossary/{m.entry}/", entry.names[script]))
    return links


def timeline(glossary: Glossary, script: str, base: str, strings: dict) -> Markup:
    events = [{"date": e.data["date"], "label": e.names[script], "href": f"{base}glossary/{e.id}/", "group": e.group}
              for e in glossary.entries.values() if e.group in ("treaty", "conference")]
    return Markup(timeline_html(events, strings))


def render_glossary(glossary: Glossary, edition: ScriptEdition, mentions: list[Mention], templates, docs,
                    strings: dict, works: dict[str, Work]) -> dict[str, dict]:
    """Write the glossary's pages of one script into `docs/glossary/`; return each page's meta."""
    env = environment(templates)
    script = edition.script
    by_entry: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_entry[m.entry].append(m)
    folder = docs / "glossary"
    folder.mkdir(parents=True, exist_ok=True)
    texts = {t.source.id: t for t in edition.texts}
    used = forms_used(mentions, texts)
    where = {text_id: places(text, strings, works[text_id]) for text_id, text in texts.items()}
    meta: dict[str, dict] = {}
    for entry in glossary.entries.values():
        page = env.get_template("glossary_entry.md.j2").render(
            name=entry.names[script], strings=strings,
            facts=_facts(entry, script, used.get(entry.id, {}), texts, strings),
            description=entry.data["description"][script],
            relations=_relations(entry, glossary, script, strings),
            groups=_groups(by_entry[entry.id], texts, where, strings),
            both_texts=len({m.text for m in by_entry[entry.id]}) > 1)
        (folder / f"{entry.id}.md").write_text(page, encoding="utf-8")
        meta[f"glossary/{entry.id}.md"] = page_meta(entry.names[script])
    totals = Counter(m.entry for m in mentions)

    def row(e: Entry) -> dict:
        return {"id": e.id, "name": e.names[script], "en": e.data.get("en", ""), "total": totals[e.id],
                "date": str(e.data.get("date", ""))}

    def dated(group: str) -> list[dict]:
        return sorted((row(e) for e in glossary.entries.values() if e.group == group), key=lambda r: r["date"])

    people = [e for e in glossary.entries.values() if e.group == "person"]
    sides = [(strings[f"side_{side}"], [row(e) for e in sorted(people, key=lambda e: -totals[e.id]) if e.kind == side])
             for side in SIDES]
    index = env.get_template("glossary_index.md.j2").render(
        strings=strings, sides=[s for s in sides if s[1]], treaties=dated("treaty"), conferences=dated("conference"),
        timeline=timeline(glossary, script, "../", strings))
    (folder / "index.md").write_text(index, encoding="utf-8")
    meta["glossary/index.md"] = page_meta(strings["glossary"])
    return meta


def forms_used(mentions: list[Mention], texts: dict) -> dict[str, dict[str, Counter]]:
    """{entry: {form: {text: count}}}: the forms as they stand in this script's texts, so a
    declared form that no text uses is never claimed."""
    # (text, paragraph anchor or None, note number or None) -> the unit's text, as a Mention names it
    units: dict[tuple[str, str | None, int | None], str] = {
        (t.source.id, p.anchor, None): p.text for t in texts.values() for p in t.paragraphs}
    units |= {(t.source.id, None, n.number): n.text for t in texts.values() for n in t.notes}
    used: dict = defaultdict(lambda: defaultdict(Counter))
    for m in mentions:
        used[m.entry][units[(m.text, m.paragraph, m.note)][m.offset:m.offset + m.length]][m.text] += 1
    return used


def _facts(entry, script: str, used: dict[str, Counter], texts: dict, strings: dict) -> list[tuple[str, Markup]]:
    """The entry's table: each value escaped here and built as HTML (a form list, a lang span)."""
    data = entry.data

    kinds = Counter(text.source.work.type for text in texts.values())

    def label(t: str) -> str:
        """A text by its kind (學位論文) where no other text is of that kind, else by its title."""
        work = texts[t].source.work
        return strings.get(f"text_{work.declared}", texts[t].source.title) if kinds[work.type] == 1 \
            else texts[t].source.title

    forms = [f"{html_text(form)}（" + "，".join(f"{html_text(label(t))} {n}" for t, n in sorted(counts.items()))
             + "）" for form, counts in sorted(used.items(), key=lambda item: (-sum(item[1].values()), item[0]))]
    facts = [(strings["forms"], "、".join(forms) or "—")]
    facts.append((strings["english_name"], f'<span lang="en">{html_text(data.get("en", ""))}</span>'))
    if data.get("romanized"):
        lang = "ru" if CYRILLIC_LETTER.search(data["romanized"]) else "zh-Latn"   # a Russian's name, or pinyin
        facts.append((strings["romanized"], f'<span lang="{lang}">{html_text(data["romanized"])}</span>'))
    if data.get("dates"):
        facts.append((strings["dates"], html_text(data["dates"])))
    if data.get("date"):
        facts.append((strings["date_signed"], html_text(str(data["date"]))))
    for key in ("place", "parties"):
        if data.get(key):
            facts.append((strings[key], html_text(data[key][script])))
    if data.get("wikidata"):
        qid = data["wikidata"]
        facts.append((strings["wikidata"],
                      f'<a href="https://www.wikidata.org/wiki/{html_attribute(qid)}">{html_text(qid)}</a>'))
    return [(term, Markup(value)) for term, value in facts]


def _relations(entry, glossary: Glossary, script: str, strings: dict) -> list:
    return [(strings[f"rel_{relation}"], [{"id": other, "name": glossary.entries[other].names[script]}
                                          for other in others if other in glossary.entries])
            for relation, others in (entry.data.get("relations") or {}).items()]


def _groups(mentions: list[Mention], texts: dict, where: dict, strings: dict) -> list[dict]:
    groups = []
    for text_id, text in texts.items():
        mine = [m for m in mentions if m.text == text_id]
        if not mine:
            continue
        chapters = []
        for chapter in text.chapters:
            lines = [_kwic(m, text, chapter, where[text_id], strings) for m in mine if m.chapter == chapter.id]
            seen: Counter = Counter()
            for line in lines:    # an id per line, the same in both scripts: the switch keeps the place
                unit = line["href"].rsplit("#", 1)[1]
                seen[unit] += 1
                line["id"] = f"at-{text_id}-{unit}-{seen[unit]}"
            if lines:
                title = chapter.heading if chapter.id != "front" else text.source.title
                chapters.append({"title": title, "lines": lines})
        groups.append({"id": f"in-{text_id}", "title": text.source.title, "count": len(mine), "chapters": chapters})
    return groups


def _kwic(m: Mention, text, chapter, where: dict, strings: dict) -> dict:
    """A keyword-in-context line; its link is named as a reader finds the place (第二章第28段, 注12)."""
    page = f"../../{text.source.id}/" + ("" if chapter.id == "front" else f"{chapter.id}/")
    if m.paragraph is not None:
        unit, anchor = next(p.text for p in text.paragraphs if p.anchor == m.paragraph), m.paragraph
    else:
        unit, anchor = next(n.text for n in text.notes if n.number == m.note), f"n{m.note}"
    before = unit[max(0, m.offset - CONTEXT):m.offset]
    after = unit[m.offset + m.length:m.offset + m.length + CONTEXT]
    place = where[anchor][0]
    return {"href": f"{page}#{anchor}", "anchor": place, "before": lang_html(before),
            "term": lang_html(unit[m.offset:m.offset + m.length]), "after": lang_html(after)}
