"""Page metadata: each page shows when it was last updated, and its description is safe in <meta>.

Last updated: the day of the last git commit that touched the page's file (read with one
`git log` per build, in the validation phase). Outside git, in a shallow clone, or for an
uncommitted file, the build date is used, so a build never fails for want of history.
The front matter itself (description, tags) is checked in the validation phase.
"""

from __future__ import annotations

import html

from handbook.build import HANDBOOK
from handbook.languages import UI, date_text


def on_page_context(context, page, config, nav):
    lang = page.file.locale
    build = HANDBOOK.build
    day = build.updated(f"{build.docs_rel}/{page.file.src_uri}")
    context["hb_updated"] = {"label": UI[lang]["last_updated"], "iso": day.isoformat(), "text": date_text(day, lang)}
    context["hb_ui"] = UI[lang]  # the interface words of the handbook's own template parts (actions.html)
    # Material writes the description into <meta content="…"> without escaping it.
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = html.escape(html.unescape(page.meta["description"]), quote=True)
    return context
