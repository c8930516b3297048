// Free-beds page: choosing another district reloads the page with that district (township reset), so the township
// list follows at once. Without script the 查询 button does the same: the server ignores a township of another district.
(function () {
    'use strict';
    var form = document.getElementById('free-beds-form');
    var district = document.getElementById('district');
    var township = document.getElementById('regionCode');
    if (!form || !district) return;
    var hint = document.getElementById('district-hint');
    if (hint) hint.textContent = '选好区县后页面会自动刷新，乡镇、街道列表会换成该区县的。';
    district.addEventListener('change', function () {
        if (township) township.value = '';
        form.submit();
    });
})();
