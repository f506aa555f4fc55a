// Keyboard access to search results with Tab.
// Material closes search on Tab and gives results tabindex="-1" (it moves between them with the
// arrow keys). Readers who use Tab should reach the results too, so while search is open and has
// results: make them focusable and keep Material from closing search, letting the browser move
// focus. Tab on the last result (or Shift+Tab from the box) still leaves search as before.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Tab") return;
  var toggle = document.getElementById("__search");
  var links = document.querySelectorAll(".md-search-result__link");
  if (!toggle || !toggle.checked || !links.length) return;
  for (var i = 0; i < links.length; i++) links[i].removeAttribute("tabindex");
  var input = document.querySelector(".md-search__input");
  var active = document.activeElement;
  var leaving = event.shiftKey ? active === input : active === links[links.length - 1];
  if (!leaving) event.stopPropagation();
}, true);
