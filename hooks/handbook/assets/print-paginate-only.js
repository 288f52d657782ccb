// Turns the paginate-only look on or off (hooks/handbook/book_print.py): the first print pass only has
// to paginate, so it paints just the part and chapter titles the TOC points at. Visibility does not
// change the layout, so the pages break exactly as in the final print, at a fraction of the cost.
(on) => {
  let style = document.getElementById('hb-paginate-only');
  if (on && !style) {
    style = document.createElement('style');
    style.id = 'hb-paginate-only';
    style.textContent = 'body * { visibility: hidden !important; } '
      + '.hb-part-title, .hb-chapter-title { visibility: visible !important; }';
    document.head.append(style);
  } else if (!on && style) {
    style.remove();
  }
}
