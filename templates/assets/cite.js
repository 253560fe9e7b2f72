/* Citations, filled in the reader's browser. The build writes each citation with three slots it
   cannot know: .ed-url (the site address: the configured one, else the address the reader is at),
   .ed-date (the reader's access date, today where the reader is) and .ed-loc (the printed pages of
   the paragraph cited). This file fills them; it never composes citation grammar itself. */

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

/* "45,46" -> "45-46": the printed pages a paragraph stands on. */
function edPageRange(pages) {
  var list = pages.split(",").filter(Boolean).map(Number);
  if (!list.length) {
    return "";
  }
  var first = Math.min.apply(null, list), last = Math.max.apply(null, list);
  return first === last ? String(first) : first + "-" + last;
}

function edFillCitations(box, anchor, pages) {
  box.querySelectorAll(".ed-url").forEach(function (span) {
    span.textContent = edAddress(box, span.dataset.path) + (anchor ? "#" + anchor : "");
  });
  box.querySelectorAll(".ed-date").forEach(function (span) {
    span.textContent = edAccessDate(span.dataset.format);
  });
  var range = pages ? edPageRange(pages) : "";
  if (range) {
    box.querySelectorAll(".ed-loc").forEach(function (span) {
      span.textContent = span.dataset.format.replace("{pages}", range);
    });
  }
}

function edCopy(text) {
  if (navigator.clipboard) {
    navigator.clipboard.writeText(text);
  }
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
      edCopy(citation.textContent);
      button.textContent = labels.copied;
    });
    citation.after(button);
  });
}

function edCiteBoxes() {
  document.querySelectorAll(".ed-cite").forEach(function (box) {
    edFillCitations(box, "", "");
    edAddCopyButtons(box, {copy: box.dataset.copy || "⧉", copied: box.dataset.copied || "✓"});
  });
  edShowReportLocation();
}

/* ¶ beside a paragraph: the chapter's citations narrowed to this paragraph (its URL, its printed
   pages), shown under it; the citation of this edition (GB/T 7714, with the URL) is copied. */
function edCiteParagraph(event) {
  var mark = event.target.closest && event.target.closest(".ed-pilcrow");
  var box = document.querySelector(".ed-cite");
  if (!mark || !box) {
    return;
  }
  event.preventDefault();
  var paragraph = mark.closest("p");
  var old = document.getElementById("ed-cited");
  if (old) {
    old.remove();
  }
  var shown = box.cloneNode(true);
  shown.id = "ed-cited";
  shown.className = "admonition quote ed-cited";
  shown.querySelectorAll(".ed-cite-hint, .ed-cite-downloads, .ed-copy").forEach(function (e) { e.remove(); });
  shown.querySelector(".admonition-title").textContent = box.dataset.paragraph || "";
  edFillCitations(shown, paragraph.id, paragraph.dataset.pages || "");
  edAddCopyButtons(shown, {copy: box.dataset.copy, copied: box.dataset.copied});
  history.replaceState(null, "", "#" + paragraph.id);
  paragraph.after(shown);
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
