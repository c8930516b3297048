// On-site inspection page: the representative signs with a finger on the canvas (the drawing goes to the hidden field as
// a PNG data URL when the form is sent), and a photo over 1 MB is scaled down to a JPEG before upload.
(function () {
    'use strict';
    var pad = document.getElementById('signature-pad');
    var field = document.getElementById('signaturePng');
    if (pad && field) {
        var ctx = pad.getContext('2d');
        var drawing = false, drawn = false;
        var fit = function () {
            var r = pad.getBoundingClientRect();
            pad.width = Math.round(r.width);
            pad.height = Math.round(r.height);
            ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.strokeStyle = '#000';
            drawn = false;
        };
        fit();
        var at = function (e) {
            var r = pad.getBoundingClientRect();
            return { x: e.clientX - r.left, y: e.clientY - r.top };
        };
        pad.addEventListener('pointerdown', function (e) {
            drawing = true;
            pad.setPointerCapture(e.pointerId);
            var p = at(e);
            ctx.beginPath(); ctx.moveTo(p.x, p.y);
        });
        pad.addEventListener('pointermove', function (e) {
            if (!drawing) return;
            var p = at(e);
            ctx.lineTo(p.x, p.y); ctx.stroke();
            drawn = true;
        });
        var end = function () { drawing = false; };
        pad.addEventListener('pointerup', end);
        pad.addEventListener('pointercancel', end);
        document.getElementById('clear-signature').addEventListener('click', function () {
            ctx.clearRect(0, 0, pad.width, pad.height);
            drawn = false;
        });
        pad.closest('form').addEventListener('submit', function () {
            field.value = drawn ? pad.toDataURL('image/png') : '';
        });
    }

    var photo = document.getElementById('photo');
    if (photo && window.DataTransfer && window.createImageBitmap) {
        photo.addEventListener('change', function () {
            var file = photo.files && photo.files[0];
            if (!file || file.size <= 1000000 || !/^image\//.test(file.type)) return;
            createImageBitmap(file).then(function (img) {
                var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
                var c = document.createElement('canvas');
                c.width = Math.round(img.width * scale);
                c.height = Math.round(img.height * scale);
                c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
                c.toBlob(function (blob) {
                    if (!blob) return;
                    var dt = new DataTransfer();
                    dt.items.add(new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' }));
                    photo.files = dt.files;
                }, 'image/jpeg', 0.8);
            });
        });
    }
})();
