// Draws the dashboard charts from the tables beside them, which stay the source of truth (and
// what screen readers and people without JavaScript read). Chart.js is served by the portal and
// fetched only when a chart comes near the screen: the charts sit below the activities and the
// province grid, and on a slow link or a slow phone Chart.js was most of the first visit's bytes
// and its longest task (docs/decisions/0049).
(function () {
  "use strict";
  var canvases = document.querySelectorAll("canvas[data-chart-for]");
  var script = document.currentScript;
  var chartSrc = script && script.getAttribute("data-chart-src");
  if (canvases.length === 0 || !chartSrc) {
    return;
  }

  var colours = ["#0b4a85", "#b8860b", "#7a1f2b", "#1d5e2c", "#5a3e8a", "#4d5358"];
  // "40 T" rather than "40.000.000.000": axis numbers must not take half of a phone's width. Made
  // with the first chart: building a compact number format is a long task on a slow phone.
  var compact = null;
  function formatCompact(v) {
    compact = compact || new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "vi-VN", { notation: "compact" });
    return compact.format(v);
  }

  // Chart.js draws an array of strings as lines: break a name into lines of about 18 characters.
  function wrap(label) {
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= 18) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function readTable(table) {
    var series = Array.prototype.map.call(table.querySelectorAll("thead [data-series]"), function (th) {
      return { label: th.textContent.trim(), data: [] };
    });
    var labels = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      labels.push(row.querySelector("th").textContent.trim());
      row.querySelectorAll("td[data-value]").forEach(function (cell, i) {
        series[i].data.push(Number(cell.getAttribute("data-value")));
      });
    });
    return { labels: labels, series: series };
  }

  function draw(canvas) {
    var table = document.getElementById(canvas.getAttribute("data-chart-for"));
    if (!table || window.Chart.getChart(canvas)) {
      return;
    }

    var data = readTable(table);
    var stacked = table.getAttribute("data-chart") === "stacked";
    // Long category names (regions) would be drawn slanted over each other under narrow bars: such
    // charts lie on their side, one bar per line, with the name wrapped to the left of it.
    var longest = Math.max.apply(null, data.labels.map(function (l) { return l.length; }));
    var sideways = longest * data.labels.length > canvas.parentElement.clientWidth / 7;
    var valueAxis = { stacked: stacked, beginAtZero: true, ticks: { callback: formatCompact } };
    var categoryAxis = { stacked: stacked, ticks: { autoSkip: false, maxRotation: 0 } };
    var width = canvas.parentElement.clientWidth;
    // Sideways, the height grows with the number of bars (two lines of name each), whatever the width.
    var aspectRatio = sideways ? width / (44 * data.labels.length + 60) : canvas.width / canvas.height;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: sideways ? data.labels.map(wrap) : data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        responsive: true,
        aspectRatio: aspectRatio,
        animation: false,
        locale: "vi-VN",
        indexAxis: sideways ? "y" : "x",
        scales: sideways ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: { legend: { display: data.series.length > 1 } }
      }
    });
  }

  // One <script> for all charts, added once; each chart drawn when it comes near the screen.
  var loading = null;
  function withChart(then) {
    if (window.Chart) {
      then();
      return;
    }
    if (!loading) {
      loading = [];
      var tag = document.createElement("script");
      tag.src = chartSrc;
      tag.onload = function () {
        loading.forEach(function (f) { f(); });
      };
      document.head.appendChild(tag);
    }
    loading.push(then);
  }

  if (!("IntersectionObserver" in window)) {
    withChart(function () { canvases.forEach(draw); });
    return;
  }

  // A screen ahead: the chart is usually drawn before it is scrolled into view.
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        withChart(function () { draw(entry.target); });
      }
    });
  }, { rootMargin: "100% 0px" });
  canvases.forEach(function (canvas) { observer.observe(canvas); });
})();
