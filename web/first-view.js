// The first view, before the app's wasm has arrived (issue 14). crates/unimargin-prerender
// puts this script inline in index.html, after one <template> per language holding the
// page of a first visit rendered at build time, and allows it in the CSP by its hash.
// It shows the view the app would show first, inert (nothing typed or pressed there could
// be lost: the app replaces it, in the same task as it renders, when it starts), and only
// when that view is right: not for a share link, nor for saved work other than a first
// visit's (the app then shows the work itself when it starts).
(() => {
  const templates = document.querySelectorAll("template[data-first-view-lang]");
  const known = new Set([...templates].map((t) => t.dataset.firstViewLang));
  const show = () => {
    // a share link (or another fragment the app reads) opens something else
    if (location.hash.length > 1) return null;
    let saved = null;
    try {
      saved = localStorage.getItem("unimargin.work");
    } catch {
      saved = null; // storage blocked: the app keeps nothing either
    }
    let lang = null;
    if (saved !== null) {
      // the app's storage envelope (src/storage.rs): a first visit's draft, any market
      let work;
      try {
        work = JSON.parse(saved);
      } catch {
        return null;
      }
      if (work?.app !== "unimargin" || work.version !== 2 || typeof work.draft !== "object" || work.draft === null) return null;
      const { market, ...draft } = work.draft;
      const blank = document.getElementById("first-view-blank").textContent;
      if (JSON.stringify(draft) !== blank) return null;
      if (known.has(work.lang)) lang = work.lang;
    }
    // as the app chooses (src/i18n.rs, from_browser): the first known primary subtag
    if (lang === null) {
      const preferred = navigator.languages?.length ? navigator.languages : [navigator.language ?? ""];
      lang = preferred.map((tag) => String(tag).split(/[-_]/)[0].toLowerCase()).find((p) => known.has(p)) ?? "en";
    }
    return lang;
  };
  const lang = show();
  const template = [...templates].find((t) => t.dataset.firstViewLang === lang);
  if (template) {
    document.documentElement.lang = lang;
    const view = template.content.cloneNode(true);
    for (const element of view.children) {
      element.setAttribute("data-first-view", "");
      element.inert = true;
    }
    // the CSP refuses style attributes in markup, not styles set by a script
    for (const element of view.querySelectorAll("[data-first-view-style]")) {
      element.style.cssText = element.dataset.firstViewStyle;
      element.removeAttribute("data-first-view-style");
    }
    templates[0].before(view);
  }
  for (const t of templates) t.remove();
})();
