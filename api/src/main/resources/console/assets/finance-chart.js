/*
 * The console's GGR chart (issue 21): draws the report the page carries in
 * <script type="application/json" id="ggr-data"> (the API's answer) on <canvas id="ggr-chart">
 * with Chart.js. Amounts are the API's exact decimal strings; they become numbers here for drawing
 * only: the table on the page shows the exact figures. One bar series per currency (and partner,
 * when the report covers several), GGR by day, game or currency as the report is grouped.
 * A file of its own: the console's content policy runs no inline script.
 */
(function () {
    'use strict';
    var data = document.getElementById('ggr-data');
    var canvas = document.getElementById('ggr-chart');
    if (!data || !canvas || typeof Chart === 'undefined') {
        return;
    }
    var report = JSON.parse(data.textContent);
    var lines = report.lines || [];
    var key = function (line) {
        if (report.group_by === 'day') {
            return line.day;
        }
        if (report.group_by === 'game') {
            return line.game_id === '' ? '(bonuses)' : line.game_id;
        }
        return line.currency;
    };
    var partners = {};
    lines.forEach(function (line) { partners[line.partner_id] = true; });
    var manyPartners = Object.keys(partners).length > 1;
    var labels = [];
    var series = {};
    var order = [];
    lines.forEach(function (line) {
        var label = key(line);
        if (labels.indexOf(label) < 0) {
            labels.push(label);
        }
        var name = 'GGR ' + line.currency + (manyPartners ? ' · ' + line.partner_id : '');
        if (!series[name]) {
            series[name] = {};
            order.push(name);
        }
        series[name][label] = Number(line.ggr);
    });
    // The legend names each series, so a colour is never the only way to tell them apart.
    var colours = ['#0b5cad', '#a4161a', '#1d6b32', '#7a4a00', '#5b3a8c', '#00707a'];
    var datasets = order.map(function (name, i) {
        return {
            label: name,
            data: labels.map(function (label) { return series[name][label] === undefined ? null : series[name][label]; }),
            backgroundColor: colours[i % colours.length],
            borderColor: colours[i % colours.length],
            maxBarThickness: 48
        };
    });
    new Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: datasets },
        options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            plugins: { legend: { position: 'bottom' } },
            scales: { y: { title: { display: true, text: 'GGR (currency units)' } } }
        }
    });
    canvas.setAttribute('data-drawn', String(labels.length));
}());
