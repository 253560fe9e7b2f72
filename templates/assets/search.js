/* The edition's search, in Material's search dialog (templates/overrides/partials/search.html).

   The index is written by edition/search.py (its docstring describes the files). A query is split
   into terms at every character that is not a letter or digit; each term is folded (both scripts to
   one form, Latin lowercased) and matched as a whole string through the positions of its bigrams;
   a passage must contain every term. A term that is a glossary form also finds that entry's other
   forms, and the entry is offered first. Only when nothing contains the whole query are partial
   matches shown, under their own heading. Texts from the index are always set as text, never HTML. */
(function () {
  "use strict";

  var ROOT = new URL("../", document.currentScript.src);   // this script is <root>/assets/search.js
  var INDEX = new URL("search/", ROOT);
  var PAGE = 20;
  var FIRST = 3;      // passages drawn before the rest of the first page has arrived
  var files = {};
  var manifest = null;
  var fold = {};
  var latest = 0;
  var shown = null;    // the current answer: {query, hits, partial, entries, limit}

  function fetchJSON(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(path, INDEX)).then(function (response) {
        if (!response.ok) {
          throw new Error(path + ": " + response.status);
        }
        return response.json();
      });
    }
    return files[path];
  }

  function loadManifest() {
    return fetchJSON("manifest.json").then(function (data) {
      if (!manifest) {
        manifest = data;
        var pairs = Array.from(data.fold);
        for (var i = 0; i < pairs.length; i += 2) {
          fold[pairs[i]] = pairs[i + 1];
        }
      }
      return manifest;
    });
  }

  function foldChar(char) {
    var lower = char.toLowerCase();
    if (Array.from(lower).length === 1) {
      char = lower;
    }
    return fold[char] || char;
  }

  function fnv1a(key) {
    var hash = 0x811c9dc5;
    for (var char of key) {
      hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
    }
    return hash;
  }

  function bucket(key) {
    return fetchJSON("b/" + (fnv1a(key) % manifest.buckets) + ".json");
  }

  /* Postings of a bigram: Map doc -> Set of offsets; of a character: Map doc -> null. */
  function postings(key) {
    return bucket(key).then(function (shard) {
      var codes = shard.b[key] || [];
      var found = new Map();
      var doc = 0;
      for (var i = 0; i < codes.length;) {
        doc += codes[i++];
        if (Array.from(key).length === 1) {
          found.set(doc, null);
          continue;
        }
        var count = codes[i++];
        var offsets = new Set();
        var offset = 0;
        for (var k = 0; k < count; k++) {
          offset = k === 0 ? codes[i++] : offset + codes[i++];
          offsets.add(offset);
        }
        found.set(doc, offsets);
      }
      return found;
    });
  }

  function bigrams(chars) {
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      keys.push(chars[i] + chars[i + 1]);
    }
    return keys;
  }

  /* Docs containing `chars` (folded) as a whole string. */
  function phraseDocs(chars) {
    var keys = chars.length === 1 ? chars : bigrams(chars);
    return Promise.all(keys.map(postings)).then(function (lists) {
      var docs = new Set();
      lists[0].forEach(function (offsets, doc) {
        if (chars.length === 1) {
          docs.add(doc);
          return;
        }
        for (var start of offsets) {
          var whole = lists.every(function (list, i) {
            var other = list.get(doc);
            return other && other.has(start + i);
          });
          if (whole) {
            docs.add(doc);
            return;
          }
        }
      });
      return docs;
    });
  }

  /* A term's other forms, from the glossary's synonym groups found at each of its bigrams. */
  function synonyms(chars) {
    var keys = bigrams(chars);
    return Promise.all(keys.map(bucket)).then(function (shards) {
      var forms = new Set([chars.join("")]);
      var entries = [];
      shards.forEach(function (shard, i) {
        (shard.s[keys[i]] || []).forEach(function (group) {
          group.m.forEach(function (member) {
            var memberChars = Array.from(member);
            if (chars.slice(i, i + memberChars.length).join("") !== member) {
              return;
            }
            if (i === 0 && memberChars.length === chars.length) {
              entries = entries.concat(group.e);
            }
            group.m.forEach(function (other) {
              forms.add(chars.slice(0, i).join("") + other + chars.slice(i + memberChars.length).join(""));
            });
          });
        });
      });
      return {forms: Array.from(forms), entries: entries};
    });
  }

  function terms(query) {
    return query.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (term) {
      return Array.from(term).map(foldChar);
    });
  }

  /* Every term in every doc, each term through any of its forms; and the entries named. */
  function exactMatches(queryTerms) {
    return Promise.all(queryTerms.map(function (chars) {
      return synonyms(chars).then(function (found) {
        return Promise.all(found.forms.map(function (form) {
          return phraseDocs(Array.from(form));
        })).then(function (sets) {
          var docs = new Set();
          sets.forEach(function (set) {
            set.forEach(function (doc) { docs.add(doc); });
          });
          return {forms: found.forms, entries: found.entries, docs: docs, typed: sets[0]};
        });
      });
    })).then(function (perTerm) {
      // Passages with the forms as typed come first, then those with other forms; each in reading order.
      function other(doc) {
        return perTerm.every(function (term) { return term.typed.has(doc); }) ? 0 : 1;
      }
      var docs = Array.from(perTerm[0].docs).filter(function (doc) {
        return perTerm.every(function (term) { return term.docs.has(doc); });
      }).sort(function (a, b) { return other(a) - other(b) || a - b; });
      var entries = [];
      var seen = new Set();
      perTerm.forEach(function (term) {
        term.entries.forEach(function (entry) {
          if (!seen.has(entry[1])) {
            seen.add(entry[1]);
            entries.push(entry);
          }
        });
      });
      var forms = perTerm.map(function (term) { return term.forms; });
      return {docs: docs, entries: entries, forms: [].concat.apply([], forms)};
    });
  }

  /* Nothing holds the whole query: passages holding most of its pieces (bigrams of long terms,
     characters of two-character terms), best first. */
  function partialMatches(queryTerms) {
    var units = [];
    queryTerms.forEach(function (chars) {
      units = units.concat(chars.length > 2 ? bigrams(chars) : chars);
    });
    units = Array.from(new Set(units));
    var needed = units.length <= 2 ? units.length : Math.ceil(units.length / 2);
    return Promise.all(units.map(function (unit) {
      return postings(unit);
    })).then(function (lists) {
      var score = new Map();
      lists.forEach(function (list) {
        list.forEach(function (offsets, doc) { score.set(doc, (score.get(doc) || 0) + 1); });
      });
      var docs = Array.from(score.keys()).filter(function (doc) { return score.get(doc) >= needed; });
      docs.sort(function (a, b) { return score.get(b) - score.get(a) || a - b; });
      return {docs: docs, forms: units};
    });
  }

  function search(query) {
    var queryTerms = terms(query);
    if (!queryTerms.length) {
      return Promise.resolve(null);
    }
    return exactMatches(queryTerms).then(function (exact) {
      if (exact.docs.length) {
        return {query: query, hits: exact.docs, forms: exact.forms, entries: exact.entries, partial: false};
      }
      return partialMatches(queryTerms).then(function (partial) {
        return {query: query, hits: partial.docs, forms: partial.forms, entries: exact.entries, partial: true};
      });
    });
  }

  /* ---- the dialog ---- */

  function el(selector) {
    return document.querySelector(selector);
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function node(tag, className, text) {
    var made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text !== undefined) {
      made.textContent = text;
    }
    return made;
  }

  function textOf(doc) {
    return manifest.texts.find(function (text) { return doc >= text.first && doc < text.end; });
  }

  function countPerText() {
    var select = el("[data-ed-search-filter]");
    Array.from(select.options).forEach(function (option, i) {
      var count = i === 0 ? shown.hits.length : shown.hits.filter(function (doc) {
        return textOf(doc).id === option.value;
      }).length;
      option.textContent = (i === 0 ? manifest.strings.all : manifest.texts[i - 1].title) + "（" + count + "）";
    });
  }

  function filtered() {
    var choice = el("[data-ed-search-filter]").value;
    return shown.hits.filter(function (doc) { return !choice || textOf(doc).id === choice; });
  }

  function passage(doc) {
    return fetchJSON("d/" + Math.floor(doc / manifest.chunk) + ".json").then(function (chunk) {
      return chunk[doc % manifest.chunk];
    });
  }

  /* The passage around its first match, with every match of any form marked. */
  function snippet(text, forms) {
    var chars = Array.from(text);
    var folded = chars.map(foldChar).join("");
    var foldedChars = Array.from(folded);
    var marked = new Array(chars.length).fill(false);
    var first = -1;
    forms.forEach(function (form) {
      var length = Array.from(form).length;
      for (var at = 0; at + length <= foldedChars.length; at++) {
        if (foldedChars.slice(at, at + length).join("") === form) {
          for (var k = at; k < at + length; k++) {
            marked[k] = true;
          }
          first = first < 0 ? at : Math.min(first, at);
        }
      }
    });
    var start = Math.max(0, first - 40);
    var end = Math.min(chars.length, Math.max(first, 0) + 110);
    var paragraph = node("p", "ed-hit-text");
    if (start > 0) {
      paragraph.append("…");
    }
    for (var i = start; i < end;) {
      var j = i;
      while (j < end && marked[j] === marked[i]) {
        j++;
      }
      var piece = chars.slice(i, j).join("");
      paragraph.append(marked[i] ? node("mark", "", piece) : piece);
      i = j;
    }
    if (end < chars.length) {
      paragraph.append("…");
    }
    return paragraph;
  }

  function hitItem(doc, record) {
    var strings = manifest.strings;
    var chapter = manifest.chapters[record[0]];
    var text = manifest.texts[chapter.t];
    var link = node("a", "md-search-result__link");
    link.href = new URL(chapter.u + "#" + record[1], ROOT).href;
    var article = node("article", "md-search-result__article md-typeset");
    var where = [text.title, chapter.l].filter(Boolean).join(" · ");
    article.append(node("h1", "ed-hit-chapter", where));
    article.append(snippet(record[3], shown.forms));
    var place = [];
    if (record[2]) {
      place.push(say(strings.page, {page: record[2]}));
    }
    place.push(record[1].charAt(0) === "n" ? say(strings.note, {n: record[1].slice(1)}) : "¶ " + record[1]);
    article.append(node("p", "ed-hit-place", place.join(" · ")));
    link.append(article);
    var item = node("li", "md-search-result__item");
    item.dataset.doc = doc;
    item.append(link);
    return item;
  }

  function entryItem(entry) {
    var link = node("a", "md-search-result__link");
    link.href = new URL(entry[1], ROOT).href;
    var article = node("article", "md-search-result__article md-typeset");
    article.append(node("h1", "ed-hit-entry", entry[0]));
    article.append(node("p", "ed-hit-place", manifest.strings.entry));
    link.append(article);
    var item = node("li", "md-search-result__item ed-hit-entry-item");
    item.append(link);
    return item;
  }

  /* A fresh answer is drawn twice: its first few passages as soon as their chunks arrive, then the
     whole first page; "more" appends without the first step. */
  function render(sequence) {
    var hits = filtered();
    var visible = hits.slice(0, shown.limit);
    countPerText();
    var first = shown.limit === PAGE ? visible.slice(0, FIRST) : visible;
    return draw(sequence, hits, first, first.length === visible.length).then(function () {
      return first.length === visible.length ? null : draw(sequence, hits, visible, true);
    });
  }

  function draw(sequence, hits, visible, final) {
    var strings = manifest.strings;
    return Promise.all(visible.map(passage)).then(function (records) {
      if (sequence !== latest) {
        return;
      }
      var list = el("[data-ed-search-list]");
      var meta = el("[data-ed-search-meta]");
      var items = shown.entries.map(entryItem);
      var count = say(strings.count, {n: hits.length});
      if (shown.partial) {
        count = say(strings.none, {q: shown.query}) + (hits.length ? " " + say(strings.partial_count, {n: hits.length}) : "");
        if (hits.length) {
          var heading = node("li", "ed-search-heading");
          heading.append(node("h2", "", strings.partial));
          items.push(heading);
        }
      }
      if (meta.textContent !== count) {      // announced once, not again when the page completes
        meta.textContent = count;
      }
      records.forEach(function (record, i) {
        items.push(hitItem(visible[i], record));
      });
      if (final && hits.length > visible.length) {
        var more = node("li", "md-search-result__item ed-search-more");
        var button = node("button", "md-button", say(strings.more, {n: hits.length - visible.length}));
        button.type = "button";
        button.dataset.edSearchMore = "";
        more.append(button);
        items.push(more);
      }
      list.replaceChildren.apply(list, items);
      var result = el("[data-ed-search-result]");
      result.dataset.edFirst = shown.query;
      if (final) {
        result.dataset.edDone = shown.query;
      }
    });
  }

  function fillFilter() {
    var select = el("[data-ed-search-filter]");
    if (select.options.length) {
      return;
    }
    select.setAttribute("aria-label", manifest.strings.filter);
    select.append(new Option(manifest.strings.all, ""));
    manifest.texts.forEach(function (text) { select.append(new Option(text.title, text.id)); });
  }

  function keepInUrl(query) {
    var url = new URL(location.href);
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    history.replaceState(history.state, "", url.href);
  }

  function run(query) {
    var sequence = ++latest;
    query = query.trim();
    keepInUrl(query);
    var result = el("[data-ed-search-result]");
    delete result.dataset.edDone;
    delete result.dataset.edFirst;
    return loadManifest().then(function () {
      fillFilter();
      if (!query) {
        el("[data-ed-search-meta]").textContent = manifest.strings.prompt;
        el("[data-ed-search-list]").replaceChildren();
        el(".ed-search-filter").hidden = true;
        return null;
      }
      return search(query).then(function (answer) {
        if (sequence !== latest) {
          return null;
        }
        shown = answer && Object.assign(answer, {limit: PAGE});
        el(".ed-search-filter").hidden = !shown || manifest.texts.length < 2;
        return shown ? render(sequence) : null;
      });
    }).catch(function (error) {
      el("[data-ed-search-meta]").textContent = (manifest ? manifest.strings.error : "") + " " + error.message;
    });
  }

  function open() {
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    loadManifest().then(function () {
      var meta = el("[data-ed-search-meta]");
      if (!meta.textContent) {
        meta.textContent = manifest.strings.prompt;
      }
      el("[data-ed-search-result]").dataset.edReady = "";
    });
  }

  function close() {
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    var input = el("[data-ed-search-query]");
    if (input) {
      input.blur();
    }
    keepInUrl("");
  }

  function links() {
    return Array.from(document.querySelectorAll("[data-ed-search-list] a, [data-ed-search-more]"));
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-ed-search-query]") && !event.isComposing) {
      run(event.target.value);
    }
  });
  document.addEventListener("compositionend", function (event) {
    if (event.target.matches("[data-ed-search-query]")) {
      run(event.target.value);
    }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-ed-search-query]")) {
      open();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && !event.target.checked) {
      keepInUrl("");   // closed by the overlay or the back arrow
    } else if (event.target.matches("[data-ed-search-filter]") && shown) {
      shown.limit = PAGE;
      render(++latest);
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[name=ed-search]")) {
      event.preventDefault();
      var first = links()[0];
      if (first) {
        first.focus();
      }
    }
  });
  document.addEventListener("reset", function (event) {
    if (event.target.matches("form[name=ed-search]")) {
      setTimeout(function () { run(""); el("[data-ed-search-query]").focus(); });
    }
  });
  document.addEventListener("click", function (event) {
    var more = event.target.closest("[data-ed-search-more]");
    if (more && shown) {
      shown.limit += PAGE;
      render(++latest);
    } else if (event.target.closest("[data-ed-search-list] a")) {
      close();
    }
  });
  document.addEventListener("keydown", function (event) {
    var toggle = document.getElementById("__search");
    var input = el("[data-ed-search-query]");
    if (!toggle || !input) {
      return;
    }
    if (toggle.checked) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var all = [input].concat(links());
        var at = all.indexOf(document.activeElement);
        var next = all[Math.max(0, Math.min(all.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
        if (next && at >= 0) {
          event.preventDefault();
          next.focus();
        }
      }
    } else if ((event.key === "/" || event.key === "s" || event.key === "f") &&
               !event.target.closest("input, textarea, select, [contenteditable]") &&
               !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  /* A shared link with ?q= opens the search with its query. */
  var shared = new URL(location.href).searchParams.get("q");
  if (shared) {
    var input = el("[data-ed-search-query]");
    if (input) {
      input.value = shared;
      open();
      run(shared);
    }
  }
})();
