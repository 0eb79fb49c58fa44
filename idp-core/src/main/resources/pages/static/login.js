// The login page's only script (served from /static, CSP script-src 'self'): polls the
// transaction's status and continues to the service once the card has signed.
(function () {
  'use strict';
  var root = document.getElementById('login');
  if (!root) { return; }
  var statusUrl = root.getAttribute('data-status-url');
  var continueUrl = root.getAttribute('data-continue-url');
  var message = document.getElementById('message');
  var back = document.getElementById('back');

  function show(ja, en, isError) {
    message.textContent = '';
    var pJa = document.createElement('p');
    pJa.lang = 'ja';
    pJa.textContent = ja || '';
    var pEn = document.createElement('p');
    pEn.lang = 'en';
    pEn.className = 'en';
    pEn.textContent = en || '';
    message.appendChild(pJa);
    message.appendChild(pEn);
    message.className = isError ? 'error' : '';
  }

  function poll() {
    fetch(statusUrl, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (s) {
        if (s.status === 'pending') {
          window.setTimeout(poll, 2000);
        } else if (s.status === 'verified') {
          show(s.message_ja, s.message_en, false);
          window.location.assign(continueUrl);
        } else {
          show(s.message_ja || s.error_description, s.message_en || s.error_description, true);
          if (s.status === 'failed' || s.status === 'expired') { back.hidden = false; }
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  poll();
}());
