// What Streamlit's markup tells a screen reader, repaired where a style cannot: each repair names
// the finding it answers in docs/accessibility.md. Also where a new page opens (at its top).
(() => {
  "use strict";
  // Lists (axe list, listitem): the sidebar's page list puts one <div> per section (Tablero,
  // Datos, Ayuda) straight inside its <ul>, with the section's <li> inside the <div>. Each section
  // becomes a list named by its header, and the <ul> around them none.
  // Sections are repaired as they appear: Streamlit may draw the <ul> before its sections.
  const SECTION = '[data-testid="stSidebarNavItems"] > div:not([role])';
  function repairSection(section) {
    section.parentElement.setAttribute("role", "none");
    section.setAttribute("role", "list");
    const header = section.querySelector(':scope > [data-testid="stNavSectionHeader"]');
    if (header) {
      const words = header.cloneNode(true); // without the icon's ligature name (expand_more)
      words.querySelectorAll('[aria-hidden="true"]').forEach((icon) => icon.remove());
      section.setAttribute("aria-label", words.textContent.trim());
      header.setAttribute("aria-hidden", "true"); // its words are the list's name now
    }
  }
  new MutationObserver(() => document.querySelectorAll(SECTION).forEach(repairSection))
    .observe(document.documentElement, { subtree: true, childList: true });

  // Keyboard: Streamlit's date field takes a typed date only when the focus leaves the field, so
  // Enter did nothing. Enter hands the focus out of the field and back: the date is taken and the
  // focus stays where it was.
  const DATE_PART = '[data-testid="stDateInput"] [role="spinbutton"]';
  document.addEventListener("keydown", (event) => {
    const part = event.target;
    if (event.key !== "Enter" || !(part instanceof Element) || !part.matches(DATE_PART)) return;
    const outside = document.getElementById("stMain");
    if (!outside) return;
    outside.focus({ preventScroll: true });
    setTimeout(() => part.isConnected && part.focus({ preventScroll: true }), 0);
  }, true);

  // Where a page opens: at its top. Streamlit keeps the main area's scroll when it changes page,
  // so a click on a comuna low in the map opened its ficha far below its title. A change of page
  // (of the address's path, not of its filters) scrolls the main area back to the top; an address
  // with an anchor (/definiciones#brecha-de-uso) is left to scroll to it.
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method];
    history[method] = function (...args) {
      const before = location.pathname;
      const done = original.apply(this, args);
      if (location.pathname !== before && !location.hash) {
        document.querySelector('[data-testid="stMain"]')?.scrollTo(0, 0);
      }
      return done;
    };
  }
})();
