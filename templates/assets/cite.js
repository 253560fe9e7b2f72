/* Citations, filled in the reader's browser. The build writes each citation with three slots it
   cannot know: .ed-url (the site address: the configured one, else the address the reader is at),
   .ed-date (the reader's access date, today where the reader is) and .ed-loc (the locator of the
   paragraph, note or printed page cited: its pages, a note's page and printed number). This file
   fills them from templates the build wrote; it never composes citation grammar itself. */

var ED_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"];

function edTwo(n) {
  return (n < 10 ? "0" : "") + n;
}

/* The reader's date: GB/T 7714 writes 2031-01-02, Chicago January 2, 2031. */
function edAccessDate(format) {
  var now = new Date();
  if (format === "chicago") {
    return ED_MONTHS[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
  }
  return now.getFullYear() + "-" + edTwo(now.getMonth() + 1) + "-" + edTwo(now.getDate());
}

/* A span's address: the configured site address, else the site root as the reader reached it. */
function edAddress(box, path) {
  if (box.dataset.base) {
    return box.dataset.base + path;
  }
  return new URL((box.dataset.root || "") + path, window.location.href).href;
}

/* A template the build wrote (cite_box.template) filled in one pass: each {name} slot takes its value
   as it is, never read again as a slot or as a replacement pattern ($&); {{ and }} are the text's own
   braces. */
function edFill(template, values) {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (match, name) {
    if (!name) {
      return match.charAt(0);
    }
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
  });
}

/* A locator slot filled for what is cited: the style's template (written by the build) for one
   page, a span of pages or a note, with the numbers put in. `cited` is {pages: "45,46"} (pages as
   printed, in the order they stand: "ii,1" for a front-matter page and the first) or
   {page: "4", note: "6", noteShown: "⑥"}. */
function edLocator(span, cited) {
  var d = span.dataset;
  if (cited.note) {
    // Chicago runs page and note together ("45n7"); a page printed in letters ("i") keeps a space
    var page = /\{page\}n/.test(d.note) && !/^\d+$/.test(cited.page) ? cited.page + " " : cited.page;
    return edFill(d.note, {page: page, note_shown: cited.noteShown, note: cited.note});
  }
  var list = (cited.pages || "").split(",").filter(Boolean);
  if (!list.length) {
    return span.textContent;
  }
  var first = list[0], last = list[list.length - 1];
  if (first === last) {
    return edFill(d.one, {page: first});
  }
  return edFill(d.many, {first: first, last: last});
}

/* A section cited: each .ed-cite-part span (the chapter's name) becomes the build's template naming a
   section in it, filled with the section's heading ({h}; {p} as printed) and romanization ({r}). */
function edNameSection(box, section) {
  box.querySelectorAll(".ed-cite-part").forEach(function (span) {
    span.textContent = edFill(span.dataset.section, {h: section.h, p: section.p || section.h, r: section.r});
  });
}

function edFillCitations(box, anchor, cited) {
  box.querySelectorAll(".ed-url").forEach(function (span) {
    var listed = span.closest('[data-cite$="-bibliography"]');   // a bibliography lists the page, not a spot in it
    span.textContent = edAddress(box, span.dataset.path) + (anchor && !listed ? "#" + anchor : "");
  });
  box.querySelectorAll(".ed-date").forEach(function (span) {
    span.textContent = edAccessDate(span.dataset.format);
  });
  if (cited) {
    box.querySelectorAll(".ed-loc").forEach(function (span) {
      span.textContent = edLocator(span, cited);
    });
  }
}

/* A citation as HTML for the clipboard: its text escaped, its italics kept (a pasted Chicago string
   keeps the journal in italics), every other element reduced to its text. */
function edCitationHtml(element) {
  var out = "";
  element.childNodes.forEach(function (node) {
    var escaper = document.createElement("b");
    escaper.textContent = node.textContent;
    out += node.nodeName === "I" ? "<i>" + escaper.innerHTML + "</i>"
      : node.nodeType === 1 ? edCitationHtml(node) : escaper.innerHTML;
  });
  return out;
}

function edCopy(text, element) {
  if (!navigator.clipboard) {
    return;
  }
  if (element && window.ClipboardItem) {
    navigator.clipboard.write([new ClipboardItem({"text/plain": new Blob([text], {type: "text/plain"}),
      "text/html": new Blob([edCitationHtml(element)], {type: "text/html"})})])
      .catch(function () { navigator.clipboard.writeText(text); });
    return;
  }
  navigator.clipboard.writeText(text);
}

