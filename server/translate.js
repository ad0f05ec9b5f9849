// Streamlit's own texts in Spanish, and the browser's language set to the page's: Streamlit's
// calendar (month names, the week starting on Monday) and its tables' numbers follow it.
(() => {
  "use strict";
  const TABLE = __TABLE__;
  const languages = Object.freeze([TABLE.lang, TABLE.lang.split("-")[0]]);
  Object.defineProperty(Navigator.prototype, "language", { get: () => languages[0] });
  Object.defineProperty(Navigator.prototype, "languages", { get: () => languages });

  const texts = new Map(Object.entries(TABLE.texts));
  const patterns = TABLE.patterns.map((p) => [new RegExp(p.source), p.target]);
  // how a varying part is rewritten: {1} a number with a decimal comma, {1:month} an English
  // month's Spanish name, {1:date} an English date ("September 30, 2025") as dd-mm-aaaa
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const monthName = new Intl.DateTimeFormat(TABLE.lang, { month: "long", timeZone: "UTC" });
  const two = (n) => String(n).padStart(2, "0");
  const CONVERT = {
    number: (part) => (/^\d+\.\d+$/.test(part) ? part.replace(".", ",") : part),
    month: (part) => {
      const index = MONTHS.indexOf(part);
      return index < 0 ? part : monthName.format(Date.UTC(2000, index, 1));
    },
    date: (part) => {
      const match = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(part);
      const index = match ? MONTHS.indexOf(match[1]) : -1;
      return index < 0 ? part : `${two(match[2])}-${two(index + 1)}-${match[3]}`;
    },
  };

  function spanish(text) {
    const key = text.trim();
    if (!key) return null;
    let found = texts.get(key);
    if (found === undefined) {
      for (const [pattern, target] of patterns) {
        const match = pattern.exec(key);
        if (match) {
          found = target.replace(/\{(\d)(?::(\w+))?\}/g,
            (_, i, kind) => CONVERT[kind ?? "number"](match[Number(i)] ?? ""));
          break;
        }
      }
    }
    return found === undefined ? null : text.replace(key, found);
  }

  function translateText(node) {
    const done = spanish(node.nodeValue);
    if (done !== null && done !== node.nodeValue) node.nodeValue = done;
  }

  function translateAttributes(element) {
    for (const name of TABLE.attributes) {
      const value = element.getAttribute(name);
      if (!value) continue;
      const done = spanish(value);
      if (done !== null && done !== value) element.setAttribute(name, done);
    }
  }

  // charts draw thousands of SVG nodes and none of Streamlit's texts: their subtrees are skipped
  const skip = (element) => element.namespaceURI === "http://www.w3.org/2000/svg" && element.localName !== "svg";

  function translateTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return translateText(root);
    if (root.nodeType !== Node.ELEMENT_NODE || skip(root)) return;
    translateAttributes(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE && skip(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) translateText(node);
      else translateAttributes(node);
    }
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") translateText(record.target);
      else if (record.type === "attributes") translateAttributes(record.target);
      else record.addedNodes.forEach(translateTree);
    }
  });
  observer.observe(document.documentElement, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: TABLE.attributes,
  });
})();
