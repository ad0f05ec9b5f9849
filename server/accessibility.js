// What Streamlit's markup tells a screen reader, repaired where a style cannot: each repair names
// the finding it answers in docs/accessibility.md.
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
})();
