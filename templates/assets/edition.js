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
  window.location.assign(link.href.split("#")[0] + (window.location.hash || edPlaceInView()));
}, true);

/* With no #anchor in the address, the place is the first paragraph (or heading) whose top is in
   view: anchors are the same in both scripts. At the top of a page there is none to keep. */
function edPlaceInView() {
  if (window.scrollY < 10) {
    return "";
  }
  var units = document.querySelectorAll(".md-content [id^='p'].ed-p, .md-content h1[id], .md-content h2[id], .md-content h3[id]");
  for (var i = 0; i < units.length; i++) {
    if (units[i].getBoundingClientRect().bottom > 64) {
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
