// The status page: polls /status.json (built by StatusDocument) and renders it. Every figure is
// computed on the server; this script only formats and draws. Text from the document is only ever
// set through textContent, never parsed as HTML.
(function () {
  "use strict";

  var POLL_MS = 2000;
  var charts = {};

  function $(id) { return document.getElementById(id); }

  function setText(id, text) { $(id).textContent = text; }

  function fmtInt(n) {
    return n === null || n === undefined ? "–" : Math.round(n).toLocaleString("en-US");
  }

  function fmtRate(x) {
    if (x === null || x === undefined) return "–";
    return x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US");
  }

  function fmtCredits(x) {
    if (x === null || x === undefined) return "–";
    return Number.isInteger(x) ? x.toLocaleString("en-US") : x.toFixed(1);
  }

  function fmtDuration(s) {
    if (s === null || s === undefined) return "–";
    if (s < 1) return s <= 0 ? "0 s" : "<1 s";
    if (s < 60) return Math.round(s) + " s";
    if (s < 3600) return Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
    var h = Math.floor(s / 3600);
    return h >= 48 ? Math.round(h / 24) + " days" : h + " h " + Math.round((s % 3600) / 60) + " min";
  }

  function last(list) { return list && list.length ? list[list.length - 1] : null; }

  function fillTable(id, rows, emptyText) {
    var body = $(id).tBodies[0];
    body.replaceChildren();
    if (!rows.length) {
      var tr = body.insertRow();
      var td = tr.insertCell();
      td.colSpan = 5;
      td.className = "empty";
      td.textContent = emptyText;
      return;
    }
    rows.forEach(function (cells) {
      var tr = body.insertRow();
      cells.forEach(function (cell) {
        var td = tr.insertCell();
        if (typeof cell === "number") {
          td.className = "num";
          td.textContent = fmtInt(cell);
        } else {
          td.textContent = cell === null || cell === undefined ? "–" : String(cell);
        }
      });
    });
  }

  function countRows(map) {
    return Object.keys(map)
      .map(function (k) { return [k, map[k]]; })
      .sort(function (a, b) { return b[1] - a[1]; });
  }

  function renderReadiness(doc) {
    var pill = $("readiness");
    var r = doc.readiness;
    if (r.status === "ready") {
      pill.className = "pill pill-ready";
      pill.textContent = "Ready";
    } else if (r.status === "halted") {
      pill.className = "pill pill-halted";
      pill.textContent = "Halted";
    } else {
      pill.className = "pill pill-other";
      pill.textContent = "Not ready: " + r.status;
    }
    var banner = $("halt-banner");
    if (doc.halt) {
      setText("halt-reason", doc.halt.reason);
      setText("halt-action", doc.halt.action);
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
    var notice = $("not-ready");
    if (r.status !== "ready" && !doc.halt) {
      notice.textContent = "Not ready (" + r.status + "): " + (r.reason || "") + (r.action ? " — " + r.action : "");
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
  }

  function renderTiles(doc) {
    var t = doc.totals, n = doc.now, q = doc.quota, s = doc.series;
    setText("total-in", fmtInt(t.in));
    setText("total-enriched", fmtInt(t.enriched));
    setText("total-unmatched", fmtInt(t.unmatched));
    setText("total-dead-letter", fmtInt(t.deadLetter));
    setText("total-requests", fmtInt(t.requests));
    setText("total-rate-limited", fmtInt(t.rateLimited));
    setText("total-retries", fmtInt(t.retries));
    setText("total-credits", fmtCredits(t.credits));
    setText("rate-in", fmtRate(last(s.inPerSecond)));
    setText("rate-enriched", fmtRate(last(s.enrichedPerSecond)));
    setText("rate-unmatched", fmtRate(last(s.unmatchedPerSecond)));
    setText("rate-dead-letter", fmtRate(last(s.deadLetterPerSecond)));

    setText("now-pending", fmtInt(n.pending));
    // The wait is measured as batches leave (the age of the backlog's head), kept for 2 minutes.
    setText("now-wait-label", n.pending > 0 ? "oldest wait" : "no backlog; longest wait in the last 2 min");
    setText("now-oldest-wait", fmtDuration(n.oldestWaitSeconds));
    setText("now-drain-label", doc.halt ? "drains" : "drains in");
    setText("now-drain", doc.halt ? "only after the halt clears" : fmtDuration(n.drainSeconds));
    $("now-drain-note").hidden = !!doc.halt;
    setText("now-last-send",
      n.pending > 0 && n.lastSendSecondsAgo !== null && n.lastSendSecondsAgo >= 10
        ? "no request sent for " + fmtDuration(n.lastSendSecondsAgo) : "");
    setText("now-in-flight", fmtInt(n.inFlight));
    setText("now-fill", n.batchFillPercent === null ? "–" : Math.round(n.batchFillPercent) + "%");
    setText("now-events-per-request", n.eventsPerRequest === null ? "–" : n.eventsPerRequest.toFixed(1));

    setText("quota-used", fmtInt(q.requestsInWindow));
    setText("quota-limit", fmtInt(q.limit));
    setText("quota-window", fmtDuration(q.windowSeconds));
    var bar = $("quota-bar");
    var share = Math.min(1, q.requestsInWindow / q.limit);
    bar.style.width = Math.round(share * 100) + "%";
    bar.className = share >= 1 ? "full" : "";
    setText("quota-key", q.keyLimit === null
      ? "the API has not reported the key's limit yet"
      : "API key: limit " + fmtInt(q.keyLimit) + ", remaining " + fmtInt(q.keyRemaining) + " (latest answer)");
  }

  function renderDeadLetters(doc) {
    var d = doc.deadLetters;
    fillTable("dead-letter-reasons", countRows(d.byReason), "none");
    fillTable("dead-letter-classes", countRows(d.byErrorClass), "none");
    fillTable("dead-letter-latest", d.latest.map(function (row) {
      return [new Date(row.at).toLocaleTimeString(), row.reason, row.errorClass, row.key, row.identifier];
    }), "no dead letters since start");
  }

  function renderExtraSections(doc) {
    var box = $("extra-sections");
    box.replaceChildren();
    Object.keys(doc.sections || {}).forEach(function (name) {
      var tile = document.createElement("div");
      tile.className = "tile";
      var label = document.createElement("div");
      label.className = "label";
      label.textContent = name;
      tile.appendChild(label);
      var entries = doc.sections[name];
      Object.keys(entries).forEach(function (key) {
        var line = document.createElement("div");
        line.className = "sub";
        var value = entries[key];
        line.textContent = key + ": " + (typeof value === "number" ? fmtRate(value) : String(value));
        tile.appendChild(line);
      });
      box.appendChild(tile);
    });
  }

  function chart(id, series, axes, data) {
    var el = $(id);
    if (!charts[id]) {
      charts[id] = new uPlot({
        width: Math.max(300, el.clientWidth),
        height: 200,
        series: [{}].concat(series),
        axes: [{ values: timeLabels }].concat(axes),
        scales: { x: { time: true }, pct: { range: [0, 100] } },
        legend: { live: false }
      }, data, el);
    } else {
      charts[id].setData(data);
    }
  }

  // Clock time only: uPlot's default adds a date row that collides with itself on short spans.
  function timeLabels(u, splits) {
    return splits.map(function (t) {
      return new Date(t * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    });
  }

  function line(label, color, scale, points) {
    return { label: label, stroke: color, width: 2, scale: scale || "y", spanGaps: false,
      points: { show: !!points },
      value: function (u, v) { return v === null ? "–" : fmtRate(v); } };
  }

  function renderCharts(doc) {
    var s = doc.series;
    if (s.t.length < 1) return;
    chart("chart-flow", [
      line("in", "#2f6fd6"), line("enriched", "#1e8e5a"),
      line("unmatched", "#8a8f98"), line("dead letter", "#c77700")
    ], [{ label: "events / s" }], [s.t, s.inPerSecond, s.enrichedPerSecond, s.unmatchedPerSecond, s.deadLetterPerSecond]);
    var limit = s.t.map(function () { return doc.quota.limit; });
    chart("chart-quota", [
      line("sent in window", "#2f6fd6"),
      { label: "limit", stroke: "#c62828", width: 1, dash: [6, 4], points: { show: false } }
    ], [{ label: "requests" }], [s.t, s.requestsInWindow, limit]);
    chart("chart-backlog", [line("pending", "#6a4cc2"), line("in flight", "#1e8e5a", "n")],
      [{ label: "pending" }, { side: 1, scale: "n", label: "in flight", grid: { show: false } }],
      [s.t, s.pending, s.inFlight]);
    chart("chart-fill", [line("batch fill %", "#2f6fd6", "pct", true), line("429s", "#c62828", "n")],
      [{ scale: "pct", label: "% full" }, { side: 1, scale: "n", label: "429s", grid: { show: false } }],
      [s.t, s.batchFillPercent, s.rateLimited]);
  }

  function render(doc) {
    renderReadiness(doc);
    renderTiles(doc);
    renderDeadLetters(doc);
    renderExtraSections(doc);
    renderCharts(doc);
    setText("updated", "updated " + new Date(doc.generatedAt).toLocaleTimeString());
    document.body.dataset.generatedAt = doc.generatedAt;
  }

  function poll() {
    fetch("/status.json", { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (doc) {
        $("connection-lost").hidden = true;
        render(doc);
      })
      .catch(function () { $("connection-lost").hidden = false; })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }

  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (id) {
      charts[id].setSize({ width: Math.max(300, $(id).clientWidth), height: 200 });
    });
  });

  poll();
})();
