/* The propose page (/propose/): a Thai form built from the JSON block #psea-propose-data that
 * macros/propose.py writes from the case schema and data/awards.yaml. The answers are kept as the
 * GitHub issue form shows them (option texts, list items one per line with parts joined by " | "),
 * and turned into the case file by the same rules as macros/proposal.py (build, case_text,
 * quote), so the downloaded file, the prefilled web editor and scripts/issue_to_case.py on the
 * prefilled issue give the same bytes (tests/test_propose_page.py).
 *
 * Plain ES2018, no libraries, no inline code: the page runs under script-src 'self'. Without
 * JavaScript the page shows only its explanation and the link to the GitHub issue form.
 */
(function () {
  "use strict";

  var dataEl = document.getElementById("psea-propose-data");
  var form = document.getElementById("psea-propose");
  var box = document.getElementById("psea-propose-fields");
  if (!dataEl || !form || !box) return;
  var D = JSON.parse(dataEl.textContent);
  var Q = {};
  D.questions.forEach(function (q) { Q[q.id] = q; });
  var TRIM_RE = new RegExp("^[" + escapeRe(D.trim) + "]+|[" + escapeRe(D.trim) + "]+$", "g");
  var NUMBER_RE = /^(-?)0*([0-9]+)(\.[0-9]+)?$/;
  // The characters macros/proposal.quote escapes; "u" so that only lone surrogates match.
  var ESCAPE_RE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/gu;
  var THAI_ZERO = 0x0e50;
  var touched = {};
  var fileUrl = null;

  function escapeRe(text) { return text.replace(/[\\\]\[^$.*+?(){}|\/-]/g, "\\$&"); }
  function trim(text) { return String(text).replace(/\r\n?/g, "\n").replace(TRIM_RE, ""); }
  function msg(name, values) {
    return D.messages[name].replace(/\{(\w+)\}/g, function (m, key) {
      return values && key in values ? String(values[key]) : m;
    });
  }
  function chars(text) { return Array.from(text).length; }  // code points, as Python's len
  function arabic(text) {
    return text.replace(/[\u0e50-\u0e59]/g, function (d) { return String(d.charCodeAt(0) - THAI_ZERO); });
  }
  function numberText(raw) {
    var m = NUMBER_RE.exec(arabic(trim(raw)));
    return m ? m[1] + m[2] + (m[3] || "") : null;
  }
  function optionKey(answer) { return trim(answer.split(D.optionSeparator)[0]); }

  // The allowed keys of a choices name for the values so far (macros/taxonomy.py Taxonomy.choices).
  function allowed(name, meta) {
    var award = meta.award || {};
    if (name === "category") {
      var cats = D.categories[award.branch] || [];
      return cats.filter(function (c) { return typeof meta.year !== "number" || String(meta.year) in c.years; })
        .map(function (c) { return c.key; });
    }
    if (name === "level") {
      return D.branchLevels[award.branch] || D.choices.level.map(function (c) { return c.key; });
    }
    return D.choices[name].map(function (c) { return c.key; });
  }

  // Answers -> values (macros/proposal.build) ----------------------------------------------------
  function num(text) { return { n: text }; }

  function number(q, f, raw, problems, row) {
    var text = numberText(raw);
    if (text === null) {
      var plain = arabic(trim(raw)).replace(/,/g, "");
      if (row === undefined && raw.indexOf(",") >= 0 && numberText(plain) !== null && f.kind === "number") {
        problems.push([q.id, msg("comma", { value: trim(raw), fixed: numberText(plain) })]);
      } else if (row !== undefined) {
        problems.push([q.id, msg("row_number", { row: row, part: f.label, value: trim(raw) })]);
      } else if (f.kind === "int") {
        problems.push([q.id, msg("integer", { value: trim(raw), example: f.example || 2567 })]);
      } else {
        problems.push([q.id, msg("number", { value: trim(raw) })]);
      }
      return null;
    }
    if (f.kind === "int" && text.indexOf(".") >= 0) {
      problems.push([q.id, msg("integer", { value: trim(raw), example: f.example || 2567 })]);
      return null;
    }
    if (f.minimum != null && f.maximum != null && row === undefined) {
      var value = parseInt(text, 10);
      if (value < f.minimum || value > f.maximum) {
        if (q.path === "year" && value >= 1900 && value <= 2100) {
          problems.push([q.id, msg("year_ce", { value: value, fixed: value + 543 })]);
        } else {
          problems.push([q.id, msg(q.path === "year" ? "year" : "range",
            { value: value, minimum: f.minimum, maximum: f.maximum })]);
        }
        return null;
      }
    }
    return num(text);
  }

  function text(q, f, value, problems, row) {
    if (f.pattern && !new RegExp(f.pattern).test(value)) {
      if (row !== undefined) problems.push([q.id, msg("row_pattern_url", { row: row, part: f.label, value: value })]);
      else problems.push([q.id, msg(f.name === "url" || q.path === "url" ? "pattern_url" : "pattern_id",
        { value: value, example: f.example })]);
      return null;
    }
    if (f.maxChars && chars(value) > f.maxChars) {
      problems.push([q.id, row !== undefined ? msg("row_max_chars", { row: row, part: f.label, maximum: f.maxChars })
        : msg("max_chars", { maximum: f.maxChars, count: chars(value) })]);
      return null;
    }
    return value;
  }

  function lines(raw) {
    return raw.split("\n").map(trim).filter(Boolean);
  }

  function rows(q, raw, problems) {
    var items = [];
    lines(raw).forEach(function (line, i) {
      var number_ = i + 1;
      var cells = line.split(D.partSeparator).map(trim);
      if (cells.length > q.parts.length) {
        problems.push([q.id, msg("row_parts", { row: number_, count: cells.length, maximum: q.parts.length,
          parts: q.parts.map(function (p) { return p.label; }).join(" | ") })]);
        return;
      }
      var item = {}, ok = true;
      q.parts.forEach(function (part, j) {
        var cell = cells[j];
        if (!cell) return;
        var value = part.kind === "int" || part.kind === "number" ? number(q, part, cell, problems, number_)
          : text(q, part, cell, problems, number_);
        ok = ok && value !== null;
        if (value !== null) item[part.name] = value;
      });
      q.parts.forEach(function (part) {
        if (part.required && !(part.name in item) && ok) {
          problems.push([q.id, msg("row_required", { row: number_, part: part.label })]);
          ok = false;
        }
      });
      if (ok && q.path === "metrics" && !("value" in item) && !("before" in item && "after" in item)) {
        problems.push([q.id, msg("row_value", { row: number_ })]);
        ok = false;
      }
      if (ok && q.path === "sources" && !("title" in item && "url" in item)) {
        problems.push([q.id, msg("row_required", { row: number_, part: q.parts.filter(function (p) {
          return p.name === "title" || p.name === "url"; }).map(function (p) { return p.label; }).join(" และ ") })]);
        ok = false;
      }
      items.push(item);
    });
    return items;
  }

  function optionKeys(answer, allowedKeys) {
    var keys = [];
    answer.split(/, */).forEach(function (piece) {
      piece = trim(piece);
      if (!piece) return;
      if (piece.indexOf(D.optionSeparator) >= 0 || allowedKeys.indexOf(piece) >= 0 || !keys.length) {
        keys.push(optionKey(piece));
      }
    });
    return keys;
  }

  function setPath(meta, path, value) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length - 1; i++) meta = meta[parts[i]] = meta[parts[i]] || {};
    meta[parts[parts.length - 1]] = value;
  }

  function makeId(titleEn) {
    var slug = titleEn.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase().replace(/^-+|-+$/g, "");
    if (slug.length > D.idMaxChars) {
      var cut = slug.slice(0, D.idMaxChars + 1);
      slug = cut.indexOf("-") >= 0 ? cut.slice(0, cut.lastIndexOf("-")) : slug.slice(0, D.idMaxChars);
    }
    return slug.replace(/^-+|-+$/g, "");
  }

  function build(answers) {
    var meta = {}, problems = [];
    D.questions.forEach(function (q) {
      var raw = trim(answers[q.id] || "");
      if (raw === D.noResponse) raw = "";
      if (!raw) {
        if (q.required) problems.push([q.id, msg("required")]);
        return;
      }
      var value;
      if (q.parts) {
        value = rows(q, raw, problems);
      } else if (q.itemChoices) {
        var keys = allowed(q.itemChoices, meta);
        value = [];
        optionKeys(raw, keys).forEach(function (key) {
          if (keys.indexOf(key) < 0) problems.push([q.id, msg("choice", { value: key })]);
          else value.push(q.itemKind === "int" ? num(key) : key);
        });
      } else if (q.kind === "list") {
        value = lines(raw);
      } else if (q.choices) {
        var key = optionKey(raw);
        if (allowed(q.choices, meta).indexOf(key) < 0) {
          var known = q.choices === "category" && (D.categories[(meta.award || {}).branch] || [])
            .some(function (c) { return c.key === key; });
          problems.push([q.id, known ? msg("category_year", { value: key, year: meta.year })
            : msg("choice", { value: key })]);
          return;
        }
        value = key;
      } else if (q.kind === "int" || q.kind === "number") {
        value = number(q, q, raw, problems);
        if (value !== null && q.path === "year") {
          meta.year = parseInt(value.n, 10);
          return;
        }
      } else {
        value = text(q, q, raw, problems);
      }
      if (value !== null && !(Array.isArray(value) && !value.length)) setPath(meta, q.path, value);
    });
    if (!("status" in meta)) meta.status = D.defaultStatus;
    if (!("id" in meta) && !problems.some(function (p) { return p[0] === "id"; })) {
      var made = makeId(meta.title_en || "");
      if (made) meta.id = made;
      else problems.push(["id", msg("no_id")]);
    }
    return { meta: meta, problems: problems, text: problems.length ? "" : caseText(meta) };
  }

  // The file (macros/proposal.case_text) ---------------------------------------------------------
  function quote(value) {
    return '"' + value.replace(ESCAPE_RE, function (c) {
      if (c === '"') return '\\"';
      if (c === "\\") return "\\\\";
      if (c === "\n") return "\\n";
      return "\\u" + ("000" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    }) + '"';
  }
  function scalar(value) {
    if (typeof value === "number") return String(value);
    if (value && typeof value === "object" && "n" in value) return value.n;
    return quote(value);
  }
  function caseText(meta) {
    var out = ["---"];
    D.fields.forEach(function (f) {
      if (!(f.name in meta)) return;
      var value = meta[f.name];
      if (f.kind === "mapping") {
        out.push(f.name + ":");
        f.children.forEach(function (child) {
          if (child in value) out.push("  " + child + ": " + scalar(value[child]));
        });
      } else if (f.kind === "list") {
        out.push(f.name + ":");
        value.forEach(function (item) {
          if (item && typeof item === "object" && !("n" in item)) {
            Object.keys(item).forEach(function (key, i) {
              out.push((i === 0 ? "  - " : "    ") + key + ": " + scalar(item[key]));
            });
          } else {
            out.push("  - " + scalar(item));
          }
        });
      } else {
        out.push(f.name + ": " + scalar(value));
      }
    });
    out.push("---");
    return out.join("\n") + "\n";
  }

  // The form -------------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== false) node.setAttribute(key, attrs[key] === true ? "" : attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function fieldId(id) { return "psea-q-" + id; }
  function labelText(q) { return q.label + (q.required ? " *" : ""); }

  var widgets = {};  // question id -> { read(): answer text, wrap: element }

  function optionsFor(q) {
    if (q.choices === "category") {
      var branch = optionKey(widgets["award-branch"] ? widgets["award-branch"].read() : "");
      var year = String(yearValue());
      return (D.categories[branch] || []).filter(function (c) { return !yearValue() || year in c.years; })
        .map(function (c) { return { key: c.key, label: (c.years[year] || c.years[Object.keys(c.years).pop()]), option: c.option }; });
    }
    if (q.choices === "level") {
      var b = optionKey(widgets["award-branch"] ? widgets["award-branch"].read() : "");
      var keys = D.branchLevels[b];
      return D.choices.level.filter(function (c) { return !keys || keys.indexOf(c.key) >= 0; });
    }
    return D.choices[q.choices];
  }
  function yearValue() {
    var t = widgets.year ? numberText(widgets.year.read()) : null;
    return t && D.years.indexOf(parseInt(t, 10)) >= 0 ? parseInt(t, 10) : 0;
  }

  function fillSelect(select, q) {
    var current = select.value;
    select.textContent = "";
    select.appendChild(el("option", { value: "", text: "— เลือก —" }));
    optionsFor(q).forEach(function (c) {
      select.appendChild(el("option", { value: c.option, text: c.label }));
    });
    select.value = current;
    if (select.value !== current) select.value = "";
  }

  function described(q) { return (q.hint !== q.label ? fieldId(q.id) + "-hint " : "") + fieldId(q.id) + "-error"; }

  function makeWidget(q) {
    var id = fieldId(q.id);
    var hint = q.hint !== q.label ? el("p", { id: id + "-hint", class: "psea-propose-hint", text: q.hint }) : null;
    var error = el("p", { id: id + "-error", class: "psea-propose-error", hidden: true });
    var wrap, read;
    if (q.choices) {
      var select = el("select", { id: id, name: q.id, "aria-describedby": described(q), required: q.required });
      fillSelect(select, q);
      wrap = el("div", { class: "psea-propose-field", "data-q": q.id }, [el("label", { for: id, text: labelText(q) }), hint, select, error]);
      read = function () { return select.value; };
      widgets[q.id] = { read: read, wrap: wrap, control: select, error: error, refill: function () { fillSelect(select, q); } };
      return wrap;
    }
    if (q.itemChoices) {
      var boxes = D.choices[q.itemChoices].map(function (c, i) {
        var input = el("input", { type: "checkbox", id: id + "-" + i, value: c.option });
        return { input: input, li: el("li", {}, [input, el("label", { for: id + "-" + i, text: (q.itemChoices === "sdg" ? "SDG " + c.key + " " : "") + c.label })]) };
      });
      var set = el("fieldset", { id: id, class: "psea-propose-field psea-propose-checks", "data-q": q.id, "aria-describedby": described(q) }, [
        el("legend", { text: labelText(q) }), hint,
        el("ul", {}, boxes.map(function (b) { return b.li; })), error]);
      read = function () {
        return boxes.filter(function (b) { return b.input.checked; }).map(function (b) { return b.input.value; }).join(", ");
      };
      widgets[q.id] = { read: read, wrap: set, control: boxes[0].input, error: error };
      return set;
    }
    if (q.parts) return rowsWidget(q, id, hint, error);
    var control = q.multiline
      ? el("textarea", { id: id, name: q.id, rows: 3, "aria-describedby": described(q), required: q.required })
      : el("input", { id: id, name: q.id, type: q.pattern && q.path === "url" ? "url" : "text",
          inputmode: q.kind === "int" ? "numeric" : null, autocomplete: "off",
          "aria-describedby": described(q), required: q.required });
    if (q.example && !q.multiline) control.setAttribute("placeholder", "เช่น " + q.example);
    wrap = el("div", { class: "psea-propose-field", "data-q": q.id }, [el("label", { for: id, text: labelText(q) }), hint, control, error]);
    widgets[q.id] = { read: function () { return control.value; }, wrap: wrap, control: control, error: error };
    return wrap;
  }

  function rowsWidget(q, id, hint, error) {
    var list = el("ol", { class: "psea-propose-rows" });
    var count = 0;
    var addButton = el("button", { type: "button", class: "md-button", text: "เพิ่มแถว" });
    function addRow() {
      count += 1;
      var n = count;
      var inputs = q.parts.map(function (part) {
        var pid = id + "-" + n + "-" + part.name;
        var input = el("input", { id: pid, type: part.pattern ? "url" : "text", autocomplete: "off",
          inputmode: part.kind === "number" || part.kind === "int" ? "decimal" : null, "data-part": part.name });
        return el("span", { class: "psea-propose-part" }, [el("label", { for: pid, text: part.label + (part.required ? " *" : "") }), input]);
      });
      var remove = el("button", { type: "button", class: "psea-propose-remove", text: "ลบแถวนี้" });
      var li = el("li", {}, inputs.concat([remove]));
      remove.addEventListener("click", function () {
        var next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        update(q.id);
        (next ? next.querySelector("input") : addButton).focus();
      });
      list.appendChild(li);
      return li;
    }
    addButton.addEventListener("click", function () { addRow().querySelector("input").focus(); });
    addRow();
    var set = el("fieldset", { id: id, class: "psea-propose-field", "data-q": q.id, "aria-describedby": described(q) },
      [el("legend", { text: labelText(q) }), hint, list, addButton, error]);
    function read() {
      return Array.prototype.map.call(list.children, function (li) {
        var cells = Array.prototype.map.call(li.querySelectorAll("input"), function (input) { return trim(input.value); });
        while (cells.length && !cells[cells.length - 1]) cells.pop();
        return cells.join(" " + D.partSeparator + " ");
      }).filter(Boolean).join("\n");
    }
    widgets[q.id] = { read: read, wrap: set, control: list, error: error, rows: list, addRow: addRow };
    return set;
  }

  // Answers, checks, preview and the three ways to send ----------------------------------------
  function answers() {
    var out = {};
    Object.keys(widgets).forEach(function (id) { out[id] = widgets[id].read(); });
    return out;
  }

  function pipeProblems() {  // a | typed inside a part would split it
    var found = [];
    Object.keys(widgets).forEach(function (id) {
      var rowsEl = widgets[id].rows;
      if (!rowsEl) return;
      var bad = Array.prototype.some.call(rowsEl.querySelectorAll("input"), function (i) {
        return i.value.indexOf(D.partSeparator) >= 0;
      });
      if (bad) found.push([id, msg("row_pipe")]);
    });
    return found;
  }

  function issueUrl(a, title) {
    var params = new URLSearchParams();
    params.set("template", D.template);
    // `title` is both the issue's title and the form's title field: GitHub takes it as the issue's
    // title, which scripts/issue_to_case.py reads (--issue-title) when the field is empty.
    D.questions.forEach(function (q) { if (q.id !== "title" && trim(a[q.id] || "")) params.set(q.id, a[q.id]); });
    params.set("title", D.issueTitle + title);
    return D.repo + "/issues/new?" + params.toString();
  }
  function editorUrl(meta, fileText) {
    var params = new URLSearchParams();
    params.set("filename", meta.id + ".md");
    params.set("value", fileText);
    return D.repo + "/new/" + D.branch + "/content/cases/" + meta.year + "?" + params.toString();
  }

  function setLink(kind, url) {
    var link = document.getElementById("psea-propose-" + kind);
    var note = document.querySelector('.psea-propose-toolong[data-for="' + kind + '"]');
    var tooLong = url.length > D.urlLimit;
    link.hidden = tooLong;
    if (!tooLong) link.href = url;
    note.hidden = !tooLong;
    note.textContent = tooLong ? "คำตอบยาวเกินกว่าจะส่งผ่านลิงก์ได้ (ลิงก์ยาว " + url.length.toLocaleString("th-TH") +
      " ตัวอักษร เกิน " + D.urlLimit.toLocaleString("th-TH") + ") ใช้ ดาวน์โหลดไฟล์ แทน แล้วอัปโหลดไฟล์บน GitHub" : "";
  }

  var previewBox = document.getElementById("psea-propose-preview-body");
  function labelOf(name, key) {
    var c = (D.choices[name] || []).filter(function (x) { return x.key === String(key); })[0];
    return c ? c.label : String(key);
  }
  function preview(meta) {
    previewBox.textContent = "";
    var award = meta.award;
    var cat = (D.categories[award.branch] || []).filter(function (c) { return c.key === award.category; })[0];
    var badges = ["ปี " + meta.year, labelOf("branch", award.branch), cat ? cat.years[String(meta.year)] : award.category,
      labelOf("level", award.level)];
    previewBox.appendChild(el("p", { class: "psea-muted", text: "ไฟล์ content/cases/" + meta.year + "/" + meta.id + ".md" }));
    previewBox.appendChild(el("h3", { text: meta.title }));
    if (meta.title_en) previewBox.appendChild(el("p", { lang: "en", text: meta.title_en }));
    previewBox.appendChild(el("ul", { class: "psea-badges", "aria-label": "รางวัล" },
      badges.map(function (b) { return el("li", {}, [el("span", { text: b })]); })));
    var facts = [["หน่วยงาน", meta.agency.name], ["ประเภทหน่วยงาน", labelOf("agency_type", meta.agency.type)],
      ["จังหวัด", meta.province], ["ปีที่ได้รับรางวัล", String(meta.year)]];
    previewBox.appendChild(el("dl", { class: "psea-facts" }, facts.map(function (f) {
      return el("div", {}, [el("dt", { text: f[0] }), el("dd", { text: f[1] })]);
    })));
    [["pain_point", "ปัญหา"], ["solution", "แนวทางแก้ไข"], ["impact", "ผลลัพธ์"]].forEach(function (g) {
      if (meta[g[0]]) { previewBox.appendChild(el("h4", { text: g[1] })); previewBox.appendChild(el("p", { text: meta[g[0]] })); }
    });
    if (meta.metrics) {
      previewBox.appendChild(el("h4", { text: "ตัวเลขสำคัญ" }));
      previewBox.appendChild(el("ul", { class: "psea-metrics" }, meta.metrics.map(function (m) {
        var v = m.before && m.after ? m.before.n + " → " + m.after.n : (m.value ? m.value.n : "");
        return el("li", {}, [el("b", { text: v + " " + m.unit }), document.createTextNode(m.label)]);
      })));
    }
    if (meta.tags) previewBox.appendChild(el("p", { text: "แท็ก: " + meta.tags.map(function (t) { return labelOf("tag", t); }).join(", ") }));
    previewBox.appendChild(el("h4", { text: "แหล่งข้อมูล" }));
    previewBox.appendChild(el("ul", {}, meta.sources.map(function (s) {
      return el("li", {}, [el("a", { href: s.url, rel: "nofollow noopener noreferrer", text: s.title }),
        document.createTextNode(s.locator ? ": " + s.locator : "")]);
    })));
  }

  var result = document.getElementById("psea-propose-result");
  var statusBox = document.getElementById("psea-propose-status");
  var problemList = document.getElementById("psea-propose-problems");
  var send = document.getElementById("psea-propose-send");
  var previewSection = document.getElementById("psea-propose-preview");
  var fileBox = document.getElementById("psea-propose-file");
  var download = document.getElementById("psea-propose-download");

  function showError(id, messages) {
    var w = widgets[id];
    if (!w) return;
    var show = touched[id] && messages.length;
    w.error.hidden = !show;
    w.error.textContent = show ? messages.join(" ") : "";
    var control = w.control && w.control.tagName !== "OL" ? w.control : null;
    if (control) {
      if (show) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }

  function update(changedId) {
    if (changedId) touched[changedId] = true;
    var a = answers();
    var built = build(a);
    var problems = built.problems.concat(pipeProblems());
    var byId = {};
    problems.forEach(function (p) { (byId[p[0]] = byId[p[0]] || []).push(p[1]); });
    Object.keys(widgets).forEach(function (id) { showError(id, byId[id] || []); });
    result.hidden = false;
    problemList.textContent = "";
    if (problems.length) {
      statusBox.textContent = "ยังต้องกรอกหรือแก้อีก " + problems.length + " จุดก่อนส่ง:";
      problems.forEach(function (p) {
        var q = Q[p[0]];
        var link = el("a", { href: "#" + fieldId(p[0]), text: (q ? q.label : p[0]) + ": " + p[1] });
        link.addEventListener("click", function (event) {
          event.preventDefault();
          touched[p[0]] = true;
          showError(p[0], byId[p[0]]);
          var w = widgets[p[0]];
          var target = w && (w.control.tagName === "OL" ? w.control.querySelector("input") : w.control);
          if (target) target.focus();
        });
        problemList.appendChild(el("li", {}, [link]));
      });
      send.hidden = true;
      previewSection.hidden = true;
      return built;
    }
    statusBox.textContent = "คำตอบครบและถูกรูปแบบแล้ว: ไฟล์ " + built.meta.id + ".md พร้อมส่ง";
    send.hidden = false;
    previewSection.hidden = false;
    preview(built.meta);
    fileBox.textContent = built.text;
    setLink("issue", issueUrl(a, trim(a.title)));
    setLink("editor", editorUrl(built.meta, built.text));
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    fileUrl = URL.createObjectURL(new Blob([built.text], { type: "text/markdown;charset=utf-8" }));
    download.href = fileUrl;
    download.setAttribute("download", built.meta.id + ".md");
    return built;
  }

  D.order.forEach(function (id) { if (Q[id]) box.appendChild(makeWidget(Q[id])); });
  var check = el("p", {}, [el("button", { type: "submit", class: "md-button md-button--primary", text: "ตรวจคำตอบทั้งหมด" })]);
  form.appendChild(check);

  function refillAward() {
    ["award-category", "award-level"].forEach(function (id) { if (widgets[id]) widgets[id].refill(); });
  }
  function changed(event) {
    if (event.target.id === fieldId("year") || event.target.id === fieldId("award-branch")) refillAward();
    var w = event.target.closest("[data-q]");
    update(w ? w.getAttribute("data-q") : undefined);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    Object.keys(widgets).forEach(function (id) { touched[id] = true; });
    var built = update();
    (built.problems.length || pipeProblems().length ? problemList.querySelector("a") : send.querySelector("a")).focus();
  });

  // Branch pages link here with ?branch=<key>.
  var wanted = new URLSearchParams(location.search).get("branch");
  var branchOption = (D.choices.branch || []).filter(function (c) { return c.key === wanted; })[0];
  if (branchOption && widgets["award-branch"]) {
    widgets["award-branch"].control.value = branchOption.option;
    refillAward();
  }
  update();
  // exposed for the tests' byte-identity check
  window.pseaPropose = { build: build, answers: answers };
}());
