/* The edition's search dialog, in Material's search box (templates/overrides/partials/search.html);
   the matching is in templates/assets/search-index.js (window.edSearch), loaded before this file.
   Glossary entries named by the query are offered first; partial matches, when nothing holds the
   whole query, stand under their own heading. Texts from the index are always set as text, never
   HTML. The count is announced (role=status), Esc closes, the query is kept in the URL (?q=). */
(function () {
  "use strict";

  var engine = window.edSearch;
  var ROOT = engine.root;
  var foldChar = engine.foldChar;
  var passage = engine.passage;
  var PAGE = 20;
  var FIRST = 3;      // passages drawn before the rest of the first page has arrived
  var manifest = null;
  var latest = 0;
  var shown = null;    // the current answer: {query, hits, partial, entries, limit}
  var drawn = null;    // what the list shows, once drawn whole: {answer, count, sequence}

  function loadManifest() {
    return engine.loadManifest().then(function (data) {
      manifest = data;
      return data;
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

  /* The filter's choices: every text (value: its id), and under it its chapters (value: `c<index>`). */
  function inChoice(doc, choice) {
    if (!choice) {
      return true;
    }
    if (choice.charAt(0) === "c") {
      return manifest.chapters.indexOf(engine.chapterOf(doc)) === Number(choice.slice(1));
    }
    return textOf(doc).id === choice;
  }

  /* Each choice says how many passages it holds; a chapter without any is not offered. */
  function countPerChoice() {
    Array.from(el("[data-ed-search-filter]").options).forEach(function (option) {
      var count = shown.hits.filter(function (doc) { return inChoice(doc, option.value); }).length;
      option.textContent = option.dataset.label + "（" + count + "）";
      option.hidden = option.value.charAt(0) === "c" && !count;
    });
  }

  function filtered() {
    var choice = el("[data-ed-search-filter]").value;
    return shown.hits.filter(function (doc) { return inChoice(doc, choice); });
  }

  /* Which characters of `chars` hold one of the (folded) `forms`. */
  function markedChars(chars, forms) {
    var foldedChars = chars.map(foldChar);
    var marked = new Array(chars.length).fill(false);
    forms.forEach(function (form) {
      var length = Array.from(form).length;
      for (var at = 0; at + length <= foldedChars.length; at++) {
        if (foldedChars.slice(at, at + length).join("") === form) {
          marked.fill(true, at, at + length);
        }
      }
    });
    return marked;
  }

  /* The strings of a passage that matched, as the page writes them: what the opened page marks. */
  function matchedStrings(text, forms) {
    var chars = Array.from(text);
    var marked = markedChars(chars, forms);
    var found = new Set();
    for (var i = 0; i < chars.length;) {
      var j = i;
      while (j < chars.length && marked[j] === marked[i]) {
        j++;
      }
      if (marked[i]) {
        found.add(chars.slice(i, j).join(""));
      }
      i = j;
    }
    return Array.from(found);
  }

  function snippet(text, forms) {
    var chars = Array.from(text);
    var marked = markedChars(chars, forms);
    var first = marked.indexOf(true);
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
    var target = new URL(chapter.u + "#" + record[1], ROOT);
    matchedStrings(record[3], shown.forms).forEach(function (found) { target.searchParams.append("h", found); });
    link.href = target.href;
    var article = node("article", "md-search-result__article md-typeset");
    var where = [text.title, chapter.l].filter(Boolean).join(" · ");
    article.append(node("h1", "ed-hit-chapter", where));
    article.append(snippet(record[3], shown.forms));
    var place = [];
    if (record[2]) {
      place.push(say(text.page || strings.page, {page: record[2]}));   // 本文第3页（非期刊页码） for the article
    }
    place.push(record[4]);                       // 第一章第26段, 注12: as the entry pages name it
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
     whole first page ("more" appends: appendPage). */
  function render(sequence) {
    var hits = filtered();
    var visible = hits.slice(0, shown.limit);
    countPerChoice();
    var first = shown.limit === PAGE ? visible.slice(0, FIRST) : visible;
    return draw(sequence, hits, first, first.length === visible.length).then(function () {
      return first.length === visible.length ? null : draw(sequence, hits, visible, true);
    });
  }

  /* "more": the next page of passages added after those shown, which stay as they are (a reader's
     place, and the list's nodes, are kept); the keyboard's focus, if it was on the button, moves to
     the first passage added. */
  function appendPage(sequence, from, pressed) {
    var answer = shown;
    var hits = filtered();
    var added = hits.slice(from, answer.limit);
    return Promise.all(added.map(passage)).then(function (records) {
      if (sequence !== latest) {
        return;
      }
      var list = el("[data-ed-search-list]");
      var focused = pressed.contains(document.activeElement);   // still on the button it pressed
      var items = records.map(function (record, i) {
        return hitItem(added[i], record);
      });
      if (hits.length > answer.limit) {
        items.push(moreItem(hits.length - answer.limit));
      }
      list.querySelectorAll(".ed-search-more").forEach(function (item) {
        item.remove();
      });
      list.append.apply(list, items);
      drawn = {answer: answer, count: from + added.length, sequence: sequence};
      var firstLink = items.length && items[0].querySelector("a");
      if (focused && firstLink) {
        firstLink.focus();
      }
      el("[data-ed-search-result]").dataset.edDone = answer.query;
    });
  }

  function moreItem(remaining) {
    var more = node("li", "md-search-result__item ed-search-more");
    var button = node("button", "md-button", say(manifest.strings.more, {n: remaining}));
    button.type = "button";
    button.dataset.edSearchMore = "";
    more.append(button);
    return more;
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
      if (shown.suggestion) {                  // one character off a glossary name: offer the name
        var offer = node("li", "ed-search-suggest");
        var line = node("p", "", strings.suggest);
        var button = node("button", "", shown.suggestion);
        button.type = "button";
        button.dataset.edSearchSuggest = shown.suggestion;
        line.append(button);
        offer.append(line);
        items.unshift(offer);
      }
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
        items.push(moreItem(hits.length - visible.length));
      }
      list.replaceChildren.apply(list, items);
      var result = el("[data-ed-search-result]");
      result.dataset.edFirst = shown.query;
      if (final) {
        drawn = {answer: shown, count: visible.length, sequence: sequence};
        result.dataset.edDone = shown.query;
      }
    });
  }

  function option(label, value, depth) {
    var made = new Option(label, value);
    made.dataset.label = "\u3000".repeat(depth) + label;      // a chapter stands indented under its text
    return made;
  }

  function fillFilter() {
    var select = el("[data-ed-search-filter]");
    if (select.options.length) {
      return;
    }
    select.setAttribute("aria-label", manifest.strings.filter);
    select.append(option(manifest.strings.all, "", 0));
    manifest.texts.forEach(function (text, t) {
      select.append(option(text.title, text.id, 0));
      manifest.chapters.forEach(function (chapter, c) {
        if (chapter.t === t && chapter.l) {
          select.append(option(chapter.l, "c" + c, 1));
        }
      });
    });
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
      return engine.search(query).then(function (answer) {
        if (sequence !== latest) {
          return null;
        }
        shown = answer && Object.assign(answer, {limit: PAGE});
        el("[data-ed-search-filter]").value = "";      // a new query: a chapter chosen before may hold none of it
        el(".ed-search-filter").hidden = !shown || !shown.hits.length;
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
    return Array.from(document.querySelectorAll("[data-ed-search-suggest], [data-ed-search-list] a, [data-ed-search-more]"));
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
    var suggested = event.target.closest("[data-ed-search-suggest]");
    if (suggested) {
      var input = el("[data-ed-search-query]");
      input.value = suggested.dataset.edSearchSuggest;
      input.focus();
      run(input.value);
    } else if (more && shown) {
      // The list shows the current answer whole and nothing is being drawn: add the next page after
      // it. Otherwise (a page still loading, a new query or filter not drawn yet) draw it afresh.
      var settled = drawn && drawn.answer === shown && drawn.sequence === latest;
      if (settled) {
        shown.limit = drawn.count + PAGE;
        appendPage(++latest, drawn.count, more);
      } else {
        shown.limit += PAGE;
        render(++latest);
      }
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

  /* ---- the page a result opens: its matches marked (?h=, one per string) and brought into view ---- */

  var APPARATUS = ".ed-nref, .ed-page, .ed-pilcrow, .footnote-ref, .footnote-backref, mark";

  /* The text nodes of `root` a reader reads (not note numbers, page markers or pilcrows). */
  function readNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (text) {
        return text.parentElement.closest(APPARATUS) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var found = [];
    while (walker.nextNode()) {
      found.push(walker.currentNode);
    }
    return found;
  }

  /* Wraps every occurrence of `strings` in `root` in <mark>, across element boundaries (a name
     may be a glossary link inside a longer match); returns the first mark. */
  function markStrings(root, strings) {
    var nodes = readNodes(root);
    var whole = nodes.map(function (text) { return text.data; }).join("");
    var marked = new Array(whole.length).fill(false);
    strings.forEach(function (string) {
      for (var at = whole.indexOf(string); string && at >= 0; at = whole.indexOf(string, at + 1)) {
        marked.fill(true, at, at + string.length);
      }
    });
    var first = null;                                // the first mark in reading order
    var start = 0;
    nodes.forEach(function (text) {
      var end = start + text.data.length;
      var earliest = null;
      for (var i = end - 1; i >= start;) {         // from the node's end: earlier offsets stay valid
        if (!marked[i]) {
          i--;
          continue;
        }
        var j = i;
        while (j > start && marked[j - 1]) {
          j--;
        }
        var piece = text.splitText(j - start);
        piece.splitText(i + 1 - j);
        var mark = node("mark", "ed-found");
        piece.replaceWith(mark);
        mark.append(piece);
        earliest = mark;
        i = j - 1;
      }
      first = first || earliest;
      start = end;
    });
    return first;
  }

  function markFound() {
    var url = new URL(location.href);
    var strings = url.searchParams.getAll("h").filter(Boolean);
    var target = url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!strings.length || !target || target.dataset.edMarked) {
      return;
    }
    target.dataset.edMarked = "";
    var first = markStrings(target, strings);
    if (first) {            // after the browser's own jump to the anchor, which would move it again
      var bring = function () {     // the passage from its start when its first match shows with it
        var top = target.getBoundingClientRect().top;
        if (first.getBoundingClientRect().bottom - top < window.innerHeight * 0.7) {
          target.scrollIntoView({block: "start"});
        } else {
          first.scrollIntoView({block: "center"});
        }
      };
      if (document.readyState === "complete") {
        requestAnimationFrame(bring);
      } else {
        window.addEventListener("load", function () { requestAnimationFrame(bring); }, {once: true});
      }
    }
  }

  if (window.document$) {
    window.document$.subscribe(markFound);      // Material's instant navigation: every page it shows
  } else {
    markFound();
  }

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
