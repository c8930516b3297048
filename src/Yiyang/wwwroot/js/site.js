// Small progressive enhancements; every page works without them.
(function () {
  'use strict';
  // 长辈版 switch: larger text and targets, remembered for a year
  var sw = document.getElementById('mode-switch');
  if (sw) {
    sw.addEventListener('click', function () {
      var on = document.documentElement.classList.toggle('elder-mode');
      document.cookie = 'yy.mode=' + (on ? 'elder' : 'standard') + '; path=/; max-age=31536000; SameSite=Lax';
      sw.setAttribute('aria-pressed', on ? 'true' : 'false');
      sw.textContent = on ? '标准版' : '长辈版';
    });
  }
  // focus the first field with an error so keyboard and screen-reader users land on it
  var firstInvalid = document.querySelector('[aria-invalid="true"]');
  if (firstInvalid) firstInvalid.focus();
  // region cascade: <select data-region-children-of="id-of-parent-select">
  document.querySelectorAll('select[data-region-parent]').forEach(function (child) {
    var parent = document.getElementById(child.getAttribute('data-region-parent'));
    if (!parent) return;
    parent.addEventListener('change', function () {
      if (!parent.value) return;
      fetch('/api/regions/' + encodeURIComponent(parent.value) + '/children', { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) {
          child.innerHTML = '';
          var empty = document.createElement('option');
          empty.value = ''; empty.textContent = '请选择';
          child.appendChild(empty);
          list.forEach(function (r) {
            var o = document.createElement('option');
            o.value = r.code; o.textContent = r.name;
            child.appendChild(o);
          });
        });
    });
  });
  // print buttons: <button data-print>
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  // charts: <div class="chart" data-chart='{"labels":[...],"values":[...],"type":"bar|line","target":n}'>
  if (window.echarts) {
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var d = JSON.parse(el.getAttribute('data-chart'));
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        textStyle: { fontSize: 16 },
        grid: { left: 60, right: 20, top: 30, bottom: 80 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: d.labels, axisLabel: { fontSize: 14, rotate: d.labels.length > 5 ? 30 : 0, color: '#1a1a1a' } },
        yAxis: { type: 'value', axisLabel: { fontSize: 14, color: '#1a1a1a' } },
        series: [{
          type: d.type === 'line' ? 'line' : 'bar', data: d.values, itemStyle: { color: '#0b5394' }, connectNulls: false,
          label: { show: true, position: 'top', fontSize: 14, color: '#1a1a1a' },
          markLine: d.target == null ? undefined : { symbol: 'none', label: { formatter: '目标 ' + d.target, fontSize: 14 }, lineStyle: { color: '#b00020', type: 'dashed' }, data: [{ yAxis: d.target }] }
        }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
})();
// the elder picker's script, on pages that show the picker (Modules/Shared/_ElderPicker.cshtml)
(function () {
  'use strict';
  if (!document.querySelector('[data-elder-picker]')) return;
  var s = document.createElement('script');
  s.src = '/js/elder-picker.js';
  document.body.appendChild(s);
})();
