// Harmonia dashboard: plain JavaScript, no build step, no third-party code. It reads the API
// it is served by (/dashboard/options, /dashboard/matrix, /divergences, /entries/{id},
// /countries/{code}, /coverage/countries/{code}, /documents/{id}/controls, /changes,
// /entries/{id}/timeline) and builds the DOM
// with textContent only, so texts from the lists and documents can never inject markup.
//
// This file starts the page. index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- start --------------------------------------------------------------------------------

async function start() {
  buildViews();
  try {
    await Promise.all([...new Set(["en", state.lang])].map(loadWords));
  } finally {
    // Shown once it speaks the reader's language (style.css hides it until then); should the
    // words not come, shown all the same, the error left to the console.
    document.documentElement.classList.remove("loading");
  }
  applyLanguage();
  $("lang").addEventListener("change", async (event) => {
    const lang = event.target.value;
    await loadWords(lang);
    state.lang = lang;
    localStorage.setItem("harmonia.lang", state.lang);
    applyLanguage();
  });
  $("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.technology = $("technology").value;
    state.category = $("category").value;
    state.kind = "";
    compare();
  });
  $("add-juris").addEventListener("change", (event) => {
    const key = event.target.value;
    if (!key) return;
    state.extra = [...new Set([...state.extra, key])];
    toggle(key, true);
    renderPickers();
    document.getElementById(`j-${key}`)?.focus();
  });
  for (const radio of document.querySelectorAll("input[name=by]")) {
    radio.addEventListener("change", async () => {
      state.by = radio.value;
      writeHash();
      state.matrix = await api("/dashboard/matrix", { jurisdiction: state.selected, by: state.by });
      renderMatrix();
    });
  }
  $("more").addEventListener("click", more);
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("search-q").value.trim();
    if (!q) return;
    const target = `#search?q=${encodeURIComponent(q)}`;
    if (location.hash === target) route();
    else location.hash = target;
  });
  $("lacks-pick").addEventListener("change", (event) => {
    if (event.target.value) location.hash = `#lacks/${event.target.value}`;
  });
  $("codes-tech").addEventListener("change", (event) => {
    const tech = event.target.value;
    location.hash = `#codes?code=${encodeURIComponent(state.codes ? state.codes.code : "echri")}${tech ? `&tech=${encodeURIComponent(tech)}` : ""}`;
  });
  $("parties-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const verdict = $("parties-verdict").value;
    location.hash = `#parties?a=${$("parties-a").value}&b=${$("parties-b").value}${verdict ? `&verdict=${verdict}` : ""}`;
  });
  $("brief-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const target = briefHash(briefFromForm());
    if (location.hash === target) route();
    else location.hash = target;
  });
  $("brief-kind").addEventListener("change", () => renderBriefPickers(briefFromForm()));
  $("country-pick").addEventListener("change", (event) => {
    if (event.target.value) loadCountry(event.target.value);
  });
  window.addEventListener("hashchange", route);
  setStatus("loading");
  try {
    const [options, regimes] = await Promise.all([api("/dashboard/options"), api("/regimes", { limit: 500 })]);
    state.options = options;
    for (const r of regimes.items) state.regimes[r.id] = r;
    renderPickers();
    await route();
  } catch (error) {
    setStatus(null);
    $("form-error").textContent = error.message;
  }
}

start();

