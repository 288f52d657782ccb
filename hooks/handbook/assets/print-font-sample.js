// Marks a sample of the book's text (titles, the TOC, paragraphs, list items, cells) with
// data-hb-font-sample, for the check of which fonts Chromium draws it with (hooks/handbook/book_print.py).
// Returns how many nodes were marked.
() => {
  const picked = [];
  const take = (selector, limit) => {
    const nodes = Array.from(document.querySelectorAll(selector)).filter((n) => n.textContent.trim());
    const step = Math.max(1, Math.floor(nodes.length / limit));
    for (let i = 0; i < nodes.length && picked.length < 400; i += step) picked.push(nodes[i]);
  };
  take('.hb-cover-title, .hb-toc-text, .hb-part-title, .hb-chapter-title', 20);
  take('.hb-chapter p', 24); take('.hb-chapter li', 12); take('.hb-chapter td', 24);
  take('.hb-chapter h3, .hb-chapter h4', 10);
  picked.forEach((node, i) => node.setAttribute('data-hb-font-sample', String(i)));
  return picked.length;
}
