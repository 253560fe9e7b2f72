/* The script switch keeps the reader's place: it carries the current #anchor to the same page
   in the other script. Runs in the capture phase, before instant navigation sees the click. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-ed-switch]");
  if (link) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
}, true);
