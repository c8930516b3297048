// Bed board, admission form: shows the fields of the chosen way of naming the elder — the elder picker (本机构的老人,
// outside the form) or the ID card (身份证号 + 姓名). Without script both stay visible and the radio choice decides.
(function () {
    'use strict';
    var form = document.getElementById('admit-form');
    if (!form) return;
    var radios = form.querySelectorAll('input[name="AdmitBy"]');
    var show = function () {
        var chosen = 'elder';
        radios.forEach(function (r) { if (r.checked) chosen = r.value; });
        document.querySelectorAll('[data-admit-by]').forEach(function (el) {
            el.hidden = el.getAttribute('data-admit-by') !== chosen;
        });
    };
    radios.forEach(function (r) { r.addEventListener('change', show); });
    show();
})();
