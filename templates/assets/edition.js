/* The script switch keeps the reader's place: it opens the same page in the other script at the
   current #anchor. It runs in the capture phase and stops the click there, before Material's
   alternate-language handler (which would map pages through the sitemap and drop the anchor). */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-ed-switch]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  window.location.assign(link.href.split("#")[0].split("?")[0] + window.location.search + edPlace());
}, true);

/* The place to keep: the #anchor of the address while its element is in view, else the first
   paragraph, heading or note in view (after scrolling away from the anchor, that is the place). */
function edPlace() {
  var hash = window.location.hash;
  var target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
  if (hash && (!target || edInView(target))) {
    return hash;
  }
  return edPlaceInView() || hash;
}

function edInView(element) {
  var box = element.getBoundingClientRect();
  return box.bottom > 64 && box.top < window.innerHeight;
}

/* The first paragraph, heading or note in view below the header: anchors are the same in both
   scripts. At the top of a page there is none to keep. */
function edPlaceInView() {
  if (window.scrollY < 10) {
    return "";
  }
  var header = document.querySelector(".md-header");
  var top = header ? header.getBoundingClientRect().bottom : 0;
  var units = document.querySelectorAll(".md-content [id^='p'].ed-p, .md-content h1[id], .md-content h2[id], "
                                        + ".md-content h3[id], .md-content .ed-notes li[id], .md-content .ed-kwic li[id]");
  for (var i = 0; i < units.length; i++) {
    var box = units[i].getBoundingClientRect();
    // the first unit that begins below the header, or that still fills more than two lines under it
    if (box.top >= top - 4 || box.bottom > top + 60) {
      return "#" + units[i].id;
    }
  }
  return "";
}

/* ¶ beside a paragraph: see cite.js (the paragraph's citations and the clipboard). */

/* A retired anchor (a paragraph merged or removed by a correction) lands on its successor, which
   may be on another page of the same text, and says that the passage was revised. */
function edShowRevised(old, target, data) {
  var paragraph = document.getElementById(target);
  if (!paragraph || document.querySelector(".ed-revised")) {
    return;
  }
  var notice = document.createElement("div");
  notice.className = "admonition info ed-revised";
  notice.textContent = data.dataset.notice.replace("{old}", "#" + old);
  paragraph.before(notice);
  paragraph.scrollIntoView();
}

function edFollowRetired() {
  var data = document.getElementById("ed-retired");
  var old = decodeURIComponent(window.location.hash.slice(1));
  if (data && old && !document.getElementById(old)) {
    var target = JSON.parse(data.dataset.map || "{}")[old];
    if (target) {
      var url = new URL(data.dataset.root + target, window.location.href);
      var id = url.hash.slice(1);
      if (url.pathname === window.location.pathname) {
        // same page: no navigation (instant navigation would re-render and drop the notice)
        history.replaceState(null, "", "#" + id);
        edShowRevised(old, id, data);
      } else {
        sessionStorage.setItem("ed-revised", JSON.stringify({old: old, target: id}));
        window.location.replace(url.href);
      }
      return;
    }
  }
  var revised = JSON.parse(sessionStorage.getItem("ed-revised") || "null");
  if (revised && data && window.location.hash === "#" + revised.target) {
    sessionStorage.removeItem("ed-revised");
    edShowRevised(revised.old, revised.target, data);
  }
}
window.addEventListener("hashchange", edFollowRetired);
if (window.document$) {
  window.document$.subscribe(edFollowRetired);
} else {
  document.addEventListener("DOMContentLoaded", edFollowRetired);
}

/* Inside running text, glossary mentions, page markers and emendations are not each a tab stop
   (a dozen Tabs crossed part of one paragraph): in each paragraph or note only the first is
   (a roving tabindex); the arrow keys, Home and End move among them. Note markers and the ¶ stay
   tab stops. Screen readers still list every link. */
var ED_ROVING = "a.ed-term, a.ed-page, .ed-emend";

function edRovingTabindex() {
  document.querySelectorAll(".ed-p, .ed-notes li").forEach(function (unit) {
    unit.querySelectorAll(ED_ROVING).forEach(function (item, index) {
      item.tabIndex = index === 0 ? 0 : -1;
    });
  });
}

