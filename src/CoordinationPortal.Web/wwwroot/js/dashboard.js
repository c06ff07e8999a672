// Draws the dashboard charts from the tables beside them, which stay the source of truth (and
// what screen readers and people without JavaScript read). Chart.js is served by the portal.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }

  var colours = ["#0b4a85", "#b8860b", "#7a1f2b", "#1d5e2c", "#5a3e8a", "#4d5358"];

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

  document.querySelectorAll("canvas[data-chart-for]").forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute("data-chart-for"));
    if (!table) {
      return;
    }

    var data = readTable(table);
    var stacked = table.getAttribute("data-chart") === "stacked";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        responsive: true,
        animation: false,
        locale: "vi-VN",
        scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } },
        plugins: { legend: { display: data.series.length > 1 } }
      }
    });
  });
})();
