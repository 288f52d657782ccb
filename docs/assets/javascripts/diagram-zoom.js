/* Flowcharts on a phone: the diagrams are inline SVG drawn at build time, fitted to the column,
   so on a 390 px screen their labels shrink to 6-10 px. A tap on a diagram (or its "Enlarge"
   button) opens it full-screen at its drawn size, where it pans with a finger (native scrolling)
   and zooms with the + and - buttons or a pinch. The SVG itself moves into the dialog and back,
   so its ids and styles stay unique on the page. Without JavaScript the diagram is as before. */
(function () {
  "use strict";
  var TEXT = {
    "zh-TW": {open: "放大流程圖", close: "關閉", zoomIn: "放大", zoomOut: "縮小", hint: "用手指拖曳移動"},
    en: {open: "Enlarge diagram", close: "Close", zoomIn: "Zoom in", zoomOut: "Zoom out", hint: "Drag to move around"}
  };

  function start() {
    var figures = document.querySelectorAll("figure.hb-diagram");
    if (!figures.length || !window.HTMLDialogElement) return;
    var words = TEXT[window.handbook && window.handbook.language ? window.handbook.language(TEXT) : "en"];

    var dialog = document.createElement("dialog");
    dialog.className = "hb-zoom";
    dialog.setAttribute("aria-label", words.open);
    var bar = document.createElement("div");
    bar.className = "hb-zoom__bar";
    var hint = document.createElement("span");
    hint.className = "hb-zoom__hint";
    hint.textContent = words.hint;
    function button(label, text, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "hb-zoom__button";
      b.setAttribute("aria-label", label);
      b.textContent = text;
      b.addEventListener("click", action);
      bar.appendChild(b);
      return b;
    }
    var stage = document.createElement("div");
    stage.className = "hb-zoom__stage";
    stage.tabIndex = 0;
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    document.body.appendChild(dialog);

    var current = null, home = null, zoom = 1, natural = 0;
    function size() {
      if (current) current.style.width = Math.round(natural * zoom) + "px";
    }
    bar.appendChild(hint);
    button(words.zoomOut, "\u2212", function () { zoom = Math.max(0.5, zoom / 1.5); size(); });
    button(words.zoomIn, "+", function () { zoom = Math.min(4, zoom * 1.5); size(); });
    var close = button(words.close, "\u00d7", function () { dialog.close(); });
    close.classList.add("hb-zoom__close");

    dialog.addEventListener("close", function () {
      if (!current) return;
      current.style.width = "";
      current.style.maxWidth = home.maxWidth;
      home.figure.insertBefore(current, home.next);
      home.opener.focus();
      current = null;
    });

    Array.prototype.forEach.call(figures, function (figure) {
      var svg = figure.querySelector("svg");
      if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
      var opener = document.createElement("button");
      opener.type = "button";
      opener.className = "hb-zoom__open";
      opener.textContent = words.open;
      figure.appendChild(opener);
      function open() {
        natural = svg.viewBox.baseVal.width || svg.getBoundingClientRect().width;
        zoom = 1;
        home = {figure: figure, next: svg.nextSibling, opener: opener, maxWidth: svg.style.maxWidth};
        current = svg;
        svg.style.maxWidth = "none";
        stage.appendChild(svg);
        size();
        dialog.showModal();
        stage.scrollTo((stage.scrollWidth - stage.clientWidth) / 2, 0);  /* the chart starts at its top centre */
        stage.focus();
      }
      opener.addEventListener("click", open);
      svg.addEventListener("click", function () { if (!current) open(); });
    });
  }

  if (window.handbook && window.handbook.onPage) window.handbook.onPage(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
