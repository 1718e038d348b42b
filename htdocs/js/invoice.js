// htdocs/js/invoice.js: 发票管理: shows only the chosen title's details under the 发票抬头 select (without JavaScript every title's details are listed), and asks before a title is deleted.
(function () {
  'use strict';
  var select = document.getElementById('f-title');
  var preview = document.getElementById('title-preview');
  if (select && preview) {
    var cards = preview.querySelectorAll('.title-card');
    var update = function () {
      for (var i = 0; i < cards.length; i++) {
        var chosen = cards[i].getAttribute('data-title') === select.value;
        cards[i].hidden = !chosen;
        cards[i].classList.toggle('is-selected', chosen);
      }
    };
    preview.classList.add('is-live');
    select.addEventListener('change', update);
    update();
  }
  var forms = document.querySelectorAll('form.title-delete');
  for (var j = 0; j < forms.length; j++) {
    forms[j].addEventListener('submit', function (event) {
      if (!window.confirm('确定删除该发票抬头吗？已提交的开票申请不受影响。')) {
        event.preventDefault();
      }
    });
  }
}());
