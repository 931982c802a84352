/* dossier: progressive enhancement for every page. The pages are complete without it.
   - the comparison table: sort by any column, filter by event, outlet, language and words,
     show and hide columns (the choice is remembered in this browser);
   - "copy" buttons for citations.
   No framework, no network: works from disk. */
(function () {
  "use strict";

  var fold = function (s) {
    return (s || "").toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/ß/g, "ss");
  };

  function store(key, value) {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(key) || "null");
      localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* private mode, file:// without storage: not remembered */ }
    return null;
  }

  function enhanceTable(block) {
    var table = block.querySelector("table.comparison");
    var tools = block.querySelector(".table-tools");
    if (!table || !tools) return;
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var bodies = Array.prototype.slice.call(table.tBodies);
    var rows = [];
    bodies.forEach(function (tb) {
      Array.prototype.forEach.call(tb.rows, function (tr) {
        if (!tr.classList.contains("section-row")) {
          tr._text = fold(tr.textContent);
          tr._order = rows.length;
          rows.push(tr);
        }
      });
    });
    var status = tools.querySelector(".table-status");
    var controls = {
      text: tools.querySelector("[data-filter=text]"),
      event: tools.querySelector("[data-filter=event]"),
      outlet: tools.querySelector("[data-filter=outlet]"),
      language: tools.querySelector("[data-filter=language]")
    };

    function applyFilters() {
      var words = fold(controls.text.value).split(/\s+/).filter(Boolean);
      var want = {
        event: controls.event ? controls.event.value : "",
        outlet: controls.outlet ? controls.outlet.value : "",
        language: controls.language ? controls.language.value : ""
      };
      var shown = 0;
      rows.forEach(function (tr) {
        var ok = (!want.event || tr.dataset.event === want.event) &&
          (!want.outlet || tr.dataset.outlet === want.outlet) &&
          (!want.language || tr.dataset.language === want.language) &&
          words.every(function (w) { return tr._text.indexOf(w) !== -1; });
        tr.hidden = !ok;
        if (ok) shown++;
      });
      bodies.forEach(function (tb) {
        var any = Array.prototype.some.call(tb.rows, function (tr) {
          return !tr.classList.contains("section-row") && !tr.hidden;
        });
        tb.hidden = !any;
      });
      status.textContent = shown === rows.length
        ? "Showing all " + rows.length + " sources" + (block.dataset.pageNote || "") + "."
        : "Showing " + shown + " of " + rows.length + " sources" + (block.dataset.pageNote || "") + ".";
    }

    Object.keys(controls).forEach(function (k) {
      if (controls[k]) controls[k].addEventListener("input", applyFilters);
    });
    tools.querySelector("[data-reset]").addEventListener("click", function () {
      Object.keys(controls).forEach(function (k) { if (controls[k]) controls[k].value = ""; });
      applyFilters();
      controls.text.focus();
    });

    // Sorting: a button in each column heading; rows are sorted within their event section.
    var sortState = { col: -1, dir: "none" };
    headers.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.innerHTML = th.innerHTML + '<span class="sort-icon" aria-hidden="true"></span>';
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = sortState.col === col && sortState.dir === "ascending" ? "descending" : "ascending";
        sortBy(col, dir);
      });
    });

    function sortBy(col, dir) {
      sortState = { col: col, dir: dir };
      var numeric = headers[col].classList.contains("numeric");
      var key = function (tr) {
        var cell = tr.cells[col];
        var v = cell ? (cell.getAttribute("data-sort") || "") : "";
        if (numeric) {
          var n = parseFloat(v);
          return isNaN(n) ? null : n;
        }
        return v === "" ? null : v;
      };
      var cmp = function (a, b) {
        var ka = key(a), kb = key(b);
        // Empty cells last whatever the direction.
        if (ka === null || kb === null) return (ka === null) - (kb === null) || a._order - b._order;
        var c = numeric ? ka - kb : String(ka).localeCompare(String(kb));
        return (dir === "ascending" ? c : -c) || a._order - b._order;
      };
      bodies.forEach(function (tb) {
        var list = Array.prototype.filter.call(tb.rows, function (tr) {
          return !tr.classList.contains("section-row");
        });
        list.sort(cmp).forEach(function (tr) { tb.appendChild(tr); });
      });
      headers.forEach(function (th, i) {
        if (i === col) th.setAttribute("aria-sort", dir);
        else th.removeAttribute("aria-sort");
      });
      status.textContent = "Sorted by " + headers[col].textContent.trim() + ", " + dir + ".";
    }

    // Columns: hide and show, remembered per dossier.
    var storeKey = "dossier-columns:" + (block.dataset.dossier || "");
    // The event column repeats the section headings: hidden until the reader asks for it.
    var hiddenCols = store(storeKey) || ["event"];
    var boxes = Array.prototype.slice.call(tools.querySelectorAll("[data-column]"));
    function applyColumns() {
      var hide = {};
      boxes.forEach(function (box) { if (!box.checked) hide[box.dataset.column] = true; });
      Array.prototype.forEach.call(table.querySelectorAll("[data-col]"), function (cell) {
        cell.hidden = !!hide[cell.dataset.col];
      });
      store(storeKey, Object.keys(hide));
    }
    boxes.forEach(function (box) {
      if (hiddenCols.indexOf(box.dataset.column) !== -1 && !box.disabled) box.checked = false;
      box.addEventListener("change", applyColumns);
    });
    applyColumns();
    tools.hidden = false;
    block.classList.add("is-enhanced");
    applyFilters();
  }

  function enhanceCopy(button) {
    var target = document.getElementById(button.dataset.copy);
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".comparison-block"), enhanceTable);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), enhanceCopy);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
