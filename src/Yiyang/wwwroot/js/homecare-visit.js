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