document.addEventListener("keydown", function (event) {
  var item = event.target.closest && event.target.closest(ED_ROVING);
  var unit = item && item.closest(".ed-p, .ed-notes li");
  var step = {ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity}[event.key];
  if (!unit || step === undefined || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  var items = Array.prototype.slice.call(unit.querySelectorAll(ED_ROVING));
  var next = Math.max(0, Math.min(items.length - 1, items.indexOf(item) + step));
  event.preventDefault();
  item.tabIndex = -1;
  items[next].tabIndex = 0;
  items[next].focus();
});
if (window.document$) {
  window.document$.subscribe(edRovingTabindex);
} else {
  document.addEventListener("DOMContentLoaded", edRovingTabindex);
}

/* ---- Reading ---- */

/* A note beside its marker: hover (where there is a mouse) or a tap opens the note's text next to
   the marker, as a popover under its line, or on a phone as a sheet along the bottom edge; the page
   does not move. The sheet links to the note's place in the list; Escape, the close button or a
   tap elsewhere closes it. */
var edNotePop = null;
var edNoteTimer = 0;

/* Interface words, from the header's settings (templates/overrides/partials/alternate.html). */
function edWord(name, fallback) {
  var settings = document.querySelector(".ed-settings");
  return (settings && settings.dataset[name]) || fallback;
}

function edNoteMarker(target) {
  return target && target.closest ? target.closest(".ed-nref a") : null;
}

function edOpenNote(marker, pinned) {
  var id = marker.getAttribute("href").slice(1);
  var note = document.getElementById(id);
  if (!note) {
    return false;
  }
  edCloseNote();
  var pop = document.createElement("div");
  pop.className = "ed-note-pop";
  pop.setAttribute("role", "dialog");
  pop.setAttribute("aria-label", marker.getAttribute("aria-label") || id);
  pop.tabIndex = -1;
  var number = document.createElement("span");
  number.className = "ed-note-pop-number";
  number.textContent = note.dataset.noteShown || note.getAttribute("value") || marker.textContent;   // ⑩ as printed
  var body = document.createElement("div");
  body.className = "ed-note-pop-body";
  Array.prototype.forEach.call(note.children, function (child) {
    body.appendChild(child.cloneNode(true));
  });
  body.querySelectorAll(".footnote-backref, .ed-note-cite, [id]").forEach(function (element) {
    if (element.matches(".footnote-backref, .ed-note-cite")) {     // the list's own controls
      element.remove();
    } else {
      element.removeAttribute("id");
    }
  });
  if (body.firstElementChild) {
    body.firstElementChild.insertBefore(number, body.firstElementChild.firstChild);
  }
  var foot = document.createElement("div");
  foot.className = "ed-note-pop-foot";
  var inList = document.createElement("a");
  inList.href = "#" + id;
  inList.className = "ed-note-pop-list";
  inList.textContent = edWord("noteList", "↓");
  var close = document.createElement("button");
  close.type = "button";
  close.className = "ed-note-pop-close";
  close.setAttribute("aria-label", edWord("close", "×"));
  close.textContent = "×";
  close.addEventListener("click", function () { edCloseNote(true); });
  foot.append(inList, close);
  pop.append(body, foot);
  pop.edMarker = marker;
  document.body.appendChild(pop);
  edPlaceNote(pop, marker);
  edNotePop = pop;
  marker.setAttribute("aria-expanded", "true");
  if (pinned) {
    pop.focus({preventScroll: true});
  }
  return true;
}

function edPlaceNote(pop, marker) {
  if (getComputedStyle(pop).position === "fixed") {
    /* the phone's sheet, along the bottom edge; along the top (under the header) when it would
       cover the marker's own line, so the reader keeps the line they tapped */
    var at = marker.getBoundingClientRect();
    var top = at.bottom + 8 > window.innerHeight - pop.offsetHeight;
    var header = document.querySelector(".md-header");
    pop.classList.toggle("ed-note-pop-top", top);
    pop.style.top = top ? (header ? header.getBoundingClientRect().bottom : 0) + "px" : "";
    return;
  }
  var line = marker.getBoundingClientRect();
  var width = pop.offsetWidth;
  var left = Math.max(8, Math.min(line.left - 24, document.documentElement.clientWidth - width - 8));
  pop.style.left = (left + window.scrollX) + "px";
  /* under the marker's line; above it when the screen ends first and there is room above (the
     header's 64 px aside), so the note is read without scrolling */
  var height = pop.offsetHeight;
  var above = line.bottom + 8 + height > window.innerHeight && line.top - 8 - height >= 64;
  pop.style.top = ((above ? line.top - 8 - height : line.bottom + 8) + window.scrollY) + "px";
}

function edCloseNote(refocus) {
  window.clearTimeout(edNoteTimer);
  if (edNotePop) {
    var marker = edNotePop.edMarker;
    marker.removeAttribute("aria-expanded");
    edNotePop.remove();
    edNotePop = null;
    if (refocus) {
      marker.focus({preventScroll: true});
    }
  }
}

document.addEventListener("click", function (event) {
  var marker = edNoteMarker(event.target);
  if (marker && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    if (edNotePop && edNotePop.edMarker === marker && edNotePop.dataset.pinned) {
      event.preventDefault();
      edCloseNote(true);
    } else if (edOpenNote(marker, true)) {
      event.preventDefault();
      edNotePop.dataset.pinned = "1";
    }
    return;
  }
  if (edNotePop && !edNotePop.contains(event.target)) {
    edCloseNote(false);
  } else if (edNotePop && event.target.closest(".ed-note-pop-list")) {
    edCloseNote(false);
  }
});

if (window.matchMedia("(hover: hover)").matches) {
  document.addEventListener("mouseover", function (event) {
    var marker = edNoteMarker(event.target);
    if (marker) {
      window.clearTimeout(edNoteTimer);
      if (!edNotePop || edNotePop.edMarker !== marker) {
        edNoteTimer = window.setTimeout(function () { edOpenNote(marker, false); }, 150);
      }
    } else if (edNotePop && !edNotePop.dataset.pinned && !edNotePop.contains(event.target)) {
      window.clearTimeout(edNoteTimer);
      edNoteTimer = window.setTimeout(function () { edCloseNote(false); }, 300);
    } else if (edNotePop && edNotePop.contains(event.target)) {
      window.clearTimeout(edNoteTimer);
    }
  });
}

document.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && edNotePop) {
    edCloseNote(true);
  }
});

