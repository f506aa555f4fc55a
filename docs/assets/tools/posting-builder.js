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
  var payNote = form.querySelector(".builder__pay-note");

  function chosen(name, list, key) {
    var ticked = {};
    form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (i) { ticked[i.value] = true; });
    return list.filter(function (item) { return ticked[item[key]]; });
  }

  function clean(value, limit) {
    // one line for titles and short fields; text areas keep their paragraphs
    return (value || "").replace(/\r/g, "").replace(/\n{3,}/g, "\n\n").trim().slice(0, limit);
  }

  // The pay range as the reader typed it: {text} when both ends are valid, {problem} to show
  // beside the fields otherwise, {} when both are empty. The fields are never changed.
  function payRange() {
    var raw = [form.elements.payMin.value, form.elements.payMax.value].map(function (v) { return v.replace(/[\s,_]/g, ""); });
    if (!raw[0] && !raw[1]) return {};
    if (!raw[0] || !raw[1]) return {problem: "Give both ends of the pay range.", bad: [raw[0] ? "payMax" : "payMin"]};
    var bad = ["payMin", "payMax"].filter(function (name, i) { return !/^\d+(\.\d{1,2})?$/.test(raw[i]); });
    if (bad.length) return {problem: "Write each end of the pay range as a number, such as 150000 (no letters like k).", bad: bad};
    var low = Number(raw[0]), high = Number(raw[1]);
    if (low > high) return {problem: "The top of the pay range is below the bottom: check the two figures.", bad: ["payMin", "payMax"]};
    var currency = form.elements.payCurrency.value, period = form.elements.payPeriod.value;
    var money = new Intl.NumberFormat("en", {style: "currency", currency: currency,
      maximumFractionDigits: period === "hour" ? 2 : 0});
    return {text: money.format(low) + " to " + money.format(high) + " a " + period + " (" + currency + ")"};
  }

  function build() {
    var stage = data.stages.filter(function (s) { return s.id === form.elements.level.value; })[0] || data.stages[0];
    var title = clean(form.elements.title.value.replace(/[\r\n]+/g, " "), 120) || "Machine learning engineer";
    var skills = chosen("skill", data.skills, "slug");
    var resps = chosen("responsibility", data.responsibilities, "id");
    var pay = payRange();
    payNote.textContent = pay.problem || "";
    ["payMin", "payMax"].forEach(function (name) {  // mark the field to fix, for sight and for screen readers
      if ((pay.bad || []).indexOf(name) >= 0) form.elements[name].setAttribute("aria-invalid", "true");
      else form.elements[name].removeAttribute("aria-invalid");
    });
    var md = ["## " + title + " (" + stage.name + ")"];
    var txt = [title + " (" + stage.name + ")"];
    // a section in both outputs: Markdown gets a heading, plain text a label with a colon
    function section(heading, lines) {
      md.push("", "### " + heading, "");
      txt.push("", heading + ":", "");
      lines.forEach(function (line) { md.push(line[0]); txt.push(line[1]); });
    }
    function slot(heading, value, prompt) {
      var text = value || "(" + prompt + ")";
      section(heading, [[text, text]]);
    }
    slot("The problem", clean(form.elements.problem.value, 1000), "describe the problem: what the model will decide or predict, and for whom");
    section("What you will do", resps.length ? resps.map(function (r) {
      return ["- [" + r.name + "](" + r.url + ")", "- " + r.name + ": " + r.url];
    }) : [["- (tick the responsibilities above)", "- (tick the responsibilities above)"]]);
    section("What you bring", skills.length ? skills.map(function (s) {
      var levelId = s.expected[stage.id], level = levelNames[levelId], levelUrl = s.levelUrls[levelId];
      return ["- [" + s.name + "](" + s.url + ") at [" + level + " level](" + levelUrl + ")",
              "- " + s.name + " at " + level + " level: " + levelUrl];
    }) : [["- (tick the skills above)", "- (tick the skills above)"]]);
    slot("The stack", clean(form.elements.stack.value.replace(/[\r\n]+/g, " "), 300), "languages, frameworks, cloud and where the data lives");
    slot("On-call", clean(form.elements.oncall.value.replace(/[\r\n]+/g, " "), 300), "whether the role carries on-call, and what gets someone paged");
    if (pay.text) {
      section("Pay", [[pay.text, pay.text]]);
    } else {
      section("Pay", [["(state the pay range: several places require it, see [where](" + data.payRangeUrl + "))",
                       "(state the pay range: several places require it, see " + data.payRangeUrl + ")"]]);
    }
    var closing = "Levels and skills are defined in the ML Engineer Handbook; each link says what they mean in practice.";
    md.push("", closing);
    txt.push("", closing);
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
    form.querySelector(".builder__jump").hidden = false;  // on a phone the output is screens below the first fields
    output.hidden = false;
    build();
  });
})();
