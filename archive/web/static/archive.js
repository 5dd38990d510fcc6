// Enhancements only: every page works without this file.
(function () {
  "use strict";
  // Back and forward show the search the URL describes, not what was ticked before leaving.
  window.addEventListener("pageshow", function (event) {
    var search = document.getElementById("search");
    if (event.persisted && search) search.reset();
  });
  // A table that fits needs no stop of its own on the way through the page with Tab.
  function tableStops() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    });
  }
  tableStops();
  window.addEventListener("resize", tableStops);
  // High contrast: switch at once instead of reloading; the same cookie the server sets.
  var form = document.querySelector(".contrast-form");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var button = form.querySelector(".contrast-toggle");
    var high = button.getAttribute("aria-pressed") !== "true";
    event.preventDefault();
    document.cookie = "contrast=" + (high ? "high" : "normal") + "; path=/; max-age=31536000; SameSite=Lax";
    document.documentElement.classList.toggle("contrast-high", high);
    button.setAttribute("aria-pressed", high ? "true" : "false");
    button.value = high ? "normal" : "high";
    var state = button.querySelector(".toggle-state");
    if (state) state.textContent = high ? "on" : "off";
  });
})();
