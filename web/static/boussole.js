// Progressive enhancements only: every page works without this file.
(function () {
  'use strict';

  // A form sent back with errors: move the focus to its error summary, so that
  // keyboard and screen reader users start from the list of what to correct.
  // Forms never submit themselves on change: that would change the context
  // without warning (RGAA 7.5).
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-bsl-error-summary]');
    if (summary) {
      summary.focus();
    }
  });
})();
