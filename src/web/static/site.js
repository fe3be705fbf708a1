/* global HTMLFormElement, HTMLElement, URLSearchParams, FormData, navigator, setTimeout */
// Folio's only script: it makes what already works with plain forms a little quicker.
// Upvotes without a reload, j/k to move between papers, "/" to focus search, copy BibTeX.
(function () {
  'use strict';

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upvote')) return;
    event.preventDefault();
    var button = form.querySelector('button');
    var vote = form.querySelector('input[name="vote"]');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        var count = form.querySelector('.count');
        if (count) count.textContent = String(state.upvotes);
        if (vote) vote.value = state.voted ? 'remove' : 'add';
        if (button) {
          button.setAttribute('aria-pressed', state.voted ? 'true' : 'false');
          button.disabled = false;
        }
      })
      .catch(function () {
        // Let the server answer the plain form: it explains sign-in, limits and errors.
        if (button) button.disabled = false;
        form.removeAttribute('data-upvote');
        form.submit();
      });
  });

  function typing(target) {
    return (
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
    );
  }

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === '/') {
      var search = document.getElementById('q');
      if (search) {
        event.preventDefault();
        search.focus();
      }
      return;
    }
    if (event.key !== 'j' && event.key !== 'k') return;
    var cards = Array.prototype.slice.call(document.querySelectorAll('[data-paper-card]'));
    if (cards.length === 0) return;
    var current = cards.findIndex(function (card) {
      return card.contains(document.activeElement);
    });
    var next = event.key === 'j' ? current + 1 : current - 1;
    if (current === -1) next = event.key === 'j' ? 0 : cards.length - 1;
    next = Math.max(0, Math.min(cards.length - 1, next));
    var link = cards[next].querySelector('h2 a, h3 a');
    if (link) {
      event.preventDefault();
      link.focus();
      cards[next].scrollIntoView({ block: 'nearest' });
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.textContent || '').then(function () {
        button.textContent = 'Copied';
        setTimeout(function () {
          button.textContent = 'Copy BibTeX';
        }, 2000);
      });
    });
  });
})();
