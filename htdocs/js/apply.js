// htdocs/js/apply.js: shows the fee as the application form changes (the 计算费用 button does the same without JavaScript).
(function () {
  'use strict';
  var form = document.querySelector('form.apply-form');
  var fee = document.getElementById('fee');
  if (!form || !fee || !window.fetch) {
    return;
  }
  var names = ['subject', 'kind', 'project', 'years', 'cert_count'];
  var latest = 0; // the newest request: answers may come back in another order

  function update() {
    var asked = ++latest;
    var params = new URLSearchParams();
    params.set('page', 'fee');
    names.forEach(function (name) {
      var input = form.elements[name];
      if (input && input.value) {
        params.set(name, input.value);
      }
    });
    fetch(form.getAttribute('action') + '?' + params.toString(), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (asked !== latest) {
          return; // a later change has asked since: its answer is the one to show
        }
        fee.textContent = '';
        if (text && /^[0-9]+\.[0-9]{2}$/.test(text)) {
          var strong = document.createElement('strong');
          strong.textContent = text;
          fee.appendChild(strong);
          fee.appendChild(document.createTextNode(' 元'));
        } else {
          fee.textContent = '选择项目应用和申请年限后显示';
        }
      })
      .catch(function () {});
  }

  ['project', 'years', 'cert_count'].forEach(function (name) {
    var input = form.elements[name];
    if (input) {
      input.addEventListener('change', update);
    }
  });
}());