/* A copy button after each citation: what is copied is what the reader sees. */
function edAddCopyButtons(box, labels) {
  box.querySelectorAll(".ed-cite-text").forEach(function (citation) {
    if (citation.nextElementSibling && citation.nextElementSibling.classList.contains("ed-copy")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button ed-copy";
    button.textContent = labels.copy;
    button.addEventListener("click", function () {
      edCopy(citation.textContent, citation);
      button.textContent = labels.copied;
    });
    citation.after(button);
  });
}

function edCiteBoxes() {
  document.querySelectorAll(".ed-cite").forEach(function (box) {
    edFillCitations(box, "", null);
    edAddCopyButtons(box, {copy: box.dataset.copy || "⧉", copied: box.dataset.copied || "✓"});
  });
  edShowReportLocation();
}

/* ¶ beside a paragraph or a note, or a printed page's [12]: the chapter's citations narrowed to
   it (its URL, its printed pages, a note's page and printed number), shown under it; the citation
   of this edition (GB/T 7714, with the URL) is copied. */
function edCitedUnit(mark, box) {
  if (mark.classList.contains("ed-note-cite")) {
    var note = mark.closest("li");
    var printed = note.dataset.note || note.getAttribute("value");   // data-note only where the list shows another number
    return {element: note.lastElementChild || note, anchor: note.id, title: box.dataset.note,
            cited: {page: note.dataset.page, note: printed, noteShown: note.dataset.noteShown || printed}};   // written only when the print shows it otherwise (⑥)
  }
  if (mark.classList.contains("ed-section-link")) {
    return {element: mark.closest("p"), anchor: mark.hash.slice(1), title: box.dataset.section,
            cited: {pages: mark.dataset.pages}, section: mark.dataset};
  }
  if (mark.classList.contains("ed-page")) {
    var page = mark.hash.replace("#page-", "");
    return {element: mark.closest("p, li, figure, div") || mark, anchor: "page-" + page,
            title: box.dataset.page, cited: {pages: page}};
  }
  var paragraph = mark.closest("p, li");
  return {element: paragraph, anchor: paragraph.id, title: box.dataset.paragraph,
          cited: {pages: paragraph.dataset.pages || ""}};
}

function edCiteParagraph(event) {
  var mark = event.target.closest && event.target.closest(".ed-pilcrow, .ed-note-cite, a.ed-page");
  var box = document.querySelector(".ed-cite");
  if (!mark || !box) {
    return;
  }
  event.preventDefault();
  var unit = edCitedUnit(mark, box);
  var old = document.getElementById("ed-cited");
  if (old) {
    old.remove();
  }
  var shown = box.cloneNode(true);
  shown.id = "ed-cited";
  shown.className = "admonition quote ed-cited";
  shown.querySelectorAll(".ed-cite-hint, .ed-cite-downloads, .ed-copy").forEach(function (e) { e.remove(); });
  shown.querySelector(".admonition-title").textContent = unit.title || "";
  if (unit.section) {
    edNameSection(shown, unit.section);
  }
  edFillCitations(shown, unit.anchor, unit.cited);
  edAddCopyButtons(shown, {copy: box.dataset.copy, copied: box.dataset.copied});
  history.replaceState(null, "", "#" + unit.anchor);
  unit.element.after(shown);
  edCopy(shown.querySelector('[data-cite="edition-gbt"]').textContent);
}

/* The footer's "report an error" link carries the page (in its href) and the reader's anchor. */
function edReportWithAnchor(event) {
  var link = event.target.closest && event.target.closest("a.ed-report");
  if (link && window.location.hash) {
    var url = new URL(link.href);
    url.searchParams.set("anchor", window.location.hash.slice(1));
    link.href = url.href;
  }
}

/* On the about page: the place being reported, as a full address, and a prefilled e-mail. */
function edShowReportLocation() {
  var shown = document.querySelector(".ed-report-location");
  var params = new URLSearchParams(window.location.search);
  if (!shown || !params.has("page")) {
    return;
  }
  var anchor = params.get("anchor");
  var place = new URL("../" + params.get("page"), window.location.href).href + (anchor ? "#" + anchor : "");
  shown.querySelector(".ed-report-url").textContent = place;
  shown.hidden = false;
  var mail = document.querySelector("a.ed-report-to[href^='mailto:']");
  if (mail) {
    mail.href = mail.href.split("?")[0] + "?subject=" + encodeURIComponent(place);
  }
}

document.addEventListener("click", edCiteParagraph);
document.addEventListener("click", edReportWithAnchor, true);
if (window.document$) {
  window.document$.subscribe(edCiteBoxes);
} else {
  document.addEventListener("DOMContentLoaded", edCiteBoxes);
}