/* Clean copy: what is copied is the text as printed, without the apparatus the page adds around
   it (note numbers, page markers, pilcrows, back-links, the article's note origins, the marks of
   a split paragraph): the classes edition/checks/published.py skips as not the text. */
var ED_APPARATUS = ".ed-nref, .ed-page, .ed-pilcrow, .footnote-backref, .ed-note-origin, .ed-emend-break, .ed-note-cite";

document.addEventListener("copy", function (event) {
  var selection = window.getSelection();
  if (!selection || selection.isCollapsed || !event.clipboardData) {
    return;
  }
  var holder = document.createElement("div");
  holder.className = "md-typeset";
  holder.style.cssText = "position:fixed;left:-10000px;top:0;width:40em;white-space:normal";
  for (var i = 0; i < selection.rangeCount; i++) {
    holder.appendChild(selection.getRangeAt(i).cloneContents());
  }
  if (!holder.querySelector(ED_APPARATUS)) {
    return;      // nothing to clean: the browser's own copy
  }
  holder.querySelectorAll(ED_APPARATUS).forEach(function (element) { element.remove(); });
  document.body.appendChild(holder);
  var text = holder.innerText.replace(/\n{3,}/g, "\n\n").trim();
  var markup = holder.innerHTML;
  holder.remove();
  event.clipboardData.setData("text/plain", text);
  event.clipboardData.setData("text/html", markup);
  event.preventDefault();
});

/* An anchor lands with its line in view after a reload as well: the browser restores the scroll
   position it had (which may be far from the anchor once the page has settled), so with an anchor
   in the address the page scrolls to it again once everything is laid out (scroll-margin). */
if (window.location.hash && "scrollRestoration" in history) {
  history.scrollRestoration = "manual";
  window.addEventListener("load", function () {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) {
      target.scrollIntoView();
    }
  });
}

/* Reader settings that persist (localStorage): the text size (four steps, a button in the header
   cycles them) and light or dark (Material's own slate scheme; the default follows the system). */
var ED_SIZES = [1, 1.15, 1.3, 0.9];

function edStored(key) {
  try {
    return window.localStorage.getItem(key);
  } catch (error) {
    return null;
  }
}

function edStore(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch (error) {
    /* private browsing: the setting lasts for this page only */
  }
}

