// Draws Mermaid diagrams to SVG in the build's Chromium (hooks/handbook/diagrams.py).
// Called with { texts, id, settings } on a blank page that has the vendored Mermaid loaded.
// Returns one result per text: { svg, title, description, steps } or { error }.
// `steps` (from, edge label, to) are read from Mermaid's own parse of a flowchart: the build
// turns them into the diagram's text alternative.
async ({ texts, id, settings }) => {
  if (typeof mermaid === 'undefined') throw new Error('the vendored Mermaid script did not load');
  mermaid.initialize(settings);
  const results = [];
  for (const text of texts) {
    try {
      const { svg } = await mermaid.render(id, text);
      let title = '', description = '', steps = [];
      try {
        const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
        const db = diagram.db;
        title = (db.getAccTitle && db.getAccTitle()) || '';
        description = (db.getAccDescription && db.getAccDescription()) || '';
        if (db.getVertices && db.getEdges) {
          const vertices = db.getVertices();
          const label = (key) => {
            const vertex = vertices instanceof Map ? vertices.get(key) : vertices[key];
            return String((vertex && vertex.text) || key).replace(/<br\s*\/?>/gi, ' ').trim();
          };
          steps = db.getEdges().map((edge) => [label(edge.start), String(edge.text || '').trim(), label(edge.end)]);
        }
      } catch (error) {
        // No text alternative from the parse: the build falls back to the drawing's own text.
      }
      results.push({ svg, title, description, steps });
    } catch (error) {
      const message = (error && (error.message || error.str)) || JSON.stringify(error);
      results.push({ error: String(message).split('\n').slice(0, 4).join(' ') });
      document.querySelectorAll(`#d${id}, #${id}`).forEach((node) => node.remove());
    }
  }
  return results;
}
