// The dashboard's script (see html.rs): plain JavaScript, inlined in the page, no build step.
// The data is in the element #data, each report's text in #text-N (zlib, base64, in a JSON
// string: inflated by DecompressionStream when it is opened); the view's
// state (filters, sort, page, open report) is the address's fragment. Text from the reports is
// only ever put on the page through esc().
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var REPORTS = data.reports;
  // A finding's message, help and fix are indices in this table.
  var STR = data.strings;
  var RULES = {};
  data.rules.forEach(function (r) { RULES[r.id] = r; });
  var SEV = { error: "错误", warning: "警告", info: "提示" };
  var SEV_KEY = { error: "e", warning: "w", info: "i" };
  var RES = { pass: "通过", fail: "不通过", unreadable: "无法读取" };
  var RES_ORDER = { fail: 0, unreadable: 1, pass: 2 };
  var PAGE = 50;
  var KEYS = ["q", "region", "agency", "year", "severity", "rule", "result", "sort", "desc", "page", "report", "text"];
  var byPath = {};
  REPORTS.forEach(function (r, j) {
    r.k = j + 1;
    byPath[r.path] = r.k;
    var rs = {};
    for (var n = 0; n < r.f.length; n++) rs[r.f[n].r] = true;
    r.rs = rs;
  });

  // The folder all reports are in: the table shows the paths under it.
  var PREFIX = (function () {
    if (REPORTS.length < 2) return "";
    var p = REPORTS[0].path;
    for (var j = 1; j < REPORTS.length && p; j++) {
      var q = REPORTS[j].path, n = 0;
      while (n < p.length && n < q.length && p.charCodeAt(n) === q.charCodeAt(n)) n++;
      p = p.slice(0, n);
    }
    return p.slice(0, Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\")) + 1);
  })();

  function $(id) { return document.getElementById(id); }
  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) { return ESC[c]; });
  }
  function ruleName(id) { return RULES[id] ? RULES[id].zh : id; }
  function problem(id) { return esc(ruleName(id)) + " <code>" + esc(id) + "</code>"; }

  // --- the view's state, in the address's fragment ---
  function readHash() {
    var s = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i <= 0) return;
      var k = kv.slice(0, i), v;
      try { v = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }
      if (KEYS.indexOf(k) >= 0 && v) s[k] = v;
    });
    return s;
  }
  function hashOf(s) {
    var parts = [];
    KEYS.forEach(function (k) { if (s[k]) parts.push(k + "=" + encodeURIComponent(s[k])); });
    return "#" + parts.join("&");
  }
  function withState(s, change) {
    var n = {};
    KEYS.forEach(function (k) { if (s[k]) n[k] = s[k]; });
    for (var k in change) n[k] = change[k];
    return n;
  }
  function go(s) { location.hash = hashOf(s); }

  // --- filters ---
  function addOptions(id, items) {
    var el = $(id);
    el.insertAdjacentHTML("beforeend", items.map(function (it) {
      return '<option value="' + esc(it[0]) + '">' + esc(it[1]) + "</option>";
    }).join(""));
  }
  (function () {
    var groups = {}, years = {}, agencies = {};
    REPORTS.forEach(function (r) {
      groups[r.group] = (groups[r.group] || 0) + 1;
      var y = r.year == null ? "none" : String(r.year);
      years[y] = (years[y] || 0) + 1;
      if (r.agency) agencies[r.agency] = true;
    });
    addOptions("f-region", Object.keys(groups).sort(function (a, b) {
      return groups[b] - groups[a] || (a < b ? -1 : a > b ? 1 : 0);
    }).map(function (g) { return [g, g + "（" + groups[g] + "）"]; }));
    addOptions("f-year", Object.keys(years).sort().reverse().map(function (y) {
      return [y, (y === "none" ? "未识别" : y + " 年") + "（" + years[y] + "）"];
    }));
    addOptions("f-rule", data.rules.map(function (r) {
      return [r.id, r.zh + " " + r.id + "（" + r.reports + " 份）"];
    }));
    $("agencies").innerHTML = Object.keys(agencies).sort().map(function (a) {
      return '<option value="' + esc(a) + '">';
    }).join("");
  })();

  function matches(r, s) {
    if (s.region && r.group !== s.region) return false;
    if (s.agency && (r.agency || "").indexOf(s.agency) < 0) return false;
    if (s.year && (r.year == null ? "none" : String(r.year)) !== s.year) return false;
    if (s.severity && !(r[SEV_KEY[s.severity]] > 0)) return false;
    if (s.rule && !r.rs[s.rule]) return false;
    if (s.result && r.result !== s.result) return false;
    if (s.q && r.path.indexOf(s.q) < 0) return false;
    return true;
  }
  function sortKey(name) {
    switch (name) {
      case "agency": return function (r) { return r.agency || ""; };
      case "region": return function (r) { return r.region || ""; };
      case "year": return function (r) { return r.year == null ? -1 : r.year; };
      case "result": return function (r) { return RES_ORDER[r.result]; };
      case "e": case "w": case "i": return function (r) { return r[name]; };
      default: return function (r) { return r.path; };
    }
  }
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function syncControls(s) {
    ["q", "region", "agency", "year", "severity", "rule", "result"].forEach(function (k) {
      var el = $("f-" + k);
      if (el.value !== (s[k] || "")) el.value = s[k] || "";
    });
  }

  function renderList(s) {
    var rows = [], fail = 0;
    for (var j = 0; j < REPORTS.length; j++) {
      if (matches(REPORTS[j], s)) {
        rows.push(REPORTS[j]);
        if (REPORTS[j].result === "fail") fail++;
      }
    }
    if (s.sort) {
      var key = sortKey(s.sort), dir = s.desc ? -1 : 1;
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = typeof x === "string" ? collator.compare(x, y) : x - y;
        return c * dir || a.k - b.k;
      });
    }
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    var page = Math.min(Math.max(1, parseInt(s.page, 10) || 1), pages);
    var html = [];
    rows.slice((page - 1) * PAGE, page * PAGE).forEach(function (r) {
      html.push('<tr class="result-' + r.result + '" data-report="' + r.k + '"><td class="path"><a href="' +
        esc(hashOf(withState(s, { report: String(r.k), text: "" }))) + '" title="' + esc(r.path) + '">' +
        esc(r.path.slice(PREFIX.length)) + "</a></td><td>" +
        esc(r.agency || "未识别") + "</td><td>" + esc(r.region || "未识别") + '</td><td class="nw">' +
        (r.year == null ? "" : r.year) + '</td><td class="res nw">' + RES[r.result] + '</td><td class="num">' +
        r.e + '</td><td class="num">' + r.w + '</td><td class="num">' + r.i + "</td></tr>");
    });
    $("reports").tBodies[0].innerHTML = html.join("");
    $("list-status").innerHTML = '符合条件的报告 <b id="shown-count">' + rows.length + "</b> 份（共 " +
      REPORTS.length + ' 份），其中有错误 <b id="shown-fail">' + fail + "</b> 份" +
      (rows.length ? "；第 <b id=\"page-no\">" + page + "</b> / " + pages + " 页" : "") +
      (PREFIX ? "。文件都在 <code>" + esc(PREFIX) + "</code> 下" : "");
    var pager = "";
    if (page > 1) pager += '<a href="' + esc(hashOf(withState(s, { page: String(page - 1) }))) + '" id="prev">上一页</a> ';
    if (page < pages) pager += '<a href="' + esc(hashOf(withState(s, { page: String(page + 1) }))) + '" id="next">下一页</a>';
    document.querySelector(".pager").innerHTML = pager;
    Array.prototype.forEach.call(document.querySelectorAll("#reports th[data-sort]"), function (th) {
      if (th.getAttribute("data-sort") === s.sort) {
        th.setAttribute("aria-sort", s.desc ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  // --- one report: the 问题清单 and the annotated text ---
  function related(f, s) {
    if (!f.rel) return "";
    return f.rel.map(function (x) {
      var k = byPath[x.path];
      var name = k
        ? '<a class="related" href="' + esc(hashOf(withState(s, { report: String(k) }))) + '">' + esc(x.path) + "</a>"
        : esc(x.path);
      return '<div class="help related">对照：' + name + " " + esc(x.at) + "（" + esc(x.m) + "）" +
        (x.q ? "：" + esc(x.q) : "") + "</div>";
    }).join("");
  }
  function fix(f) {
    return f.x != null ? '<div class="fix">' + (f.xs ? "可自动修复：" : "建议：") + esc(STR[f.x]) + "</div>" : "";
  }
  function explain(f, s) {
    return '<div class="explain sev-' + f.s + '" data-finding data-severity="' + f.s + '" data-rule="' + esc(f.r) +
      '"><span class="badge">' + SEV[f.s] + "</span> " + problem(f.r) + " " + esc(f.at) + "：" + esc(STR[f.m]) +
      (f.h != null ? '<div class="help">' + esc(STR[f.h]) + "</div>" : "") + related(f, s) + fix(f) + "</div>";
  }
  // A report's text, inflated once (a promise); null while its element is not read yet.
  var TEXTS = {};
  function loadText(k) {
    if (TEXTS[k]) return TEXTS[k];
    var el = $("text-" + k);
    if (!el) return null;
    TEXTS[k] = new Promise(function (ok) {
      var bin = atob(JSON.parse(el.textContent)), bytes = new Uint8Array(bin.length);
      for (var j = 0; j < bin.length; j++) bytes[j] = bin.charCodeAt(j);
      var inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
      ok(new Response(inflated).text());
    });
    return TEXTS[k];
  }
  function annotated(r, s, text) {
    // Lines as reportlint counts them: ended by \n, \r\n or a lone \r.
    var starts = [0], ends = [];
    for (var j = 0; j < text.length; j++) {
      var c = text.charCodeAt(j);
      if (c === 10 || c === 13) {
        ends.push(j);
        if (c === 13 && text.charCodeAt(j + 1) === 10) j++;
        starts.push(j + 1);
      }
    }
    ends.push(text.length);
    var byLine = {};
    r.f.forEach(function (f) {
      var a = Math.min(f.a, text.length), lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= a) lo = mid; else hi = mid - 1;
      }
      (byLine[lo] = byLine[lo] || []).push(f);
    });
    var out = ['<div class="text">'];
    for (var ln = 0; ln < starts.length; ln++) {
      var at = starts[ln], end = ends[ln], fs = byLine[ln], line = "";
      if (fs) {
        fs.slice().sort(function (x, y) { return x.a - y.a || x.b - y.b; }).forEach(function (f) {
          var st = Math.min(Math.max(f.a, at), end), en = Math.max(Math.min(f.b, end), st);
          line += esc(text.slice(at, st)) + '<mark class="sev-' + f.s + '" title="' + esc(f.r + " " + STR[f.m]) + '">' +
            (st === en ? "▲" : esc(text.slice(st, en))) + "</mark>";
          at = en;
        });
      }
      line += esc(text.slice(at, end));
      out.push('<div class="line"><span class="ln">' + (ln + 1) + "</span>" + line + "</div>");
      if (fs) fs.forEach(function (f) { out.push(explain(f, s)); });
    }
    out.push("</div>");
    return out.join("");
  }
  function renderDetail(s, r) {
    var h = '<div class="actions no-print"><a href="' + esc(hashOf(withState(s, { report: "", text: "" }))) +
      '" id="back">← 返回报告列表</a><button type="button" id="print">打印问题清单</button>';
    if (r.text) {
      h += s.text
        ? '<a href="' + esc(hashOf(withState(s, { text: "" }))) + '" id="toggle-text">收起标注原文</a>'
        : '<a href="' + esc(hashOf(withState(s, { text: "1" }))) + '" id="toggle-text">查看标注原文</a>';
    }
    h += '</div><div id="checklist"><h1>问题清单</h1><p class="meta">文件：' + esc(r.path) + "<br>机关：" +
      esc(r.agency || "未识别") + "　地区：" + esc(r.region || "未识别") + "　年度：" +
      (r.year == null ? "未识别" : r.year) + '<br>结果：<b class="result-' + r.result + '">' + RES[r.result] +
      '</b>　错误 <b id="report-e">' + r.e + '</b> 处，警告 <b id="report-w">' + r.w + '</b> 处，提示 <b id="report-i">' +
      r.i + "</b> 处</p>";
    if (!r.f.length) {
      h += "<p>未发现问题。</p>";
    } else {
      h += '<table class="checklist"><thead><tr><th class="num">序号</th><th>级别</th><th>问题</th><th>位置</th>' +
        "<th>原文</th><th>修改建议</th></tr></thead><tbody>";
      r.f.forEach(function (f, j) {
        h += '<tr data-severity="' + f.s + '"><td class="num">' + (j + 1) + '</td><td class="sev-' + f.s + ' nw">' +
          SEV[f.s] + "</td><td>" + problem(f.r) + '<div class="msg">' + esc(STR[f.m]) + "</div>" + related(f, s) +
          "</td><td class=\"at\">" + esc(f.at) + '</td><td class="q">' + esc(f.q) + "</td><td>" + (f.h != null ? esc(STR[f.h]) : "") +
          fix(f) + "</td></tr>";
      });
      h += "</tbody></table>";
    }
    h += "</div>";
    var opened = s.text && r.text;
    if (opened) h += '<div id="annotated" class="no-print"><h2>标注原文</h2><p id="loading-text">正在载入…</p></div>';
    var d = $("detail");
    d.innerHTML = h;
    d.hidden = false;
    $("print").addEventListener("click", function () { window.print(); });
    if (!opened) return null;
    // The text is drawn when it is inflated, if the view still shows it; the box then carries
    // data-text-ms (milliseconds from the click to the drawn text) for the tests and the
    // measurement.
    var box = $("annotated"), t0 = performance.now();
    var done = function (html) {
      if (!box.isConnected) return;
      box.innerHTML = "<h2>标注原文</h2>" + html;
      box.setAttribute("data-text-ms", String(Math.round(performance.now() - t0)));
    };
    var failed = function () {
      done('<p class="sev-error">无法显示原文：这个浏览器不能解压页面中的原文，请用新版的 Edge、Chrome 或 Firefox 打开。</p>');
    };
    var loading = loadText(r.k);
    if (!loading) {
      // Its element is not read yet: drawn again once the page is (DOMContentLoaded below).
      if (document.readyState !== "loading") failed();
      return null;
    }
    return loading.then(function (text) { done(annotated(r, s, text)); }, failed);
  }

  // Draws the view of the address; returns a promise when part of it (a text) comes later.
  function render() {
    var s = readHash();
    syncControls(s);
    var k = parseInt(s.report, 10);
    var r = k >= 1 && k <= REPORTS.length ? REPORTS[k - 1] : null;
    document.body.classList.toggle("detail", !!r);
    document.body.setAttribute("data-view", r ? "report" : "list");
    if (r) {
      var later = renderDetail(s, r);
      window.scrollTo(0, 0);
      return later;
    }
    $("detail").hidden = true;
    $("detail").innerHTML = "";
    renderList(s);
    return null;
  }

  // --- controls ---
  ["region", "year", "severity", "rule", "result"].forEach(function (k) {
    $("f-" + k).addEventListener("change", function () {
      var change = { page: "", report: "" };
      change[k] = this.value;
      go(withState(readHash(), change));
    });
  });
  ["q", "agency"].forEach(function (k) {
    $("f-" + k).addEventListener("change", function () {
      var change = { page: "", report: "" };
      change[k] = this.value.trim();
      go(withState(readHash(), change));
    });
  });
  $("f-clear").addEventListener("click", function (e) {
    e.preventDefault();
    go({});
  });
  Array.prototype.forEach.call(document.querySelectorAll("#reports th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var s = readHash(), key = th.getAttribute("data-sort");
      var numeric = key === "e" || key === "w" || key === "i";
      var desc = s.sort === key ? (s.desc ? "" : "1") : (numeric ? "1" : "");
      go(withState(s, { sort: key, desc: desc, page: "" }));
    });
  });
  // A link in the summary filters the table and brings it into view.
  $("summary").addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#']");
    if (!a) return;
    e.preventDefault();
    location.hash = a.getAttribute("href");
    $("list").scrollIntoView();
  });
  window.addEventListener("hashchange", render);

  function start() {
    var later = render();
    // Markers for the browser tests and the load-time measurement (docs/output.md): the view
    // opened by the address is drawn, its text included.
    var ready = function () {
      document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
      document.body.setAttribute("data-ready", "yes");
    };
    if (later) later.then(ready, ready); else ready();
  }
  // The texts come after this script: a report opened by the address waits for them, and a
  // text opened while they are still being read is drawn again once they are.
  if (document.readyState === "loading" && readHash().report) {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
    document.addEventListener("DOMContentLoaded", function () {
      if (readHash().text) render();
    });
  }
  window.addEventListener("load", function () {
    document.body.setAttribute("data-loaded-ms", String(Math.round(performance.now())));
  });
})();