function edApplySettings() {
  var size = Number(edStored("ed-size")) || 1;
  document.documentElement.style.setProperty("--ed-scale", String(size));
  var dark = edStored("ed-scheme") ? edStored("ed-scheme") === "slate"
    : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
  document.querySelectorAll("[data-ed-size]").forEach(function (button) {
    var names = (button.dataset.edSize || "").split(",");
    var index = Math.max(0, ED_SIZES.indexOf(size));
    button.setAttribute("aria-label", button.title + "：" + (names[index] || size));
  });
  document.querySelectorAll("[data-ed-scheme]").forEach(function (button) {
    button.setAttribute("aria-pressed", dark ? "true" : "false");
  });
}

document.addEventListener("click", function (event) {
  var size = event.target.closest && event.target.closest("[data-ed-size]");
  var scheme = event.target.closest && event.target.closest("[data-ed-scheme]");
  if (size) {
    var now = Number(edStored("ed-size")) || 1;
    edStore("ed-size", String(ED_SIZES[(Math.max(0, ED_SIZES.indexOf(now)) + 1) % ED_SIZES.length]));
  } else if (scheme) {
    edStore("ed-scheme", document.body.getAttribute("data-md-color-scheme") === "slate" ? "default" : "slate");
  } else {
    return;
  }
  edApplySettings();
});
edApplySettings();

/* The search is loaded when it is first wanted, not with the page (a phone's first view need not
   carry it): its sheet and its two scripts (search-index.js, then search.js) are added on the
   first focus of the search box, the opening of the search dialog, a search key (/ s f), or at
   once when the address asks for it (?q= a shared search, ?h= matches to mark). What set it off is
   then given again to search.js: the focus (it opens the dialog) and any query already typed. */
var edSearchAssets = new URL(".", document.currentScript.src);
var edSearchLoading = null;

function edLoadSearch() {
  if (edSearchLoading) {
    return edSearchLoading;
  }
  var sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = new URL("search.css", edSearchAssets).href;
  document.head.append(sheet);
  edSearchLoading = Promise.all(["search-index.js", "search.js"].map(function (name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(name, edSearchAssets).href;
      script.async = false;            // in order: search.js reads window.edSearch
      script.onload = resolve;
      script.onerror = reject;
      document.body.append(script);
    });
  })).then(function () {
    var input = document.querySelector("[data-ed-search-query]");
    if (input && document.activeElement === input) {
      input.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
      if (input.value) {
        input.dispatchEvent(new Event("input", {bubbles: true}));
      }
    }
  });
  return edSearchLoading;
}

document.addEventListener("focusin", function (event) {
  if (event.target.matches && event.target.matches("[data-ed-search-query]")) {
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) {     // the dialog opens now, as search.js opens it, before any typing
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    edLoadSearch();
  }
});
document.addEventListener("change", function (event) {
  if (event.target.id === "__search" && event.target.checked) {
    /* Opened by the header's search button (a phone's way in): the box takes the focus in the
       same tap, so the keyboard comes up and what is typed goes into it. */
    var input = document.querySelector("[data-ed-search-query]");
    if (input && document.activeElement !== input) {
      input.focus();
    }
    edLoadSearch();
  }
});
document.addEventListener("keydown", function (event) {
  var input = document.querySelector("[data-ed-search-query]");
  if (edSearchLoading || !input || event.ctrlKey || event.metaKey || event.altKey ||
      (event.key !== "/" && event.key !== "s" && event.key !== "f") ||
      event.target.closest("input, textarea, select, [contenteditable]")) {
    return;
  }
  event.preventDefault();     // search.js does the same once loaded
  input.focus();
  input.select();
});
(function () {
  var params = new URLSearchParams(window.location.search);
  if (params.get("q") || params.get("h")) {
    edLoadSearch();
  }
})();

/* Three clicks select a paragraph or a note whole: a page marker standing in the margin is a box
   of its own to the browser, which would end the selection there, mid-sentence. */
var edTripleUnit = null;
document.addEventListener("mousedown", function (event) {     // the click's own target is the page
  edTripleUnit = event.detail === 3 && event.target.closest ? event.target.closest(".ed-p, .ed-notes li") : null;
});
document.addEventListener("click", function (event) {
  var unit = event.detail === 3 && edTripleUnit;
  if (unit) {
    var range = document.createRange();
    range.selectNodeContents(unit);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
  }
});
