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

// Keyboard access to wide tables. Material wraps every table in a .md-typeset__scrollwrap that
// scrolls sideways when the table is wider than the screen (a phone, a long code name). A region
// that scrolls must be reachable with the keyboard (WCAG 2.1.1), so a wrapper that overflows
// becomes focusable and is named after its table; one that fits stays out of the Tab order.
function labelScrollingTables() {
  // All reads first, then only the writes that change something: reading a width after a write
  // forced a fresh layout of the whole page per table (277 ms of blocking time on /hiring/ in
  // Lighthouse's phone profile).
  var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
  var scrolls = [];
  for (var i = 0; i < wraps.length; i++) scrolls.push(wraps[i].scrollWidth > wraps[i].clientWidth + 1);
  for (var j = 0; j < wraps.length; j++) {
    var wrap = wraps[j];
    var labelled = wrap.getAttribute("role") === "region";
    if (scrolls[j] && !labelled) {
      var caption = wrap.querySelector("caption");
      var head = wrap.querySelector("th");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways: " +
        (caption ? caption.textContent : head ? head.textContent : "data").trim().slice(0, 60));
    } else if (!scrolls[j] && labelled) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }
}
// Material wraps the tables when it starts (document$); check after it and whenever the width changes.
if (window.document$) window.document$.subscribe(function () { requestAnimationFrame(labelScrollingTables); });
window.addEventListener("load", function () { requestAnimationFrame(labelScrollingTables); });
window.addEventListener("resize", labelScrollingTables);
// Tables the tools write later (the self-check's gaps) get the same treatment.
var tablesPending = false;
new MutationObserver(function () {
  if (tablesPending) return;
  tablesPending = true;
  requestAnimationFrame(function () { tablesPending = false; labelScrollingTables(); });
}).observe(document.documentElement, { childList: true, subtree: true });
