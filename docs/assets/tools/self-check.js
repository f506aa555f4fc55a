// Skills self-check on /career/. No network: ratings stay in localStorage and in share links
// (the URL fragment). Data: #handbook-tools-data, from skills.yml. Safe to run twice.
(function () {
  "use strict";
  var form = document.getElementById("self-check-form");
  var dataElement = document.getElementById("handbook-tools-data");
  if (!form || !dataElement || form.dataset.ready) return;
  form.dataset.ready = "1";

  var data = JSON.parse(dataElement.textContent);
  var STORAGE_KEY = "handbook.self-check.v1";
  var FRAGMENT = "self-check:";
  var levelIds = data.levels.map(function (l) { return l.id; });
  var stageIds = data.stages.map(function (s) { return s.id; });
  var skillsBySlug = {};
  data.skills.forEach(function (s) { skillsBySlug[s.slug] = s; });
  var status = form.querySelector(".self-check__status");
  var result = form.querySelector(".self-check__result");
  var target = form.querySelector("#self-check-target");
  form.querySelector(".self-check__actions").hidden = false;
  // The system share sheet, where the browser has one (phones, some desktops).
  if (navigator.share) form.querySelector("[data-action=native-share]").hidden = false;

  function levelName(id) { return data.levels[levelIds.indexOf(id)].name; }

  // ---- state: {target: "senior", ratings: {python: "working", ...}}
  function read() {
    var ratings = {};
    data.skills.forEach(function (s) {
      var checked = form.querySelector('input[name="' + s.slug + '"]:checked');
      if (checked) ratings[s.slug] = checked.value;
    });
    return { target: target.value, ratings: ratings };
  }

  function write(state) {
    target.value = stageIds.indexOf(state.target) >= 0 ? state.target : stageIds[0];
    form.querySelectorAll('input[type="radio"]').forEach(function (input) {
      input.checked = state.ratings[input.name] === input.value;
    });
  }

  // Check untrusted input (a shared link or old storage): keep what is valid, report the rest.
  function clean(raw) {
    var state = { target: stageIds[0], ratings: {} }, ignored = [];
    if (!raw || typeof raw !== "object") return { state: state, ignored: ["the saved data"] };
    if (raw.broken) ignored.push("the whole link, which is damaged");
    if (stageIds.indexOf(raw.target) >= 0) state.target = raw.target;
    else if (raw.target !== undefined) ignored.push("target “" + String(raw.target).slice(0, 30) + "”");
    var ratings = raw.ratings && typeof raw.ratings === "object" ? raw.ratings : {};
    Object.keys(ratings).forEach(function (slug) {
      if (!skillsBySlug.hasOwnProperty(slug)) ignored.push("unknown skill “" + slug.slice(0, 30) + "”");
      else if (levelIds.indexOf(ratings[slug]) < 0) ignored.push(skillsBySlug[slug].name + " level “" + String(ratings[slug]).slice(0, 30) + "”");
      else state.ratings[slug] = ratings[slug];
    });
    return { state: state, ignored: ignored };
  }

  function fromFragment(hash) {
    var body;
    try {
      body = decodeURIComponent(hash.replace(/^#/, "")).slice(FRAGMENT.length);
    } catch (e) {
      return { broken: true, ratings: {} };  // a malformed %-escape: nothing usable in the link
    }
    var raw = { ratings: Object.create(null) };
    body.split("&").forEach(function (pair) {
      if (!pair) return;
      var parts = pair.split("=");
      if (parts[0] === "target") raw.target = parts[1];
      else raw.ratings[parts[0]] = parts[1];
    });
    return raw;
  }

  function toFragment(state) {
    var pairs = ["target=" + state.target];
    Object.keys(state.ratings).forEach(function (slug) { pairs.push(slug + "=" + state.ratings[slug]); });
    return "#" + FRAGMENT + pairs.join("&");
  }

  function save(state) {
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(STORAGE_KEY) || "null"); } catch (e) { return null; }
  }

  // ---- the gaps
  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function render(state) {
    var stageName = data.stages[stageIds.indexOf(state.target)].name;
    result.textContent = "";
    var rated = Object.keys(state.ratings).length;
    if (!rated) {
      result.appendChild(element("p", "Rate at least one skill to see your gaps for the " + stageName + " stage."));
      return;
    }
    var gaps = 0;
    var table = element("table", "", { class: "self-check__gaps" });
    table.appendChild(element("caption", "Your gaps for the " + stageName + " stage"));
    var head = element("tr");
    ["Skill", "You", "Expected", "Next step"].forEach(function (h) { head.appendChild(element("th", h, { scope: "col" })); });
    table.appendChild(element("thead")).appendChild(head);
    var body = table.appendChild(element("tbody"));
    // Gaps first (largest first), then met, then not rated; four columns fit a phone.
    var rows = data.skills.map(function (skill, index) {
      var mine = state.ratings[skill.slug];
      var gap = mine ? Math.max(0, levelIds.indexOf(skill.expected[state.target]) - levelIds.indexOf(mine)) : null;
      return { skill: skill, mine: mine, gap: gap, i: index };
    }).sort(function (a, b) { return ((b.gap === null ? -1 : b.gap) - (a.gap === null ? -1 : a.gap)) || a.i - b.i; });
    rows.forEach(function (r) {
      var skill = r.skill, expected = skill.expected[state.target];
      var row = element("tr");
      row.appendChild(element("th", skill.name, { scope: "row" }));
      row.appendChild(element("td", r.mine ? levelName(r.mine) : "not rated"));
      row.appendChild(element("td")).appendChild(element("a", levelName(expected), { href: skill.levelUrls[expected] }));
      var next = element("td");
      if (r.gap) {
        gaps += 1;
        next.appendChild(element("a", "Learn " + skill.name, { href: skill.learn }));
        next.appendChild(document.createTextNode(" (" + r.gap + (r.gap === 1 ? " level" : " levels") + " to go)"));
      } else {
        next.textContent = r.gap === 0 ? "None: you meet it" : "Rate it above";
      }
      row.appendChild(next);
      body.appendChild(row);
    });
    result.appendChild(element("p", gaps ? gaps + " of " + data.skills.length + " skills are below what the " + stageName + " stage usually expects." : "No gaps among the skills you rated for the " + stageName + " stage."));
    var wrap = element("div", "", { class: "md-typeset__scrollwrap" });
    wrap.appendChild(element("div", "", { class: "md-typeset__table" })).appendChild(table);
    result.appendChild(wrap);
  }

  // While a shared link is shown over the reader's own saved ratings, nothing is saved until
  // the reader chooses: keep theirs, use the shared ones (with an undo), or compare the two.
  var viewing = null;
  var choice = null;

  function sorted(ratings) {
    var out = {};
    Object.keys(ratings).sort().forEach(function (k) { out[k] = ratings[k]; });
    return JSON.stringify(out);
  }
  function sameState(a, b) { return a.target === b.target && sorted(a.ratings) === sorted(b.ratings); }

  function update() {
    var state = read();
    if (!viewing) save(state);
    render(state);
  }

  function choiceButton(label, action) {
    return element("button", label, { type: "button", "class": "md-button", "data-choice": action });
  }

  function showChoice() {
    choice = element("div", "", { "class": "self-check__choice", role: "group", "aria-label": "Shared ratings" });
    choice.appendChild(element("p", "These ratings come from a shared link. Your own saved ratings are safe: nothing changes until you choose."));
    ["Keep my ratings:keep", "Use the shared ratings:replace", "Compare:compare"].forEach(function (item) {
      var parts = item.split(":");
      choice.appendChild(choiceButton(parts[0], parts[1]));
      choice.appendChild(document.createTextNode(" "));
    });
    form.insertBefore(choice, form.firstChild);
  }

  function showComparison() {
    var table = element("table");
    table.appendChild(element("caption", "Your saved ratings and the shared ones"));
    var head = element("tr");
    ["Skill", "Yours", "Shared"].forEach(function (h) { head.appendChild(element("th", h, { scope: "col" })); });
    table.appendChild(element("thead")).appendChild(head);
    var body = table.appendChild(element("tbody"));
    data.skills.forEach(function (skill) {
      var mine = viewing.mine.ratings[skill.slug], theirs = viewing.shared.ratings[skill.slug];
      if (!mine && !theirs) return;
      var row = element("tr");
      row.appendChild(element("th", skill.name, { scope: "row" }));
      row.appendChild(element("td", mine ? levelName(mine) : "not rated"));
      row.appendChild(element("td", theirs ? levelName(theirs) : "not rated"));
      body.appendChild(row);
    });
    var old = choice.querySelector(".md-typeset__scrollwrap");
    if (old) old.remove();
    var wrap = element("div", "", { "class": "md-typeset__scrollwrap" });
    wrap.appendChild(element("div", "", { "class": "md-typeset__table" })).appendChild(table);
    choice.appendChild(wrap);
  }

  function show(state) { write(state); render(state); }

  function settle(message, previous) {
    viewing = null;
    choice.remove();
    choice = null;
    history.replaceState(null, "", location.pathname + "#self-assessment");
    status.textContent = message;
    if (previous) {
      var undo = element("button", "Undo", { type: "button", "class": "md-button", "data-choice": "undo" });
      undo.previous = previous;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(undo);
    }
  }

  form.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-choice]");
    if (!target) return;
    var action = target.dataset.choice;
    if (action === "keep") {
      show(viewing.mine);
      settle("Kept your ratings; the shared ones were not saved.");
    } else if (action === "replace") {
      var previous = viewing.mine;
      save(viewing.shared);
      show(viewing.shared);
      settle("Saved the shared ratings in place of yours.", previous);
    } else if (action === "compare") {
      showComparison();
    } else if (action === "undo") {
      save(target.previous);
      show(target.previous);
      status.textContent = "Restored your previous ratings.";
    }
  });

  // ---- start: a shared link is shown; it is saved only over no saved ratings
  var start, note = "";
  var savedRaw = load();
  var saved = clean(savedRaw);
  if (location.hash.indexOf("#" + FRAGMENT) === 0) {
    var shared = clean(fromFragment(location.hash));
    var ignored = shared.ignored.length ? " Ignored what the link got wrong: " + shared.ignored.join(", ") + "." : "";
    start = shared.state;
    if (savedRaw !== null && Object.keys(saved.state.ratings).length && !sameState(saved.state, shared.state)) {
      viewing = { mine: saved.state, shared: shared.state };
      showChoice();
      note = "Showing the ratings from the shared link." + ignored;
    } else {
      save(start);
      note = "Loaded the ratings from the shared link." + ignored;
    }
    form.scrollIntoView();
  } else {
    start = saved.state;
    if (saved.ignored.length && savedRaw !== null) note = "Some saved ratings were not recognised and were ignored.";
  }
  write(start);
  render(start);
  status.textContent = note;

  form.addEventListener("change", update);
  form.addEventListener("click", function (event) {
    var action = event.target.closest && event.target.closest("[data-action]");
    if (!action) return;
    var state = read();
    if (action.dataset.action === "clear") {
      if (choice) { choice.remove(); choice = null; viewing = null; }
      try { localStorage.removeItem(STORAGE_KEY); } catch (e) { /* nothing saved */ }
      write({ target: stageIds[0], ratings: {} });
      render(read());
      history.replaceState(null, "", location.pathname + "#self-assessment");
      status.textContent = "Your ratings are cleared from this browser.";
    } else if (action.dataset.action === "native-share") {
      history.replaceState(null, "", toFragment(state));
      navigator.share({ title: document.title, url: location.origin + location.pathname + toFragment(state) })
        .then(function () { status.textContent = "Shared."; }, function () { /* the reader closed the sheet */ });
    } else if (action.dataset.action === "share") {
      var link = location.origin + location.pathname + toFragment(state);
      history.replaceState(null, "", toFragment(state));
      copy(link, "Share link copied. Anyone who opens it sees these ratings; nothing is stored anywhere else.");
    } else if (action.dataset.action === "print") {
      document.body.classList.add("print-self-check");
      window.print();
      document.body.classList.remove("print-self-check");
    }
  });

  function copy(text, done) {
    var fallback = function () {
      status.textContent = "Copy this link: " + text;
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = done; }, fallback);
    } else {
      fallback();
    }
  }
})();
