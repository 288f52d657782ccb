// Writes the page numbers into the table of contents' fixed-width slots (hooks/handbook/book_print.py).
// Called with { anchor: page number }.
(numbers) => {
  for (const slot of document.querySelectorAll('.hb-toc-page')) {
    slot.textContent = numbers[slot.dataset.for] ?? '';
  }
}
