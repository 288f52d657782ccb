// The book's headings, for its PDF outline (hooks/handbook/book_print.py): every heading that is
// printed, in order, as {level, id, title}. Each gets an invisible link to it, so that Chromium
// writes a named destination for it (it does so for every link target, painted or not); the
// outline's bookmarks point at those destinations. The links are hidden: they add no link
// annotation to any page and take no room, so the pagination is unchanged.
() => {
  const targets = document.createElement('nav');
  targets.id = 'hb-heading-targets';
  targets.setAttribute('aria-hidden', 'true');
  targets.style.cssText = 'position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: hidden; visibility: hidden;';
  const headings = [];
  let unnamed = 0;
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (heading.getClientRects().length === 0) continue;  // not printed (display: none)
    if (!heading.id) heading.id = `hb-heading-${++unnamed}`;
    const link = document.createElement('a');
    link.href = `#${heading.id}`;
    targets.append(link);
    headings.push({ level: Number(heading.tagName[1]), id: heading.id,
                    title: heading.textContent.replace(/\s+/g, ' ').trim() });
  }
  document.body.append(targets);
  return headings;
}
