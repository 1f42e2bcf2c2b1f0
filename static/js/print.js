// Buttons marked data-print open the browser's print dialogue (no inline handlers: the
// Content-Security-Policy allows scripts from static files only). Without JavaScript the
// button stays hidden and the browser's own print command works.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
