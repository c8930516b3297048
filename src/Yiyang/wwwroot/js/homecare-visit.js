// Home visit page: adds the phone's position (with its accuracy) to the check-in when the browser allows it.
// Without permission, without a fix within 8 s, or without script, the check-in is sent without a position.
(function () {
    'use strict';
    var form = document.getElementById('checkin-form');
    if (!form || !navigator.geolocation) return;
    var sent = false;
    form.addEventListener('submit', function (e) {
        if (sent) return;
        e.preventDefault();
        var button = document.getElementById('checkin-submit');
        if (button) { button.disabled = true; button.textContent = '正在定位…'; }
        var finish = function () { sent = true; form.submit(); };
        navigator.geolocation.getCurrentPosition(function (p) {
            form.elements.Latitude.value = p.coords.latitude.toFixed(6);
            form.elements.Longitude.value = p.coords.longitude.toFixed(6);
            form.elements.AccuracyMeters.value = Math.round(p.coords.accuracy);
            finish();
        }, finish, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 });
    });
})();

// Vitals: a warning beside a field whose value is beyond the elder's alert threshold, as it is typed. The thresholds
// come from the page (data-alert-ge / -gt / -lt); without script the saved warning is shown after saving.
(function () {
    'use strict';
    var form = document.getElementById('vitals-form');
    if (!form) return;
    var inputs = form.querySelectorAll('input[data-label]');
    var check = function (input) {
        var warning = document.getElementById(input.id + '-warning');
        if (!warning) return;
        var v = parseFloat(input.value);
        var d = input.dataset;
        var text = null;
        if (!isNaN(v)) {
            if (d.alertGe && v >= parseFloat(d.alertGe)) text = '≥ ' + d.alertGe;
            else if (d.alertGt && v > parseFloat(d.alertGt)) text = '> ' + d.alertGt;
            else if (d.alertLt && v < parseFloat(d.alertLt)) text = '< ' + d.alertLt;
        }
        if (text) {
            warning.textContent = '⚠ 超出预警阈值：' + d.label + ' ' + input.value + ' ' + d.unit + '（' + text + '），保存后将通知责任医生和呼叫中心。';
            warning.hidden = false;
        } else {
            warning.textContent = '';
            warning.hidden = true;
        }
    };
    Array.prototype.forEach.call(inputs, function (input) {
        input.addEventListener('input', function () { check(input); });
    });
})();
