// The operators' live queue (/Emergency): listens to the console stream and reloads the queue on every change, with a
// visual cue (and a tone when switched on) for new, raised and escalated incidents and ringing calls. The queue is always
// re-read from the server, so a missed or repeated event never leaves it wrong.
(function () {
  'use strict';
  var root = document.getElementById('console');
  if (!root || !window.EventSource) return;
  var status = document.getElementById('live-status');
  var alertBox = document.getElementById('live-alert');
  var queue = document.getElementById('queue');
  var toggle = document.getElementById('sound-toggle');
  var audio = null;
  var pending = null;
  var cues = { opened: '新事件', raised: '事件优先级提高', escalated: '事件超时未受理，已升级', ringing: '来电振铃' };

  function setStatus(text, ok) {
    status.textContent = text;
    status.classList.toggle('live-ok', ok);
    status.classList.toggle('live-down', !ok);
  }

  function soundOn() { return toggle.getAttribute('aria-pressed') === 'true'; }

  function tone(priority) {
    if (!audio || !soundOn()) return;
    var beeps = priority === 1 ? 3 : 1;
    for (var i = 0; i < beeps; i++) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = priority === 1 ? 880 : 660;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      var at = audio.currentTime + i * 0.35;
      osc.start(at);
      osc.stop(at + 0.2);
    }
  }

  toggle.addEventListener('click', function () {
    var on = !soundOn();
    if (on && !audio && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
    }
    toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
    toggle.textContent = on ? '关闭提示音' : '开启提示音';
  });

  function reload(flashId) {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () {
      pending = null;
      fetch(root.dataset.queue, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) {
          queue.innerHTML = html;
          if (flashId) {
            var row = queue.querySelector('tr[data-incident="' + flashId + '"]');
            if (row) row.classList.add('flash');
          }
          root.dataset.reloads = String(Number(root.dataset.reloads || '0') + 1);
        })
        .catch(function () { setStatus('队列刷新失败，请点“刷新”', false); });
    }, 250);
  }

  function onChange(e) {
    var d = JSON.parse(e.data);
    root.dataset.lastEvent = e.lastEventId;
    var cue = cues[d.change];
    if (cue) {
      alertBox.hidden = false;
      alertBox.textContent = cue + (d.priority ? '（' + d.priority + ' 级）' : '') + ' · ' + new Date().toLocaleTimeString('zh-CN');
      tone(d.priority);
    }
    reload(d.incidentId);
  }

  var source = new EventSource(root.dataset.stream + '?after=' + encodeURIComponent(root.dataset.after || '0'));
  source.addEventListener('ready', function () { setStatus('实时更新已连接', true); });
  source.addEventListener('incident', onChange);
  source.addEventListener('call', onChange);
  source.addEventListener('error', function () { setStatus('连接中断，正在重连…', false); });
  source.addEventListener('open', function () { setStatus('实时更新已连接', true); });
})();
