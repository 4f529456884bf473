// Counts down every .countdown[data-seconds] once a second (one timer per page, however often a fragment loads it).
(function () {
  if (window.fangxinCountdown) { return; }
  window.fangxinCountdown = setInterval(function () {
    document.querySelectorAll('.countdown[data-seconds]').forEach(function (el) {
      var left = Math.max(0, parseInt(el.getAttribute('data-seconds'), 10) - 1);
      el.setAttribute('data-seconds', left);
      el.textContent = left + 's';
    });
  }, 1000);
})();
