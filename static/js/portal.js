// Behaviour shared by every page, kept out of the HTML so that the Content-Security-Policy can
// forbid inline scripts. Pages work without it: it only saves a click.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu switches as soon as a language is chosen; its button is for browsers without JS.
  for (const form of document.querySelectorAll("form.lang")) {
    const select = form.querySelector("select[name=language]");
    const button = form.querySelector("button");
    if (button) button.hidden = true;
    if (select) select.addEventListener("change", () => form.submit());
  }
});
