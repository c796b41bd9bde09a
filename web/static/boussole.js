// Progressive enhancements only: every page works without this file.
(function () {
  'use strict';

  // Filter forms submit themselves when a select changes, sparing a click.
  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.form && target.form.hasAttribute('data-bsl-autosubmit')) {
      target.form.requestSubmit();
    }
  });
})();
