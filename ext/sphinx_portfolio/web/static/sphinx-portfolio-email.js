/* sphinx-portfolio: e-mail addresses, written "ada [at] example [dot] org" in the HTML
 * (see sphinx_portfolio/web/privacy/mailto.py), become links that write to them.
 *
 * The mailto: URL is put together only when the reader points at the link, focuses it
 * or activates it (a click handler runs before the browser follows the link, so the
 * first click already opens the mail program): a crawler that runs scripts but does not
 * interact finds no address in the page. Without this script the text stays readable. */
"use strict";

(function () {
  function address(written) {
    return written
      .replace(/\s*\[at\]\s*/g, "@")
      .replace(/\s*\[dot\]\s*/g, ".")
      .replace(/\s+/g, "");
  }

  function linkFor(shown) {
    var link = document.createElement("a");
    link.className = shown.className + " reference external";
    link.href = "#"; // a link from the start (focusable, announced as one); set on use
    while (shown.firstChild) {
      link.appendChild(shown.firstChild);
    }
    var written = link.querySelector(".portfolio-email-address");
    var use = function () {
      // an address may hold "?", "#" or "%", which would start a URL's query or fragment
      link.href = "mailto:" + address((written || link).textContent)
        .split(",").map(function (one) {
          return one.replace(/[?#%]/g, encodeURIComponent);
        }).join(",");
    };
    ["pointerenter", "focus", "click"].forEach(function (kind) {
      link.addEventListener(kind, use);
    });
    return link;
  }

  document.querySelectorAll("span.portfolio-email").forEach(function (shown) {
    shown.replaceWith(linkFor(shown));
  });
})();
