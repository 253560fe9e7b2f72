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
