// Live counters of the dashboard: every few seconds, fetch /console/live and update the numbers in
// place. Plain DOM and fetch, no library: every asset is served by the gateway itself. Values are
// written with textContent only, never as HTML.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-url]');
  if (!root) {
    return;
  }
  var url = root.getAttribute('data-live-url');
  var interval = parseInt(root.getAttribute('data-live-interval'), 10) || 5000;
  var status = document.getElementById('live-status');

  function say(text, problem) {
    if (status) {
      status.textContent = text;
      status.className = problem ? 'live-problem' : '';
    }
  }

  function setText(element, value) {
    if (element && element.textContent !== String(value)) {
      element.textContent = value;
    }
  }

  function render(live) {
    var counts = live.counts;
    var outcomes = Object.keys(counts.byOutcome);
    outcomes.forEach(function (outcome) {
      setText(root.querySelector('[data-counter="' + outcome + '"]'), counts.byOutcome[outcome]);
    });
    Object.keys(counts.byDirection).forEach(function (direction) {
      setText(document.getElementById('direction-' + direction), counts.byDirection[direction]);
    });
    setText(document.getElementById('dead-letter-count'), live.deadLetters + (live.moreDeadLetters ? '+' : ''));
    var body = document.getElementById('partner-counters');
    if (body) {
      var columns = Array.prototype.map.call(body.closest('table').querySelectorAll('thead th[data-outcome]'),
        function (th) { return th.getAttribute('data-outcome'); });
      var rows = document.createDocumentFragment();
      Object.keys(counts.byPartner).forEach(function (partner) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-partner', partner);
        var th = document.createElement('th');
        th.scope = 'row';
        th.textContent = partner;
        tr.appendChild(th);
        columns.forEach(function (outcome) {
          var td = document.createElement('td');
          td.textContent = counts.byPartner[partner][outcome] || 0;
          tr.appendChild(td);
        });
        rows.appendChild(tr);
      });
      body.replaceChildren(rows);
    }
    say('Updated ' + live.shownAt, false);
  }

  function refresh() {
    fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin', cache: 'no-store'})
      .then(function (response) {
        if (response.redirected || response.status === 401 || response.status === 403) {
          throw new Error('signed out, reload the page to sign in again');
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(render)
      .catch(function (error) {
        say('Live counters not updated: ' + error.message, true);
      });
  }

  window.setInterval(refresh, interval);
})();

// A message still on its way (received, signed, delivering): reload its page until it settles, so
// an operator who replayed a delivery sees it arrive without pressing anything.
(function () {
  'use strict';
  var page = document.querySelector('[data-refresh-seconds]');
  if (!page) {
    return;
  }
  var seconds = parseInt(page.getAttribute('data-refresh-seconds'), 10) || 3;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
