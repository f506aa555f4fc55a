// Colour palette toggle: follow the system, light, dark (the options in mkdocs.yml, in order).
// Inlined right after the header (overrides/main.html), so it runs before the page is painted.
// Keeps Material's storage format: __palette = {index, color: {media, scheme, primary, accent}}.
(function () {
  var form = document.querySelector("form[data-handbook-palette]");
  if (!form) return;
  var inputs = form.querySelectorAll("input[name=__palette]");
  var systemLight = matchMedia("(prefers-color-scheme: light)");
  var FOLLOW_SYSTEM = "(prefers-color-scheme)";
  var current = 0;

  function colours(input) {
    var c = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      c[key] = input.getAttribute("data-md-color-" + key);
    });
    return c;
  }

  // The option's colours; the follow-the-system option borrows the light or the dark option's.
  function resolved(index) {
    var input = inputs[index];
    if (input.getAttribute("data-md-color-media") === FOLLOW_SYSTEM) {
      var media = systemLight.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
      input = form.querySelector("[data-md-color-media='" + media + "']") || input;
    }
    return colours(input);
  }

  function saved() {
    try {
      var value = __md_get("__palette");
      if (value && Number.isInteger(value.index) && value.index >= 0 && value.index < inputs.length)
        return value.index;
    } catch (e) { /* unreadable or blocked storage: fall back to the system */ }
    return null;
  }

  function setMeta(name, content) {
    var meta = document.head.querySelector("meta[name='" + name + "']");
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = name;
      document.head.appendChild(meta);
    }
    if (meta.content !== content) meta.content = content;
  }

  // Only attributes that change are written, so a page already in the right palette is not
  // restyled at all.
  function apply(index) {
    current = index;
    var body = document.body, c = resolved(index);
    ["scheme", "primary", "accent"].forEach(function (key) {  // the CSS reads only these
      if (c[key] && body.getAttribute("data-md-color-" + key) !== c[key])
        body.setAttribute("data-md-color-" + key, c[key]);
    });
    inputs[index].checked = true;
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    }
    setMeta("color-scheme", c.scheme === "slate" ? "dark" : "light");
  }

  function themeColour() {
    var header = document.querySelector("[data-md-component=header]");
    var rgb = header && getComputedStyle(header).backgroundColor.match(/\d+/g);
    if (rgb) setMeta("theme-color", "#" + rgb.slice(0, 3).map(function (n) {
      return (+n).toString(16).padStart(2, "0");
    }).join(""));
  }

  function choose(index) {
    // No colour transitions while switching, as Material does.
    document.body.setAttribute("data-md-color-switching", "");
    apply(index);
    themeColour();
    try {
      __md_set("__palette", { index: index, color: colours(inputs[index]) });
    } catch (e) { /* storage blocked: the choice lasts for this page */ }
    requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
  }

  // The saved choice; with nothing saved, the first option whose media query matches, as
  // Material does.
  function wanted() {
    var index = saved();
    if (index !== null) return index;
    for (var i = 0; i < inputs.length; i++)
      if (matchMedia(inputs[i].getAttribute("data-md-color-media")).matches) return i;
    return 0;
  }

  apply(wanted());
  // Back and forward: a page restored from the browser's cache keeps the palette it was left with,
  // and a reloaded page gets its radio buttons restored by the browser after this script ran.
  // Re-apply the saved choice whenever a page is shown.
  window.addEventListener("pageshow", function () {
    var index = wanted();
    if (index !== current || !inputs[index].checked) {
      apply(index);
      themeColour();
    }
  });
  // The browser's bar colour needs computed styles: read them when the first frame computes them
  // anyway, instead of forcing an early style pass in the middle of parsing.
  requestAnimationFrame(themeColour);

  form.addEventListener("change", function (event) {
    var index = Array.prototype.indexOf.call(inputs, event.target);
    if (index >= 0) choose(index);
  });
  // Enter on the focused toggle moves to the next option, like a click on its label.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  var onSystemChange = function () {
    if (inputs[current].getAttribute("data-md-color-media") === FOLLOW_SYSTEM) choose(current);
  };
  if (systemLight.addEventListener) systemLight.addEventListener("change", onSystemChange);
  else systemLight.addListener(onSystemChange);
})();
