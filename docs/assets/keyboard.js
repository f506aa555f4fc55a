// Material gives search results tabindex="-1" and moves between them with the arrow keys.
// Readers who navigate with Tab should reach them too: just before a Tab moves focus, make the
// results focusable. Runs on every page; does nothing until search results exist.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Tab") return;
  var links = document.querySelectorAll('.md-search-result__link[tabindex="-1"]');
  for (var i = 0; i < links.length; i++) links[i].removeAttribute("tabindex");
}, true);
