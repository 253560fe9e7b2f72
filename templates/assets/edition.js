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
  window.location.assign(link.href.split("#")[0] + window.location.hash);
}, true);

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
