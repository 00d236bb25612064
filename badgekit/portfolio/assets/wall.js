"use strict";
// Details dialogs.  Browsers with invoker commands (command/commandfor) open and close them
// without script; elsewhere this does the same: open as a modal, close on the close button,
// on Escape (native) and on a click on the backdrop, and give focus back to the opener.
(function () {
  var native = "command" in HTMLButtonElement.prototype;
  var opener = null;
  document.querySelectorAll("button[commandfor]").forEach(function (button) {
    var dialog = document.getElementById(button.getAttribute("commandfor"));
    if (!dialog) return;
    if (button.getAttribute("command") === "show-modal") {
      button.addEventListener("click", function () {
        opener = button;
        if (!native && !dialog.open) dialog.showModal();
      });
    } else if (!native) {
      button.addEventListener("click", function () { dialog.close(); });
    }
  });
  document.querySelectorAll("dialog").forEach(function (dialog) {
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (opener) { opener.focus(); opener = null; }
    });
  });
  document.documentElement.setAttribute("data-wall", "ready");
})();
