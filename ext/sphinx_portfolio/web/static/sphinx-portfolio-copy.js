/* sphinx-portfolio: the "Copy" buttons beside each BibTeX entry (publication lists and paper
 * pages; see sphinx_portfolio/publications/buttons.py).
 *
 * The page writes them hidden: without this script, or where the browser offers no
 * clipboard (a page served over plain http), there is no button that does nothing, and the
 * BibTeX is still there to select and its .bib file to download. Copying is announced in a
 * status region beside the button, for screen readers; the button says it for a moment. Its
 * words come with the button (data-copied, ...), in the site's language. */
"use strict";

(function () {
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }
  var SHOWN_FOR = 2000; // ms that "Copied" stays on the button

  function enable(button) {
    var panel = button.closest(".portfolio-bibtex, .portfolio-panel");
    var source = panel && panel.querySelector("pre");
    if (!source) {
      return;
    }
    var status = document.createElement("span");
    status.className = "portfolio-visually-hidden";
    status.setAttribute("role", "status");
    button.after(status);
    var label = button.textContent;
    var timer = 0;
    function say(shown, announced) {
      button.textContent = shown;
      status.textContent = announced;
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = label;
        status.textContent = "";
      }, SHOWN_FOR);
    }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.replace(/\n+$/, "\n")).then(
        function () { say(button.dataset.copied, button.dataset.copiedSaid); },
        function () { say(button.dataset.notCopied, button.dataset.notCopiedSaid); }
      );
    });
    button.hidden = false;
  }

  document.querySelectorAll("button.portfolio-copy").forEach(enable);
})();
