// Running score of an instrument form (GB/T 42195): recomputes the first-level subtotals, the total, the preliminary
// level and the final level (grade-change rules C.4) as the form is filled in, from the definition the server rendered
// into data attributes. The server scores again on save and is authoritative; without script the panel stays hidden.
(function () {
  'use strict';
  var panel = document.getElementById('running-score');
  if (!panel) return;
  var form = panel.closest('form');
  if (!form) return;
  var bands = JSON.parse(panel.getAttribute('data-levels') || '[]');
  var names = JSON.parse(panel.getAttribute('data-level-names') || '[]');
  var stack = panel.getAttribute('data-stack') === 'true';
  var sections = Array.prototype.slice.call(form.querySelectorAll('[data-section]'));
  var separators = /[,，;；\s、]+/;

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value;
  }

  function levelFor(total) {
    for (var i = 0; i < bands.length; i++) {
      if (total >= bands[i].min && total <= bands[i].max) return bands[i].code;
    }
    return null;
  }

  function describe(code) {
    return code === null ? '—' : code + ' 级 · ' + names[code];
  }

  function icdCodes() {
    var field = form.elements.namedItem('diagnoses');
    if (!field || !field.value) return [];
    return field.value.split(separators).map(function (s) { return s.trim().toUpperCase(); })
      .filter(function (s) { return /^[A-Z][0-9]{2}/.test(s); });
  }

  function checked(name) {
    var field = form.elements.namedItem(name);
    return !!(field && field.checked);
  }

  function riskEvents() {
    var sum = 0;
    form.querySelectorAll('input[name^="riskEvents30d."]').forEach(function (input) {
      var n = parseInt(input.value, 10);
      if (!isNaN(n) && n > 0) sum += n;
    });
    return sum;
  }

  function finalLevel(preliminary) {
    if (checked('coma')) return 4;
    var codes = icdCodes();
    var dementia = codes.some(function (c) { return c[0] === 'F' && parseInt(c.substr(1, 2), 10) <= 3; });
    var mental = checked('psychiatristDiagnosed') && codes.some(function (c) { return c[0] === 'F' && parseInt(c.substr(1, 2), 10) >= 4; });
    var raises = dementia || mental ? 1 : 0;
    if (riskEvents() >= 2) raises = stack ? raises + 1 : 1;
    return Math.min(4, preliminary + raises);
  }

  function update() {
    var total = 0;
    var missing = 0;
    sections.forEach(function (section) {
      var subtotal = 0;
      section.querySelectorAll('[role="radiogroup"]').forEach(function (group) {
        var picked = group.querySelector('input[type="radio"]:checked');
        if (picked) subtotal += parseInt(picked.value, 10);
        else missing++;
      });
      total += subtotal;
      text('running-subtotal-' + section.getAttribute('data-section'), String(subtotal));
    });
    text('running-total', String(total));
    if (missing > 0) {
      text('running-level', '—');
      text('running-final', '—');
      text('running-missing', '尚有 ' + missing + ' 项未填写，填完后显示等级。');
    } else {
      var preliminary = levelFor(total);
      text('running-level', describe(preliminary));
      text('running-final', preliminary === null ? '—' : describe(finalLevel(preliminary)));
      text('running-missing', '已全部填写。保存时以服务器计分为准。');
    }
  }

  form.addEventListener('change', update);
  form.addEventListener('input', update);
  panel.hidden = false;
  update();
})();
