// Job-posting builder on /hiring/#job-posting. Runs in the browser only: no network, no tracking.
// Data (skills, responsibilities, levels, stages, published URLs) comes from
// #handbook-tools-data, generated from skills.yml at build time.
// Setup is idempotent per form, so running the script twice does no harm.
(function () {
  "use strict";
  var form = document.getElementById("posting-builder-form");
  var dataElement = document.getElementById("handbook-tools-data");
  if (!form || !dataElement || form.dataset.ready) return;
  form.dataset.ready = "1";

  var data = JSON.parse(dataElement.textContent);
  var levelNames = {};
  data.levels.forEach(function (l) { levelNames[l.id] = l.name.toLowerCase(); });
  var output = form.querySelector(".builder__output");
  var markdownBox = form.querySelector("#builder-markdown");
  var textBox = form.querySelector("#builder-text");
  var status = form.querySelector(".builder__status");

  function chosen(name, list, key) {
    var ticked = {};
    form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (i) { ticked[i.value] = true; });
    return list.filter(function (item) { return ticked[item[key]]; });
  }

  function build() {
    var stage = data.stages.filter(function (s) { return s.id === form.elements.level.value; })[0] || data.stages[0];
    var title = (form.elements.title.value || "Machine learning engineer").replace(/[\r\n]+/g, " ").trim().slice(0, 120);
    var skills = chosen("skill", data.skills, "slug");
    var resps = chosen("responsibility", data.responsibilities, "id");
    var md = ["## " + title + " (" + stage.name + ")", ""];
    var txt = [title + " (" + stage.name + ")", ""];
    md.push("### What you will do", "");
    txt.push("What you will do:", "");
    if (!resps.length) { md.push("- (tick the responsibilities above)"); txt.push("- (tick the responsibilities above)"); }
    resps.forEach(function (r) {
      md.push("- [" + r.name + "](" + r.url + ")");
      txt.push("- " + r.name + ": " + r.url);
    });
    md.push("", "### What you bring", "");
    txt.push("", "What you bring:", "");
    if (!skills.length) { md.push("- (tick the skills above)"); txt.push("- (tick the skills above)"); }
    skills.forEach(function (s) {
      var levelId = s.expected[stage.id], level = levelNames[levelId], levelUrl = s.levelUrls[levelId];
      md.push("- [" + s.name + "](" + s.url + ") at [" + level + " level](" + levelUrl + ")");
      txt.push("- " + s.name + " at " + level + " level: " + levelUrl);
    });
    md.push("", "Levels and skills are defined in the ML Engineer Handbook; each link says what they mean in practice.");
    txt.push("", "Levels and skills are defined in the ML Engineer Handbook; each link says what they mean in practice.");
    markdownBox.value = md.join("\n");
    textBox.value = txt.join("\n");
  }

  function copy(box, label) {
    var done = function () { status.textContent = label + " copied to the clipboard."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(done, function () {
        box.select();
        status.textContent = "Copying was blocked: the text is selected, press Ctrl+C or Cmd+C.";
      });
    } else {
      box.select();
      status.textContent = "The text is selected: press Ctrl+C or Cmd+C to copy it.";
    }
  }

  form.addEventListener("input", build);
  form.addEventListener("change", build);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var box = document.getElementById(button.dataset.copy);
    button.parentNode.insertAdjacentElement("afterend", status);  // the confirmation, just below the button pressed
    copy(box, box === markdownBox ? "Markdown" : "Plain text");
  });
  // Show the output just before the next frame, after Material has set up the page, so the
  // page is laid out once instead of being forced to lay out again in the middle of start-up.
  requestAnimationFrame(function () {
    form.querySelector(".builder__nojs").hidden = true;
    output.hidden = false;
    build();
  });
})();
