// The elder picker (Modules/Shared/_ElderPicker.cshtml): searches in place and fills the form's hidden ElderId.
// The search text is posted (POST /api/elders/search), so a full ID number or phone never appears in a URL. Without
// script the picker's GET form and its "选择" links do the same job on the server.
(function () {
  'use strict';
  var root = document.querySelector('[data-elder-picker]');
  if (!root || root.dataset.ready) return;
  root.dataset.ready = '1';
  var search = document.getElementById('elder-pick-search');
  var input = document.getElementById('elderQ');
  var status = document.getElementById('elder-pick-status');
  var list = document.getElementById('elder-pick-results');
  var chosen = document.getElementById('elder-pick-chosen');
  var line = document.getElementById('elder-pick-line');
  var confirm = document.getElementById('elderConfirmed');
  var hidden = document.getElementById('elderId');
  var busy = false;

  var say = function (text, isError) {
    status.textContent = text || '';
    status.className = isError ? 'form-error' : '';
  };
  var describe = function (e) {
    return e.name + '，' + e.age + ' 岁，' + e.sex + '，' + e.townshipName + '，' + e.idNumberMasked;
  };
  var navigate = root.dataset.navigate === 'true';
  var choose = function (e) {
    if (navigate) {
      var url = new URL(window.location.href);
      url.searchParams.delete('elderQ');
      url.searchParams.set('elderId', String(e.id));
      window.location.assign(url.pathname + url.search);
      return;
    }
    hidden.value = String(e.id);
    line.textContent = '已选择：' + describe(e);
    confirm.checked = false;
    chosen.hidden = false;
    list.innerHTML = '';
    say('已选择 ' + e.name + '，请核对后勾选“已核对”。', false);
    confirm.focus();
  };
  var show = function (page) {
    list.innerHTML = '';
    if (page.items.length === 0) {
      say('未找到符合条件的老年人。', false);
      return;
    }
    say('找到 ' + page.total + (page.totalCapped ? '+' : '') + ' 人' + (page.total > page.items.length ? '，只列出前 ' + page.items.length + ' 人，请输入更完整的姓名' : '') + '。', false);
    page.items.forEach(function (e) {
      var li = document.createElement('li');
      li.setAttribute('data-elder', String(e.id));
      var who = document.createElement('span');
      who.className = 'elder-pick-who';
      who.textContent = describe(e);
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'btn btn-sm btn-outline-primary';
      b.textContent = '选择';
      b.setAttribute('aria-label', '选择 ' + e.name + '（' + e.idNumberMasked + '）');
      b.addEventListener('click', function () { choose(e); });
      li.appendChild(who);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(b);
      list.appendChild(li);
    });
  };
  var problem = function (r) {
    return r.json().then(function (p) { return p.detail || p.title; }, function () { return null; }).then(function (text) {
      if (r.status === 429) return text || '查找过于频繁，请稍后再试，或按姓名查找。';
      if (r.status === 401) return '登录已过期，请重新登录后再查找。';
      return text || '查找失败，请稍后再试。';
    });
  };
  search.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (!q) { say('请输入姓名、身份证号或电话。', true); input.focus(); return; }
    if (busy) return;
    busy = true;
    say('正在查找…', false);
    fetch('/api/elders/search', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ q: q, page: 1, pageSize: 10 })
    }).then(function (r) {
      if (r.ok) return r.json().then(show);
      return problem(r).then(function (text) { list.innerHTML = ''; say(text, true); });
    }).catch(function () {
      say('网络连接失败，请检查网络后再查找。', true);
    }).then(function () { busy = false; });
  });
})();
