// Numbers the book after its first print (hooks/handbook/book_print.py): writes the page numbers
// into the table of contents' fixed-width slots and the page references' slots (whose invisible
// ghost keeps their width), and puts a blank page before each chapter that must move to a
// right-hand page. Called with { numbers: {anchor: page}, ref: "(see p. {n})", blanks: [anchor] }.
({ numbers, ref, blanks }) => {
  for (const slot of document.querySelectorAll('.hb-toc-page')) {
    slot.textContent = numbers[slot.dataset.for] ?? '';
  }
  for (const slot of document.querySelectorAll('.hb-ref')) {
    const n = numbers[slot.dataset.for];
    slot.querySelector('.hb-ref-text').textContent = n === undefined ? '' : ref.replace('{n}', n);
  }
  for (const anchor of blanks) {
    const opening = document.querySelector(`[data-opening="${anchor}"]`);
    if (opening && !(opening.previousElementSibling?.classList.contains('hb-blank-added'))) {
      const blank = document.createElement('div');
      blank.className = 'hb-blank hb-blank-added';
      opening.before(blank);
    }
  }
}
